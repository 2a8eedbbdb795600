//! `numpy.interp(x, xp, fp, left, right, period)`: piecewise-linear interpolation with NumPy's
//! formulas (the slope of each interval, the retry from the right end when a NaN appears, the
//! exact sample where x hits a point), real or complex `fp`. Elements of `x` are independent:
//! the parallel tier splits them across threads.

use super::lanes::per_piece;
use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};
use crate::kernels::{current_tier, parallel, trace, Tier};
use num_complex::Complex64;

pub struct InterpArgs {
    pub left: Option<Complex64>,
    pub right: Option<Complex64>,
    pub period: Option<f64>,
}

fn reals(a: &Array, name: &str) -> Result<Vec<f64>> {
    if a.dtype().is_complex() {
        return Err(Error::Type(format!(
            "Cannot cast array data from dtype('{}') to dtype('float64') according to the rule 'safe' ({name})",
            a.dtype().name()
        )));
    }
    crate::ops::cast::astype(a, DType::Float64)?.to_vec::<f64>()
}

/// One interpolated part (real, or one part of complex): NumPy's `arr_interp` step.
#[inline]
fn between(x: f64, dx: &[f64], dy: &[f64], j: usize, slope: f64) -> f64 {
    let r = slope * (x - dx[j]) + dy[j];
    if !r.is_nan() {
        return r;
    }
    let r = slope * (x - dx[j + 1]) + dy[j + 1];
    if r.is_nan() && dy[j] == dy[j + 1] {
        dy[j]
    } else {
        r
    }
}

pub fn interp(x: &Array, xp: &Array, fp: &Array, args: &InterpArgs) -> Result<Array> {
    if xp.ndim() != 1 || fp.ndim() != 1 {
        return Err(Error::Value("object too deep for desired array".into()));
    }
    let mut xs = reals(x, "x")?;
    let mut dx = reals(xp, "xp")?;
    let complex = fp.dtype().is_complex();
    let mut dy: Vec<Complex64> = fp
        .to_scalars()?
        .into_iter()
        .map(Scalar::as_complex)
        .collect();
    if dy.len() != dx.len() {
        return Err(Error::Value("fp and xp are not of the same length.".into()));
    }
    if dx.is_empty() {
        return Err(Error::Value("array of sample points is empty".into()));
    }
    let (mut left, mut right) = (args.left, args.right);
    if let Some(period) = args.period {
        if period == 0.0 {
            return Err(Error::Value("period must be a non-zero value".into()));
        }
        let p = period.abs();
        (left, right) = (None, None);
        let wrap = |v: f64| {
            let m = v % p;
            if m != 0.0 && m < 0.0 {
                m + p
            } else {
                m
            }
        };
        xs.iter_mut().for_each(|v| *v = wrap(*v));
        let mut pairs: Vec<(f64, Complex64)> = dx
            .iter()
            .map(|&v| wrap(v))
            .zip(dy.iter().copied())
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (first, last) = (pairs[0], pairs[pairs.len() - 1]);
        dx = std::iter::once(last.0 - p)
            .chain(pairs.iter().map(|q| q.0))
            .chain([first.0 + p])
            .collect();
        dy = std::iter::once(last.1)
            .chain(pairs.iter().map(|q| q.1))
            .chain([first.1])
            .collect();
    }
    let n = dx.len();
    let yr: Vec<f64> = dy.iter().map(|c| c.re).collect();
    let yi: Vec<f64> = dy.iter().map(|c| c.im).collect();
    let lval = left.unwrap_or(dy[0]);
    let rval = right.unwrap_or(dy[n - 1]);
    // Complex slopes multiply by the inverse width (NumPy rounds them so).
    let slope = |j: usize| -> Complex64 {
        let w = dx[j + 1] - dx[j];
        if complex {
            let inv = 1.0 / w;
            Complex64::new(
                (dy[j + 1].re - dy[j].re) * inv,
                (dy[j + 1].im - dy[j].im) * inv,
            )
        } else {
            Complex64::new((dy[j + 1].re - dy[j].re) / w, 0.0)
        }
    };
    let one = |v: f64| -> Complex64 {
        if n == 1 {
            return if v < dx[0] {
                lval
            } else if v > dx[0] {
                rval
            } else {
                dy[0]
            };
        }
        if v.is_nan() {
            return Complex64::new(v, 0.0);
        }
        if v < dx[0] {
            return lval;
        }
        if v > dx[n - 1] {
            return rval;
        }
        let j = dx.partition_point(|&e| e <= v).saturating_sub(1);
        if j >= n - 1 || dx[j] == v {
            return dy[j.min(n - 1)];
        }
        let s = slope(j);
        let im = if complex {
            between(v, &dx, &yi, j, s.im)
        } else {
            0.0
        };
        Complex64::new(between(v, &dx, &yr, j, s.re), im)
    };
    let tier = current_tier();
    let threads = tier == Tier::Parallel && parallel::splits(xs.len());
    let chunk = xs
        .len()
        .div_ceil(if threads {
            parallel::num_threads() * 4
        } else {
            1
        })
        .max(1);
    let pieces: Vec<&[f64]> = xs.chunks(chunk).collect();
    let mut out = crate::buffer::vec_with_capacity::<Complex64>(xs.len())?;
    for part in per_piece(&pieces, threads, |p| {
        p.iter().map(|&v| one(v)).collect::<Vec<_>>()
    }) {
        out.extend(part);
    }
    trace::record("interp", DType::Float64, false, threads);
    if complex {
        Array::from_vec(out, x.shape())
    } else {
        Array::from_vec(
            out.into_iter().map(|c| c.re).collect::<Vec<f64>>(),
            x.shape(),
        )
    }
}
