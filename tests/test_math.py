"""Elementwise math functions against NumPy: every function × dtype × layout × tier.

Transcendentals are compared within a few ULP (NumPy's own kernels are not correctly rounded
either; test_accuracy.py holds arrpy to 4 ULP of the exact value). Everything else is exact.
NumPy computes bool/int8/uint8 input of float functions in float16, which ArrPy lacks: ArrPy uses
float32 there, so the oracle is NumPy on the input cast to float32.
"""

import threading

import numpy as np
import pytest

import arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import ALL_DTYPES, LARGE, SMALL_LAYOUTS, assert_same, make_layout, sample, to_arrpy, to_numpy

pytestmark = IGNORE_FP_WARNINGS

# name -> (NumPy function, exact?)
UNARY = {
    "sqrt": (np.sqrt, True), "cbrt": (np.cbrt, False), "exp": (np.exp, False), "expm1": (np.expm1, False),
    "exp2": (np.exp2, False), "log": (np.log, False), "log1p": (np.log1p, False), "log2": (np.log2, False),
    "log10": (np.log10, False), "sin": (np.sin, False), "cos": (np.cos, False), "tan": (np.tan, False),
    "asin": (np.arcsin, False), "acos": (np.arccos, False), "atan": (np.arctan, False),
    "sinh": (np.sinh, False), "cosh": (np.cosh, False), "tanh": (np.tanh, False),
    "asinh": (np.arcsinh, False), "acosh": (np.arccosh, False), "atanh": (np.arctanh, False),
    "deg2rad": (np.deg2rad, True), "rad2deg": (np.rad2deg, True), "fabs": (np.fabs, True),
    "rint": (np.rint, True), "floor": (np.floor, True), "ceil": (np.ceil, True), "trunc": (np.trunc, True),
    "square": (np.square, True), "reciprocal": (np.reciprocal, True), "sign": (np.sign, True),
    "conj": (np.conj, True), "real": (np.real, True), "imag": (np.imag, True),
    "isfinite": (np.isfinite, True), "isinf": (np.isinf, True), "isnan": (np.isnan, True),
    "signbit": (np.signbit, True), "logical_not": (np.logical_not, True),
}
BINARY = {
    "atan2": (np.arctan2, False), "hypot": (np.hypot, False), "copysign": (np.copysign, True),
    "logaddexp": (np.logaddexp, False), "logaddexp2": (np.logaddexp2, False),
    "nextafter": (np.nextafter, True), "fmod": (np.fmod, True), "fmax": (np.fmax, True),
    "fmin": (np.fmin, True), "logical_and": (np.logical_and, True), "logical_or": (np.logical_or, True),
    "logical_xor": (np.logical_xor, True),
}
ALIASES = {"arcsin": "asin", "arccos": "acos", "arctan": "atan", "arctan2": "atan2", "arcsinh": "asinh",
           "arccosh": "acosh", "arctanh": "atanh", "degrees": "rad2deg", "radians": "deg2rad",
           "conjugate": "conj", "around": "round"}
MAX_ULP = 4
# NumPy's float32 logaddexp loses up to ~190 ULP where the result nears 0 (log1p(exp(-d))
# cancels); ArrPy computes float32 in float64, so the oracle is NumPy's float64 result rounded.
F32_VIA_F64 = {"logaddexp", "logaddexp2"}


def oracle(nfn, *args):
    """NumPy's answer, with float16 computations redone in float32 (see the module docstring)."""
    with np.errstate(all="ignore"):
        expected = nfn(*args)
        if np.asarray(expected).dtype == np.float16:
            expected = nfn(*[np.asarray(a).astype(np.float32) for a in args])
    return np.asarray(expected)


def assert_matches(result, expected, exact):
    if exact or expected.dtype.kind not in "fc":
        assert_same(result, expected)
        return
    assert result.dtype == expected.dtype.name and result.shape == expected.shape
    got = to_numpy(result)
    if expected.dtype.kind == "c":
        eps = np.finfo(expected.dtype).eps
        np.testing.assert_allclose(got, expected, rtol=16 * eps, atol=16 * eps, equal_nan=True)
    else:
        np.testing.assert_array_max_ulp(got, expected, maxulp=MAX_ULP)


def check(name, nfn, exact, n_args, a_args):
    try:
        expected = oracle(nfn, *n_args)
        if name in F32_VIA_F64 and expected.dtype == np.float32:
            expected = oracle(nfn, *[np.asarray(a, dtype=np.float64) for a in n_args]).astype(np.float32)
    except TypeError:
        before = [a.tolist() for a in a_args]
        with pytest.raises(TypeError, match=name):
            getattr(arrpy, name)(*a_args)
        assert [a.tolist() for a in a_args] == before
        return
    assert_matches(getattr(arrpy, name)(*a_args), expected, exact)


def test_aliases():
    for alias, name in ALIASES.items():
        assert getattr(arrpy, alias) is getattr(arrpy, name)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("name", list(UNARY))
def test_unary(tier, name, dtype):
    nfn, exact = UNARY[name]
    for layout in SMALL_LAYOUTS:
        nx, ax = make_layout(layout, dtype, seed=1)
        check(name, nfn, exact, (nx,), (ax,))
    # a broadcast input (stride 0), imported zero-copy from NumPy's view
    nb = np.broadcast_to(sample(dtype, 4, seed=2), (3, 4))
    ab = arrpy.asarray(nb)
    assert ab.strides[0] == 0
    check(name, nfn, exact, (nb,), (ab,))


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int32"])
@pytest.mark.parametrize("name", list(UNARY))
def test_unary_large(tier, name, dtype):
    """Long inputs take the vectorized and multi-threaded paths, with special values inside."""
    nfn, exact = UNARY[name]
    for layout in ["large", "large_strided"]:
        nx, ax = make_layout(layout, dtype, seed=3)
        if dtype.startswith("float"):
            nx = nx.copy()
            for k, special in enumerate([np.nan, np.inf, -np.inf, -0.0, 1e-310, 700.0, -750.0, 1e22]):
                nx[k::997] = special
            ax = to_arrpy(nx)
        check(name, nfn, exact, (nx,), (ax,))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("name", list(BINARY))
def test_binary(tier, name, dtype):
    nfn, exact = BINARY[name]
    for layout in SMALL_LAYOUTS + ["large_strided"]:
        nx, ax = make_layout(layout, dtype, seed=1)
        ny, ay = make_layout(layout, dtype, seed=2)
        check(name, nfn, exact, (nx, ny), (ax, ay))
    # broadcasting, and a Python scalar on either side
    nx, ny = sample(dtype, 3, seed=3).reshape(3, 1), sample(dtype, 4, seed=4)
    check(name, nfn, exact, (nx, ny), (to_arrpy(nx), to_arrpy(ny)))
    if dtype in ("float64", "int64"):
        check(name, nfn, exact, (nx, 2), (to_arrpy(nx), 2))
        check(name, nfn, exact, (-1.5, ny), (-1.5, to_arrpy(ny)))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_transcendentals_over_wide_ranges(tier, dtype):
    """Magnitudes from subnormal to huge, both signs: where vectorized kernels switch paths."""
    rng = np.random.default_rng(7)
    mags = np.exp(rng.uniform(-745 if dtype == "float64" else -103, 709 if dtype == "float64" else 88, 50_000))
    x = (mags * rng.choice([-1.0, 1.0], mags.size)).astype(dtype)
    ax = to_arrpy(x)
    for name in ["exp", "log", "sin", "cos", "tanh", "sqrt", "expm1", "log1p"]:
        nfn, exact = UNARY[name]
        assert_matches(getattr(arrpy, name)(ax), oracle(nfn, x), exact)


def test_results_identical_across_tiers():
    x = np.random.default_rng(1).standard_normal(100_003) * 50
    ax = to_arrpy(x)
    for name in UNARY:
        if name in ("real", "imag", "conj"):
            continue
        outs = []
        for t in ["reference", "simd", "parallel"]:
            arrpy.set_backend(t)
            outs.append(to_numpy(getattr(arrpy, name)(ax)))
        arrpy.set_backend("parallel")
        for o in outs[1:]:
            np.testing.assert_array_equal(o.view(np.uint64) if o.dtype == np.float64 else o,
                                          outs[0].view(np.uint64) if o.dtype == np.float64 else outs[0])


# ---- where, clip ----

@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_where(tier, dtype):
    for layout in SMALL_LAYOUTS + ["large", "large_strided"]:
        nc, ac = make_layout(layout, "bool", seed=5)
        nx, ax = make_layout(layout, dtype, seed=1)
        ny, ay = make_layout(layout, dtype, seed=2)
        assert_same(arrpy.where(ac, ax, ay), np.where(nc, nx, ny))
    nc = sample("bool", 12, seed=3).reshape(3, 4)
    nx, ny = sample(dtype, 4, seed=1), sample(dtype, 3, seed=2).reshape(3, 1)
    assert_same(arrpy.where(to_arrpy(nc), to_arrpy(nx), to_arrpy(ny)), np.where(nc, nx, ny))
    assert_same(arrpy.where(to_arrpy(nc), to_arrpy(nx), 0), np.where(nc, nx, 0))
    # a non-bool condition is its truth value
    nv = sample(dtype, 12, seed=4).reshape(3, 4)
    assert_same(arrpy.where(to_arrpy(nv), 1, to_arrpy(nx)), np.where(nv, 1, nx))


# The Array API 2024.12 takes Python scalars for where's x1/x2 and types them by the rule for
# mixing scalars and arrays: a scalar of the array's kind (or a lower one) takes the array's dtype.
WHERE_SCALARS = {"bool": [True], "int": [True, 3, -2], "float": [True, 3, 2.5], "complex": [True, 3, 2.5, 1.5 - 2j]}


def _kind(dtype):
    return {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}[np.dtype(dtype).kind]


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_where_python_scalars_take_the_array_dtype(tier, dtype):
    scalars = [s for s in WHERE_SCALARS[_kind(dtype)] if not (s == -2 and dtype.startswith("uint"))]
    for layout in SMALL_LAYOUTS + ["large_strided"]:
        nc, ac = make_layout(layout, "bool", seed=5)
        nx, ax = make_layout(layout, dtype, seed=1)
        for s in scalars:
            for a_args, n_args in [((ac, ax, s), (nc, nx, s)), ((ac, s, ax), (nc, s, nx))]:
                r = arrpy.where(*a_args)
                assert r.dtype == dtype, (layout, s, r.dtype)
                assert_same(r, np.where(*n_args))


def test_where_python_scalars_of_a_higher_kind_or_out_of_range():
    c = arrpy.asarray([True, False, True])
    i8, u8, f32 = (arrpy.asarray([1, 2, 3], dtype=d) for d in ("int8", "uint8", "float32"))
    # A higher kind than the array's (unspecified by the standard): NumPy's default dtypes.
    assert arrpy.where(c, i8, 1.5).dtype == "float64" and arrpy.where(c, i8, 1.5).tolist() == [1.0, 1.5, 3.0]
    assert arrpy.where(c, f32, 1j).dtype == "complex64"
    assert arrpy.where(c, arrpy.asarray([True, False, True]), 7).dtype == "int64"
    # Two scalars (the standard asks for one array at least): NumPy's default dtypes.
    for x1, x2, dtype in [(1, 2, "int64"), (1, 2.0, "float64"), (True, False, "bool"), (1j, 0, "complex128")]:
        r = arrpy.where(c, x1, x2)
        assert r.dtype == dtype and r.tolist() == np.where([True, False, True], x1, x2).tolist()
    # An integer the array's dtype cannot hold: OverflowError as arrpy's and NumPy's operators
    # raise (NumPy's where wraps it; README.md lists the divergence). Out= is left untouched.
    out = arrpy.zeros(3, dtype="int8")
    for arr, v in [(i8, 1000), (u8, -1), (i8, -129)]:
        with pytest.raises(OverflowError, match=f"{v}.*{arr.dtype}"):
            arrpy.where(c, arr, v)
        with pytest.raises(OverflowError):
            arrpy.where(c, v, arr, out=out)
    assert out.tolist() == [0, 0, 0]


def test_where_promotes_and_writes_out():
    c = arrpy.asarray([True, False, True])
    r = arrpy.where(c, arrpy.asarray([1, 2, 3], dtype="int8"), arrpy.asarray([0.5, 0.5, 0.5], dtype="float32"))
    assert r.dtype == "float32" and r.tolist() == [1.0, 0.5, 3.0]
    out = arrpy.zeros(3)
    assert arrpy.where(c, 1.0, 2.0, out=out) is out and out.tolist() == [1.0, 2.0, 1.0]
    with pytest.raises(ValueError, match=r"\(2,\)"):
        arrpy.where(c, 1.0, arrpy.zeros(2))


@pytest.mark.parametrize("dtype", [d for d in ALL_DTYPES if d != "bool"])
def test_clip(tier, dtype):
    for layout in SMALL_LAYOUTS + ["large", "large_strided"]:
        nx, ax = make_layout(layout, dtype, seed=1)
        lo, hi = (2, 5) if not dtype.startswith("complex") else (2 + 0j, 5 + 0j)
        with np.errstate(all="ignore"):
            expected = np.clip(nx, np.asarray(lo, dtype), np.asarray(hi, dtype))
        assert_same(arrpy.clip(ax, lo, hi), expected)
        assert_same(ax.clip(lo, hi), expected)
        assert_same(arrpy.clip(ax, max=hi), np.minimum(nx, np.asarray(hi, dtype)))
        assert_same(arrpy.clip(ax, lo), np.maximum(nx, np.asarray(lo, dtype)))
    # array bounds broadcast
    nx = sample(dtype, 12, seed=2).reshape(3, 4)
    nlo, nhi = sample(dtype, 4, seed=3), sample(dtype, 3, seed=4).reshape(3, 1)
    assert_same(arrpy.clip(to_arrpy(nx), to_arrpy(nlo), to_arrpy(nhi)), np.clip(nx, nlo, nhi))


def test_clip_nan_propagates():
    x = arrpy.asarray([1.0, float("nan"), 5.0])
    assert to_numpy(arrpy.clip(x, 0.0, 2.0)).tolist()[::2] == [1.0, 2.0]
    assert np.isnan(to_numpy(arrpy.clip(x, 0.0, 2.0))[1])
    assert np.isnan(to_numpy(arrpy.clip(x, float("nan"), 2.0))).all()


# ---- composed functions ----

@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int16", "uint8"])
@pytest.mark.parametrize("decimals", [0, 1, 2, -1, -2])
def test_round(tier, dtype, decimals):
    rng = np.random.default_rng(decimals + 10)
    if dtype.startswith(("int", "uint")):
        nx = rng.integers(0 if dtype.startswith("u") else -250, 250, 200).astype(dtype)
        nx[:4] = [15, 25, 150, 250] if dtype != "int8" else nx[:4]
    else:
        nx = (rng.standard_normal(200) * 300).astype(dtype)
        if dtype.startswith("complex"):
            nx = nx + 1j * (rng.standard_normal(200) * 300)
        nx[:4] = [2.5, -2.5, 0.125, 1.005]
    ax = to_arrpy(nx)
    assert_same(arrpy.round(ax, decimals), np.round(nx, decimals))
    assert_same(ax.round(decimals), np.round(nx, decimals))


def test_isclose_allclose_array_equal(tier):
    a = np.array([1.0, 1e10, 1e-8, np.nan, np.inf, -np.inf, 0.0])
    b = np.array([1.0 + 1e-9, 1.00001e10, 1e-9, np.nan, np.inf, np.inf, 1e-9])
    for equal_nan in (False, True):
        assert_same(arrpy.isclose(to_arrpy(a), to_arrpy(b), equal_nan=equal_nan), np.isclose(a, b, equal_nan=equal_nan))
        assert arrpy.allclose(to_arrpy(a), to_arrpy(a), equal_nan=equal_nan) == np.allclose(a, a, equal_nan=equal_nan)
        assert arrpy.array_equal(to_arrpy(a), to_arrpy(a), equal_nan=equal_nan) == np.array_equal(a, a, equal_nan=equal_nan)
    assert_same(arrpy.isclose(to_arrpy(a), to_arrpy(b), rtol=0, atol=1e-8), np.isclose(a, b, rtol=0, atol=1e-8))
    ia, ib = np.array([1, 2, 3]), np.array([1, 2, 4])
    assert_same(arrpy.isclose(to_arrpy(ia), to_arrpy(ib)), np.isclose(ia, ib))
    assert arrpy.allclose([1.0, 2.0], [1.0, 2.0 + 1e-9]) and not arrpy.allclose([1.0], [1.1])
    assert not arrpy.array_equal([1, 2], [1, 2, 3]) and arrpy.array_equal([1, 2], [1, 2])


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128", "int32"])
def test_nan_to_num(tier, dtype):
    if dtype.startswith("int"):
        n = np.array([1, 2, 3], dtype)
    else:
        n = np.array([np.nan, np.inf, -np.inf, 1.5, -0.0], dtype)
        if dtype.startswith("complex"):
            n = n + np.array([np.inf, np.nan, 1, -np.inf, 0]) * 1j
            n = n.astype(dtype)
    assert_same(arrpy.nan_to_num(to_arrpy(n)), np.nan_to_num(n))
    assert_same(arrpy.nan_to_num(to_arrpy(n), nan=-1.0, posinf=9.0, neginf=-9.0),
                np.nan_to_num(n, nan=-1.0, posinf=9.0, neginf=-9.0))
    a = to_arrpy(n)
    assert arrpy.nan_to_num(a, copy=False) is a
    assert_same(a, np.nan_to_num(n))


# ---- errors and out= ----

@pytest.mark.parametrize("name", ["floor", "ceil", "trunc", "cbrt", "fabs", "signbit", "deg2rad"])
def test_real_only_functions_reject_complex(name):
    z = arrpy.asarray([1 + 1j])
    with pytest.raises(TypeError, match=rf"{name}.*complex128"):
        getattr(arrpy, name)(z)


@pytest.mark.parametrize("name", ["atan2", "hypot", "copysign", "fmod", "nextafter", "logaddexp"])
def test_real_binary_functions_reject_complex(name):
    with pytest.raises(TypeError, match=name):
        getattr(arrpy, name)(arrpy.asarray([1 + 1j]), arrpy.asarray([1.0]))


def test_out_errors_leave_everything_untouched():
    x = arrpy.asarray([0.5, 1.0, 2.0])
    out = arrpy.asarray([7, 7, 7])
    with pytest.raises(TypeError, match=r"float64.*int64"):
        arrpy.sin(x, out=out)
    assert out.tolist() == [7, 7, 7] and x.tolist() == [0.5, 1.0, 2.0]
    wrong = arrpy.zeros(2)
    with pytest.raises(ValueError, match=r"\(2,\).*\(3,\)"):
        arrpy.exp(x, out=wrong)
    assert wrong.tolist() == [0.0, 0.0]
    good = arrpy.zeros(3)
    assert arrpy.exp(x, out=good) is good
    np.testing.assert_array_max_ulp(to_numpy(good), np.exp([0.5, 1.0, 2.0]), maxulp=MAX_ULP)
    # in place (out aliases the input exactly)
    assert arrpy.sqrt(good, out=good) is good
    # a float result into a float32 out casts same_kind
    o32 = arrpy.zeros(3, dtype="float32")
    arrpy.log(x, out=o32)
    np.testing.assert_allclose(to_numpy(o32), np.log([0.5, 1.0, 2.0]).astype(np.float32), rtol=1e-6)


def test_bad_dtypes_raise_type_error():
    with pytest.raises(TypeError, match="bitwise_and.*float64"):
        arrpy.bitwise_and(arrpy.asarray([1.0]), 1.0)
    with pytest.raises(TypeError, match="sign.*bool"):
        arrpy.sign(arrpy.asarray([True]))


# ---- concurrency ----

def test_threads_call_arrpy_concurrently():
    """The GIL is released for large inputs; several threads calling at once get right answers."""
    n = 4 * LARGE
    xs = [np.random.default_rng(i).standard_normal(n) for i in range(4)]
    expected = [np.sin(x) * 2.0 + x for x in xs]
    results, errors = [None] * 4, []

    def work(i):
        try:
            ax = to_arrpy(xs[i])
            for _ in range(3):
                r = arrpy.sin(ax) * 2.0 + ax
            results[i] = to_numpy(r)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for r, e in zip(results, expected):
        np.testing.assert_allclose(r, e, rtol=1e-14, atol=1e-14)
