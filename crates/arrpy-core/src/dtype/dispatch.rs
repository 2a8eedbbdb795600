//! The Rust element type of each dtype: the `Element` trait and `with_dtype!`, the one place
//! where a runtime dtype becomes a compile-time type.

use super::{DType, Scalar};
use num_complex::{Complex32, Complex64};

/// Rust element types of the 13 dtypes.
pub trait Element: Copy + Send + Sync + PartialEq + std::fmt::Debug + Default + 'static {
    const DTYPE: DType;
    fn from_scalar(s: Scalar) -> Self;
    fn to_scalar(self) -> Scalar;
}

macro_rules! element_int {
    ($($t:ty => $d:ident, $variant:ident, $wide:ty);* $(;)?) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$d;
            #[inline]
            fn from_scalar(s: Scalar) -> Self {
                match s {
                    Scalar::Bool(b) => b as u8 as $t,
                    Scalar::Int(i) => i as $t,
                    Scalar::UInt(u) => u as $t,
                    Scalar::Float(f) => f as $t,
                    Scalar::Complex(c) => c.re as $t,
                }
            }
            #[inline]
            fn to_scalar(self) -> Scalar {
                Scalar::$variant(self as $wide)
            }
        }
    )*};
}
element_int! {
    i8 => Int8, Int, i64; i16 => Int16, Int, i64; i32 => Int32, Int, i64; i64 => Int64, Int, i64;
    u8 => UInt8, UInt, u64; u16 => UInt16, UInt, u64; u32 => UInt32, UInt, u64; u64 => UInt64, UInt, u64;
    f32 => Float32, Float, f64; f64 => Float64, Float, f64;
}

impl Element for Complex32 {
    const DTYPE: DType = DType::Complex64;
    fn from_scalar(s: Scalar) -> Self {
        let c = s.as_complex();
        Complex32::new(c.re as f32, c.im as f32)
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Complex(Complex64::new(self.re as f64, self.im as f64))
    }
}

impl Element for Complex64 {
    const DTYPE: DType = DType::Complex128;
    fn from_scalar(s: Scalar) -> Self {
        s.as_complex()
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Complex(self)
    }
}

/// Binds `$T` to the element type of a float or complex dtype: the dtypes NaN exists in, and
/// the ones linear algebra computes in. Other dtypes are a TypeError.
#[macro_export]
macro_rules! with_inexact {
    ($dtype:expr, $T:ident => $body:expr) => {
        match $dtype {
            $crate::dtype::DType::Float32 => {
                type $T = f32;
                $body
            }
            $crate::dtype::DType::Float64 => {
                type $T = f64;
                $body
            }
            $crate::dtype::DType::Complex64 => {
                type $T = num_complex::Complex32;
                $body
            }
            $crate::dtype::DType::Complex128 => {
                type $T = num_complex::Complex64;
                $body
            }
            d => Err($crate::error::Error::Type(format!(
                "expected a floating or complex dtype, got {}",
                d.name()
            ))),
        }
    };
}

/// Runs `$body` with the type alias `$T` bound to the Rust element type of `$dtype`.
/// The one place that maps a runtime dtype to a compile-time type: every kernel is written once,
/// generically, and expanded for each dtype through this macro.
#[macro_export]
macro_rules! with_dtype {
    ($dtype:expr, $T:ident => $body:expr) => {{
        match $dtype {
            $crate::dtype::DType::Bool => {
                type $T = $crate::dtype::bool_byte::BoolByte;
                $body
            }
            $crate::dtype::DType::Int8 => {
                type $T = i8;
                $body
            }
            $crate::dtype::DType::Int16 => {
                type $T = i16;
                $body
            }
            $crate::dtype::DType::Int32 => {
                type $T = i32;
                $body
            }
            $crate::dtype::DType::Int64 => {
                type $T = i64;
                $body
            }
            $crate::dtype::DType::UInt8 => {
                type $T = u8;
                $body
            }
            $crate::dtype::DType::UInt16 => {
                type $T = u16;
                $body
            }
            $crate::dtype::DType::UInt32 => {
                type $T = u32;
                $body
            }
            $crate::dtype::DType::UInt64 => {
                type $T = u64;
                $body
            }
            $crate::dtype::DType::Float32 => {
                type $T = f32;
                $body
            }
            $crate::dtype::DType::Float64 => {
                type $T = f64;
                $body
            }
            $crate::dtype::DType::Complex64 => {
                type $T = num_complex::Complex32;
                $body
            }
            $crate::dtype::DType::Complex128 => {
                type $T = num_complex::Complex64;
                $body
            }
        }
    }};
}
