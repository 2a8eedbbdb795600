//! The scalars the factorizations run on — float32, float64, complex64, complex128 (`Field`) —
//! and their real parts (`Real`): the arithmetic the reference algorithms are written in, and
//! the bridge to faer's scalar traits for the fast tiers.

use crate::dtype::{DType, Element};
use num_complex::{Complex32, Complex64};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// A float or complex element a factorization computes in.
pub trait Field:
    faer::traits::ComplexField
    + Element
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// The real part's type (Self for the real dtypes).
    type Re: Real;
    const ZERO: Self;
    const ONE: Self;
    fn from_re(re: Self::Re) -> Self;
    fn re(self) -> Self::Re;
    fn im(self) -> Self::Re;
    fn conjugate(self) -> Self;
    /// `|x|`, without overflow or underflow in between (hypot for complex).
    fn modulus(self) -> Self::Re;
    /// `|x|²`.
    fn modulus2(self) -> Self::Re;
    /// faer's real type for `Self` is `Self::Re`; this says so to the compiler.
    fn re_from_faer(x: <Self as faer::traits::ComplexField>::Real) -> Self::Re;
}

/// A real float: float32 or float64.
pub trait Real: Field<Re = Self> + PartialOrd + faer::traits::RealField {
    const EPSILON: Self;
    const INFINITY: Self;
    fn from_f64(x: f64) -> Self;
    fn to_f64(self) -> f64;
    fn sqrt(self) -> Self;
    fn ln(self) -> Self;
    fn hypot(self, other: Self) -> Self;
}

macro_rules! real {
    ($($t:ident),*) => {$(
        impl Field for $t {
            type Re = $t;
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            fn from_re(re: Self) -> Self { re }
            fn re(self) -> Self { self }
            fn im(self) -> Self { 0.0 }
            fn conjugate(self) -> Self { self }
            fn modulus(self) -> Self { self.abs() }
            fn modulus2(self) -> Self { self * self }
            fn re_from_faer(x: Self) -> Self { x }
        }
        impl Real for $t {
            const EPSILON: Self = $t::EPSILON;
            const INFINITY: Self = $t::INFINITY;
            fn from_f64(x: f64) -> Self { x as $t }
            fn to_f64(self) -> f64 { self as f64 }
            fn sqrt(self) -> Self { $t::sqrt(self) }
            fn ln(self) -> Self { $t::ln(self) }
            fn hypot(self, other: Self) -> Self { $t::hypot(self, other) }
        }
    )*};
}
real!(f32, f64);

macro_rules! complex {
    ($($t:ident => $re:ident),*) => {$(
        impl Field for $t {
            type Re = $re;
            const ZERO: Self = $t::new(0.0, 0.0);
            const ONE: Self = $t::new(1.0, 0.0);
            fn from_re(re: $re) -> Self { $t::new(re, 0.0) }
            fn re(self) -> $re { self.re }
            fn im(self) -> $re { self.im }
            fn conjugate(self) -> Self { self.conj() }
            fn modulus(self) -> $re { self.re.hypot(self.im) }
            fn modulus2(self) -> $re { self.norm_sqr() }
            fn re_from_faer(x: $re) -> $re { x }
        }
    )*};
}
complex!(Complex32 => f32, Complex64 => f64);

/// The dtype a linear-algebra function computes in for an input of `dtype`, as NumPy's
/// `numpy.linalg`: bool and integers in float64, the float and complex dtypes as they are.
pub fn compute_dtype(dtype: DType) -> DType {
    use crate::dtype::Kind;
    match dtype.kind() {
        Kind::Bool | Kind::Signed | Kind::Unsigned => DType::Float64,
        Kind::Float | Kind::Complex => dtype,
    }
}
