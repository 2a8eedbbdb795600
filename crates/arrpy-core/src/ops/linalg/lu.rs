//! The functions built on an LU factorization `P·A = L·U`: `det`, `slogdet`, `solve` and
//! `inv`, batched over the leading axes. faer factors at the simd (one thread) and parallel
//! tiers, `reference::lu` at the reference tier.
//!
//! A matrix is singular here when a pivot is exactly zero, as LAPACK's getrf reports it (and
//! so NumPy): `solve` and `inv` then raise LinAlgError, `det` is 0 and `slogdet` (0, -inf).

use super::field::{compute_dtype, Field, Real};
use super::reference;
use super::stack::{each_matrix, flat, matrix, operand, scratch, How, Stack, Work};
use super::Mat;
use crate::array::Array;
use crate::dtype::promote_types;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::layout::{broadcast_shapes, format_shape};
use crate::optable::LU_INFO;
use crate::with_inexact;
use faer::linalg::lu::partial_pivoting::{factor as faer_factor, solve as faer_solve};
use faer::perm::PermRef;

/// One matrix's factors.
struct Lu<T> {
    /// L below the diagonal (its unit diagonal implied), U on and above.
    lu: Work<T>,
    /// Row `i` of `P·A` is row `fwd[i]` of A; `bwd` is the inverse permutation (faer's solve
    /// takes both; empty at the reference tier, whose solve needs only `fwd`).
    fwd: Vec<usize>,
    bwd: Vec<usize>,
    /// Whether P is an odd permutation (det P = -1).
    odd: bool,
}

impl<T: Field> Lu<T> {
    /// The factors of the `n×n` matrix `a`.
    ///
    /// # Safety
    /// `a` addresses `n×n` initialized elements.
    unsafe fn of(a: Mat<T>, n: usize, how: How) -> Result<Lu<T>> {
        let mut lu = Work::copy_of(a, n, n)?;
        if how.reference() {
            let (fwd, odd) = reference::lu::factor(&mut lu);
            // The textbook solve permutes by `fwd` alone.
            return Ok(Lu {
                lu,
                fwd,
                bwd: Vec::new(),
                odd,
            });
        }
        let (mut fwd, mut bwd) = (vec![0usize; n], vec![0usize; n]);
        let req = faer_factor::lu_in_place_scratch::<usize, T>(n, n, how.par, Default::default());
        let mut mem = scratch(req)?;
        let (info, _) = faer_factor::lu_in_place(
            lu.as_mut(),
            &mut fwd,
            &mut bwd,
            how.par,
            faer::dyn_stack::MemStack::new(&mut mem),
            Default::default(),
        );
        let odd = info.transposition_count % 2 == 1;
        Ok(Lu { lu, fwd, bwd, odd })
    }

    fn n(&self) -> usize {
        self.lu.rows
    }

    fn singular(&self) -> bool {
        (0..self.n()).any(|i| self.lu.at(i, i) == T::ZERO)
    }

    /// det A = det P · ∏ U[i,i].
    fn det(&self) -> T {
        let sign = if self.odd { -T::ONE } else { T::ONE };
        (0..self.n()).fold(sign, |d, i| d * self.lu.at(i, i))
    }

    /// (sign, log|det A|): the sign a unit-modulus factor (0 when singular), the logarithm a
    /// sum, so neither overflows where the determinant would.
    fn slogdet(&self) -> (T, T::Re) {
        let mut sign = if self.odd { -T::ONE } else { T::ONE };
        let mut log = T::Re::ZERO;
        for i in 0..self.n() {
            let d = self.lu.at(i, i);
            let m = d.modulus();
            if m == T::Re::ZERO {
                return (T::ZERO, -T::Re::INFINITY);
            }
            sign = sign * (d / T::from_re(m));
            log = log + m.ln();
        }
        (sign, log)
    }

    /// Overwrites `b` (`n×cols`) with `A⁻¹·b`; A must not be singular.
    fn solve(&self, b: &mut Work<T>, how: How) -> Result<()> {
        if how.reference() {
            reference::lu::solve(&self.lu, &self.fwd, b);
            return Ok(());
        }
        let n = self.n();
        let req = faer_solve::solve_in_place_scratch::<usize, T>(n, b.cols, how.par);
        let mut mem = scratch(req)?;
        let perm = PermRef::new_checked(&self.fwd, &self.bwd, n);
        // L and U are read from the one matrix: the unit-lower solve ignores the diagonal and
        // above, the upper solve everything below.
        faer_solve::solve_in_place(
            self.lu.as_ref(),
            self.lu.as_ref(),
            perm,
            b.as_mut(),
            how.par,
            faer::dyn_stack::MemStack::new(&mut mem),
        );
        Ok(())
    }
}

fn singular_matrix() -> Error {
    Error::LinAlg("Singular matrix".into())
}

/// The work of one `n×n` matrix, for `each_matrix`'s threading decision.
fn size_of(n: usize) -> usize {
    n.saturating_mul(n)
}

/// `numpy.linalg.det`: the determinant of each matrix in the stack `a`.
pub fn det(a: &Array) -> Result<Array> {
    let stack = Stack::square(a.shape())?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    with_inexact!(a.dtype(), T => {
        let out = Array::empty(T::DTYPE, &stack.batch)?;
        let values: Mat<T> = flat(&out);
        let n = stack.rows;
        each_matrix(&LU_INFO, T::DTYPE, stack.count, size_of(n), |i, how| {
            // SAFETY: `matrix` addresses one n×n matrix of `a`; each index writes its own
            // element of the fresh `out`.
            unsafe {
                let lu = Lu::of(matrix::<T>(&a, i), n, how)?;
                values.set(i, 0, lu.det());
            }
            Ok(())
        })?;
        Ok(out)
    })
}

/// `numpy.linalg.slogdet`: (sign, logabsdet) of each matrix in the stack `a`; the sign has
/// `a`'s compute dtype, the logarithm its real counterpart.
pub fn slogdet(a: &Array) -> Result<(Array, Array)> {
    let stack = Stack::square(a.shape())?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    with_inexact!(a.dtype(), T => {
        let signs = Array::empty(T::DTYPE, &stack.batch)?;
        let logs = Array::empty(<T as Field>::Re::DTYPE, &stack.batch)?;
        let (sign_at, log_at): (Mat<T>, Mat<<T as Field>::Re>) = (flat(&signs), flat(&logs));
        let n = stack.rows;
        each_matrix(&LU_INFO, T::DTYPE, stack.count, size_of(n), |i, how| {
            // SAFETY: as `det`.
            unsafe {
                let (sign, log) = Lu::of(matrix::<T>(&a, i), n, how)?.slogdet();
                sign_at.set(i, 0, sign);
                log_at.set(i, 0, log);
            }
            Ok(())
        })?;
        Ok((signs, logs))
    })
}

/// `numpy.linalg.inv`: the inverse of each matrix in the stack `a`; LinAlgError when one is
/// singular.
pub fn inv(a: &Array) -> Result<Array> {
    let stack = Stack::square(a.shape())?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    with_inexact!(a.dtype(), T => {
        let n = stack.rows;
        let out = Array::empty(T::DTYPE, a.shape())?;
        each_matrix(&LU_INFO, T::DTYPE, stack.count, size_of(n), |i, how| {
            // SAFETY: as `det`; each index writes its own matrix of the fresh `out`.
            unsafe {
                let lu = Lu::of(matrix::<T>(&a, i), n, how)?;
                if lu.singular() {
                    return Err(singular_matrix());
                }
                let mut x = Work::identity(n, T::ZERO, T::ONE)?;
                lu.solve(&mut x, how)?;
                x.store(matrix(&out, i));
            }
            Ok(())
        })?;
        Ok(out)
    })
}

const SOLVE_SIGNATURE: &str = "(m,m),(m,n)->(m,n)";

/// `numpy.linalg.solve(a, b)`: x with `a @ x == b` for each matrix of the stack `a`. As NumPy 2
/// and the Array API 2024.12: `b` is a vector only when it is 1-d, otherwise a stack of
/// `m×n` matrices whose batch broadcasts with `a`'s.
pub fn solve(a: &Array, b: &Array) -> Result<Array> {
    let a_stack = Stack::square(a.shape())?;
    let m = a_stack.rows;
    let b_vector = b.ndim() == 1;
    let b_matrices = if b_vector {
        b.insert_axis(1)
    } else if b.ndim() == 0 {
        return Err(Error::Value(
            "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (m,m),(m)->(m) requires 1)".into(),
        ));
    } else {
        b.clone()
    };
    let b_stack = Stack::new(b_matrices.shape())?;
    if b_stack.rows != m {
        let signature = if b_vector {
            "(m,m),(m)->(m)"
        } else {
            SOLVE_SIGNATURE
        };
        return Err(Error::Shape(format!(
            "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {signature} (size {} is different from {m}) (shapes {} and {})",
            b_stack.rows,
            format_shape(a.shape()),
            format_shape(b.shape())
        )));
    }
    let batch = broadcast_shapes(&[&a_stack.batch, &b_stack.batch]).map_err(|_| {
        Error::Shape(format!(
            "solve: operands could not be broadcast together with shapes {} {}",
            format_shape(a.shape()),
            format_shape(b.shape())
        ))
    })?;
    let k = b_stack.cols;
    let stack = Stack::new(&[&batch[..], &[m, k]].concat())?;
    let dtype = compute_dtype(promote_types(a.dtype(), b.dtype()));
    let a = operand(a, dtype)?.broadcast_to(&stack.shape_with(&[m, m]))?;
    let b = operand(&b_matrices, dtype)?.broadcast_to(&stack.shape_with(&[m, k]))?;
    with_inexact!(dtype, T => {
        let out = Array::empty(T::DTYPE, &stack.shape_with(&[m, k]))?;
        each_matrix(&LU_INFO, T::DTYPE, stack.count, size_of(m), |i, how| {
            // SAFETY: as `inv`.
            unsafe {
                let lu = Lu::of(matrix::<T>(&a, i), m, how)?;
                if lu.singular() {
                    return Err(singular_matrix());
                }
                let mut x = Work::copy_of(matrix::<T>(&b, i), m, k)?;
                lu.solve(&mut x, how)?;
                x.store(matrix(&out, i));
            }
            Ok(())
        })?;
        if b_vector {
            // The appended axis of 1 goes again.
            let shape: Vec<isize> = stack.shape_with(&[m]).iter().map(|&d| d as isize).collect();
            out.reshape_view(&shape)
        } else {
            Ok(out)
        }
    })
}
