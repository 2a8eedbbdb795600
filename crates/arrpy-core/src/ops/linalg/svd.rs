//! `numpy.linalg.svd` and `svdvals`: `A = U·diag(S)·Vᴴ` for each `m×n` matrix of a stack,
//! singular values descending in the real dtype. faer's bidiagonal divide and conquer at the
//! simd and parallel tiers, one-sided Jacobi (`reference::jacobi::svd`) at the reference tier.
//! With `hermitian`, as NumPy: from `eigh` (S the sorted |eigenvalues|, their signs moved into
//! Vh).
//!
//! As NumPy's LAPACK, a NaN makes LinAlgError("SVD did not converge"); an infinity gives NaNs.

use super::eigen::{eigh_of, hermitian};
use super::field::{compute_dtype, Field, Real};
use super::reference::jacobi;
use super::stack::{each_matrix, matrix, operand, scratch, vector, How, Stack, Work};
use super::Mat;
use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::optable::SVD_INFO;
use crate::with_inexact;
use faer::dyn_stack::MemStack;
use faer::linalg::svd::{self as faer_svd, ComputeSvdVectors};

/// One matrix's factors: S, and (when asked for) U and V (not yet Vᴴ).
struct Factors<T: Field> {
    s: Vec<T::Re>,
    uv: Option<(Work<T>, Work<T>)>,
}

/// `numpy.linalg.svd(a, full_matrices, compute_uv, hermitian)`: S, and with `compute_uv`
/// (U, Vh).
#[allow(clippy::type_complexity)]
pub fn svd(
    a: &Array,
    full_matrices: bool,
    compute_uv: bool,
    hermitian: bool,
) -> Result<(Array, Option<(Array, Array)>)> {
    let stack = if hermitian {
        Stack::square(a.shape())?
    } else {
        Stack::new(a.shape())?
    };
    let a = operand(a, compute_dtype(a.dtype()))?;
    let (m, n) = (stack.rows, stack.cols);
    let k = m.min(n);
    let (ucols, vrows) = if full_matrices { (m, n) } else { (k, k) };
    with_inexact!(a.dtype(), T => {
        let s_out = Array::empty(<T as Field>::Re::DTYPE, &stack.shape_with(&[k]))?;
        let uv_out = if compute_uv {
            Some((
                Array::empty(T::DTYPE, &stack.shape_with(&[m, ucols]))?,
                Array::empty(T::DTYPE, &stack.shape_with(&[vrows, n]))?,
            ))
        } else {
            None
        };
        let size = m.saturating_mul(n);
        each_matrix(&SVD_INFO, T::DTYPE, stack.count, size, |i, how| {
            // SAFETY: `matrix` addresses one m×n matrix of `a`; each index writes its own
            // vector and matrices of the fresh results, of the shapes made above.
            unsafe {
                let a_i = matrix::<T>(&a, i);
                let f = if hermitian {
                    by_eigh(hermitian_of(a_i, n)?, compute_uv, how)?
                } else {
                    factor(Work::copy_of(a_i, m, n)?, ucols, vrows, compute_uv, how)?
                };
                let to: Mat<<T as Field>::Re> = vector(&s_out, i);
                for (j, &x) in f.s.iter().enumerate() {
                    to.set(j, 0, x);
                }
                if let (Some((u, v)), Some((u_out, vh_out))) = (f.uv, &uv_out) {
                    u.store(matrix(u_out, i));
                    let vh: Mat<T> = matrix(vh_out, i);
                    for r in 0..vrows {
                        for c in 0..n {
                            vh.set(r, c, v.at(c, r).conjugate());
                        }
                    }
                }
            }
            Ok(())
        })?;
        Ok((s_out, uv_out))
    })
}

/// The Hermitian matrix `eigh` reads from `a` (its lower triangle, NumPy's default).
///
/// # Safety
/// `a` addresses `n×n` initialized elements.
unsafe fn hermitian_of<T: Field>(a: Mat<T>, n: usize) -> Result<Work<T>> {
    hermitian(a, n, false)
}

/// S, U (`m×ucols`) and V (`n×vrows`) of the `m×n` `a`.
fn factor<T: Field>(
    mut a: Work<T>,
    ucols: usize,
    vrows: usize,
    vectors: bool,
    how: How,
) -> Result<Factors<T>> {
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    let mut infinite = false;
    for j in 0..n {
        for i in 0..m {
            let x = a.at(i, j);
            if x.modulus2().partial_cmp(&T::Re::ZERO).is_none() {
                return Err(not_converged());
            }
            infinite |= x.modulus() == T::Re::INFINITY;
        }
    }
    if infinite {
        let nan = T::Re::from_f64(f64::NAN);
        let uv = vectors
            .then(|| -> Result<_> {
                Ok((
                    Work::filled(m, ucols, T::from_re(nan))?,
                    Work::filled(n, vrows, T::from_re(nan))?,
                ))
            })
            .transpose()?;
        return Ok(Factors {
            s: vec![nan; k],
            uv,
        });
    }
    if how.reference() {
        return by_jacobi(a, ucols, vrows, vectors);
    }
    let mut s = Work::filled(k, 1, T::ZERO)?;
    let (mut u, mut v) = if vectors {
        (
            Some(Work::filled(m, ucols, T::ZERO)?),
            Some(Work::filled(n, vrows, T::ZERO)?),
        )
    } else {
        (None, None)
    };
    let compute = |full| match (vectors, full) {
        (false, _) => ComputeSvdVectors::No,
        (true, true) => ComputeSvdVectors::Full,
        (true, false) => ComputeSvdVectors::Thin,
    };
    let req = faer_svd::svd_scratch::<T>(
        m,
        n,
        compute(ucols == m),
        compute(vrows == n),
        how.par,
        Default::default(),
    );
    let mut mem = scratch(req)?;
    faer_svd::svd(
        a.as_mut().as_ref(),
        s.as_mut().col_mut(0).as_diagonal_mut(),
        u.as_mut().map(|u| u.as_mut()),
        v.as_mut().map(|v| v.as_mut()),
        how.par,
        MemStack::new(&mut mem),
        Default::default(),
    )
    .map_err(|_| not_converged())?;
    Ok(Factors {
        s: (0..k).map(|i| s.at(i, 0).re()).collect(),
        uv: u.zip(v),
    })
}

fn not_converged() -> Error {
    Error::LinAlg("SVD did not converge".into())
}

/// `factor` at the reference tier: one-sided Jacobi on A (or, when it is wide, on Aᴴ, swapping
/// U and V), then the singular vectors of zero singular values completed to orthonormal sets.
fn by_jacobi<T: Field>(
    a: Work<T>,
    ucols: usize,
    vrows: usize,
    vectors: bool,
) -> Result<Factors<T>> {
    let (m, n) = (a.rows, a.cols);
    let wide = m < n;
    let mut tall = if wide {
        let mut t = Work::filled(n, m, T::ZERO)?;
        for j in 0..n {
            for i in 0..m {
                *t.at_mut(j, i) = a.at(i, j).conjugate();
            }
        }
        t
    } else {
        a
    };
    let (s, uv) = jacobi::svd(&mut tall, vectors)?.ok_or_else(not_converged)?;
    let uv = match uv {
        Some((x, y)) => {
            let (u, v) = if wide { (y, x) } else { (x, y) };
            Some((widened(u, ucols)?, widened(v, vrows)?))
        }
        None => None,
    };
    Ok(Factors { s, uv })
}

/// The first `cols` columns of `x` (padded with zeros), their zero columns completed.
fn widened<T: Field>(x: Work<T>, cols: usize) -> Result<Work<T>> {
    let mut w = Work::filled(x.rows, cols, T::ZERO)?;
    for j in 0..cols.min(x.cols) {
        for i in 0..x.rows {
            *w.at_mut(i, j) = x.at(i, j);
        }
    }
    jacobi::complete(&mut w);
    Ok(w)
}

/// S, U and V of a Hermitian matrix from its eigendecomposition, as NumPy: S the eigenvalues'
/// moduli in descending order (ties in reverse index order: NumPy reverses an ascending
/// argsort), U the eigenvectors in that order, V those times sign(λ) (0 for λ = 0, as NumPy's
/// `sign`).
fn by_eigh<T: Field>(h: Work<T>, vectors: bool, how: How) -> Result<Factors<T>> {
    let n = h.rows;
    let (w, x) = eigh_of(h, vectors, how)?;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| {
        w[i].modulus()
            .partial_cmp(&w[j].modulus())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    order.reverse();
    let s = order.iter().map(|&i| w[i].modulus()).collect();
    let uv = match x {
        Some(x) => {
            let (mut u, mut v) = (Work::filled(n, n, T::ZERO)?, Work::filled(n, n, T::ZERO)?);
            for (j, &from) in order.iter().enumerate() {
                let sign = if w[from] > T::Re::ZERO {
                    T::ONE
                } else if w[from] < T::Re::ZERO {
                    -T::ONE
                } else {
                    T::ZERO
                };
                for i in 0..n {
                    *u.at_mut(i, j) = x.at(i, from);
                    *v.at_mut(i, j) = x.at(i, from) * sign;
                }
            }
            Some((u, v))
        }
        None => None,
    };
    Ok(Factors { s, uv })
}
