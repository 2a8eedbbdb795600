//! Two chained arithmetic ops, `second(first(a, b), c)` (as in `a * b + c`), in one pass:
//! out[i] = second(first(a[i], b[i]), c[i]), so `first`'s result never streams through memory
//! as a whole temporary. Every element goes through the same two roundings as the unchained
//! ops (no fused multiply-add): the values are the same.
//!
//! It is an explicit call ([`fused_binary`], `arrpy.multiply_add` in Python): the operands are
//! read when it runs and the result is a new array, so no other code can run, and no other
//! array can be written, between the two ops. (An implicit form that deferred `a * b` until the
//! interpreter reached `+ c` was removed: finalizers, gc callbacks, dict lookups and other
//! threads can all run Python code in between.)

use crate::array::Array;
use crate::dtype::element::Arith;
use crate::dtype::DType;
use crate::error::Result;
use crate::kernels::{current_tier, parallel, simd, trace, Exec, SendPtr};
use crate::layout::broadcast_shapes;
use crate::ops::driver::{run_chunks, CHECK_BLOCK_BYTES};
use crate::ops::elementwise::{binary, unreachable_op, BinaryOp};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How many fused evaluations ran as one pass (tests read it to see which loop ran).
pub static FUSED_RUNS: AtomicUsize = AtomicUsize::new(0);

/// Binds `$f` to the element function of a chainable op on `$T` and evaluates `$body` with it
/// (one expansion per op, so each kernel is compiled with its arithmetic inlined).
macro_rules! with_arith {
    ($op:expr, $T:ty, $f:ident => $body:expr) => {
        match $op {
            BinaryOp::Add => {
                let $f = |x: $T, y: $T| <$T as Arith>::add(x, y);
                $body
            }
            BinaryOp::Subtract => {
                let $f = |x: $T, y: $T| <$T as Arith>::sub(x, y);
                $body
            }
            BinaryOp::Multiply => {
                let $f = |x: $T, y: $T| <$T as Arith>::mul(x, y);
                $body
            }
            BinaryOp::Divide => {
                let $f = |x: $T, y: $T| <$T as Arith>::div(x, y);
                $body
            }
            other => unreachable_op(other.name()).map(|_| true),
        }
    };
}

/// Whether `op` may be part of a chain: float arithmetic, which cannot fail.
pub fn chainable(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply | BinaryOp::Divide
    )
}

/// `second(first(a, b), c)`: in one pass when [`Fused::plan`] accepts the ops and operands, else
/// as the two ops one after the other. The values are the same either way.
pub fn fused_binary(
    first: BinaryOp,
    a: &Array,
    b: &Array,
    second: BinaryOp,
    c: &Array,
) -> Result<Array> {
    match Fused::plan(first, a, b, second, c) {
        Some(plan) => plan.run(),
        None => binary(second, &binary(first, a, b, None)?, c, None),
    }
}

/// A one-pass evaluation of `second(first(a, b), c)` whose operands fit the vectorized loop.
#[derive(Debug)]
pub struct Fused {
    first: BinaryOp,
    second: BinaryOp,
    a: Array,
    b: Array,
    c: Array,
    dtype: DType,
    shape: Vec<usize>,
    /// The first op's `Exec` (vectorized: the reference tier runs each op as its own pass).
    exec: Exec,
}

/// Whether `x` can be read by the one-pass loop for a result of `shape`: contiguous with that
/// shape, or one element repeated.
fn fits(x: &Array, shape: &[usize], dtype: DType) -> bool {
    x.dtype() == dtype
        && ((x.shape() == shape && x.is_c_contiguous())
            || (x.size() == 1
                && broadcast_shapes(&[x.shape(), shape]).is_ok_and(|s| s[..] == *shape)))
}

impl Fused {
    /// The one-pass plan, or None when the ops are not float arithmetic of one dtype, an
    /// operand is neither contiguous with the result's shape nor a single element, `c` would
    /// broadcast the result, or the tier is the reference one.
    pub fn plan(
        first: BinaryOp,
        a: &Array,
        b: &Array,
        second: BinaryOp,
        c: &Array,
    ) -> Option<Fused> {
        let (dtype, out_dt) = first.resolve(a.dtype(), b.dtype()).ok()?;
        let exec = first.info().exec(current_tier(), dtype);
        if !exec.vector
            || !chainable(first)
            || !chainable(second)
            || !matches!(dtype, DType::Float32 | DType::Float64)
            || out_dt != dtype
            || second.resolve(dtype, c.dtype()) != Ok((dtype, dtype))
        {
            return None;
        }
        let shape = broadcast_shapes(&[a.shape(), b.shape()]).ok()?.to_vec();
        if !fits(a, &shape, dtype) || !fits(b, &shape, dtype) || !fits(c, &shape, dtype) {
            return None;
        }
        // The vectorized loops take a repeated element in the second place only: swap it
        // there when the op commutes (x + y and y + x are the same IEEE result).
        let commutes = matches!(first, BinaryOp::Add | BinaryOp::Multiply);
        let (a, b) = match (
            a.size() == 1 && shape.iter().product::<usize>() != 1,
            commutes,
        ) {
            (false, _) => (a, b),
            (true, true) => (b, a),
            (true, false) => return None,
        };
        Some(Fused {
            first,
            second,
            a: a.clone(),
            b: b.clone(),
            c: c.clone(),
            dtype,
            shape,
            exec,
        })
    }

    /// The result, in a new array (so it overlaps none of the operands). A result holding a
    /// non-finite value is computed again as two passes, whose checks report the
    /// floating-point flags of each op (the fused pass only counts non-finite values).
    pub fn run(&self) -> Result<Array> {
        let out = Array::empty(self.dtype, &self.shape)?;
        let all_finite = match self.dtype {
            DType::Float32 => self.run_typed::<f32>(&out)?,
            DType::Float64 => self.run_typed::<f64>(&out)?,
            _ => return unreachable_op(self.first.name()).map(|_| out),
        };
        FUSED_RUNS.fetch_add(1, Ordering::Relaxed);
        if !all_finite {
            let product = binary(self.first, &self.a, &self.b, None)?;
            return binary(self.second, &product, &self.c, None);
        }
        Ok(out)
    }

    /// Computes into `out`; whether every element of it is finite.
    fn run_typed<T: Arith>(&self, out: &Array) -> Result<bool> {
        let item = std::mem::size_of::<T>() as isize;
        let len = out.size();
        // Base pointer and element stride (0 for a repeated element) of each operand.
        let operand = |x: &Array| (SendPtr(x.data_ptr()), if x.size() == 1 { 0 } else { item });
        let ((a, sa), (b, sb), (c, sc)) = (operand(&self.a), operand(&self.b), operand(&self.c));
        let o = SendPtr(out.data_ptr());
        // Both ops run their vectorized loops, fused into one.
        let threaded = self.exec.threads && parallel::splits(len);
        for op in [self.first, self.second] {
            trace::record(op.name(), self.dtype, true, threaded);
        }
        let at = |p: SendPtr, stride: isize, i: usize| p.get().wrapping_offset(stride * i as isize);
        let any_non_finite = AtomicBool::new(false);
        with_arith!(self.first, T, f => with_arith!(self.second, T, g => {
            // SAFETY: `plan` checked that each operand is contiguous with the result's shape or
            // one element read with stride 0; `out` is a fresh contiguous array of `len`
            // elements (no operand overlaps it); the chunks given to threads are disjoint.
            let block = CHECK_BLOCK_BYTES / item as usize;
            run_chunks(self.exec.threads, len, |start, end| unsafe {
                let h = move |x: T, y: T, z: T| g(f(x, y), z);
                let mut non_finite = 0;
                // Block by block, each counted for non-finite values while in cache.
                for from in (start..end).step_by(block) {
                    let n = block.min(end - from);
                    let ptrs = [at(a, sa, from), at(b, sb, from), at(c, sc, from)];
                    let dst = at(o, item, from);
                    simd::ternary(n, ptrs.map(|p| p as *const u8), [sa, sb, sc], dst, item, h);
                    non_finite += T::count_non_finite(std::slice::from_raw_parts(dst.cast::<T>(), n));
                }
                if non_finite != 0 {
                    any_non_finite.store(true, Ordering::Relaxed);
                }
            });
            Ok(!any_non_finite.load(Ordering::Relaxed))
        }))
    }
}
