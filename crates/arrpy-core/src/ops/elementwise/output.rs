//! The rule for `out=` of the elementwise ops: compute into `out` directly when that is safe,
//! else into a temporary that is then cast into it.

use crate::array::Array;
use crate::dtype::{can_cast, Casting, DType};
use crate::error::{Error, Result};
use crate::fp_status;
use crate::layout::format_shape;
use crate::overlap::{may_overlap_itself, may_share_bytes, must_copy_before_write};

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
    let direct = |out: &Array| inputs.iter().all(|x| !must_copy_before_write(out, x));
    with_output_if(name, shape, dtype, out, direct, compute)
}

/// As `with_output`, for ops where one output element reads many input elements (matmul):
/// `out` is written directly only when it shares no byte with any input and `writable_in_place`
/// accepts its layout, else the result goes through a temporary. An input that is exactly
/// `out` (`a @= b`) must be read whole before the first write, so it counts as overlapping.
pub(crate) fn with_separate_output(
    name: &str,
    shape: &[usize],
    dtype: DType,
    out: Option<&Array>,
    inputs: &[&Array],
    writable_in_place: impl FnOnce(&Array) -> bool,
    compute: impl FnOnce(&Array) -> Result<()>,
) -> Result<Array> {
    let direct =
        |out: &Array| writable_in_place(out) && !inputs.iter().any(|x| may_share_bytes(out, x));
    with_output_if(name, shape, dtype, out, direct, compute)
}

fn with_output_if(
    name: &str,
    shape: &[usize],
    dtype: DType,
    out: Option<&Array>,
    direct: impl FnOnce(&Array) -> bool,
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
            // Where the caller's error state raises, a flagged op fails: `out` must then keep
            // its values, so the result goes through a temporary.
            let may_fail = fp_status::raise_mask() != 0;
            if !may_fail && out.dtype() == dtype && !may_overlap_itself(out) && direct(out) {
                compute(out)?;
            } else {
                let tmp = Array::empty(dtype, shape)?;
                let mark = fp_status::mark();
                compute(&tmp)?;
                if fp_status::raised_since(mark) & fp_status::raise_mask() == 0 {
                    crate::ops::cast::copy_into_unchecked(out, &tmp)?;
                }
            }
            Ok(out.clone())
        }
    }
}
