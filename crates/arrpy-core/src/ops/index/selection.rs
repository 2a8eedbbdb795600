//! A resolved advanced key laid out for the kernels: the view's kept axes split around the
//! advanced dimensions (outer: before them, inner: after), and the byte offsets of the selected
//! positions. `a[key]` has shape outer + index_shape + inner, and its row `(o, j)` (one outer
//! position, one index position) is the inner block at `outer_offsets[o] + offsets[j]`.

use super::offsets::{advanced_offsets, Offsets};
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::DType;
use crate::error::Result;
use crate::index::{too_many_result_dims, Resolved};
use crate::layout::{self, Shape, Strides};
use smallvec::SmallVec;

pub struct Selection {
    pub view: Array,
    pub outer_offsets: Vec<isize>,
    pub offsets: Vec<isize>,
    pub inner_shape: Shape,
    pub inner_strides: Strides,
    pub inner_size: usize,
    /// The shape of `a[key]`.
    pub shape: Shape,
}

impl Selection {
    pub fn new(r: &Resolved) -> Result<Selection> {
        let Offsets {
            index_shape,
            offsets,
        } = advanced_offsets(r)?;
        let (vshape, vstrides) = (r.view.shape(), r.view.strides());
        let (mut kept, mut kept_strides): (Shape, Strides) = (SmallVec::new(), SmallVec::new());
        let mut axis = 0;
        for adv in &r.advanced {
            kept.extend_from_slice(&vshape[axis..adv.axis]);
            kept_strides.extend_from_slice(&vstrides[axis..adv.axis]);
            axis = adv.axis + adv.axes();
        }
        kept.extend_from_slice(&vshape[axis..]);
        kept_strides.extend_from_slice(&vstrides[axis..]);
        let at = r.advanced_at.min(kept.len());
        let mut shape: Shape = SmallVec::new();
        shape.extend_from_slice(&kept[..at]);
        shape.extend_from_slice(&index_shape);
        shape.extend_from_slice(&kept[at..]);
        if shape.len() > layout::MAX_DIMS {
            return Err(too_many_result_dims(shape.len()));
        }
        layout::checked_nbytes(&shape, r.view.itemsize())?;
        Ok(Selection {
            view: r.view.clone(),
            outer_offsets: c_order_offsets(&kept[..at], &kept_strides[..at])?,
            offsets,
            inner_size: kept[at..].iter().product(),
            inner_shape: kept[at..].into(),
            inner_strides: kept_strides[at..].into(),
            shape,
        })
    }

    /// Rows of the result: outer positions times index positions.
    pub fn rows(&self) -> usize {
        self.outer_offsets.len() * self.offsets.len()
    }

    /// The byte offset of row `row`'s inner block from the view's first element.
    #[inline(always)]
    pub fn row_offset(&self, row: usize) -> isize {
        let n = self.offsets.len();
        self.outer_offsets[row / n] + self.offsets[row % n]
    }
}

/// The byte offsets of every position of `shape` (C order) under `strides`.
pub fn c_order_offsets(shape: &[usize], strides: &[isize]) -> Result<Vec<isize>> {
    let mut out = vec_with_capacity(layout::checked_size(shape)?)?;
    out.extend(StridedOffsets::new(shape, strides));
    Ok(out)
}

/// The offsets of the positions of `shape` in C order under `strides` (an odometer).
pub struct StridedOffsets<'a> {
    shape: &'a [usize],
    strides: &'a [isize],
    coords: SmallVec<[usize; 4]>,
    off: isize,
    left: usize,
}

impl<'a> StridedOffsets<'a> {
    pub fn new(shape: &'a [usize], strides: &'a [isize]) -> Self {
        StridedOffsets {
            shape,
            strides,
            coords: SmallVec::from_elem(0, shape.len()),
            off: 0,
            left: shape.iter().product(),
        }
    }
}

impl Iterator for StridedOffsets<'_> {
    type Item = isize;

    fn next(&mut self) -> Option<isize> {
        self.left = self.left.checked_sub(1)?;
        let here = self.off;
        for d in (0..self.shape.len()).rev() {
            self.coords[d] += 1;
            self.off += self.strides[d];
            if self.coords[d] < self.shape[d] {
                break;
            }
            self.off -= self.strides[d] * self.shape[d] as isize;
            self.coords[d] = 0;
        }
        Some(here)
    }
}

/// The unsigned integer dtype of `dtype`'s size: gathers and scatters move bits, so one loop per
/// element size serves every dtype (complex128 keeps its own 16-byte type).
pub fn bits_dtype(dtype: DType) -> DType {
    match dtype.itemsize() {
        1 => DType::UInt8,
        2 => DType::UInt16,
        4 => DType::UInt32,
        8 => DType::UInt64,
        _ => dtype,
    }
}
