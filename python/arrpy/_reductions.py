"""Reductions beyond sum/prod/mean/min/max, NumPy's and the Array API's names.

The work happens in the compiled module (``reductions.rs``); these are its public names plus
NumPy's aliases. Every function accepts array-likes, ``axis`` (int, negative, tuple or None,
except argmin/argmax and the cumulative ones, which take one int), ``keepdims`` and ``dtype=``
where NumPy has them, and raises NumPy's RuntimeWarnings (degrees of freedom <= 0, all-NaN or
empty slices).
"""

from ._arrpy import (
    var, std, argmin, argmax, any, all, count_nonzero, ptp,
    nansum, nanmean, nanmin, nanmax,
    cumsum, cumprod, cumulative_sum, cumulative_prod,
)

__all__ = [
    "var", "std", "argmin", "argmax", "any", "all", "count_nonzero", "ptp",
    "nansum", "nanmean", "nanmin", "nanmax",
    "cumsum", "cumprod", "cumulative_sum", "cumulative_prod",
]
