//! `numpy.histogramdd` (and `histogram2d` through it): the bin of each coordinate by searching
//! its edges (the last edge inclusive, values outside every edge dropped), counts or weight
//! sums in sample order, float64 as NumPy returns them.

use super::histogram::{linspace_edges, outer_edges, search, values};
use super::rank::rounding;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::kernels::trace;
use crate::ops::reduce::{reduce, ReduceOp};

/// One dimension's `bins`: a count or the edges.
pub enum AxisBins {
    Count(i64),
    Edges(Array),
}

pub struct HistogramDD {
    pub hist: Array,
    pub edges: Vec<Array>,
}

/// `sample` is (N, D): N points of D coordinates.
pub fn histogramdd(
    sample: &Array,
    bins: &[AxisBins],
    ranges: &[Option<(f64, f64)>],
    density: bool,
    weights: Option<&Array>,
) -> Result<HistogramDD> {
    if sample.ndim() != 2 {
        return Err(Error::Value(
            "sample must be 2-d (N points, D coordinates)".into(),
        ));
    }
    let (n, d) = (sample.shape()[0], sample.shape()[1]);
    if bins.len() != d {
        return Err(Error::Value(
            "The dimension of bins must be equal to the dimension of the sample x.".into(),
        ));
    }
    if ranges.len() != d {
        return Err(Error::Value(
            "range argument must have one entry per dimension".into(),
        ));
    }
    let w = weights.map(|w| values(w, "weights")).transpose()?;
    if w.as_ref().is_some_and(|w| w.len() != n) {
        return Err(Error::Value(
            "weights should have one entry per sample".into(),
        ));
    }
    let mut edges: Vec<Vec<f64>> = Vec::with_capacity(d);
    let mut edge_arrays = Vec::with_capacity(d);
    for (i, (b, range)) in bins.iter().zip(ranges).enumerate() {
        let column = values(&sample.index_axis(1, i as isize)?, "sample")?;
        let (e, dt) = match b {
            AxisBins::Count(k) if *k < 1 => {
                return Err(Error::Value(format!(
                    "`bins[{i}]` must be positive, when an integer"
                )));
            }
            AxisBins::Count(k) => {
                // linspace(smin, smax) runs in float32 only for float32 data's own range.
                let native = range.is_none() && n > 0 && sample.dtype() == DType::Float32;
                let dt = if native {
                    DType::Float32
                } else {
                    DType::Float64
                };
                let (lo, hi) = outer_edges(&column, *range, rounding(dt))?;
                (
                    linspace_edges(
                        lo,
                        hi,
                        usize::try_from(*k).unwrap_or(usize::MAX),
                        rounding(dt),
                    )?,
                    dt,
                )
            }
            AxisBins::Edges(e) => {
                if e.ndim() != 1 {
                    return Err(Error::Value(format!(
                        "`bins[{i}]` must be a scalar or 1d array"
                    )));
                }
                let v = values(e, "bins")?;
                if v.windows(2).any(|w| w[0] > w[1]) {
                    return Err(Error::Value(format!(
                        "`bins[{i}]` must be monotonically increasing, when an array"
                    )));
                }
                edge_arrays.push(e.to_contiguous()?);
                edges.push(v);
                continue;
            }
        };
        edge_arrays.push(crate::ops::cast::astype(
            &Array::from_vec(e.clone(), &[e.len()])?,
            dt,
        )?);
        edges.push(e);
    }
    // The core histogram: each dimension's bins without the outlier slots at both ends.
    let shape: Vec<usize> = edges.iter().map(|e| e.len().saturating_sub(1)).collect();
    let size = crate::layout::checked_size(&shape)?;
    let mut hist = crate::buffer::vec_with_capacity::<f64>(size)?;
    hist.resize(size, 0.0);
    let columns: Vec<Vec<f64>> = (0..d)
        .map(|i| values(&sample.index_axis(1, i as isize)?, "sample"))
        .collect::<Result<_>>()?;
    'points: for p in 0..n {
        let mut flat = 0;
        for (i, e) in edges.iter().enumerate() {
            let x = columns[i][p];
            let mut j = search(e, x, false);
            if e.last() == Some(&x) {
                j -= 1; // the rightmost edge belongs to the last bin
            }
            if j == 0 || j > shape[i] {
                continue 'points;
            }
            flat = flat * shape[i] + (j - 1);
        }
        hist[flat] += w.as_ref().map_or(1.0, |w| w[p]);
    }
    // One loop at every tier: points are few next to the bins for most uses.
    trace::record("histogramdd", sample.dtype(), false, false);
    let mut hist = Array::from_vec(hist, &shape)?;
    if density {
        let total = reduce(ReduceOp::Sum, &hist, None, false, None)?;
        for (i, e) in edge_arrays.iter().enumerate() {
            let widths = super::difference::diff(e, 1, 0, None, None)?;
            let mut s = vec![1isize; d];
            s[i] = shape[i] as isize;
            hist = crate::ops::elementwise::binary(
                crate::ops::elementwise::BinaryOp::Divide,
                &hist,
                &widths.reshape(&s)?,
                None,
            )?;
        }
        hist = crate::ops::elementwise::binary(
            crate::ops::elementwise::BinaryOp::Divide,
            &hist,
            &total,
            None,
        )?;
    }
    Ok(HistogramDD {
        hist,
        edges: edge_arrays,
    })
}
