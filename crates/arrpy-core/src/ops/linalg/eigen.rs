//! Eigendecompositions over stacks of square matrices:
//!
//! - `eigh` / `eigvalsh`: Hermitian matrices, read from one triangle (as LAPACK's heevd):
//!   real eigenvalues ascending, orthonormal eigenvectors. At the simd and parallel tiers faer
//!   reduces the matrix to tridiagonal form; `tridiagonal` finds the eigenvalues alone,
//!   `divide_conquer` the eigenvectors too, and faer turns them back. `reference::jacobi` at
//!   the reference tier.
//! - `eig` / `eigvals`: general matrices, by faer's Hessenberg reduction and multishift QR at
//!   every tier (the reference tier too: there is no short textbook algorithm worth reading
//!   for it). Eigenvectors are scaled as LAPACK's geev scales them: unit 2-norm, and complex
//!   ones turned so that their largest component is real. For real input the result is real
//!   when every eigenvalue of the stack is, complex otherwise (NumPy 2).

use super::field::{compute_dtype, Field, Real};
use super::reference;
use super::reference::jacobi::Eigh;
use super::stack::{each_matrix, matrix, operand, scratch, vector, How, Stack, Work};
use super::Mat;
use super::{divide_conquer, tridiagonal};
use crate::array::Array;
use crate::dtype::promote_types;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::optable::{EIGH_INFO, EIG_INFO};
use crate::with_inexact;
use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
use faer::linalg::evd as faer_evd;
use faer::linalg::evd::tridiag as faer_tridiag;
use faer::linalg::evd::ComputeEigenvectors;
use faer::linalg::householder::{
    apply_block_householder_sequence_on_the_left_in_place_scratch,
    apply_block_householder_sequence_on_the_left_in_place_with_conj,
};
use faer::{ColMut, ColRef, Conj, MatMut, MatRef};
use num_complex::Complex;
use std::any::TypeId;

/// The `n×n` Hermitian matrix whose `upper` (else lower) triangle `a` holds: the other
/// triangle and the imaginary part of the diagonal are ignored, as LAPACK does.
///
/// # Safety
/// `a` addresses `n×n` initialized elements.
pub(super) unsafe fn hermitian<T: Field>(a: Mat<T>, n: usize, upper: bool) -> Result<Work<T>> {
    let mut w = Work::filled(n, n, T::ZERO)?;
    for j in 0..n {
        for i in j..n {
            let x = if upper {
                a.get(j, i).conjugate()
            } else {
                a.get(i, j)
            };
            let x = if i == j { T::from_re(x.re()) } else { x };
            *w.at_mut(i, j) = x;
            *w.at_mut(j, i) = x.conjugate();
        }
    }
    Ok(w)
}

/// The eigenvalues (ascending) and, with `vectors`, eigenvectors of the Hermitian `h`. A
/// matrix with a NaN or infinity has NaN for all of them, as NumPy's LAPACK gives.
pub(super) fn eigh_of<T: Field>(mut h: Work<T>, vectors: bool, how: How) -> Result<Eigh<T>> {
    let n = h.rows;
    if !all_finite(&h) {
        let nan = T::Re::from_f64(f64::NAN);
        let v = vectors
            .then(|| Work::filled(n, n, T::from_re(nan)))
            .transpose()?;
        return Ok((vec![nan; n], v));
    }
    if n == 0 {
        // faer's scratch sizes count n − 1 reflectors.
        return Ok((
            Vec::new(),
            vectors.then(|| Work::filled(0, 0, T::ZERO)).transpose()?,
        ));
    }
    if how.reference() {
        return reference::jacobi::eigh(&mut h, vectors)?.ok_or_else(not_converged);
    }
    if vectors {
        eigenvectors(h, how)
    } else {
        Ok((eigenvalues(&mut h, how)?, None))
    }
}

/// The eigenvalues and eigenvectors of the Hermitian `h` (destroyed, `n ≥ 1`): faer's
/// tridiagonalization, the tridiagonal eigensystem by `divide_conquer` (by faer's if a root
/// does not converge), and faer's blocked back-transformation.
fn eigenvectors<T: Field>(mut h: Work<T>, how: How) -> Result<Eigh<T>> {
    let n = h.rows;
    let block = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<T>(n, n);
    let back = apply_block_householder_sequence_on_the_left_in_place_scratch::<T>(n - 1, block, n);
    let (reflectors, mut mem) = tridiagonalize(&mut h, block, back, how)?;
    let (mut values, off) = tridiagonal_of(&h);
    let mut z = Work::filled(n, n, 0.0f64)?;
    if !divide_conquer::eigh(&mut values, &off, z.as_mut(), how.par)? {
        values = tridiagonal_of(&h).0;
        faer_tridiagonal_eigh(&mut values, &off, Some(&mut z), how)?;
    }
    let mut u = Work::filled(n, n, T::ZERO)?;
    let mut turn = T::ONE;
    for i in 0..n {
        if i > 0 && !<T as faer::traits::ComplexField>::IS_REAL {
            let x = h.at(i, i - 1) * turn;
            let m = x.modulus();
            turn = if m == T::Re::ZERO {
                T::ONE
            } else {
                x * T::from_re(T::Re::ONE / m)
            };
        }
        for j in 0..n {
            *u.at_mut(i, j) = turn * T::from_re(T::Re::from_f64(z.at(i, j)));
        }
    }
    apply_block_householder_sequence_on_the_left_in_place_with_conj(
        h.as_ref().submatrix(1, 0, n - 1, n - 1),
        reflectors.as_ref(),
        Conj::No,
        u.as_mut().subrows_mut(1, n - 1),
        how.par,
        MemStack::new(&mut mem),
    );
    Ok((values.into_iter().map(T::Re::from_f64).collect(), Some(u)))
}

/// faer's eigensolver on the tridiagonal matrix (`d`, `off`): `d` becomes the eigenvalues and,
/// with `z`, `z` the eigenvectors.
fn faer_tridiagonal_eigh(
    d: &mut [f64],
    off: &[f64],
    z: Option<&mut Work<f64>>,
    how: How,
) -> Result<()> {
    let n = d.len();
    let diag = d.to_vec();
    let mut sub = off.to_vec();
    sub.push(0.0);
    let compute = if z.is_some() {
        ComputeEigenvectors::Yes
    } else {
        ComputeEigenvectors::No
    };
    let req = faer_evd::self_adjoint_evd_scratch::<f64>(n, compute, how.par, Default::default());
    let mut mem = scratch(req)?;
    faer_evd::tridiagonal_self_adjoint_evd(
        ColRef::from_slice(&diag).as_diagonal(),
        ColRef::from_slice(&sub).as_diagonal(),
        ColMut::from_slice_mut(d).as_diagonal_mut(),
        z.map(|z| z.as_mut()),
        how.par,
        MemStack::new(&mut mem),
        Default::default(),
    )
    .map_err(|_| not_converged())
}

/// The eigenvalues of the Hermitian `h` (destroyed): faer's tridiagonalization, then the
/// root-free QL iteration of `tridiagonal` (faer's QR iteration if that does not converge).
fn eigenvalues<T: Field>(h: &mut Work<T>, how: How) -> Result<Vec<T::Re>> {
    // One row of reflector factors: faer then builds no blocked factors, which only the
    // eigenvectors would need.
    tridiagonalize(h, 1, StackReq::empty(), how)?;
    let (mut d, e) = tridiagonal_of(h);
    match tridiagonal::eigenvalues(&d, &e) {
        Some(values) => d = values,
        None => faer_tridiagonal_eigh(&mut d, &e, None, how)?,
    }
    Ok(d.into_iter().map(T::Re::from_f64).collect())
}

/// Reduces the Hermitian `h` (`n ≥ 1`) to tridiagonal form in place by faer's blocked
/// Householder reflections; returns their factors (`block` rows) and scratch memory that
/// also covers `more`.
fn tridiagonalize<T: Field>(
    h: &mut Work<T>,
    block: usize,
    more: StackReq,
    how: How,
) -> Result<(Work<T>, MemBuffer)> {
    let n = h.rows;
    let mut reflectors = Work::filled(block, n - 1, T::ZERO)?;
    let req = faer_tridiag::tridiag_in_place_scratch::<T>(n, how.par, Default::default());
    let mut mem = scratch(StackReq::any_of(&[req, more]))?;
    faer_tridiag::tridiag_in_place(
        h.as_mut(),
        reflectors.as_mut(),
        how.par,
        MemStack::new(&mut mem),
        Default::default(),
    );
    Ok((reflectors, mem))
}

/// The real symmetric tridiagonal matrix (diagonal, off-diagonal) similar to the Hermitian
/// tridiagonal one that faer's tridiagonalization left in `h`. For complex `h` that is D·T·Dᴴ
/// for T with the moduli of its off-diagonal and a diagonal unitary D (`turn_rows` applies D).
fn tridiagonal_of<T: Field>(h: &Work<T>) -> (Vec<f64>, Vec<f64>) {
    let n = h.rows;
    let d = (0..n).map(|i| h.at(i, i).re().to_f64()).collect();
    let e = (1..n)
        .map(|i| {
            let x = h.at(i, i - 1);
            if <T as faer::traits::ComplexField>::IS_REAL {
                x.re().to_f64()
            } else {
                x.modulus().to_f64()
            }
        })
        .collect();
    (d, e)
}

fn all_finite<T: Field>(w: &Work<T>) -> bool {
    (0..w.cols).all(|j| {
        (0..w.rows).all(|i| {
            let x = w.at(i, j);
            x.re().modulus() < T::Re::INFINITY && x.im().modulus() < T::Re::INFINITY
        })
    })
}

fn not_converged() -> Error {
    Error::LinAlg("Eigenvalues did not converge".into())
}

/// `numpy.linalg.eigh` (with `vectors`) and `eigvalsh`: the eigenvalues of each Hermitian
/// matrix of the stack `a` (read from its `upper` or lower triangle), ascending, in the real
/// dtype, and with `vectors` the eigenvectors as columns.
pub fn eigh(a: &Array, upper: bool, vectors: bool) -> Result<(Array, Option<Array>)> {
    let stack = Stack::square(a.shape())?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    let n = stack.rows;
    with_inexact!(a.dtype(), T => {
        let values = Array::empty(<T as Field>::Re::DTYPE, &stack.shape_with(&[n]))?;
        let vecs = vectors.then(|| Array::empty(T::DTYPE, a.shape())).transpose()?;
        each_matrix(&EIGH_INFO, T::DTYPE, stack.count, n.saturating_mul(n), |i, how| {
            // SAFETY: `matrix` addresses one n×n matrix of `a`; each index writes its own
            // vector and matrix of the fresh results.
            unsafe {
                let h = hermitian(matrix::<T>(&a, i), n, upper)?;
                let (w, v) = eigh_of(h, vectors, how)?;
                let to: Mat<<T as Field>::Re> = vector(&values, i);
                for (j, &x) in w.iter().enumerate() {
                    to.set(j, 0, x);
                }
                if let (Some(v), Some(out)) = (v, &vecs) {
                    v.store(matrix(out, i));
                }
            }
            Ok(())
        })?;
        Ok((values, vecs))
    })
}

/// `numpy.linalg.eig` (with `vectors`) and `eigvals`: the eigenvalues of each matrix of the
/// stack `a` and with `vectors` its (right) eigenvectors as columns. LinAlgError for a NaN or
/// infinity, as NumPy.
pub fn eig(a: &Array, vectors: bool) -> Result<(Array, Option<Array>)> {
    let stack = Stack::square(a.shape())?;
    let a = operand(a, compute_dtype(a.dtype()))?;
    with_inexact!(a.dtype(), T => eig_in::<T>(&a, &stack, vectors))
}

/// `eig` in the field `T` of `a`. The results are complex whatever the eigenvalues, as
/// NumPy 2.5's (2.4 and earlier made them real when every eigenvalue of the stack was).
fn eig_in<T: Field>(a: &Array, stack: &Stack, vectors: bool) -> Result<(Array, Option<Array>)>
where
    Complex<T::Re>: Field<Re = T::Re>,
{
    type C<T> = Complex<<T as Field>::Re>;
    let n = stack.rows;
    // The complex dtype of the compute dtype: the promotion table's rule.
    let cdtype = promote_types(T::DTYPE, DType::Complex64);
    let values = Array::empty(cdtype, &stack.shape_with(&[n]))?;
    let vecs = vectors
        .then(|| Array::empty(cdtype, a.shape()))
        .transpose()?;
    each_matrix(
        &EIG_INFO,
        T::DTYPE,
        stack.count,
        n.saturating_mul(n),
        |i, how| {
            // SAFETY: as `eigh`.
            unsafe {
                let w = Work::copy_of(matrix::<T>(a, i), n, n)?;
                if !all_finite(&w) {
                    return Err(Error::LinAlg("Array must not contain infs or NaNs".into()));
                }
                let (s, u) = general::<T>(&w, vectors, how)?;
                let to: Mat<C<T>> = vector(&values, i);
                for (j, &x) in s.iter().enumerate() {
                    to.set(j, 0, x);
                }
                if let (Some(u), Some(out)) = (u, &vecs) {
                    u.store(matrix(out, i));
                }
            }
            Ok(())
        },
    )?;
    Ok((values, vecs))
}

/// The eigenvalues of the general `a`, and with `vectors` its eigenvectors, scaled as LAPACK's
/// geev scales them.
#[allow(clippy::type_complexity)]
fn general<T: Field>(
    a: &Work<T>,
    vectors: bool,
    how: How,
) -> Result<(Vec<Complex<T::Re>>, Option<Work<Complex<T::Re>>>)>
where
    Complex<T::Re>: Field<Re = T::Re>,
{
    let n = a.rows;
    let compute = if vectors {
        ComputeEigenvectors::Yes
    } else {
        ComputeEigenvectors::No
    };
    let req = faer_evd::evd_scratch::<T>(
        n,
        ComputeEigenvectors::No,
        compute,
        how.par,
        Default::default(),
    );
    let mut mem = scratch(req)?;
    let mut s = Work::filled(n, 1, T::ZERO)?;
    let mut s_im = Work::filled(n, 1, T::ZERO)?;
    let mut u = if vectors {
        Some(Work::filled(n, n, T::ZERO)?)
    } else {
        None
    };
    let not_converged = |_| not_converged();
    // faer's two entry points name the real or complex scalar type; `T` is one of them.
    if T::IS_REAL {
        faer_evd::evd_real::<T::Re>(
            same(a.as_ref())?,
            same_mut(s.as_mut())?.col_mut(0).as_diagonal_mut(),
            same_mut(s_im.as_mut())?.col_mut(0).as_diagonal_mut(),
            None,
            u.as_mut().map(|u| same_mut(u.as_mut())).transpose()?,
            how.par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(not_converged)?;
    } else {
        faer_evd::evd_cplx::<T::Re>(
            same(a.as_ref())?,
            same_mut(s.as_mut())?.col_mut(0).as_diagonal_mut(),
            None,
            u.as_mut().map(|u| same_mut(u.as_mut())).transpose()?,
            how.par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(not_converged)?;
    }
    let mut values = Vec::with_capacity(n);
    let mut out = if vectors {
        Some(Work::filled(n, n, Complex::<T::Re>::ZERO)?)
    } else {
        None
    };
    let mut j = 0;
    while j < n {
        let (re, im) = (s.at(j, 0).re(), s.at(j, 0).im() + s_im.at(j, 0).re());
        // A real matrix's complex pair is stored as columns (re, im) of the real u.
        let pair = T::IS_REAL && im != T::Re::ZERO && j + 1 < n;
        values.push(Complex::new(re, im));
        if pair {
            values.push(Complex::new(re, -im));
        }
        if let (Some(u), Some(out)) = (&u, out.as_mut()) {
            for i in 0..n {
                let x = u.at(i, j);
                *out.at_mut(i, j) = if pair {
                    Complex::new(x.re(), u.at(i, j + 1).re())
                } else {
                    Complex::new(x.re(), x.im())
                };
            }
            scale_like_geev(out, j, pair || !T::IS_REAL);
            if pair {
                for i in 0..n {
                    *out.at_mut(i, j + 1) = out.at(i, j).conjugate();
                }
            }
        }
        j += if pair { 2 } else { 1 };
    }
    Ok((values, out))
}

/// `m` as a view of `U`s, which must be the same type as `T` (the caller's `T` is one of the
/// two types a generic faer entry point can name; this is checked, not assumed).
fn same<'a, T: 'static, U: 'static>(m: MatRef<'a, T>) -> Result<MatRef<'a, U>> {
    if TypeId::of::<T>() != TypeId::of::<U>() {
        return Err(Error::Type("linalg: scalar type mismatch".into()));
    }
    // SAFETY: T and U are the same type, so the pointer, dimensions and strides describe the
    // same elements.
    Ok(unsafe {
        MatRef::from_raw_parts(
            m.as_ptr().cast::<U>(),
            m.nrows(),
            m.ncols(),
            m.row_stride(),
            m.col_stride(),
        )
    })
}

/// `same` for a mutable view.
fn same_mut<'a, T: 'static, U: 'static>(m: MatMut<'a, T>) -> Result<MatMut<'a, U>> {
    if TypeId::of::<T>() != TypeId::of::<U>() {
        return Err(Error::Type("linalg: scalar type mismatch".into()));
    }
    // SAFETY: as `same`; the returned view takes over `m`'s exclusive borrow.
    Ok(unsafe {
        MatMut::from_raw_parts_mut(
            m.as_ptr_mut().cast::<U>(),
            m.nrows(),
            m.ncols(),
            m.row_stride(),
            m.col_stride(),
        )
    })
}

/// Column `j` of `u` to unit 2-norm and, if `rotate`, times the phase that makes its largest
/// component (the first of the largest moduli) real and positive.
fn scale_like_geev<R: Real>(u: &mut Work<Complex<R>>, j: usize, rotate: bool)
where
    Complex<R>: Field<Re = R>,
{
    let n = u.rows;
    let norm = reference::qr::norm((0..n).map(|i| u.at(i, j)));
    if norm == R::ZERO {
        return;
    }
    let mut factor = Complex::new(R::ONE / norm, R::ZERO);
    if rotate {
        let big = (0..n).fold(0, |b, i| {
            if u.at(i, j).modulus2() > u.at(b, j).modulus2() {
                i
            } else {
                b
            }
        });
        let x = u.at(big, j);
        factor = factor * (x.conjugate() / Complex::from_re(x.modulus()));
    }
    for i in 0..n {
        *u.at_mut(i, j) = u.at(i, j) * factor;
    }
    if rotate {
        let big = (0..n).fold(0, |b, i| {
            if u.at(i, j).modulus2() > u.at(b, j).modulus2() {
                i
            } else {
                b
            }
        });
        *u.at_mut(big, j) = Complex::from_re(u.at(big, j).re());
    }
}
