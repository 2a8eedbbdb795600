"""nonzero, argwhere and flatnonzero at every tier (crates/arrpy-core/src/ops/index/nonzero.rs):
the reference loops, the simd tier's block count and branchless fill, and the parallel tier's
chunks counted on threads, prefix-summed and filled on threads. Every dtype (for floats -0.0
is zero and NaN is not; complex counts when either part does; bool reads any non-zero byte as
true), every layout, NumPy as the oracle, and the loop trace shows which loop ran."""

import numpy as np
import pytest

import arrpy as ap
from arrpy import _arrpy
from conftest import (ALL_DTYPES, LARGE, NUMPY_MODE, SMALL_LAYOUTS, TIERS, _layouts, broadcast_view,
                      owned_copy, sample, view_pair)

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own tiers")


@pytest.fixture(autouse=True)
def several_threads():
    """The parallel tier splits work only with more than one thread."""
    before = ap.get_num_threads()
    ap.set_num_threads(max(before, 4))
    yield
    ap.set_num_threads(before)
    ap.set_backend("parallel")


def with_zeros(dtype, n, seed=0, density=0.5):
    """``n`` elements of ``dtype``, about ``density`` of them non-zero; floats carry -0.0 (zero),
    NaN and infinities (non-zero); complex numbers have zeros with one part non-zero."""
    rng = np.random.default_rng(seed)
    x = sample(dtype, n, seed=seed)
    if dtype != "bool":
        x[rng.random(n) >= density] = 0
    else:
        x = rng.random(n) < density
    kind = np.dtype(dtype).kind
    if kind in "fc":
        x[3::101] = -0.0
        x[5::103] = np.nan
        x[7::107] = np.inf
    if kind == "c":
        x[11::109] = 1j
        x[13::113] = complex(-0.0, -0.0)
    return x


# name -> (base shape, view) of a 1-d base of `size` elements: the layouts of the large tests.
def large_layouts(size):
    rows = 250
    return {
        "contiguous": (size, lambda x: x),
        "negative": (2 * size, lambda x: x[::-2]),
        "2d_strided": (2 * size, lambda x: x.reshape(rows, -1)[::-1, ::2]),
        "3d_transposed": (size, lambda x: x.reshape(10, rows // 10, -1).transpose(2, 0, 1)),
        "broadcast": (size // rows, lambda x: broadcast_view(x[::-1], (rows, size // rows))),
    }


def assert_all_three(aview, nview):
    """nonzero, argwhere and flatnonzero of ``aview`` equal NumPy's of ``nview`` (int64, C
    order); each result is returned, for comparing tiers."""
    got = {}
    nz = ap.nonzero(aview)
    expected = np.nonzero(nview)
    assert len(nz) == len(expected)
    for g, e in zip(nz, expected):
        assert g.dtype == "int64" and g.shape == e.shape
        np.testing.assert_array_equal(np.asarray(g), e)
    got["nonzero"] = [np.asarray(g).copy() for g in nz]
    for name in ("argwhere", "flatnonzero"):
        g, e = getattr(ap, name)(aview), getattr(np, name)(nview)
        assert g.dtype == "int64" and g.shape == e.shape, (name, g.shape, e.shape)
        np.testing.assert_array_equal(np.asarray(g), e)
        got[name] = np.asarray(g).copy()
    return got


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_small_layouts(dtype, layout, tier):
    """Every dtype and small layout (contiguous, Fortran, strided, negative, broadcast, empty;
    0-d: nonzero raises ValueError as NumPy 2, argwhere and flatnonzero answer)."""
    shape, op = _layouts()[layout]
    base = with_zeros(dtype, int(np.prod(shape)), seed=1).reshape(shape)
    nview, aview = view_pair(base, op)
    if layout == "zero_d":
        with pytest.raises(ValueError, match="nonzero on 0d arrays"):
            np.nonzero(nview)
        with pytest.raises(ValueError, match="nonzero on 0d arrays"):
            ap.nonzero(aview)
        for name in ("argwhere", "flatnonzero"):
            g, e = getattr(ap, name)(aview), getattr(np, name)(nview)
            assert g.shape == e.shape and g.dtype == "int64"
            np.testing.assert_array_equal(np.asarray(g), e)
        return
    assert_all_three(aview, nview)


def traced(f, *args):
    _arrpy._loop_trace(True)
    try:
        result = f(*args)
    finally:
        runs = _arrpy._loop_trace(False)
    return result, runs


def assert_loop(runs, dtype, tier, calls):
    """``calls`` calls ran nonzero's loop of ``tier`` on ``dtype``."""
    assert set(runs) == {"nonzero"}, runs
    assert runs["nonzero"] == {dtype: {
        "reference": calls if tier == "reference" else 0,
        "vector": 0 if tier == "reference" else calls,
        "threaded": calls if tier == "parallel" else 0,
    }}, (tier, runs)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_tiers_above_the_parallel_threshold(dtype):
    """Each tier runs its own loop (the trace says which) and all give NumPy's positions, on
    layouts of LARGE elements, dense and sparse."""
    for label, (size, view) in large_layouts(LARGE).items():
        for density in (0.5, 0.001):
            nview, aview = view_pair(with_zeros(dtype, size, seed=2, density=density), view)
            assert nview.size >= LARGE // 2 > 65536
            results = {}
            for tier in TIERS:
                with ap.backend(tier):
                    results[tier], runs = traced(assert_all_three, aview, nview)
                assert_loop(runs, dtype, tier, 3)
            for tier in TIERS[1:]:
                for name, r in results[tier].items():
                    np.testing.assert_array_equal(r, results["reference"][name], err_msg=(label, tier))


@pytest.mark.parametrize("tier", TIERS)
def test_chunk_edges(tier):
    """Non-zero elements exactly at the chunk and row edges, and chunks without any: each chunk
    starts writing where the counts before it end."""
    n = LARGE
    x = np.zeros(n)
    for k in range(1, 64):
        x[k * n // 64 - 1: k * n // 64 + 1] = k  # both sides of every 64th
    x[0], x[-1] = 1, -1
    x[n // 3: 2 * n // 3] = 0  # whole chunks with nothing
    a = owned_copy(x)
    with ap.backend(tier):
        assert_all_three(a, x)
        x2, a2 = x.reshape(400, -1), a.reshape(400, -1)
        assert_all_three(a2, x2)
        assert_all_three(a2[:, ::-1], x2[:, ::-1])


def test_all_zero_and_all_nonzero(tier):
    for fill in (0, 1):
        x = np.full((LARGE // 100, 100), fill, dtype=np.int8)
        assert_all_three(owned_copy(x), x)


def test_bool_bytes_other_than_one_are_true(tier):
    """Memory written as bytes 2..255 through a NumPy view reads as True, as in NumPy."""
    raw = np.zeros(LARGE, dtype=np.uint8)
    raw[::3] = 2
    raw[1::7] = 255
    a = owned_copy(raw)
    b = ap.asarray(np.asarray(a).view(np.bool_))
    assert ap.shares_memory(a, b)
    nb = raw.view(np.bool_)
    assert_all_three(b, nb)


@pytest.mark.parametrize("tier", TIERS)
def test_mask_getitem_and_compress_use_the_count(tier):
    """``a[mask]`` and compress/extract (flatnonzero of the condition) give NumPy's elements
    at every tier, on masks with bytes other than 1."""
    x = sample("float64", LARGE, seed=4)
    raw = (np.random.default_rng(5).random(LARGE) < 0.3).astype(np.uint8) * 7
    mask = raw.view(np.bool_)
    a, amask = owned_copy(x), ap.asarray(np.asarray(owned_copy(raw)).view(np.bool_))
    with ap.backend(tier):
        np.testing.assert_array_equal(np.asarray(a[amask]), x[mask])
        np.testing.assert_array_equal(np.asarray(ap.compress(amask, a)), np.compress(mask, x))
        np.testing.assert_array_equal(np.asarray(ap.extract(amask, a)), np.extract(mask, x))
        a2, m2 = a.reshape(500, -1), amask.reshape(500, -1)
        np.testing.assert_array_equal(np.asarray(a2[m2[:, ::-1]]), x.reshape(500, -1)[mask.reshape(500, -1)[:, ::-1]])
