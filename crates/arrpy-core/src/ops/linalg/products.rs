//! NumPy's other products, each reduced to `matmul` on views: the summed axes of the operands
//! are moved to meet (a transpose is a view) and the operands reshaped to matrices (a copy only
//! where the permuted layout needs one).

use super::matmul::matmul;
use crate::array::Array;
use crate::dtype::{promote_types, Casting, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::layout::{broadcast_shapes, checked_size, format_shape, Shape};
use crate::ops::cast::assign;
use crate::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use crate::ops::manipulate::views::moveaxis;

/// The summed axes of `tensordot`: the last `n` of a with the first `n` of b, or explicit pairs.
#[derive(Clone, Debug)]
pub enum TensorAxes {
    Count(usize),
    Pairs(Vec<isize>, Vec<isize>),
}

/// `numpy.tensordot(a, b, axes)`: the sum over the paired axes of the products; the result has
/// a's other axes, then b's.
pub fn tensordot(a: &Array, b: &Array, axes: &TensorAxes) -> Result<Array> {
    let (sum_a, sum_b): (Vec<usize>, Vec<usize>) = match axes {
        TensorAxes::Count(n) => {
            let n = *n;
            if n > a.ndim() || n > b.ndim() {
                return Err(Error::Value(format!(
                    "tensordot: axes={n} needs {n} axes of each operand, but the shapes are {} and {}",
                    format_shape(a.shape()),
                    format_shape(b.shape())
                )));
            }
            ((a.ndim() - n..a.ndim()).collect(), (0..n).collect())
        }
        TensorAxes::Pairs(xa, xb) => {
            if xa.len() != xb.len() {
                return Err(Error::Value("shape-mismatch for sum".into()));
            }
            let norm = |axes: &[isize], nd: usize| -> Result<Vec<usize>> {
                axes.iter().map(|&ax| normalize_axis(ax, nd)).collect()
            };
            (norm(xa, a.ndim())?, norm(xb, b.ndim())?)
        }
    };
    if sum_a
        .iter()
        .zip(&sum_b)
        .any(|(&i, &j)| a.shape()[i] != b.shape()[j])
    {
        return Err(Error::Value(format!(
            "shape-mismatch for sum: shapes {} and {} over axes {sum_a:?} and {sum_b:?}",
            format_shape(a.shape()),
            format_shape(b.shape())
        )));
    }
    contract(a, b, &sum_a, &sum_b)
}

/// a's axes `sum_a` summed against b's `sum_b` (same lengths, already checked): a as a matrix
/// (its other axes by the summed ones), b as (summed by other), one `matmul`, reshaped.
fn contract(a: &Array, b: &Array, sum_a: &[usize], sum_b: &[usize]) -> Result<Array> {
    let free = |nd: usize, summed: &[usize]| -> Vec<usize> {
        (0..nd).filter(|ax| !summed.contains(ax)).collect()
    };
    let (free_a, free_b) = (free(a.ndim(), sum_a), free(b.ndim(), sum_b));
    let sizes = |x: &Array, axes: &[usize]| -> Vec<usize> {
        axes.iter().map(|&ax| x.shape()[ax]).collect()
    };
    let k = checked_size(&sizes(a, sum_a))?;
    let as_matrix = |x: &Array, first: &[usize], second: &[usize], rows: usize, cols: usize| {
        let order: Vec<isize> = first.iter().chain(second).map(|&ax| ax as isize).collect();
        x.transpose(Some(&order))?
            .reshape(&[rows as isize, cols as isize])
    };
    let (rows_a, cols_b) = (
        checked_size(&sizes(a, &free_a))?,
        checked_size(&sizes(b, &free_b))?,
    );
    let a2 = as_matrix(a, &free_a, sum_a, rows_a, k)?;
    let b2 = as_matrix(b, sum_b, &free_b, k, cols_b)?;
    let product = matmul(&a2, &b2, None)?;
    let shape: Vec<isize> = sizes(a, &free_a)
        .into_iter()
        .chain(sizes(b, &free_b))
        .map(|d| d as isize)
        .collect();
    product.reshape(&shape)
}

/// NumPy's message when the summed lengths of `dot`/`inner` differ.
pub(super) fn not_aligned(a: &Array, b: &Array, axis_a: usize, axis_b: usize) -> Error {
    Error::Value(format!(
        "shapes {} and {} not aligned: {} (dim {axis_a}) != {} (dim {axis_b})",
        format_shape(a.shape()),
        format_shape(b.shape()),
        a.shape()[axis_a],
        b.shape()[axis_b]
    ))
}

/// `numpy.dot(a, b, out=out)`: a product with a 0-d operand is elementwise; otherwise the sum
/// over a's last axis and b's second-to-last (its only one when 1-d). NumPy's `out` must have
/// exactly the result's shape and dtype and be C-contiguous; it is checked before any work and
/// written from the finished result (a fresh array: it cannot overlap `out`).
pub fn dot(a: &Array, b: &Array, out: Option<&Array>) -> Result<Array> {
    let elementwise = a.ndim() == 0 || b.ndim() == 0;
    let (axis_a, axis_b) = (a.ndim().saturating_sub(1), b.ndim().saturating_sub(2));
    if !elementwise && a.shape()[axis_a] != b.shape()[axis_b] {
        return Err(not_aligned(a, b, axis_a, axis_b));
    }
    if let Some(out) = out {
        let shape: Shape = if elementwise {
            broadcast_shapes(&[a.shape(), b.shape()])?
        } else {
            let rest_b = b.shape().iter().enumerate().filter(|&(i, _)| i != axis_b);
            a.shape()[..axis_a]
                .iter()
                .copied()
                .chain(rest_b.map(|(_, &d)| d))
                .collect()
        };
        check_dot_out(out, &shape, promote_types(a.dtype(), b.dtype()))?;
    }
    let result = if elementwise {
        binary(BinaryOp::Multiply, a, b, None)?
    } else {
        contract(a, b, &[axis_a], &[axis_b])?
    };
    match out {
        None => Ok(result),
        Some(out) => {
            assign(out, &result, Casting::No)?;
            Ok(out.clone())
        }
    }
}

/// NumPy's rule for `dot`'s `out`: exactly the result's shape and dtype, C-contiguous.
pub(super) fn check_dot_out(out: &Array, shape: &[usize], dtype: DType) -> Result<()> {
    if out.shape() != shape || out.dtype() != dtype || !out.is_c_contiguous() {
        return Err(Error::Value(format!(
            "output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array): got {} {}, the result is {} {}",
            out.dtype().name(),
            format_shape(out.shape()),
            dtype.name(),
            format_shape(shape)
        )));
    }
    out.check_writeable()
}

/// `numpy.vdot(a, b)`: both flattened, the first conjugated, then their dot product (0-d).
pub fn vdot(a: &Array, b: &Array) -> Result<Array> {
    if a.size() != b.size() {
        return Err(Error::Value(format!(
            "cannot vdot arrays of {} and {} elements (shapes {} and {})",
            a.size(),
            b.size(),
            format_shape(a.shape()),
            format_shape(b.shape())
        )));
    }
    let a = conjugated(&a.reshape(&[-1])?)?;
    matmul(&a, &b.reshape(&[-1])?, None)
}

/// `x` conjugated (complex dtypes), else itself.
fn conjugated(x: &Array) -> Result<Array> {
    if x.dtype().is_complex() {
        unary(UnaryOp::Conj, x, None)
    } else {
        Ok(x.clone())
    }
}

/// `numpy.inner(a, b)`: the sum over the last axes of both (elementwise with a 0-d operand).
pub fn inner(a: &Array, b: &Array) -> Result<Array> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return binary(BinaryOp::Multiply, a, b, None);
    }
    let (axis_a, axis_b) = (a.ndim() - 1, b.ndim() - 1);
    if a.shape()[axis_a] != b.shape()[axis_b] {
        return Err(not_aligned(a, b, axis_a, axis_b));
    }
    contract(a, b, &[axis_a], &[axis_b])
}

/// `numpy.outer(a, b, out=out)`: both flattened, `a[i] * b[j]` (bool: and). With
/// `vectors_only` (`linalg.outer`) both must be 1-d.
pub fn outer(a: &Array, b: &Array, vectors_only: bool, out: Option<&Array>) -> Result<Array> {
    if vectors_only && (a.ndim() != 1 || b.ndim() != 1) {
        return Err(Error::Value(format!(
            "Input arrays must be one-dimensional, but they are x1.ndim={} and x2.ndim={}.",
            a.ndim(),
            b.ndim()
        )));
    }
    let column = a.reshape(&[-1, 1])?;
    let row = b.reshape(&[1, -1])?;
    binary(BinaryOp::Multiply, &column, &row, out)
}

const VECDOT_SIGNATURE: &str = "(n),(n)->()";

/// `vecdot(x1, x2, axis=axis)` (the Array API's, NumPy's gufunc): `sum(conj(x1) * x2)` along
/// `axis` of each (counted from each operand's own end when negative), the other dimensions
/// broadcast.
pub fn vecdot(x1: &Array, x2: &Array, axis: isize) -> Result<Array> {
    for (i, x) in [x1, x2].into_iter().enumerate() {
        if x.ndim() == 0 {
            return Err(Error::Value(format!(
                "vecdot: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {VECDOT_SIGNATURE} requires 1)"
            )));
        }
    }
    let (ax1, ax2) = (
        normalize_axis(axis, x1.ndim())?,
        normalize_axis(axis, x2.ndim())?,
    );
    let (n1, n2) = (x1.shape()[ax1], x2.shape()[ax2]);
    if n1 != n2 {
        return Err(Error::Value(format!(
            "vecdot: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {VECDOT_SIGNATURE} (size {n2} is different from {n1})"
        )));
    }
    // (..., n) as rows (..., 1, n) and columns (..., n, 1): a batch of 1×1 products.
    let last = |x: &Array, ax: usize| moveaxis(x, &[ax as isize], &[-1]);
    let rows = conjugated(&last(x1, ax1)?)?;
    let rows = rows.insert_axis(rows.ndim() - 1);
    let cols = last(x2, ax2)?;
    let cols = cols.insert_axis(cols.ndim());
    let product = matmul(&rows, &cols, None)?;
    let shape: Vec<isize> = product.shape()[..product.ndim() - 2]
        .iter()
        .map(|&d| d as isize)
        .collect();
    product.reshape(&shape)
}

/// `numpy.kron(a, b)`: the block matrix of `a[i...] * b` (shapes padded with leading 1s to
/// the same length; each result length is the product of the two).
pub fn kron(a: &Array, b: &Array) -> Result<Array> {
    let nd = a.ndim().max(b.ndim());
    let padded = |x: &Array| -> Vec<usize> {
        std::iter::repeat_n(1, nd - x.ndim())
            .chain(x.shape().iter().copied())
            .collect()
    };
    let (sa, sb) = (padded(a), padded(b));
    // a as (a0, 1, a1, 1, ...) and b as (1, b0, 1, b1, ...): their product is (a0, b0, a1, b1, ...).
    let interleave = |shape: &[usize], first: bool| -> Vec<isize> {
        shape
            .iter()
            .flat_map(|&d| {
                if first {
                    [d as isize, 1]
                } else {
                    [1, d as isize]
                }
            })
            .collect()
    };
    let blocks = binary(
        BinaryOp::Multiply,
        &a.reshape(&interleave(&sa, true))?,
        &b.reshape(&interleave(&sb, false))?,
        None,
    )?;
    let shape = sa
        .iter()
        .zip(&sb)
        .map(|(&x, &y)| x.checked_mul(y).map(|d| d as isize))
        .collect::<Option<Vec<isize>>>()
        .ok_or_else(|| Error::Memory("kron: the result's size overflows".into()))?;
    blocks.reshape(&shape)
}
