//! Array creation from ranges: arange, linspace, eye. The bindings pass the arguments' values;
//! the rules for the result dtype and length are here.

use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};

/// `arange(start)` or `arange(start, stop, step)`: a lone value is the stop (start 0, step 1).
/// The result is int64 when every argument is an integer that fits int64 (or a bool), else
/// float64, unless `dtype` is given; integer ranges are computed exactly, float ranges as
/// NumPy does. Complex arguments are refused (arrpy has no complex arange).
pub fn arange(
    start: Scalar,
    stop: Option<Scalar>,
    step: Option<Scalar>,
    dtype: Option<DType>,
) -> Result<Array> {
    let (start, stop) = match stop {
        Some(stop) => (start, stop),
        None => (Scalar::Int(0), start),
    };
    let step = step.unwrap_or(Scalar::Int(1));
    let values = [start, stop, step];
    if values.iter().any(|v| matches!(v, Scalar::Complex(_))) {
        return Err(Error::Type(
            "arange does not accept complex arguments".into(),
        ));
    }
    let int_of = |v: Scalar| match v {
        Scalar::Int(i) => Some(i),
        Scalar::Bool(b) => Some(b as i64),
        _ => None,
    };
    let ints = (int_of(start), int_of(stop), int_of(step));
    let dtype = dtype.unwrap_or(match ints {
        (Some(_), Some(_), Some(_)) => DType::Int64,
        _ => DType::Float64,
    });
    let a = match ints {
        (Some(start), Some(stop), Some(step)) if !dtype.is_inexact() => {
            arange_int(start, stop, step, dtype)?
        }
        // Integers beyond int64 (2**63 is uint64): the length from their exact difference,
        // as NumPy subtracts Python ints before dividing; the values in float64.
        _ => match (start.as_i128(), stop.as_i128(), step.as_i128()) {
            (Some(a), Some(b), Some(c)) if c != 0 => {
                arange_float_of_len(start.as_f64(), step.as_f64(), exact_len(a, b, c)?, dtype)?
            }
            _ => arange_float(start.as_f64(), stop.as_f64(), step.as_f64(), dtype)?,
        },
    };
    if dtype == DType::Bool && a.size() > 2 {
        return Err(Error::Type(
            "arange() is only supported for booleans when the result has at most length 2.".into(),
        ));
    }
    Ok(a)
}

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
    let len = exact_len(start as i128, stop as i128, step as i128)?;
    let a = filled(len, |i| start.wrapping_add((i as i64).wrapping_mul(step)))?;
    crate::ops::cast::astype(&a, dtype)
}

/// Float arange: start + i * delta, with delta = (start + step) - start as NumPy computes it.
pub fn arange_float(start: f64, stop: f64, step: f64, dtype: DType) -> Result<Array> {
    arange_float_of_len(start, step, arange_len(start, stop, step)?, dtype)
}

/// ceil((stop - start) / step) computed exactly, at least 0 (`step` is not 0).
fn exact_len(start: i128, stop: i128, step: i128) -> Result<usize> {
    let span = stop - start;
    let len = if (span > 0) == (step > 0) && span != 0 {
        (span.abs() + step.abs() - 1) / step.abs()
    } else {
        0
    };
    usize::try_from(len).map_err(|_| Error::Value("Maximum allowed size exceeded".into()))
}

fn arange_float_of_len(start: f64, step: f64, len: usize, dtype: DType) -> Result<Array> {
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

/// `linspace(start, stop, num, endpoint, dtype)` from the arguments' values: complex when
/// either bound is complex, else float64, unless `dtype` is given.
pub fn linspace_of(
    start: Scalar,
    stop: Scalar,
    num: isize,
    endpoint: bool,
    dtype: Option<DType>,
) -> Result<Array> {
    let num = usize::try_from(num)
        .map_err(|_| Error::Value(format!("Number of samples, {num}, must be non-negative.")))?;
    let complex = matches!(start, Scalar::Complex(_)) || matches!(stop, Scalar::Complex(_));
    if complex {
        let dtype = dtype.unwrap_or(DType::Complex128);
        linspace_complex(start.as_complex(), stop.as_complex(), num, endpoint, dtype)
    } else {
        let dtype = dtype.unwrap_or(DType::Float64);
        linspace(start.as_f64(), stop.as_f64(), num, endpoint, dtype)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arange_picks_dtype_and_length() {
        let a = arange(Scalar::Int(5), None, None, None).unwrap();
        assert_eq!(a.to_vec::<i64>().unwrap(), vec![0, 1, 2, 3, 4]);
        let a = arange(
            Scalar::Int(1),
            Some(Scalar::Float(2.0)),
            Some(Scalar::Float(0.25)),
            None,
        );
        assert_eq!(
            a.unwrap().to_vec::<f64>().unwrap(),
            vec![1.0, 1.25, 1.5, 1.75]
        );
        // 2**63 does not fit int64: NumPy computes the range in float64.
        let big = arange(
            Scalar::UInt(1 << 63),
            Some(Scalar::UInt((1 << 63) + 2)),
            None,
            None,
        );
        assert_eq!(big.unwrap().dtype(), DType::Float64);
        let a = arange(
            Scalar::Int(10),
            Some(Scalar::Int(2)),
            Some(Scalar::Int(-3)),
            None,
        );
        assert_eq!(a.unwrap().to_vec::<i64>().unwrap(), vec![10, 7, 4]);
        let zero_step = arange(
            Scalar::Int(0),
            Some(Scalar::Int(5)),
            Some(Scalar::Int(0)),
            None,
        );
        assert!(matches!(zero_step, Err(Error::Value(_))));
        let complex = arange(
            Scalar::Complex(num_complex::Complex64::new(1.0, 0.0)),
            None,
            None,
            None,
        );
        assert!(matches!(complex, Err(Error::Type(_))));
        assert!(arange(Scalar::Int(2), None, None, Some(DType::Bool)).is_ok());
        assert!(matches!(
            arange(Scalar::Int(3), None, None, Some(DType::Bool)),
            Err(Error::Type(_))
        ));
    }

    #[test]
    fn linspace_of_picks_dtype() {
        let a = linspace_of(Scalar::Int(0), Scalar::Int(1), 3, true, None).unwrap();
        assert_eq!(a.to_vec::<f64>().unwrap(), vec![0.0, 0.5, 1.0]);
        let c = Scalar::Complex(num_complex::Complex64::new(0.0, 2.0));
        assert_eq!(
            linspace_of(Scalar::Int(0), c, 3, true, None)
                .unwrap()
                .dtype(),
            DType::Complex128
        );
        assert!(matches!(
            linspace_of(Scalar::Int(0), Scalar::Int(1), -1, true, None),
            Err(Error::Value(_))
        ));
    }
}
