//! One matrix product per dtype at the simd and parallel tiers (`Gemm`): faer's for the float
//! and complex dtypes, the generic blocked loop for integers and bool.
//!
//! faer takes each operand's row and column strides in elements, negative or zero included,
//! so strided, reversed, transposed and broadcast views go to it as they are. It picks its own
//! kernels by size (an unpacked small-matrix kernel up to 16×16×16, then packed AVX2/AVX-512
//! ones) and CPU, at run time.

use super::{blocked, Mat};
use crate::dtype::element::Arith;
use crate::dtype::Element;
use crate::kernels::parallel;
use crate::BoolByte;
use faer::linalg::matmul::matmul as faer_matmul;
use faer::{Accum, MatMut, MatRef, Par};
use num_complex::{Complex32, Complex64};

pub(crate) trait Gemm: Arith + Element {
    /// `C = A·B` for an `n×k` A and a `k×m` B (each at least 1), on `threads` threads.
    ///
    /// # Safety
    /// As `reference::matmul`.
    unsafe fn gemm(
        n: usize,
        k: usize,
        m: usize,
        c: Mat<Self>,
        a: Mat<Self>,
        b: Mat<Self>,
        threads: usize,
    );
}

macro_rules! gemm_by_faer {
    ($($t:ty),*) => {$(
        impl Gemm for $t {
            unsafe fn gemm(n: usize, k: usize, m: usize, c: Mat<Self>, a: Mat<Self>, b: Mat<Self>, threads: usize) {
                by_faer(n, k, m, c, a, b, threads)
            }
        }
    )*};
}
gemm_by_faer!(f32, f64, Complex32, Complex64);

macro_rules! gemm_blocked {
    ($($t:ty),*) => {$(
        impl Gemm for $t {
            unsafe fn gemm(n: usize, k: usize, m: usize, c: Mat<Self>, a: Mat<Self>, b: Mat<Self>, threads: usize) {
                blocked::matmul(n, k, m, c, a, b, threads)
            }
        }
    )*};
}
gemm_blocked!(BoolByte, i8, i16, i32, i64, u8, u16, u32, u64);

/// faer's product, sequential or on arrpy's pool (faer's threads are rayon's, and run on the
/// pool that `parallel::install` makes current).
///
/// # Safety
/// As `Gemm::gemm`: faer's `from_raw_parts` conditions (every element addressed is
/// initialized, and C aliases nothing while the views live) are the caller's.
unsafe fn by_faer<T: faer::traits::ComplexField + Arith>(
    n: usize,
    k: usize,
    m: usize,
    c: Mat<T>,
    a: Mat<T>,
    b: Mat<T>,
    threads: usize,
) {
    let run = move |par: Par| {
        // Whole `Mat`s move in (they are Send), not their pointer fields.
        let (c, a, b) = (c, a, b);
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
    if threads > 1 {
        parallel::install(|| run(Par::rayon(threads)));
    } else {
        run(Par::Seq);
    }
}
