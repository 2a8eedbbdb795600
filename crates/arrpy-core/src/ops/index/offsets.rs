//! The advanced items of a resolved key as byte offsets: for every position of the broadcast
//! index shape (C order), how far the selected element lies from the view's first element.
//! Every index is normalized and bounds-checked here, before any gather or scatter runs, so a
//! scatter with a bad index writes nothing.

use super::selection::StridedOffsets;
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::index::{Advanced, AdvancedIndex, Resolved};
use crate::layout::{self, Shape, Strides};
use crate::ops::cast::astype;
use smallvec::SmallVec;

/// The flattened advanced part of a key.
pub struct Offsets {
    /// The broadcast shape of the advanced items (masks count as their true positions).
    pub index_shape: Shape,
    /// One byte offset per position of `index_shape`, in C order.
    pub offsets: Vec<isize>,
}

/// One advanced item's offsets in its own shape, before broadcasting.
struct Part {
    shape: Shape,
    offsets: Vec<isize>,
}

/// Normalizes, checks and combines the advanced items of `r`.
pub fn advanced_offsets(r: &Resolved) -> Result<Offsets> {
    let mut parts: SmallVec<[Part; 2]> = SmallVec::new();
    for adv in &r.advanced {
        parts.push(match &adv.item {
            Advanced::IntArray(a) => int_part(&r.view, adv, a)?,
            Advanced::BoolMask(m) => mask_part(&r.view, adv.axis, m)?,
        });
    }
    let shapes: SmallVec<[&[usize]; 2]> = parts.iter().map(|p| p.shape.as_slice()).collect();
    let index_shape = layout::broadcast_shapes(&shapes).map_err(|_| {
        let list: Vec<String> = shapes.iter().map(|s| layout::format_shape(s)).collect();
        Error::Index(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
            list.join(" ")
        ))
    })?;
    drop(shapes);
    let offsets = match parts.len() {
        1 => parts.pop().map(|p| p.offsets).unwrap_or_default(),
        _ => sum_broadcast(&parts, &index_shape)?,
    };
    Ok(Offsets {
        index_shape,
        offsets,
    })
}

/// The indices of an integer array as C-ordered i64, each normalized against `len` (negative
/// counts from the end) and checked; `axis` names the indexed array's axis in the error.
pub fn normalized_indices(a: &Array, len: usize, axis: usize) -> Result<Vec<i64>> {
    if !a.dtype().is_integer() {
        return Err(Error::Index(
            "arrays used as indices must be of integer (or boolean) type".into(),
        ));
    }
    // Other integer dtypes convert as NumPy converts them to intp (uint64 wraps).
    let idx = if a.dtype() == DType::Int64 {
        a.to_vec::<i64>()?
    } else {
        astype(a, DType::Int64)?.to_vec::<i64>()?
    };
    let n = len as i64;
    let mut idx = idx;
    for i in idx.iter_mut() {
        let j = if *i < 0 { *i + n } else { *i };
        if j < 0 || j >= n {
            return Err(Error::Index(format!(
                "index {i} is out of bounds for axis {axis} with size {len}"
            )));
        }
        *i = j;
    }
    Ok(idx)
}

fn int_part(view: &Array, adv: &AdvancedIndex, a: &Array) -> Result<Part> {
    let (len, stride) = (view.shape()[adv.axis], view.strides()[adv.axis]);
    let idx = normalized_indices(a, len, adv.src_axis)?;
    let mut offsets = vec_with_capacity(idx.len())?;
    // In bounds, so each product is an offset inside the view (no overflow).
    offsets.extend(idx.iter().map(|&i| i as isize * stride));
    Ok(Part {
        shape: a.shape().into(),
        offsets,
    })
}

/// The true positions of a mask over view axes `axis..axis + m.ndim()`, as offsets (shape
/// `[count]`). A 0-d mask gives one position (True) or none (False).
fn mask_part(view: &Array, axis: usize, m: &Array) -> Result<Part> {
    let m = m.to_contiguous()?;
    let k = m.ndim();
    let (dims, strides) = (
        &view.shape()[axis..axis + k],
        &view.strides()[axis..axis + k],
    );
    // SAFETY: `m` is C-contiguous bool, one byte per element.
    let bytes = unsafe { std::slice::from_raw_parts(m.data_ptr() as *const u8, m.size()) };
    let count = super::nonzero::count_true(bytes);
    let mut offsets = vec_with_capacity(count)?;
    let positions = StridedOffsets::new(dims, strides);
    offsets.extend(
        bytes
            .iter()
            .zip(positions)
            .filter(|(&b, _)| b != 0)
            .map(|(_, o)| o),
    );
    Ok(Part {
        shape: SmallVec::from_elem(count, 1),
        offsets,
    })
}

/// The elementwise sum of the parts broadcast to `shape`, in C order.
fn sum_broadcast(parts: &[Part], shape: &[usize]) -> Result<Vec<isize>> {
    let size = layout::checked_size(shape)?;
    let mut out = vec_with_capacity(size)?;
    // Element strides of each part broadcast to `shape` (0 along broadcast axes).
    let strides: SmallVec<[Strides; 2]> = parts
        .iter()
        .map(|p| layout::broadcast_strides(&p.shape, &layout::c_strides(&p.shape, 1), shape))
        .collect::<Result<_>>()?;
    let mut positions: SmallVec<[StridedOffsets; 2]> = strides
        .iter()
        .map(|s| StridedOffsets::new(shape, s))
        .collect();
    for _ in 0..size {
        let mut sum = 0isize;
        for (p, pos) in parts.iter().zip(positions.iter_mut()) {
            sum += p.offsets[pos.next().unwrap_or(0) as usize];
        }
        out.push(sum);
    }
    Ok(out)
}
