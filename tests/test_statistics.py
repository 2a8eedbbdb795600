"""Statistics against NumPy: median, quantile/percentile (all methods) and their nan- forms,
histogram, histogram_bin_edges, bincount and digitize. Every dtype NumPy accepts, inputs built
from arrpy arrays in contiguous, Fortran, strided, negative-stride, broadcast, empty and 0-d
layouts, NumPy's warnings and exceptions, and each tier above its thresholds with the kernel
trace showing the loop that ran. Results are NumPy's exact values (dtype, shape, bits) except
where a test states a tolerance."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from arrpy import _arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import (
    ALL_DTYPES, COMPLEX_DTYPES, INT_DTYPES, FLOAT_DTYPES, NUMPY_MODE, SMALL_LAYOUTS, TIERS,
    assert_same, broadcast_view, make_layout, owned_copy, sample, to_arrpy, to_numpy,
)

pytestmark = [pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions"), IGNORE_FP_WARNINGS]

REAL_DTYPES = ["bool"] + INT_DTYPES + FLOAT_DTYPES
METHODS = [
    "inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
    "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
    "midpoint", "nearest",
]
DISCRETE = {"inverted_cdf", "closest_observation", "lower", "higher", "nearest"}
LARGE = 200_003  # above MIN_BUCKET_LANE (select.rs) and the parallel tier's 65536 elements


def quiet(f, *args, **kwargs):
    """f(*args, **kwargs) with NumPy's RuntimeWarnings silenced (they are checked separately)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return f(*args, **kwargs)


def same_as_numpy(name, nargs, aargs, **kwargs):
    """arrpy's `name` on `aargs` equals NumPy's on `nargs` (or raises NumPy's exception type)."""
    try:
        expected = quiet(getattr(np, name), *nargs, **kwargs)
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)):
            quiet(getattr(ap, name), *aargs, **kwargs)
        return
    result = quiet(getattr(ap, name), *aargs, **kwargs)
    if isinstance(expected, tuple):
        for r, e in zip(result, expected):
            assert_same(r, e)
    else:
        assert_same(result, expected)


def traced(f):
    _arrpy._loop_trace(True)
    try:
        result = f()
    finally:
        runs = _arrpy._loop_trace(False)
    return result, runs


def assert_tier_ran(runs, op, tier, threaded=True, vector=True):
    """The trace shows `op` ran the tier's loop: reference, vector (for ops that have one), and
    threads at parallel."""
    counts = runs[op]
    total = {k: sum(c[k] for c in counts.values()) for k in ("reference", "vector", "threaded")}
    if tier == "reference" or not vector:
        assert total["reference"] >= 1 and total["vector"] == 0, counts
    else:
        assert total["vector"] >= 1 and total["reference"] == 0, counts
    assert (total["threaded"] >= 1) == (tier == "parallel" and threaded), counts


@pytest.fixture(scope="module", autouse=True)
def several_threads():
    before = ap.get_num_threads()
    ap.set_num_threads(max(before, 2))
    yield
    ap.set_num_threads(before)


# ---- median ----

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_median_every_dtype_and_layout(dtype, layout):
    n, a = make_layout(layout, dtype, seed=1)
    axes = [None] + list(range(-n.ndim, n.ndim)) + ([(0, 1)] if n.ndim == 2 else [])
    for axis in axes:
        for keepdims in (False, True):
            same_as_numpy("median", [n], [a], axis=axis, keepdims=keepdims)
            if dtype not in COMPLEX_DTYPES:
                same_as_numpy("nanmedian", [n], [a], axis=axis, keepdims=keepdims)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_median_nan_and_warnings(dtype):
    x = sample(dtype, 24, seed=2).reshape(4, 6)
    x[1, 2] = np.nan
    x[3, :] = np.nan
    a = to_arrpy(x)
    for axis in (None, 0, 1):
        same_as_numpy("median", [x], [a], axis=axis)
        same_as_numpy("nanmedian", [x], [a], axis=axis)
    with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
        r = ap.nanmedian(a, axis=1)
    assert np.isnan(to_numpy(r)[3])
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        r = ap.median(ap.zeros((0, 3), dtype=dtype), axis=0)
    assert_same(r, quiet(np.median, np.zeros((0, 3), dtype=dtype), axis=0))
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        ap.nanmedian(ap.asarray([], dtype=dtype))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ap.median(a, axis=1)  # a NaN lane gives NaN without a warning, as NumPy


def test_median_out_and_errors():
    x = sample("float64", 12, seed=3).reshape(3, 4)
    a = to_arrpy(x)
    out = ap.zeros(4)
    r = ap.median(a, axis=0, out=out)
    assert r is out
    assert_same(out, np.median(x, axis=0))
    with pytest.raises(ValueError):
        ap.median(a, axis=0, out=ap.zeros(3))
    for bad in (2, -3):
        with pytest.raises(ap.AxisError):
            ap.median(a, axis=bad)
    with pytest.raises(ValueError, match="duplicate"):
        ap.median(a, axis=(0, 0))


# ---- quantile / percentile ----

@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("dtype", REAL_DTYPES)
def test_quantile_methods_every_dtype(dtype, method):
    x = sample(dtype, 42, seed=4).reshape(6, 7)
    a = to_arrpy(x)
    qs = [0.0, 0.13, 0.5, 0.77, 1.0]
    for q in [0.3, 1, np.array(qs), np.array(qs, dtype=np.float32), np.array(qs[:4]).reshape(2, 2)]:
        aq = to_arrpy(q) if isinstance(q, np.ndarray) else q
        for axis in (None, 0, -1):
            same_as_numpy("quantile", [x, q], [a, aq], axis=axis, method=method)
        same_as_numpy("nanquantile", [x, q], [a, aq], axis=1, method=method, keepdims=True)
        pq = q * 100 if isinstance(q, np.ndarray) else q * 100
        apq = to_arrpy(pq) if isinstance(pq, np.ndarray) else pq
        same_as_numpy("percentile", [x, pq], [a, apq], axis=0, method=method)
        same_as_numpy("nanpercentile", [x, pq], [a, apq], method=method)


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ["int16", "uint32", "float32", "float64"])
def test_quantile_layouts(dtype, layout):
    n, a = make_layout(layout, dtype, seed=5)
    if n.size == 0:
        with pytest.raises(IndexError):
            ap.quantile(a, 0.5)
        return
    q = np.array([0.1, 0.5, 0.9])
    for axis in [None] + list(range(n.ndim)):
        for method in ("linear", "nearest", "hazen"):
            same_as_numpy("quantile", [n, q], [a, to_arrpy(q)], axis=axis, method=method)
        same_as_numpy("percentile", [n, 35], [a, 35], axis=axis, keepdims=True)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_nanquantile_nan_lanes_and_warnings(dtype):
    x = sample(dtype, 30, seed=6).reshape(5, 6)
    x[0, 1] = x[2, 4] = x[2, 0] = np.nan
    x[4] = np.nan
    a = to_arrpy(x)
    q = np.array([0.25, 0.5])
    for method in METHODS:
        for axis in (None, 0, 1):
            same_as_numpy("quantile", [x, q], [a, to_arrpy(q)], axis=axis, method=method)
            same_as_numpy("nanquantile", [x, q], [a, to_arrpy(q)], axis=axis, method=method)
    with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
        ap.nanpercentile(a, 50, axis=1)
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        ap.nanquantile(ap.zeros((0, 2), dtype=dtype), 0.5, axis=0)


def test_quantile_infinities_as_numpy():
    x = np.array([-np.inf, 1.0, 2.0, np.inf])
    a = to_arrpy(x)
    for method in METHODS:
        same_as_numpy("quantile", [x, np.array([0.0, 0.4, 1.0])], [a, ap.asarray([0.0, 0.4, 1.0])], method=method)


def test_quantile_errors_as_numpy():
    x = sample("float64", 10, seed=7)
    a = to_arrpy(x)
    for q in (1.5, -0.1, np.nan):
        with pytest.raises(ValueError, match=r"Quantiles must be in the range \[0, 1\]"):
            ap.quantile(a, q)
    with pytest.raises(ValueError, match=r"Percentiles must be in the range \[0, 100\]"):
        ap.percentile(a, ap.asarray([50.0, 101.0]))
    with pytest.raises(ValueError, match="'bogus' is not a valid method"):
        ap.quantile(a, 0.5, method="bogus")
    with pytest.raises(ValueError, match="q must be a scalar or 1d"):
        ap.quantile(a, ap.zeros((2, 2, 2)))
    with pytest.raises(TypeError, match="a must be an array of real numbers"):
        ap.quantile(ap.asarray([1j, 2]), 0.5)
    with pytest.raises(TypeError):
        ap.quantile(ap.asarray([True, False]), 0.5)  # NumPy cannot subtract bools
    with pytest.raises(IndexError):
        ap.quantile(ap.asarray([], dtype="float64"), 0.5)
    with pytest.raises(ap.AxisError):
        ap.quantile(a, 0.5, axis=1)
    assert_same(ap.quantile(a, 0.5, interpolation="lower"), np.quantile(x, 0.5, method="lower"))
    before = to_numpy(a)
    out = ap.zeros(3)
    ap.quantile(a, ap.asarray([0.1, 0.2, 0.3]), out=out)
    assert_same(out, np.quantile(x, [0.1, 0.2, 0.3]))
    np.testing.assert_array_equal(to_numpy(a), before)  # the input is never partitioned in place


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["int64", "float32", "float64"])
def test_order_statistics_at_each_tier(tier, dtype):
    """One long lane (the bucket pre-pass, threaded at parallel) and many lanes (lanes on
    threads), with ties, negative zeros and NaNs: NumPy's values at every tier."""
    rng = np.random.default_rng(8)
    x = (rng.standard_normal(LARGE) * 100).round(1).astype(dtype)
    if dtype != "int64":
        x[::1001] = -0.0
    a = owned_copy(x)
    ap.set_backend(tier)
    try:
        for name, args, nargs in [
            ("median", (a,), (x,)),
            ("percentile", (a, ap.asarray([1.0, 50.0, 99.9])), (x, [1.0, 50.0, 99.9])),
            ("quantile", (a[::-3], 0.37), (x[::-3], 0.37)),
        ]:
            r, runs = traced(lambda: getattr(ap, name)(*args))
            assert_same(r, getattr(np, name)(*nargs))
            assert_tier_ran(runs, "median" if name == "median" else "quantile", tier)
        m = x[: 64 * 3000].reshape(64, 3000)
        r, runs = traced(lambda: ap.median(to_arrpy(m), axis=1))
        assert_same(r, np.median(m, axis=1))
        assert_tier_ran(runs, "median", tier)
        if dtype != "int64":
            y = x.copy()
            y[5] = np.nan
            assert_same(ap.nanmedian(owned_copy(y)), np.nanmedian(y))
            assert_same(ap.median(owned_copy(y)), np.median(y))
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["bool", "int8", "uint16", "int64", "float32", "float64", "complex128"])
def test_short_lanes_at_each_tier(tier, dtype):
    """Many lanes shorter than the bucket pre-pass (selected on their keys at the simd and
    parallel tiers), of arrpy views along either axis, with ties and both zeros: the one or two
    middle elements of median and the neighbouring ranks quantile reads are NumPy's."""
    x = sample(dtype, 40 * 1001, seed=9).reshape(40, 1001)
    if dtype.startswith("float"):
        x[::3, ::7] = -0.0
        x[1::3, ::5] = 0.0
    a = owned_copy(x)
    views = {
        "contiguous": lambda v: v,
        "even lanes": lambda v: v[:, :-1],
        "negative": lambda v: v[::-1, ::-2],
        "transposed": lambda v: v.T[:-3],
        "broadcast": lambda v: broadcast_view(v[3, ::-1], (6, 1001)),
    }
    ap.set_backend(tier)
    try:
        for name, view in views.items():
            n, v = view(x), view(a)
            for axis in (0, 1):
                same_as_numpy("median", [n], [v], axis=axis)
                if dtype != "complex128":
                    for method in ("linear", "nearest", "midpoint"):
                        same_as_numpy("quantile", [n, [0.0, 0.3, 0.5, 0.999, 1.0]], [v, [0.0, 0.3, 0.5, 0.999, 1.0]],
                                      axis=axis, method=method)
        if dtype.startswith("float"):
            y = x.copy()
            y[2, 17] = y[5, :9] = np.nan
            same_as_numpy("median", [y], [owned_copy(y)], axis=1)
            same_as_numpy("nanmedian", [y], [owned_copy(y)], axis=1)
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", COMPLEX_DTYPES)
def test_complex_median_takes_signed_zeros_as_equal(tier, dtype):
    """NumPy orders complex values lexicographically with -0 == +0 in each part, so between
    real parts -0 and +0 the imaginary part decides. Lanes of signed-zero and small parts, odd
    and even, of arrpy views along either axis, at each tier."""
    rng = np.random.default_rng(11)
    parts = np.array([-0.0, 0.0, -1.0, 1.0])
    x = (rng.choice(parts, (7, 301)) + 1j * rng.choice(parts, (7, 301))).astype(dtype)
    x.real[:, ::3] = -0.0  # -0.0 + 0j keeps the sign: write it in place
    x.imag[::2, ::5] = rng.integers(-3, 4, (4, 61))
    a = owned_copy(x)
    views = {
        "contiguous": lambda v: v,
        "even lanes": lambda v: v[:, :-1],
        "strided": lambda v: v[1:, ::3],
        "negative": lambda v: v[::-1, ::-2],
        "transposed": lambda v: v.T,
    }
    ap.set_backend(tier)
    try:
        for name, view in views.items():
            n, v = view(x), view(a)
            same_as_numpy("median", [n], [v])
            for axis in (0, 1):
                same_as_numpy("median", [n], [v], axis=axis)
        # A lane where the rule alone decides: -0 and +0 real parts, imaginary 5 and 1, 3.
        lane = np.array([complex(-0.0, 5), complex(0.0, 1), complex(0.0, 3)], dtype=dtype)
        for view in (lambda v: v, lambda v: v[::-1]):
            same_as_numpy("median", [view(lane)], [view(owned_copy(lane))])
        assert ap.median(owned_copy(lane)).item() == 3j
        # An empty lane's median is the mean of nothing: NaN + NaNj, as NumPy's.
        empty = ap.zeros((2, 0), dtype=dtype)
        got = quiet(ap.median, empty, axis=1)
        same_as_numpy("median", [np.zeros((2, 0), dtype)], [empty], axis=1)
        assert np.isnan(to_numpy(got).imag).all()
    finally:
        ap.set_backend("parallel")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False, width=32), min_size=1, max_size=40),
    st.lists(st.floats(0, 1), min_size=1, max_size=4),
    st.sampled_from(METHODS),
    st.sampled_from(["float32", "float64", "int32"]),
)
def test_quantile_property(values, qs, method, dtype):
    x = np.array(values).astype(dtype)
    q = np.array(qs)
    same_as_numpy("quantile", [x, q], [to_arrpy(x), to_arrpy(q)], method=method)
    r = to_numpy(ap.quantile(to_arrpy(x), to_arrpy(q), method=method)).astype(float)
    assert np.all(r >= x.min()) and np.all(r <= x.max())  # a quantile lies within the data


# ---- histograms ----

@pytest.mark.parametrize("dtype", REAL_DTYPES)
def test_histogram_every_dtype(dtype):
    x = sample(dtype, 300, seed=9)
    a = to_arrpy(x)
    for bins in (1, 7, [-5, 0, 1, 2.5, 30], "auto", "fd", "sturges", "sqrt", "rice", "scott", "doane", "stone"):
        for rng in (None, (-3, 7)):
            ab = to_arrpy(np.array(bins)) if isinstance(bins, list) else bins
            for density in (False, True):
                expected = quiet(np.histogram, x, bins=bins, range=rng, density=density)
                result = quiet(ap.histogram, a, bins=ab, range=rng, density=density)
                assert_same(result[1], expected[1])
                if density:  # n / width / total: one rounding per operation, as NumPy
                    np.testing.assert_allclose(to_numpy(result[0]), expected[0], rtol=1e-15)
                else:
                    assert_same(result[0], expected[0])
            if not isinstance(bins, str):
                same_as_numpy("histogram_bin_edges", [x], [a], bins=bins if not isinstance(bins, list) else np.array(bins), range=rng)
    if dtype == "bool":
        with pytest.warns(RuntimeWarning, match="Converting input from bool"):
            ap.histogram(a)


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ["int8", "float32", "float64"])
def test_histogram_layouts_and_weights(dtype, layout):
    n, a = make_layout(layout, dtype, seed=10)
    for bins in (4, 10):
        same_as_numpy("histogram", [n], [a], bins=bins)
        same_as_numpy("histogram", [n], [a], bins=bins, range=(-2, 2))
    wn, wa = make_layout(layout, "float64", seed=11)
    same_as_numpy("histogram", [n], [a], bins=6, weights=wn)  # NumPy's summation order: exact
    wi = (wn * 4).astype("int32")
    same_as_numpy("histogram", [n], [a], bins=6, weights=wi)
    if n.size:
        e = np.histogram(n, bins=[-3, -1, 0, 5], weights=wn)[0]
        r = ap.histogram(a, bins=ap.asarray([-3, -1, 0, 5]), weights=wa)[0]
        # NumPy sums weights of explicit edges by differences of a cumulative sum.
        np.testing.assert_allclose(to_numpy(r), e, rtol=1e-12, atol=1e-12)


def test_histogram_nan_inf_and_errors():
    x = np.array([0.0, 1.0, np.nan, 2.0, np.inf])
    a = to_arrpy(x)
    same_as_numpy("histogram", [x], [a], bins=3, range=(0, 2))
    same_as_numpy("histogram", [x], [a], bins=np.array([0.0, 1.0, 1.0, 3.0]))
    for kwargs, exc, msg in [
        (dict(), ValueError, r"autodetected range of \[nan, nan\] is not finite"),
        (dict(bins=0), ValueError, "`bins` must be positive, when an integer"),
        (dict(bins=-2), ValueError, "`bins` must be positive, when an integer"),
        (dict(bins=2.5), TypeError, "`bins` must be an integer, a string, or an array"),
        (dict(bins=[[1, 2]]), ValueError, "`bins` must be 1d, when an array"),
        (dict(bins=[3, 1, 2]), ValueError, "`bins` must increase monotonically, when an array"),
        (dict(bins="nope", range=(0, 1)), ValueError, "'nope' is not a valid estimator for `bins`"),
        (dict(bins=3, range=(2, 1)), ValueError, "max must be larger than min in range parameter."),
        (dict(bins=3, range=(0, np.inf)), ValueError, r"supplied range of \[0(\.0)?, inf\] is not finite"),
        (dict(bins="auto", range=(0, 1), weights=np.ones(5)), TypeError, "Automated estimation"),
        (dict(bins=3, range=(0, 1), weights=np.ones(4)), ValueError, "weights should have the same shape as a."),
    ]:
        with pytest.raises(exc, match=msg):
            np.histogram(x, **kwargs)
        akw = {k: (ap.asarray(v) if isinstance(v, (list, np.ndarray)) else v) for k, v in kwargs.items()}
        with pytest.raises(exc, match=msg):
            ap.histogram(a, **akw)
    assert_same(ap.histogram(ap.asarray([], dtype="float64"))[0], np.histogram(np.array([]))[0])


def edge_values(dtype, bins, lo, hi):
    """NumPy's uniform edges of `bins` bins over [lo, hi] in `dtype` (float64 for integers),
    each with its neighbours one ulp away, cast to `dtype`: the values whose bin the first
    guess (x - lo) * scale can miss by one."""
    edges = np.histogram_bin_edges(np.array([lo, hi], dtype=dtype), bins=bins)
    near = np.concatenate([edges, np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf)])
    if np.dtype(dtype).kind == "f":
        return near.astype(dtype)
    return np.round(near).astype(dtype)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["int8", "int64", "uint16", "float32", "float64"])
def test_histogram_values_on_edges(tier, dtype):
    """Values exactly on edges and one ulp either side land in NumPy's bins (the last edge
    inclusive, values outside the range dropped) at every tier, above the thresholds; also in
    sorted order, where one bin is hit many times in a row."""
    ap.set_backend(tier)
    try:
        kind = np.dtype(dtype).kind
        cases = {
            "f": [(100, -1.1, 2.3), (97, -0.3, 0.7), (7, 0.1, 0.7), (3, 0.0, 1.0), (255, -128, 127)],
            "i": [(100, -50, 77), (7, -3, 11), (3, 0, 1), (255, -128, 127)],
            "u": [(100, 78, 205), (7, 125, 139), (3, 0, 1), (255, 0, 255)],
        }[kind]
        for bins, lo, hi in cases:
            v = edge_values(dtype, bins, lo, hi)
            x = np.tile(v, LARGE // v.size + 1)
            for data in (x, np.sort(x)):
                a = owned_copy(data)
                for rng in ((float(lo), float(hi)), None, (float(lo) + 0.25, float(hi) - 0.25)):
                    (h, e), runs = traced(lambda: ap.histogram(a, bins=bins, range=rng))
                    en, ee = np.histogram(data, bins=bins, range=rng)
                    assert_same(h, en)
                    assert_same(e, ee)
                    assert_tier_ran(runs, "histogram", tier)
            # Weighted: the same bins, NumPy's summation order.
            w = np.linspace(-1, 1, x.size)
            assert_same(ap.histogram(owned_copy(x), bins=bins, range=(lo, hi), weights=owned_copy(w))[0],
                        np.histogram(x, bins=bins, range=(lo, hi), weights=w)[0])
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_histogram_nan_inf_at_each_tier(tier, dtype):
    """NaN and infinities fall outside a given range at every tier; with the range taken from
    the data, NaN or inf is NumPy's ValueError."""
    rng = np.random.default_rng(13)
    x = rng.standard_normal(LARGE).astype(dtype)
    x[::7] = np.nan
    x[3::11] = np.inf
    x[5::13] = -np.inf
    a = owned_copy(x)
    ap.set_backend(tier)
    try:
        for bins in (1, 10, 100):
            (h, e), runs = traced(lambda: ap.histogram(a, bins=bins, range=(-2, 2)))
            assert_same(h, np.histogram(x, bins=bins, range=(-2, 2))[0])
            assert_same(e, np.histogram(x, bins=bins, range=(-2, 2))[1])
            assert_tier_ran(runs, "histogram", tier)
        with pytest.raises(ValueError, match=r"autodetected range of \[nan, nan\] is not finite"):
            np.histogram(x)
        with pytest.raises(ValueError, match=r"autodetected range of \[nan, nan\] is not finite"):
            ap.histogram(a)
        y = np.where(np.isnan(x), 0, x)
        with pytest.raises(ValueError, match=r"autodetected range of \[-inf, inf\] is not finite"):
            np.histogram(y)
        with pytest.raises(ValueError, match=r"autodetected range of \[-inf, inf\] is not finite"):
            ap.histogram(owned_copy(y))
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("tier", TIERS)
def test_histogram_layouts_at_each_tier(tier):
    """Strided, negative-stride and broadcast views above the thresholds (read through a copy),
    and a 2-d transposed view, at every tier."""
    rng = np.random.default_rng(14)
    x = rng.standard_normal(2 * LARGE)
    base = owned_copy(x)
    ap.set_backend(tier)
    try:
        row = owned_copy(x[:500])
        views = [
            (x[::2], base[::2]),
            (x[::-3], base[::-3]),
            (x.reshape(2, -1).T, base.reshape(2, -1).T),
            (np.broadcast_to(x[:500], (LARGE // 500 + 1, 500)), broadcast_view(row, (LARGE // 500 + 1, 500))),
        ]
        for n, a in views:
            (h, e), runs = traced(lambda: ap.histogram(a, bins=50))
            assert_same(h, np.histogram(n, bins=50)[0])
            assert_same(e, np.histogram(n, bins=50)[1])
            assert_tier_ran(runs, "histogram", tier)
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["int32", "float32", "float64"])
def test_histogram_at_each_tier(tier, dtype):
    rng = np.random.default_rng(12)
    x = (rng.standard_normal(LARGE) * 50).astype(dtype)
    w = rng.standard_normal(LARGE)
    a, wa = owned_copy(x), owned_copy(w)
    ap.set_backend(tier)
    try:
        (h, e), runs = traced(lambda: ap.histogram(a, bins=100))
        assert_same(h, np.histogram(x, bins=100)[0])
        assert_same(e, np.histogram(x, bins=100)[1])
        assert_tier_ran(runs, "histogram", tier)
        (h, _), runs = traced(lambda: ap.histogram(a[::-1], bins=37, range=(-40, 60), weights=wa))
        assert_same(h, np.histogram(x[::-1], bins=37, range=(-40, 60), weights=w)[0])
        assert_tier_ran(runs, "histogram", tier)
        edges = np.array([-200.0, -3.0, 0.0, 0.5, 7.0, 150.0])  # not uniform: searched
        (h, _), runs = traced(lambda: ap.histogram(a[::2], bins=to_arrpy(edges)))
        assert_same(h, np.histogram(x[::2], bins=edges)[0])
        assert_tier_ran(runs, "histogram", tier)
        r, runs = traced(lambda: ap.digitize(a, ap.asarray([-50.0, 0.0, 10.0, 100.0]), right=True))
        assert_same(r, np.digitize(x, [-50.0, 0.0, 10.0, 100.0], right=True))
        assert_tier_ran(runs, "digitize", tier, vector=False)
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "int32", "int64", "uint32"])
def test_bincount(dtype):
    x = sample(dtype, 50, seed=13, small=True)
    a = to_arrpy(x)
    same_as_numpy("bincount", [x], [a])
    same_as_numpy("bincount", [x], [a], minlength=20)
    w = sample("float64", 50, seed=14)
    same_as_numpy("bincount", [x], [a], weights=w)
    same_as_numpy("bincount", [x[::-2]], [a[::-2]], weights=w[::-2])
    same_as_numpy("bincount", [x[:0]], [a[:0]], minlength=3)


def test_bincount_errors():
    for bad, exc in [([-1, 2], ValueError), ([[1, 2]], ValueError), ([1.5, 2.0], TypeError)]:
        with pytest.raises(exc):
            np.bincount(np.array(bad))
        with pytest.raises(exc):
            ap.bincount(ap.asarray(bad))
    with pytest.raises(ValueError, match="'minlength' must not be negative"):
        ap.bincount(ap.asarray([1]), minlength=-1)
    with pytest.raises(ValueError):
        ap.bincount(ap.asarray([1, 2]), weights=ap.asarray([1.0]))


@pytest.mark.parametrize("dtype", INT_DTYPES + FLOAT_DTYPES)
def test_digitize(dtype):
    x = sample(dtype, 40, seed=15).reshape(5, 8)
    a = to_arrpy(x)
    for bins in ([-50, -1, 0, 2, 3.5], [3.5, 2, 0, -1, -50], [1, 1, 2], [0.5]):
        for right in (False, True):
            same_as_numpy("digitize", [x, np.array(bins)], [a, ap.asarray(bins)], right=right)
            same_as_numpy("digitize", [x[::-1, ::2], np.array(bins)], [a[::-1, ::2], ap.asarray(bins)], right=right)
    y = np.array([np.nan, -0.0, 0.0, np.inf])
    same_as_numpy("digitize", [y, np.array([-1.0, 0.0, 1.0])], [to_arrpy(y), ap.asarray([-1.0, 0.0, 1.0])])
    with pytest.raises(ValueError, match="bins must be monotonically increasing or decreasing"):
        ap.digitize(a, ap.asarray([1, 3, 2]))
    with pytest.raises(TypeError, match="x may not be complex"):
        ap.digitize(ap.asarray([1j]), ap.asarray([1.0]))


# ---- differences and averages ----

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_diff_and_ediff1d(dtype, layout):
    n, a = make_layout(layout, dtype, seed=16)
    if n.ndim == 0:
        same_as_numpy("diff", [n], [a])
        return
    for axis in range(-n.ndim, n.ndim):
        for order in (0, 1, 2, 7):
            same_as_numpy("diff", [n], [a], n=order, axis=axis)
    edge = np.zeros((), dtype=dtype)
    same_as_numpy("diff", [n], [a], prepend=edge, append=n[..., :1])
    same_as_numpy("diff", [n], [to_arrpy(n)], prepend=n, axis=0)
    same_as_numpy("ediff1d", [n], [a])
    extra = sample(dtype, 2, seed=17)
    same_as_numpy("ediff1d", [n], [a], to_begin=extra, to_end=extra[:1])


def test_diff_errors():
    a = ap.asarray([1, 2, 4])
    with pytest.raises(ValueError, match="order must be non-negative but got -1"):
        ap.diff(a, n=-1)
    with pytest.raises(ValueError, match="diff requires input that is at least one dimensional"):
        ap.diff(ap.asarray(3))
    with pytest.raises(ap.AxisError):
        ap.diff(a, axis=1)
    with pytest.raises(TypeError, match="dtype of `to_begin` must be compatible"):
        ap.ediff1d(a, to_begin=ap.asarray([1.5]))


@pytest.mark.parametrize("dtype", ["bool", "int16", "uint8", "int64", "float32", "float64", "complex64", "complex128"])
def test_gradient(dtype):
    x = sample(dtype, 35, seed=18).reshape(5, 7)
    a = to_arrpy(x)
    coords = np.array([0, 1, 3, 4, 7, 8.5, 10])
    for edge_order in (1, 2):
        for args, kwargs in [
            ((), {}), ((0.5,), {}), ((2.0, coords), {}), ((np.arange(5) * 2.0, coords.astype(np.float32)), {}),
            ((), {"axis": 1}), ((coords,), {"axis": -1}), ((np.arange(7),), {"axis": 1}), ((3,), {"axis": (1, 0)}),
        ]:
            aargs = [to_arrpy(v) if isinstance(v, np.ndarray) else v for v in args]
            same_as_numpy("gradient", [x, *args], [a, *aargs], edge_order=edge_order, **kwargs)
        same_as_numpy("gradient", [x[::-1, ::2]], [a[::-1, ::2]], edge_order=edge_order)
        same_as_numpy("gradient", [x[1]], [a[1]], edge_order=edge_order)


def test_gradient_errors():
    a = ap.asarray([1.0, 2.0])
    with pytest.raises(ValueError, match="Shape of array too small"):
        ap.gradient(a, edge_order=2)
    with pytest.raises(ValueError, match="'edge_order' greater than 2 not supported"):
        ap.gradient(ap.asarray([1.0, 2.0, 4.0, 8.0]), edge_order=3)
    with pytest.raises(TypeError, match="invalid number of arguments"):
        ap.gradient(ap.zeros((3, 3)), 1.0, 2.0, 3.0)
    with pytest.raises(ValueError, match="distances must match the length"):
        ap.gradient(ap.asarray([1.0, 2.0, 4.0]), ap.asarray([0.0, 1.0]))


@pytest.mark.parametrize("dtype", REAL_DTYPES + COMPLEX_DTYPES)
def test_average(dtype):
    """Sums use arrpy's pairwise order, which can differ from NumPy's in the last bit."""
    x = sample(dtype, 35, seed=19).reshape(5, 7)
    a = to_arrpy(x)
    w = np.random.default_rng(20).random((5, 7))
    tol = 1e-6 if dtype in ("float32", "complex64") else 1e-14

    def close(r, e):
        for rr, ee in zip(r if isinstance(r, tuple) else (r,), e if isinstance(e, tuple) else (e,)):
            ee = np.asarray(ee)
            assert rr.dtype == ee.dtype.name and rr.shape == ee.shape, (rr.dtype, ee.dtype, rr.shape, ee.shape)
            np.testing.assert_allclose(to_numpy(rr), ee, rtol=tol)

    for axis in (None, 0, 1, (0, 1)):
        close(ap.average(a, axis=axis), np.average(x, axis=axis))
        close(ap.average(a, axis=axis, returned=True, keepdims=True), np.average(x, axis=axis, returned=True, keepdims=True))
        close(ap.average(a, axis=axis, weights=to_arrpy(w), returned=True), np.average(x, axis=axis, weights=w, returned=True))
    w1 = w[0].astype(np.float32)
    close(ap.average(a[:, ::-1], axis=1, weights=to_arrpy(w1)), np.average(x[:, ::-1], axis=1, weights=w1))
    with pytest.raises(ZeroDivisionError):
        ap.average(a, axis=0, weights=ap.zeros(5))
    with pytest.raises(TypeError, match="Axis must be specified"):
        ap.average(a, weights=ap.ones(7))
    with pytest.raises(ValueError, match="Shape of weights must be consistent"):
        ap.average(a, axis=0, weights=ap.ones(7))


@pytest.mark.parametrize("tier", TIERS)
def test_differences_at_each_tier(tier):
    """diff and gradient run the subtract kernel of the tier."""
    x = np.random.default_rng(21).standard_normal(LARGE)
    a = owned_copy(x)
    ap.set_backend(tier)
    try:
        r, runs = traced(lambda: ap.diff(a[::-1], n=2))
        assert_same(r, np.diff(x[::-1], n=2))
        assert_tier_ran(runs, "subtract", tier)
        r, runs = traced(lambda: ap.gradient(a, 0.25))
        assert_same(r, np.gradient(x, 0.25))
        assert_tier_ran(runs, "subtract", tier)
    finally:
        ap.set_backend("parallel")


# ---- covariance and cross products ----

COV_TOL = dict(rtol=1e-12, atol=1e-12)  # NumPy multiplies the centred rows with BLAS


def assert_close(result, expected, **tol):
    expected = np.asarray(expected)
    assert result.dtype == expected.dtype.name and result.shape == expected.shape, (result.dtype, expected.dtype, result.shape, expected.shape)
    np.testing.assert_allclose(to_numpy(result), expected, **(tol or COV_TOL))


@pytest.mark.parametrize("dtype", REAL_DTYPES + COMPLEX_DTYPES)
def test_cov_and_corrcoef(dtype):
    rng = np.random.default_rng(22)
    x = sample(dtype, 18, seed=23).reshape(3, 6)
    y = sample(dtype, 12, seed=24).reshape(2, 6)
    a, b = to_arrpy(x), to_arrpy(y)
    fw, aw = np.array([1, 2, 1, 3, 1, 1]), rng.random(6)
    for kwargs in [{}, {"bias": True}, {"ddof": 3}, {"fweights": fw}, {"aweights": aw}, {"fweights": fw, "aweights": aw, "ddof": 0}]:
        akw = {k: to_arrpy(v) if isinstance(v, np.ndarray) else v for k, v in kwargs.items()}
        assert_close(ap.cov(a, **akw), np.cov(x, **kwargs))
    assert_close(ap.cov(a[0]), np.cov(x[0]))
    assert_close(ap.cov(a.T, rowvar=False), np.cov(x.T, rowvar=False))
    assert_close(ap.cov(a[:, ::-2], b[:, ::-2]), np.cov(x[:, ::-2], y[:, ::-2]))
    assert_close(quiet(ap.corrcoef, a), quiet(np.corrcoef, x))
    assert_close(quiet(ap.corrcoef, a, b), quiet(np.corrcoef, x, y))


def test_cov_warnings_and_errors():
    x = ap.asarray([[1.0, 2.0, 4.0]])
    with pytest.warns(RuntimeWarning, match="Degrees of freedom <= 0 for slice"):
        ap.cov(x, ddof=3)
    assert_same(ap.cov(ap.zeros((0, 3))), np.cov(np.zeros((0, 3))))
    with pytest.raises(ValueError, match="m has more than 2 dimensions"):
        ap.cov(ap.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="ddof must be integer"):
        ap.cov(x, ddof=1.5)
    with pytest.raises(TypeError, match="fweights must be integer"):
        ap.cov(x, fweights=ap.asarray([1, 2.5, 1]))
    with pytest.raises(ValueError, match="aweights cannot be negative"):
        ap.cov(x, aweights=ap.asarray([1, -2, 1]))


@pytest.mark.parametrize("dtype", ["int8", "int64", "uint16", "float32", "float64", "complex64", "complex128"])
def test_cross(dtype):
    x = sample(dtype, 36, seed=25).reshape(4, 3, 3)
    y = sample(dtype, 12, seed=26).reshape(4, 3)
    a, b = to_arrpy(x), to_arrpy(y)
    same_as_numpy("cross", [x[0], y], [a[0], b])
    same_as_numpy("cross", [x[:, 0], y[::-1]], [a[:, 0], b[::-1]])
    same_as_numpy("cross", [x, y[0]], [a, b[0]], axisa=1, axisc=0)
    same_as_numpy("cross", [x, x[::-1]], [a, a[::-1]], axis=0)
    # 2-vectors are refused, as by NumPy 2.5 and the Array API (2.0-2.4 only warned).
    three = r"must be \(arrays of\) 3-dimensional vectors, but they are 2 and 2 dimensional"
    with pytest.raises(ValueError, match=three):
        ap.cross(a[0, :, :2], b[:3, :2])
    with pytest.raises(ValueError, match="but they are 2 and 3 dimensional"):
        ap.cross(a[0, :, :2], b[:3])
    with pytest.raises(ValueError, match="but they are 4 and 3 dimensional"):
        ap.cross(ap.ones(4, dtype=dtype), b)
    with pytest.raises(ap.AxisError, match="axisa: axis 5 is out of bounds"):
        ap.cross(a, b, axisa=5)
    with pytest.raises(ValueError, match="At least one array has zero dimension"):
        ap.cross(ap.asarray(1), b)


@pytest.mark.parametrize("tier", TIERS)
def test_cross_at_each_tier(tier):
    x = np.random.default_rng(27).standard_normal((LARGE, 3))
    a = owned_copy(x)
    ap.set_backend(tier)
    try:
        r, runs = traced(lambda: ap.cross(a, a[::-1]))
        assert_same(r, np.cross(x, x[::-1]))
        assert_tier_ran(runs, "multiply", tier)
    finally:
        ap.set_backend("parallel")


# ---- convolution, correlation and interpolation ----

def assert_dots(result, expected, dtype):
    """Integer and bool dots are exact; float dots within a few ulps (NumPy may call BLAS)."""
    expected = np.asarray(expected)
    if np.dtype(dtype).kind in "biu":
        assert_same(result, expected)
        return
    assert result.dtype == expected.dtype.name and result.shape == expected.shape
    rtol = 1e-5 if dtype in ("float32", "complex64") else 1e-13
    np.testing.assert_allclose(to_numpy(result), expected, rtol=rtol, atol=rtol)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_convolve_and_correlate(dtype):
    for n1, n2, seed in [(1, 1, 30), (5, 3, 31), (3, 5, 32), (6, 4, 33), (4, 6, 34), (7, 7, 35), (2, 9, 36)]:
        x, y = sample(dtype, 2 * n1, seed=seed), sample(dtype, n2, seed=seed + 100)
        a, v = to_arrpy(x), to_arrpy(y)
        for mode in ("full", "same", "valid"):
            assert_dots(ap.convolve(a[::2], v, mode=mode), np.convolve(x[::2], y, mode=mode), dtype)
            assert_dots(ap.correlate(a[::-2], v, mode=mode), np.correlate(x[::-2], y, mode=mode), dtype)
    with pytest.raises(ValueError, match="a cannot be empty"):
        ap.convolve(ap.asarray([], dtype=dtype), ap.ones(3, dtype=dtype))
    with pytest.raises(ValueError, match="second array argument cannot be empty"):
        ap.correlate(ap.ones(3, dtype=dtype), ap.asarray([], dtype=dtype))
    with pytest.raises(ValueError):
        ap.convolve(ap.ones(3, dtype=dtype), ap.ones(3, dtype=dtype), mode="bogus")


@pytest.mark.parametrize("tier", TIERS)
def test_convolve_at_each_tier(tier):
    """One dot loop at every tier (sums in index order); the parallel tier splits the output."""
    x = sample("int64", LARGE, seed=37)
    y = sample("int64", 5, seed=38)
    a = owned_copy(x)
    ap.set_backend(tier)
    try:
        r, runs = traced(lambda: ap.convolve(a, to_arrpy(y), mode="same"))
        assert_same(r, np.convolve(x, y, mode="same"))
        counts = runs["convolve"]["int64"]
        assert counts["reference"] == 1 and counts["threaded"] == (tier == "parallel")
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("dtype", INT_DTYPES + FLOAT_DTYPES + COMPLEX_DTYPES)
def test_interp(dtype):
    rng = np.random.default_rng(39)
    xp = np.sort(rng.standard_normal(12))
    fp = sample(dtype, 12, seed=40)
    x = np.concatenate([rng.standard_normal(40) * 2, xp[:3], [np.nan, np.inf, -np.inf]])
    ax, axp, afp = to_arrpy(x), to_arrpy(xp), to_arrpy(fp)
    same_as_numpy("interp", [x, xp, fp], [ax, axp, afp])
    same_as_numpy("interp", [x[:5], xp, fp], [ax[:5], axp, afp])  # fewer points than samples
    same_as_numpy("interp", [x[::-2], xp, fp], [ax[::-2], axp, afp], left=-7.0, right=9)
    same_as_numpy("interp", [x[:-3], xp, fp], [ax[:-3], axp, afp], period=3.0)
    same_as_numpy("interp", [x, xp[:1], fp[:1]], [ax, axp[:1], afp[:1]])
    same_as_numpy("interp", [2.5, xp, fp], [2.5, axp, afp])
    same_as_numpy("interp", [x.reshape(2, -1), xp, fp], [ax.reshape(2, -1), axp, afp])


def test_interp_special_values_and_errors():
    same_as_numpy("interp", [np.array([0.5, 1.5]), np.array([0, 1, 2.0]), np.array([np.inf, 1, -np.inf])],
                  [ap.asarray([0.5, 1.5]), ap.asarray([0, 1, 2.0]), ap.asarray([np.inf, 1, -np.inf])])
    same_as_numpy("interp", [np.arange(5), np.array([0, 2, 2, 4]), np.array([1, 5, 6, 3])],
                  [ap.arange(5), ap.asarray([0, 2, 2, 4]), ap.asarray([1, 5, 6, 3])])
    x, xp = ap.asarray([1.0]), ap.asarray([0.0, 1.0])
    with pytest.raises(ValueError, match="fp and xp are not of the same length"):
        ap.interp(x, xp, ap.asarray([1.0]))
    with pytest.raises(ValueError, match="array of sample points is empty"):
        ap.interp(x, ap.asarray([]), ap.asarray([]))
    with pytest.raises(ValueError, match="period must be a non-zero value"):
        ap.interp(x, xp, xp, period=0)
    with pytest.raises(TypeError):
        ap.interp(ap.asarray([1j]), xp, xp)


@pytest.mark.parametrize("tier", TIERS)
def test_interp_at_each_tier(tier):
    rng = np.random.default_rng(41)
    xp, fp = np.sort(rng.standard_normal(1000)), rng.standard_normal(1000)
    x = rng.standard_normal(LARGE) * 3
    a = owned_copy(x)
    ap.set_backend(tier)
    try:
        r, runs = traced(lambda: ap.interp(a[::-1], to_arrpy(xp), to_arrpy(fp)))
        assert_same(r, np.interp(x[::-1], xp, fp))
        assert runs["interp"]["float64"]["threaded"] == (tier == "parallel")
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("dtype", ["int16", "uint8", "float32", "float64"])
def test_histogramdd_and_histogram2d(dtype):
    rng = np.random.default_rng(42)
    s = sample(dtype, 150, seed=43).reshape(50, 3)
    w = rng.random(50)
    a, aw = to_arrpy(s), to_arrpy(w)
    edges0 = np.array([-3, 0, 1, 4.0])
    for bins in (4, [3, 4, 5], [edges0, 3, np.array([-1, 1.0])]):
        abins = [to_arrpy(b) if isinstance(b, np.ndarray) else b for b in bins] if isinstance(bins, list) else bins
        for rng_ in (None, [(-2, 2), (-3, 3), (0, 5)]):
            for density in (False, True):
                for weights in (None, w):
                    e = np.histogramdd(s, bins=bins, range=rng_, density=density, weights=weights)
                    r = ap.histogramdd(a, bins=abins, range=rng_, density=density, weights=None if weights is None else aw)
                    if density or weights is not None:  # density divides by arrpy's pairwise total
                        assert_close(r[0], e[0], rtol=1e-13)
                    else:
                        assert_same(r[0], e[0])
                    for re, ee in zip(r[1], e[1]):
                        assert_same(re, ee)
    x, y = s[::-1, 0], s[::-1, 1]
    for bins in (5, [3, 6], edges0):
        e = np.histogram2d(x, y, bins=bins)
        r = ap.histogram2d(a[::-1, 0], a[::-1, 1], bins=to_arrpy(bins) if isinstance(bins, np.ndarray) else bins)
        for rr, ee in zip(r, e):
            assert_same(rr, ee)
    assert_same(ap.histogramdd(a[:, 0], bins=7)[0], np.histogramdd(s[:, 0], bins=7)[0])
    assert_same(ap.histogramdd([a[:, 0], a[:, 2]], bins=7)[0], np.histogramdd([s[:, 0], s[:, 2]], bins=7)[0])
    with pytest.raises(ValueError, match="The dimension of bins must be equal"):
        ap.histogramdd(a, bins=[2, 3])
    with pytest.raises(ValueError, match=r"`bins\[1\]` must be positive"):
        ap.histogramdd(a, bins=[2, 0, 3])
    with pytest.raises(ValueError, match=r"`bins\[0\]` must be monotonically increasing"):
        ap.histogramdd(a, bins=[ap.asarray([2.0, 1.0]), 2, 3])
    with pytest.raises(ValueError, match="x and y must have the same length"):
        ap.histogram2d(a[:, 0], a[:4, 1])


def test_cov_and_corrcoef_of_empty_observations():
    for x in (np.zeros(0), np.zeros((1, 0)), np.zeros((2, 0))):
        assert_same(quiet(ap.cov, to_arrpy(x)), quiet(np.cov, x))
        assert_same(quiet(ap.corrcoef, to_arrpy(x)), quiet(np.corrcoef, x))


WEIGHTED = ["quantile", "percentile", "nanquantile", "nanpercentile"]


def _weighted_inputs(dtype):
    """(data, weights): integer weights with zeros, every lane of either axis of positive total;
    a NaN in float data."""
    n = sample(dtype, 48, seed=3).reshape(6, 8)
    if dtype in FLOAT_DTYPES:
        n[2, 3] = np.nan
    w = np.random.default_rng(5).integers(1, 4, (6, 8)).astype(np.float64)
    w[0, 1::2] = 0
    w[3, ::3] = 0
    return n, w


@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("name", WEIGHTED)
def test_weighted_quantiles(tier, name, dtype):
    """weights= with method='inverted_cdf', NumPy 2's only weighted method: NumPy's values,
    dtype and shape for each axis form, q form and layout (views of arrpy arrays)."""
    n, w = _weighted_inputs(dtype)
    a, wa = to_arrpy(n), to_arrpy(w)
    scale = 100 if name.endswith("percentile") else 1
    qs = [0.5, [0.0, 0.3, 0.55, 1.0], np.array([0.25, 0.8], dtype=np.float32)]
    views = [lambda x: x, lambda x: x[::-1, ::2], lambda x: x.T]
    for view in views:
        nv, wv, av, wav = view(n), view(w), view(a), view(wa)
        for axis in (None, 0, 1, (0, 1), (1, 0), -1):
            nw, aw = (wv.T, wav.T) if axis == (1, 0) else (wv, wav)
            for q in qs:
                q = q * scale if not isinstance(q, list) else [x * scale for x in q]
                aq = ap.asarray(q) if isinstance(q, np.ndarray) else q
                for keepdims in (False, True):
                    kw = dict(axis=axis, method="inverted_cdf", keepdims=keepdims)
                    expected = quiet(getattr(np, name), nv, q, weights=nw, **kw)
                    assert_same(quiet(getattr(ap, name), av, aq, weights=aw, **kw), expected)
        # Weights along the one reduced axis, broadcast over the others. NumPy's nan- forms
        # index such weights per lane and fail (IndexError); their answer is the one for the
        # weights broadcast in full (README.md lists the divergence).
        for axis in (0, 1):
            line = wv[:, 0] if axis == 0 else wv[0]
            full = np.broadcast_to(line.reshape((-1, 1) if axis == 0 else (1, -1)), wv.shape)
            expected = quiet(getattr(np, name), nv, 0.4 * scale, axis=axis, weights=full, method="inverted_cdf")
            got = quiet(getattr(ap, name), av, 0.4 * scale, axis=axis, weights=to_arrpy(line), method="inverted_cdf")
            assert_same(got, expected)


def test_weighted_quantile_large_lane(tier):
    rng = np.random.default_rng(8)
    n = rng.standard_normal(LARGE)
    w = rng.integers(0, 5, LARGE).astype(np.float64)
    q = [0.0, 0.01, 0.5, 0.999, 1.0]
    expected = np.quantile(n[::-1], q, weights=w[::-1], method="inverted_cdf")
    assert_same(ap.quantile(to_arrpy(n[::-1]), q, weights=to_arrpy(w[::-1]), method="inverted_cdf"), expected)


def test_weighted_quantile_nan_lanes_and_zero_leading_weights():
    x = np.array([[np.nan, np.nan, np.nan], [3.0, np.nan, 1.0]])
    w = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 2.0]])
    with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
        r = ap.nanquantile(to_arrpy(x), 0.5, axis=1, weights=to_arrpy(w), method="inverted_cdf")
    assert_same(r, quiet(np.nanquantile, x, 0.5, axis=1, weights=w, method="inverted_cdf"))
    assert_same(ap.quantile(to_arrpy(x), 0.5, axis=1, weights=to_arrpy(w), method="inverted_cdf"),
                np.quantile(x, 0.5, axis=1, weights=w, method="inverted_cdf"))
    # q = 0 takes the first element of positive weight (NumPy sets the CDF's leading zeros to -1).
    v, vw = np.arange(5), np.array([0, 0, 2, 0, 1])
    assert_same(ap.quantile(ap.asarray(v), [0, 0.5, 0.7, 1], weights=ap.asarray(vw), method="inverted_cdf"),
                np.quantile(v, [0, 0.5, 0.7, 1], weights=vw, method="inverted_cdf"))


@pytest.mark.parametrize("name", WEIGHTED)
def test_weighted_quantile_errors(name):
    n, w = _weighted_inputs("float64")
    a, wa = to_arrpy(n), to_arrpy(w)
    q = 50 if name.endswith("percentile") else 0.5
    f = getattr(ap, name)
    cases = [
        (dict(weights=wa), ValueError, r"Only method 'inverted_cdf' supports weights. Got: linear."),
        (dict(weights=wa, method="nearest"), ValueError, "Got: nearest."),
        (dict(weights=-wa, method="inverted_cdf"), ValueError, "Weights must be non-negative."),
        (dict(weights=wa[0], method="inverted_cdf"), TypeError,
         "Axis must be specified when shapes of a and weights differ."),
        (dict(weights=wa[0], axis=0, method="inverted_cdf"), ValueError,
         "Shape of weights must be consistent with shape of a along specified axis."),
        (dict(weights=wa * 0, axis=1, method="inverted_cdf"), ValueError,
         r"Weights included NaN, inf or were all zero."),
        (dict(weights=wa * np.inf, method="inverted_cdf"), ValueError, r"Weights included NaN, inf"),
    ]
    before = to_numpy(a), to_numpy(wa)
    for kw, exc, message in cases:
        nkw = {k: to_numpy(v) if isinstance(v, ap.ndarray) else v for k, v in kw.items()}
        with pytest.raises(exc, match=message):
            quiet(getattr(np, name), n, q, **nkw)
        with pytest.raises(exc, match=message):
            quiet(f, a, q, **kw)
    np.testing.assert_array_equal(to_numpy(a), before[0])
    np.testing.assert_array_equal(to_numpy(wa), before[1])
