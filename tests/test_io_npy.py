""".npy and .npz files against NumPy: the bytes arrpy writes are NumPy's, each reads the other's
files for every dtype, layout and format version; memory maps; lazy archives; a corpus of hostile
files, each refused with a ValueError naming the problem; atomic writes."""

import io
import os
import pathlib
import signal
import subprocess
import sys
import time
import zipfile

import numpy as np
import pytest

import arrpy as ap

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64", "complex64", "complex128"]


def base(dtype, shape=(4, 5, 6)):
    n = int(np.prod(shape))
    a = ap.arange(n, dtype="int64").reshape(shape)
    if dtype == "bool":
        return (a % 3) == 0
    if dtype.startswith("complex"):
        return (a.astype(dtype) * (1 - 0.5j)).astype(dtype)
    return a.astype(dtype)


# Views built from arrpy arrays: C, F, strided, negative strides, 0-d, empty.
LAYOUTS = {
    "C": lambda a: a,
    "F": lambda a: a.T,
    "F-2d": lambda a: a[0].T,
    "strided": lambda a: a[:, ::2, 1:],
    "negative": lambda a: a[::-1, :, ::-2],
    "transposed-view": lambda a: a.transpose(1, 0, 2),
    "0-d": lambda a: a[1, 2, 3],
    "empty": lambda a: a[:, 0:0],
    "1-d": lambda a: a[2, 3],
}


def npsave(a, **kw):
    f = io.BytesIO()
    np.save(f, a, **kw)
    return f.getvalue()


def apsave(a):
    f = io.BytesIO()
    ap.save(f, a)
    return f.getvalue()


def assert_same(got, want):
    assert isinstance(got, ap.ndarray)
    assert got.shape == want.shape and got.dtype == want.dtype.name, (got.shape, want.shape)
    np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_bytes_equal_numpy_and_round_trip(dtype, layout):
    v = LAYOUTS[layout](base(dtype))
    if layout == "0-d":
        v = ap.asarray(v)
    want = np.asarray(v)
    written = apsave(v)
    assert written == npsave(want)  # header and data bytes, fortran_order included
    assert_same(ap.load(io.BytesIO(written)), want)
    np.testing.assert_array_equal(np.load(io.BytesIO(written)), want)
    back = ap.load(io.BytesIO(npsave(np.asarray(want, order="F"))))
    assert_same(back, want)
    assert back.flags.f_contiguous


@pytest.mark.parametrize("dtype", [d for d in DTYPES if d not in ("bool", "int8", "uint8")])
def test_other_byte_order_is_swapped_on_load(dtype):
    want = np.asarray(base(dtype)).T
    other = want.astype(want.dtype.newbyteorder())
    got = ap.load(io.BytesIO(npsave(other)))
    assert_same(got, want)
    assert got.dtype == dtype


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_format_versions(version):
    want = np.asarray(base("float32"))
    f = io.BytesIO()
    np.lib.format.write_array(f, want, version=version)
    assert_same(ap.load(io.BytesIO(f.getvalue())), want)
    header = ap._arrpy._npy_header("float32", want.shape, False, version)
    assert f.getvalue().startswith(header)


def test_paths_and_suffix(tmp_path):
    a = base("int32")
    ap.save(str(tmp_path / "a"), a)  # .npy appended, as NumPy
    ap.save(tmp_path / "b.npy", a)
    with open(tmp_path / "c.npy", "wb") as f:
        ap.save(f, a)
        ap.save(f, a * 2)  # two arrays in one file, read back in turn
    for name in ("a.npy", "b.npy"):
        assert_same(ap.load(tmp_path / name), np.asarray(a))
        assert_same(ap.load(str(tmp_path / name)), np.asarray(a))
    with open(tmp_path / "c.npy", "rb") as f:
        assert_same(ap.load(f), np.asarray(a))
        assert_same(ap.load(f), np.asarray(a) * 2)
    assert sorted(os.listdir(tmp_path)) == ["a.npy", "b.npy", "c.npy"]  # no temporary left


def test_unseekable_stream():
    want = np.asarray(base("int16"))

    class Stream(io.RawIOBase):
        def __init__(self, data):
            self.data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, b):
            return self.data.readinto(b)

    got = ap._io._read_npy(io.BufferedReader(Stream(npsave(want)), 7))
    assert_same(got, want)
    with pytest.raises(ValueError, match="truncated"):
        ap._io._read_npy(io.BufferedReader(Stream(npsave(want)[:-3])))


# ---- mmap_mode ----

@pytest.mark.parametrize("order", ["C", "F"])
def test_mmap_modes(tmp_path, order):
    want = np.asarray(base("float64"), order=order)
    path = tmp_path / "m.npy"
    np.save(path, want)
    r = ap.load(path, mmap_mode="r")
    assert_same(r, want)
    assert not r.flags.writeable
    with pytest.raises(ValueError):
        r[0, 0, 0] = 5.0
    c = ap.load(path, mmap_mode="c")
    c[0, 0, 0] = -1.0
    assert c[0, 0, 0] == -1.0
    del r, c
    assert np.load(path)[0, 0, 0] == want[0, 0, 0]  # copy-on-write leaves the file alone
    w = ap.load(path, mmap_mode="r+")
    w[1, 2, 3] = 1234.5
    assert (w.flags.f_contiguous, w.flags.c_contiguous) == (order == "F", order == "C")
    del w
    assert np.load(path)[1, 2, 3] == 1234.5  # written through to the file
    with pytest.raises(ValueError, match="mmap_mode"):
        ap.load(path, mmap_mode="x")


def test_mmap_refuses_other_byte_order(tmp_path):
    path = tmp_path / "m.npy"
    np.save(path, np.arange(3, dtype=">i4"))
    with pytest.raises(ValueError, match="byte order"):
        ap.load(path, mmap_mode="r")


# ---- npz ----

@pytest.mark.parametrize("compressed", [False, True])
def test_npz_both_ways(tmp_path, compressed):
    a, b = base("float32"), base("int8")[::2].T
    save = ap.savez_compressed if compressed else ap.savez
    save(tmp_path / "x", a, named=b)
    assert os.listdir(tmp_path) == ["x.npz"]
    with np.load(tmp_path / "x.npz") as z:
        assert sorted(z.files) == ["arr_0", "named"]
        np.testing.assert_array_equal(z["arr_0"], np.asarray(a))
        np.testing.assert_array_equal(z["named"], np.asarray(b))
    np_save = np.savez_compressed if compressed else np.savez
    np_save(tmp_path / "y.npz", np.asarray(a), named=np.asarray(b))
    with ap.load(tmp_path / "y.npz") as z:
        assert isinstance(z, ap.NpzFile)
        assert sorted(z.files) == ["arr_0", "named"] and "named" in z and "other" not in z
        assert sorted(z) == ["arr_0", "named"]
        assert_same(z["arr_0"], np.asarray(a))
        assert_same(z["named.npy"], np.asarray(b))
        with pytest.raises(KeyError):
            z["other"]
    with pytest.raises(ValueError, match="closed"):
        z["arr_0"]


def test_npz_is_lazy(monkeypatch):
    f = io.BytesIO()
    np.savez(f, a=np.arange(3), b=np.ones(2))
    reads = []
    real = ap._io._read_npy
    monkeypatch.setattr(ap._io, "_read_npy", lambda *a, **k: reads.append(1) or real(*a, **k))
    z = ap.load(io.BytesIO(f.getvalue()))
    assert reads == []
    z["b"]
    assert reads == [1]
    z.close()


# ---- hostile files ----

def npy_with(header: str, data=b"", version=(1, 0)):
    body = header.encode("latin1")
    size = (len(body)).to_bytes(2 if version == (1, 0) else 4, "little")
    return b"\x93NUMPY" + bytes(version) + size + body + data


GOOD = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n"
HOSTILE = {
    "bad magic": (b"\x93NUMPX\x01\x00" + npy_with(GOOD)[8:], "not a .npy"),
    "empty file": (b"", "not a .npy"),
    "bad version": (npy_with(GOOD, version=(4, 0)), "version 4.0"),
    "truncated header": (npy_with(GOOD)[:30], "truncated"),
    "truncated data": (npy_with(GOOD, b"\0" * 15), "needs 16 bytes"),
    "lying shape": (npy_with(GOOD.replace("(2,)", "(1000000000,)"), b"\0" * 16), "needs 8000000000"),
    "overflowing shape": (npy_with(GOOD.replace("(2,)", "(4294967296, 4294967296, 4294967296)")), "too large"),
    "huge dimension": (npy_with(GOOD.replace("(2,)", "(99999999999999999999999999,)")), "too large"),
    "negative dimension": (npy_with(GOOD.replace("(2,)", "(-2,)")), "malformed"),
    "shape not a tuple": (npy_with(GOOD.replace("(2,)", "(2)")), "not a tuple"),
    "object dtype": (npy_with(GOOD.replace("<f8", "|O")), "object"),
    "unknown dtype": (npy_with(GOOD.replace("<f8", "<f2")), "not a dtype arrpy has"),
    "structured dtype": (npy_with(GOOD.replace("'<f8'", "[('a', '<f8')]")), "malformed"),
    "missing key": (npy_with("{'descr': '<f8', 'shape': (2,)}"), "keys"),
    "extra key": (npy_with(GOOD.replace("}", "'x': True}")), "keys"),
    "call in header": (npy_with("{'descr': __import__('os').system('true'), 'fortran_order': False, 'shape': (2,)}"), "malformed"),
    "wrong value type": (npy_with(GOOD.replace("False", "'no'")), "not valid"),
    "not a dict": (npy_with("['descr', 'fortran_order', 'shape']"), "malformed"),
    "header too long": (npy_with(GOOD + " " * 20000, version=(2, 0)), "header is"),
    "bad utf-8 in 3.0": (b"\x93NUMPY\x03\x00\x04\x00\x00\x00{\xff}\n", "utf-8"),
    "pickle": (b"\x80\x04\x95" + b"\0" * 20, "pickle"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_npy_is_refused(tmp_path, name):
    data, message = HOSTILE[name]
    path = tmp_path / "h.npy"
    path.write_bytes(data)
    for source in (path, io.BytesIO(data)):
        with pytest.raises(ValueError, match=message):
            ap.load(source)


def test_object_array_refused_even_with_allow_pickle():
    data = npsave(np.array([{}, 1], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="object"):
        ap.load(io.BytesIO(data), allow_pickle=True)


def test_hostile_npz(tmp_path):
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("lie.npy", npy_with(GOOD.replace("(2,)", "(1000000000,)"), b"\0" * 16))
        z.writestr("trunc.npy", npy_with(GOOD, b"\0" * 3))
        z.writestr("text.txt", b"hello")
    with ap.load(io.BytesIO(f.getvalue())) as z:
        with pytest.raises(ValueError, match="needs 8000000000"):
            z["lie"]
        with pytest.raises(ValueError, match="needs 16 bytes"):
            z["trunc"]
        assert z["text.txt"] == b"hello"  # as NumPy: a member that is not .npy is its bytes
    broken = f.getvalue()[:-30]  # the central directory cut
    with pytest.raises(ValueError, match="npz"):
        ap.load(io.BytesIO(broken))


# ---- atomic writes ----

def test_failed_write_leaves_target(tmp_path):
    path = tmp_path / "t.npy"
    np.save(path, np.arange(5))
    before = path.read_bytes()

    def fail(f):
        f.write(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        ap._io._atomic_write(path, fail)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["t.npy"]


def test_kill_during_save_leaves_old_file(tmp_path):
    path = tmp_path / "k.npy"
    old = np.arange(10.0)
    np.save(path, old)
    # The child saves 32 MB arrays over the file again and again until it is killed.
    code = (
        "import sys, arrpy as ap\n"
        "a = ap.ones(4_000_000)\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    ap.save(sys.argv[1], a)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE)
    assert child.stdout.readline().strip() == b"ready"
    deadline = time.monotonic() + 10
    while not any(n.endswith(".tmp") for n in os.listdir(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    child.wait()
    got = ap.load(path)  # a whole file: the old one or a complete new one, never a partial one
    if got.shape == (10,):
        np.testing.assert_array_equal(np.asarray(got), old)
    else:
        assert got.shape == (4_000_000,) and bool(ap.all(got == 1.0))


def test_preallocation_keeps_the_file_as_it_is(tmp_path):
    # save reserves disk before the data (as NumPy's tofile): the file's size and bytes stay
    # those written, and a bad descriptor or a zero length is refused, not an error.
    from arrpy import _arrpy
    path = tmp_path / "x.bin"
    path.write_bytes(b"abc")
    with open(path, "r+b") as f:
        assert _arrpy._preallocate(f.fileno(), 0, 1 << 20) in (True, False)
        assert _arrpy._preallocate(f.fileno(), 0, 0) is False
    assert path.read_bytes() == b"abc"
    assert _arrpy._preallocate(-1, 0, 10) is False
    a = ap.arange(1000.0)
    ap.save(tmp_path / "a.npy", a)
    assert (tmp_path / "a.npy").stat().st_size == 128 + 8000


def test_replacing_a_large_file_releases_it_off_the_callers_path(tmp_path, monkeypatch):
    # A large old file is held open across the rename and closed on another thread (so the
    # kernel frees its pages there); the new contents replace it and no descriptor is leaked.
    monkeypatch.setattr(ap._io, "_DEFERRED_FREE_BYTES", 4096)
    path = tmp_path / "big.npy"
    np.save(path, np.arange(10_000.0))
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    held = []
    real_hold = ap._io._hold_large_file
    monkeypatch.setattr(ap._io, "_hold_large_file", lambda p: held.append(real_hold(p)) or held[-1])
    ap.save(path, ap.arange(7.0))
    assert held and held[0] is not None  # the old file was large enough to be held
    np.testing.assert_array_equal(np.load(path), np.arange(7.0))
    ap.save(path, ap.arange(3.0))  # small now: not held
    assert held[1] is None
    np.testing.assert_array_equal(np.load(path), np.arange(3.0))
    assert os.listdir(tmp_path) == ["big.npy"]
    if fds is not None:
        deadline = time.monotonic() + 10
        while len(os.listdir("/proc/self/fd")) > fds and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(os.listdir("/proc/self/fd")) <= fds
