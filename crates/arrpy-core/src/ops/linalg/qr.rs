//! `numpy.linalg.qr`: `A = Q·R` for each `m×n` matrix of a stack, with Q's columns orthonormal
//! and R upper triangular, in NumPy's four modes.
//!
//! NumPy's R is LAPACK's (geqrf): a real diagonal with the sign `reference::qr` explains.
//! faer's real reflectors follow the same convention, so real matrices are factored by faer at
//! the simd and parallel tiers and match NumPy to rounding. Two cases take LAPACK's reflectors
//! instead (`householder`, in blocks, at the fast tiers; `reference::qr` at the reference
//! tier): complex matrices (faer's reflectors leave R's diagonal complex, and its phases
//! cannot be fixed afterwards to LAPACK's) and `mode='raw'` (LAPACK's own format). faer also
//! skips a column it finds (numerically) dependent, leaving R a staircase where LAPACK does
//! not: such a matrix is refactored LAPACK's way too.

use super::field::{compute_dtype, Field};
use super::householder;
use super::reference;
use super::stack::{each_matrix, matrix, operand, scratch, vector, How, Stack, Work};
use super::Mat;
use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::optable::QR_INFO;
use crate::with_inexact;
use faer::dyn_stack::MemStack;
use faer::linalg::householder as faer_householder;
use faer::linalg::qr::no_pivoting::factor as faer_qr;
use faer::Conj;

/// NumPy's `mode` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrMode {
    /// Q `m×k` and R `k×n` (k = min(m, n)).
    Reduced,
    /// Q `m×m` and R `m×n`.
    Complete,
    /// R `k×n` only.
    R,
    /// LAPACK's factored matrix, transposed (`n×m`), and the `k` scalars τ.
    Raw,
}

impl QrMode {
    pub fn parse(mode: &str) -> Result<QrMode> {
        match mode {
            "reduced" => Ok(QrMode::Reduced),
            "complete" => Ok(QrMode::Complete),
            "r" => Ok(QrMode::R),
            "raw" => Ok(QrMode::Raw),
            _ => Err(Error::Value(format!("Unrecognized mode '{mode}'"))),
        }
    }
}

/// One matrix's factored form: R on and above the diagonal of `h`, the reflectors below.
struct Factored<T> {
    h: Work<T>,
    reflectors: Reflectors<T>,
}

enum Reflectors<T> {
    /// LAPACK's τ (from `reference::qr`).
    Lapack(Vec<T>),
    /// faer's block Householder factor (`block×k`).
    Faer(Work<T>),
}

impl<T: Field> Factored<T> {
    /// The factors of the `m×n` matrix `a`.
    ///
    /// # Safety
    /// `a` addresses `m×n` initialized elements.
    unsafe fn of(a: Mat<T>, m: usize, n: usize, how: How, raw: bool) -> Result<Factored<T>> {
        let k = m.min(n);
        let mut h = Work::copy_of(a, m, n)?;
        if !(how.reference() || raw || !T::IS_REAL || k == 0) {
            // faer factors the first k columns (m ≥ k, where it never skips a column of a
            // full-rank matrix), then the rest of R is Qᴴ times the remaining columns.
            let block = faer_qr::recommended_block_size::<T>(m, k).clamp(1, k);
            let mut factor = Work::filled(block, k, T::ZERO)?;
            let mut mem = scratch(
                faer_qr::qr_in_place_scratch::<T>(m, k, block, how.par, Default::default()).or(
                    faer_householder::apply_block_householder_sequence_transpose_on_the_left_in_place_scratch::<T>(
                        m, block, n - k,
                    ),
                ),
            )?;
            let (mut left, right) = h.as_mut().split_at_col_mut(k);
            let info = faer_qr::qr_in_place(
                left.as_mut(),
                factor.as_mut(),
                how.par,
                MemStack::new(&mut mem),
                Default::default(),
            );
            if info.rank == k {
                faer_householder::apply_block_householder_sequence_transpose_on_the_left_in_place_with_conj(
                    left.as_ref(),
                    factor.as_ref(),
                    Conj::Yes,
                    right,
                    how.par,
                    MemStack::new(&mut mem),
                );
                return Ok(Factored {
                    h,
                    reflectors: Reflectors::Faer(factor),
                });
            }
            // A dependent column: start again, LAPACK's way.
            h = Work::copy_of(a, m, n)?;
        }
        let tau = if how.reference() {
            reference::qr::factor(&mut h)
        } else {
            householder::factor(&mut h, how.par)?
        };
        Ok(Factored {
            h,
            reflectors: Reflectors::Lapack(tau),
        })
    }

    /// The first `cols` columns of Q (`k ≤ cols ≤ m`).
    fn q(&self, cols: usize, how: How) -> Result<Work<T>> {
        let m = self.h.rows;
        match &self.reflectors {
            Reflectors::Lapack(tau) if how.reference() => reference::qr::form_q(&self.h, tau, cols),
            Reflectors::Lapack(tau) => householder::form_q(&self.h, tau, cols, how.par),
            Reflectors::Faer(factor) => {
                let mut q = Work::filled(m, cols, T::ZERO)?;
                for i in 0..cols.min(m) {
                    *q.at_mut(i, i) = T::ONE;
                }
                let k = factor.cols;
                let req =
                    faer_householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<
                        T,
                    >(m, factor.rows, cols);
                let mut mem = scratch(req)?;
                faer_householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
                    self.h.as_ref().subcols(0, k),
                    factor.as_ref(),
                    Conj::No,
                    q.as_mut(),
                    how.par,
                    MemStack::new(&mut mem),
                );
                Ok(q)
            }
        }
    }

    /// Stores the first `rows` rows of R (zero below the diagonal) in `to`.
    ///
    /// # Safety
    /// `to` addresses `rows×n` elements that nothing else reads or writes meanwhile.
    unsafe fn store_r(&self, rows: usize, to: Mat<T>) {
        for c in 0..self.h.cols {
            for r in 0..rows {
                let v = if r <= c && r < self.h.rows {
                    self.h.at(r, c)
                } else {
                    T::ZERO
                };
                to.set(r, c, v);
            }
        }
    }
}

/// `numpy.linalg.qr(a, mode)`: (Q, R) for 'reduced' and 'complete', (R, None) for 'r', and
/// (h, τ) for 'raw'.
pub fn qr(a: &Array, mode: QrMode) -> Result<(Array, Option<Array>)> {
    let stack = Stack::new(a.shape())?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    let (m, n) = (stack.rows, stack.cols);
    let k = m.min(n);
    with_inexact!(a.dtype(), T => {
        let (first, second) = match mode {
            QrMode::Reduced => (stack.shape_with(&[m, k]), Some(stack.shape_with(&[k, n]))),
            QrMode::Complete => (stack.shape_with(&[m, m]), Some(stack.shape_with(&[m, n]))),
            QrMode::R => (stack.shape_with(&[k, n]), None),
            QrMode::Raw => (stack.shape_with(&[n, m]), Some(stack.shape_with(&[k]))),
        };
        let first = Array::empty(T::DTYPE, &first)?;
        let second = second.map(|s| Array::empty(T::DTYPE, &s)).transpose()?;
        let size = m.saturating_mul(n).max(m.saturating_mul(m));
        each_matrix(&QR_INFO, T::DTYPE, stack.count, size, |i, how| {
            // SAFETY: `matrix` addresses one m×n matrix of `a`; each index writes its own
            // matrices of the fresh results, of the shapes they were made with above.
            unsafe {
                let f = Factored::of(matrix::<T>(&a, i), m, n, how, mode == QrMode::Raw)?;
                match (mode, &second) {
                    (QrMode::Raw, Some(tau_out)) => {
                        let h: Mat<T> = matrix(&first, i);
                        for c in 0..n {
                            for r in 0..m {
                                h.set(c, r, f.h.at(r, c));
                            }
                        }
                        let to: Mat<T> = vector(tau_out, i);
                        if let Reflectors::Lapack(tau) = &f.reflectors {
                            for (j, &t) in tau.iter().enumerate() {
                                to.set(j, 0, t);
                            }
                        }
                    }
                    (QrMode::R, _) => f.store_r(k, matrix(&first, i)),
                    (_, Some(r_out)) => {
                        let rows = if mode == QrMode::Complete { m } else { k };
                        f.q(rows, how)?.store(matrix(&first, i));
                        f.store_r(rows, matrix(r_out, i));
                    }
                    _ => {}
                }
            }
            Ok(())
        })?;
        Ok((first, second))
    })
}
