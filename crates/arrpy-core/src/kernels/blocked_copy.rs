//! The cache-blocked copy: a copy whose destination and source are contiguous along different
//! axes (making a transpose contiguous). A run-by-run copy reads one of them with a large
//! stride, touching a new cache line per element; copying square tiles keeps both tiles'
//! lines in L1 while they are used. A destination far larger than L2 is written with
//! streaming stores (`streams`). The simd and parallel tiers run it (parallel: tiles shared
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
    let stream = streams::<T>(dst.0, ds, i, size);
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
            let tile = Tile {
                src: s_off + i0 as isize * ss[i] + j0 as isize * ss[j],
                src_i: ss[i],
                src_j: ss[j],
                dst: d_off + i0 as isize * ds[i] + j0 as isize * ds[j],
                dst_i: ds[i],
                dst_j: ds[j],
                ni: i1 - i0,
                nj: j1 - j0,
            };
            // SAFETY: the tile's elements are indices inside `shape` (the caller's
            // condition covers them); items are disjoint tiles.
            unsafe { tile.copy::<T>(sp.get(), dp.get(), stream) };
        }
        if stream {
            store_fence();
        }
    };
    if threads && parallel::splits(size) {
        parallel::for_each_chunk_of(items, size, 4, body);
        return true;
    }
    body(0, items);
    false
}

/// One tile: `ni` x `nj` elements, element (a, b) at `src + a * src_i + b * src_j` and at
/// `dst + a * dst_i + b * dst_j` (byte offsets from the arrays' data pointers).
struct Tile {
    src: isize,
    src_i: isize,
    src_j: isize,
    dst: isize,
    dst_i: isize,
    dst_j: isize,
    ni: usize,
    nj: usize,
}

impl Tile {
    /// Copies the tile from `src_base` to `dst_base`, each destination row (along `a`) in one
    /// run; with streaming stores when `stream`.
    ///
    /// # Safety
    /// Every element of the tile lies inside both allocations, and the destination's elements
    /// do not overlap the source's; `stream` only as `streams` decides.
    #[inline(always)]
    unsafe fn copy<T: Copy>(&self, src_base: *const u8, dst_base: *mut u8, stream: bool) {
        // Strides in locals: read through `self`, they were reloaded after every store.
        let (src_i, dst_i) = (self.src_i, self.dst_i);
        for b in 0..self.nj as isize {
            let mut s = src_base.offset(self.src + b * self.src_j);
            let mut d = dst_base.offset(self.dst + b * self.dst_j);
            for _ in 0..self.ni {
                let v = s.cast::<T>().read_unaligned();
                if stream {
                    store_streaming(d, v);
                } else {
                    d.cast::<T>().write_unaligned(v);
                }
                s = s.offset(src_i);
                d = d.offset(dst_i);
            }
        }
    }
}

/// Destinations at least this large are written with streaming stores.
const STREAM_BYTES: usize = 8 << 20;

/// Whether to write the destination with streaming (non-temporal) stores: when it is far
/// larger than L2, a plain store first reads each line it writes into the cache (a third of the
/// copy's memory traffic), while a streaming store of a whole line skips that read. Only where
/// every tile row fills whole cache lines from a line boundary (64-aligned data, rows 64 bytes
/// apart, tiles of 256 bytes), with 4- or 8-byte elements on x86-64.
fn streams<T>(dst: *mut u8, ds: &[isize], i: usize, size: usize) -> bool {
    let item = std::mem::size_of::<T>();
    let lines = ds
        .iter()
        .enumerate()
        .all(|(k, &s)| k == i || s.unsigned_abs().is_multiple_of(64));
    cfg!(target_arch = "x86_64")
        && (item == 4 || item == 8)
        && size.saturating_mul(item) >= STREAM_BYTES
        && ds[i] == item as isize
        && (BLOCK * item).is_multiple_of(64)
        && (dst as usize).is_multiple_of(64)
        && lines
}

/// Writes `v` at `dst` with a streaming store (movnti), which bypasses the caches; the
/// thread must `store_fence` before others read what it wrote.
///
/// # Safety
/// `dst` is valid for a write of `T`, aligned for it, and `T` is 4 or 8 bytes.
#[inline(always)]
unsafe fn store_streaming<T: Copy>(dst: *mut u8, v: T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_stream_si32, _mm_stream_si64};
        match std::mem::size_of::<T>() {
            8 => return _mm_stream_si64(dst.cast(), std::mem::transmute_copy::<T, i64>(&v)),
            4 => return _mm_stream_si32(dst.cast(), std::mem::transmute_copy::<T, i32>(&v)),
            _ => {}
        }
    }
    dst.cast::<T>().write_unaligned(v);
}

/// Orders this thread's streaming stores before its later stores (the signal that its part of
/// the copy is done), as plain stores are ordered.
#[inline(always)]
fn store_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: sfence only orders stores; SSE is part of the x86-64 baseline.
    unsafe {
        std::arch::x86_64::_mm_sfence()
    };
}
