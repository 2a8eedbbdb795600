//! Casting and copying: `astype`, and assignment of one array into another (broadcast + cast).

use crate::array::Array;
use crate::dtype::element::CastTo;
use crate::dtype::{can_cast, Casting, DType, Element, Kind, Scalar};
use crate::error::{Error, Result};
use crate::fp_status;
use crate::iter::LoopPlan;
use crate::kernels::{blocked_copy, current_tier, reference, simd, trace};
use crate::ops::driver::{fill_with, for_each_run, run_unary};
use crate::optable::CAST_INFO;
use crate::overlap::{may_overlap_itself, must_copy_before_write};
use crate::with_dtype;

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
    let exec = CAST_INFO.exec(current_tier(), dst.dtype());
    if src.dtype() == dst.dtype() {
        let (d, s) = (as_bits(dst), as_bits(src));
        if exec.vector && copy_blocked(exec, &d, &s)? {
            return Ok(());
        }
        return with_dtype!(d.dtype(), T => run_unary::<T, T>(exec, &d, &s, |x| x));
    }
    let flags = float_to_int_flags(dst, src)?;
    with_dtype!(src.dtype(), S => with_dtype!(dst.dtype(), D => run_unary::<S, D>(exec, dst, src, |x: S| -> D { x.cast() })))?;
    fp_status::report(exec.op, flags);
    Ok(())
}

/// The invalid flag NumPy raises casting floats to integers: for NaN, infinities and values
/// whose truncation is outside the C integer NumPy converts through (int32 for the targets
/// up to 32 bits except uint32, int64 for int64, uint32 and uint64). Read before the copy
/// writes `dst` (it may share memory with `src`).
fn float_to_int_flags(dst: &Array, src: &Array) -> Result<u8> {
    if !matches!(dst.dtype().kind(), Kind::Signed | Kind::Unsigned)
        || !matches!(src.dtype(), DType::Float32 | DType::Float64)
    {
        return Ok(0);
    }
    let bound = match dst.dtype() {
        DType::Int64 | DType::UInt32 | DType::UInt64 => 9223372036854775808.0,
        _ => 2147483648.0,
    };
    // trunc(x) in [-bound, bound) exactly when -bound - 1 < x < bound (both exact in f64).
    let fits = |x: f64| x > -bound - 1.0 && x < bound;
    let strides = src.strides_for(dst.shape())?;
    let plan = LoopPlan::new(dst.shape(), [&strides[..]]);
    let mut invalid = false;
    macro_rules! scan {
        ($S:ty) => {
            plan.for_each_run(0, plan.size(), |n, off, st| {
                // SAFETY: the plan's runs lie inside `src` (broadcast to `dst`'s shape).
                let base = unsafe { src.data_ptr().offset(off[0]) };
                invalid |= (0..n).any(|i| {
                    // SAFETY: i < n, inside the run.
                    !fits(unsafe { reference::load::<$S>(base, st[0], i) } as f64)
                });
            })
        };
    }
    if src.dtype() == DType::Float32 {
        scan!(f32)
    } else {
        scan!(f64)
    }
    Ok(if invalid { fp_status::INVALID } else { 0 })
}

/// Same-dtype copies move bytes as unsigned integers of the item size (covers every dtype).
fn as_bits(a: &Array) -> Array {
    match a.itemsize() {
        1 => a.with_dtype_unchecked(DType::UInt8),
        2 => a.with_dtype_unchecked(DType::UInt16),
        4 => a.with_dtype_unchecked(DType::UInt32),
        8 => a.with_dtype_unchecked(DType::UInt64),
        _ => a.clone(),
    }
}

/// `repeat`'s copy: each element of `src` (same dtype and shape as `dst`) written `r` times,
/// at its place in `dst` and `step` bytes on, `2 * step`, ... A kernel of its own because as
/// a broadcast copy, repeats along the innermost axis would run `r` elements at a time.
/// `dst`'s positions must not overlap each other's copies, nor `src`.
pub(crate) fn copy_repeated_unchecked(
    dst: &Array,
    src: &Array,
    r: usize,
    step: isize,
) -> Result<()> {
    let exec = CAST_INFO.exec(current_tier(), dst.dtype());
    let (d, s) = (as_bits(dst), as_bits(src));
    with_dtype!(d.dtype(), T => for_each_run(exec, [&d, &s], |n, [o, x], [so, sx]| {
        // SAFETY: `for_each_run` passes runs inside both arrays; the copies lie inside the
        // repeated array `dst` views (the caller's condition).
        unsafe {
            if exec.vector {
                simd::repeat::<T>(n, x.cast_const(), sx, o, so, r, step)
            } else {
                reference::repeat::<T>(n, x.cast_const(), sx, o, so, r, step)
            }
        }
    }))
}

/// Copies tile by tile when `dst` and `src` are contiguous along different axes (a transpose
/// made contiguous); false, having done nothing, for other layouts. Same dtype, no overlap.
fn copy_blocked(exec: crate::kernels::Exec, dst: &Array, src: &Array) -> Result<bool> {
    if dst.shape().contains(&0) {
        return Ok(false);
    }
    let src_strides = src.strides_for(dst.shape())?;
    let (shape, ds, ss) = blocked_copy::coalesce(dst.shape(), dst.strides(), &src_strides);
    let Some(axes) = blocked_copy::tile_axes(&shape, &ds, &ss) else {
        return Ok(false);
    };
    if may_overlap_itself(dst) {
        return Ok(false);
    }
    let (d, s) = (
        (dst.data_ptr(), &ds[..]),
        (src.data_ptr().cast_const(), &ss[..]),
    );
    // SAFETY: the layouts are the arrays' own, merged (inside their buffers); the callers of
    // `copy_into_unchecked` guarantee no overlap between them, and `dst` does not overlap itself.
    let threaded = with_dtype!(dst.dtype(), T => unsafe {
        blocked_copy::copy::<T>(&shape, d, s, axes, exec.threads)
    });
    trace::record("copy_blocked", exec.dtype, true, threaded);
    Ok(true)
}

/// Array's methods that move data run the copy kernels, so they live here, not in `array.rs`
/// (which stays below the ops).
impl Array {
    /// Sets every element to `value` (cast to the array's dtype).
    pub fn fill(&self, value: Scalar) -> Result<()> {
        self.check_writeable()?;
        with_dtype!(self.dtype(), T => {
            let v = T::from_scalar(value);
            fill_with::<T>(CAST_INFO.exec(current_tier(), self.dtype()), self, v);
        });
        Ok(())
    }

    /// All elements in C order as a Vec of `T` (which must be the array's element type).
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if T::DTYPE != self.dtype() {
            return Err(Error::Type(format!(
                "array is {}, not {}",
                self.dtype().name(),
                T::DTYPE.name()
            )));
        }
        let c = self.to_contiguous()?;
        let mut v: Vec<T> = crate::buffer::vec_with_capacity(c.size())?;
        // Copied as bytes: a contiguous array borrowed from foreign memory (a NumPy buffer at
        // an odd offset) may be misaligned for T, and a typed copy needs aligned pointers.
        // SAFETY: c is C-contiguous with `size` initialized elements of T, and `v` (aligned,
        // its own allocation) has room for them.
        unsafe {
            std::ptr::copy_nonoverlapping(
                c.data_ptr().cast_const(),
                v.as_mut_ptr().cast::<u8>(),
                c.size() * std::mem::size_of::<T>(),
            );
            v.set_len(c.size());
        }
        Ok(v)
    }

    /// This array if already C-contiguous, else a C-contiguous copy.
    pub fn to_contiguous(&self) -> Result<Array> {
        if self.is_c_contiguous() {
            return Ok(self.clone());
        }
        self.copy()
    }

    /// A C-contiguous copy.
    pub fn copy(&self) -> Result<Array> {
        astype(self, self.dtype())
    }
}
