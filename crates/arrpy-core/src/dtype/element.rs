//! The math of one element: casts between the 13 element types and every elementwise operation's
//! scalar semantics (NumPy's), defined for all element types. Kernels apply these in loops;
//! `ops::elementwise` rejects dtypes an operation does not define before any kernel runs, so the
//! placeholder answers for those (e.g. floor division of complex numbers) are never computed.
//! The bool element type and its rules live in `bool_byte`; Rust `bool` appears here only as a
//! computed truth value (casts from it feed sums and counts), never as array memory.

use num_complex::{Complex32, Complex64};

/// Conversion of one element to another element type, with NumPy's `astype` semantics
/// (float → int truncates and saturates; complex → real drops the imaginary part; x → bool is x != 0).
pub trait CastTo<D> {
    fn cast(self) -> D;
}

macro_rules! cast_prims {
    (@one $s:ty => $($d:ty),*) => {$(
        impl CastTo<$d> for $s { #[inline(always)] fn cast(self) -> $d { self as $d } }
    )*};
    ($($s:ty),*) => {$(
        cast_prims!(@one $s => i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);
        impl CastTo<bool> for $s { #[inline(always)] fn cast(self) -> bool { self != (0 as $s) } }
        impl CastTo<$s> for bool { #[inline(always)] fn cast(self) -> $s { self as u8 as $s } }
        impl CastTo<Complex32> for $s { #[inline(always)] fn cast(self) -> Complex32 { Complex32::new(self as f32, 0.0) } }
        impl CastTo<Complex64> for $s { #[inline(always)] fn cast(self) -> Complex64 { Complex64::new(self as f64, 0.0) } }
        impl CastTo<$s> for Complex32 { #[inline(always)] fn cast(self) -> $s { self.re as $s } }
        impl CastTo<$s> for Complex64 { #[inline(always)] fn cast(self) -> $s { self.re as $s } }
    )*};
}
cast_prims!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

macro_rules! cast_complex {
    ($($s:ty => $d:ty, $f:ty);*) => {$(
        impl CastTo<$d> for $s { #[inline(always)] fn cast(self) -> $d { <$d>::new(self.re as $f, self.im as $f) } }
    )*};
}
cast_complex!(Complex32 => Complex32, f32; Complex32 => Complex64, f64; Complex64 => Complex32, f32; Complex64 => Complex64, f64);

impl CastTo<Complex32> for bool {
    fn cast(self) -> Complex32 {
        Complex32::new(self as u8 as f32, 0.0)
    }
}
impl CastTo<Complex64> for bool {
    fn cast(self) -> Complex64 {
        Complex64::new(self as u8 as f64, 0.0)
    }
}
impl CastTo<bool> for Complex32 {
    fn cast(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}
impl CastTo<bool> for Complex64 {
    fn cast(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}

/// Every elementwise operation on one element type, NumPy's semantics.
pub trait Arith: crate::fp_status::FpValue {
    /// Integer and bool arithmetic: add/mul/min/max are exactly associative and commutative
    /// (wrapping), so a reduction gives the same bits in any order.
    const EXACT: bool;
    /// Real floats: +0 and -0 compare equal but differ in bits, so which of two equal elements
    /// an extremum keeps shows (`max`/`min` keep the second, as NumPy's maximum/minimum).
    const SIGNED_ZEROS: bool = false;
    fn add(a: Self, b: Self) -> Self;
    fn sub(a: Self, b: Self) -> Self;
    fn mul(a: Self, b: Self) -> Self;
    fn div(a: Self, b: Self) -> Self;
    fn floor_div(a: Self, b: Self) -> Self;
    fn rem(a: Self, b: Self) -> Self;
    fn pow(a: Self, b: Self) -> Self;
    fn neg(a: Self) -> Self;
    fn abs(a: Self) -> Self;
    fn invert(a: Self) -> Self;
    fn bitand(a: Self, b: Self) -> Self;
    fn bitor(a: Self, b: Self) -> Self;
    fn bitxor(a: Self, b: Self) -> Self;
    fn shl(a: Self, b: Self) -> Self;
    fn shr(a: Self, b: Self) -> Self;
    fn is_eq(a: Self, b: Self) -> bool;
    fn is_lt(a: Self, b: Self) -> bool;
    fn is_le(a: Self, b: Self) -> bool;
    /// Maximum/minimum that propagate NaN (NumPy's `maximum`, `max`).
    fn max(a: Self, b: Self) -> Self;
    fn min(a: Self, b: Self) -> Self;
    fn is_nan(a: Self) -> bool;
    /// C's fmod: the remainder of truncating division (sign of the dividend); x fmod 0 is 0 for
    /// integers (NumPy) and NaN for floats.
    fn fmod(a: Self, b: Self) -> Self;
    /// The larger value, ignoring a NaN unless both are NaN (NumPy's fmax).
    #[inline(always)]
    fn fmax(a: Self, b: Self) -> Self {
        if Self::is_nan(b) {
            a
        } else if Self::is_nan(a) {
            b
        } else {
            Self::max(a, b)
        }
    }
    /// The smaller value, ignoring a NaN unless both are NaN (NumPy's fmin).
    #[inline(always)]
    fn fmin(a: Self, b: Self) -> Self {
        if Self::is_nan(b) {
            a
        } else if Self::is_nan(a) {
            b
        } else {
            Self::min(a, b)
        }
    }
    /// Identity of addition; -0.0 for floats so that a sum of negative zeros stays -0.0.
    fn zero() -> Self;
    /// +0 for every type (`zero` is -0.0 for floats: the identity of float sums). 1 - 1 is +0
    /// in IEEE arithmetic, 0 for integers, false for bool (whose subtraction is xor).
    #[inline(always)]
    fn zero_pos() -> Self {
        Self::sub(Self::one(), Self::one())
    }
    fn one() -> Self;
    /// Identities of max and min (the lowest and highest values, infinities for floats).
    fn lowest() -> Self;
    fn highest() -> Self;
}

macro_rules! arith_int {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            const EXACT: bool = true;
            #[inline(always)] fn add(a: Self, b: Self) -> Self { a.wrapping_add(b) }
            #[inline(always)] fn sub(a: Self, b: Self) -> Self { a.wrapping_sub(b) }
            #[inline(always)] fn mul(a: Self, b: Self) -> Self { a.wrapping_mul(b) }
            #[inline(always)] fn div(a: Self, b: Self) -> Self { Self::floor_div(a, b) }
            /// Division by zero gives 0, as NumPy does (it warns; we never trap).
            #[inline(always)] fn floor_div(a: Self, b: Self) -> Self {
                if b == 0 { return 0; }
                let q = a.wrapping_div(b);
                #[allow(unused_comparisons)]
                let adjust = (a.wrapping_rem(b) != 0) && ((a < 0) != (b < 0));
                if adjust { q.wrapping_sub(1) } else { q }
            }
            /// Python's modulo: the sign follows the divisor; x % 0 is 0.
            #[inline(always)] fn rem(a: Self, b: Self) -> Self {
                if b == 0 { return 0; }
                let r = a.wrapping_rem(b);
                #[allow(unused_comparisons)]
                let adjust = r != 0 && ((r < 0) != (b < 0));
                if adjust { r.wrapping_add(b) } else { r }
            }
            /// Exponentiation by squaring, wrapping; negative exponents are rejected before this runs.
            #[inline(always)] fn pow(a: Self, b: Self) -> Self {
                let (mut base, mut exp, mut acc): (Self, u64, Self) = (a, b as u64, 1);
                #[allow(unused_comparisons)]
                if b < 0 { return 0; }
                while exp > 0 {
                    if exp & 1 == 1 { acc = acc.wrapping_mul(base); }
                    base = base.wrapping_mul(base);
                    exp >>= 1;
                }
                acc
            }
            #[inline(always)] fn neg(a: Self) -> Self { a.wrapping_neg() }
            #[allow(unused_comparisons)]
            #[inline(always)] fn abs(a: Self) -> Self { if a < 0 { a.wrapping_neg() } else { a } }
            #[inline(always)] fn invert(a: Self) -> Self { !a }
            #[inline(always)] fn bitand(a: Self, b: Self) -> Self { a & b }
            #[inline(always)] fn bitor(a: Self, b: Self) -> Self { a | b }
            #[inline(always)] fn bitxor(a: Self, b: Self) -> Self { a ^ b }
            /// Shifts by the bit width or more (or by a negative amount) give 0, as in NumPy.
            #[inline(always)] fn shl(a: Self, b: Self) -> Self {
                let bits = <$t>::BITS as u64;
                if (b as u64) < bits { a << (b as u32) } else { 0 }
            }
            #[allow(unused_comparisons)]
            #[inline(always)] fn shr(a: Self, b: Self) -> Self {
                let bits = <$t>::BITS as u64;
                if (b as u64) < bits { a >> (b as u32) } else if a < 0 { !0 } else { 0 }
            }
            #[inline(always)] fn is_eq(a: Self, b: Self) -> bool { a == b }
            #[inline(always)] fn is_lt(a: Self, b: Self) -> bool { a < b }
            #[inline(always)] fn is_le(a: Self, b: Self) -> bool { a <= b }
            #[inline(always)] fn max(a: Self, b: Self) -> Self { if a >= b { a } else { b } }
            #[inline(always)] fn min(a: Self, b: Self) -> Self { if a <= b { a } else { b } }
            #[inline(always)] fn is_nan(_: Self) -> bool { false }
            #[inline(always)] fn fmod(a: Self, b: Self) -> Self { if b == 0 { 0 } else { a.wrapping_rem(b) } }
            fn zero() -> Self { 0 }
            fn one() -> Self { 1 }
            fn lowest() -> Self { <$t>::MIN }
            fn highest() -> Self { <$t>::MAX }
        }
    )*};
}
arith_int!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! arith_float {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            const EXACT: bool = false;
            const SIGNED_ZEROS: bool = true;
            #[inline(always)] fn add(a: Self, b: Self) -> Self { a + b }
            #[inline(always)] fn sub(a: Self, b: Self) -> Self { a - b }
            #[inline(always)] fn mul(a: Self, b: Self) -> Self { a * b }
            #[inline(always)] fn div(a: Self, b: Self) -> Self { a / b }
            /// NumPy's npy_floor_divide (consistent with `rem`: a == b*(a//b) + a%b) on finite
            /// operands. With exactly one operand infinite the Array API 2024.12 wants
            /// floor(a / b), which is `a / b` itself (±inf, ±0 or NaN), where NumPy gives NaN for
            /// inf // finite and -1.0 for x // ±inf with x of the other sign.
            fn floor_div(a: Self, b: Self) -> Self {
                if a.is_infinite() != b.is_infinite() { return a / b; }
                if b == 0.0 { return a / b; }
                let m = a % b;
                let mut div = (a - m) / b;
                if m != 0.0 && ((b < 0.0) != (m < 0.0)) { div -= 1.0; }
                if div != 0.0 {
                    let mut f = div.floor();
                    if div - f > 0.5 { f += 1.0; }
                    f
                } else {
                    (0.0 as $t).copysign(a / b)
                }
            }
            /// NumPy's npy_remainder: the sign follows the divisor; x % 0 is nan.
            fn rem(a: Self, b: Self) -> Self {
                if b == 0.0 { return a % b; }
                let m = a % b;
                if m != 0.0 {
                    if (b < 0.0) != (m < 0.0) { m + b } else { m }
                } else {
                    (0.0 as $t).copysign(b)
                }
            }
            #[inline(always)] fn pow(a: Self, b: Self) -> Self { a.powf(b) }
            #[inline(always)] fn neg(a: Self) -> Self { -a }
            #[inline(always)] fn abs(a: Self) -> Self { a.abs() }
            fn invert(a: Self) -> Self { a }
            fn bitand(a: Self, _: Self) -> Self { a }
            fn bitor(a: Self, _: Self) -> Self { a }
            fn bitxor(a: Self, _: Self) -> Self { a }
            fn shl(a: Self, _: Self) -> Self { a }
            fn shr(a: Self, _: Self) -> Self { a }
            #[inline(always)] fn is_eq(a: Self, b: Self) -> bool { a == b }
            #[inline(always)] fn is_lt(a: Self, b: Self) -> bool { a < b }
            #[inline(always)] fn is_le(a: Self, b: Self) -> bool { a <= b }
            /// A tie (+0 against -0) gives `b`, as NumPy's maximum/minimum on every layout; a
            /// reduction then returns the last of the tied elements.
            #[inline(always)] fn max(a: Self, b: Self) -> Self { if a > b || a.is_nan() { a } else { b } }
            #[inline(always)] fn min(a: Self, b: Self) -> Self { if a < b || a.is_nan() { a } else { b } }
            #[inline(always)] fn is_nan(a: Self) -> bool { a.is_nan() }
            #[inline(always)] fn fmod(a: Self, b: Self) -> Self { a % b }
            fn zero() -> Self { -0.0 }
            fn one() -> Self { 1.0 }
            fn lowest() -> Self { <$t>::NEG_INFINITY }
            fn highest() -> Self { <$t>::INFINITY }
        }
    )*};
}
arith_float!(f32, f64);

macro_rules! arith_complex {
    ($($t:ty, $f:ty);*) => {$(
        impl Arith for $t {
            const EXACT: bool = false;
            #[inline(always)] fn add(a: Self, b: Self) -> Self { a + b }
            #[inline(always)] fn sub(a: Self, b: Self) -> Self { a - b }
            #[inline(always)] fn mul(a: Self, b: Self) -> Self { a * b }
            /// Smith's algorithm (as NumPy): avoids overflow in |b|² for large b.
            fn div(a: Self, b: Self) -> Self {
                let (ar, ai, br, bi) = (a.re, a.im, b.re, b.im);
                if br.abs() >= bi.abs() {
                    if br == 0.0 && bi == 0.0 {
                        return <$t>::new(ar / br.abs(), ai / br.abs());
                    }
                    let rat = bi / br;
                    let scl = 1.0 / (br + bi * rat);
                    <$t>::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
                } else {
                    let rat = br / bi;
                    let scl = 1.0 / (bi + br * rat);
                    <$t>::new((ar * rat + ai) * scl, (ai * rat - ar) * scl)
                }
            }
            fn floor_div(a: Self, _: Self) -> Self { a }
            fn rem(a: Self, _: Self) -> Self { a }
            fn pow(a: Self, b: Self) -> Self {
                if b.im == 0.0 && b.re == 0.0 { return <$t>::new(1.0, 0.0); }
                if a.re == 0.0 && a.im == 0.0 {
                    // NumPy 2: 0 ** b is 0 whenever Re(b) > 0 (the imaginary part does not matter).
                    return if b.re > 0.0 { <$t>::new(0.0, 0.0) } else { <$t>::new(<$f>::NAN, <$f>::NAN) };
                }
                if b.im == 0.0 && b.re.fract() == 0.0 && b.re.abs() < 100.0 {
                    // Small integer powers by repeated multiplication, as NumPy does.
                    let mut n = b.re.abs() as u32;
                    let (mut base, mut acc) = (a, <$t>::new(1.0, 0.0));
                    while n > 0 {
                        if n & 1 == 1 { acc = acc * base; }
                        base = base * base;
                        n >>= 1;
                    }
                    return if b.re < 0.0 { Self::div(<$t>::new(1.0, 0.0), acc) } else { acc };
                }
                a.powc(b)
            }
            #[inline(always)] fn neg(a: Self) -> Self { -a }
            fn abs(a: Self) -> Self { <$t>::new(a.re.hypot(a.im), 0.0) }
            fn invert(a: Self) -> Self { a }
            fn bitand(a: Self, _: Self) -> Self { a }
            fn bitor(a: Self, _: Self) -> Self { a }
            fn bitxor(a: Self, _: Self) -> Self { a }
            fn shl(a: Self, _: Self) -> Self { a }
            fn shr(a: Self, _: Self) -> Self { a }
            #[inline(always)] fn is_eq(a: Self, b: Self) -> bool { a == b }
            /// NumPy orders complex numbers lexicographically (real part, then imaginary).
            #[inline(always)] fn is_lt(a: Self, b: Self) -> bool { a.re < b.re || (a.re == b.re && a.im < b.im) }
            #[inline(always)] fn is_le(a: Self, b: Self) -> bool { a.re < b.re || (a.re == b.re && a.im <= b.im) }
            fn max(a: Self, b: Self) -> Self { if Self::is_nan(a) || !Self::is_lt(a, b) && !Self::is_nan(b) { a } else { b } }
            fn min(a: Self, b: Self) -> Self { if Self::is_nan(a) || !Self::is_lt(b, a) && !Self::is_nan(b) { a } else { b } }
            #[inline(always)] fn is_nan(a: Self) -> bool { a.re.is_nan() || a.im.is_nan() }
            fn fmod(a: Self, _: Self) -> Self { a }
            fn zero() -> Self { <$t>::new(-0.0, -0.0) }
            fn one() -> Self { <$t>::new(1.0, 0.0) }
            fn lowest() -> Self { <$t>::new(<$f>::NEG_INFINITY, <$f>::NEG_INFINITY) }
            fn highest() -> Self { <$t>::new(<$f>::INFINITY, <$f>::INFINITY) }
        }
    )*};
}
arith_complex!(Complex32, f32; Complex64, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_division_matches_python() {
        for a in -7i32..=7 {
            for b in [-3i32, -2, -1, 1, 2, 3] {
                let (q, r) = (<i32 as Arith>::floor_div(a, b), <i32 as Arith>::rem(a, b));
                assert_eq!(q, (a as f64 / b as f64).floor() as i32, "{a} // {b}");
                assert_eq!(q * b + r, a);
            }
            assert_eq!(<i32 as Arith>::floor_div(a, 0), 0);
            assert_eq!(<i32 as Arith>::rem(a, 0), 0);
        }
        assert_eq!(<i8 as Arith>::floor_div(i8::MIN, -1), i8::MIN);
    }

    #[test]
    fn float_division_matches_numpy() {
        assert_eq!(<f64 as Arith>::floor_div(7.0, -2.0), -4.0);
        assert_eq!(<f64 as Arith>::rem(7.0, -2.0), -1.0);
        assert_eq!(<f64 as Arith>::rem(-0.0, 2.0).to_bits(), 0.0f64.to_bits());
        assert!(<f64 as Arith>::rem(1.0, 0.0).is_nan());
        assert_eq!(<f64 as Arith>::floor_div(1.0, 0.0), f64::INFINITY);
        // The Array API's cases where NumPy gives NaN or -1.0.
        assert_eq!(
            <f64 as Arith>::floor_div(f64::INFINITY, -2.0),
            f64::NEG_INFINITY
        );
        assert_eq!(
            <f64 as Arith>::floor_div(3.0, f64::NEG_INFINITY).to_bits(),
            (-0.0f64).to_bits()
        );
        assert!(<f64 as Arith>::floor_div(f64::INFINITY, f64::INFINITY).is_nan());
    }

    #[test]
    fn shifts_and_powers() {
        assert_eq!(<i8 as Arith>::shl(1, 8), 0);
        assert_eq!(<i8 as Arith>::shr(-4, 10), -1);
        assert_eq!(<u8 as Arith>::shl(1, 7), 128);
        assert_eq!(<i64 as Arith>::pow(3, 4), 81);
        assert_eq!(<u8 as Arith>::pow(2, 9), 0);
        assert!(<f64 as Arith>::max(f64::NAN, 1.0).is_nan());
        assert!(<f64 as Arith>::max(1.0, f64::NAN).is_nan());
    }

    #[test]
    fn casts() {
        assert_eq!(CastTo::<i32>::cast(-3.7f64), -3);
        assert!(CastTo::<bool>::cast(0.5f32));
        assert_eq!(CastTo::<u8>::cast(true), 1u8);
        let c: Complex64 = 2i16.cast();
        assert_eq!(c, Complex64::new(2.0, 0.0));
    }
}
