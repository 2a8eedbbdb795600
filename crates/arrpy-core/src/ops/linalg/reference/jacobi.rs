//! Jacobi's methods: plane rotations applied until a matrix is diagonal (Golub & Van Loan,
//! §8.5). Slow (each sweep is O(n³), and a few sweeps are needed) but short, and accurate.
//!
//! - `eigh`: the cyclic Jacobi eigenvalue algorithm for a Hermitian matrix: `A ← Jᴴ·A·J` for
//!   each pair (p, q) in turn, J chosen to zero `A[p, q]`, until no off-diagonal entry is left;
//!   the product of the Js holds the eigenvectors.
//! - `svd`: one-sided Jacobi (Hestenes): rotate pairs of columns of A until they are orthogonal;
//!   their norms are then the singular values, the normalized columns U, the rotations V.
//!
//! Each stops after `MAX_SWEEPS` sweeps (they converge quadratically: a dozen is plenty) and
//! reports non-convergence, which is also what a NaN leads to.

use crate::error::Result;
use crate::ops::linalg::field::{Field, Real};
use crate::ops::linalg::stack::Work;

/// Eigenvalues, and eigenvectors as columns.
pub type Eigh<T> = (Vec<<T as Field>::Re>, Option<Work<T>>);
/// Singular values, and U and V.
pub type Svd<T> = (Vec<<T as Field>::Re>, Option<(Work<T>, Work<T>)>);

pub const MAX_SWEEPS: usize = 60;

/// The rotation that diagonalizes the Hermitian 2×2 `[[app, apq], [conj(apq), aqq]]` (apq ≠ 0):
/// `J = [[c, s·w], [−s·w̄, c]]` with w the phase of apq (Golub & Van Loan's sym.schur2 after
/// the phase is taken out). Returns (c, s, w).
fn rotation<T: Field>(app: T::Re, aqq: T::Re, apq: T) -> (T::Re, T::Re, T) {
    let modulus = apq.modulus();
    let w = apq / T::from_re(modulus);
    let two = T::Re::ONE + T::Re::ONE;
    let theta = (aqq - app) / (two * modulus);
    let t = T::Re::ONE / (theta.modulus() + (T::Re::ONE + theta * theta).sqrt());
    let t = if theta < T::Re::ZERO { -t } else { t };
    // For huge theta, t² underflows to the right limit (t → 1/(2θ)), so no special case.
    let c = T::Re::ONE / (T::Re::ONE + t * t).sqrt();
    (c, t * c, w)
}

/// Columns p and q of `m` times J: `(x, y) ← (c·x − s·w̄·y, s·w·x + c·y)`.
fn rotate_columns<T: Field>(m: &mut Work<T>, p: usize, q: usize, (c, s, w): (T::Re, T::Re, T)) {
    let (c, sw, swc) = (
        T::from_re(c),
        T::from_re(s) * w,
        T::from_re(s) * w.conjugate(),
    );
    for k in 0..m.rows {
        let (x, y) = (m.at(k, p), m.at(k, q));
        *m.at_mut(k, p) = c * x - swc * y;
        *m.at_mut(k, q) = sw * x + c * y;
    }
}

/// Rows p and q of `m` times Jᴴ on the left: `(x, y) ← (c·x − s·w·y, s·w̄·x + c·y)`.
fn rotate_rows<T: Field>(m: &mut Work<T>, p: usize, q: usize, (c, s, w): (T::Re, T::Re, T)) {
    let (c, sw, swc) = (
        T::from_re(c),
        T::from_re(s) * w,
        T::from_re(s) * w.conjugate(),
    );
    for k in 0..m.cols {
        let (x, y) = (m.at(p, k), m.at(q, k));
        *m.at_mut(p, k) = c * x - sw * y;
        *m.at_mut(q, k) = swc * x + c * y;
    }
}

/// The eigenvalues (ascending) and, with `vectors`, the eigenvectors (as columns, in the same
/// order) of the Hermitian `a`, which is overwritten; None when it did not converge.
pub fn eigh<T: Field>(a: &mut Work<T>, vectors: bool) -> Result<Option<Eigh<T>>> {
    let n = a.rows;
    let mut v = if vectors {
        Some(Work::identity(n, T::ZERO, T::ONE)?)
    } else {
        None
    };
    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let (off, total) = (0..n).flat_map(|j| (0..n).map(move |i| (i, j))).fold(
            (T::Re::ZERO, T::Re::ZERO),
            |(off, total), (i, j)| {
                let m2 = a.at(i, j).modulus2();
                (if i == j { off } else { off + m2 }, total + m2)
            },
        );
        // Converged when what is left off the diagonal is rounding: n·ε relative to ‖A‖.
        let tol = T::Re::EPSILON * T::Re::from_f64(n as f64);
        if off <= tol * tol * total {
            converged = true;
            break;
        }
        // A NaN never passes the test above; no point sweeping on.
        if off.partial_cmp(&off).is_none() {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a.at(p, q) == T::ZERO {
                    continue;
                }
                let r = rotation(a.at(p, p).re(), a.at(q, q).re(), a.at(p, q));
                rotate_columns(a, p, q, r);
                rotate_rows(a, p, q, r);
                // Exactly zero and exactly real, as the rotation makes them up to rounding.
                *a.at_mut(p, q) = T::ZERO;
                *a.at_mut(q, p) = T::ZERO;
                *a.at_mut(p, p) = T::from_re(a.at(p, p).re());
                *a.at_mut(q, q) = T::from_re(a.at(q, q).re());
                if let Some(v) = v.as_mut() {
                    rotate_columns(v, p, q, r);
                }
            }
        }
    }
    if !converged {
        return Ok(None);
    }
    let mut order: Vec<usize> = (0..n).collect();
    let values: Vec<T::Re> = (0..n).map(|i| a.at(i, i).re()).collect();
    order.sort_by(|&i, &j| {
        values[i]
            .partial_cmp(&values[j])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let sorted = order.iter().map(|&i| values[i]).collect();
    let v = match v {
        Some(v) => Some(permute_columns(&v, &order)?),
        None => None,
    };
    Ok(Some((sorted, v)))
}

/// The columns of `m` in `order`.
fn permute_columns<T: Field>(m: &Work<T>, order: &[usize]) -> Result<Work<T>> {
    let mut out = Work::filled(m.rows, order.len(), T::ZERO)?;
    for (j, &from) in order.iter().enumerate() {
        for i in 0..m.rows {
            *out.at_mut(i, j) = m.at(i, from);
        }
    }
    Ok(out)
}

/// The thin SVD of the `m×n` `a` with m ≥ n, `a = U·diag(s)·Vᴴ`: the singular values
/// (descending), and with `vectors` U (`m×n`) and V (`n×n`). A column of U whose singular value
/// is negligible is left zero (the caller completes U). `a` is overwritten; None when it did
/// not converge.
pub fn svd<T: Field>(a: &mut Work<T>, vectors: bool) -> Result<Option<Svd<T>>> {
    let (m, n) = (a.rows, a.cols);
    debug_assert!(m >= n);
    let mut v = Work::identity(n, T::ZERO, T::ONE)?;
    let tol = T::Re::EPSILON * T::Re::from_f64(m as f64).sqrt();
    let mut converged = n < 2;
    for _ in 0..MAX_SWEEPS {
        if converged {
            break;
        }
        converged = true;
        for p in 0..n {
            for q in p + 1..n {
                // The Gram matrix of columns p and q: [[alpha, gamma], [conj(gamma), beta]].
                let (mut alpha, mut beta, mut gamma) = (T::Re::ZERO, T::Re::ZERO, T::ZERO);
                for k in 0..m {
                    let (x, y) = (a.at(k, p), a.at(k, q));
                    alpha = alpha + x.modulus2();
                    beta = beta + y.modulus2();
                    gamma = gamma + x.conjugate() * y;
                }
                let g = gamma.modulus();
                // Not `g > …`: a NaN keeps the sweep unconverged until the cap.
                let small = g.partial_cmp(&(tol * (alpha * beta).sqrt()));
                if small != Some(std::cmp::Ordering::Less)
                    && small != Some(std::cmp::Ordering::Equal)
                {
                    converged = false;
                    if g == T::Re::ZERO {
                        continue;
                    }
                    let r = rotation(alpha, beta, gamma);
                    rotate_columns(a, p, q, r);
                    rotate_columns(&mut v, p, q, r);
                }
            }
        }
    }
    if !converged {
        return Ok(None);
    }
    let norms: Vec<T::Re> = (0..n)
        .map(|j| super::qr::norm((0..m).map(|i| a.at(i, j))))
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| {
        norms[j]
            .partial_cmp(&norms[i])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let s: Vec<T::Re> = order.iter().map(|&i| norms[i]).collect();
    if !vectors {
        return Ok(Some((s, None)));
    }
    let negligible = s.first().copied().unwrap_or(T::Re::ZERO)
        * T::Re::EPSILON
        * T::Re::from_f64(m.max(n) as f64);
    let mut u = permute_columns(a, &order)?;
    for (j, &sj) in s.iter().enumerate() {
        let scale = if sj > negligible {
            T::from_re(T::Re::ONE / sj)
        } else {
            T::ZERO
        };
        for i in 0..m {
            *u.at_mut(i, j) = u.at(i, j) * scale;
        }
    }
    let v = permute_columns(&v, &order)?;
    Ok(Some((s, Some((u, v)))))
}

/// Makes the columns of `u` (`m×c`) orthonormal where they are zero, keeping the others (which
/// must be orthonormal): each zero column becomes the unit vector e_i with the largest part
/// orthogonal to the columns so far, that part normalized (Gram–Schmidt, twice for accuracy).
pub fn complete<T: Field>(u: &mut Work<T>) {
    let (m, c) = (u.rows, u.cols);
    for j in 0..c {
        if (0..m).any(|i| u.at(i, j) != T::ZERO) {
            continue;
        }
        // |e_i − P·e_i|² = 1 − Σ_k |u[i, k]|² (the other columns, orthonormal or zero).
        let left = |i: usize| (0..c).fold(T::Re::ONE, |r, k| r - u.at(i, k).modulus2());
        let e = (0..m).fold(0, |best, i| if left(i) > left(best) { i } else { best });
        *u.at_mut(e, j) = T::ONE;
        for _ in 0..2 {
            for k in (0..c).filter(|&k| k != j) {
                let dot = (0..m).fold(T::ZERO, |d, i| d + u.at(i, k).conjugate() * u.at(i, j));
                for i in 0..m {
                    *u.at_mut(i, j) = u.at(i, j) - dot * u.at(i, k);
                }
            }
        }
        let norm = super::qr::norm((0..m).map(|i| u.at(i, j)));
        for i in 0..m {
            *u.at_mut(i, j) = u.at(i, j) / T::from_re(norm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::{evd, svd as faer_svd};
    use num_complex::Complex64;

    /// A small deterministic matrix with entries in [-1, 1].
    fn sample<T: Field>(rows: usize, cols: usize, seed: u64, make: fn(f64, f64) -> T) -> Work<T> {
        let mut w = Work::filled(rows, cols, T::ZERO).unwrap();
        let mut x = seed;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) as f64 / (1u64 << 31) as f64) * 2.0 - 1.0
        };
        for j in 0..cols {
            for i in 0..rows {
                *w.at_mut(i, j) = make(next(), next());
            }
        }
        w
    }

    fn hermitian<T: Field>(a: &Work<T>) -> Work<T> {
        let n = a.rows;
        let mut h = Work::filled(n, n, T::ZERO).unwrap();
        for j in 0..n {
            for i in 0..n {
                *h.at_mut(i, j) = a.at(i, j) + a.at(j, i).conjugate();
            }
        }
        h
    }

    fn faer_eigenvalues<T: Field>(h: &Work<T>) -> Vec<f64> {
        let n = h.rows;
        let mut s = Work::filled(n, 1, T::ZERO).unwrap();
        let req = evd::self_adjoint_evd_scratch::<T>(
            n,
            evd::ComputeEigenvectors::No,
            faer::Par::Seq,
            Default::default(),
        );
        let mut mem = MemBuffer::new(req);
        evd::self_adjoint_evd(
            h.as_ref(),
            s.as_mut().col_mut(0).as_diagonal_mut(),
            None,
            faer::Par::Seq,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .unwrap();
        (0..n).map(|i| s.at(i, 0).re().to_f64()).collect()
    }

    fn check_eigh<T: Field>(make: fn(f64, f64) -> T) {
        for n in [1, 2, 5, 8] {
            let h = hermitian(&sample(n, n, n as u64, make));
            let (w, v) = eigh(&mut h_copy(&h), true).unwrap().unwrap();
            let expected = faer_eigenvalues(&h);
            for (x, y) in w.iter().zip(&expected) {
                assert!((x.to_f64() - y).abs() < 1e-12, "{w:?} {expected:?}");
            }
            // H·v = λ·v for each column.
            let v = v.unwrap();
            for j in 0..n {
                for i in 0..n {
                    let hv = (0..n).fold(T::ZERO, |s, k| s + h.at(i, k) * v.at(k, j));
                    let r = hv - v.at(i, j) * T::from_re(w[j]);
                    assert!(r.modulus().to_f64() < 1e-12);
                }
            }
        }
    }

    fn h_copy<T: Field>(h: &Work<T>) -> Work<T> {
        let mut c = Work::filled(h.rows, h.cols, T::ZERO).unwrap();
        for j in 0..h.cols {
            for i in 0..h.rows {
                *c.at_mut(i, j) = h.at(i, j);
            }
        }
        c
    }

    fn check_svd<T: Field>(make: fn(f64, f64) -> T) {
        for (m, n) in [(1, 1), (4, 3), (7, 7), (9, 2)] {
            let a = sample(m, n, (m * n) as u64, make);
            let (s, uv) = svd(&mut h_copy(&a), true).unwrap().unwrap();
            let mut fs = Work::filled(n, 1, T::ZERO).unwrap();
            let no = faer_svd::ComputeSvdVectors::No;
            let mut mem = MemBuffer::new(faer_svd::svd_scratch::<T>(
                m,
                n,
                no,
                no,
                faer::Par::Seq,
                Default::default(),
            ));
            faer_svd::svd(
                a.as_ref(),
                fs.as_mut().col_mut(0).as_diagonal_mut(),
                None,
                None,
                faer::Par::Seq,
                MemStack::new(&mut mem),
                Default::default(),
            )
            .unwrap();
            for (j, x) in s.iter().enumerate() {
                assert!((x.to_f64() - fs.at(j, 0).re().to_f64()).abs() < 1e-12);
            }
            // A = U·S·Vᴴ.
            let (u, v) = uv.unwrap();
            for i in 0..m {
                for c in 0..n {
                    let x = (0..n).fold(T::ZERO, |acc, k| {
                        acc + u.at(i, k) * T::from_re(s[k]) * v.at(c, k).conjugate()
                    });
                    assert!((x - a.at(i, c)).modulus().to_f64() < 1e-12);
                }
            }
        }
    }

    #[test]
    fn jacobi_eigh_matches_faer() {
        check_eigh::<f64>(|x, _| x);
        check_eigh::<Complex64>(Complex64::new);
    }

    #[test]
    fn jacobi_svd_matches_faer() {
        check_svd::<f64>(|x, _| x);
        check_svd::<Complex64>(Complex64::new);
    }

    #[test]
    fn complete_fills_zero_columns_orthonormally() {
        let mut u = Work::filled(3, 3, 0.0f64).unwrap();
        *u.at_mut(0, 0) = 1.0;
        complete(&mut u);
        for a in 0..3 {
            for b in 0..3 {
                let d: f64 = (0..3).map(|i| u.at(i, a) * u.at(i, b)).sum();
                assert!((d - if a == b { 1.0 } else { 0.0 }).abs() < 1e-15);
            }
        }
    }

    #[test]
    fn nan_does_not_converge() {
        let mut a = Work::filled(2, 2, f64::NAN).unwrap();
        assert!(eigh(&mut a, false).unwrap().is_none());
        let mut a = Work::filled(2, 2, f64::NAN).unwrap();
        assert!(svd(&mut a, false).unwrap().is_none());
    }
}
