//! Shapes, byte strides, contiguity and broadcasting: pure arithmetic on layouts, no data.

use crate::error::{Error, Result};
use smallvec::SmallVec;

pub type Shape = SmallVec<[usize; 4]>;
pub type Strides = SmallVec<[isize; 4]>;

/// The most dimensions an array may have (NumPy's `NPY_MAXDIMS`); every shape-making path checks
/// it, so code walking the axes may rely on the bound.
pub const MAX_DIMS: usize = 64;

/// Refuses shapes with more than `MAX_DIMS` dimensions (ValueError, NumPy's message).
pub fn check_ndim(ndim: usize) -> Result<()> {
    if ndim > MAX_DIMS {
        return Err(Error::Value(format!(
            "maximum supported dimension for an ndarray is currently {MAX_DIMS}, found {ndim}"
        )));
    }
    Ok(())
}

/// Number of elements of `shape`, or an error when the product overflows.
pub fn checked_size(shape: &[usize]) -> Result<usize> {
    shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .ok_or_else(|| {
            Error::Value(format!(
                "array is too big; the shape {shape:?} has more elements than fit in memory"
            ))
        })
}

/// Byte size of `shape` with `itemsize`-byte elements; too large for memory → MemoryError.
pub fn checked_nbytes(shape: &[usize], itemsize: usize) -> Result<usize> {
    let size = checked_size(shape)?;
    size.checked_mul(itemsize)
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| {
            Error::Memory(format!(
                "array is too big; `arr.size * arr.dtype.itemsize` overflows for shape {shape:?}"
            ))
        })
}

/// Row-major (C order) byte strides. The products wrap only for empty shapes (a zero-length
/// axis beside huge ones), whose strides never address memory.
pub fn c_strides(shape: &[usize], itemsize: usize) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc = itemsize as isize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc = acc.wrapping_mul(shape[i].max(1) as isize);
    }
    strides
}

/// Column-major (Fortran order) byte strides (wrapping as `c_strides`).
pub fn f_strides(shape: &[usize], itemsize: usize) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc = itemsize as isize;
    for i in 0..shape.len() {
        strides[i] = acc;
        acc = acc.wrapping_mul(shape[i].max(1) as isize);
    }
    strides
}

/// C-contiguous as NumPy defines it: axes of length 1 may have any stride; empty arrays are.
pub fn is_c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expected = itemsize as isize;
    for i in (0..shape.len()).rev() {
        if shape[i] != 1 {
            if strides[i] != expected {
                return false;
            }
            expected *= shape[i] as isize;
        }
    }
    true
}

pub fn is_f_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expected = itemsize as isize;
    for i in 0..shape.len() {
        if shape[i] != 1 {
            if strides[i] != expected {
                return false;
            }
            expected *= shape[i] as isize;
        }
    }
    true
}

/// The broadcast shape of several shapes (NumPy rules: align right, 1 stretches).
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Shape> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    check_ndim(ndim)?;
    let mut out: Shape = SmallVec::from_elem(1, ndim);
    for shape in shapes {
        let pad = ndim - shape.len();
        for (i, &d) in shape.iter().enumerate() {
            let o = &mut out[pad + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                let list: Vec<String> = shapes.iter().map(|s| format_shape(s)).collect();
                return Err(Error::Shape(format!(
                    "operands could not be broadcast together with shapes {}",
                    list.join(" ")
                )));
            }
        }
    }
    Ok(out)
}

/// Strides that view an array of `shape`/`strides` as `target` (stride 0 on stretched axes).
pub fn broadcast_strides(shape: &[usize], strides: &[isize], target: &[usize]) -> Result<Strides> {
    check_ndim(target.len())?;
    if shape.len() > target.len() {
        return Err(Error::Shape(format!(
            "cannot broadcast an array of shape {} to shape {}",
            format_shape(shape),
            format_shape(target)
        )));
    }
    let pad = target.len() - shape.len();
    let mut out: Strides = SmallVec::from_elem(0, target.len());
    for (i, (&d, &s)) in shape.iter().zip(strides).enumerate() {
        let t = target[pad + i];
        if d == t {
            out[pad + i] = if d == 1 { 0 } else { s };
        } else if d == 1 {
            out[pad + i] = 0;
        } else {
            return Err(Error::Shape(format!(
                "could not broadcast input array from shape {} into shape {}",
                format_shape(shape),
                format_shape(target)
            )));
        }
    }
    Ok(out)
}

/// Python-style tuple text of a shape: `(3,)`, `(2, 3)`, `()`.
pub fn format_shape(shape: &[usize]) -> String {
    match shape.len() {
        0 => "()".to_string(),
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Resolves one `-1` in a requested shape against `size` elements.
pub fn resolve_reshape(size: usize, requested: &[isize]) -> Result<Shape> {
    check_ndim(requested.len())?;
    let mut unknown = None;
    let mut known = 1usize;
    for (i, &d) in requested.iter().enumerate() {
        if d == -1 {
            if unknown.replace(i).is_some() {
                return Err(Error::Value(
                    "can only specify one unknown dimension".into(),
                ));
            }
        } else if d < 0 {
            return Err(Error::Value(format!(
                "negative dimensions not allowed, got {d}"
            )));
        } else {
            known = known
                .checked_mul(d as usize)
                .ok_or_else(|| Error::Value("shape is too large".into()))?;
        }
    }
    let mut shape: Shape = requested.iter().map(|&d| d.max(0) as usize).collect();
    let shown = || {
        format!(
            "({})",
            requested
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if let Some(i) = unknown {
        if known == 0 || size % known != 0 {
            return Err(Error::Shape(format!(
                "cannot reshape array of size {size} into shape {}",
                shown()
            )));
        }
        shape[i] = size / known;
    } else if known != size {
        return Err(Error::Shape(format!(
            "cannot reshape array of size {size} into shape {}",
            format_shape(&shape)
        )));
    }
    Ok(shape)
}

/// Strides for viewing (`shape`, `strides`) as `new_shape` in C order without copying, if possible
/// (NumPy's `_attempt_nocopy_reshape`): groups of old axes must map onto groups of new axes,
/// each group contiguous within itself.
pub fn reshape_strides(
    shape: &[usize],
    strides: &[isize],
    new_shape: &[usize],
    itemsize: usize,
) -> Option<Strides> {
    let size: usize = shape.iter().product();
    if size == 0 || new_shape.is_empty() || shape.is_empty() {
        // Empty arrays and scalars: any C strides will do.
        return Some(c_strides(new_shape, itemsize));
    }
    // Work without the length-1 axes of the old shape.
    let (old_dims, old_strides): (Vec<usize>, Vec<isize>) = shape
        .iter()
        .zip(strides)
        .filter(|(&d, _)| d != 1)
        .map(|(&d, &s)| (d, s))
        .unzip();
    let mut new_strides: Strides = SmallVec::from_elem(0, new_shape.len());
    let (mut oi, mut ni) = (0usize, 0usize);
    let (on, nn) = (old_dims.len(), new_shape.len());
    while oi < on && ni < nn {
        let (mut np, mut op) = (new_shape[ni], old_dims[oi]);
        let (ostart, nstart) = (oi, ni);
        while np != op {
            if np < op {
                ni += 1;
                np *= new_shape[ni];
            } else {
                oi += 1;
                op *= old_dims[oi];
            }
        }
        for k in ostart..oi {
            if old_strides[k] != old_strides[k + 1] * old_dims[k + 1] as isize {
                return None;
            }
        }
        new_strides[ni] = old_strides[oi];
        for k in (nstart + 1..=ni).rev() {
            new_strides[k - 1] = new_strides[k] * new_shape[k] as isize;
        }
        oi += 1;
        ni += 1;
    }
    // Trailing new axes of length 1.
    for k in ni..nn {
        new_strides[k] = itemsize as isize;
    }
    Some(new_strides)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting() {
        assert_eq!(
            broadcast_shapes(&[&[3, 1], &[4]]).unwrap().as_slice(),
            &[3, 4]
        );
        assert_eq!(
            broadcast_shapes(&[&[], &[2, 0]]).unwrap().as_slice(),
            &[2, 0]
        );
        let err = broadcast_shapes(&[&[3], &[4]]).unwrap_err();
        assert!(err.to_string().contains("(3,) (4,)"), "{err}");
        assert_eq!(
            broadcast_strides(&[3, 1], &[8, 8], &[2, 3, 4])
                .unwrap()
                .as_slice(),
            &[0, 8, 0]
        );
    }

    #[test]
    fn reshape_views() {
        // C-contiguous (2,3,4) → (6,4): a view.
        let s = c_strides(&[2, 3, 4], 8);
        assert_eq!(
            reshape_strides(&[2, 3, 4], &s, &[6, 4], 8)
                .unwrap()
                .as_slice(),
            &[32, 8]
        );
        // Transposed (3,2) of a (2,3) → (6,) needs a copy.
        assert!(reshape_strides(&[3, 2], &[8, 24], &[6], 8).is_none());
        // Every other column of a (4,6) → (4,3) view reshaped to (2,2,3): still a view.
        assert_eq!(
            reshape_strides(&[4, 3], &[48, 16], &[2, 2, 3], 8)
                .unwrap()
                .as_slice(),
            &[96, 48, 16]
        );
        assert_eq!(resolve_reshape(12, &[-1, 3]).unwrap().as_slice(), &[4, 3]);
        assert!(resolve_reshape(12, &[5, -1]).is_err());
        assert!(resolve_reshape(12, &[-1, -1]).is_err());
    }

    #[test]
    fn contiguity_and_sizes() {
        assert!(is_c_contiguous(&[2, 1, 3], &[24, 999, 8], 8));
        assert!(is_f_contiguous(&[2, 3], &f_strides(&[2, 3], 4), 4));
        assert!(checked_nbytes(&[usize::MAX / 2, 4], 8).is_err());
    }

    #[test]
    fn dimension_cap() {
        assert!(check_ndim(MAX_DIMS).is_ok());
        let err = check_ndim(MAX_DIMS + 1).unwrap_err();
        assert!(err.to_string().contains("found 65"), "{err}");
        assert!(broadcast_shapes(&[&[1; 65], &[1]]).is_err());
        assert!(resolve_reshape(1, &[1; 65]).is_err());
        assert!(resolve_reshape(1, &[1; 64]).is_ok());
    }
}
