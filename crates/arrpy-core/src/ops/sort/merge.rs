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
            merge(&src[start..mid], &src[mid..end], &mut dst[start..end], &less);
            start = end;
        }
        sorted_in_items = !sorted_in_items;
        width *= 2;
    }
    if !sorted_in_items {
        items.copy_from_slice(scratch);
    }
}

/// Stable sort on `chunks` threads: each chunk is sorted by `slice::sort_by` (stable), then
/// neighbouring chunks are merged level by level, the merges of one level in parallel. The
/// result is the one stable order, whatever the chunk count.
pub fn parallel_sort_by<I: Copy + Send + Sync>(
    items: &mut [I],
    scratch: &mut [I],
    chunks: usize,
    less: impl Fn(&I, &I) -> bool + Sync,
) {
    let n = items.len();
    let chunks = chunks.clamp(1, n.max(1));
    let bounds: Vec<usize> = (0..=chunks).map(|c| c * n / chunks).collect();
    let ptr = SendPtr(items.as_mut_ptr().cast());
    parallel::share(chunks, |c| {
        // SAFETY: chunk c owns items[bounds[c]..bounds[c+1]], disjoint from other chunks'.
        let run = unsafe { slice_mut::<I>(ptr, bounds[c], bounds[c + 1]) };
        run.sort_by(|a, b| order(less(a, b), less(b, a)));
    });
    // Runs are merged pairwise; `runs` holds the current run boundaries.
    let mut runs = bounds;
    let mut sorted_in_items = true;
    while runs.len() > 2 {
        let (src, dst) = if sorted_in_items {
            (SendPtr(items.as_mut_ptr().cast()), SendPtr(scratch.as_mut_ptr().cast()))
        } else {
            (SendPtr(scratch.as_mut_ptr().cast()), SendPtr(items.as_mut_ptr().cast()))
        };
        let pairs = (runs.len() - 1).div_ceil(2);
        let r = &runs;
        parallel::share(pairs, |p| {
            let (start, mid) = (r[2 * p], r[(2 * p + 1).min(r.len() - 1)]);
            let end = r[(2 * p + 2).min(r.len() - 1)];
            // SAFETY: pair p reads src[start..end] and writes dst[start..end]; pairs cover
            // disjoint ranges, and src and dst are different buffers of length n.
            let (left, right, out) = unsafe {
                (
                    slice_mut::<I>(src, start, mid),
                    slice_mut::<I>(src, mid, end),
                    slice_mut::<I>(dst, start, end),
                )
            };
            merge(left, right, out, &less);
        });
        runs = runs.iter().copied().step_by(2).chain(runs.last().copied()).collect();
        runs.dedup();
        sorted_in_items = !sorted_in_items;
    }
    if !sorted_in_items {
        items.copy_from_slice(scratch);
    }
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
        for chunks in [1, 2, 3, 7, 64] {
            let mut got = items.clone();
            parallel_sort_by(&mut got, &mut scratch, chunks, less);
            assert_eq!(got, want, "{chunks}");
        }
        let mut none: Vec<(u8, usize)> = vec![];
        merge_sort_by(&mut none, &mut [], less);
        parallel_sort_by(&mut none, &mut [], 4, less);
    }
}
