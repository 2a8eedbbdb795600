//! Branch-free, autovectorizable scalar implementations of transcendental functions.
//!
//! # Contract
//!
//! Every function here is an `#[inline(always)]` scalar `fn(T) -> T` built only from operations
//! whose result does not depend on the instruction set: `+ - * /`, `mul_add` (an exact fused
//! multiply-add: a vector FMA under AVX2/AVX-512, a libm `fma` call on baseline x86-64),
//! bit casts, wrapping integer arithmetic, comparisons and value selects. There are no branches
//! on data, no loops and (but for the hand-vectorized three below) no table lookups, so a loop
//! `for (o, &x) in out.iter_mut().zip(inp) { *o = f(x) }` vectorizes when compiled with vector
//! target features (e.g. inside `pulp::Arch::dispatch`) and gives **bit-identical** results to
//! the same loop compiled for baseline x86-64.
//!
//! Accuracy: within 4 ULP of the correctly rounded result (measured maxima are about 1-2 ULP,
//! see `tests/vmath_*.rs`) over the whole domain, subnormals included; IEEE/C99 special values
//! (signed zeros, infinities, NaN) follow C99 Annex F.
//!
//! Two shapes of function:
//!
//! * **Complete, branch-free** (`exp_*`, `expm1_*`, `exp2_*`, `log_*`, `log1p_*`, `log2_*`,
//!   `log10_*`, `tanh_*`, `atan_*`, `asin_*`, `acos_*`, `sinh_*`, `cosh_*`, `cbrt_*`): one
//!   function, correct for every input, vectorizable as is.
//! * **Fast/slow triple** (`sin_*`, `cos_*`, `tan_*`): the range reduction for huge arguments
//!   cannot be done branch-free, so each comes as
//!   - `sin_f64(x)`: the complete function, any input (`if needs_slow { slow } else { fast }`);
//!   - `sin_f64_fast(x)`: branch-free and vectorizable, correct wherever
//!     `!sin_f64_needs_slow(x)`; returns some finite or NaN value elsewhere, never panics;
//!   - `sin_f64_needs_slow(x)`: branch-free predicate (true only for huge finite |x| and
//!     infinities);
//!   - `sin_f64_slow(x)`: the scalar fallback (exact Payne–Hanek reduction, `reduce_huge.rs`).
//!
//!   A kernel runs `fast` over the whole slice (vectorized), then recomputes with `slow` the
//!   few elements where `needs_slow` holds; the result equals the complete function everywhere.
//!   Recommended shape (see `dispatched_triple!` in `tests/common/mod.rs`): one dispatch with
//!   the plain `fast` loop, a second with a vectorized any-scan `xs.iter().fold(false, |a, &x|
//!   a | needs_slow(x))`, and the scalar fix-up outside any dispatch, only when the scan hits.
//!   Dispatch through `kernels::cpu::vectorize`, never `Arch::dispatch` with a closure: pulp
//!   calls a closure through a `FnOnce` shim that LLVM may keep out of line, and then the loop
//!   runs as baseline code (libm `fma` calls, ~50x slower) — results stay identical, only the
//!   speed is lost.
//!
//! * **Hand-vectorized** (f64 `exp`/`log`, f32 `sin`): the scalar function reads a 16-entry
//!   table (autovectorized, that becomes gathers), and an AVX-512 kernel (`*_run`, used by the
//!   simd and parallel tiers on contiguous runs) keeps the table in registers. Both run one
//!   generic function over a lane type (`lanes.rs`), so their results are the same bits.
//!
//! NaN results are bit-identical across instruction sets too (a NaN input comes back quieted,
//! a NaN made from a non-NaN input is `f64::NAN` / `f32::NAN`, or the constant NaN of the
//! special-case selects), since vector and scalar code may order the operands of an
//! instruction differently and x86 propagates the first NaN operand.
//!
//! Implementation notes: Cody–Waite range reduction with exact fused first steps (and
//! double-double tails for sin/cos), Taylor or Chebyshev-fitted (mpmath `chebyfit`)
//! polynomials in Horner form, 2^k built from exponent bits and applied in two factors so
//! subnormal results round once, integer <-> float conversions through the 1.5·2^52 (1.5·2^23)
//! shifter instead of `as` casts. f32 exp/log/tanh are native f32 (16 lanes under AVX-512);
//! f32 sin/cos reduce and evaluate in f64 and round once, as do the f32 expm1/exp2/log1p/
//! log2/log10/atan/asin/acos/sinh/cosh/cbrt (through the f64 functions).

mod atan;
mod cbrt;
mod exp_table;
mod f32s;
mod f64s;
mod hyperbolic;
mod lanes;
mod log_table;
mod reduce_huge;
mod sin_f32_kernel;

pub use atan::{acos_f64, asin_f64, atan_f64};
pub use cbrt::cbrt_f64;
pub use exp_table::{exp_f64, exp_f64_run};
pub use f32s::*;
pub use f64s::*;
pub use hyperbolic::{cosh_f64, sinh_f64};
pub use lanes::vector_kernels;
pub use log_table::{log_f64, log_f64_run};
pub use sin_f32_kernel::sin_f32_run;
