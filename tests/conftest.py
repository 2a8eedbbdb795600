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


def array_api_floor_divide(x1, x2):
    """NumPy's floor_divide with the Array API 2024.12's results where exactly one operand is
    infinite: floor(x1 / x2), i.e. x1 / x2 (NumPy gives NaN for inf // finite and -1.0 for
    x // inf with x of the other sign; README.md lists the divergence)."""
    q = np.floor_divide(x1, x2)
    if q.dtype.kind != "f":
        return q
    r = np.where(np.isinf(x1) != np.isinf(x2), np.divide(x1, x2), q)
    return r[()] if q.ndim == 0 else r  # a NumPy scalar for scalar operands, as NumPy's


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
    """An arrpy array with the values, dtype, shape and byte strides of the NumPy array ``a``.
    A C-contiguous ``a`` is rebuilt from a list (no import path involved); any other layout
    (strided, negative, Fortran, broadcast) becomes the same view of an arrpy copy of the memory
    ``a`` spans, so it reaches arrpy as that layout and never as a contiguous copy."""
    a = np.asarray(a)
    if a.ndim == 0 or a.size == 0 or a.flags["C_CONTIGUOUS"]:
        return arrpy.asarray(a.ravel().tolist(), dtype=a.dtype.name).reshape(a.shape)
    return _same_layout_copy(a)


def _same_layout_copy(a):
    from numpy.lib.stride_tricks import as_strided

    item = a.itemsize
    assert all(s % item == 0 for s in a.strides), f"strides {a.strides} of {a.dtype}"
    # The element at the lowest address, the span of memory in elements, and where a's first
    # element lies in it.
    lowest = a[tuple(slice(-1, None) if s < 0 else slice(0, 1) for s in a.strides)]
    span = sum(abs(s) * (d - 1) for s, d in zip(a.strides, a.shape)) // item + 1
    first = sum(-s * (d - 1) for s, d in zip(a.strides, a.shape) if s < 0) // item
    abase = owned_copy(as_strided(lowest, shape=(span,), strides=(item,), writeable=False))
    # arrpy has no as_strided: NumPy takes the view of arrpy's memory, imported back zero-copy.
    view = as_strided(np.asarray(abase)[first:], shape=a.shape, strides=a.strides,
                      writeable=bool(a.flags["WRITEABLE"]))
    result = arrpy.asarray(view)
    assert arrpy.shares_memory(result, abase), "the view was copied"
    assert_layout(result, a)
    return result


def owned_copy(n):
    """A C-contiguous arrpy array that owns a copy of the NumPy array ``n`` (fast for large ``n``)."""
    a = arrpy.array(np.ascontiguousarray(n), copy=True)
    assert a.shape == n.shape and a.dtype == n.dtype.name and a.flags["C_CONTIGUOUS"]
    assert not np.shares_memory(np.asarray(a), n)
    return a


def broadcast_view(x, shape):
    """``x`` broadcast to ``shape`` as a stride-0 view, for NumPy and arrpy arrays alike. arrpy
    has no broadcast_to, so its view is NumPy's broadcast of arrpy's own memory, imported
    zero-copy (read-only, as NumPy's broadcast views are)."""
    if isinstance(x, arrpy.ndarray):
        view = arrpy.asarray(np.broadcast_to(np.asarray(x), shape))
        assert arrpy.shares_memory(view, x), "broadcast_view copied"
        return view
    return np.broadcast_to(x, shape)


def assert_layout(aview, nview):
    """The arrpy view has the NumPy view's shape and byte strides (on every axis that has more
    than one element), so it is that layout and not a contiguous copy of its values."""
    nview = np.asarray(nview)
    assert aview.shape == nview.shape, (aview.shape, nview.shape)
    if nview.size == 0:
        return
    got = [s for s, d in zip(aview.strides, aview.shape) if d > 1]
    want = [s for s, d in zip(nview.strides, nview.shape) if d > 1]
    assert got == want, f"arrpy strides {aview.strides} != NumPy strides {nview.strides} for {nview.shape}"
    assert aview.flags["C_CONTIGUOUS"] == nview.flags["C_CONTIGUOUS"], (aview.strides, nview.strides)


def view_pair(nbase, op):
    """(op(nbase), op(arrpy copy of nbase)): the same view taken of equal NumPy and arrpy bases,
    checked to have the same layout."""
    abase = owned_copy(nbase)
    nview, aview = op(nbase), op(abase)
    assert_layout(aview, nview)
    return nview, aview


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
        "broadcast": ((6,), lambda x: broadcast_view(x[::-1], (4, 6))),
        "empty": ((0, 3), lambda x: x),
        "zero_d": ((1,), lambda x: x[0]),
        "large": ((LARGE,), lambda x: x),
        "large_strided": ((2 * LARGE,), lambda x: x[::-2]),
    }


LAYOUT_NAMES = list(_layouts())
SMALL_LAYOUTS = [n for n in LAYOUT_NAMES if not n.startswith("large")]
# Layouts whose views may be written to (a broadcast view is read-only, as in NumPy).
WRITABLE_LAYOUTS = [n for n in LAYOUT_NAMES if n != "broadcast"]


def make_layout(name, dtype, seed=0, small=False):
    """(numpy view, arrpy view) with the same values and the same layout ``name``: the arrpy
    view is taken of an arrpy base as the NumPy view is of its base, and has NumPy's strides."""
    shape, op = _layouts()[name]
    base = sample(dtype, int(np.prod(shape)), seed=seed, small=small).reshape(shape)
    return view_pair(base, op)


def layouts(arr):
    """Yields (name, numpy view, arrpy view) for layouts of the NumPy array ``arr`` (2-d or
    more): each arrpy view is taken of an arrpy copy of ``arr`` as the NumPy view is of ``arr``."""
    ops = {
        "contiguous": lambda x: x,
        "fortran": lambda x: x.T.copy().T,
        "strided": lambda x: x[:, ::3],
        "negative": lambda x: x[::-1],
        "broadcast": lambda x: broadcast_view(x.reshape(-1)[:1], (3,) + arr.shape[1:]),
        "empty": lambda x: x.reshape(-1)[:0],
        "zero_d": lambda x: x.reshape(-1)[0, ...],
    }
    for name, op in ops.items():
        yield (name, *view_pair(arr, op))


def traced(tier, call, op="matmul"):
    """``call()`` at ``tier``, and the loops the op named ``op`` ran for it, from the kernel
    trace (per loop dtype: reference, vector and threaded counts)."""
    arrpy._arrpy._loop_trace(True)
    try:
        with arrpy.backend(tier):
            result = call()
    finally:
        runs = arrpy._arrpy._loop_trace(False)
    return result, runs.get(op, {})


def normal_sample(shape, dtype, seed=0):
    """Standard normal data of the float or complex ``dtype`` (both parts for complex)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


# For test files that compute on zeros, infinities and NaN on purpose (as NumPy's own tests do):
# the floating-point RuntimeWarnings arrpy gives there, as NumPy does, are expected, not noise to
# show. tests/test_errstate.py checks those warnings against NumPy's.
IGNORE_FP_WARNINGS = pytest.mark.filterwarnings("ignore:.* encountered in :RuntimeWarning")
