//! `repeat` and `tile`. Uniform repeats run the repeat-copy kernel (each element written r
//! times); tiles are one broadcast copy into a view of the result with an extra axis per axis
//! (so they run the copy kernels of every tier); per-element repeat counts copy one slice per
//! input index.

use super::order::{ravel, Order};
use crate::array::Array;
use crate::error::{normalize_axis, Error, Result};
use crate::layout::{self, format_shape, Shape, Strides};
use crate::ops::cast::{copy_into_unchecked, copy_repeated_unchecked};

/// `numpy.repeat(a, repeats, axis)`: `repeats` has one count, or one per element along `axis`
/// (`None`: along the flattened array).
pub fn repeat(a: &Array, repeats: &[i64], axis: Option<isize>) -> Result<Array> {
    // A 0-d input repeats as a 1-d one whatever the axis (as NumPy).
    let (a, axis) = match axis {
        Some(ax) if a.ndim() > 0 => (a.clone(), normalize_axis(ax, a.ndim())?),
        _ => (ravel(a, Order::C)?, 0),
    };
    if repeats.iter().any(|&r| r < 0) {
        return Err(Error::Value(if repeats.len() == 1 {
            format!(
                "negative dimensions are not allowed, got repeats={}",
                repeats[0]
            )
        } else {
            "repeats may not contain negative values.".into()
        }));
    }
    let n = a.shape()[axis];
    if repeats.len() != 1 && repeats.len() != n {
        return Err(Error::Value(format!(
            "operands could not be broadcast together with shape {} {}",
            format_shape(&[n]),
            format_shape(&[repeats.len()])
        )));
    }
    let too_big = || Error::Value("array is too big; the repeated axis overflows".into());
    let total = if repeats.len() == 1 {
        n.checked_mul(repeats[0] as usize).ok_or_else(too_big)?
    } else {
        repeats
            .iter()
            .try_fold(0usize, |t, &r| t.checked_add(r as usize))
            .ok_or_else(too_big)?
    };
    let mut shape = a.shape().to_vec();
    shape[axis] = total;
    let out = Array::empty(a.dtype(), &shape)?;
    if out.size() == 0 {
        return Ok(out);
    }
    if repeats.len() == 1 {
        // out viewed with a's shape at the first copy of each element (the axis stepping r
        // copies); the kernel writes the others `step` bytes apart.
        let r = repeats[0] as usize;
        let step = out.strides()[axis];
        let mut strides = Strides::from(out.strides());
        strides[axis] = step * r as isize;
        let dst = out.view(Shape::from(a.shape()), strides, 0);
        copy_repeated_unchecked(&dst, &a, r, step)?;
        return Ok(out);
    }
    let mut pos = 0;
    for (i, &r) in repeats.iter().enumerate() {
        let r = r as usize;
        if r > 0 {
            copy_into_unchecked(
                &out.slice_axis(axis, pos, 1, r),
                &a.slice_axis(axis, i, 1, 1),
            )?;
        }
        pos += r;
    }
    Ok(out)
}

/// `numpy.tile(a, reps)`: `a` repeated `reps[k]` times along each axis (reps aligned right
/// with `a`'s shape, the shorter padded with ones).
pub fn tile(a: &Array, reps: &[isize]) -> Result<Array> {
    if let Some(&r) = reps.iter().find(|&&r| r < 0) {
        return Err(Error::Value(format!(
            "negative dimensions are not allowed, got {r}"
        )));
    }
    let nd = a.ndim().max(reps.len());
    layout::check_ndim(nd)?;
    let mut src = a.clone();
    while src.ndim() < nd {
        src = src.insert_axis(0);
    }
    let reps: Vec<usize> = std::iter::repeat_n(1, nd - reps.len())
        .chain(reps.iter().map(|&r| r as usize))
        .collect();
    let mut shape = Vec::with_capacity(nd);
    for (&d, &r) in src.shape().iter().zip(&reps) {
        shape.push(d.checked_mul(r).ok_or_else(|| {
            Error::Value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.".into())
        })?);
    }
    let out = Array::empty(a.dtype(), &shape)?;
    if out.size() == 0 {
        return Ok(out);
    }
    // out viewed as (r0, d0, r1, d1, ...); src broadcast over the r axes.
    let (mut vshape, mut vstrides) = (Shape::new(), Strides::new());
    for ((&r, &d), &s) in reps.iter().zip(src.shape()).zip(out.strides()) {
        vshape.extend([r, d]);
        vstrides.extend([s * d as isize, s]);
    }
    let dst = out.view(vshape.clone(), vstrides, 0);
    let s = (0..nd).fold(src.clone(), |s, k| s.insert_axis(2 * k));
    copy_into_unchecked(&dst, &s.broadcast_to(&vshape)?)?;
    Ok(out)
}
