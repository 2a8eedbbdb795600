//! The math functions of one floating-point or complex element, NumPy's semantics.
//!
//! Real exponentials, logarithms, sin, cos, tan and tanh come from `vmath` (branch-free, so loops over
//! them vectorize; within 2 ULP); the rest from Rust's std (the platform libm, about 1 ULP). Complex functions
//! come from the C99 libm (`complex_libm`), whose special cases (C99 Annex G: signed zeros,
//! infinities, NaNs) are the ones the Array API standard adopts and NumPy uses; the few functions C
//! lacks are written here with NumPy's formulas, or more accurate ones.

pub mod complex_libm;

use crate::scalar_math::complex_libm as clibm;
use crate::vmath;
use num_complex::{Complex32, Complex64};

/// Functions defined for real floats and complex numbers alike.
pub trait FloatMath: crate::fp_status::FpValue {
    fn sqrt(self) -> Self;
    fn exp(self) -> Self;
    fn expm1(self) -> Self;
    fn exp2(self) -> Self;
    fn log(self) -> Self;
    fn log1p(self) -> Self;
    fn log2(self) -> Self;
    fn log10(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn asinh(self) -> Self;
    fn acosh(self) -> Self;
    fn atanh(self) -> Self;
    /// Round half to even.
    fn rint(self) -> Self;
    /// 1 / x (for complex, NumPy's formula: one division by a scaled denominator).
    fn reciprocal(self) -> Self;
    /// x / |x| (0 for 0, NaN for NaN).
    fn sign(self) -> Self;
    fn is_finite(self) -> bool;
    fn is_inf(self) -> bool;
    fn is_nan(self) -> bool;
}

/// Functions defined for real floats only.
pub trait RealMath: FloatMath {
    fn cbrt(self) -> Self;
    fn deg2rad(self) -> Self;
    fn rad2deg(self) -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn trunc(self) -> Self;
    fn atan2(self, x: Self) -> Self;
    fn hypot(self, y: Self) -> Self;
    fn copysign(self, sign: Self) -> Self;
    fn logaddexp(self, y: Self) -> Self;
    fn logaddexp2(self, y: Self) -> Self;
    fn nextafter(self, toward: Self) -> Self;
    fn fmod(self, y: Self) -> Self;
    fn signbit(self) -> bool;
    fn fabs(self) -> Self;
    /// sin and cos as `vmath`'s fast / needs-slow / slow triples, for kernels that vectorize
    /// the fast path over a run and then patch the rare huge arguments.
    fn sin_fast(self) -> Self;
    fn sin_needs_slow(self) -> bool;
    fn sin_slow(self) -> Self;
    fn cos_fast(self) -> Self;
    fn cos_needs_slow(self) -> bool;
    fn cos_slow(self) -> Self;
    fn tan_fast(self) -> Self;
    fn tan_needs_slow(self) -> bool;
    fn tan_slow(self) -> Self;
}

macro_rules! real_math {
    ($($t:ident => $tan:ident, $exp:ident, $expm1:ident, $exp2:ident, $log:ident, $log1p:ident, $log2:ident, $log10:ident, $tanh:ident,
        $sin:ident, $sin_fast:ident, $sin_slow_p:ident, $sin_slow:ident, $cos:ident, $cos_fast:ident, $cos_slow_p:ident, $cos_slow:ident,
        $tan_fast:ident, $tan_slow_p:ident, $tan_slow:ident, $asin:ident, $acos:ident, $atan:ident, $sinh:ident, $cosh:ident, $cbrt:ident);*) => {$(
        impl FloatMath for $t {
            #[inline(always)] fn sqrt(self) -> Self { self.sqrt() }
            #[inline(always)] fn exp(self) -> Self { vmath::$exp(self) }
            #[inline(always)] fn expm1(self) -> Self { vmath::$expm1(self) }
            #[inline(always)] fn exp2(self) -> Self { vmath::$exp2(self) }
            #[inline(always)] fn log(self) -> Self { vmath::$log(self) }
            #[inline(always)] fn log1p(self) -> Self { vmath::$log1p(self) }
            #[inline(always)] fn log2(self) -> Self { vmath::$log2(self) }
            #[inline(always)] fn log10(self) -> Self { vmath::$log10(self) }
            #[inline(always)] fn sin(self) -> Self { vmath::$sin(self) }
            #[inline(always)] fn cos(self) -> Self { vmath::$cos(self) }
            #[inline(always)] fn tan(self) -> Self { vmath::$tan(self) }
            #[inline(always)] fn asin(self) -> Self { vmath::$asin(self) }
            #[inline(always)] fn acos(self) -> Self { vmath::$acos(self) }
            #[inline(always)] fn atan(self) -> Self { vmath::$atan(self) }
            #[inline(always)] fn sinh(self) -> Self { vmath::$sinh(self) }
            #[inline(always)] fn cosh(self) -> Self { vmath::$cosh(self) }
            #[inline(always)] fn tanh(self) -> Self { vmath::$tanh(self) }
            #[inline(always)] fn asinh(self) -> Self { clibm::$t::asinh(self) }
            #[inline(always)] fn acosh(self) -> Self { clibm::$t::acosh(self) }
            #[inline(always)] fn atanh(self) -> Self { clibm::$t::atanh(self) }
            #[inline(always)] fn rint(self) -> Self { self.round_ties_even() }
            #[inline(always)] fn reciprocal(self) -> Self { 1.0 / self }
            #[inline(always)]
            fn sign(self) -> Self {
                if self > 0.0 { 1.0 } else if self < 0.0 { -1.0 } else if self == 0.0 { 0.0 } else { self }
            }
            #[inline(always)] fn is_finite(self) -> bool { self.is_finite() }
            #[inline(always)] fn is_inf(self) -> bool { self.is_infinite() }
            #[inline(always)] fn is_nan(self) -> bool { self.is_nan() }
        }

        impl RealMath for $t {
            #[inline(always)] fn cbrt(self) -> Self { vmath::$cbrt(self) }
            #[inline(always)] fn deg2rad(self) -> Self { self * (std::$t::consts::PI / 180.0) }
            #[inline(always)] fn rad2deg(self) -> Self { self * (180.0 / std::$t::consts::PI) }
            #[inline(always)] fn floor(self) -> Self { self.floor() }
            #[inline(always)] fn ceil(self) -> Self { self.ceil() }
            #[inline(always)] fn trunc(self) -> Self { self.trunc() }
            #[inline(always)] fn atan2(self, x: Self) -> Self { self.atan2(x) }
            #[inline(always)] fn hypot(self, y: Self) -> Self { self.hypot(y) }
            #[inline(always)] fn copysign(self, sign: Self) -> Self { self.copysign(sign) }
            /// log(exp(x) + exp(y)) without overflow (NumPy's npy_logaddexp).
            fn logaddexp(self, y: Self) -> Self {
                if std::mem::size_of::<Self>() == 4 {
                    // float32 through float64: log1p(exp(-d)) near the result's zero crossing
                    // cancels, and the wider type absorbs that.
                    return (self as f64).logaddexp(y as f64) as Self;
                }
                if self == y {
                    return self + std::$t::consts::LN_2;
                }
                let d = self - y;
                if d > 0.0 {
                    self + (-d).exp().ln_1p()
                } else if d <= 0.0 {
                    y + d.exp().ln_1p()
                } else {
                    d
                }
            }
            /// log2(2**x + 2**y) without overflow (NumPy's npy_logaddexp2).
            fn logaddexp2(self, y: Self) -> Self {
                if std::mem::size_of::<Self>() == 4 {
                    return (self as f64).logaddexp2(y as f64) as Self;
                }
                if self == y {
                    return self + 1.0;
                }
                let d = self - y;
                if d > 0.0 {
                    self + (-d).exp2().ln_1p() * std::$t::consts::LOG2_E
                } else if d <= 0.0 {
                    y + d.exp2().ln_1p() * std::$t::consts::LOG2_E
                } else {
                    d
                }
            }
            fn nextafter(self, toward: Self) -> Self {
                if self.is_nan() || toward.is_nan() {
                    <$t>::NAN
                } else if self == toward {
                    toward
                } else if self < toward {
                    self.next_up()
                } else {
                    self.next_down()
                }
            }
            #[inline(always)] fn fmod(self, y: Self) -> Self { self % y }
            #[inline(always)] fn signbit(self) -> bool { self.is_sign_negative() }
            #[inline(always)] fn sin_fast(self) -> Self { vmath::$sin_fast(self) }
            #[inline(always)] fn sin_needs_slow(self) -> bool { vmath::$sin_slow_p(self) }
            fn sin_slow(self) -> Self { vmath::$sin_slow(self) }
            #[inline(always)] fn cos_fast(self) -> Self { vmath::$cos_fast(self) }
            #[inline(always)] fn cos_needs_slow(self) -> bool { vmath::$cos_slow_p(self) }
            fn cos_slow(self) -> Self { vmath::$cos_slow(self) }
            #[inline(always)] fn tan_fast(self) -> Self { vmath::$tan_fast(self) }
            #[inline(always)] fn tan_needs_slow(self) -> bool { vmath::$tan_slow_p(self) }
            fn tan_slow(self) -> Self { vmath::$tan_slow(self) }
            #[inline(always)] fn fabs(self) -> Self { self.abs() }
        }
    )*};
}
real_math!(
    f64 => tan_f64, exp_f64, expm1_f64, exp2_f64, log_f64, log1p_f64, log2_f64, log10_f64, tanh_f64,
        sin_f64, sin_f64_fast, sin_f64_needs_slow, sin_f64_slow, cos_f64, cos_f64_fast, cos_f64_needs_slow, cos_f64_slow,
        tan_f64_fast, tan_f64_needs_slow, tan_f64_slow, asin_f64, acos_f64, atan_f64, sinh_f64, cosh_f64, cbrt_f64;
    f32 => tan_f32, exp_f32, expm1_f32, exp2_f32, log_f32, log1p_f32, log2_f32, log10_f32, tanh_f32,
        sin_f32, sin_f32_fast, sin_f32_needs_slow, sin_f32_slow, cos_f32, cos_f32_fast, cos_f32_needs_slow, cos_f32_slow,
        tan_f32_fast, tan_f32_needs_slow, tan_f32_slow, asin_f32, acos_f32, atan_f32, sinh_f32, cosh_f32, cbrt_f32
);

macro_rules! complex_math {
    ($($t:ident, $f:ident, $lib:ident);*) => {$(
        impl FloatMath for $t {
            #[inline] fn sqrt(self) -> Self { clibm::$lib::sqrt(self) }
            #[inline] fn exp(self) -> Self { clibm::$lib::exp(self) }
            /// exp(z) - 1 without cancellation near 0 (NumPy's nc_expm1 formula); infinities and
            /// NaNs take cexp's special cases, and a zero imaginary part stays exact.
            fn expm1(self) -> Self {
                if !(self.re.is_finite() && self.im.is_finite()) {
                    let e = clibm::$lib::exp(self);
                    return $t::new(e.re - 1.0, e.im);
                }
                if self.im == 0.0 {
                    return $t::new(self.re.exp_m1(), self.im);
                }
                let h = (self.im / 2.0).sin();
                $t::new(self.re.exp_m1() * self.im.cos() - 2.0 * h * h, self.re.exp() * self.im.sin())
            }
            #[inline] fn exp2(self) -> Self { clibm::$lib::exp(self * std::$f::consts::LN_2) }
            #[inline] fn log(self) -> Self { clibm::$lib::log(self) }
            /// log(1 + z) accurate near 0: Re = ½·log1p(2x + x² + y²), Im = atan2(y, 1 + x).
            fn log1p(self) -> Self {
                let (x, y) = (self.re, self.im);
                if !(x.is_finite() && y.is_finite()) || x.abs() > 0.5 || y.abs() > 0.5 {
                    return clibm::$lib::log(self + 1.0);
                }
                $t::new(0.5 * (x * (2.0 + x) + y * y).ln_1p(), y.atan2(1.0 + x))
            }
            fn log2(self) -> Self {
                let l = clibm::$lib::log(self);
                $t::new(l.re * std::$f::consts::LOG2_E, l.im * std::$f::consts::LOG2_E)
            }
            fn log10(self) -> Self {
                let l = clibm::$lib::log(self);
                $t::new(l.re * std::$f::consts::LOG10_E, l.im * std::$f::consts::LOG10_E)
            }
            #[inline] fn sin(self) -> Self { clibm::$lib::sin(self) }
            #[inline] fn cos(self) -> Self { clibm::$lib::cos(self) }
            #[inline] fn tan(self) -> Self { clibm::$lib::tan(self) }
            #[inline] fn asin(self) -> Self { clibm::$lib::asin(self) }
            #[inline] fn acos(self) -> Self { clibm::$lib::acos(self) }
            #[inline] fn atan(self) -> Self { clibm::$lib::atan(self) }
            #[inline] fn sinh(self) -> Self { clibm::$lib::sinh(self) }
            #[inline] fn cosh(self) -> Self { clibm::$lib::cosh(self) }
            /// ctanh, except that tanh(±inf + yj) for finite y is ±1 + 0j with the zero's sign
            /// taken from y (the Array API; C99 allows the sign of sin(2y)).
            fn tanh(self) -> Self {
                if self.re.is_infinite() && self.im.is_finite() {
                    return $t::new(self.re.signum(), (0.0 as $f).copysign(self.im));
                }
                clibm::$lib::tanh(self)
            }
            #[inline] fn asinh(self) -> Self { clibm::$lib::asinh(self) }
            #[inline] fn acosh(self) -> Self { clibm::$lib::acosh(self) }
            #[inline] fn atanh(self) -> Self { clibm::$lib::atanh(self) }
            fn rint(self) -> Self { $t::new(self.re.round_ties_even(), self.im.round_ties_even()) }
            fn reciprocal(self) -> Self {
                let (x, y) = (self.re, self.im);
                if y.abs() <= x.abs() {
                    let r = y / x;
                    let d = x + y * r;
                    $t::new(1.0 / d, -r / d)
                } else {
                    let r = x / y;
                    let d = x * r + y;
                    $t::new(r / d, -1.0 / d)
                }
            }
            /// z / |z| (NumPy 2); an infinite part counts as ±1 against finite ones.
            fn sign(self) -> Self {
                let (x, y) = (self.re, self.im);
                if x.is_nan() || y.is_nan() {
                    return $t::new($f::NAN, $f::NAN);
                }
                if x.is_infinite() || y.is_infinite() {
                    if x.is_infinite() && y.is_infinite() {
                        return $t::new($f::NAN, $f::NAN);
                    }
                    let unit = |v: $f| if v.is_infinite() { v.signum() } else { 0.0 };
                    return $t::new(unit(x), unit(y));
                }
                let r = x.hypot(y);
                if r == 0.0 { $t::new(0.0, 0.0) } else { $t::new(x / r, y / r) }
            }
            fn is_finite(self) -> bool { self.re.is_finite() && self.im.is_finite() }
            fn is_inf(self) -> bool { self.re.is_infinite() || self.im.is_infinite() }
            fn is_nan(self) -> bool { self.re.is_nan() || self.im.is_nan() }
        }
    )*};
}
complex_math!(Complex64, f64, c64; Complex32, f32, c32);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_special_values() {
        assert_eq!(FloatMath::sign(-0.0f64).to_bits(), 0.0f64.to_bits());
        assert!(FloatMath::sign(f64::NAN).is_nan());
        assert_eq!(RealMath::nextafter(0.0f64, 1.0), 5e-324);
        assert_eq!(RealMath::nextafter(1.0f32, 0.0), 1.0 - f32::EPSILON / 2.0);
        assert_eq!(
            RealMath::logaddexp(f64::NEG_INFINITY, f64::NEG_INFINITY),
            f64::NEG_INFINITY
        );
        assert_eq!(RealMath::logaddexp2(1.0f64, 1.0), 2.0);
        assert_eq!(FloatMath::rint(2.5f64), 2.0);
    }

    #[test]
    fn complex_functions_follow_c99() {
        let z = Complex64::new(-1.0, 0.0);
        assert_eq!(FloatMath::sqrt(z), Complex64::new(0.0, 1.0));
        let l = FloatMath::log(Complex64::new(-0.0, 0.0));
        assert_eq!((l.re, l.im), (f64::NEG_INFINITY, std::f64::consts::PI));
        assert_eq!(
            FloatMath::exp(Complex32::new(0.0, 0.0)),
            Complex32::new(1.0, 0.0)
        );
        let small = FloatMath::log1p(Complex64::new(1e-10, 1e-10));
        // log(1 + z) = z - z²/2 + …, and z² = 2e-20j here.
        assert!((small.re - 1e-10).abs() < 1e-24 && (small.im - (1e-10 - 1e-20)).abs() < 1e-24);
        assert_eq!(
            FloatMath::sign(Complex64::new(3.0, 4.0)),
            Complex64::new(0.6, 0.8)
        );
    }
}
