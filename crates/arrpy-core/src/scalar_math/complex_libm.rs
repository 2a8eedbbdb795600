//! Complex elementary functions from the platform's C99 libm (`cexp`, `clog`, `csqrt`, …), the
//! functions NumPy itself calls. Their special cases (C99 Annex G) are what the Array API
//! standard specifies for complex inputs, so taking them from libm rather than re-deriving them
//! keeps every signed zero, infinity and NaN where NumPy puts it.
//!
//! ABI: the x86-64 and AArch64 C ABIs pass and return `T _Complex` exactly as a
//! `struct { T re; T im; }`, which is `num_complex::Complex<T>` (`#[repr(C)]`). libm is linked by
//! Rust's std on every platform we build for.

macro_rules! libm_complex {
    ($module:ident, $t:ty, [$($name:ident => $c:ident),* $(,)?]) => {
        pub mod $module {
            #[allow(improper_ctypes)]
            extern "C" {
                $(fn $c(z: $t) -> $t;)*
            }
            $(
                #[inline]
                pub fn $name(z: $t) -> $t {
                    // SAFETY: a pure C function of one value with the ABI described above;
                    // it reads no memory and has no preconditions (any input is defined).
                    unsafe { $c(z) }
                }
            )*
        }
    };
}

libm_complex!(c64, num_complex::Complex64, [
    sqrt => csqrt, exp => cexp, log => clog,
    sin => csin, cos => ccos, tan => ctan, asin => casin, acos => cacos, atan => catan,
    sinh => csinh, cosh => ccosh, tanh => ctanh, asinh => casinh, acosh => cacosh, atanh => catanh,
]);

libm_complex!(c32, num_complex::Complex32, [
    sqrt => csqrtf, exp => cexpf, log => clogf,
    sin => csinf, cos => ccosf, tan => ctanf, asin => casinf, acos => cacosf, atan => catanf,
    sinh => csinhf, cosh => ccoshf, tanh => ctanhf, asinh => casinhf, acosh => cacoshf, atanh => catanhf,
]);

/// Real functions whose std versions are naive formulas (Rust's `asinh`, `acosh`, `atanh`
/// overflow for huge arguments and lose all precision near ±1); libm's are within 1 ULP.
macro_rules! libm_real {
    ($module:ident, $t:ty, [$($name:ident => $c:ident),* $(,)?]) => {
        pub mod $module {
            mod ffi {
                extern "C" {
                    $(pub fn $c(x: $t) -> $t;)*
                }
            }
            $(
                #[inline]
                pub fn $name(x: $t) -> $t {
                    // SAFETY: a pure C function of one float; defined for every input.
                    unsafe { ffi::$c(x) }
                }
            )*
        }
    };
}

libm_real!(f64, f64, [asinh => asinh, acosh => acosh, atanh => atanh]);
libm_real!(f32, f32, [asinh => asinhf, acosh => acoshf, atanh => atanhf]);

#[cfg(test)]
mod tests {
    use num_complex::{Complex32, Complex64};

    #[test]
    fn values_cross_the_abi_intact() {
        // Distinct re/im so a swapped or dropped half shows.
        let z = super::c64::exp(Complex64::new(1.0, 2.0));
        let expect = Complex64::new(1.0f64.exp() * 2.0f64.cos(), 1.0f64.exp() * 2.0f64.sin());
        assert!((z - expect).norm() < 1e-15);
        let w = super::c32::sqrt(Complex32::new(-4.0, 0.0));
        assert_eq!(w, Complex32::new(0.0, 2.0));
        let l = super::c32::log(Complex32::new(0.0, 1.0));
        assert!((l.im - std::f32::consts::FRAC_PI_2).abs() < 1e-7 && l.re.abs() < 1e-7);
        assert_eq!(super::f64::asinh(f64::MAX), 710.4758600739439);
        assert!((super::f32::atanh(0.5) - 0.54930615).abs() < 1e-7);
        let inf = super::c64::sqrt(Complex64::new(1.0, f64::INFINITY));
        assert_eq!((inf.re, inf.im), (f64::INFINITY, f64::INFINITY));
    }
}
