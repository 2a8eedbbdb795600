//! take / put and their relatives, as keys for the gather and scatter of `a[key]`: take is
//! `a[:, …, indices]`, take_along_axis and put_along_axis index every axis with broadcast
//! aranges, compress and extract take the positions of a condition, put and place write
//! through the flat (C-order) positions of `a`.

use super::{get, nonzero::flatnonzero, set};
use crate::array::Array;
use crate::dtype::{Casting, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::index::{IndexItem, Key, Slice};
use crate::ops::cast::astype;

/// What happens to an index outside `[-n, n)` (NumPy's `mode`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Raise,
    Wrap,
    Clip,
}

impl Mode {
    pub fn from_name(name: &str) -> Result<Mode> {
        match name {
            "raise" => Ok(Mode::Raise),
            "wrap" => Ok(Mode::Wrap),
            "clip" => Ok(Mode::Clip),
            _ => Err(Error::Value(format!(
                "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{name}')"
            ))),
        }
    }
}

/// `indices` as an int64 array; for `Wrap`/`Clip`, mapped into `[0, n)`. Non-integers refuse as
/// NumPy's safe cast to intp does.
fn mode_indices(indices: &Array, n: usize, mode: Mode) -> Result<Array> {
    if !indices.dtype().is_integer() {
        return Err(Error::Type(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'same_kind'",
            indices.dtype().name()
        )));
    }
    if mode == Mode::Raise {
        return Ok(indices.clone());
    }
    if n == 0 && indices.size() > 0 {
        return Err(Error::Index(
            "cannot do a non-empty take from an empty axes.".into(),
        ));
    }
    let mut v = astype(indices, DType::Int64)?.to_vec::<i64>()?;
    let n = n as i64;
    for i in v.iter_mut() {
        *i = match mode {
            Mode::Wrap => i.rem_euclid(n),
            _ => (*i).clamp(0, n - 1),
        };
    }
    Array::from_vec(v, indices.shape())
}

/// A key of `axis` full slices, then `item`.
fn along(axis: usize, item: IndexItem) -> Key {
    let mut key: Key = (0..axis).map(|_| IndexItem::Slice(Slice::FULL)).collect();
    key.push(item);
    key
}

/// `a` flattened (a view when the layout allows) when `axis` is None, else `a` with the axis
/// normalized.
fn flat_or_axis(a: &Array, axis: Option<isize>) -> Result<(Array, usize)> {
    match axis {
        None => Ok((a.reshape(&[-1])?, 0)),
        Some(ax) => Ok((a.clone(), normalize_axis(ax, a.ndim())?)),
    }
}

/// `numpy.take(a, indices, axis, mode=)`.
pub fn take(a: &Array, indices: &Array, axis: Option<isize>, mode: Mode) -> Result<Array> {
    let (a, axis) = flat_or_axis(a, axis)?;
    let idx = mode_indices(indices, a.shape()[axis], mode)?;
    let r = get(&a, &along(axis, IndexItem::int_array(idx)))?;
    // A 0-d index selects a view; take always returns a new array.
    if indices.ndim() == 0 {
        return r.copy();
    }
    Ok(r)
}

/// `numpy.compress(condition, a, axis)`: the slices of `a` along `axis` where the 1-d
/// `condition` is true (a condition longer than the axis must be false past it).
pub fn compress(condition: &Array, a: &Array, axis: Option<isize>) -> Result<Array> {
    if condition.ndim() != 1 {
        return Err(Error::Value("condition must be a 1-d array".into()));
    }
    take(a, &flatnonzero(condition)?, axis, Mode::Raise)
}

/// `numpy.extract(condition, arr)`: the elements of `arr` (C order) where `condition` is true.
pub fn extract(condition: &Array, arr: &Array) -> Result<Array> {
    take(arr, &flatnonzero(condition)?, None, Mode::Raise)
}

/// The key of `take_along_axis`: `indices` on `axis`, an arange on each other axis, shaped to
/// broadcast along its own axis only.
fn along_axis_key(arr: &Array, indices: &Array, axis: usize) -> Result<Key> {
    if indices.ndim() != arr.ndim() {
        return Err(Error::Value(
            "`indices` and `arr` must have the same number of dimensions".into(),
        ));
    }
    if !indices.dtype().is_integer() {
        return Err(Error::Index("`indices` must be an integer array".into()));
    }
    let nd = arr.ndim();
    (0..nd)
        .map(|d| {
            if d == axis {
                return Ok(IndexItem::int_array(indices.clone()));
            }
            let n = arr.shape()[d];
            let mut shape = vec![1usize; nd];
            shape[d] = n;
            let mut positions = crate::buffer::vec_with_capacity(n)?;
            positions.extend(0..n as i64);
            Ok(IndexItem::int_array(Array::from_vec(positions, &shape)?))
        })
        .collect()
}

/// `numpy.take_along_axis(arr, indices, axis)` (axis None: of the flattened array).
pub fn take_along_axis(arr: &Array, indices: &Array, axis: Option<isize>) -> Result<Array> {
    let (arr, axis) = flat_or_axis(arr, axis)?;
    get(&arr, &along_axis_key(&arr, indices, axis)?)
}

/// `numpy.put_along_axis(arr, indices, values, axis)`.
pub fn put_along_axis(
    arr: &Array,
    indices: &Array,
    values: &Array,
    axis: Option<isize>,
    casting: Casting,
) -> Result<()> {
    let (target, axis) = match axis {
        // The flat view must be of `arr`'s own memory: a copy would receive the writes.
        None => (arr.reshape_view(&[-1])?, 0),
        Some(ax) => (arr.clone(), normalize_axis(ax, arr.ndim())?),
    };
    set(
        &target,
        &along_axis_key(&target, indices, axis)?,
        values,
        casting,
    )
}

/// `numpy.put(a, ind, v, mode=)`: `a.flat[ind] = v`, `v` repeated to the length of `ind`.
pub fn put(a: &Array, ind: &Array, v: &Array, mode: Mode, casting: Casting) -> Result<()> {
    a.check_writeable()?;
    let idx = mode_indices(ind, a.size(), mode)?;
    if idx.size() == 0 || v.size() == 0 {
        return Ok(());
    }
    let idx = super::normalized_indices(&idx, a.size(), 0)?;
    let values = cycled(v, idx.len())?;
    // Each flat position as per-axis coordinates, so that any layout of `a` is written in place.
    let nd = a.ndim().max(1);
    let shape: Vec<usize> = if a.ndim() == 0 {
        vec![1]
    } else {
        a.shape().to_vec()
    };
    let mut coords: Vec<Vec<i64>> = (0..nd)
        .map(|_| crate::buffer::vec_with_capacity(idx.len()))
        .collect::<Result<_>>()?;
    for &flat in &idx {
        let mut rest = flat as usize;
        for d in (0..nd).rev() {
            coords[d].push((rest % shape[d]) as i64);
            rest /= shape[d];
        }
    }
    let target = if a.ndim() == 0 {
        a.reshape_view(&[1])?
    } else {
        a.clone()
    };
    let key: Key = coords
        .into_iter()
        .map(|c| Ok(IndexItem::int_array(Array::from_vec(c, &[idx.len()])?)))
        .collect::<Result<_>>()?;
    set(&target, &key, &values, casting)
}

/// The first `n` elements of `v` flattened and repeated (`numpy.resize` of the flat values).
fn cycled(v: &Array, n: usize) -> Result<Array> {
    let flat = v.reshape(&[-1])?;
    let m = flat.size() as i64;
    let mut positions = crate::buffer::vec_with_capacity(n)?;
    positions.extend((0..n as i64).map(|j| j % m));
    get(
        &flat,
        &[IndexItem::int_array(Array::from_vec(positions, &[n])?)],
    )
}

/// `numpy.place(arr, mask, vals)`: the elements of `arr` where `mask` is true (C order) take the
/// values of `vals` in turn, repeated as needed.
pub fn place(arr: &Array, mask: &Array, vals: &Array) -> Result<()> {
    if mask.size() != arr.size() {
        return Err(Error::Value(
            "place: mask and data must be the same size".into(),
        ));
    }
    let ind = flatnonzero(mask)?;
    if ind.size() > 0 && vals.size() == 0 {
        return Err(Error::Value("Cannot insert from an empty array!".into()));
    }
    put(arr, &ind, vals, Mode::Raise, Casting::Unsafe)
}
