//! Splitting: `array_split` / `split` into views along an axis (by a number of sections or at
//! indices), and `unstack`.

use crate::array::Array;
use crate::error::{normalize_axis, Error, Result};

/// How to split: into `n` sections, or at these indices (Python slice semantics for each part).
#[derive(Clone, Debug)]
pub enum Sections {
    Count(isize),
    Indices(Vec<isize>),
}

/// `numpy.array_split` (`equal == false`) and `numpy.split` (`equal == true`: sections must
/// divide the axis evenly). Every part is a view.
pub fn split(a: &Array, sections: &Sections, axis: isize, equal: bool) -> Result<Vec<Array>> {
    let axis = normalize_axis(axis, a.ndim())?;
    let n = a.shape()[axis];
    let bounds: Vec<(usize, usize)> = match sections {
        Sections::Count(k) => {
            let k = usize::try_from(*k)
                .ok()
                .filter(|&k| k > 0)
                .ok_or_else(|| Error::Value("number sections must be larger than 0.".into()))?;
            if equal && !n.is_multiple_of(k) {
                return Err(Error::Value(format!(
                    "array split does not result in an equal division: {n} elements along axis \
                     {axis} into {k} sections"
                )));
            }
            let (each, extra) = (n / k, n % k);
            let mut bounds = crate::buffer::vec_with_capacity(k)?;
            let mut start = 0;
            for i in 0..k {
                let len = each + usize::from(i < extra);
                bounds.push((start, start + len));
                start += len;
            }
            bounds
        }
        Sections::Indices(points) => {
            let clamp = |i: isize| -> usize {
                if i < 0 {
                    (i + n as isize).max(0) as usize
                } else {
                    (i as usize).min(n)
                }
            };
            let mut edges = Vec::with_capacity(points.len() + 2);
            edges.push(0);
            edges.extend(points.iter().map(|&p| clamp(p)));
            edges.push(n);
            edges.windows(2).map(|w| (w[0], w[1].max(w[0]))).collect()
        }
    };
    let mut parts = crate::buffer::vec_with_capacity(bounds.len())?;
    parts.extend(
        bounds
            .into_iter()
            .map(|(s, e)| a.slice_axis(axis, s, 1, e - s)),
    );
    Ok(parts)
}

/// `numpy.unstack(x, axis)`: the views `x[..., i, ...]` along `axis`.
pub fn unstack(a: &Array, axis: isize) -> Result<Vec<Array>> {
    if a.ndim() == 0 {
        return Err(Error::Value("Input array must be at least 1-d.".into()));
    }
    // NumPy's unstack moves the axis first, so its error names `source`.
    let axis = normalize_axis(axis, a.ndim()).map_err(|e| match e {
        Error::Axis(m) => Error::Axis(format!("source: {m}")),
        e => e,
    })?;
    let mut parts = crate::buffer::vec_with_capacity(a.shape()[axis])?;
    for i in 0..a.shape()[axis] {
        parts.push(a.index_axis(axis, i as isize)?);
    }
    Ok(parts)
}
