"""``arrpy.linalg``: the Array API's linear algebra extension and ``numpy.linalg``: the products
and views (matmul, vecdot, tensordot, outer, matrix_transpose, diagonal, trace) and the
factorizations (det, slogdet, inv, solve, cholesky). The work is arrpy-core's
(crates/arrpy-core/src/ops/linalg); this module only names it, with the Array API's signatures
where they differ from NumPy's top-level functions."""

from typing import NamedTuple

from ._arrpy import (
    _cholesky, _det, _inv, _outer_vectors, _slogdet, _solve, matmul, tensordot as _tensordot,
    vecdot,
)
from ._exceptions import LinAlgError
from ._manipulation import diagonal as _diagonal, matrix_transpose, trace as _trace

__all__ = [
    "LinAlgError", "matmul", "vecdot", "tensordot", "outer", "matrix_transpose", "diagonal",
    "trace", "det", "slogdet", "inv", "solve", "cholesky", "SlogdetResult",
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


# The decompositions: qr, eigh, eigvalsh, eig, eigvals, svd, svdvals, with NumPy's result tuples.

from ._arrpy import _eig, _eigh, _qr, _svd  # noqa: E402


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
    stack ``a``; real for real input whose eigenvalues are all real, else complex."""
    return EigResult(*_eig(a, True))


def eigvals(a):
    """The eigenvalues of each square matrix in the stack ``a`` (real or complex, as ``eig``)."""
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


__all__ += [
    "qr", "eigh", "eigvalsh", "eig", "eigvals", "svd", "svdvals", "QRResult", "EighResult",
    "EigResult", "SVDResult",
]
