//! The eigenvalues of a real symmetric tridiagonal matrix by the root-free implicit QL
//! iteration (Pal, Walker and Kahan; the method of LAPACK's `sterf`, which NumPy's eigvalsh
//! reaches through `syevd`): the eigenvalues-only half of `eigvalsh` at the fast tiers, after
//! faer's tridiagonalization. faer's own eigenvalues-only path re-tests every off-diagonal entry
//! with a `hypot` on each sweep; at n = 300 it was three fifths of eigvalsh's time.
//!
//! The iteration works on the squares of the off-diagonal entries, so a sweep needs no square
//! roots: each step of the chase is two divisions and a few products. It computes in float64
//! for both float dtypes (float32 eigenvalues are rounded once at the end), on a copy scaled by
//! a power of two so that the squares neither overflow nor underflow.

/// Sweeps allowed per eigenvalue, as LAPACK (`30 n` in all) before the caller falls back.
const SWEEPS_PER_EIGENVALUE: usize = 30;

/// The eigenvalues, ascending, of the symmetric tridiagonal matrix with diagonal `d` and
/// off-diagonal `e` (`e.len() + 1 == d.len()`, or both empty); `None` if the iteration did not
/// converge in `30 n` sweeps. Every entry must be finite.
pub fn eigenvalues(d: &[f64], e: &[f64]) -> Option<Vec<f64>> {
    let n = d.len();
    let Some(k) = scale_exponent(d, e) else {
        return Some(vec![0.0; n]);
    };
    let mut d: Vec<f64> = d.iter().map(|&x| times_pow2(x, -k)).collect();
    let mut e2: Vec<f64> = e.iter().map(|&x| times_pow2(x, -k).powi(2)).collect();
    if !chase(&mut d, &mut e2) {
        return None;
    }
    let mut values: Vec<f64> = d.iter().map(|&x| times_pow2(x, k)).collect();
    values.sort_by(f64::total_cmp);
    Some(values)
}

/// The k for which the tridiagonal matrix (`d`, `e`) scaled by 2^-k has its largest entry near
/// 1 (an exact scaling), or None when every entry is zero. Entries must be finite.
pub(super) fn scale_exponent(d: &[f64], e: &[f64]) -> Option<i32> {
    let largest = d.iter().chain(e).fold(0.0f64, |m, x| m.max(x.abs()));
    (largest > 0.0).then(|| largest.log2().round() as i32)
}

/// `x · 2^k` for any `k` a scaling above can produce (|k| < 2100): two steps, so that neither
/// factor overflows.
pub(super) fn times_pow2(x: f64, k: i32) -> f64 {
    let half = k / 2;
    x * 2f64.powi(half) * 2f64.powi(k - half)
}

/// Whether the off-diagonal entry whose square is `e2`, between diagonal entries `a` and `b`,
/// is negligible: below `eps·sqrt|ab|` (a perturbation within the eigenvalues' rounding), or so
/// small that its square underflows (the matrix is scaled to norm ~1, so that is far below).
fn negligible(e2: f64, a: f64, b: f64) -> bool {
    e2 <= f64::EPSILON * f64::EPSILON * (a * b).abs() || e2 < f64::MIN_POSITIVE
}

/// Runs the QL iteration on `d` and `e2` (the squared off-diagonal) until every off-diagonal
/// entry is negligible, leaving the eigenvalues (unsorted) in `d`. False after too many sweeps.
fn chase(d: &mut [f64], e2: &mut [f64]) -> bool {
    let n = d.len();
    let mut sweeps_left = SWEEPS_PER_EIGENVALUE * n;
    // d[..top] are converged eigenvalues; the block being reduced starts at `top`.
    let mut top = 0;
    while top < n {
        // The unreduced block is d[top..=end]: its off-diagonal entries are not negligible.
        let mut end = top;
        while end + 1 < n && !negligible(e2[end], d[end], d[end + 1]) {
            end += 1;
        }
        match end - top {
            0 => top += 1,
            1 => {
                let (a, b) = two_by_two(d[top], e2[top].sqrt(), d[top + 1]);
                (d[top], d[top + 1], e2[top]) = (a, b, 0.0);
                top += 2;
            }
            _ => {
                if sweeps_left == 0 {
                    return false;
                }
                sweeps_left -= 1;
                sweep(&mut d[top..=end], &mut e2[top..end]);
            }
        }
    }
    true
}

/// One implicit QL sweep over an unreduced block (`e2.len() + 1 == d.len() ≥ 3`), shifted by
/// the eigenvalue of the block's top 2×2 nearer its top entry (Wilkinson's shift): it chases a
/// bulge from the bottom to the top, and drives `e2[0]` towards zero.
fn sweep(d: &mut [f64], e2: &mut [f64]) {
    let m = e2.len();
    let root = e2[0].sqrt();
    let g = (d[1] - d[0]) / (2.0 * root);
    let r = g.hypot(1.0);
    let shift = d[0] - root / (g + if g < 0.0 { -r } else { r });
    // The chase keeps c and s as squares of a rotation's cosine and sine, and p = γ²/c.
    let (mut c, mut s) = (1.0, 0.0);
    let mut gamma = d[m] - shift;
    let mut p = gamma * gamma;
    for i in (0..m).rev() {
        let b = e2[i];
        let r = p + b; // > 0: b is not negligible, so not 0
        if i + 1 < m {
            e2[i + 1] = s * r;
        }
        let old_c = c;
        c = p / r;
        s = b / r;
        let old_gamma = gamma;
        let alpha = d[i];
        gamma = c * (alpha - shift) - s * old_gamma;
        d[i + 1] = old_gamma + (alpha - gamma);
        p = if c != 0.0 {
            gamma * gamma / c
        } else {
            old_c * b
        };
    }
    e2[0] = s * p;
    d[0] = shift + gamma;
}

/// The eigenvalues of `[[a, b], [b, c]]`: the larger in magnitude first from the sum, the other
/// from the determinant divided by it, so that neither cancels.
fn two_by_two(a: f64, b: f64, c: f64) -> (f64, f64) {
    let sum = a + c;
    let root = (a - c).hypot(2.0 * b);
    if sum == 0.0 {
        return (0.5 * root, -0.5 * root);
    }
    let big = 0.5 * (sum + if sum < 0.0 { -root } else { root });
    let (large, small) = if a.abs() > c.abs() { (a, c) } else { (c, a) };
    (big, (large / big) * small - (b / big) * b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eigenvalues of the tridiagonal (d, e) by the cyclic Jacobi of the reference tier,
    /// on the full matrix.
    fn jacobi(d: &[f64], e: &[f64]) -> Vec<f64> {
        use crate::ops::linalg::stack::Work;
        let n = d.len();
        let mut w = Work::filled(n, n, 0.0).unwrap();
        for i in 0..n {
            *w.at_mut(i, i) = d[i];
            if i + 1 < n {
                *w.at_mut(i + 1, i) = e[i];
                *w.at_mut(i, i + 1) = e[i];
            }
        }
        let (mut v, _) = crate::ops::linalg::reference::jacobi::eigh(&mut w, false)
            .unwrap()
            .unwrap();
        v.sort_by(f64::total_cmp);
        v
    }

    fn close(got: &[f64], want: &[f64], norm: f64) {
        assert_eq!(got.len(), want.len());
        let tol = 64.0 * f64::EPSILON * norm * got.len() as f64;
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() <= tol, "{got:?} vs {want:?}");
        }
    }

    #[test]
    fn matches_known_spectra() {
        // The second-difference matrix: eigenvalues 2 − 2 cos(kπ/(n+1)).
        let n = 50;
        let want: Vec<f64> = (1..=n)
            .map(|k| 2.0 - 2.0 * (k as f64 * std::f64::consts::PI / (n + 1) as f64).cos())
            .collect();
        close(
            &eigenvalues(&vec![2.0; n], &vec![-1.0; n - 1]).unwrap(),
            &want,
            4.0,
        );
        // Zero diagonal: ± pairs, and a 2×2 alone.
        close(
            &eigenvalues(&[0.0, 0.0], &[3.0]).unwrap(),
            &[-3.0, 3.0],
            3.0,
        );
        let d = [0.0; 7];
        let e = [1.0; 6];
        close(&eigenvalues(&d, &e).unwrap(), &jacobi(&d, &e), 2.0);
        // Already diagonal, empty, one entry, all zero.
        assert_eq!(
            eigenvalues(&[3.0, -1.0, 2.0], &[0.0, 0.0]).unwrap(),
            [-1.0, 2.0, 3.0]
        );
        assert_eq!(eigenvalues(&[], &[]).unwrap(), Vec::<f64>::new());
        assert_eq!(eigenvalues(&[5.0], &[]).unwrap(), [5.0]);
        assert_eq!(eigenvalues(&[0.0; 3], &[0.0; 2]).unwrap(), [0.0; 3]);
    }

    #[test]
    fn matches_jacobi_on_random_wilkinson_and_graded_matrices() {
        let mut next = crate::ops::linalg::test_numbers(7);
        for n in [3, 4, 9, 40] {
            let d: Vec<f64> = (0..n).map(|_| next()).collect();
            let e: Vec<f64> = (0..n - 1).map(|_| next()).collect();
            close(&eigenvalues(&d, &e).unwrap(), &jacobi(&d, &e), 2.0);
        }
        // Wilkinson's W21+: close pairs of eigenvalues.
        let d: Vec<f64> = (0..21).map(|i| (10 - i as i32).abs() as f64).collect();
        let e = vec![1.0; 20];
        close(&eigenvalues(&d, &e).unwrap(), &jacobi(&d, &e), 11.0);
        // Graded: entries from 1 down to 1e-30.
        let d: Vec<f64> = (0..12).map(|i| 10f64.powi(-3 * i)).collect();
        let e: Vec<f64> = (0..11).map(|i| 10f64.powi(-3 * i - 1)).collect();
        close(&eigenvalues(&d, &e).unwrap(), &jacobi(&d, &e), 1.0);
    }

    #[test]
    fn scaling_keeps_huge_and_tiny_matrices_finite() {
        for scale in [1e300, 1e-300, 4e-320] {
            let d = [2.0 * scale, 2.0 * scale, 2.0 * scale];
            let e = [-scale, -scale];
            let got = eigenvalues(&d, &e).unwrap();
            let want = [2.0 - 2f64.sqrt(), 2.0, 2.0 + 2f64.sqrt()];
            for (g, w) in got.iter().zip(want) {
                assert!((g / scale - w).abs() <= 1e-3 * w, "{scale}: {got:?}");
            }
        }
    }
}
