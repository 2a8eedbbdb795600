//! Array creation from ranges: arange, linspace, eye.

use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};

/// NumPy's length rule: ceil((stop - start) / step), at least 0.
pub fn arange_len(start: f64, stop: f64, step: f64) -> Result<usize> {
    if step == 0.0 {
        return Err(Error::Value("Maximum allowed size exceeded".into()));
    }
    let len = ((stop - start) / step).ceil();
    if len.is_nan() {
        return Err(Error::Value("arange: cannot compute length".into()));
    }
    if len > isize::MAX as f64 {
        return Err(Error::Value("Maximum allowed size exceeded".into()));
    }
    Ok(len.max(0.0) as usize)
}

/// Integer arange, computed exactly.
pub fn arange_int(start: i64, stop: i64, step: i64, dtype: DType) -> Result<Array> {
    if step == 0 {
        return Err(Error::Value("Maximum allowed size exceeded".into()));
    }
    let span = stop as i128 - start as i128;
    let len = if (span > 0) == (step > 0) && span != 0 {
        ((span.abs() + step.unsigned_abs() as i128 - 1) / step.unsigned_abs() as i128) as usize
    } else {
        0
    };
    let a = filled(len, |i| start.wrapping_add((i as i64).wrapping_mul(step)))?;
    crate::ops::cast::astype(&a, dtype)
}

/// Float arange: start + i * delta, with delta = (start + step) - start as NumPy computes it.
pub fn arange_float(start: f64, stop: f64, step: f64, dtype: DType) -> Result<Array> {
    let len = arange_len(start, stop, step)?;
    let delta = (start + step) - start;
    let a = filled(len, |i| {
        if i == 0 {
            start
        } else {
            start + i as f64 * delta
        }
    })?;
    crate::ops::cast::astype(&a, dtype)
}

/// `num` evenly spaced values from `start` to `stop` (inclusive when `endpoint`).
pub fn linspace(start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Array> {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = if div > 0 { delta / div as f64 } else { delta };
    let floor = dtype.is_integer();
    let a = filled(num, |i| {
        let v = if endpoint && num > 1 && i == num - 1 {
            stop
        } else if div > 0 && step == 0.0 {
            (i as f64 / div as f64) * delta + start
        } else {
            i as f64 * step + start
        };
        if floor {
            v.floor()
        } else {
            v
        }
    })?;
    crate::ops::cast::astype(&a, dtype)
}

/// Complex linspace: real and imaginary parts spaced independently.
pub fn linspace_complex(
    start: num_complex::Complex64,
    stop: num_complex::Complex64,
    num: usize,
    endpoint: bool,
    dtype: DType,
) -> Result<Array> {
    let re = linspace(start.re, stop.re, num, endpoint, DType::Float64)?.to_vec::<f64>()?;
    let im = linspace(start.im, stop.im, num, endpoint, DType::Float64)?.to_vec::<f64>()?;
    let mut values = crate::buffer::vec_with_capacity(num)?;
    values.extend(
        re.iter()
            .zip(&im)
            .map(|(&r, &i)| num_complex::Complex64::new(r, i)),
    );
    let a = Array::from_vec(values, &[num])?;
    crate::ops::cast::astype(&a, dtype)
}

/// A new 1-d array of `len` values `value(i)`; the allocation is checked (MemoryError, never an
/// abort), unlike collecting into a Vec.
fn filled<T: crate::dtype::Element>(len: usize, value: impl Fn(usize) -> T) -> Result<Array> {
    let a = Array::empty(T::DTYPE, &[len])?;
    // SAFETY: a fresh C-contiguous array of exactly `len` elements of T.
    let data = unsafe { std::slice::from_raw_parts_mut(a.data_ptr().cast::<T>(), len) };
    for (i, slot) in data.iter_mut().enumerate() {
        *slot = value(i);
    }
    Ok(a)
}

/// An `n × m` array with ones on diagonal `k`.
pub fn eye(n: usize, m: usize, k: isize, dtype: DType) -> Result<Array> {
    let a = Array::zeros(dtype, &[n, m])?;
    // Only the rows that hold a one of the diagonal: (2**40, 0) has none, and must not loop.
    // Row i holds a one at column i + k when 0 <= i + k < m (in i128: no overflow).
    let (n, m, k) = (n as i128, m as i128, k as i128);
    let rows = (-k).clamp(0, n)..(m - k).clamp(0, n);
    for i in rows {
        a.set(&[i as usize, (i + k) as usize], Scalar::Int(1))?;
    }
    Ok(a)
}
