//! `numpy.linalg.cholesky`: `A = L·Lᴴ` for each Hermitian positive-definite matrix of a stack,
//! read from its lower triangle only (as NumPy, whose LAPACK call is potrf with 'L'). faer
//! factors at the simd and parallel tiers, `reference::cholesky` at the reference tier.

use super::field::{compute_dtype, Field};
use super::reference;
use super::stack::{each_matrix, matrix, operand, scratch, How, Stack, Work};
use super::Mat;
use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::optable::CHOLESKY_INFO;
use crate::with_inexact;
use faer::linalg::cholesky::llt::factor as faer_llt;

/// L (or, with `upper`, `U = Lᴴ`) of each matrix in the stack `a`; LinAlgError when one is
/// not positive definite.
pub fn cholesky(a: &Array, upper: bool) -> Result<Array> {
    let stack = Stack::square(a.shape())?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    with_inexact!(a.dtype(), T => {
        let n = stack.rows;
        let out = Array::empty(T::DTYPE, a.shape())?;
        each_matrix(&CHOLESKY_INFO, T::DTYPE, stack.count, n.saturating_mul(n), |i, how| {
            // SAFETY: `matrix` addresses one n×n matrix of `a`; each index writes its own
            // matrix of the fresh `out`.
            unsafe {
                let l = factor(matrix::<T>(&a, i), n, how)?;
                let to: Mat<T> = matrix(&out, i);
                for r in 0..n {
                    for c in 0..n {
                        let v = if upper { l.at(c, r).conjugate() } else { l.at(r, c) };
                        to.set(r, c, v);
                    }
                }
            }
            Ok(())
        })?;
        Ok(out)
    })
}

/// L of the `n×n` matrix `a`, zero above the diagonal.
///
/// # Safety
/// `a` addresses `n×n` initialized elements.
unsafe fn factor<T: Field>(a: Mat<T>, n: usize, how: How) -> Result<Work<T>> {
    let mut l = Work::copy_of(a, n, n)?;
    let positive = if how.reference() {
        reference::cholesky::factor(&mut l).is_ok()
    } else {
        let req = faer_llt::cholesky_in_place_scratch::<T>(n, how.par, Default::default());
        let mut mem = scratch(req)?;
        let result = faer_llt::cholesky_in_place(
            l.as_mut(),
            Default::default(),
            how.par,
            faer::dyn_stack::MemStack::new(&mut mem),
            Default::default(),
        );
        for c in 1..n {
            for r in 0..c {
                *l.at_mut(r, c) = T::ZERO;
            }
        }
        result.is_ok()
    };
    if positive {
        Ok(l)
    } else {
        Err(Error::LinAlg("Matrix is not positive definite".into()))
    }
}
