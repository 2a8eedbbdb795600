//! Elementwise operations: dtype resolution per op, broadcasting and the kernel of each op; the
//! N-d driver and the `out=` rule are in `driver`.

pub mod chain;
pub mod math_kernels;
pub mod output;
pub mod select;

use crate::array::Array;
use crate::dtype::bool_byte::BoolByte;
use crate::dtype::element::Arith;
use crate::dtype::{promote_types, DType, Kind};
use crate::error::{Error, Result};
use crate::fp_status;
use crate::iter::LoopPlan;
use crate::kernels::{current_tier, reference, Exec};
use crate::layout::broadcast_shapes;
use crate::ops::driver::run_binary;
pub use crate::optable::{BinaryOp, UnaryOp};
use crate::with_dtype;
use output::with_output;

fn unsupported(name: &str, dtypes: &[DType]) -> Error {
    let list: Vec<&str> = dtypes.iter().map(|d| d.name()).collect();
    Error::Type(format!(
        "ufunc '{name}' not supported for the input types ({})",
        list.join(", ")
    ))
}

impl BinaryOp {
    /// (loop dtype, output dtype) for inputs `a`, `b`, following NumPy's loop tables.
    pub fn resolve(self, a: DType, b: DType) -> Result<(DType, DType)> {
        use BinaryOp::*;
        let common = promote_types(a, b);
        let kind = common.kind();
        let err = || unsupported(self.name(), &[a, b]);
        Ok(match self {
            Add | Multiply | Maximum | Minimum => (common, common),
            Subtract if kind == Kind::Bool => {
                return Err(Error::Type(
                    "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.".into(),
                ))
            }
            Subtract => (common, common),
            Divide => match kind {
                Kind::Bool | Kind::Signed | Kind::Unsigned => (DType::Float64, DType::Float64),
                _ => (common, common),
            },
            FloorDivide | Remainder => match kind {
                Kind::Bool => (DType::Int8, DType::Int8),
                Kind::Complex => return Err(err()),
                _ => (common, common),
            },
            Power => match kind {
                Kind::Bool => (DType::Int8, DType::Int8),
                _ => (common, common),
            },
            Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual => (common, DType::Bool),
            BitwiseAnd | BitwiseOr | BitwiseXor => match kind {
                Kind::Bool | Kind::Signed | Kind::Unsigned => (common, common),
                _ => return Err(err()),
            },
            LeftShift | RightShift => match kind {
                Kind::Bool => (DType::Int8, DType::Int8),
                Kind::Signed | Kind::Unsigned => (common, common),
                _ => return Err(err()),
            },
            Fmax | Fmin => (common, common),
            LogicalAnd | LogicalOr | LogicalXor => (DType::Bool, DType::Bool),
            Fmod => match kind {
                Kind::Bool => (DType::Int8, DType::Int8),
                Kind::Complex => return Err(err()),
                _ => (common, common),
            },
            Copysign | Atan2 | Hypot | Logaddexp | Logaddexp2 | Nextafter => match kind {
                Kind::Complex => return Err(err()),
                _ => (float_loop(common), float_loop(common)),
            },
        })
    }
}

impl UnaryOp {
    pub fn resolve(self, a: DType) -> Result<(DType, DType)> {
        use UnaryOp::*;
        Ok(match (self, a.kind()) {
            (Negative, Kind::Bool) => {
                return Err(Error::Type(
                    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.".into(),
                ))
            }
            (Positive | Sign, Kind::Bool) => return Err(unsupported(self.name(), &[a])),
            (Absolute | Real | Imag, Kind::Complex) => (a, a.real_part()),
            (Invert, Kind::Float | Kind::Complex) => return Err(unsupported(self.name(), &[a])),
            (Square | Reciprocal | Conj, Kind::Bool) => (DType::Int8, DType::Int8),
            (LogicalNot, _) => (DType::Bool, DType::Bool),
            (Isfinite | Isinf | Isnan, _) => (a, DType::Bool),
            (Signbit | Floor | Ceil | Trunc | Cbrt | Deg2rad | Rad2deg | Fabs, Kind::Complex) => {
                return Err(unsupported(self.name(), &[a]))
            }
            (Signbit, _) => (a, DType::Bool),
            (Sqrt | Exp | Expm1 | Exp2 | Log | Log1p | Log2 | Log10 | Sin | Cos | Tan | Asin | Acos | Atan
            | Sinh | Cosh | Tanh | Asinh | Acosh | Atanh | Cbrt | Deg2rad | Rad2deg | Fabs | Rint, _) => {
                (float_loop(a), float_loop(a))
            }
            _ => (a, a),
        })
    }
}

/// The float type a float function computes integer and bool inputs in: NumPy's table, with
/// float32 where NumPy would pick float16 (ArrPy has no float16).
fn float_loop(dtype: DType) -> DType {
    match dtype {
        DType::Bool | DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16 => DType::Float32,
        DType::Int32 | DType::UInt32 | DType::Int64 | DType::UInt64 => DType::Float64,
        other => other,
    }
}

/// `a` cast to `dtype` unless it already is.
pub(crate) fn cast_to(a: &Array, dtype: DType) -> Result<Array> {
    if a.dtype() == dtype {
        Ok(a.clone())
    } else {
        crate::ops::cast::astype(a, dtype)
    }
}

/// Whether some element of `a` is below zero (integer power's exponent check).
fn any_negative(a: &Array) -> bool {
    let plan = LoopPlan::new(a.shape(), [a.strides()]);
    let mut negative = false;
    with_dtype!(a.dtype(), T => plan.for_each_run(0, plan.size(), |n, off, st| {
        // SAFETY: the plan's runs lie inside `a`.
        let base = unsafe { a.data_ptr().offset(off[0]) };
        negative |= (0..n).any(|i| {
            // SAFETY: i < n, inside the run.
            let v = unsafe { reference::load::<T>(base, st[0], i) };
            T::is_lt(v, T::zero())
        });
    }));
    negative
}

/// Applies a binary op with broadcasting; `out` (if given) receives the result.
pub fn binary(op: BinaryOp, a: &Array, b: &Array, out: Option<&Array>) -> Result<Array> {
    let (loop_dt, out_dt) = op.resolve(a.dtype(), b.dtype())?;
    let shape = if a.shape() == b.shape() {
        a.shape().into()
    } else {
        broadcast_shapes(&[a.shape(), b.shape()])?
    };
    let (a, b) = (cast_to(a, loop_dt)?, cast_to(b, loop_dt)?);
    if op == BinaryOp::Power && loop_dt.kind() == Kind::Signed && any_negative(&b) {
        return Err(Error::Value(
            "Integers to negative integer powers are not allowed.".into(),
        ));
    }
    let exec = op.info().exec(current_tier(), loop_dt);
    with_output(op.name(), &shape, out_dt, out, &[&a, &b], |o| {
        // Read before the kernel runs: `o` may be `a` or `b`.
        let flags = integer_division_flags(op, &shape, &a, &b)?;
        binary_kernel(op, loop_dt, exec, o, &a, &b)?;
        fp_status::report(op.name(), flags);
        Ok(())
    })
}

/// The flags NumPy 2 raises for integer division: divide-by-zero for `x // 0`, `x % 0` and
/// `fmod(x, 0)` (the result is 0), overflow for `MIN // -1` (it wraps). Floats get theirs
/// from the driver's check; the other ops raise none.
fn integer_division_flags(op: BinaryOp, shape: &[usize], a: &Array, b: &Array) -> Result<u8> {
    use BinaryOp::*;
    if !matches!(op, FloorDivide | Remainder | Fmod)
        || !matches!(a.dtype().kind(), Kind::Signed | Kind::Unsigned)
    {
        return Ok(0);
    }
    let plan = LoopPlan::new(
        shape,
        [&a.strides_for(shape)?[..], &b.strides_for(shape)?[..]],
    );
    let mut flags = 0;
    macro_rules! scan {
        ($T:ty, $wraps:expr) => {
            plan.for_each_run(0, plan.size(), |n, off, st| {
                // SAFETY: the plan's runs lie inside `a` and `b` (broadcast to `shape`).
                let (pa, pb) =
                    unsafe { (a.data_ptr().offset(off[0]), b.data_ptr().offset(off[1])) };
                for i in 0..n {
                    // SAFETY: i < n, inside the run.
                    let (x, y) = unsafe {
                        (
                            reference::load::<$T>(pa, st[0], i),
                            reference::load::<$T>(pb, st[1], i),
                        )
                    };
                    if y == 0 {
                        flags |= fp_status::DIVIDE;
                    } else if op == FloorDivide && $wraps(x, y) {
                        flags |= fp_status::OVERFLOW;
                    }
                }
            })
        };
    }
    macro_rules! signed {
        ($T:ty) => {
            scan!($T, |x: $T, y: $T| x == <$T>::MIN && y == -1)
        };
    }
    macro_rules! unsigned {
        ($T:ty) => {
            scan!($T, |_: $T, _: $T| false)
        };
    }
    match a.dtype() {
        DType::Int8 => signed!(i8),
        DType::Int16 => signed!(i16),
        DType::Int32 => signed!(i32),
        DType::Int64 => signed!(i64),
        DType::UInt8 => unsigned!(u8),
        DType::UInt16 => unsigned!(u16),
        DType::UInt32 => unsigned!(u32),
        DType::UInt64 => unsigned!(u64),
        _ => {}
    }
    Ok(flags)
}

fn binary_kernel(
    op: BinaryOp,
    loop_dt: DType,
    exec: Exec,
    o: &Array,
    a: &Array,
    b: &Array,
) -> Result<()> {
    use BinaryOp::*;
    if let Copysign | Atan2 | Hypot | Logaddexp | Logaddexp2 | Nextafter = op {
        return math_kernels::real_binary(op, loop_dt, exec, o, a, b);
    }
    with_dtype!(loop_dt, T => {
        match op {
            Add => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::add(x, y)),
            Subtract => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::sub(x, y)),
            Multiply => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::mul(x, y)),
            Divide => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::div(x, y)),
            FloorDivide => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::floor_div(x, y)),
            Remainder => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::rem(x, y)),
            Power => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::pow(x, y)),
            Equal => run_binary::<T, BoolByte>(exec, o, a, b, |x, y| (<T as Arith>::is_eq(x, y)).into()),
            NotEqual => run_binary::<T, BoolByte>(exec, o, a, b, |x, y| (!<T as Arith>::is_eq(x, y)).into()),
            Less => run_binary::<T, BoolByte>(exec, o, a, b, |x, y| (<T as Arith>::is_lt(x, y)).into()),
            LessEqual => run_binary::<T, BoolByte>(exec, o, a, b, |x, y| (<T as Arith>::is_le(x, y)).into()),
            Greater => run_binary::<T, BoolByte>(exec, o, a, b, |x, y| (<T as Arith>::is_lt(y, x)).into()),
            GreaterEqual => run_binary::<T, BoolByte>(exec, o, a, b, |x, y| (<T as Arith>::is_le(y, x)).into()),
            BitwiseAnd => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::bitand(x, y)),
            BitwiseOr => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::bitor(x, y)),
            BitwiseXor => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::bitxor(x, y)),
            LeftShift => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::shl(x, y)),
            RightShift => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::shr(x, y)),
            Maximum => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::max(x, y)),
            Minimum => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::min(x, y)),
            Fmax => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::fmax(x, y)),
            Fmin => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::fmin(x, y)),
            Fmod => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::fmod(x, y)),
            LogicalAnd => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::bitand(x, y)),
            LogicalOr => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::bitor(x, y)),
            LogicalXor => run_binary::<T, T>(exec, o, a, b, |x, y| <T as Arith>::bitxor(x, y)),
            Copysign | Atan2 | Hypot | Logaddexp | Logaddexp2 | Nextafter => unreachable_op(op.name()),
        }
    })
}

/// Applies a unary op; `out` (if given) receives the result.
pub fn unary(op: UnaryOp, a: &Array, out: Option<&Array>) -> Result<Array> {
    let (loop_dt, out_dt) = op.resolve(a.dtype())?;
    let exec = op.info().exec(current_tier(), loop_dt);
    let a = &cast_to(a, loop_dt)?;
    with_output(op.name(), a.shape(), out_dt, out, &[a], |o| {
        math_kernels::unary(op, loop_dt, exec, o, a)
    })
}

/// Ops are matched to kernels after `resolve` has vetted the dtypes, so an op reaching a kernel
/// family that does not define it is a bug in this file, reported instead of panicking.
pub(crate) fn unreachable_op(name: &str) -> Result<()> {
    Err(Error::Value(format!(
        "internal error: no kernel for '{name}' on this dtype"
    )))
}
