//! Matrix times vector, `y = A·x`, for float32 and float64 when A's rows are contiguous (a
//! C-ordered matrix) on a CPU with AVX-512: one dot product per row, four rows at a time,
//! written with AVX-512 intrinsics (a portable loop was left scalar by the compiler, its
//! partial sums on the stack: 1 ns an element).
//!
//! The product reads each element of A once and does one multiply-add with it, so its speed
//! is the speed of streaming A. Four rows share each load of x, and each row keeps two
//! registers of partial sums (eight independent multiply-add chains, enough to cover the
//! latency of the fused multiply-add on two ports). Rows are shared out to threads: with A in
//! the last-level cache, two cores stream it about twice as fast as one.
//! faer's matrix-vector product measured 0.8–0.9 ms at 2000×2000 float64 on one thread (it
//! does not split a product this small), NumPy with OpenBLAS 0.3–0.45 ms.

use super::Product;
use crate::buffer::vec_with_capacity;
use crate::kernels::parallel;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

/// A product of at least this many elements of A is split across threads.
const THREADED_ELEMENTS: usize = 1 << 18;

/// Rows a backward walk takes forward at a time (the hardware prefetchers follow ascending
/// addresses best).
const ROW_BLOCK: usize = 32;

/// Whether the next product walks its rows backward.
static BACKWARD: AtomicBool = AtomicBool::new(false);

/// The real floats this kernel is written for: `dot_rows` compiled for AVX-512 per type.
pub(crate) trait RowDot: Copy + Send + Sync + 'static {
    /// `y[i] = Σ_q A[i, q]·x[q]` for each row `i` in `rows`; A's row `i` starts at `a + i·lda`.
    ///
    /// # Safety
    /// The CPU has AVX-512F; each row in `rows` addresses `x.len()` initialized elements of A;
    /// `y + i·ys` is writable for each row and read by no one else meanwhile.
    unsafe fn dot_rows(
        rows: Range<usize>,
        a: *const Self,
        lda: isize,
        x: &[Self],
        y: *mut Self,
        ys: isize,
    );
}

/// Whether `p` is a product this kernel takes: one column of result, rows of A contiguous, on
/// a CPU with AVX-512 (elsewhere faer's product runs).
pub(crate) fn applies<T>(p: &Product<T>) -> bool {
    p.m == 1 && p.a.cs == 1 && p.n >= 1 && p.k >= 1 && crate::kernels::cpu::has_avx512()
}

/// `p` (which `applies`) on up to `threads` threads; returns whether it used more than one.
/// Returns None when x's copy could not be allocated (the caller falls back).
///
/// # Safety
/// As `reference::matmul`.
pub(crate) unsafe fn gemv<T: RowDot>(p: Product<T>, threads: usize) -> Option<bool> {
    let Product { n, k, c, a, b, .. } = p;
    // x contiguous: a view of b's column, or a copy when it is strided.
    let copy;
    let x: &[T] = if b.rs == 1 {
        std::slice::from_raw_parts(b.ptr, k)
    } else {
        let mut v = vec_with_capacity(k).ok()?;
        v.extend((0..k).map(|q| b.get(q, 0)));
        copy = v;
        &copy
    };
    // Every other call walks its rows from the end, in blocks: a matrix about the size of the
    // last-level cache, streamed in the same order each time, evicts each line just before
    // the next call reads it; walked the other way, the next call starts on the lines the
    // last one read last. Each row's sum is the same either way.
    let backward = BACKWARD.fetch_xor(true, Ordering::Relaxed);
    let rows = |start: usize, end: usize| {
        // The whole `Mat`s are captured (they are Sync), not their pointer fields.
        let (a, c) = (a, c);
        // SAFETY: `applies` checked AVX-512; rows start..end of A lie inside it, each `k`
        // contiguous elements (cs == 1); each call writes only its own rows of the result.
        let block = |b: usize| unsafe {
            T::dot_rows(b..(b + ROW_BLOCK).min(end), a.ptr, a.rs, x, c.ptr, c.rs)
        };
        if backward {
            (start..end).step_by(ROW_BLOCK).rev().for_each(block);
        } else {
            (start..end).step_by(ROW_BLOCK).for_each(block);
        }
    };
    let split = threads > 1 && n >= 2 * threads && n.saturating_mul(k) >= THREADED_ELEMENTS;
    if split {
        let chunks = threads;
        parallel::share(chunks, |i| rows(i * n / chunks, (i + 1) * n / chunks));
    } else {
        rows(0, n);
    }
    Some(split)
}

// One `RowDot` per type: four rows at a time share each load of x (two registers of it), each
// row sums into two registers; the tail of each row is read with masked loads; a last block of
// fewer than four rows goes one row at a time.
macro_rules! row_dot_avx512 {
    ($t:ty, $lanes:expr, $mask:ty, $zero:ident, $load:ident, $load_masked:ident, $fma:ident, $add:ident, $reduce:ident) => {
        impl RowDot for $t {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f")]
            unsafe fn dot_rows(
                rows: Range<usize>,
                a: *const $t,
                lda: isize,
                x: &[$t],
                y: *mut $t,
                ys: isize,
            ) {
                use std::arch::x86_64::*;
                const L: usize = $lanes;
                let k = x.len();
                let xp = x.as_ptr();
                // Lanes of the tail chunk at `j` (fewer than L remain).
                let tail = |j: usize| -> $mask { (((1u64 << (k - j)) - 1) as $mask) };
                let mut i = rows.start;
                while i + 4 <= rows.end {
                    let r: [*const $t; 4] =
                        std::array::from_fn(|d| a.offset((i + d) as isize * lda));
                    let mut acc = [[$zero(); 2]; 4];
                    let mut j = 0;
                    while j + 2 * L <= k {
                        let x0 = $load(xp.add(j));
                        let x1 = $load(xp.add(j + L));
                        for d in 0..4 {
                            acc[d][0] = $fma($load(r[d].add(j)), x0, acc[d][0]);
                            acc[d][1] = $fma($load(r[d].add(j + L)), x1, acc[d][1]);
                        }
                        j += 2 * L;
                    }
                    while j < k {
                        let m = if j + L <= k { !0 } else { tail(j) };
                        let x0 = $load_masked(m, xp.add(j));
                        for d in 0..4 {
                            acc[d][0] = $fma($load_masked(m, r[d].add(j)), x0, acc[d][0]);
                        }
                        j += L;
                    }
                    for d in 0..4 {
                        *y.offset((i + d) as isize * ys) = $reduce($add(acc[d][0], acc[d][1]));
                    }
                    i += 4;
                }
                for i in i..rows.end {
                    let r = a.offset(i as isize * lda);
                    let mut acc = $zero();
                    let mut j = 0;
                    while j < k {
                        let m = if j + L <= k { !0 } else { tail(j) };
                        acc = $fma($load_masked(m, r.add(j)), $load_masked(m, xp.add(j)), acc);
                        j += L;
                    }
                    *y.offset(i as isize * ys) = $reduce(acc);
                }
            }

            #[cfg(not(target_arch = "x86_64"))]
            unsafe fn dot_rows(
                _: Range<usize>,
                _: *const $t,
                _: isize,
                _: &[$t],
                _: *mut $t,
                _: isize,
            ) {
                unreachable!("`applies` is false without AVX-512")
            }
        }
    };
}
row_dot_avx512!(
    f64,
    8,
    u8,
    _mm512_setzero_pd,
    _mm512_loadu_pd,
    _mm512_maskz_loadu_pd,
    _mm512_fmadd_pd,
    _mm512_add_pd,
    _mm512_reduce_add_pd
);
row_dot_avx512!(
    f32,
    16,
    u16,
    _mm512_setzero_ps,
    _mm512_loadu_ps,
    _mm512_maskz_loadu_ps,
    _mm512_fmadd_ps,
    _mm512_add_ps,
    _mm512_reduce_add_ps
);
