//! Linear algebra. So far the products: `matmul` (the batched, broadcasting core every other
//! product reduces to) and NumPy's `dot`, `vdot`, `inner`, `outer`, `tensordot`, `vecdot` and
//! `kron` built on it from views.
//!
//! - `matmul`: NumPy's shape rules (1-d operands promoted and demoted, batch dimensions
//!   broadcast), dtypes from the promotion table, `out=`, and the plan of one call: which tier,
//!   which threads.
//! - `gemm`: one matrix product per dtype at the simd and parallel tiers: faer for the float and
//!   complex dtypes, `blocked` for integers and bool.
//! - `reference`: the textbook triple loop a learner reads; the reference tier runs it.
//! - `products`: the other products, as views and reshapes around `matmul`.
//! - `chain`: `multi_dot` (the cheapest parenthesization) and `matrix_power`.
//! - `einsum`: `einsum` and `einsum_path`: subscripts, contraction order, pairs as `matmul`s.
//!
//! Then `numpy.linalg`'s factorizations, each over a stack of matrices (`stack`: the shape
//! checks, the batch loop and its threads) in the scalars of `field`:
//! - `lu`: det, slogdet, solve, inv. `cholesky`.
//! - At the simd tier faer factors on one thread, at the parallel tier with faer's threads (or
//!   whole matrices shared out, for many small ones); the reference tier runs `reference`'s
//!   textbook algorithms.
//!
//! Tiers differ in rounding here: faer (like any BLAS) sums in a blocked order with fused
//! multiply-adds, the reference loop in index order. Integer and bool products are exact at
//! every tier.

mod blocked;
pub mod chain;
pub mod cholesky;
pub mod einsum;
pub mod field;
mod gemm;
mod gemv;
pub mod lu;
pub mod matmul;
pub mod products;
pub mod reference;
pub mod stack;

pub use chain::{matrix_power, multi_dot};
pub use cholesky::cholesky;
pub use einsum::{einsum, einsum_path};
pub use lu::{det, inv, slogdet, solve};
pub use matmul::matmul;
pub use products::{dot, inner, kron, outer, tensordot, vdot, vecdot, TensorAxes};

mod householder;
pub mod qr;
pub use qr::{qr, QrMode};
pub mod eigen;
pub use eigen::{eig, eigh};
mod divide_conquer;
pub mod svd;
mod tridiagonal;
pub use svd::svd;

/// One matrix of a product: element `[i, j]` is at `ptr + i * rs + j * cs` (strides in
/// elements; either may be negative, or 0 along a broadcast axis).
pub struct Mat<T> {
    pub ptr: *mut T,
    pub rs: isize,
    pub cs: isize,
}

// Derived Clone/Copy would require `T: Copy`; the pointer is copied, never the elements.
impl<T> Clone for Mat<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Mat<T> {}

// SAFETY: a `Mat` is shared with worker threads only by `matmul`'s plan, which gives each
// thread its own matrices or rows of the result to write and reads the operands only.
unsafe impl<T> Send for Mat<T> {}
unsafe impl<T> Sync for Mat<T> {}

/// One product `C = A·B`: an `n×k` A times a `k×m` B into an `n×m` C.
pub struct Product<T> {
    pub n: usize,
    pub k: usize,
    pub m: usize,
    pub c: Mat<T>,
    pub a: Mat<T>,
    pub b: Mat<T>,
}

impl<T> Clone for Product<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Product<T> {}

impl<T: Copy> Mat<T> {
    /// Element `[i, j]`.
    ///
    /// # Safety
    /// `[i, j]` lies inside the matrix, whose elements are initialized and aligned.
    #[inline(always)]
    pub unsafe fn get(self, i: usize, j: usize) -> T {
        *self.at(i, j)
    }

    /// Stores `value` at `[i, j]`.
    ///
    /// # Safety
    /// As `get`, and no other thread reads or writes `[i, j]` meanwhile.
    #[inline(always)]
    pub unsafe fn set(self, i: usize, j: usize, value: T) {
        *self.at(i, j) = value;
    }

    /// The address of `[i, j]`.
    ///
    /// # Safety
    /// `[i, j]` lies inside the matrix (so the offset stays inside its allocation).
    #[inline(always)]
    unsafe fn at(self, i: usize, j: usize) -> *mut T {
        self.ptr.offset(i as isize * self.rs + j as isize * self.cs)
    }
}

#[cfg(test)]
mod tests;

/// For unit tests: a deterministic stream of numbers spread over [-0.5, 0.5) (a 64-bit LCG).
#[cfg(test)]
pub(crate) fn test_numbers(seed: u64) -> impl FnMut() -> f64 {
    let mut s = seed;
    move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    }
}
