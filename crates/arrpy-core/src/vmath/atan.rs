//! atan, asin and acos, branch-free (see the module contract).
//!
//! atan|x| = atan(c) + atan((|x| - c) / (1 + |x| c)) for any c. Picking c from
//! {0, tan(pi/8), 1, tan(3pi/8), inf} by |x| (selects, not branches) leaves a reduced argument
//! |t| <= tan(pi/16) ~ 0.199, where 12 terms of the Taylor series of atan are good to 2^-65
//! relative. The quotient is corrected once with fused multiply-adds, and atan(c) is a
//! double-double constant (of the double c actually used), so the result is within ~1 ULP.
//! asin and acos are atan(a / sqrt(1 - a^2)) and its reciprocal form, the root a
//! double-double, so neither loses accuracy near |x| = 1.

use super::f64s::{horner, nan_fix, nan_in, sel};
use super::reduce_huge::{PIO2_HI, PIO2_LO};

/// Range bounds tan((2i+1)pi/16), i = 0..3 (any nearby doubles would do: they only pick c).
const B: [f64; 4] = [
    0.198912367379658,
    0.6681786379192989,
    1.496605762665489,
    5.027339492125848,
];
/// The centers: the doubles nearest tan(i pi/8), i = 1..3.
const C: [f64; 3] = [0.41421356237309503, 1.0, 2.414213562373095];
/// atan(C[i]) = HI[i] + LO[i] (mpmath, 200 bits).
const HI: [f64; 3] = [0.39269908169872414, 0.7853981633974483, 1.1780972450961724];
const LO: [f64; 3] = [
    3.060132146563891e-18,
    3.061616997868383e-17,
    2.7563998718653792e-17,
];

/// atan(x): odd, atan(±inf) = ±pi/2, NaN in NaN out.
#[inline(always)]
pub fn atan_f64(x: f64) -> f64 {
    let a = x.abs();
    let (h, l) = atan_ratio(a, 0.0, 1.0, 0.0);
    // At |x| = inf, t = -1/inf = -0 meets 0 * inf in the residual; the answer is pi/2.
    let r = sel(a == f64::INFINITY, PIO2_HI, h + l);
    // Restore the sign (atan(-0) = -0).
    nan_in(x, sel(x.is_sign_negative(), -r, r))
}

/// asin(x): odd, NaN outside [-1, 1].
#[inline(always)]
pub fn asin_f64(x: f64) -> f64 {
    let a = x.abs();
    let (ch, cl) = sqrt_one_minus_square(a);
    let (h, l) = atan_ratio(a, 0.0, ch, cl);
    let r = h + l;
    nan_fix(x, sel(x.is_sign_negative(), -r, r))
}

/// acos(x): in [0, pi], NaN outside [-1, 1].
#[inline(always)]
pub fn acos_f64(x: f64) -> f64 {
    let a = x.abs();
    let (ch, cl) = sqrt_one_minus_square(a);
    let (h, l) = atan_ratio(ch, cl, a, 0.0);
    // acos(-a) = pi - acos(a), from the unrounded pair (the result is >= pi/2: no cancellation).
    let (dh, dl) = two_sum(PI_HI, -h);
    let neg = dh + ((dl - l) + PI_LO);
    nan_fix(x, sel(x < 0.0, neg, h + l))
}

/// pi = PI_HI + PI_LO.
const PI_HI: f64 = 3.141592653589793;
const PI_LO: f64 = 1.2246467991473532e-16;

/// `(s, e)` with s + e = x + y exactly (Knuth's two-sum: any magnitudes).
#[inline(always)]
fn two_sum(x: f64, y: f64) -> (f64, f64) {
    let s = x + y;
    let bb = s - x;
    (s, (x - (s - bb)) + (y - bb))
}

/// sqrt(1 - a^2) for 0 <= a <= 1 as a double-double (NaN beyond 1): 1 - a^2 exactly from an
/// fma-split square, then one Newton correction of the square root.
#[inline(always)]
fn sqrt_one_minus_square(a: f64) -> (f64, f64) {
    let p = a * a;
    let pl = a.mul_add(a, -p);
    let (wh, wl) = two_sum(1.0, -p);
    let wl = wl - pl;
    let w = wh + wl;
    let wl = wl - (w - wh);
    let h = w.sqrt();
    // (h + l)^2 = w: l = (w - h^2) / 2h, the residual exact by fma. 0/0 at w = 0: l = 0.
    let l = ((-h).mul_add(h, w) + wl) / (2.0 * h);
    (h, sel(w == 0.0, 0.0, l))
}

/// atan((n + nl) / (d + dl)) for n, d >= 0 (tails tiny beside their heads), as an unrounded
/// pair (head, tail). The ratio picks the range (center c); then
/// t = (n - c d) / (d + c n), or -d / n in the last range (c = inf).
#[inline(always)]
fn atan_ratio(n: f64, nl: f64, d: f64, dl: f64) -> (f64, f64) {
    let a = n / d;
    // The range: c, atan(c) = (hi, lo); beyond B[3], c = inf.
    let (mut c, mut hi, mut lo) = (0.0, 0.0, 0.0);
    for i in 0..3 {
        let above = a > B[i];
        c = sel(above, C[i], c);
        hi = sel(above, HI[i], hi);
        lo = sel(above, LO[i], lo);
    }
    let far = a > B[3];
    hi = sel(far, PIO2_HI, hi);
    lo = sel(far, PIO2_LO, lo);
    // The numerator n - c d with one rounding (fma); the denominator d + c n as a
    // double-double from the exact product c n.
    let num = sel(far, -(d + dl), c.mul_add(-d, n) + (nl - c * dl));
    let p = c * n;
    let pl = c.mul_add(n, -p);
    let (dh, e) = two_sum(d, p);
    let den_l = e + pl + dl + c * nl;
    let (dh, den_l) = (sel(far, n, dh), sel(far, nl, den_l));
    let th = num / dh;
    // t = th + tl to ~2^-100: the residual num - th (dh + den_l), its first part exact by fma.
    let tl = ((-th).mul_add(dh, num) - th * den_l) / dh;
    // atan t = t + t z P(z), z = t^2.
    let z = th * th;
    let p = horner!(z;
        -1.0 / 3.0, 1.0 / 5.0, -1.0 / 7.0, 1.0 / 9.0, -1.0 / 11.0, 1.0 / 13.0, -1.0 / 15.0,
        1.0 / 17.0, -1.0 / 19.0, 1.0 / 21.0, -1.0 / 23.0, 1.0 / 25.0f64);
    let small = (th * z).mul_add(p, tl) + lo;
    // hi + th exactly as a (head, error) pair: |hi| >= |th| whenever hi != 0.
    let s = hi + th;
    let e = th - (s - hi);
    (s, e + small)
}
