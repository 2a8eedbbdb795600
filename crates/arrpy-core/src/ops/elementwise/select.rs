//! Three-operand elementwise ops: `where(cond, x, y)` and `clip(x, lo, hi)`, with broadcasting,
//! `out=`, and the same tiers as the other elementwise ops.

use crate::array::Array;
use crate::dtype::bool_byte::BoolByte;
use crate::dtype::element::Arith;
use crate::dtype::{promote_types, DType};
use crate::error::Result;
use crate::iter::LoopPlan;
use crate::kernels::{current_tier, reference, simd, SendPtr, Tier};
use crate::layout::broadcast_shapes;
use crate::ops::elementwise::{cast_to, run_chunks, with_output};
use crate::optable::{CLIP_INFO, WHERE_INFO};
use crate::with_dtype;

/// Runs `out[i] = f(a[i], b[i], c[i])` over `out`'s shape (inputs broadcast to it) at `tier`.
fn run_ternary<A: Copy + 'static, T: Copy + 'static, U: Copy + 'static>(
    tier: Tier,
    out: &Array,
    inputs: [&Array; 3],
    f: impl Fn(A, T, T) -> U + Copy + Send + Sync,
) -> Result<()> {
    let s: [_; 3] = [
        inputs[0].strides_for(out.shape())?,
        inputs[1].strides_for(out.shape())?,
        inputs[2].strides_for(out.shape())?,
    ];
    let plan = LoopPlan::new(out.shape(), [out.strides(), &s[0], &s[1], &s[2]]);
    let po = SendPtr(out.data_ptr());
    let p = inputs.map(|x| SendPtr(x.data_ptr()));
    let body = |start: usize, end: usize| {
        plan.for_each_run(start, end, |n, off, st| {
            // SAFETY: the plan yields runs inside every array's extent; chunks are disjoint.
            unsafe {
                let o = po.get().offset(off[0]);
                let ptrs = [0, 1, 2].map(|k| p[k].get().offset(off[k + 1]) as *const u8);
                let strides = [st[1], st[2], st[3]];
                match tier {
                    Tier::Reference => reference::ternary(n, ptrs, strides, o, st[0], f),
                    _ => simd::ternary(n, ptrs, strides, o, st[0], f),
                }
            }
        })
    };
    run_chunks(tier, plan.size(), body);
    Ok(())
}

/// `x` where `cond` is true, else `y`; the result has `x` and `y`'s promoted dtype.
pub fn where_(cond: &Array, x: &Array, y: &Array, out: Option<&Array>) -> Result<Array> {
    let dtype = promote_types(x.dtype(), y.dtype());
    let shape = broadcast_shapes(&[cond.shape(), x.shape(), y.shape()])?;
    let (c, x, y) = (
        cast_to(cond, DType::Bool)?,
        cast_to(x, dtype)?,
        cast_to(y, dtype)?,
    );
    let tier = WHERE_INFO.effective(current_tier());
    with_output(
        "where",
        &shape,
        dtype,
        out,
        &[&c, &x, &y],
        |o| with_dtype!(dtype, T => run_ternary::<BoolByte, T, T>(tier, o, [&c, &x, &y], |c, x, y| if c.get() { x } else { y })),
    )
}

/// `x` limited to `[lo, hi]` elementwise: `minimum(maximum(x, lo), hi)`, so a NaN anywhere
/// propagates, as NumPy's clip. The caller resolves the dtype (`x`'s, per the Array API).
pub fn clip(x: &Array, lo: &Array, hi: &Array, dtype: DType, out: Option<&Array>) -> Result<Array> {
    let shape = broadcast_shapes(&[x.shape(), lo.shape(), hi.shape()])?;
    let (x, lo, hi) = (cast_to(x, dtype)?, cast_to(lo, dtype)?, cast_to(hi, dtype)?);
    let tier = CLIP_INFO.effective(current_tier());
    with_output("clip", &shape, dtype, out, &[&x, &lo, &hi], |o| {
        with_dtype!(dtype, T => run_ternary::<T, T, T>(tier, o, [&x, &lo, &hi], |x, lo, hi| {
            <T as Arith>::min(<T as Arith>::max(x, lo), hi)
        }))
    })
}
