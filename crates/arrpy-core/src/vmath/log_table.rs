//! Table-driven float64 natural logarithm, with an AVX-512 kernel that keeps the table in
//! registers.
//!
//! x = 2^k * z with z in [0.703125, 1.40625). The top four mantissa bits of `bits(x) - OFF`
//! pick one of 16 subintervals of z, each with a point c near its middle (c = 1 exactly for the
//! one holding 1, so there is no cancellation near x = 1):
//!
//! log x = k ln2 + log c + log1p(r),  r = z/c - 1 = z * invc - 1 (one rounding, by FMA),
//! |r| <= 0.0313, log1p(r) = r + r^2 P(r) with P of degree 7.
//!
//! Two tables of 16 entries fit in four vector registers, so the AVX-512 kernel looks them up
//! with `vpermt2pd` (a gather would cost more than the whole polynomial). No division: the
//! previous form, log1p(f) = 2 atanh(f / (2 + f)), spent a third of its time waiting on the
//! divider. The constants come from `tools/gen_log_table.py` (mpmath). Accuracy: measured
//! maximum 1 ULP (see `vmath/tests.rs`).
//!
//! The arithmetic is written once, in `log_core`, generic over the lane type (`lanes.rs`): the
//! scalar function and the AVX-512 kernel give bit-identical results.

use super::f64s::{int_to_f64, log_special, LN2_HEAD, LN2_TAIL};
use super::lanes::Lanes;

/// `bits(x) - OFF` has the subinterval index in its top mantissa bits and k in its exponent.
const OFF: i64 = 0x3fe6800000000000;
/// 1/c per subinterval (see `tools/gen_log_table.py`).
const INVC: [u64; 16] = [
    0x3ff642c6efab8707,
    0x3ff555564a55106d,
    0x3ff47ae0732e503f,
    0x3ff3b13ae5f147f2,
    0x3ff2f68594a0f2f0,
    0x3ff249258c08de54,
    0x3ff1a7b8509ac83a,
    0x3ff11111bc50e0e7,
    0x3ff08421bf21dd15,
    0x3ff0000000000000,
    0x3fee1e1cec7e7413,
    0x3fec71c6c3b1e012,
    0x3feaf28812814f01,
    0x3fe9999a5c1962e6,
    0x3fe8618748613098,
    0x3fe745d2e21cb068,
];
/// log c = -log(invc), rounded (each within 3e-4 ulp of the exact value).
const LOGC: [u64; 16] = [
    0xbfd522a9f845a71b,
    0xbfd26964f033fc5d,
    0xbfcf99173c950e19,
    0xbfca93ec132b2c2f,
    0xbfc5bf4616928563,
    0xbfc117955665ca25,
    0xbfb9334eee1d29b5,
    0xbfb085a2be5b3538,
    0xbfa04173af008f36,
    0x0000000000000000,
    0x3faf0a450bac145d,
    0x3fbe270a8cea1722,
    0x3fc5ff2a18c184cc,
    0x3fcc8ff3fb1bba12,
    0x3fd167598dac99ee,
    0x3fd46187d44d9884,
];
/// P(r) ~ (log1p(r) - r) / r^2 on r in [-0.0295, 0.0313] (error < 6e-16).
const P: [u64; 8] = [
    0xbfdffffffffffff6,
    0x3fd55555555557cc,
    0xbfd0000000053796,
    0x3fc9999998ceec9a,
    0xbfc5555476ab4fa1,
    0x3fc2492c3c3137c0,
    0xbfc005f5ce37ce2e,
    0x3fbc4ca42a118cb8,
];

#[inline(always)]
const fn f(bits: u64) -> f64 {
    f64::from_bits(bits)
}

/// k ln2 + log c + log1p(z * invc - 1), for z in c's subinterval and integer-valued kd.
#[inline(always)]
fn log_core<V: Lanes<E = f64>>(z: V, kd: V, invc: V, logc: V) -> V {
    let c = |i: usize| V::splat(f(P[i]));
    let r = z.fma(invc, V::splat(-1.0));
    // hi + (e1 + e2) = k*LN2_HEAD + log c + r exactly: k*LN2_HEAD is exact (32-bit head, |k| <
    // 2^11), and both sums are Fast2Sum steps (|a| >= |log c| unless a = 0; |w| >= |r| unless
    // w = 0, by the table's layout).
    let a = kd * V::splat(LN2_HEAD);
    let w = a + logc;
    let e1 = (a - w) + logc;
    let hi = w + r;
    let e2 = (w - hi) + r;
    let r2 = r * r;
    let p = r
        .fma(c(7), c(6))
        .fma(r, c(5))
        .fma(r, c(4))
        .fma(r, c(3))
        .fma(r, c(2))
        .fma(r, c(1))
        .fma(r, c(0));
    let lo = kd.fma(V::splat(LN2_TAIL), e1 + e2);
    hi + r2.fma(p, lo)
}

/// Natural logarithm, any input: subnormals are scaled into the normal range first, and
/// log(±0) = -inf, log(x < 0) = NaN, log(NaN) = NaN, log(+inf) = +inf.
#[inline(always)]
pub fn log_f64(x: f64) -> f64 {
    let sub = x < f64::MIN_POSITIVE;
    let xs = if sub { x * TWO54 } else { x };
    let ix = xs.to_bits() as i64;
    let tmp = ix.wrapping_sub(OFF);
    let i = ((tmp >> 48) & 15) as usize;
    let k = (tmp >> 52).wrapping_sub(if sub { 54 } else { 0 });
    let z = f64::from_bits(ix.wrapping_sub(tmp & (0xfff << 52)) as u64);
    let res = log_core(z, int_to_f64(k), f(INVC[i]), f(LOGC[i]));
    log_special(x, res)
}

const TWO54: f64 = 18014398509481984.0;

/// `out[i] = log_f64(x[i])` for `n` contiguous elements with the AVX-512 kernel: whether a result
/// is infinite or NaN, or `None` (nothing written) where the CPU lacks AVX-512F/DQ.
///
/// # Safety
/// `x` is valid for `n` reads and `out` for `n` writes (alignment not needed); `out` is either
/// `x` itself or does not overlap it.
pub unsafe fn log_f64_run(n: usize, x: *const f64, out: *mut f64) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: the caller's conditions are `run`'s.
    return unsafe { super::lanes::avx512::run(n, x, out, avx512::log_run, log_f64) };
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (n, x, out);
        None
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::*;
    use crate::vmath::lanes::avx512::{non_finite_pd, table, F64x8};
    use std::arch::x86_64::*;

    /// The kernel. Per vector of 8: if every lane is a positive normal finite number (the
    /// common case), the lookup and `log_core`; otherwise the same steps with `log_f64`'s
    /// subnormal scaling and special-value selects, as masks. Returns how many elements it
    /// did (whole vectors; `run` does the rest) and whether a result is infinite or NaN, which
    /// only such a vector can give.
    ///
    /// # Safety
    /// AVX-512F and AVX-512DQ present; pointers as `log_f64_run`. Each vector is loaded before
    /// its result is stored, so `out == x` is fine.
    #[target_feature(enable = "avx512f,avx512dq")]
    pub(super) unsafe fn log_run(n: usize, x: *const f64, out: *mut f64) -> (usize, bool) {
        let (invc_lo, invc_hi) = table(&INVC);
        let (logc_lo, logc_hi) = table(&LOGC);
        let min_normal = _mm512_set1_epi64(f64::MIN_POSITIVE.to_bits() as i64);
        let normal_span =
            _mm512_set1_epi64((f64::INFINITY.to_bits() - f64::MIN_POSITIVE.to_bits()) as i64);
        let off = _mm512_set1_epi64(OFF);
        let exp_mask = _mm512_set1_epi64(0xfff << 52);
        let (mut i, mut found) = (0, false);
        while i + 8 <= n {
            // SAFETY: i + 8 <= n elements lie inside both runs.
            let v = unsafe { _mm512_loadu_pd(x.add(i)) };
            let bits = _mm512_castpd_si512(v);
            // Lanes that are not positive normal finite numbers (unsigned compare after the
            // shift: zero, subnormals, negatives, infinities and NaNs all land at or above).
            let odd = _mm512_cmpge_epu64_mask(_mm512_sub_epi64(bits, min_normal), normal_span);
            let (sub, ix) = if odd == 0 {
                (0, bits)
            } else {
                let sub = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(v, _mm512_set1_pd(f64::MIN_POSITIVE));
                let scaled = _mm512_mask_mul_pd(v, sub, v, _mm512_set1_pd(TWO54));
                (sub, _mm512_castpd_si512(scaled))
            };
            let tmp = _mm512_sub_epi64(ix, off);
            let k = _mm512_srai_epi64::<52>(tmp);
            let k = _mm512_mask_sub_epi64(k, sub, k, _mm512_set1_epi64(54));
            // vpermt2pd reads the low four bits of each index: the subinterval.
            let idx = _mm512_srli_epi64::<48>(tmp);
            let z = _mm512_castsi512_pd(_mm512_sub_epi64(ix, _mm512_and_si512(tmp, exp_mask)));
            let invc = _mm512_permutex2var_pd(invc_lo, idx, invc_hi);
            let logc = _mm512_permutex2var_pd(logc_lo, idx, logc_hi);
            let kd = _mm512_cvtepi64_pd(k);
            let mut res = log_core(F64x8(z), F64x8(kd), F64x8(invc), F64x8(logc)).0;
            if odd != 0 {
                // `log_special`'s selects, in its order.
                let inf = _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(v, _mm512_set1_pd(f64::INFINITY));
                res = _mm512_mask_mov_pd(res, inf, _mm512_set1_pd(f64::INFINITY));
                let nonneg = _mm512_cmp_pd_mask::<_CMP_GE_OQ>(v, _mm512_setzero_pd());
                res = _mm512_mask_mov_pd(_mm512_set1_pd(f64::NAN), nonneg, res);
                let zero = _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(v, _mm512_setzero_pd());
                res = _mm512_mask_mov_pd(res, zero, _mm512_set1_pd(f64::NEG_INFINITY));
                found |= non_finite_pd(res);
            }
            // SAFETY: as the load.
            unsafe { _mm512_storeu_pd(out.add(i), res) };
            i += 8;
        }
        (i, found)
    }
}
