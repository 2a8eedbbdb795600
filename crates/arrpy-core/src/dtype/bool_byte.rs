//! The element type of `bool` arrays: one byte, where any nonzero byte is true.
//!
//! Array memory can be written by foreign views (a NumPy uint8 view of an arrpy bool array, an
//! imported buffer typed `?`), so a bool element may hold any byte. Reading such a byte as Rust
//! `bool` would be undefined behaviour (and in practice gave `sum() == 16` next to `tolist()` of
//! all False), so kernels read bytes and test them against zero, as NumPy does. Every result
//! this crate writes is 0 or 1.

use crate::dtype::element::{Arith, CastTo};
use crate::dtype::{DType, Element, Scalar};
use num_complex::{Complex32, Complex64};

#[repr(transparent)]
#[derive(Copy, Clone, Default, Debug)]
pub struct BoolByte(u8);

impl BoolByte {
    pub const FALSE: BoolByte = BoolByte(0);
    pub const TRUE: BoolByte = BoolByte(1);

    #[inline(always)]
    pub fn get(self) -> bool {
        self.0 != 0
    }
}

impl From<bool> for BoolByte {
    #[inline(always)]
    fn from(b: bool) -> Self {
        BoolByte(b as u8)
    }
}

/// Equality of truth values: the bytes 1 and 16 are both true.
impl PartialEq for BoolByte {
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Element for BoolByte {
    const DTYPE: DType = DType::Bool;
    fn from_scalar(s: Scalar) -> Self {
        BoolByte::from(match s {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::UInt(u) => u != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
        })
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self.get())
    }
}

macro_rules! cast_real {
    ($($t:ty),*) => {$(
        impl CastTo<BoolByte> for $t {
            #[inline(always)]
            fn cast(self) -> BoolByte { BoolByte::from(self != (0 as $t)) }
        }
        impl CastTo<$t> for BoolByte {
            #[inline(always)]
            fn cast(self) -> $t { self.get() as u8 as $t }
        }
    )*};
}
cast_real!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

macro_rules! cast_complex {
    ($($t:ty),*) => {$(
        impl CastTo<BoolByte> for $t {
            #[inline(always)]
            fn cast(self) -> BoolByte { BoolByte::from(self.re != 0.0 || self.im != 0.0) }
        }
        impl CastTo<$t> for BoolByte {
            #[inline(always)]
            fn cast(self) -> $t { <$t>::new(self.get() as u8 as _, 0.0) }
        }
    )*};
}
cast_complex!(Complex32, Complex64);

/// Normalizes: a copy through a cast writes 0 or 1 whatever byte was read.
impl CastTo<BoolByte> for BoolByte {
    #[inline(always)]
    fn cast(self) -> BoolByte {
        BoolByte::from(self.get())
    }
}

impl CastTo<BoolByte> for bool {
    #[inline(always)]
    fn cast(self) -> BoolByte {
        self.into()
    }
}

/// The truth value, for code that tests elements of any type (any/all/count_nonzero).
impl CastTo<bool> for BoolByte {
    #[inline(always)]
    fn cast(self) -> bool {
        self.get()
    }
}

/// bool arithmetic as NumPy defines its bool loops: + is or, * is and, - is xor; operations
/// undefined on bool (rejected before any kernel runs) return the normalized operand.
impl Arith for BoolByte {
    const EXACT: bool = true;
    #[inline(always)]
    fn add(a: Self, b: Self) -> Self {
        (a.get() | b.get()).into()
    }
    #[inline(always)]
    fn sub(a: Self, b: Self) -> Self {
        (a.get() ^ b.get()).into()
    }
    #[inline(always)]
    fn mul(a: Self, b: Self) -> Self {
        (a.get() & b.get()).into()
    }
    fn div(a: Self, _: Self) -> Self {
        a.get().into()
    }
    fn floor_div(a: Self, _: Self) -> Self {
        a.get().into()
    }
    fn rem(a: Self, _: Self) -> Self {
        a.get().into()
    }
    fn pow(a: Self, _: Self) -> Self {
        a.get().into()
    }
    fn neg(a: Self) -> Self {
        a.get().into()
    }
    fn abs(a: Self) -> Self {
        a.get().into()
    }
    #[inline(always)]
    fn invert(a: Self) -> Self {
        (!a.get()).into()
    }
    #[inline(always)]
    fn bitand(a: Self, b: Self) -> Self {
        (a.get() & b.get()).into()
    }
    #[inline(always)]
    fn bitor(a: Self, b: Self) -> Self {
        (a.get() | b.get()).into()
    }
    #[inline(always)]
    fn bitxor(a: Self, b: Self) -> Self {
        (a.get() ^ b.get()).into()
    }
    fn shl(a: Self, _: Self) -> Self {
        a.get().into()
    }
    fn shr(a: Self, _: Self) -> Self {
        a.get().into()
    }
    #[inline(always)]
    fn is_eq(a: Self, b: Self) -> bool {
        a.get() == b.get()
    }
    #[inline(always)]
    fn is_lt(a: Self, b: Self) -> bool {
        !a.get() & b.get()
    }
    #[inline(always)]
    fn is_le(a: Self, b: Self) -> bool {
        !a.get() | b.get()
    }
    #[inline(always)]
    fn max(a: Self, b: Self) -> Self {
        (a.get() | b.get()).into()
    }
    #[inline(always)]
    fn min(a: Self, b: Self) -> Self {
        (a.get() & b.get()).into()
    }
    #[inline(always)]
    fn is_nan(_: Self) -> bool {
        false
    }
    fn fmod(a: Self, _: Self) -> Self {
        a.get().into()
    }
    fn zero() -> Self {
        BoolByte::FALSE
    }
    fn one() -> Self {
        BoolByte::TRUE
    }
    fn lowest() -> Self {
        BoolByte::FALSE
    }
    fn highest() -> Self {
        BoolByte::TRUE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_nonzero_byte_is_true_and_results_are_0_or_1() {
        let (t, f, odd) = (BoolByte::TRUE, BoolByte::FALSE, BoolByte(16));
        assert!(odd.get());
        assert_eq!(odd, t);
        assert_eq!(CastTo::<i64>::cast(odd), 1);
        assert_eq!(CastTo::<f64>::cast(odd), 1.0);
        assert_eq!(CastTo::<Complex64>::cast(odd), Complex64::new(1.0, 0.0));
        assert_eq!(CastTo::<BoolByte>::cast(odd).0, 1);
        for r in [
            <BoolByte as Arith>::add(odd, f),
            <BoolByte as Arith>::mul(odd, BoolByte(2)),
            <BoolByte as Arith>::bitand(odd, BoolByte(1)),
            <BoolByte as Arith>::max(odd, f),
            <BoolByte as Arith>::neg(odd),
        ] {
            assert_eq!(r.0, 1);
        }
        assert_eq!(<BoolByte as Arith>::bitxor(odd, BoolByte(1)).0, 0);
        assert_eq!(<BoolByte as Arith>::invert(odd).0, 0);
        assert!(<BoolByte as Arith>::is_eq(odd, t));
        assert!(!<BoolByte as Arith>::is_lt(f, f) && <BoolByte as Arith>::is_lt(f, odd));
        assert!(<BoolByte as Arith>::is_le(odd, t) && !<BoolByte as Arith>::is_le(odd, f));
        assert_eq!(BoolByte::from_scalar(Scalar::Int(7)).0, 1);
        assert_eq!(odd.to_scalar(), Scalar::Bool(true));
    }
}
