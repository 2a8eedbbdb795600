//! f64 implementations. See the module documentation for the contract.

/// `c0 + x*(c1 + x*(c2 + ...))` with fused multiply-adds.
macro_rules! horner {
    ($x:expr; $c:expr) => { $c };
    ($x:expr; $c:expr, $($rest:expr),+) => { horner!($x; $($rest),+).mul_add($x, $c) };
}
pub(crate) use horner;

/// 1.5 * 2^52: adding it rounds a |v| < 2^51 to an integer, held in the low mantissa bits.
pub(super) const SHIFT: f64 = 6755399441055744.0;
const LOG2E: f64 = 1.4426950408889634;
/// ln 2 = LN2_HI + LN2_LO; LN2_HI is the nearest double.
pub(super) const LN2_HI: f64 = 0.6931471805599453;
pub(super) const LN2_LO: f64 = 2.3190468138462996e-17;
/// ln 2 split with 32 significant bits in the head, so that k * LN2_HEAD is exact for |k| < 2^21.
pub(super) const LN2_HEAD: f64 = 0.6931471803691238;
pub(super) const LN2_TAIL: f64 = 1.9082149292705877e-10;
const INV_PI: f64 = 0.3183098861837907;
use super::reduce_huge::{reduce_pio2_huge, PIO2_HI, PIO2_LO};
/// pi = PI1 + PI2 + PI3 to ~160 bits.
const PI1: f64 = 3.141592653589793;
const PI2: f64 = 1.2246467991473532e-16;
const PI3: f64 = -2.9947698097183397e-33;

/// 1/n! for the Taylor series (correctly rounded at compile time).
const F2: f64 = 1.0 / 2.0;
const F3: f64 = 1.0 / 6.0;
const F4: f64 = 1.0 / 24.0;
const F5: f64 = 1.0 / 120.0;
const F6: f64 = 1.0 / 720.0;
const F7: f64 = 1.0 / 5040.0;
const F8: f64 = 1.0 / 40320.0;
const F9: f64 = 1.0 / 362880.0;
const F10: f64 = 1.0 / 3628800.0;
const F11: f64 = 1.0 / 39916800.0;
const F12: f64 = 1.0 / 479001600.0;
const F13: f64 = 1.0 / 6227020800.0;

/// Value select, written so that LLVM emits a blend, not a branch.
#[inline(always)]
pub(super) fn sel(c: bool, a: f64, b: f64) -> f64 {
    if c {
        a
    } else {
        b
    }
}

/// Makes NaN results bit-identical across instruction sets: a NaN input comes back quieted
/// (`x + x`), a NaN produced from a non-NaN input is the canonical quiet NaN. (Vector and
/// scalar code may order operands differently, and x86 propagates the first NaN operand.)
#[inline(always)]
pub(super) fn nan_fix(x: f64, res: f64) -> f64 {
    let res = sel(res != res, f64::NAN, res);
    nan_in(x, res)
}

/// `nan_fix` for functions that produce NaN only from a NaN input.
#[inline(always)]
pub(super) fn nan_in(x: f64, res: f64) -> f64 {
    sel(x != x, x + x, res)
}

/// 2^k for -1022 <= k <= 1023 (any other k gives some finite or non-finite value, no panic).
#[inline(always)]
pub(super) fn pow2i(k: i64) -> f64 {
    f64::from_bits((k.wrapping_add(1023) as u64) << 52)
}

/// The integer held by `kd = v + SHIFT`.
#[inline(always)]
pub(super) fn shifted_int(kd: f64) -> i64 {
    (kd.to_bits() as i64).wrapping_sub(SHIFT.to_bits() as i64)
}

/// exp(r) - 1 for |r| <= 0.35 (Taylor to degree 13, truncation < 2^-57 relative).
#[inline(always)]
fn expm1_poly(r: f64) -> f64 {
    let q = horner!(r; F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13);
    (r * r).mul_add(q, r)
}

/// 2^x. Complete and branch-free (no slow path).
#[inline(always)]
pub fn exp2_f64(x: f64) -> f64 {
    nan_in(x, exp2_f64_raw(x))
}

#[inline(always)]
fn exp2_f64_raw(x: f64) -> f64 {
    let xc = sel(x > 1025.0, 1025.0, x);
    let xc = sel(xc < -1080.0, -1080.0, xc);
    let kd = xc + SHIFT;
    let n = kd - SHIFT;
    let k = shifted_int(kd);
    let f = xc - n; // exact, |f| <= 0.5
                    // r = f * ln2 as a double-double (rh + rl).
    let rh = f * LN2_HI;
    let rl = f.mul_add(LN2_HI, -rh);
    let rl = f.mul_add(LN2_LO, rl);
    // exp(rh + rl) - 1 ~= p(rh) + rl * (1 + p(rh)).
    let p = expm1_poly(rh);
    let e = 1.0 + rl.mul_add(1.0 + p, p);
    let k1 = k >> 1;
    let k2 = k.wrapping_sub(k1);
    e * pow2i(k1) * pow2i(k2)
}

/// e^x - 1. Complete and branch-free (no slow path).
#[inline(always)]
pub fn expm1_f64(x: f64) -> f64 {
    nan_in(x, expm1_f64_raw(x))
}

#[inline(always)]
fn expm1_f64_raw(x: f64) -> f64 {
    // Below -40 the result rounds to -1; above 710 it overflows.
    let xc = sel(x > 710.0, 710.0, x);
    let xc = sel(xc < -40.0, -40.0, xc);
    let kd = xc.mul_add(LOG2E, SHIFT);
    let n = kd - SHIFT;
    let k = shifted_int(kd);
    let rh = (-n).mul_add(LN2_HI, xc); // exact
    let r = (-n).mul_add(LN2_LO, rh);
    // The rounding error of r, carried to first order: expm1(r + rl) ~= expm1(r) + rl (1 + r).
    let rl = (-n).mul_add(LN2_LO, rh - r);
    let p = expm1_poly(r);
    let p = rl.mul_add(1.0 + r, p);
    // e^x - 1 = 2 * (s*p + (s - 1/2)) with s = 2^(k-1) in [2^-59, 2^1023]; the doubling is exact
    // (or overflows, as it should).
    let s = pow2i(k.wrapping_sub(1));
    let res = 2.0 * s.mul_add(p, s - 0.5);
    // Tiny x (±0, subnormals): expm1 x = x to within rounding. NaN propagates.
    sel(x.abs() < 1e-300, x, res)
}

/// log(1 + f) for f = m - 1, m in [sqrt(1/2), sqrt(2)), split as `(f - hfsq) + s*(hfsq + R)`.
/// Returns (hfsq, s*(hfsq+R)); the caller adds f and the exponent part in the best order.
#[inline(always)]
fn log1p_core(f: f64) -> (f64, f64) {
    let s = f / (2.0 + f);
    let z = s * s;
    // log(1+f) = 2 atanh(s) = 2s + s*R(z) with R(z) = z Q(z) (Taylor: Q = sum 2 z^k / (2k+3));
    // |s| < 0.1716, z < 0.0295. Q is a degree-6 Chebyshev fit on [0, 0.0295] (mpmath
    // chebyfit; relative error 2^-50.9 in Q, i.e. below 2^-57 in the logarithm).
    let r = z * horner!(z;
        0.666666666666667, 0.3999999999989948, 0.28571428625984924, 0.22222211133254605,
        0.18182889237497124, 0.15331717869928738, 0.14616495796458442f64);
    let hfsq = 0.5 * f * f;
    (hfsq, s * (hfsq + r))
}

/// Splits x > 0 (normal or subnormal) as 2^k * m, m in [sqrt(1/2), sqrt(2)); returns (k, m).
#[inline(always)]
fn log_split(x: f64) -> (f64, f64) {
    let sub = x < f64::MIN_POSITIVE;
    let xs = sel(sub, x * 18014398509481984.0, x); // 2^54
    let bits = xs.to_bits() as i64;
    let tmp = bits.wrapping_sub(0x3fe6a09e667f3bcd);
    let k = tmp >> 52;
    let m = f64::from_bits(bits.wrapping_sub(k << 52) as u64);
    let k = k.wrapping_sub(if sub { 54 } else { 0 });
    (int_to_f64(k), m)
}

/// k as f64 for |k| < 2^51, through the shifter: exact, like a vector conversion, and
/// vectorizable where i64 -> f64 is not (AVX2).
#[inline(always)]
pub(super) fn int_to_f64(k: i64) -> f64 {
    f64::from_bits((SHIFT.to_bits() as i64).wrapping_add(k) as u64) - SHIFT
}

/// The special cases shared by the logarithms: log(±0) = -inf, log(x<0) = NaN, log(NaN) = NaN,
/// log(+inf) = +inf.
#[inline(always)]
pub(super) fn log_special(x: f64, res: f64) -> f64 {
    let res = sel(x == f64::INFINITY, f64::INFINITY, res);
    let res = sel(x >= 0.0, res, f64::NAN); // x < 0 or NaN
    sel(x == 0.0, f64::NEG_INFINITY, res)
}

/// log(1 + x). Complete and branch-free (no slow path).
#[inline(always)]
pub fn log1p_f64(x: f64) -> f64 {
    // NaN results come only from the special-case selects (a constant): no fix needed.
    log1p_f64_raw(x)
}

#[inline(always)]
fn log1p_f64_raw(x: f64) -> f64 {
    // u = 1 + x rounded; c = the rounding error, so 1 + x = u + c exactly (|c| tiny).
    let u = 1.0 + x;
    let c = sel(x.abs() < 1.0, x - (u - 1.0), 1.0 - (u - x));
    let (k, m) = log_split(u);
    let f = m - 1.0;
    let (hfsq, t) = log1p_core(f);
    // log(u + c) = log(u) + c/u to first order; c/u < 2^-52 relative, so c/u suffices.
    let corr = c / u;
    let res = k.mul_add(LN2_HEAD, -((hfsq - (k.mul_add(LN2_TAIL, t) + corr)) - f));
    let res = sel(x == f64::INFINITY, f64::INFINITY, res);
    let res = sel(x >= -1.0, res, f64::NAN);
    let res = sel(x == -1.0, f64::NEG_INFINITY, res);
    // Tiny x (including ±0 and subnormals): log1p(x) = x to within rounding.
    sel(x.abs() < 1e-300, x, res)
}

/// Base-2 logarithm. Complete and branch-free (no slow path).
#[inline(always)]
pub fn log2_f64(x: f64) -> f64 {
    // NaN results come only from the special-case selects (a constant): no fix needed.
    log2_f64_raw(x)
}

#[inline(always)]
fn log2_f64_raw(x: f64) -> f64 {
    let (k, m) = log_split(x);
    let f = m - 1.0;
    let (hfsq, t) = log1p_core(f);
    // log(m) = hi + lo with hi = f - hfsq (rounded) and lo its error plus t.
    let hi = f - hfsq;
    let lo = (f - hi) - hfsq + t;
    // log2(m) = (hi + lo) * log2(e), with log2(e) = L2H + L2L; then add the exact integer k.
    const L2H: f64 = 1.4426950408889634;
    const L2L: f64 = 2.0355273740931033e-17;
    let ph = hi * L2H;
    let pl = hi.mul_add(L2H, -ph);
    let pl = hi.mul_add(L2L, lo.mul_add(L2H, pl));
    let sum = k + ph;
    let err = (k - sum) + ph; // exact: |k| >= |ph| whenever k != 0
    let res = sum + (err + pl);
    log_special(x, res)
}

/// Base-10 logarithm. Complete and branch-free (no slow path).
#[inline(always)]
pub fn log10_f64(x: f64) -> f64 {
    // NaN results come only from the special-case selects (a constant): no fix needed.
    log10_f64_raw(x)
}

#[inline(always)]
fn log10_f64_raw(x: f64) -> f64 {
    let (k, m) = log_split(x);
    let f = m - 1.0;
    let (hfsq, t) = log1p_core(f);
    let hi = f - hfsq;
    let lo = (f - hi) - hfsq + t;
    // log10(x) = k*log10(2) + (hi + lo)*log10(e), each constant as head + tail.
    const G2H: f64 = 0.3010299956639812;
    const G2L: f64 = -2.8037281277851704e-18;
    const GEH: f64 = 0.4342944819032518;
    const GEL: f64 = 1.098319650216765e-17;
    let a = k * G2H;
    let al = k.mul_add(G2H, -a);
    let al = k.mul_add(G2L, al);
    let b = hi * GEH;
    let bl = hi.mul_add(GEH, -b);
    let bl = hi.mul_add(GEL, lo.mul_add(GEH, bl));
    // Two-sum of a + b (either may dominate).
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    let res = s + (e + (al + bl));
    log_special(x, res)
}

/// tanh(x). Complete and branch-free (no slow path).
#[inline(always)]
pub fn tanh_f64(x: f64) -> f64 {
    nan_in(x, tanh_f64_raw(x))
}

#[inline(always)]
fn tanh_f64_raw(x: f64) -> f64 {
    // tanh|x| = e / (e + 2) with e = expm1(2|x|); above 20 it rounds to 1.
    let a = x.abs();
    let a = sel(a > 20.0, 20.0, a);
    let e = expm1_f64_raw(2.0 * a);
    // t = e / (e + 2) to ~0.5 ULP: d + dl = e + 2 exactly (two-sum), one division for 1/d,
    // then one Newton-style correction of the quotient with the exact remainder.
    let d = e + 2.0;
    let bb = d - e;
    let dl = (e - (d - bb)) + (2.0 - bb);
    let inv = 1.0 / d;
    let t0 = e * inv;
    let rem = (-t0).mul_add(d, e);
    let rem = (-t0).mul_add(dl, rem);
    let t = rem.mul_add(inv, t0);
    // Restore the sign (tanh(-0) = -0; NaN stays NaN).
    f64::from_bits(t.to_bits() | (x.to_bits() & 0x8000_0000_0000_0000))
}

/// sin(rh + rl) for |rh| <= pi/2 + tiny, |rl| <= 2^-50 |rh|.
#[inline(always)]
fn sin_poly(rh: f64, rl: f64) -> f64 {
    let z = rh * rh;
    // sin r = r + r z P(z), Taylor to degree 21 (relative truncation < 2^-60 on [-pi/2, pi/2]).
    let p = horner!(z;
        -F3, F5, -F7, F9, -F11, F13, -1.0 / 1307674368000.0, 1.0 / 355687428096000.0,
        -1.0 / 121645100408832000.0, 1.0 / 51090942171709440000.0f64);
    // The tail contributes rl * cos(rh); cos approximated to 3 terms suffices for a correction.
    let c = z.mul_add(z.mul_add(F4, -0.5), 1.0);
    rh + (rh * z).mul_add(p, rl * c)
}

/// `sin_poly` before its final addition: sin(rh + rl) = hi + lo (unnormalized, |lo| <= 0.6 |hi|),
/// the pair good to ~2^-53 |sin| — better than the rounded sum.
#[inline(always)]
fn sin_poly_parts(rh: f64, rl: f64) -> (f64, f64) {
    let z = rh * rh;
    let p = horner!(z;
        -F3, F5, -F7, F9, -F11, F13, -1.0 / 1307674368000.0, 1.0 / 355687428096000.0,
        -1.0 / 121645100408832000.0, 1.0 / 51090942171709440000.0f64);
    let c = z.mul_add(z.mul_add(F4, -0.5), 1.0);
    (rh, (rh * z).mul_add(p, rl * c))
}

/// cos(rh + rl) = sin(pi/2 - |r|) for |rh + rl| <= pi/4 + tiny (normalized double-double).
#[inline(always)]
fn cos_dd(rh: f64, rl: f64) -> f64 {
    let (h, l) = cos_dd_args(rh, rl);
    sin_poly(h, l)
}

/// pi/2 - |rh + rl| as a normalized double-double, for |rh + rl| <= pi/4 + tiny.
#[inline(always)]
fn cos_dd_args(rh: f64, rl: f64) -> (f64, f64) {
    let (ah, al) = if rh < 0.0 { (-rh, -rl) } else { (rh, rl) };
    // pi/2 - |r| in double-double: a two-sum of the heads, then the tails.
    let u = PIO2_HI - ah;
    let bb = u - PIO2_HI;
    let err = (PIO2_HI - (u - bb)) + (-ah - bb);
    let l = (PIO2_LO - al) + err;
    let h = u + l;
    let l = l - (h - u);
    (h, l)
}

/// sin(q·pi/2 + (rh + rl)) for |rh + rl| <= pi/4 + tiny (normalized double-double), q mod 4.
#[inline(always)]
fn sin_quadrant(q: u32, rh: f64, rl: f64) -> f64 {
    let s = if q & 1 == 0 {
        sin_poly(rh, rl)
    } else {
        cos_dd(rh, rl)
    };
    if q & 2 == 0 {
        s
    } else {
        -s
    }
}

/// tan(q·pi/2 + (rh + rl)) for |rh + rl| <= pi/4 + tiny (normalized double-double), q mod 4.
#[inline(always)]
fn tan_quadrant(q: u32, rh: f64, rl: f64) -> f64 {
    // sin r and cos r as unrounded pairs, then one double-double-corrected division.
    let (sh, sl) = sin_poly_parts(rh, rl);
    let (ah, al) = cos_dd_args(rh, rl);
    let (ch, cl) = sin_poly_parts(ah, al);
    // Normalize (exact fast two-sums, |hi| >= |lo|) so that each head is the rounded value.
    let (sh, sl) = {
        let h = sh + sl;
        (h, sl - (h - sh))
    };
    let (ch, cl) = {
        let h = ch + cl;
        (h, cl - (h - ch))
    };
    // Odd quadrants: tan = -cos r / sin r (selects, not a branch, so loops vectorize).
    let odd = q & 1 != 0;
    let (nh, nl) = (sel(odd, -ch, sh), sel(odd, -cl, sl));
    let (dh, dl) = (sel(odd, sh, ch), sel(odd, sl, cl));
    let t = nh / dh;
    // (nh + nl) - t (dh + dl), the first part exact by fma.
    let res = (-t).mul_add(dh, nh) + ((-t).mul_add(dl, nl));
    t + res / dh
}

/// Cody–Waite reduction by pi/2 for |x| <= 2^24: `(q mod 4, rh, rl)` with
/// x = q·pi/2 + rh + rl, |rh + rl| <= pi/4 + tiny, good to ~2^-137 absolute.
#[inline(always)]
fn reduce_pio2_small(x: f64) -> (u32, f64, f64) {
    let kd = x.mul_add(2.0 * INV_PI, SHIFT);
    let k = kd - SHIFT;
    // x - k·PI1/2 is exact: both are multiples of ulp(x) (or of 2^-52 for |x| >= 1) and the
    // result is below 1 in magnitude.
    let r1 = (-k).mul_add(0.5 * PI1, x);
    let t = k * (0.5 * PI2);
    let te = k.mul_add(0.5 * PI2, -t);
    let rh = r1 - t;
    let bb = rh - r1;
    let err = (r1 - (rh - bb)) + (-t - bb);
    let rl = (-k).mul_add(0.5 * PI3, err - te);
    let h = rh + rl;
    let l = rl - (h - rh);
    ((shifted_int(kd) & 3) as u32, h, l)
}

/// tan(x) for |x| <= 2^24 (and NaN); branch-free. See the module contract.
#[inline(always)]
pub fn tan_f64_fast(x: f64) -> f64 {
    // NaN, ±inf and the huge |x| left to the slow path give the canonical NaN, as in sin.
    sel(x.abs() <= TRIG_LIMIT, tan_f64_fast_raw(x), f64::NAN)
}

#[inline(always)]
fn tan_f64_fast_raw(x: f64) -> f64 {
    let (q, rh, rl) = reduce_pio2_small(x);
    sel(x == 0.0, x, tan_quadrant(q, rh, rl))
}

/// Whether `tan_f64_fast(x)` may be wrong: huge |x| or ±inf.
#[inline(always)]
pub fn tan_f64_needs_slow(x: f64) -> bool {
    x.abs() > TRIG_LIMIT
}

/// Scalar fallback for huge arguments (exact Payne–Hanek range reduction); correct for any
/// input.
#[inline(never)]
pub fn tan_f64_slow(x: f64) -> f64 {
    nan_fix(x, tan_f64_slow_raw(x))
}

#[inline(always)]
fn tan_f64_slow_raw(x: f64) -> f64 {
    if !x.is_finite() {
        f64::NAN
    } else if x.abs() <= TRIG_LIMIT {
        tan_f64_fast(x)
    } else {
        let (q, rh, rl) = reduce_pio2_huge(x);
        tan_quadrant(q, rh, rl)
    }
}

/// tan(x), any input.
#[inline(always)]
pub fn tan_f64(x: f64) -> f64 {
    if tan_f64_needs_slow(x) {
        tan_f64_slow(x)
    } else {
        tan_f64_fast(x)
    }
}

/// |x| above this takes the slow path in sin/cos.
const TRIG_LIMIT: f64 = 16777216.0; // 2^24

/// sin(x) for |x| <= 2^24 (and NaN); branch-free. See the module contract.
#[inline(always)]
pub fn sin_f64_fast(x: f64) -> f64 {
    // NaN, ±inf and the huge |x| left to the slow path all give the canonical NaN here,
    // which keeps NaN bits identical across instruction sets with a single select.
    sel(x.abs() <= TRIG_LIMIT, sin_f64_fast_raw(x), f64::NAN)
}

#[inline(always)]
fn sin_f64_fast_raw(x: f64) -> f64 {
    // x = n*pi + r, |r| <= pi/2; sin x = (-1)^n sin r.
    let kd = x.mul_add(INV_PI, SHIFT);
    let n = kd - SHIFT;
    // x - n*PI1 is exact (multiples of 2^-52 below 2 in magnitude); the rest as double-double.
    let r1 = (-n).mul_add(PI1, x);
    let t = n * PI2;
    let te = n.mul_add(PI2, -t);
    let rh = r1 - t;
    let bb = rh - r1;
    let err = (r1 - (rh - bb)) + (-t - bb);
    let rl = (-n).mul_add(PI3, err - te);
    let s = sin_poly(rh, rl);
    let res = f64::from_bits(s.to_bits() ^ (kd.to_bits() << 63));
    sel(x == 0.0, x, res)
}

/// Whether `sin_f64_fast(x)` may be wrong: huge |x| or ±inf.
#[inline(always)]
pub fn sin_f64_needs_slow(x: f64) -> bool {
    x.abs() > TRIG_LIMIT
}

/// Scalar fallback for huge arguments (exact Payne–Hanek range reduction); correct for any
/// input.
#[inline(never)]
pub fn sin_f64_slow(x: f64) -> f64 {
    nan_fix(x, sin_f64_slow_raw(x))
}

#[inline(always)]
fn sin_f64_slow_raw(x: f64) -> f64 {
    if !x.is_finite() {
        f64::NAN
    } else if x.abs() <= TRIG_LIMIT {
        sin_f64_fast(x)
    } else {
        let (q, rh, rl) = reduce_pio2_huge(x);
        sin_quadrant(q, rh, rl)
    }
}

/// sin(x), any input.
#[inline(always)]
pub fn sin_f64(x: f64) -> f64 {
    if sin_f64_needs_slow(x) {
        sin_f64_slow(x)
    } else {
        sin_f64_fast(x)
    }
}

/// cos(x) for |x| <= 2^24 (and NaN); branch-free. See the module contract.
#[inline(always)]
pub fn cos_f64_fast(x: f64) -> f64 {
    // NaN, ±inf and the huge |x| left to the slow path all give the canonical NaN here,
    // which keeps NaN bits identical across instruction sets with a single select.
    sel(x.abs() <= TRIG_LIMIT, cos_f64_fast_raw(x), f64::NAN)
}

#[inline(always)]
fn cos_f64_fast_raw(x: f64) -> f64 {
    // cos is even. |x| = (m + 1/2) pi + r, |r| <= pi/2; cos x = -(-1)^m sin r.
    let a = x.abs();
    let kd = a.mul_add(INV_PI, -0.5) + SHIFT;
    let m = kd - SHIFT;
    let hq = m + 0.5;
    // r = ((a - m PI1) - PI1/2) - hq PI2 - hq PI3: the first step is exact (as in sin), the two
    // subtractions are two-sums and the product error is exact, so r is good to ~2^-100 |r|.
    let r1 = (-m).mul_add(PI1, a);
    let u = r1 - 0.5 * PI1;
    let bb = u - r1;
    let e0 = (r1 - (u - bb)) + (-0.5 * PI1 - bb);
    let t = hq * PI2;
    let te = hq.mul_add(PI2, -t);
    let rh = u - t;
    let bb = rh - u;
    let e1 = (u - (rh - bb)) + (-t - bb);
    let rl = (-hq).mul_add(PI3, (e0 + e1) - te);
    let h = rh + rl;
    let rl = rl - (h - rh);
    let s = sin_poly(h, rl);
    // Negate when m is even.
    f64::from_bits(s.to_bits() ^ ((!kd.to_bits()) << 63))
}

/// Whether `cos_f64_fast(x)` may be wrong: huge |x| or ±inf.
#[inline(always)]
pub fn cos_f64_needs_slow(x: f64) -> bool {
    x.abs() > TRIG_LIMIT
}

/// Scalar fallback for huge arguments (exact Payne–Hanek range reduction); correct for any
/// input.
#[inline(never)]
pub fn cos_f64_slow(x: f64) -> f64 {
    nan_fix(x, cos_f64_slow_raw(x))
}

#[inline(always)]
fn cos_f64_slow_raw(x: f64) -> f64 {
    if !x.is_finite() {
        f64::NAN
    } else if x.abs() <= TRIG_LIMIT {
        cos_f64_fast(x)
    } else {
        // cos x = sin(x + pi/2).
        let (q, rh, rl) = reduce_pio2_huge(x);
        sin_quadrant(q.wrapping_add(1), rh, rl)
    }
}

/// cos(x), any input.
#[inline(always)]
pub fn cos_f64(x: f64) -> f64 {
    if cos_f64_needs_slow(x) {
        cos_f64_slow(x)
    } else {
        cos_f64_fast(x)
    }
}
