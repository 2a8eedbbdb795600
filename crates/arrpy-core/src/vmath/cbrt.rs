//! cbrt, branch-free (see the module contract).
//!
//! |x| = m 2^(3q) with m in [1, 8) (the exponent split by 3 with integer arithmetic), so
//! cbrt|x| = cbrt(m) 2^q exactly. cbrt(m): a cubic fit (1.8% error), two Halley steps (cubic
//! convergence: ~1e-16), then one Newton step whose residual y^3 - m is computed exactly
//! (double-double), which leaves ~0.5 ULP. Subnormals are scaled by 2^54 first.

use super::f64s::{horner, nan_in, pow2i, sel};

/// cbrt(x): odd, exact at 0 and ±inf, NaN in NaN out.
#[inline(always)]
pub fn cbrt_f64(x: f64) -> f64 {
    nan_in(x, cbrt_f64_raw(x))
}

#[inline(always)]
fn cbrt_f64_raw(x: f64) -> f64 {
    const MANTISSA: i64 = (1 << 52) - 1;
    let a = x.abs();
    let tiny = a < f64::MIN_POSITIVE;
    let bits = sel(tiny, a * 18014398509481984.0, a).to_bits() as i64; // 2^54
    let e = (bits >> 52) - 1023;
    // q = floor(e / 3) by multiply and shift (exact for 0 <= e + 3072 < 5000), r = e mod 3.
    let q = (((e + 3072) * 43691) >> 17) - 1024;
    let r = e - 3 * q;
    let m = f64::from_bits(((bits & MANTISSA) | ((1023 + r) << 52)) as u64);
    // A cubic fit of cbrt on [1, 8] (Chebyshev nodes), then two Halley steps.
    let mut y = horner!(m; 0.7214930403681992, 0.328879112387226, -0.034722365319867464,
        0.001713535559225225f64);
    for _ in 0..2 {
        let y3 = y * y * y;
        y -= y * (y3 - m) / y3.mul_add(2.0, m);
    }
    // Newton with the exact residual: y^3 as y3 + y3l, y3 - m exact (they agree to 1e-15).
    let y2 = y * y;
    let y2l = y.mul_add(y, -y2);
    let y3 = y2 * y;
    let y3l = y2.mul_add(y, -y3) + y2l * y;
    let y = y - ((y3 - m) + y3l) / (3.0 * y2);
    let res = y * pow2i(q - sel_i(tiny, 18, 0));
    // 0 and inf are their own cube roots; restore the sign.
    let res = sel(a == 0.0 || a == f64::INFINITY, a, res);
    sel(x.is_sign_negative(), -res, res)
}

#[inline(always)]
fn sel_i(c: bool, a: i64, b: i64) -> i64 {
    if c {
        a
    } else {
        b
    }
}
