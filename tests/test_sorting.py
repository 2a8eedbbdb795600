"""sort/argsort, partition, lexsort, searchsorted, the unique family, isin and the set
operations against NumPy: every dtype, contiguous, strided, negative-stride, broadcast, empty
and 0-d inputs built from arrpy arrays, NaN/inf/-0.0 placement, all three tiers (above their
thresholds, with the kernel trace showing which loop ran), and hypothesis properties."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import arrpy
from conftest import (
    ALL_DTYPES, COMPLEX_DTYPES, FLOAT_DTYPES, NUMPY_MODE, SMALL_LAYOUTS, assert_same,
    broadcast_view, make_layout, owned_copy, sample, to_arrpy, to_numpy,
)

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions")

BIG = 2**17 + 3  # above the parallel tier's 65536-element threshold


def assert_bits(result, expected):
    """assert_same, and floats' signs too: -0.0 and 0.0 must sit where NumPy's stable sort
    puts them."""
    assert_same(result, expected)
    expected = np.asarray(expected)
    got = to_numpy(result)
    if expected.dtype.kind == "f":
        np.testing.assert_array_equal(np.signbit(got), np.signbit(expected))
    elif expected.dtype.kind == "c":
        np.testing.assert_array_equal(np.signbit(got.real), np.signbit(expected.real))
        np.testing.assert_array_equal(np.signbit(got.imag), np.signbit(expected.imag))


def with_specials(dtype, n, seed=0):
    """Sample data with NaN, infinities and both zeros mixed in (for float and complex)."""
    x = sample(dtype, n, seed=seed)
    if dtype in FLOAT_DTYPES:
        specials = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, np.nan], dtype=dtype)
        x[:: max(1, n // 12)][: len(specials)] = specials[: len(x[:: max(1, n // 12)])]
    elif dtype in COMPLEX_DTYPES:
        nan = np.nan
        specials = np.array([complex(nan, 1), complex(1, nan), complex(nan, nan), complex(-0.0, 0),
                             complex(0, -0.0), complex(np.inf, 2), complex(2, -np.inf)], dtype=dtype)
        x[:: max(1, n // 14)][: len(specials)] = specials[: len(x[:: max(1, n // 14)])]
    return x


def flip_sorted(x, axis):
    """The Array API's descending sort (array_api_strict's): flip, stable sort, flip."""
    return np.flip(np.sort(np.flip(x, axis=axis), axis=axis, kind="stable"), axis=axis)


def flip_argsorted(x, axis):
    res = np.flip(np.argsort(np.flip(x, axis=axis), axis=axis, kind="stable"), axis=axis)
    return x.shape[axis] - 1 - res


# ---- sort / argsort ----

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_sort_and_argsort_every_dtype_and_layout(dtype, layout, tier):
    nview, aview = make_layout(layout, dtype, seed=1, small=True)
    axes = [None] if nview.ndim == 0 else [None, -1, 0]
    for axis in axes:
        assert_bits(arrpy.sort(aview, axis=axis), np.sort(nview, axis=axis, kind="stable"))
        assert_same(arrpy.argsort(aview, axis=axis), np.argsort(nview, axis=axis, kind="stable"))
        if axis is not None:
            assert_bits(arrpy.sort(aview, axis=axis, descending=True), flip_sorted(nview, axis))
            assert_same(arrpy.argsort(aview, axis=axis, descending=True), flip_argsorted(nview, axis))
    if nview.ndim == 0:
        with pytest.raises(arrpy.AxisError, match="axis -1 is out of bounds for array of dimension 0"):
            arrpy.sort(aview)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + COMPLEX_DTYPES)
def test_nan_inf_and_signed_zero_placement(dtype, tier):
    x = with_specials(dtype, 60, seed=2)
    for view in (lambda v: v, lambda v: v[::-3]):
        n, a = view(x), view(to_arrpy(x))
        assert_bits(arrpy.sort(a), np.sort(n, kind="stable"))
        assert_same(arrpy.argsort(a), np.argsort(n, kind="stable"))
        assert_same(arrpy.argsort(a, stable=False), np.argsort(n, kind="stable"))
        assert_bits(arrpy.sort(a, descending=True), flip_sorted(n, -1))
        assert_bits(arrpy.sort(a, kind="quicksort"), np.sort(n, kind="stable"))


def test_sort_of_broadcast_and_2d_views():
    base = sample("int16", 7, seed=3)
    a = broadcast_view(to_arrpy(base)[::-1], (5, 7))
    n = np.broadcast_to(base[::-1], (5, 7))
    for axis in (0, 1, None):
        assert_same(arrpy.sort(a, axis=axis), np.sort(n, axis=axis, kind="stable"))
        assert_same(arrpy.argsort(a, axis=axis), np.argsort(n, axis=axis, kind="stable"))
    r = arrpy.sort(a, axis=0)
    assert r.flags["C_CONTIGUOUS"] and not arrpy.shares_memory(r, a)
    three = sample("float32", 60, seed=4).reshape(3, 4, 5)
    t = to_arrpy(three)
    for axis in (0, 1, 2, -2):
        assert_same(arrpy.sort(t[:, ::-1], axis=axis), np.sort(three[:, ::-1], axis=axis, kind="stable"))


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex64", "bool"])
def test_ndarray_sort_in_place_and_methods(dtype):
    base = sample(dtype, 24, seed=5).reshape(4, 6)
    a = to_arrpy(base)
    view = a[::-1, ::2]
    expected = base.copy()
    expected[::-1, ::2] = np.sort(base[::-1, ::2], axis=0, kind="stable")
    assert view.sort(axis=0) is None
    assert_same(a, expected)  # written through the view into the base
    assert_same(a.argsort(), np.argsort(expected, kind="stable"))
    assert_same(a.argsort(axis=None), np.argsort(expected, axis=None, kind="stable"))
    a.sort()
    assert_same(a, np.sort(expected, kind="stable"))
    ro = broadcast_view(to_arrpy(base[0]), (3, 6))
    with pytest.raises(ValueError, match="read-only"):
        ro.sort()
    assert_same(ro, np.broadcast_to(base[0], (3, 6)))


def test_sort_argument_errors_match_numpy():
    a = arrpy.asarray([[3, 1], [2, 0]])
    n = np.array([[3, 1], [2, 0]])
    for call in (lambda m, x: m.sort(x, axis=2), lambda m, x: m.argsort(x, axis=-3),
                 lambda m, x: m.sort(x, kind="bogus"), lambda m, x: m.sort(x, kind="stable", stable=True),
                 lambda m, x: m.sort(x, order="f")):
        with pytest.raises(Exception) as want:
            call(np, n)
        with pytest.raises(type(want.value) if not isinstance(want.value, np.exceptions.AxisError) else arrpy.AxisError) as got:
            call(arrpy, a)
        assert str(got.value) == str(want.value)
    with pytest.raises(TypeError):
        arrpy.sort(a, axis=1.5)
    assert_same(arrpy.sort([3, 1, 2]), np.sort([3, 1, 2]))
    for kind in ("quicksort", "mergesort", "heapsort", "stable"):
        assert_same(arrpy.sort(a, kind=kind), np.sort(n, kind=kind))


# ---- tiers: above the thresholds, the loop each tier names ran ----

def traced(f):
    arrpy._arrpy._loop_trace(True)
    try:
        r = f()
    finally:
        runs = arrpy._arrpy._loop_trace(False)
    return r, runs


def check_trace(runs, op, dtype, tier, threaded=True):
    c = runs[op][dtype]
    calls = c["reference"] + c["vector"]
    assert calls >= 1, c
    assert c["vector"] == (0 if tier == "reference" else calls), (tier, c)
    assert (c["threaded"] > 0) == (tier == "parallel" and threaded), (tier, c)


@pytest.fixture
def two_threads():
    before = arrpy.get_num_threads()
    arrpy.set_num_threads(max(before, 2))
    yield
    arrpy.set_num_threads(before)


@pytest.mark.parametrize("dtype", ["float64", "int64", "int8", "uint16", "float32", "complex128", "bool"])
def test_large_sorts_at_each_tier(dtype, tier, two_threads):
    x = with_specials(dtype, 2 * BIG, seed=6)
    a = to_arrpy(x)
    r, runs = traced(lambda: arrpy.sort(a[::-2]))
    assert_bits(r, np.sort(x[::-2], kind="stable"))
    check_trace(runs, "sort", dtype, tier)
    r, runs = traced(lambda: arrpy.argsort(a[: BIG]))
    assert_same(r, np.argsort(x[:BIG], kind="stable"))
    check_trace(runs, "argsort", dtype, tier)


@pytest.mark.parametrize("dtype", ["float64", "int64", "uint64"])
def test_large_sorts_of_native_words_at_each_tier(dtype, tier, two_threads):
    """The vector sort's own paths (with_specials' NaN and -0.0 send float64 to the radix
    sort): float64 compared as it is, integer extremes, many copies of a dtype's largest value
    (which pads partial registers), duplicates, and lanes of one value (a broadcast row)."""
    rng = np.random.default_rng(11)
    n = 2 * BIG
    if dtype == "float64":
        x = rng.integers(-1000, 1000, n).astype(np.float64) / 8
        x[::7], x[::11], x[::13] = np.inf, -np.inf, 0.0
    else:
        info = np.iinfo(dtype)
        x = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
        x[::3] %= 1000
        x[::5], x[::9] = info.max, info.min
    a = to_arrpy(x)
    for view, nv in [(a, x), (a[::-2], x[::-2])]:
        r, runs = traced(lambda: arrpy.sort(view))
        assert_bits(r, np.sort(nv, kind="stable"))
        check_trace(runs, "sort", dtype, tier)
        r, runs = traced(lambda: arrpy.argsort(view))
        assert_same(r, np.argsort(nv, kind="stable"))
        check_trace(runs, "argsort", dtype, tier)
    b, nb = arrpy.broadcast_to(a[3:4], (2, BIG)), np.broadcast_to(x[3:4], (2, BIG))
    assert_bits(arrpy.sort(b), np.sort(nb, kind="stable"))
    assert_same(arrpy.argsort(b), np.argsort(nb, kind="stable"))


@pytest.mark.parametrize("dtype", ["float64", "int32", "complex64"])
def test_many_lanes_share_threads(dtype, tier, two_threads):
    x = with_specials(dtype, 400 * 400, seed=7).reshape(400, 400)
    a = to_arrpy(x)
    for axis in (-1, 0):
        r, runs = traced(lambda: arrpy.sort(a, axis=axis))
        assert_bits(r, np.sort(x, axis=axis, kind="stable"))
        check_trace(runs, "sort", dtype, tier)
        r, runs = traced(lambda: arrpy.argsort(a[::-1], axis=axis, descending=True))
        assert_same(r, flip_argsorted(x[::-1], axis))


# ---- partition / lexsort ----

@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_partition_contract(dtype, tier):
    x = with_specials(dtype, 40, seed=8).reshape(4, 10) if dtype != "bool" else sample(dtype, 40).reshape(4, 10)
    a = to_arrpy(x)[:, ::-1]
    n = x[:, ::-1]
    full = np.sort(n, axis=-1, kind="stable")
    for kth in (0, 3, -1, [1, 5, 9]):
        p = to_numpy(arrpy.partition(a, kth))
        idx = to_numpy(arrpy.argpartition(a, kth))
        for k in np.atleast_1d(kth):
            np.testing.assert_array_equal(p[:, k], full[:, k])
            np.testing.assert_array_equal(np.take_along_axis(n, idx, -1)[:, k], full[:, k])
        np.testing.assert_array_equal(np.sort(p, axis=-1, kind="stable"), full)
    b = to_arrpy(n.copy())
    b.partition(2, axis=0)
    np.testing.assert_array_equal(to_numpy(b)[2], np.sort(n, axis=0, kind="stable")[2])
    assert_same(a.argpartition(1, axis=None), np.argsort(n, axis=None, kind="stable"))


def test_partition_errors_match_numpy():
    n = np.arange(5)
    a = arrpy.asarray(n)
    for kth in (5, -6, [0, 7]):
        with pytest.raises(ValueError) as want:
            np.partition(n, kth)
        with pytest.raises(ValueError) as got:
            arrpy.partition(a, kth)
        assert str(got.value) == str(want.value)
    with pytest.raises(ValueError, match=r"kth\(=0\) out of bounds \(0\)"):
        arrpy.partition(arrpy.zeros(0), 0)
    with pytest.raises(arrpy.AxisError):
        arrpy.partition(arrpy.asarray(5), 0)
    with pytest.raises(TypeError):
        arrpy.partition(a, 1.5)


@pytest.mark.parametrize("dtypes", [("int64", "float64"), ("bool", "complex64", "int8"), ("float32",)])
def test_lexsort(dtypes, tier):
    keys = [sample(d, 60, seed=i, small=True).reshape(3, 20) for i, d in enumerate(dtypes)]
    ours = [to_arrpy(k)[:, ::-1] for k in keys]
    theirs = [k[:, ::-1] for k in keys]
    for axis in (-1, 0):
        assert_same(arrpy.lexsort(ours, axis=axis), np.lexsort(theirs, axis=axis))
    assert_same(arrpy.lexsort(to_arrpy(np.stack([k.ravel() for k in keys[:1]]))), np.lexsort(np.stack([keys[0].ravel()])))
    with pytest.raises(TypeError):
        arrpy.lexsort([])
    with pytest.raises(ValueError):
        arrpy.lexsort([ours[0], ours[0][:2]])


# ---- searchsorted ----

@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_searchsorted_every_dtype(dtype, tier):
    hay = np.sort(with_specials(dtype, 50, seed=9), kind="stable")
    keys = with_specials(dtype, 24, seed=10).reshape(4, 6)
    a, k = to_arrpy(hay), to_arrpy(keys)
    for side in ("left", "right"):
        assert_same(arrpy.searchsorted(a, k[::-1, ::2], side=side), np.searchsorted(hay, keys[::-1, ::2], side=side))
        assert_same(a.searchsorted(k[:0], side=side), hay.searchsorted(keys[:0], side=side))
    perm = np.argsort(-np.arange(50))
    shuffled = hay[perm[::-1]][perm]  # hay, reordered; perm undoes it
    sorter = np.argsort(shuffled, kind="stable")
    assert_same(arrpy.searchsorted(to_arrpy(shuffled), k, sorter=to_arrpy(sorter)), np.searchsorted(shuffled, keys, sorter=sorter))
    assert_same(arrpy.searchsorted(a[:0], k), np.searchsorted(hay[:0], keys))


def test_searchsorted_scalars_mixed_dtypes_and_errors():
    a = arrpy.asarray([1, 2, 2, 3])
    assert_same(arrpy.searchsorted(a, 2.5), np.asarray(np.searchsorted([1, 2, 2, 3], 2.5)))
    assert_same(arrpy.searchsorted(arrpy.asarray([0.5, 1.5]), arrpy.asarray([1], dtype="int8")), np.searchsorted([0.5, 1.5], np.array([1], dtype="int8")))
    for kwargs, exc in (({"side": "x"}, ValueError), ({"sorter": [0, 1]}, ValueError)):
        with pytest.raises(exc) as want:
            np.searchsorted([1, 2, 2, 3], 2, **kwargs)
        with pytest.raises(exc) as got:
            arrpy.searchsorted(a, 2, **kwargs)
        assert str(got.value) == str(want.value)
    with pytest.raises(ValueError, match="Sorter index out of range"):
        arrpy.searchsorted(a, 2, sorter=[0, 1, 2, 9])
    with pytest.raises(ValueError, match="object too deep"):
        arrpy.searchsorted(arrpy.zeros((2, 2)), 1)


@pytest.mark.parametrize("dtype", ["float64", "int64", "complex128"])
def test_large_searchsorted_at_each_tier(dtype, tier, two_threads):
    hay = np.sort(with_specials(dtype, BIG, seed=11), kind="stable")
    keys = with_specials(dtype, BIG, seed=12)
    r, runs = traced(lambda: arrpy.searchsorted(to_arrpy(hay), to_arrpy(keys)[::-1], side="right"))
    assert_same(r, np.searchsorted(hay, keys[::-1], side="right"))
    check_trace(runs, "searchsorted", dtype, tier)


# ---- unique family ----

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_unique_every_dtype_and_layout(dtype, layout, tier):
    nview, aview = make_layout(layout, dtype, seed=13, small=True)
    got = arrpy.unique(aview, return_index=True, return_inverse=True, return_counts=True)
    want = np.unique(nview, return_index=True, return_inverse=True, return_counts=True)
    for g, w in zip(got, want):
        assert_same(g, w)
    assert_same(arrpy.unique(aview), np.unique(nview))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + COMPLEX_DTYPES)
def test_unique_nans_and_zeros(dtype, tier):
    x = with_specials(dtype, 48, seed=14)
    x[5] = x[9] = 0
    a = to_arrpy(x)
    for equal_nan in (True, False):
        got = arrpy.unique(a[::-1], True, True, True, equal_nan=equal_nan)
        want = np.unique(x[::-1], True, True, True, equal_nan=equal_nan)
        for g, w in zip(got, want):
            assert_same(g, w)
    for name in ("unique_all", "unique_counts", "unique_inverse"):
        got, want = getattr(arrpy, name)(a), getattr(np, name)(x)
        assert type(got).__name__ == type(want).__name__ and got._fields == want._fields
        for field, g, w in zip(got._fields, got, want):
            if field == "inverse_indices" and name == "unique_inverse":
                # NumPy sorts unstably here, so which NaN is which among the distinct NaNs
                # varies; ours are in input order (as unique_all's, which sorts stably).
                nan = np.isnan(x)
                np.testing.assert_array_equal(to_numpy(g)[~nan], w[~nan])
                np.testing.assert_array_equal(to_numpy(got.values)[to_numpy(g)], x)
            else:
                assert_same(g, w)
    assert_same(arrpy.unique_values(a), np.unique(x, equal_nan=False))  # NumPy 2.3+ may not sort it


@pytest.mark.parametrize("dtype", ["int16", "float64", "complex64", "bool"])
def test_unique_along_an_axis(dtype, tier):
    x = sample(dtype, 40, seed=15, small=True).reshape(8, 5) % 2 if dtype != "complex64" else sample(dtype, 40, seed=15).reshape(8, 5)
    x = np.concatenate([x, x[::-2]])
    a = to_arrpy(x)
    for axis in (0, 1, -1):
        got = arrpy.unique(a, return_index=True, return_inverse=True, return_counts=True, axis=axis)
        want = np.unique(x, return_index=True, return_inverse=True, return_counts=True, axis=axis)
        for g, w in zip(got, want):
            assert_same(g, w)
    with pytest.raises(arrpy.AxisError):
        arrpy.unique(a, axis=2)


@pytest.mark.parametrize("dtype", ["int64", "float64", "uint8", "complex128"])
def test_large_unique_at_each_tier(dtype, tier):
    x = (np.arange(BIG) * 7919 % 1000).astype(dtype)
    a = to_arrpy(x)
    (r, runs) = traced(lambda: arrpy.unique(a[::-1], return_index=True, return_inverse=True, return_counts=True))
    for g, w in zip(r, np.unique(x[::-1], return_index=True, return_inverse=True, return_counts=True)):
        assert_same(g, w)
    c = runs["unique"][dtype]
    assert c["vector"] == (0 if tier == "reference" else 1), c


# ---- isin and sets ----

@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_isin_and_sets_every_dtype(dtype, tier):
    x = with_specials(dtype, 30, seed=16) if dtype != "bool" else sample(dtype, 30, seed=16)
    y = np.concatenate([x[::3], with_specials(dtype, 10, seed=17)]) if dtype != "bool" else sample(dtype, 5, seed=17)
    a, b = to_arrpy(x.reshape(5, 6))[::-1], to_arrpy(y)[::-1]
    nx, ny = x.reshape(5, 6)[::-1], y[::-1]
    for invert in (False, True):
        assert_same(arrpy.isin(a, b, invert=invert), np.isin(nx, ny, invert=invert))
    assert_same(arrpy.union1d(a, b), np.union1d(nx, ny))
    assert_same(arrpy.setdiff1d(a, b), np.setdiff1d(nx, ny))
    assert_same(arrpy.setxor1d(a, b), np.setxor1d(nx, ny))
    assert_same(arrpy.intersect1d(a, b), np.intersect1d(nx, ny))
    for g, w in zip(arrpy.intersect1d(a, b, return_indices=True), np.intersect1d(nx, ny, return_indices=True)):
        assert_same(g, w)
    ua, ub = np.unique(nx), np.unique(ny)
    for g, w in zip(arrpy.intersect1d(to_arrpy(ua), to_arrpy(ub), assume_unique=True, return_indices=True),
                    np.intersect1d(ua, ub, assume_unique=True, return_indices=True)):
        assert_same(g, w)
    assert_same(arrpy.setdiff1d(to_arrpy(ua), to_arrpy(ub), assume_unique=True), np.setdiff1d(ua, ub, assume_unique=True))
    assert_same(arrpy.setxor1d(to_arrpy(ua), to_arrpy(ub), assume_unique=True), np.setxor1d(ua, ub, assume_unique=True))


@pytest.mark.parametrize("pair", [("int8", "float32"), ("uint64", "int64"), ("bool", "int16"), ("float64", "complex64")])
def test_sets_promote(pair):
    x, y = sample(pair[0], 12, seed=18, small=True), sample(pair[1], 9, seed=19, small=True)
    a, b = to_arrpy(x), to_arrpy(y)
    assert_same(arrpy.isin(a, b), np.isin(x, y))
    for f in ("union1d", "intersect1d", "setdiff1d", "setxor1d"):
        assert_same(getattr(arrpy, f)(a, b), getattr(np, f)(x, y))
    assert_same(arrpy.isin(a, 2), np.isin(x, 2))
    assert_same(arrpy.union1d(a[:0], b[:0]), np.union1d(x[:0], y[:0]))


def test_isin_kind_errors():
    with pytest.raises(ValueError, match="'table' method"):
        arrpy.isin(arrpy.asarray([1.5]), [1.5], kind="table")
    with pytest.raises(ValueError, match="Invalid kind"):
        arrpy.isin(arrpy.asarray([1]), [1], kind="hash")
    assert_same(arrpy.isin(arrpy.asarray([1, 2]), [2], kind="table"), np.isin([1, 2], [2], kind="table"))


@pytest.mark.parametrize("dtype", ["int64", "float64", "complex64"])
def test_large_isin_at_each_tier(dtype, tier, two_threads):
    x = with_specials(dtype, BIG, seed=20)
    tests = np.concatenate([x[:500], with_specials(dtype, 500, seed=21)])
    r, runs = traced(lambda: arrpy.isin(to_arrpy(x)[::-1], to_arrpy(tests)))
    assert_same(r, np.isin(x[::-1], tests))
    check_trace(runs, "isin", dtype, tier)


# ---- properties ----

# Hypothesis' default elements include NaN, infinities and both zeros.
any_values = hnp.arrays(
    dtype=st.sampled_from([np.float64, np.float32, np.int16, np.uint8, np.int64, np.complex128]),
    shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=7),
)


@settings(max_examples=60, deadline=None)
@given(any_values, st.sampled_from(["reference", "simd", "parallel"]), st.booleans())
def test_sort_properties(x, tier, descending):
    """sorted, a permutation of the input, stable; every tier's argsort is the same."""
    arrpy.set_backend(tier)
    try:
        a = to_arrpy(x)
        s = to_numpy(arrpy.sort(a, descending=descending))
        idx = to_numpy(arrpy.argsort(a, descending=descending))
    finally:
        arrpy.set_backend("parallel")
    np.testing.assert_array_equal(np.take_along_axis(x, idx, -1), s)
    np.testing.assert_array_equal(np.sort(idx, axis=-1), np.broadcast_to(np.arange(x.shape[-1]), x.shape))
    want = flip_argsorted(x, -1) if descending else np.argsort(x, axis=-1, kind="stable")
    np.testing.assert_array_equal(idx, want)


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(np.float64, st.integers(0, 40), elements=st.sampled_from([0.0, -0.0, 1.0, -2.0, np.inf, np.nan])),
       st.sampled_from(["reference", "simd", "parallel"]))
def test_unique_and_partition_properties(x, tier):
    arrpy.set_backend(tier)
    try:
        a = to_arrpy(x)
        values, index, inverse, counts = (to_numpy(r) for r in arrpy.unique(a, True, True, True))
        kth = len(x) // 2
        part = to_numpy(arrpy.partition(a, kth)) if len(x) else None
    finally:
        arrpy.set_backend("parallel")
    np.testing.assert_array_equal(values[inverse], x)            # inverse rebuilds the input
    np.testing.assert_array_equal(x[index], values)              # first occurrences
    assert counts.sum() == len(x) and (counts > 0).all()
    assert np.all(index == np.array([np.flatnonzero((x == v) | (np.isnan(x) & np.isnan(v)))[0] for v in values], dtype=np.int64))
    if part is not None:
        pivot = part[kth]
        assert np.all(~(part[:kth] > pivot)) and np.all(~(part[kth + 1:] < pivot))


def test_owned_copy_is_unchanged_by_sorting():
    x = sample("float64", 50, seed=22)
    a = owned_copy(x)
    arrpy.sort(a)
    arrpy.argsort(a)
    arrpy.unique(a)
    assert_same(a, x)


def test_empty_axes_unique_like_numpy():
    x = np.zeros((0, 4, 3))
    for axis in (0, 1, 2):
        got = arrpy.unique(to_arrpy(x), axis=axis, return_counts=True, return_inverse=True)
        for g, w in zip(got, np.unique(x, axis=axis, return_counts=True, return_inverse=True)):
            assert_same(g, w)
    big = arrpy.asarray(np.broadcast_to(np.zeros((0, 1, 1)), (0, 2**20, 2**20)))
    for axis in (0, 1, 2, None):
        assert arrpy.sort(big, axis=axis).size == 0 and arrpy.argsort(big, axis=axis).size == 0
    assert arrpy.lexsort([big]).shape == big.shape


def test_odd_arguments_raise_python_errors():
    """No panic or crash: every odd argument gets a Python exception (or works)."""
    arrays = [arrpy.asarray([3, 1, 2]), arrpy.asarray([[1.5, np.nan], [0.0, -0.0]]), arrpy.zeros((0, 3)),
              arrpy.asarray(5), arrpy.asarray([1 + 2j, 3j]), arrpy.asarray([True, False])]
    odd = [None, -1, 2, -5, 2**62, -2**63, 1.5, "right", [0, 7], [], arrpy.asarray([[0, 1], [1, 0]]), "x"]
    names = ["sort", "argsort", "partition", "argpartition", "lexsort", "searchsorted", "unique",
             "unique_all", "isin", "intersect1d", "union1d", "setdiff1d", "setxor1d"]
    for tier in ("reference", "parallel"):
        arrpy.set_backend(tier)
        try:
            for name in names:
                for a in arrays:
                    for arg in [()] + [(x,) for x in odd]:
                        try:
                            getattr(arrpy, name)(a, *arg)
                        except (ValueError, TypeError, IndexError, OverflowError, MemoryError):
                            pass
        finally:
            arrpy.set_backend("parallel")
