//! The simd tier: the reference arithmetic on contiguous runs, compiled for the CPU's best
//! instruction set at runtime (pulp picks AVX-512, AVX2+FMA or SSE per call). Strided runs
//! fall back to the reference loops. The loops are written so that each lane does exactly what
//! the reference loop does to that element, so results are bit-identical.

use super::reducer::Reducer;
use super::reference::{self, BLOCK, LANES};
use std::marker::PhantomData;
use std::mem::{align_of, size_of};

use super::cpu::{arch, vectorize};
use crate::fp_status::FpValue;

/// Whether `hit` holds for any element, without early exit so the loop vectorizes. A plain
/// `for` loop on purpose: iterator adapters (`fold`, `map`) may stay out-of-line functions,
/// which are then compiled for the baseline CPU instead of the dispatched instruction set.
#[inline(always)]
pub(crate) fn any_of<T: Copy>(x: &[T], hit: impl Fn(T) -> bool) -> bool {
    let mut found = false;
    for &v in x {
        found |= hit(v);
    }
    found
}

/// Runs shorter than this skip the runtime CPU dispatch: it costs more than it saves.
const MIN_DISPATCH: usize = 32;

/// A contiguous, aligned run can be viewed as a slice.
#[inline(always)]
fn is_slice<T>(ptr: *const u8, stride: isize) -> bool {
    stride == size_of::<T>() as isize && (ptr as usize) % align_of::<T>() == 0
}

/// Whether the contiguous input run at `x` is exactly the output run (`out=` is this input).
/// `ops::elementwise::output::with_output` lets an output share memory with an input only so.
#[inline(always)]
fn is_output<T, U>(x: *const u8, out: *mut u8) -> bool {
    std::ptr::eq(x, out) && size_of::<T>() == size_of::<U>()
}

/// What a watched loop found (`WATCH`): whether any value it wrote is infinite or NaN, the
/// floating-point status check fused into the kernel (one compare and OR per vector, free where
/// the loop waits on memory). `None`: this run took a loop that does not watch (unwatched, or a
/// strided run on the reference loop); the caller checks the written values itself.
pub type Watched = Option<bool>;

/// ORs `v`'s non-finite flag into `seen` when the loop watches.
#[inline(always)]
fn note<U: FpValue, const WATCH: bool>(seen: &mut U::Mask, v: U) -> U {
    if WATCH {
        *seen = *seen | v.non_finite_mask();
    }
    v
}

/// The `Watched` result of a vector loop that noted into `seen`.
#[inline(always)]
fn watched<U: FpValue, const WATCH: bool>(seen: U::Mask) -> Watched {
    WATCH.then(|| seen != U::Mask::default())
}

/// Elements per chunk of a guarded in-place loop (`binary_in_place_guarded`): few enough that
/// a chunk's results stay in registers until it is written.
const GUARD: usize = 16;

/// `o[i] = f(i, o[i])` for `i < n` in place, a chunk of `GUARD` elements at a time: each chunk
/// is computed in full before any of it is written, and written only when none of its results
/// is infinite or NaN. Returns how many elements it wrote: `n`, or the start of the first chunk
/// (of the tail: the first element) with a non-finite result, from which on the inputs are
/// still in place for the caller to classify. This is the floating-point check of in-place
/// ops without a copy of their inputs.
///
/// # Safety
/// `o` is aligned and valid for `n` reads as `T` and writes as `U` (same size); `f` reads no
/// element of `o` but the one it is given.
#[inline(always)]
unsafe fn guarded_in_place<T: Copy, U: FpValue>(
    n: usize,
    o: *mut U,
    f: impl Fn(usize, T) -> U + Copy,
) -> usize {
    vectorize(
        #[inline(always)]
        move || {
            let mut i = 0;
            while i + GUARD <= n {
                let mut seen = U::Mask::default();
                // A plain loop into an array (not `array::from_fn`, which stays an out-of-line
                // call compiled for the baseline CPU).
                let mut r = [std::mem::MaybeUninit::<U>::uninit(); GUARD];
                for (k, r) in r.iter_mut().enumerate() {
                    let x = o.add(i + k).cast::<T>().read();
                    r.write(note::<U, true>(&mut seen, f(i + k, x)));
                }
                if seen != U::Mask::default() {
                    return i;
                }
                // All GUARD results were written just above.
                std::ptr::copy_nonoverlapping(r.as_ptr().cast::<U>(), o.add(i), GUARD);
                i += GUARD;
            }
            while i < n {
                let r = f(i, o.add(i).cast::<T>().read());
                if !r.is_finite_value() {
                    return i;
                }
                o.add(i).write(r);
                i += 1;
            }
            n
        },
    )
}

/// `binary` in place (`out` is exactly `a`: `a += b`), guarded (`guarded_in_place`): the
/// number of elements written, all finite, before the first chunk with a non-finite result.
/// `None`, with nothing written, where the run is not a contiguous in-place one (`b` is the
/// output, or strided); the caller then checks another way.
///
/// # Safety
/// As `reference::binary`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn binary_in_place_guarded<T: Copy, U: FpValue>(
    n: usize,
    a: *const u8,
    sa: isize,
    b: *const u8,
    sb: isize,
    out: *mut u8,
    so: isize,
    f: impl Fn(T, T) -> U + Copy,
) -> Option<usize> {
    if !(std::ptr::eq(a, out) && is_output::<T, U>(a, out) && is_slice::<U>(out, so))
        || !is_slice::<T>(a, sa)
        || std::ptr::eq(b, out)
    {
        return None;
    }
    let o = out.cast::<U>();
    Some(if sb == 0 {
        let y = b.cast::<T>().read_unaligned();
        guarded_in_place::<T, U>(n, o, move |_, x| f(x, y))
    } else if is_slice::<T>(b, sb) {
        let y = b.cast::<T>();
        guarded_in_place::<T, U>(n, o, move |i, x| f(x, y.add(i).read()))
    } else {
        return None;
    })
}

/// `unary` in place (`out` is exactly `a`), guarded: as `binary_in_place_guarded`.
///
/// # Safety
/// As `reference::unary`.
pub unsafe fn unary_in_place_guarded<T: Copy, U: FpValue>(
    n: usize,
    a: *const u8,
    sa: isize,
    out: *mut u8,
    so: isize,
    f: impl Fn(T) -> U + Copy,
) -> Option<usize> {
    if !(std::ptr::eq(a, out) && is_output::<T, U>(a, out) && is_slice::<U>(out, so))
        || !is_slice::<T>(a, sa)
    {
        return None;
    }
    Some(guarded_in_place::<T, U>(n, out.cast::<U>(), move |_, x| {
        f(x)
    }))
}

/// out[i] = f(a[i], b[i]); fast paths for contiguous operands and a broadcast scalar, and for
/// `out=` being `a` (in place: `a += b`), where each element is read and written through the
/// output pointer. No slice ever overlaps the elements being written; other overlaps (`out=`
/// being `b`) take the reference loop, which uses raw pointers only. With `WATCH`, the vector
/// loops also report whether they wrote a non-finite value (`Watched`).
///
/// # Safety
/// As `reference::binary`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn binary<T: Copy, U: FpValue, const WATCH: bool>(
    n: usize,
    a: *const u8,
    sa: isize,
    b: *const u8,
    sb: isize,
    out: *mut u8,
    so: isize,
    f: impl Fn(T, T) -> U + Copy,
) -> Watched {
    if n >= MIN_DISPATCH && is_slice::<U>(out, so) && !std::ptr::eq(b, out) {
        let slice_b = is_slice::<T>(b, sb);
        if std::ptr::eq(a, out) {
            if is_output::<T, U>(a, out) && is_slice::<T>(a, sa) && (sb == 0 || slice_b) {
                // In place: element i is read as T and overwritten as U (same size) in one step.
                let o = out.cast::<U>();
                let seen = if sb == 0 {
                    let y = b.cast::<T>().read_unaligned();
                    vectorize(
                        #[inline(always)]
                        move || {
                            let mut seen = U::Mask::default();
                            for i in 0..n {
                                let r = f(o.add(i).cast::<T>().read(), y);
                                o.add(i).write(note::<U, WATCH>(&mut seen, r));
                            }
                            seen
                        },
                    )
                } else {
                    let y = std::slice::from_raw_parts(b.cast::<T>(), n);
                    vectorize(
                        #[inline(always)]
                        move || {
                            let mut seen = U::Mask::default();
                            for (i, &y) in y.iter().enumerate() {
                                let r = f(o.add(i).cast::<T>().read(), y);
                                o.add(i).write(note::<U, WATCH>(&mut seen, r));
                            }
                            seen
                        },
                    )
                };
                return watched::<U, WATCH>(seen);
            }
            reference::binary(n, a, sa, b, sb, out, so, f);
            return None;
        }
        let o = std::slice::from_raw_parts_mut(out.cast::<U>(), n);
        if is_slice::<T>(a, sa) && slice_b {
            let (x, y) = (
                std::slice::from_raw_parts(a.cast::<T>(), n),
                std::slice::from_raw_parts(b.cast::<T>(), n),
            );
            let seen = vectorize(
                #[inline(always)]
                move || {
                    let mut seen = U::Mask::default();
                    for ((o, &x), &y) in o.iter_mut().zip(x).zip(y) {
                        *o = note::<U, WATCH>(&mut seen, f(x, y));
                    }
                    seen
                },
            );
            return watched::<U, WATCH>(seen);
        }
        if sa == 0 && slice_b {
            let (x, y) = (
                a.cast::<T>().read_unaligned(),
                std::slice::from_raw_parts(b.cast::<T>(), n),
            );
            let seen = vectorize(
                #[inline(always)]
                move || {
                    let mut seen = U::Mask::default();
                    for (o, &y) in o.iter_mut().zip(y) {
                        *o = note::<U, WATCH>(&mut seen, f(x, y));
                    }
                    seen
                },
            );
            return watched::<U, WATCH>(seen);
        }
        if sb == 0 && is_slice::<T>(a, sa) {
            let (x, y) = (
                std::slice::from_raw_parts(a.cast::<T>(), n),
                b.cast::<T>().read_unaligned(),
            );
            let seen = vectorize(
                #[inline(always)]
                move || {
                    let mut seen = U::Mask::default();
                    for (o, &x) in o.iter_mut().zip(x) {
                        *o = note::<U, WATCH>(&mut seen, f(x, y));
                    }
                    seen
                },
            );
            return watched::<U, WATCH>(seen);
        }
    }
    reference::binary(n, a, sa, b, sb, out, so, f);
    None
}

/// out[i] = f(a[i]) with a contiguous fast path; `out` may be exactly `a` (in place), which is
/// then read and written through the output pointer alone. `WATCH`: as `binary`.
///
/// # Safety
/// As `reference::unary`.
pub unsafe fn unary<T: Copy, U: FpValue, const WATCH: bool>(
    n: usize,
    a: *const u8,
    sa: isize,
    out: *mut u8,
    so: isize,
    f: impl Fn(T) -> U + Copy,
) -> Watched {
    if n >= MIN_DISPATCH && is_slice::<U>(out, so) && is_slice::<T>(a, sa) {
        if std::ptr::eq(a, out) {
            if !is_output::<T, U>(a, out) {
                reference::unary(n, a, sa, out, so, f);
                return None;
            }
            let o = out.cast::<U>();
            let seen = vectorize(
                #[inline(always)]
                move || {
                    let mut seen = U::Mask::default();
                    for i in 0..n {
                        let r = f(o.add(i).cast::<T>().read());
                        o.add(i).write(note::<U, WATCH>(&mut seen, r));
                    }
                    seen
                },
            );
            return watched::<U, WATCH>(seen);
        }
        let o = std::slice::from_raw_parts_mut(out.cast::<U>(), n);
        let x = std::slice::from_raw_parts(a.cast::<T>(), n);
        let seen = vectorize(
            #[inline(always)]
            move || {
                let mut seen = U::Mask::default();
                for (o, &x) in o.iter_mut().zip(x) {
                    *o = note::<U, WATCH>(&mut seen, f(x));
                }
                seen
            },
        );
        return watched::<U, WATCH>(seen);
    }
    reference::unary(n, a, sa, out, so, f);
    None
}

/// `reference::repeat` with fast paths: where a run's copies fill its output contiguously
/// (repeats along the innermost axis) each element is spread into its `r` slots, with `r` a
/// constant for small counts so that the spread compiles to vector shuffles; otherwise the
/// run is copied `r` times by the copy loop.
///
/// # Safety
/// As `reference::repeat`.
pub unsafe fn repeat<T: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    out: *mut u8,
    so: isize,
    r: usize,
    step: isize,
) {
    let elem = size_of::<T>() as isize;
    if so != r as isize * step || r == 1 {
        for j in 0..r {
            let dst = out.offset(j as isize * step);
            if is_slice::<T>(a, sa) && is_slice::<T>(dst, so) {
                // memmove: a contiguous copy, whatever the element type.
                std::ptr::copy(a.cast::<T>(), dst.cast::<T>(), n);
            } else {
                reference::unary(n, a, sa, dst, so, |v: T| v);
            }
        }
        return;
    }
    if n * r < MIN_DISPATCH || step != elem || !is_slice::<T>(out, elem) {
        return reference::repeat::<T>(n, a, sa, out, so, r, step);
    }
    match r {
        2 => spread::<T, 2>(n, a, sa, out),
        3 => spread::<T, 3>(n, a, sa, out),
        4 => spread::<T, 4>(n, a, sa, out),
        8 => spread::<T, 8>(n, a, sa, out),
        _ => {
            let load = |i| reference::load::<T>(a, sa, i);
            let o = std::slice::from_raw_parts_mut(out.cast::<T>(), n * r);
            vectorize(
                #[inline(always)]
                move || {
                    for (i, o) in o.chunks_exact_mut(r).enumerate() {
                        o.fill(load(i));
                    }
                },
            );
        }
    }
}

/// Writes each of the `n` elements of the run at `a` `R` times, into `n * R` contiguous
/// elements at `out`.
///
/// # Safety
/// As `reference::repeat`, with `out` aligned for `T`.
#[inline(always)]
unsafe fn spread<T: Copy, const R: usize>(n: usize, a: *const u8, sa: isize, out: *mut u8) {
    // `[T; R]` has `T`'s alignment and no padding: the run's `n * R` elements.
    let o = std::slice::from_raw_parts_mut(out.cast::<[T; R]>(), n);
    if is_slice::<T>(a, sa) {
        let x = std::slice::from_raw_parts(a.cast::<T>(), n);
        vectorize(
            #[inline(always)]
            move || {
                for (o, &v) in o.iter_mut().zip(x) {
                    *o = [v; R];
                }
            },
        );
    } else {
        vectorize(
            #[inline(always)]
            move || {
                for (i, o) in o.iter_mut().enumerate() {
                    *o = [reference::load::<T>(a, sa, i); R];
                }
            },
        );
    }
}

/// out[i] = f(a[i]) for a function given as a vectorizable `fast` path that is right except
/// where `needs_slow` holds, and a scalar `slow` path for those elements (sin/cos of huge
/// arguments). Per block: a vectorized scan for slow elements, then either the vectorized fast
/// loop or, rarely, the element-by-element complete function. Each dispatched closure stays a
/// plain loop so that it is compiled with the vector target features. Same results as
/// `reference::unary` with `|x| if needs_slow(x) { slow(x) } else { fast(x) }`.
///
/// # Safety
/// As `reference::unary`; `out` may be exactly `a` (in place).
pub unsafe fn unary_split<T: FpValue, const WATCH: bool>(
    n: usize,
    a: *const u8,
    sa: isize,
    out: *mut u8,
    so: isize,
    fast: impl Fn(T) -> T + Copy,
    needs_slow: impl Fn(T) -> bool + Copy,
    slow: impl Fn(T) -> T + Copy,
) -> Watched {
    let complete = move |x: T| if needs_slow(x) { slow(x) } else { fast(x) };
    if n < MIN_DISPATCH || !is_slice::<T>(out, so) || !is_slice::<T>(a, sa) {
        reference::unary(n, a, sa, out, so, complete);
        return None;
    }
    const SPLIT_BLOCK: usize = 1024;
    let mut seen_any = T::Mask::default();
    let mut start = 0;
    while start < n {
        let len = SPLIT_BLOCK.min(n - start);
        let (x, o) = (a.cast::<T>().add(start), out.cast::<T>().add(start));
        let xs = std::slice::from_raw_parts(x, len);
        let any_slow = vectorize(
            #[inline(always)]
            || any_of(xs, needs_slow),
        );
        let seen = if any_slow {
            let mut seen = T::Mask::default();
            for i in 0..len {
                o.add(i)
                    .write(note::<T, WATCH>(&mut seen, complete(x.add(i).read())));
            }
            seen
        } else if std::ptr::eq(x, o) {
            let os = std::slice::from_raw_parts_mut(o, len);
            vectorize(
                #[inline(always)]
                move || {
                    let mut seen = T::Mask::default();
                    for v in os.iter_mut() {
                        *v = note::<T, WATCH>(&mut seen, fast(*v));
                    }
                    seen
                },
            )
        } else {
            let os = std::slice::from_raw_parts_mut(o, len);
            vectorize(
                #[inline(always)]
                move || {
                    let mut seen = T::Mask::default();
                    for (o, &v) in os.iter_mut().zip(xs) {
                        *o = note::<T, WATCH>(&mut seen, fast(v));
                    }
                    seen
                },
            )
        };
        seen_any = seen_any | seen;
        start += len;
    }
    watched::<T, WATCH>(seen_any)
}

/// One operand of a vectorized ternary loop: a contiguous slice or a broadcast scalar.
#[derive(Copy, Clone)]
enum Operand<'a, T> {
    Slice(&'a [T]),
    Scalar(T),
}

/// Views a run as a slice (contiguous) or a scalar (stride 0), if it is either and is not the
/// output itself (an operand that is, takes the in-place or the reference loop).
///
/// # Safety
/// As `reference::ternary` for this operand.
unsafe fn operand<'a, T: Copy>(
    n: usize,
    p: *const u8,
    stride: isize,
    out: *mut u8,
) -> Option<Operand<'a, T>> {
    if stride == 0 {
        Some(Operand::Scalar(p.cast::<T>().read_unaligned()))
    } else if is_slice::<T>(p, stride) && !std::ptr::eq(p, out) {
        Some(Operand::Slice(std::slice::from_raw_parts(p.cast::<T>(), n)))
    } else {
        None
    }
}

/// out[i] = f(a[i], b[i], c[i]), vectorized when the output is contiguous and every operand is
/// contiguous or a broadcast scalar (the cases of `where(mask, x, 0)` and `clip(x, lo, hi)`).
///
/// # Safety
/// As `reference::ternary`.
pub unsafe fn ternary<A: Copy, T: Copy, U: Copy>(
    n: usize,
    ptrs: [*const u8; 3],
    strides: [isize; 3],
    out: *mut u8,
    so: isize,
    f: impl Fn(A, T, T) -> U + Copy,
) {
    use Operand::{Scalar, Slice};
    if n >= MIN_DISPATCH && is_slice::<U>(out, so) {
        // clip(x, lo, hi, out=x): read and write each element through the output pointer.
        if strides[1] == 0
            && strides[2] == 0
            && is_slice::<A>(ptrs[0], strides[0])
            && is_output::<A, U>(ptrs[0], out)
        {
            let (o, y, z) = (
                out.cast::<U>(),
                ptrs[1].cast::<T>().read_unaligned(),
                ptrs[2].cast::<T>().read_unaligned(),
            );
            vectorize(
                #[inline(always)]
                move || {
                    for i in 0..n {
                        o.add(i).write(f(o.add(i).cast::<A>().read(), y, z));
                    }
                },
            );
            return;
        }
        let o = std::slice::from_raw_parts_mut(out.cast::<U>(), n);
        let ops = (
            operand::<A>(n, ptrs[0], strides[0], out),
            operand::<T>(n, ptrs[1], strides[1], out),
            operand::<T>(n, ptrs[2], strides[2], out),
        );
        macro_rules! vectorized {
            ($a:expr, $b:expr, $c:expr) => {{
                let (xa, xb, xc) = ($a, $b, $c);
                vectorize(
                    #[inline(always)]
                    move || {
                        for (((o, x), y), z) in
                            o.iter_mut().zip(xa.clone()).zip(xb.clone()).zip(xc.clone())
                        {
                            *o = f(x, y, z);
                        }
                    },
                );
                return;
            }};
        }
        use std::iter::repeat;
        match ops {
            (Some(Slice(a)), Some(Slice(b)), Some(Slice(c))) => {
                vectorized!(a.iter().copied(), b.iter().copied(), c.iter().copied())
            }
            (Some(Slice(a)), Some(Scalar(b)), Some(Scalar(c))) => {
                vectorized!(a.iter().copied(), repeat(b), repeat(c))
            }
            (Some(Slice(a)), Some(Slice(b)), Some(Scalar(c))) => {
                vectorized!(a.iter().copied(), b.iter().copied(), repeat(c))
            }
            (Some(Slice(a)), Some(Scalar(b)), Some(Slice(c))) => {
                vectorized!(a.iter().copied(), repeat(b), c.iter().copied())
            }
            _ => {}
        }
    }
    reference::ternary(n, ptrs, strides, out, so, f)
}

/// The reference leaf on a contiguous slice; the `LANES` independent accumulators vectorize.
/// Min/max reducers take the compare-and-select form (the same element wins every lane as in
/// the reference loop on NaN-free data) with a NaN probe beside it; a leaf whose probe turns
/// NaN (it may hold a NaN) is redone (nanmin/nanmax: see `Reducer::SKIPS_NAN`) in the reference's NaN-propagating form.
/// `black_box` hands the accumulators to the lane tree through memory: otherwise LLVM's SLP
/// vectorizer lays them out for the tree's adjacent pairs and the loop runs 2-wide with
/// shuffles (measured 3x slower).
#[inline(always)]
fn reduce_leaf_slice<T: Copy, A: Copy, R: Reducer<T, A>>(x: &[T], r: R) -> A {
    let total = reduce_leaf_lanes(x, r);
    if R::EXTREMUM && r.zero_tie(total) {
        return reference::last_equal(total, x.len(), |i| r.convert(x[i]), &r);
    }
    total
}

#[inline(always)]
fn reduce_leaf_lanes<T: Copy, A: Copy, R: Reducer<T, A>>(x: &[T], r: R) -> A {
    if R::EXTREMUM {
        let mut acc = [r.select_start(); LANES];
        let mut probe = [r.probe_start(); LANES];
        let mut chunks = x.chunks_exact(LANES);
        for chunk in &mut chunks {
            for k in 0..LANES {
                let v = r.convert(chunk[k]);
                if !R::SKIPS_NAN {
                    probe[k] = r.nan_probe(probe[k], v);
                }
                acc[k] = if r.replaces(acc[k], v) { v } else { acc[k] };
            }
        }
        let mut clean = R::SKIPS_NAN || !any_of(&core::hint::black_box(probe), |p| r.is_nan(p));
        for &v in chunks.remainder() {
            clean &= R::SKIPS_NAN || !r.is_nan(r.convert(v));
        }
        if clean {
            // NaN-free lanes: the select form of `combine` gives the same bits, much faster.
            let lanes = core::hint::black_box(acc);
            let mut total =
                reference::lane_tree(&lanes, |a, b| if r.replaces(a, b) { b } else { a });
            for &v in chunks.remainder() {
                total = r.combine(total, r.convert(v));
            }
            if !R::SKIPS_NAN || !r.equal(total, r.select_start()) {
                return total;
            }
        }
    }
    let mut acc = [r.identity(); LANES];
    let mut chunks = x.chunks_exact(LANES);
    for chunk in &mut chunks {
        for k in 0..LANES {
            acc[k] = r.combine(acc[k], r.convert(chunk[k]));
        }
    }
    let mut total = reference::combine_lanes(&core::hint::black_box(acc), &r);
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
fn reduce_slice<T: Copy, A: Copy, R: Reducer<T, A>>(x: &[T], r: R) -> A {
    if R::EXACT {
        return reduce_exact(x, r);
    }
    if x.len() <= BLOCK {
        return reduce_leaf_slice(x, r);
    }
    // An explicit loop: see `any_of` on why not `chunks().map().collect()`.
    let mut leaves: Vec<A> = Vec::with_capacity(x.len().div_ceil(BLOCK));
    let mut start = 0;
    while start < x.len() {
        let end = (start + BLOCK).min(x.len());
        leaves.push(reduce_leaf_slice(&x[start..end], r));
        start = end;
    }
    combine_leaves(&leaves, x.len(), &r)
}

/// An exact reduction in any order gives the reference's bits: one accumulator per block, which
/// LLVM's loop vectorizer turns into a vector reduction by itself; stops once `settled`.
#[inline(always)]
fn reduce_exact<T: Copy, A: Copy, R: Reducer<T, A>>(x: &[T], r: R) -> A {
    let mut total = r.identity();
    let mut start = 0;
    while start < x.len() && !r.settled(total) {
        let end = (start + BLOCK).min(x.len());
        let mut part = r.identity();
        for &v in &x[start..end] {
            part = r.combine(part, r.convert(v));
        }
        total = r.combine(total, part);
        start = end;
    }
    total
}

/// Combines the leaf values of `n` elements in the order of `reference::reduce`'s recursion.
fn combine_leaves<T, A: Copy>(leaves: &[A], n: usize, r: &impl Reducer<T, A>) -> A {
    if n <= BLOCK {
        return leaves[0];
    }
    let half = reference::split_point(n);
    let (left, right) = leaves.split_at(half / BLOCK);
    r.combine(
        combine_leaves(left, half, r),
        combine_leaves(right, n - half, r),
    )
}

/// `reduce_slice` as a pulp operation. A struct rather than a closure: pulp compiles
/// `with_simd` with the CPU's features and inlines it, where a closure this large was left
/// out of line (and so compiled for the baseline CPU: SSE2 loops, measured 3x slower).
struct ReduceSlice<'a, T, A, R> {
    x: &'a [T],
    r: R,
    acc: PhantomData<A>,
}

impl<T: Copy, A: Copy, R: Reducer<T, A>> pulp::WithSimd for ReduceSlice<'_, T, A, R> {
    type Output = A;
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> A {
        reduce_slice(self.x, self.r)
    }
}

/// Blocked pairwise reduction in the reference order, vectorized on contiguous runs.
///
/// # Safety
/// As `reference::reduce`.
pub unsafe fn reduce<T: Copy, A: Copy>(
    n: usize,
    a: *const u8,
    sa: isize,
    r: impl Reducer<T, A>,
) -> A {
    if is_slice::<T>(a, sa) {
        let x = std::slice::from_raw_parts(a.cast::<T>(), n);
        return arch().dispatch(ReduceSlice {
            x,
            r,
            acc: PhantomData,
        });
    }
    reference::reduce(n, a, sa, r)
}

/// `accumulate` of `K` rows in order, fused: each acc[i] is loaded and stored once per `K` rows
/// (the same combining order, so the same bits, as `K` calls of `accumulate`).
///
/// # Safety
/// As `reference::accumulate`, for each row of `rows`.
pub unsafe fn accumulate_rows<T: Copy, A: Copy, const K: usize>(
    n: usize,
    acc: *mut u8,
    sacc: isize,
    rows: [*const u8; K],
    sa: isize,
    r: impl Reducer<T, A>,
) {
    if is_slice::<A>(acc, sacc) && rows.iter().all(|&p| is_slice::<T>(p, sa)) {
        let o = std::slice::from_raw_parts_mut(acc.cast::<A>(), n);
        let xs: [&[T]; K] = rows.map(|p| std::slice::from_raw_parts(p.cast::<T>(), n));
        vectorize(
            #[inline(always)]
            move || {
                for (i, o) in o.iter_mut().enumerate() {
                    let mut v = *o;
                    for x in &xs {
                        // SAFETY: every row holds `n` elements.
                        v = r.combine(v, r.convert(unsafe { *x.get_unchecked(i) }));
                    }
                    *o = v;
                }
            },
        );
        return;
    }
    for p in rows {
        accumulate(n, acc, sacc, p, sa, r);
    }
}

/// acc[i] = combine(acc[i], convert(a[i])), vectorized on contiguous runs.
///
/// # Safety
/// As `reference::accumulate`.
pub unsafe fn accumulate<T: Copy, A: Copy>(
    n: usize,
    acc: *mut u8,
    sacc: isize,
    a: *const u8,
    sa: isize,
    r: impl Reducer<T, A>,
) {
    if is_slice::<A>(acc, sacc) && is_slice::<T>(a, sa) {
        let o = std::slice::from_raw_parts_mut(acc.cast::<A>(), n);
        let x = std::slice::from_raw_parts(a.cast::<T>(), n);
        vectorize(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The guarded in-place loop writes every chunk before the first non-finite result and
    /// nothing from that chunk on (its inputs stay for the caller to classify), at each position
    /// in chunks and in the tail, for a broadcast scalar and an array operand.
    #[test]
    fn guarded_in_place_stops_before_the_first_non_finite_chunk() {
        let n = 3 * GUARD + 5;
        let ys: Vec<f64> = (0..n).map(|i| i as f64).collect();
        for at in 0..=n {
            let x0: Vec<f64> = (0..n)
                .map(|i| if i == at { f64::MAX } else { 1.0 + i as f64 })
                .collect();
            let stop = if at >= n {
                n
            } else if at < 3 * GUARD {
                at / GUARD * GUARD
            } else {
                at
            };
            let want = |x: &[f64], y: &dyn Fn(usize) -> f64| -> Vec<f64> {
                (0..n)
                    .map(|i| if i < stop { x[i] * 2.0 + y(i) } else { x[i] })
                    .collect()
            };
            let mut x = x0.clone();
            let p = x.as_mut_ptr().cast::<u8>();
            let y = 3.0f64;
            // SAFETY: `x` is n f64, `out` is exactly `a`, `y` is one f64 (stride 0).
            let done = unsafe {
                binary_in_place_guarded::<f64, f64>(
                    n,
                    p,
                    8,
                    (&y as *const f64).cast(),
                    0,
                    p,
                    8,
                    |a, b| a * 2.0 + b,
                )
            };
            assert_eq!(done, Some(stop), "overflow at {at}");
            assert_eq!(x, want(&x0, &|_| 3.0), "overflow at {at}");
            let mut x = x0.clone();
            let p = x.as_mut_ptr().cast::<u8>();
            // SAFETY: `x` and `ys` are n f64 each, `out` is exactly `a`.
            let done = unsafe {
                binary_in_place_guarded::<f64, f64>(n, p, 8, ys.as_ptr().cast(), 8, p, 8, |a, b| {
                    a * 2.0 + b
                })
            };
            assert_eq!(done, Some(stop), "overflow at {at}, array operand");
            assert_eq!(x, want(&x0, &|i| ys[i]), "overflow at {at}, array operand");
        }
        // Not in place, or the output is the second operand: declined, nothing written.
        let mut x = vec![1.0f64; n];
        let mut o = vec![0.0f64; n];
        let (px, po) = (x.as_mut_ptr().cast::<u8>(), o.as_mut_ptr().cast::<u8>());
        // SAFETY: n f64 each.
        unsafe {
            assert_eq!(
                binary_in_place_guarded::<f64, f64>(n, px, 8, px, 8, po, 8, |a, b| a + b),
                None
            );
            assert_eq!(
                binary_in_place_guarded::<f64, f64>(n, px, 8, po, 8, po, 8, |a, b| a + b),
                None
            );
            assert_eq!(
                unary_in_place_guarded::<f64, f64>(n, px, 16, px, 16, |a: f64| a),
                None
            );
        }
        assert!(o.iter().all(|&v| v == 0.0) && x.iter().all(|&v| v == 1.0));
        // Unary, in place: stops at the chunk holding sqrt(-1).
        x[GUARD + 2] = -1.0;
        let px = x.as_mut_ptr().cast::<u8>();
        // SAFETY: n f64, in place.
        let done =
            unsafe { unary_in_place_guarded::<f64, f64>(n, px, 8, px, 8, |a: f64| a.sqrt() + 1.0) };
        assert_eq!(done, Some(GUARD));
        assert!(
            x[..GUARD].iter().all(|&v| v == 2.0)
                && x[GUARD..].iter().filter(|&&v| v == 1.0).count() == n - GUARD - 1
        );
    }
}
