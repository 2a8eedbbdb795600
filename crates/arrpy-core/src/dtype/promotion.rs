//! The promotion table (NumPy 2's rules between two array dtypes) and the casting rules.

use super::{DType, Kind, Scalar};
use crate::error::{Error, Result};

/// Casting rules, as NumPy names them.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    SameKind,
    Unsafe,
}

impl Casting {
    pub fn from_name(name: &str) -> Result<Casting> {
        Ok(match name {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            _ => {
                return Err(Error::Value(format!(
                    "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe', got '{name}'"
                )))
            }
        })
    }
}

/// The promotion table: NumPy 2's rules between two array dtypes (the Array API table, extended
/// with NumPy's answers for mixed signed/unsigned and integer/inexact pairs).
pub fn promote_types(a: DType, b: DType) -> DType {
    use DType::{Complex128, Complex64, Float32, Float64};
    use Kind::{Complex, Float, Signed, Unsigned};
    if a == b {
        return a;
    }
    match (a.kind(), b.kind()) {
        (Kind::Bool, _) => b,
        (_, Kind::Bool) => a,
        (Signed, Signed) | (Unsigned, Unsigned) | (Float, Float) | (Complex, Complex) => a.max(b),
        (Signed, Unsigned) | (Unsigned, Signed) => {
            let (s, u) = if a.kind() == Signed { (a, b) } else { (b, a) };
            if s.itemsize() > u.itemsize() {
                s
            } else {
                DType::signed_of_size(u.itemsize() * 2).unwrap_or(Float64)
            }
        }
        (Signed | Unsigned, Float | Complex) | (Float | Complex, Signed | Unsigned) => {
            let (int, inexact) = if a.is_integer() { (a, b) } else { (b, a) };
            // float32 holds integers of up to 16 bits exactly; wider ones need float64.
            let wide = int.itemsize() > 2;
            match (inexact, wide) {
                (Float32, true) => Float64,
                (Complex64, true) => Complex128,
                _ => inexact,
            }
        }
        (Float, Complex) | (Complex, Float) => {
            let (f, c) = if a.kind() == Float { (a, b) } else { (b, a) };
            if f == Float64 {
                Complex128
            } else {
                c
            }
        }
    }
}

/// Whether values of `from` may be cast to `to` under `casting`.
pub fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    match casting {
        Casting::No | Casting::Equiv => from == to,
        Casting::Safe => promote_types(from, to) == to,
        Casting::SameKind => promote_types(from, to) == to || from.kind() <= to.kind(),
        Casting::Unsafe => true,
    }
}

/// Inclusive integer range of an integer dtype (bool counts as 0..=1).
pub fn integer_range(dtype: DType) -> Option<(i128, i128)> {
    Some(match dtype {
        DType::Bool => (0, 1),
        DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
        DType::UInt8 => (0, u8::MAX as i128),
        DType::UInt16 => (0, u16::MAX as i128),
        DType::UInt32 => (0, u32::MAX as i128),
        DType::UInt64 => (0, u64::MAX as i128),
        _ => return None,
    })
}

/// The dtype a Python scalar takes next to an array (or NumPy scalar) of dtype `partner`: NEP 50's
/// weak scalars. A bool takes the partner's dtype; an int takes it unless the partner is bool
/// (then int64), and must fit it; a float takes a float or complex partner's dtype, else
/// float64; a complex takes a complex partner's, complex64 beside float32, else complex128.
pub fn weak_scalar_dtype(value: Scalar, partner: DType) -> Result<DType> {
    let dtype = match value {
        Scalar::Bool(_) => partner,
        Scalar::Int(_) | Scalar::UInt(_) => match partner.kind() {
            Kind::Bool => DType::Int64,
            _ => partner,
        },
        Scalar::Float(_) => match partner.kind() {
            Kind::Float | Kind::Complex => partner,
            _ => DType::Float64,
        },
        Scalar::Complex(_) => match partner {
            DType::Complex64 | DType::Complex128 => partner,
            DType::Float32 => DType::Complex64,
            _ => DType::Complex128,
        },
    };
    if dtype.is_integer() {
        check_int_fits(value, dtype)?;
    }
    Ok(dtype)
}

/// A Python integer must fit the integer dtype it is converted to (NumPy 2: OverflowError).
pub fn check_int_fits(value: Scalar, dtype: DType) -> Result<()> {
    if let (Some(v), Some((lo, hi))) = (value.as_i128(), integer_range(dtype)) {
        if dtype != DType::Bool && !(lo..=hi).contains(&v) && !matches!(value, Scalar::Bool(_)) {
            return Err(Error::Overflow(format!(
                "Python integer {v} out of bounds for {}",
                dtype.name()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::DType::{self, *};

    #[test]
    fn promotion_matches_numpy() {
        assert_eq!(promote_types(UInt64, Int64), Float64);
        assert_eq!(promote_types(UInt8, Int8), Int16);
        assert_eq!(promote_types(UInt32, Int64), Int64);
        assert_eq!(promote_types(Int32, Float32), Float64);
        assert_eq!(promote_types(Int16, Float32), Float32);
        assert_eq!(promote_types(UInt16, Complex64), Complex64);
        assert_eq!(promote_types(Int64, Complex64), Complex128);
        assert_eq!(promote_types(Float64, Complex64), Complex128);
        assert_eq!(promote_types(Bool, Int8), Int8);
        for a in DType::ALL {
            for b in DType::ALL {
                assert_eq!(promote_types(a, b), promote_types(b, a), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn casting_rules() {
        assert!(!can_cast(Int64, UInt8, Casting::SameKind));
        assert!(can_cast(UInt64, Int8, Casting::SameKind));
        assert!(!can_cast(Float64, Int8, Casting::SameKind));
        assert!(can_cast(Float64, Float32, Casting::SameKind));
        assert!(!can_cast(Float64, Float32, Casting::Safe));
        assert!(can_cast(Int16, Float32, Casting::Safe));
    }

    #[test]
    fn weak_scalars_take_the_partners_dtype() {
        use crate::dtype::Scalar;
        assert_eq!(weak_scalar_dtype(Scalar::Int(3), Int8), Ok(Int8));
        assert_eq!(weak_scalar_dtype(Scalar::Int(3), Bool), Ok(Int64));
        assert_eq!(weak_scalar_dtype(Scalar::Float(0.5), Int16), Ok(Float64));
        assert_eq!(weak_scalar_dtype(Scalar::Float(0.5), Float32), Ok(Float32));
        assert_eq!(weak_scalar_dtype(Scalar::Bool(true), UInt8), Ok(UInt8));
        assert_eq!(
            weak_scalar_dtype(
                Scalar::Complex(num_complex::Complex64::new(0.0, 1.0)),
                Float32
            ),
            Ok(Complex64)
        );
        assert!(weak_scalar_dtype(Scalar::Int(300), Int8).is_err());
        assert!(weak_scalar_dtype(Scalar::Int(-1), UInt8).is_err());
    }
}
