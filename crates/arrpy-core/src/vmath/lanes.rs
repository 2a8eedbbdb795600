//! The lane types the hand-vectorized kernels (`log_table.rs`, `exp_table.rs`,
//! `sin_f32_kernel.rs`) are written over: `f64`/`f32` for the scalar function and, on x86-64,
//! AVX-512 vectors. One generic function per
//! kernel performs the same operations in the same order on both, so the scalar function (the
//! reference tier, other CPUs, odd elements) and the vector kernel give bit-identical results.

use std::ops::{Add, Mul, Sub};

/// What the generic kernels need of a lane type: IEEE add, sub, mul and a fused multiply-add,
/// on lanes of `E` (f64 or f32).
pub(super) trait Lanes:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self>
{
    type E;
    fn splat(v: Self::E) -> Self;
    fn fma(self, b: Self, c: Self) -> Self;
}

macro_rules! scalar_lanes {
    ($($t:ty),*) => {$(
        impl Lanes for $t {
            type E = $t;
            #[inline(always)]
            fn splat(v: $t) -> Self {
                v
            }
            #[inline(always)]
            fn fma(self, b: Self, c: Self) -> Self {
                self.mul_add(b, c)
            }
        }
    )*};
}
scalar_lanes!(f64, f32);

/// Two lane groups computed side by side: every operation is issued for both before the next,
/// so their dependency chains overlap (one long polynomial chain alone leaves the core waiting
/// on latency).
#[derive(Copy, Clone)]
pub(super) struct Pair<V>(pub V, pub V);

impl<V: Lanes<E: Copy>> Add for Pair<V> {
    type Output = Self;
    #[inline(always)]
    fn add(self, b: Self) -> Self {
        Pair(self.0 + b.0, self.1 + b.1)
    }
}
impl<V: Lanes<E: Copy>> Sub for Pair<V> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, b: Self) -> Self {
        Pair(self.0 - b.0, self.1 - b.1)
    }
}
impl<V: Lanes<E: Copy>> Mul for Pair<V> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, b: Self) -> Self {
        Pair(self.0 * b.0, self.1 * b.1)
    }
}
impl<V: Lanes<E: Copy>> Lanes for Pair<V> {
    type E = V::E;
    #[inline(always)]
    fn splat(v: V::E) -> Self {
        Pair(V::splat(v), V::splat(v))
    }
    #[inline(always)]
    fn fma(self, b: Self, c: Self) -> Self {
        Pair(self.0.fma(b.0, c.0), self.1.fma(b.1, c.1))
    }
}

/// Whether this CPU runs the hand-vectorized kernels (`*_run` return true).
pub fn vector_kernels() -> bool {
    #[cfg(target_arch = "x86_64")]
    return crate::kernels::cpu::has_avx512();
    #[cfg(not(target_arch = "x86_64"))]
    false
}

#[cfg(target_arch = "x86_64")]
pub(super) mod avx512 {
    use super::Lanes;
    use std::arch::x86_64::*;
    use std::ops::{Add, Mul, Sub};

    /// The body of every `*_run` entry point: `kernel` over the run's whole vectors, `scalar`
    /// over the elements left. Returns whether a result is infinite or NaN (the floating-point
    /// check, from the kernel's own special-case path), or `None`, with nothing written, where
    /// the CPU lacks AVX-512F/DQ.
    ///
    /// # Safety
    /// `x` is valid for `n` reads and `out` for `n` writes (alignment not needed); `out` is
    /// either `x` itself or does not overlap it. `kernel` needs AVX-512F/DQ and those pointer
    /// conditions, computes `scalar` on a prefix of the run and returns the prefix's length
    /// and whether a result in it is infinite or NaN.
    pub(in crate::vmath) unsafe fn run<T: crate::fp_status::FpValue>(
        n: usize,
        x: *const T,
        out: *mut T,
        kernel: unsafe fn(usize, *const T, *mut T) -> (usize, bool),
        scalar: fn(T) -> T,
    ) -> Option<bool> {
        if !crate::kernels::cpu::has_avx512() {
            return None;
        }
        // SAFETY: the CPU has the features; the pointer conditions are the caller's.
        let (done, mut found) = unsafe { kernel(n, x, out) };
        for i in done..n {
            // SAFETY: i < n (unaligned accesses: the runs may come from a foreign buffer).
            let r = scalar(unsafe { x.add(i).read_unaligned() });
            found |= !r.is_finite_value();
            unsafe { out.add(i).write_unaligned(r) };
        }
        Some(found)
    }

    /// Whether a lane of `v` is infinite or NaN (`vfpclasspd`: ±inf, quiet and signaling NaN).
    #[inline(always)]
    pub(in crate::vmath) fn non_finite_pd(v: __m512d) -> bool {
        // SAFETY: only inside AVX-512F/DQ kernels, like the lane types below.
        unsafe { _mm512_fpclass_pd_mask::<0x99>(v) != 0 }
    }

    /// As `non_finite_pd` for 16 f32 lanes.
    #[inline(always)]
    pub(in crate::vmath) fn non_finite_ps(v: __m512) -> bool {
        // SAFETY: as `non_finite_pd`.
        unsafe { _mm512_fpclass_ps_mask::<0x99>(v) != 0 }
    }

    /// A 16-entry table of f64 bit patterns as two vectors, for `vpermt2pd` lookups.
    #[inline(always)]
    pub(in crate::vmath) fn table(t: &[u64; 16]) -> (__m512d, __m512d) {
        // SAFETY: 8 + 8 of the table's 16 entries (f64 and u64 have the same size); only used
        // inside AVX-512 kernels, like the lane types below.
        unsafe {
            let p = t.as_ptr().cast::<f64>();
            (_mm512_loadu_pd(p), _mm512_loadu_pd(p.add(8)))
        }
    }

    /// AVX-512 lane types. Each operation is an `inline(always)` wrapper of one instruction,
    /// for use only inside `#[target_feature(enable = "avx512f")]` kernels, whose features it
    /// inherits when inlined (every caller checks `has_avx512()` first).
    macro_rules! vector_lanes {
        ($name:ident, $reg:ty, $e:ty, $add:ident, $sub:ident, $mul:ident, $set1:ident, $fmadd:ident) => {
            #[derive(Copy, Clone)]
            pub(in crate::vmath) struct $name(pub $reg);

            impl Add for $name {
                type Output = Self;
                #[inline(always)]
                fn add(self, b: Self) -> Self {
                    // SAFETY: only reached from AVX-512 kernels (see above).
                    Self(unsafe { $add(self.0, b.0) })
                }
            }
            impl Sub for $name {
                type Output = Self;
                #[inline(always)]
                fn sub(self, b: Self) -> Self {
                    // SAFETY: as `add`.
                    Self(unsafe { $sub(self.0, b.0) })
                }
            }
            impl Mul for $name {
                type Output = Self;
                #[inline(always)]
                fn mul(self, b: Self) -> Self {
                    // SAFETY: as `add`.
                    Self(unsafe { $mul(self.0, b.0) })
                }
            }
            impl Lanes for $name {
                type E = $e;
                #[inline(always)]
                fn splat(v: $e) -> Self {
                    // SAFETY: as `add`.
                    Self(unsafe { $set1(v) })
                }
                #[inline(always)]
                fn fma(self, b: Self, c: Self) -> Self {
                    // SAFETY: as `add`.
                    Self(unsafe { $fmadd(self.0, b.0, c.0) })
                }
            }
        };
    }
    vector_lanes!(
        F64x8,
        __m512d,
        f64,
        _mm512_add_pd,
        _mm512_sub_pd,
        _mm512_mul_pd,
        _mm512_set1_pd,
        _mm512_fmadd_pd
    );
    vector_lanes!(
        F32x16,
        __m512,
        f32,
        _mm512_add_ps,
        _mm512_sub_ps,
        _mm512_mul_ps,
        _mm512_set1_ps,
        _mm512_fmadd_ps
    );
}
