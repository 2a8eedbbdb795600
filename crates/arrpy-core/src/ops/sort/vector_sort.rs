//! The simd and parallel tiers' sort of 64-bit radix keys on AVX-512 CPUs: a vectorized
//! quicksort (x86-64 only; other CPUs, and keys of other widths, take the radix sort).
//!
//! - Partition: eight keys at a time are compared with the pivot; the smaller ones are
//!   compress-stored to the front of the run, in place (never past what was already read), and
//!   the others to scratch, copied back behind them once the run is read.
//! - Runs of at most 128 keys: a bitonic network on up to sixteen registers.
//! - Argsort sorts (key, index) pairs compared as pairs. No two pairs are equal, so there is one
//!   sorted order, the stable one: the partitions' reordering of equal keys cannot show.
//! - Sorting values (no indices) is exact too: the callers sort keys that decode back to the same
//!   bits (integers; floats other than NaN and -0.0), and equal keys are then identical values.
//!
//! Recursion goes into the smaller side only (depth at most log2 n); a run that still has not
//! split after 2·log2 n partitions (adversarial pivots) is heap-sorted.

#![cfg(target_arch = "x86_64")]

use crate::kernels::{cpu, parallel};
use std::arch::x86_64::*;
use std::sync::Mutex;

/// Lanes of one register.
const W: usize = 8;
/// Runs this long or shorter are sorted by the network (sixteen registers).
const BASE: usize = 16 * W;

/// Keys, and when `IDX` their indices (empty otherwise), as parallel slices.
pub struct Items<'a, const IDX: bool> {
    k: &'a mut [u64],
    i: &'a mut [u64],
}

impl<'a, const IDX: bool> Items<'a, IDX> {
    fn len(&self) -> usize {
        self.k.len()
    }

    fn split_at(self, m: usize) -> (Items<'a, IDX>, Items<'a, IDX>) {
        let (k0, k1) = self.k.split_at_mut(m);
        let (i0, i1) = if IDX {
            self.i.split_at_mut(m)
        } else {
            (Default::default(), Default::default())
        };
        (Items { k: k0, i: i0 }, Items { k: k1, i: i1 })
    }

    /// The pair at `j` (index 0 without indices).
    fn get(&self, j: usize) -> (u64, u64) {
        (self.k[j], if IDX { self.i[j] } else { 0 })
    }

    fn swap(&mut self, a: usize, b: usize) {
        self.k.swap(a, b);
        if IDX {
            self.i.swap(a, b);
        }
    }
}

/// Sorts `keys` ascending (`scratch`: as long). False, with nothing done, without AVX-512.
pub fn sort_keys(keys: &mut [u64], scratch: &mut [u64], threads: usize) -> bool {
    let items = Items::<false> {
        k: keys,
        i: &mut [],
    };
    let spare = Items::<false> {
        k: scratch,
        i: &mut [],
    };
    run(items, spare, threads)
}

/// Sorts `keys` ascending and `index` along, ties by index: with `index` = 0, 1, 2, … it ends
/// as the stable argsort. All four slices are equally long. False without AVX-512.
pub fn sort_pairs(
    keys: &mut [u64],
    index: &mut [u64],
    scratch_keys: &mut [u64],
    scratch_index: &mut [u64],
    threads: usize,
) -> bool {
    let items = Items::<true> { k: keys, i: index };
    let spare = Items::<true> {
        k: scratch_keys,
        i: scratch_index,
    };
    run(items, spare, threads)
}

fn run<const IDX: bool>(items: Items<IDX>, spare: Items<IDX>, threads: usize) -> bool {
    assert!(spare.len() == items.len() && (!IDX || items.i.len() == items.len()));
    if !cpu::has_avx512() {
        return false;
    }
    let parts = split_for_threads(items, spare, threads);
    let slots: Vec<Mutex<Option<Part<IDX>>>> =
        parts.into_iter().map(|p| Mutex::new(Some(p))).collect();
    parallel::share(slots.len(), |p| {
        let part = slots[p].lock().ok().and_then(|mut s| s.take());
        if let Some((data, spare, home_in_data)) = part {
            let depth = 2 * (usize::BITS - data.len().leading_zeros());
            // SAFETY: AVX-512F is present (checked above).
            unsafe { quicksort(data, spare, home_in_data, depth) }
        }
    });
    true
}

/// A run to sort: its items, as long a spare run, and whether the sorted items belong in the
/// first (else in the second).
type Part<'a, const IDX: bool> = (Items<'a, IDX>, Items<'a, IDX>, bool);

/// Cuts the run into about `threads` independent runs by partitioning the largest one around
/// the median of many samples, until there are enough (one run when threads <= 1).
fn split_for_threads<'a, const IDX: bool>(
    items: Items<'a, IDX>,
    spare: Items<'a, IDX>,
    threads: usize,
) -> Vec<Part<'a, IDX>> {
    let mut parts = vec![(items, spare, true)];
    while parts.len() < threads {
        let (largest, _) = parts
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| p.0.len())
            .expect("one part at least");
        if parts[largest].0.len() < 4 * BASE {
            break;
        }
        let (data, mut spare, home_in_data) = parts.swap_remove(largest);
        let pivot = median_sample(&data, 127);
        // SAFETY: only called when AVX-512F is present (`run` checks first).
        let below = unsafe { partition(&data, &mut spare, pivot) };
        if below == 0 {
            // The smallest key is the median: mostly equal keys; leave the run whole.
            parts.push((spare, data, !home_in_data));
            break;
        }
        let (data_left, data_right) = data.split_at(below);
        let (spare_left, spare_right) = spare.split_at(below);
        parts.push((spare_left, data_left, !home_in_data));
        parts.push((spare_right, data_right, !home_in_data));
    }
    parts
}

/// The upper median of eight evenly spaced items, sorted in one register (cheaper than a
/// scalar sort: there is one pivot to choose for every ~100 items sorted).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn median_of_8<const IDX: bool>(items: &Items<IDX>) -> (u64, u64) {
    let n = items.len();
    let (mut k, mut i) = ([0u64; W], [0u64; W]);
    for j in 0..W {
        (k[j], i[j]) = items.get(j * (n - 1) / (W - 1));
    }
    let sample = Items::<IDX> {
        k: &mut k,
        i: if IDX { &mut i } else { &mut [] },
    };
    let mut sorted = Items::<IDX> {
        k: &mut [0u64; W],
        i: if IDX { &mut [0u64; W] } else { &mut [] },
    };
    store(&mut sorted, 0, W, sort_register::<IDX>(load(&sample, 0, W)));
    sorted.get(W / 2)
}

/// The median pair of `count` (odd, >= 3) evenly spaced samples.
fn median_sample<const IDX: bool>(items: &Items<IDX>, count: usize) -> (u64, u64) {
    let n = items.len();
    let mut s: Vec<(u64, u64)> = (0..count)
        .map(|j| items.get(j * (n - 1) / (count - 1)))
        .collect();
    s.sort_unstable();
    s[count / 2]
}

/// One register of keys, and of their indices when sorting pairs.
#[derive(Clone, Copy)]
struct V {
    k: __m512i,
    i: __m512i,
}

/// The mask of the first `valid` lanes.
#[inline]
fn lanes(valid: usize) -> __mmask8 {
    ((1u32 << valid.min(W)) - 1) as __mmask8
}

/// Lanes `at..at + valid` of `items` (valid <= 8), the other lanes all ones (the largest key,
/// the largest index: padding sorts last).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn load<const IDX: bool>(items: &Items<IDX>, at: usize, valid: usize) -> V {
    assert!(valid <= W && at + valid <= items.len());
    let (m, ones) = (lanes(valid), _mm512_set1_epi64(-1));
    // SAFETY: the mask selects elements at..at + valid, inside the slices (asserted); masked-off
    // lanes are not read (AVX-512 masked loads suppress their faults).
    unsafe {
        V {
            k: _mm512_mask_loadu_epi64(ones, m, items.k.as_ptr().add(at).cast()),
            i: if IDX {
                _mm512_mask_loadu_epi64(ones, m, items.i.as_ptr().add(at).cast())
            } else {
                ones
            },
        }
    }
}

/// The eight items at `at..at + 8` (an unmasked load: cheaper in the partition loop).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn load_full<const IDX: bool>(items: &Items<IDX>, at: usize) -> V {
    assert!(at + W <= items.len());
    // SAFETY: elements at..at + 8 lie inside the slices (asserted).
    unsafe {
        V {
            k: _mm512_loadu_si512(items.k.as_ptr().add(at).cast()),
            i: if IDX {
                _mm512_loadu_si512(items.i.as_ptr().add(at).cast())
            } else {
                _mm512_set1_epi64(-1)
            },
        }
    }
}

/// Writes the first `valid` lanes of `v` to `items[at..at + valid]`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn store<const IDX: bool>(items: &mut Items<IDX>, at: usize, valid: usize, v: V) {
    assert!(valid <= W && at + valid <= items.len());
    let m = lanes(valid);
    // SAFETY: as in `load`: only elements at..at + valid are written.
    unsafe {
        _mm512_mask_storeu_epi64(items.k.as_mut_ptr().add(at).cast(), m, v.k);
        if IDX {
            _mm512_mask_storeu_epi64(items.i.as_mut_ptr().add(at).cast(), m, v.i);
        }
    }
}

/// Writes the lanes of `v` selected by `m`, in lane order, to `items[at..]`; returns how many.
/// (Compressing in a register then storing the first lanes is much faster on Intel cores than
/// the compressing store to memory.)
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn compress_store<const IDX: bool>(items: &mut Items<IDX>, at: usize, m: __mmask8, v: V) -> usize {
    let count = m.count_ones() as usize;
    let packed = V {
        k: _mm512_maskz_compress_epi64(m, v.k),
        i: if IDX {
            _mm512_maskz_compress_epi64(m, v.i)
        } else {
            v.i
        },
    };
    store(items, at, count, packed);
    count
}

/// As `compress_store`, but writing all eight lanes from `at` (the caller knows the lanes
/// past the selected ones may be overwritten): a plain store instead of a masked one.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn compress_store_whole<const IDX: bool>(
    items: &mut Items<IDX>,
    at: usize,
    m: __mmask8,
    v: V,
) -> usize {
    assert!(at + W <= items.len());
    // SAFETY: elements at..at + 8 lie inside the slices (asserted).
    unsafe {
        _mm512_storeu_si512(
            items.k.as_mut_ptr().add(at).cast(),
            _mm512_maskz_compress_epi64(m, v.k),
        );
        if IDX {
            _mm512_storeu_si512(
                items.i.as_mut_ptr().add(at).cast(),
                _mm512_maskz_compress_epi64(m, v.i),
            );
        }
    }
    m.count_ones() as usize
}

#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn splat(p: (u64, u64)) -> V {
    V {
        k: _mm512_set1_epi64(p.0 as i64),
        i: _mm512_set1_epi64(p.1 as i64),
    }
}

/// Lanes where `a < b` (pairs: by key, then index).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn less<const IDX: bool>(a: V, b: V) -> __mmask8 {
    let by_key = _mm512_cmplt_epu64_mask(a.k, b.k);
    if IDX {
        by_key | (_mm512_cmpeq_epu64_mask(a.k, b.k) & _mm512_cmplt_epu64_mask(a.i, b.i))
    } else {
        by_key
    }
}

/// `b`'s lanes where `m` is set, `a`'s elsewhere.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn blend<const IDX: bool>(m: __mmask8, a: V, b: V) -> V {
    V {
        k: _mm512_mask_blend_epi64(m, a.k, b.k),
        i: if IDX {
            _mm512_mask_blend_epi64(m, a.i, b.i)
        } else {
            a.i
        },
    }
}

/// Lane-wise smaller and larger of `a` and `b`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn min_max<const IDX: bool>(a: V, b: V) -> (V, V) {
    if IDX {
        let b_less = less::<IDX>(b, a);
        (blend::<IDX>(b_less, a, b), blend::<IDX>(b_less, b, a))
    } else {
        let (lo, hi) = (_mm512_min_epu64(a.k, b.k), _mm512_max_epu64(a.k, b.k));
        (V { k: lo, i: a.i }, V { k: hi, i: a.i })
    }
}

/// Lane `j` of the result is lane `j ^ d` of `v`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn partner<const IDX: bool>(v: V, d: i64) -> V {
    // set_epi64 lists lanes from the highest.
    let idx = _mm512_set_epi64(7 ^ d, 6 ^ d, 5 ^ d, 4 ^ d, 3 ^ d, 2 ^ d, 1 ^ d, d);
    V {
        k: _mm512_permutexvar_epi64(idx, v.k),
        i: if IDX {
            _mm512_permutexvar_epi64(idx, v.i)
        } else {
            v.i
        },
    }
}

/// One compare-exchange step inside a register: lane j against lane j ^ d; the lanes in `upper`
/// keep the larger of each pair, the others the smaller.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn exchange<const IDX: bool>(v: V, d: i64, upper: __mmask8) -> V {
    let (lo, hi) = min_max::<IDX>(v, partner::<IDX>(v, d));
    blend::<IDX>(upper, lo, hi)
}

/// The lanes in reverse order.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn reverse<const IDX: bool>(v: V) -> V {
    partner::<IDX>(v, 7)
}

/// Sorts the eight lanes: bitonic merges of 2, 4 and 8 lanes.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn sort_register<const IDX: bool>(v: V) -> V {
    let v = exchange::<IDX>(v, 1, 0xAA);
    let v = exchange::<IDX>(v, 3, 0xCC);
    let v = exchange::<IDX>(v, 1, 0xAA);
    let v = exchange::<IDX>(v, 7, 0xF0);
    let v = exchange::<IDX>(v, 2, 0xCC);
    exchange::<IDX>(v, 1, 0xAA)
}

/// Sorts a bitonic register (the last three steps of a bitonic merge).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn clean_register<const IDX: bool>(v: V) -> V {
    let v = exchange::<IDX>(v, 4, 0xF0);
    let v = exchange::<IDX>(v, 2, 0xCC);
    exchange::<IDX>(v, 1, 0xAA)
}

/// Merges the sorted halves of `v` (each `v.len() / 2` registers) into one sorted run: the
/// second half is compared back to front with the first (smaller keys stay in front), which
/// leaves two bitonic halves, each sorted by halving compare-exchanges.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn merge_halves<const IDX: bool>(v: &mut [V]) {
    let w = v.len() / 2;
    for j in 0..w {
        let back = reverse::<IDX>(v[2 * w - 1 - j]);
        let (lo, hi) = min_max::<IDX>(v[j], back);
        v[j] = lo;
        v[2 * w - 1 - j] = reverse::<IDX>(hi);
    }
    for half in v.chunks_mut(w) {
        let mut d = w / 2;
        while d >= 1 {
            for j in 0..w {
                if j & d == 0 {
                    let (lo, hi) = min_max::<IDX>(half[j], half[j + d]);
                    half[j] = lo;
                    half[j + d] = hi;
                }
            }
            d /= 2;
        }
        for x in half.iter_mut() {
            *x = clean_register::<IDX>(*x);
        }
    }
}

/// Sorts a run of at most `8 * K` items in `K` registers (K a power of two up to 16).
#[target_feature(enable = "avx512f,popcnt")]
fn network<const K: usize, const IDX: bool>(items: &mut Items<IDX>) {
    let n = items.len();
    let mut v = [splat((0, 0)); K];
    for (j, r) in v.iter_mut().enumerate() {
        let at = (j * W).min(n);
        *r = sort_register::<IDX>(load(items, at, (n - at).min(W)));
    }
    let mut w = 1;
    while w < K {
        for run in v.chunks_mut(2 * w) {
            merge_halves::<IDX>(run);
        }
        w *= 2;
    }
    for (j, r) in v.iter().enumerate() {
        let at = (j * W).min(n);
        store(items, at, (n - at).min(W), *r);
    }
}

#[target_feature(enable = "avx512f,popcnt")]
fn small_sort<const IDX: bool>(mut items: Items<IDX>) {
    match items.len().div_ceil(W) {
        0 | 1 => network::<1, IDX>(&mut items),
        2 => network::<2, IDX>(&mut items),
        3 | 4 => network::<4, IDX>(&mut items),
        5..=8 => network::<8, IDX>(&mut items),
        _ => network::<16, IDX>(&mut items),
    }
}

/// Copies the items of `src` below `pivot` to the front of `dst` and the others to its back
/// (register by register from the end); returns how many are below.
#[target_feature(enable = "avx512f,popcnt")]
fn partition<const IDX: bool>(src: &Items<IDX>, dst: &mut Items<IDX>, pivot: (u64, u64)) -> usize {
    let n = src.len();
    let p = splat(pivot);
    let (mut below, mut top, mut at) = (0, n, 0);
    // Four registers a round: their loads and compares overlap. While a full register is
    // handled, `top - below` (the items not yet written) is at least 8, so a whole-register
    // store at `below` stays below `top`; the lanes past the register's share are garbage
    // that the next stores (or the right side's, made after it) overwrite.
    while at + 4 * W <= n {
        let v = [
            load_full(src, at),
            load_full(src, at + W),
            load_full(src, at + 2 * W),
            load_full(src, at + 3 * W),
        ];
        let m = v.map(|v| less::<IDX>(v, p));
        for (v, m) in v.into_iter().zip(m) {
            below += compress_store_whole(dst, below, m, v);
            top -= W - m.count_ones() as usize;
            compress_store(dst, top, !m, v);
        }
        at += 4 * W;
    }
    while at < n {
        let valid = (n - at).min(W);
        let v = load(src, at, valid);
        let all = lanes(valid);
        let m = less::<IDX>(v, p) & all;
        below += compress_store(dst, below, m, v);
        top -= (!m & all).count_ones() as usize;
        compress_store(dst, top, !m & all, v);
        at += W;
    }
    below
}

/// Copies `src` into `dst`.
fn copy<const IDX: bool>(src: &Items<IDX>, dst: &mut Items<IDX>) {
    dst.k.copy_from_slice(src.k);
    if IDX {
        dst.i.copy_from_slice(src.i);
    }
}

/// Sorts the items in `data` into `data` (`home_in_data`) or into `spare`. Each partition
/// copies a run from one buffer to the other, so the halves' home flips at every level.
#[target_feature(enable = "avx512f,popcnt")]
fn quicksort<'a, const IDX: bool>(
    mut data: Items<'a, IDX>,
    mut spare: Items<'a, IDX>,
    mut home_in_data: bool,
    mut depth: u32,
) {
    loop {
        let n = data.len();
        if n <= BASE || depth == 0 {
            if !home_in_data {
                copy(&data, &mut spare);
                data = spare;
            }
            return if n <= BASE {
                small_sort(data)
            } else {
                heap_sort(data)
            };
        }
        depth -= 1;
        let pivot = median_of_8(&data);
        let below = partition(&data, &mut spare, pivot);
        if below == 0 {
            // The pivot is the smallest item: the items equal to it (pairs: the pivot alone)
            // go first and are sorted; the rest is sorted on, in `data` again.
            let Some(next) = successor::<IDX>(pivot) else {
                // Every key is the largest one: sorted.
                if home_in_data {
                    copy(&spare, &mut data);
                }
                return;
            };
            let equal = partition(&spare, &mut data, next);
            let (mut spare_done, spare_rest) = spare.split_at(equal);
            let (data_done, data_rest) = data.split_at(equal);
            if !home_in_data {
                copy(&data_done, &mut spare_done);
            }
            (data, spare) = (data_rest, spare_rest);
            continue;
        }
        let (data_left, data_right) = data.split_at(below);
        let (spare_left, spare_right) = spare.split_at(below);
        home_in_data = !home_in_data;
        if below < n - below {
            quicksort(spare_left, data_left, home_in_data, depth);
            (data, spare) = (spare_right, data_right);
        } else {
            quicksort(spare_right, data_right, home_in_data, depth);
            (data, spare) = (spare_left, data_left);
        }
    }
}

/// The next pair after `p` (keys alone: the next key).
fn successor<const IDX: bool>(p: (u64, u64)) -> Option<(u64, u64)> {
    if IDX {
        Some((p.0, p.1.checked_add(1)?))
    } else {
        Some((p.0.checked_add(1)?, 0))
    }
}

/// Heap sort by pair, for runs the pivots failed to split.
fn heap_sort<const IDX: bool>(mut items: Items<IDX>) {
    let n = items.len();
    let sift = |items: &mut Items<IDX>, mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && items.get(child) < items.get(child + 1) {
            child += 1;
        }
        if items.get(root) >= items.get(child) {
            return;
        }
        items.swap(root, child);
        root = child;
    };
    for root in (0..n / 2).rev() {
        sift(&mut items, root, n);
    }
    for end in (1..n).rev() {
        items.swap(0, end);
        sift(&mut items, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize, seed: u64, range: u64) -> Vec<u64> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if range == 0 {
                    x
                } else {
                    x % range
                }
            })
            .collect()
    }

    #[test]
    fn sorts_keys_and_pairs_as_std_does() {
        if !cpu::has_avx512() {
            return;
        }
        for n in [0, 1, 7, 8, 9, 100, 128, 129, 1000, 5000, 70_000] {
            for range in [0, 1, 3, 1000] {
                for threads in [1, 2, 3] {
                    let data = keys(n, n as u64 + range, range);
                    let mut want = data.clone();
                    want.sort();
                    let mut got = data.clone();
                    assert!(sort_keys(&mut got, &mut vec![0; n], threads));
                    assert_eq!(got, want, "keys n={n} range={range}");

                    let mut order: Vec<u64> = (0..n as u64).collect();
                    order.sort_by_key(|&j| data[j as usize]); // stable
                    let (mut k, mut i): (Vec<u64>, Vec<u64>) =
                        (data.clone(), (0..n as u64).collect());
                    assert!(sort_pairs(
                        &mut k,
                        &mut i,
                        &mut vec![0; n],
                        &mut vec![0; n],
                        threads
                    ));
                    assert_eq!(i, order, "pairs n={n} range={range}");
                    assert_eq!(k, want);
                }
            }
        }
    }

    /// `cargo test --release -p arrpy-core --lib vector_sort::tests::speed -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn speed() {
        let n = 1_000_000;
        let data = keys(n, 1, 0);
        // Thread CPU time: the machine is shared, wall time is not this thread's.
        let cpu = || {
            let mut t = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
            t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 * 1e-6
        };
        let time = |f: &mut dyn FnMut()| {
            (0..7)
                .map(|_| {
                    let t = cpu();
                    f();
                    cpu() - t
                })
                .fold(f64::INFINITY, f64::min)
        };
        let mut k = data.clone();
        let mut spare = vec![0; n];
        let part = time(&mut || unsafe {
            partition(
                &Items::<false> {
                    k: &mut k,
                    i: &mut [],
                },
                &mut Items::<false> {
                    k: &mut spare,
                    i: &mut [],
                },
                (1 << 63, 0),
            );
        });
        let net = time(&mut || unsafe {
            for c in k.chunks_mut(128) {
                small_sort(Items::<false> { k: c, i: &mut [] });
            }
        });
        println!("one partition {part:.2} ms, networks of 128 {net:.2} ms");
        for threads in [1, 2] {
            let ms = time(&mut || {
                let mut k = data.clone();
                sort_keys(&mut k, &mut vec![0; n], threads);
            });
            let pairs = time(&mut || {
                let (mut k, mut i): (Vec<u64>, Vec<u64>) = (data.clone(), (0..n as u64).collect());
                sort_pairs(&mut k, &mut i, &mut vec![0; n], &mut vec![0; n], threads);
            });
            println!("threads {threads}: keys {ms:.2} ms, pairs {pairs:.2} ms");
        }
        let std = time(&mut || {
            let mut k = data.clone();
            k.sort_unstable();
        });
        let copy = time(&mut || {
            let k = data.clone();
            let _ = vec![0u64; n];
            std::hint::black_box(k);
        });
        println!("std sort_unstable {std:.2} ms; copies alone {copy:.2} ms");
    }

    #[test]
    fn heap_sort_sorts_pairs() {
        let data = keys(1000, 5, 10);
        let (mut k, mut i): (Vec<u64>, Vec<u64>) = (data.clone(), (0..1000).collect());
        heap_sort(Items::<true> {
            k: &mut k,
            i: &mut i,
        });
        let mut want: Vec<(u64, u64)> = data.iter().copied().zip(0..).collect();
        want.sort();
        assert_eq!(
            k.iter().copied().zip(i.iter().copied()).collect::<Vec<_>>(),
            want
        );
    }
}
