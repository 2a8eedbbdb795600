//! How quantiles see elements: a total order (NaN last, -0 before +0, complex lexicographic
//! with -0 equal to +0 in each part, as NumPy sorts) through an integer key, the element's
//! value as f64, and the mean of two middle elements that `median` takes.

use crate::dtype::bool_byte::BoolByte;
use crate::dtype::{DType, Element};
use num_complex::{Complex32, Complex64};

/// An element that order statistics can rank.
pub trait Ranked: Element {
    /// Ordering key: `a.key() < b.key()` exactly when `a` sorts before `b`.
    type Key: Ord + Copy + Default;
    fn key(self) -> Self::Key;
    /// The element whose key is `k` (every NaN has one key, so NaNs come back as one NaN).
    fn from_key(k: Self::Key) -> Self;
    /// Whether `key64` is the key (real types); complex keys need 128 bits and use only the
    /// comparison selection.
    const KEY64: bool = true;
    /// The key widened to u64, order kept.
    fn key64(self) -> u64;
    fn is_nan(self) -> bool {
        false
    }
    /// The value as f64 (reals only; exact for every type but 64-bit integers past 2^53).
    fn value(self) -> f64;
    /// `b - a` computed in the element's own type, then widened (NumPy's `diff_b_a = b - a`;
    /// float32 subtraction rounds to float32).
    fn diff(a: Self, b: Self) -> f64 {
        b.value() - a.value()
    }
    /// The median's result type and the mean of one or two middle elements (NumPy's `mean`:
    /// integers and bool in float64, floats and complex in their own type).
    type Mean: Element;
    fn mean2(a: Self, b: Self) -> Self::Mean;
    fn mean1(a: Self) -> Self::Mean;
    fn nan_mean() -> Self::Mean;
}

macro_rules! ranked_int {
    ($($t:ty => $flip:expr, $u:ty);* $(;)?) => {$(
        impl Ranked for $t {
            type Key = $u;
            #[inline(always)]
            fn key(self) -> $u {
                (self as $u) ^ $flip
            }
            #[inline(always)]
            fn from_key(k: $u) -> $t {
                (k ^ $flip) as $t
            }
            #[inline(always)]
            fn key64(self) -> u64 {
                self.key() as u64
            }
            #[inline(always)]
            fn value(self) -> f64 {
                self as f64
            }
            type Mean = f64;
            fn mean2(a: Self, b: Self) -> f64 {
                (a as f64 + b as f64) / 2.0
            }
            fn mean1(a: Self) -> f64 {
                a as f64
            }
            fn nan_mean() -> f64 {
                f64::NAN
            }
        }
    )*};
}
ranked_int! {
    i8 => 1 << 7, u8; i16 => 1 << 15, u16; i32 => 1 << 31, u32; i64 => 1 << 63, u64;
    u8 => 0, u8; u16 => 0, u16; u32 => 0, u32; u64 => 0, u64;
}

impl Ranked for BoolByte {
    type Key = u8;
    fn key(self) -> u8 {
        self.get() as u8
    }
    fn from_key(k: u8) -> BoolByte {
        BoolByte::from(k != 0)
    }
    fn key64(self) -> u64 {
        self.key() as u64
    }
    fn value(self) -> f64 {
        self.get() as u8 as f64
    }
    type Mean = f64;
    fn mean2(a: Self, b: Self) -> f64 {
        (a.value() + b.value()) / 2.0
    }
    fn mean1(a: Self) -> f64 {
        a.value()
    }
    fn nan_mean() -> f64 {
        f64::NAN
    }
}

macro_rules! ranked_float {
    ($($t:ty => $u:ty, $i:ty, $bits:expr);* $(;)?) => {$(
        impl Ranked for $t {
            type Key = $u;
            /// The IEEE bits made monotone (negatives flipped, positives offset past them), every
            /// NaN mapped past +inf. Branch-free: a sign branch mispredicts on mixed-sign data,
            /// and selection computes this key for every comparison.
            #[inline(always)]
            fn key(self) -> $u {
                let b = self.to_bits();
                let flip = (((b as $i) >> ($bits - 1)) as $u) | (1 << ($bits - 1));
                (b ^ flip) | <$u>::MAX * (self.is_nan() as $u)
            }
            /// `key` undone: keys with the top bit set are non-negative numbers (and NaN).
            #[inline(always)]
            fn from_key(k: $u) -> $t {
                let top = 1 << ($bits - 1);
                <$t>::from_bits(if k & top != 0 { k ^ top } else { !k })
            }
            #[inline(always)]
            fn key64(self) -> u64 {
                self.key() as u64
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            #[inline(always)]
            fn value(self) -> f64 {
                self as f64
            }
            fn diff(a: Self, b: Self) -> f64 {
                (b - a) as f64
            }
            type Mean = $t;
            fn mean2(a: Self, b: Self) -> $t {
                (a + b) / 2.0
            }
            fn mean1(a: Self) -> $t {
                a
            }
            fn nan_mean() -> $t {
                <$t>::NAN
            }
        }
    )*};
}
ranked_float! { f32 => u32, i32, 32; f64 => u64, i64, 64 }

macro_rules! ranked_complex {
    ($($t:ty => $f:ty, $u:ty, $wide:ty, $bits:expr);* $(;)?) => {$(
        impl Ranked for $t {
            /// The value's key, then which of its parts are -0 (to decode them back).
            type Key = ($wide, u8);
            /// Lexicographic: the real part's key, then the imaginary part's. NumPy compares the
            /// parts with `<`, so -0 equals +0 and the imaginary part decides: both parts are
            /// keyed as `x + 0.0`, which is +0 for either zero (and NaN for NaN). Equal values
            /// differing in zero signs only are then ordered by the signs.
            fn key(self) -> ($wide, u8) {
                let neg_zero = |x: $f| u8::from(x == 0.0 && x.is_sign_negative());
                let re = ((self.re + 0.0).key() as $wide) << $bits;
                let value = re | (self.im + 0.0).key() as $wide;
                (value, neg_zero(self.re) << 1 | neg_zero(self.im))
            }
            fn from_key((k, neg_zero): ($wide, u8)) -> $t {
                let part = |k: $u, neg: u8| {
                    let x = <$f>::from_key(k);
                    if neg != 0 {
                        -x
                    } else {
                        x
                    }
                };
                <$t>::new(part((k >> $bits) as $u, neg_zero & 2), part(k as $u, neg_zero & 1))
            }
            const KEY64: bool = false;
            fn key64(self) -> u64 {
                0
            }
            fn is_nan(self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
            fn value(self) -> f64 {
                self.re as f64
            }
            type Mean = $t;
            fn mean2(a: Self, b: Self) -> $t {
                let s = a + b;
                <$t>::new(s.re / 2.0, s.im / 2.0)
            }
            fn mean1(a: Self) -> $t {
                a
            }
            fn nan_mean() -> $t {
                <$t>::new(<$f>::NAN, 0.0)
            }
        }
    )*};
}
ranked_complex! { Complex32 => f32, u32, u64, 32; Complex64 => f64, u64, u128, 64 }

/// A float result type of interpolation (float32 or float64). Arithmetic runs in f64 and is
/// rounded to the type after each operation: f64 carries more than twice float32's precision,
/// so every float32 +, -, * done that way is float32's correctly rounded result.
pub trait Real: Element {
    fn round(x: f64) -> f64;
    fn from_f64(x: f64) -> Self;
}

impl Real for f32 {
    #[inline(always)]
    fn round(x: f64) -> f64 {
        x as f32 as f64
    }
    fn from_f64(x: f64) -> f32 {
        x as f32
    }
}

impl Real for f64 {
    #[inline(always)]
    fn round(x: f64) -> f64 {
        x
    }
    fn from_f64(x: f64) -> f64 {
        x
    }
}

/// The rounding of a float dtype (identity for float64).
pub fn rounding(dtype: DType) -> fn(f64) -> f64 {
    if dtype == DType::Float32 {
        <f32 as Real>::round
    } else {
        <f64 as Real>::round
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_keys_take_zeros_of_either_sign_as_equal() {
        let c = |re: f64, im: f64| Complex64::new(re, im);
        // The imaginary part decides between real parts -0 and +0 (NumPy's order).
        assert!(c(0.0, 1.0).key() < c(-0.0, 5.0).key());
        assert!(c(-0.0, -1.0).key() < c(0.0, 0.0).key());
        assert!(c(1.0, -0.0).key() < c(1.0, 2.0).key());
        assert_eq!(c(-0.0, 3.0).key().0, c(0.0, 3.0).key().0);
        let z = Complex32::new(-0.0, -0.0);
        assert!(Complex32::new(0.0, -1.0).key() < z.key());
        let d = Complex32::from_key(z.key());
        assert_eq!(
            (d.re.to_bits(), d.im.to_bits()),
            (z.re.to_bits(), z.im.to_bits())
        );
    }
}
