//! sinh and cosh, branch-free (see the module contract), from one `expm1` each.
//!
//! Below |x| = 1, their Taylor series (to x^19 and x^20: truncation < 2^-56). Above, with
//! e = expm1(|x|) + 1: (e ∓ 1/e)/2. Where e^|x| itself overflows but the result does not
//! (|x| > 709), expm1 is taken at |x|/2 and the result is (w/2)·w with w = e^(|x|/2).

use super::f64s::{expm1_f64, horner, nan_in, sel};

/// 1/n! for the odd and even Taylor terms.
const ODD: [f64; 9] = [
    1.0 / 6.0,
    1.0 / 120.0,
    1.0 / 5040.0,
    1.0 / 362880.0,
    1.0 / 39916800.0,
    1.0 / 6227020800.0,
    1.0 / 1307674368000.0,
    1.0 / 355687428096000.0,
    1.0 / 121645100408832000.0,
];
const EVEN: [f64; 10] = [
    1.0 / 2.0,
    1.0 / 24.0,
    1.0 / 720.0,
    1.0 / 40320.0,
    1.0 / 3628800.0,
    1.0 / 479001600.0,
    1.0 / 87178291200.0,
    1.0 / 20922789888000.0,
    1.0 / 6402373705728000.0,
    1.0 / 2432902008176640000.0,
];

/// Above this, e^|x| is computed as a square (e^709 is finite, e^710 is not).
const SQUARE_ABOVE: f64 = 709.0;

/// (w, big): w = e^|x|, or e^(|x|/2) when big.
#[inline(always)]
fn exp_parts(a: f64) -> (f64, bool) {
    let big = a > SQUARE_ABOVE;
    (expm1_f64(sel(big, 0.5 * a, a)) + 1.0, big)
}

/// sinh(x): odd, ±inf at ±inf and past 710.4758, NaN in NaN out.
#[inline(always)]
pub fn sinh_f64(x: f64) -> f64 {
    let a = x.abs();
    let (w, big) = exp_parts(a);
    let z = a * a;
    let [c0, c1, c2, c3, c4, c5, c6, c7, c8] = ODD;
    let series = (a * z).mul_add(horner!(z; c0, c1, c2, c3, c4, c5, c6, c7, c8), a);
    let r = sel(a < 1.0, series, 0.5 * w - 0.5 / w);
    let r = sel(big, (0.5 * w) * w, r);
    nan_in(x, sel(x.is_sign_negative(), -r, r))
}

/// cosh(x): even, 1 at 0, +inf at ±inf and past 710.4758, NaN in NaN out.
#[inline(always)]
pub fn cosh_f64(x: f64) -> f64 {
    let a = x.abs();
    let (w, big) = exp_parts(a);
    let z = a * a;
    let [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = EVEN;
    let series = z.mul_add(horner!(z; c0, c1, c2, c3, c4, c5, c6, c7, c8, c9), 1.0);
    let r = sel(a < 1.0, series, 0.5 * w + 0.5 / w);
    nan_in(x, sel(big, (0.5 * w) * w, r))
}
