"""Sorting, searching and sets (NumPy's and the Array API's names). The work is arrpy-core's
(crates/arrpy-core/src/ops/sort); this module only names the results."""

from typing import NamedTuple

from ._arrpy import (
    _unique, argpartition, argsort, intersect1d, isin, lexsort, partition, searchsorted,
    setdiff1d, setxor1d, sort, union1d,
)
from ._arrpy import ndarray as _ndarray

__all__ = [
    "sort", "argsort", "partition", "argpartition", "lexsort", "searchsorted", "unique",
    "unique_all", "unique_counts", "unique_inverse", "unique_values", "isin", "intersect1d",
    "union1d", "setdiff1d", "setxor1d",
]


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *,
           equal_nan=True, sorted=True):
    """The sorted distinct values of ``ar``, and optionally the first index of each, the
    inverse (``values[inverse]`` rebuilds ``ar``; the input's shape when ``axis`` is None) and
    the counts. Every result is sorted, whatever ``sorted`` says (NumPy allows that).

    >>> ap.unique(ap.asarray([3, 1, 3, 2, 1]), return_counts=True)
    (array([1, 2, 3]), array([2, 1, 2]))
    """
    values, index, inverse, counts = _unique(ar, axis, equal_nan, return_inverse)
    extra = [r for want, r in ((return_index, index), (return_inverse, inverse),
                               (return_counts, counts)) if want]
    return (values, *extra) if extra else values


class UniqueAllResult(NamedTuple):
    values: _ndarray
    indices: _ndarray
    inverse_indices: _ndarray
    counts: _ndarray


class UniqueCountsResult(NamedTuple):
    values: _ndarray
    counts: _ndarray


class UniqueInverseResult(NamedTuple):
    values: _ndarray
    inverse_indices: _ndarray


def unique_all(x, /):
    """The Array API's unique_all: every NaN is a distinct value (``equal_nan=False``).

    >>> ap.unique_all(ap.asarray([3, 1, 3]))
    UniqueAllResult(values=array([1, 3]), indices=array([1, 0]), inverse_indices=array([1, 0, 1]), counts=array([1, 2]))
    """
    return UniqueAllResult(*_unique(x, None, False, True))


def unique_counts(x, /):
    """The sorted unique values of ``x`` and how often each occurs.

    >>> ap.unique_counts(ap.asarray([3, 1, 3]))
    UniqueCountsResult(values=array([1, 3]), counts=array([1, 2]))
    """
    values, _, _, counts = _unique(x, None, False, False)
    return UniqueCountsResult(values, counts)


def unique_inverse(x, /):
    """The sorted unique values of ``x`` and, for each element, the index of its value.

    >>> ap.unique_inverse(ap.asarray([3, 1, 3]))
    UniqueInverseResult(values=array([1, 3]), inverse_indices=array([1, 0, 1]))
    """
    values, _, inverse, _ = _unique(x, None, False, True)
    return UniqueInverseResult(values, inverse)


def unique_values(x, /):
    """The sorted unique values of ``x``, flattened.

    >>> ap.unique_values(ap.asarray([1, 1, 2, 3, 3]))
    array([1, 2, 3])
    """
    return _unique(x, None, False, False)[0]
