//! LSD radix sort: the simd tier's sort for element types with radix keys (and the parallel
//! tier's sort of each chunk before the chunks are merged, `merge::parallel_sort`).
//!
//! One pass per key byte, least significant first: with how many items have each byte value
//! (all bytes counted in one read up front), every bucket gets a start offset, then every item
//! moves, in order, to the next free slot of its bucket. Each pass is stable, so after the
//! last one the items are sorted by the whole key and equal keys keep their input order. A
//! byte that every key shares (one bucket holds everything) needs no pass: int64 data in a
//! small range, or floats of one sign, sort in fewer passes.

use super::order::RadixKey;

const BUCKETS: usize = 256;

/// Sorts `items` by `key`, stably. `scratch` must be as long as `items`.
pub fn radix_sort<I: Copy, K: RadixKey>(items: &mut [I], scratch: &mut [I], key: impl Fn(I) -> K) {
    let n = items.len();
    if n < 2 {
        return;
    }
    let mut counts = [[0usize; BUCKETS]; 8];
    let counts = &mut counts[..K::BYTES];
    for &item in items.iter() {
        let k = key(item);
        for (byte, c) in counts.iter_mut().enumerate() {
            c[k.byte(byte)] += 1;
        }
    }
    let mut sorted_in_items = true;
    for (byte, c) in counts.iter().enumerate() {
        if c.contains(&n) {
            continue;
        }
        let mut next = [0usize; BUCKETS];
        let mut start = 0;
        for (b, &m) in c.iter().enumerate() {
            next[b] = start;
            start += m;
        }
        let (src, dst): (&[I], &mut [I]) = if sorted_in_items {
            (items, scratch)
        } else {
            (scratch, items)
        };
        for &item in src {
            let b = key(item).byte(byte);
            dst[next[b]] = item;
            next[b] += 1;
        }
        sorted_in_items = !sorted_in_items;
    }
    if !sorted_in_items {
        items.copy_from_slice(scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::sort::merge::ordering;
    use crate::ops::sort::order::SortElement;

    #[test]
    fn sorts_stably() {
        let values: Vec<f64> = (0..5000)
            .map(|i| match i % 11 {
                0 => f64::NAN,
                1 => -0.0,
                2 => 0.0,
                _ => ((i * 7919) % 97) as f64 - 40.0,
            })
            .collect();
        let less = |x: &(f64, usize), y: &(f64, usize)| f64::less(x.0, y.0);
        let mut want: Vec<(f64, usize)> = values.iter().copied().zip(0..).collect();
        want.sort_by(|a, b| ordering(&less, a, b));
        let mut got: Vec<(f64, usize)> = values.iter().copied().zip(0..).collect();
        let mut scratch = got.clone();
        radix_sort(&mut got, &mut scratch, |p| p.0.key());
        assert!(got.iter().zip(&want).all(|(g, w)| g.1 == w.1));
    }
}
