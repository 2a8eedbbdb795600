//! `numpy.average(a, axis, weights, returned, keepdims)`, as NumPy computes it: the mean, or
//! `sum(a * w) / sum(w)` in the promoted float type, with the reductions' pairwise sums.

use crate::array::Array;
use crate::dtype::{promote_types, DType, Kind, Scalar};
use crate::error::{normalize_axis, Error, Result};
use crate::ops::cast::astype;
use crate::ops::elementwise::{binary, BinaryOp};
use crate::ops::reduce::{lanes_are_empty, reduce, ReduceOp};

/// The average and the sum of the weights (NumPy's `returned=True` pair, the sum broadcast to
/// the average's shape), and whether an unweighted average had no element to average (NumPy's
/// mean then warns "Mean of empty slice").
pub struct Average {
    pub average: Array,
    pub weight_sum: Array,
    pub empty_slice: bool,
}

pub fn average(
    a: &Array,
    axes: Option<&[isize]>,
    weights: Option<&Array>,
    keepdims: bool,
) -> Result<Average> {
    let Some(w) = weights else {
        let avg = reduce(ReduceOp::Mean, a, axes, keepdims, None)?;
        let count = a.size() as f64 / avg.size().max(1) as f64;
        let scl = Array::full(avg.dtype(), avg.shape(), Scalar::Float(count))?;
        return Ok(Average {
            average: avg,
            weight_sum: scl,
            empty_slice: lanes_are_empty(a, axes)?,
        });
    };
    let mut dt = promote_types(a.dtype(), w.dtype());
    if matches!(a.dtype().kind(), Kind::Bool | Kind::Signed | Kind::Unsigned) {
        dt = promote_types(dt, DType::Float64);
    }
    let w = weights_along(a, w, axes)?;
    let scl = reduce(ReduceOp::Sum, &w, axes, keepdims, Some(dt))?;
    if scl
        .to_scalars()?
        .iter()
        .any(|s| s.as_complex() == num_complex::Complex64::new(0.0, 0.0))
    {
        return Err(Error::Value(
            "Weights sum to zero, can't be normalized".into(),
        ));
    }
    let product = binary(BinaryOp::Multiply, &astype(a, dt)?, &astype(&w, dt)?, None)?;
    let avg = binary(
        BinaryOp::Divide,
        &reduce(ReduceOp::Sum, &product, axes, keepdims, None)?,
        &scl,
        None,
    )?;
    let scl = if scl.shape() == avg.shape() {
        scl
    } else {
        astype(&scl.broadcast_to(avg.shape())?, scl.dtype())?
    };
    Ok(Average {
        average: avg,
        weight_sum: scl,
        empty_slice: false,
    })
}

/// NumPy's `_weights_are_valid`: weights of `a`'s shape, or of the shape of the `axes` (in
/// their order), reshaped to broadcast against `a`.
pub(crate) fn weights_along(a: &Array, w: &Array, axes: Option<&[isize]>) -> Result<Array> {
    if a.shape() == w.shape() {
        return Ok(w.clone());
    }
    let Some(axes) = axes else {
        return Err(Error::Type(
            "Axis must be specified when shapes of a and weights differ.".into(),
        ));
    };
    let axes: Vec<usize> = axes
        .iter()
        .map(|&x| normalize_axis(x, a.ndim()))
        .collect::<Result<_>>()?;
    let along: Vec<usize> = axes.iter().map(|&x| a.shape()[x]).collect();
    if w.shape() != along.as_slice() {
        return Err(Error::Value(
            "Shape of weights must be consistent with shape of a along specified axis.".into(),
        ));
    }
    // The weights' axes in the order of a's axes, length 1 elsewhere.
    let mut order: Vec<isize> = (0..axes.len() as isize).collect();
    order.sort_by_key(|&i| axes[i as usize]);
    let shape: Vec<isize> = (0..a.ndim())
        .map(|x| {
            if axes.contains(&x) {
                a.shape()[x] as isize
            } else {
                1
            }
        })
        .collect();
    w.transpose(Some(&order))?.reshape(&shape)
}
