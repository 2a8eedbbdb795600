"""Statistics: order statistics and histograms, NumPy's names.

The work happens in the compiled module (``functions/statistics.rs`` over
``arrpy-core``'s ``ops/statistics``); these are its public names.
"""

from ._arrpy import (
    median, nanmedian, quantile, percentile, nanquantile, nanpercentile,
    histogram, histogram_bin_edges, histogram2d, histogramdd, bincount, digitize,
    diff, ediff1d, gradient, average, cov, corrcoef, cross,
    convolve, correlate, interp,
)

__all__ = [
    "median", "nanmedian", "quantile", "percentile", "nanquantile", "nanpercentile",
    "histogram", "histogram_bin_edges", "histogram2d", "histogramdd", "bincount", "digitize",
    "diff", "ediff1d", "gradient", "average", "cov", "corrcoef", "cross",
    "convolve", "correlate", "interp",
]
