import math

import numpy as np
import pytest

import arrpy
from conftest import ALL_DTYPES, INT_DTYPES, FLOAT_DTYPES, COMPLEX_DTYPES, assert_same


@pytest.mark.parametrize("name", ALL_DTYPES)
def test_dtype_objects(name):
    d = getattr(arrpy, name)
    nd = np.dtype(name)
    assert isinstance(d, arrpy.dtype)
    assert arrpy.dtype(name) == d
    assert d.name == name
    assert d.kind == nd.kind
    assert d.itemsize == nd.itemsize
    assert d == name
    assert hash(d) == hash(arrpy.dtype(name))
    assert repr(d) == repr(nd)


def test_dtype_inequality_and_hash_set():
    assert arrpy.float64 != arrpy.float32
    assert arrpy.float64 != "float32"
    assert len({arrpy.dtype(n) for n in ALL_DTYPES + ALL_DTYPES}) == 13


def test_unknown_dtype():
    with pytest.raises(TypeError):
        arrpy.dtype("float17")


@pytest.mark.parametrize("value,expected", [
    ([1, 2, 3], "int64"), ([True], "bool"), ([1, 2.5], "float64"), ([1j], "complex128"),
    ([True, 2], "int64"), ([1.0, 2j], "complex128"), (3, "int64"), (2.5, "float64"),
])
def test_default_dtypes(value, expected):
    assert arrpy.array(value).dtype == expected
    assert np.array(value).dtype == expected


@pytest.mark.parametrize("a", ALL_DTYPES)
def test_promote_types_all_pairs(a):
    for b in ALL_DTYPES:
        expected = np.promote_types(a, b).name
        assert arrpy.promote_types(a, b) == expected, (a, b)
        assert arrpy.promote_types(getattr(arrpy, a), getattr(arrpy, b)) == expected
        assert arrpy.result_type(getattr(arrpy, a), getattr(arrpy, b)) == np.result_type(a, b).name
        x = arrpy.zeros(2, dtype=a)
        assert arrpy.result_type(x, b) == expected


_WEAK_CASES = [
    (1,), (2**63,), (True,), (1.5,), (1j,), (True, 1), (True, False), (1, 2.0), (1, 1j), (1.0, 1j),
    (True, 1.0), (2**63, 1), (2**63, 2**63), (2**70, 1),
]
_OVERFLOW_CASES = [
    ("int8", 300), ("int8", 2**70), ("uint8", -1), ("bool", 2**63), ("uint64", -1),
    ("float32", 1, 2**70), ("int16", -(2**100)),
]
_MIXED_CASES = [
    ("int8", 1.0), ("uint8", 1j), ("float32", 1j, 1), ("int32", "uint32", 1.5),
    ("bool", "int8", True), ("complex64", "float64", 1), ("uint16", "int8", 2**40),
    ("float32", "int16", 1j), ("bool", 1.0, 1), ("uint64", "int64", 1),
]


@pytest.mark.parametrize("args", _WEAK_CASES)
def test_result_type_weak_only(args):
    assert arrpy.result_type(*args) == np.result_type(*args).name


def test_result_type_lone_huge_int_has_no_dtype():
    assert np.result_type(2**70) == object  # arrpy has no object dtype
    with pytest.raises(OverflowError, match="out of bounds"):
        arrpy.result_type(2**70)
    with pytest.raises(ValueError, match="at least one array or dtype"):
        arrpy.result_type()
    with pytest.raises(ValueError, match="at least one array or dtype"):
        np.result_type()


def _np_args(args):
    return [np.dtype(a) if isinstance(a, str) else a for a in args]


def _ap_args(args):
    return [arrpy.dtype(a) if isinstance(a, str) else a for a in args]


@pytest.mark.parametrize("args", _OVERFLOW_CASES + _MIXED_CASES)
def test_result_type_strong_and_weak(args):
    """Weak operands never overflow in result_type: their value is not looked at."""
    expected = np.result_type(*_np_args(args)).name
    assert arrpy.result_type(*_ap_args(args)) == expected
    arrays = [arrpy.zeros(2, dtype=a) if isinstance(a, str) else a for a in args]
    assert arrpy.result_type(*arrays) == expected
    # NumPy scalars are strong; their type objects are dtype-likes.
    np_scalars = [np.zeros((), dtype=a)[()] if isinstance(a, str) else a for a in args]
    assert arrpy.result_type(*np_scalars) == expected
    np_types = [np.dtype(a).type if isinstance(a, str) else a for a in args]
    assert arrpy.result_type(*np_types) == expected


def test_can_cast_refuses_python_scalars():
    with pytest.raises(TypeError):
        np.can_cast(1, np.int8)
    with pytest.raises(TypeError, match="NEP 50"):
        arrpy.can_cast(1, arrpy.int8)
    assert arrpy.can_cast(np.float32(1), "float64") == np.can_cast(np.float32(1), np.float64)
    assert arrpy.can_cast(np.float64(1), "float32") == np.can_cast(np.float64(1), np.float32)


def test_result_type_scalars_nep50():
    assert arrpy.result_type(arrpy.int8, 1) == "int8"
    assert arrpy.result_type(arrpy.int8, 1.5) == "float64"
    assert arrpy.result_type(arrpy.float32, 1.5) == "float32"
    assert arrpy.result_type(arrpy.float32, 1j) == "complex64"
    assert arrpy.result_type(arrpy.bool, 1) == "int64"
    assert arrpy.result_type(arrpy.uint8, True) == "uint8"


@pytest.mark.parametrize("dt,scalar", [
    ("int8", 1), ("uint8", 3), ("int16", -5), ("int64", 7), ("uint64", 9),
    ("int32", 1.5), ("uint16", 2.5), ("float32", 1.5), ("float64", 2), ("float32", 3),
    ("float32", 1j), ("float64", 2j), ("complex64", 1.5), ("complex128", 2),
    ("bool", 1), ("bool", 1.5), ("bool", True), ("bool", 1j), ("int8", True),
])
@pytest.mark.parametrize("op", ["add", "mul", "radd", "rsub"])
def test_weak_scalar_arithmetic(dt, scalar, op):
    if dt == "bool" and op == "rsub" and isinstance(scalar, bool):
        pytest.skip("numpy: boolean subtract is a TypeError")
    base = np.array([0, 1, 1], dtype=dt)
    a = arrpy.asarray(base.tolist(), dtype=dt)
    fn = {"add": lambda x: x + scalar, "mul": lambda x: x * scalar,
          "radd": lambda x: scalar + x, "rsub": lambda x: scalar - x}[op]
    assert_same(fn(a), fn(base))


@pytest.mark.parametrize("dt,value", [("int8", 1000), ("uint8", -1), ("uint8", 256), ("int16", 40000),
                                      ("uint64", -1), ("int64", 2**63)])
def test_weak_scalar_overflow(dt, value):
    a = arrpy.zeros(3, dtype=dt)
    with pytest.raises(OverflowError):
        a + value
    with pytest.raises(OverflowError):
        np.zeros(3, dtype=dt) + value


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
def test_can_cast_all_pairs(casting):
    for a in ALL_DTYPES:
        for b in ALL_DTYPES:
            expected = bool(np.can_cast(a, b, casting=casting))
            assert arrpy.can_cast(getattr(arrpy, a), getattr(arrpy, b), casting=casting) == expected, (a, b, casting)
    assert arrpy.can_cast(arrpy.zeros(2, dtype="int8"), "int16")


def test_can_cast_default_is_safe():
    for a in ALL_DTYPES:
        for b in ALL_DTYPES:
            assert arrpy.can_cast(a, b) == bool(np.can_cast(a, b)), (a, b)


KINDS = ["bool", "signed integer", "unsigned integer", "integral", "real floating",
         "complex floating", "numeric", ("integral", "real floating"), ("bool", "complex floating")]


@pytest.mark.parametrize("name", ALL_DTYPES)
def test_isdtype(name):
    d = getattr(arrpy, name)
    for kind in KINDS:
        assert arrpy.isdtype(d, kind) == bool(np.isdtype(np.dtype(name), kind)), (name, kind)
    assert arrpy.isdtype(d, d)
    assert not arrpy.isdtype(d, arrpy.float64 if name != "float64" else arrpy.int8)
    with pytest.raises(ValueError):
        arrpy.isdtype(d, "nonsense")


@pytest.mark.parametrize("name", FLOAT_DTYPES + COMPLEX_DTYPES)
def test_finfo(name):
    a, n = arrpy.finfo(name), np.finfo(name)
    assert a.dtype == n.dtype.name
    for attr in ["bits", "eps", "max", "min", "smallest_normal", "tiny", "resolution", "precision",
                 "smallest_subnormal"]:
        assert getattr(a, attr) == getattr(n, attr), attr
    assert arrpy.finfo(getattr(arrpy, name)).bits == n.bits
    assert arrpy.finfo(arrpy.zeros(1, dtype=name)).eps == n.eps


@pytest.mark.parametrize("name", INT_DTYPES)
def test_iinfo(name):
    a, n = arrpy.iinfo(name), np.iinfo(name)
    assert (a.bits, a.min, a.max) == (n.bits, n.min, n.max)
    assert a.dtype == name
    assert arrpy.iinfo(getattr(arrpy, name)).max == n.max


def test_info_errors():
    with pytest.raises(ValueError):
        arrpy.finfo("int32")
    with pytest.raises(ValueError):
        arrpy.iinfo("float32")
    with pytest.raises(ValueError):
        np.finfo("int32")


def test_constants():
    assert arrpy.e == math.e == np.e
    assert arrpy.pi == math.pi == np.pi
    assert arrpy.inf == math.inf
    assert math.isnan(arrpy.nan)
    assert arrpy.newaxis is None
    assert arrpy.__array_api_version__ == "2023.12"


def test_namespace_info():
    info = arrpy.__array_namespace_info__()
    caps = info.capabilities()
    assert set(caps) >= {"boolean indexing", "data-dependent shapes"}
    assert info.default_device() == "cpu"
    assert info.devices() == ["cpu"]
    defaults = info.default_dtypes()
    assert defaults["real floating"] == arrpy.float64
    assert defaults["complex floating"] == arrpy.complex128
    assert defaults["integral"] == arrpy.int64
    assert defaults["indexing"] == arrpy.int64
    assert info.default_dtypes(device="cpu") == defaults
    all_dtypes = info.dtypes()
    assert list(all_dtypes) == ALL_DTYPES
    assert all(all_dtypes[n] == getattr(arrpy, n) for n in ALL_DTYPES)
    assert list(info.dtypes(kind="integral")) == INT_DTYPES
    assert list(info.dtypes(kind="bool")) == ["bool"]
    assert list(info.dtypes(kind="real floating")) == FLOAT_DTYPES
    assert list(info.dtypes(kind="complex floating")) == COMPLEX_DTYPES
    assert list(info.dtypes(kind="signed integer")) == INT_DTYPES[:4]
    assert list(info.dtypes(kind="unsigned integer")) == INT_DTYPES[4:]
    assert list(info.dtypes(kind="numeric")) == ALL_DTYPES[1:]
    assert list(info.dtypes(kind=("bool", "real floating"))) == ["bool"] + FLOAT_DTYPES
    with pytest.raises(ValueError):
        info.dtypes(device="gpu")
