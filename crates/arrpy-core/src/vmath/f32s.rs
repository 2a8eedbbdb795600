//! f32 implementations. exp, log and tanh are native f32 (16 lanes under AVX-512); sin and cos
//! reduce and evaluate in f64 and round once (the reduction needs the extra precision).
//! See the module documentation for the contract.

use super::f64s::horner;
use super::lanes::Lanes;

/// 1.5 * 2^23: adding it rounds a |v| < 2^22 to an integer, held in the low mantissa bits.
const SHIFT: f32 = 12582912.0;
const LOG2E: f32 = 1.442695;
/// ln 2 = LN2_HI + LN2_LO; LN2_HI is the nearest f32.
const LN2_HI: f32 = 0.6931472;
const LN2_LO: f32 = -1.9046542e-9;
/// ln 2 with 16 significant bits in the head, so k * LN2_HEAD is exact for |k| < 2^8.
const LN2_HEAD: f32 = 0.693145751953125;
const LN2_TAIL: f32 = 1.4286068e-6;

#[inline(always)]
fn sel(c: bool, a: f32, b: f32) -> f32 {
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
fn nan_fix(x: f32, res: f32) -> f32 {
    let res = sel(res != res, f32::NAN, res);
    nan_in(x, res)
}

/// `nan_fix` for functions that produce NaN only from a NaN input.
#[inline(always)]
fn nan_in(x: f32, res: f32) -> f32 {
    sel(x != x, x + x, res)
}

/// 2^k for -126 <= k <= 127.
#[inline(always)]
fn pow2i(k: i32) -> f32 {
    f32::from_bits((k.wrapping_add(127) as u32) << 23)
}

#[inline(always)]
fn shifted_int(kd: f32) -> i32 {
    (kd.to_bits() as i32).wrapping_sub(SHIFT.to_bits() as i32)
}

/// exp(r) - 1 for |r| <= 0.35 (Taylor to degree 7, truncation < 2^-27 relative).
#[inline(always)]
fn expm1_poly(r: f32) -> f32 {
    let q = horner!(r; 0.5, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0, 1.0 / 720.0, 1.0 / 5040.0f32);
    (r * r).mul_add(q, r)
}

/// e^x. Complete and branch-free (no slow path).
#[inline(always)]
pub fn exp_f32(x: f32) -> f32 {
    nan_in(x, exp_f32_raw(x))
}

#[inline(always)]
fn exp_f32_raw(x: f32) -> f32 {
    let xc = sel(x > 89.0, 89.0, x);
    let xc = sel(xc < -104.0, -104.0, xc);
    let kd = xc.mul_add(LOG2E, SHIFT);
    let n = kd - SHIFT;
    let k = shifted_int(kd);
    let r = (-n).mul_add(LN2_HI, xc); // exact
    let r = (-n).mul_add(LN2_LO, r);
    let e = 1.0 + expm1_poly(r);
    let k1 = k >> 1;
    let k2 = k.wrapping_sub(k1);
    e * pow2i(k1) * pow2i(k2)
}

/// Natural logarithm. Complete and branch-free (no slow path).
#[inline(always)]
pub fn log_f32(x: f32) -> f32 {
    // NaN results come only from the special-case selects (a constant): no fix needed.
    log_f32_raw(x)
}

#[inline(always)]
fn log_f32_raw(x: f32) -> f32 {
    let sub = x < f32::MIN_POSITIVE;
    let xs = sel(sub, x * 33554432.0, x); // 2^25
    let bits = xs.to_bits() as i32;
    let tmp = bits.wrapping_sub(0x3f3504f3); // sqrt(1/2)
    let k = tmp >> 23;
    let m = f32::from_bits(bits.wrapping_sub(k << 23) as u32);
    let k = k.wrapping_sub(if sub { 25 } else { 0 });
    let kf = f32::from_bits((SHIFT.to_bits() as i32).wrapping_add(k) as u32) - SHIFT;
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    // 2 atanh(s) = 2s + s R(z), R = z Q(z); Q a degree-2 Chebyshev fit on z in [0, 0.0295]
    // (relative error 2^-21.8 in Q, i.e. below 2^-28 in the logarithm).
    let r = z * horner!(z; 0.6666668504147134, 0.39988779790209145, 0.2957998460280963f32);
    let hfsq = 0.5 * f * f;
    let t = s * (hfsq + r);
    let res = kf.mul_add(LN2_HEAD, -((hfsq - kf.mul_add(LN2_TAIL, t)) - f));
    let res = sel(x == f32::INFINITY, f32::INFINITY, res);
    let res = sel(x >= 0.0, res, f32::NAN);
    sel(x == 0.0, f32::NEG_INFINITY, res)
}

/// tanh(x). Complete and branch-free (no slow path).
#[inline(always)]
pub fn tanh_f32(x: f32) -> f32 {
    nan_in(x, tanh_f32_raw(x))
}

#[inline(always)]
fn tanh_f32_raw(x: f32) -> f32 {
    // tanh|x| = e / (e + 2) with e = expm1(2|x|) (in [0, e^20]); above 10 it rounds to 1.
    let a = x.abs();
    let a = sel(a > 10.0, 10.0, a);
    let y = 2.0 * a;
    let kd = y.mul_add(LOG2E, SHIFT);
    let n = kd - SHIFT;
    let k = shifted_int(kd);
    let r = (-n).mul_add(LN2_HI, y);
    let r = (-n).mul_add(LN2_LO, r);
    let p = expm1_poly(r);
    let s = pow2i(k.wrapping_sub(1));
    let e = 2.0 * s.mul_add(p, s - 0.5);
    let t = e / (e + 2.0);
    // Tiny |x| (incl. subnormals): tanh x = x to within rounding. Then restore the sign.
    let t = sel(a < 1e-30, a, t);
    f32::from_bits(t.to_bits() | (x.to_bits() & 0x8000_0000))
}

// sin/cos: evaluated in f64.

const INV_PI: f64 = 0.3183098861837907;
const PI1: f64 = 3.141592653589793;
const PI2: f64 = 1.2246467991473532e-16;
const DSHIFT: f64 = 6755399441055744.0;

/// sin r for |r| <= pi/2 + tiny, Taylor to degree 13 (relative truncation < 2^-31), over any
/// lane type.
#[inline(always)]
fn sin_poly<V: Lanes<E = f64>>(r: V) -> V {
    let z = r * r;
    let c = V::splat;
    let p = z
        .fma(c(1.0 / 6227020800.0), c(-1.0 / 39916800.0))
        .fma(z, c(1.0 / 362880.0))
        .fma(z, c(-1.0 / 5040.0))
        .fma(z, c(1.0 / 120.0))
        .fma(z, c(-1.0 / 6.0));
    (r * z).fma(p, r)
}

/// |x| above this takes the slow path in sin/cos.
pub(super) const TRIG_LIMIT: f32 = 1048576.0; // 2^20

/// sin(x) for |x| <= 2^20 (and NaN); branch-free. See the module contract.
#[inline(always)]
pub fn sin_f32_fast(x: f32) -> f32 {
    // NaN, ±inf and the huge |x| left to the slow path all give the canonical NaN here,
    // which keeps NaN bits identical across instruction sets with a single select.
    sel(x.abs() <= TRIG_LIMIT, sin_f32_fast_raw(x), f32::NAN)
}

#[inline(always)]
fn sin_f32_fast_raw(x: f32) -> f32 {
    let (r, kd) = sin_f32_reduce(x as f64);
    // sin(r + n pi) = (-1)^n sin r, and the polynomial is odd: flip r's sign for odd n.
    let r = f64::from_bits(r.to_bits() ^ (kd.to_bits() << 63));
    let res = sin_poly_f32(r as f32);
    sel(x == 0.0, x, res)
}

/// sin's range reduction in f64 (the AVX-512 kernel in `sin_f32_kernel.rs` runs it on two
/// vectors at once): r = x - n pi, |r| <= pi/2 + tiny, and kd = n + DSHIFT, whose lowest bit
/// is n's parity.
#[inline(always)]
pub(super) fn sin_f32_reduce<V: Lanes<E = f64>>(xd: V) -> (V, V) {
    let kd = xd.fma(V::splat(INV_PI), V::splat(DSHIFT));
    let n = kd - V::splat(DSHIFT);
    let r = n.fma(V::splat(-PI1), xd); // exact
    let r = n.fma(V::splat(-PI2), r); // absolute error < 2^-80 + 2^-53 |r|
    (r, kd)
}

/// sin r for |r| <= pi/2 + tiny in f32 arithmetic: r + r^3 P(r^2) with P a degree-4 fit
/// (mpmath chebyfit, coefficients rounded to f32: within 0.32 ULP of sin r before the
/// evaluation's own rounding).
#[inline(always)]
pub(super) fn sin_poly_f32<V: Lanes<E = f32>>(r: V) -> V {
    let c = |bits: u32| V::splat(f32::from_bits(bits));
    let z = r * r;
    let p = z
        .fma(c(0xb2ced87b), c(0x3638cb45))
        .fma(z, c(0xb9500c83))
        .fma(z, c(0x3c088888))
        .fma(z, c(0xbe2aaaab));
    (r * z).fma(p, r)
}

/// Whether `sin_f32_fast(x)` may be wrong: huge |x| or ±inf.
#[inline(always)]
pub fn sin_f32_needs_slow(x: f32) -> bool {
    x.abs() > TRIG_LIMIT
}

/// Scalar fallback for huge arguments: `sin_f64_slow` (exact Payne–Hanek reduction), rounded once.
#[inline(never)]
pub fn sin_f32_slow(x: f32) -> f32 {
    nan_fix(x, sin_f32_slow_raw(x))
}

#[inline(always)]
fn sin_f32_slow_raw(x: f32) -> f32 {
    super::f64s::sin_f64_slow(x as f64) as f32
}

/// sin(x), any input.
#[inline(always)]
pub fn sin_f32(x: f32) -> f32 {
    if sin_f32_needs_slow(x) {
        sin_f32_slow(x)
    } else {
        sin_f32_fast(x)
    }
}

/// cos(x) for |x| <= 2^20 (and NaN); branch-free. See the module contract.
#[inline(always)]
pub fn cos_f32_fast(x: f32) -> f32 {
    // NaN, ±inf and the huge |x| left to the slow path all give the canonical NaN here,
    // which keeps NaN bits identical across instruction sets with a single select.
    sel(x.abs() <= TRIG_LIMIT, cos_f32_fast_raw(x), f32::NAN)
}

#[inline(always)]
fn cos_f32_fast_raw(x: f32) -> f32 {
    let xd = x as f64;
    let kd = xd.mul_add(INV_PI, -0.5) + DSHIFT;
    let m = kd - DSHIFT;
    let q = m.mul_add(2.0, 1.0);
    let r = (-q).mul_add(0.5 * PI1, xd); // exact for |x| >= 2^-29; else error << result ulp
    let r = (-q).mul_add(0.5 * PI2, r);
    let s = sin_poly(r);
    let s = f64::from_bits(s.to_bits() ^ ((!kd.to_bits()) << 63));
    s as f32
}

/// Whether `cos_f32_fast(x)` may be wrong: huge |x| or ±inf.
#[inline(always)]
pub fn cos_f32_needs_slow(x: f32) -> bool {
    x.abs() > TRIG_LIMIT
}

/// Scalar fallback for huge arguments: `cos_f64_slow` (exact Payne–Hanek reduction), rounded once.
#[inline(never)]
pub fn cos_f32_slow(x: f32) -> f32 {
    nan_fix(x, cos_f32_slow_raw(x))
}

#[inline(always)]
fn cos_f32_slow_raw(x: f32) -> f32 {
    super::f64s::cos_f64_slow(x as f64) as f32
}

/// cos(x), any input.
#[inline(always)]
pub fn cos_f32(x: f32) -> f32 {
    if cos_f32_needs_slow(x) {
        cos_f32_slow(x)
    } else {
        cos_f32_fast(x)
    }
}

// The nice-to-have set in f32: evaluated with the f64 functions and rounded once (8 lanes under
// AVX-512 rather than 16, but within 0.5 ULP + a hair of the correctly rounded f32 result).

/// e^x - 1 via `expm1_f64`. Complete and branch-free (no slow path).
#[inline(always)]
pub fn expm1_f32(x: f32) -> f32 {
    super::expm1_f64(x as f64) as f32
}

/// 2^x via `exp2_f64`. Complete and branch-free (no slow path).
#[inline(always)]
pub fn exp2_f32(x: f32) -> f32 {
    super::exp2_f64(x as f64) as f32
}

/// log(1 + x) via `log1p_f64`. Complete and branch-free (no slow path).
#[inline(always)]
pub fn log1p_f32(x: f32) -> f32 {
    super::log1p_f64(x as f64) as f32
}

/// Base-2 logarithm via `log2_f64`. Complete and branch-free (no slow path).
#[inline(always)]
pub fn log2_f32(x: f32) -> f32 {
    super::log2_f64(x as f64) as f32
}

/// Base-10 logarithm via `log10_f64`. Complete and branch-free (no slow path).
#[inline(always)]
pub fn log10_f32(x: f32) -> f32 {
    super::log10_f64(x as f64) as f32
}

// tan: the f64 functions, rounded once to f32 (every f32 is exact in f64, and the f64 fast
// path covers |x| <= 2^24).

/// tan(x) for |x| <= 2^24 (and NaN); branch-free. See the module contract.
#[inline(always)]
pub fn tan_f32_fast(x: f32) -> f32 {
    super::f64s::tan_f64_fast(x as f64) as f32
}

/// Whether `tan_f32_fast(x)` may be wrong: huge |x| or ±inf.
#[inline(always)]
pub fn tan_f32_needs_slow(x: f32) -> bool {
    super::f64s::tan_f64_needs_slow(x as f64)
}

/// Scalar fallback for huge arguments: `tan_f64_slow`, rounded once.
#[inline(never)]
pub fn tan_f32_slow(x: f32) -> f32 {
    super::f64s::tan_f64_slow(x as f64) as f32
}

/// tan(x), any input.
#[inline(always)]
pub fn tan_f32(x: f32) -> f32 {
    if tan_f32_needs_slow(x) {
        tan_f32_slow(x)
    } else {
        tan_f32_fast(x)
    }
}

// atan, asin, acos, sinh, cosh and cbrt: the f64 functions, rounded once to f32 (every f32 is exact in
// f64, and an f64 result within ~1 f64 ULP rounds to within a hair of half an f32 ULP).
macro_rules! through_f64 {
    ($($name:ident => $f64:ident),*) => {$(
        #[inline(always)]
        pub fn $name(x: f32) -> f32 {
            super::$f64(x as f64) as f32
        }
    )*};
}
through_f64!(atan_f32 => atan_f64, asin_f32 => asin_f64, acos_f32 => acos_f64, sinh_f32 => sinh_f64, cosh_f32 => cosh_f64, cbrt_f32 => cbrt_f64);
