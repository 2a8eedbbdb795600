//! Two chained arithmetic ops, `second(first(a, b), c)` (as in `a * b + c`), in one pass:
//! out[i] = second(first(a[i], b[i]), c[i]), so `first`'s result never streams through memory
//! as a whole temporary. Every element goes through the same two roundings as the unchained
//! ops (no fused multiply-add): the values are the same.
//!
//! The caller defers `first` ([`Deferred::new`]), holding the output array it will fill, and
//! later runs it either alone ([`Deferred::evaluate`]) or with a second op
//! ([`Deferred::evaluate_then`]). Only float arithmetic chains, so evaluation never fails.

use crate::array::Array;
use crate::dtype::DType;
use crate::element::Arith;
use crate::error::Result;
use crate::kernels::{current_tier, simd, SendPtr, Tier};
use crate::layout::broadcast_shapes;
use crate::ops::elementwise::{run_chunks, unreachable_op, BinaryOp};

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
            other => unreachable_op(other.name()),
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

/// `first(a, b)`, not yet computed.
#[derive(Debug)]
pub struct Deferred {
    first: BinaryOp,
    a: Array,
    b: Array,
    dtype: DType,
    /// Elements of the result.
    len: usize,
    /// Simd or parallel: the tier selected when the op was deferred.
    tier: Tier,
}

/// Whether `x` can be read by the one-pass loop for a result of `shape`: contiguous with that
/// shape, or one element repeated.
fn fits(x: &Array, shape: &[usize], dtype: DType) -> bool {
    x.dtype() == dtype
        && ((x.shape() == shape && x.is_c_contiguous())
            || (x.size() == 1
                && broadcast_shapes(&[x.shape(), shape]).is_ok_and(|s| s[..] == *shape)))
}

impl Deferred {
    /// `first(a, b)` deferred, with the (uncomputed) array that will hold its result; None when
    /// the op and operands are not a chain's (then the caller computes the op as usual). The
    /// reference tier never defers: there every op stays one plain pass, as learners read it.
    pub fn new(first: BinaryOp, a: &Array, b: &Array) -> Result<Option<(Deferred, Array)>> {
        let tier = first.info().effective(current_tier());
        let Ok((dtype, out_dt)) = first.resolve(a.dtype(), b.dtype()) else {
            return Ok(None);
        };
        if tier == Tier::Reference
            || !chainable(first)
            || !matches!(dtype, DType::Float32 | DType::Float64)
            || out_dt != dtype
        {
            return Ok(None);
        }
        let Ok(shape) = broadcast_shapes(&[a.shape(), b.shape()]) else {
            return Ok(None);
        };
        if !fits(a, &shape, dtype) || !fits(b, &shape, dtype) {
            return Ok(None);
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
            (true, false) => return Ok(None),
        };
        let out = Array::empty(dtype, &shape)?;
        let deferred = Deferred {
            first,
            a: a.clone(),
            b: b.clone(),
            dtype,
            len: out.size(),
            tier,
        };
        Ok(Some((deferred, out)))
    }

    /// Whether `second(result, c)` can be chained onto this op, writing into `out` (the array
    /// `new` returned): the same float dtype, `c` fitting the result's shape and not `out`.
    pub fn accepts(&self, second: BinaryOp, c: &Array, out: &Array) -> bool {
        chainable(second)
            && second.resolve(self.dtype, c.dtype()) == Ok((self.dtype, self.dtype))
            && fits(c, out.shape(), self.dtype)
            && !c.shares_buffer(out)
    }

    /// Writes `first(a, b)` into `out`, the array `new` returned.
    pub fn evaluate(&self, out: &Array) -> Result<()> {
        self.run(out, None)
    }

    /// Writes `second(first(a, b), c)` into `out`, the array `new` returned, when `accepts`.
    pub fn evaluate_then(&self, second: BinaryOp, c: &Array, out: &Array) -> Result<()> {
        if !self.accepts(second, c, out) {
            return unreachable_op(second.name());
        }
        self.run(out, Some((second, c)))
    }

    fn run(&self, out: &Array, then: Option<(BinaryOp, &Array)>) -> Result<()> {
        // The loop writes `len` contiguous elements: only the array `new` made will do.
        if out.size() != self.len || out.dtype() != self.dtype || !out.is_c_contiguous() {
            return unreachable_op(self.first.name());
        }
        match self.dtype {
            DType::Float32 => self.run_typed::<f32>(out, then),
            DType::Float64 => self.run_typed::<f64>(out, then),
            _ => unreachable_op(self.first.name()),
        }
    }

    fn run_typed<T: Arith>(&self, out: &Array, then: Option<(BinaryOp, &Array)>) -> Result<()> {
        let item = std::mem::size_of::<T>() as isize;
        // Base pointer and element stride (0 for a repeated element) of each operand.
        let operand = |x: &Array| (SendPtr(x.data_ptr()), if x.size() == 1 { 0 } else { item });
        let ((a, sa), (b, sb), o) = (operand(&self.a), operand(&self.b), SendPtr(out.data_ptr()));
        let at = |p: SendPtr, stride: isize, i: usize| p.get().wrapping_offset(stride * i as isize);
        // SAFETY (both loops): `new` and `accepts` checked that each operand is contiguous with
        // the output's shape or one element read with stride 0, and `run` that `out` is the
        // contiguous array of `len` elements made by `new`, a separate allocation; the chunks
        // given to threads are disjoint.
        match then {
            None => with_arith!(self.first, T, f => {
                run_chunks(self.tier, self.len, |start, end| unsafe {
                    let (x, y) = (at(a, sa, start), at(b, sb, start));
                    simd::binary(end - start, x, sa, y, sb, at(o, item, start), item, f)
                });
                Ok(())
            }),
            Some((second, c)) => {
                let (c, sc) = operand(c);
                with_arith!(self.first, T, f => with_arith!(second, T, g => {
                    run_chunks(self.tier, self.len, |start, end| unsafe {
                        let ptrs = [at(a, sa, start), at(b, sb, start), at(c, sc, start)];
                        let h = move |x: T, y: T, z: T| g(f(x, y), z);
                        simd::ternary(end - start, ptrs.map(|p| p as *const u8), [sa, sb, sc], at(o, item, start), item, h)
                    });
                    Ok(())
                }))
            }
        }
    }
}
