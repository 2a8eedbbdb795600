"""``arrpy.linalg``: the Array API's linear algebra extension and ``numpy.linalg``. So far the
products and the views: matmul, vecdot, tensordot, outer, matrix_transpose, diagonal, trace.
The work is arrpy-core's (crates/arrpy-core/src/ops/linalg); this module only names it, with
the Array API's signatures where they differ from NumPy's top-level functions."""

from ._arrpy import _outer_vectors, matmul, tensordot as _tensordot, vecdot
from ._exceptions import LinAlgError
from ._manipulation import diagonal as _diagonal, matrix_transpose, trace as _trace

__all__ = [
    "LinAlgError", "matmul", "vecdot", "tensordot", "outer", "matrix_transpose", "diagonal",
    "trace",
]


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
