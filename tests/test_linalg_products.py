"""matmul (`@`, `@=`), dot, vdot, inner, outer, tensordot, vecdot, kron and the arrpy.linalg
namespace against NumPy: every dtype, 1-d promotion, batch broadcasting, empty and 1x1
operands, views built from arrpy arrays (strided, negative-stride, F-ordered, broadcast), all
three tiers with the kernel trace showing which loop ran, `out=` and overlap, bad input (the
NumPy exception, a message naming the shapes, inputs and out untouched), and hypothesis
shapes. Float results are compared within a tolerance scaled by the dtype's epsilon and the
summed length; integer and bool results exactly."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from conftest import (
    ALL_DTYPES, COMPLEX_DTYPES, FLOAT_DTYPES, INT_DTYPES, NUMPY_MODE, TIERS, broadcast_view,
    owned_copy, sample, to_numpy, traced, view_pair,
)

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions")


def tolerance(expected, k, a, b):
    """Absolute tolerance of a product summed over ``k`` terms: a few rounding errors of the
    dtype per term, at the scale of the operands (0 for exact dtypes)."""
    expected = np.asarray(expected)
    if expected.dtype.kind not in "fc":
        return 0.0
    scale = max(float(np.max(np.abs(a), initial=1.0)), 1.0) * max(float(np.max(np.abs(b), initial=1.0)), 1.0)
    return 4 * np.finfo(expected.dtype).eps * max(k, 1) * scale


def assert_product(result, expected, k, a, b):
    """``result`` (arrpy) is NumPy's ``expected`` in dtype and shape, and in value within
    ``tolerance`` (exactly for integers and bool)."""
    expected = np.asarray(expected)
    assert isinstance(result, ap.ndarray), type(result)
    assert result.dtype == expected.dtype.name, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    got = to_numpy(result)
    tol = tolerance(expected, k, a, b)
    if tol:
        np.testing.assert_allclose(got, expected, rtol=0, atol=tol)
    else:
        np.testing.assert_array_equal(got, expected)


def pair(dtype, shape_a, shape_b, seed=0):
    na = sample(dtype, int(np.prod(shape_a)), seed=seed).reshape(shape_a)
    nb = sample(dtype, int(np.prod(shape_b)), seed=seed + 1).reshape(shape_b)
    own = lambda x: owned_copy(x) if x.ndim else ap.asarray(x)  # owned_copy makes 0-d 1-d
    return na, nb, own(na), own(nb)


SHAPES = [
    ((5, 7), (7, 3)),          # matrix @ matrix
    ((1, 1), (1, 1)),          # 1x1
    ((4,), (4,)),              # 1-d @ 1-d: 0-d
    ((4,), (4, 3)),            # 1-d @ 2-d
    ((3, 4), (4,)),            # 2-d @ 1-d
    ((4,), (2, 4, 3)),         # 1-d @ N-d
    ((2, 3, 4), (4,)),         # N-d @ 1-d
    ((2, 1, 4, 5), (3, 5, 2)), # batches broadcast
    ((6, 2, 3), (3, 4)),       # a stack times one matrix
    ((0, 3), (3, 4)),          # empty
    ((3, 0), (0, 4)),          # k = 0: zeros
    ((3, 4), (4, 0)),
    ((0,), (0,)),
    ((2, 0, 3), (3, 5)),
]


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape_a, shape_b", SHAPES)
def test_matmul_matches_numpy(dtype, shape_a, shape_b):
    na, nb, a, b = pair(dtype, shape_a, shape_b)
    k = shape_a[-1]
    assert_product(ap.matmul(a, b), np.matmul(na, nb), k, na, nb)
    assert_product(a @ b, na @ nb, k, na, nb)
    assert_product(ap.linalg.matmul(a, b), np.linalg.matmul(na, nb), k, na, nb)


@pytest.mark.parametrize("dtype_a", ALL_DTYPES)
@pytest.mark.parametrize("dtype_b", ["bool", "int8", "uint16", "int64", "float32", "complex64"])
def test_mixed_dtypes_promote_as_numpy(dtype_a, dtype_b):
    na = sample(dtype_a, 12, seed=1).reshape(3, 4)
    nb = sample(dtype_b, 8, seed=2).reshape(4, 2)
    assert_product(ap.matmul(owned_copy(na), owned_copy(nb)), np.matmul(na, nb), 4, na, nb)


def test_bool_matmul_is_or_of_ands():
    na = np.array([[True, False], [False, False]])
    nb = np.array([[True, True], [True, False]])
    r = ap.asarray(na) @ ap.asarray(nb)
    assert r.dtype == "bool" and r.tolist() == (na @ nb).tolist() == [[True, True], [False, False]]


# Views built from arrpy arrays exactly as from NumPy arrays (view_pair checks the strides).
VIEWS = {
    "contiguous": ((6, 5), lambda x: x),
    "strided": ((12, 10), lambda x: x[::2, ::2]),
    "negative": ((6, 10), lambda x: x[::-1, ::-2]),
    "fortran": ((5, 6), lambda x: x.T),
    "broadcast_row": ((5,), lambda x: broadcast_view(x[::-1], (6, 5))),
    "batched_transposed": ((2, 5, 6), lambda x: x.transpose(0, 2, 1)),
}
OTHER = {
    "contiguous": ((5, 4), lambda x: x),
    "negative_fortran": ((4, 10), lambda x: x[::-1, ::2].T),
    "broadcast_column": ((5,), lambda x: broadcast_view(x[:, None], (5, 4)) if isinstance(x, ap.ndarray) else np.broadcast_to(x[:, None], (5, 4))),
}


@pytest.mark.parametrize("dtype", ["bool", "int8", "int32", "uint64", "float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("left", sorted(VIEWS))
@pytest.mark.parametrize("right", sorted(OTHER))
def test_matmul_on_views(dtype, left, right):
    (shape_a, op_a), (shape_b, op_b) = VIEWS[left], OTHER[right]
    na, a = view_pair(sample(dtype, int(np.prod(shape_a)), seed=3).reshape(shape_a), op_a)
    nb, b = view_pair(sample(dtype, int(np.prod(shape_b)), seed=4).reshape(shape_b), op_b)
    assert_product(a @ b, na @ nb, 5, na, nb)
    # The transposes of both, as the other operand order.
    assert_product(b.mT @ a.mT, nb.mT @ na.mT, 5, na, nb)


def test_matmul_on_a_view_with_byte_strides_not_whole_elements():
    # A float64 view stepping 4 bytes at a time cannot be read as elements where it is.
    raw = np.arange(40, dtype=np.uint8)
    n = np.lib.stride_tricks.as_strided(raw.view(np.float64)[:1], shape=(3, 3), strides=(12, 4))
    a = ap.asarray(n)
    assert a.strides == (12, 4)
    b = ap.asarray(np.eye(3))
    np.testing.assert_array_equal(to_numpy(a @ b), n @ np.eye(3))


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_tiers_run_their_loops_and_agree(tier, dtype):
    """Above every threading threshold (160*200*160 multiply-adds): the reference tier runs
    the triple loop, the simd tier the library (or blocked loop) on one thread, the parallel
    tier on threads; each matches NumPy and the reference tier."""
    na, nb, a, b = pair(dtype, (160, 200), (200, 160), seed=5)
    with ap.backend("reference"):
        reference = a[::-1] @ b
    r, runs = traced(tier, lambda: a[::-1] @ b)
    counts = runs[dtype]
    assert counts["vector"] == (0 if tier == "reference" else 1), counts
    assert counts["reference"] == (1 if tier == "reference" else 0), counts
    threaded = tier == "parallel" and ap.get_num_threads() > 1
    assert counts["threaded"] == int(threaded), counts
    assert_product(r, na[::-1] @ nb, 200, na, nb)
    assert_product(r, to_numpy(reference), 200, na, nb)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matrix_vector_at_each_tier(tier, dtype):
    """Matrix times vector, C-ordered and strided, each tier's loop: 700×500 elements pass
    gemv's threading threshold, so the parallel tier shares the rows out; a reversed vector
    takes gemv's contiguous copy of x."""
    na, nb, a, b = pair(dtype, (700, 500), (500,), seed=21)
    r, runs = traced(tier, lambda: a @ b)
    assert runs[dtype]["vector"] == int(tier != "reference")
    assert runs[dtype]["threaded"] == int(tier == "parallel" and ap.get_num_threads() > 1), runs
    assert_product(r, na @ nb, 500, na, nb)
    assert_product(a[::2] @ b[::-1], na[::2] @ nb[::-1], 500, na, nb)
    # Every other call walks the rows from the end, in blocks of 32 (700 = 21·32 + 28): the
    # same sums, bit for bit, whichever way a call went.
    with ap.backend(tier):
        again = [to_numpy(a @ b) for _ in range(3)]
    for x in again:
        np.testing.assert_array_equal(x, to_numpy(r))


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["int16", "float64", "complex64"])
def test_batched_small_products_at_each_tier(tier, dtype):
    na, nb, a, b = pair(dtype, (1000, 8, 8), (1000, 8, 8), seed=6)
    r, runs = traced(tier, lambda: a @ b)
    assert runs[dtype]["threaded"] == int(tier == "parallel" and ap.get_num_threads() > 1)
    assert_product(r, na @ nb, 8, na, nb)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("shapes", [((128, 128), (128, 128)), ((30, 200), (200, 300))])
def test_mid_size_products_split_c_across_threads(shapes, dtype):
    """Between 2**20 and 2**22 multiply-adds the parallel tier splits C itself: by rows where
    C is taller than wide, by columns otherwise, one sequential product per thread. On reversed
    and strided views of arrpy arrays, each block matches NumPy and the one-thread result."""
    sa, sb = shapes
    na, nb, a, b = pair(dtype, (sa[0] * 2, sa[1]), (sb[0], sb[1] * 2), seed=3)
    av, bv = a[::-2], b[:, ::-2]
    with ap.backend("simd"):
        one_thread = av @ bv
    r, runs = traced("parallel", lambda: av @ bv)
    assert runs[dtype]["threaded"] == int(ap.get_num_threads() > 1), runs
    assert_product(r, na[::-2] @ nb[:, ::-2], sa[1], na, nb)
    assert_product(r, to_numpy(one_thread), sa[1], na, nb)


def test_small_products_stay_on_one_thread():
    for n in [4, 64]:  # 64**3 is above 2**18 multiply-adds: faer still declines threads
        _, runs = traced("parallel", lambda: ap.ones((n, n)) @ ap.ones((n, n)))
        assert runs["float64"]["threaded"] == 0, n


def test_rmatmul_and_lists():
    na = sample("float64", 6).reshape(2, 3)
    a = owned_copy(na)
    nested = [[1.0, 2.0], [3.0, 4.0]]
    np.testing.assert_array_equal(to_numpy(nested @ a), np.asarray(nested) @ na)
    np.testing.assert_array_equal(to_numpy(a.T @ nested), na.T @ np.asarray(nested))


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex128"])
def test_inplace_matmul_reads_the_old_values(dtype):
    na, nb, a, b = pair(dtype, (5, 5), (5, 5), seed=7)
    view = a
    a @= b
    assert a is view
    assert_product(a, na @ nb, 5, na, nb)
    # The operand is the result itself: b @= b.
    b @= b
    assert_product(b, nb @ nb, 5, nb, nb)


def test_inplace_matmul_errors_as_numpy():
    a = ap.ones((3, 3))
    before = to_numpy(a)
    with pytest.raises(ValueError, match="inplace matrix multiplication requires"):
        a @= ap.ones(3)
    with pytest.raises(ValueError, match=r"Output operand 0 has a mismatch in its core dimension 1.*size 3 is different from 4"):
        a @= ap.ones((3, 4))
    i = ap.ones((3, 3), dtype="int64")
    with pytest.raises(TypeError, match="Cannot cast ufunc 'matmul' output from dtype\\('float64'\\) to dtype\\('int64'\\)"):
        i @= a
    np.testing.assert_array_equal(to_numpy(a), before)
    assert to_numpy(i).tolist() == np.ones((3, 3), dtype=np.int64).tolist()


def test_matmul_out():
    na, nb, a, b = pair("float64", (2, 3, 4), (4, 5), seed=8)
    out = ap.zeros((2, 3, 5))
    assert ap.matmul(a, b, out=out) is out
    assert_product(out, na @ nb, 4, na, nb)
    # Cast into an out of another kind that same_kind allows.
    out_c = ap.zeros((2, 3, 5), dtype="complex128")
    ap.matmul(a, b, out=out_c)
    assert_product(out_c, (na @ nb).astype(np.complex128), 4, na, nb)
    # A strided out.
    big = ap.zeros((2, 6, 5))
    ap.matmul(a, b, out=big[:, ::2])
    assert_product(big[:, ::2], na @ nb, 4, na, nb)


def test_matmul_out_overlapping_an_operand():
    na = sample("float64", 36, seed=9).reshape(6, 6)
    a = owned_copy(na)
    ap.matmul(a, a.T, out=a)
    assert_product(a, na @ na.T, 6, na, na)
    # out is a shifted view of the operand's memory.
    nb = sample("float64", 42, seed=10).reshape(7, 6)
    b = owned_copy(nb)
    ap.matmul(b[:6], ap.eye(6) * 2.0, out=b[1:])
    expected = nb.copy()
    expected[1:] = nb[:6] @ (np.eye(6) * 2.0)
    np.testing.assert_array_equal(to_numpy(b), expected)


@pytest.mark.parametrize("out_shape, message", [
    ((2, 5), "Output operand 0 has a mismatch in its core dimension 1, with gufunc signature \\(n\\?,k\\),\\(k,m\\?\\)->\\(n\\?,m\\?\\) \\(size 5 is different from 4\\)"),
    ((4,), "Output operand 0 does not have enough dimensions \\(has 1, gufunc core with signature .* requires 2\\)"),
    # NumPy broadcasts the inputs to an out with more batch dimensions; arrpy's out= must have
    # the result's shape (as for its elementwise functions).
    ((3, 2, 4), "non-broadcastable output operand with shape \\(3, 2, 4\\) doesn't match the broadcast shape \\(2, 4\\)"),
])
def test_matmul_out_of_the_wrong_shape(out_shape, message):
    a, b = ap.ones((2, 3)), ap.ones((3, 4))
    out = ap.full(out_shape, 7.0)
    with pytest.raises(ValueError, match=message):
        ap.matmul(a, b, out=out)
    assert set(to_numpy(out).ravel().tolist()) == {7.0}
    if len(out_shape) <= 2:
        with pytest.raises(ValueError):
            np.matmul(np.ones((2, 3)), np.ones((3, 4)), out=np.full(out_shape, 7.0))


def test_matmul_out_of_the_wrong_dtype_and_readonly():
    a, b = ap.ones((2, 3)), ap.ones((3, 4))
    out = ap.zeros((2, 4), dtype="int64")
    with pytest.raises(TypeError, match="Cannot cast ufunc 'matmul' output"):
        ap.matmul(a, b, out=out)
    assert to_numpy(out).tolist() == [[0] * 4] * 2
    with pytest.raises(ValueError, match="read-only"):
        ap.matmul(a, b, out=broadcast_view(ap.zeros(4), (2, 4)))


@pytest.mark.parametrize("shape_a, shape_b, message", [
    ((2, 4), (3, 5), r"matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(n\?,k\),\(k,m\?\)->\(n\?,m\?\) \(size 3 is different from 4\)"),
    ((4,), (3,), r"core dimension 0.*size 3 is different from 4"),
    ((2, 2, 3), (3, 3, 4), r"could not be broadcast together with shapes \(2, 2, 3\) \(3, 3, 4\)"),
    ((), (3,), r"matmul: Input operand 0 does not have enough dimensions \(has 0"),
    ((3,), (), r"matmul: Input operand 1 does not have enough dimensions \(has 0"),
])
def test_matmul_bad_shapes(shape_a, shape_b, message):
    na, nb = np.ones(shape_a), np.ones(shape_b)
    with pytest.raises(ValueError):
        np.matmul(na, nb)
    a, b = ap.asarray(na), ap.asarray(nb)
    with pytest.raises(ValueError, match=message):
        ap.matmul(a, b)
    with pytest.raises(ValueError, match=message):
        a @ b
    assert to_numpy(a).tolist() == na.tolist() and to_numpy(b).tolist() == nb.tolist()


def test_matmul_with_a_python_scalar_is_a_value_error():
    with pytest.raises(ValueError, match="does not have enough dimensions"):
        ap.ones(3) @ 2.0
    with pytest.raises(ValueError, match="does not have enough dimensions"):
        2.0 @ ap.ones(3)


# ---- dot, vdot, inner, outer, tensordot, vecdot, kron ----

@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "uint32", "float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("shape_a, shape_b", [
    ((4,), (4,)), ((3, 4), (4,)), ((4,), (4, 2)), ((3, 4), (4, 2)), ((2, 3, 4), (5, 4, 6)),
    ((2, 3, 4), (4,)), ((0, 3), (3, 2)), ((3, 0), (0, 2)), ((), (2, 3)), ((2, 3), ()),
])
def test_dot_and_inner(dtype, shape_a, shape_b):
    na, nb, a, b = pair(dtype, shape_a, shape_b, seed=11)
    k = shape_a[-1] if shape_a else 1
    assert_product(ap.dot(a, b), np.dot(na, nb), k, na, nb)
    # inner sums over both last axes: b's last two swapped.
    shape_bi = shape_b[:-2] + shape_b[-1:] + shape_b[-2:-1] if len(shape_b) >= 2 else shape_b
    _, nbi, _, bi = pair(dtype, shape_a, shape_bi, seed=12)
    assert_product(ap.inner(a, bi), np.inner(na, nbi), k, na, nbi)


def test_dot_errors_and_out():
    with pytest.raises(ValueError, match=r"shapes \(2, 3\) and \(4, 5\) not aligned: 3 \(dim 1\) != 4 \(dim 0\)"):
        ap.dot(ap.ones((2, 3)), ap.ones((4, 5)))
    with pytest.raises(ValueError, match=r"not aligned: 3 \(dim 1\) != 4 \(dim 1\)"):
        ap.inner(ap.ones((2, 3)), ap.ones((2, 4)))
    na, nb, a, b = pair("float64", (3, 4), (4, 2), seed=13)
    out = ap.zeros((3, 2))
    assert ap.dot(a, b, out=out) is out
    assert_product(out, na @ nb, 4, na, nb)
    for bad in [ap.zeros((3, 2), dtype="float32"), ap.zeros((2, 3)).T, ap.zeros((3, 3))]:
        before = to_numpy(bad)
        with pytest.raises(ValueError, match="output array is not acceptable"):
            ap.dot(a, b, out=bad)
        np.testing.assert_array_equal(to_numpy(bad), before)


@pytest.mark.parametrize("dtype", ["int16", "float64", "complex64", "complex128"])
def test_vdot_flattens_and_conjugates_the_first(dtype):
    na, nb, a, b = pair(dtype, (2, 3), (3, 2), seed=14)
    assert_product(ap.vdot(a, b), np.vdot(na, nb), 6, na, nb)
    assert_product(ap.vdot(a.T, b[::-1]), np.vdot(na.T, nb[::-1]), 6, na, nb)
    with pytest.raises(ValueError, match="6 and 4 elements"):
        ap.vdot(a, ap.ones(4, dtype=dtype))


@pytest.mark.parametrize("dtype", ["bool", "uint8", "float32", "complex128"])
def test_outer(dtype):
    na, nb, a, b = pair(dtype, (2, 3), (4,), seed=15)
    assert_product(ap.outer(a, b), np.outer(na, nb), 1, na, nb)
    assert_product(ap.outer(a[::-1, ::2], b), np.outer(na[::-1, ::2], nb), 1, na, nb)
    out = ap.zeros((6, 4), dtype=dtype)
    assert ap.outer(a, b, out=out) is out
    assert_product(out, np.outer(na, nb), 1, na, nb)
    assert_product(ap.linalg.outer(a[0], b), np.linalg.outer(na[0], nb), 1, na, nb)
    with pytest.raises(ValueError, match=r"Input arrays must be one-dimensional, but they are x1.ndim=2 and x2.ndim=1."):
        ap.linalg.outer(a, b)


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex64"])
@pytest.mark.parametrize("shape_a, shape_b, axes", [
    ((2, 3, 4), (3, 4, 5), 2), ((2, 3), (3, 4), 1), ((2, 3), (4, 5), 0), ((3, 4), (3, 4), 2),
    ((2, 3, 4), (4, 3, 5), ([1, 2], [1, 0])), ((2, 3, 4), (4, 5), (-1, 0)),
    ((2, 0, 4), (0, 4, 3), ([1, 2], [0, 1])),
])
def test_tensordot(dtype, shape_a, shape_b, axes):
    na, nb, a, b = pair(dtype, shape_a, shape_b, seed=16)
    k = 24
    assert_product(ap.tensordot(a, b, axes), np.tensordot(na, nb, axes), k, na, nb)
    if axes == 2:
        assert_product(ap.tensordot(a, b), np.tensordot(na, nb), k, na, nb)
    assert_product(ap.linalg.tensordot(a, b, axes=axes), np.linalg.tensordot(na, nb, axes=axes), k, na, nb)


def test_tensordot_errors():
    with pytest.raises(ValueError, match="shape-mismatch for sum"):
        ap.tensordot(ap.ones((2, 3)), ap.ones((4, 5)), 1)
    with pytest.raises(ValueError, match="shape-mismatch for sum"):
        ap.tensordot(ap.ones((2, 3)), ap.ones((3, 5)), ([0, 1], [0]))
    with pytest.raises(ValueError, match="non-negative"):
        ap.tensordot(ap.ones((2, 3)), ap.ones((3, 5)), -1)
    with pytest.raises(ValueError, match="needs 3 axes"):
        ap.tensordot(ap.ones((2, 3)), ap.ones((3, 5)), 3)
    with pytest.raises(TypeError):
        ap.tensordot(ap.ones((2, 3)), ap.ones((3, 5)), "x")


@pytest.mark.parametrize("dtype", ["int8", "float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("shape_a, shape_b, axis", [
    ((5,), (5,), -1), ((3, 5), (5,), -1), ((2, 1, 5), (3, 5), -1), ((5, 3), (5, 3), 0),
    ((4, 5, 3), (5, 3), -2), ((0, 5), (5,), -1),
])
def test_vecdot(dtype, shape_a, shape_b, axis):
    na, nb, a, b = pair(dtype, shape_a, shape_b, seed=17)
    assert_product(ap.vecdot(a, b, axis=axis), np.vecdot(na, nb, axis=axis), 5, na, nb)
    assert_product(ap.linalg.vecdot(a, b, axis=axis), np.linalg.vecdot(na, nb, axis=axis), 5, na, nb)


def test_vecdot_errors():
    with pytest.raises(ValueError, match=r"vecdot: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(n\),\(n\)->\(\) \(size 4 is different from 3\)"):
        ap.vecdot(ap.ones(3), ap.ones(4))
    with pytest.raises(ValueError, match="does not have enough dimensions"):
        ap.vecdot(ap.ones(()), ap.ones(4))


@pytest.mark.parametrize("dtype", ["bool", "int16", "float64", "complex64"])
@pytest.mark.parametrize("shape_a, shape_b", [
    ((2, 2), (3, 3)), ((2,), (3, 4)), ((2, 3, 1), (2, 2)), ((), (3,)), ((0, 2), (2, 3)), ((3,), ()),
])
def test_kron(dtype, shape_a, shape_b):
    na, nb, a, b = pair(dtype, shape_a, shape_b, seed=18)
    assert_product(ap.kron(a, b), np.kron(na, nb), 1, na, nb)


# ---- the linalg namespace ----

def test_linalg_namespace():
    assert issubclass(ap.linalg.LinAlgError, ValueError)
    assert ap.linalg.matrix_transpose is ap.matrix_transpose
    for name in ["matmul", "vecdot", "tensordot", "outer", "matrix_transpose", "diagonal", "trace"]:
        assert callable(getattr(ap.linalg, name)), name
    n = sample("float64", 2 * 3 * 3, seed=19).reshape(2, 3, 3)
    a = owned_copy(n)
    np.testing.assert_array_equal(to_numpy(ap.linalg.diagonal(a, offset=1)), np.linalg.diagonal(n, offset=1))
    np.testing.assert_array_equal(to_numpy(ap.linalg.trace(a)), np.linalg.trace(n))
    np.testing.assert_array_equal(to_numpy(ap.linalg.matrix_transpose(a)), np.linalg.matrix_transpose(n))


# ---- hypothesis: shapes ----

@st.composite
def matmul_shapes(draw):
    n, k, m = (draw(st.integers(0, 5)) for _ in range(3))
    batch = draw(st.lists(st.integers(0, 3), max_size=2))
    drop = lambda shape: [1 if draw(st.booleans()) else d for d in shape]
    shape_a = drop(batch) + [n, k] if draw(st.booleans()) else [k]
    shape_b = drop(batch)[len(batch) - draw(st.integers(0, len(batch))):] + [k, m] if draw(st.booleans()) else [k]
    return tuple(shape_a), tuple(shape_b)


@settings(max_examples=80, deadline=None)
@given(shapes=matmul_shapes(), dtype=st.sampled_from(["int64", "float64", "complex64", "bool"]), flip=st.booleans())
def test_matmul_shapes_hypothesis(shapes, dtype, flip):
    shape_a, shape_b = shapes
    na, nb, a, b = pair(dtype, shape_a, shape_b, seed=20)
    if flip:  # the same values through reversed views
        na, a = na[..., ::-1], a[..., ::-1]
        if len(shape_b) >= 2:
            nb, b = nb[..., ::-1, :], b[..., ::-1, :]
        else:
            nb, b = nb[::-1], b[::-1]
    assert_product(a @ b, na @ nb, shape_a[-1], na, nb)


@pytest.mark.parametrize("through", ["numpy", "memoryview"])
def test_matmul_out_overlapping_an_operand_through_foreign_memory(through):
    """The operand and out= view one NumPy buffer through different arrpy arrays (borrowed, not
    copied): the overlap is found from their byte ranges, wherever the memory came from."""
    nb = sample("float64", 42, seed=11).reshape(7, 6)
    base = nb.copy()
    operand = ap.asarray(base)
    out = ap.asarray(base[1:] if through == "numpy" else memoryview(base)[1:])
    ap.matmul(operand[:6], ap.eye(6) * 2.0, out=out)
    expected = nb.copy()
    expected[1:] = nb[:6] @ (np.eye(6) * 2.0)
    # out= wrote into `base` itself: the views were borrowed.
    np.testing.assert_array_equal(base, expected)
    # `@=` on an array over the same memory as its operand.
    base = nb[:6].copy()
    a = ap.asarray(base)
    a @= ap.asarray(base if through == "numpy" else memoryview(base))
    # (Summation order may differ from OpenBLAS's in the last bit.)
    np.testing.assert_allclose(base, nb[:6] @ nb[:6], rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["bool", "int32", "uint64", "float32", "float64", "complex128"])
def test_other_products_on_views_at_each_tier(tier, dtype):
    """dot, inner, tensordot, vecdot, outer, vdot and kron on reversed, strided and broadcast
    views of arrpy arrays (not rebuilt from lists), and on empty ones, at each tier: each
    reaches matmul's loop for that tier (threaded on the parallel tier: 180·200·180 multiply-adds
    pass its threshold)."""
    na, nb, a, b = pair(dtype, (360, 200), (200, 540), seed=21)
    av, nav = a[::-2], na[::-2]                  # (180, 200), negative row stride
    bv, nbv = b[::-1, ::3], nb[::-1, ::3]        # (200, 180), both strides odd
    row, nrow = b[:1, :200], nb[:1, :200]
    wide, nwide = broadcast_view(row, (180, 200)), np.broadcast_to(nrow, (180, 200))
    r, runs = traced(tier, lambda: ap.dot(av, bv))
    assert_product(r, np.dot(nav, nbv), 200, na, nb)
    assert runs[dtype]["vector"] == int(tier != "reference"), runs
    assert runs[dtype]["threaded"] == int(tier == "parallel" and ap.get_num_threads() > 1), runs
    with ap.backend(tier):
        assert_product(ap.inner(av, bv.T), np.inner(nav, nbv.T), 200, na, nb)
        assert_product(ap.tensordot(av, bv, 1), np.tensordot(nav, nbv, 1), 200, na, nb)
        assert_product(ap.vecdot(av, wide), np.vecdot(nav, nwide), 200, na, nb)
        assert_product(ap.dot(wide, bv), np.dot(nwide, nbv), 200, na, nb)
        assert_product(ap.outer(av[0, ::-7], bv[::5, 1]), np.outer(nav[0, ::-7], nbv[::5, 1]), 1, na, nb)
        assert_product(ap.vdot(av[:9], bv.T[::-20]), np.vdot(nav[:9], nbv.T[::-20]), 1800, na, nb)
        assert_product(ap.kron(av[:3, ::-50], bv[::90, :2]), np.kron(nav[:3, ::-50], nbv[::90, :2]), 1, na, nb)
        # Empty: no rows, and a zero-length sum (zeros).
        assert_product(ap.dot(av[:0], bv), np.dot(nav[:0], nbv), 200, na, nb)
        assert_product(ap.tensordot(av[:, :0], bv[:0], 1), np.tensordot(nav[:, :0], nbv[:0], 1), 1, na, nb)
