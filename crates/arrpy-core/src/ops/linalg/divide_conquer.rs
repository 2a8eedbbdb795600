//! Eigenvalues and eigenvectors of a real symmetric tridiagonal matrix by Cuppen's divide and
//! conquer, in the form of LAPACK's `stedc` (the method NumPy's eigh reaches through `syevd`):
//! tear the matrix in two by a rank-one change, solve the halves (on two threads), and merge
//! their eigensystems by solving the secular equation of the rank-one update. Gu and
//! Eisenstat's recomputed update vector (Löwner's formula) keeps the merged eigenvectors
//! orthogonal to working precision.
//!
//! Why not faer's own: its merge finds each root of the secular equation by bisection and
//! secant steps (about twenty evaluations) in a scalar loop, one root after another. At n = 300
//! that was half of eigh's time. Here each root takes the two-pole rational step of LAPACK's
//! `laed4` (about three evaluations), every evaluation is vectorized, and the roots, Löwner's
//! products and the eigenvectors of a large merge are shared among threads. The leaves are
//! faer's QR iteration, the merge products faer's matrix products; a root that does not
//! converge sends the whole matrix back to faer's divide and conquer.

use super::stack::scratch;
use super::tridiagonal::{scale_exponent, times_pow2};
use crate::buffer::vec_with_capacity;
use crate::error::Result;
use crate::kernels::cpu::arch;
use faer::dyn_stack::MemStack;
use faer::linalg::evd as faer_evd;
use faer::linalg::matmul::matmul;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, ColRef, MatMut, MatRef, Par};
use rayon::prelude::*;

/// Blocks of at most this many rows are solved by faer's QR iteration (LAPACK's `smlsiz` is 25).
const LEAF: usize = 32;

/// Steps allowed for one root before the matrix goes back to faer.
const MAX_STEPS: usize = 64;

/// A merge with at least this many roots solves them on threads (when threads are allowed).
const MIN_THREADED_ROOTS: usize = 96;

/// Eigen-decomposes the symmetric tridiagonal matrix with diagonal `d` and off-diagonal `e`
/// (`e.len() + 1 == d.len()`, every entry finite): on return `d` holds the eigenvalues ascending
/// and `u` (`n×n`) the orthonormal eigenvectors as columns. False if a root of some secular
/// equation did not converge (`d` and `u` then hold garbage).
pub fn eigh(d: &mut [f64], e: &[f64], mut u: MatMut<'_, f64>, par: Par) -> Result<bool> {
    let n = d.len();
    // Scaled by a power of two to norm about 1, as stedc scales: the deflation tolerances
    // below are absolute, and the secular sums then neither overflow nor underflow.
    let k = match scale_exponent(d, e) {
        Some(k) if n > 1 => k,
        _ => {
            u.fill(0.0);
            u.diagonal_mut().fill(1.0);
            return Ok(true);
        }
    };
    d.iter_mut().for_each(|x| *x = times_pow2(*x, -k));
    let e: Vec<f64> = e.iter().map(|&x| times_pow2(x, -k)).collect();
    // Off the diagonal blocks of each merge the vectors stay zero: a merge reads whole columns.
    u.fill(0.0);
    let mut bufs = [zeros(n * n)?, zeros(n * n)?, zeros(n * n)?];
    let [a, b, c] = &mut bufs;
    let spare = Scratch {
        gathered: a,
        vectors: b,
        merged: c,
    };
    let ok = solve(d, &e, u, spare, par)?;
    d.iter_mut().for_each(|x| *x = times_pow2(*x, k));
    Ok(ok)
}

fn zeros(len: usize) -> Result<Vec<f64>> {
    let mut v = vec_with_capacity(len)?;
    v.resize(len, 0.0);
    Ok(v)
}

/// Work memory of a merge of `n` rows: three `n×n` matrices (the gathered vectors of the
/// halves, the eigenvectors of the rank-one update, the merged vectors before sorting).
struct Scratch<'a> {
    gathered: &'a mut [f64],
    vectors: &'a mut [f64],
    merged: &'a mut [f64],
}

impl Scratch<'_> {
    /// Two disjoint scratches borrowed from this one, the first of `at` elements a matrix.
    fn split(&mut self, at: usize) -> (Scratch<'_>, Scratch<'_>) {
        let (g0, g1) = self.gathered.split_at_mut(at);
        let (v0, v1) = self.vectors.split_at_mut(at);
        let (m0, m1) = self.merged.split_at_mut(at);
        let first = Scratch {
            gathered: g0,
            vectors: v0,
            merged: m0,
        };
        let second = Scratch {
            gathered: g1,
            vectors: v1,
            merged: m1,
        };
        (first, second)
    }
}

/// The parallelism each half of a split gets, if the halves run side by side.
fn halves(par: Par) -> Option<Par> {
    match par {
        Par::Rayon(threads) if threads.get() >= 2 => Some(if threads.get() >= 4 {
            Par::rayon(threads.get() / 2)
        } else {
            Par::Seq
        }),
        _ => None,
    }
}

fn solve(
    d: &mut [f64],
    e: &[f64],
    mut u: MatMut<'_, f64>,
    mut spare: Scratch,
    par: Par,
) -> Result<bool> {
    let n = d.len();
    if n <= LEAF {
        return leaf(d, e, u);
    }
    // T = diag(T1, T2) + β·v·vᵀ with v = e[n1-1] + sign(β)·e[n1]: β comes off the two diagonal
    // entries it joins.
    let n1 = n / 2;
    let beta = e[n1 - 1];
    d[n1 - 1] -= beta.abs();
    d[n1] -= beta.abs();
    let (ok0, ok1) = {
        let (d0, d1) = d.split_at_mut(n1);
        let (e0, e1) = (&e[..n1 - 1], &e[n1..]);
        let (u0, _, _, u1) = u.rb_mut().split_at_mut(n1, n1);
        let (s0, s1) = spare.split(n1 * n1);
        match halves(par) {
            Some(p) => rayon::join(|| solve(d0, e0, u0, s0, p), || solve(d1, e1, u1, s1, p)),
            None => (solve(d0, e0, u0, s0, par), solve(d1, e1, u1, s1, par)),
        }
    };
    if !(ok0? && ok1?) {
        return Ok(false);
    }
    merge(d, u, n1, beta, spare, par)
}

/// A small block: faer's implicit QR iteration.
fn leaf(d: &mut [f64], e: &[f64], u: MatMut<'_, f64>) -> Result<bool> {
    let n = d.len();
    let mut params: faer_evd::SelfAdjointEvdParams = faer::Auto::<f64>::auto();
    params.recursion_threshold = usize::MAX;
    let req = faer_evd::self_adjoint_evd_scratch::<f64>(
        n,
        faer_evd::ComputeEigenvectors::Yes,
        Par::Seq,
        params.into(),
    );
    let mut mem = scratch(req)?;
    let diag = d.to_vec();
    let mut sub = e.to_vec();
    sub.push(0.0);
    let converged = faer_evd::tridiagonal_self_adjoint_evd(
        ColRef::from_slice(&diag).as_diagonal(),
        ColRef::from_slice(&sub).as_diagonal(),
        faer::ColMut::from_slice_mut(d).as_diagonal_mut(),
        Some(u),
        Par::Seq,
        MemStack::new(&mut mem),
        params.into(),
    );
    Ok(converged.is_ok())
}

/// Which rows of the merged matrix a column of the halves' vectors can be nonzero in: the
/// first half's, the second's, or (after a deflating rotation mixed two) both.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rows {
    First,
    Both,
    Second,
}

/// Merges the eigensystems of the halves (`d[..n1]` with `u`'s top-left block, `d[n1..]` with
/// its bottom-right block, each ascending) into that of the whole, torn at `beta`.
fn merge(
    d: &mut [f64],
    mut u: MatMut<'_, f64>,
    n1: usize,
    beta: f64,
    spare: Scratch,
    par: Par,
) -> Result<bool> {
    let n = d.len();
    // The rank-one update in the halves' eigenbases: ρ·z·zᵀ with z of unit norm.
    let rho = 2.0 * beta.abs();
    let sign = if beta < 0.0 { -1.0 } else { 1.0 };
    let half = std::f64::consts::FRAC_1_SQRT_2;
    let z: Vec<f64> = (0..n)
        .map(|j| {
            if j < n1 {
                u[(n1 - 1, j)] * half
            } else {
                sign * u[(n1, j)] * half
            }
        })
        .collect();
    // In ascending order of d: position p holds column `col[p]` of u.
    let mut col: Vec<usize> = (0..n).collect();
    col.sort_by(|&a, &b| d[a].total_cmp(&d[b]));
    let mut ds: Vec<f64> = col.iter().map(|&j| d[j]).collect();
    let mut zs: Vec<f64> = col.iter().map(|&j| z[j]).collect();
    let mut rows: Vec<Rows> = col
        .iter()
        .map(|&j| if j < n1 { Rows::First } else { Rows::Second })
        .collect();

    // Deflation, as LAPACK's laed2: a negligible z component leaves its eigenpair as it is; two
    // eigenvalues close enough are rotated so that one of them has z = 0.
    let dmax = ds.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let zmax = zs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let tol = 8.0 * f64::EPSILON * dmax.max(zmax);
    let mut kept: Vec<usize> = Vec::with_capacity(n);
    let mut deflated: Vec<usize> = Vec::new();
    if rho * zmax <= tol {
        deflated.extend(0..n);
    } else {
        let mut pending: Option<usize> = None;
        for p in 0..n {
            if rho * zs[p].abs() <= tol {
                deflated.push(p);
                continue;
            }
            if let Some(q) = pending {
                let tau = zs[p].hypot(zs[q]);
                let (c, s) = (zs[p] / tau, -zs[q] / tau);
                if ((ds[p] - ds[q]) * c * s).abs() <= tol {
                    zs[p] = tau;
                    zs[q] = 0.0;
                    rotate(u.rb_mut(), col[q], col[p], c, s);
                    let (dq, dp) = (ds[q], ds[p]);
                    ds[q] = dq * c * c + dp * s * s;
                    ds[p] = dq * s * s + dp * c * c;
                    if rows[q] != rows[p] {
                        rows[q] = Rows::Both;
                        rows[p] = Rows::Both;
                    }
                    deflated.push(q);
                } else {
                    kept.push(q);
                }
            }
            pending = Some(p);
        }
        kept.extend(pending);
    }
    let k = kept.len();

    // The rank-one update's eigensystem on the kept positions.
    let dk: Vec<f64> = kept.iter().map(|&p| ds[p]).collect();
    let zk: Vec<f64> = kept.iter().map(|&p| zs[p]).collect();
    let Some(roots) = secular_roots(&dk, &zk, rho, par) else {
        return Ok(false);
    };
    let zhat = lowner(&dk, &zk, &roots, par);

    // The kept columns grouped by the rows they can be nonzero in, so that each half's rows
    // are one product that skips the other half's zero columns.
    let mut group: Vec<usize> = (0..k).collect();
    group.sort_by_key(|&i| rows[kept[i]]);
    let first = group
        .iter()
        .filter(|&&i| rows[kept[i]] == Rows::First)
        .count();
    let second = group
        .iter()
        .filter(|&&i| rows[kept[i]] == Rows::Second)
        .count();
    let mut gathered = MatMut::from_column_major_slice_mut(&mut spare.gathered[..n * k], n, k);
    for (r, &i) in group.iter().enumerate() {
        gathered
            .rb_mut()
            .col_mut(r)
            .copy_from(u.rb().col(col[kept[i]]));
    }
    let dg: Vec<f64> = group.iter().map(|&i| dk[i]).collect();
    let zg: Vec<f64> = group.iter().map(|&i| zhat[i]).collect();
    update_vectors(&dg, &zg, &dk, &roots, &mut spare.vectors[..k * k], par);
    let vectors = MatRef::from_column_major_slice(&spare.vectors[..k * k], k, k);

    let mut merged = MatMut::from_column_major_slice_mut(&mut spare.merged[..n * n], n, n);
    {
        let (top, bottom) = merged.rb_mut().subcols_mut(0, k).split_at_row_mut(n1);
        let gathered = gathered.rb();
        product(
            top,
            gathered.submatrix(0, 0, n1, k - second),
            vectors.subrows(0, k - second),
            par,
        );
        product(
            bottom,
            gathered.submatrix(n1, first, n - n1, k - first),
            vectors.subrows(first, k - first),
            par,
        );
    }
    for (q, &p) in deflated.iter().enumerate() {
        merged.rb_mut().col_mut(k + q).copy_from(u.rb().col(col[p]));
    }

    // Eigenvalues: the roots, then the deflated ones; sorted, with their vectors.
    let values: Vec<f64> = roots
        .iter()
        .map(|&(origin, mu)| dk[origin] + mu)
        .chain(deflated.iter().map(|&p| ds[p]))
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    for (j, &from) in order.iter().enumerate() {
        d[j] = values[from];
        u.rb_mut().col_mut(j).copy_from(merged.rb().col(from));
    }
    Ok(true)
}

/// Columns `a` and `b` of `u` rotated by (c, s), as BLAS's rot: a ← c·a + s·b, b ← c·b − s·a.
fn rotate(mut u: MatMut<'_, f64>, a: usize, b: usize, c: f64, s: f64) {
    for r in 0..u.nrows() {
        let (x, y) = (u[(r, a)], u[(r, b)]);
        u[(r, a)] = c * x + s * y;
        u[(r, b)] = c * y - s * x;
    }
}

/// `dst = lhs · rhs` (zero when the inner dimension is).
fn product(mut dst: MatMut<'_, f64>, lhs: MatRef<'_, f64>, rhs: MatRef<'_, f64>, par: Par) {
    if lhs.ncols() == 0 {
        dst.fill(0.0);
    } else {
        matmul(dst, Accum::Replace, lhs, rhs, 1.0, par);
    }
}

/// Whether a merge of `k` roots shares its loops among threads.
fn threaded(k: usize, par: Par) -> bool {
    k >= MIN_THREADED_ROOTS && par.degree() > 1
}

/// A loop that fills a run of its output, starting at element `first`. Implementations mark
/// `fill` `#[inline(always)]`: `in_runs` calls it inside pulp's dispatch, which compiles it for
/// the CPU's best instruction set. (A closure handed to `vectorize` would do, but LLVM
/// declines to inline bodies this large, a whole root search, and a closure's body on its own
/// is compiled for the baseline CPU.)
trait Fill<T>: Sync {
    fn fill(&self, first: usize, out: &mut [T]);
}

/// Pulp's view of one run of a `Fill`.
struct Dispatch<'a, F, T>(&'a F, usize, &'a mut [T]);

impl<T, F: Fill<T>> pulp::WithSimd for Dispatch<'_, F, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        self.0.fill(self.1, self.2)
    }
}

/// Fills `out` by `f` in runs of `run` elements, shared among threads if `threaded`.
fn in_runs<T: Send, F: Fill<T>>(f: &F, out: &mut [T], run: usize, threaded: bool) {
    if threaded {
        out.par_chunks_mut(run)
            .enumerate()
            .for_each(|(c, o)| arch().dispatch(Dispatch(f, c * run, o)));
    } else {
        arch().dispatch(Dispatch(f, 0, out));
    }
}

/// The roots of the secular equation 1/ρ + Σ z_i² / (d_i − λ) = 0 (d strictly ascending, every
/// z_i nonzero, ρ > 0): the j-th lies in (d_j, d_{j+1}), the last in (d_last, d_last + ρ‖z‖²).
/// Each is kept as (origin, μ) with λ = d[origin] + μ and origin the nearer end of its
/// interval, so that every λ − d_i is computed as (d[origin] − d_i) + μ without cancellation.
/// None if one did not converge.
fn secular_roots(d: &[f64], z: &[f64], rho: f64, par: Par) -> Option<Vec<(usize, f64)>> {
    let k = d.len();
    let z2: Vec<f64> = z.iter().map(|x| x * x).collect();
    let norm2: f64 = z2.iter().sum();
    let mut roots = vec![None; k];
    let f = Roots {
        d,
        z2: &z2,
        rho,
        norm2,
    };
    in_runs(&f, &mut roots, 8, threaded(k, par));
    roots.into_iter().collect()
}

/// Roots of the secular equation (d, z², ρ), in order.
struct Roots<'a> {
    d: &'a [f64],
    z2: &'a [f64],
    rho: f64,
    norm2: f64,
}

impl Fill<Option<(usize, f64)>> for Roots<'_> {
    #[inline(always)]
    fn fill(&self, first: usize, out: &mut [Option<(usize, f64)>]) {
        for (i, out) in out.iter_mut().enumerate() {
            *out = secular_root(self.d, self.z2, self.rho, self.norm2, first + i);
        }
    }
}

/// The j-th root of the secular equation: LAPACK's laed4 two-pole step from the middle of its
/// interval, kept inside a bracket that every evaluation narrows (bisection if a step leaves it).
#[inline(always)]
fn secular_root(d: &[f64], z2: &[f64], rho: f64, norm2: f64, j: usize) -> Option<(usize, f64)> {
    let k = d.len();
    let last = j + 1 == k;
    let inv_rho = 1.0 / rho;
    let (origin, mut lo, mut hi, mut mu, mut at);
    if last {
        (origin, lo, hi) = (j, 0.0, rho * norm2);
        mu = hi / 2.0;
        at = secular_terms(d, z2, j, d[origin], mu);
    } else {
        // The sign of f at the middle says which end the root is nearer.
        let h = (d[j + 1] - d[j]) / 2.0;
        at = secular_terms(d, z2, j, d[j], h);
        if inv_rho + at.0 + at.2 >= 0.0 {
            (origin, lo, hi, mu) = (j, 0.0, h, h);
        } else {
            (origin, lo, hi, mu) = (j + 1, -h, 0.0, -h);
        }
    }
    for _ in 0..MAX_STEPS {
        let (psi, dpsi, phi, dphi) = at;
        let f = inv_rho + psi + phi;
        // f's rounding error, as laed4 bounds it.
        let err = 8.0 * (psi.abs() + phi.abs()) + 2.0 * inv_rho + 3.0 * mu.abs() * (dpsi + dphi);
        if f.abs() <= f64::EPSILON * err {
            return Some((origin, mu));
        }
        if f < 0.0 {
            lo = lo.max(mu);
        } else {
            hi = hi.min(mu);
        }
        // Δ: the distances from the two poles around the root to the current point.
        let di = (d[j] - d[origin]) - mu;
        let mut eta = if last {
            // One pole: ψ ≈ a + b/(Δ − η), matching ψ and ψ' here.
            let c = f - dpsi * di;
            if c > 0.0 {
                di + dpsi * di * di / c
            } else {
                f64::NAN
            }
        } else {
            // Two poles: c·η² − a·η + b = 0 (laed4's quadratic).
            let di1 = (d[j + 1] - d[origin]) - mu;
            let c = f - di * dpsi - di1 * dphi;
            let a = (di + di1) * f - di * di1 * (dpsi + dphi);
            let b = di * di1 * f;
            let disc = (a * a - 4.0 * b * c).abs().sqrt();
            if c == 0.0 {
                b / a
            } else if a <= 0.0 {
                (a - disc) / (2.0 * c)
            } else {
                2.0 * b / (a + disc)
            }
        };
        if !eta.is_finite() || f * eta >= 0.0 {
            // The model stepped the wrong way: a Newton step instead.
            eta = -f / (dpsi + dphi);
        }
        let mut next = mu + eta;
        if !(next > lo && next < hi) {
            next = lo + (hi - lo) / 2.0;
        }
        if next == mu || next <= lo || next >= hi {
            // The bracket is one rounding wide.
            return Some((origin, mu));
        }
        mu = next;
        at = secular_terms(d, z2, j, d[origin], mu);
    }
    None
}

/// At λ = origin + μ: ψ, the sum of the secular function's terms for the poles at and below
/// d_j, its derivative, and φ and its derivative for the poles above.
#[inline(always)]
fn secular_terms(d: &[f64], z2: &[f64], j: usize, origin: f64, mu: f64) -> (f64, f64, f64, f64) {
    let (psi, dpsi) = sums(&d[..=j], &z2[..=j], origin, mu);
    let (phi, dphi) = sums(&d[j + 1..], &z2[j + 1..], origin, mu);
    (psi, dpsi, phi, dphi)
}

/// Σ w_i/δ_i and Σ w_i/δ_i² over δ_i = (d_i − origin) − μ, in eight lanes.
#[inline(always)]
fn sums(d: &[f64], w: &[f64], origin: f64, mu: f64) -> (f64, f64) {
    const L: usize = 8;
    let (mut s, mut s2) = ([0.0f64; L], [0.0f64; L]);
    let mut dc = d.chunks_exact(L);
    let mut wc = w.chunks_exact(L);
    for (dd, ww) in (&mut dc).zip(&mut wc) {
        for l in 0..L {
            let t = 1.0 / ((dd[l] - origin) - mu);
            let x = ww[l] * t;
            s[l] += x;
            s2[l] += x * t;
        }
    }
    for (l, (&di, &wi)) in dc.remainder().iter().zip(wc.remainder()).enumerate() {
        let t = 1.0 / ((di - origin) - mu);
        let x = wi * t;
        s[l] += x;
        s2[l] += x * t;
    }
    (s.iter().sum(), s2.iter().sum())
}

/// Gu and Eisenstat's update vector: the ẑ for which the computed roots are exact eigenvalues of
/// D + ρ·ẑ·ẑᵀ (Löwner's formula, up to the factor 1/ρ that normalizing the vectors removes),
/// with the signs of z.
fn lowner(d: &[f64], z: &[f64], roots: &[(usize, f64)], par: Par) -> Vec<f64> {
    let k = d.len();
    let origin: Vec<f64> = roots.iter().map(|&(o, _)| d[o]).collect();
    let mu: Vec<f64> = roots.iter().map(|&(_, m)| m).collect();
    let mut zhat = vec![0.0; k];
    let f = Lowner {
        d,
        origin: &origin,
        mu: &mu,
    };
    in_runs(&f, &mut zhat, 8, threaded(k, par));
    for (x, &zi) in zhat.iter_mut().zip(z) {
        *x = x.copysign(zi);
    }
    zhat
}

/// |ẑ_i| for the roots `origin[j] + mu[j]`, in order.
struct Lowner<'a> {
    d: &'a [f64],
    origin: &'a [f64],
    mu: &'a [f64],
}

impl Fill<f64> for Lowner<'_> {
    #[inline(always)]
    fn fill(&self, first: usize, out: &mut [f64]) {
        for (i, out) in out.iter_mut().enumerate() {
            *out = lowner_entry(self.d, self.origin, self.mu, first + i);
        }
    }
}

/// |ẑ_i| = sqrt((λ_i − d_i) · Π_{j≠i} (λ_j − d_i)/(d_j − d_i)), each factor of order one; the
/// roots as `origin[j] + mu[j]`.
#[inline(always)]
fn lowner_entry(d: &[f64], origin: &[f64], mu: &[f64], i: usize) -> f64 {
    let di = d[i];
    let below = ratios(&origin[..i], &mu[..i], &d[..i], di);
    let above = ratios(&origin[i + 1..], &mu[i + 1..], &d[i + 1..], di);
    (((origin[i] - di) + mu[i]) * below * above).abs().sqrt()
}

/// Π ((origin_j − x) + μ_j) / (d_j − x), in eight lanes.
#[inline(always)]
fn ratios(origin: &[f64], mu: &[f64], d: &[f64], x: f64) -> f64 {
    const L: usize = 8;
    let mut p = [1.0f64; L];
    let (mut oc, mut mc, mut dc) = (
        origin.chunks_exact(L),
        mu.chunks_exact(L),
        d.chunks_exact(L),
    );
    for ((o, m), dd) in (&mut oc).zip(&mut mc).zip(&mut dc) {
        for l in 0..L {
            p[l] *= ((o[l] - x) + m[l]) / (dd[l] - x);
        }
    }
    let rest = oc
        .remainder()
        .iter()
        .zip(mc.remainder())
        .zip(dc.remainder());
    for (l, ((&o, &m), &dd)) in rest.enumerate() {
        p[l] *= ((o - x) + m) / (dd - x);
    }
    p.iter().product()
}

/// `v` (`k×k`, column-major): column j the unit eigenvector of D + ρ·ẑ·ẑᵀ for root j,
/// ẑ_r / (d_r − λ_j), with its rows in the grouped order of `dg` and `zg` (`d` and `roots` are
/// in root order).
fn update_vectors(
    dg: &[f64],
    zg: &[f64],
    d: &[f64],
    roots: &[(usize, f64)],
    v: &mut [f64],
    par: Par,
) {
    let k = dg.len();
    if k == 0 {
        return;
    }
    let f = Columns { dg, zg, d, roots };
    in_runs(&f, v, 8 * k, threaded(k, par));
}

/// The update's unit eigenvectors, whole columns in order (`first` counts elements).
struct Columns<'a> {
    dg: &'a [f64],
    zg: &'a [f64],
    d: &'a [f64],
    roots: &'a [(usize, f64)],
}

impl Fill<f64> for Columns<'_> {
    #[inline(always)]
    fn fill(&self, first: usize, out: &mut [f64]) {
        let k = self.dg.len();
        for (c, col) in out.chunks_mut(k).enumerate() {
            let (origin, mu) = self.roots[first / k + c];
            unit_vector(self.dg, self.zg, self.d[origin], mu, col);
        }
    }
}

/// `col` = the unit vector along ẑ_r / ((d_r − origin) − μ).
#[inline(always)]
fn unit_vector(d: &[f64], zhat: &[f64], origin: f64, mu: f64, col: &mut [f64]) {
    for ((x, &dr), &zr) in col.iter_mut().zip(d).zip(zhat) {
        *x = zr / ((dr - origin) - mu);
    }
    let scale = 1.0 / norm(col);
    col.iter_mut().for_each(|x| *x *= scale);
}

/// The 2-norm of `x` (entries of order one at most: no scaling needed), in eight lanes.
#[inline(always)]
fn norm(x: &[f64]) -> f64 {
    const L: usize = 8;
    let mut s = [0.0f64; L];
    let mut c = x.chunks_exact(L);
    for xs in &mut c {
        for l in 0..L {
            s[l] += xs[l] * xs[l];
        }
    }
    for (l, &r) in c.remainder().iter().enumerate() {
        s[l] += r * r;
    }
    s.iter().sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use faer::Mat;

    /// Residual ‖TU − UΛ‖ and orthogonality ‖UᵀU − I‖ (max norms, in units of n·ε·‖T‖ and n·ε),
    /// and the largest eigenvalue difference from the QL iteration's (units of n·ε·‖T‖).
    fn check(d: &[f64], e: &[f64], par: Par) -> (f64, f64, f64) {
        let n = d.len();
        let mut w = d.to_vec();
        let mut u = Mat::<f64>::zeros(n, n);
        assert!(eigh(&mut w, e, u.as_mut(), par).unwrap());
        assert!(w.windows(2).all(|p| p[0] <= p[1]), "ascending");
        let t = Mat::<f64>::from_fn(n, n, |i, j| match i.abs_diff(j) {
            0 => d[i],
            1 => e[i.min(j)],
            _ => 0.0,
        });
        let scale = d
            .iter()
            .chain(e)
            .fold(f64::MIN_POSITIVE, |m, x| m.max(x.abs()));
        let unit = n.max(1) as f64 * f64::EPSILON;
        let tu = &t * &u;
        let mut residual = 0.0f64;
        let mut orth = 0.0f64;
        for j in 0..n {
            for i in 0..n {
                residual = residual.max((tu[(i, j)] - u[(i, j)] * w[j]).abs());
            }
        }
        let utu = u.transpose() * &u;
        for j in 0..n {
            for i in 0..n {
                let want = if i == j { 1.0 } else { 0.0 };
                orth = orth.max((utu[(i, j)] - want).abs());
            }
        }
        let ql = crate::ops::linalg::tridiagonal::eigenvalues(d, e).unwrap();
        let diff = ql
            .iter()
            .zip(&w)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        (
            residual / (unit * scale),
            orth / unit,
            diff / (unit * scale),
        )
    }

    fn random(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
        let mut next = crate::ops::linalg::test_numbers(seed);
        let d = (0..n).map(|_| next()).collect();
        let e = (0..n.saturating_sub(1)).map(|_| next()).collect();
        (d, e)
    }

    fn assert_accurate(name: &str, d: &[f64], e: &[f64]) {
        for par in [Par::Seq, Par::rayon(2)] {
            let (residual, orth, diff) = check(d, e, par);
            assert!(
                residual < 4.0 && orth < 4.0 && diff < 4.0,
                "{name} (n = {}, {par:?}): residual {residual}, orthogonality {orth}, eigenvalues {diff}",
                d.len()
            );
        }
    }

    #[test]
    fn random_matrices() {
        for (seed, n) in [1, 2, 3, 31, 32, 33, 64, 65, 100, 257]
            .into_iter()
            .enumerate()
        {
            let (d, e) = random(n, seed as u64 + 7);
            assert_accurate("random", &d, &e);
        }
    }

    #[test]
    fn deflation() {
        // Wilkinson's W⁺: pairs of eigenvalues equal to many digits (close-pair rotations).
        let m = 100;
        let d: Vec<f64> = (0..2 * m + 1)
            .map(|i| (i as f64 - m as f64).abs())
            .collect();
        assert_accurate("wilkinson", &d, &vec![1.0; 2 * m]);
        // Glued Wilkinson matrices: clusters of close eigenvalues across the tear.
        let w: Vec<f64> = (0..21).map(|i| (i as f64 - 10.0).abs()).collect();
        let glued: Vec<f64> = (0..6).flat_map(|_| w.clone()).collect();
        let mut e = Vec::new();
        for b in 0..6 {
            e.extend(std::iter::repeat_n(1.0, 20));
            if b < 5 {
                e.push(1e-9);
            }
        }
        assert_accurate("glued wilkinson", &glued, &e);
        // A diagonal matrix (every z component deflates), equal eigenvalues, and a zero matrix.
        let (d, _) = random(90, 3);
        assert_accurate("diagonal", &d, &[0.0; 89]);
        assert_accurate("equal", &[2.0; 70], &[0.0; 69]);
        assert_accurate("zero", &[0.0; 40], &[0.0; 39]);
        // Constant diagonal, tiny couplings: one tight cluster.
        let e: Vec<f64> = random(80, 5).1.iter().map(|x| x * 1e-12).collect();
        assert_accurate("cluster", &[1.0; 80], &e);
    }

    #[test]
    fn extreme_scales() {
        let (d, e) = random(70, 11);
        for s in [1e300, 1e-300, 1e-310] {
            let ds: Vec<f64> = d.iter().map(|x| x * s).collect();
            let es: Vec<f64> = e.iter().map(|x| x * s).collect();
            assert_accurate("scaled", &ds, &es);
        }
        // Graded: entries falling over many orders of magnitude.
        let d: Vec<f64> = (0..60).map(|i| 10f64.powi(-(i as i32) / 4)).collect();
        let e: Vec<f64> = (0..59).map(|i| 10f64.powi(-(i as i32) / 4 - 1)).collect();
        assert_accurate("graded", &d, &e);
    }
}
