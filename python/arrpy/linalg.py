"""``arrpy.linalg``: the Array API's linear algebra extension and ``numpy.linalg``: the products
and views (matmul, vecdot, tensordot, outer, matrix_transpose, diagonal, trace) and the
factorizations (det, slogdet, inv, solve, cholesky) and what derives from them (norms, cond,
matrix_rank, pinv, lstsq, tensorinv, tensorsolve: ``_linalg_derived``). The work is arrpy-core's
(crates/arrpy-core/src/ops/linalg); this module only names it, with the Array API's signatures
where they differ from NumPy's top-level functions."""

from typing import NamedTuple

from ._arrpy import (
    _cholesky, _det, _inv, _outer_vectors, _slogdet, _solve, matmul, tensordot as _tensordot,
    vecdot,
)
from ._exceptions import LinAlgError
from ._linalg_derived import (
    cond, lstsq, matrix_norm, matrix_rank, norm, pinv, tensorinv, tensorsolve, vector_norm,
)
from ._manipulation import diagonal as _diagonal, matrix_transpose, trace as _trace

__all__ = [
    "LinAlgError", "matmul", "vecdot", "tensordot", "outer", "matrix_transpose", "diagonal",
    "trace", "det", "slogdet", "inv", "solve", "cholesky", "SlogdetResult", "norm",
    "vector_norm", "matrix_norm", "cond", "matrix_rank", "pinv", "lstsq", "tensorinv",
    "tensorsolve",
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
