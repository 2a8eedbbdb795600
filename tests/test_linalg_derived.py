"""The functions numpy.linalg derives from the factorizations — vector_norm, matrix_norm, norm,
cond, matrix_rank, pinv, lstsq, tensorinv, tensorsolve — against NumPy: every ord and axis
form, float/complex/integer input, batches, views built from arrpy arrays, rank-deficient and
singular matrices, empty input and NumPy's errors; those built on the SVD, inv or solve at
each tier (the ``tier`` fixture: the reference tier's Jacobi SVD and textbook LU included). Tolerances scale with the dtype's epsilon
and the size (and with the condition number where a test says so)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from arrpy import linalg as la
from conftest import IGNORE_FP_WARNINGS
from conftest import NUMPY_MODE, normal_sample, owned_copy, to_numpy

pytestmark = [pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions"), IGNORE_FP_WARNINGS]

DTYPES = ["float32", "float64", "complex64", "complex128"]


def close(result, expected, rtol=None, scale=1.0):
    expected = np.asarray(expected)
    got = np.asarray(to_numpy(result) if isinstance(result, ap.ndarray) else result)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    if expected.dtype.kind in "fc":
        assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
        eps = np.finfo(expected.dtype).eps
        rtol = rtol if rtol is not None else 1000 * eps
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=rtol * scale)
    else:
        np.testing.assert_array_equal(got, expected)


VECTOR_ORDS = [None, 2, 1, 0, math.inf, -math.inf, 3, -1, 0.5]
MATRIX_ORDS = ["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf]


@pytest.mark.parametrize("dtype", DTYPES + ["int64"])
@pytest.mark.parametrize("ord", VECTOR_ORDS[1:])
def test_vector_norm(dtype, ord):
    x = normal_sample((3, 4, 5), "float64" if dtype == "int64" else dtype) * 4
    x = x.astype(dtype)
    base = owned_copy(x)
    for axis in [None, 0, -1, (0, 2), (1,)]:
        for keepdims in [False, True]:
            close(la.vector_norm(base, axis=axis, keepdims=keepdims, ord=ord),
                  np.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord))
    # a reversed, strided view of the arrpy array
    close(la.vector_norm(base[::-1, ::2], axis=1, ord=ord),
          np.linalg.vector_norm(x[::-1, ::2], axis=1, ord=ord))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("ord", MATRIX_ORDS)
def test_matrix_norm(tier, dtype, ord):
    x = normal_sample((2, 4, 3), dtype)
    base = owned_copy(x)
    for keepdims in [False, True]:
        close(la.matrix_norm(base, ord=ord, keepdims=keepdims),
              np.linalg.matrix_norm(x, ord=ord, keepdims=keepdims))
    close(la.matrix_norm(base.mT[:, ::-1], ord=ord), np.linalg.matrix_norm(x.mT[:, ::-1], ord=ord))


@pytest.mark.parametrize("ord, axis", [
    (None, None), (None, 0), (None, (1, 0)), (2, 1), (1, (0, 1)), ("fro", (0, 1)),
    ("nuc", (1, 0)), (-2, (0, 1)), (math.inf, None), (math.inf, 1), (-1, (0, 1)), (0, 0),
])
@pytest.mark.parametrize("dtype", ["float64", "complex64", "int32"])
def test_norm_matches_numpy(ord, axis, dtype):
    x = (normal_sample((4, 5), "float64" if dtype == "int32" else dtype) * 5).astype(dtype)
    for keepdims in [False, True]:
        close(la.norm(owned_copy(x), ord=ord, axis=axis, keepdims=keepdims),
              np.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims))
    x3 = normal_sample((2, 3, 4), "float64")
    close(la.norm(owned_copy(x3)), np.linalg.norm(x3))
    close(la.norm(owned_copy(x3), axis=(2, 0), ord="nuc"), np.linalg.norm(x3, axis=(2, 0), ord="nuc"))


def test_norm_errors():
    x = ap.ones((2, 3, 4))
    with pytest.raises(ValueError, match="Improper number of dimensions"):
        la.norm(x, ord=2)
    with pytest.raises(ValueError, match="Invalid norm order 'fro' for vectors"):
        la.norm(ap.ones(3), ord="fro")
    with pytest.raises(ValueError, match="Invalid norm order"):
        la.norm(ap.ones((2, 2)), ord=3)
    with pytest.raises(ValueError, match="Duplicate axes"):
        la.norm(x, axis=(1, -2))
    with pytest.raises(ValueError, match="at least 2-dimensional"):
        la.matrix_norm(ap.ones(3))
    with pytest.raises(ap.AxisError):
        la.norm(x, axis=3)


@pytest.mark.parametrize("p", [None, 2, -2, 1, -1, math.inf, -math.inf, "fro", "nuc"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_cond(tier, p, dtype):
    x = normal_sample((3, 4, 4), dtype, seed=2) + 3 * np.eye(4, dtype=dtype)
    close(la.cond(owned_copy(x), p), np.linalg.cond(x, p), rtol=2000 * np.finfo(dtype).eps)


def test_cond_of_singular_and_empty():
    s = np.array([[[1.0, 2.0], [2.0, 4.0]], [[2.0, 0.0], [0.0, 1.0]]])
    got = to_numpy(la.cond(ap.asarray(s), 1))
    assert got[0] == np.inf and got[1] == np.linalg.cond(s[1], 1)
    assert float(la.cond(ap.asarray(s[0]), 1)) == np.inf
    assert float(la.cond(ap.asarray(s[0]))) > 1e15
    with pytest.raises(la.LinAlgError, match="empty"):
        la.cond(ap.ones((0, 0)))


@pytest.mark.parametrize("dtype", DTYPES)
def test_matrix_rank(tier, dtype):
    # rank 2 of 4×5, rank 4 of 4×4, rank 0
    low = (normal_sample((4, 2), dtype) @ normal_sample((2, 5), dtype, 1)).astype(dtype)
    full = normal_sample((4, 4), dtype, 2)
    for x in [low, full, np.zeros((3, 3), dtype), np.stack([low[:, :4], full])]:
        assert np.array_equal(to_numpy(ap.asarray(la.matrix_rank(owned_copy(x)))),
                              np.linalg.matrix_rank(x))
    assert la.matrix_rank(ap.asarray(full), tol=1e3) == np.linalg.matrix_rank(full, tol=1e3)
    assert la.matrix_rank(ap.asarray(full), rtol=0.99) == np.linalg.matrix_rank(full, rtol=0.99)
    assert la.matrix_rank(ap.ones(4)) == 1 and la.matrix_rank(ap.zeros(4)) == 0
    h = full @ full.conj().T
    assert la.matrix_rank(ap.asarray(h), hermitian=True) == 4
    with pytest.raises(ValueError, match="both set"):
        la.matrix_rank(ap.asarray(full), tol=1, rtol=1)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (2, 4, 4), (0, 3), (3, 0)])
def test_pinv(tier, dtype, shape):
    x = normal_sample(shape, dtype, 3)
    tol = 1000 * np.finfo(dtype).eps
    close(la.pinv(owned_copy(x)), np.linalg.pinv(x), rtol=tol, scale=10)
    close(la.pinv(owned_copy(x), rtol=None), np.linalg.pinv(x, rtol=None), rtol=tol, scale=10)


def test_pinv_rank_deficient_rcond_and_hermitian():
    low = normal_sample((5, 2), "float64") @ normal_sample((2, 4), "float64", 1)
    close(la.pinv(ap.asarray(low)), np.linalg.pinv(low), rtol=1e-9, scale=1)
    close(la.pinv(ap.asarray(low), rcond=0.5), np.linalg.pinv(low, rcond=0.5), rtol=1e-9)
    h = low @ low.T
    close(la.pinv(ap.asarray(h), hermitian=True), np.linalg.pinv(h, hermitian=True), rtol=1e-8,
          scale=1)
    with pytest.raises(ValueError, match="both set"):
        la.pinv(ap.asarray(h), rcond=0.1, rtol=0.1)


@pytest.mark.parametrize("dtype", DTYPES + ["int64"])
@pytest.mark.parametrize("a_shape, b_shape", [
    ((6, 3), (6,)), ((6, 3), (6, 2)), ((3, 6), (3,)), ((4, 4), (4, 3)), ((0, 3), (0,)),
    ((3, 0), (3, 2)), ((5, 3), (5, 0)),
])
def test_lstsq(tier, dtype, a_shape, b_shape):
    real = "float64" if dtype == "int64" else dtype
    a = (normal_sample(a_shape, real, 1) * 4).astype(dtype)
    b = (normal_sample(b_shape, real, 2) * 4).astype(dtype)
    x, res, rank, s = la.lstsq(owned_copy(a), owned_copy(b))
    ex, eres, erank, es = np.linalg.lstsq(a, b)
    tol = 1e4 * np.finfo(real).eps
    close(x, ex, rtol=tol, scale=1)
    close(res, eres, rtol=tol, scale=10)
    assert rank == erank
    close(s, es, rtol=tol, scale=1)


def test_lstsq_rank_deficient_and_errors():
    a = normal_sample((6, 2), "float64") @ normal_sample((2, 4), "float64", 1)
    b = normal_sample((6,), "float64", 2)
    x, res, rank, s = la.lstsq(ap.asarray(a), ap.asarray(b))
    ex, eres, erank, es = np.linalg.lstsq(a, b)
    assert rank == erank == 2 and to_numpy(res).size == 0
    close(x, ex, rtol=1e-9, scale=1)
    with pytest.raises(la.LinAlgError, match="Incompatible dimensions"):
        la.lstsq(ap.ones((3, 2)), ap.ones(4))


def test_tensorinv_and_tensorsolve():
    # 24 by 24 as a matrix, made well conditioned
    a = (normal_sample((24, 24), "float64") + 10 * np.eye(24)).reshape(4, 6, 8, 3)
    close(la.tensorinv(ap.asarray(a), ind=2), np.linalg.tensorinv(a, ind=2), rtol=1e-10)
    b = normal_sample((4, 6), "float64", 1)
    close(la.tensorsolve(ap.asarray(a), ap.asarray(b)), np.linalg.tensorsolve(a, b), rtol=1e-10)
    a2 = np.moveaxis(a, 0, 3)
    b2 = normal_sample((8, 3), "float64", 2)
    close(la.tensorsolve(owned_copy(a2), ap.asarray(b2), axes=(0,)),
          np.linalg.tensorsolve(a2, b2, axes=(0,)), rtol=1e-10)
    with pytest.raises(ValueError, match="Invalid ind"):
        la.tensorinv(ap.asarray(a), ind=0)
    with pytest.raises(la.LinAlgError):
        la.tensorsolve(ap.ones((2, 3, 4)), ap.ones((2, 3)))


@settings(max_examples=30, deadline=None)
@given(m=st.integers(1, 6), n=st.integers(1, 6), k=st.integers(1, 3), seed=st.integers(0, 999))
def test_pinv_and_lstsq_on_random_shapes(m, n, k, seed):
    a = normal_sample((m, n), "float64", seed)
    b = normal_sample((m, k), "float64", seed + 1)
    close(la.pinv(ap.asarray(a)), np.linalg.pinv(a), rtol=1e-9, scale=10)
    x, _, rank, _ = la.lstsq(ap.asarray(a), ap.asarray(b))
    ex, _, erank, _ = np.linalg.lstsq(a, b)
    assert rank == erank
    close(x, ex, rtol=1e-8, scale=10)
