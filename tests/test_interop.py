"""Zero-copy interop: buffer protocol in/out, __array_interface__, __array__, DLPack, frombuffer.

NumPy is a test-only dependency here: it is the reference producer and consumer.
"""

import array as pyarray
import ctypes
import gc
import struct
import weakref

import pytest

import arrpy

np = pytest.importorskip("numpy")

DTYPES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "complex64", "complex128",
]

FORMATS = {
    "bool": "?", "int8": "b", "int16": "h", "int32": "i", "int64": "q",
    "uint8": "B", "uint16": "H", "uint32": "I", "uint64": "Q",
    "float32": "f", "float64": "d", "complex64": "Zf", "complex128": "Zd",
}


def sample(dt, shape=(6, 8)):
    """A NumPy array of dtype `dt` with distinct-ish values."""
    n = int(np.prod(shape))
    base = np.arange(n).reshape(shape)
    if dt == "bool":
        return (base % 3 == 0)
    if dt.startswith("complex"):
        return (base + 1j * (base % 5 - 2)).astype(dt)
    if dt.startswith("int"):
        return (base % 100 - 50).astype(dt)
    return (base % 100).astype(dt)


def new_value(dt):
    """A value not present in `sample(dt)` (for bool: one that flips element [0, 0])."""
    if dt == "bool":
        return False
    if dt.startswith("complex"):
        return 77 - 3j
    return 77


def arrpy_sample(dt, shape=(6, 8)):
    """An arrpy array owning its memory, equal to `sample(dt, shape)`."""
    ref = sample(dt, shape)
    a = arrpy.asarray(ref.tolist(), dtype=dt)
    assert a.base is None
    assert a.tolist() == ref.tolist()
    return a


def np_views(base):
    return {
        "C": base,
        "F": np.asfortranarray(base),
        "strided": base[::2, 1::3],
        "reversed": base[::-1],
        "reversed_both": base[::-2, ::-3],
        "transposed": base.T,
    }


def arrpy_views(a):
    return {
        "C": a,
        "strided": a[::2, 1::3],
        "reversed": a[::-1],
        "reversed_both": a[::-2, ::-3],
        "transposed": a.T,
    }


LAYOUTS_NP = ["C", "F", "strided", "reversed", "reversed_both", "transposed"]
LAYOUTS_AP = ["C", "strided", "reversed", "reversed_both", "transposed"]


# ---------------------------------------------------------------------------------------------
# NumPy -> arrpy through the buffer protocol
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS_NP)
@pytest.mark.parametrize("dt", DTYPES)
def test_numpy_to_arrpy_shares_memory(dt, layout):
    v = np_views(sample(dt))[layout]
    a = arrpy.asarray(v)
    assert a.dtype == dt
    assert a.shape == v.shape
    assert a.strides == v.strides
    assert a.tolist() == v.tolist()
    assert a.base is v
    # arrpy writes are seen by NumPy ...
    a[0, 0] = new_value(dt)
    assert v[0, 0] == new_value(dt)
    # ... and NumPy writes by arrpy.
    v[-1, -1] = v[0, 0]
    assert a.tolist() == v.tolist()
    assert a[-1, -1].item() == v[0, 0].item()


@pytest.mark.parametrize("dt", DTYPES)
def test_numpy_readonly_gives_readonly_view(dt):
    v = sample(dt)[::-1, ::2]
    v.setflags(write=False)
    a = arrpy.asarray(v)
    assert a.tolist() == v.tolist()
    assert not a.flags["WRITEABLE"]
    with pytest.raises(ValueError, match="read-only"):
        a[0, 0] = new_value(dt)
    assert memoryview(a).readonly
    assert not np.asarray(a).flags.writeable
    assert np.shares_memory(np.asarray(a), v)


def test_numpy_0d_and_empty():
    e = np.zeros((0, 3))
    a = arrpy.asarray(e)
    assert a.shape == (0, 3) and a.tolist() == []
    z = np.zeros((4, 0, 2), dtype=np.int16)[::-1]
    assert arrpy.asarray(z).shape == (4, 0, 2)


def test_unsupported_formats_raise_type_error():
    with pytest.raises(TypeError, match="'e'"):
        arrpy.asarray(np.zeros(3, dtype=np.float16))
    with pytest.raises(TypeError, match=">"):
        arrpy.asarray(np.zeros(3, dtype=">f8"))
    with pytest.raises(TypeError, match="buffer format"):
        arrpy.asarray(pyarray.array("u", "abc"))


# ---------------------------------------------------------------------------------------------
# Other buffer exporters
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "code,dt",
    [("b", "int8"), ("B", "uint8"), ("h", "int16"), ("H", "uint16"), ("i", "int32"),
     ("I", "uint32"), ("l", "int64"), ("L", "uint64"), ("q", "int64"), ("Q", "uint64"),
     ("f", "float32"), ("d", "float64")],
)
def test_array_module(code, dt):
    src = pyarray.array(code, [1, 2, 3, 4])
    a = arrpy.asarray(src)
    assert a.dtype == dt
    assert a.tolist() == [1, 2, 3, 4]
    a[1] = 9
    assert src[1] == 9
    src[2] = 7
    assert a.tolist() == [1, 9, 7, 4]


def test_bytes_is_readonly():
    b = b"\x01\x02\x03"
    a = arrpy.asarray(b)
    assert a.dtype == "uint8"
    assert a.tolist() == [1, 2, 3]
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        a[0] = 5
    assert b == b"\x01\x02\x03"


def test_bytearray_is_writeable_and_pinned():
    b = bytearray(b"\x01\x02\x03")
    a = arrpy.asarray(b)
    a[0] = 200
    assert b[0] == 200
    b[2] = 9
    assert a.tolist() == [200, 2, 9]
    # The held export keeps the bytearray from being resized under the view.
    with pytest.raises(BufferError):
        b.extend(b"xyz")
    del a
    gc.collect()
    b.extend(b"xyz")
    assert len(b) == 6


def test_memoryview_inputs():
    n = np.arange(24, dtype=np.float64).reshape(4, 6)
    m = memoryview(n)[::2]  # a strided memoryview
    a = arrpy.asarray(m)
    assert a.shape == (2, 6) and a.strides == (96, 8)
    assert a.tolist() == n[::2].tolist()
    a[1, 1] = -1.0
    assert n[2, 1] == -1.0

    raw = bytearray(16)
    d = memoryview(raw).cast("d")
    ad = arrpy.asarray(d)
    assert ad.dtype == "float64" and ad.shape == (2,)
    ad[1] = 2.5
    assert d[1] == 2.5

    ro = memoryview(b"\x00\x00\x80?").cast("f")
    ar = arrpy.asarray(ro)
    assert ar.tolist() == [1.0]
    with pytest.raises(ValueError):
        ar[0] = 2.0


# ---------------------------------------------------------------------------------------------
# arrpy -> NumPy / memoryview (buffer protocol out), __array_interface__, __array__
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS_AP)
@pytest.mark.parametrize("dt", DTYPES)
def test_arrpy_to_numpy_shares_memory(dt, layout):
    v = arrpy_views(arrpy_sample(dt))[layout]
    n = np.asarray(v)
    assert n.dtype == np.dtype(dt)
    assert n.shape == v.shape
    assert n.strides == v.strides
    assert n.tolist() == v.tolist()
    n[0, 0] = new_value(dt)
    assert v[0, 0].item() == new_value(dt)
    v[1, 1] = new_value(dt)
    assert n[1, 1] == new_value(dt)
    assert n.tolist() == v.tolist()


@pytest.mark.parametrize("layout", LAYOUTS_AP)
@pytest.mark.parametrize("dt", DTYPES)
def test_memoryview_of_arrpy(dt, layout):
    v = arrpy_views(arrpy_sample(dt))[layout]
    m = memoryview(v)
    assert m.format == FORMATS[dt]
    assert m.itemsize == v.itemsize
    assert m.ndim == v.ndim
    assert m.shape == v.shape
    assert m.strides == v.strides
    assert not m.readonly
    assert m.obj is v
    assert m.nbytes == v.nbytes
    if not dt.startswith("complex"):  # memoryview cannot unpack 'Z' formats itself
        assert m.tolist() == v.tolist()


def test_memoryview_readonly_and_flags():
    a = arrpy.asarray([1.0, 2.0, 3.0])
    a.setflags(write=False)
    m = memoryview(a)
    assert m.readonly
    with pytest.raises(TypeError):
        m[0] = 5.0
    # Writable requests on a read-only array are refused.
    with pytest.raises((BufferError, TypeError)):
        (ctypes.c_double * 3).from_buffer(a)
    # Contiguous requests on a non-contiguous array are refused.
    b = arrpy.asarray([1.0, 2.0, 3.0, 4.0])
    with pytest.raises(BufferError, match="C-contiguous"):
        arrpy.frombuffer(b[::2])  # a PyBUF_SIMPLE request
    with pytest.raises(TypeError):
        (ctypes.c_double * 2).from_buffer(b[::2])
    # Consumers that ask for a writable buffer are refused (CPython reports it as TypeError).
    with pytest.raises(TypeError):
        struct.pack_into("d", a, 0, 1.0)
    # A writable contiguous request works and shares memory.
    struct.pack_into("d", b, 8, 5.0)
    assert b.tolist() == [1.0, 5.0, 3.0, 4.0]
    c = (ctypes.c_double * 4).from_buffer(b)
    c[0] = 42.0
    assert b[0].item() == 42.0


def test_memoryview_0d():
    a = arrpy.asarray(3.5)
    m = memoryview(a)
    assert m.ndim == 0 and m.shape == () and m.format == "d"
    assert m.tolist() == 3.5
    n = np.asarray(a)
    assert n.shape == () and n.item() == 3.5


@pytest.mark.parametrize("dt", DTYPES)
def test_array_interface(dt):
    a = arrpy_sample(dt)
    d = a.__array_interface__
    assert d["version"] == 3
    assert d["typestr"] == np.dtype(dt).str
    assert d["shape"] == (6, 8)
    assert d["strides"] is None
    addr, ro = d["data"]
    assert addr == np.asarray(a).__array_interface__["data"][0]
    assert ro is False

    r = a[::-1, ::2]
    dr = r.__array_interface__
    assert dr["strides"] == r.strides
    assert dr["data"][0] == np.asarray(r).__array_interface__["data"][0]

    # A NumPy array built only from the interface dict views the same memory.
    class Holder:
        def __init__(self, owner):
            self.owner = owner
            self.__array_interface__ = owner.__array_interface__

    n = np.asarray(Holder(r))
    assert n.tolist() == r.tolist()
    n[0, 0] = new_value(dt)
    assert r[0, 0].item() == new_value(dt)


def test_array_interface_typestrs():
    expect = {"bool": "|b1", "int8": "|i1", "uint8": "|u1", "float64": "<f8", "complex128": "<c16",
              "complex64": "<c8", "int16": "<i2"}
    for dt, ts in expect.items():
        assert arrpy.asarray([1], dtype=dt).__array_interface__["typestr"] == ts


@pytest.mark.parametrize("dt", DTYPES)
def test_dunder_array(dt):
    a = arrpy_sample(dt)[::2]
    n = a.__array__()
    assert isinstance(n, np.ndarray) and n.dtype == np.dtype(dt)
    assert np.shares_memory(n, np.asarray(a))
    n[0, 0] = new_value(dt)
    assert a[0, 0].item() == new_value(dt)
    assert not np.shares_memory(a.__array__(copy=True), n)
    assert np.shares_memory(a.__array__(dtype=dt, copy=False), n)


def test_dunder_array_dtype_and_copy():
    a = arrpy.asarray([1, 2, 3], dtype="int32")
    f = a.__array__(dtype=np.float64)
    assert f.dtype == np.float64 and f.tolist() == [1.0, 2.0, 3.0]
    assert not np.shares_memory(f, a.__array__())
    assert a.__array__(dtype=arrpy.float32).dtype == np.float32
    with pytest.raises(ValueError):
        a.__array__(dtype=np.float64, copy=False)
    # np.array(..., copy=False) honours the no-copy request.
    n = np.array(a, copy=False)
    n[0] = 10
    assert a.tolist() == [10, 2, 3]


# ---------------------------------------------------------------------------------------------
# DLPack
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS_AP)
@pytest.mark.parametrize("dt", DTYPES)
def test_numpy_from_dlpack_of_arrpy(dt, layout):
    v = arrpy_views(arrpy_sample(dt))[layout]
    n = np.from_dlpack(v)
    assert n.dtype == np.dtype(dt)
    assert n.shape == v.shape
    assert n.strides == v.strides
    assert n.tolist() == v.tolist()
    n[0, 0] = new_value(dt)
    assert v[0, 0].item() == new_value(dt)


@pytest.mark.parametrize("layout", LAYOUTS_NP)
@pytest.mark.parametrize("dt", DTYPES)
def test_arrpy_from_dlpack_of_numpy(dt, layout):
    v = np_views(sample(dt))[layout]
    a = arrpy.from_dlpack(v)
    assert a.dtype == dt
    assert a.shape == v.shape
    assert a.strides == v.strides
    assert a.tolist() == v.tolist()
    v[0, 0] = new_value(dt)
    assert a[0, 0].item() == new_value(dt)
    a[1, 1] = new_value(dt)
    assert v[1, 1] == new_value(dt)


def test_dlpack_readonly():
    v = sample("float64")
    v.setflags(write=False)
    a = arrpy.from_dlpack(v)  # NumPy exports a versioned capsule flagged read-only
    assert not a.flags["WRITEABLE"]
    with pytest.raises(ValueError, match="read-only"):
        a[0, 0] = 1.0

    r = arrpy.asarray([1.0, 2.0])
    r.setflags(write=False)
    with pytest.raises(BufferError):
        r.__dlpack__()  # the legacy capsule cannot signal read-only
    n = np.from_dlpack(r)  # the versioned one can
    assert not n.flags.writeable
    assert n.tolist() == [1.0, 2.0]


def test_dlpack_capsules():
    a = arrpy.asarray([1.0, 2.0, 3.0])
    assert a.__dlpack_device__() == (1, 0)
    c = a.__dlpack__()
    assert type(c).__name__ == "PyCapsule" and "dltensor" in repr(c)
    del c  # an unconsumed capsule frees its tensor
    cv = a.__dlpack__(max_version=(1, 0))
    assert "dltensor_versioned" in repr(cv)
    del cv
    gc.collect()
    assert a.tolist() == [1.0, 2.0, 3.0]

    with pytest.raises(BufferError):
        a.__dlpack__(dl_device=(2, 0))
    with pytest.raises(RuntimeError):
        a.__dlpack__(stream=1)
    copied = np.from_dlpack(a, copy=True)
    copied[0] = 9.0
    assert a.tolist() == [1.0, 2.0, 3.0]


def test_dlpack_consumed_capsule_is_rejected():
    class Once:
        def __init__(self, arr):
            self.capsule = arr.__dlpack__()

        def __dlpack__(self, **kwargs):
            return self.capsule

        def __dlpack_device__(self):
            return (1, 0)

    src = Once(arrpy.asarray([1, 2, 3]))
    first = arrpy.from_dlpack(src)
    assert first.tolist() == [1, 2, 3]
    with pytest.raises(TypeError):
        arrpy.from_dlpack(src)


def test_dlpack_unaligned_strides():
    raw = np.zeros(32, dtype=np.uint8)
    odd = np.ndarray(shape=(3,), dtype=np.int32, buffer=raw, strides=(6,))
    a = arrpy.asarray(odd)
    assert a.strides == (6,)
    with pytest.raises(BufferError):
        a.__dlpack__()
    with pytest.raises(BufferError):
        np.from_dlpack(a)


def test_from_dlpack_options():
    n = np.arange(6.0)
    a = arrpy.from_dlpack(n, device="cpu")
    n[0] = 5.0
    assert a[0].item() == 5.0
    c = arrpy.from_dlpack(n, copy=True)
    n[1] = 7.0
    assert c[1].item() == 1.0
    with pytest.raises(ValueError):
        arrpy.from_dlpack(n, device="gpu")
    with pytest.raises(TypeError):
        arrpy.from_dlpack([1, 2, 3])
    # arrpy to arrpy through DLPack shares memory.
    x = arrpy.asarray([1, 2, 3])
    y = arrpy.from_dlpack(x)
    y[0] = 10
    assert x.tolist() == [10, 2, 3]


def test_dlpack_only_and_interface_only_objects():
    class DLOnly:
        def __init__(self, arr):
            self.arr = arr

        def __dlpack__(self, **kwargs):
            return self.arr.__dlpack__(**kwargs)

        def __dlpack_device__(self):
            return self.arr.__dlpack_device__()

    class InterfaceOnly:
        def __init__(self, arr):
            self.arr = arr

        @property
        def __array_interface__(self):
            return self.arr.__array_interface__

    n = np.arange(10, dtype=np.int16)[::-3]
    for wrapper in (DLOnly, InterfaceOnly):
        w = wrapper(n)
        a = arrpy.asarray(w)
        assert a.tolist() == n.tolist()
        assert a.base is w
        a[0] = -1
        assert n[0] == -1
        n[0] = 9


# ---------------------------------------------------------------------------------------------
# Lifetimes: consumers outlive producers
# ---------------------------------------------------------------------------------------------

def test_lifetime_memoryview_outlives_array():
    a = arrpy.asarray([1.5, 2.5, 3.5])[::-1]
    m = memoryview(a)
    del a
    gc.collect()
    _ = [arrpy.asarray([0.0] * 3) for _ in range(100)]
    assert m.tolist() == [3.5, 2.5, 1.5]
    m.release()


def test_lifetime_numpy_view_outlives_array():
    a = arrpy.asarray([[1, 2, 3], [4, 5, 6]], dtype="int32").T
    n = np.asarray(a)
    del a
    gc.collect()
    assert n.tolist() == [[1, 4], [2, 5], [3, 6]]


def test_lifetime_numpy_from_dlpack_outlives_array():
    a = arrpy.asarray([1.0 + 1j, 2.0 - 1j])
    n = np.from_dlpack(a)
    del a
    gc.collect()
    assert n.tolist() == [1.0 + 1j, 2.0 - 1j]


def test_lifetime_arrpy_from_dlpack_outlives_numpy():
    n = np.arange(8, dtype=np.uint16)[::2]
    a = arrpy.from_dlpack(n)
    del n
    gc.collect()
    assert a.tolist() == [0, 2, 4, 6]


def test_lifetime_arrpy_view_outlives_numpy():
    n = np.arange(12.0).reshape(3, 4)[:, ::-2]
    expect = n.tolist()
    a = arrpy.asarray(n)
    del n
    gc.collect()
    assert a.tolist() == expect
    # A view of the view, and its NumPy export, survive too.
    b = a[1:]
    del a
    gc.collect()
    assert b.tolist() == expect[1:]
    assert np.asarray(b).tolist() == expect[1:]


def test_lifetime_interface_only_object():
    class InterfaceOnly:
        def __init__(self, arr):
            self.arr = arr
            self.__array_interface__ = arr.__array_interface__

    w = InterfaceOnly(np.arange(5.0))
    a = arrpy.asarray(w)
    del w
    gc.collect()
    assert a.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_lifetime_chain_numpy_arrpy_numpy():
    n = np.arange(6, dtype=np.int64)
    a = arrpy.asarray(n)
    back = np.from_dlpack(a)
    mv = memoryview(a)
    del n, a
    gc.collect()
    assert back.tolist() == [0, 1, 2, 3, 4, 5]
    assert mv.tolist() == [0, 1, 2, 3, 4, 5]


# ---------------------------------------------------------------------------------------------
# frombuffer
# ---------------------------------------------------------------------------------------------

def test_frombuffer_basic():
    a = arrpy.frombuffer(b"\x01\x00\x00\x00\x02\x00\x00\x00", dtype="int32")
    assert a.dtype == "int32" and a.tolist() == [1, 2]
    assert not a.flags["WRITEABLE"]
    f = arrpy.frombuffer(np.arange(3.0).tobytes())
    assert f.dtype == "float64" and f.tolist() == [0.0, 1.0, 2.0]
    s = arrpy.frombuffer(bytes(range(10)), dtype="uint8", count=3, offset=2)
    assert s.tolist() == [2, 3, 4]
    assert arrpy.frombuffer(b"", dtype="int8").shape == (0,)
    assert arrpy.frombuffer(b"abc", dtype="uint8", offset=3).shape == (0,)


@pytest.mark.parametrize("dt", DTYPES)
def test_frombuffer_matches_numpy(dt):
    ref = sample(dt, (12,))
    raw = ref.tobytes()
    a = arrpy.frombuffer(raw, dtype=dt)
    assert a.tolist() == np.frombuffer(raw, dtype=dt).tolist()
    isz = np.dtype(dt).itemsize
    b = arrpy.frombuffer(raw, dtype=dt, count=4, offset=2 * isz)
    assert b.tolist() == np.frombuffer(raw, dtype=dt, count=4, offset=2 * isz).tolist()


def test_frombuffer_writeable_shares_memory():
    buf = bytearray(8)
    a = arrpy.frombuffer(buf, dtype="float64")
    a[0] = 1.0
    assert bytes(buf) == np.float64(1.0).tobytes()
    assert a.base is buf
    m = np.zeros(4, dtype=np.int16)
    v = arrpy.frombuffer(m, dtype="int8")
    v[0] = 5
    assert m[0] == 5


def test_frombuffer_unaligned_offset():
    raw = b"\x00" + np.array([1.5, -2.0], dtype=np.float64).tobytes()
    a = arrpy.frombuffer(raw, dtype="float64", offset=1)
    assert a.tolist() == [1.5, -2.0]
    assert (a * 2).tolist() == [3.0, -4.0]


def test_frombuffer_errors():
    with pytest.raises(ValueError, match="buffer size must be a multiple of element size"):
        arrpy.frombuffer(b"abc", dtype="int16")
    with pytest.raises(ValueError, match=r"offset must be non-negative and no greater than buffer length \(3\)"):
        arrpy.frombuffer(b"abc", dtype="uint8", offset=4)
    with pytest.raises(ValueError, match="offset must be non-negative"):
        arrpy.frombuffer(b"abc", dtype="uint8", offset=-1)
    with pytest.raises(ValueError, match="buffer is smaller than requested size"):
        arrpy.frombuffer(b"abcd", dtype="int16", count=3)
    with pytest.raises(TypeError):
        arrpy.frombuffer([1, 2, 3])
    with pytest.raises(TypeError):
        arrpy.frombuffer("abc")
    # Any nonzero byte is True, as in NumPy (tests/test_robust_bool.py has the rest).
    assert arrpy.frombuffer(b"\x00\x01\x02", dtype="bool").tolist() == [False, True, True]


# ---------------------------------------------------------------------------------------------
# get_buffer_info / to_memoryview
# ---------------------------------------------------------------------------------------------

def test_get_buffer_info():
    a = arrpy.asarray([1.0, 2.0, 3.0])
    addr, n = a.get_buffer_info()
    assert n == 3
    assert addr == np.asarray(a).__array_interface__["data"][0]
    assert ctypes.c_double.from_address(addr + 8).value == 2.0
    m = arrpy.asarray([[1, 2], [3, 4]], dtype="int16")
    assert m.get_buffer_info()[1] == 4
    with pytest.raises(ValueError):
        a[::2].get_buffer_info()
    with pytest.raises(ValueError):
        m.T.get_buffer_info()


def test_to_memoryview():
    a = arrpy.asarray([[1, 2], [3, 4]], dtype="uint32")
    m = a.to_memoryview()
    assert isinstance(m, memoryview)
    assert m.format == "I" and m.shape == (2, 2) and m.tolist() == [[1, 2], [3, 4]]
    m[0, 1] = 20
    assert a.tolist() == [[1, 20], [3, 4]]
    del a
    gc.collect()
    assert m.tolist() == [[1, 20], [3, 4]]


# ---------------------------------------------------------------------------------------------
# Releases: exporters are let go once the last consumer is gone (no leaks, no early frees)
# ---------------------------------------------------------------------------------------------

def _gone(ref):
    gc.collect()
    return ref() is None


def test_release_memoryview_drops_array_reference():
    a = arrpy.asarray([1.0, 2.0])
    r = weakref.ref(a)
    m = memoryview(a)
    del a
    gc.collect()
    assert r() is not None  # the memoryview holds the array
    m.release()
    assert _gone(r)


def test_release_buffer_view_of_numpy():
    n = np.arange(10.0)
    r = weakref.ref(n)
    a = arrpy.asarray(n)[::3]
    del n
    gc.collect()
    assert r() is not None and a.tolist() == [0.0, 3.0, 6.0, 9.0]
    del a
    assert _gone(r)


def test_release_dlpack_import_calls_deleter():
    n = np.arange(10.0)
    r = weakref.ref(n)
    a = arrpy.from_dlpack(n)
    del n
    gc.collect()
    assert r() is not None and a.tolist()[-1] == 9.0
    del a
    assert _gone(r)


def test_release_dlpack_export_chain():
    n = np.arange(4, dtype=np.int32)
    r = weakref.ref(n)
    back = np.from_dlpack(arrpy.asarray(n))
    del n
    gc.collect()
    assert r() is not None and back.tolist() == [0, 1, 2, 3]
    del back
    assert _gone(r)


def test_release_unconsumed_capsules():
    n = np.arange(4, dtype=np.int32)
    r = weakref.ref(n)
    a = arrpy.asarray(n)
    c1 = a.__dlpack__()
    c2 = a.__dlpack__(max_version=(1, 0))
    del n, a
    gc.collect()
    assert r() is not None
    del c1
    gc.collect()
    assert r() is not None
    del c2
    assert _gone(r)


def test_release_frombuffer():
    b = bytearray(8)
    a = arrpy.frombuffer(b, dtype="int64")
    with pytest.raises(BufferError):
        b.append(0)
    c = a[::-1]
    del a
    gc.collect()
    with pytest.raises(BufferError):
        b.append(0)
    del c
    gc.collect()
    b.append(0)


@pytest.mark.parametrize("tier", ["reference", "simd", "parallel"])
def test_large_foreign_views_in_kernels(tier):
    arrpy.set_backend(tier)
    try:
        n = np.arange(300_000, dtype=np.float64)
        for v in (n[::-1], n.reshape(600, 500)[::-2, ::3], n.reshape(600, 500).T, n[1:].view(np.uint8)[3:-5].view(np.int16)):
            a = arrpy.asarray(v)
            assert np.array_equal(np.asarray(a * 2), v * 2)
            assert a.sum().item() == v.sum().item()
            d = arrpy.from_dlpack(v)
            assert np.array_equal(np.from_dlpack(d + d), v + v)
    finally:
        arrpy.set_backend("parallel")
