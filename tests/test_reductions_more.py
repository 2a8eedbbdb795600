"""var, std, argmin, argmax, any, all, count_nonzero, ptp, nansum, nanmean, nanmin, nanmax, cumsum,
cumprod, cumulative_sum, cumulative_prod — NumPy is the oracle.

Exactness: results are compared exactly where arrpy runs NumPy's own algorithm (argmin/argmax,
any/all, count_nonzero, ptp, nanmin/nanmax, the cumulative ops — sequential, as NumPy's loop —
and every integer or bool result). var/std, nansum and nanmean add floats in arrpy's blocked
pairwise order, not NumPy's, so their float results are compared with rtol 1e-12 (float64,
complex128) or 1e-5 (float32, complex64).
"""

import functools
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import ALL_DTYPES, LARGE, assert_same, make_layout, sample, to_arrpy, to_numpy

pytestmark = IGNORE_FP_WARNINGS

# name -> (accepts a tuple axis, has dtype=, has keepdims)
FUNCTIONS = {
    "var": (True, True, True),
    "std": (True, True, True),
    "argmin": (False, False, True),
    "argmax": (False, False, True),
    "any": (True, False, True),
    "all": (True, False, True),
    "count_nonzero": (True, False, True),
    "ptp": (True, False, True),
    "nansum": (True, True, True),
    "nanmean": (True, True, True),
    "nanmin": (True, False, True),
    "nanmax": (True, False, True),
    "cumsum": (False, True, False),
    "cumprod": (False, True, False),
    "cumulative_sum": (False, True, False),
    "cumulative_prod": (False, True, False),
}
APPROXIMATE = {"var", "std", "nansum", "nanmean"}
METHODS = {"var", "std", "argmin", "argmax", "any", "all", "cumsum", "cumprod"}
LAYOUTS = ["contiguous", "fortran", "strided", "strided1d", "negative", "empty", "zero_d", "broadcast"]


@functools.lru_cache(maxsize=None)
def layout(name, dtype, small):
    if name == "broadcast":
        nx = np.broadcast_to(sample(dtype, 6, seed=3, small=small), (5, 6))
        return nx, arrpy.asarray(nx)
    return make_layout(name, dtype, seed=2, small=small)


def _rtol(dtype):
    return 1e-12 if np.dtype(dtype) in (np.float64, np.complex128) else 1e-5


def compare(result, expected, approximate):
    expected = np.asarray(expected)
    assert isinstance(result, arrpy.ndarray), type(result)
    assert result.dtype == expected.dtype.name, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    got = to_numpy(result)
    if approximate and expected.dtype.kind in "fc":
        rtol = _rtol(expected.dtype)
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=rtol, equal_nan=True)
    else:
        np.testing.assert_array_equal(got, expected)


def check(name, nx, ax, **kw):
    """arrpy.<name>(ax, **kw) matches numpy.<name>(nx, **kw): value, or the exception's class."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            expected = getattr(np, name)(nx, **kw)
        except (ValueError, TypeError) as e:
            with pytest.raises(type(e)):
                getattr(arrpy, name)(ax, **kw)
            return
        before = to_numpy(ax)
        compare(getattr(arrpy, name)(ax, **kw), expected, name in APPROXIMATE)
        if name in METHODS and "dtype" not in kw and not name.startswith("cumulative"):
            compare(getattr(ax, name)(**kw), expected, name in APPROXIMATE)
        np.testing.assert_array_equal(to_numpy(ax), before)  # the input is untouched


def axis_cases(name, ndim):
    tuple_axis, _, keepdims = FUNCTIONS[name]
    axes = [None] if ndim == 0 else [None, 0, -1] + ([1, (0, 1), (-1, 0)] if ndim >= 2 else [])
    if not tuple_axis:
        axes = [a for a in axes if not isinstance(a, tuple)]
    if name.startswith("cumulative") and ndim > 1:
        axes = [a for a in axes if a is not None]
    for axis in axes:
        for kd in ((False, True) if keepdims else (None,)):
            yield axis, kd


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_layouts(tier, name, dtype):
    small = name in ("cumprod", "cumulative_prod")
    for lay in LAYOUTS:
        nx, ax = layout(lay, dtype, small)
        for axis, kd in axis_cases(name, nx.ndim):
            kw = {"axis": axis}
            if kd is not None:
                kw["keepdims"] = kd
            check(name, nx, ax, **kw)


@pytest.mark.parametrize("name", list(FUNCTIONS))
@pytest.mark.parametrize("dtype", ["bool", "int16", "uint32", "float32", "float64", "complex128"])
def test_large_parallel_path(name, dtype):
    """> 65536 elements, so the parallel tier splits work (default tier)."""
    small = name in ("cumprod", "cumulative_prod")
    nx = sample(dtype, LARGE, seed=5, small=small)
    ax = arrpy.asarray(nx)
    check(name, nx, ax)
    n2, a2 = nx.reshape(400, -1), ax.reshape(400, -1)
    for axis in (0, 1):
        check(name, n2, a2, axis=axis)


DTYPE_ARGS = {
    "var": ["float32", "float64", "complex128"],
    "std": ["float32", "float64"],
    "nansum": ["int64", "float64", "float32", "complex128", "uint64"],
    "nanmean": ["float32", "float64"],
    "cumsum": ["int64", "float64", "float32", "int32", "uint64"],
    "cumprod": ["int64", "float64", "uint64"],
    "cumulative_sum": ["int64", "float64", "int16"],
    "cumulative_prod": ["int64", "float64"],
}


@pytest.mark.parametrize("name", list(DTYPE_ARGS))
@pytest.mark.parametrize("dtype", ["bool", "int8", "uint16", "int64", "float32", "float64", "complex64"])
def test_dtype_argument(name, dtype):
    nx = sample(dtype, 12, seed=4, small=True).reshape(3, 4)
    ax = to_arrpy(nx)
    for target in DTYPE_ARGS[name]:
        if np.dtype(dtype).kind == "c" and np.dtype(target).kind != "c":
            continue  # complex -> real drops the imaginary part with a ComplexWarning in NumPy
        if np.dtype(dtype).kind == "f" and np.dtype(target).kind == "u":
            continue  # negative float -> unsigned int is undefined behaviour in C: no oracle
        for axis in (0, 1) if name.startswith("cumulative") else (None, 0, 1):
            check(name, nx, ax, axis=axis, dtype=target)


def test_var_std_ddof_and_correction():
    nx = sample("float64", 24, seed=7).reshape(4, 6)
    ax = to_arrpy(nx)
    for name in ("var", "std"):
        for ddof in (0, 1, 2.5, 6):
            check(name, nx, ax, axis=1, ddof=ddof)
            check(name, nx, ax, axis=1, correction=ddof)
        with pytest.raises(ValueError, match="simultaneously"):
            getattr(arrpy, name)(ax, ddof=1, correction=1)
        compare(getattr(ax, name)(axis=0, ddof=1), getattr(nx, name)(axis=0, ddof=1), True)
    with pytest.warns(RuntimeWarning, match="Degrees of freedom"):
        r = arrpy.var(ax, axis=0, ddof=4)
    assert np.isinf(to_numpy(r)).all() or np.isnan(to_numpy(r)).any()


def test_cumulative_include_initial():
    nx = sample("int32", 12, seed=2).reshape(3, 4)
    ax = to_arrpy(nx)
    for name in ("cumulative_sum", "cumulative_prod"):
        for axis in (0, 1, -1):
            check(name, nx, ax, axis=axis, include_initial=True)
        check(name, nx[0], ax[0], include_initial=True)
        check(name, nx[:0, :], ax[:0, :], axis=0, include_initial=True)
    with pytest.raises(ValueError, match="axis"):
        arrpy.cumulative_sum(ax)


def test_nan_handling():
    nan = np.nan
    data = np.array([[1.0, nan, 3.0, -2.0], [nan, nan, nan, nan], [0.5, 2.0, nan, 2.0]])
    for dtype in ("float32", "float64", "complex128"):
        nx = data.astype(dtype)
        if dtype == "complex128":
            nx = nx + 1j * np.array([1.0, 0.0, -1.0, 2.0])
        ax = to_arrpy(nx)
        for name in ("nansum", "nanmean", "nanmin", "nanmax", "argmin", "argmax", "any", "all",
                     "count_nonzero", "var", "std", "ptp", "cumsum"):
            for axis in (None, 0, 1):
                check(name, nx, ax, axis=axis)
    ax = to_arrpy(data)
    for name, message in (("nanmin", "All-NaN"), ("nanmax", "All-NaN"), ("nanmean", "Mean of empty")):
        with pytest.warns(RuntimeWarning, match=message):
            getattr(arrpy, name)(ax, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        arrpy.nansum(ax, axis=1)
        arrpy.nanmax(ax, axis=0)


def test_argmax_nan_first_wins_everywhere(tier):
    for n in (5, 40, 3000, LARGE):
        x = np.arange(n, dtype=np.float64) % 17
        for positions in ([n - 1], [n // 2, n - 1], [0, n // 3]):
            y = x.copy()
            y[positions] = np.nan
            a = arrpy.asarray(y)
            assert arrpy.argmax(a).item() == np.argmax(y) == positions[0]
            assert arrpy.argmin(a).item() == np.argmin(y)
            assert np.isnan(arrpy.max(a).item()) and np.isnan(arrpy.min(a).item())
        # Ties: the first occurrence wins.
        z = np.zeros(n)
        z[[n // 4, n // 2]] = 3.0
        assert arrpy.argmax(arrpy.asarray(z)).item() == n // 4
        assert arrpy.argmin(arrpy.asarray(-z)).item() == n // 4


def test_empty_inputs():
    e = arrpy.zeros((0, 3))
    for name in ("argmin", "argmax"):
        with pytest.raises(ValueError, match=f"attempt to get {name} of an empty sequence"):
            getattr(arrpy, name)(e)
        with pytest.raises(ValueError, match="empty sequence"):
            getattr(arrpy, name)(e, axis=0)
        assert getattr(arrpy, name)(e, axis=1).shape == (0,)
    for name in ("min", "nanmin"):
        with pytest.raises(ValueError, match="zero-size array to reduction operation"):
            getattr(arrpy, name)(e)
    with pytest.raises(ValueError, match="zero-size array to reduction operation minimum which has no identity"):
        arrpy.min(e)
    with pytest.warns(RuntimeWarning):
        r = arrpy.var(arrpy.zeros(0))
    assert r.dtype == "float64" and np.isnan(r.item())
    with pytest.warns(RuntimeWarning):
        assert np.isnan(arrpy.std(e, axis=0).tolist()).all()
    assert arrpy.any(e).item() is False and arrpy.all(e).item() is True
    assert arrpy.count_nonzero(e).item() == 0
    assert arrpy.nansum(e).item() == 0.0
    assert arrpy.cumsum(e).shape == (0,)


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_bad_axis(name):
    a = arrpy.ones((2, 3))
    before = a.tolist()
    for axis in (2, -3):
        with pytest.raises(arrpy.AxisError):
            getattr(arrpy, name)(a, axis=axis)
    if FUNCTIONS[name][0]:
        with pytest.raises(ValueError, match="duplicate"):
            getattr(arrpy, name)(a, axis=(0, 0))
    else:
        with pytest.raises(TypeError):
            getattr(arrpy, name)(a, axis=(0, 1))
    with pytest.raises(TypeError):
        getattr(arrpy, name)(a, axis="0")
    assert a.tolist() == before
    assert issubclass(arrpy.AxisError, ValueError) and issubclass(arrpy.AxisError, IndexError)


def test_bad_dtype():
    a = arrpy.ones((2, 3))
    with pytest.raises(TypeError, match="int64"):
        arrpy.var(a, dtype="int64")
    with pytest.raises(TypeError, match="float64"):
        arrpy.std(arrpy.asarray([1j, 2j]), dtype="float64")
    with pytest.raises(TypeError, match="inexact"):
        arrpy.nanmean(a, dtype="int32")
    for name in DTYPE_ARGS:
        with pytest.raises(TypeError):
            getattr(arrpy, name)(a, axis=0, dtype="float17")
    with pytest.raises(TypeError, match="bool"):
        arrpy.ptp(arrpy.asarray([True, False]))


def test_results_identical_across_tiers_and_threads():
    rng = np.random.default_rng(11)
    x = rng.standard_normal(3 * LARGE) * 1e3
    a, a2 = arrpy.asarray(x), arrpy.asarray(x.reshape(600, -1))
    calls = [
        lambda: arrpy.var(a), lambda: arrpy.std(a), lambda: arrpy.std(a2, axis=0), lambda: arrpy.var(a2, axis=1),
        lambda: arrpy.argmax(a), lambda: arrpy.argmin(a2, axis=0), lambda: arrpy.nansum(a), lambda: arrpy.nanmean(a2, axis=0),
        lambda: arrpy.max(a), lambda: arrpy.min(a2, axis=1), lambda: arrpy.mean(a), lambda: arrpy.any(a2 > 3e3, axis=0),
        lambda: arrpy.count_nonzero(a > 0), lambda: arrpy.cumsum(a), lambda: arrpy.ptp(a2, axis=1),
    ]
    previous = arrpy.get_num_threads()
    try:
        reference = None
        for tier in ("reference", "simd", "parallel"):
            for threads in ((1, 2, 3) if tier == "parallel" else (1,)):
                arrpy.set_backend(tier)
                arrpy.set_num_threads(threads)
                results = [to_numpy(c()).tobytes() for c in calls]
                if reference is None:
                    reference = results
                assert results == reference, (tier, threads)
    finally:
        arrpy.set_backend("parallel")
        arrpy.set_num_threads(previous)


def test_max_min_nan_free_fast_path_matches_numpy():
    """min/max run a compare-and-select leaf on NaN-free data: same answers as NumPy."""
    rng = np.random.default_rng(3)
    for dtype in ("float32", "float64", "int8", "uint64", "int64"):
        x = (rng.standard_normal(LARGE + 37) * 100).astype(dtype)
        a = arrpy.asarray(x)
        assert_same(arrpy.max(a), np.max(x))
        assert_same(arrpy.min(a), np.min(x))
    x = np.full(5000, -np.inf)
    assert arrpy.max(arrpy.asarray(x)).item() == -np.inf
    x = np.full(5000, np.inf)
    assert arrpy.min(arrpy.asarray(x)).item() == np.inf


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=50, deadline=None)
@given(st.lists(finite, min_size=1, max_size=300))
def test_property_order_statistics(values):
    a = arrpy.asarray(values)
    lo, hi, mean = arrpy.min(a).item(), arrpy.max(a).item(), arrpy.mean(a).item()
    tol = 1e-9 * (abs(lo) + abs(hi) + 1)
    assert lo - tol <= mean <= hi + tol
    var, std = arrpy.var(a).item(), arrpy.std(a).item()
    assert var >= 0 and std >= 0
    assert abs(std * std - var) <= 1e-9 * (var + 1)
    assert values[arrpy.argmax(a).item()] == hi and values[arrpy.argmin(a).item()] == lo
    assert arrpy.ptp(a).item() == hi - lo


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(-10**6, 10**6), min_size=1, max_size=200), st.lists(st.integers(-10**6, 10**6), max_size=200))
def test_property_sums_and_cumsum(xs, ys):
    a, b = arrpy.asarray(xs, dtype="int64"), arrpy.asarray(ys, dtype="int64")
    both = arrpy.concatenate([a, b])
    assert arrpy.sum(both).item() == arrpy.sum(a).item() + arrpy.sum(b).item() == sum(xs) + sum(ys)
    assert arrpy.cumsum(a).tolist()[-1] == arrpy.sum(a).item()
    assert arrpy.count_nonzero(a).item() == sum(1 for v in xs if v)
    assert arrpy.any(a).item() == any(xs) and arrpy.all(a).item() == all(xs)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(finite, st.just(float("nan"))), min_size=1, max_size=100))
def test_property_nan_reductions(values):
    a = arrpy.asarray(values)
    clean = [v for v in values if v == v]
    assert abs(arrpy.nansum(a).item() - sum(clean)) <= 1e-6 * (sum(abs(v) for v in clean) + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if clean:
            assert arrpy.nanmax(a).item() == max(clean) and arrpy.nanmin(a).item() == min(clean)
        else:
            assert np.isnan(arrpy.nanmax(a).item())


EMPTY_CASES = [((0,), None), ((0, 3), 0), ((0, 3), 1), ((2, 0), 1), ((2, 0), 0), ((0, 0), 0), ((0, 4), (0, 1))]


def _runtime_warnings(f):
    """f()'s result and the messages of its RuntimeWarnings, less NumPy's floating-point error
    ones ("invalid value encountered", which arrpy does not give)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = f()
    return r, [str(w.message) for w in caught
               if issubclass(w.category, RuntimeWarning) and "encountered" not in str(w.message)]


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "bool", "complex128"])
@pytest.mark.parametrize("name", ["mean", "nanmean", "var", "std", "nanvar", "nanstd", "average"])
def test_empty_slices_warn_as_numpy(tier, name, dtype):
    """NumPy warns "Mean of empty slice" (mean, nanmean, average) and "Degrees of freedom <= 0
    for slice" (var, std; with a final '.' for the nan- forms) when a slice reduces no element,
    even when the result itself is empty, and returns NaN there."""
    if name.startswith("nan") and dtype == "complex128" and name != "nanmean":
        pytest.skip("nanvar/nanstd of complex: covered in test_nan_reductions")
    for shape, axis in EMPTY_CASES:
        n = np.zeros(shape, dtype=dtype)
        a = to_arrpy(n)
        if name == "average" and 0 in np.mean(n, axis=axis).shape:
            continue  # NumPy's average divides by the result's size: ZeroDivisionError there
        expected, want = _runtime_warnings(lambda: getattr(np, name)(n, axis=axis))
        got, have = _runtime_warnings(lambda: getattr(arrpy, name)(a, axis=axis))
        assert have == want, (shape, axis, have, want)
        assert_same(got if isinstance(got, arrpy.ndarray) else arrpy.asarray(got), np.asarray(expected))
    if name in ("var", "std", "nanvar", "nanstd"):
        n = np.ones((3, 2), dtype=dtype)
        for ddof in (2, 3, 4):
            expected, want = _runtime_warnings(lambda: getattr(np, name)(n, axis=0, ddof=ddof))
            got, have = _runtime_warnings(lambda: getattr(arrpy, name)(to_arrpy(n), axis=0, ddof=ddof))
            assert have == want and bool(want) == (ddof >= 3), (ddof, have, want)
            compare(got, expected, True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        getattr(arrpy, name)(to_arrpy(np.ones((2, 3), dtype=dtype)), axis=0)  # no warning
