"""The ndarray members of python/arrpy/_array_methods.py against NumPy's: bytes (tobytes,
byteswap, getfield/setfield, data, ctypes), flat, dump/dumps, resize, the forwarding methods
(repeat, choose, dot, trace) and the protocol members (in, divmod, ndarray[...], __array_wrap__),
for every dtype and layout (contiguous, Fortran, strided, negative, broadcast, empty, 0-d)."""

import ctypes
import io
import pickle
import types

import numpy as np
import pytest

import arrpy as ap
from conftest import (
    ALL_DTYPES, COMPLEX_DTYPES, SMALL_LAYOUTS, WRITABLE_LAYOUTS, assert_same, make_layout, to_numpy,
)

WRITABLE_SMALL = [n for n in SMALL_LAYOUTS if n in WRITABLE_LAYOUTS]
REAL_DTYPES = [d for d in ALL_DTYPES if d not in COMPLEX_DTYPES]


def pair(layout, dtype):
    """make_layout's (NumPy, arrpy) views, NumPy's 0-d one as an array (not a NumPy scalar)."""
    n, a = make_layout(layout, dtype)
    return (n if isinstance(n, np.ndarray) else np.array(n)), a


def test_every_member_numpy_has_is_here():
    # NumPy's API: public names and dunders (NumPy 2.5 added private `_set_shape`, `_set_dtype`).
    api = {n for n in dir(np.ndarray) if not n.startswith("_") or n.startswith("__")}
    missing = {n for n in api if not hasattr(ap.ndarray, n)}
    # Left out on purpose: NumPy's subclassing hooks and its C-level struct capsule.
    assert missing <= {"__array_finalize__", "__array_struct__", "__setstate__"}, missing


# ---- tobytes, data ----------------------------------------------------------------------------

@pytest.mark.parametrize("order", ["C", "F", "A", "K", None, "c"])
@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_tobytes(dtype, layout, order, tier):
    n, a = pair(layout, dtype)
    assert a.tobytes(order=order) == n.tobytes(order=order)


def test_tobytes_of_fortran_base_in_order_a():
    n = np.arange(6, dtype=np.int16).reshape(2, 3)
    a = ap.asfortranarray(ap.asarray(n))
    assert a.flags.f_contiguous and not a.flags.c_contiguous
    assert a.tobytes("A") == np.asfortranarray(n).tobytes("A") != a.tobytes("C")


@pytest.mark.parametrize("order", ["X", "CF", 3])
def test_tobytes_bad_order(order):
    with pytest.raises((ValueError, TypeError)) as theirs:
        np.zeros(2).tobytes(order=order)
    with pytest.raises(theirs.type):
        ap.zeros(2).tobytes(order=order)


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_data_is_a_memoryview_of_the_array(dtype, layout):
    n, a = pair(layout, dtype)
    m = a.data
    assert isinstance(m, memoryview)
    assert (m.shape, m.strides, m.readonly) == (n.data.shape, n.data.strides, n.data.readonly)
    assert m.tobytes() == n.data.tobytes()


def test_data_writes_reach_the_array():
    a = ap.zeros(3, dtype=ap.int32)
    a.data[1] = 7
    assert a.tolist() == [0, 7, 0]


# ---- byteswap ---------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_byteswap_copy(dtype, layout, tier):
    n, a = pair(layout, dtype)
    before = a.tobytes()
    got = a.byteswap()
    assert got.tobytes() == n.byteswap().tobytes()
    assert got.dtype == n.dtype.name and got.shape == n.shape
    assert a.tobytes() == before, "byteswap() changed its input"
    if a.size and a.itemsize > 1:
        assert not ap.shares_memory(got, a)


@pytest.mark.parametrize("layout", WRITABLE_SMALL)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_byteswap_in_place(dtype, layout, tier):
    n, a = pair(layout, dtype)
    assert a.byteswap(inplace=True) is a
    assert n.byteswap(inplace=True) is n
    assert a.tobytes() == n.tobytes()


def test_byteswap_in_place_twice_restores_and_refuses_read_only():
    n = np.arange(-3, 3, dtype=np.int64)
    a = ap.array(n, copy=True)
    a.byteswap(True)
    assert a.tolist() == n.byteswap().tolist()
    a.byteswap(True)
    assert a.tolist() == n.tolist()
    b = ap.broadcast_to(a, (2, 6))
    with pytest.raises(ValueError, match="array to be byte-swapped is read-only"):
        b.byteswap(inplace=True)
    nb = np.broadcast_to(n, (2, 6))
    with pytest.raises(ValueError, match="array to be byte-swapped is read-only"):
        nb.byteswap(inplace=True)
    assert b.byteswap().tobytes() == nb.byteswap().tobytes()
    assert a.tolist() == n.tolist()


# ---- getfield, setfield -----------------------------------------------------------------------

def _fields(dtype):
    """(field dtype, offset) pairs that fit in one element of ``dtype``."""
    size = np.dtype(dtype).itemsize
    fields = [("uint8", 0), ("int8", size - 1), ("bool", size // 2)]
    fields += [("int16", off) for off in (0, size - 2) if size >= 2]
    fields += [("float32", 0), ("int32", size - 4)] if size >= 4 else []
    fields += [("float64", size - 8), ("uint64", 0)] if size >= 8 else []
    fields += [(dtype, 0)]
    return fields


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_getfield(dtype, layout, tier):
    n, a = pair(layout, dtype)
    for field, offset in _fields(dtype):
        got, want = a.getfield(field, offset), n.getfield(field, offset)
        assert got.dtype == want.dtype.name and got.shape == want.shape, (field, offset)
        assert got.tobytes() == want.tobytes(), (field, offset)
        if a.size:
            assert ap.shares_memory(got, a), "getfield copied"
        assert got.flags.writeable == want.flags.writeable


def test_getfield_of_complex_is_the_parts():
    n = np.asarray([1 + 2j, -3.5 - 4j], dtype=np.complex128)
    a = ap.asarray(n)
    assert_same(a.getfield(ap.float64, 0), n.real)
    assert_same(a.getfield("float64", 8), n.imag)


@pytest.mark.parametrize("layout", WRITABLE_SMALL)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_setfield(dtype, layout, tier):
    n, a = pair(layout, dtype)
    for field, offset in _fields(dtype):
        value = np.ones((), dtype=field) if field == "bool" else np.asarray(3, dtype=field)
        n.setfield(value, field, offset)
        a.setfield(value.item(), field, offset)
        assert a.tobytes() == n.tobytes(), (field, offset)


def test_setfield_broadcasts_an_array():
    n = np.zeros((2, 3), dtype=np.int32)
    a = ap.zeros((2, 3), dtype=ap.int32)
    n.setfield(np.arange(3, dtype=np.int16), np.int16, 2)
    a.setfield(ap.arange(3, dtype=ap.int16), ap.int16, 2)
    assert_same(a, n)


@pytest.mark.parametrize("field, offset, message", [
    ("complex128", 0, "new type is larger than original type"),
    ("complex128", -1, "new type is larger than original type"),
    ("int32", -1, "offset is negative"),
    ("int32", 5, "new type plus offset is larger than original type"),
    ("float64", 1, "new type plus offset is larger than original type"),
])
def test_getfield_out_of_range(field, offset, message):
    for xp in (np, ap):
        a = xp.zeros(3)
        with pytest.raises(ValueError, match=message):
            a.getfield(field, offset)
        with pytest.raises(ValueError, match=message):
            a.setfield(1, field, offset)
        assert a.tolist() == [0.0] * 3


def test_setfield_refuses_read_only():
    a = ap.broadcast_to(ap.zeros(3, dtype=ap.int32), (2, 3))
    with pytest.raises(ValueError):
        np.broadcast_to(np.zeros(3, dtype=np.int32), (2, 3)).setfield(1, np.int16, 0)
    with pytest.raises(ValueError):
        a.setfield(1, ap.int16, 0)


# ---- ctypes -----------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ["bool", "int8", "uint16", "int64", "float32", "float64"])
def test_ctypes(dtype, layout):
    n, a = pair(layout, dtype)
    c = a.ctypes
    if a.ndim:
        assert c.shape[:] == list(a.shape) == n.ctypes.shape[:]
        assert c.strides[:] == list(a.strides) == n.ctypes.strides[:]
        assert c.shape_as(ctypes.c_int16)[:] == list(a.shape)
    else:
        assert c.shape is None and c.strides is None and n.ctypes.shape is None
    if a.size:
        # The address of the first element: NumPy's view of arrpy's memory has the same one.
        assert c.data == np.asarray(a).ctypes.data
        kind = np.ctypeslib.as_ctypes_type(np.dtype(dtype))
        first = c.data_as(ctypes.POINTER(kind))[0]
        want = n[(0,) * n.ndim]
        assert first == want.item()
        assert ctypes.c_void_p.from_param(c).value == c.data


def test_ctypes_pointer_keeps_the_array_alive():
    p = ap.asarray([4.5, 6.0]).ctypes.data_as(ctypes.POINTER(ctypes.c_double))
    assert (p[0], p[1]) == (4.5, 6.0)


# ---- flat -------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_flat_reads(dtype, layout):
    n, a = pair(layout, dtype)
    fa, fn = a.flat, n.flat
    assert fa.base is a and len(fa) == len(fn) == n.size
    assert [x.item() for x in fa] == [x.item() for x in fn]
    assert fa.index == fn.index == n.size
    assert_same(a.flat.copy(), n.flat.copy())
    assert_same(a.flat[...], n.flat[...])
    assert_same(a.flat[1:-1:2], n.flat[1:-1:2])
    assert_same(a.flat[::-1], n.flat[::-1])
    if n.size:
        for i in (0, -1, n.size // 2):
            assert a.flat[i].item() == n.flat[i].item()
        idx = [0, n.size - 1, 0]
        assert_same(a.flat[idx], n.flat[idx])
        grid = [[0, n.size - 1], [n.size - 1, 0]]
        assert_same(a.flat[ap.asarray(grid)], n.flat[np.asarray(grid)])
        mask = np.arange(n.size) % 3 == 0
        assert_same(a.flat[ap.asarray(mask)], n.flat[mask])


def test_flat_iterator_state():
    n = np.arange(6).reshape(2, 3)
    a = ap.asarray(n)
    fa, fn = a.flat, n.flat
    assert iter(fa) is fa
    for _ in range(4):
        assert next(fa).item() == next(fn).item()
    assert (fa.index, fa.coords) == (fn.index, fn.coords) == (4, (1, 1))
    list(fa)
    with pytest.raises(StopIteration):
        next(fa)


@pytest.mark.parametrize("key", [6, -7, 100])
def test_flat_index_out_of_range(key):
    for xp in (np, ap):
        with pytest.raises(IndexError, match="out of bounds"):
            xp.zeros((2, 3)).flat[key]
        with pytest.raises(IndexError, match="out of bounds"):
            xp.zeros((2, 3)).flat[key] = 1


def test_flat_refuses_a_list_of_bools():
    for xp in (np, ap):
        with pytest.raises(IndexError, match="boolean indices for iterators"):
            xp.zeros(2).flat[[True, False]]


@pytest.mark.parametrize("layout", WRITABLE_SMALL)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_flat_writes(dtype, layout, tier):
    n, a = pair(layout, dtype)
    size = n.size
    values = np.asarray([1, 0, 1], dtype=dtype)  # fewer than the positions: they repeat
    keys = [slice(None), slice(1, None, 2), slice(None, None, -1)]
    if size:
        keys += [0, -1, [size - 1, 0], np.arange(size) % 2 == 1]
    for key in keys:
        akey = ap.asarray(key) if isinstance(key, np.ndarray) else key
        value = values[1] if isinstance(key, int) else values  # NumPy: one value for an int
        n.flat[key] = value
        a.flat[akey] = value.tolist()
        np.testing.assert_array_equal(to_numpy(a), n, err_msg=str(key))
    n.flat = values[:2]
    a.flat = values[:2].tolist()
    np.testing.assert_array_equal(to_numpy(a), n)


def test_flat_write_reaches_the_base_of_a_view():
    base = ap.zeros((3, 4), dtype=ap.int64)
    nbase = np.zeros((3, 4), dtype=np.int64)
    base[::-1, ::2].flat[[0, 3, 5]] = [7, 8, 9]
    nbase[::-1, ::2].flat[[0, 3, 5]] = [7, 8, 9]
    assert_same(base, nbase)


def test_flat_write_to_read_only_fails_and_changes_nothing():
    a = ap.broadcast_to(ap.arange(3), (2, 3))
    with pytest.raises(ValueError):
        np.broadcast_to(np.arange(3), (2, 3)).flat[0] = 5
    with pytest.raises(ValueError):
        a.flat[0] = 5
    assert a.tolist() == [[0, 1, 2]] * 2


# ---- dump, dumps ------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_dumps_round_trips(dtype, layout):
    n, a = pair(layout, dtype)
    s = a.dumps()
    assert s[:2] == n.dumps()[:2] == b"\x80\x02"  # protocol 2, as NumPy's
    back = pickle.loads(s)
    assert isinstance(back, ap.ndarray)
    assert_same(back, n)


def test_dump_to_a_path_and_a_file(tmp_path):
    a = ap.arange(6.0).reshape(2, 3)[:, ::-1]
    a.dump(tmp_path / "a.pkl")
    a.dump(str(tmp_path / "b.pkl"))
    f = io.BytesIO()
    a.dump(f)
    f.seek(0)
    for got in (pickle.loads((tmp_path / "a.pkl").read_bytes()),
                pickle.loads((tmp_path / "b.pkl").read_bytes()), pickle.load(f)):
        assert_same(got, np.arange(6.0).reshape(2, 3)[:, ::-1])


# ---- resize -----------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("old, new", [
    ((6,), (2, 3)), ((6,), (8,)), ((6,), (4,)), ((2, 3), (3, 4)), ((2, 3), (0,)), ((0,), (2, 2)),
    ((3,), ()), ((2, 3), (1, 1, 5)),
])
def test_resize(dtype, old, new):
    from conftest import sample

    n = sample(dtype, int(np.prod(old)), small=True).reshape(old)
    a = ap.array(n, copy=True)
    n = n.copy()
    result = a.resize(new)  # not inside `assert`: pytest's rewriting would hold a reference
    assert result is None
    n.resize(new)
    assert_same(a, n)
    assert a.flags.c_contiguous and a.flags.owndata


def test_resize_argument_forms():
    # Each called as written: `a.resize(*args)` goes through a bound method, one reference more.
    a, n = ap.arange(6), np.arange(6)
    a.resize(2, 3)
    n.resize(2, 3)
    assert_same(a, n)
    a.resize((3, 4))
    n.resize((3, 4))
    assert_same(a, n)
    a.resize([2, 2])
    n.resize([2, 2])
    assert_same(a, n)
    a.resize(5)
    n.resize(5)
    assert_same(a, n)
    a = ap.arange(6)
    a.resize()
    assert a.shape == (6,)
    a.resize(3, refcheck=False)
    assert a.tolist() == [0, 1, 2]


@pytest.mark.parametrize("bad, error", [((-1,), ValueError), ((2, -1), ValueError),
                                        ((2.5,), TypeError)])
def test_resize_bad_shape(bad, error):
    for xp in (np, ap):
        a = xp.arange(6)
        with pytest.raises(error):
            a.resize(*bad)
        assert a.tolist() == list(range(6))


def test_resize_refuses_a_view_and_what_a_view_holds():
    a = ap.arange(6)
    v = a[1:]
    with pytest.raises(ValueError, match="does not own its data"):
        v.resize(8)
    with pytest.raises(ValueError, match="referenced"):
        a.resize(8)
    assert a.tolist() == list(range(6)) and v.tolist() == [1, 2, 3, 4, 5]
    # NumPy refuses the same two.
    n = np.arange(6)
    nv = n[1:]
    with pytest.raises(ValueError, match="does not own its data"):
        nv.resize(8)
    with pytest.raises(ValueError, match="referenced"):
        n.resize(8)
    del v
    a.resize(8)
    assert a.tolist() == list(range(6)) + [0, 0]


def test_resize_refuses_an_exported_buffer_and_another_reference():
    a = ap.arange(4.0)
    m = memoryview(a)
    with pytest.raises(ValueError, match="referenced"):
        a.resize(100)
    assert m.tolist() == [0.0, 1.0, 2.0, 3.0]
    m.release()
    b = a
    with pytest.raises(ValueError, match="referenced"):
        a.resize(100, refcheck=False)  # arrpy never frees memory something else may hold
    del b
    n = np.asarray(a)  # NumPy's view of arrpy's memory holds `a`
    with pytest.raises(ValueError, match="referenced"):
        a.resize(100)
    assert n.tolist() == [0.0, 1.0, 2.0, 3.0]
    del n
    a.resize(100)
    assert a.shape == (100,) and a[:4].tolist() == [0.0, 1.0, 2.0, 3.0]


def test_resize_same_size_reshapes_even_a_view():
    a = ap.arange(6)
    v = a[:]
    n = np.arange(6)
    nv = n[:]
    v.resize((3, 2))
    nv.resize((3, 2))
    assert_same(v, nv)


def test_resize_refuses_a_strided_array():
    for xp in (np, ap):
        with pytest.raises(ValueError, match="single-segment"):
            xp.arange(6)[::2].resize(3)


def test_resize_of_a_fortran_array_keeps_memory_order():
    n = np.asfortranarray(np.arange(6).reshape(2, 3))
    a = ap.asfortranarray(ap.arange(6).reshape(2, 3))
    if a.base is not None:
        pytest.skip("asfortranarray returns a view in arrpy")
    n.resize((3, 3))
    a.resize((3, 3))
    assert_same(a, n)


def test_resize_keeps_read_only():
    a = ap.arange(3)
    a.setflags(write=False)
    n = np.arange(3)
    n.setflags(write=False)
    a.resize(5)
    n.resize(5)
    # NumPy leaves the new elements of a read-only array unset; arrpy's are zero.
    assert_same(a[:3], n[:3])
    assert a.tolist() == [0, 1, 2, 0, 0]
    assert not a.flags.writeable and not n.flags.writeable


# ---- forwarding methods -----------------------------------------------------------------------

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_repeat(dtype, layout):
    n, a = pair(layout, dtype)
    assert_same(a.repeat(2), n.repeat(2))
    if n.ndim:
        assert_same(a.repeat(3, axis=0), n.repeat(3, axis=0))
        reps = [1, 0, 2] * n.shape[-1]
        assert_same(a.repeat(reps[:n.shape[-1]], axis=-1), n.repeat(reps[:n.shape[-1]], axis=-1))


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_choose_trace_dot(dtype, layout):
    n, a = pair(layout, dtype)
    if n.ndim == 2:
        assert_same(a.trace(), n.trace())
        wide = "complex128" if dtype in COMPLEX_DTYPES else "float64"
        assert_same(a.trace(offset=1, dtype=wide), n.trace(offset=1, dtype=wide))
        assert_same(a.dot(a.T), n.dot(n.T))
    if n.ndim == 2 and n.shape[0]:
        assert_same(a.dot(a[0]), n.dot(n[0]))
    elif n.ndim < 2:
        assert_same(a.dot(a), n.dot(n))
    idx_n = (np.arange(n.size) % 3).reshape(n.shape)
    idx = ap.asarray(idx_n)
    choices = [a, a * 0 if dtype != "bool" else ~a, a]
    nchoices = [n, n * 0 if dtype != "bool" else ~n, n]
    assert_same(idx.choose(choices), idx_n.choose(nchoices))


def test_choose_and_trace_errors():
    for xp in (np, ap):
        with pytest.raises(ValueError):
            xp.asarray([0, 3]).choose([xp.zeros(2), xp.ones(2)])
        with pytest.raises(ValueError):
            xp.zeros(3).trace()
        with pytest.raises(ValueError):
            xp.zeros((2, 3)).dot(xp.zeros((2, 3)))


# ---- protocol members -------------------------------------------------------------------------

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_contains(dtype, layout):
    n, a = pair(layout, dtype)
    for x in [0, 1, True, 2.5, -100, n.ravel()[0] if n.size else 7]:
        got = x in a
        assert type(got) is bool and got == (x in n), x


@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", [d for d in REAL_DTYPES if d != "bool"])
def test_divmod(dtype, layout, tier):
    from conftest import sample

    n, a = pair(layout, dtype)
    d = np.where(n == 0, 3, n).astype(dtype) if n.ndim else np.asarray(3, dtype=dtype)
    q, r = divmod(a, ap.asarray(d))
    nq, nr = divmod(n, d)
    assert_same(q, nq)
    assert_same(r, nr)
    q, r = divmod(a, 3)
    assert_same(q, divmod(n, 3)[0])
    assert_same(r, divmod(n, 3)[1])
    q, r = divmod(7, ap.asarray(d))
    nq, nr = divmod(7, d)
    assert_same(q, nq)
    assert_same(r, nr)


def test_divmod_of_complex_is_a_type_error():
    for xp in (np, ap):
        with pytest.raises(TypeError):
            divmod(xp.asarray([1j]), 2)


def test_class_getitem_and_priority_and_wrap():
    alias = ap.ndarray[int, np.float64]
    assert isinstance(alias, types.GenericAlias)
    assert alias.__origin__ is ap.ndarray and alias.__args__ == (int, np.float64)
    assert ap.ndarray.__array_priority__ == 0.0 == np.zeros(1).__array_priority__
    a = ap.zeros(2)
    wrapped = a.__array_wrap__(np.arange(3.0))
    assert_same(wrapped, np.arange(3.0))
    assert a.__array_wrap__(np.asarray(2.0), None, True) == 2.0


@pytest.mark.parametrize("layout", ["large", "large_strided"])
@pytest.mark.parametrize("dtype", ["int16", "float64", "complex64"])
def test_bytes_above_the_threads_threshold(dtype, layout, tier):
    n, a = pair(layout, dtype)
    assert a.tobytes() == n.tobytes()
    assert a.byteswap().tobytes() == n.byteswap().tobytes()
    assert a.getfield("uint8", 1).tobytes() == n.getfield("uint8", 1).tobytes()
    a.byteswap(inplace=True)
    n.byteswap(inplace=True)
    assert a.tobytes() == n.tobytes()


def test_flat_as_a_numpy_array():
    a = ap.arange(6, dtype=ap.int32).reshape(2, 3).T
    got = np.asarray(a.flat)
    np.testing.assert_array_equal(got, np.arange(6, dtype=np.int32).reshape(2, 3).T.flat)
    assert got.dtype == np.int32
