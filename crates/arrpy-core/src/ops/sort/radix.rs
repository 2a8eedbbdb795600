//! LSD radix sort: the simd and parallel tiers' sort for element types with radix keys.
//!
//! One pass per key byte, least significant first: count how many items have each byte value,
//! turn the counts into start offsets, then move every item, in order, to the next free slot of
//! its bucket. Each pass is stable, so after the last one the items are sorted by the whole key
//! and equal keys keep their input order. Bytes that every key shares are skipped (int64 data in
//! a small range, or floats of one sign and a few exponents, need few passes).
//!
//! The parallel tier runs the same passes with the items split into chunks: each chunk counts
//! its own bytes, a chunk's slots in a bucket come after the earlier chunks' slots there, and the
//! chunks move their items at once. The result is the same item order as with one chunk.

use super::order::RadixKey;
use crate::kernels::{parallel, SendPtr};
use std::sync::Mutex;

const BUCKETS: usize = 256;

/// Sorts `items` by `key`, stably, with `chunks` parallel chunks (1: on this thread).
/// `scratch` must be as long as `items`.
pub fn radix_sort<I: Copy + Send + Sync, K: RadixKey>(
    items: &mut [I],
    scratch: &mut [I],
    chunks: usize,
    key: impl Fn(I) -> K + Sync,
) {
    let n = items.len();
    if n < 2 {
        return;
    }
    let chunks = chunks.clamp(1, n);
    let bounds: Vec<usize> = (0..=chunks).map(|c| c * n / chunks).collect();
    let varying = varying_bytes(items, &bounds, &key);
    let mut sorted_in_items = true;
    for byte in (0..K::BYTES).filter(|&b| (varying >> (8 * b)) & 0xff != 0) {
        let (src, dst) = if sorted_in_items {
            (SendPtr(items.as_mut_ptr().cast()), SendPtr(scratch.as_mut_ptr().cast()))
        } else {
            (SendPtr(scratch.as_mut_ptr().cast()), SendPtr(items.as_mut_ptr().cast()))
        };
        let counts: Vec<Mutex<[usize; BUCKETS]>> =
            (0..chunks).map(|_| Mutex::new([0; BUCKETS])).collect();
        parallel::share(chunks, |c| {
            let mut local = [0usize; BUCKETS];
            // SAFETY: src holds n items; chunk c reads its own range.
            let run = unsafe { chunk::<I>(src, bounds[c], bounds[c + 1]) };
            for &item in run {
                local[key(item).byte(byte)] += 1;
            }
            *lock(&counts[c]) = local;
        });
        // Bucket by bucket, each chunk's slots after the earlier chunks' slots: stable.
        let mut starts = vec![[0usize; BUCKETS]; chunks];
        let mut next = 0;
        for b in 0..BUCKETS {
            for (c, start) in starts.iter_mut().enumerate() {
                start[b] = next;
                next += lock(&counts[c])[b];
            }
        }
        parallel::share(chunks, |c| {
            let mut slot = starts[c];
            // SAFETY: src holds n items and chunk c reads its own range; the slots of chunk c
            // in every bucket are its own (counted above), so writes to dst are disjoint.
            let run = unsafe { chunk::<I>(src, bounds[c], bounds[c + 1]) };
            for &item in run {
                let b = key(item).byte(byte);
                unsafe { dst.get().cast::<I>().add(slot[b]).write(item) };
                slot[b] += 1;
            }
        });
        sorted_in_items = !sorted_in_items;
    }
    if !sorted_in_items {
        items.copy_from_slice(scratch);
    }
}

/// The key bits that differ between some two items (a byte that is 0 here needs no pass).
fn varying_bytes<I: Copy + Sync, K: RadixKey>(
    items: &[I],
    bounds: &[usize],
    key: &(impl Fn(I) -> K + Sync),
) -> u64 {
    let first = key(items[0]).bits();
    let seen = Mutex::new(0u64);
    parallel::share(bounds.len() - 1, |c| {
        let diff = items[bounds[c]..bounds[c + 1]]
            .iter()
            .fold(0u64, |acc, &item| acc | (key(item).bits() ^ first));
        *lock(&seen) |= diff;
    });
    let v = *lock(&seen);
    v
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Items `start..end` of the buffer at `ptr`, read-only.
///
/// # Safety
/// `ptr` must address at least `end` initialized items of `I` that nobody writes meanwhile.
unsafe fn chunk<'a, I>(ptr: SendPtr, start: usize, end: usize) -> &'a [I] {
    std::slice::from_raw_parts(ptr.get().cast::<I>().add(start), end - start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::sort::order::SortElement;

    #[test]
    fn sorts_stably_with_any_chunk_count() {
        let values: Vec<f64> = (0..5000)
            .map(|i| match i % 11 {
                0 => f64::NAN,
                1 => -0.0,
                2 => 0.0,
                _ => ((i * 7919) % 97) as f64 - 40.0,
            })
            .collect();
        let mut want: Vec<(f64, usize)> = values.iter().copied().zip(0..).collect();
        want.sort_by(|a, b| super::super::merge::ordering(&|x: &(f64, usize), y: &(f64, usize)| f64::less(x.0, y.0), a, b));
        for chunks in [1, 2, 5, 16] {
            let mut got: Vec<(f64, usize)> = values.iter().copied().zip(0..).collect();
            let mut scratch = got.clone();
            radix_sort(&mut got, &mut scratch, chunks, |p| p.0.key());
            assert!(got.iter().zip(&want).all(|(g, w)| g.1 == w.1), "{chunks}");
        }
    }
}
