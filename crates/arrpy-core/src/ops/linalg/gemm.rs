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

/// From this many multiply-adds (below `FAER_SPLIT_WORK`) arrpy splits C itself: one block of
/// rows (or columns) per thread, each a sequential faer product, shared out by
/// `parallel::share`, which costs a wake-up where faer's split costs a trip through the pool.
/// At 128×128 by 128×128 one thread was 1.2–1.4× NumPy's two.
const SHARED_SPLIT_WORK: usize = 1 << 20;

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
    // The whole `Product` moves into each closure (it is Send and Sync), not its pointer fields.
    // SAFETY (all three calls): the caller's conditions; a block is a part of the product.
    let work = p.n.saturating_mul(p.k).saturating_mul(p.m);
    if threads > 1 && work >= FAER_SPLIT_WORK {
        parallel::install(|| unsafe { faer_product(p, Par::rayon(threads)) });
        return true;
    }
    let blocks = threads.min(p.n.max(p.m));
    if blocks > 1 && work >= SHARED_SPLIT_WORK {
        parallel::share(blocks, |i| unsafe {
            faer_product(block_of(p, i, blocks), Par::Seq)
        });
        return true;
    }
    faer_product(p, Par::Seq);
    false
}

/// `C = A·B` by faer with parallelism `par`.
///
/// # Safety
/// As `by_faer`, and each dimension of `p` is at least 1.
unsafe fn faer_product<T: faer::traits::ComplexField + Arith>(p: Product<T>, par: Par) {
    let Product { n, k, m, c, a, b } = p;
    let c = MatMut::from_raw_parts_mut(c.ptr, n, m, c.rs, c.cs);
    let a = MatRef::from_raw_parts(a.ptr as *const T, n, k, a.rs, a.cs);
    let b = MatRef::from_raw_parts(b.ptr as *const T, k, m, b.rs, b.cs);
    faer_matmul(c, Accum::Replace, a, b, T::one(), par);
}

/// Block `i` of `blocks` of the product: C's rows and A's with them, or, where C is wider than
/// tall, C's columns and B's.
fn block_of<T>(p: Product<T>, i: usize, blocks: usize) -> Product<T> {
    let along_rows = p.n >= p.m;
    let len = if along_rows { p.n } else { p.m };
    let (start, end) = (i * len / blocks, (i + 1) * len / blocks);
    // blocks ≤ len, so the block is not empty and start < len: the offsets stay inside C and
    // A (or B).
    let mut q = p;
    if along_rows {
        q.n = end - start;
        q.c.ptr = p.c.ptr.wrapping_offset(start as isize * p.c.rs);
        q.a.ptr = p.a.ptr.wrapping_offset(start as isize * p.a.rs);
    } else {
        q.m = end - start;
        q.c.ptr = p.c.ptr.wrapping_offset(start as isize * p.c.cs);
        q.b.ptr = p.b.ptr.wrapping_offset(start as isize * p.b.cs);
    }
    q
}
