//! Axis arguments: negative axes counted from the end, duplicates refused (NumPy's
//! `normalize_axis_tuple`).

use crate::error::{normalize_axis, Error, Result};

/// Each axis normalized against `ndim`; `what` names the argument in messages ("axis",
/// "source"...). A repeated axis is a ValueError, an out-of-range one an AxisError.
pub fn normalize_axes(axes: &[isize], ndim: usize, what: &str) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len().min(ndim + 1));
    for &a in axes {
        let n = normalize_axis(a, ndim).map_err(|e| match (e, what) {
            (Error::Axis(m), "axis") => Error::Axis(m),
            (Error::Axis(m), w) => Error::Axis(format!("{w}: {m}")),
            (e, _) => e,
        })?;
        if out.contains(&n) {
            return Err(Error::Value(if what == "axis" {
                "repeated axis".to_string()
            } else {
                format!("repeated axis in `{what}` argument")
            }));
        }
        out.push(n);
    }
    Ok(out)
}
