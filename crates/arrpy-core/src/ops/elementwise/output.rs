//! The rule for `out=` of the elementwise ops: compute into `out` directly when that is safe,
//! else into a temporary that is then cast into it.

use crate::array::Array;
use crate::dtype::{can_cast, Casting, DType};
use crate::error::{Error, Result};
use crate::layout::format_shape;
use crate::overlap::{may_overlap_itself, must_copy_before_write};

/// Checks an `out=` array against the result's shape and dtype (same_kind casting).
fn check_out(name: &str, out: &Array, shape: &[usize], dtype: DType) -> Result<()> {
    if out.shape() != shape {
        return Err(Error::Shape(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            format_shape(out.shape()),
            format_shape(shape)
        )));
    }
    if !can_cast(dtype, out.dtype(), Casting::SameKind) {
        return Err(Error::Type(format!(
            "Cannot cast ufunc '{name}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
            dtype.name(),
            out.dtype().name()
        )));
    }
    out.check_writeable()
}

/// Computes into a fresh array, or into `out` directly when it has the right dtype, no two of
/// its elements share a byte, and no input overlaps it in memory except by being exactly it
/// (`overlap::must_copy_before_write`: the kernels then read each element before writing it,
/// and never hold overlapping slices); otherwise computes into a temporary and copies it in.
pub(crate) fn with_output(
    name: &str,
    shape: &[usize],
    dtype: DType,
    out: Option<&Array>,
    inputs: &[&Array],
    compute: impl FnOnce(&Array) -> Result<()>,
) -> Result<Array> {
    match out {
        None => {
            let result = Array::empty(dtype, shape)?;
            compute(&result)?;
            Ok(result)
        }
        Some(out) => {
            check_out(name, out, shape, dtype)?;
            let in_place = out.dtype() == dtype
                && !may_overlap_itself(out)
                && inputs.iter().all(|x| !must_copy_before_write(out, x));
            if in_place {
                compute(out)?;
            } else {
                let tmp = Array::empty(dtype, shape)?;
                compute(&tmp)?;
                crate::ops::cast::copy_into_unchecked(out, &tmp)?;
            }
            Ok(out.clone())
        }
    }
}
