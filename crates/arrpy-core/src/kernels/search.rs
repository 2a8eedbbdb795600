//! Arg-reductions (argmin / argmax) of one strided run, at the three tiers.
//!
//! Every tier returns the index of the *first* element attaining the extremum, with NaN counting
//! as the extremum (NumPy's rule: the first NaN wins), so the tiers agree exactly:
//! - reference: NumPy's loop — keep the best so far, replace it only when strictly better;
//! - simd: two vectorized passes over a contiguous run — the extremum (lanes of min/max), then
//!   the first element equal to it (or the first NaN), scanned in blocks;
//! - parallel: each thread finds its chunk's first extremum; chunks combine in order, a later
//!   chunk winning only when strictly better.

use super::parallel::{self, MIN_PARALLEL_ELEMENTS};
use super::reference::{load, LANES};
use crate::dtype::element::Arith;
use std::mem::{align_of, size_of};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ArgKind {
    Min,
    Max,
}

/// Whether `v` replaces the current best: strictly better, and NaN beats anything but NaN.
#[inline(always)]
pub fn better<T: Arith>(kind: ArgKind, v: T, best: T) -> bool {
    !T::is_nan(best)
        && (T::is_nan(v)
            || match kind {
                ArgKind::Max => T::is_lt(best, v),
                ArgKind::Min => T::is_lt(v, best),
            })
}

pub mod reference {
    use super::*;

    /// Index of the first extremum of a run of `n >= 1` elements.
    ///
    /// # Safety
    /// `a` must address `n` elements of `T` at stride `sa`.
    pub unsafe fn arg<T: Arith>(kind: ArgKind, n: usize, a: *const u8, sa: isize) -> usize {
        let mut best = load::<T>(a, sa, 0);
        let mut index = 0;
        if T::is_nan(best) {
            return 0;
        }
        for i in 1..n {
            let v = load::<T>(a, sa, i);
            if better(kind, v, best) {
                best = v;
                index = i;
                if T::is_nan(v) {
                    break;
                }
            }
        }
        index
    }
}

pub mod simd {
    use super::*;

    /// The extremum of a non-empty block by lanes of compare-and-select (vectorizes), and
    /// whether the block may hold a NaN: a running sum beside the lanes turns NaN once a NaN
    /// went in (see `Reducer::nan_probe`). The extremum is right only for NaN-free blocks.
    #[inline(always)]
    fn extremum<T: Arith>(kind: ArgKind, x: &[T]) -> (T, bool) {
        // One monomorphic loop per kind (a runtime `kind` test inside the loop blocks vectorizing).
        match kind {
            ArgKind::Max => extremum_by(x, |v: T, best: T| T::is_lt(best, v)),
            ArgKind::Min => extremum_by(x, |v: T, best: T| T::is_lt(v, best)),
        }
    }

    #[inline(always)]
    fn extremum_by<T: Arith>(x: &[T], wins: impl Fn(T, T) -> bool) -> (T, bool) {
        let mut acc = [x[0]; LANES];
        let mut probe = [T::zero(); LANES];
        let mut chunks = x.chunks_exact(LANES);
        for c in &mut chunks {
            for k in 0..LANES {
                probe[k] = T::add(probe[k], c[k]);
                acc[k] = if wins(c[k], acc[k]) { c[k] } else { acc[k] };
            }
        }
        // Through memory, so that the loop keeps whole-vector lanes (see `simd::reduce_leaf_slice`).
        let (acc, probe) = (std::hint::black_box(acc), std::hint::black_box(probe));
        let mut maybe_nan = crate::kernels::simd::any_of(&probe, |p: T| T::is_nan(p));
        let mut m = acc[0];
        for &v in &acc[1..] {
            m = if wins(v, m) { v } else { m };
        }
        for &v in chunks.remainder() {
            maybe_nan |= T::is_nan(v);
            m = if wins(v, m) { v } else { m };
        }
        (m, maybe_nan)
    }

    /// One pass in blocks that stay in L1: a block holding a NaN ends the search (its first
    /// NaN is the answer); otherwise each block's extremum is compared with the best so far and
    /// only a strictly better block becomes the one searched at the end.
    #[inline(always)]
    fn arg_slice<T: Arith>(kind: ArgKind, x: &[T]) -> usize {
        const BLOCK: usize = 2048;
        let mut best: Option<(T, usize)> = None;
        for (b, block) in x.chunks(BLOCK).enumerate() {
            let (m, maybe_nan) = extremum(kind, block);
            if maybe_nan {
                if let Some(i) = first_in(block, |v: T| T::is_nan(v)) {
                    return b * BLOCK + i;
                }
            }
            match best {
                Some((v, _)) if !better(kind, m, v) => {}
                _ => best = Some((m, b)),
            }
        }
        let Some((m, b)) = best else { return 0 };
        let block = &x[b * BLOCK..((b + 1) * BLOCK).min(x.len())];
        b * BLOCK + first_in(block, |v: T| T::is_eq(v, m)).unwrap_or(0)
    }

    /// First index where `hit` holds: blocks are tested without branches, then searched.
    #[inline(always)]
    fn first_in<T: Copy>(x: &[T], hit: impl Fn(T) -> bool) -> Option<usize> {
        const SCAN: usize = 64;
        for (b, block) in x.chunks(SCAN).enumerate() {
            if crate::kernels::simd::any_of(block, &hit) {
                for (i, &v) in block.iter().enumerate() {
                    if hit(v) {
                        return Some(b * SCAN + i);
                    }
                }
            }
        }
        None
    }

    /// `arg_slice` as a pulp operation (a struct, so that it is compiled with the CPU's
    /// features: see `simd::ReduceSlice`).
    struct ArgSlice<'a, T> {
        kind: ArgKind,
        x: &'a [T],
    }

    impl<T: Arith> pulp::WithSimd for ArgSlice<'_, T> {
        type Output = usize;
        #[inline(always)]
        fn with_simd<S: pulp::Simd>(self, _simd: S) -> usize {
            arg_slice(self.kind, self.x)
        }
    }

    /// As `reference::arg`, vectorized on contiguous runs.
    ///
    /// # Safety
    /// As `reference::arg`.
    pub unsafe fn arg<T: Arith>(kind: ArgKind, n: usize, a: *const u8, sa: isize) -> usize {
        if n >= LANES && sa == size_of::<T>() as isize && (a as usize) % align_of::<T>() == 0 {
            let x = std::slice::from_raw_parts(a.cast::<T>(), n);
            return crate::kernels::cpu::arch().dispatch(ArgSlice { kind, x });
        }
        super::reference::arg::<T>(kind, n, a, sa)
    }
}

pub mod threaded {
    use super::*;

    /// As `reference::arg`, chunks on the thread pool.
    ///
    /// # Safety
    /// As `reference::arg`.
    pub unsafe fn arg<T: Arith>(kind: ArgKind, n: usize, a: *const u8, sa: isize) -> usize {
        if !parallel::splits(n) {
            return super::simd::arg::<T>(kind, n, a, sa);
        }
        let chunks = (parallel::num_threads() * 4)
            .min(n / (MIN_PARALLEL_ELEMENTS / 4))
            .max(2);
        let base = crate::kernels::SendPtr(a as *mut u8);
        let found: Vec<AtomicUsize> = (0..chunks).map(|_| AtomicUsize::new(0)).collect();
        parallel::share(chunks, |c| {
            let (s, e) = (c * n / chunks, (c + 1) * n / chunks);
            // SAFETY: the chunk lies inside the caller's run.
            let i = s + unsafe {
                super::simd::arg::<T>(kind, e - s, base.get().offset(s as isize * sa), sa)
            };
            found[c].store(i, Ordering::Relaxed);
        });
        let found: Vec<usize> = found.into_iter().map(AtomicUsize::into_inner).collect();
        let mut best = found[0];
        for &i in &found[1..] {
            if better(kind, load::<T>(a, sa, i), load::<T>(a, sa, best)) {
                best = i;
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_tiers(kind: ArgKind, x: &[f64]) -> [usize; 3] {
        let (p, s) = (x.as_ptr().cast::<u8>(), 8);
        // SAFETY: the slice holds `len` f64 at stride 8.
        unsafe {
            [
                reference::arg::<f64>(kind, x.len(), p, s),
                simd::arg::<f64>(kind, x.len(), p, s),
                threaded::arg::<f64>(kind, x.len(), p, s),
            ]
        }
    }

    #[test]
    fn tiers_agree_on_first_extremum_and_nan() {
        for n in [1usize, 31, 33, 2048, 2049, 5000, 300_000] {
            let mut x: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1013) as f64 - 500.0).collect();
            for kind in [ArgKind::Min, ArgKind::Max] {
                let r = all_tiers(kind, &x);
                assert!(r.iter().all(|&i| i == r[0]), "{n} {kind:?} {r:?}");
                let best = r[0];
                let expect = if kind == ArgKind::Max {
                    x.iter().cloned().fold(f64::MIN, f64::max)
                } else {
                    x.iter().cloned().fold(f64::MAX, f64::min)
                };
                assert_eq!(x[best], expect);
                assert!(
                    x[..best].iter().all(|&v| v != expect),
                    "not the first occurrence"
                );
            }
            if n > 3 {
                x[n / 2] = f64::NAN;
                x[n - 1] = f64::NAN;
                for kind in [ArgKind::Min, ArgKind::Max] {
                    assert_eq!(all_tiers(kind, &x), [n / 2; 3]);
                }
            }
        }
    }
}
