"""Python values in and out, soundly: NumPy scalars, deep nesting, tolist/item/repr that read
only what they return, assignment checks, comparisons with out-of-range ints (issue 10)."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import arrpy as ap
from conftest import (ALL_DTYPES, INT_DTYPES, SMALL_LAYOUTS, assert_same, make_layout,
                      to_numpy)


def run_isolated(code, timeout=60):
    """Runs ``code`` in a fresh interpreter, so a crash fails the test instead of the run."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (proc.returncode, proc.stdout, proc.stderr[-2000:])
    return proc.stdout


def nested(depth):
    x = 1
    for _ in range(depth):
        x = [x]
    return x


# ---- NumPy scalars: strongly typed (NEP 50), never recursed on ----

NP_SCALAR_DTYPES = [d for d in ALL_DTYPES]


@pytest.mark.parametrize("dtype", NP_SCALAR_DTYPES)
def test_asarray_of_numpy_scalar_keeps_its_dtype(dtype):
    s = np.ones((), dtype)[()]
    assert_same(ap.asarray(s), np.asarray(s))
    assert_same(ap.asarray(np.ones((), dtype)), np.asarray(np.ones((), dtype)))


@pytest.mark.parametrize("op", ["__add__", "__mul__", "__sub__", "__radd__", "__rmul__"])
@pytest.mark.parametrize("scalar", [np.int64(100), np.int16(-3), np.uint8(7), np.float64(1e-50),
                                    np.float32(2.5), np.complex64(1j), np.bool_(True),
                                    np.array(3, np.int32), np.array(1.5)])
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "float32", "complex64", "bool"])
def test_numpy_scalars_are_strong_in_operators(op, scalar, dtype, tier):
    base = np.array([100, 2, 0, 1, 3, 5], dtype)
    n, a = base[::-2], ap.asarray(base.tolist(), dtype=dtype)[::-2]
    if dtype == "bool" and op == "__sub__":
        return
    with np.errstate(all="ignore"):
        expected = getattr(n, op)(scalar)
    assert_same(getattr(a, op)(scalar), expected)


def test_issue_examples_numpy_scalars():
    a = ap.asarray([100, 2], dtype="int8")
    assert_same(a * np.int64(100), np.array([10000, 200], np.int64))
    assert ap.asarray(np.int8(5)).dtype == "int8"
    r = ap.ones(2, dtype="float32") * np.float64(1e-50)
    assert_same(r, np.ones(2, np.float32) * np.float64(1e-50))


def test_numpy_scalars_in_functions_and_result_type():
    a = ap.asarray([1, 2], dtype="int8")
    assert_same(ap.add(a, np.int64(300)), np.add(np.array([1, 2], np.int8), np.int64(300)))
    assert_same(ap.multiply(np.int16(3), a), np.multiply(np.int16(3), np.array([1, 2], np.int8)))
    assert ap.result_type(a, np.float64(1)) == "float64"
    assert ap.result_type(a, 1.0) == "float64"
    assert ap.result_type(ap.ones(1, dtype="float32"), np.float64(1)) == "float64"
    assert ap.result_type(ap.ones(1, dtype="float32"), 1.0) == "float32"
    assert_same(ap.full(2, np.int8(5)), np.full(2, np.int8(5)))


@pytest.mark.parametrize("values", [
    [np.int8(1), np.int8(2)], [np.int8(1), 2], [np.int8(1), 1000], [np.float32(1), 1.0],
    [np.float32(1), np.float32(2)], [np.int8(1), np.uint8(2)], [np.int8(1), True],
    [np.bool_(True), 1], [[np.float32(1)], [np.complex64(2)]],
])
def test_nested_lists_of_numpy_scalars_promote(values):
    assert_same(ap.asarray(values), np.array(values))


def test_unsupported_numpy_scalars():
    # longdouble/clongdouble used to recurse forever on item() and crash the interpreter
    run_isolated("""
        import numpy as np, arrpy as ap
        r = ap.ones(3) + np.longdouble(1)
        assert r.dtype == "float64" and r.tolist() == [2.0] * 3, r
        z = ap.asarray(np.clongdouble(1j))
        assert z.dtype == "complex128" and z.tolist() == 1j
        h = ap.asarray(np.float16(1.5))
        assert h.dtype == "float32" and h.tolist() == 1.5
        print("ok")
    """)
    for bad in [np.datetime64("2020"), np.timedelta64(3, "s"), np.str_("x"), np.bytes_(b"x")]:
        with pytest.raises(TypeError):
            ap.ones(3) + bad
        with pytest.raises(TypeError):
            ap.asarray([bad])


def test_scalar_with_self_returning_item_does_not_recurse():
    class Odd:
        dtype = property(lambda self: np.dtype("float64"))
        shape = ()

        def item(self):
            return Odd()

        def __float__(self):
            return 2.0

    assert_same(ap.ones(2) + Odd(), np.full(2, 3.0))


# ---- nesting depth: capped at 64 dimensions, never recursed on ----

def test_deep_nested_list_raises():
    run_isolated("""
        import arrpy as ap
        x = 1
        for _ in range(30000):
            x = [x]
        try:
            ap.asarray(x)
        except ValueError as e:
            assert "maximum number of dimension of 64" in str(e), e
        else:
            raise AssertionError("no error")
        print("ok")
    """)
    assert ap.asarray(nested(64)).ndim == 64
    with pytest.raises(ValueError, match="64"):
        ap.asarray(nested(65))
    with pytest.raises(ValueError, match="64"):
        ap.asarray([ap.zeros((1,) * 64)])


@pytest.mark.parametrize("make", [
    lambda: ap.zeros((1,) * 65), lambda: ap.ones((1,) * 65), lambda: ap.empty((1,) * 65),
    lambda: ap.full((1,) * 65, 2.0), lambda: ap.zeros(1).reshape((1,) * 65),
])
def test_more_than_64_dimensions_raise(make):
    with pytest.raises((ValueError, IndexError), match="64"):
        make()


def test_newaxis_beyond_64_dimensions_raises():
    with pytest.raises(IndexError, match="64"):
        ap.zeros(())[(None,) * 65]
    assert ap.zeros(())[(None,) * 64].ndim == 64
    # NumPy: expand_dims past 64 dimensions is a ValueError (indexing's is an IndexError).
    with pytest.raises(ValueError, match="maximum supported dimension .* 64, found 65"):
        np.expand_dims(np.zeros((1,) * 64), 0)
    with pytest.raises(ValueError, match="maximum supported dimension .* 64, found 65"):
        ap.expand_dims(ap.zeros((1,) * 64), 0)


def test_tolist_of_64_dimensions():
    run_isolated("""
        import arrpy as ap
        try:
            ap.zeros((1,) * 20000)
        except ValueError as e:
            assert "64" in str(e)
        else:
            raise AssertionError("no error")
        x = ap.zeros((1,) * 64).tolist()
        for _ in range(64):
            x = x[0]
        assert x == 0.0
        print("ok")
    """)


# ---- tolist / item / repr read only what they return ----

@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_tolist_matches_numpy_on_layouts(layout, dtype):
    n, a = make_layout(layout, dtype)
    assert a.tolist() == n.tolist()


def test_tolist_of_broadcast_and_3d_views():
    n = np.arange(24).reshape(2, 3, 4)
    a = ap.arange(24).reshape(2, 3, 4)
    assert a[:, ::-1, 1::2].tolist() == n[:, ::-1, 1::2].tolist()
    b = np.broadcast_to(n[:, :1], (2, 5, 4))
    assert ap.asarray(b).tolist() == b.tolist()
    assert ap.asarray(b)[:, ::-2].tolist() == b[:, ::-2].tolist()
    assert ap.zeros((2, 0, 3)).tolist() == [[], []]
    assert ap.zeros((0, 2)).tolist() == []


def test_huge_broadcast_view_tolist_is_memory_error_and_repr_is_quick():
    run_isolated("""
        import arrpy as ap, numpy as np, time
        v = ap.asarray(np.broadcast_to(np.int8(7), (2**20, 2**20)))
        t = time.perf_counter()
        text = repr(v)
        assert time.perf_counter() - t < 1.0
        assert text.startswith("array([[7, 7, 7, ..., 7, 7, 7]"), text
        assert "shape=(1048576, 1048576)" in text and "dtype=int8" in text
        assert str(v).startswith("[[7 7 7 ... 7 7 7]")
        try:
            v.tolist()
        except MemoryError:
            pass
        else:
            raise AssertionError("no MemoryError")
        assert v.item(2**40 - 1) == 7 and v.item(5, 6) == 7
        # No element, but 2**40 empty lists: a MemoryError at once, as NumPy (was a hang).
        t = time.perf_counter()
        try:
            ap.zeros((2**40, 0)).tolist()
        except MemoryError:
            pass
        else:
            raise AssertionError("no MemoryError")
        assert time.perf_counter() - t < 1.0
        assert ap.zeros((3, 0, 2)).tolist() == [[], [], []]
        print("ok")
    """)


@pytest.mark.parametrize("shape", [(1001,), (40, 30), (3, 400), (2, 3, 200), (7, 1, 7, 7, 7)])
@pytest.mark.parametrize("dtype", ["int16", "float32", "complex128", "bool"])
def test_summarized_repr_matches_numpy(shape, dtype):
    size = int(np.prod(shape))
    base = (np.arange(size) % 11 - 3).astype(dtype).reshape(shape)
    a = ap.asarray(base.ravel().tolist(), dtype=dtype).reshape(shape)
    assert repr(a) == repr(base)
    assert str(a) == str(base)
    assert repr(a[::-1]) == repr(base[::-1])


def test_item_reads_one_element():
    n = np.arange(24).reshape(2, 3, 4)
    a = ap.arange(24).reshape(2, 3, 4)
    for view_n, view_a in [(n, a), (n[:, ::-1], a[:, ::-1]), (n.transpose(2, 0, 1), a.transpose(2, 0, 1))]:
        for k in [0, 5, 23, -1, -24]:
            assert view_a.item(k) == view_n.item(k)
        assert view_a.item(1, 0, -1) == view_n.item(1, 0, -1)
        assert view_a.item((1, 0, 2)) == view_n.item((1, 0, 2))
    assert ap.asarray(5).item(0) == 5
    with pytest.raises(IndexError):
        a.item(24)
    with pytest.raises(IndexError):
        a.item(2, 0, 0)
    with pytest.raises(ValueError):
        ap.zeros((2, 2)).item(0, 0, 0)
    with pytest.raises(ValueError):
        ap.zeros((2, 2)).item()


# ---- assignment checks: no silent value changes ----

def test_setitem_list_with_out_of_range_int_raises_and_keeps_array():
    a = ap.zeros(3, dtype="int32")
    with pytest.raises(OverflowError, match="out of bounds for int32"):
        a[:2] = [1, 2**40]
    assert a.tolist() == [0, 0, 0]


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("value,exc", [(float("nan"), ValueError), (float("inf"), OverflowError),
                                       (-float("inf"), OverflowError), (1e300, OverflowError),
                                       (1e20, OverflowError)])
def test_nonfinite_and_huge_floats_into_ints_raise(dtype, value, exc):
    n = np.zeros(3, dtype)
    with pytest.raises(exc):
        n[0] = value
    for setter in [lambda a: a.__setitem__(0, value), lambda a: a.__setitem__(slice(None), value),
                   lambda a: a.fill(value), lambda a: a.__setitem__(slice(0, 2), [1, value])]:
        a = ap.zeros(3, dtype=dtype)
        with pytest.raises(exc):
            setter(a)
        assert a.tolist() == [0, 0, 0]
    with pytest.raises(exc):
        ap.asarray([1, value], dtype=dtype)


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_floats_into_ints_truncate_or_raise_as_numpy(dtype):
    info = np.iinfo(dtype)
    for value in [-1.5, 2.9, 300.0, float(info.max) + 1, float(info.min) - 1, 127.9]:
        n = np.zeros(2, dtype)
        a = ap.zeros(2, dtype=dtype)
        try:
            n[0] = value
        except OverflowError:
            with pytest.raises(OverflowError):
                a[0] = value
            with pytest.raises(OverflowError):
                a.fill(value)
            assert a.tolist() == [0, 0]
        else:
            a[0] = value
            assert a.tolist() == n.tolist()


@pytest.mark.parametrize("value", [300, -1, 2**40, np.int64(300)])
def test_fill_and_setitem_out_of_range_ints_raise(value):
    for setter in [lambda a: a.fill(value), lambda a: a.__setitem__(1, value)]:
        a = ap.zeros(2, dtype="uint8")
        with pytest.raises(OverflowError):
            setter(a)
        assert a.tolist() == [0, 0]


@pytest.mark.parametrize("dtype", ["float32", "float64", "int16"])
def test_complex_into_real_raises(dtype):
    for setter in [lambda a: a.fill(3 + 4j), lambda a: a.__setitem__(0, 3 + 4j),
                   lambda a: a.__setitem__(slice(None), [1, 3 + 4j, 2])]:
        a = ap.zeros(3, dtype=dtype)
        with pytest.raises(TypeError):
            setter(a)
        assert a.tolist() == [0, 0, 0]


def test_imag_of_real_array_is_read_only_zeros():
    a = ap.ones(3)
    assert a.imag.tolist() == [0.0, 0.0, 0.0]
    assert not a.imag.flags["WRITEABLE"]
    with pytest.raises(ValueError, match="read-only"):
        a.imag[0] = 9
    assert a.tolist() == [1.0, 1.0, 1.0]
    z = ap.asarray([1 + 2j])
    z.imag[0] = 9
    assert z.tolist() == [1 + 9j]


# ---- comparisons with out-of-range Python ints (NumPy 2) ----

@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("value", [-1, 300, -300, 2**63, -2**63 - 1, 2**64, 2**70, -2**70])
@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "==", "!="])
def test_comparison_with_out_of_range_int(dtype, value, op):
    n = np.array([0, 1, 5], dtype)
    a = ap.asarray([0, 1, 5], dtype=dtype)
    info = np.iinfo(dtype)
    if info.min <= value <= info.max:
        return
    forward = eval(f"n {op} value")
    assert_same(eval(f"a {op} value"), forward)
    assert_same(eval(f"value {op} a"), eval(f"value {op} n"))
    name = {"<": "less", "<=": "less_equal", ">": "greater", ">=": "greater_equal",
            "==": "equal", "!=": "not_equal"}[op]
    assert_same(getattr(ap, name)(a, value), forward)
    assert_same(getattr(ap, name)(value, a), getattr(np, name)(value, n))


def test_arithmetic_with_out_of_range_int_still_raises():
    with pytest.raises(OverflowError):
        ap.asarray([1, 2], dtype="uint8") + -1
    with pytest.raises(OverflowError):
        ap.asarray([1, 2], dtype="int8") * 300


# ---- squeeze ----

def test_squeeze_repeated_axis_raises():
    a = ap.zeros((1, 2, 1))
    with pytest.raises(ValueError, match="duplicate"):
        a.squeeze(axis=(0, 0))
    with pytest.raises(ValueError, match="duplicate"):
        a.squeeze(axis=(0, -3))
    assert a.squeeze(axis=(0, 2)).shape == (2,)
