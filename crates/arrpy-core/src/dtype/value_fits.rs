//! Whether a scalar value may be stored in an array of a dtype without a silent change, as
//! NumPy's setitem, `fill` and `asarray(..., dtype=)` decide it.

use super::{check_int_fits, integer_range, DType, Scalar};
use crate::error::{Error, Result};

/// Integers must fit; NaN and infinity do not go into integers; finite floats must fit once
/// truncated; complex values do not go into real dtypes (bool takes anything).
pub fn check_assignable(value: Scalar, dtype: DType) -> Result<()> {
    let integer = dtype.is_integer() && dtype != DType::Bool;
    match value {
        Scalar::Bool(_) => Ok(()),
        Scalar::Int(_) | Scalar::UInt(_) if integer => check_int_fits(value, dtype),
        Scalar::Float(f) if integer => {
            if f.is_nan() {
                return Err(Error::Value("cannot convert float NaN to integer".into()));
            }
            if f.is_infinite() {
                return Err(Error::Overflow(
                    "cannot convert float infinity to integer".into(),
                ));
            }
            let t = f.trunc();
            if t.abs() >= 2f64.powi(64) {
                return Err(Error::Overflow(format!(
                    "Python integer {t:.0} out of bounds for {}",
                    dtype.name()
                )));
            }
            let (lo, hi) = integer_range(dtype).unwrap_or((i128::MIN, i128::MAX));
            let v = t as i128;
            if !(lo..=hi).contains(&v) {
                return Err(Error::Overflow(format!(
                    "Python integer {v} out of bounds for {}",
                    dtype.name()
                )));
            }
            Ok(())
        }
        Scalar::Complex(c) if !dtype.is_complex() && dtype != DType::Bool => {
            Err(Error::Type(format!(
                "cannot store the complex value ({}{:+}j) in an array of dtype {} (NumPy: float() argument must be a string or a real number, not 'complex')",
                c.re,
                c.im,
                dtype.name()
            )))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_change_are_refused() {
        assert!(check_assignable(Scalar::Int(127), DType::Int8).is_ok());
        assert!(matches!(
            check_assignable(Scalar::Int(128), DType::Int8),
            Err(Error::Overflow(_))
        ));
        assert!(matches!(
            check_assignable(Scalar::Float(f64::NAN), DType::Int8),
            Err(Error::Value(_))
        ));
        assert!(matches!(
            check_assignable(Scalar::Float(-0.5), DType::UInt8),
            Ok(())
        ));
        assert!(matches!(
            check_assignable(Scalar::Float(-1.5), DType::UInt8),
            Err(Error::Overflow(_))
        ));
        assert!(matches!(
            check_assignable(Scalar::Float(1e300), DType::Int64),
            Err(Error::Overflow(_))
        ));
        let c = Scalar::Complex(num_complex::Complex64::new(1.0, 2.0));
        assert!(matches!(
            check_assignable(c, DType::Float32),
            Err(Error::Type(_))
        ));
        assert!(check_assignable(c, DType::Bool).is_ok());
        assert!(check_assignable(Scalar::Float(f64::NAN), DType::Float32).is_ok());
    }
}
