//! Householder QR (Golub & Van Loan, Algorithm 5.2.1) in LAPACK's convention (geqrf, orgqr):
//! `A = Q·R` with `Q = H₀·H₁⋯H_{k-1}`, each reflector `H = I − τ·v·vᴴ` with `v[0] = 1`
//! chosen so that `Hᴴ·x = β·e₀` for the column `x` below the diagonal, where
//! `β = −sign(Re x₀)·‖x‖` is real (so R has a real diagonal) and `τ = (β − x₀)/β`.
//!
//! This is exactly what NumPy's `qr(mode='raw')` returns, so every tier uses it for that mode,
//! and for complex matrices (faer's reflectors are Hermitian, LAPACK's are not: the two give R
//! diagonals that differ in phase, which no per-column fix can undo).

use crate::error::Result;
use crate::ops::linalg::field::{Field, Real};
use crate::ops::linalg::stack::Work;

/// Factors the `m×n` `a` in place: R on and above the diagonal, the essential part of each
/// `v` (below its implied 1) below it. Returns the `min(m, n)` scalars τ.
pub fn factor<T: Field>(a: &mut Work<T>) -> Vec<T> {
    let (m, n) = (a.rows, a.cols);
    (0..m.min(n)).map(|j| reflect(a, j, n)).collect()
}

/// Step `j` of the factorization: the reflector that zeroes column `j` below the diagonal
/// (stored there, β on the diagonal), applied to columns `j+1..end`. Returns its τ.
pub fn reflect<T: Field>(a: &mut Work<T>, j: usize, end: usize) -> T {
    let m = a.rows;
    let alpha = a.at(j, j);
    // ‖x[1..]‖, scaled so that squaring neither overflows nor underflows.
    let tail = norm((j + 1..m).map(|i| a.at(i, j)));
    if tail == T::Re::ZERO && alpha.im() == T::Re::ZERO {
        // Already β·e₀: H = I (τ = 0), as LAPACK's larfg.
        return T::ZERO;
    }
    let r = alpha.re().hypot(alpha.im()).hypot(tail);
    let beta = if alpha.re() >= T::Re::ZERO { -r } else { r };
    let tau = (T::from_re(beta) - alpha) / T::from_re(beta);
    let scale = T::ONE / (alpha - T::from_re(beta));
    for i in j + 1..m {
        *a.at_mut(i, j) = a.at(i, j) * scale;
    }
    *a.at_mut(j, j) = T::from_re(beta);
    // The columns to the right: A ← Hᴴ·A = A − τ̄·v·(vᴴ·A).
    for c in j + 1..end {
        let mut dot = a.at(j, c);
        for i in j + 1..m {
            dot = dot + a.at(i, j).conjugate() * a.at(i, c);
        }
        let f = tau.conjugate() * dot;
        *a.at_mut(j, c) = a.at(j, c) - f;
        for i in j + 1..m {
            *a.at_mut(i, c) = a.at(i, c) - f * a.at(i, j);
        }
    }
    tau
}

/// The first `cols` columns of `Q = H₀⋯H_{k-1}` (`m×cols`, `cols` at most m and at least the
/// number of reflectors), from `factor`'s output: the reflectors applied to the identity's
/// columns, last first (LAPACK's orgqr).
pub fn form_q<T: Field>(h: &Work<T>, tau: &[T], cols: usize) -> Result<Work<T>> {
    let m = h.rows;
    let mut q = Work::filled(m, cols, T::ZERO)?;
    for i in 0..cols.min(m) {
        *q.at_mut(i, i) = T::ONE;
    }
    for j in (0..tau.len()).rev() {
        // Q ← H_j·Q = Q − τ·v·(vᴴ·Q), on rows j.. (v is zero above row j).
        for c in 0..cols {
            let mut dot = q.at(j, c);
            for i in j + 1..m {
                dot = dot + h.at(i, j).conjugate() * q.at(i, c);
            }
            let f = tau[j] * dot;
            *q.at_mut(j, c) = q.at(j, c) - f;
            for i in j + 1..m {
                *q.at_mut(i, c) = q.at(i, c) - f * h.at(i, j);
            }
        }
    }
    Ok(q)
}

/// The 2-norm of `xs`, scaled by the largest modulus (so no square overflows or underflows).
pub fn norm<T: Field>(xs: impl Iterator<Item = T> + Clone) -> T::Re {
    let big = xs.clone().fold(
        T::Re::ZERO,
        |m, x| if x.modulus() > m { x.modulus() } else { m },
    );
    if big == T::Re::ZERO || big == T::Re::INFINITY {
        return big;
    }
    let sum = xs.fold(T::Re::ZERO, |s, x| s + (x / T::from_re(big)).modulus2());
    big * sum.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::qr::no_pivoting::factor as faer_qr;

    fn sample(rows: usize, cols: usize) -> Work<f64> {
        let mut w = Work::filled(rows, cols, 0.0).unwrap();
        for j in 0..cols {
            for i in 0..rows {
                *w.at_mut(i, j) = ((i * 7 + j * 3) % 11) as f64 - 5.0 + (i == j) as u8 as f64;
            }
        }
        w
    }

    #[test]
    fn r_matches_faer_and_q_reconstructs() {
        for (m, n) in [(1, 1), (5, 3), (4, 4)] {
            let a = sample(m, n);
            let mut h = sample(m, n);
            let tau = factor(&mut h);
            // faer's real reflectors use LAPACK's sign convention: the same R.
            let mut f = sample(m, n);
            let k = m.min(n);
            let mut factor_f = Work::filled(1, k, 0.0).unwrap();
            let mut mem = MemBuffer::new(faer_qr::qr_in_place_scratch::<f64>(
                m,
                n,
                1,
                faer::Par::Seq,
                Default::default(),
            ));
            faer_qr::qr_in_place(
                f.as_mut(),
                factor_f.as_mut(),
                faer::Par::Seq,
                MemStack::new(&mut mem),
                Default::default(),
            );
            for j in 0..n {
                for i in 0..=j.min(m - 1) {
                    assert!((h.at(i, j) - f.at(i, j)).abs() < 1e-12, "R[{i},{j}]");
                }
            }
            let q = form_q(&h, &tau, m).unwrap();
            for i in 0..m {
                for j in 0..n {
                    let x: f64 = (0..=j.min(m - 1)).map(|p| q.at(i, p) * h.at(p, j)).sum();
                    assert!((x - a.at(i, j)).abs() < 1e-12);
                }
            }
        }
    }
}
