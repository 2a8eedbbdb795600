//! The cache-blocked copy: a copy whose destination and source are contiguous along different
//! axes (making a transpose contiguous). A run-by-run copy reads one of them with a large
//! stride, touching a new cache line per element; copying square tiles keeps both tiles'
//! lines in L1 while they are used. The simd and parallel tiers run it (parallel: tiles shared
//! out to the pool); the reference tier keeps the plain loop.

use super::{parallel, SendPtr};

/// Tile edge in elements: a 32x32 tile of 16-byte elements is 16 KiB per side.
const BLOCK: usize = 32;
/// Below this many elements the plain loop is as fast (the whole copy fits in cache).
const MIN_ELEMENTS: usize = 4096;

/// The layout with length-1 axes dropped and neighbours merged where both sides step over the
/// inner one in one stride (a (90, 70, 3) transpose whose last two axes are contiguous
/// together is a (90, 210) transpose).
pub fn coalesce(
    shape: &[usize],
    dst: &[isize],
    src: &[isize],
) -> (Vec<usize>, Vec<isize>, Vec<isize>) {
    let (mut n, mut d, mut s) = (Vec::new(), Vec::new(), Vec::<isize>::new());
    for k in (0..shape.len()).filter(|&k| shape[k] != 1) {
        if let Some(j) = n.len().checked_sub(1) {
            let inner = shape[k] as isize;
            if d[j] == dst[k] * inner && s[j] == src[k] * inner {
                (n[j], d[j], s[j]) = (n[j] * shape[k], dst[k], src[k]);
                continue;
            }
        }
        n.push(shape[k]);
        d.push(dst[k]);
        s.push(src[k]);
    }
    (n, d, s)
}

/// The axes to tile, `(i, j)`: the destination's fastest-varying axis and the source's. None
/// when they coincide (runs are sequential on both sides), when the source is broadcast along
/// its fastest axis (stride 0: nothing to gather), or when the copy is small.
pub fn tile_axes(shape: &[usize], dst: &[isize], src: &[isize]) -> Option<(usize, usize)> {
    if shape.iter().product::<usize>() < MIN_ELEMENTS {
        return None;
    }
    let fastest = |strides: &[isize]| {
        (0..shape.len())
            .filter(|&k| shape[k] > 1)
            .min_by_key(|&k| strides[k].unsigned_abs())
    };
    let (i, j) = (fastest(dst)?, fastest(src)?);
    let wide = |k: usize| shape[k] >= BLOCK / 4;
    (i != j && src[j] != 0 && dst[i] != 0 && wide(i) && wide(j)).then_some((i, j))
}

/// Copies `shape` elements of `T` from `src` to `dst` (byte strides per axis) tile by tile over
/// axes `i` and `j`, the other axes outside; on the pool when `threads`. Returns whether the
/// work was split across threads.
///
/// # Safety
/// Every element of both layouts lies inside its allocation; the destination's elements are
/// distinct and do not overlap the source's.
pub unsafe fn copy<T: Copy>(
    shape: &[usize],
    dst: (*mut u8, &[isize]),
    src: (*const u8, &[isize]),
    (i, j): (usize, usize),
    threads: bool,
) -> bool {
    let outer: Vec<usize> = (0..shape.len()).filter(|&k| k != i && k != j).collect();
    let outer_count: usize = outer.iter().map(|&k| shape[k]).product();
    let (ti, tj) = (shape[i].div_ceil(BLOCK), shape[j].div_ceil(BLOCK));
    let items = outer_count * ti * tj;
    let size: usize = shape.iter().product();
    let (dp, sp) = (SendPtr(dst.0), SendPtr(src.0 as *mut u8));
    let (ds, ss) = (dst.1, src.1);
    let body = |start: usize, end: usize| {
        for item in start..end {
            let (mut rest, bj) = (item / tj, item % tj);
            let bi = rest % ti;
            rest /= ti;
            // Byte offsets of this item's outer index (the odometer, decoded from `rest`).
            let (mut d_off, mut s_off) = (0isize, 0isize);
            for &k in outer.iter().rev() {
                let idx = (rest % shape[k]) as isize;
                rest /= shape[k];
                d_off += idx * ds[k];
                s_off += idx * ss[k];
            }
            let (i0, j0) = (bi * BLOCK, bj * BLOCK);
            let (i1, j1) = ((i0 + BLOCK).min(shape[i]), (j0 + BLOCK).min(shape[j]));
            for jj in j0..j1 {
                let (d_row, s_row) = (d_off + jj as isize * ds[j], s_off + jj as isize * ss[j]);
                for ii in i0..i1 {
                    let (d, s) = (d_row + ii as isize * ds[i], s_row + ii as isize * ss[i]);
                    // SAFETY: (outer, ii, jj) is an index inside `shape`, so both elements lie
                    // inside their layouts (the caller's condition); items are disjoint.
                    unsafe {
                        let v = sp.get().offset(s).cast::<T>().read_unaligned();
                        dp.get().offset(d).cast::<T>().write_unaligned(v);
                    }
                }
            }
        }
    };
    if threads && parallel::splits(size) {
        parallel::for_each_chunk_of(items, size, 4, body);
        return true;
    }
    body(0, items);
    false
}
