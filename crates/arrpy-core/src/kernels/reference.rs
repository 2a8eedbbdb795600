//! The reference tier: plain scalar loops over strided memory. Every other tier must give the
//! same answer as these loops; read these first.
//!
//! A run is `n` elements starting at a byte pointer, `stride` bytes apart (negative or zero
//! strides are fine: zero means a broadcast operand).

use super::reducer::Reducer;

/// Reads element `i` of a strided run.
///
/// # Safety
/// `base + i * stride` must point to a readable `T` (alignment is not required).
#[inline(always)]
pub unsafe fn load<T: Copy>(base: *const u8, stride: isize, i: usize) -> T {
    base.offset(i as isize * stride)
        .cast::<T>()
        .read_unaligned()
}

/// Writes element `i` of a strided run.
///
/// # Safety
/// `base + i * stride` must point to a writable `T` (alignment is not required).
#[inline(always)]
pub unsafe fn store<T: Copy>(base: *mut u8, stride: isize, i: usize, value: T) {
    base.offset(i as isize * stride)
        .cast::<T>()
        .write_unaligned(value)
}

/// out[i] = f(a[i], b[i]) for i < n.
///
/// # Safety
/// Each pointer must address `n` elements of its type at its stride.
pub unsafe fn binary<T: Copy, U: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    b: *const u8,
    sb: isize,
    out: *mut u8,
    so: isize,
    f: impl Fn(T, T) -> U,
) {
    for i in 0..n {
        let value = f(load::<T>(a, sa, i), load::<T>(b, sb, i));
        store::<U>(out, so, i, value);
    }
}

/// out[i] = f(a[i], b[i], c[i]) for i < n (where-style selection, clip).
///
/// # Safety
/// Each pointer must address `n` elements of its type at its stride.
#[allow(clippy::too_many_arguments)]
pub unsafe fn ternary<A: Copy, T: Copy, U: Copy>(
    n: usize,
    ptrs: [*const u8; 3],
    strides: [isize; 3],
    out: *mut u8,
    so: isize,
    f: impl Fn(A, T, T) -> U,
) {
    for i in 0..n {
        let value = f(
            load::<A>(ptrs[0], strides[0], i),
            load::<T>(ptrs[1], strides[1], i),
            load::<T>(ptrs[2], strides[2], i),
        );
        store::<U>(out, so, i, value);
    }
}

/// out[i] = f(a[i]) for i < n.
///
/// # Safety
/// Each pointer must address `n` elements of its type at its stride.
pub unsafe fn unary<T: Copy, U: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    out: *mut u8,
    so: isize,
    f: impl Fn(T) -> U,
) {
    for i in 0..n {
        store::<U>(out, so, i, f(load::<T>(a, sa, i)));
    }
}

/// Copies each element of a run `r` times (`repeat`): element `i` of `a` to
/// `out + i * so + j * step` for every `j < r`. Element by element where the copies of
/// consecutive elements follow each other in `out` (repeats along the innermost axis), else
/// copy by copy, so that the writes sweep `out` in order.
///
/// # Safety
/// `a` must address `n` elements of `T` at stride `sa`, and each of those `out` positions a
/// writable `T`.
pub unsafe fn repeat<T: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    out: *mut u8,
    so: isize,
    r: usize,
    step: isize,
) {
    if so == r as isize * step {
        for i in 0..n {
            let v = load::<T>(a, sa, i);
            for j in 0..r {
                store::<T>(out.offset(i as isize * so), step, j, v);
            }
        }
    } else {
        for j in 0..r {
            unary::<T, T>(n, a, sa, out.offset(j as isize * step), so, |v| v);
        }
    }
}

/// Accumulators in a pairwise leaf. Elements `k, k+LANES, k+2·LANES, …` of a leaf go to
/// accumulator `k`; a SIMD machine keeps the accumulators in vector registers.
pub const LANES: usize = 32;
/// Longest run summed as one leaf; longer runs split into halves at multiples of `BLOCK`.
pub const BLOCK: usize = 2048;

/// Where a run longer than `BLOCK` splits: a multiple of `BLOCK` near its middle.
#[inline]
pub fn split_point(n: usize) -> usize {
    ((n / 2) / BLOCK).max(1) * BLOCK
}

/// Reduces one leaf of at most `BLOCK` elements in the canonical order: `LANES` accumulators,
/// then a pairwise tree over them, then the leftover elements in order.
///
/// # Safety
/// `a` must address `n` elements of `T` at stride `sa`.
pub unsafe fn reduce_leaf<T: Copy, A: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    r: impl Reducer<T, A>,
) -> A {
    let mut acc = [r.identity(); LANES];
    let full = n / LANES;
    for chunk in 0..full {
        for (k, slot) in acc.iter_mut().enumerate() {
            *slot = r.combine(*slot, r.convert(load::<T>(a, sa, chunk * LANES + k)));
        }
    }
    let mut total = combine_lanes(&acc, &r);
    for i in full * LANES..n {
        total = r.combine(total, r.convert(load::<T>(a, sa, i)));
    }
    if r.zero_tie(total) {
        return last_equal(total, n, |i| r.convert(load::<T>(a, sa, i)), &r);
    }
    total
}

/// The last of `n` elements (`get(i)`) that `r.equal`s `total`; see `Reducer::zero_tie`.
#[inline(always)]
pub fn last_equal<T, A: Copy>(
    total: A,
    n: usize,
    get: impl Fn(usize) -> A,
    r: &impl Reducer<T, A>,
) -> A {
    (0..n)
        .rev()
        .map(get)
        .find(|&v| r.equal(v, total))
        .unwrap_or(total)
}

/// The fixed pairwise tree over the `LANES` accumulators.
#[inline(always)]
pub fn combine_lanes<T, A: Copy>(acc: &[A; LANES], r: &impl Reducer<T, A>) -> A {
    lane_tree(acc, |a, b| r.combine(a, b))
}

/// The pairwise tree over the `LANES` accumulators with a given `combine`.
#[inline(always)]
pub fn lane_tree<A: Copy>(acc: &[A; LANES], combine: impl Fn(A, A) -> A) -> A {
    let mut v = *acc;
    let mut width = LANES;
    while width > 1 {
        width /= 2;
        for k in 0..width {
            v[k] = combine(v[2 * k], v[2 * k + 1]);
        }
    }
    v[0]
}

/// Blocked pairwise reduction of a strided run (error grows like log n for float sums).
///
/// # Safety
/// `a` must address `n` elements of `T` at stride `sa`.
pub unsafe fn reduce<T: Copy, A: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    r: impl Reducer<T, A>,
) -> A {
    if n <= BLOCK {
        return reduce_leaf(n, a, sa, r);
    }
    let half = split_point(n);
    let left = reduce(half, a, sa, r);
    let right = reduce(n - half, a.offset(half as isize * sa), sa, r);
    r.combine(left, right)
}

/// acc[i] = combine(acc[i], convert(a[i])): one step of a reduction along an outer axis.
///
/// # Safety
/// Each pointer must address `n` elements of its type at its stride.
pub unsafe fn accumulate<T: Copy, A: Copy>(
    n: usize,
    acc: *mut u8,
    sacc: isize,
    a: *const u8,
    sa: isize,
    r: impl Reducer<T, A>,
) {
    for i in 0..n {
        let value = r.combine(load::<A>(acc, sacc, i), r.convert(load::<T>(a, sa, i)));
        store::<A>(acc, sacc, i, value);
    }
}
