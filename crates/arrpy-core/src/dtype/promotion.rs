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

/// A Python scalar operand of `result_type`: weak (NEP 50), so only its kind matters, except
/// that a lone integer takes the dtype its value needs. `Int(None)`: beyond 128 bits.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum WeakScalar {
    Bool,
    Int(Option<i128>),
    Float,
    Complex,
}

impl WeakScalar {
    /// The weak operand of a Python scalar's value.
    pub fn of(value: Scalar) -> WeakScalar {
        match value {
            Scalar::Bool(_) => WeakScalar::Bool,
            Scalar::Int(_) | Scalar::UInt(_) => WeakScalar::Int(value.as_i128()),
            Scalar::Float(_) => WeakScalar::Float,
            Scalar::Complex(_) => WeakScalar::Complex,
        }
    }

    /// The dtype of a weak operand beside `partner`, as `weak_scalar_dtype` decides it, but
    /// with no check of the value: `result_type(int8, 300)` is int8, as in NumPy.
    fn beside(self, partner: DType) -> DType {
        let representative = match self {
            WeakScalar::Bool => Scalar::Bool(false),
            WeakScalar::Int(_) => Scalar::Int(0),
            WeakScalar::Float => Scalar::Float(0.0),
            WeakScalar::Complex => Scalar::Complex(num_complex::Complex64::new(0.0, 0.0)),
        };
        weak_scalar_dtype(representative, partner).unwrap_or(partner)
    }
}

/// `result_type`: the strong dtypes (arrays, dtypes, NumPy scalars) promote by the table, then
/// each weak Python scalar joins by its kind. With only weak operands, a lone one takes its
/// value's dtype (`2**63` is uint64); several take their highest kind's default dtype
/// (bool, int64, float64, complex128), as NumPy does.
pub fn result_type(strong: &[DType], weak: &[WeakScalar]) -> Result<DType> {
    let start = match (strong.split_first(), weak) {
        (Some((&first, rest)), _) => rest.iter().fold(first, |d, &s| promote_types(d, s)),
        (None, []) => {
            return Err(Error::Value(
                "at least one array or dtype is required".into(),
            ))
        }
        (None, [WeakScalar::Int(value)]) => return lone_int_dtype(*value),
        (None, [first, ..]) => match first {
            WeakScalar::Bool => DType::Bool,
            WeakScalar::Int(_) => DType::Int64,
            WeakScalar::Float => DType::Float64,
            WeakScalar::Complex => DType::Complex128,
        },
    };
    Ok(weak.iter().fold(start, |d, w| w.beside(d)))
}

/// The dtype of an array made of one Python integer: int64, else uint64, else none fits.
fn lone_int_dtype(value: Option<i128>) -> Result<DType> {
    match value {
        Some(v) if i64::try_from(v).is_ok() => Ok(DType::Int64),
        Some(v) if u64::try_from(v).is_ok() => Ok(DType::UInt64),
        _ => Err(Error::Overflow(match value {
            Some(v) => format!("Python integer {v} out of bounds for int64 and uint64"),
            None => "Python integer out of bounds for int64 and uint64".into(),
        })),
    }
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

    #[test]
    fn result_type_strong_then_weak() {
        use WeakScalar as W;
        assert!(matches!(result_type(&[], &[]), Err(Error::Value(_))));
        assert_eq!(result_type(&[Int8, UInt8], &[]), Ok(Int16));
        assert_eq!(result_type(&[Int8], &[W::Int(Some(300))]), Ok(Int8));
        assert_eq!(result_type(&[Int8], &[W::Int(None)]), Ok(Int8));
        assert_eq!(result_type(&[Bool], &[W::Int(Some(1 << 63))]), Ok(Int64));
        assert_eq!(result_type(&[Int8], &[W::Float]), Ok(Float64));
        assert_eq!(
            result_type(&[Float32], &[W::Complex, W::Int(Some(1))]),
            Ok(Complex64)
        );
        assert_eq!(result_type(&[], &[W::Int(Some(1))]), Ok(Int64));
        assert_eq!(result_type(&[], &[W::Int(Some(1 << 63))]), Ok(UInt64));
        assert!(matches!(
            result_type(&[], &[W::Int(Some(1 << 64))]),
            Err(Error::Overflow(_))
        ));
        assert_eq!(
            result_type(&[], &[W::Int(Some(1 << 63)), W::Int(Some(1))]),
            Ok(Int64)
        );
        assert_eq!(result_type(&[], &[W::Bool, W::Bool]), Ok(Bool));
        assert_eq!(result_type(&[], &[W::Bool, W::Int(None)]), Ok(Int64));
        assert_eq!(result_type(&[], &[W::Bool, W::Float]), Ok(Float64));
        assert_eq!(result_type(&[], &[W::Float, W::Complex]), Ok(Complex128));
    }
}
