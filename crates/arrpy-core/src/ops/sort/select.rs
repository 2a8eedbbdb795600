//! `partition`/`argpartition` and `lexsort`.
//!
//! NumPy's partition only promises that the element at each `kth` is the one a sort would put
//! there, with no larger element before it and no smaller one after. A stable sort keeps that
//! promise, so partition here is the sort (and argpartition the stable argsort): one answer,
//! the same at every tier.

use super::lanes::{filled, gather, lane_offsets, scatter, Plan};
use super::order::SortElement;
use super::{along, argsort, argsort_values, sort, ArgScratch};
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::DType;
use crate::error::{normalize_axis, Error, Result};
use crate::kernels::{current_tier, trace, SendPtr};
use crate::with_dtype;

/// Checks every `kth` against the length of the axis (negative ones count from the end).
fn check_kth(a: &Array, kth: &[isize], axis: Option<isize>) -> Result<()> {
    let (a, axis) = along(a, axis)?;
    let n = a.shape()[axis] as isize;
    for &k in kth {
        // NumPy names a negative kth after adding the length.
        let k = if k < 0 { k + n } else { k };
        if k < 0 || k >= n {
            return Err(Error::Value(format!("kth(={k}) out of bounds ({n})")));
        }
    }
    Ok(())
}

/// `numpy.partition(a, kth, axis)`.
pub fn partition(a: &Array, kth: &[isize], axis: Option<isize>) -> Result<Array> {
    check_kth(a, kth, axis)?;
    sort(a, axis, false)
}

/// `numpy.argpartition(a, kth, axis)`.
pub fn argpartition(a: &Array, kth: &[isize], axis: Option<isize>) -> Result<Array> {
    check_kth(a, kth, axis)?;
    argsort(a, axis, false)
}

/// `numpy.lexsort(keys, axis)`: int64 indices that sort by the last key, ties broken by the
/// one before it, and so on; stable. Each key is one stable argsort pass over the order the
/// earlier (less significant) keys left.
pub fn lexsort(keys: &[Array], axis: isize) -> Result<Array> {
    let Some(first) = keys.first() else {
        return Err(Error::Type(
            "need sequence of keys with len > 0 in lexsort".into(),
        ));
    };
    if keys.iter().any(|k| k.shape() != first.shape()) {
        return Err(Error::Value("all keys need to be the same shape".into()));
    }
    let axis = normalize_axis(axis, first.ndim())?;
    let n = first.shape()[axis];
    let out = Array::empty(DType::Int64, first.shape())?;
    if out.size() == 0 {
        return Ok(out);
    }
    let lanes = lane_offsets(first, axis)?;
    let plan = Plan::new(current_tier(), 1, n);
    // order[l * n..(l + 1) * n]: the order of lane l so far.
    let mut order = filled(lanes.len().saturating_mul(n), 0usize)?;
    order
        .chunks_mut(n.max(1))
        .for_each(|o| o.iter_mut().enumerate().for_each(|(i, x)| *x = i));
    for key in keys {
        trace::record("lexsort", key.dtype(), plan.vector(), plan.threaded());
        let offsets = lane_offsets(key, axis)?;
        with_dtype!(key.dtype(), T => refine::<T>(key, axis, &offsets, &plan, &mut order, n))?;
    }
    let mut index = vec_with_capacity(n)?;
    let (dst, ds) = (out.data_ptr(), out.strides()[axis]);
    for (l, &offset) in lane_offsets(&out, axis)?.iter().enumerate() {
        index.clear();
        index.extend(order[l * n..(l + 1) * n].iter().map(|&i| i as i64));
        // SAFETY: lane l of the fresh `out` has n int64 elements at stride ds.
        unsafe { scatter(&index, SendPtr(dst.offset(offset)), ds) };
    }
    Ok(out)
}

/// One lexsort pass: each lane's order re-sorted, stably, by `key`.
fn refine<T: SortElement>(
    key: &Array,
    axis: usize,
    offsets: &[isize],
    plan: &Plan,
    order: &mut [usize],
    n: usize,
) -> Result<()> {
    let mut lane = vec_with_capacity::<T>(n)?;
    let mut permuted = vec_with_capacity::<T>(n)?;
    let mut s = ArgScratch::<T::Key>::new(n)?;
    let mut before = filled(n, 0usize)?;
    for (l, &offset) in offsets.iter().enumerate() {
        // SAFETY: lane l of `key` has n elements at the axis stride.
        unsafe {
            gather::<T>(
                key.data_ptr().offset(offset),
                key.strides()[axis],
                n,
                &mut lane,
            )
        };
        let o = &mut order[l * n..(l + 1) * n];
        permuted.clear();
        permuted.extend(o.iter().map(|&i| lane[i]));
        argsort_values(plan, &permuted, &mut s);
        before.copy_from_slice(o);
        for (slot, &j) in o.iter_mut().zip(&s.index) {
            *slot = before[j];
        }
    }
    Ok(())
}
