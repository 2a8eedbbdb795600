//! Where an array is non-zero: `nonzero` (one index array per axis), `argwhere` (one row per
//! non-zero element), `flatnonzero` (C-order positions). An element counts when `x != 0` (NaN
//! counts), as NumPy.

use super::selection::StridedOffsets;
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::element::CastTo;
use crate::error::{Error, Result};
use crate::with_dtype;
use smallvec::SmallVec;

/// One byte per element of `a` in C order: 1 where it is non-zero.
pub fn truth_bytes(a: &Array) -> Result<Vec<u8>> {
    let mut out = vec_with_capacity(a.size())?;
    let p = a.data_ptr();
    with_dtype!(a.dtype(), T => {
        // SAFETY: the offsets walk `a`'s own shape and strides.
        out.extend(StridedOffsets::new(a.shape(), a.strides()).map(|o| unsafe {
            CastTo::<bool>::cast(p.offset(o).cast::<T>().read_unaligned()) as u8
        }));
    });
    Ok(out)
}

/// The coordinates of the non-zero elements of `a` (C order) as a C-contiguous int64 array of
/// shape (count, ndim).
pub fn argwhere(a: &Array) -> Result<Array> {
    let truth = truth_bytes(a)?;
    let count = truth.iter().filter(|&&b| b != 0).count();
    let nd = a.ndim();
    let mut rows: Vec<i64> = vec_with_capacity(count.saturating_mul(nd))?;
    let mut coords: SmallVec<[i64; 4]> = SmallVec::from_elem(0, nd);
    for &b in &truth {
        if b != 0 {
            rows.extend_from_slice(&coords);
        }
        for d in (0..nd).rev() {
            coords[d] += 1;
            if (coords[d] as usize) < a.shape()[d] {
                break;
            }
            coords[d] = 0;
        }
    }
    Array::from_vec(rows, &[count, nd])
}

/// `numpy.nonzero(a)`: for each axis, the int64 positions of the non-zero elements along it.
pub fn nonzero(a: &Array) -> Result<Vec<Array>> {
    if a.ndim() == 0 {
        return Err(Error::Value(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() \
             instead."
                .into(),
        ));
    }
    let rows = argwhere(a)?;
    (0..a.ndim())
        .map(|d| {
            let column = rows.slice_axis(1, d, 1, 1).reshape(&[-1])?;
            column.to_contiguous()
        })
        .collect()
}

/// `numpy.flatnonzero(a)`: the C-order positions of the non-zero elements.
pub fn flatnonzero(a: &Array) -> Result<Array> {
    let truth = truth_bytes(a)?;
    let count = truth.iter().filter(|&&b| b != 0).count();
    let mut out: Vec<i64> = vec_with_capacity(count)?;
    out.extend(
        truth
            .iter()
            .enumerate()
            .filter(|(_, &b)| b != 0)
            .map(|(i, _)| i as i64),
    );
    Array::from_vec(out, &[count])
}
