"""Text and raw files against NumPy: loadtxt (parsed in arrpy-core; converters, quoted fields and
complex numbers row by row), savetxt, genfromtxt, tofile/fromfile, frombuffer."""

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


def outcome(module, function, text, **kw):
    """The array read, or the (type, message) of the exception raised."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # NumPy's "input contained no data", overflow casts
            return getattr(module, function)(io.StringIO(text), **kw)
    except Exception as e:
        return type(e), str(e)


def assert_like_numpy(function, text, same_message=True, **kw):
    got, want = outcome(ap, function, text, **kw), outcome(np, function, text, **kw)
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and got[0] == want[0], (got, want)
        assert got[1] == want[1] or not same_message, (got, want)
    else:
        assert not isinstance(got, tuple), got
        assert got.shape == want.shape and got.dtype == want.dtype.name, (got, want)
        np.testing.assert_array_equal(np.asarray(got), want)


ALL_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
              "float32", "float64", "complex64", "complex128", "bool"]
NUMBERS = "1, 2 ,3\n# c\n40,-5,6 # tail\n0,7,127\n"


def halve(s):
    return float(s) / 2


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("converters", [
    float, int, str.strip, lambda s: s.strip() or "0", halve, {-1: halve}, {0: int, 2: lambda s: None},
])
def test_loadtxt_converters(dtype, converters):
    for kw in (dict(), dict(usecols=(2, 0)), dict(skiprows=2, max_rows=1)):
        assert_like_numpy("loadtxt", NUMBERS, delimiter=",", dtype=dtype, converters=converters, **kw)


def test_loadtxt_converters_see_str_fields():
    seen = []
    ap.loadtxt(io.StringIO(" 1 , x\n"), delimiter=",", converters=lambda s: seen.append(s) or 0)
    assert seen == [" 1 ", " x"]


@pytest.mark.parametrize("dtype", ["int8", "uint64", "float32", "float64", "complex128", "bool"])
def test_loadtxt_quotechar(dtype):
    text = '"1" ,"2", 3\n"4","5",6 # "c,"\n  \n"7"  ,8,"9"\n'
    assert_like_numpy("loadtxt", text, delimiter=",", quotechar='"', dtype=dtype)
    assert_like_numpy("loadtxt", '"1" "2"\n  "3"\t4\n5 "6" # "x\n', quotechar='"', dtype=dtype)


@pytest.mark.parametrize("text", [
    '"a,b",1\n"c#d",2 # tail\n',    # the delimiter and the comment marker inside quotes
    '"say ""hi""",1\n"""",2\n',      # a doubled quote is one quote
    'a"b,1\n"c"d,2\n',               # a quote opens a quoted field only at its start
    '"two\nlines",1\n"",2\n',        # a quoted field may hold a line break; an empty one
    '"open,1\n',                      # an unclosed quote runs to the end
])
def test_loadtxt_quoted_fields_to_converters(text):
    conv = {0: len}
    assert_like_numpy("loadtxt", text, delimiter=",", quotechar='"', converters=conv)
    assert_like_numpy("loadtxt", text, delimiter=",", quotechar="'", converters=conv)


@pytest.mark.parametrize("text", [
    '"a" b \n"c" d \n',    # NumPy keeps the empty last field when the first one is quoted
    'a "b" \nc "d"\n',     # and drops it otherwise, as str.split()
    '"a" ""\n"b" "c"\n',
    'a ""\nb\n',
    'a "\nb\n',            # an unclosed quote takes the line break and the next line
    'a "',
    '"x y" z\t"#"\n',
])
def test_loadtxt_quoted_fields_on_whitespace(text):
    assert_like_numpy("loadtxt", text, quotechar='"', dtype="float64", converters=len)


@pytest.mark.parametrize("kw", [
    dict(text="1,2\n3,x\n", converters=float),
    dict(text="1,2\n3\n", converters=float),
    dict(text="1,2\n  # c\n3,4\n", converters=float),  # a blank field is a field with ","
    dict(text="1,2\n", converters={2: float}),
    dict(text="1,2\n", converters={-3: float}),
    dict(text="1,2\n", converters={"a": float}),
    dict(text="1,2\n", converters={0: 3}),
    dict(text="1,2\n", converters=3),
    dict(text="1,2\n", converters=lambda s: 1 / 0),
    dict(text="1,2\n", converters=lambda s: [1]),
    dict(text="1,2\n", converters=lambda s: 1000, dtype="int8"),
    dict(text="1,2\n", converters=lambda s: -1, dtype="uint32"),
    dict(text="1,2\n", converters=lambda s: float("nan"), dtype="int64"),
    dict(text="1,2\n", converters=float, usecols=5),
    dict(text="1,1_0\n", converters={0: float}),
    dict(text='1,"2,3"\n', quotechar='"'),
    dict(text="1,2\n", quotechar=","),
    dict(text="1,2\n", quotechar="#"),
    dict(text="1 2\n", quotechar=" ", delimiter=None),
    dict(text="1,2\n", quotechar='""'),
    dict(text="1,2\n", quotechar='"', comments=["#", "//"]),
    dict(text="1,2+j\n", dtype="complex128"),
    dict(text="1,300\n", dtype="int8", quotechar='"'),
    dict(text="1,2\n", max_rows=-1),
    dict(text="1,2\n", max_rows=-1, converters=float),
])
def test_loadtxt_python_path_errors_like_numpy(kw):
    kw = dict(kw)
    text = kw.pop("text")
    kw.setdefault("delimiter", ",")
    assert_like_numpy("loadtxt", text, **kw)


@pytest.mark.parametrize("text", ["1, x\n", "1,'x'\n", "1,\"x'\n", "1,2\n  \n3,4\n", "1,a\\b\t\n"])
@pytest.mark.parametrize("converters", [None, {0: float}])
def test_loadtxt_messages_show_the_field_as_numpy(text, converters):
    # Python's repr of the raw field, on both paths; a blank line is a row when delimited.
    assert_like_numpy("loadtxt", text, delimiter=",", converters=converters)


GEN = "1,2,3\n4,,x\n# c\n\n7,N/A,-9\n10,11,TRUE\n"


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("kw", [
    dict(),
    dict(filling_values=5),
    dict(filling_values={1: 0, 2: 7}, usecols=(2, 1)),
    dict(filling_values=[1, 2], missing_values="N/A"),
    dict(skip_header=1, skip_footer=1),
    dict(max_rows=2, usecols=-1),
])
def test_genfromtxt_dtypes_like_numpy(dtype, kw):
    # NumPy's uint64 overflow names some value out of range, not always the first one.
    assert_like_numpy("genfromtxt", GEN, dtype != "uint64", delimiter=",", dtype=dtype, **kw)


@pytest.mark.parametrize("text", [
    "1,2\n3,4\n",
    "1.5,2\n3,4e2\n",
    "1,2\n3,\n",                       # an empty int field: -1, or filling_values
    "1,\n3,\n",                        # an all-missing column does not set the type
    "1,99999999999999999999\n3,4\n",   # beyond int64: float
    "True,false\nFALSE,TRUE\n",
    "1+2j,3\n4,5j\n",
    "1,N\n3,4\n",
    "1,2.5\n3,4\n",                    # mixed: NumPy's structured array is not supported
    "1,a\n3,4\n",                      # a string column: neither
])
def test_genfromtxt_dtype_none(text):
    for kw in (dict(), dict(missing_values="N", filling_values=0), dict(usecols=(1,))):
        want = outcome(np, "genfromtxt", text, delimiter=",", dtype=None, **kw)
        if isinstance(want, np.ndarray) and want.dtype.names is None and want.dtype.kind != "U":
            assert_like_numpy("genfromtxt", text, delimiter=",", dtype=None, **kw)
        else:
            with pytest.raises(NotImplementedError, match="structured|str"):
                ap.genfromtxt(io.StringIO(text), delimiter=",", dtype=None, **kw)


@pytest.mark.parametrize("kw", [
    dict(text="1,2\n3\n5,6,7\n", skip_header=0),
    dict(text="\n1,2\n3\n5,6,7\n", skip_header=1),
    dict(text="1,2\n3,4\n5\n", skip_footer=1),        # a bad row in the footer is dropped with it
    dict(text="1,2\n3\n5,6\n7\n", skip_footer=1),
    dict(text="1,2,3\n4,5\n", usecols=(0, 2)),
    dict(text="1,2\n3,4\n", skip_footer=5),
    dict(text="1,2\n3,4\n", skip_footer=1, max_rows=1),
    dict(text="1,2\n3,4\n", max_rows=0),
    dict(text="1,300\n", dtype="int8"),
    dict(text="1,\n", dtype="uint8"),
    dict(text="", dtype="float64"),
    dict(text="", dtype=None, usecols=(2,)),
    dict(text="1,2\n", dtype=None, skip_footer=1),   # the footer's rows still set the type
    dict(text="1,2\n\t\n3,4\n", delimiter=None),   # a row of tabs is no row
])
def test_genfromtxt_rows_and_errors_like_numpy(kw):
    kw = dict(kw)
    text = kw.pop("text")
    kw.setdefault("delimiter", ",")
    assert_like_numpy("genfromtxt", text, **kw)


@pytest.mark.parametrize("kw", [
    dict(usecols=(-1, 0)), dict(usecols=(1,), ndmin=2), dict(ndmin=2), dict(ndmin=1),
])
@pytest.mark.parametrize("extra", [dict(), dict(converters=float), dict(quotechar='"')])
def test_loadtxt_empty_shapes(kw, extra):
    assert_like_numpy("loadtxt", "# nothing\n", delimiter=",", **kw, **extra)


def test_genfromtxt_structured_not_supported():
    for kw in (dict(names=True), dict(dtype=[("a", "i8"), ("b", "f8")]), dict(dtype="i8,f8")):
        with pytest.raises(NotImplementedError, match="structured"):
            ap.genfromtxt(io.StringIO("1,2\n"), delimiter=",", **kw)
    for kw in (dict(usemask=True), dict(converters={0: float}), dict(invalid_raise=False)):
        with pytest.raises(NotImplementedError, match=next(iter(kw))):
            ap.genfromtxt(io.StringIO("1,2\n"), delimiter=",", **kw)
    with pytest.raises(TypeError, match="nonsense"):
        ap.genfromtxt(io.StringIO("1,2\n"), nonsense=1)
    assert_like_numpy("genfromtxt", "1,2\n", delimiter=",", usemask=False, loose=True,
                      case_sensitive="upper", like=None)


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
