//! Views that rearrange axes without copying: flip, moveaxis, swapaxes, rollaxis, diagonal,
//! atleast_nd, broadcast_arrays, and `view(dtype)` (the same bytes read as another dtype).

use super::axes::normalize_axes;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{normalize_axis, Error, Result};
use crate::layout::{self, format_shape, Shape};

/// `numpy.flip(a, axis)`: the given axes (all for None) reversed, a view.
pub fn flip(a: &Array, axes: Option<&[isize]>) -> Result<Array> {
    let axes = match axes {
        Some(axes) => normalize_axes(axes, a.ndim(), "axis")?,
        None => (0..a.ndim()).collect(),
    };
    let mut v = a.clone();
    for ax in axes {
        let n = v.shape()[ax];
        v = v.slice_axis(ax, n.saturating_sub(1), -1, n);
    }
    Ok(v)
}

/// `numpy.moveaxis(a, source, destination)`: axes `source[i]` become `destination[i]`, the
/// others keep their order.
pub fn moveaxis(a: &Array, source: &[isize], destination: &[isize]) -> Result<Array> {
    let nd = a.ndim();
    let src = normalize_axes(source, nd, "source")?;
    let dst = normalize_axes(destination, nd, "destination")?;
    if src.len() != dst.len() {
        return Err(Error::Value(
            "`source` and `destination` arguments must have the same number of elements".into(),
        ));
    }
    let mut order: Vec<usize> = (0..nd).filter(|ax| !src.contains(ax)).collect();
    let mut moves: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
    moves.sort_unstable();
    for (d, s) in moves {
        order.insert(d, s);
    }
    permute(a, &order)
}

/// `numpy.swapaxes(a, axis1, axis2)`.
pub fn swapaxes(a: &Array, axis1: isize, axis2: isize) -> Result<Array> {
    let nd = a.ndim();
    let (i, j) = (
        named_axis(axis1, nd, "axis1")?,
        named_axis(axis2, nd, "axis2")?,
    );
    let mut order: Vec<usize> = (0..nd).collect();
    order.swap(i, j);
    permute(a, &order)
}

/// `numpy.rollaxis(a, axis, start)`: `axis` moved to sit before `start`.
pub fn rollaxis(a: &Array, axis: isize, start: isize) -> Result<Array> {
    let n = a.ndim();
    let axis = normalize_axis(axis, n)?;
    let ni = n as isize;
    let mut start_n = if start < 0 { start + ni } else { start };
    if !(0..=ni).contains(&start_n) {
        return Err(Error::Axis(format!(
            "'start' arg requires {} <= start < {}, but {start} was passed in",
            -ni,
            ni + 1
        )));
    }
    if (axis as isize) < start_n {
        start_n -= 1;
    }
    let mut order: Vec<usize> = (0..n).filter(|&ax| ax != axis).collect();
    order.insert(start_n as usize, axis);
    permute(a, &order)
}

/// `a.diagonal(offset, axis1, axis2)`: a read-only view whose last axis runs along the
/// diagonal (as NumPy's), the two axes removed.
pub fn diagonal(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Result<Array> {
    let mut v = diagonal_view(a, offset, axis1, axis2)?;
    v.set_readonly(true)?;
    Ok(v)
}

/// The diagonal view, writeable where `a` is (for filling a diagonal in place).
pub(crate) fn diagonal_view(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Result<Array> {
    let nd = a.ndim();
    if nd < 2 {
        return Err(Error::Value(
            "diag requires an array of at least two dimensions".into(),
        ));
    }
    let (i, j) = (
        named_axis(axis1, nd, "axis1")?,
        named_axis(axis2, nd, "axis2")?,
    );
    if i == j {
        return Err(Error::Value("axis1 and axis2 cannot be the same".into()));
    }
    let (rows, cols) = (a.shape()[i], a.shape()[j]);
    let skip = offset.unsigned_abs();
    let (r0, c0) = if offset >= 0 { (0, skip) } else { (skip, 0) };
    let len = rows.saturating_sub(r0).min(cols.saturating_sub(c0));
    let mut start = a.offset() as isize;
    if len > 0 {
        start += r0 as isize * a.strides()[i] + c0 as isize * a.strides()[j];
    }
    let mut shape: Shape = Shape::new();
    let mut strides = layout::Strides::new();
    for ax in (0..nd).filter(|&ax| ax != i && ax != j) {
        shape.push(a.shape()[ax]);
        strides.push(a.strides()[ax]);
    }
    shape.push(len);
    strides.push(a.strides()[i] + a.strides()[j]);
    Ok(a.view(shape, strides, start as usize))
}

/// `numpy.atleast_1d/2d/3d` of one array (`n` in 1..=3), a view: NumPy's placement of new axes
/// (a 1-d array becomes a row, and `(1, N, 1)` in 3-d; a 2-d one gets a trailing axis).
pub fn atleast_nd(a: &Array, n: usize) -> Array {
    let mut v = a.clone();
    while v.ndim() < n {
        let at = match (n, v.ndim()) {
            (3, 2) => 2,
            _ => 0,
        };
        v = v.insert_axis(at);
    }
    v
}

/// `numpy.broadcast_shapes(*shapes)` with NumPy's message naming the mismatched arguments.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Shape> {
    layout::broadcast_shapes(shapes).map_err(|_| mismatch(shapes))
}

/// `numpy.broadcast_arrays(*arrays)`: views of every array broadcast to their common shape.
pub fn broadcast_arrays(arrays: &[Array]) -> Result<Vec<Array>> {
    let shapes: Vec<&[usize]> = arrays.iter().map(Array::shape).collect();
    let shape = broadcast_shapes(&shapes)?;
    layout::checked_size(&shape)?;
    arrays.iter().map(|a| a.broadcast_to(&shape)).collect()
}

/// `numpy.broadcast_to(a, shape)`: a read-only view; NumPy's message on failure.
pub fn broadcast_to(a: &Array, shape: &[isize]) -> Result<Array> {
    if shape.iter().any(|&d| d < 0) {
        return Err(Error::Value(
            "all elements of broadcast shape must be non-negative".into(),
        ));
    }
    let target: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    layout::checked_size(&target)?;
    let mut v = a.broadcast_to(&target).map_err(|_| {
        Error::Value(format!(
            "operands could not be broadcast together with remapped shapes \
             [original->remapped]: {}  and requested shape {}",
            format_shape(a.shape()),
            format_shape(&target)
        ))
    })?;
    v.set_readonly(true)?;
    Ok(v)
}

fn mismatch(shapes: &[&[usize]]) -> Error {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    // The first pair that disagrees on an axis, as NumPy reports it.
    for ax in 0..nd {
        let dim = |s: &[usize]| (ax + s.len()).checked_sub(nd).map(|i| s[i]).unwrap_or(1);
        let mut seen: Option<usize> = None;
        for (k, s) in shapes.iter().enumerate() {
            let d = dim(s);
            if d == 1 {
                continue;
            }
            match seen {
                Some(j) if dim(shapes[j]) != d => {
                    return Error::Value(format!(
                        "shape mismatch: objects cannot be broadcast to a single shape.  \
                         Mismatch is between arg {j} with shape {} and arg {k} with shape {}.",
                        format_shape(shapes[j]),
                        format_shape(s)
                    ))
                }
                Some(_) => {}
                None => seen = Some(k),
            }
        }
    }
    Error::Value("shape mismatch: objects cannot be broadcast to a single shape".into())
}

/// `a.view(dtype)`: the same bytes read as `dtype`. A different itemsize rescales the last
/// axis, which must be contiguous and hold a whole number of new elements (NumPy's rules).
pub fn view_as_dtype(a: &Array, dtype: DType) -> Result<Array> {
    let (old, new) = (a.itemsize(), dtype.itemsize());
    if old == new {
        return Ok(a.reinterpret(dtype, a.shape().into(), a.strides().into()));
    }
    let nd = a.ndim();
    if nd == 0 {
        return Err(Error::Value(
            "Changing the dtype of a 0d array is only supported if the itemsize is unchanged"
                .into(),
        ));
    }
    let last = a.shape()[nd - 1];
    if last != 1 && a.strides()[nd - 1] != old as isize {
        return Err(Error::Value(
            "To change to a dtype of a different size, the last axis must be contiguous".into(),
        ));
    }
    let bytes = last * old;
    if !bytes.is_multiple_of(new) {
        return Err(Error::Value(
            "When changing to a larger dtype, its size must be a divisor of the total size in \
             bytes of the last axis of the array."
                .into(),
        ));
    }
    let mut shape: Shape = a.shape().into();
    let mut strides: layout::Strides = a.strides().into();
    shape[nd - 1] = bytes / new;
    strides[nd - 1] = new as isize;
    Ok(a.reinterpret(dtype, shape, strides))
}

/// `axis` normalized, its AxisError prefixed with the argument's name (NumPy's form).
fn named_axis(axis: isize, nd: usize, name: &str) -> Result<usize> {
    normalize_axis(axis, nd).map_err(|e| match e {
        Error::Axis(m) => Error::Axis(format!("{name}: {m}")),
        e => e,
    })
}

/// The view whose axis `k` is `a`'s axis `order[k]` (`order` a permutation, built here).
pub(crate) fn permute(a: &Array, order: &[usize]) -> Result<Array> {
    let axes: Vec<isize> = order.iter().map(|&k| k as isize).collect();
    a.transpose(Some(&axes))
}
