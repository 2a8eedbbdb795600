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
        if off <= T::Re::EPSILON * T::Re::EPSILON * total {
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
