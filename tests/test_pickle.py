"""Pickling: every dtype x layout x protocol against NumPy's own pickles (dtype, shape, values,
flags), zero-copy out-of-band buffers, copy/deepcopy, and unpickling of tampered data."""

import copy
import pickle

import numpy as np
import pytest

import arrpy as ap
from arrpy._arrpy import _reconstruct

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64", "complex64", "complex128"]


def base_values(dtype):
    """24 values of `dtype` with its special cases (nan, inf, -0.0, extremes) among them."""
    if dtype == "bool":
        return ap.asarray([i % 3 == 0 for i in range(24)], dtype=dtype)
    if dtype.startswith(("int", "uint")):
        info = ap.iinfo(dtype)
        vals = [info.min, info.max] + list(range(22))
        return ap.asarray(vals, dtype=dtype)
    specials = [float("nan"), float("inf"), -float("inf"), -0.0]
    vals = specials + [i * 0.5 - 3 for i in range(20)]
    a = ap.asarray(vals, dtype=dtype)
    if dtype.startswith("complex"):
        a = a + ap.asarray(vals[::-1], dtype=dtype) * 1j
    return a


def layouts(dtype):
    """Views of one arrpy buffer in every layout a pickle must handle."""
    flat = base_values(dtype)
    c = flat.reshape((2, 3, 4))
    readonly = c.copy()
    readonly.setflags(write=False)
    readonly_f = c.T.copy(order="F")
    readonly_f.setflags(write=False)
    return {
        "C": c,
        "F": c.T,
        "F-sub": c.T[:, :, :1],
        "strided": c[:, ::2, 1:],
        "negative": c[::-1, :, ::-2],
        "broadcast": ap.broadcast_to(flat[:4], (3, 4)),
        "0-d": flat[5:6].reshape(()),
        "empty": c[:, :0, :],
        "readonly": readonly,
        "readonly-F": readonly_f,
        "readonly-strided": readonly[:, 1:, ::2],
    }


LAYOUTS = list(layouts("int8"))


def same_as_numpy(ours, theirs, layout=True):
    """`ours` (arrpy) rebuilt exactly as NumPy rebuilt `theirs` (and laid out as it, if
    `layout`)."""
    assert isinstance(ours, ap.ndarray)
    assert ours.dtype.name == theirs.dtype.name
    assert ours.shape == theirs.shape
    flags = ours.flags
    assert flags["WRITEABLE"] == theirs.flags.writeable
    if layout:
        assert flags["C_CONTIGUOUS"] == theirs.flags.c_contiguous
        assert flags["F_CONTIGUOUS"] == theirs.flags.f_contiguous
    np.testing.assert_array_equal(np.asarray(ours), theirs, strict=True)
    # -0.0 keeps its sign (assert_array_equal counts it equal to 0.0)
    assert np.asarray(ours).tobytes() == theirs.tobytes()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_round_trip_matches_numpy(dtype, layout):
    a = layouts(dtype)[layout]
    theirs_in = np.asarray(a)  # NumPy's view of the same memory, flags and layout
    assert theirs_in.flags.writeable == a.flags["WRITEABLE"]
    for protocol in (2, 3, 4, 5):
        same_as_numpy(pickle.loads(pickle.dumps(a, protocol=protocol)),
                      pickle.loads(pickle.dumps(theirs_in, protocol=protocol)))
    # protocol 5 out of band: the buffers pickle hands out come back to loads
    ours, theirs = [], []
    data = pickle.dumps(a, protocol=5, buffer_callback=ours.append)
    np_data = pickle.dumps(theirs_in, protocol=5, buffer_callback=theirs.append)
    assert len(ours) == len(theirs)
    same_as_numpy(pickle.loads(data, buffers=ours), pickle.loads(np_data, buffers=theirs))


def data_address(a):
    return a.__array_interface__["data"][0]


@pytest.mark.parametrize("layout", ["C", "F", "F-sub", "readonly", "readonly-F"])
def test_out_of_band_is_zero_copy(layout):
    a = layouts("float64")[layout]
    buffers = []
    data = pickle.dumps(a, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 1
    raw = buffers[0].raw()
    assert raw.nbytes == a.nbytes
    # The PickleBuffer's memory is the array's own (the lowest address of its elements).
    assert data_address(ap.asarray(raw)) == data_address(a)
    assert len(data) < 200  # the stream holds no element data
    b = pickle.loads(data, buffers=buffers)
    assert ap.shares_memory(a, b)
    assert b.flags["WRITEABLE"] == a.flags["WRITEABLE"]
    if b.flags["WRITEABLE"]:
        b[(0,) * b.ndim] = 42.0
        assert a[(0,) * a.ndim] == 42.0


def test_out_of_band_read_only_buffer_gives_read_only_array():
    a = ap.arange(6.0)
    buffers = []
    data = pickle.dumps(a, protocol=5, buffer_callback=buffers.append)
    b = pickle.loads(data, buffers=[bytes(buffers[0])])
    assert not b.flags["WRITEABLE"]
    assert b.tolist() == a.tolist()
    with pytest.raises(ValueError):
        b[0] = 1.0


def test_out_of_band_buffer_of_the_wrong_size():
    a = ap.arange(6.0)
    data = pickle.dumps(a, protocol=5, buffer_callback=lambda b: None)
    with pytest.raises(ValueError, match="holds 40 bytes.*needs 48"):
        pickle.loads(data, buffers=[bytearray(40)])
    with pytest.raises(ValueError, match="holds 56 bytes.*needs 48"):
        pickle.loads(data, buffers=[bytearray(56)])


def test_foreign_memory_pickles():
    """Arrays over memory arrpy did not allocate: empty bytes (possibly no pointer at all) and
    a NumPy array's views."""
    empty = ap.frombuffer(b"", dtype=ap.float32)
    theirs = np.arange(12, dtype=np.int16).reshape((3, 4))
    for a in [empty, ap.asarray(theirs), ap.asarray(theirs)[::-1, 1:], ap.asarray(theirs.T)]:
        for protocol in (2, 4, 5):
            b = pickle.loads(pickle.dumps(a, protocol=protocol))
            assert b.dtype == a.dtype and b.shape == a.shape and b.tolist() == a.tolist()
        buffers = []
        data = pickle.dumps(a, protocol=5, buffer_callback=buffers.append)
        b = pickle.loads(data, buffers=buffers)
        assert b.tolist() == a.tolist() and b.shape == a.shape


def test_in_band_pickles_are_compact():
    """Views pickle as the elements they show, not the memory they span."""
    big = ap.arange(100_000, dtype=ap.float64)
    view = big[::1000]
    for protocol in (2, 4, 5):
        assert len(pickle.dumps(view, protocol=protocol)) < 100 * 8 + 300
    buffers = []
    pickle.dumps(view, protocol=5, buffer_callback=buffers.append)
    assert buffers == []  # a view in no memory order travels in band
    wide = ap.broadcast_to(ap.arange(3.0), (10_000, 3))
    assert len(pickle.dumps(wide, protocol=5)) < wide.nbytes + 300
    assert pickle.loads(pickle.dumps(wide)).strides == (24, 8)


def test_unpickled_copies_are_independent():
    a = ap.arange(6).reshape((2, 3))
    for protocol in (2, 5):
        b = pickle.loads(pickle.dumps(a, protocol=protocol))
        b[0, 0] = 100
        assert a[0, 0] == 0
        assert b.base is None or not ap.shares_memory(a, b)


def test_dtypes_pickle_as_the_canonical_instances():
    for name in DTYPES:
        d = getattr(ap, name)
        for protocol in (2, 5):
            assert pickle.loads(pickle.dumps(d, protocol=protocol)) is d
    assert pickle.loads(pickle.dumps(ap.arange(3).dtype)) is ap.int64


def test_arrays_inside_containers():
    a = ap.arange(4.0)
    payload = {"a": a, "views": [a[::2], a[1:]], "same": (a, a)}
    back = pickle.loads(pickle.dumps(payload, protocol=5))
    assert back["a"].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert back["views"][0].tolist() == [0.0, 2.0]
    assert back["same"][0] is back["same"][1]  # pickle's memo keeps identity


# ---------------------------------------------------------------------------------------------
# copy.copy / copy.deepcopy
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", ["bool", "uint16", "float32", "complex128"])
@pytest.mark.parametrize("how", [copy.copy, copy.deepcopy])
def test_copy_matches_numpy(how, dtype, layout):
    a = layouts(dtype)[layout]
    b = how(a)
    assert b is not a
    if a.size:
        assert not ap.shares_memory(a, b)
    # NumPy's order='K' copy of a broadcast view lays the stride-0 axes out innermost (an F
    # copy here); arrpy's copy keeps them in place (a C copy). Values and flags still agree.
    same_as_numpy(b, how(np.asarray(a)), layout=layout != "broadcast")


def test_deepcopy_keeps_identity_through_memo():
    a = ap.arange(3)
    x, y = copy.deepcopy([a, a])
    assert x is y and x is not a


# ---------------------------------------------------------------------------------------------
# Unpickling checks its input
# ---------------------------------------------------------------------------------------------

class Tampered:
    """Pickles as a call of arrpy's reconstructor with arguments of our choosing."""

    def __init__(self, *args):
        self.args = args

    def __reduce__(self):
        return _reconstruct, self.args


def loads_tampered(*args):
    return pickle.loads(pickle.dumps(Tampered(*args)))


def test_tampered_pickle_round_trip_baseline():
    b = loads_tampered(bytes(range(6)), "uint8", (2, 3), "C", True)
    assert b.tolist() == [[0, 1, 2], [3, 4, 5]] and b.flags["WRITEABLE"]
    f = loads_tampered(bytes(range(6)), "uint8", (2, 3), "F", False)
    assert f.tolist() == [[0, 2, 4], [1, 3, 5]] and f.flags["F_CONTIGUOUS"]
    assert not f.flags["WRITEABLE"]  # a view of read-only bytes


@pytest.mark.parametrize("args, error, match", [
    ((b"\0" * 40, "float64", (2, 3), "C", True), ValueError, "holds 40 bytes.*needs 48"),
    ((b"\0" * 56, "float64", (2, 3), "C", False), ValueError, "holds 56 bytes.*needs 48"),
    ((b"\0" * 7, "int16", (), "C", True), ValueError, "holds 7 bytes.*needs 2"),
    ((b"", "int8", (1,), "C", True), ValueError, "holds 0 bytes.*needs 1"),
    ((b"\0" * 8, "float64", (-1,), "C", True), ValueError, "negative dimensions"),
    ((b"\0" * 8, "float64", (2**62, 2**62), "C", True), ValueError, "array is too big"),
    ((b"", "float64", (0, 2**62, 2**62), "C", True), ValueError, "array is too big"),
    ((b"\0" * 8, "uint8", (2**64,), "C", True), ValueError, "fit in 64 bits"),
    ((b"\0" * 8, "uint8", (2**62 - 1, 2, 2), "C", True), ValueError, "array is too big"),
    ((b"", "int8", (1,) * 65 + (0,), "C", True), ValueError, "maximum supported dimension"),
    ((b"\0" * 8, "float16", (1,), "C", True), TypeError, "data type 'float16' not understood"),
    ((b"\0" * 8, "object", (1,), "C", True), TypeError, "not understood"),
    ((b"\0" * 8, 8, (1,), "C", True), TypeError, "dtype must be a name"),
    ((b"\0" * 8, "float64", [1], "C", True), TypeError, "shape must be a tuple"),
    ((b"\0" * 8, "float64", ("1",), "C", True), ValueError, "shape must hold integers"),
    ((b"\0" * 8, "float64", (1,), "K", True), ValueError, "order must be 'C' or 'F'"),
    ((8, "float64", (1,), "C", True), TypeError, "bytes-like object"),
    (("abcdefgh", "float64", (1,), "C", True), TypeError, "bytes-like object"),
])
def test_tampered_pickles_raise(args, error, match):
    with pytest.raises(error, match=match):
        loads_tampered(*args)


def test_tampered_shape_never_allocates_it():
    """A huge claimed shape over a few bytes fails on the length check, not with MemoryError."""
    with pytest.raises(ValueError, match="needs"):
        loads_tampered(b"\0" * 16, "float64", (2**40,), "C", True)


def test_tampered_stream_from_a_real_pickle():
    """Edit the shape inside a real protocol-2 pickle: the reconstructor refuses it."""
    data = pickle.dumps(ap.arange(6, dtype=ap.int32).reshape((2, 3)), protocol=2)
    # protocol 2 stores small ints with BININT1 (K): (2, 3) becomes (2, 4)
    assert data.count(b"K\x02K\x03") == 1
    with pytest.raises(ValueError, match="holds 24 bytes.*needs 32"):
        pickle.loads(data.replace(b"K\x02K\x03", b"K\x02K\x04"))
