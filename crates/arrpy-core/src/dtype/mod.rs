//! The 13 Array API dtypes, their names, and the one promotion / casting table.

pub mod bool_byte;
pub mod element;

use crate::error::{Error, Result};
use num_complex::{Complex32, Complex64};

/// Element type of an array. The order (within a kind, by size) is relied on by promotion.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum DType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    Complex64,
    Complex128,
}

/// NumPy's kinds, in the order that "same_kind" casting allows moving up.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Bool,
    Unsigned,
    Signed,
    Float,
    Complex,
}

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

impl DType {
    pub const ALL: [DType; 13] = [
        DType::Bool,
        DType::Int8,
        DType::Int16,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
        }
    }

    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 | DType::Complex64 => 8,
            DType::Complex128 => 16,
        }
    }

    /// Alignment of one element in memory (complex numbers align as their parts).
    pub fn alignment(self) -> usize {
        match self {
            DType::Complex64 => 4,
            DType::Complex128 => 8,
            d => d.itemsize(),
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            DType::Bool => Kind::Bool,
            DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => Kind::Signed,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Kind::Unsigned,
            DType::Float32 | DType::Float64 => Kind::Float,
            DType::Complex64 | DType::Complex128 => Kind::Complex,
        }
    }

    /// NumPy's one-letter kind code.
    pub fn kind_char(self) -> char {
        match self.kind() {
            Kind::Bool => 'b',
            Kind::Signed => 'i',
            Kind::Unsigned => 'u',
            Kind::Float => 'f',
            Kind::Complex => 'c',
        }
    }

    pub fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Signed | Kind::Unsigned)
    }
    pub fn is_float(self) -> bool {
        self.kind() == Kind::Float
    }
    pub fn is_complex(self) -> bool {
        self.kind() == Kind::Complex
    }
    pub fn is_inexact(self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// The real dtype of a complex one (complex64 → float32); others map to themselves.
    pub fn real_part(self) -> DType {
        match self {
            DType::Complex64 => DType::Float32,
            DType::Complex128 => DType::Float64,
            d => d,
        }
    }

    /// The signed integer of a given byte size.
    fn signed_of_size(size: usize) -> Option<DType> {
        match size {
            1 => Some(DType::Int8),
            2 => Some(DType::Int16),
            4 => Some(DType::Int32),
            8 => Some(DType::Int64),
            _ => None,
        }
    }

    /// Parses a dtype name: Array API names, NumPy aliases and type codes ('f8', '<i4', '?').
    pub fn from_name(name: &str) -> Result<DType> {
        let trimmed = name.trim_start_matches(['<', '=', '|']);
        let dtype = match trimmed {
            "bool" | "bool_" | "?" | "b1" => DType::Bool,
            "int8" | "i1" | "b" | "byte" => DType::Int8,
            "int16" | "i2" | "h" | "short" => DType::Int16,
            "int32" | "i4" | "i" | "intc" => DType::Int32,
            "int64" | "i8" | "l" | "q" | "int" | "int_" | "intp" | "long" | "longlong" => {
                DType::Int64
            }
            "uint8" | "u1" | "B" | "ubyte" => DType::UInt8,
            "uint16" | "u2" | "H" | "ushort" => DType::UInt16,
            "uint32" | "u4" | "I" | "uintc" => DType::UInt32,
            "uint64" | "u8" | "L" | "Q" | "uint" | "uintp" | "ulong" | "ulonglong" => DType::UInt64,
            "float32" | "f4" | "f" | "single" => DType::Float32,
            "float64" | "f8" | "d" | "float" | "double" => DType::Float64,
            "complex64" | "c8" | "F" | "csingle" => DType::Complex64,
            "complex128" | "c16" | "D" | "complex" | "cdouble" => DType::Complex128,
            _ => return Err(Error::Type(format!("data type '{name}' not understood"))),
        };
        Ok(dtype)
    }

    /// The struct-module format of one element, as the buffer protocol reports it.
    pub fn buffer_format(self) -> &'static str {
        match self {
            DType::Bool => "?",
            DType::Int8 => "b",
            DType::Int16 => "h",
            DType::Int32 => "i",
            DType::Int64 => "q",
            DType::UInt8 => "B",
            DType::UInt16 => "H",
            DType::UInt32 => "I",
            DType::UInt64 => "Q",
            DType::Float32 => "f",
            DType::Float64 => "d",
            DType::Complex64 => "Zf",
            DType::Complex128 => "Zd",
        }
    }

    /// Reads a buffer-protocol format string (native byte order only).
    pub fn from_buffer_format(format: &str) -> Result<DType> {
        let f = format.trim_start_matches(['@', '=', '<']);
        let dtype = match f {
            "?" => DType::Bool,
            "b" => DType::Int8,
            "h" => DType::Int16,
            "i" => DType::Int32,
            "l" | "q" => DType::Int64,
            "B" | "c" => DType::UInt8,
            "H" => DType::UInt16,
            "I" => DType::UInt32,
            "L" | "Q" => DType::UInt64,
            "f" => DType::Float32,
            "d" => DType::Float64,
            "Zf" => DType::Complex64,
            "Zd" => DType::Complex128,
            _ => {
                return Err(Error::Type(format!(
                    "buffer format '{format}' is not supported (native-endian bool, int, uint, float and complex only)"
                )))
            }
        };
        Ok(dtype)
    }

    /// DLPack type code, bits (code 0 int, 1 uint, 2 float, 5 complex, 6 bool).
    pub fn dlpack_code(self) -> (u8, u8) {
        let bits = (self.itemsize() * 8) as u8;
        let code = match self.kind() {
            Kind::Signed => 0,
            Kind::Unsigned => 1,
            Kind::Float => 2,
            Kind::Complex => 5,
            Kind::Bool => 6,
        };
        (code, bits)
    }

    pub fn from_dlpack_code(code: u8, bits: u8) -> Result<DType> {
        let dtype = match (code, bits) {
            (0, 8) => DType::Int8,
            (0, 16) => DType::Int16,
            (0, 32) => DType::Int32,
            (0, 64) => DType::Int64,
            (1, 8) => DType::UInt8,
            (1, 16) => DType::UInt16,
            (1, 32) => DType::UInt32,
            (1, 64) => DType::UInt64,
            (2, 32) => DType::Float32,
            (2, 64) => DType::Float64,
            (5, 64) => DType::Complex64,
            (5, 128) => DType::Complex128,
            (6, 8) | (1, 1) => DType::Bool,
            _ => {
                return Err(Error::Type(format!(
                    "unsupported DLPack dtype (code {code}, {bits} bits)"
                )))
            }
        };
        Ok(dtype)
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

/// A single value of any dtype, used for fill values, `item()` and Python scalars.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Complex(Complex64),
}

impl Scalar {
    /// The smallest dtype NumPy gives an array made of just this value.
    pub fn default_dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(_) => DType::Int64,
            Scalar::UInt(_) => DType::UInt64,
            Scalar::Float(_) => DType::Float64,
            Scalar::Complex(_) => DType::Complex128,
        }
    }

    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::UInt(u) => u as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
        }
    }

    pub fn as_complex(self) -> Complex64 {
        match self {
            Scalar::Complex(c) => c,
            other => Complex64::new(other.as_f64(), 0.0),
        }
    }

    /// Integer value, if this scalar is an integer or bool.
    pub fn as_i128(self) -> Option<i128> {
        match self {
            Scalar::Bool(b) => Some(b as i128),
            Scalar::Int(i) => Some(i as i128),
            Scalar::UInt(u) => Some(u as i128),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

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
    fn names_round_trip() {
        for d in DType::ALL {
            assert_eq!(DType::from_name(d.name()).unwrap(), d);
            assert_eq!(DType::from_buffer_format(d.buffer_format()).unwrap(), d);
            let (c, b) = d.dlpack_code();
            assert_eq!(DType::from_dlpack_code(c, b).unwrap(), d);
        }
        assert!(DType::from_name("float17").is_err());
    }
}
