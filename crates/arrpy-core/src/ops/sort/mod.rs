//! Sorting, searching and sets: `sort`/`argsort` (stable at every tier), `partition`,
//! `lexsort`, `searchsorted`, the `unique` family and the set operations on 1-d arrays.
//!
//! Every sort here is stable, whatever `kind` or `stable` the caller passes: equal elements
//! keep their input order, so `sort` and `argsort` give the same bits and the same indices at
//! every tier (NumPy leaves the order of equal elements unspecified for its unstable kinds;
//! the stable one is a valid answer to those too). The tiers differ only in the algorithm:
//! - reference: a bottom-up merge sort (`merge.rs`);
//! - simd: on AVX-512 CPUs, a vectorized in-place quicksort (`vector_sort.rs`) of int64 and
//!   uint64 values and of float64 values without NaN or -0.0, compared as they are; and the
//!   argsort of 4- and 8-byte types as (key, index) pairs; elsewhere LSD radix sort on
//!   order-preserving keys (`radix.rs`); complex numbers, which have no such key, use std's
//!   stable `sort_by`;
//! - parallel: many lanes go to threads whole; in one long lane the quicksort's first
//!   partition runs on threads and each later partition's two sides become tasks that idle
//!   threads steal; the radix and comparison sorts cut the lane into chunks sorted on threads
//!   as at the simd tier, then merged in rounds that every thread shares.
//!
//! NaN placement is NumPy's (`order.rs`); `descending` (the Array API's) puts NaNs first and
//! keeps equal elements in input order, as `flip(sort(flip(x)))` does.

pub mod keytable;
pub mod lanes;
pub mod merge;
pub mod order;
pub mod radix;
pub mod search;
pub mod select;
pub mod sets;
pub mod unique;
#[cfg(target_arch = "x86_64")]
pub mod vector_sort;

pub use search::{isin, searchsorted};
pub use select::{argpartition, lexsort, partition};
pub use sets::{intersect1d, setdiff1d, setxor1d, union1d};
pub use unique::{unique, UniqueResult};

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{normalize_axis, Result};
use crate::kernels::{current_tier, trace, SendPtr, Tier};
use crate::ops::cast::assign;
use crate::with_dtype;
use crate::Casting;
use lanes::{gather, lane_mut, lane_offsets, lane_slice, read_lane, run_lanes, scatter, Plan};
use merge::{merge_sort_by, ordering, parallel_sort};
use order::{RadixKey, SortElement};
use radix::radix_sort;

/// The array sorted along `axis` is: `a` itself for an axis, its flattening for None.
fn along(a: &Array, axis: Option<isize>) -> Result<(Array, usize)> {
    match axis {
        None => Ok((a.reshape(&[-1])?, 0)),
        Some(axis) => Ok((a.clone(), normalize_axis(axis, a.ndim())?)),
    }
}

/// `numpy.sort(a, axis)`: a sorted C-contiguous copy (`axis = None` sorts the flattening).
pub fn sort(a: &Array, axis: Option<isize>, descending: bool) -> Result<Array> {
    let (a, axis) = along(a, axis)?;
    let out = Array::empty(a.dtype(), a.shape())?;
    with_dtype!(a.dtype(), T => sort_lanes::<T>(&a, &out, axis, descending))?;
    Ok(out)
}

/// `ndarray.sort(axis)`: sorts `a` in place (nothing is written when it fails).
pub fn sort_in_place(a: &Array, axis: isize, descending: bool) -> Result<()> {
    a.check_writeable()?;
    let sorted = sort(a, Some(axis), descending)?;
    assign(a, &sorted, Casting::No)
}

/// `numpy.argsort(a, axis)`: int64 indices that sort `a` along `axis` (stably).
pub fn argsort(a: &Array, axis: Option<isize>, descending: bool) -> Result<Array> {
    let (a, axis) = along(a, axis)?;
    let out = Array::empty(DType::Int64, a.shape())?;
    with_dtype!(a.dtype(), T => argsort_lanes::<T>(&a, &out, axis, descending))?;
    Ok(out)
}

fn sort_lanes<T: SortElement>(a: &Array, out: &Array, axis: usize, descending: bool) -> Result<()> {
    let n = a.shape()[axis];
    if a.size() == 0 {
        return Ok(());
    }
    let (src, dst) = (lane_offsets(a, axis)?, lane_offsets(out, axis)?);
    let plan = Plan::new(current_tier(), src.len(), n);
    trace::record("sort", a.dtype(), plan.vector(), plan.threaded());
    let (sp, ss) = (SendPtr(a.data_ptr()), a.strides()[axis]);
    let (dp, ds) = (SendPtr(out.data_ptr()), out.strides()[axis]);
    let state = || {
        Ok((
            crate::buffer::vec_with_capacity::<T>(n)?,
            crate::buffer::vec_with_capacity::<T>(n)?,
        ))
    };
    let sort_lane = |v: &mut [T], scratch: &mut Vec<T>| {
        if descending {
            v.reverse();
        }
        sort_values(&plan, v, scratch);
        if descending {
            v.reverse();
        }
    };
    let contiguous_out = ds == std::mem::size_of::<T>() as isize;
    run_lanes(&plan, src.len(), state, |(work, scratch), l| {
        // SAFETY: lane l of `a` and of `out` has n elements at the strides taken above; lanes
        // of the fresh (aligned) `out` are disjoint, so threads write disjoint memory; a
        // contiguous lane of `a` read as a slice is aligned (checked) and only read.
        unsafe {
            if contiguous_out {
                // Sorted where it lands: one copy less.
                let lane = lane_mut::<T>(dp, dst[l], n);
                let from = sp.get().offset(src[l]);
                match lane_slice::<T>(from, ss, n) {
                    // One long lane: copied on threads too (the fresh pages fault in parallel).
                    Some(from) if plan.inner_chunks > 1 => {
                        lanes::zip_chunks(plan.inner_chunks, lane, from, |o, i| {
                            o.copy_from_slice(i)
                        })
                    }
                    _ => read_lane(from, ss, lane),
                }
                sort_lane(lane, scratch);
            } else {
                gather::<T>(sp.get().offset(src[l]), ss, n, work);
                sort_lane(work, scratch);
                scatter(work, SendPtr(dp.get().offset(dst[l])), ds);
            }
        }
    })
}

/// Sorts `v` stably in NumPy's order, by the plan's tier. `scratch` has room reserved for
/// `v.len()` elements (it is filled only by the sorts that need it).
pub fn sort_values<T: SortElement>(plan: &Plan, v: &mut [T], scratch: &mut Vec<T>) {
    let less = |a: &T, b: &T| T::less(*a, *b);
    if plan.tier != Tier::Reference && sort_by_vector_keys(v, plan.inner_chunks) {
        return;
    }
    // Within the reserved capacity: no allocation here.
    scratch.clear();
    scratch.resize(v.len(), T::default());
    match plan.tier {
        Tier::Reference => merge_sort_by(v, scratch, less),
        _ if plan.inner_chunks > 1 => {
            parallel_sort(v, scratch, plan.inner_chunks, sort_run::<T>, less)
        }
        _ => sort_run(v, scratch),
    }
}

/// The vectorized quicksort (AVX-512) of int64, uint64 and float64 values, in place, on
/// `threads` threads. Equal values are identical, so this is the stable sort's result. False,
/// with `v` untouched, when the CPU or the type does not allow it, or when some float is NaN
/// or -0.0 (the radix sort keeps those in input order, NaNs last).
fn sort_by_vector_keys<T: SortElement>(v: &mut [T], threads: usize) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use vector_sort::{sort_keys, FLOAT, SIGNED, UNSIGNED};
        if !crate::kernels::cpu::has_avx512() {
            return false;
        }
        // A fold over blocks, not `all`: its early exit kept it from vectorizing (a tenth of the
        // sort's time).
        let exact = |v: &[T]| {
            crate::kernels::cpu::vectorize(|| {
                v.chunks(512)
                    .all(|c| c.iter().fold(true, |ok, x| ok & x.exact_key()))
            })
        };
        match T::DTYPE {
            DType::Int64 => key_words(v).is_some_and(|w| sort_keys::<SIGNED>(w, threads)),
            DType::UInt64 => key_words(v).is_some_and(|w| sort_keys::<UNSIGNED>(w, threads)),
            DType::Float64 if lanes::all_chunks(threads, v, exact) => {
                key_words(v).is_some_and(|w| sort_keys::<FLOAT>(w, threads))
            }
            _ => false,
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (v, threads);
        false
    }
}

#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
/// `v`'s memory as 64-bit words, when `T` is int64, uint64 or float64 (the types with 64-bit
/// radix keys).
fn key_words<T: SortElement>(v: &mut [T]) -> Option<&mut [u64]> {
    if !matches!(T::DTYPE, DType::Int64 | DType::UInt64 | DType::Float64) {
        return None;
    }
    const { assert!(std::mem::size_of::<usize>() == 8) };
    debug_assert!(std::mem::size_of::<T>() == 8 && std::mem::align_of::<T>() == 8);
    // SAFETY: T is i64, u64 or f64: 8 bytes, 8-byte aligned, no padding and no invalid bit
    // patterns, so its elements may be read and written as u64 words, and whatever the words
    // hold afterwards is a valid T.
    Some(unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr().cast::<u64>(), v.len()) })
}

/// The simd tier's stable sort of one run: radix sort by key, or std's merge sort for complex.
fn sort_run<T: SortElement>(v: &mut [T], scratch: &mut [T]) {
    if T::HAS_KEY {
        radix_sort(v, scratch, |x: T| x.key())
    } else {
        v.sort_by(|a, b| ordering(&|x: &T, y: &T| T::less(*x, *y), a, b))
    }
}

fn argsort_lanes<T: SortElement>(
    a: &Array,
    out: &Array,
    axis: usize,
    descending: bool,
) -> Result<()> {
    let n = a.shape()[axis];
    if a.size() == 0 {
        return Ok(());
    }
    let (src, dst) = (lane_offsets(a, axis)?, lane_offsets(out, axis)?);
    let plan = Plan::new(current_tier(), src.len(), n);
    trace::record("argsort", a.dtype(), plan.vector(), plan.threaded());
    let (sp, ss) = (SendPtr(a.data_ptr()), a.strides()[axis]);
    let (dp, ds) = (SendPtr(out.data_ptr()), out.strides()[axis]);
    let state = || {
        Ok((
            crate::buffer::vec_with_capacity::<T>(n)?,
            ArgScratch::new(n)?,
        ))
    };
    let contiguous_out = ds == std::mem::size_of::<i64>() as isize;
    run_lanes(&plan, src.len(), state, |(work, scratch), l| {
        let from = sp.get().wrapping_offset(src[l]).cast_const();
        let to = SendPtr(dp.get().wrapping_offset(dst[l]));
        if plan.tier != Tier::Reference {
            // SAFETY: lane l of `a` has n elements at stride `ss`; lane l of the fresh `out`
            // has n elements of 8 bytes (aligned) at `ds`, which this lane's call alone writes.
            let index = contiguous_out.then(|| unsafe { lane_mut::<u64>(to, 0, n) });
            let lane = (from, ss, n);
            if unsafe { argsort_by_vector_keys::<T>(&plan, lane, descending, index, scratch) } {
                if !contiguous_out {
                    let index: &[i64] = bytemuck_usize(&mut scratch.index);
                    unsafe { scatter(index, to, ds) };
                }
                return;
            }
        }
        // A copy even of a contiguous lane: the GIL may be released, and the comparison sorts
        // must not see elements change under them (std's sort may panic on an inconsistent
        // order).
        // SAFETY: as in `sort_lanes`.
        unsafe { gather::<T>(from, ss, n, work) };
        if descending {
            work.reverse();
        }
        argsort_values(&plan, work, scratch);
        if descending {
            // Indices into the reversed lane, read back to front, are the descending order.
            scratch.index.reverse();
            scratch.index.iter_mut().for_each(|i| *i = n - 1 - *i);
        }
        let index: &[i64] = bytemuck_usize(&mut scratch.index);
        unsafe { scatter(index, to, ds) };
    })
}

/// Scratch space of one thread's argsorts.
pub struct ArgScratch<K> {
    pub index: Vec<usize>,
    spare: Vec<usize>,
    pairs: Vec<(K, usize)>,
    spare_pairs: Vec<(K, usize)>,
    keys: Vec<u64>,
}

impl<K: Copy + Default> ArgScratch<K> {
    pub fn new(n: usize) -> Result<Self> {
        Ok(ArgScratch {
            index: crate::buffer::vec_with_capacity(n)?,
            spare: crate::buffer::vec_with_capacity(n)?,
            pairs: crate::buffer::vec_with_capacity(n)?,
            spare_pairs: crate::buffer::vec_with_capacity(n)?,
            keys: crate::buffer::vec_with_capacity(n)?,
        })
    }
}

/// Leaves in `s.index` the stable order of `v` (NumPy's order), by the plan's tier.
pub fn argsort_values<T: SortElement>(plan: &Plan, v: &[T], s: &mut ArgScratch<T::Key>) {
    let n = v.len();
    // Within the capacity reserved by `ArgScratch::new` (as every `resize` below).
    s.index.clear();
    s.index.extend(0..n);
    let less = |&i: &usize, &j: &usize| T::less(v[i], v[j]);
    let lane = (
        v.as_ptr().cast::<u8>(),
        std::mem::size_of::<T>() as isize,
        n,
    );
    // SAFETY: `v` is n readable elements, contiguous; `s` was made for n.
    if plan.tier != Tier::Reference
        && unsafe { argsort_by_vector_keys::<T>(plan, lane, false, None, s) }
    {
        return;
    }
    s.spare.clear();
    s.spare.resize(n, 0);
    match plan.tier {
        Tier::Reference => merge_sort_by(&mut s.index, &mut s.spare, less),
        _ if T::HAS_KEY => {
            s.pairs.clear();
            s.pairs
                .extend(v.iter().enumerate().map(|(i, x)| (x.key(), i)));
            s.spare_pairs.clear();
            s.spare_pairs.resize(n, (T::Key::default(), 0));
            let by_key = |c: &mut [(T::Key, usize)], spare: &mut [(T::Key, usize)]| {
                radix_sort(c, spare, |p| p.0)
            };
            if plan.inner_chunks > 1 {
                parallel_sort(
                    &mut s.pairs,
                    &mut s.spare_pairs,
                    plan.inner_chunks,
                    by_key,
                    |p, q| p.0 < q.0,
                );
            } else {
                by_key(&mut s.pairs, &mut s.spare_pairs);
            }
            s.index.iter_mut().zip(&s.pairs).for_each(|(x, p)| *x = p.1);
        }
        _ if plan.inner_chunks > 1 => {
            let by_std = |c: &mut [usize], _: &mut [usize]| c.sort_by(|a, b| ordering(&less, a, b));
            parallel_sort(&mut s.index, &mut s.spare, plan.inner_chunks, by_std, less)
        }
        _ => s.index.sort_by(|a, b| ordering(&less, a, b)),
    }
}

/// The stable argsort of one lane by the vectorized quicksort of (key, index) pairs (AVX-512),
/// for keys of 32 or 64 bits (widened to 64), on the plan's threads. The keys are read from the
/// lane (a copy: the lane is never sorted where it lies) and the indices sorted where they
/// land: in `index` when given (the result's lane), else in `s.index` for the caller to
/// scatter. Descending sorts the complemented keys: ties stay in index order, NaNs come first,
/// as NumPy's reversed order does. False, with nothing written, when the CPU or the type does
/// not allow it.
///
/// # Safety
/// `from` must address `n` readable elements of `T` at `stride` bytes; `index`, when given,
/// holds `n` items; `s` has room for `n`.
unsafe fn argsort_by_vector_keys<T: SortElement>(
    plan: &Plan,
    (from, stride, n): (*const u8, isize, usize),
    descending: bool,
    index: Option<&mut [u64]>,
    s: &mut ArgScratch<T::Key>,
) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        if !T::HAS_KEY || T::Key::BYTES < 4 || !crate::kernels::cpu::has_avx512() {
            return false;
        }
        let threads = plan.inner_chunks;
        let flip = if descending { u64::MAX } else { 0 };
        let key = |x: T| x.key().bits() ^ flip;
        // Within the capacity reserved by `ArgScratch::new`: no allocation here.
        s.keys.clear();
        let keys = &mut s.keys.spare_capacity_mut()[..n];
        match lane_slice::<T>(from, stride, n) {
            Some(lane) => lanes::zip_chunks(threads, keys, lane, |k, x| {
                crate::kernels::cpu::vectorize(|| {
                    k.iter_mut().zip(x).for_each(|(k, &x)| {
                        k.write(key(x));
                    })
                })
            }),
            None => keys.iter_mut().enumerate().for_each(|(j, k)| {
                k.write(key(from
                    .offset(j as isize * stride)
                    .cast::<T>()
                    .read_unaligned()));
            }),
        }
        // SAFETY: the n keys were all written just above.
        s.keys.set_len(n);
        let index = match index {
            Some(index) => index,
            None => {
                s.index.clear();
                s.index.resize(n, 0);
                usize_words(&mut s.index)
            }
        };
        lanes::fill_chunks(threads, index, |start, chunk| {
            chunk
                .iter_mut()
                .zip(start as u64..)
                .for_each(|(i, j)| *i = j)
        });
        vector_sort::sort_pairs::<{ vector_sort::UNSIGNED }>(&mut s.keys, index, threads)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (plan, from, stride, n, descending, index, s);
        false
    }
}

/// Indices as the u64 words the vector sort moves.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn usize_words(v: &mut [usize]) -> &mut [u64] {
    const { assert!(std::mem::size_of::<usize>() == 8) };
    // SAFETY: usize and u64 have the same size and alignment on the 64-bit targets arrpy builds
    // for (checked at compile time above), and every bit pattern is valid for both.
    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr().cast::<u64>(), v.len()) }
}

/// The slices `a[rows[0]], a[rows[1]], …` along axis 0, stacked into a new C-contiguous array.
pub(crate) fn take_rows(a: &Array, rows: &[usize]) -> Result<Array> {
    let mut shape = a.shape().to_vec();
    shape[0] = rows.len();
    let out = Array::empty(a.dtype(), &shape)?;
    for (r, &i) in rows.iter().enumerate() {
        let dst = out.index_axis(0, r as isize)?;
        // `out` is fresh: no overlap; same dtype: no cast.
        crate::ops::cast::copy_into_unchecked(&dst, &a.index_axis(0, i as isize)?)?;
    }
    Ok(out)
}

/// Indices (below isize::MAX) as int64 values, in place.
fn bytemuck_usize(v: &mut [usize]) -> &[i64] {
    // SAFETY: usize and i64 have the same size and alignment on the 64-bit targets arrpy
    // builds for (checked at compile time below), and every index is below isize::MAX.
    const _: () = assert!(std::mem::size_of::<usize>() == 8);
    unsafe { std::slice::from_raw_parts(v.as_ptr().cast::<i64>(), v.len()) }
}
