//! Triangles and diagonals: `tril`, `triu`, `diag`, `diagflat`.

use super::order::{copy_in, ravel, Order};
use super::views::{diagonal, diagonal_view};
use crate::array::Array;
use crate::dtype::Scalar;
use crate::error::{Error, Result};
use crate::ops::cast::copy_into_unchecked;

/// `numpy.tril(m, k)` (`upper == false`) and `numpy.triu(m, k)`: a copy with the elements above
/// (below) the k-th diagonal of the last two axes zeroed. A 1-d `m` is broadcast to (N, N).
pub fn triangle(m: &Array, k: isize, upper: bool) -> Result<Array> {
    let src = match m.ndim() {
        0 => {
            return Err(Error::Type(
                "tril/triu need an array of at least 1 dimension, got a 0-d array".into(),
            ))
        }
        1 => m.broadcast_to(&[m.shape()[0], m.shape()[0]])?,
        _ => m.clone(),
    };
    let out = copy_in(&src, Order::C, None)?;
    let nd = out.ndim();
    let (rows, cols) = (out.shape()[nd - 2] as isize, out.shape()[nd - 1] as isize);
    for i in 0..rows {
        // Columns to zero in row i: j > i + k (tril) or j < i + k (triu).
        let (lo, hi) = if upper { (0, i + k) } else { (i + k + 1, cols) };
        let (lo, hi) = (lo.clamp(0, cols), hi.clamp(0, cols));
        if lo < hi {
            let row = out.slice_axis(nd - 2, i as usize, 1, 1);
            row.slice_axis(nd - 1, lo as usize, 1, (hi - lo) as usize)
                .fill(Scalar::Bool(false))?;
        }
    }
    Ok(out)
}

/// `numpy.diag(v, k)`: a 2-d array with the 1-d `v` on its k-th diagonal, or the k-th diagonal
/// of a 2-d `v` (a read-only view, as NumPy's).
pub fn diag(v: &Array, k: isize) -> Result<Array> {
    match v.ndim() {
        1 => {
            let n = v.shape()[0]
                .checked_add(k.unsigned_abs())
                .ok_or_else(|| Error::Value(format!("diagonal offset {k} is too large")))?;
            let out = Array::zeros(v.dtype(), &[n, n])?;
            copy_into_unchecked(&diagonal_view(&out, k, 0, 1)?, v)?;
            Ok(out)
        }
        2 => diagonal(v, k, 0, 1),
        _ => Err(Error::Value("Input must be 1- or 2-d.".into())),
    }
}

/// `numpy.diagflat(v, k)`: the flattened `v` on the k-th diagonal of a new 2-d array.
pub fn diagflat(v: &Array, k: isize) -> Result<Array> {
    diag(&ravel(v, Order::C)?, k)
}
