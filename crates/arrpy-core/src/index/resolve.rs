//! Resolution of a key against an array: ellipsis expansion, new axes, bounds, slices, in one
//! pass that builds the view's shape, strides and offset, and NumPy's placement rule for the
//! advanced result dimensions.

use super::{too_many_result_dims, Advanced, AdvancedIndex, IndexItem, Resolved};
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{self, Shape, Strides};

/// Applies `key` to `a`: the basic items as a view, the advanced ones set aside (see
/// [`Resolved`]). Errors are NumPy's: IndexError for a second ellipsis, too many indices, an
/// integer out of bounds, a mask whose shape does not match, a float index array; ValueError
/// for a zero slice step.
pub fn resolve(a: &Array, key: &[IndexItem]) -> Result<Resolved> {
    let ndim = a.ndim();
    let (mut consumed, mut ints, mut new_axes, mut ellipses) = (0usize, 0usize, 0usize, 0usize);
    for item in key {
        match item {
            IndexItem::Int(_) => {
                consumed += 1;
                ints += 1;
            }
            IndexItem::Slice(_) | IndexItem::IntArray(_) => consumed += 1,
            IndexItem::BoolMask(m) => consumed += m.ndim(),
            IndexItem::NewAxis => new_axes += 1,
            IndexItem::Ellipsis => ellipses += 1,
        }
    }
    if ellipses > 1 {
        return Err(Error::Index(
            "an index can only have a single ellipsis ('...')".into(),
        ));
    }
    let view_ndim = (ndim + new_axes).saturating_sub(ints);
    if view_ndim > layout::MAX_DIMS {
        return Err(too_many_result_dims(view_ndim));
    }
    if consumed > ndim {
        return Err(Error::Index(format!(
            "too many indices for array: array is {ndim}-dimensional, but {consumed} were indexed"
        )));
    }

    let (shape_in, strides_in) = (a.shape(), a.strides());
    let mut shape = Shape::new();
    let mut strides = Strides::new();
    // Every offset stays within the buffer (the elements a view addresses lie inside it), so
    // the sums below cannot overflow.
    let mut offset = a.offset() as isize;
    let mut advanced = Vec::new();
    let mut placement = Placement::default();
    // The next axis of `a` to consume; error messages name axes of `a`, as NumPy does.
    let mut src = 0usize;
    for item in key {
        match item {
            IndexItem::Int(i) => {
                let d = shape_in[src] as isize;
                if *i < -d || *i >= d {
                    return Err(Error::Index(format!(
                        "index {i} is out of bounds for axis {src} with size {d}"
                    )));
                }
                offset += if *i < 0 { i + d } else { *i } * strides_in[src];
                src += 1;
                placement.fancy(shape.len());
            }
            IndexItem::Slice(s) => {
                let ind = s.indices(shape_in[src])?;
                if ind.len > 0 {
                    offset += ind.start * strides_in[src];
                }
                shape.push(ind.len);
                // The product overflows only for a step so large that one element is selected,
                // and a length-1 axis is never stepped along.
                strides.push(strides_in[src].checked_mul(ind.step).unwrap_or(0));
                src += 1;
                placement.basic();
            }
            IndexItem::NewAxis => {
                shape.push(1);
                strides.push(0);
                placement.basic();
            }
            IndexItem::Ellipsis => {
                let n = ndim - consumed;
                shape.extend_from_slice(&shape_in[src..src + n]);
                strides.extend_from_slice(&strides_in[src..src + n]);
                src += n;
                // Even an ellipsis standing for no axes separates advanced items (NumPy).
                placement.basic();
            }
            IndexItem::IntArray(arr) => {
                if !arr.dtype().is_integer() {
                    return Err(Error::Index(
                        "arrays used as indices must be of integer (or boolean) type".into(),
                    ));
                }
                placement.fancy(shape.len());
                advanced.push(AdvancedIndex {
                    axis: shape.len(),
                    src_axis: src,
                    item: Advanced::IntArray(arr.clone()),
                });
                shape.push(shape_in[src]);
                strides.push(strides_in[src]);
                src += 1;
            }
            IndexItem::BoolMask(m) => {
                if m.dtype() != DType::Bool {
                    return Err(Error::Type(format!(
                        "a boolean mask must have dtype bool, not {}",
                        m.dtype().name()
                    )));
                }
                let k = m.ndim();
                for (j, (&md, &d)) in m.shape().iter().zip(&shape_in[src..src + k]).enumerate() {
                    if md != d {
                        return Err(Error::Index(format!(
                            "boolean index did not match indexed array along axis {}; size of \
                             axis is {d} but size of corresponding boolean axis is {md}",
                            src + j
                        )));
                    }
                }
                placement.fancy(shape.len());
                advanced.push(AdvancedIndex {
                    axis: shape.len(),
                    src_axis: src,
                    item: Advanced::BoolMask(m.clone()),
                });
                shape.extend_from_slice(&shape_in[src..src + k]);
                strides.extend_from_slice(&strides_in[src..src + k]);
                src += k;
            }
        }
    }
    // Axes the key does not reach are kept whole (an implicit trailing ellipsis).
    shape.extend_from_slice(&shape_in[src..]);
    strides.extend_from_slice(&strides_in[src..]);
    Ok(Resolved {
        view: a.view(shape, strides, offset as usize),
        advanced_at: placement.at(),
        advanced,
    })
}

/// NumPy's rule for where advanced result dimensions go: integers count as advanced items
/// here; any slice, new axis or ellipsis after the first advanced item and before another one
/// separates them, and separated advanced dimensions go first.
#[derive(Default)]
struct Placement {
    /// The number of result axes before the first advanced item, once one was seen.
    first: Option<usize>,
    /// A basic item came after the first advanced item.
    gap: bool,
    separated: bool,
}

impl Placement {
    /// An advanced item (or an integer) when `axes` result axes precede it.
    fn fancy(&mut self, axes: usize) {
        match self.first {
            None => self.first = Some(axes),
            Some(_) if self.gap => self.separated = true,
            Some(_) => {}
        }
    }

    fn basic(&mut self) {
        if self.first.is_some() {
            self.gap = true;
        }
    }

    fn at(&self) -> usize {
        if self.separated {
            0
        } else {
            self.first.unwrap_or(0)
        }
    }
}
