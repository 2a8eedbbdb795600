"""Text and raw files against NumPy: loadtxt (parsed in arrpy-core), savetxt, genfromtxt's
missing values, tofile/fromfile, frombuffer."""

import io
import os
import warnings

import numpy as np
import pytest

import arrpy as ap

TEXT = """# a comment line
x y z header
1.5 -2 3e2
4 5.25 -inf  # trailing comment

7 nan 9
10 11 12
"""


def np_loadtxt(*args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "input contained no data"
        return np.loadtxt(*args, **kw)


def assert_same(got, want):
    assert got.shape == want.shape and got.dtype == want.dtype.name, (got.shape, want.shape, got.dtype)
    np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.parametrize("kw", [
    dict(skiprows=2),
    dict(skiprows=2, usecols=(2, 0)),
    dict(skiprows=2, usecols=-1),
    dict(skiprows=2, max_rows=2),
    dict(skiprows=2, ndmin=2, max_rows=1),
    dict(skiprows=2, unpack=True),
    dict(skiprows=3, usecols=[0], ndmin=1, max_rows=1),
    dict(skiprows=2, dtype="float32"),
])
def test_loadtxt_matches_numpy(kw):
    assert_same(ap.loadtxt(io.StringIO(TEXT), **kw), np_loadtxt(io.StringIO(TEXT), **kw))


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "uint8", "uint64", "float64", "bool"])
def test_loadtxt_dtypes_and_delimiters(dtype):
    text = "1, 2,3\n4,5 , 6\n# c\n0,7,1\n"
    for kw in (dict(delimiter=","), dict(delimiter=",", comments=["#", "//"], usecols=(1,))):
        assert_same(ap.loadtxt(io.StringIO(text), dtype=dtype, **kw),
                    np_loadtxt(io.StringIO(text), dtype=dtype, **kw))


def test_loadtxt_sources(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("1 2\n3 4\n")
    want = np.loadtxt(path)
    for source in (path, str(path), ["1 2", "3 4"], io.BytesIO(b"1 2\n3 4\n")):
        assert_same(ap.loadtxt(source), want)
    assert_same(ap.loadtxt(io.StringIO("")), np_loadtxt(io.StringIO("")))


def test_loadtxt_errors():
    with pytest.raises(ValueError, match="number of columns changed from 2 to 1"):
        ap.loadtxt(io.StringIO("1 2\n3\n"))
    with pytest.raises(ValueError, match="could not convert string 'x' to float64"):
        ap.loadtxt(io.StringIO("1 x\n"))
    with pytest.raises(ValueError, match="'2.5' to int64"):
        ap.loadtxt(io.StringIO("1 2.5\n"), dtype="int64")
    with pytest.raises(ValueError, match="invalid column index 5"):
        ap.loadtxt(io.StringIO("1 2\n"), usecols=5)


def test_genfromtxt_missing_values_are_nan():
    text = "1,,3\n4,N/A,x\n#c\n7,8,9\n"
    got = ap.genfromtxt(io.StringIO(text), delimiter=",", missing_values="N/A")
    want = np.genfromtxt(io.StringIO(text), delimiter=",", missing_values="N/A")
    assert_same(got, want)
    assert_same(ap.genfromtxt(io.StringIO(text), delimiter=",", skip_header=1, usecols=(0, 2)),
                np.genfromtxt(io.StringIO(text), delimiter=",", skip_header=1, usecols=(0, 2)))
    assert_same(ap.genfromtxt(io.StringIO(text), delimiter=",", skip_footer=1),
                np.genfromtxt(io.StringIO(text), delimiter=",", skip_footer=1))


def base(dtype):
    a = ap.arange(12, dtype="int64").reshape(3, 4) - 5
    return (a.astype(dtype) * (1 + 2j)).astype(dtype) if dtype.startswith("complex") else a.astype(dtype)


@pytest.mark.parametrize("dtype", ["int32", "uint8", "float32", "float64", "complex128"])
@pytest.mark.parametrize("kw", [
    dict(),
    dict(fmt="%.3f", delimiter=",", header="a b\nc", footer="end"),
    dict(fmt=["%g", "%.2e", "%g", "%10.4f"], newline="\r\n", comments="// ", header="h"),
])
def test_savetxt_bytes_equal_numpy(tmp_path, dtype, kw):
    a = base(dtype)[:, ::-1]  # a view with negative strides
    if dtype.startswith("complex") and isinstance(kw.get("fmt"), list):
        return  # a list of formats for complex numbers needs two per column; NumPy's own rule
    if dtype == "uint8":
        a = ap.abs(base("int64")[:, ::-1]).astype(dtype)
    ap.savetxt(tmp_path / "a.txt", a, **kw)
    np.savetxt(tmp_path / "n.txt", np.asarray(a), **kw)
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "n.txt").read_bytes()
    f = io.StringIO()
    ap.savetxt(f, a[0], **{k: v for k, v in kw.items() if k != "fmt"})
    g = io.StringIO()
    np.savetxt(g, np.asarray(a[0]), **{k: v for k, v in kw.items() if k != "fmt"})
    assert f.getvalue() == g.getvalue()


def test_savetxt_loadtxt_round_trip_and_errors(tmp_path):
    a = ap.linspace(-1, 1, 12).reshape(4, 3)
    ap.savetxt(tmp_path / "r.txt", a)
    assert_same(ap.loadtxt(tmp_path / "r.txt"), np.asarray(a))
    with pytest.raises(ValueError, match="1D or 2D"):
        ap.savetxt(tmp_path / "bad.txt", ap.zeros((2, 2, 2)))
    assert "bad.txt" not in os.listdir(tmp_path)


@pytest.mark.parametrize("dtype", ["bool", "int16", "uint32", "float32", "complex64"])
def test_tofile_fromfile_binary(tmp_path, dtype):
    a = base(dtype).T[::-1]  # neither C- nor F-ordered after the flip: written in C order
    a.tofile(tmp_path / "a.bin")
    np.asarray(a).tofile(tmp_path / "n.bin")
    assert (tmp_path / "a.bin").read_bytes() == (tmp_path / "n.bin").read_bytes()
    f = base(dtype).T  # F-contiguous: still written in C order
    f.tofile(tmp_path / "f.bin")
    assert (tmp_path / "f.bin").read_bytes() == np.asarray(f).tobytes(order="C")
    back = ap.fromfile(tmp_path / "a.bin", dtype=dtype)
    assert_same(back, np.fromfile(tmp_path / "n.bin", dtype=dtype))
    assert_same(ap.fromfile(tmp_path / "a.bin", dtype=dtype, count=3, offset=a.itemsize),
                np.fromfile(tmp_path / "n.bin", dtype=dtype, count=3, offset=a.itemsize))
    with pytest.raises(ValueError):
        ap.fromfile(tmp_path / "a.bin", dtype=dtype, count=1000)


def test_tofile_fromfile_text(tmp_path):
    a = ap.arange(6, dtype="float64").reshape(2, 3)[:, ::-1] / 4
    a.tofile(tmp_path / "a.txt", sep=", ", format="%.3f")
    np.asarray(a).tofile(tmp_path / "n.txt", sep=", ", format="%.3f")
    assert (tmp_path / "a.txt").read_text() == (tmp_path / "n.txt").read_text()
    assert_same(ap.fromfile(tmp_path / "a.txt", sep=","), np.fromfile(tmp_path / "n.txt", sep=","))
    (tmp_path / "w.txt").write_text("1 2\n3   4\n")
    assert_same(ap.fromfile(tmp_path / "w.txt", dtype="int32", sep=" "),
                np.fromfile(tmp_path / "w.txt", dtype="int32", sep=" "))


def test_frombuffer():
    data = np.arange(5, dtype="<i4").tobytes()
    assert_same(ap.frombuffer(data, dtype="int32", count=3, offset=4),
                np.frombuffer(data, dtype="int32", count=3, offset=4))
