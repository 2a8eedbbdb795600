//! `numpy.fft`: discrete Fourier transforms along one axis of an array of any layout, batched
//! over the other axes, and multi-dimensional transforms as successive 1-d ones.
//!
//! float32 and complex64 compute in single precision, everything else (float64, complex128,
//! integers, bool) in double, as NumPy 2. At the simd and parallel tiers rustfft (complex) and
//! realfft (real input or output) transform each lane with a cached plan (`plans`); the parallel
//! tier shares blocks of lanes among threads. The reference tier runs `reference`: recursive
//! radix-2 and Bluestein. Tiers agree to rounding, not to the bit (different algorithms).

mod lanes;
mod plans;
pub mod reference;

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{normalize_axis, Error, Result};
use crate::kernels::{current_tier, parallel, trace, SendPtr, Tier};
use crate::ops::linalg::field::compute_dtype;
use crate::ops::linalg::stack::operand;
use crate::optable::{OpInfo, FFT_INFO, RFFT_INFO};
use crate::with_inexact;
use lanes::{by_rows, read_lane, read_rows, read_values, write_lane, write_rows, Lanes, Sample};
use num_complex::Complex;
use plans::{czero, rzero, try_zeroed, FftFloat};
use std::ops::Range;
use std::sync::Mutex;

/// Which transform direction carries the 1/n factor (NumPy's `norm=`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Norm {
    /// Forward unscaled, inverse by 1/n (the default).
    Backward,
    /// Both by 1/√n.
    Ortho,
    /// Forward by 1/n, inverse unscaled.
    Forward,
}

impl Norm {
    /// NumPy's names (None is "backward").
    pub fn from_name(name: Option<&str>) -> Result<Norm> {
        match name {
            None | Some("backward") => Ok(Norm::Backward),
            Some("ortho") => Ok(Norm::Ortho),
            Some("forward") => Ok(Norm::Forward),
            Some(other) => Err(Error::Value(format!(
                "Invalid norm value {other}; should be \"backward\",\"ortho\" or \"forward\"."
            ))),
        }
    }

    /// The factor an `n`-point transform in direction `inverse` multiplies by, rounded as NumPy
    /// rounds it (1/n and 1/√n computed in the transform's precision).
    fn factor<T: FftFloat>(self, n: usize, inverse: bool) -> Option<T> {
        let n = T::round_from(n as f64);
        match (self, inverse) {
            (Norm::Ortho, _) => Some(T::one() / n.sqrt()),
            (Norm::Backward, true) | (Norm::Forward, false) => Some(T::one() / n),
            _ => None,
        }
    }
}

/// The number of points `n` asks for, or the lane's length when it is None.
fn points(n: Option<isize>, default: usize) -> Result<usize> {
    match n {
        None if default >= 1 => Ok(default),
        None => Err(invalid_points(default as isize)),
        Some(n) if n >= 1 => Ok(n as usize),
        Some(n) => Err(invalid_points(n)),
    }
}

fn invalid_points(n: isize) -> Error {
    Error::Value(format!(
        "Invalid number of FFT data points ({n}) specified."
    ))
}

/// The `n`-point complex transform of `a` along `axis` (cropped or zero-padded to `n`).
pub fn fft(a: &Array, n: Option<isize>, axis: isize, inverse: bool, norm: Norm) -> Result<Array> {
    fft_on(current_tier(), a, n, axis, inverse, norm)
}

fn fft_on(
    tier: Tier,
    a: &Array,
    n: Option<isize>,
    axis: isize,
    inverse: bool,
    norm: Norm,
) -> Result<Array> {
    let axis = normalize_axis(axis, a.ndim())?;
    let n = points(n, a.shape()[axis])?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    with_inexact!(a.dtype(), S => c2c::<S>(tier, &a, n, axis, inverse, norm))
}

/// The first `n/2 + 1` points of the transform of the real `a` along `axis`.
pub fn rfft(a: &Array, n: Option<isize>, axis: isize, norm: Norm) -> Result<Array> {
    rfft_on(current_tier(), a, n, axis, norm)
}

fn rfft_on(tier: Tier, a: &Array, n: Option<isize>, axis: isize, norm: Norm) -> Result<Array> {
    if a.dtype().is_complex() {
        return Err(Error::Type(format!(
            "rfft needs real input, got {}: take .real or use fft",
            a.dtype().name()
        )));
    }
    let axis = normalize_axis(axis, a.ndim())?;
    let n = points(n, a.shape()[axis])?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    match a.dtype() {
        DType::Float32 => r2c::<f32>(tier, &a, n, axis, norm),
        _ => r2c::<f64>(tier, &a, n, axis, norm),
    }
}

/// The `n` real points (default `2·(m − 1)` for a lane of `m`) whose rfft is `a`'s first
/// `n/2 + 1` points along `axis` (the imaginary parts of the zero and, for even `n`, the
/// Nyquist frequency are ignored, as NumPy).
pub fn irfft(a: &Array, n: Option<isize>, axis: isize, norm: Norm) -> Result<Array> {
    irfft_on(current_tier(), a, n, axis, norm)
}

fn irfft_on(tier: Tier, a: &Array, n: Option<isize>, axis: isize, norm: Norm) -> Result<Array> {
    let axis = normalize_axis(axis, a.ndim())?;
    let default = 2 * a.shape()[axis] as isize - 2;
    let n = points(Some(n.unwrap_or(default)), 0)?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    with_inexact!(a.dtype(), S => c2r::<S>(tier, &a, n, axis, norm))
}

/// Successive complex transforms of `a` along `axes` (`s[i]` points along `axes[i]`), the last
/// axis first, as NumPy's fftn.
pub fn fftn(a: &Array, s: &[isize], axes: &[isize], inverse: bool, norm: Norm) -> Result<Array> {
    check_nd(s, axes)?;
    let mut out = a.clone();
    for (&n, &axis) in s.iter().zip(axes).rev() {
        out = fft(&out, Some(n), axis, inverse, norm)?;
    }
    Ok(out)
}

/// rfft along the last of `axes`, then complex transforms along the others, as NumPy's rfftn.
pub fn rfftn(a: &Array, s: &[isize], axes: &[isize], norm: Norm) -> Result<Array> {
    check_nd(s, axes)?;
    let Some((&last, rest)) = axes.split_last() else {
        return Err(Error::Value("rfftn needs at least one axis".into()));
    };
    let out = rfft(a, Some(s[rest.len()]), last, norm)?;
    fftn(&out, &s[..rest.len()], rest, false, norm)
}

/// Inverse complex transforms along all but the last of `axes`, then irfft along the last, as
/// NumPy's irfftn.
pub fn irfftn(a: &Array, s: &[isize], axes: &[isize], norm: Norm) -> Result<Array> {
    check_nd(s, axes)?;
    let Some((&last, rest)) = axes.split_last() else {
        return Err(Error::Value("irfftn needs at least one axis".into()));
    };
    let out = fftn(a, &s[..rest.len()], rest, true, norm)?;
    irfft(&out, Some(s[rest.len()]), last, norm)
}

fn check_nd(s: &[isize], axes: &[isize]) -> Result<()> {
    if s.len() != axes.len() {
        return Err(Error::Value(
            "Shape and axes have different lengths.".into(),
        ));
    }
    Ok(())
}

/// `a`'s shape with `n` along `axis`.
fn shape_with(a: &Array, axis: usize, n: usize) -> Vec<usize> {
    let mut shape = a.shape().to_vec();
    shape[axis] = n;
    shape
}

/// Multiplies `x` by `factor`, when there is one.
fn scale<T: FftFloat, V: Copy + std::ops::Mul<T, Output = V>>(x: &mut [V], factor: Option<T>) {
    if let Some(f) = factor {
        for v in x {
            *v = *v * f;
        }
    }
}

/// The complex transform of one operand (`S` elements, element-strided).
fn c2c<S: Sample>(
    tier: Tier,
    a: &Array,
    n: usize,
    axis: usize,
    inverse: bool,
    norm: Norm,
) -> Result<Array> {
    let out = Array::empty(S::Real::COMPLEX, &shape_with(a, axis, n))?;
    let (from, to) = (Lanes::of(a, axis)?, Lanes::of(&out, axis)?);
    let (len, factor) = (a.shape()[axis], norm.factor::<S::Real>(n, inverse));
    let (src, dst) = (SendPtr(a.data_ptr()), SendPtr(out.data_ptr()));
    each_block(
        tier,
        &FFT_INFO,
        S::Real::COMPLEX,
        from.count(),
        n,
        |rows, tier| {
            let mut buf = try_zeroed(rows.len() * n, czero::<S::Real>())?;
            if by_rows(&from, rows.len()) {
                // SAFETY: as below.
                unsafe { read_rows::<S>(src.get(), &from, rows.clone(), len, n, &mut buf) };
            } else {
                for (r, lane) in rows.clone().zip(buf.chunks_exact_mut(n)) {
                    // SAFETY: `from` lists the lanes of `a`, each of `len` elements of type `S`.
                    unsafe { read_lane::<S>(src.get(), from.starts[r], from.stride, len, lane) };
                }
            }
            if tier == Tier::Reference {
                for lane in buf.chunks_exact_mut(n) {
                    reference::transform(lane, inverse)?;
                }
            } else {
                let plan = plans::c2c::<S::Real>(n, inverse);
                let mut scratch = try_zeroed(plan.get_inplace_scratch_len(), czero())?;
                plan.process_with_scratch(&mut buf, &mut scratch);
            }
            scale(&mut buf, factor);
            if by_rows(&to, rows.len()) {
                // SAFETY: as below.
                unsafe { write_rows(dst.get(), &to, rows, n, &buf) };
            } else {
                for (r, lane) in rows.zip(buf.chunks_exact(n)) {
                    // SAFETY: each row is a lane of the fresh `out`, written by this block only.
                    unsafe { write_lane(dst.get(), to.starts[r], to.stride, lane) };
                }
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// The real-to-complex transform of one real operand (`T` elements, element-strided).
fn r2c<T: FftFloat>(tier: Tier, a: &Array, n: usize, axis: usize, norm: Norm) -> Result<Array> {
    let half = n / 2 + 1;
    let out = Array::empty(T::COMPLEX, &shape_with(a, axis, half))?;
    let (from, to) = (Lanes::of(a, axis)?, Lanes::of(&out, axis)?);
    let (len, factor) = (a.shape()[axis], norm.factor::<T>(n, false));
    let (src, dst) = (SendPtr(a.data_ptr()), SendPtr(out.data_ptr()));
    each_block(tier, &RFFT_INFO, T::REAL, from.count(), n, |rows, tier| {
        let fast = (tier != Tier::Reference).then(|| plans::r2c::<T>(n));
        let mut real = try_zeroed(n, T::zero())?;
        let mut spectrum = try_zeroed(half, czero::<T>())?;
        let mut lane = try_zeroed(if fast.is_none() { n } else { 0 }, czero::<T>())?;
        let scratch_len = fast.as_ref().map_or(0, |p| p.get_scratch_len());
        let mut scratch = try_zeroed(scratch_len, czero::<T>())?;
        for r in rows {
            // SAFETY: `from` lists the lanes of `a`, each of `len` elements of type `T`.
            unsafe {
                read_values(
                    src.get(),
                    from.starts[r],
                    from.stride,
                    len,
                    &mut real,
                    T::zero(),
                )
            };
            match &fast {
                None => {
                    for (z, &x) in lane.iter_mut().zip(&real) {
                        *z = Complex::new(x, T::zero());
                    }
                    reference::transform(&mut lane, false)?;
                    spectrum.copy_from_slice(&lane[..half]);
                }
                Some(plan) => plan
                    .process_with_scratch(&mut real, &mut spectrum, &mut scratch)
                    .map_err(|e| Error::Value(format!("rfft: {e}")))?,
            }
            scale(&mut spectrum, factor);
            // SAFETY: each row is a lane of the fresh `out`, written by this block only.
            unsafe { write_lane(dst.get(), to.starts[r], to.stride, &spectrum) };
        }
        Ok(())
    })?;
    Ok(out)
}

/// The complex-to-real transform of one operand (`S` elements, element-strided).
fn c2r<S: Sample>(tier: Tier, a: &Array, n: usize, axis: usize, norm: Norm) -> Result<Array> {
    type Real<S> = <S as Sample>::Real;
    let half = n / 2 + 1;
    let out = Array::empty(Real::<S>::REAL, &shape_with(a, axis, n))?;
    let (from, to) = (Lanes::of(a, axis)?, Lanes::of(&out, axis)?);
    let (len, factor) = (a.shape()[axis], norm.factor::<Real<S>>(n, true));
    let (src, dst) = (SendPtr(a.data_ptr()), SendPtr(out.data_ptr()));
    each_block(
        tier,
        &RFFT_INFO,
        Real::<S>::REAL,
        from.count(),
        n,
        |rows, tier| {
            let mut spectrum = try_zeroed(half, czero::<Real<S>>())?;
            let mut real = try_zeroed(n, rzero::<Real<S>>())?;
            let fast = (tier != Tier::Reference).then(|| plans::c2r::<Real<S>>(n));
            let mut full = try_zeroed(if fast.is_none() { n } else { 0 }, czero())?;
            let scratch_len = fast.as_ref().map_or(0, |p| p.get_scratch_len());
            let mut scratch = try_zeroed(scratch_len, czero())?;
            for r in rows {
                // SAFETY: `from` lists the lanes of `a`, each of `len` elements of type `S`.
                unsafe {
                    read_lane::<S>(src.get(), from.starts[r], from.stride, len, &mut spectrum)
                };
                // A real signal's spectrum is real at 0 and, for even n, at n/2.
                spectrum[0].im = rzero::<Real<S>>();
                if n.is_multiple_of(2) {
                    spectrum[half - 1].im = rzero::<Real<S>>();
                }
                match &fast {
                    None => {
                        // The full Hermitian spectrum, X[n−k] = conj(X[k]), inverted.
                        full[..half].copy_from_slice(&spectrum);
                        for (k, slot) in full.iter_mut().enumerate().skip(half) {
                            *slot = spectrum[n - k].conj();
                        }
                        reference::transform(&mut full, true)?;
                        for (x, z) in real.iter_mut().zip(&full) {
                            *x = z.re;
                        }
                    }
                    Some(plan) => plan
                        .process_with_scratch(&mut spectrum, &mut real, &mut scratch)
                        .map_err(|e| Error::Value(format!("irfft: {e}")))?,
                }
                scale(&mut real, factor);
                // SAFETY: each row is a lane of the fresh `out`, written by this block only.
                unsafe { write_lane(dst.get(), to.starts[r], to.stride, &real) };
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// Lanes per block: enough to keep a block's buffer about 16K elements (a few hundred KiB: cache-sized).
const BLOCK_ELEMENTS: usize = 1 << 14;
/// The parallel tier threads a transform of at least this many elements in all.
const MIN_THREADED_ELEMENTS: usize = 1 << 15;

/// Runs `block(rows, tier)` over `count` lanes of `n` points in blocks of consecutive lanes: in
/// order on the calling thread, or, at the parallel tier when there is enough work for
/// several, shared among the pool's threads. The error of the first block that failed.
fn each_block(
    tier: Tier,
    info: &'static OpInfo,
    dtype: DType,
    count: usize,
    n: usize,
    block: impl Fn(Range<usize>, Tier) -> Result<()> + Sync,
) -> Result<()> {
    if count == 0 {
        trace::record(info.name, dtype, tier != Tier::Reference, false);
        return Ok(());
    }
    let rows = (BLOCK_ELEMENTS / n).clamp(1, count);
    let blocks = count.div_ceil(rows);
    let range = |b: usize| b * rows..((b + 1) * rows).min(count);
    let threaded = tier == Tier::Parallel
        && blocks >= 2
        && parallel::num_threads() > 1
        && count.saturating_mul(n) >= MIN_THREADED_ELEMENTS;
    trace::record(info.name, dtype, tier != Tier::Reference, threaded);
    if !threaded {
        return (0..blocks).try_for_each(|b| block(range(b), tier));
    }
    let first: Mutex<Option<(usize, Error)>> = Mutex::new(None);
    parallel::share(blocks, |b| {
        if let Err(e) = block(range(b), tier) {
            let mut first = first.lock().unwrap_or_else(|e| e.into_inner());
            if first.as_ref().is_none_or(|(i, _)| b < *i) {
                *first = Some((b, e));
            }
        }
    });
    match first.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
