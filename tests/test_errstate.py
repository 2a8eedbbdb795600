"""Floating-point error handling (errstate, seterr, geterr, seterrcall, geterrcall) with NumPy as
the oracle: the same operation warns (or raises) exactly when NumPy's does, with NumPy's
message, at every tier. Underflow is not detected by arrpy (README), so NumPy's is ignored."""

import asyncio
import io
import subprocess
import sys
import threading
import warnings

import numpy as np
import pytest

import arrpy as ap

from conftest import FLOAT_DTYPES, INT_DTYPES, LARGE, to_arrpy, traced

SPECIALS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -2.0, 3.5, 100.0, -100.0, 89.0, 710.0, -710.0,
            1e10, 1e30, 1e200, 1e308, -1e308, 3e38, 1e-310, np.inf, -np.inf, np.nan]
PAIR_VALUES = [0.0, -0.0, 1.0, -1.0, 2.5, 1e200, -1e200, 1e308, 1e-300, np.inf, -np.inf, np.nan]
UNARY = ["sqrt", "exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "sin", "cos", "tan",
         "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt",
         "deg2rad", "rad2deg", "fabs", "rint", "floor", "ceil", "trunc", "negative", "positive",
         "abs", "square", "reciprocal", "sign"]
BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "pow", "fmod",
          "maximum", "minimum", "fmax", "fmin", "copysign", "atan2", "hypot", "logaddexp",
          "logaddexp2", "nextafter"]


def messages(xp, f, *args, **kwargs):
    """The RuntimeWarnings ``f(*args)`` gives under ``xp.errstate(all='warn', under='ignore')``
    (``xp`` is NumPy or arrpy)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with xp.errstate(all="warn", under="ignore"):
            f(*args, **kwargs)
    return [str(w.message) for w in caught if w.category is RuntimeWarning]


def np_messages(f, *args, **kwargs):
    return messages(np, f, *args, **kwargs)


def ap_messages(f, *args, **kwargs):
    return messages(ap, f, *args, **kwargs)


# ---- the state ----

NUMPY_DEFAULT = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


def test_defaults_are_numpys():
    """In a fresh process: NumPy's default state, a warning from the first op that divides by
    zero, and a first state that raises (the raise mask is read from then on) leaving out= as
    it was."""
    assert ap.geterrcall() is None
    assert np.geterr() == NUMPY_DEFAULT
    code = (
        "import warnings, arrpy as ap\n"
        "assert ap.geterr() == %r, ap.geterr()\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    ap.divide(ap.asarray([1.0]), 0.0)\n"
        "assert [str(w.message) for w in caught] == ['divide by zero encountered in divide']\n"
        "out = ap.asarray([5.0, 6.0])\n"
        "ap.add(ap.asarray([1.0, 2.0]), 1.0, out=out)\n"
        "with ap.errstate(over='raise'):\n"
        "    try:\n"
        "        ap.multiply(ap.asarray([1e300, 1.0]), 1e300, out=out)\n"
        "    except FloatingPointError as e:\n"
        "        assert str(e) == 'overflow encountered in multiply', e\n"
        "    else:\n"
        "        raise AssertionError('no FloatingPointError')\n"
        "assert out.tolist() == [2.0, 3.0], out\n"
    ) % NUMPY_DEFAULT
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_numpys_first_raising_state_keeps_out():
    """In a fresh process, where no arrpy state has raised yet: NumPy's state raising for a
    call NumPy dispatches with out= (by keyword, and by position to a function) leaves out as
    it was."""
    code = (
        "import numpy as np, arrpy as ap\n"
        "x = ap.asarray([1.0, -1.0, 0.0])\n"
        "def raises(call):\n"
        "    try:\n"
        "        call()\n"
        "    except FloatingPointError as e:\n"
        "        return str(e)\n"
        "    raise AssertionError('no FloatingPointError')\n"
        "out = ap.asarray([5.0, 6.0, 7.0])\n"
        "with np.errstate(divide='raise'):\n"
        "    assert raises(lambda: np.divide(x, 0.0, out=out)) == "
        "'divide by zero encountered in divide'\n"
        "assert out.tolist() == [5.0, 6.0, 7.0], out\n"
        "total = ap.asarray(8.0)\n"
        "with np.errstate(over='raise'):\n"
        "    assert raises(lambda: np.sum(ap.asarray([1e308, 1e308]), None, None, total)) == "
        "'overflow encountered in reduce'\n"
        "assert total.tolist() == 8.0, total\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_seterr_returns_the_old_state_and_errstate_restores():
    old = ap.seterr(all="ignore", divide="raise")
    try:
        assert ap.geterr() == {"divide": "raise", "over": "ignore", "under": "ignore",
                               "invalid": "ignore"}
        with ap.errstate(over="raise", invalid="print"):
            assert ap.geterr()["over"] == "raise" and ap.geterr()["invalid"] == "print"
            assert ap.geterr()["divide"] == "raise"
        assert ap.geterr()["over"] == "ignore"
    finally:
        ap.seterr(**old)
    assert ap.geterr() == np.geterr()


def test_bad_modes_and_reentry():
    with pytest.raises(ValueError, match="invalid error mode 'foo'"):
        ap.seterr(divide="foo")
    with pytest.raises(ValueError, match="invalid error mode"):
        with ap.errstate(all="loud"):
            pass
    with pytest.raises(TypeError):
        ap.errstate(foo="warn")
    with pytest.raises(TypeError, match="callable or have a callable write method"):
        ap.seterrcall(3)
    state = ap.errstate(all="ignore")
    with state:
        with pytest.raises(TypeError, match="twice"):
            with state:
                pass
    assert ap.geterr()["divide"] == "warn"


def test_errstate_as_decorator():
    @ap.errstate(divide="raise")
    def divide(x):
        assert ap.geterr()["divide"] == "raise"
        return ap.divide(x, 0.0)

    with pytest.raises(FloatingPointError, match="divide by zero encountered in divide"):
        divide(ap.asarray([1.0]))
    assert ap.geterr()["divide"] == "warn"


def test_threads_have_their_own_state():
    seen = {}
    barrier = threading.Barrier(2)

    def worker(name, mode):
        with ap.errstate(divide=mode):
            barrier.wait()
            seen[name] = (ap.geterr()["divide"], ap_messages(ap.divide, ap.asarray([1.0]), 0.0))

    def silent(name):
        barrier.wait()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ap.divide(ap.asarray([1.0]), 0.0)
        seen[name] = (ap.geterr()["divide"], [str(w.message) for w in caught])

    threads = [threading.Thread(target=worker, args=("a", "ignore")),
               threading.Thread(target=silent, args=("b",))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # ap_messages sets all='warn' inside the worker's 'ignore' block: its own state.
    assert seen["a"] == ("ignore", ["divide by zero encountered in divide"])
    assert seen["b"] == ("warn", ["divide by zero encountered in divide"])


def test_asyncio_tasks_have_their_own_state():
    async def task(mode, wait):
        with ap.errstate(over=mode):
            await asyncio.sleep(wait)
            return ap.geterr()["over"]

    async def main():
        return await asyncio.gather(task("raise", 0.02), task("ignore", 0.0))

    assert asyncio.run(main()) == ["raise", "ignore"]


def test_call_log_and_print_modes(capsys):
    calls = []
    with ap.errstate(all="call", call=lambda kind, flags: calls.append((kind, flags))):
        ap.divide(ap.asarray([1.0, 0.0]), 0.0)
    assert calls == [("divide by zero", 9), ("invalid value", 9)]
    log = io.StringIO()
    with ap.errstate(all="log", call=log):
        ap.log(ap.asarray([0.0]))
    assert log.getvalue() == "Warning: divide by zero encountered in log\n"
    old = ap.seterrcall(log)
    try:
        assert ap.geterrcall() is log
    finally:
        ap.seterrcall(old)
    with ap.errstate(all="print"):
        ap.sqrt(ap.asarray([-1.0]))
    assert capsys.readouterr().out == "Warning: invalid value encountered in sqrt\n"
    with ap.errstate(all="ignore"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ap.log(ap.asarray([0.0, -1.0]))


def test_warning_points_at_the_callers_line():
    with ap.errstate(divide="warn"), \
            pytest.warns(RuntimeWarning, match="divide by zero encountered in log") as record:
        ap.log(ap.asarray([0.0]))
    assert record[0].filename == __file__


# ---- NumPy as the oracle ----

@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("name", UNARY)
def test_unary_warns_as_numpy(tier, name, dtype):
    for v in SPECIALS:
        with np.errstate(over="ignore"):
            x = np.array([v], dtype=dtype)
        expected = np_messages(getattr(np, name), x)
        got = ap_messages(getattr(ap, name), to_arrpy(x))
        assert got == expected, (name, dtype, v)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("name", BINARY)
def test_binary_warns_as_numpy(tier, name, dtype):
    for v in PAIR_VALUES:
        for w in PAIR_VALUES:
            with np.errstate(over="ignore"):
                x, y = np.array([v], dtype=dtype), np.array([w], dtype=dtype)
            if name == "floor_divide" and np.isinf(x[0]) != np.isinf(y[0]):
                continue  # arrpy gives the Array API's values there (README), so its flags
            if name == "pow" and np.isinf(y[0]) and abs(float(x[0])) > 1e100:
                continue  # glibc's pow flags overflow for a huge base and infinite exponent
            expected = np_messages(getattr(np, name), x, y)
            got = ap_messages(getattr(ap, name), to_arrpy(x), to_arrpy(y))
            assert got == expected, (name, dtype, v, w)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("name", ["exp", "log", "sqrt", "reciprocal", "atanh"])
def test_many_values_at_once_or_their_flags(tier, name, dtype):
    """Flags of different elements (and of the threads' chunks) add up; one bad element among
    many is found wherever it lies (block and chunk edges)."""
    x = np.linspace(0.25, 0.75, LARGE).astype(dtype)
    for at in [0, 1, 2047, 2048, 4095, 4096, LARGE // 2, LARGE - 1]:
        for bad in [0.0, -1.0, 1e5, np.nan, np.inf]:
            y = x.copy()
            y[at] = bad
            assert ap_messages(getattr(ap, name), to_arrpy(y)) == \
                np_messages(getattr(np, name), y), (name, at, bad)
    y = x.copy()
    y[[5, LARGE - 7]] = [0.0, -3.0]
    assert ap_messages(getattr(ap, name), to_arrpy(y)) == np_messages(getattr(np, name), y)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("form", ["arrays", "scalar", "in place"])
def test_binary_vector_loops_watch_every_position(tier, form, dtype):
    """The vector loops note non-finite results as they write them (kernels::simd's watch):
    one overflow, 0/0 or x/0 is found wherever it lies (first element, block edges, the
    vector tail, the last), in each loop shape, and the vector loop is the one that ran."""
    x = np.linspace(1.0, 2.0, LARGE).astype(dtype)
    huge = np.finfo(dtype).max
    cases = [("multiply", huge, 4.0), ("divide", 1.0, 0.0), ("divide", 0.0, 0.0), ("add", huge, huge)]
    for name, bad, other in cases:
        for at in [0, 2047, 2048, 4096, LARGE - 9, LARGE - 1]:
            y = x.copy()
            y[at] = bad
            z = np.full_like(x, other) if form == "arrays" else other

            def run(xp, y, z):
                if form == "in place":
                    return getattr(xp, name)(y, z, out=y)
                return getattr(xp, name)(y, z)

            a = to_arrpy(y)
            b = to_arrpy(z) if form == "arrays" else z
            messages, runs = traced(tier, lambda: ap_messages(run, ap, a, b), op=name)
            want = y.copy()
            assert messages == np_messages(run, np, want, z), (name, form, at)
            if form == "in place":
                # The in-place loop writes only chunks free of non-finite results and leaves
                # the rest to the copying path: every element is computed, once.
                np.testing.assert_array_equal(np.asarray(a), want, err_msg=f"{name} at {at}")
            ran = runs[dtype]
            assert (ran["vector"] > 0) == (tier != "reference"), runs
            assert (ran["threaded"] > 0) == (tier == "parallel"), runs


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_unary_in_place_watch_every_position(tier, dtype):
    """Unary ops in place (``out=`` the input): one invalid, division by zero or overflow
    wherever it lies gives NumPy's message and NumPy's values, through the guarded in-place
    loop (sqrt, reciprocal, square) and the copying path of the hand-vectorized kernels
    (exp, log)."""
    x = np.linspace(1.0, 2.0, LARGE).astype(dtype)
    cases = [("sqrt", -1.0), ("reciprocal", 0.0), ("square", np.finfo(dtype).max),
             ("exp", 1e4), ("log", 0.0)]
    for name, bad in cases:
        for at in [0, 15, 16, 2047, 2048, LARGE - 9, LARGE - 1]:
            y = x.copy()
            y[at] = bad
            a = to_arrpy(y)
            messages, runs = traced(
                tier, lambda: ap_messages(lambda: getattr(ap, name)(a, out=a)), op=name)
            want = y.copy()
            assert messages == np_messages(lambda: getattr(np, name)(want, out=want)), (name, at)
            # exp and log are arrpy's own (within an ulp or two of NumPy's); the non-finite
            # results are exact.
            np.testing.assert_allclose(np.asarray(a), want, rtol=4 * np.finfo(dtype).eps,
                                       err_msg=f"{name} at {at}")
            assert (runs[dtype]["vector"] > 0) == (tier != "reference"), runs


@pytest.mark.parametrize("layout", ["strided", "negative", "broadcast", "empty", "2d-transposed"])
def test_layouts(tier, layout):
    base = np.linspace(-2.0, 2.0, 3001)
    base[1000] = 0.0
    views = {
        "strided": lambda a: a[::3],
        "negative": lambda a: a[::-2],
        "broadcast": lambda a: np.broadcast_to(a[1000:1003], (50, 3)),
        "empty": lambda a: a[:0],
        "2d-transposed": lambda a: a[:3000].reshape(60, 50).T,
    }
    x = views[layout](base)
    for name in ["log", "sqrt", "reciprocal"]:
        assert ap_messages(getattr(ap, name), to_arrpy(x)) == np_messages(getattr(np, name), x)
    assert ap_messages(ap.divide, 1.0, to_arrpy(x)) == np_messages(np.divide, 1.0, x)


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("name", ["floor_divide", "remainder", "fmod", "divide"])
def test_integer_division(tier, name, dtype):
    info = np.iinfo(dtype)
    values = sorted({0, 1, 3, info.max, info.min, -1 if info.min < 0 else 2})
    x = np.array(values, dtype=dtype)
    for w in values:
        y = np.array([w] * len(values), dtype=dtype)
        assert ap_messages(getattr(ap, name), to_arrpy(x), to_arrpy(y)) == \
            np_messages(getattr(np, name), x, y), (name, dtype, w)
    # Operators and in-place operators too.
    assert ap_messages(lambda: to_arrpy(x) // 0) == np_messages(lambda: x // 0)
    assert ap_messages(lambda: to_arrpy(x) % 0) == np_messages(lambda: x % 0)


@pytest.mark.parametrize("target", INT_DTYPES + ["bool", "float32", "float64"])
@pytest.mark.parametrize("source", FLOAT_DTYPES)
def test_casts(tier, source, target):
    for v in [np.nan, np.inf, -np.inf, 300.0, -1.0, 1e5, 3e9, -3e9, 5e9, 2e19, -1e19, 1e30,
              1e300, 2.5]:
        with np.errstate(over="ignore"):
            x = np.array([v]).astype(source)
        if np.isinf(x[0]) and np.isfinite(v):
            continue  # not a float32
        assert ap_messages(lambda: to_arrpy(x).astype(target)) == \
            np_messages(lambda: x.astype(target)), (source, target, v)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + ["int64"])
@pytest.mark.parametrize("name", ["sum", "prod", "mean", "cumsum", "cumprod", "nansum"])
def test_reductions(tier, name, dtype):
    big = np.finfo(dtype).max / 2 if dtype in FLOAT_DTYPES else 2**40
    cases = [
        np.array([big, big, 1.0]),
        np.array([np.inf, -np.inf]),
        np.array([np.inf, 1.0]),
        np.array([np.nan, big, big]),
        np.array([1.0, 2.0]),
        np.array([[big, 1.0], [big, 1.0]]),
        np.array([]),
        np.empty((0, 2)),
    ]
    for c in cases:
        if dtype == "int64" and not np.isfinite(c).all():
            continue
        x = c.astype(dtype)
        for axis in [None, 0, -1] if x.ndim == 2 else [None]:
            got = ap_messages(getattr(ap, name), to_arrpy(x), axis=axis)
            want = np_messages(getattr(np, name), x, axis=axis)
            assert got == want, (name, dtype, c, axis)


# ---- 'raise' and what it leaves behind ----

@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_raise_leaves_out_as_it_was(tier, dtype):
    x = np.linspace(0.5, 1.5, LARGE).astype(dtype)
    x[LARGE - 3] = 0.0
    a = to_arrpy(x)
    out = ap.full(LARGE, 7.0, dtype=dtype)
    with ap.errstate(divide="raise"):
        with pytest.raises(FloatingPointError, match="divide by zero encountered in log"):
            ap.log(a, out=out)
        with pytest.raises(FloatingPointError, match="divide by zero encountered in divide"):
            ap.divide(1.0, a, out=out)
    assert (np.asarray(out) == 7.0).all()
    # In place: out is an input.
    before = np.asarray(a).copy()
    with ap.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            ap.log(a, out=a)
        b = a
        with pytest.raises(FloatingPointError, match="divide by zero encountered in divide"):
            b /= ap.asarray(0.0, dtype=dtype)
    np.testing.assert_array_equal(np.asarray(a), before)
    # Another category raising does not stop the one that succeeds from writing.
    with ap.errstate(over="raise"):
        ap.log(a[: LARGE - 10], out=out[: LARGE - 10])
    np.testing.assert_array_equal(np.asarray(out)[: LARGE - 10], np.asarray(ap.log(a[: LARGE - 10])))


def test_raise_reports_numpys_first_category():
    x = ap.asarray([0.0, -1.0])
    with ap.errstate(all="raise"):
        with pytest.raises(FloatingPointError, match="^divide by zero encountered in log$"):
            ap.log(x)
    with ap.errstate(divide="warn", invalid="raise"):
        with pytest.warns(RuntimeWarning, match="divide by zero"):
            with pytest.raises(FloatingPointError, match="^invalid value encountered in log$"):
                ap.log(x)


def test_operators_and_elision(tier):
    n = LARGE
    x = np.full(n, 1e200)
    y = np.full(n, 1e200)
    z = np.full(n, 1.0)
    a, b, c = to_arrpy(x), to_arrpy(y), to_arrpy(z)
    assert ap_messages(lambda: a * b + c) == np_messages(lambda: x * y + z)
    assert ap_messages(lambda: (a - b) / (c - c)) == np_messages(lambda: (x - y) / (z - z))
    assert ap_messages(lambda: -a / 0.0) == np_messages(lambda: -x / 0.0)
    assert ap_messages(ap.multiply_add, a, b, c) == np_messages(lambda: x * y + z)
    assert ap_messages(ap.multiply_add, c, c, c) == []

    def inplace(m, p):
        m = m.copy()
        m *= p
        m -= m
        return m

    assert ap_messages(inplace, a, b) == np_messages(inplace, x, y)


def test_no_warning_without_a_flag(tier):
    x = np.linspace(-5, 5, LARGE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = to_arrpy(x)
        ap.exp(a), ap.sin(a), a / 3.0, a * a + a, ap.sum(a), a.astype("int32")
        ap.asarray([1, 2]) // ap.asarray([1, 2])
        ap.divide(ap.asarray([np.nan, np.inf]), 1.0)


def test_numpy_calls_follow_numpys_errstate(tier):
    """np.divide / np.log / np.mean on arrpy arrays are computed by arrpy under NumPy's error
    state, as NumPy's own loops would be (Dask divides under np.errstate(invalid='ignore'))."""
    a, n = ap.asarray([0.0, 1.0, -1.0]), np.asarray([0.0, 1.0, -1.0])
    for f in (lambda x: np.divide(x, 0.0), np.log, lambda x: np.sqrt(x)):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            f(a)
            f(n)
    with np.errstate(divide="raise"):
        with pytest.raises(FloatingPointError, match="divide by zero encountered in log"):
            np.log(a)
        with pytest.raises(FloatingPointError, match="divide by zero encountered in log"):
            np.log(n)
    # Outside NumPy's state, arrpy's own governs arrpy's calls, and NumPy's default warns.
    assert np_messages(np.log, n) == ap_messages(np.log, a) == [
        "divide by zero encountered in log", "invalid value encountered in log"]
    with ap.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        ap.log(a)


def test_numpys_ignore_silences_arrpy(tier):
    """Code written for NumPy (Dask's mean/std) silences expected warnings with np.errstate;
    arrpy's operators and functions honour NumPy's 'ignore', and only it."""
    a = ap.asarray([0.0, 1.0])
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert (a / 0.0).tolist()[1] == float("inf")
        ap.log(a)
    with np.errstate(divide="ignore"):
        assert ap_messages(ap.divide, a, 0.0) == ["invalid value encountered in divide"]
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError):
        with ap.errstate(divide="raise"):
            ap.log(a)
    # The raise mask follows the same rule: an out= (here the input itself, through NumPy's
    # memory and through a memoryview) is written, not kept back for a raise that NumPy's
    # 'ignore' then silences.
    for make in (lambda n: ap.asarray(n), lambda n: ap.asarray(memoryview(n))):
        n = np.array([1.0, -2.0, 0.0])
        x = make(n)
        with np.errstate(divide="ignore"), ap.errstate(divide="raise", invalid="ignore"):
            ap.divide(x, 0.0, out=x)
        assert np.array_equal(n, [np.inf, -np.inf, np.nan], equal_nan=True), n


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("layout", ["strided", "negative", "empty", "numpy memory", "memoryview"])
def test_in_place_layouts(tier, layout, dtype):
    """``a += b`` and ``sqrt(a, out=a)`` where ``a`` is a view of an arrpy array (strided,
    negative, empty: the guarded loop declines and the copying path runs), or arrpy's view of
    NumPy memory or of a memoryview (the guarded loop runs on foreign memory): NumPy's
    messages and values."""
    base = np.linspace(1.0, 2.0, 2 * LARGE).astype(dtype)
    base[[6, 2 * LARGE - 4]] = [np.finfo(dtype).max, -1.0]
    pick = {"strided": np.s_[::2], "negative": np.s_[::-2], "empty": np.s_[:0],
            "numpy memory": np.s_[:], "memoryview": np.s_[:]}[layout]
    for name, other in [("add", np.finfo(dtype).max), ("sqrt", None)]:
        want = base[pick].copy()
        if layout == "numpy memory":
            memory = base.copy()
            a = ap.asarray(memory)
        elif layout == "memoryview":
            memory = base.copy()
            a = ap.asarray(memoryview(memory))
        else:
            a = to_arrpy(base)[pick]
        args = (other,) if other is not None else ()
        messages, runs = traced(tier, lambda: ap_messages(
            lambda: getattr(ap, name)(a, *args, out=a)), op=name)
        assert messages == np_messages(lambda: getattr(np, name)(want, *args, out=want)), name
        np.testing.assert_allclose(np.asarray(a), want, rtol=4 * np.finfo(dtype).eps)
        if layout in ("numpy memory", "memoryview"):
            np.testing.assert_array_equal(memory, want)  # written in place, not to a copy
        if layout != "empty":
            assert (runs[dtype]["vector"] > 0) == (tier != "reference"), runs
