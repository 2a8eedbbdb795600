//! `numpy.cross(a, b, axisa, axisb, axisc)` of 3-vectors, with NumPy's products and differences
//! in its order (elementwise kernels on the component views). 2-vectors are refused, as by
//! NumPy 2.5 and the Array API (NumPy 2.0-2.4 accepted them with a DeprecationWarning).

use crate::array::Array;
use crate::dtype::{promote_types, Casting};
use crate::error::{normalize_axis, Error, Result};
use crate::ops::cast::astype;
use crate::ops::elementwise::{binary, BinaryOp};
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

/// The cross product of the 3-vectors along `axisa` of `a` and `axisb` of `b`, along `axisc`.
pub fn cross(a: &Array, b: &Array, axisa: isize, axisb: isize, axisc: isize) -> Result<Array> {
    if a.ndim() < 1 || b.ndim() < 1 {
        return Err(Error::Value("At least one array has zero dimension".into()));
    }
    let a = vectors_last(a, axis_of(axisa, a.ndim(), "axisa")?)?;
    let b = vectors_last(b, axis_of(axisb, b.ndim(), "axisb")?)?;
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if na != 3 || nb != 3 {
        return Err(Error::Value(format!(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are {na} and {nb} dimensional instead."
        )));
    }
    let dt = promote_types(a.dtype(), b.dtype());
    let (a, b) = (astype(&a, dt)?, astype(&b, dt)?);
    let comp = |x: &Array, i: usize| x.index_axis(x.ndim() - 1, i as isize);
    let mul = |x: &Array, i: usize, y: &Array, j: usize| {
        binary(BinaryOp::Multiply, &comp(x, i)?, &comp(y, j)?, None)
    };
    let sub = |p: Result<Array>, q: Result<Array>| binary(BinaryOp::Subtract, &p?, &q?, None);
    let parts = [
        sub(mul(&a, 1, &b, 2), mul(&a, 2, &b, 1))?,
        sub(mul(&a, 2, &b, 0), mul(&a, 0, &b, 2))?,
        sub(mul(&a, 0, &b, 1), mul(&a, 1, &b, 0))?,
    ];
    let cp = stack(&parts, -1, None, Casting::SameKind)?;
    let axisc = axis_of(axisc, cp.ndim(), "axisc")?;
    // Move the last axis to `axisc`.
    let last = cp.ndim() - 1;
    let mut order: Vec<isize> = (0..last as isize).collect();
    order.insert(axisc, last as isize);
    cp.transpose(Some(&order))
}
