"""det, slogdet, inv, solve and cholesky (arrpy.linalg) against NumPy: the four float and complex
dtypes and integer/bool input (computed in float64), stacks with broadcast batches, views built
from arrpy arrays (F-ordered, strided, reversed, broadcast), empty and 1x1 matrices, singular
and non-positive-definite input (LinAlgError, inputs untouched), ill-conditioned systems by
their residual, all three tiers with the kernel trace showing the loop that ran (the textbook
loop at the reference tier, faer on threads at the parallel one), and hypothesis shapes.
Tolerances are a small multiple of the dtype's epsilon times the matrix size (the test
matrices are well conditioned unless a test says otherwise)."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from arrpy import linalg as la
from conftest import (
    COMPLEX_DTYPES, FLOAT_DTYPES, INT_DTYPES, NUMPY_MODE, TIERS, broadcast_view, normal_sample,
    owned_copy, to_numpy, traced,
)

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions")

INEXACT = FLOAT_DTYPES + COMPLEX_DTYPES


def well_conditioned(shape, dtype, seed=0):
    """Random square matrices plus n on the diagonal: condition numbers of a few units."""
    return (normal_sample(shape, dtype, seed) + shape[-1] * np.eye(shape[-1])).astype(dtype)


def positive_definite(shape, dtype, seed=0):
    x = well_conditioned(shape, dtype, seed)
    return (x @ np.conj(np.swapaxes(x, -1, -2)) + np.eye(shape[-1])).astype(dtype)


def rtol(dtype, n):
    return 64 * max(n, 1) * np.finfo(np.dtype(dtype)).eps


def assert_close(result, expected, dtype, n):
    expected = np.asarray(expected)
    if expected.dtype.kind in "fc":  # the tolerance of what was computed (mixed inputs promote)
        dtype = expected.dtype
    assert isinstance(result, ap.ndarray), type(result)
    assert result.dtype == expected.dtype.name, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    got = to_numpy(result)
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1.0)
    np.testing.assert_allclose(got, expected, rtol=rtol(dtype, n), atol=rtol(dtype, n) * scale)


# Views of an arrpy base, taken alike of its NumPy twin: name -> (base shape for n×n matrices,
# the view). The base is filled so that the view holds the test matrices.
LAYOUTS = {
    "contiguous": (lambda n: (2, n, n), lambda x: x),
    "fortran": (lambda n: (2, n, n), lambda x: x.mT),
    "strided": (lambda n: (2, 2 * n, 3 * n), lambda x: x[:, ::2, ::3]),
    "negative": (lambda n: (2, n, n), lambda x: x[::-1, ::-1, ::-1]),
    "broadcast": (lambda n: (n, n), lambda x: broadcast_view(x[::-1], (3,) + x.shape)),
}


def layout_pair(name, n, dtype, make=well_conditioned, seed=0):
    base_shape, view = LAYOUTS[name]
    nbase = normal_sample(base_shape(n), dtype, seed + 1)
    if name == "broadcast":
        nbase[::-1] = make((n, n), dtype, seed)
    else:
        view(nbase)[...] = make((2, n, n), dtype, seed)
    abase = owned_copy(nbase)
    nview, aview = view(nbase), view(abase)
    assert aview.shape == nview.shape and aview.strides == nview.strides
    assert ap.shares_memory(aview, abase), "the view is of the arrpy base"
    return nview, aview


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("dtype", INEXACT)
def test_lu_family_matches_numpy_on_views(tier, layout, dtype):
    n = 5
    nview, aview = layout_pair(layout, n, dtype)
    rhs = normal_sample(nview.shape[:-1] + (3,), dtype, seed=9)
    with ap.backend(tier):
        assert_close(la.det(aview), np.linalg.det(nview), dtype, n)
        sign, logdet = la.slogdet(aview)
        esign, elogdet = np.linalg.slogdet(nview)
        assert_close(sign, esign, dtype, n)
        assert_close(logdet, elogdet, dtype, n)
        assert_close(la.inv(aview), np.linalg.inv(nview), dtype, n)
        assert_close(la.solve(aview, owned_copy(rhs)), np.linalg.solve(nview, rhs), dtype, n)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("dtype", INEXACT)
def test_cholesky_matches_numpy_on_views(tier, layout, dtype):
    n = 5
    nview, aview = layout_pair(layout, n, dtype, make=positive_definite)
    with ap.backend(tier):
        assert_close(la.cholesky(aview), np.linalg.cholesky(nview), dtype, n)
        assert_close(la.cholesky(aview, upper=True), np.linalg.cholesky(nview, upper=True),
                     dtype, n)


@pytest.mark.parametrize("dtype", INT_DTYPES + ["bool"])
def test_integer_and_bool_input_is_computed_in_float64(dtype):
    x = np.array([[3, 1, 0], [1, 2, 1], [0, 1, 4]]).astype(dtype)
    if dtype == "bool":
        x = np.array([[1, 0, 1], [1, 1, 0], [0, 1, 1]], dtype=bool)
    a = ap.asarray(x)
    assert_close(la.det(a), np.linalg.det(x), "float64", 3)
    assert_close(la.inv(a), np.linalg.inv(x), "float64", 3)
    assert_close(la.solve(a, ap.asarray(x)), np.linalg.solve(x, x), "float64", 3)
    if dtype != "bool" and dtype not in ("uint8", "uint16", "uint32", "uint64", "int8"):
        assert_close(la.cholesky(a), np.linalg.cholesky(x), "float64", 3)


def test_mixed_dtypes_promote_before_solving():
    a = well_conditioned((4, 4), "float32")
    for b in [normal_sample((4, 2), "complex64"), normal_sample((4,), "float64"),
              np.arange(4, dtype="int64")]:
        assert_close(la.solve(ap.asarray(a), ap.asarray(b)), np.linalg.solve(a, b), "float64", 4)


@pytest.mark.parametrize("a_shape, b_shape", [
    ((4, 4), (4,)), ((3, 4, 4), (4,)), ((4, 4), (4, 2)), ((3, 4, 4), (3, 4, 2)),
    ((2, 1, 4, 4), (3, 4, 1)), ((1, 4, 4), (5, 4, 3)), ((3, 4, 4), (3, 4)),
])
def test_solve_follows_numpy2_rule_for_b(a_shape, b_shape):
    """b is a vector only when 1-d; otherwise a stack of matrices whose batch broadcasts."""
    a = well_conditioned(a_shape, "float64", 1)
    b = normal_sample(b_shape, "float64", 2)
    try:
        expected = np.linalg.solve(a, b)
    except ValueError:
        with pytest.raises(ValueError):
            la.solve(ap.asarray(a), ap.asarray(b))
        return
    assert_close(la.solve(ap.asarray(a), ap.asarray(b)), expected, "float64", 4)


@pytest.mark.parametrize("dtype", INEXACT)
def test_empty_and_one_by_one(dtype):
    for shape in [(0, 0), (3, 0, 0), (0, 2, 2), (1, 1), (2, 1, 1)]:
        x = well_conditioned(shape, dtype) if shape[-1] else np.zeros(shape, dtype)
        a = ap.asarray(x)
        assert_close(la.det(a), np.linalg.det(x), dtype, 1)
        assert_close(la.inv(a), np.linalg.inv(x), dtype, 1)
        sign, logdet = la.slogdet(a)
        esign, elogdet = np.linalg.slogdet(x)
        assert_close(sign, esign, dtype, 1)
        assert_close(logdet, elogdet, dtype, 1)
        b = np.ones(shape[:-1] + (2,), dtype)
        assert_close(la.solve(a, ap.asarray(b)), np.linalg.solve(x, b), dtype, 1)
        assert_close(la.cholesky(ap.asarray(positive_definite(shape, dtype) if shape[-1] else x)),
                     np.linalg.cholesky(positive_definite(shape, dtype) if shape[-1] else x),
                     dtype, 1)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", INEXACT)
def test_singular_matrices(tier, dtype):
    x = np.array([[[1, 2, 3], [2, 4, 6], [1, 0, 1]], [[2, 0, 0], [0, 3, 0], [0, 0, 4]]], dtype)
    a = ap.asarray(x)
    b = ap.ones((2, 3, 1), dtype=dtype)
    with ap.backend(tier):
        assert_close(la.det(a), np.linalg.det(x), dtype, 3)
        assert to_numpy(la.det(a))[0] == 0
        sign, logdet = la.slogdet(a)
        assert to_numpy(sign)[0] == 0 and to_numpy(logdet)[0] == -np.inf
        assert_close(logdet[1:], np.linalg.slogdet(x)[1][1:], dtype, 3)
        for f in [lambda: la.inv(a), lambda: la.solve(a, b)]:
            with pytest.raises(la.LinAlgError, match="Singular matrix"):
                f()
    np.testing.assert_array_equal(to_numpy(a), x)
    assert issubclass(la.LinAlgError, ValueError)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", INEXACT)
def test_cholesky_reads_the_lower_triangle_and_refuses_indefinite(tier, dtype):
    x = positive_definite((4, 4), dtype, seed=3)
    garbage = x.copy()
    garbage[np.triu_indices(4, 1)] = 99  # NumPy and LAPACK read only the lower triangle
    with ap.backend(tier):
        assert_close(la.cholesky(ap.asarray(garbage)), np.linalg.cholesky(x), dtype, 4)
        for bad in [-x, np.diag([1.0, -1.0, 2.0, 3.0]).astype(dtype),
                    np.full((4, 4), np.nan, dtype)]:
            a = ap.asarray(bad)
            with pytest.raises(la.LinAlgError, match="not positive definite"):
                la.cholesky(a)
            np.testing.assert_array_equal(to_numpy(a), bad)


def test_shape_errors_name_the_shape():
    for f in [la.det, la.inv, la.cholesky, lambda a: la.slogdet(a)]:
        with pytest.raises(la.LinAlgError, match=r"square.*\(2, 3\)"):
            f(ap.ones((2, 3)))
        with pytest.raises(la.LinAlgError, match="1-dimensional array given"):
            f(ap.ones(3))
        with pytest.raises(la.LinAlgError, match="0-dimensional array given"):
            f(ap.asarray(1.0))
    with pytest.raises(ValueError, match=r"size 3 is different from 2.*\(2, 2\) and \(3,\)"):
        la.solve(ap.eye(2), ap.ones(3))
    with pytest.raises(ValueError, match="broadcast"):
        la.solve(ap.ones((2, 3, 3)), ap.ones((4, 3, 1)))


def test_ill_conditioned_solve_has_a_small_residual():
    """The Hilbert matrix of order 10 (condition ~1e13): x differs from NumPy's in most digits
    the condition number erases, but A·x − b stays at rounding level."""
    n = 10
    h = 1.0 / (np.arange(n)[:, None] + np.arange(n)[None, :] + 1)
    b = np.ones(n)
    for tier in TIERS:
        with ap.backend(tier):
            x = to_numpy(la.solve(ap.asarray(h), ap.asarray(b)))
        residual = np.linalg.norm(h @ x - b) / (np.linalg.norm(h) * np.linalg.norm(x))
        assert residual < 100 * n * np.finfo(float).eps, (tier, residual)


def test_slogdet_does_not_overflow_where_det_does():
    x = np.diag(np.full(100, 1e10))
    assert to_numpy(la.det(ap.asarray(x))) == np.inf
    sign, logdet = la.slogdet(ap.asarray(x))
    assert to_numpy(sign) == 1.0
    np.testing.assert_allclose(to_numpy(logdet), 100 * np.log(1e10), rtol=1e-14)


@pytest.mark.parametrize("tier", TIERS)
def test_tiers_run_their_loop(tier):
    """One large matrix (faer splits it on threads at the parallel tier), then many small ones
    (shared out whole); the reference tier runs the textbook loops."""
    big = ap.asarray(positive_definite((200, 200), "float64"))
    many = ap.asarray(well_conditioned((400, 12, 12), "float64"))
    cases = [("lu", lambda: la.solve(big, big)), ("lu", lambda: la.det(many)),
             ("cholesky", lambda: la.cholesky(big))]
    with ap.backend(tier):
        for name, f in cases:
            runs = traced(tier, f, name)[1]["float64"]
            assert runs == {"reference": int(tier == "reference"),
                            "vector": int(tier != "reference"),
                            "threaded": int(tier == "parallel")}, (name, runs)
    small = traced(tier, lambda: la.det(ap.asarray(well_conditioned((4, 4), "float64"))), "lu")
    assert small[1]["float64"]["threaded"] == 0


def test_reference_tier_agrees_with_the_fast_tiers_on_a_large_matrix():
    x = well_conditioned((200, 200), "complex128", seed=4)
    results = {}
    for tier in TIERS:
        with ap.backend(tier):
            results[tier] = to_numpy(la.inv(ap.asarray(x)))
    for tier in TIERS[1:]:
        np.testing.assert_allclose(results[tier], results["reference"], rtol=0, atol=1e-12)


def test_batch_error_is_the_first_singular_matrix_and_out_is_fresh():
    x = well_conditioned((64, 6, 6), "float64")
    x[40] = 0
    a = ap.asarray(x)
    with ap.backend("parallel"):
        with pytest.raises(la.LinAlgError):
            la.inv(a)
    np.testing.assert_array_equal(to_numpy(a), x)


@settings(max_examples=40, deadline=None)
@given(batch=st.lists(st.integers(0, 3), max_size=2), n=st.integers(0, 6),
       k=st.integers(0, 3), dtype=st.sampled_from(INEXACT), seed=st.integers(0, 2**16))
def test_solve_and_det_on_random_shapes(batch, n, k, dtype, seed):
    x = well_conditioned(tuple(batch) + (n, n), dtype, seed)
    b = normal_sample(tuple(batch) + (n, k), dtype, seed + 1)
    assert_close(la.solve(ap.asarray(x), ap.asarray(b)), np.linalg.solve(x, b), dtype, n)
    assert_close(la.det(ap.asarray(x)), np.linalg.det(x), dtype, n)
