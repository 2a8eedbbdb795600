//! One matrix product per dtype at the simd and parallel tiers (`Gemm`): faer's for the float
//! and complex dtypes, the generic blocked loop for integers and bool.
//!
//! A C-ordered float matrix times a vector goes to `gemv` (four rows per pass over x, rows on
//! threads); other matrix-vector shapes stay with faer.
//!
//! faer takes each operand's row and column strides in elements, negative or zero included,
//! so strided, reversed, transposed and broadcast views go to it as they are. It picks its own
//! kernels by size (an unpacked small-matrix kernel up to 16×16×16, then packed AVX2/AVX-512
//! ones) and CPU, at run time.

use super::gemv::{self, RowDot};
use super::{blocked, Product};
use crate::dtype::element::Arith;
use crate::dtype::Element;
use crate::kernels::parallel;
use crate::BoolByte;
use faer::linalg::matmul::matmul as faer_matmul;
use faer::{Accum, MatMut, MatRef, Par};
use num_complex::{Complex32, Complex64};

pub(crate) trait Gemm: Arith + Element {
    /// The product `p` (each dimension at least 1) on up to `threads` threads; returns
    /// whether it split the work across threads (a kernel declines where that would not pay).
    ///
    /// # Safety
    /// As `reference::matmul`.
    unsafe fn gemm(p: Product<Self>, threads: usize) -> bool;
}

// Each dtype's product: `$kernel(p, threads)`.
macro_rules! gemm_by {
    ($kernel:path: $($t:ty),*) => {$(
        impl Gemm for $t {
            unsafe fn gemm(p: Product<Self>, threads: usize) -> bool {
                $kernel(p, threads)
            }
        }
    )*};
}
gemm_by!(by_rows_or_faer: f32, f64);
gemm_by!(by_faer: Complex32, Complex64);
gemm_by!(blocked::matmul: BoolByte, i8, i16, i32, i64, u8, u16, u32, u64);

/// faer splits one product across threads from this many multiply-adds: it enters arrpy's pool
/// through `parallel::install`, which costs 10-30 us. Measured: 64×64 by 64×64 took 34 us on
/// two threads against 6.6 us on one; 128×128 by 128×128 broke even.
const FAER_SPLIT_WORK: usize = 1 << 22;

/// `gemv` where it applies (and x's copy, if needed, could be had), else faer.
///
/// # Safety
/// As `Gemm::gemm`.
unsafe fn by_rows_or_faer<T: faer::traits::ComplexField + Arith + RowDot>(
    p: Product<T>,
    threads: usize,
) -> bool {
    if gemv::applies(&p) {
        if let Some(threaded) = gemv::gemv(p, threads) {
            return threaded;
        }
    }
    by_faer(p, threads)
}

/// faer's product, sequential or on arrpy's pool (faer's threads are rayon's, and run on the
/// pool that `parallel::install` makes current).
///
/// # Safety
/// As `Gemm::gemm`: faer's `from_raw_parts` conditions (every element addressed is
/// initialized, and C aliases nothing while the views live) are the caller's.
unsafe fn by_faer<T: faer::traits::ComplexField + Arith>(p: Product<T>, threads: usize) -> bool {
    let run = move |par: Par| {
        // The whole `Product` moves in (it is Send), not its pointer fields.
        let Product { n, k, m, c, a, b } = p;
        // SAFETY: the caller's conditions; n, k, m ≥ 1, so every pointer addresses an element.
        let (c, a, b) = unsafe {
            (
                MatMut::from_raw_parts_mut(c.ptr, n, m, c.rs, c.cs),
                MatRef::from_raw_parts(a.ptr as *const T, n, k, a.rs, a.cs),
                MatRef::from_raw_parts(b.ptr as *const T, k, m, b.rs, b.cs),
            )
        };
        faer_matmul(c, Accum::Replace, a, b, T::one(), par);
    };
    let split = threads > 1 && p.n.saturating_mul(p.k).saturating_mul(p.m) >= FAER_SPLIT_WORK;
    if split {
        parallel::install(|| run(Par::rayon(threads)));
    } else {
        run(Par::Seq);
    }
    split
}
