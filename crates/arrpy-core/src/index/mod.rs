//! Index keys and their resolution, NumPy's rules: `a[key]` and `a[key] = value` both start here.
//!
//! A key is a list of [`IndexItem`]s (Python's tuple key; a lone item is a one-item key).
//! [`resolve`] applies the basic items (integers, slices, `...`, `None`) as a view and sets the
//! advanced ones (integer arrays, boolean masks) aside with the view axes they index, plus where
//! NumPy puts the advanced result dimensions. Gathers and scatters over those axes are the job of
//! `ops::index`; a key without advanced items is fully served by the view.

mod resolve;
mod slice;

pub use resolve::resolve;
pub use slice::{Slice, SliceIndices};

use crate::array::Array;
use crate::error::{Error, Result};
use crate::layout::{self, Shape};
use smallvec::SmallVec;

/// One element of an index key.
#[derive(Clone, Debug)]
pub enum IndexItem {
    /// Picks one position (negative counts from the end) and drops the axis.
    Int(isize),
    /// Keeps the axis, sliced.
    Slice(Slice),
    /// Stands for as many `:` as the other items leave axes; at most one per key.
    Ellipsis,
    /// Inserts a length-1 axis (`None`, `numpy.newaxis`).
    NewAxis,
    /// An array of integer positions along one axis (advanced indexing). Boxed, as is the
    /// mask: an inline `Array` made every key (and every basic `x[2:50:3]`) ~40% slower.
    IntArray(Box<Array>),
    /// A boolean array covering as many axes as it has dimensions (advanced indexing); a 0-d
    /// mask covers none and adds a length-1 (True) or length-0 (False) dimension.
    BoolMask(Box<Array>),
}

impl IndexItem {
    pub fn int_array(a: Array) -> IndexItem {
        IndexItem::IntArray(Box::new(a))
    }
    pub fn mask(m: Array) -> IndexItem {
        IndexItem::BoolMask(Box::new(m))
    }
}

/// The items of a key; most keys are short, so they live on the stack.
pub type Key = SmallVec<[IndexItem; 4]>;

/// An advanced item, set aside by [`resolve`].
#[derive(Clone, Debug)]
pub enum Advanced {
    IntArray(Box<Array>),
    BoolMask(Box<Array>),
}

/// An advanced item and the first axis of [`Resolved::view`] it indexes.
#[derive(Clone, Debug)]
pub struct AdvancedIndex {
    pub axis: usize,
    /// The first axis of the indexed array it indexes (error messages name these, as NumPy).
    pub src_axis: usize,
    pub item: Advanced,
}

impl AdvancedIndex {
    /// How many axes of the view this item indexes (and removes from the result).
    pub fn axes(&self) -> usize {
        match &self.item {
            Advanced::IntArray(_) => 1,
            Advanced::BoolMask(m) => m.ndim(),
        }
    }
}

/// A key applied to an array.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The basic items applied. Every axis an advanced item indexes is kept whole.
    pub view: Array,
    /// The advanced items in key order, with the view axes they index (ascending, disjoint).
    /// A Vec: empty (no allocation) for basic keys, and small to move.
    pub advanced: Vec<AdvancedIndex>,
    /// Where the advanced result dimensions go among the remaining axes of the view: before
    /// the `advanced_at`-th one. NumPy's rule: in place of the advanced items when they (and
    /// any integers among them) are adjacent in the key, else first.
    pub advanced_at: usize,
}

impl Resolved {
    /// Whether the view alone is the result (no advanced items).
    pub fn is_basic(&self) -> bool {
        self.advanced.is_empty()
    }

    /// The broadcast shape of the advanced items: each integer array as it is, each mask as
    /// the 1-d positions of its true elements. Counting a mask reads its elements.
    pub fn index_shape(&self) -> Result<Shape> {
        let mut shapes: SmallVec<[Shape; 2]> = SmallVec::new();
        for adv in &self.advanced {
            shapes.push(match &adv.item {
                Advanced::IntArray(a) => a.shape().into(),
                Advanced::BoolMask(m) => {
                    let count = crate::ops::reduce::logic::count_nonzero(m, None, false)?.item()?;
                    let count = count.as_i128().and_then(|c| usize::try_from(c).ok());
                    SmallVec::from_elem(count.unwrap_or(0), 1)
                }
            });
        }
        let views: SmallVec<[&[usize]; 2]> = shapes.iter().map(|s| s.as_slice()).collect();
        layout::broadcast_shapes(&views).map_err(|_| {
            let list: Vec<String> = views.iter().map(|s| layout::format_shape(s)).collect();
            Error::Index(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
                list.join(" ")
            ))
        })
    }

    /// The shape of `a[key]`: the view's axes less the advanced ones, with `index_shape` (the
    /// advanced items' broadcast shape) inserted at `advanced_at`.
    pub fn result_shape(&self, index_shape: &[usize]) -> Result<Shape> {
        if self.is_basic() {
            return Ok(self.view.shape().into());
        }
        let mut kept: Shape = SmallVec::new();
        let mut axis = 0;
        for adv in &self.advanced {
            kept.extend_from_slice(&self.view.shape()[axis..adv.axis]);
            axis = adv.axis + adv.axes();
        }
        kept.extend_from_slice(&self.view.shape()[axis..]);
        let at = self.advanced_at.min(kept.len());
        let mut shape: Shape = SmallVec::new();
        shape.extend_from_slice(&kept[..at]);
        shape.extend_from_slice(index_shape);
        shape.extend_from_slice(&kept[at..]);
        if shape.len() > layout::MAX_DIMS {
            return Err(too_many_result_dims(shape.len()));
        }
        Ok(shape)
    }
}

/// NumPy's IndexError for a result with more than `MAX_DIMS` dimensions.
pub(crate) fn too_many_result_dims(ndim: usize) -> Error {
    Error::Index(format!(
        "number of dimensions must be within [0, {}], indexing result would have {ndim}",
        layout::MAX_DIMS
    ))
}
