//! `a[key] = value` for keys with advanced items. Every index is checked and the value cast and
//! broadcast before the first write, so a failing assignment leaves `a` unchanged. Positions
//! are written in the order of the result's elements (C order), so with repeated indices the
//! last write wins, as in NumPy; the value is copied first when it shares memory with `a`.
//!
//! Tiers: reference writes element by element; simd writes row by row in typed runs (one value
//! repeated, or a contiguous value). Scatters stay on one thread at every tier: repeated indices
//! make chunks of the value race for one element, and the last write must win.

use super::selection::{bits_dtype, Selection, StridedOffsets};
use crate::array::Array;
use crate::dtype::{can_cast, Casting};
use crate::error::{Error, Result};
use crate::index::{Advanced, Resolved};
use crate::iter::LoopPlan;
use crate::kernels::{current_tier, trace};
use crate::layout;
use crate::ops::cast::{astype, casting_name};
use crate::optable::SCATTER_INFO;
use crate::overlap::may_share_memory;
use crate::with_dtype;

/// Writes `value` (broadcast to the shape of `a[key]`, cast under `casting`) to the elements
/// `r` selects.
pub fn scatter(r: &Resolved, value: &Array, casting: Casting) -> Result<()> {
    let dtype = r.view.dtype();
    r.view.check_writeable()?;
    if !can_cast(value.dtype(), dtype, casting) {
        return Err(Error::Type(format!(
            "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
            value.dtype().name(),
            dtype.name(),
            casting_name(casting)
        )));
    }
    let sel = Selection::new(r)?;
    check_lone_mask_value(r, value, sel.offsets.len())?;
    // NumPy drops leading length-1 axes of a value with more dimensions than the result.
    let mut value = value.clone();
    while value.ndim() > sel.shape.len() && value.shape()[0] == 1 {
        value = value.index_axis(0, 0)?;
    }
    let value = &value;
    let strides = value.strides_for(&sel.shape).map_err(|_| {
        Error::Value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result \
             of shape {}",
            layout::format_shape(value.shape()),
            layout::format_shape(&sel.shape)
        ))
    })?;
    // A private copy when the dtype differs or `a`'s memory may change under the reads.
    let value = if value.dtype() != dtype || may_share_memory(&r.view, value) {
        astype(value, dtype)?
    } else {
        value.clone()
    };
    let strides = if value.size() == 1 {
        layout::c_strides(&sel.shape, 0)
    } else {
        value.strides_for(&sel.shape).unwrap_or(strides)
    };
    let exec = SCATTER_INFO.exec(current_tier(), dtype);
    trace::record(exec.op, dtype, exec.vector, false);
    with_dtype!(bits_dtype(dtype), T => {
        if exec.vector {
            scatter_rows::<T>(&sel, &value, &strides)
        } else {
            scatter_reference::<T>(&sel, &value, &strides)
        }
    })
}

/// NumPy's own rules for `a[mask] = value` with one mask over all of `a`: the value must be
/// 0-d or 1-d, and a 1-d value has one element or one per true element.
fn check_lone_mask_value(r: &Resolved, value: &Array, count: usize) -> Result<()> {
    let [adv] = r.advanced.as_slice() else {
        return Ok(());
    };
    if !matches!(adv.item, Advanced::BoolMask(_)) || adv.axes() != r.view.ndim() {
        return Ok(());
    }
    if value.ndim() > 1 {
        return Err(Error::Type(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input \
             has {} dimensions",
            value.ndim()
        )));
    }
    if value.ndim() == 1 && value.size() != 1 && value.size() != count {
        return Err(Error::Value(format!(
            "NumPy boolean array indexing assignment cannot assign {} input values to the {count} \
             output values where the mask is true",
            value.size()
        )));
    }
    Ok(())
}

/// The reference loop: each element of the result's shape in C order, the value read through
/// its broadcast strides.
fn scatter_reference<T: Copy>(sel: &Selection, value: &Array, strides: &[isize]) -> Result<()> {
    let (dst, src) = (sel.view.data_ptr(), value.data_ptr());
    let mut reads = StridedOffsets::new(&sel.shape, strides);
    for row in 0..sel.rows() {
        let base = sel.row_offset(row);
        for inner in StridedOffsets::new(&sel.inner_shape, &sel.inner_strides) {
            let v = reads.next().unwrap_or(0);
            // SAFETY: destination offsets were bounds-checked (`Selection::new`); the value
            // covers the result's shape through `strides`; the view is writeable.
            unsafe {
                let x = src.offset(v).cast::<T>().read_unaligned();
                dst.offset(base + inner).cast::<T>().write_unaligned(x);
            }
        }
    }
    Ok(())
}

/// Row by row in typed runs: a single value is stored everywhere, a C-contiguous value read in
/// step; any other value is first made C-contiguous in the result's shape.
fn scatter_rows<T: Copy>(sel: &Selection, value: &Array, strides: &[isize]) -> Result<()> {
    let single = value.size() == 1;
    let owned;
    let value = if single || strides == layout::c_strides(&sel.shape, value.itemsize()).as_slice() {
        value
    } else {
        owned = value.broadcast_to(&sel.shape)?.copy()?;
        &owned
    };
    let plan = LoopPlan::<1>::in_c_order(&sel.inner_shape, [&sel.inner_strides]);
    let (dst, src) = (sel.view.data_ptr(), value.data_ptr().cast::<T>());
    let mut k = 0usize;
    for row in 0..sel.rows() {
        let base = sel.row_offset(row);
        plan.for_each_run(0, sel.inner_size, |len, [o], [s]| {
            // SAFETY: as in `scatter_reference`; `src` holds one element (single) or the
            // result's size in C order, and `k + len` stays within it.
            unsafe {
                let d = dst.offset(base + o);
                for i in 0..len {
                    let x = src.add(if single { 0 } else { k + i }).read_unaligned();
                    d.offset(i as isize * s).cast::<T>().write_unaligned(x);
                }
            }
            k += len;
        });
    }
    Ok(())
}
