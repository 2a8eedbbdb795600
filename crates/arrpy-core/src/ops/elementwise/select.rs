//! Three-operand elementwise ops: `where(cond, x, y)` and `clip(x, lo, hi)`, with broadcasting,
//! `out=`, and the same tiers as the other elementwise ops.

use crate::array::Array;
use crate::dtype::bool_byte::BoolByte;
use crate::dtype::element::Arith;
use crate::dtype::{promote_types, DType};
use crate::error::Result;
use crate::kernels::current_tier;
use crate::layout::broadcast_shapes;
use crate::ops::driver::run_ternary;
use crate::ops::elementwise::cast_to;
use crate::ops::elementwise::output::with_output;
use crate::optable::{CLIP_INFO, WHERE_INFO};
use crate::with_dtype;

/// `x` where `cond` is true, else `y`; the result has `x` and `y`'s promoted dtype.
pub fn where_(cond: &Array, x: &Array, y: &Array, out: Option<&Array>) -> Result<Array> {
    let dtype = promote_types(x.dtype(), y.dtype());
    let shape = broadcast_shapes(&[cond.shape(), x.shape(), y.shape()])?;
    let (c, x, y) = (
        cast_to(cond, DType::Bool)?,
        cast_to(x, dtype)?,
        cast_to(y, dtype)?,
    );
    let exec = WHERE_INFO.exec(current_tier(), dtype);
    with_output(
        "where",
        &shape,
        dtype,
        out,
        &[&c, &x, &y],
        |o| with_dtype!(dtype, T => run_ternary::<BoolByte, T, T>(exec, o, [&c, &x, &y], |c, x, y| if c.get() { x } else { y })),
    )
}

/// `x` limited to `[lo, hi]` elementwise: `minimum(maximum(x, lo), hi)`, so a NaN anywhere
/// propagates, as NumPy's clip. The caller resolves the dtype (`x`'s, per the Array API).
pub fn clip(x: &Array, lo: &Array, hi: &Array, dtype: DType, out: Option<&Array>) -> Result<Array> {
    let shape = broadcast_shapes(&[x.shape(), lo.shape(), hi.shape()])?;
    let (x, lo, hi) = (cast_to(x, dtype)?, cast_to(lo, dtype)?, cast_to(hi, dtype)?);
    let exec = CLIP_INFO.exec(current_tier(), dtype);
    with_output("clip", &shape, dtype, out, &[&x, &lo, &hi], |o| {
        with_dtype!(dtype, T => run_ternary::<T, T, T>(exec, o, [&x, &lo, &hi], |x, lo, hi| {
            <T as Arith>::min(<T as Arith>::max(x, lo), hi)
        }))
    })
}
