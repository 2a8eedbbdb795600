//! The reference tier: linear algebra the way it is taught, for learners to read and for the
//! fast tiers to be checked against.
//!
//! - `matmul` (here): the triple loop, for every dtype.
//! - `lu`: LU factorization with partial pivoting, and the triangular solves (det, slogdet,
//!   solve, inv).
//! - `cholesky`: the Cholesky–Banachiewicz loop.
//! - `qr`: Householder QR, in LAPACK's convention.
//! - `jacobi`: Jacobi's eigenvalue algorithm (eigh) and one-sided Jacobi SVD.

pub mod cholesky;
pub mod jacobi;
pub mod lu;
pub mod qr;

use super::Product;
use crate::dtype::element::Arith;

/// `C = A·B` for an `n×k` matrix A and a `k×m` matrix B, the way it is taught: each row of C
/// starts at zero, then for each `q` row `q` of B times `A[i, q]` is added to it (the i-k-j
/// order walks B and C along rows). Sums accumulate in the element type, as NumPy's loops
/// for types without BLAS do: integers wrap, bool is the or of ands.
///
/// # Safety
/// A, B and C address `n×k`, `k×m` and `n×m` initialized, aligned elements; C overlaps neither
/// A nor B, and no other thread touches C meanwhile.
pub unsafe fn matmul<T: Arith>(p: Product<T>) {
    let Product { n, k, m, c, a, b } = p;
    for i in 0..n {
        for j in 0..m {
            c.set(i, j, T::zero_pos());
        }
        for q in 0..k {
            let x = a.get(i, q);
            for j in 0..m {
                c.set(i, j, T::add(c.get(i, j), T::mul(x, b.get(q, j))));
            }
        }
    }
}
