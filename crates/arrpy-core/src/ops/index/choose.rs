//! Picking each element from one of several arrays: `select` (by the first true condition)
//! and `choose` (by an index array).

use super::take::{take_along_axis, Mode};
use crate::array::Array;
use crate::dtype::promotion::weak_scalar_dtype;
use crate::dtype::{promote_types, Casting, DType};
use crate::error::{Error, Result};
use crate::layout;
use crate::ops::cast::{assign, astype};
use crate::ops::elementwise::select::where_;

/// `numpy.select(condlist, choicelist, default)`: where `condlist[i]` is the first true
/// condition, `choicelist[i]`; where none is, `default`. A `weak` default (a Python scalar)
/// promotes as NEP 50's weak scalars do.
pub fn select(conds: &[Array], choices: &[Array], default: &Array, weak: bool) -> Result<Array> {
    if conds.len() != choices.len() {
        return Err(Error::Value(
            "list of cases must be same length as list of conditions".into(),
        ));
    }
    if conds.is_empty() {
        return Err(Error::Value(
            "select with an empty condition list is not possible".into(),
        ));
    }
    if let Some(i) = conds.iter().position(|c| c.dtype() != DType::Bool) {
        return Err(Error::Type(format!(
            "invalid entry {i} in condlist: should be boolean ndarray"
        )));
    }
    let mut dtype = choices[1..]
        .iter()
        .fold(choices[0].dtype(), |d, c| promote_types(d, c.dtype()));
    dtype = if weak {
        weak_scalar_dtype(default.item()?, dtype)?
    } else {
        promote_types(dtype, default.dtype())
    };
    let mut result = astype(default, dtype)?;
    // Last condition first, so that the first true one is applied last.
    for (c, x) in conds.iter().zip(choices).rev() {
        result = where_(c, &astype(x, dtype)?, &result, None)?;
    }
    // `where_` broadcast every condition and choice into the result on the way.
    Ok(result)
}

/// `numpy.choose(a, choices, mode=)`: element `i` of the result is element `i` of
/// `choices[a[i]]`, all broadcast together.
pub fn choose(a: &Array, choices: &[Array], mode: Mode) -> Result<Array> {
    if choices.is_empty() {
        return Err(Error::Value("0-length sequence.".into()));
    }
    if !a.dtype().is_integer() {
        return Err(Error::Type(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            a.dtype().name()
        )));
    }
    let dtype = choices[1..]
        .iter()
        .fold(choices[0].dtype(), |d, c| promote_types(d, c.dtype()));
    let shapes: Vec<&[usize]> = std::iter::once(a.shape())
        .chain(choices.iter().map(|c| c.shape()))
        .collect();
    let shape = layout::broadcast_shapes(&shapes)?;
    let n = choices.len() as i64;
    let mut idx = astype(&a.broadcast_to(&shape)?, DType::Int64)?.to_vec::<i64>()?;
    for i in idx.iter_mut() {
        *i = match mode {
            Mode::Raise if *i < 0 || *i >= n => {
                return Err(Error::Value("invalid entry in choice array".into()))
            }
            Mode::Raise => *i,
            Mode::Wrap => i.rem_euclid(n),
            Mode::Clip => (*i).clamp(0, n - 1),
        };
    }
    // The choices stacked along a new first axis, then one element taken along it.
    let mut stacked_shape = vec![choices.len()];
    stacked_shape.extend_from_slice(&shape);
    let stacked = Array::empty(dtype, &stacked_shape)?;
    for (k, c) in choices.iter().enumerate() {
        assign(&stacked.index_axis(0, k as isize)?, c, Casting::Unsafe)?;
    }
    let mut idx_shape = vec![1];
    idx_shape.extend_from_slice(&shape);
    let idx = Array::from_vec(idx, &idx_shape)?;
    let out = take_along_axis(&stacked, &idx, Some(0))?;
    out.index_axis(0, 0)
}
