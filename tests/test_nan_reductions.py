"""nanprod, nanvar, nanstd, nanargmin, nanargmax, nancumsum and nancumprod against NumPy: every
dtype, every layout built from arrpy arrays (strided, negative, Fortran, broadcast, empty, 0-d),
axis/keepdims/ddof/dtype, NumPy's RuntimeWarnings and errors, the three tiers above their
thresholds with the loop each ran read from the trace, and properties on random data."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from arrpy import _arrpy
from conftest import ALL_DTYPES, LARGE, NUMPY_MODE, TIERS, layouts, owned_copy, sample, to_numpy
from test_reduce_trace import CAPS, KIND, LAYOUTS, check_value

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions")

# name: whether `axis` may be a tuple
NAMES = {"nanprod": True, "nanvar": True, "nanstd": True, "nanargmin": False,
         "nanargmax": False, "nancumsum": False, "nancumprod": False}
EXACT = {"nanargmin", "nanargmax", "nancumsum", "nancumprod"}


def with_nans(dtype, shape, seed=0, every=3):
    """Sample data of `shape` with NaN in every `every`-th element (float and complex only)."""
    x = sample(dtype, int(np.prod(shape)), seed=seed, small=True).reshape(shape)
    if x.dtype.kind in "fc":
        x.reshape(-1)[::every] = np.nan
    return x


def outcome(module, name, x, **kw):
    """(result or exception type, whether a RuntimeWarning was raised)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = getattr(module, name)(x, **kw)
        except Exception as e:  # compared by type below
            result = e
    return result, any(issubclass(w.category, RuntimeWarning) for w in caught)


def assert_matches(name, got, want, dtype):
    (result, warned), (expected, np_warned) = got, want
    if isinstance(expected, Exception):
        assert isinstance(result, Exception), (name, result)
        assert isinstance(result, ValueError) == isinstance(expected, ValueError), (result, expected)
        assert isinstance(result, TypeError) == isinstance(expected, TypeError), (result, expected)
        return
    assert not isinstance(result, Exception), (name, result)
    expected = np.asarray(expected)
    assert result.dtype == expected.dtype.name and result.shape == expected.shape, (
        name, result.dtype, expected.dtype, result.shape, expected.shape)
    got_values = to_numpy(result)
    if name in EXACT or expected.dtype.kind in "biu":
        np.testing.assert_array_equal(got_values, expected)
    else:
        rtol = 1e-5 if np.dtype(dtype).char in "fF" or expected.dtype.char in "fF" else 1e-12
        np.testing.assert_allclose(got_values, expected, rtol=rtol, atol=rtol, equal_nan=True)
    assert warned == np_warned, (name, "RuntimeWarning", warned, np_warned)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("name", NAMES)
def test_matches_numpy_on_every_layout(name, dtype):
    base = with_nans(dtype, (4, 6))
    for layout, nview, aview in layouts(base):
        axes = [None, 0, -1] + ([(0, 1)] if NAMES[name] else [])
        if layout == "zero_d":
            # NumPy's nan-functions accept axis=0 on some 0-d inputs (nanprod, nancumsum, and
            # nanvar of floats) where its prod, cumsum and var raise AxisError; arrpy raises as
            # the plain functions do.
            axes = [None]
        for axis in axes:
            kw = {} if axis is None else {"axis": axis}
            want = outcome(np, name, nview, **kw)
            got = outcome(ap, name, aview, **kw)
            assert_matches(f"{name} {layout} axis={axis}", got, want, dtype)


@pytest.mark.parametrize("name", ["nanprod", "nanvar", "nanstd", "nanargmin", "nanargmax"])
def test_keepdims(name):
    x = with_nans("float64", (3, 4, 5))
    for axis in [None, 1, -1]:
        want = outcome(np, name, x, axis=axis, keepdims=True)
        got = outcome(ap, name, owned_copy(x), axis=axis, keepdims=True)
        assert_matches(f"{name} axis={axis}", got, want, "float64")


@pytest.mark.parametrize("ddof", [0, 1, 2.5, 4, 7])
@pytest.mark.parametrize("name", ["nanvar", "nanstd"])
def test_ddof_and_dof_warnings(name, ddof):
    """A slice with count - ddof <= 0 is NaN with NumPy's RuntimeWarning; others are exact."""
    x = np.array([[1.0, np.nan, 3.0, 4.0], [np.nan, np.nan, np.nan, np.nan], [2, 2, np.nan, 9]])
    for axis in [None, 0, 1]:
        want = outcome(np, name, x, axis=axis, ddof=ddof)
        got = outcome(ap, name, owned_copy(x), axis=axis, ddof=ddof)
        assert_matches(f"{name} ddof={ddof} axis={axis}", got, want, "float64")
    # The Array API's correction is ddof.
    np.testing.assert_allclose(to_numpy(ap.nanvar(owned_copy(x), axis=1, correction=1)[:1]),
                               np.nanvar(x[:1], axis=1, ddof=1))
    with pytest.raises(ValueError, match="ddof and correction"):
        ap.nanvar(owned_copy(x), ddof=1, correction=1)


@pytest.mark.parametrize("name,src,dtype", [
    ("nanprod", "int32", "float64"), ("nanprod", "float64", "float32"),
    ("nanprod", "float32", "complex128"), ("nancumsum", "float64", "float32"),
    ("nancumprod", "int8", "int16"), ("nancumsum", "complex64", "complex128"),
    ("nanvar", "float64", "float32"), ("nanstd", "float32", "float64"),
    ("nanvar", "complex64", "complex128"), ("nanvar", "int16", "float32"),
])
def test_dtype_argument(name, src, dtype):
    x = with_nans(src, (5, 4))
    for axis in [None, 0]:
        want = outcome(np, name, x, axis=axis, dtype=dtype)
        got = outcome(ap, name, owned_copy(x), axis=axis, dtype=dtype)
        # NumPy keeps the deviations in the input's dtype (float32 here and there).
        precision = src if np.dtype(src).char in "fF" else dtype
        assert_matches(f"{name} {src}->{dtype} axis={axis}", got, want, precision)


@pytest.mark.parametrize("name", ["nanargmin", "nanargmax"])
def test_all_nan_slices_raise_and_leave_inputs_and_out_alone(name):
    x = np.array([[1.0, np.nan], [np.nan, np.nan]])
    a = owned_copy(x)
    out = ap.full((2,), 7, dtype="int64")
    cases = [(x, a, {"axis": 0, "out": out}), (x, a, {"axis": 1}),
             (x[1], a[1], {}), (x[1:], a[1:], {"axis": -1, "keepdims": True})]
    for nx, ax, kw in cases:
        with pytest.raises(ValueError) as np_err:
            getattr(np, name)(nx, **{k: v for k, v in kw.items() if k != "out"})
        with pytest.raises(ValueError, match="All-NaN slice encountered") as err:
            getattr(ap, name)(ax, **kw)
        assert str(err.value) == str(np_err.value)
    np.testing.assert_array_equal(to_numpy(a), x)  # NaN not replaced in place
    assert out.tolist() == [7, 7]
    # A slice with a number is fine, and NaN never wins.
    assert getattr(ap, name)(a[:1], axis=1).tolist() == [0]
    with pytest.raises(ValueError, match="attempt to get"):
        getattr(ap, name)(ap.zeros((0,)))


def test_bad_arguments_raise_numpys_errors():
    a = owned_copy(with_nans("float64", (3, 4)))
    with pytest.raises(TypeError, match="tuple"):
        ap.nanargmin(a, axis=(0, 1))
    with pytest.raises(TypeError, match="tuple"):
        ap.nancumsum(a, axis=(0, 1))
    for name in NAMES:
        with pytest.raises(ap.AxisError):
            getattr(ap, name)(a, axis=2)
    with pytest.raises(ValueError, match="duplicate"):
        ap.nanvar(a, axis=(0, 0))
    with pytest.raises(ValueError, match="ddof must be a finite"):
        ap.nanstd(a, ddof=float("nan"))


def test_out_receives_the_result():
    x = with_nans("float64", (4, 5))
    out = ap.zeros((5,))
    r = ap.nanprod(owned_copy(x), axis=0, out=out)
    assert r is out
    np.testing.assert_allclose(to_numpy(out), np.nanprod(x, axis=0))
    out = ap.zeros((20,))
    ap.nancumsum(owned_copy(x), out=out)
    np.testing.assert_array_equal(to_numpy(out), np.nancumsum(x))


# ---- tiers: above the thresholds, the loop each tier ran read from the trace ----

def large(dtype):
    """LARGE values near 1 (products stay finite) with NaN spread through float data."""
    rng = np.random.default_rng(11)
    if dtype == "int64":
        return rng.integers(-3, 4, LARGE).astype(dtype)
    x = (1.0 + (rng.random(LARGE) - 0.5) * 1e-3).astype(dtype)
    x[::997] = np.nan
    return x


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", ["float64", "int64", "float32"])
@pytest.mark.parametrize("name", NAMES)
def test_each_tier_runs_the_loop_the_table_names(name, dtype, layout):
    row = CAPS[name]
    shape, axis = LAYOUTS[layout]
    x = large(dtype).reshape(shape)
    if name.startswith("nanarg") and axis is not None:
        x = x.copy()
        x[0] = 5  # no all-NaN slice when a row is reduced
    want = getattr(np, name)(x, axis=axis)
    a = ap.asarray(x)
    results = []
    for tier in TIERS:
        with ap.backend(tier):
            _arrpy._loop_trace(True)
            try:
                got = getattr(ap, name)(a, axis=axis)
            finally:
                runs = _arrpy._loop_trace(False)
        # As their plain forms: exact indices and running sums, products to ~n ulps.
        check_value("cumulative_sum" if name in EXACT else name.replace("nanprod", "prod"),
                    got, want, dtype)
        results.append(to_numpy(got).tobytes())
        assert list(runs[name]) == [dtype], (tier, runs)
        count = runs[name][dtype]
        calls = count["reference"] + count["vector"]
        assert calls >= 1, (tier, count)
        vector = tier != "reference" and KIND[np.dtype(dtype).kind] in row["vector"]
        assert count["vector"] == (calls if vector else 0), (tier, count, row)
        threads = tier == "parallel" and row["parallel"] == "native"
        assert count["threaded"] == (calls if threads else 0), (tier, count, row)
    assert results[0] == results[1] == results[2], f"{name}: the tiers differ"


def test_the_table_vectorizes_and_threads_the_nan_reductions():
    """The expectations above are not vacuous."""
    for name in NAMES:
        if name.startswith("nancum"):
            assert CAPS[name]["vector"] == [] and CAPS[name]["parallel"] != "native"
        else:
            assert "float" in CAPS[name]["vector"] and CAPS[name]["parallel"] == "native", name


# ---- properties ----

finite = st.floats(-1e3, 1e3, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(finite, st.just(float("nan"))), min_size=1, max_size=60),
       st.integers(1, 4), st.sampled_from(["nanvar", "nanstd", "nanprod", "nancumsum"]))
def test_nan_reductions_ignore_nan_like_numpy(values, rows, name):
    values = values[: len(values) // rows * rows] or values[:1]
    x = np.array(values).reshape(-1, rows if len(values) % rows == 0 else 1)
    for axis in [None, 0, 1]:
        want = outcome(np, name, x, axis=axis)
        got = outcome(ap, name, owned_copy(x), axis=axis)
        assert_matches(f"{name} axis={axis}", got, want, "float64")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(finite, st.just(float("nan"))), min_size=1, max_size=60))
def test_nanargmin_points_at_the_nanmin(values):
    x = np.array(values)
    if np.isnan(x).all():
        with pytest.raises(ValueError):
            ap.nanargmin(owned_copy(x))
        return
    i = int(ap.nanargmin(owned_copy(x)))
    assert i == np.nanargmin(x) and x[i] == np.nanmin(x)
