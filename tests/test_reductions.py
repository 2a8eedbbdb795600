import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import (ALL_DTYPES, INT_DTYPES, LARGE, SMALL_LAYOUTS, TIERS, assert_same, make_layout, sample,
                      to_arrpy, to_numpy)

pytestmark = IGNORE_FP_WARNINGS

REDUCTIONS = ["sum", "prod", "min", "max", "mean"]
AXES = [None, 0, 1, -1, (0, 1), (1, 0), (-1, -2), ()]


def _compare(result, expected, exact):
    expected = np.asarray(expected)
    assert result.dtype == expected.dtype.name, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    if exact:
        np.testing.assert_array_equal(to_numpy(result), expected)
    else:
        rtol = 1e-12 if expected.dtype in (np.float64, np.complex128) else 2e-5
        np.testing.assert_allclose(to_numpy(result), expected, rtol=rtol, atol=rtol, equal_nan=True)


def check_reduction(name, nx, ax, **kw):
    try:
        with np.errstate(all="ignore"):
            expected = getattr(np, name)(nx, **kw)
    except ValueError:
        with pytest.raises(ValueError):
            getattr(arrpy, name)(ax, **kw)
        return
    exact = name in ("min", "max") or expected.dtype.kind not in "fc"
    _compare(getattr(arrpy, name)(ax, **kw), expected, exact)
    if "dtype" not in kw:
        _compare(getattr(ax, name)(**kw), expected, exact)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("name", REDUCTIONS)
def test_reduction_layouts(tier, name, dtype):
    if dtype.startswith("complex") and name in ("min", "max"):
        pytest.skip("complex min/max: covered by test_complex_min_max")
    for layout in SMALL_LAYOUTS + ["large_strided"]:
        nx, ax = make_layout(layout, dtype, seed=1, small=name == "prod")
        for axis in AXES:
            if axis is not None and (nx.ndim < 2 and axis not in (0, -1, ())):
                continue
            if nx.ndim == 0 and axis not in (None, ()):
                continue  # NumPy quirk: reductions of 0-d arrays accept axis=0/-1; arrpy raises AxisError
            for keepdims in (False, True):
                check_reduction(name, nx, ax, axis=axis, keepdims=keepdims)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "uint32", "bool", "float32", "int64"])
@pytest.mark.parametrize("target", ["int64", "float64", "float32", "int16", "complex128", "uint64"])
@pytest.mark.parametrize("name", ["sum", "prod", "mean"])
def test_reduction_dtype_arg(name, dtype, target, tier):
    nx = sample(dtype, 12, seed=1, small=True).reshape(3, 4)
    if dtype == "float32":
        nx = np.abs(nx)  # negative float -> unsigned int is undefined behaviour in C: no oracle
    ax = to_arrpy(nx)
    for axis in (None, 0, 1):
        check_reduction(name, nx, ax, axis=axis, dtype=target)
    # Strided with a negative step, broadcast, and empty inputs.
    check_reduction(name, nx[::2, ::-1], ax[::2, ::-1], axis=0, dtype=target)
    nb = np.broadcast_to(nx[0], (5, 4))
    ab = arrpy.asarray(nb)  # zero-copy: the stride-0 rows come through the buffer protocol
    assert ab.strides == (0, nx.itemsize)
    check_reduction(name, nb, ab, axis=0, dtype=target)
    if not (name == "mean" and np.dtype(target).kind in "iu"):
        # (The mean of nothing is NaN: NaN cast to an integer has no defined value in C.)
        check_reduction(name, nx[:0], ax[:0], axis=0, dtype=target)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_result_dtypes(dtype):
    nx = np.ones(3, dtype=dtype)
    ax = to_arrpy(nx)
    for name in REDUCTIONS:
        if dtype.startswith("complex") and name in ("min", "max"):
            continue
        assert getattr(arrpy, name)(ax).dtype == getattr(np, name)(nx).dtype.name, name


def test_complex_min_max():
    n = np.array([1 + 2j, 1 + 1j, -3j, 2])
    a = to_arrpy(n)
    try:
        expected = np.max(n)
    except TypeError:
        with pytest.raises(TypeError):
            arrpy.max(a)
        return
    assert_same(arrpy.max(a), expected)
    assert_same(arrpy.min(a), np.min(n))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_empty(dtype):
    n = np.zeros((0, 3), dtype=dtype)
    a = to_arrpy(n)
    for name in ("min", "max"):
        with pytest.raises(ValueError):
            getattr(arrpy, name)(a)
        with pytest.raises(ValueError):
            getattr(arrpy, name)(a, axis=0)
        if not dtype.startswith("complex"):
            assert_same(getattr(arrpy, name)(a, axis=1), getattr(np, name)(n, axis=1))
    assert_same(arrpy.sum(a), np.sum(n))
    assert_same(arrpy.sum(a, axis=0), np.sum(n, axis=0))
    assert_same(arrpy.prod(a), np.prod(n))
    assert arrpy.sum(a).item() == 0


def test_mean_empty_is_nan():
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        expected = np.mean(np.zeros(0))
    r = arrpy.mean(arrpy.zeros(0))
    assert r.dtype == "float64" and np.isnan(r.item()) and np.isnan(expected)


@pytest.mark.parametrize("name", REDUCTIONS)
@pytest.mark.parametrize("axis", [2, -3, (0, 2), (0, 0)])
def test_axis_errors(name, axis):
    a = arrpy.ones((2, 3))
    with pytest.raises((ValueError, IndexError)) as info:
        getattr(arrpy, name)(a, axis=axis)
    if axis != (0, 0):
        assert isinstance(info.value, arrpy.AxisError)
        assert isinstance(info.value, IndexError) and isinstance(info.value, ValueError)


def test_axis_error_class():
    assert issubclass(arrpy.AxisError, IndexError)
    assert issubclass(arrpy.AxisError, ValueError)


def test_out():
    n = np.arange(12.0).reshape(3, 4)
    a = to_arrpy(n)
    out = arrpy.zeros(4)
    r = arrpy.sum(a, axis=0, out=out)
    assert r is out
    assert_same(out, n.sum(axis=0))
    out2 = arrpy.zeros((1, 3))
    arrpy.max(a, axis=1, keepdims=True, out=out2.T)
    assert_same(out2, n.max(axis=1, keepdims=True).T)
    with pytest.raises(ValueError):
        arrpy.sum(a, axis=0, out=arrpy.zeros(3))


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "complex64"])
def test_float_sums_tiers_and_threads(dtype):
    rng = np.random.default_rng(11)
    nx = rng.standard_normal(LARGE) * 1e3 + 1e-3
    if dtype.startswith("complex"):
        nx = nx + 1j * rng.standard_normal(LARGE)
    nx = nx.astype(dtype)
    ax = to_arrpy(nx)
    m = ax.reshape((500, 400))
    results = []
    threads = arrpy.get_num_threads()
    try:
        for t in TIERS:
            for nthreads in (1, 2):
                arrpy.set_num_threads(nthreads)
                with arrpy.backend(t):
                    results.append([to_numpy(r) for r in (
                        ax.sum(), ax.mean(), ax[::-3].sum(), m.sum(axis=0), m.sum(axis=1), m.T.sum(axis=1),
                        m.mean(axis=(0, 1)))])
    finally:
        arrpy.set_num_threads(threads)
    for other in results[1:]:
        for r0, r1 in zip(results[0], other):
            np.testing.assert_array_equal(np.atleast_1d(r0).view("u1"), np.atleast_1d(r1).view("u1"))
    rtol = 1e-12 if dtype in ("float64", "complex128") else 1e-4
    mr = m.tolist()
    np.testing.assert_allclose(results[0][0], nx.astype("complex128" if dtype.startswith("c") else "float64").sum(),
                               rtol=rtol)
    np.testing.assert_allclose(results[0][3], np.array(mr).sum(axis=0), rtol=rtol, atol=rtol)
    np.testing.assert_allclose(results[0][4], np.array(mr).sum(axis=1), rtol=rtol, atol=rtol)


@pytest.mark.parametrize("dtype", ["int64", "int32", "uint8", "int8", "bool", "uint64"])
def test_large_int_reductions(dtype):
    nx = sample(dtype, LARGE, seed=2)
    ax = to_arrpy(nx)
    for t in TIERS:
        with arrpy.backend(t):
            for name in ("sum", "min", "max", "mean"):
                check_reduction(name, nx, ax)
            check_reduction("sum", nx.reshape(400, 500), ax.reshape((400, 500)), axis=0)
            check_reduction("max", nx.reshape(400, 500), ax.reshape((400, 500)), axis=1)


@pytest.mark.parametrize("name,expected", [("min", np.nan), ("max", np.nan)])
def test_nan_propagation(name, expected):
    n = np.array([1.0, np.nan, 3.0] * 30000)
    for t in TIERS:
        with arrpy.backend(t):
            r = getattr(arrpy, name)(to_arrpy(n))
            assert np.isnan(r.item())
            assert np.isnan(getattr(arrpy, name)(to_arrpy(n[::-1])).item())


ints = st.lists(st.integers(-2**40, 2**40), min_size=1, max_size=60)


@settings(deadline=None, max_examples=50)
@given(ints, ints)
def test_sum_of_concatenation(xs, ys):
    a, b = arrpy.asarray(xs), arrpy.asarray(ys)
    assert arrpy.sum(arrpy.concatenate([a, b])).item() == arrpy.sum(a).item() + arrpy.sum(b).item() == sum(xs + ys)


@settings(deadline=None, max_examples=50)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=200))
def test_min_mean_max(xs):
    a = arrpy.asarray(xs)
    lo, mid, hi = arrpy.min(a).item(), arrpy.mean(a).item(), arrpy.max(a).item()
    assert lo == min(xs) and hi == max(xs)
    assert lo - 1e-9 * abs(lo) <= mid <= hi + 1e-9 * abs(hi)
    np.testing.assert_allclose(mid, np.mean(xs), rtol=1e-9, atol=1e-9)


@settings(deadline=None, max_examples=50)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.sampled_from(INT_DTYPES + ["float64"]))
def test_axis_sums_match_numpy(d0, d1, d2, dtype):
    n = sample(dtype, d0 * d1 * d2, seed=d0 + d1 + d2).reshape(d0, d1, d2)
    a = to_arrpy(n)
    for axis in (None, 0, 1, 2, (0, 2), (1, 2)):
        assert_same(arrpy.sum(a, axis=axis), np.sum(n, axis=axis))
        assert_same(arrpy.max(a, axis=axis, keepdims=True), np.max(n, axis=axis, keepdims=True))
