//! LAPACK's Householder QR (geqrf, orgqr) in blocks, for the fast tiers where faer's QR does
//! not give LAPACK's factors: complex matrices (faer's complex reflectors are Hermitian and
//! leave R's diagonal complex), `mode='raw'`, and matrices faer finds rank-deficient. The
//! reflectors are `reference::qr`'s, column by column within a panel of `PANEL` columns; the
//! panel's reflectors then act on the rest of the matrix at once as the block reflector
//! `I − V·T·Vᴴ` (larft's T), two matrix products by faer where the textbook loop reads the
//! whole trailing matrix once per column.

use super::field::Field;
use super::reference;
use super::stack::Work;
use crate::error::Result;
use faer::linalg::matmul::matmul;
use faer::{Accum, MatMut, MatRef, Par};

/// Columns factored one by one before the rest of the matrix is updated.
const PANEL: usize = 32;

/// Factors the `m×n` `a` in place exactly as `reference::qr::factor` (the same reflectors and
/// τ, to rounding). Returns the `min(m, n)` scalars τ.
pub fn factor<T: Field>(a: &mut Work<T>, par: Par) -> Result<Vec<T>> {
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    let mut tau = Vec::with_capacity(k);
    for j0 in (0..k).step_by(PANEL) {
        let jb = PANEL.min(k - j0);
        let end = j0 + jb;
        tau.extend((j0..end).map(|j| reference::qr::reflect(a, j, end)));
        if end < n {
            // The rest of rows j0.. ← Hᴴ·C = C − V·(Tᴴ·(Vᴴ·C)).
            let (v, t) = block_reflector(a, j0, jb, &tau[j0..end])?;
            let c = a.as_mut().submatrix_mut(j0, end, m - j0, n - end);
            apply(v.as_ref(), t.as_ref(), true, c, par)?;
        }
    }
    Ok(tau)
}

/// The first `cols` columns of `Q = H₀⋯H_{k-1}` (`k ≤ cols ≤ m`) from `factor`'s output, as
/// `reference::qr::form_q`: the blocks applied to the identity, last first.
pub fn form_q<T: Field>(h: &Work<T>, tau: &[T], cols: usize, par: Par) -> Result<Work<T>> {
    let m = h.rows;
    let mut q = Work::filled(m, cols, T::ZERO)?;
    for i in 0..cols.min(m) {
        *q.at_mut(i, i) = T::ONE;
    }
    let k = tau.len();
    for j0 in (0..k).step_by(PANEL).rev() {
        let jb = PANEL.min(k - j0);
        // Columns before j0 are still zero in rows j0.. (later blocks act below their start).
        let (v, t) = block_reflector(h, j0, jb, &tau[j0..j0 + jb])?;
        let c = q.as_mut().submatrix_mut(j0, j0, m - j0, cols - j0);
        apply(v.as_ref(), t.as_ref(), false, c, par)?;
    }
    Ok(q)
}

/// V (rows j0.. of columns j0..j0+jb of `h`: unit lower trapezoidal, with its 1s and zeros
/// written in) and larft's upper triangular T, with `H_{j0}⋯H_{j0+jb-1} = I − V·T·Vᴴ`:
/// T[i,i] = τ_i and T[..i, i] = −τ_i·T[..i, ..i]·(V[:, ..i]ᴴ·v_i).
fn block_reflector<T: Field>(
    h: &Work<T>,
    j0: usize,
    jb: usize,
    tau: &[T],
) -> Result<(Work<T>, Work<T>)> {
    let rows = h.rows - j0;
    let mut v = Work::filled(rows, jb, T::ZERO)?;
    for c in 0..jb {
        *v.at_mut(c, c) = T::ONE;
        for r in c + 1..rows {
            *v.at_mut(r, c) = h.at(j0 + r, j0 + c);
        }
    }
    let mut t = Work::filled(jb, jb, T::ZERO)?;
    for i in 0..jb {
        *t.at_mut(i, i) = tau[i];
        // w = V[:, ..i]ᴴ·v_i: v_i is zero above row i.
        let w: Vec<T> = (0..i)
            .map(|p| (i..rows).fold(T::ZERO, |s, r| s + v.at(r, p).conjugate() * v.at(r, i)))
            .collect();
        for p in 0..i {
            let s = (p..i).fold(T::ZERO, |s, q| s + t.at(p, q) * w[q]);
            *t.at_mut(p, i) = -tau[i] * s;
        }
    }
    Ok((v, t))
}

/// `c ← c − V·(T·(Vᴴ·c))`, or with Tᴴ for T when `adjoint`.
fn apply<T: Field>(
    v: MatRef<'_, T>,
    t: MatRef<'_, T>,
    adjoint: bool,
    mut c: MatMut<'_, T>,
    par: Par,
) -> Result<()> {
    let (jb, cols) = (v.ncols(), c.ncols());
    let mut w = Work::filled(jb, cols, T::ZERO)?;
    let mut tw = Work::filled(jb, cols, T::ZERO)?;
    matmul(
        w.as_mut(),
        Accum::Replace,
        v.adjoint(),
        c.as_ref(),
        T::ONE,
        par,
    );
    if adjoint {
        matmul(
            tw.as_mut(),
            Accum::Replace,
            t.adjoint(),
            w.as_ref(),
            T::ONE,
            par,
        );
    } else {
        matmul(tw.as_mut(), Accum::Replace, t, w.as_ref(), T::ONE, par);
    }
    matmul(c.as_mut(), Accum::Add, v, tw.as_ref(), -T::ONE, par);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_complex::Complex64;

    fn sample(m: usize, n: usize, seed: u64) -> Work<Complex64> {
        let mut next = crate::ops::linalg::test_numbers(seed);
        let mut w = Work::filled(m, n, Complex64::ZERO).unwrap();
        for j in 0..n {
            for i in 0..m {
                *w.at_mut(i, j) = Complex64::new(next(), next());
            }
        }
        w
    }

    #[test]
    fn blocks_give_the_textbook_factors() {
        // Shapes around the panel width: one panel, a partial last panel, wide and tall.
        for (m, n) in [
            (1, 1),
            (5, 40),
            (40, 5),
            (32, 32),
            (70, 45),
            (45, 70),
            (97, 97),
            (3, 100),
        ] {
            for par in [Par::Seq, Par::rayon(2)] {
                let mut blocked = sample(m, n, (m * 131 + n) as u64);
                let mut textbook = sample(m, n, (m * 131 + n) as u64);
                let tau = factor(&mut blocked, par).unwrap();
                let want = reference::qr::factor(&mut textbook);
                let close = |a: Complex64, b: Complex64| (a - b).norm() < 1e-12 * (m + n) as f64;
                assert!(
                    tau.iter().zip(&want).all(|(&a, &b)| close(a, b)),
                    "τ {m}×{n}"
                );
                for j in 0..n {
                    for i in 0..m {
                        assert!(
                            close(blocked.at(i, j), textbook.at(i, j)),
                            "h[{i},{j}] {m}×{n}"
                        );
                    }
                }
                for cols in [m.min(n), m] {
                    let q = form_q(&blocked, &tau, cols, par).unwrap();
                    let q0 = reference::qr::form_q(&textbook, &want, cols).unwrap();
                    for j in 0..cols {
                        for i in 0..m {
                            assert!(close(q.at(i, j), q0.at(i, j)), "q[{i},{j}] {m}×{n}");
                        }
                    }
                }
            }
        }
    }
}
