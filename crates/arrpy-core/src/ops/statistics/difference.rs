//! `diff`, `ediff1d` and `gradient`: differences along an axis, written as NumPy writes them
//! with the elementwise kernels (subtract, multiply, divide) on views, so every tier runs its
//! own loops for them (traced under those ops' names) and the roundings are NumPy's.

use super::rank::rounding;
use crate::array::Array;
use crate::dtype::{can_cast, Casting, DType, Scalar};
use crate::error::{normalize_axis, Error, Result};
use crate::ops::cast::{assign, astype};
use crate::ops::elementwise::{binary, BinaryOp};
use crate::ops::manipulate::concatenate;

fn op(op: BinaryOp, a: &Array, b: &Array) -> Result<Array> {
    binary(op, a, b, None)
}

/// `len` elements of `a` along `axis` from `start`.
fn part(a: &Array, axis: usize, start: usize, len: usize) -> Array {
    a.slice_axis(axis, start, 1, len)
}

/// `numpy.diff(a, n, axis, prepend, append)`.
pub fn diff(
    a: &Array,
    n: i64,
    axis: isize,
    prepend: Option<&Array>,
    append: Option<&Array>,
) -> Result<Array> {
    if n == 0 {
        return Ok(a.clone());
    }
    if n < 0 {
        return Err(Error::Value(format!(
            "order must be non-negative but got {n}"
        )));
    }
    if a.ndim() == 0 {
        return Err(Error::Value(
            "diff requires input that is at least one dimensional".into(),
        ));
    }
    let axis = normalize_axis(axis, a.ndim())?;
    let mut a = a.clone();
    if prepend.is_some() || append.is_some() {
        let mut edge = a.shape().to_vec();
        edge[axis] = 1;
        let widen = |x: &Array| {
            if x.ndim() == 0 {
                x.broadcast_to(&edge)
            } else {
                Ok(x.clone())
            }
        };
        let mut parts = Vec::new();
        if let Some(p) = prepend {
            parts.push(widen(p)?);
        }
        parts.push(a);
        if let Some(p) = append {
            parts.push(widen(p)?);
        }
        a = concatenate(&parts, Some(axis as isize), None, Casting::SameKind)?;
    }
    let sub = if a.dtype() == DType::Bool {
        BinaryOp::NotEqual
    } else {
        BinaryOp::Subtract
    };
    for _ in 0..n {
        let m = a.shape()[axis].saturating_sub(1);
        a = op(sub, &part(&a, axis, 1, m), &part(&a, axis, 0, m))?;
        if m == 0 {
            break; // further differences of an empty axis are the same empty array
        }
    }
    Ok(a)
}

/// `numpy.ediff1d(ary, to_end, to_begin)`: differences of the flattened array, with the
/// extra values (which must cast to its dtype under same_kind) around them.
pub fn ediff1d(ary: &Array, to_end: Option<&Array>, to_begin: Option<&Array>) -> Result<Array> {
    let a = ary.reshape(&[-1])?;
    let m = a.size().saturating_sub(1);
    let d = op(BinaryOp::Subtract, &part(&a, 0, 1, m), &part(&a, 0, 0, m))?;
    let mut parts = Vec::new();
    for (extra, name) in [(to_begin, "to_begin"), (Some(&d), ""), (to_end, "to_end")] {
        let Some(x) = extra else { continue };
        if !can_cast(x.dtype(), a.dtype(), Casting::SameKind) {
            return Err(Error::Type(format!(
                "dtype of `{name}` must be compatible with input `ary` under the `same_kind` rule."
            )));
        }
        parts.push(astype(&x.reshape(&[-1])?, a.dtype())?);
    }
    concatenate(&parts, Some(0), None, Casting::SameKind)
}

/// `gradient`'s spacing along one axis.
pub enum Spacing {
    /// A Python number (NumPy computes with it in the array's float type).
    Step(f64),
    /// Coordinates of the points along the axis.
    Coords(Array),
}

/// `numpy.gradient(f, *varargs, axis, edge_order)`: one array per axis in `axes` (None: all).
pub fn gradient(
    f: &Array,
    spacing: &[Spacing],
    axes: Option<&[isize]>,
    edge_order: i64,
) -> Result<Vec<Array>> {
    let axes: Vec<usize> = match axes {
        None => (0..f.ndim()).collect(),
        Some(list) => {
            crate::ops::reduce::axes_mask(Some(list), f.ndim())?; // rejects repeated axes
            list.iter()
                .map(|&a| normalize_axis(a, f.ndim()))
                .collect::<Result<_>>()?
        }
    };
    let steps: Vec<&Spacing> = match spacing.len() {
        0 => vec![&Spacing::Step(1.0); axes.len()],
        1 if matches!(spacing[0], Spacing::Step(_)) => vec![&spacing[0]; axes.len()],
        n if n == axes.len() => spacing.iter().collect(),
        _ => return Err(Error::Type("invalid number of arguments".into())),
    };
    if edge_order > 2 || edge_order < 1 {
        return Err(Error::Value(
            "'edge_order' greater than 2 not supported".into(),
        ));
    }
    // Integers are differenced in float64; bool stays bool (NumPy then fails where it
    // subtracts, and succeeds where it only multiplies); the result is float64 for both.
    let f = if f.dtype().is_integer() {
        astype(f, DType::Float64)?
    } else {
        f.clone()
    };
    axes.iter()
        .zip(steps)
        .map(|(&axis, step)| gradient_axis(&f, axis, step, edge_order as usize))
        .collect()
}

/// The spacing of coordinates: one step when they are evenly spaced (NumPy then uses the
/// uniform formulas), else every difference; in the coordinates' float type.
enum Steps {
    Uniform(Array),
    Varying(Vec<f64>, DType),
}

fn coordinate_steps(c: &Array, n: usize) -> Result<Steps> {
    if c.ndim() != 1 {
        return Err(Error::Value(
            "distances must be either scalars or 1d".into(),
        ));
    }
    if c.size() != n {
        return Err(Error::Value(
            "when 1d, distances must match the length of the corresponding dimension".into(),
        ));
    }
    let c = if c.dtype().is_inexact() {
        c.clone()
    } else {
        astype(c, DType::Float64)?
    };
    let dx = diff(&c, 1, 0, None, None)?;
    let v: Vec<f64> = dx.to_scalars()?.into_iter().map(Scalar::as_f64).collect();
    if v.iter().all(|&d| d == v[0]) {
        return Ok(Steps::Uniform(dx.index_axis(0, 0)?));
    }
    Ok(Steps::Varying(v, c.dtype()))
}

fn gradient_axis(f: &Array, axis: usize, step: &Spacing, edge_order: usize) -> Result<Array> {
    let n = f.shape()[axis];
    if n < edge_order + 1 {
        return Err(Error::Value(
            "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required."
                .into(),
        ));
    }
    let otype = if f.dtype().is_inexact() {
        f.dtype()
    } else {
        DType::Float64
    };
    let out = Array::empty(otype, f.shape())?;
    let fp = |start: usize, len: usize| part(f, axis, start, len);
    let put = |start: usize, len: usize, v: &Array| {
        assign(&part(&out, axis, start, len), v, Casting::Unsafe)
    };
    // A scalar of the step's type: a Python step is "weak" (the array's type), coordinates'
    // steps keep theirs (float64 steps promote float32 data, as in NumPy).
    let steps = match step {
        Spacing::Step(h) => Steps::Uniform(Array::scalar(DType::Float64, Scalar::Float(*h))?),
        Spacing::Coords(c) => coordinate_steps(c, n)?,
    };
    match steps {
        Steps::Uniform(h) => {
            let weak = matches!(step, Spacing::Step(_));
            let hv = h.item()?.as_f64();
            let r = rounding(h.dtype());
            let k = |x: f64| {
                Array::scalar(
                    if weak { otype } else { h.dtype() },
                    Scalar::Float(if weak { x } else { r(x) }),
                )
            };
            if n > 2 {
                let d = op(BinaryOp::Subtract, &fp(2, n - 2), &fp(0, n - 2))?;
                put(1, n - 2, &op(BinaryOp::Divide, &d, &k(2.0 * hv)?)?)?;
            }
            if edge_order == 1 {
                put(
                    0,
                    1,
                    &op(
                        BinaryOp::Divide,
                        &op(BinaryOp::Subtract, &fp(1, 1), &fp(0, 1))?,
                        &k(hv)?,
                    )?,
                )?;
                put(
                    n - 1,
                    1,
                    &op(
                        BinaryOp::Divide,
                        &op(BinaryOp::Subtract, &fp(n - 1, 1), &fp(n - 2, 1))?,
                        &k(hv)?,
                    )?,
                )?;
            } else {
                let first = [r(-1.5 / hv), r(2.0 / hv), r(-0.5 / hv)];
                let last = [r(0.5 / hv), r(-2.0 / hv), r(1.5 / hv)];
                put(0, 1, &combine(&fp, 0, first.map(|c| k(c)))?)?;
                put(n - 1, 1, &combine(&fp, n - 3, last.map(|c| k(c)))?)?;
            }
        }
        Steps::Varying(dx, dt) => {
            let r = rounding(dt);
            let scalar = |x: f64| Array::scalar(dt, Scalar::Float(x));
            // NumPy's second-order coefficients for unevenly spaced points.
            let inner = |d1: f64, d2: f64| {
                [
                    r(-d2 / r(d1 * r(d1 + d2))),
                    r(r(d2 - d1) / r(d1 * d2)),
                    r(d1 / r(d2 * r(d1 + d2))),
                ]
            };
            let mut shape = vec![1isize; f.ndim()];
            shape[axis] = (n - 2) as isize;
            let coefficient = |j: usize| -> Result<Array> {
                let v: Vec<f64> = dx.windows(2).map(|w| inner(w[0], w[1])[j]).collect();
                astype(&Array::from_vec(v, &[n - 2])?, dt)?.reshape(&shape)
            };
            if n > 2 {
                let terms = [coefficient(0)?, coefficient(1)?, coefficient(2)?];
                let sum = op(
                    BinaryOp::Add,
                    &op(BinaryOp::Multiply, &terms[0], &fp(0, n - 2))?,
                    &op(BinaryOp::Multiply, &terms[1], &fp(1, n - 2))?,
                )?;
                put(
                    1,
                    n - 2,
                    &op(
                        BinaryOp::Add,
                        &sum,
                        &op(BinaryOp::Multiply, &terms[2], &fp(2, n - 2))?,
                    )?,
                )?;
            }
            if edge_order == 1 {
                put(
                    0,
                    1,
                    &op(
                        BinaryOp::Divide,
                        &op(BinaryOp::Subtract, &fp(1, 1), &fp(0, 1))?,
                        &scalar(dx[0])?,
                    )?,
                )?;
                put(
                    n - 1,
                    1,
                    &op(
                        BinaryOp::Divide,
                        &op(BinaryOp::Subtract, &fp(n - 1, 1), &fp(n - 2, 1))?,
                        &scalar(dx[n - 2])?,
                    )?,
                )?;
            } else {
                let (d1, d2) = (dx[0], dx[1]);
                let first = [
                    r(-r(r(2.0 * d1) + d2) / r(d1 * r(d1 + d2))),
                    r(r(d1 + d2) / r(d1 * d2)),
                    r(-d1 / r(d2 * r(d1 + d2))),
                ];
                let (d1, d2) = (dx[n - 3], dx[n - 2]);
                let last = [
                    r(d2 / r(d1 * r(d1 + d2))),
                    r(-r(d2 + d1) / r(d1 * d2)),
                    r(r(r(2.0 * d2) + d1) / r(d2 * r(d1 + d2))),
                ];
                put(0, 1, &combine(&fp, 0, first.map(scalar))?)?;
                put(n - 1, 1, &combine(&fp, n - 3, last.map(scalar))?)?;
            }
        }
    }
    Ok(out)
}

/// `a * f[s] + b * f[s + 1] + c * f[s + 2]` (one element along the axis), left to right.
fn combine(fp: &dyn Fn(usize, usize) -> Array, s: usize, k: [Result<Array>; 3]) -> Result<Array> {
    let [a, b, c] = k;
    let sum = op(
        BinaryOp::Add,
        &op(BinaryOp::Multiply, &a?, &fp(s, 1))?,
        &op(BinaryOp::Multiply, &b?, &fp(s + 1, 1))?,
    )?;
    op(
        BinaryOp::Add,
        &sum,
        &op(BinaryOp::Multiply, &c?, &fp(s + 2, 1))?,
    )
}
