//! Table-driven float64 exponential, with an AVX-512 kernel that keeps the table in registers.
//!
//! x = (16k + j) ln2/16 + r with |r| <= ln2/32, so e^x = 2^k * 2^(j/16) * e^r. The 16 values
//! 2^(j/16) are double-doubles (T_HI + T_LO, both tables fit in four vector registers and are
//! looked up with `vpermt2pd`), and e^r - 1 = r + r^2 Q(r) with Q of degree 5: 7 FMAs where the
//! table-free form (|r| <= ln2/2) needed a degree-13 polynomial. Constants from
//! `tools/gen_vmath_tables.py` (mpmath). Written once over the lane type (`lanes.rs`), so the
//! scalar function and the AVX-512 kernel give the same bits.

use super::f64s::{nan_in, pow2i, shifted_int, LN2_HI, LN2_LO, SHIFT};
use super::lanes::Lanes;

/// 16 / ln 2, and ln2/16 in two parts (exact divisions of LN2_HI and LN2_LO).
const N_LOG2E: f64 = 23.083120654223414;
const LN2_16_HI: f64 = LN2_HI / 16.0;
const LN2_16_LO: f64 = LN2_LO / 16.0;
/// 2^(j/16) rounded, and the rest of it.
const T_HI: [u64; 16] = [
    0x3ff0000000000000,
    0x3ff0b5586cf9890f,
    0x3ff172b83c7d517b,
    0x3ff2387a6e756238,
    0x3ff306fe0a31b715,
    0x3ff3dea64c123422,
    0x3ff4bfdad5362a27,
    0x3ff5ab07dd485429,
    0x3ff6a09e667f3bcd,
    0x3ff7a11473eb0187,
    0x3ff8ace5422aa0db,
    0x3ff9c49182a3f090,
    0x3ffae89f995ad3ad,
    0x3ffc199bdd85529c,
    0x3ffd5818dcfba487,
    0x3ffea4afa2a490da,
];
const T_LO: [u64; 16] = [
    0x0000000000000000,
    0x3c98a62e4adc610b,
    0xbc819041b9d78a76,
    0x3c99b07eb6c70573,
    0x3c86f46ad23182e4,
    0x3c8ada0911f09ebc,
    0x3c7d4397afec42e2,
    0x3c96324c054647ad,
    0xbc9bdd3413b26456,
    0xbc841577ee04992f,
    0x3c96e9f156864b27,
    0x3c7c7c46b071f2be,
    0x3c97a1cd345dcc81,
    0x3c811065895048dd,
    0x3c82ed02d75b3707,
    0xbc9e9c23179c2893,
];
/// Q(r) ~ (e^r - 1 - r) / r^2 for |r| <= 0.0217 (1 + r + r^2 Q within 5e-20 relative of e^r).
const Q: [u64; 6] = [
    0x3fe0000000000001,
    0x3fc5555555555556,
    0x3fa55555554e8688,
    0x3f811111110e0a7d,
    0x3f56c17ee8026b6d,
    0x3f2a01b0d40156a0,
];
/// Inputs whose results are normal numbers (|x| < 708): the kernel's fast path.
const NORMAL_RANGE: f64 = 708.0;

#[inline(always)]
const fn f(bits: u64) -> f64 {
    f64::from_bits(bits)
}

/// 2^(j/16) * e^r for kd = n + SHIFT (n = 16k + j) and r = x - n ln2/16: a number in
/// [0.98, 2] that the caller scales by 2^k.
#[inline(always)]
fn exp_core<V: Lanes<E = f64>>(x: V, kd: V, t_hi: V, t_lo: V) -> V {
    let c = |i: usize| V::splat(f(Q[i]));
    let n = kd - V::splat(SHIFT);
    let r = n.fma(V::splat(-LN2_16_HI), x);
    let r = n.fma(V::splat(-LN2_16_LO), r);
    let q = r
        .fma(c(5), c(4))
        .fma(r, c(3))
        .fma(r, c(2))
        .fma(r, c(1))
        .fma(r, c(0));
    let p = (r * r).fma(q, r);
    t_hi + t_hi.fma(p, t_lo)
}

/// e^x, any input. Clamping keeps k in [-1077, 1024]; the results saturate to 0 / inf on their
/// own. The scaling by 2^k takes two exact-or-final steps, so subnormal results round once.
#[inline(always)]
pub fn exp_f64(x: f64) -> f64 {
    let xc = if x > 710.0 { 710.0 } else { x };
    let xc = if xc < -746.0 { -746.0 } else { xc };
    let kd = xc.mul_add(N_LOG2E, SHIFT);
    let j = (kd.to_bits() & 15) as usize;
    let k = shifted_int(kd) >> 4;
    let e = exp_core(xc, kd, f(T_HI[j]), f(T_LO[j]));
    let k1 = k >> 1;
    let res = e * pow2i(k1) * pow2i(k.wrapping_sub(k1));
    nan_in(x, res)
}

/// `out[i] = exp_f64(x[i])` for `n` contiguous elements with the AVX-512 kernel: whether a result
/// is infinite or NaN, or `None` (nothing written) where the CPU lacks AVX-512F/DQ.
///
/// # Safety
/// `x` is valid for `n` reads and `out` for `n` writes (alignment not needed); `out` is either
/// `x` itself or does not overlap it.
pub unsafe fn exp_f64_run(n: usize, x: *const f64, out: *mut f64) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: the caller's conditions are `run`'s.
    return unsafe { super::lanes::avx512::run(n, x, out, avx512::exp_run, exp_f64) };
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

    /// The kernel. Per vector of 8: if every |x| < 708 (the common case), the lookup,
    /// `exp_core` and 2^k added to the exponent bits (exact: the results are normal);
    /// otherwise `exp_f64`'s clamps, two-step scaling and NaN rule, as masks. Returns how
    /// many elements it did (whole vectors; `run` does the rest) and whether a result is
    /// infinite or NaN, which only such a vector can give.
    ///
    /// # Safety
    /// AVX-512F and AVX-512DQ present; pointers as `exp_f64_run`. Each vector is loaded before
    /// its result is stored, so `out == x` is fine.
    #[target_feature(enable = "avx512f,avx512dq")]
    pub(super) unsafe fn exp_run(n: usize, x: *const f64, out: *mut f64) -> (usize, bool) {
        let (hi_lo, hi_hi) = table(&T_HI);
        let (lo_lo, lo_hi) = table(&T_LO);
        let shift_bits = _mm512_set1_epi64(SHIFT.to_bits() as i64);
        let pow2 = |k: __m512i| {
            _mm512_castsi512_pd(_mm512_slli_epi64::<52>(_mm512_add_epi64(
                k,
                _mm512_set1_epi64(1023),
            )))
        };
        let (mut i, mut found) = (0, false);
        while i + 8 <= n {
            // SAFETY: i + 8 <= n elements lie inside both runs.
            let v = unsafe { _mm512_loadu_pd(x.add(i)) };
            let normal =
                _mm512_cmp_pd_mask::<_CMP_LT_OQ>(_mm512_abs_pd(v), _mm512_set1_pd(NORMAL_RANGE));
            let odd = normal != 0xff;
            let mut xc = v;
            if odd {
                let big = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(xc, _mm512_set1_pd(710.0));
                xc = _mm512_mask_mov_pd(xc, big, _mm512_set1_pd(710.0));
                let small = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(xc, _mm512_set1_pd(-746.0));
                xc = _mm512_mask_mov_pd(xc, small, _mm512_set1_pd(-746.0));
            }
            let kd = _mm512_fmadd_pd(xc, _mm512_set1_pd(N_LOG2E), _mm512_set1_pd(SHIFT));
            // vpermt2pd reads the low four bits of each index: j.
            let idx = _mm512_castpd_si512(kd);
            let t_hi = _mm512_permutex2var_pd(hi_lo, idx, hi_hi);
            let t_lo = _mm512_permutex2var_pd(lo_lo, idx, lo_hi);
            let e = exp_core(F64x8(xc), F64x8(kd), F64x8(t_hi), F64x8(t_lo)).0;
            let k = _mm512_srai_epi64::<4>(_mm512_sub_epi64(idx, shift_bits));
            let res = if !odd {
                let bits = _mm512_add_epi64(_mm512_castpd_si512(e), _mm512_slli_epi64::<52>(k));
                _mm512_castsi512_pd(bits)
            } else {
                let k1 = _mm512_srai_epi64::<1>(k);
                let k2 = _mm512_sub_epi64(k, k1);
                let res = _mm512_mul_pd(_mm512_mul_pd(e, pow2(k1)), pow2(k2));
                // `nan_in`: a NaN input comes back quieted (x + x).
                let nan = _mm512_cmp_pd_mask::<_CMP_UNORD_Q>(v, v);
                let res = _mm512_mask_add_pd(res, nan, v, v);
                found |= non_finite_pd(res);
                res
            };
            // SAFETY: as the load.
            unsafe { _mm512_storeu_pd(out.add(i), res) };
            i += 8;
        }
        (i, found)
    }
}
