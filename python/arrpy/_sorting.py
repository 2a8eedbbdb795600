"""Sorting, searching and sets (NumPy's and the Array API's names). The work is arrpy-core's
(crates/arrpy-core/src/ops/sort); this module only names the results."""

from ._arrpy import sort, argsort

__all__ = ["sort", "argsort"]
