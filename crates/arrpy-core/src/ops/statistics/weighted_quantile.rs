//! Weighted quantiles: `quantile(a, q, weights=w, method='inverted_cdf')`, its percent and nan-
//! forms, as NumPy 2 computes them (the only method NumPy weights). Each lane is sorted (NaN
//! last, stable), the weights' running sum in float64 is divided by its total (the empirical
//! CDF, in q's float type when q is a float), and each q takes the first element whose
//! cumulative weight reaches it. Lanes are independent and computed alike at every tier.

use super::average::weights_along;
use super::lanes::Lanes;
use super::quantile::{assemble, Method, Stat};
use super::rank::Ranked;
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::{DType, Kind};
use crate::error::{Error, Result};
use crate::ops::cast::astype;
use crate::with_dtype;

/// NumPy's checks of `weights=` (after those of `a` and `q`): the method, the shape (as
/// `average`'s), and the sign. Returns the weights as float64, broadcast to `a`'s shape.
pub fn checked_weights(
    a: &Array,
    weights: &Array,
    axes: Option<&[isize]>,
    method: Method,
) -> Result<Array> {
    if method != Method::InvertedCdf {
        return Err(Error::Value(format!(
            "Only method 'inverted_cdf' supports weights. Got: {}.",
            method.name()
        )));
    }
    if weights.dtype().is_complex() {
        return Err(Error::Type(format!(
            "weights must be real numbers, got dtype {}",
            weights.dtype().name()
        )));
    }
    let w = astype(&weights_along(a, weights, axes)?, DType::Float64)?;
    if w.to_vec::<f64>()?.iter().any(|&x| x < 0.0) {
        return Err(Error::Value("Weights must be non-negative.".into()));
    }
    astype(&w.broadcast_to(a.shape())?, DType::Float64)
}

/// The weighted inverted-CDF quantiles of `a`'s lanes over `axes` (`w` from `checked_weights`;
/// `qs` in [0, 1], already divided by 100 for percentiles, as float32 values when `cdf_f32`).
/// `skip_nan`: NaNs and their weights leave each lane first (an all-NaN lane gives NaN and
/// the all-NaN warning); otherwise a lane holding a NaN gives NaN.
#[allow(clippy::too_many_arguments)]
pub fn inverted_cdf(
    a: &Array,
    w: &Array,
    qs: &[f64],
    q_shape: &[usize],
    axes: Option<&[isize]>,
    keepdims: bool,
    skip_nan: bool,
    cdf_f32: bool,
) -> Result<Stat> {
    let weights = Lanes::<f64>::gather(w, axes)?;
    let (array, all_nan_slice) = with_dtype!(a.dtype(), T => {
        let lanes = Lanes::<T>::gather(a, axes)?;
        if lanes.count > 0 && lanes.n == 0 && !skip_nan {
            return Err(Error::Index("index -1 is out of bounds for axis 0 with size 0".into()));
        }
        let mut out = vec_with_capacity::<T>(lanes.count * qs.len())?;
        let mut all_nan = false;
        let mut order = vec_with_capacity::<usize>(lanes.n)?;
        let mut cdf = vec_with_capacity::<f64>(lanes.n)?;
        for l in 0..lanes.count {
            let values = &lanes.data[l * lanes.n..(l + 1) * lanes.n];
            let lane_weights = &weights.data[l * lanes.n..(l + 1) * lanes.n];
            order.clear();
            order.extend((0..lanes.n).filter(|&i| !(skip_nan && values[i].is_nan())));
            if order.is_empty() {
                // All NaN (skip_nan; the caller sends empty lanes elsewhere): NaN results.
                all_nan = true;
                out.extend(std::iter::repeat_n(values[0], qs.len()));
                continue;
            }
            order.sort_by_key(|&i| values[i].key());
            cumulative_distribution(&order, lane_weights, cdf_f32, &mut cdf)?;
            let has_nan = values[order[order.len() - 1]].is_nan();
            for &q in qs {
                let i = cdf.partition_point(|&c| c < q).min(order.len() - 1);
                // NumPy's result for a lane with a NaN is its last sorted element, a NaN.
                out.push(values[if has_nan { order[order.len() - 1] } else { order[i] }]);
            }
        }
        (assemble(out, q_shape, a.shape(), &lanes.mask, keepdims)?, all_nan)
    });
    Ok(Stat {
        array,
        empty_slice: false,
        all_nan_slice,
    })
}

/// The lane's CDF in sorted `order`: the running float64 sum of the weights over its total,
/// rounded to float32 when `f32`; leading zeros become -1 so that q = 0 picks the first
/// element of positive weight (NumPy's rule). A total of zero, inf or NaN is NumPy's error.
fn cumulative_distribution(
    order: &[usize],
    weights: &[f64],
    f32: bool,
    cdf: &mut Vec<f64>,
) -> Result<()> {
    cdf.clear();
    let mut sum = 0.0;
    cdf.extend(order.iter().map(|&i| {
        sum += weights[i];
        sum
    }));
    let total = sum;
    for c in cdf.iter_mut() {
        *c /= total;
        if f32 {
            *c = *c as f32 as f64;
        }
    }
    if cdf[cdf.len() - 1].is_nan() {
        return Err(Error::Value(
            "Weights included NaN, inf or were all zero.".into(),
        ));
    }
    if cdf[0] == 0.0 {
        cdf.iter_mut()
            .filter(|c| **c == 0.0)
            .for_each(|c| *c = -1.0);
    }
    Ok(())
}

/// Whether NumPy compares q with a float32 CDF: q a float32 array, or a Python number with
/// float32 data (NumPy converts it to the data's float type first).
pub fn cdf_is_f32(a: &Array, q: &Array, weak_q: bool) -> bool {
    let q_dtype = if weak_q && a.dtype().kind() == Kind::Float {
        a.dtype()
    } else {
        q.dtype()
    };
    q_dtype == DType::Float32
}
