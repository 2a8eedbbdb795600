//! Elementwise operations: dtype resolution per op, broadcasting, `out=`, and the N-d driver that
//! feeds 1-d runs to the kernels of the selected tier.

pub mod chain;
pub mod math_kernels;
pub mod select;

use crate::array::Array;
use crate::dtype::bool_byte::BoolByte;
use crate::dtype::element::Arith;
use crate::dtype::{can_cast, promote_types, Casting, DType, Element, Kind};
use crate::error::{Error, Result};
use crate::iter::LoopPlan;
use crate::kernels::{current_tier, parallel, reference, simd, SendPtr, Tier};
use crate::layout::{broadcast_shapes, format_shape};
pub use crate::optable::{BinaryOp, UnaryOp};
use crate::overlap::{may_overlap_itself, must_copy_before_write};
use crate::with_dtype;

/// Calls `kernel(n, a_run, a_stride, out_run, out_stride)` on every 1-d run of `out`'s shape
/// (`a` broadcast to it), in chunks on the pool at the parallel tier. The runs it passes lie
/// inside both arrays' extents and chunks are disjoint: the condition a run kernel needs.
fn for_each_unary_run(
    tier: Tier,
    out: &Array,
    a: &Array,
    kernel: impl Fn(usize, *const u8, isize, *mut u8, isize) + Send + Sync,
) -> Result<()> {
    let sa = a.strides_for(out.shape())?;
    // A destination whose elements overlap is written by one thread in C order (last write
    // wins, as NumPy); `with_output` never computes into one, so only copies arrive here.
    let overlapping = may_overlap_itself(out);
    let plan = if overlapping {
        LoopPlan::in_c_order(out.shape(), [out.strides(), &sa])
    } else {
        LoopPlan::new(out.shape(), [out.strides(), &sa])
    };
    let (po, pa) = (SendPtr(out.data_ptr()), SendPtr(a.data_ptr()));
    let body = |start: usize, end: usize| {
        plan.for_each_run(start, end, |n, off, st| {
            // SAFETY: offsets come from the plan over both arrays' own layouts.
            let (o, x) = unsafe { (po.get().offset(off[0]), pa.get().offset(off[1])) };
            kernel(n, x, st[1], o, st[0])
        })
    };
    run_chunks(
        if overlapping { Tier::Reference } else { tier },
        plan.size(),
        body,
    );
    Ok(())
}

/// Runs `out[i] = f(a[i])` over `out`'s shape (`a` broadcast to it) at `tier`.
pub(crate) fn run_unary<T: Copy + 'static, U: Copy + 'static>(
    tier: Tier,
    out: &Array,
    a: &Array,
    f: impl Fn(T) -> U + Copy + Send + Sync,
) -> Result<()> {
    for_each_unary_run(tier, out, a, |n, x, sx, o, so| {
        // SAFETY: `for_each_unary_run` passes runs inside both arrays.
        unsafe {
            match tier {
                Tier::Reference => reference::unary(n, x, sx, o, so, f),
                _ => simd::unary(n, x, sx, o, so, f),
            }
        }
    })
}

/// As `run_unary` with a hand-vectorized kernel for contiguous runs at the vector tiers:
/// `vector(n, x, out)` computes exactly what `f` would (or returns false, writing nothing,
/// where the CPU lacks its instruction set; the generic loop runs then).
pub(crate) fn run_unary_vector<T: Copy + 'static>(
    tier: Tier,
    out: &Array,
    a: &Array,
    f: impl Fn(T) -> T + Copy + Send + Sync,
    vector: unsafe fn(usize, *const T, *mut T) -> bool,
) -> Result<()> {
    let elem = std::mem::size_of::<T>() as isize;
    for_each_unary_run(tier, out, a, |n, x, sx, o, so| {
        // SAFETY: `for_each_unary_run` passes runs inside both arrays; with unit strides they
        // are `n` contiguous elements, and an output shares memory with an input only by being
        // exactly it (`with_output`).
        unsafe {
            match tier {
                Tier::Reference => reference::unary(n, x, sx, o, so, f),
                _ if sx == elem && so == elem && vector(n, x.cast(), o.cast()) => {}
                _ => simd::unary(n, x, sx, o, so, f),
            }
        }
    })
}

/// As `run_unary` for a function split into a vectorizable `fast` path, a `needs_slow`
/// predicate and a scalar `slow` path (see `simd::unary_split`).
pub(crate) fn run_unary_split<T: Copy + 'static>(
    tier: Tier,
    out: &Array,
    a: &Array,
    fast: impl Fn(T) -> T + Copy + Send + Sync,
    needs_slow: impl Fn(T) -> bool + Copy + Send + Sync,
    slow: impl Fn(T) -> T + Copy + Send + Sync,
) -> Result<()> {
    let complete = move |x: T| if needs_slow(x) { slow(x) } else { fast(x) };
    for_each_unary_run(tier, out, a, |n, x, sx, o, so| {
        // SAFETY: `for_each_unary_run` passes runs inside both arrays.
        unsafe {
            match tier {
                Tier::Reference => reference::unary(n, x, sx, o, so, complete),
                _ => simd::unary_split(n, x, sx, o, so, fast, needs_slow, slow),
            }
        }
    })
}

/// Runs `out[i] = f(a[i], b[i])` over `out`'s shape at `tier`.
pub(crate) fn run_binary<T: Copy + 'static, U: Copy + 'static>(
    tier: Tier,
    out: &Array,
    a: &Array,
    b: &Array,
    f: impl Fn(T, T) -> U + Copy + Send + Sync,
) -> Result<()> {
    let (sa, sb) = (a.strides_for(out.shape())?, b.strides_for(out.shape())?);
    let plan = LoopPlan::new(out.shape(), [out.strides(), &sa, &sb]);
    let (po, pa, pb) = (
        SendPtr(out.data_ptr()),
        SendPtr(a.data_ptr()),
        SendPtr(b.data_ptr()),
    );
    let body = |start: usize, end: usize| {
        plan.for_each_run(start, end, |n, off, st| {
            // SAFETY: the plan yields runs inside the arrays' extents; chunks are disjoint.
            unsafe {
                let (o, x, y) = (
                    po.get().offset(off[0]),
                    pa.get().offset(off[1]),
                    pb.get().offset(off[2]),
                );
                match tier {
                    Tier::Reference => reference::binary(n, x, st[1], y, st[2], o, st[0], f),
                    _ => simd::binary(n, x, st[1], y, st[2], o, st[0], f),
                }
            }
        })
    };
    run_chunks(tier, plan.size(), body);
    Ok(())
}

/// Runs `body` over `0..size` on one thread, or in chunks on the pool at the parallel tier.
pub(crate) fn run_chunks(tier: Tier, size: usize, body: impl Fn(usize, usize) + Send + Sync) {
    if tier == Tier::Parallel {
        parallel::for_each_chunk(size, body);
    } else {
        body(0, size);
    }
}

/// Sets every element of `a` to `value`.
pub(crate) fn fill_with<T: Element>(a: &Array, value: T) {
    let plan = LoopPlan::new(a.shape(), [a.strides()]);
    let p = SendPtr(a.data_ptr());
    // Elements that share bytes are stored by one thread only.
    let tier = if may_overlap_itself(a) {
        Tier::Reference
    } else {
        current_tier()
    };
    run_chunks(tier, plan.size(), |start, end| {
        plan.for_each_run(start, end, |n, off, st| {
            // SAFETY: runs lie inside `a`; chunks are disjoint.
            unsafe {
                let base = p.get().offset(off[0]);
                for i in 0..n {
                    reference::store(base, st[0], i, value);
                }
            }
        })
    });
}

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

/// Computes into a fresh array, or into `out` directly when it has the right dtype, no two of its
/// elements share a byte, and no input overlaps it in memory except by being exactly it (`overlap::must_copy_before_write`: the
/// kernels then read each element before writing it, and never hold overlapping slices);
/// otherwise computes into a temporary and copies it in.
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
    let tier = op.info().effective(current_tier());
    with_output(op.name(), &shape, out_dt, out, &[&a, &b], |o| {
        binary_kernel(op, loop_dt, tier, o, &a, &b)
    })
}

fn binary_kernel(
    op: BinaryOp,
    loop_dt: DType,
    tier: Tier,
    o: &Array,
    a: &Array,
    b: &Array,
) -> Result<()> {
    use BinaryOp::*;
    if let Copysign | Atan2 | Hypot | Logaddexp | Logaddexp2 | Nextafter = op {
        return math_kernels::real_binary(op, loop_dt, tier, o, a, b);
    }
    with_dtype!(loop_dt, T => {
        match op {
            Add => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::add(x, y)),
            Subtract => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::sub(x, y)),
            Multiply => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::mul(x, y)),
            Divide => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::div(x, y)),
            FloorDivide => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::floor_div(x, y)),
            Remainder => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::rem(x, y)),
            Power => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::pow(x, y)),
            Equal => run_binary::<T, BoolByte>(tier, o, a, b, |x, y| (<T as Arith>::is_eq(x, y)).into()),
            NotEqual => run_binary::<T, BoolByte>(tier, o, a, b, |x, y| (!<T as Arith>::is_eq(x, y)).into()),
            Less => run_binary::<T, BoolByte>(tier, o, a, b, |x, y| (<T as Arith>::is_lt(x, y)).into()),
            LessEqual => run_binary::<T, BoolByte>(tier, o, a, b, |x, y| (<T as Arith>::is_le(x, y)).into()),
            Greater => run_binary::<T, BoolByte>(tier, o, a, b, |x, y| (<T as Arith>::is_lt(y, x)).into()),
            GreaterEqual => run_binary::<T, BoolByte>(tier, o, a, b, |x, y| (<T as Arith>::is_le(y, x)).into()),
            BitwiseAnd => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::bitand(x, y)),
            BitwiseOr => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::bitor(x, y)),
            BitwiseXor => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::bitxor(x, y)),
            LeftShift => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::shl(x, y)),
            RightShift => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::shr(x, y)),
            Maximum => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::max(x, y)),
            Minimum => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::min(x, y)),
            Fmax => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::fmax(x, y)),
            Fmin => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::fmin(x, y)),
            Fmod => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::fmod(x, y)),
            LogicalAnd => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::bitand(x, y)),
            LogicalOr => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::bitor(x, y)),
            LogicalXor => run_binary::<T, T>(tier, o, a, b, |x, y| <T as Arith>::bitxor(x, y)),
            Copysign | Atan2 | Hypot | Logaddexp | Logaddexp2 | Nextafter => unreachable_op(op.name()),
        }
    })
}

/// Applies a unary op; `out` (if given) receives the result.
pub fn unary(op: UnaryOp, a: &Array, out: Option<&Array>) -> Result<Array> {
    let (loop_dt, out_dt) = op.resolve(a.dtype())?;
    let tier = op.info().effective(current_tier());
    let a = &cast_to(a, loop_dt)?;
    with_output(op.name(), a.shape(), out_dt, out, &[a], |o| {
        math_kernels::unary(op, loop_dt, tier, o, a)
    })
}

/// Ops are matched to kernels after `resolve` has vetted the dtypes, so an op reaching a kernel
/// family that does not define it is a bug in this file, reported instead of panicking.
pub(crate) fn unreachable_op(name: &str) -> Result<()> {
    Err(Error::Value(format!(
        "internal error: no kernel for '{name}' on this dtype"
    )))
}
