//! `numpy.pad`: the result is allocated once with the input in its centre, then padded one axis
//! at a time, each axis's pads reading the array as the earlier axes left it (so corners come
//! out as NumPy's). Every pad region is filled by the copy kernels or by `fill`.

use super::order::{copy_in, Order};
use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};
use crate::ops::cast::copy_into_unchecked;
use crate::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use crate::ops::reduce::{reduce, ReduceOp};
use crate::ops::statistics::quantile::median;

/// NumPy's pad modes with their per-axis (before, after) parameters.
#[derive(Clone, Debug)]
pub enum PadMode {
    Constant(Vec<(Scalar, Scalar)>),
    Edge,
    Wrap,
    Reflect,
    Symmetric,
    /// `reflect_type='odd'` of reflect (false) or symmetric (true): each value mirrored through
    /// the edge, `2 * edge - mirrored`.
    OddReflect(bool),
    /// End values per axis, and whether they are weak (Python scalars: see `pairs_are_weak`).
    LinearRamp(Vec<(Scalar, Scalar)>, bool),
    /// A statistic of (at most) `stat_length` elements next to each edge.
    Stat(PadStat, Vec<(Option<usize>, Option<usize>)>),
}

/// The statistic a stat mode ('minimum', 'maximum', 'mean', 'median') pads with.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PadStat {
    Minimum,
    Maximum,
    Mean,
    Median,
}

/// NumPy's `_as_pairs`: one value, one (before, after) pair, or one pair per axis, as
/// (before, after) for each of `ndim` axes. `values` is a list of rows of one or two values.
pub fn as_pairs<T: Copy>(values: &[Vec<T>], ndim: usize, name: &str) -> Result<Vec<(T, T)>> {
    let bad = || {
        let inner = values.first().map_or(0, Vec::len);
        Error::Value(format!(
            "operands could not be broadcast together with remapped shapes \
             [original->remapped]: ({},{inner})  and requested shape ({ndim},2) (for {name})",
            values.len()
        ))
    };
    if values.len() != 1 && values.len() != ndim
        || values.iter().any(|r| r.is_empty() || r.len() > 2)
    {
        return Err(bad());
    }
    Ok((0..ndim)
        .map(|ax| {
            let row = &values[if values.len() == 1 { 0 } else { ax }];
            (row[0], row[row.len() - 1])
        })
        .collect())
}

/// Whether NumPy's `_as_pairs` hands these values on as Python scalars (weak under NEP 50), as
/// it does for a full per-axis table; one value or one (before, after) pair it hands on as NumPy
/// scalars (strong), which makes a linear ramp of float32 data compute in float64.
pub fn pairs_are_weak<T>(values: &[Vec<T>]) -> bool {
    let size: usize = values.iter().map(Vec::len).sum();
    let column_pair = values.len() == 2 && values.iter().all(|r| r.len() == 1);
    !(size == 1 || (size == 2 && !column_pair))
}

/// Pad widths from `as_pairs` rows, refusing negative ones (NumPy's message).
pub fn pad_widths(values: &[Vec<i64>], ndim: usize) -> Result<Vec<(usize, usize)>> {
    let pairs = as_pairs(values, ndim, "pad_width")?;
    if pairs.iter().any(|&(b, e)| b < 0 || e < 0) {
        return Err(Error::Value("index can't contain negative values".into()));
    }
    Ok(pairs
        .into_iter()
        .map(|(b, e)| (b as usize, e as usize))
        .collect())
}

/// `numpy.pad(a, widths, mode)` with `widths[ax] = (before, after)`.
pub fn pad(a: &Array, widths: &[(usize, usize)], mode: &PadMode) -> Result<Array> {
    if widths.len() != a.ndim() {
        return Err(Error::Value(format!(
            "pad widths for {} axes given for an array of dimension {}",
            widths.len(),
            a.ndim()
        )));
    }
    let constant = matches!(mode, PadMode::Constant(_));
    for (ax, (&n, &(b, e))) in a.shape().iter().zip(widths).enumerate() {
        if n == 0 && (b > 0 || e > 0) && !constant {
            return Err(Error::Value(format!(
                "can't extend empty axis {ax} using modes other than 'constant' or 'empty'"
            )));
        }
    }
    let mut shape = Vec::with_capacity(a.ndim());
    for (&n, &(b, e)) in a.shape().iter().zip(widths) {
        shape.push(
            n.checked_add(b)
                .and_then(|x| x.checked_add(e))
                .ok_or_else(|| Error::Value("pad widths are too large".into()))?,
        );
    }
    let out = Array::empty(a.dtype(), &shape)?;
    let mut centre = out.clone();
    for (ax, (&n, &(b, _))) in a.shape().iter().zip(widths).enumerate() {
        centre = centre.slice_axis(ax, b, 1, n);
    }
    copy_into_unchecked(&centre, a)?;
    if out.size() == 0 {
        return Ok(out);
    }
    for (ax, (&n, &(b, e))) in a.shape().iter().zip(widths).enumerate() {
        // Later axes are not padded yet: only their centre is read or written (NumPy's region
        // of interest), so no pad reads uninitialized memory.
        let mut roi = out.clone();
        for (k, (&nk, &(bk, _))) in a.shape().iter().zip(widths).enumerate().skip(ax + 1) {
            roi = roi.slice_axis(k, bk, 1, nk);
        }
        let region = |start: usize, len: usize| roi.slice_axis(ax, start, 1, len);
        let before = region(0, b);
        let after = region(b + n, e);
        match mode {
            PadMode::Constant(values) => {
                before.fill(values[ax].0)?;
                after.fill(values[ax].1)?;
            }
            PadMode::Edge => {
                copy_into_unchecked(&before, &region(b, 1))?;
                copy_into_unchecked(&after, &region(b + n - 1, 1))?;
            }
            PadMode::Wrap | PadMode::Reflect | PadMode::Symmetric => {
                let source = |x: isize| mirror(mode, x, n);
                for p in 0..b {
                    let c = source(p as isize - b as isize);
                    copy_into_unchecked(&region(p, 1), &region(b + c, 1))?;
                }
                for t in 0..e {
                    let c = source((n + t) as isize);
                    copy_into_unchecked(&region(b + n + t, 1), &region(b + c, 1))?;
                }
            }
            PadMode::OddReflect(symmetric) => {
                let sym = usize::from(*symmetric);
                for d in 1..=b {
                    let (c, m) = odd_source(d, n, sym);
                    let value = odd_value(&region(b - c, 1), &region(b - c + m, 1))?;
                    copy_into_unchecked(&region(b - d, 1), &value)?;
                }
                for d in 1..=e {
                    let (c, m) = odd_source(d, n, sym);
                    let edge = b + n - 1 + c;
                    let value = odd_value(&region(edge, 1), &region(edge - m, 1))?;
                    copy_into_unchecked(&region(b + n - 1 + d, 1), &value)?;
                }
            }
            PadMode::LinearRamp(ends, weak) => {
                ramp(&before, &region(b, 1), (ends[ax].0, *weak), false, ax)?;
                ramp(&after, &region(b + n - 1, 1), (ends[ax].1, *weak), true, ax)?;
            }
            PadMode::Stat(stat, lengths) => {
                let (lb, le) = lengths[ax];
                let (lb, le) = (lb.unwrap_or(n).min(n), le.unwrap_or(n).min(n));
                // NumPy refuses an empty window for minimum and maximum on every axis, even
                // one not padded; the mean and median of one are NaN (cast to the dtype).
                let extreme = matches!(stat, PadStat::Minimum | PadStat::Maximum);
                if extreme && (lb == 0 || le == 0) {
                    return Err(Error::Value(
                        "stat_length of 0 yields no value for padding".into(),
                    ));
                }
                if b > 0 {
                    fill_stat(&before, &region(b, lb), *stat, ax)?;
                }
                if e > 0 {
                    fill_stat(&after, &region(b + n - le, le), *stat, ax)?;
                }
            }
        }
    }
    Ok(out)
}

/// The centre index (0..n) that padded position `x` (relative to the centre's start) copies.
fn mirror(mode: &PadMode, x: isize, n: usize) -> usize {
    let n = n as isize;
    let y = match mode {
        PadMode::Wrap => x.rem_euclid(n),
        PadMode::Symmetric => {
            let y = x.rem_euclid(2 * n);
            if y < n {
                y
            } else {
                2 * n - 1 - y
            }
        }
        // Reflect does not repeat the edge: period 2(n - 1); a single element repeats.
        _ if n == 1 => 0,
        _ => {
            let y = x.rem_euclid(2 * n - 2);
            if y < n {
                y
            } else {
                2 * n - 2 - y
            }
        }
    };
    y as usize
}

/// For the value `d` places beyond an edge in odd reflection: how far out (`c`) the edge it
/// mirrors through lies, and how far inside that edge (`m`) its mirror image lies. Each chunk of
/// one period reflects the one before it, as NumPy pads chunk by chunk.
fn odd_source(d: usize, n: usize, sym: usize) -> (usize, usize) {
    let period = n - 1 + sym;
    if period == 0 {
        return (0, 0); // a single element reflects to itself
    }
    let c = period * ((d - 1) / period);
    (c, d - c - sym)
}

/// `2 * edge - mirrored` in the array's dtype (integers wrap, as NumPy's); for bool NumPy
/// computes it in integers, nonzero unless both are false.
fn odd_value(edge: &Array, mirrored: &Array) -> Result<Array> {
    if edge.dtype() == DType::Bool {
        return binary(BinaryOp::LogicalOr, edge, mirrored, None);
    }
    let twice = binary(BinaryOp::Add, edge, edge, None)?;
    binary(BinaryOp::Subtract, &twice, mirrored, None)
}

/// Fills `dst` with the statistic of `src` along `axis`. A mean or median is rounded to the
/// nearest integer, ties to even, for integer dtypes (NumPy's `_round_if_needed`; bool is not
/// one of them: a mean of 0.5 is True).
fn fill_stat(dst: &Array, src: &Array, stat: PadStat, axis: usize) -> Result<()> {
    let axes = [axis as isize];
    let reduced = |op| reduce(op, src, Some(&axes), true, None);
    let mut value = match stat {
        PadStat::Minimum => reduced(ReduceOp::Min)?,
        PadStat::Maximum => reduced(ReduceOp::Max)?,
        PadStat::Mean => reduced(ReduceOp::Mean)?,
        PadStat::Median => median(src, Some(&axes), true, false)?.array,
    };
    if matches!(stat, PadStat::Mean | PadStat::Median) && dst.dtype().is_integer() {
        value = unary(UnaryOp::Rint, &value, None)?;
    }
    copy_into_unchecked(dst, &value)
}

/// Fills `dst` (the pad on one side, `w` long on `axis`) with NumPy's
/// `linspace(end, edge, w, endpoint=False)` along the axis, reversed for the after side;
/// computed in floating point and floored for integer dtypes. Complex ramps are computed on
/// the real and imaginary parts, dividing by `w` as NumPy's complex division by a real value
/// does (Smith's method: a multiplication by the reciprocal).
fn ramp(
    dst: &Array,
    edge: &Array,
    (end, weak): (Scalar, bool),
    reversed: bool,
    axis: usize,
) -> Result<()> {
    let w = dst.shape()[axis];
    if w == 0 {
        return Ok(());
    }
    // Weak end values leave float32 and complex64 data ramping in their own precision; else
    // the ramp is float64 or complex128 (NumPy's linspace of the promoted types).
    let work = match dst.dtype() {
        d @ (DType::Float32 | DType::Complex64) if weak => d,
        d if d.is_complex() => DType::Complex128,
        _ => DType::Float64,
    };
    let edge = copy_in(edge, Order::C, Some(work))?;
    let end = end.as_complex();
    let parts: Vec<(Array, f64)> = match (edge.complex_part(false), edge.complex_part(true)) {
        (Some(re), Some(im)) => vec![(re, end.re), (im, end.im)],
        _ => vec![(edge.clone(), end.re)],
    };
    let real = parts[0].0.dtype();
    let number = |v: f64| Array::scalar(real, Scalar::Float(v));
    let by_w = |x: &Array| -> Result<Array> {
        if parts.len() == 1 {
            return binary(BinaryOp::Divide, x, &number(w as f64)?, None);
        }
        let inverse = binary(BinaryOp::Divide, &number(1.0)?, &number(w as f64)?, None)?;
        binary(BinaryOp::Multiply, x, &inverse, None)
    };
    let mut steps = Vec::with_capacity(parts.len());
    let mut nonzero = vec![false; edge.size()];
    for (part, start) in &parts {
        let delta = binary(BinaryOp::Subtract, part, &number(*start)?, None)?;
        let step = by_w(&delta)?;
        for (nz, s) in nonzero.iter_mut().zip(step.to_scalars()?) {
            *nz |= s.as_complex().re != 0.0;
        }
        steps.push((delta, step, *start));
    }
    // NumPy multiplies i/w by delta instead of i by step when any (complex) step is zero.
    let step_zero = nonzero.iter().any(|&nz| !nz);
    let y = Array::empty(work, edge.shape())?;
    for i in 0..w {
        for (k, (delta, step, start)) in steps.iter().enumerate() {
            let t = if step_zero {
                let frac = by_w(&number(i as f64)?)?;
                binary(BinaryOp::Multiply, &frac, delta, None)?
            } else {
                binary(BinaryOp::Multiply, &number(i as f64)?, step, None)?
            };
            let t = binary(BinaryOp::Add, &t, &number(*start)?, None)?;
            let target = y.complex_part(k == 1).unwrap_or_else(|| y.clone());
            copy_into_unchecked(&target, &t)?;
        }
        let value = if dst.dtype().is_integer() {
            unary(UnaryOp::Floor, &y, None)?
        } else {
            y.clone()
        };
        let pos = if reversed { w - 1 - i } else { i };
        copy_into_unchecked(&dst.slice_axis(axis, pos, 1, 1), &value)?;
    }
    Ok(())
}
