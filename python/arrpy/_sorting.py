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
    the counts. Every result is sorted, whatever ``sorted`` says (NumPy allows that)."""
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
    """The Array API's unique_all: every NaN is a distinct value (``equal_nan=False``)."""
    return UniqueAllResult(*_unique(x, None, False, True))


def unique_counts(x, /):
    values, _, _, counts = _unique(x, None, False, False)
    return UniqueCountsResult(values, counts)


def unique_inverse(x, /):
    values, _, inverse, _ = _unique(x, None, False, True)
    return UniqueInverseResult(values, inverse)


def unique_values(x, /):
    return _unique(x, None, False, False)[0]
