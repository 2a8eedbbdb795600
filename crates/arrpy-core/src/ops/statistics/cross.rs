//! `numpy.cross(a, b, axisa, axisb, axisc)` for 2- and 3-vectors, with NumPy's products and
//! differences in its order (elementwise kernels on the component views).

use crate::array::Array;
use crate::dtype::{promote_types, Casting};
use crate::error::{normalize_axis, Error, Result};
use crate::ops::cast::astype;
use crate::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use crate::ops::manipulate::stack;

fn axis_of(axis: isize, ndim: usize, name: &str) -> Result<usize> {
    normalize_axis(axis, ndim).map_err(|_| {
        Error::Axis(format!(
            "{name}: axis {axis} is out of bounds for array of dimension {ndim}"
        ))
    })
}

/// `x` with `axis` moved last.
fn vectors_last(x: &Array, axis: usize) -> Result<Array> {
    let order: Vec<isize> = (0..x.ndim())
        .filter(|&i| i != axis)
        .chain([axis])
        .map(|i| i as isize)
        .collect();
    x.transpose(Some(&order))
}

/// The cross product and whether 2-vectors took part (NumPy's DeprecationWarning).
pub fn cross(
    a: &Array,
    b: &Array,
    axisa: isize,
    axisb: isize,
    axisc: isize,
) -> Result<(Array, bool)> {
    if a.ndim() < 1 || b.ndim() < 1 {
        return Err(Error::Value("At least one array has zero dimension".into()));
    }
    let a = vectors_last(a, axis_of(axisa, a.ndim(), "axisa")?)?;
    let b = vectors_last(b, axis_of(axisb, b.ndim(), "axisb")?)?;
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if !matches!(na, 2 | 3) || !matches!(nb, 2 | 3) {
        return Err(Error::Value(
            "incompatible dimensions for cross product\n(dimension must be 2 or 3)".into(),
        ));
    }
    let dt = promote_types(a.dtype(), b.dtype());
    let (a, b) = (astype(&a, dt)?, astype(&b, dt)?);
    let comp = |x: &Array, i: usize| x.index_axis(x.ndim() - 1, i as isize);
    let mul = |x: &Array, i: usize, y: &Array, j: usize| {
        binary(BinaryOp::Multiply, &comp(x, i)?, &comp(y, j)?, None)
    };
    let sub = |p: Result<Array>, q: Result<Array>| binary(BinaryOp::Subtract, &p?, &q?, None);
    // The z component (the only one for two 2-vectors): a0 b1 - a1 b0.
    let z = || sub(mul(&a, 0, &b, 1), mul(&a, 1, &b, 0));
    let parts = match (na, nb) {
        (2, 2) => return Ok((z()?, true)),
        (2, _) => [
            mul(&a, 1, &b, 2)?,
            unary(UnaryOp::Negative, &mul(&a, 0, &b, 2)?, None)?,
            z()?,
        ],
        (_, 2) => [
            unary(UnaryOp::Negative, &mul(&a, 2, &b, 1)?, None)?,
            mul(&a, 2, &b, 0)?,
            z()?,
        ],
        _ => [
            sub(mul(&a, 1, &b, 2), mul(&a, 2, &b, 1))?,
            sub(mul(&a, 2, &b, 0), mul(&a, 0, &b, 2))?,
            z()?,
        ],
    };
    let cp = stack(&parts, -1, None, Casting::SameKind)?;
    let axisc = axis_of(axisc, cp.ndim(), "axisc")?;
    // Move the last axis to `axisc`.
    let last = cp.ndim() - 1;
    let mut order: Vec<isize> = (0..last as isize).collect();
    order.insert(axisc, last as isize);
    Ok((cp.transpose(Some(&order))?, na == 2 || nb == 2))
}
