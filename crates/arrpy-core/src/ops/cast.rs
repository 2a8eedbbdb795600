//! Casting and copying: `astype`, and assignment of one array into another (broadcast + cast).

use crate::array::Array;
use crate::dtype::{can_cast, Casting, DType};
use crate::element::CastTo;
use crate::error::{Error, Result};
use crate::kernels::registry::OpInfo;
use crate::kernels::{current_tier, Tier};
use crate::ops::elementwise::run_unary;
use crate::overlap::must_copy_before_write;
use crate::with_dtype;

pub static CAST_INFO: OpInfo = OpInfo::new("astype", "copy", Tier::Parallel);

/// A C-contiguous copy of `a` with elements cast to `dtype`.
pub fn astype(a: &Array, dtype: DType) -> Result<Array> {
    let out = Array::empty(dtype, a.shape())?;
    copy_into_unchecked(&out, a)?;
    Ok(out)
}

/// `dst[...] = src`: broadcasts `src` to `dst`'s shape and casts under `casting`.
/// When the two overlap in memory (through any views of it) the source is copied first, so the
/// result is as if the whole source were read before any write. Every check runs before the
/// first write.
pub fn assign(dst: &Array, src: &Array, casting: Casting) -> Result<()> {
    dst.check_writeable()?;
    if !can_cast(src.dtype(), dst.dtype(), casting) {
        return Err(Error::Type(format!(
            "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
            src.dtype().name(),
            dst.dtype().name(),
            casting_name(casting)
        )));
    }
    // Validate broadcasting before anything is written.
    src.strides_for(dst.shape())?;
    if must_copy_before_write(dst, src) {
        let tmp = src.copy()?;
        return copy_into_unchecked(dst, &tmp);
    }
    copy_into_unchecked(dst, src)
}

pub fn casting_name(c: Casting) -> &'static str {
    match c {
        Casting::No => "no",
        Casting::Equiv => "equiv",
        Casting::Safe => "safe",
        Casting::SameKind => "same_kind",
        Casting::Unsafe => "unsafe",
    }
}

/// Broadcast-and-cast copy with no casting-rule or overlap check.
pub(crate) fn copy_into_unchecked(dst: &Array, src: &Array) -> Result<()> {
    let tier = CAST_INFO.effective(current_tier());
    if src.dtype() == dst.dtype() {
        // Same dtype: copy bytes as unsigned integers of the item size (covers every dtype).
        let as_bits = |a: &Array| match a.itemsize() {
            1 => a.with_dtype_unchecked(DType::UInt8),
            2 => a.with_dtype_unchecked(DType::UInt16),
            4 => a.with_dtype_unchecked(DType::UInt32),
            8 => a.with_dtype_unchecked(DType::UInt64),
            _ => a.clone(),
        };
        let (d, s) = (as_bits(dst), as_bits(src));
        return with_dtype!(d.dtype(), T => run_unary::<T, T>(tier, &d, &s, |x| x));
    }
    with_dtype!(src.dtype(), S => with_dtype!(dst.dtype(), D => run_unary::<S, D>(tier, dst, src, |x: S| -> D { x.cast() })))
}
