"""``arrpy.linalg``: the Array API's linear algebra extension and ``numpy.linalg``: the products
and views (matmul, vecdot, tensordot, outer, cross, multi_dot, matrix_power, matrix_transpose,
diagonal, trace), the factorizations (det, slogdet, inv, solve, cholesky, qr, eigh,
eigvalsh, eig, eigvals, svd, svdvals) and what derives
from them (norms, cond, matrix_rank, pinv, lstsq, tensorinv, tensorsolve: ``_linalg_derived``).
The work is arrpy-core's (crates/arrpy-core/src/ops/linalg); this module only names it, with
the Array API's signatures where they differ from NumPy's top-level functions."""

import operator as _operator
from typing import NamedTuple

from ._arrpy import (
    _cholesky, _det, _eig, _eigh, _inv, _matrix_power, _multi_dot, _outer_vectors, _qr,
    _slogdet, _solve, _svd,
    asarray as _asarray, cross as _cross, dot as _dot, matmul, tensordot as _tensordot, vecdot,
)
from ._exceptions import LinAlgError
from ._linalg_derived import (
    cond, lstsq, matrix_norm, matrix_rank, norm, pinv, tensorinv, tensorsolve, vector_norm,
)
from ._manipulation import diagonal as _diagonal, matrix_transpose, trace as _trace

__all__ = [
    "LinAlgError", "matmul", "vecdot", "tensordot", "outer", "matrix_transpose", "diagonal",
    "trace", "cross", "multi_dot", "matrix_power", "det", "slogdet", "inv", "solve",
    "cholesky", "SlogdetResult", "norm", "vector_norm", "matrix_norm", "cond", "matrix_rank",
    "pinv", "lstsq", "tensorinv", "tensorsolve", "qr", "eigh", "eigvalsh", "eig", "eigvals",
    "svd", "svdvals", "QRResult", "EighResult", "EigResult", "SVDResult",
]


class SlogdetResult(NamedTuple):
    """``slogdet``'s result: the sign (or unit-modulus phase) and log of |det|.

    >>> ap.linalg.slogdet(ap.asarray([[1.0, 0.0], [0.0, -2.0]]))
    SlogdetResult(sign=array(-1.), logabsdet=array(0.69314718))
    """
    sign: object
    logabsdet: object


def det(a, /):
    """The determinant of each matrix in the stack ``a`` (its last two axes).

    >>> ap.linalg.det(ap.asarray([[2.0, 0.0], [1.0, 3.0]]))
    array(6.)
    """
    return _det(a)


def slogdet(a, /):
    """(sign, logabsdet) of each matrix in the stack ``a``: ``det == sign * exp(logabsdet)``,
    without the overflow of ``det`` itself; (0, -inf) for a singular matrix.

    >>> ap.linalg.slogdet(ap.asarray([[-2.0, 0.0], [0.0, 3.0]]))
    SlogdetResult(sign=array(-1.), logabsdet=array(1.79175947))
    """
    return SlogdetResult(*_slogdet(a))


def inv(a, /):
    """The inverse of each matrix in the stack ``a``; LinAlgError when one is singular.

    >>> ap.linalg.inv(ap.asarray([[2.0, 0.0], [0.0, 4.0]]))
    array([[0.5 , 0.  ],
           [0.  , 0.25]])
    """
    return _inv(a)


def solve(a, b, /):
    """x with ``a @ x == b`` for each matrix of the stack ``a``; ``b`` is a vector when 1-d,
    else a stack of matrices (NumPy 2, Array API 2024.12); LinAlgError when ``a`` is singular.

    >>> ap.linalg.solve(ap.asarray([[2.0, 0.0], [0.0, 4.0]]), ap.asarray([2.0, 8.0]))
    array([1., 2.])
    """
    return _solve(a, b)


def cholesky(a, /, *, upper=False):
    """L with ``a == L @ L.conj().mT`` for each Hermitian positive-definite matrix of ``a``
    (read from its lower triangle), or ``L.conj().mT`` with ``upper``; LinAlgError when one is
    not positive definite.

    >>> ap.linalg.cholesky(ap.asarray([[4.0, 2.0], [2.0, 5.0]]))
    array([[2., 0.],
           [1., 2.]])
    """
    return _cholesky(a, bool(upper))


def outer(x1, x2, /):
    """The outer product of two 1-d arrays (``numpy.linalg.outer``: no other shapes).

    >>> ap.linalg.outer(ap.asarray([1, 2]), ap.asarray([1, 10, 100]))
    array([[  1,  10, 100],
           [  2,  20, 200]])
    """
    return _outer_vectors(x1, x2)


def tensordot(x1, x2, /, *, axes=2):
    """Sums of products over ``axes`` (the last ``axes`` of x1 with the first of x2, or a pair
    of axis sequences); the result has x1's other axes, then x2's.

    >>> ap.linalg.tensordot(ap.ones((2, 3)), ap.ones((3, 4)), axes=1)
    array([[3., 3., 3., 3.],
           [3., 3., 3., 3.]])
    """
    return _tensordot(x1, x2, axes)


def diagonal(x, /, *, offset=0):
    """The diagonal of each matrix in the stack ``x`` (over its last two axes), as a view.

    >>> ap.linalg.diagonal(ap.asarray([[1, 2], [3, 4]]))
    array([1, 4])
    """
    return _diagonal(x, offset, -2, -1)


def trace(x, /, *, offset=0, dtype=None):
    """The sum along the diagonal of each matrix in the stack ``x`` (its last two axes).

    >>> ap.linalg.trace(ap.asarray([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]))
    array([ 5, 13])
    """
    return _trace(x, offset, -2, -1, dtype)


def cross(x1, x2, /, *, axis=-1):
    """The cross product of the 3-element vectors along ``axis`` of x1 and x2 (the other
    dimensions broadcast).

    >>> ap.linalg.cross(ap.asarray([1.0, 0.0, 0.0]), ap.asarray([0.0, 1.0, 0.0]))
    array([0., 0., 1.])
    """
    x1, x2 = _asarray(x1), _asarray(x2)
    if x1.shape[axis] != 3 or x2.shape[axis] != 3:
        raise ValueError(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are "
            f"{x1.shape[axis]} and {x2.shape[axis]} dimensional instead."
        )
    return _cross(x1, x2, axis=axis)


def multi_dot(arrays, *, out=None):
    """The product of two or more arrays in the cheapest order of products; the first may be
    1-d (a row vector) and the last 1-d (a column vector), the others are 2-d.

    >>> ap.linalg.multi_dot([ap.ones((2, 3)), ap.ones((3, 4)), ap.ones((4, 1))])
    array([[12.],
           [12.]])
    """
    arrays = [_asarray(a) for a in arrays]
    n = len(arrays)
    if n < 2:
        raise ValueError("Expecting at least two arrays.")
    if n == 2:
        return _dot(arrays[0], arrays[1], out=out)
    result = _multi_dot(tuple(arrays), out)
    return out if out is not None and result.shape == out.shape else result


def matrix_power(a, n):
    """``a`` (a stack of square matrices) to the integer power ``n``: the identity for 0, by
    repeated squaring above, through ``inv`` below.

    >>> ap.linalg.matrix_power(ap.asarray([[1, 1], [0, 1]]), 3)
    array([[1, 3],
           [0, 1]])
    """
    a = _asarray(a)
    try:
        n = _operator.index(n)
    except TypeError as e:
        raise TypeError("exponent must be an integer") from e
    if n < 0:
        a, n = inv(a), -n
    return _matrix_power(a, n)


# The decompositions: qr, eigh, eigvalsh, eig, eigvals, svd, svdvals, with NumPy's result tuples.

class QRResult(NamedTuple):
    """``qr``'s result: Q with orthonormal columns and upper-triangular R, ``a == Q @ R``.

    >>> ap.linalg.qr(ap.asarray([[3.0, 0.0], [4.0, 5.0]])).R
    array([[-5., -4.],
           [ 0.,  3.]])
    """
    Q: object
    R: object


class EighResult(NamedTuple):
    """``eigh``'s result: eigenvalues ascending (real), eigenvectors as columns.

    >>> ap.linalg.eigh(ap.asarray([[2.0, 1.0], [1.0, 2.0]])).eigenvalues
    array([1., 3.])
    """
    eigenvalues: object
    eigenvectors: object


class EigResult(NamedTuple):
    """``eig``'s result: eigenvalues and the (right) eigenvectors as columns.

    >>> ap.linalg.eig(ap.asarray([[0.0, -1.0], [1.0, 0.0]])).eigenvalues
    array([0.+1.j, 0.-1.j])
    """
    eigenvalues: object
    eigenvectors: object


class SVDResult(NamedTuple):
    """``svd``'s result: ``a == U @ (S[..., None] * Vh)``, S descending.

    >>> ap.linalg.svd(ap.asarray([[3.0, 0.0], [0.0, 4.0]])).S
    array([4., 3.])
    """
    U: object
    S: object
    Vh: object


def qr(a, mode="reduced"):
    """The QR factorization of each matrix in the stack ``a``: QRResult(Q, R) for mode
    'reduced' (Q m×k, R k×n, k = min(m, n)) or 'complete' (Q m×m, R m×n); R alone for 'r';
    LAPACK's (h, tau) for 'raw' (h the factored matrix, transposed).

    >>> Q, R = ap.linalg.qr(ap.asarray([[3.0, 0.0], [4.0, 5.0]]))
    >>> ap.allclose(Q @ R, ap.asarray([[3.0, 0.0], [4.0, 5.0]]))
    True
    """
    if mode not in ("reduced", "complete", "r", "raw"):
        raise ValueError(f"Unrecognized mode '{mode}'")
    first, second = _qr(a, mode)
    if mode == "r":
        return first
    if mode == "raw":
        return first, second
    return QRResult(first, second)


def _uplo(UPLO):
    uplo = str(UPLO).upper()
    if uplo not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")
    return uplo == "U"


def eigh(a, UPLO="L"):
    """Eigenvalues (ascending, real) and eigenvectors (columns) of each Hermitian matrix in
    the stack ``a``, read from its lower ('L') or upper ('U') triangle only.

    >>> ap.linalg.eigh(ap.asarray([[2.0, 0.0], [0.0, 1.0]]))
    EighResult(eigenvalues=array([1., 2.]), eigenvectors=array([[0., 1.],
           [1., 0.]]))
    """
    return EighResult(*_eigh(a, _uplo(UPLO), True))


def eigvalsh(a, UPLO="L"):
    """The eigenvalues (ascending, real) of each Hermitian matrix in the stack ``a``, read
    from its lower ('L') or upper ('U') triangle only.

    >>> ap.linalg.eigvalsh(ap.asarray([[2.0, 1.0], [1.0, 2.0]]))
    array([1., 3.])
    """
    return _eigh(a, _uplo(UPLO), False)[0]


def eig(a):
    """Eigenvalues and right eigenvectors (columns, unit 2-norm) of each square matrix in the
    stack ``a``, complex whatever the eigenvalues (as NumPy 2.5; 2.4 and earlier made them real
    when every eigenvalue of a real input was).

    >>> ap.linalg.eig(ap.asarray([[0.0, -1.0], [1.0, 0.0]]))
    EigResult(eigenvalues=array([0.+1.j, 0.-1.j]), eigenvectors=array([[0.70710678+0.j        , 0.70710678-0.j        ],
           [0.        -0.70710678j, 0.        +0.70710678j]]))
    """
    return EigResult(*_eig(a, True))


def eigvals(a):
    """The eigenvalues of each square matrix in the stack ``a`` (complex, as ``eig``'s).

    >>> ap.linalg.eigvals(ap.asarray([[0.0, -1.0], [1.0, 0.0]]))
    array([0.+1.j, 0.-1.j])
    """
    return _eig(a, False)[0]


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """The singular value decomposition of each matrix in the stack ``a``: SVDResult(U, S, Vh)
    with S descending, or S alone without ``compute_uv``. ``hermitian`` matrices go through
    ``eigh``, as in NumPy.

    >>> U, S, Vh = ap.linalg.svd(ap.asarray([[3.0, 0.0], [0.0, -4.0]]))
    >>> S
    array([4., 3.])
    """
    s, uv = _svd(a, bool(full_matrices), bool(compute_uv), bool(hermitian))
    if uv is None:
        return s
    return SVDResult(uv[0], s, uv[1])


def svdvals(x, /):
    """The singular values of each matrix in the stack ``x``, descending (Array API).

    >>> ap.linalg.svdvals(ap.asarray([[3.0, 0.0], [0.0, -4.0]]))
    array([4., 3.])
    """
    return _svd(x, False, False, False)[0]


