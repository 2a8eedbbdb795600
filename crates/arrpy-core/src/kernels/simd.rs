//! The simd tier: the reference arithmetic on contiguous runs, compiled for the CPU's best
//! instruction set at runtime (pulp picks AVX-512, AVX2+FMA or SSE per call). Strided runs
//! fall back to the reference loops. The loops are written so that each lane does exactly what
//! the reference loop does to that element, so results are bit-identical.

use super::reference::{self, Reducer, BLOCK, LANES};
use std::mem::{align_of, size_of};

/// The CPU's instruction set, detected once (detection checks a dozen feature bits, which
/// showed in loops that dispatch once per short run).
#[inline]
pub(crate) fn arch() -> pulp::Arch {
    static ARCH: std::sync::OnceLock<pulp::Arch> = std::sync::OnceLock::new();
    *ARCH.get_or_init(pulp::Arch::new)
}

/// Runs shorter than this skip the runtime CPU dispatch: it costs more than it saves.
const MIN_DISPATCH: usize = 32;

/// A contiguous, aligned run can be viewed as a slice.
#[inline(always)]
fn is_slice<T>(ptr: *const u8, stride: isize) -> bool {
    stride == size_of::<T>() as isize && (ptr as usize) % align_of::<T>() == 0
}

/// out[i] = f(a[i], b[i]); fast paths for contiguous operands and a broadcast scalar.
///
/// # Safety
/// As `reference::binary`.
pub unsafe fn binary<T: Copy, U: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    b: *const u8,
    sb: isize,
    out: *mut u8,
    so: isize,
    f: impl Fn(T, T) -> U + Copy,
) {
    if n >= MIN_DISPATCH && is_slice::<U>(out, so) {
        let o = std::slice::from_raw_parts_mut(out.cast::<U>(), n);
        if is_slice::<T>(a, sa) && is_slice::<T>(b, sb) {
            let (x, y) = (std::slice::from_raw_parts(a.cast::<T>(), n), std::slice::from_raw_parts(b.cast::<T>(), n));
            arch().dispatch(
                #[inline(always)]
                || {
                    for ((o, &x), &y) in o.iter_mut().zip(x).zip(y) {
                        *o = f(x, y);
                    }
                },
            );
            return;
        }
        if sa == 0 && is_slice::<T>(b, sb) {
            let (x, y) = (a.cast::<T>().read_unaligned(), std::slice::from_raw_parts(b.cast::<T>(), n));
            arch().dispatch(
                #[inline(always)]
                || {
                    for (o, &y) in o.iter_mut().zip(y) {
                        *o = f(x, y);
                    }
                },
            );
            return;
        }
        if sb == 0 && is_slice::<T>(a, sa) {
            let (x, y) = (std::slice::from_raw_parts(a.cast::<T>(), n), b.cast::<T>().read_unaligned());
            arch().dispatch(
                #[inline(always)]
                || {
                    for (o, &x) in o.iter_mut().zip(x) {
                        *o = f(x, y);
                    }
                },
            );
            return;
        }
    }
    reference::binary(n, a, sa, b, sb, out, so, f)
}

/// out[i] = f(a[i]) with a contiguous fast path.
///
/// # Safety
/// As `reference::unary`.
pub unsafe fn unary<T: Copy, U: Copy>(n: usize, a: *const u8, sa: isize, out: *mut u8, so: isize, f: impl Fn(T) -> U + Copy) {
    if n >= MIN_DISPATCH && is_slice::<U>(out, so) && is_slice::<T>(a, sa) {
        let o = std::slice::from_raw_parts_mut(out.cast::<U>(), n);
        let x = std::slice::from_raw_parts(a.cast::<T>(), n);
        arch().dispatch(
            #[inline(always)]
            || {
                for (o, &x) in o.iter_mut().zip(x) {
                    *o = f(x);
                }
            },
        );
        return;
    }
    reference::unary(n, a, sa, out, so, f)
}

/// The reference leaf on a contiguous slice; the `LANES` independent accumulators vectorize.
/// Min/max reducers on a NaN-free leaf (checked first, by a vectorized or-reduction) take the
/// compare-and-select form: the same element wins every lane as in the reference loop.
#[inline(always)]
fn reduce_leaf_slice<T: Copy, A: Copy, R: Reducer<T, A>>(x: &[T], r: R) -> A {
    if R::EXTREMUM && !x.iter().fold(false, |f, &v| f | r.is_nan(r.convert(v))) {
        let mut acc = [r.identity(); LANES];
        let mut chunks = x.chunks_exact(LANES);
        for chunk in &mut chunks {
            for k in 0..LANES {
                let v = r.convert(chunk[k]);
                acc[k] = if r.replaces(acc[k], v) { v } else { acc[k] };
            }
        }
        let mut total = reference::combine_lanes(&acc, &r);
        for &v in chunks.remainder() {
            total = r.combine(total, r.convert(v));
        }
        return total;
    }
    let mut acc = [r.identity(); LANES];
    let mut chunks = x.chunks_exact(LANES);
    for chunk in &mut chunks {
        for k in 0..LANES {
            acc[k] = r.combine(acc[k], r.convert(chunk[k]));
        }
    }
    let mut total = reference::combine_lanes(&acc, &r);
    for &v in chunks.remainder() {
        total = r.combine(total, r.convert(v));
    }
    total
}

/// The reference tree's leaves are the slice's consecutive `BLOCK`-element chunks (every split
/// point is a multiple of `BLOCK`), so they are reduced in one flat loop — which stays inside
/// the CPU-feature-specific code (a recursive function would not be inlined there) — and then
/// combined in the reference tree's order by `combine_leaves`.
#[inline(always)]
fn reduce_slice<T: Copy, A: Copy>(x: &[T], r: impl Reducer<T, A>) -> A {
    if x.len() <= BLOCK {
        return reduce_leaf_slice(x, r);
    }
    let leaves: Vec<A> = x.chunks(BLOCK).map(|c| reduce_leaf_slice(c, r)).collect();
    combine_leaves(&leaves, x.len(), &r)
}

/// Combines the leaf values of `n` elements in the order of `reference::reduce`'s recursion.
fn combine_leaves<T, A: Copy>(leaves: &[A], n: usize, r: &impl Reducer<T, A>) -> A {
    if n <= BLOCK {
        return leaves[0];
    }
    let half = reference::split_point(n);
    let (left, right) = leaves.split_at(half / BLOCK);
    r.combine(combine_leaves(left, half, r), combine_leaves(right, n - half, r))
}

/// Blocked pairwise reduction in the reference order, vectorized on contiguous runs.
///
/// # Safety
/// As `reference::reduce`.
pub unsafe fn reduce<T: Copy, A: Copy>(n: usize, a: *const u8, sa: isize, r: impl Reducer<T, A>) -> A {
    if is_slice::<T>(a, sa) {
        let x = std::slice::from_raw_parts(a.cast::<T>(), n);
        return arch().dispatch(
            #[inline(always)]
            || reduce_slice(x, r),
        );
    }
    reference::reduce(n, a, sa, r)
}

/// acc[i] = combine(acc[i], convert(a[i])), vectorized on contiguous runs.
///
/// # Safety
/// As `reference::accumulate`.
pub unsafe fn accumulate<T: Copy, A: Copy>(n: usize, acc: *mut u8, sacc: isize, a: *const u8, sa: isize, r: impl Reducer<T, A>) {
    if is_slice::<A>(acc, sacc) && is_slice::<T>(a, sa) {
        let o = std::slice::from_raw_parts_mut(acc.cast::<A>(), n);
        let x = std::slice::from_raw_parts(a.cast::<T>(), n);
        arch().dispatch(
            #[inline(always)]
            || {
                for (o, &x) in o.iter_mut().zip(x) {
                    *o = r.combine(*o, r.convert(x));
                }
            },
        );
        return;
    }
    reference::accumulate(n, acc, sacc, a, sa, r)
}
