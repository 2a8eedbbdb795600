//! NumPy's sort order on each element type, and the radix keys that encode it.
//!
//! - Integers and bool: the usual order (a bool byte is false or true, whatever its value).
//! - Floats: -inf < … < -0.0 == 0.0 < … < inf < NaN; every NaN is equal to every other.
//! - Complex: lexicographic (real, then imaginary part), with NaNs after everything else in
//!   NumPy's classes R+Rj < R+nanj < nan+Rj < nan+nanj; inside a class the non-NaN part orders.
//!
//! A radix key is an unsigned integer that orders as the element does (`a < b` exactly when
//! `key(a) < key(b)`, equal elements give equal keys), so the fast sorts can sort by key bytes.

use crate::dtype::bool_byte::BoolByte;
use crate::dtype::Element;
use num_complex::{Complex32, Complex64};

/// The unsigned integer types radix keys are made of.
pub trait RadixKey: Copy + Ord + Send + Sync + Default + 'static {
    /// Bytes of the key, least significant first, that the radix passes read.
    const BYTES: usize;
    /// Byte `i` of the key (0 = least significant).
    fn byte(self, i: usize) -> usize;
    /// The key widened to 64 bits.
    fn bits(self) -> u64;
    /// The key whose `bits()` are `b` (the low bytes of `b`).
    fn from_bits(b: u64) -> Self;
}

macro_rules! radix_key {
    ($($t:ty),*) => {$(
        impl RadixKey for $t {
            const BYTES: usize = std::mem::size_of::<$t>();
            #[inline(always)]
            fn byte(self, i: usize) -> usize {
                ((self >> (8 * i)) & 0xff) as usize
            }
            #[inline(always)]
            fn bits(self) -> u64 {
                self as u64
            }
            #[inline(always)]
            fn from_bits(b: u64) -> Self {
                b as $t
            }
        }
    )*};
}
radix_key!(u8, u16, u32, u64);

/// An element type in NumPy's sort order.
pub trait SortElement: Element {
    type Key: RadixKey;
    /// Whether `key` encodes the order (false for complex, which sorts by comparisons only).
    const HAS_KEY: bool;
    /// The order-preserving radix key (meaningless when `HAS_KEY` is false).
    fn key(self) -> Self::Key;
    /// The element a key decodes to: `from_key(x.key())` is `x` itself when `exact_key(x)`
    /// (meaningless when `HAS_KEY` is false).
    fn from_key(key: Self::Key) -> Self;
    /// Whether the key of `self` decodes back to the same bits (not for -0.0 and NaNs, whose
    /// keys are those of 0.0 and of one NaN).
    #[inline(always)]
    fn exact_key(self) -> bool {
        true
    }
    /// `a < b` in NumPy's order.
    fn less(a: Self, b: Self) -> bool;
    /// Neither is less: the same key (NaNs are all equal; -0.0 equals 0.0).
    #[inline(always)]
    fn same(a: Self, b: Self) -> bool {
        !Self::less(a, b) && !Self::less(b, a)
    }
    /// NaN, or for complex a NaN part (what `equal_nan` merges).
    #[inline(always)]
    fn is_nan(self) -> bool {
        false
    }
}

impl SortElement for BoolByte {
    type Key = u8;
    const HAS_KEY: bool = true;
    #[inline(always)]
    fn key(self) -> u8 {
        self.get() as u8
    }
    #[inline(always)]
    fn from_key(key: u8) -> Self {
        BoolByte::from(key != 0)
    }
    #[inline(always)]
    fn less(a: Self, b: Self) -> bool {
        !a.get() & b.get()
    }
}

macro_rules! sort_unsigned {
    ($($t:ty),*) => {$(
        impl SortElement for $t {
            type Key = $t;
            const HAS_KEY: bool = true;
            #[inline(always)]
            fn key(self) -> $t { self }
            #[inline(always)]
            fn from_key(key: $t) -> Self { key }
            #[inline(always)]
            fn less(a: Self, b: Self) -> bool { a < b }
        }
    )*};
}
sort_unsigned!(u8, u16, u32, u64);

macro_rules! sort_signed {
    ($($t:ty => $u:ty),*) => {$(
        impl SortElement for $t {
            type Key = $u;
            const HAS_KEY: bool = true;
            /// Flipping the sign bit maps MIN..=MAX onto 0..=MAX of the unsigned type, in order.
            #[inline(always)]
            fn key(self) -> $u { (self as $u) ^ (1 << (<$u>::BITS - 1)) }
            #[inline(always)]
            fn from_key(key: $u) -> Self { (key ^ (1 << (<$u>::BITS - 1))) as $t }
            #[inline(always)]
            fn less(a: Self, b: Self) -> bool { a < b }
        }
    )*};
}
sort_signed!(i8 => u8, i16 => u16, i32 => u32, i64 => u64);

macro_rules! sort_float {
    ($($t:ty => $u:ty as $i:ty),*) => {$(
        impl SortElement for $t {
            type Key = $u;
            const HAS_KEY: bool = true;
            /// IEEE bits ordered as integers: negative numbers have every bit flipped (larger
            /// magnitude, smaller key), positive ones the sign bit set. -0.0 is read as 0.0 and
            /// every NaN as the largest key, so both tie as NumPy's comparisons say.
            #[inline(always)]
            fn key(self) -> $u {
                if self.is_nan() {
                    return <$u>::MAX;
                }
                let bits = (self + 0.0).to_bits(); // -0.0 + 0.0 == +0.0
                // Without a branch (signs of sorted data are random): all ones for a negative
                // number, the sign bit alone for a positive one.
                let flip = ((bits as $i) >> (<$u>::BITS - 1)) as $u | (1 << (<$u>::BITS - 1));
                bits ^ flip
            }
            /// The sign bit set marks a positive number (only it was flipped), else all were.
            #[inline(always)]
            fn from_key(key: $u) -> Self {
                let sign = 1 << (<$u>::BITS - 1);
                <$t>::from_bits(if key & sign != 0 { key ^ sign } else { !key })
            }
            #[inline(always)]
            fn exact_key(self) -> bool {
                !self.is_nan() & (self.to_bits() != (-0.0 as $t).to_bits())
            }
            #[inline(always)]
            fn less(a: Self, b: Self) -> bool {
                a < b || (b.is_nan() && !a.is_nan())
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.is_nan()
            }
        }
    )*};
}
sort_float!(f32 => u32 as i32, f64 => u64 as i64);

/// NumPy's NaN class of a complex number: 0 for R+Rj, 1 for R+nanj, 2 for nan+Rj, 3 for nan+nanj.
#[inline(always)]
fn nan_class(re_nan: bool, im_nan: bool) -> u8 {
    (re_nan as u8) * 2 + im_nan as u8
}

macro_rules! sort_complex {
    ($($t:ty),*) => {$(
        impl SortElement for $t {
            type Key = u8;
            const HAS_KEY: bool = false;
            fn key(self) -> u8 { 0 }
            fn from_key(_: u8) -> Self { Self::default() }
            #[inline(always)]
            fn less(a: Self, b: Self) -> bool {
                let ca = nan_class(a.re.is_nan(), a.im.is_nan());
                let cb = nan_class(b.re.is_nan(), b.im.is_nan());
                if ca != cb {
                    return ca < cb;
                }
                match ca {
                    0 => a.re < b.re || (a.re == b.re && a.im < b.im),
                    1 => a.re < b.re,
                    2 => a.im < b.im,
                    _ => false,
                }
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
        }
    )*};
}
sort_complex!(Complex32, Complex64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_follow_numpy_order() {
        let xs = [
            f64::NEG_INFINITY,
            -2.5,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            3.0,
            f64::INFINITY,
            f64::NAN,
        ];
        for w in xs.windows(2) {
            assert!(w[0].key() <= w[1].key(), "{w:?}");
            assert_eq!(w[0].key() < w[1].key(), f64::less(w[0], w[1]), "{w:?}");
        }
        for &x in &xs {
            assert_eq!(
                f64::from_key(x.key()).to_bits() == x.to_bits(),
                x.exact_key(),
                "{x}"
            );
        }
        for x in [i64::MIN, -1, 0, 7, i64::MAX] {
            assert_eq!(i64::from_key(x.key()), x);
        }
        assert_eq!((-0.0f32).key(), 0.0f32.key());
        assert_eq!((-f32::NAN).key(), f32::NAN.key());
    }

    #[test]
    fn int_keys_follow_order() {
        assert!(
            i8::MIN.key() < (-1i8).key() && (-1i8).key() < 0i8.key() && 0i8.key() < i8::MAX.key()
        );
        assert!(i64::MIN.key() < i64::MAX.key());
    }

    #[test]
    fn complex_nan_classes() {
        let n = f64::NAN;
        let order = [
            Complex64::new(1.0, 5.0),
            Complex64::new(2.0, -1.0),
            Complex64::new(0.0, n),
            Complex64::new(3.0, n),
            Complex64::new(n, -4.0),
            Complex64::new(n, 2.0),
            Complex64::new(n, n),
        ];
        for i in 0..order.len() {
            for j in 0..order.len() {
                assert_eq!(Complex64::less(order[i], order[j]), i < j, "{i} {j}");
            }
        }
    }
}
