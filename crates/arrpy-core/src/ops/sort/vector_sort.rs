//! The simd and parallel tiers' sort of 64-bit words on AVX-512 CPUs: a vectorized quicksort,
//! in place (x86-64 only; other CPUs and other widths take the radix sort).
//!
//! - The words hold unsigned integers, signed integers or floats (`UNSIGNED`, `SIGNED`,
//!   `FLOAT`), compared natively: values need no encoding into keys and back.
//! - Partition: eight keys at a time are compared with the pivot and permuted in the register,
//!   the smaller ones first (one table lookup by the comparison mask); the register is stored
//!   whole at the front of the run and at its back, where each side's share lands. The first
//!   and last registers are held back, so that every register read later has room on both
//!   sides (Bramas' in-place scheme): no scratch buffer.
//! - Runs of at most 128 keys: a bitonic network on up to sixteen registers.
//! - Argsort sorts (key, index) pairs by key alone (cheaper than comparing pairs), then puts
//!   each run of equal keys in index order: the stable argsort, whatever the partitions did.
//!   Equal keys never straddle a partition (their side is decided by `< pivot`), so each run
//!   is found in the leaf, heap or block of equal keys that holds it.
//! - Sorting values (no indices) is exact as it is: the callers sort words whose equal keys
//!   are identical values (integers; floats without NaN or -0.0).
//!
//! Recursion goes into the smaller side only (depth at most log2 n); a run that still has not
//! split after 2·log2 n partitions (adversarial pivots) is heap-sorted.

#![cfg(target_arch = "x86_64")]

use crate::kernels::{cpu, parallel};
use std::arch::x86_64::*;
use std::cmp::Ordering;
use std::sync::Mutex;

/// Lanes of one register.
const W: usize = 8;
/// Runs this long or shorter are sorted by the network: sixteen registers of keys, or eight
/// of pairs (whose keys and indices fill the 32 registers then; more would spill).
const fn base(idx: bool) -> usize {
    if idx {
        8 * W
    } else {
        16 * W
    }
}
/// Registers a partition reads per round, and holds back at each end. (Eight, for keys, was
/// twice as slow on Zen 5: the held registers spill.)
const U: usize = 4;

/// How the words compare (the `O` parameter): as u64, as i64, or as f64 (never NaN).
pub const UNSIGNED: u8 = 0;
pub const SIGNED: u8 = 1;
pub const FLOAT: u8 = 2;

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

    fn swap(&mut self, a: usize, b: usize) {
        self.k.swap(a, b);
        if IDX {
            self.i.swap(a, b);
        }
    }
}

/// Sorts `keys` ascending, compared as `O` says. The caller guarantees that equal keys are
/// identical words (no -0.0 beside 0.0) and that floats are not NaN. False, with nothing
/// done, without AVX-512.
pub fn sort_keys<const O: u8>(keys: &mut [u64], threads: usize) -> bool {
    run::<O, false>(
        Items {
            k: keys,
            i: &mut [],
        },
        threads,
    )
}

/// Sorts `keys` ascending and `index` along, equal keys by index (no NaN among floats): with
/// `index` = 0, 1, 2, … it ends as the stable argsort. (Among floats, -0.0 and 0.0 are equal
/// keys: their words may end in any order, their indices ascending.) False without AVX-512.
pub fn sort_pairs<const O: u8>(keys: &mut [u64], index: &mut [u64], threads: usize) -> bool {
    assert!(keys.len() == index.len());
    run::<O, true>(Items { k: keys, i: index }, threads)
}

fn run<const O: u8, const IDX: bool>(items: Items<IDX>, threads: usize) -> bool {
    if !cpu::has_avx512() {
        return false;
    }
    let depth = 2 * (usize::BITS - items.len().leading_zeros());
    if threads <= 1 || items.len() < 2 * PARALLEL_SIDE {
        // SAFETY: AVX-512F is present (checked above).
        unsafe { quicksort::<O, IDX>(items, depth) };
    } else {
        // SAFETY: as above.
        parallel::install(|| unsafe { quicksort_on_threads::<O, IDX>(items, depth, threads) });
    }
    true
}

/// Sides at least this long are sorted as tasks of their own, which idle threads steal.
const PARALLEL_SIDE: usize = 1 << 14;

/// The quicksort on the pool's threads: each partition's two sides become tasks of a
/// `rayon::join` (work stealing evens out sides of unequal length), down to sides shorter than
/// `PARALLEL_SIDE`; the first partition itself runs on `threads` threads.
#[target_feature(enable = "avx512f,popcnt")]
fn quicksort_on_threads<const O: u8, const IDX: bool>(
    mut items: Items<IDX>,
    depth: u32,
    threads: usize,
) {
    if items.len() < 2 * PARALLEL_SIDE || depth == 0 {
        return quicksort::<O, IDX>(items, depth);
    }
    let pivot = median_sample::<O>(items.k, 127);
    let below = if items.len() >= PARALLEL_PARTITION && threads > 1 {
        partition_on_threads::<O, IDX>(&mut items, pivot, threads)
    } else {
        partition::<O, IDX>(&mut items, pivot)
    };
    if below == 0 {
        // The smallest key is the median: mostly equal keys, which `quicksort` handles.
        return quicksort::<O, IDX>(items, depth - 1);
    }
    let (left, right) = items.split_at(below);
    // (The closures inherit this function's target features.)
    rayon::join(
        || quicksort_on_threads::<O, IDX>(left, depth - 1, 1),
        || quicksort_on_threads::<O, IDX>(right, depth - 1, 1),
    );
}

/// Runs at least this long are partitioned on threads.
const PARALLEL_PARTITION: usize = 1 << 16;

/// `partition` on `threads` threads: each partitions a chunk of the run in place, then the
/// chunks' lower parts are swapped to the front, chunk by chunk (a block swap of the
/// shorter of the upper part so far and the next lower part: parts are unordered).
#[target_feature(enable = "avx512f,popcnt")]
fn partition_on_threads<const O: u8, const IDX: bool>(
    items: &mut Items<IDX>,
    pivot: u64,
    threads: usize,
) -> usize {
    let n = items.len();
    // Chunks of at least 1024 items (`partition` needs 2·U·W).
    let size = n.div_ceil(threads.min(n / 1024).max(1));
    let mut chunks = Vec::with_capacity(threads);
    let (mut rest, mut start) = (
        Items::<IDX> {
            k: &mut *items.k,
            i: &mut *items.i,
        },
        0,
    );
    while start < n {
        let (chunk, tail) = rest.split_at(size.min(n - start));
        start += chunk.len();
        chunks.push(Mutex::new((chunk, 0)));
        rest = tail;
    }
    parallel::share(chunks.len(), |c| {
        if let Ok(mut slot) = chunks[c].lock() {
            let (chunk, below) = &mut *slot;
            *below = partition::<O, IDX>(chunk, pivot);
        }
    });
    let mut lengths = Vec::with_capacity(chunks.len());
    for slot in chunks {
        let (chunk, below) = slot.into_inner().unwrap_or_else(|p| p.into_inner());
        lengths.push((chunk.len(), below));
    }
    // [0, below) holds the lower parts so far and [below, end) the upper ones.
    let (mut below, mut end) = (0, 0);
    for (len, lower) in lengths {
        let m = (end - below).min(lower);
        swap_blocks(items, below, end + lower - m, m);
        below += lower;
        end += len;
    }
    below
}

/// Swaps items `a..a + m` with items `b..b + m` (a + m <= b).
fn swap_blocks<const IDX: bool>(items: &mut Items<IDX>, a: usize, b: usize, m: usize) {
    let (front, back) = items.k.split_at_mut(b);
    front[a..a + m].swap_with_slice(&mut back[..m]);
    if IDX {
        let (front, back) = items.i.split_at_mut(b);
        front[a..a + m].swap_with_slice(&mut back[..m]);
    }
}

/// `a < b` as `O` compares.
#[inline(always)]
fn key_lt<const O: u8>(a: u64, b: u64) -> bool {
    match O {
        UNSIGNED => a < b,
        SIGNED => (a as i64) < (b as i64),
        _ => f64::from_bits(a) < f64::from_bits(b),
    }
}

/// A total order for choosing pivots (floats: -0.0 before 0.0, which `key_lt` calls equal).
fn key_cmp<const O: u8>(a: &u64, b: &u64) -> Ordering {
    match O {
        UNSIGNED => a.cmp(b),
        SIGNED => (*a as i64).cmp(&(*b as i64)),
        _ => f64::from_bits(*a).total_cmp(&f64::from_bits(*b)),
    }
}

/// The smallest key above `k`, if any: `x < successor(k)` is `x <= k`.
fn successor<const O: u8>(k: u64) -> Option<u64> {
    match O {
        UNSIGNED => k.checked_add(1),
        SIGNED => (k as i64).checked_add(1).map(|s| s as u64),
        _ => {
            let x = f64::from_bits(k);
            (x != f64::INFINITY).then(|| x.next_up().to_bits())
        }
    }
}

/// The largest key, which pads partial registers (it sorts last).
fn largest<const O: u8>() -> u64 {
    match O {
        UNSIGNED => u64::MAX,
        SIGNED => i64::MAX as u64,
        _ => f64::INFINITY.to_bits(),
    }
}

/// The median of `count` (odd, >= 3) evenly spaced keys.
fn median_sample<const O: u8>(keys: &[u64], count: usize) -> u64 {
    let n = keys.len();
    let mut s: Vec<u64> = (0..count)
        .map(|j| keys[j * (n - 1) / (count - 1)])
        .collect();
    s.sort_unstable_by(key_cmp::<O>);
    s[count / 2]
}

/// The upper median of eight evenly spaced keys, sorted in one register (cheaper than a
/// scalar sort: there is one pivot to choose for every ~100 items sorted).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn median_of_8<const O: u8>(keys: &[u64]) -> u64 {
    let n = keys.len();
    let mut sample: [u64; W] = std::array::from_fn(|j| keys[j * (n - 1) / (W - 1)]);
    let mut items = Items::<false> {
        k: &mut sample,
        i: &mut [],
    };
    let sorted = sort_register::<O, false>(load::<O, false>(&items, 0, W));
    store(&mut items, 0, W, sorted);
    sample[W / 2]
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

/// Lanes where `a < b`, as `O` compares.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn lt<const O: u8>(a: __m512i, b: __m512i) -> __mmask8 {
    lt_in::<O>(0xFF, a, b)
}

/// Lanes of `m` where `a < b`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn lt_in<const O: u8>(m: __mmask8, a: __m512i, b: __m512i) -> __mmask8 {
    match O {
        UNSIGNED => _mm512_mask_cmplt_epu64_mask(m, a, b),
        SIGNED => _mm512_mask_cmplt_epi64_mask(m, a, b),
        _ => _mm512_mask_cmp_pd_mask::<_CMP_LT_OQ>(m, as_pd(a), as_pd(b)),
    }
}

/// Lanes of `m` where `a == b`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn eq_in<const O: u8>(m: __mmask8, a: __m512i, b: __m512i) -> __mmask8 {
    match O {
        FLOAT => _mm512_mask_cmp_pd_mask::<_CMP_EQ_OQ>(m, as_pd(a), as_pd(b)),
        _ => _mm512_mask_cmpeq_epi64_mask(m, a, b),
    }
}

#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn as_pd(a: __m512i) -> __m512d {
    _mm512_castsi512_pd(a)
}

/// Lane-wise min of `a` and `b`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn min<const O: u8>(a: __m512i, b: __m512i) -> __m512i {
    match O {
        UNSIGNED => _mm512_min_epu64(a, b),
        SIGNED => _mm512_min_epi64(a, b),
        _ => _mm512_castpd_si512(_mm512_min_pd(as_pd(a), as_pd(b))),
    }
}

/// `src` with the lanes of `m` replaced by the max of `a` and `b`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn max_in<const O: u8>(src: __m512i, m: __mmask8, a: __m512i, b: __m512i) -> __m512i {
    match O {
        UNSIGNED => _mm512_mask_max_epu64(src, m, a, b),
        SIGNED => _mm512_mask_max_epi64(src, m, a, b),
        _ => _mm512_castpd_si512(_mm512_mask_max_pd(as_pd(src), m, as_pd(a), as_pd(b))),
    }
}

/// Lanes `at..at + valid` of `items` (valid <= 8), the other lanes the largest key (padding
/// sorts last).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn load<const O: u8, const IDX: bool>(items: &Items<IDX>, at: usize, valid: usize) -> V {
    assert!(valid <= W && at + valid <= items.len());
    let m = lanes(valid);
    let pad = _mm512_set1_epi64(largest::<O>() as i64);
    // SAFETY: the mask selects elements at..at + valid, inside the slices (asserted); masked-off
    // lanes are not read (AVX-512 masked loads suppress their faults).
    unsafe {
        V {
            k: _mm512_mask_loadu_epi64(pad, m, items.k.as_ptr().add(at).cast()),
            i: if IDX {
                _mm512_mask_loadu_epi64(pad, m, items.i.as_ptr().add(at).cast())
            } else {
                pad
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
        let k = _mm512_loadu_si512(items.k.as_ptr().add(at).cast());
        V {
            k,
            i: if IDX {
                _mm512_loadu_si512(items.i.as_ptr().add(at).cast())
            } else {
                k
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

/// The lanes of `v` selected by `m`, moved to the first lanes in order; and how many.
/// (Compressing in a register then storing is much faster than the compressing store to
/// memory on Intel and AMD cores.)
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn compress<const IDX: bool>(m: __mmask8, v: V) -> (V, usize) {
    let packed = V {
        k: _mm512_maskz_compress_epi64(m, v.k),
        i: if IDX {
            _mm512_maskz_compress_epi64(m, v.i)
        } else {
            v.i
        },
    };
    (packed, m.count_ones() as usize)
}

/// Writes the lanes of `v` selected by `m`, in lane order, to `items[at..]`; returns how many.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn compress_store<const IDX: bool>(items: &mut Items<IDX>, at: usize, m: __mmask8, v: V) -> usize {
    let (packed, count) = compress::<IDX>(m, v);
    store(items, at, count, packed);
    count
}

/// For each mask of eight lanes, the lane order that puts the lanes it selects first and the
/// others after them, each in lane order.
static SPLIT_ORDER: [[u8; W]; 256] = {
    let mut table = [[0u8; W]; 256];
    let mut m = 0;
    while m < 256 {
        let (mut next, mut lane) = (0, 0);
        while lane < W {
            if m >> lane & 1 == 1 {
                table[m][next] = lane as u8;
                next += 1;
            }
            lane += 1;
        }
        lane = 0;
        while lane < W {
            if m >> lane & 1 == 0 {
                table[m][next] = lane as u8;
                next += 1;
            }
            lane += 1;
        }
        m += 1;
    }
    table
};

/// The lanes of `v` that `m` selects, then the others (each in lane order): one permutation,
/// cheaper than compressing each side.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn split<const IDX: bool>(m: __mmask8, v: V) -> V {
    // SAFETY: the table's row holds eight bytes, read as one 64-bit word.
    let order =
        unsafe { _mm512_cvtepu8_epi64(_mm_loadl_epi64(SPLIT_ORDER[m as usize].as_ptr().cast())) };
    V {
        k: _mm512_permutexvar_epi64(order, v.k),
        i: if IDX {
            _mm512_permutexvar_epi64(order, v.i)
        } else {
            v.i
        },
    }
}

/// Writes all eight lanes of `v` to `items[at..at + 8]`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn store_whole<const IDX: bool>(items: &mut Items<IDX>, at: usize, v: V) {
    assert!(at + W <= items.len());
    // SAFETY: elements at..at + 8 lie inside the slices (asserted).
    unsafe {
        _mm512_storeu_si512(items.k.as_mut_ptr().add(at).cast(), v.k);
        if IDX {
            _mm512_storeu_si512(items.i.as_mut_ptr().add(at).cast(), v.i);
        }
    }
}

/// Lane-wise smaller and larger of `a` and `b` (pairs: by key, indices along).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn min_max<const O: u8, const IDX: bool>(a: V, b: V) -> (V, V) {
    if IDX {
        // Blends, not min and max: those would swap -0.0 for 0.0 between keys that tie.
        let b_less = lt::<O>(b.k, a.k);
        let pick = |m, x: V, y: V| V {
            k: _mm512_mask_blend_epi64(m, x.k, y.k),
            i: _mm512_mask_blend_epi64(m, x.i, y.i),
        };
        (pick(b_less, a, b), pick(b_less, b, a))
    } else {
        let (lo, hi) = (min::<O>(a.k, b.k), max_in::<O>(a.k, 0xFF, a.k, b.k));
        (V { k: lo, i: lo }, V { k: hi, i: hi })
    }
}

/// Lane `j` of the result is lane `j ^ d` of `x`.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn partner_lanes(x: __m512i, d: i64) -> __m512i {
    // set_epi64 lists lanes from the highest.
    let idx = _mm512_set_epi64(7 ^ d, 6 ^ d, 5 ^ d, 4 ^ d, 3 ^ d, 2 ^ d, 1 ^ d, d);
    _mm512_permutexvar_epi64(idx, x)
}

/// One compare-exchange step inside a register: lane j against lane j ^ d; the lanes in `upper`
/// keep the larger of each pair, the others the smaller.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn exchange<const O: u8, const IDX: bool>(v: V, d: i64, upper: __mmask8) -> V {
    let p = partner_lanes(v.k, d);
    if IDX {
        // Take the partner where it belongs on this lane's side.
        let take = lt_in::<O>(!upper, p, v.k) | lt_in::<O>(upper, v.k, p);
        V {
            k: _mm512_mask_blend_epi64(take, v.k, p),
            i: _mm512_mask_blend_epi64(take, v.i, partner_lanes(v.i, d)),
        }
    } else {
        let k = max_in::<O>(min::<O>(v.k, p), upper, v.k, p);
        V { k, i: k }
    }
}

/// The lanes in reverse order.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn reverse<const IDX: bool>(v: V) -> V {
    V {
        k: partner_lanes(v.k, 7),
        i: if IDX { partner_lanes(v.i, 7) } else { v.i },
    }
}

/// Sorts the eight lanes: bitonic merges of 2, 4 and 8 lanes.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn sort_register<const O: u8, const IDX: bool>(v: V) -> V {
    let v = exchange::<O, IDX>(v, 1, 0xAA);
    let v = exchange::<O, IDX>(v, 3, 0xCC);
    let v = exchange::<O, IDX>(v, 1, 0xAA);
    let v = exchange::<O, IDX>(v, 7, 0xF0);
    let v = exchange::<O, IDX>(v, 2, 0xCC);
    exchange::<O, IDX>(v, 1, 0xAA)
}

/// Sorts a bitonic register (the last three steps of a bitonic merge).
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn clean_register<const O: u8, const IDX: bool>(v: V) -> V {
    let v = exchange::<O, IDX>(v, 4, 0xF0);
    let v = exchange::<O, IDX>(v, 2, 0xCC);
    exchange::<O, IDX>(v, 1, 0xAA)
}

// The network's steps each loop over all K registers with constant bounds and distances,
// and are inlined whole into `network` (`inline(always)`, which `target_feature` functions
// cannot have: hence their `unsafe` calls), so that the compiler unrolls them and keeps the
// registers in registers. (Loops over runs of run-time length, and steps left as calls,
// kept the array on the stack: up to three times slower.)

/// Sorts each register.
#[inline(always)]
fn sort_each<const K: usize, const O: u8, const IDX: bool>(v: &mut [V; K]) {
    for r in v.iter_mut() {
        // SAFETY: only `network` calls this, with AVX-512F enabled.
        *r = unsafe { sort_register::<O, IDX>(*r) };
    }
}

/// Sorts each bitonic register.
#[inline(always)]
fn clean_each<const K: usize, const O: u8, const IDX: bool>(v: &mut [V; K]) {
    for r in v.iter_mut() {
        // SAFETY: as in `sort_each`.
        *r = unsafe { clean_register::<O, IDX>(*r) };
    }
}

/// First step of merging sorted runs of `w` registers in pairs: each register of the first
/// run against the second run's registers back to front, reversed (smaller keys stay in
/// front). Both runs are then bitonic.
#[inline(always)]
fn flip<const K: usize, const O: u8, const IDX: bool>(v: &mut [V; K], w: usize) {
    for j in 0..K {
        let r = j % (2 * w);
        if r < w {
            let o = j - r + 2 * w - 1 - r;
            // SAFETY: as in `sort_each`.
            unsafe {
                let (lo, hi) = min_max::<O, IDX>(v[j], reverse::<IDX>(v[o]));
                v[j] = lo;
                v[o] = reverse::<IDX>(hi);
            }
        }
    }
}

/// Register j against register j + d, for each j with `j & d == 0` (the smaller keys in j).
#[inline(always)]
fn half_cleaner<const K: usize, const O: u8, const IDX: bool>(v: &mut [V; K], d: usize) {
    for j in 0..K {
        if j & d == 0 && j + d < K {
            // SAFETY: as in `sort_each`.
            let (lo, hi) = unsafe { min_max::<O, IDX>(v[j], v[j + d]) };
            v[j] = lo;
            v[j + d] = hi;
        }
    }
}

/// Sorts a run of at most `8 * K` items in `K` registers (K a power of two up to 16): sorted
/// registers, then bitonic merges of runs of 1, 2, 4 and 8 registers.
#[target_feature(enable = "avx512f,popcnt")]
fn network<const K: usize, const O: u8, const IDX: bool>(items: &mut Items<IDX>) {
    let n = items.len();
    let mut v: [V; K] = std::array::from_fn(|j| {
        let at = (j * W).min(n);
        load::<O, IDX>(items, at, (n - at).min(W))
    });
    sort_each::<K, O, IDX>(&mut v);
    if K >= 2 {
        flip::<K, O, IDX>(&mut v, 1);
        clean_each::<K, O, IDX>(&mut v);
    }
    if K >= 4 {
        flip::<K, O, IDX>(&mut v, 2);
        half_cleaner::<K, O, IDX>(&mut v, 1);
        clean_each::<K, O, IDX>(&mut v);
    }
    if K >= 8 {
        flip::<K, O, IDX>(&mut v, 4);
        half_cleaner::<K, O, IDX>(&mut v, 2);
        half_cleaner::<K, O, IDX>(&mut v, 1);
        clean_each::<K, O, IDX>(&mut v);
    }
    if K >= 16 {
        flip::<K, O, IDX>(&mut v, 8);
        half_cleaner::<K, O, IDX>(&mut v, 4);
        half_cleaner::<K, O, IDX>(&mut v, 2);
        half_cleaner::<K, O, IDX>(&mut v, 1);
        clean_each::<K, O, IDX>(&mut v);
    }
    for (j, r) in v.iter().enumerate() {
        let at = (j * W).min(n);
        store(items, at, (n - at).min(W), *r);
    }
}

/// Sorts a run of at most `base(IDX)` items.
#[target_feature(enable = "avx512f,popcnt")]
fn small_sort<const O: u8, const IDX: bool>(mut items: Items<IDX>) {
    let n = items.len();
    if IDX && !n.is_multiple_of(W) && contains::<O>(items.k, largest::<O>()) {
        // Padding would tie with a real key, and ties go either way when pairs compare by key.
        return heap_sort::<O, IDX>(items);
    }
    match n.div_ceil(W) {
        0 | 1 => network::<1, O, IDX>(&mut items),
        2 => network::<2, O, IDX>(&mut items),
        3 | 4 => network::<4, O, IDX>(&mut items),
        5..=8 => network::<8, O, IDX>(&mut items),
        _ if IDX => return heap_sort::<O, IDX>(items), // longer than `base(IDX)`: not from `quicksort`
        _ => network::<16, O, IDX>(&mut items),
    }
    if IDX && has_ties::<O>(items.k) {
        order_ties::<O, IDX>(items);
    }
}

/// Keys `at..at + valid` (valid <= 8), the other lanes zero.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn load_keys(keys: &[u64], at: usize, valid: usize) -> __m512i {
    assert!(valid <= W && at + valid <= keys.len());
    // SAFETY: as in `load`: only elements at..at + valid are read.
    unsafe { _mm512_maskz_loadu_epi64(lanes(valid), keys.as_ptr().add(at).cast()) }
}

/// Whether some key equals `key`.
#[target_feature(enable = "avx512f,popcnt")]
fn contains<const O: u8>(keys: &[u64], key: u64) -> bool {
    let x = _mm512_set1_epi64(key as i64);
    for at in (0..keys.len()).step_by(W) {
        let valid = (keys.len() - at).min(W);
        if eq_in::<O>(lanes(valid), load_keys(keys, at, valid), x) != 0 {
            return true;
        }
    }
    false
}

/// Whether two neighbours in `keys` are equal.
#[target_feature(enable = "avx512f,popcnt")]
fn has_ties<const O: u8>(keys: &[u64]) -> bool {
    for at in (1..keys.len()).step_by(W) {
        let valid = (keys.len() - at).min(W);
        let (a, b) = (load_keys(keys, at - 1, valid), load_keys(keys, at, valid));
        if eq_in::<O>(lanes(valid), a, b) != 0 {
            return true;
        }
    }
    false
}

/// Puts the indices of each run of equal keys (`keys` sorted) in ascending order.
fn order_ties<const O: u8, const IDX: bool>(items: Items<IDX>) {
    let n = items.len();
    if !IDX {
        return;
    }
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && !key_lt::<O>(items.k[start], items.k[end]) {
            end += 1;
        }
        items.i[start..end].sort_unstable();
        start = end;
    }
}

/// Partitions `items` in place around `pivot`: the items whose key is below it first; returns
/// how many. At least `2 * U * W` items.
///
/// The first and last `U` registers are read first and held: the items read but not yet
/// written then always leave room on both sides of the unread middle `[l_read, r_read)` for
/// the next `U` registers, read from the side with less room. Written so far: `[0, below)`
/// and `[top, n)`.
#[target_feature(enable = "avx512f,popcnt")]
fn partition<const O: u8, const IDX: bool>(items: &mut Items<IDX>, pivot: u64) -> usize {
    let n = items.len();
    assert!(n >= 2 * U * W);
    let p = _mm512_set1_epi64(pivot as i64);
    let held_left: [V; U] = std::array::from_fn(|j| load_full(items, j * W));
    let held_right: [V; U] = std::array::from_fn(|j| load_full(items, n - (j + 1) * W));
    let (mut below, mut top, mut l_read, mut r_read) = (0, n, U * W, n - U * W);
    // Room: `l_read - below` on the left, `top - r_read` on the right; the two add up to
    // 2·U·W here. Reading from the side with less room gives it at least U·W, and the other
    // has U·W already: enough for the U registers' writes to either side. Before each of the
    // U writes, the earlier ones have taken at most (U - 1)·W of that room, so each side has
    // at least W left: a register may be stored whole at both ends without reaching unread
    // items (the lanes past each side's share are overwritten later).
    while r_read - l_read >= U * W {
        let at = if l_read - below <= top - r_read {
            l_read += U * W;
            l_read - U * W
        } else {
            r_read -= U * W;
            r_read
        };
        let v: [V; U] = std::array::from_fn(|j| load_full(items, at + j * W));
        let m = v.map(|v| lt::<O>(v.k, p));
        for (v, m) in v.into_iter().zip(m) {
            // The lower keys first, then the others: stored whole at both ends, the lower ones
            // land at `below` and the others end at `top` (the rest is overwritten later).
            let parted = split::<IDX>(m, v);
            store_whole(items, below, parted);
            store_whole(items, top - W, parted);
            let count = m.count_ones() as usize;
            below += count;
            top -= W - count;
        }
    }
    // Then one register at a time (the last one partial: all that is left unread), then the
    // held ones; exact writes from here on.
    while l_read < r_read {
        let valid = (r_read - l_read).min(W);
        let at = if valid < W || l_read - below <= top - r_read {
            l_read += valid;
            l_read - valid
        } else {
            r_read -= W;
            r_read
        };
        let v = load::<O, IDX>(items, at, valid);
        write_exact::<O, IDX>(items, v, valid, p, &mut below, &mut top);
    }
    for v in held_left.into_iter().chain(held_right) {
        write_exact::<O, IDX>(items, v, W, p, &mut below, &mut top);
    }
    below
}

/// Writes the first `valid` lanes of `v`, those below `p` at `below`, the others just
/// before `top`, and moves the two on.
#[inline]
#[target_feature(enable = "avx512f,popcnt")]
fn write_exact<const O: u8, const IDX: bool>(
    items: &mut Items<IDX>,
    v: V,
    valid: usize,
    p: __m512i,
    below: &mut usize,
    top: &mut usize,
) {
    let m = lt::<O>(v.k, p) & lanes(valid);
    *below += compress_store(items, *below, m, v);
    *top -= valid - m.count_ones() as usize;
    compress_store(items, *top, !m & lanes(valid), v);
}

/// Sorts `items` in place.
#[target_feature(enable = "avx512f,popcnt")]
fn quicksort<const O: u8, const IDX: bool>(mut items: Items<IDX>, mut depth: u32) {
    loop {
        let n = items.len();
        if n <= base(IDX) {
            return small_sort::<O, IDX>(items);
        }
        if depth == 0 {
            return heap_sort::<O, IDX>(items);
        }
        depth -= 1;
        let pivot = median_of_8::<O>(items.k);
        let below = partition::<O, IDX>(&mut items, pivot);
        if below == 0 {
            // The pivot is the smallest key: the keys equal to it go first, done (pairs: in
            // index order); the rest is sorted on.
            let equal = match successor::<O>(pivot) {
                Some(next) => partition::<O, IDX>(&mut items, next),
                None => n, // every key is the largest
            };
            let (done, rest) = items.split_at(equal);
            // (Without progress, as with a NaN pivot the callers rule out, depth runs down.)
            if IDX {
                done.i.sort_unstable();
            }
            items = rest;
            continue;
        }
        let (left, right) = items.split_at(below);
        if below < n - below {
            quicksort::<O, IDX>(left, depth);
            items = right;
        } else {
            quicksort::<O, IDX>(right, depth);
            items = left;
        }
    }
}

/// Heap sort by key, then index: for runs the pivots failed to split.
fn heap_sort<const O: u8, const IDX: bool>(mut items: Items<IDX>) {
    let n = items.len();
    let less = |items: &Items<IDX>, a: usize, b: usize| {
        let (ka, kb) = (items.k[a], items.k[b]);
        key_lt::<O>(ka, kb) || (IDX && !key_lt::<O>(kb, ka) && items.i[a] < items.i[b])
    };
    let sift = |items: &mut Items<IDX>, mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(items, child, child + 1) {
            child += 1;
        }
        if !less(items, root, child) {
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

    fn random(n: usize, seed: u64) -> Vec<u64> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            })
            .collect()
    }

    /// Words of `n` keys as `O` reads them: `range` distinct values (0: all kinds), some of
    /// them the largest key (which pads registers) when `with_largest`.
    fn keys<const O: u8>(n: usize, seed: u64, range: u64, with_largest: bool) -> Vec<u64> {
        random(n, seed)
            .into_iter()
            .enumerate()
            .map(|(j, x)| {
                if with_largest && j % 5 == 0 {
                    return largest::<O>();
                }
                let v = if range == 0 { x } else { x % range };
                match O {
                    FLOAT if range == 0 => {
                        let f = f64::from_bits(v);
                        if f.is_nan() || f.to_bits() == (-0.0f64).to_bits() {
                            1.5f64.to_bits()
                        } else {
                            v
                        }
                    }
                    FLOAT => (v as f64 - range as f64 / 2.0).to_bits(),
                    SIGNED => v.wrapping_sub(range / 2),
                    _ => v,
                }
            })
            .collect()
    }

    fn check<const O: u8>() {
        for n in [
            0, 1, 7, 8, 9, 63, 64, 65, 100, 128, 129, 130, 1000, 5000, 70_000,
        ] {
            for range in [0, 1, 3, 1000] {
                for with_largest in [false, true] {
                    for threads in [1, 2, 3] {
                        let what = format!("O={O} n={n} range={range} largest={with_largest}");
                        let data = keys::<O>(n, n as u64 + range, range, with_largest);
                        let mut want = data.clone();
                        want.sort_by(key_cmp::<O>);
                        let mut got = data.clone();
                        assert!(sort_keys::<O>(&mut got, threads));
                        assert_eq!(got, want, "keys {what}");

                        // Stable argsort (std's sort_by is stable).
                        let mut order: Vec<u64> = (0..n as u64).collect();
                        order.sort_by(|&a, &b| key_cmp::<O>(&data[a as usize], &data[b as usize]));
                        let (mut k, mut i) = (data.clone(), (0..n as u64).collect::<Vec<_>>());
                        assert!(sort_pairs::<O>(&mut k, &mut i, threads));
                        assert_eq!(i, order, "pairs {what}");
                        assert_eq!(k, want, "pair keys {what}");
                    }
                }
            }
        }
    }

    #[test]
    fn sorts_as_std_does() {
        if !cpu::has_avx512() {
            return;
        }
        check::<UNSIGNED>();
        check::<SIGNED>();
        check::<FLOAT>();
    }

    #[test]
    fn argsort_of_floats_keeps_signed_zeros_in_index_order() {
        if !cpu::has_avx512() {
            return;
        }
        // -0.0 == 0.0: one run of equal keys, in index order, the words themselves kept.
        let n = 3000;
        let data: Vec<u64> = random(n, 9)
            .iter()
            .map(|x| match x % 4 {
                0 => (-0.0f64).to_bits(),
                1 => 0.0f64.to_bits(),
                2 => f64::INFINITY.to_bits(),
                _ => (-1.0f64).to_bits(),
            })
            .collect();
        let mut order: Vec<u64> = (0..n as u64).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (
                f64::from_bits(data[a as usize]),
                f64::from_bits(data[b as usize]),
            );
            x.partial_cmp(&y).expect("no NaN")
        });
        let (mut k, mut i) = (data.clone(), (0..n as u64).collect::<Vec<_>>());
        assert!(sort_pairs::<FLOAT>(&mut k, &mut i, 2));
        assert_eq!(i, order);
        // The keys are in order (the words of a run of zeros may mix -0.0 and 0.0 freely).
        let value = |w: &u64| f64::from_bits(*w);
        let want: Vec<f64> = order.iter().map(|&j| value(&data[j as usize])).collect();
        assert_eq!(k.iter().map(value).collect::<Vec<_>>(), want);
    }

    #[test]
    fn heap_sort_sorts_pairs() {
        let data = keys::<SIGNED>(1000, 5, 10, false);
        let (mut k, mut i): (Vec<u64>, Vec<u64>) = (data.clone(), (0..1000).collect());
        heap_sort::<SIGNED, true>(Items {
            k: &mut k,
            i: &mut i,
        });
        let mut want: Vec<(i64, u64)> = data.iter().map(|&x| x as i64).zip(0..).collect();
        want.sort();
        let got: Vec<(i64, u64)> = k.iter().map(|&x| x as i64).zip(i).collect();
        assert_eq!(got, want);
    }

    /// `cargo test --release -p arrpy-core --lib vector_sort::tests::speed -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn speed() {
        let n = 1_000_000;
        let data = random(n, 1);
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
        let part = time(&mut || unsafe {
            let mut k = data.clone();
            partition::<UNSIGNED, false>(
                &mut Items {
                    k: &mut k,
                    i: &mut [],
                },
                1 << 63,
            );
        });
        let mut k = data.clone();
        let net = time(&mut || unsafe {
            for c in k.chunks_mut(128) {
                small_sort::<UNSIGNED, false>(Items { k: c, i: &mut [] });
            }
        });
        let mut i: Vec<u64> = (0..n as u64).collect();
        let net_pairs = time(&mut || unsafe {
            for (c, d) in k.chunks_mut(base(true)).zip(i.chunks_mut(base(true))) {
                small_sort::<UNSIGNED, true>(Items { k: c, i: d });
            }
        });
        println!(
            "one partition (with a copy) {part:.2} ms, networks of 128 {net:.2} ms, of 64 pairs {net_pairs:.2} ms"
        );
        // Two threads: wall time (the calling thread only waits), which a loaded machine
        // inflates.
        let wall = (0..7)
            .map(|_| {
                let mut k = data.clone();
                let start = std::time::Instant::now();
                sort_keys::<UNSIGNED>(&mut k, 2);
                start.elapsed().as_secs_f64() * 1e3
            })
            .fold(f64::INFINITY, f64::min);
        println!("two threads: keys {wall:.2} ms wall (no copy)");
        for threads in [1] {
            let ms = time(&mut || {
                let mut k = data.clone();
                sort_keys::<UNSIGNED>(&mut k, threads);
            });
            let pairs = time(&mut || {
                let (mut k, mut i): (Vec<u64>, Vec<u64>) = (data.clone(), (0..n as u64).collect());
                sort_pairs::<UNSIGNED>(&mut k, &mut i, threads);
            });
            println!("threads {threads}: keys {ms:.2} ms, pairs {pairs:.2} ms (with copies)");
        }
        let copy = time(&mut || {
            std::hint::black_box(data.clone());
        });
        println!("a copy alone {copy:.2} ms");
    }
}
