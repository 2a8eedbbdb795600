//! Order statistics of one lane: the elements of given ranks.
//!
//! - reference: `select_ranks`, std's introselect (`select_nth_unstable`) once per rank, each
//!   on the part right of the previous one. One small function, so that `ops::sort`'s
//!   partition can replace it.
//! - simd (and parallel, on threads for one long lane): `select_by_buckets`, a radix pre-pass:
//!   count the elements per bucket of key range, keep only the elements of the buckets that
//!   hold a wanted rank (a small fraction), and select among those. Two streaming passes over
//!   the lane instead of introselect's data-dependent branches. Short lanes, and the group the
//!   pre-pass keeps, are selected by `select_keys`: introselect over the keys copied out once.
//!
//! Both order by `Ranked::key` (NaN last, -0 before +0), so they return the same elements.

use super::lanes::per_piece;
use super::rank::Ranked;
use crate::buffer::vec_with_capacity;
use crate::dtype::DType;
use crate::kernels::cpu::vectorize;
use crate::kernels::parallel;

/// Lanes at least this long take the bucket pre-pass at the simd and parallel tiers.
pub const MIN_BUCKET_LANE: usize = 2048;
const BUCKET_BITS: u32 = 12;
const BUCKETS: usize = 1 << BUCKET_BITS;
/// Elements sampled for the buckets' key range.
const SAMPLE: usize = 4096;

/// Moves the elements of ranks `ks` (ascending; repeats allowed) of `lane` to those positions,
/// smaller elements before each and larger after (NumPy's `partition` with several kth).
pub fn select_ranks<T: Ranked>(lane: &mut [T], ks: &[usize]) {
    let mut lo = 0;
    for &k in ks {
        if k < lo || k >= lane.len() {
            continue;
        }
        lane[lo..].select_nth_unstable_by_key(k - lo, |x| x.key());
        lo = k + 1;
    }
}

/// Puts the element of rank `k` at `lane[k]` for each `k` in `ks` (ascending; repeats
/// allowed), overwriting what was there; other positions keep their elements. Introselect on
/// the keys, copied out once: it then compares plain integers instead of computing two keys
/// per comparison (3x faster on float lanes of 1000). A rank right after the one before it (a
/// median's two middle elements) is the smallest key right of that one: a scan, not another
/// select.
pub fn select_keys<T: Ranked>(lane: &mut [T], ks: &[usize]) {
    let Ok(mut keys) = vec_with_capacity::<T::Key>(lane.len()) else {
        return select_ranks(lane, ks);
    };
    keys.resize(lane.len(), T::Key::default());
    // Plain loops in `vectorize`, so the key and the minimum compile to vector instructions
    // (64-bit shifts and minima need AVX-512).
    vectorize(
        #[inline(always)]
        || {
            for (k, &x) in keys.iter_mut().zip(lane.iter()) {
                *k = x.key();
            }
        },
    );
    let mut lo = 0;
    for &k in ks {
        if k < lo || k >= keys.len() {
            continue;
        }
        let rest = &mut keys[lo..];
        if k == lo {
            // Every key left of `lo` is at most every key from it on: rank `k` is their least.
            let least = vectorize(
                #[inline(always)]
                || {
                    let mut least = rest[0];
                    for &x in rest.iter() {
                        least = least.min(x);
                    }
                    least
                },
            );
            if let Some(i) = rest.iter().position(|&x| x == least) {
                rest.swap(0, i);
            }
        } else {
            rest.select_nth_unstable(k - lo);
        }
        lo = k + 1;
    }
    for &k in ks {
        if let (Some(x), Some(&key)) = (lane.get_mut(k), keys.get(k)) {
            *x = T::from_key(key);
        }
    }
}

/// Puts the element of rank `k` at `lane[k]` for each `k` in `ks` (ascending); the rest of the
/// lane is left in any order. Returns whether threads ran.
pub fn select_fast<T: Ranked>(lane: &mut [T], ks: &[usize], threads: bool) -> bool {
    select_in_rounds(lane, ks, threads, 0)
}

/// Rounds of the pre-pass: each narrows the key range to the wanted buckets' (at least
/// 2^BUCKET_BITS times narrower unless they hold one key), so a few rounds reach a group small
/// enough for introselect whatever the data.
const MAX_ROUNDS: usize = 4;

fn select_in_rounds<T: Ranked>(lane: &mut [T], ks: &[usize], threads: bool, round: usize) -> bool {
    if !T::KEY64 || lane.len() < MIN_BUCKET_LANE || round >= MAX_ROUNDS {
        select_keys(lane, ks);
        return false;
    }
    let threads = threads && parallel::splits(lane.len());
    let chunks = if threads {
        parallel::num_threads() * 2
    } else {
        1
    };
    let piece = lane.len().div_ceil(chunks);
    let pieces: Vec<&[T]> = lane.chunks(piece).collect();
    // The buckets span the key range of a sample of the lane; keys outside it fall into the
    // end buckets, so the buckets stay in key order and only the split's balance depends on
    // the sample (which saves a pass over the lane).
    let stride = (lane.len() / SAMPLE).max(1);
    let (lo, hi) = lane
        .iter()
        .step_by(stride)
        .fold((u64::MAX, 0), |(lo, hi), x| {
            (lo.min(x.key64()), hi.max(x.key64()))
        });
    let shift = (64 - (hi - lo).leading_zeros()).saturating_sub(BUCKET_BITS);
    // Floats of both signs are bucketed by value: their keys are sign and exponent first, and
    // the two signs lie far apart in key space, so key-range buckets would split by binade
    // only (all of 32..64 in one bucket). Any bucket function works that never decreases along
    // the sort order; this one sends NaN last and -0.0 with 0.0. (Floats of one sign keep the
    // key buckets: measured faster there.)
    let span = value_span(lane, stride);
    let bucket = move |x: T| match span {
        Some(_) if x.is_nan() => BUCKETS - 1,
        // Clamped as a float, the cast needs no range checks.
        Some((vlo, scale)) => ((x.value() - vlo) * scale).clamp(0.0, (BUCKETS - 1) as f64) as usize,
        None => ((x.key64().saturating_sub(lo) >> shift) as usize).min(BUCKETS - 1),
    };
    // Pass 2: elements per bucket (counts merge exactly whatever the split).
    let mut counts = vec![0usize; BUCKETS];
    for c in per_piece(&pieces, threads, |p| {
        let mut c = vec![0u32; BUCKETS];
        p.iter().for_each(|&x| c[bucket(x)] += 1);
        c
    }) {
        counts.iter_mut().zip(c).for_each(|(t, c)| *t += c as usize);
    }
    // The bucket of each wanted rank; the wanted buckets' elements, in bucket order, are the
    // ranks `first[b]..` of the lane.
    let mut wanted = vec![false; BUCKETS];
    let mut start = 0;
    let mut k_iter = ks.iter().peekable();
    for (b, &c) in counts.iter().enumerate() {
        while let Some(&&k) = k_iter.peek() {
            if k >= start + c {
                break;
            }
            wanted[b] = true;
            k_iter.next();
        }
        start += c;
    }
    let kept: usize = counts
        .iter()
        .zip(&wanted)
        .filter(|(_, &w)| w)
        .map(|(&c, _)| c)
        .sum();
    let Ok(mut group) = vec_with_capacity::<T>(kept) else {
        select_ranks(lane, ks);
        return false;
    };
    // Pass 3: gather them (pieces in order, so the group is the same at any thread count).
    for part in per_piece(&pieces, threads, |p| {
        p.iter()
            .copied()
            .filter(|&x| wanted[bucket(x)])
            .collect::<Vec<T>>()
    }) {
        group.extend(part);
    }
    // A lane rank k is rank k - (elements in unwanted buckets below k's bucket) of the group.
    let mut below = vec![0usize; BUCKETS + 1];
    for b in 0..BUCKETS {
        below[b + 1] = below[b] + if wanted[b] { 0 } else { counts[b] };
    }
    let mut local = Vec::with_capacity(ks.len());
    let (mut b, mut cumulative) = (0, 0);
    for &k in ks {
        while cumulative + counts[b] <= k {
            cumulative += counts[b];
            b += 1;
        }
        local.push(k - below[b]);
    }
    // The group is the next round's lane, unless this round kept everything (one key).
    if group.len() < lane.len() && (span.is_some() || hi - lo >= BUCKETS as u64) {
        select_in_rounds(&mut group, &local, false, round + 1);
    } else {
        select_keys(&mut group, &local);
    }
    for (&k, &g) in ks.iter().zip(&local) {
        lane[k] = group[g];
    }
    threads
}

/// For float lanes whose sample holds both signs: the lowest value of the sample and the scale
/// that spreads the sample's range over the buckets (None otherwise, or when that range is not
/// finite: the key buckets serve then).
fn value_span<T: Ranked>(lane: &[T], stride: usize) -> Option<(f64, f64)> {
    if !matches!(T::DTYPE, DType::Float32 | DType::Float64) {
        return None;
    }
    let (vlo, vhi) = lane
        .iter()
        .step_by(stride)
        .filter(|x| !x.is_nan())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x.value()), hi.max(x.value()))
        });
    let scale = BUCKETS as f64 / (vhi - vlo);
    (vlo < 0.0 && vhi > 0.0 && scale.is_finite() && scale > 0.0).then_some((vlo, scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_complex::Complex64;

    /// Keys decode to the elements they came from (NaNs aside), so `select_keys` returns the
    /// lane's own elements.
    #[test]
    fn keys_decode_to_their_elements() {
        let floats = [
            0.0,
            -0.0,
            1.5,
            -1.5,
            f64::MIN_POSITIVE / 4.0,
            -f64::MIN_POSITIVE / 4.0,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in floats {
            assert_eq!(f64::from_key(x.key()).to_bits(), x.to_bits());
            assert_eq!(
                f32::from_key((x as f32).key()).to_bits(),
                (x as f32).to_bits()
            );
            let c = Complex64::new(x, -x);
            let d = Complex64::from_key(c.key());
            assert_eq!(
                (d.re.to_bits(), d.im.to_bits()),
                (c.re.to_bits(), c.im.to_bits())
            );
        }
        assert!(f64::from_key(f64::NAN.key()).is_nan());
        for x in [i64::MIN, -1, 0, 1, i64::MAX] {
            assert_eq!(i64::from_key(x.key()), x);
            assert_eq!(i8::from_key((x as i8).key()), x as i8);
        }
        assert_eq!(u16::from_key(u16::MAX.key()), u16::MAX);
    }

    #[test]
    fn key_select_matches_introselect() {
        let mut seed = 987u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [1usize, 2, 3, 10, 999, 1000] {
            for spread in [1u64, 5, 1 << 30] {
                let data: Vec<f64> = (0..n)
                    .map(|_| {
                        let r = next();
                        let x = (r % spread) as f64 - (spread / 2) as f64;
                        // Both zeros, which rank apart.
                        if x == 0.0 && r & (1 << 40) != 0 {
                            -0.0
                        } else {
                            x
                        }
                    })
                    .collect();
                let h = n / 2;
                let kss = [
                    vec![0],
                    vec![n - 1],
                    vec![h.saturating_sub(1), h],
                    vec![0, 1, 2, h, h, n.saturating_sub(2), n - 1],
                ];
                for ks in kss {
                    let mut ks: Vec<usize> = ks.into_iter().filter(|&k| k < n).collect();
                    ks.sort_unstable();
                    let (mut a, mut b) = (data.clone(), data.clone());
                    select_ranks(&mut a, &ks);
                    select_keys(&mut b, &ks);
                    for &k in &ks {
                        assert_eq!(
                            a[k].to_bits(),
                            b[k].to_bits(),
                            "n {n} spread {spread} ks {ks:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn buckets_select_the_ranks_introselect_selects() {
        let mut seed = 12345u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [2048usize, 3000, 100_003] {
            for spread in [1u64, 7, 1 << 40] {
                let data: Vec<f64> = (0..n)
                    .map(|_| (next() % spread) as f64 - (spread / 2) as f64)
                    .collect();
                let ks = [0, 1, n / 3, n / 2, n / 2, n - 2, n - 1];
                let mut a = data.clone();
                select_ranks(&mut a, &ks);
                for threads in [false, true] {
                    let mut b = data.clone();
                    select_fast(&mut b, &ks, threads);
                    for &k in &ks {
                        assert_eq!(
                            a[k].to_bits(),
                            b[k].to_bits(),
                            "n {n} spread {spread} k {k}"
                        );
                    }
                }
            }
        }
    }
}
