//! Kernel selection for the unary ops and the real binary math functions: each op is written
//! once over an element trait (`Arith`, `FloatMath`, `RealMath`) and expanded for the dtypes
//! `resolve` admits. Dtypes were vetted before we get here; see `elementwise.rs`.

use crate::array::Array;
use crate::dtype::bool_byte::BoolByte;
use crate::dtype::element::Arith;
use crate::dtype::{DType, Kind};
use crate::error::Result;
use crate::kernels::Exec;
use crate::ops::driver::{run_binary, run_unary, run_unary_split, run_unary_vector};
use crate::ops::elementwise::{unreachable_op, BinaryOp, UnaryOp};
use crate::scalar_math::{FloatMath, RealMath};
use crate::with_dtype;
use num_complex::{Complex32, Complex64};

/// Runs unary `op` on `a` (already of dtype `loop_dt`) into `o`.
pub(crate) fn unary(op: UnaryOp, loop_dt: DType, exec: Exec, o: &Array, a: &Array) -> Result<()> {
    use UnaryOp::*;
    let kind = loop_dt.kind();
    match (op, loop_dt) {
        (Absolute, DType::Complex64) => run_unary::<Complex32, f32>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.re.hypot(x.im),
        ),
        (Absolute, DType::Complex128) => run_unary::<Complex64, f64>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.re.hypot(x.im),
        ),
        (Real, DType::Complex64) => run_unary::<Complex32, f32>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.re,
        ),
        (Real, DType::Complex128) => run_unary::<Complex64, f64>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.re,
        ),
        (Imag, DType::Complex64) => run_unary::<Complex32, f32>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.im,
        ),
        (Imag, DType::Complex128) => run_unary::<Complex64, f64>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.im,
        ),
        (Conj, DType::Complex64) => run_unary::<Complex32, Complex32>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.conj(),
        ),
        (Conj, DType::Complex128) => run_unary::<Complex64, Complex64>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.conj(),
        ),
        (Reciprocal, DType::Complex64) => run_unary::<Complex32, Complex32>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.reciprocal(),
        ),
        (Reciprocal, DType::Complex128) => run_unary::<Complex64, Complex64>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.reciprocal(),
        ),
        (Imag, _) => {
            with_dtype!(loop_dt, T => run_unary::<T, T>(exec, o, a, |_| <T as Arith>::zero_pos()))
        }
        // Integers are already whole; their real part and conjugate are themselves.
        (Real | Conj, _) | (Floor | Ceil | Trunc, _)
            if kind != Kind::Float || matches!(op, Real | Conj) =>
        {
            with_dtype!(loop_dt, T => run_unary::<T, T>(exec, o, a, #[inline(always)] |x| x))
        }
        (Isfinite | Isinf | Isnan, _) if !matches!(kind, Kind::Float | Kind::Complex) => {
            let finite = op == Isfinite;
            with_dtype!(loop_dt, T => run_unary::<T, BoolByte>(exec, o, a, #[inline(always)] move |_| finite.into()))
        }
        (Signbit, _) if kind != Kind::Float => {
            with_dtype!(loop_dt, T => run_unary::<T, BoolByte>(exec, o, a, #[inline(always)] |x| <T as Arith>::is_lt(x, <T as Arith>::zero_pos()).into()))
        }
        (Sign, _) if kind != Kind::Float && kind != Kind::Complex => {
            with_dtype!(loop_dt, T => run_unary::<T, T>(exec, o, a, integer_sign::<T>))
        }
        (Reciprocal, _) if kind != Kind::Float && kind != Kind::Complex => {
            with_dtype!(loop_dt, T => run_unary::<T, T>(exec, o, a, integer_reciprocal::<T>))
        }
        (Negative | Positive | Absolute | Square | Reciprocal | Invert | LogicalNot, _) => {
            with_dtype!(loop_dt, T => match op {
                Negative => run_unary::<T, T>(exec, o, a, #[inline(always)] |x| <T as Arith>::neg(x)),
                Positive => run_unary::<T, T>(exec, o, a, #[inline(always)] |x| x),
                Absolute => run_unary::<T, T>(exec, o, a, #[inline(always)] |x| <T as Arith>::abs(x)),
                Square => run_unary::<T, T>(exec, o, a, #[inline(always)] |x| <T as Arith>::mul(x, x)),
                Reciprocal => run_unary::<T, T>(exec, o, a, #[inline(always)] |x| <T as Arith>::div(<T as Arith>::one(), x)),
                Invert | LogicalNot => run_unary::<T, T>(exec, o, a, #[inline(always)] |x| <T as Arith>::invert(x)),
                _ => unreachable_op(op.name()), // the arm's pattern admits only the ops above
            })
        }
        (Exp, DType::Float64) => {
            run_unary_vector::<f64>(exec, o, a, crate::vmath::exp_f64, crate::vmath::exp_f64_run)
        }
        // Elsewhere sin f32 takes the split (fast, needs_slow, slow) path below.
        (Sin, DType::Float32) if crate::vmath::vector_kernels() => {
            run_unary_vector::<f32>(exec, o, a, crate::vmath::sin_f32, crate::vmath::sin_f32_run)
        }
        (Log, DType::Float64) => {
            run_unary_vector::<f64>(exec, o, a, crate::vmath::log_f64, crate::vmath::log_f64_run)
        }
        (_, DType::Float32) => real_unary::<f32>(op, exec, o, a),
        (_, DType::Float64) => real_unary::<f64>(op, exec, o, a),
        (_, DType::Complex64) => float_unary::<Complex32>(op, exec, o, a),
        (_, DType::Complex128) => float_unary::<Complex64>(op, exec, o, a),
        _ => unreachable_op(op.name()),
    }
}

/// The functions real and complex floats share.
fn float_unary<T: FloatMath>(op: UnaryOp, exec: Exec, o: &Array, a: &Array) -> Result<()> {
    use UnaryOp::*;
    match op {
        Sqrt => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.sqrt(),
        ),
        Exp => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.exp(),
        ),
        Expm1 => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.expm1(),
        ),
        Exp2 => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.exp2(),
        ),
        Log => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.log(),
        ),
        Log1p => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.log1p(),
        ),
        Log2 => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.log2(),
        ),
        Log10 => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.log10(),
        ),
        Sin => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.sin(),
        ),
        Cos => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.cos(),
        ),
        Tan => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.tan(),
        ),
        Asin => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.asin(),
        ),
        Acos => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.acos(),
        ),
        Atan => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.atan(),
        ),
        Sinh => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.sinh(),
        ),
        Cosh => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.cosh(),
        ),
        Tanh => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.tanh(),
        ),
        Asinh => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.asinh(),
        ),
        Acosh => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.acosh(),
        ),
        Atanh => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.atanh(),
        ),
        Rint => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.rint(),
        ),
        Sign => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.sign(),
        ),
        Isfinite => run_unary::<T, BoolByte>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.is_finite().into(),
        ),
        Isinf => run_unary::<T, BoolByte>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.is_inf().into(),
        ),
        Isnan => run_unary::<T, BoolByte>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| FloatMath::is_nan(x).into(),
        ),
        // Listed, not `_`: a new op must be placed in one of these families to compile.
        Negative | Positive | Absolute | Square | Reciprocal | Invert | LogicalNot | Cbrt
        | Deg2rad | Rad2deg | Fabs | Floor | Ceil | Trunc | Conj | Real | Imag | Signbit => {
            unreachable_op(op.name())
        }
    }
}

/// The real-only functions, then the shared ones.
fn real_unary<T: RealMath>(op: UnaryOp, exec: Exec, o: &Array, a: &Array) -> Result<()> {
    use UnaryOp::*;
    match op {
        Cbrt => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.cbrt(),
        ),
        Deg2rad => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.deg2rad(),
        ),
        Rad2deg => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.rad2deg(),
        ),
        Fabs => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.fabs(),
        ),
        Floor => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.floor(),
        ),
        Ceil => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.ceil(),
        ),
        Trunc => run_unary::<T, T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.trunc(),
        ),
        Signbit => run_unary::<T, BoolByte>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.signbit().into(),
        ),
        Sin => run_unary_split::<T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.sin_fast(),
            #[inline(always)]
            |x| x.sin_needs_slow(),
            #[inline(always)]
            |x| x.sin_slow(),
        ),
        Cos => run_unary_split::<T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.cos_fast(),
            #[inline(always)]
            |x| x.cos_needs_slow(),
            #[inline(always)]
            |x| x.cos_slow(),
        ),
        Tan => run_unary_split::<T>(
            exec,
            o,
            a,
            #[inline(always)]
            |x| x.tan_fast(),
            #[inline(always)]
            |x| x.tan_needs_slow(),
            #[inline(always)]
            |x| x.tan_slow(),
        ),
        _ => float_unary::<T>(op, exec, o, a),
    }
}

/// The real binary functions (atan2, hypot, copysign, logaddexp, logaddexp2, nextafter).
pub(crate) fn real_binary(
    op: BinaryOp,
    loop_dt: DType,
    exec: Exec,
    o: &Array,
    a: &Array,
    b: &Array,
) -> Result<()> {
    match loop_dt {
        DType::Float32 => real_binary_typed::<f32>(op, exec, o, a, b),
        DType::Float64 => real_binary_typed::<f64>(op, exec, o, a, b),
        _ => unreachable_op(op.name()),
    }
}

fn real_binary_typed<T: RealMath>(
    op: BinaryOp,
    exec: Exec,
    o: &Array,
    a: &Array,
    b: &Array,
) -> Result<()> {
    use BinaryOp::*;
    match op {
        Copysign => run_binary::<T, T>(
            exec,
            o,
            a,
            b,
            #[inline(always)]
            |x, y| x.copysign(y),
        ),
        Atan2 => run_binary::<T, T>(
            exec,
            o,
            a,
            b,
            #[inline(always)]
            |y, x| y.atan2(x),
        ),
        Hypot => run_binary::<T, T>(
            exec,
            o,
            a,
            b,
            #[inline(always)]
            |x, y| x.hypot(y),
        ),
        Logaddexp => run_binary::<T, T>(
            exec,
            o,
            a,
            b,
            #[inline(always)]
            |x, y| x.logaddexp(y),
        ),
        Logaddexp2 => run_binary::<T, T>(
            exec,
            o,
            a,
            b,
            #[inline(always)]
            |x, y| x.logaddexp2(y),
        ),
        Nextafter => run_binary::<T, T>(
            exec,
            o,
            a,
            b,
            #[inline(always)]
            |x, y| x.nextafter(y),
        ),
        // Listed, not `_`: a new op must be placed in one of the binary families to compile.
        Add | Subtract | Multiply | Divide | FloorDivide | Remainder | Power | Equal | NotEqual
        | Less | LessEqual | Greater | GreaterEqual | BitwiseAnd | BitwiseOr | BitwiseXor
        | LeftShift | RightShift | Maximum | Minimum | Fmax | Fmin | LogicalAnd | LogicalOr
        | LogicalXor | Fmod => unreachable_op(op.name()),
    }
}

/// -1, 0 or 1 for integers (bool is rejected before this).
#[inline(always)]
fn integer_sign<T: Arith>(x: T) -> T {
    let zero = T::zero_pos();
    if T::is_lt(zero, x) {
        T::one()
    } else if T::is_lt(x, zero) {
        T::neg(T::one())
    } else {
        zero
    }
}

/// NumPy computes an integer reciprocal as `1.0 / x` converted back: 1 and -1 map to
/// themselves, other values to 0, and 0 to x86's conversion of infinity to a 32/64-bit
/// integer (its minimum; narrower types keep that value's low bits, 0).
#[inline(always)]
fn integer_reciprocal<T: Arith>(x: T) -> T {
    let zero = T::zero_pos();
    if T::is_eq(x, T::one()) {
        x
    } else if T::is_lt(x, zero) && T::is_eq(x, T::neg(T::one())) {
        x
    } else if T::is_eq(x, zero) && std::mem::size_of::<T>() >= 4 {
        T::lowest()
    } else {
        zero
    }
}
