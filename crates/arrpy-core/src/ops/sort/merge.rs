//! Merge sorts: the reference tier's bottom-up merge sort (the code a learner reads), and the
//! parallel tier's sort for element types without radix keys (chunks sorted on threads, then
//! merged pairwise). Both are stable: of two equal items the earlier one comes first.

use crate::kernels::parallel;
use crate::kernels::SendPtr;

/// Merges the sorted runs `left` and `right` into `out` (`out.len() == left.len() + right.len()`),
/// taking from `right` only when its item is strictly less, so equal items keep their order.
pub fn merge<I: Copy>(left: &[I], right: &[I], out: &mut [I], less: &impl Fn(&I, &I) -> bool) {
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let take_right = j < right.len() && (i == left.len() || less(&right[j], &left[i]));
        if take_right {
            *slot = right[j];
            j += 1;
        } else {
            *slot = left[i];
            i += 1;
        }
    }
}

/// Stable merge sort, bottom up: first every item is a sorted run of length 1; then neighbouring
/// runs are merged into runs twice as long, from `items` into `scratch` and back, until one run
/// covers everything. No recursion; `scratch` must be as long as `items`.
pub fn merge_sort_by<I: Copy>(items: &mut [I], scratch: &mut [I], less: impl Fn(&I, &I) -> bool) {
    let n = items.len();
    let mut width = 1;
    let mut sorted_in_items = true;
    while width < n {
        let (src, dst): (&[I], &mut [I]) = if sorted_in_items {
            (items, scratch)
        } else {
            (scratch, items)
        };
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            merge(
                &src[start..mid],
                &src[mid..end],
                &mut dst[start..end],
                &less,
            );
            start = end;
        }
        sorted_in_items = !sorted_in_items;
        width *= 2;
    }
    if !sorted_in_items {
        items.copy_from_slice(scratch);
    }
}

/// Stable sort on `chunks` threads: each chunk is sorted by `sort_chunk` (which must be
/// stable; its second argument is scratch space of the chunk's length), then neighbouring runs
/// are merged round by round. Every merge is cut into pieces of about equal output length at
/// "merge path" split points, so all threads work in every round, the last one included. The
/// result is the one stable order, whatever the chunk count.
pub fn parallel_sort<I: Copy + Send + Sync>(
    items: &mut [I],
    scratch: &mut [I],
    chunks: usize,
    sort_chunk: impl Fn(&mut [I], &mut [I]) + Sync,
    less: impl Fn(&I, &I) -> bool + Sync,
) {
    let n = items.len();
    let chunks = chunks.clamp(1, n.max(1));
    let mut runs: Vec<usize> = (0..=chunks).map(|c| c * n / chunks).collect();
    let (ip, sp) = (
        SendPtr(items.as_mut_ptr().cast()),
        SendPtr(scratch.as_mut_ptr().cast()),
    );
    let r = &runs;
    parallel::share(chunks, |c| {
        // SAFETY: chunk c owns items[r[c]..r[c+1]] and the same range of scratch.
        let (run, spare) = unsafe {
            (
                slice_mut::<I>(ip, r[c], r[c + 1]),
                slice_mut::<I>(sp, r[c], r[c + 1]),
            )
        };
        sort_chunk(run, spare);
    });
    let pieces_per_round = parallel::num_threads().max(1) * 2;
    let mut sorted_in_items = true;
    while runs.len() > 2 {
        let (src, dst) = if sorted_in_items { (ip, sp) } else { (sp, ip) };
        // (start, mid, end) of each pair of runs, and pieces of output: (pair, from, to).
        let last = runs.len() - 1;
        let pairs: Vec<(usize, usize, usize)> = (0..last.div_ceil(2))
            .map(|p| {
                (
                    runs[2 * p],
                    runs[(2 * p + 1).min(last)],
                    runs[(2 * p + 2).min(last)],
                )
            })
            .collect();
        let mut pieces = Vec::new();
        for (p, &(start, _, end)) in pairs.iter().enumerate() {
            let parts = ((end - start) * pieces_per_round).div_ceil(n.max(1)).max(1);
            pieces.extend((0..parts).map(|q| {
                (
                    p,
                    q * (end - start) / parts,
                    (q + 1) * (end - start) / parts,
                )
            }));
        }
        let (pairs_ref, pieces_ref) = (&pairs, &pieces);
        parallel::share(pieces.len(), |t| {
            let (p, from, to) = pieces_ref[t];
            let (start, mid, end) = pairs_ref[p];
            // SAFETY: src and dst are different buffers of n items; this piece reads only
            // src[start..end] and writes only dst[start + from..start + to], disjoint from
            // every other piece's output.
            let (left, right, out) = unsafe {
                (
                    slice_mut::<I>(src, start, mid),
                    slice_mut::<I>(src, mid, end),
                    slice_mut::<I>(dst, start + from, start + to),
                )
            };
            let (i0, i1) = (
                merge_split(left, right, from, &less),
                merge_split(left, right, to, &less),
            );
            merge(&left[i0..i1], &right[from - i0..to - i1], out, &less);
        });
        runs = pairs
            .iter()
            .map(|p| p.0)
            .chain(std::iter::once(n))
            .collect();
        sorted_in_items = !sorted_in_items;
    }
    if !sorted_in_items {
        items.copy_from_slice(scratch);
    }
}

/// How many of the first `k` items of the stable merge of `a` and `b` come from `a`.
fn merge_split<I>(a: &[I], b: &[I], k: usize, less: &impl Fn(&I, &I) -> bool) -> usize {
    let (mut lo, mut hi) = (k.saturating_sub(b.len()), k.min(a.len()));
    while lo < hi {
        let i = lo + (hi - lo) / 2;
        // i < k here, so b[k - i - 1] exists; a[i] goes first unless b's item is less.
        if !less(&b[k - i - 1], &a[i]) {
            lo = i + 1;
        } else {
            hi = i;
        }
    }
    lo
}

fn order(less: bool, greater: bool) -> std::cmp::Ordering {
    match (less, greater) {
        (true, _) => std::cmp::Ordering::Less,
        (_, true) => std::cmp::Ordering::Greater,
        _ => std::cmp::Ordering::Equal,
    }
}

/// The `Ordering` of two items under a strict `less` (for std's sorts).
pub fn ordering<I>(less: &impl Fn(&I, &I) -> bool, a: &I, b: &I) -> std::cmp::Ordering {
    order(less(a, b), less(b, a))
}

/// Items `start..end` of the buffer at `ptr` as a mutable slice.
///
/// # Safety
/// `ptr` must address at least `end` initialized items of `I`, and no other live reference
/// may touch items `start..end` while the slice lives.
unsafe fn slice_mut<'a, I>(ptr: SendPtr, start: usize, end: usize) -> &'a mut [I] {
    std::slice::from_raw_parts_mut(ptr.get().cast::<I>().add(start), end - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sorts_are_stable() {
        let items: Vec<(u8, usize)> = (0..1000).map(|i| (((i * 7919) % 13) as u8, i)).collect();
        let less = |a: &(u8, usize), b: &(u8, usize)| a.0 < b.0;
        let mut want = items.clone();
        want.sort_by_key(|p| p.0);
        let mut got = items.clone();
        let mut scratch = items.clone();
        merge_sort_by(&mut got, &mut scratch, less);
        assert_eq!(got, want);
        let by_std = |c: &mut [(u8, usize)], _: &mut [(u8, usize)]| c.sort_by_key(|p| p.0);
        for chunks in [1, 2, 3, 7, 64] {
            let mut got = items.clone();
            parallel_sort(&mut got, &mut scratch, chunks, by_std, less);
            assert_eq!(got, want, "{chunks}");
        }
        let mut none: Vec<(u8, usize)> = vec![];
        merge_sort_by(&mut none, &mut [], less);
        parallel_sort(&mut none, &mut [], 4, by_std, less);
    }
}
