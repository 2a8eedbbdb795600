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
    """``slogdet``'s result: the sign (or unit-modulus phase) and log of |det|."""
    sign: object
    logabsdet: object


def det(a, /):
    """The determinant of each matrix in the stack ``a`` (its last two axes)."""
    return _det(a)


def slogdet(a, /):
    """(sign, logabsdet) of each matrix in the stack ``a``: ``det == sign * exp(logabsdet)``,
    without the overflow of ``det`` itself; (0, -inf) for a singular matrix."""
    return SlogdetResult(*_slogdet(a))


def inv(a, /):
    """The inverse of each matrix in the stack ``a``; LinAlgError when one is singular."""
    return _inv(a)


def solve(a, b, /):
    """x with ``a @ x == b`` for each matrix of the stack ``a``; ``b`` is a vector when 1-d,
    else a stack of matrices (NumPy 2, Array API 2024.12); LinAlgError when ``a`` is singular."""
    return _solve(a, b)


def cholesky(a, /, *, upper=False):
    """L with ``a == L @ L.conj().mT`` for each Hermitian positive-definite matrix of ``a``
    (read from its lower triangle), or ``L.conj().mT`` with ``upper``; LinAlgError when one is
    not positive definite."""
    return _cholesky(a, bool(upper))


def outer(x1, x2, /):
    """The outer product of two 1-d arrays (``numpy.linalg.outer``: no other shapes)."""
    return _outer_vectors(x1, x2)


def tensordot(x1, x2, /, *, axes=2):
    """Sums of products over ``axes`` (the last ``axes`` of x1 with the first of x2, or a pair
    of axis sequences); the result has x1's other axes, then x2's."""
    return _tensordot(x1, x2, axes)


def diagonal(x, /, *, offset=0):
    """The diagonal of each matrix in the stack ``x`` (over its last two axes), as a view."""
    return _diagonal(x, offset, -2, -1)


def trace(x, /, *, offset=0, dtype=None):
    """The sum along the diagonal of each matrix in the stack ``x`` (its last two axes)."""
    return _trace(x, offset, -2, -1, dtype)


def cross(x1, x2, /, *, axis=-1):
    """The cross product of the 3-element vectors along ``axis`` of x1 and x2 (the other
    dimensions broadcast)."""
    x1, x2 = _asarray(x1), _asarray(x2)
    if x1.shape[axis] != 3 or x2.shape[axis] != 3:
        raise ValueError(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are "
            f"{x1.shape[axis]} and {x2.shape[axis]} dimensional instead."
        )
    return _cross(x1, x2, axis=axis)


def multi_dot(arrays, *, out=None):
    """The product of two or more arrays in the cheapest order of products; the first may be
    1-d (a row vector) and the last 1-d (a column vector), the others are 2-d."""
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
    repeated squaring above, through ``inv`` below."""
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
    """``qr``'s result: Q with orthonormal columns and upper-triangular R, ``a == Q @ R``."""
    Q: object
    R: object


class EighResult(NamedTuple):
    """``eigh``'s result: eigenvalues ascending (real), eigenvectors as columns."""
    eigenvalues: object
    eigenvectors: object


class EigResult(NamedTuple):
    """``eig``'s result: eigenvalues and the (right) eigenvectors as columns."""
    eigenvalues: object
    eigenvectors: object


class SVDResult(NamedTuple):
    """``svd``'s result: ``a == U @ (S[..., None] * Vh)``, S descending."""
    U: object
    S: object
    Vh: object


def qr(a, mode="reduced"):
    """The QR factorization of each matrix in the stack ``a``: QRResult(Q, R) for mode
    'reduced' (Q m×k, R k×n, k = min(m, n)) or 'complete' (Q m×m, R m×n); R alone for 'r';
    LAPACK's (h, tau) for 'raw' (h the factored matrix, transposed)."""
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
    the stack ``a``, read from its lower ('L') or upper ('U') triangle only."""
    return EighResult(*_eigh(a, _uplo(UPLO), True))


def eigvalsh(a, UPLO="L"):
    """The eigenvalues (ascending, real) of each Hermitian matrix in the stack ``a``, read
    from its lower ('L') or upper ('U') triangle only."""
    return _eigh(a, _uplo(UPLO), False)[0]


def eig(a):
    """Eigenvalues and right eigenvectors (columns, unit 2-norm) of each square matrix in the
    stack ``a``, complex whatever the eigenvalues (as NumPy 2.5; 2.4 and earlier made them real
    when every eigenvalue of a real input was)."""
    return EigResult(*_eig(a, True))


def eigvals(a):
    """The eigenvalues of each square matrix in the stack ``a`` (complex, as ``eig``'s)."""
    return _eig(a, False)[0]


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """The singular value decomposition of each matrix in the stack ``a``: SVDResult(U, S, Vh)
    with S descending, or S alone without ``compute_uv``. ``hermitian`` matrices go through
    ``eigh``, as in NumPy."""
    s, uv = _svd(a, bool(full_matrices), bool(compute_uv), bool(hermitian))
    if uv is None:
        return s
    return SVDResult(uv[0], s, uv[1])


def svdvals(x, /):
    """The singular values of each matrix in the stack ``x``, descending (Array API)."""
    return _svd(x, False, False, False)[0]


