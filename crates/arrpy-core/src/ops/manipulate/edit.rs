//! Edits that make a new array: `delete`, `insert`, `resize`, and `trim_zeros` (a view).
//! Inserted and kept elements are copied as runs of whole slices along the axis.

use super::order::{ravel, reshape, Order};
use super::repeat::tile;
use super::views::moveaxis;
use crate::array::Array;
use crate::dtype::{DType, Kind};
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
    /// Integers of one dimension, with their dtype (NumPy shifts them in it).
    Indices(Vec<isize>, DType),
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
    let (positions, dtype): (Vec<isize>, DType) = match obj {
        InsertSpec::Scalar(i) => (vec![*i], DType::Int64),
        InsertSpec::Indices(idx, dtype) => (idx.clone(), *dtype),
        InsertSpec::Mask(mask) => {
            let true_at = (0..mask.len()).filter(|&i| mask[i]);
            (true_at.map(|i| i as isize).collect(), DType::Int64)
        }
        InsertSpec::Slice(s) => {
            let r = s.indices(n)?;
            let at = (0..r.len).map(|k| r.start + k as isize * r.step);
            (at.collect(), DType::Int64)
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
    let plan = insert_plan(obj, dtype, n, axis)?;
    let mut slot = a.shape().to_vec();
    slot[axis] = obj.len();
    let v = v.broadcast_to(&slot)?;
    assemble(&a, Some(&v), axis, &plan)
}

/// Where each element of the result comes from when `idx` (not one index) is inserted into an
/// axis of `n`, computed as NumPy 2 does, in the indices' own dtype: negative indices move up by
/// `n` (OverflowError where the dtype cannot hold `n`; unsigned dtypes cannot take the shifts
/// at all), each index in stable sorted order moves right by its rank (wrapping in the dtype),
/// and the results index the new axis. Positions past it are an IndexError; two alike leave too
/// many places for the old elements, a ValueError.
fn insert_plan(idx: &[isize], dtype: DType, n: usize, axis: usize) -> Result<Vec<Source>> {
    let bits = 8 * dtype.itemsize() as u32;
    if dtype.kind() == Kind::Unsigned {
        // uint64 + int64 promotes to float64; narrower ones to int64.
        let shift = if bits == 64 { "float64" } else { "int64" };
        return Err(Error::Type(format!(
            "Cannot cast ufunc 'add' output from dtype('{shift}') to dtype('{}') with casting \
             rule 'same_kind'",
            dtype.name()
        )));
    }
    if bits < 64 && n as u64 >= 1 << (bits - 1) {
        return Err(Error::Overflow(format!(
            "Python integer {n} out of bounds for {}",
            dtype.name()
        )));
    }
    let wrap = |x: i64| (x << (64 - bits)) >> (64 - bits);
    let shifted: Vec<i64> = idx
        .iter()
        .map(|&i| if i < 0 { i as i64 + n as i64 } else { i as i64 })
        .collect();
    let mut order: Vec<usize> = (0..idx.len()).collect();
    order.sort_by_key(|&k| shifted[k]); // stable: NumPy's mergesort
    let size = n + idx.len();
    let mut plan = vec![None; size];
    for (rank, &k) in order.iter().enumerate() {
        let p = wrap(shifted[k].wrapping_add(rank as i64));
        let p = isize::try_from(p).unwrap_or(isize::MAX);
        plan[check_index(p, size, axis, false)?] = Some(Source::New(k));
    }
    let free = plan.iter().filter(|s| s.is_none()).count();
    if free != n {
        return Err(Error::Value(format!(
            "shape mismatch: {n} elements of axis {axis} cannot fill the {free} places that \
             insert's {} positions leave (two of them are the same after NumPy's shifts)",
            idx.len()
        )));
    }
    let mut old = (0..n).map(Source::Old); // exactly one for each free place
    Ok(plan
        .into_iter()
        .map(|s| s.or_else(|| old.next()).unwrap_or(Source::Old(0)))
        .collect())
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
