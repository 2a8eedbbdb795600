//! `roll` (a copy: each rolled axis splits the copy into two blocks) and `rot90` (a view).

use super::order::{reshape, Order};
use super::views::{flip, permute};
use crate::array::Array;
use crate::error::{normalize_axis, Error, Result};
use crate::ops::cast::copy_into_unchecked;

/// `numpy.roll(a, shift, axis)`: `shift` and `axis` broadcast together (shifts on one axis
/// add up); `axis = None` rolls the flattened array and restores the shape.
pub fn roll(a: &Array, shift: &[i64], axis: Option<&[isize]>) -> Result<Array> {
    let Some(axes) = axis else {
        let flat = reshape(a, &[-1], Order::C, None)?;
        let rolled = roll(&flat, shift, Some(&[0]))?;
        let shape: Vec<isize> = a.shape().iter().map(|&d| d as isize).collect();
        return reshape(&rolled, &shape, Order::C, None);
    };
    let pairs = shift.len().max(axes.len());
    if (shift.len() != 1 && shift.len() != pairs) || (axes.len() != 1 && axes.len() != pairs) {
        return Err(Error::Value(format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is \
             between arg 0 with shape ({},) and arg 1 with shape ({},).",
            shift.len(),
            axes.len()
        )));
    }
    let mut total = vec![0i64; a.ndim()];
    for k in 0..pairs {
        let ax = normalize_axis(axes[if axes.len() == 1 { 0 } else { k }], a.ndim())?;
        let s = shift[if shift.len() == 1 { 0 } else { k }];
        total[ax] = total[ax].wrapping_add(s);
    }
    let out = Array::empty(a.dtype(), a.shape())?;
    // Each axis contributes two (source, destination) ranges; copy every combination.
    let rolled: Vec<(usize, usize)> = (0..a.ndim())
        .filter_map(|ax| {
            let n = a.shape()[ax];
            let s = if n == 0 {
                0
            } else {
                total[ax].rem_euclid(n as i64) as usize
            };
            (s != 0).then_some((ax, s))
        })
        .collect();
    for combo in 0..1usize << rolled.len() {
        let (mut src, mut dst) = (a.clone(), out.clone());
        for (bit, &(ax, s)) in rolled.iter().enumerate() {
            let n = a.shape()[ax];
            let (from, to, len) = if combo >> bit & 1 == 0 {
                (0, s, n - s)
            } else {
                (n - s, 0, s)
            };
            src = src.slice_axis(ax, from, 1, len);
            dst = dst.slice_axis(ax, to, 1, len);
        }
        copy_into_unchecked(&dst, &src)?;
    }
    Ok(out)
}

/// `numpy.rot90(m, k, axes)`: a view rotated by 90 degrees `k` times from `axes[0]` towards
/// `axes[1]`.
pub fn rot90(m: &Array, k: i64, axes: &[isize]) -> Result<Array> {
    let nd = m.ndim() as isize;
    if axes.len() != 2 {
        return Err(Error::Value("len(axes) must be 2.".into()));
    }
    let (a0, a1) = (axes[0], axes[1]);
    if a0 == a1 || (a0 as i128 - a1 as i128).abs() == nd as i128 {
        return Err(Error::Value("Axes must be different.".into()));
    }
    if a0 >= nd || a0 < -nd || a1 >= nd || a1 < -nd {
        return Err(Error::Value(format!(
            "Axes=({a0}, {a1}) out of range for array of ndim={nd}."
        )));
    }
    let (i, j) = (normalize_axis(a0, m.ndim())?, normalize_axis(a1, m.ndim())?);
    let mut order: Vec<usize> = (0..m.ndim()).collect();
    order.swap(i, j);
    match k.rem_euclid(4) {
        0 => Ok(m.clone()),
        2 => flip(&flip(m, Some(&[a0]))?, Some(&[a1])),
        1 => permute(&flip(m, Some(&[a1]))?, &order),
        _ => flip(&permute(m, &order)?, Some(&[a1])),
    }
}
