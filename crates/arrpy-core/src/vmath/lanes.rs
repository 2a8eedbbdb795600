//! The lane types the table-driven kernels (`log_table.rs`, `exp_table.rs`) are written over:
//! `f64` for the scalar function and, on x86-64, eight AVX-512 lanes. One generic function per
//! kernel performs the same operations in the same order on both, so the scalar function (the
//! reference tier, other CPUs, odd elements) and the vector kernel give bit-identical results.

use std::ops::{Add, Mul, Sub};

/// What the generic kernels need of a lane type: IEEE add, sub, mul and a fused multiply-add.
pub(super) trait Lanes:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self>
{
    fn splat(v: f64) -> Self;
    fn fma(self, b: Self, c: Self) -> Self;
}

impl Lanes for f64 {
    #[inline(always)]
    fn splat(v: f64) -> Self {
        v
    }
    #[inline(always)]
    fn fma(self, b: Self, c: Self) -> Self {
        self.mul_add(b, c)
    }
}

#[cfg(target_arch = "x86_64")]
pub(super) mod avx512 {
    use super::Lanes;
    use std::arch::x86_64::*;
    use std::ops::{Add, Mul, Sub};

    /// Whether the CPU has what the AVX-512 kernels use (F and DQ).
    pub(in crate::vmath) fn available() -> bool {
        static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *AVAILABLE.get_or_init(|| {
            is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("avx512dq")
        })
    }

    /// Eight f64 lanes. Each operation is an `inline(always)` wrapper of one instruction, for
    /// use only inside `#[target_feature(enable = "avx512f")]` kernels, whose features it
    /// inherits when inlined (every caller checks `available()` first).
    #[derive(Copy, Clone)]
    pub(in crate::vmath) struct F64x8(pub __m512d);

    impl Add for F64x8 {
        type Output = Self;
        #[inline(always)]
        fn add(self, b: Self) -> Self {
            // SAFETY: only reached from AVX-512 kernels (see the type's documentation).
            Self(unsafe { _mm512_add_pd(self.0, b.0) })
        }
    }
    impl Sub for F64x8 {
        type Output = Self;
        #[inline(always)]
        fn sub(self, b: Self) -> Self {
            // SAFETY: as `add`.
            Self(unsafe { _mm512_sub_pd(self.0, b.0) })
        }
    }
    impl Mul for F64x8 {
        type Output = Self;
        #[inline(always)]
        fn mul(self, b: Self) -> Self {
            // SAFETY: as `add`.
            Self(unsafe { _mm512_mul_pd(self.0, b.0) })
        }
    }
    impl Lanes for F64x8 {
        #[inline(always)]
        fn splat(v: f64) -> Self {
            // SAFETY: as `add`.
            Self(unsafe { _mm512_set1_pd(v) })
        }
        #[inline(always)]
        fn fma(self, b: Self, c: Self) -> Self {
            // SAFETY: as `add`.
            Self(unsafe { _mm512_fmadd_pd(self.0, b.0, c.0) })
        }
    }
}
