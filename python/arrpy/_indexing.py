"""Indexing functions (NumPy's names): take/put and their relatives, nonzero and where with one
argument. The work is the engine's (`arrpy_core::ops::index`)."""

from . import _arrpy
from ._elementwise import where as _where3

__all__ = [
    "take", "take_along_axis", "put", "put_along_axis", "place", "compress", "extract",
    "nonzero", "argwhere", "flatnonzero", "where", "ix_", "unravel_index", "ravel_multi_index",
    "diag_indices", "tril_indices", "triu_indices", "select", "choose",
]

from ._arrpy import (  # noqa: E402
    take, take_along_axis, put, put_along_axis, place, compress, extract, nonzero, argwhere,
    flatnonzero, ix_, unravel_index, ravel_multi_index, diag_indices, tril_indices, triu_indices,
    select, choose,
)

_MISSING = object()


def where(condition, x=_MISSING, y=_MISSING, /, out=None):
    """``where(condition)`` is ``nonzero(condition)``; ``where(condition, x, y)`` takes ``x``
    where ``condition`` is true, else ``y`` (broadcast together).

    >>> ap.where(ap.asarray([True, False, True]), ap.asarray([1, 2, 3]), -1)
    array([ 1, -1,  3])
    """
    if x is _MISSING and y is _MISSING:
        return nonzero(condition)
    if x is _MISSING or y is _MISSING:
        raise ValueError("either both or neither of x and y should be given")
    return _where3(condition, x, y, out)
