//! Edits that make a new array: `delete`, `insert`, `resize`, and `trim_zeros` (a view).
//! Inserted and kept elements are copied as runs of whole slices along the axis.

use super::order::{ravel, reshape, Order};
use super::repeat::tile;
use super::views::moveaxis;
use crate::array::Array;
use crate::error::{normalize_axis, Error, Result};
use crate::index::Slice;
use crate::ops::cast::copy_into_unchecked;

/// Where each position of the result along the axis comes from.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Source {
    Old(usize),
    New(usize),
}

/// The array flattened for `axis = None`, else itself with the axis normalized.
fn along(a: &Array, axis: Option<isize>) -> Result<(Array, usize)> {
    match axis {
        None => Ok((ravel(a, Order::C)?, 0)),
        Some(ax) => Ok((a.clone(), normalize_axis(ax, a.ndim())?)),
    }
}

fn check_index(i: isize, n: usize, axis: usize, allow_end: bool) -> Result<usize> {
    let ni = n as isize;
    let hi = if allow_end { ni } else { ni - 1 };
    if i < -ni || i > hi {
        return Err(Error::Index(format!(
            "index {i} is out of bounds for axis {axis} with size {n}"
        )));
    }
    Ok(if i < 0 { (i + ni) as usize } else { i as usize })
}

/// Copies the result along `axis` position by position as `plan` says, in runs.
fn assemble(a: &Array, new: Option<&Array>, axis: usize, plan: &[Source]) -> Result<Array> {
    let mut shape = a.shape().to_vec();
    shape[axis] = plan.len();
    let out = Array::empty(a.dtype(), &shape)?;
    let mut p = 0;
    while p < plan.len() {
        // A run of consecutive old positions is one slice copy.
        let mut q = p + 1;
        if let Source::Old(i) = plan[p] {
            while q < plan.len() && plan[q] == Source::Old(i + q - p) {
                q += 1;
            }
            copy_into_unchecked(
                &out.slice_axis(axis, p, 1, q - p),
                &a.slice_axis(axis, i, 1, q - p),
            )?;
        } else if let (Source::New(k), Some(new)) = (plan[p], new) {
            copy_into_unchecked(
                &out.slice_axis(axis, p, 1, 1),
                &new.slice_axis(axis, k, 1, 1),
            )?;
        }
        p = q;
    }
    Ok(out)
}

/// What `delete` removes: indices, or a boolean mask over the axis.
pub enum DeleteSpec {
    Indices(Vec<isize>),
    Mask(Vec<bool>),
}

/// `numpy.delete(arr, obj, axis)`: a copy without the given positions along `axis`.
pub fn delete(a: &Array, obj: &DeleteSpec, axis: Option<isize>) -> Result<Array> {
    let (a, axis) = along(a, axis)?;
    let n = a.shape()[axis];
    let mut keep = crate::buffer::vec_with_capacity::<bool>(n)?;
    keep.resize(n, true);
    match obj {
        DeleteSpec::Mask(mask) => {
            if mask.len() != n {
                return Err(Error::Value(format!(
                    "boolean array argument obj to delete must be one dimensional and match \
                     the axis length of {n}"
                )));
            }
            keep.iter_mut().zip(mask).for_each(|(k, &m)| *k = !m);
        }
        DeleteSpec::Indices(idx) => {
            for &i in idx {
                keep[check_index(i, n, axis, false)?] = false;
            }
        }
    }
    let plan: Vec<Source> = (0..n).filter(|&i| keep[i]).map(Source::Old).collect();
    assemble(&a, None, axis, &plan)
}

/// Where `insert` puts its values, as NumPy 2 reads `obj`.
pub enum InsertSpec {
    /// A single int (or 0-d integer array).
    Scalar(isize),
    /// Integers of one dimension.
    Indices(Vec<isize>),
    /// A one-dimensional boolean array: its true positions (NumPy 2's `flatnonzero(obj)`; its
    /// length need not match the axis).
    Mask(Vec<bool>),
    /// The positions `slice.indices(n)` gives along the axis.
    Slice(Slice),
}

/// `numpy.insert(arr, obj, values, axis)`. A scalar `obj` inserts a block whose axis comes
/// from the values' first axis, as NumPy; one position of any other kind inserts a block too,
/// without moving that axis; more positions insert one value each, at its index in the
/// original array.
pub fn insert(a: &Array, obj: &InsertSpec, values: &Array, axis: Option<isize>) -> Result<Array> {
    let (a, axis) = along(a, axis)?;
    let n = a.shape()[axis];
    let scalar = matches!(obj, InsertSpec::Scalar(_));
    let positions: Vec<isize> = match obj {
        InsertSpec::Scalar(i) => vec![*i],
        InsertSpec::Indices(idx) => idx.clone(),
        InsertSpec::Mask(mask) => (0..mask.len())
            .filter(|&i| mask[i])
            .map(|i| i as isize)
            .collect(),
        InsertSpec::Slice(s) => {
            let r = s.indices(n)?;
            (0..r.len).map(|k| r.start + k as isize * r.step).collect()
        }
    };
    let obj = positions.as_slice();
    let mut v = values.clone();
    while v.ndim() < a.ndim() {
        v = v.insert_axis(0);
    }
    if obj.len() == 1 {
        let at = check_index(obj[0], n, axis, true)?;
        if scalar {
            v = moveaxis(&v, &[0], &[axis as isize])?;
        }
        let count = v.shape().get(axis).copied().unwrap_or(1);
        let mut slot = a.shape().to_vec();
        slot[axis] = count;
        let v = v.broadcast_to(&slot)?;
        let plan: Vec<Source> = (0..at)
            .map(Source::Old)
            .chain((0..count).map(Source::New))
            .chain((at..n).map(Source::Old))
            .collect();
        return assemble(&a, Some(&v), axis, &plan);
    }
    let mut at: Vec<(usize, usize)> = obj
        .iter()
        .enumerate()
        .map(|(k, &i)| Ok((check_index(i, n, axis, true)?, k)))
        .collect::<Result<_>>()?;
    at.sort(); // stable by (index, order given): NumPy's mergesort
    let mut slot = a.shape().to_vec();
    slot[axis] = obj.len();
    let v = v.broadcast_to(&slot)?;
    let mut plan = Vec::with_capacity(n + at.len());
    let mut next = at.iter().peekable();
    for i in 0..=n {
        while let Some(&&(_, k)) = next.peek().filter(|&&&(pos, _)| pos == i) {
            plan.push(Source::New(k));
            next.next();
        }
        if i < n {
            plan.push(Source::Old(i));
        }
    }
    assemble(&a, Some(&v), axis, &plan)
}

/// `numpy.resize(a, new_shape)`: the flattened `a` repeated (or cut) to fill `new_shape`.
pub fn resize(a: &Array, new_shape: &[isize]) -> Result<Array> {
    if new_shape.iter().any(|&d| d < 0) {
        return Err(Error::Value(
            "all elements of `new_shape` must be non-negative".into(),
        ));
    }
    let dims: Vec<usize> = new_shape.iter().map(|&d| d as usize).collect();
    let size = crate::layout::checked_size(&dims)?;
    if a.size() == 0 || size == 0 {
        return Array::zeros(a.dtype(), &dims);
    }
    let reps = size.div_ceil(a.size());
    let flat = tile(&ravel(a, Order::C)?, &[reps as isize])?;
    reshape(&flat.slice_axis(0, 0, 1, size), new_shape, Order::C, None)
}

/// `numpy.trim_zeros(filt, trim, axis)`: a view without the leading (`front`) and trailing
/// (`back`) hyperplanes that are all zero, along `axes` (all when None).
pub fn trim_zeros(a: &Array, front: bool, back: bool, axes: Option<&[isize]>) -> Result<Array> {
    let axes = match axes {
        Some(axes) => super::normalize_axes(axes, a.ndim(), "axis")?,
        None => (0..a.ndim()).collect(),
    };
    let nd = a.ndim();
    let (mut lo, mut hi) = (vec![usize::MAX; nd], vec![0usize; nd]);
    let mut index = vec![0usize; nd];
    for (k, s) in a.to_scalars()?.into_iter().enumerate() {
        let mut rest = k;
        for ax in (0..nd).rev() {
            index[ax] = rest % a.shape()[ax];
            rest /= a.shape()[ax];
        }
        if s.as_complex() != num_complex::Complex64::new(0.0, 0.0) {
            for ax in 0..nd {
                lo[ax] = lo[ax].min(index[ax]);
                hi[ax] = hi[ax].max(index[ax] + 1);
            }
        }
    }
    let mut v = a.clone();
    for ax in axes {
        let n = v.shape()[ax];
        // All zero: whichever side is trimmed empties the axis.
        let (start, end) = if lo[ax] == usize::MAX {
            (n, 0)
        } else {
            (lo[ax], hi[ax])
        };
        let start = if front { start } else { 0 };
        let end = if back { end } else { n };
        let start = start.min(end);
        v = v.slice_axis(ax, start, 1, end - start);
    }
    Ok(v)
}
