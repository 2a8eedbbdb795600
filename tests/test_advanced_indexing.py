"""Advanced indexing against NumPy: integer arrays, lists and boolean masks in keys (get and
set) on every dtype and on contiguous, Fortran, strided, negative-stride, broadcast, empty and
0-d views of arrpy arrays; the gather/scatter loops each tier runs (read from the kernel trace)
at sizes above the parallel threshold; random keys from hypothesis; NumPy's errors."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import arrpy
from conftest import (
    ALL_DTYPES, LARGE, NUMPY_MODE, SMALL_LAYOUTS, assert_same, make_layout, owned_copy, sample,
    to_arrpy,
)

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's indexing")


def keys_for(shape, seed=0):
    """Advanced keys valid for ``shape`` (2-d or less), as NumPy objects: lists, int arrays of
    several dtypes, masks (full, partial, 0-d) and mixtures with ints, slices, None and ...."""
    rng = np.random.default_rng(seed)
    keys = [True, False, (Ellipsis, False), (None, True)]
    if len(shape) == 0:
        return keys
    n0 = shape[0]
    mask0 = rng.integers(0, 2, n0).astype(bool)
    keys += [mask0, [], np.array([], dtype=np.int32), (mask0, Ellipsis)]
    if n0:
        keys += [[0, -1, 0], np.array([[n0 - 1], [0]], dtype=np.uint8), [-n0],
                 (np.array([0, n0 - 1], dtype=np.int16), Ellipsis)]
    if len(shape) >= 2:
        n1 = shape[1]
        full = rng.integers(0, 2, shape).astype(bool)
        keys += [full, (slice(None), rng.integers(0, 2, n1).astype(bool)), (slice(None), [])]
        if n1:
            keys += [(slice(None), [n1 - 1, 0, -1]), (Ellipsis, np.array([0], dtype=np.uint64)),
                     (slice(None, None, -1), [[0], [n1 - 1]]), (None, slice(None), [0, 0], None)]
        if n0 and n1:
            keys += [([0, n0 - 1], [n1 - 1, 0]), ([[0], [n0 - 1]], [0, n1 - 1, 0]),
                     ([0], None, [n1 - 1]), (n0 - 1, [0, n1 - 1]), ([0, 0], slice(1, None))]
    return keys


def arrpy_key(key):
    """The key with its NumPy arrays made arrpy arrays (lists stay lists)."""
    if isinstance(key, tuple):
        return tuple(arrpy_key(k) for k in key)
    if isinstance(key, np.ndarray):
        return to_arrpy(key)
    return key


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_get_every_dtype_and_layout(dtype, layout):
    nview, aview = make_layout(layout, dtype, seed=1)
    for i, key in enumerate(keys_for(nview.shape)):
        want = nview[key]
        for k in (key, arrpy_key(key)):
            got = aview[k]
            assert_same(got, want)
            assert not arrpy.shares_memory(got, aview) or got.size == 0, key
        if i % 3 == 0:  # NumPy arrays as keys are read through the buffer protocol
            assert_same(aview[key], want)


@pytest.mark.parametrize("layout", [n for n in SMALL_LAYOUTS if n != "broadcast"])
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_set_every_dtype_and_layout(dtype, layout):
    for i, key in enumerate(keys_for(make_layout(layout, dtype)[0].shape, seed=2)):
        nview, aview = make_layout(layout, dtype, seed=3)
        nview = np.asarray(nview)  # a 0-d layout is a NumPy scalar
        shape = nview[key].shape
        value = sample(dtype, int(np.prod(shape)), seed=i).reshape(shape)
        # Alternately a full value, a broadcast row and a scalar.
        if i % 3 == 1 and len(shape) >= 1:
            value = value[..., :1] if shape[-1] else value
        elif i % 3 == 2:
            value = value.reshape(-1)[:1].reshape(()) if value.size else value
        nview[key] = value
        aview[arrpy_key(key)] = to_arrpy(value)
        assert_same(aview, nview)


def test_repeated_indices_last_write_wins_and_overlap():
    n = np.arange(10.0)
    a = arrpy.arange(10.0)
    n[[1, 3, 1, 1]] = [5.0, 6.0, 7.0, 8.0]
    a[[1, 3, 1, 1]] = arrpy.asarray([5.0, 6.0, 7.0, 8.0])
    assert_same(a, n)
    # The value is a view of the target: read whole before any write.
    n[[0, 1, 2, 3]] = n[::-1][:4].copy()
    a[[0, 1, 2, 3]] = a[::-1][:4]
    assert_same(a, n)
    k = int((n > 3).sum())
    # (NumPy's mask assignment reads this overlapping value while writing; arrpy reads it first.)
    n[n > 3] = n[::-1][:k].copy()
    a[a > 3] = a[::-1][:k]
    assert_same(a, n)


def test_mixed_placement_rules():
    n = np.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5)
    a = to_arrpy(n)
    idx = np.array([[0, 1], [1, 0]])
    for key in [(slice(None), idx, idx), (idx, slice(None), idx), (0, slice(None), idx),
                (idx, 1, slice(None), idx), (Ellipsis, idx, 0), (None, idx, None, idx),
                (slice(None), n[0, :, 0, 0] > 0, slice(1, 3)), (n[:, :, 0, 0] > 70, idx[0]),
                (np.ones((2, 3), bool), slice(None), 1)]:
        assert_same(a[arrpy_key(key)], n[key])


def _traced(f):
    arrpy._arrpy._loop_trace(True)
    try:
        result = f()
    finally:
        runs = arrpy._arrpy._loop_trace(False)
    return result, runs


@pytest.fixture
def threads():
    before = arrpy.get_num_threads()
    arrpy.set_num_threads(max(before, 2))
    yield
    arrpy.set_num_threads(before)


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint16", "float32", "float64", "complex128"])
def test_tiers_run_their_loops(dtype, tier, threads):
    """Above the parallel threshold every tier gives NumPy's result; the reference tier runs the
    general gather, simd the typed compress/take loops, parallel those on threads."""
    n = sample(dtype, 2 * LARGE, seed=5)
    base = owned_copy(n)
    nview, aview = n[::-2], base[::-2]
    mask = sample("bool", LARGE, seed=6)
    idx = np.random.default_rng(7).integers(-LARGE, LARGE, LARGE // 2)
    cases = [
        ("compress", lambda: aview[to_arrpy(mask)], nview[mask]),
        ("take", lambda: aview[to_arrpy(idx)], nview[idx]),
        ("gather", lambda: aview.reshape(-1, 4)[to_arrpy(idx[:1000] // 8), 1:], nview.reshape(-1, 4)[idx[:1000] // 8, 1:]),
    ]
    for op, f, want in cases:
        got, runs = _traced(f)
        assert_same(got, want)
        ran = runs[op if tier != "reference" else "gather"][dtype]
        assert (ran["vector"] > 0) == (tier != "reference"), (op, tier, ran)
        assert (ran["threaded"] > 0) == (tier == "parallel" and op != "gather"), (op, tier, ran)
    # A 2-d gather with large output threads at the parallel tier.
    m2 = n[: 2 * LARGE // 8 * 8].reshape(-1, 8)
    a2 = owned_copy(m2)
    rows = np.random.default_rng(8).integers(0, m2.shape[0], m2.shape[0])
    got, runs = _traced(lambda: a2[to_arrpy(rows), ::-1])
    assert_same(got, m2[rows, ::-1])
    assert (runs["gather"][dtype]["threaded"] > 0) == (tier == "parallel")
    # Scatter: every tier, one thread, last write wins.
    nt, at = m2.copy(), owned_copy(m2)
    value = sample(dtype, rows.size * 8, seed=9).reshape(-1, 8)
    nt[rows] = value
    _, runs = _traced(lambda: at.__setitem__(to_arrpy(rows), to_arrpy(value)))
    assert_same(at, nt)
    assert (runs["scatter"][dtype]["vector"] > 0) == (tier != "reference")
    assert runs["scatter"][dtype]["threaded"] == 0


# ---- random keys ----

@st.composite
def shapes_and_keys(draw):
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=0, max_size=4)))
    nd = len(shape)
    items, axis, ellipsis = [], 0, False
    index_shape = draw(st.sampled_from([(), (2,), (1, 3), (3,)]))
    for _ in range(draw(st.integers(0, 5))):
        # Advanced items drawn twice as often as the others.
        kind = draw(st.sampled_from(["int", "slice", "array", "list", "mask", "none", "ellipsis",
                                     "bool", "array", "list", "mask"]))
        left = nd - axis
        if kind == "none":
            items.append(None)
        elif kind == "bool":
            items.append(draw(st.booleans()))
        elif kind == "ellipsis" and not ellipsis:
            ellipsis = True
            items.append(Ellipsis)
            axis = nd  # the rest of the key indexes trailing axes; keep it short
            break
        elif kind in ("int", "array", "list") and left > 0:
            d = shape[axis]
            lo, hi = (-d, d - 1) if d else (-1, 1)  # zero-length axes: out of bounds (error)
            if kind == "int":
                items.append(draw(st.integers(lo, hi)))
            else:
                size = int(np.prod(index_shape))
                vals = draw(st.lists(st.integers(lo, hi), min_size=size, max_size=size))
                arr = np.array(vals, dtype=np.int64).reshape(index_shape)
                items.append(arr if kind == "array" else arr.tolist())
            axis += 1
        elif kind == "slice" and left > 0:
            items.append(slice(draw(st.integers(-5, 5) | st.none()), draw(st.integers(-5, 5) | st.none()),
                               draw(st.sampled_from([None, 1, 2, -1, -2]))))
            axis += 1
        elif kind == "mask" and left > 0:
            k = draw(st.integers(1, min(2, left)))
            mshape = shape[axis:axis + k]
            vals = draw(st.lists(st.booleans(), min_size=int(np.prod(mshape)), max_size=int(np.prod(mshape))))
            items.append(np.array(vals, dtype=bool).reshape(mshape))
            axis += k
    return shape, tuple(items)


def _outcome(f):
    try:
        return f(), None
    except (IndexError, ValueError, TypeError) as e:
        return None, type(e)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes_and_keys(), st.sampled_from(["int16", "float64", "complex64"]), st.integers(0, 2))
def test_random_keys_get_and_set(shape_key, dtype, flavor):
    shape, key = shape_key
    n = sample(dtype, int(np.prod(shape)), seed=1).reshape(shape)
    a = to_arrpy(n)
    if flavor == 1 and n.ndim:  # a negative-stride view of an arrpy array
        n, a = n[::-1], a[::-1]
    want, werr = _outcome(lambda: n[key])
    got, gerr = _outcome(lambda: a[arrpy_key(key)])
    assert gerr == werr, (shape, key, gerr, werr)
    if werr is not None:
        return
    assert_same(got, np.asarray(want))
    value = sample(dtype, max(want.size, 1), seed=2)[: want.size].reshape(want.shape)
    n2, a2 = n.copy(), a.copy()
    werr = _outcome(lambda: n2.__setitem__(key, value))[1]
    gerr = _outcome(lambda: a2.__setitem__(arrpy_key(key), to_arrpy(value)))[1]
    assert gerr == werr, (shape, key, gerr, werr)
    assert_same(a2, n2)


# ---- errors ----

@pytest.mark.parametrize("key, exc, message", [
    ([7], IndexError, "index 7 is out of bounds for axis 0 with size 5"),
    ((slice(None), [-9]), IndexError, "index -9 is out of bounds for axis 1 with size 4"),
    ((None, slice(None), [4]), IndexError, "index 4 is out of bounds for axis 1 with size 4"),
    (np.array([1.0]), IndexError, "arrays used as indices must be of integer (or boolean) type"),
    (np.ones(4, bool), IndexError, "boolean index did not match indexed array along axis 0; size of axis is 5 but size of corresponding boolean axis is 4"),
    (([0, 1], [0, 1, 2]), IndexError, "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)"),
    ((["a"],), IndexError, "only integers, slices"),
])
def test_bad_keys_raise_as_numpy_and_write_nothing(key, exc, message):
    n = np.arange(20.0).reshape(5, 4)
    a = to_arrpy(n)
    with pytest.raises(exc) as np_info:
        n[key]
    assert str(np_info.value).startswith(message)
    for k in (key, arrpy_key(key)):
        with pytest.raises(exc, match=None) as info:
            a[k]
        assert str(info.value).startswith(message), str(info.value)
        with pytest.raises(exc):
            a[k] = 1.0
        assert_same(a, n)


def test_bad_values_write_nothing():
    a = arrpy.arange(10.0)
    with pytest.raises(ValueError, match=r"shape mismatch: value array of shape \(3,\) could not be broadcast to indexing result of shape \(2,\)"):
        a[[0, 1]] = arrpy.asarray([1.0, 2.0, 3.0])
    i = arrpy.arange(5)
    with pytest.raises(TypeError, match="same_kind"):
        i[[0, 1]] = arrpy.asarray([1.5, 2.5])
    # A bad index late in the key: nothing is written, not even the good positions.
    with pytest.raises(IndexError, match="index 10 is out of bounds"):
        a[[0, 1, 10]] = -1.0
    assert a.tolist() == list(np.arange(10.0))
    # A lone mask over the whole array has NumPy's own messages.
    with pytest.raises(ValueError, match="cannot assign 3 input values to the 6 output values where the mask is true"):
        a[a > 3] = arrpy.asarray([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="requires a 0 or 1-dimensional input, input has 2 dimensions"):
        a[a > 3] = arrpy.zeros((1, 6))
    assert a.tolist() == list(np.arange(10.0))
    # Leading length-1 axes of a value are dropped, as NumPy does.
    n = np.arange(10.0).reshape(2, 5)
    b = to_arrpy(n)
    n[[1, 0]] = np.arange(5.0).reshape(1, 1, 5)
    b[[1, 0]] = arrpy.arange(5.0).reshape(1, 1, 5)
    assert_same(b, n)
    ro = to_arrpy(np.broadcast_to(np.arange(3.0), (2, 3)))
    with pytest.raises(ValueError, match="read-only"):
        ro[[0]] = 1.0


# ---- functions ----

def _same(got, want):
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
    else:
        assert_same(got, want)


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_reading_functions_every_dtype_and_layout(dtype, layout):
    nview, aview = make_layout(layout, dtype, seed=4)
    nview = np.asarray(nview)
    flat = nview.size
    if flat:
        idx = [0, flat - 1, -1, 0]
        _same(arrpy.take(aview, to_arrpy(np.array(idx))), np.take(nview, idx))
        _same(arrpy.take(aview, [flat + 2, -1], mode="wrap"), np.take(nview, [flat + 2, -1], mode="wrap"))
        _same(arrpy.take(aview, [flat + 2, -flat - 3], mode="clip"), np.take(nview, [flat + 2, -flat - 3], mode="clip"))
    if nview.ndim:
        _same(arrpy.nonzero(aview), np.nonzero(nview))
        _same(aview.nonzero(), nview.nonzero())
        _same(arrpy.where(aview), np.where(nview))
        cond = (np.arange(nview.shape[0]) % 2).astype(bool)
        _same(arrpy.compress(to_arrpy(cond), aview, axis=0), np.compress(cond, nview, axis=0))
        _same(aview.compress(to_arrpy(cond), axis=0), nview.compress(cond, axis=0))
        if nview.shape[0]:
            _same(aview.take([0, -1], axis=0), nview.take([0, -1], axis=0))
    _same(arrpy.argwhere(aview), np.argwhere(nview))
    _same(arrpy.flatnonzero(aview), np.flatnonzero(nview))
    _same(arrpy.extract(aview, aview), np.extract(nview, nview))
    if nview.ndim == 2 and nview.shape[0]:
        order = np.argsort(np.abs(nview), axis=0, kind="stable")[::-1]
        _same(arrpy.take_along_axis(aview, to_arrpy(order), axis=0), np.take_along_axis(nview, order, axis=0))
        _same(arrpy.take(aview, [[1], [0]], axis=1), np.take(nview, [[1], [0]], axis=1))
        _same(arrpy.compress([True, False, True], aview, axis=1), np.compress([True, False, True], nview, axis=1))


@pytest.mark.parametrize("layout", [n for n in SMALL_LAYOUTS if n != "broadcast"])
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_writing_functions_every_dtype_and_layout(dtype, layout):
    def fresh():
        n, a = make_layout(layout, dtype, seed=5)
        return np.asarray(n), a
    n, a = fresh()
    if n.size == 0:
        return
    vals = sample(dtype, 3, seed=6)
    arrpy.put(a, [0, n.size - 1, 0], to_arrpy(vals))
    np.put(n, [0, n.size - 1, 0], vals)
    assert_same(a, n)
    n, a = fresh()
    a.put([n.size + 1], to_arrpy(vals), mode="wrap")
    n.put([n.size + 1], vals, mode="wrap")
    assert_same(a, n)
    n, a = fresh()
    arrpy.place(a, a, to_arrpy(vals[:2]))
    np.place(n, n, vals[:2])
    assert_same(a, n)
    if n.ndim == 2:
        n, a = fresh()
        idx = np.zeros((n.shape[0], 1), dtype=np.int64)
        arrpy.put_along_axis(a, to_arrpy(idx), to_arrpy(vals[:1]), axis=1)
        np.put_along_axis(n, idx, vals[:1], axis=1)
        assert_same(a, n)


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint64", "float32", "complex128"])
def test_select_and_choose(dtype):
    x = sample(dtype, 12, seed=7).reshape(3, 4)
    y = sample(dtype, 4, seed=8)
    a, b = to_arrpy(x), to_arrpy(y)
    c1, c2 = np.arange(12).reshape(3, 4) % 3 == 0, np.arange(4) > 1
    _same(arrpy.select([to_arrpy(c1), to_arrpy(c2)], [a, b]), np.select([c1, c2], [x, y]))
    _same(arrpy.select([to_arrpy(c1)], [a[::-1]], b), np.select([c1], [x[::-1]], y))
    which = np.array([[0, 1, 1, 0]])
    _same(arrpy.choose(to_arrpy(which), [a, b]), np.choose(which, [x, y]))
    _same(arrpy.choose([5, -1, 0, 2], [b, b[::-1]], mode="wrap"), np.choose([5, -1, 0, 2], [y, y[::-1]], mode="wrap"))
    _same(arrpy.choose([5, -1, 0, 2], [b, b[::-1]], mode="clip"), np.choose([5, -1, 0, 2], [y, y[::-1]], mode="clip"))


def test_index_builders():
    _same(arrpy.ix_([0, 2], [True, False, True], arrpy.asarray([1])), np.ix_([0, 2], [True, False, True], [1]))
    for order in "CF":
        _same(arrpy.unravel_index([0, 29, 17], (5, 6), order=order), np.unravel_index([0, 29, 17], (5, 6), order=order))
        coords = ([0, 4, 2], [5, 0, 3])
        _same(arrpy.ravel_multi_index(coords, (5, 6), order=order), np.ravel_multi_index(coords, (5, 6), order=order))
    _same(arrpy.ravel_multi_index(([7, -1], [2, 9]), (5, 6), mode=("clip", "wrap")),
          np.ravel_multi_index(([7, -1], [2, 9]), (5, 6), mode=("clip", "wrap")))
    _same(arrpy.diag_indices(4, 3), np.diag_indices(4, 3))
    for k in (-2, 0, 1, 5):
        _same(arrpy.tril_indices(4, k), np.tril_indices(4, k))
        _same(arrpy.triu_indices(3, k, 5), np.triu_indices(3, k, 5))
    for args in [(0,), (3, -10), (3, 10), (2, 0, 0), (4, 2, 1)]:
        _same(arrpy.tril_indices(*args), np.tril_indices(*args))
        _same(arrpy.triu_indices(*args), np.triu_indices(*args))
    # Huge sizes are counted before any loop: empty at once, or a MemoryError.
    assert arrpy.tril_indices(10**18, -10**18, 0)[0].shape == (0,)
    assert arrpy.triu_indices(10**18, -10**18, 0)[0].shape == (0,)
    with pytest.raises(MemoryError):
        arrpy.tril_indices(10**12)
    a = arrpy.arange(16.0).reshape(4, 4)
    n = np.arange(16.0).reshape(4, 4)
    _same(a[arrpy.tril_indices(4, -1)], n[np.tril_indices(4, -1)])
    _same(a[arrpy.ix_([1, 3], [0, 2])], n[np.ix_([1, 3], [0, 2])])


@pytest.mark.parametrize("call", [
    lambda m: m.take(m.arange(5), [7]),
    lambda m: m.take(m.arange(5), m.asarray([1.5])),
    lambda m: m.take(m.arange(5), [1], axis=1),
    lambda m: m.take(m.arange(5), [1], mode="bad"),
    lambda m: m.compress([[True]], m.arange(5)),
    lambda m: m.compress([0, 0, 0, 0, 0, 1], m.arange(5)),
    lambda m: m.nonzero(m.asarray(1.0)),
    lambda m: m.put(m.arange(5), [9], 1),
    lambda m: m.place(m.arange(5), [True], [1]),
    lambda m: m.place(m.arange(5), m.arange(5) > 1, []),
    lambda m: m.take_along_axis(m.arange(5), m.asarray([[0]]), axis=0),
    lambda m: m.unravel_index([30], (5, 6)),
    lambda m: m.ravel_multi_index(([5], [0]), (5, 6)),
    lambda m: m.ravel_multi_index(([1],), (5, 6)),
    lambda m: m.select([m.arange(3) > 1], []),
    lambda m: m.select([m.arange(3)], [m.arange(3)]),
    lambda m: m.choose([0, 2], [m.arange(2), m.arange(2)]),
    lambda m: m.ix_([[0]]),
])
def test_function_errors_as_numpy(call):
    with pytest.raises(Exception) as want:
        call(np)
    a = arrpy.arange(5)
    # NumPy's AxisError is arrpy's own class (both are IndexError and ValueError).
    kind = IndexError if isinstance(want.value, np.exceptions.AxisError) else type(want.value)
    with pytest.raises(kind) as got:
        call(arrpy)
    assert str(got.value) == str(want.value)
    assert a.tolist() == list(range(5))


@pytest.mark.parametrize("tier", ["reference", "simd", "parallel"])
@pytest.mark.parametrize("dtype", ["float64", "int32", "complex128"])
def test_take_finds_a_bad_index_anywhere_in_a_long_run(tier, dtype):
    # The fast tiers load eight 8-byte elements per gather instruction and check whole blocks:
    # a bad index in a block, in the tail, or below -n still raises NumPy's IndexError, and
    # negative indices count from the end.
    n = 70_001
    na = np.arange(n).astype(dtype)
    a = arrpy.asarray(na)
    good = (np.arange(200_003) * 7919) % (2 * n) - n
    with arrpy.backend(tier):
        assert_same(arrpy.take(a, arrpy.asarray(good)), np.take(na, good))
        assert_same(arrpy.take(a[::-2], arrpy.asarray(good // 2)), np.take(na[::-2], good // 2))
        for at, bad in [(3, n), (8 * 1000 + 5, -n - 1), (len(good) - 1, 2**62), (100_000, -(2**63))]:
            idx = good.copy()
            idx[at] = bad
            with pytest.raises(IndexError) as want:
                np.take(na, idx)
            with pytest.raises(IndexError) as got:
                arrpy.take(a, arrpy.asarray(idx))
            assert str(got.value) == str(want.value)
