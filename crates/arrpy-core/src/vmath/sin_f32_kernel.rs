//! AVX-512 kernel for float32 sin: 16 inputs per step, widened to two vectors of f64 for the
//! range reduction (side by side, `Pair`), narrowed back to one vector of 16 f32 for the
//! polynomial. The previous form evaluated the polynomial in f64 too, 8 lanes per instruction;
//! the FMA units were its limit.
//!
//! Inputs that `sin_f32_fast` does not cover (|x| > 2^20, infinities, NaN) are recomputed with
//! the complete `sin_f32`, which also makes the separate scan for them unnecessary.

use super::f32s::sin_f32;

/// `out[i] = sin_f32(x[i])` for `n` contiguous elements with the AVX-512 kernel: whether a result
/// is infinite or NaN, or `None` (nothing written) where the CPU lacks AVX-512F/DQ.
///
/// # Safety
/// `x` is valid for `n` reads and `out` for `n` writes (alignment not needed); `out` is either
/// `x` itself or does not overlap it.
pub unsafe fn sin_f32_run(n: usize, x: *const f32, out: *mut f32) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: the caller's conditions are `run`'s.
    return unsafe { super::lanes::avx512::run(n, x, out, avx512::sin_run, sin_f32) };
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (n, x, out);
        None
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::sin_f32;
    use crate::vmath::f32s::{sin_f32_reduce, sin_poly_f32, TRIG_LIMIT};
    use crate::vmath::lanes::avx512::{non_finite_ps, F32x16, F64x8};
    use crate::vmath::lanes::Pair;
    use std::arch::x86_64::*;

    /// The kernel: `sin_f32_fast`'s steps for 16 lanes (reduction in f64, sign flip from kd's
    /// lowest bit, rounding to f32, the f32 polynomial, sin ±0 = ±0), then `sin_f32` for the
    /// lanes outside |x| <= 2^20. Returns how many elements it did (whole vectors; `run` does
    /// the rest) and whether a result is infinite or NaN, which only those lanes can give.
    ///
    /// # Safety
    /// AVX-512F and AVX-512DQ present; pointers as `sin_f32_run`. Each vector is loaded before
    /// its result is stored, so `out == x` is fine.
    #[target_feature(enable = "avx512f,avx512dq")]
    pub(super) unsafe fn sin_run(n: usize, x: *const f32, out: *mut f32) -> (usize, bool) {
        let (mut i, mut found) = (0, false);
        while i + 16 <= n {
            // SAFETY: i + 16 <= n elements lie inside both runs.
            let v = unsafe { _mm512_loadu_ps(x.add(i)) };
            let fast =
                _mm512_cmp_ps_mask::<_CMP_LE_OQ>(_mm512_abs_ps(v), _mm512_set1_ps(TRIG_LIMIT));
            let lo = F64x8(_mm512_cvtps_pd(_mm512_castps512_ps256(v)));
            let hi = F64x8(_mm512_cvtps_pd(_mm512_extractf32x8_ps::<1>(v)));
            let (r, kd) = sin_f32_reduce(Pair(lo, hi));
            let signed = |r: F64x8, kd: F64x8| {
                let flip = _mm512_slli_epi64::<63>(_mm512_castpd_si512(kd.0));
                let bits = _mm512_xor_si512(_mm512_castpd_si512(r.0), flip);
                _mm512_cvtpd_ps(_mm512_castsi512_pd(bits))
            };
            let r = _mm512_insertf32x8::<1>(
                _mm512_castps256_ps512(signed(r.0, kd.0)),
                signed(r.1, kd.1),
            );
            let res = sin_poly_f32(F32x16(r)).0;
            let zero = _mm512_cmp_ps_mask::<_CMP_EQ_OQ>(v, _mm512_setzero_ps());
            let res = _mm512_mask_mov_ps(res, zero, v);
            if fast == 0xffff {
                // SAFETY: as the load.
                unsafe { _mm512_storeu_ps(out.add(i), res) };
            } else {
                let mut xs = [0.0f32; 16];
                let mut rs = [0.0f32; 16];
                // SAFETY: 16 floats each, local arrays.
                unsafe {
                    _mm512_storeu_ps(xs.as_mut_ptr(), v);
                    _mm512_storeu_ps(rs.as_mut_ptr(), res);
                }
                for l in 0..16 {
                    if fast & (1 << l) == 0 {
                        rs[l] = sin_f32(xs[l]);
                    }
                }
                // SAFETY: 16 floats, a local array.
                let res = unsafe { _mm512_loadu_ps(rs.as_ptr()) };
                found |= non_finite_ps(res);
                // SAFETY: as the load.
                unsafe { _mm512_storeu_ps(out.add(i), res) };
            }
            i += 16;
        }
        (i, found)
    }
}
