//! The Cholesky factorization `A = L·Lᴴ` of a Hermitian positive-definite matrix, by the
//! Cholesky–Banachiewicz loop: row by row, each entry from the ones already found.

use crate::ops::linalg::field::{Field, Real};
use crate::ops::linalg::stack::Work;

/// Overwrites the lower triangle of `a` with L and zeroes the strict upper triangle; reads only
/// the lower triangle. Returns the column at which a pivot `A[j,j] − Σ|L[j,q]|²` was not
/// positive (or not a number), when A is not positive definite.
pub fn factor<T: Field>(a: &mut Work<T>) -> Result<(), usize> {
    let n = a.rows;
    for i in 0..n {
        for j in 0..=i {
            let mut sum = a.at(i, j);
            for q in 0..j {
                sum = sum - a.at(i, q) * a.at(j, q).conjugate();
            }
            if i == j {
                let d = sum.re();
                // `!(d > 0)` rather than `d <= 0`: a NaN pivot fails too.
                if !(d > T::Re::ZERO) {
                    return Err(j);
                }
                *a.at_mut(i, i) = T::from_re(d.sqrt());
            } else {
                *a.at_mut(i, j) = sum / a.at(j, j);
            }
        }
        for j in i + 1..n {
            *a.at_mut(i, j) = T::ZERO;
        }
    }
    Ok(())
}
