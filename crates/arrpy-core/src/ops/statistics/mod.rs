//! Statistics over arrays: order statistics (median, quantiles) and histograms. Each topic is
//! one file; every function validates its arguments, then runs lane or chunk kernels at the
//! selected tier and records which ran in `kernels::trace`.

pub mod average;
mod binning;
pub mod convolve;
pub mod covariance;
pub mod cross;
pub mod difference;
pub mod histogram;
pub mod histogramdd;
pub mod interp;
pub mod lanes;
pub mod quantile;
pub mod rank;
pub mod select;
pub mod weighted_quantile;
