"""Shared fixtures and helpers: NumPy is the oracle."""

import os

import numpy as np
import pytest

import arrpy

ALL_DTYPES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "complex64", "complex128",
]
INT_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
FLOAT_DTYPES = ["float32", "float64"]
COMPLEX_DTYPES = ["complex64", "complex128"]
NUMERIC_DTYPES = INT_DTYPES + FLOAT_DTYPES + COMPLEX_DTYPES
TIERS = ["reference", "simd", "parallel"]
LARGE = 200_000  # > the 65536-element parallel threshold


# ARRPY_TEST_XP=numpy runs the `xp`-parametrized tests (special cases, accuracy) against NumPy,
# to check the tests' own tables; tiers then mean nothing and run once.
XP_NAME = os.environ.get("ARRPY_TEST_XP", "arrpy")
assert XP_NAME in ("arrpy", "numpy"), XP_NAME
NUMPY_MODE = XP_NAME == "numpy"


@pytest.fixture(params=["n/a"] if NUMPY_MODE else TIERS)
def tier(request):
    if NUMPY_MODE:
        yield request.param
        return
    arrpy.set_backend(request.param)
    yield request.param
    arrpy.set_backend("parallel")


@pytest.fixture(params=[XP_NAME])
def xp(request):
    """The module under test: arrpy, or NumPy with ARRPY_TEST_XP=numpy."""
    return np if request.param == "numpy" else arrpy


def sample(dtype, n, seed=0, small=False):
    """Deterministic NumPy data of ``dtype`` with ``n`` elements (values kept in range)."""
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.integers(0, 2, n).astype(bool)
    if dtype in INT_DTYPES:
        info = np.iinfo(dtype)
        lo, hi = (0, 6) if small else (max(info.min, -100), min(info.max, 100))
        return rng.integers(lo, hi + 1, n).astype(dtype)
    if dtype in FLOAT_DTYPES:
        return (rng.integers(-40, 41, n) / 4.0).astype(dtype)
    re = rng.integers(-40, 41, n) / 4.0
    im = rng.integers(-40, 41, n) / 4.0
    return (re + 1j * im).astype(dtype)


def to_arrpy(a):
    """An arrpy array with the same values, dtype and shape as the NumPy array ``a``."""
    a = np.asarray(a)
    return arrpy.asarray(a.ravel().tolist(), dtype=a.dtype.name).reshape(a.shape)


def to_numpy(r):
    return np.array(r.tolist(), dtype=r.dtype.name).reshape(r.shape)


def assert_same(result, expected):
    """``result`` (arrpy) equals ``expected`` (NumPy) in dtype, shape and values (NaN == NaN)."""
    expected = np.asarray(expected)
    assert isinstance(result, arrpy.ndarray), type(result)
    assert result.dtype == expected.dtype.name, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    np.testing.assert_array_equal(to_numpy(result), expected)


# Layout: name -> (shape of the base, function applied identically to numpy and arrpy arrays).
def _layouts():
    return {
        "contiguous": ((4, 6), lambda x: x),
        "fortran": ((6, 4), lambda x: x.T),
        "strided": ((8, 9), lambda x: x[::2, ::3]),
        "strided1d": ((20,), lambda x: x[::2]),
        "negative": ((4, 6), lambda x: x[::-1, ::-2]),
        "empty": ((0, 3), lambda x: x),
        "zero_d": ((1,), lambda x: x[0]),
        "large": ((LARGE,), lambda x: x),
        "large_strided": ((2 * LARGE,), lambda x: x[::-2]),
    }


LAYOUT_NAMES = list(_layouts())
SMALL_LAYOUTS = [n for n in LAYOUT_NAMES if not n.startswith("large")]


def make_layout(name, dtype, seed=0, small=False):
    """(numpy view, arrpy view) with the same values and the same layout ``name``."""
    shape, op = _layouts()[name]
    base = sample(dtype, int(np.prod(shape)), seed=seed, small=small).reshape(shape)
    abase = to_arrpy(base)
    return op(base), op(abase)


def layouts(arr):
    """Yields (name, numpy view) for the layouts of the NumPy array ``arr`` (2-d or more)."""
    yield "contiguous", np.ascontiguousarray(arr)
    yield "fortran", np.asfortranarray(arr)
    yield "strided", arr[::2] if arr.ndim == 1 else arr[:, ::3]
    yield "negative", arr[::-1]
    yield "broadcast", np.broadcast_to(arr.reshape(-1)[:1], (3,) + arr.shape[1:])
    yield "empty", arr.reshape(-1)[:0]
    yield "zero_d", arr.reshape(-1)[0, ...] if arr.size else np.zeros((), arr.dtype)
