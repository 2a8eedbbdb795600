//! Lanes: an array's reduced axes gathered into contiguous runs (one per output element), the
//! threads that work on them, and their NaNs.

use super::rank::Ranked;
use crate::array::Array;
use crate::dtype::Element;
use crate::error::Result;
use crate::kernels::parallel;
use crate::layout::Shape;
use crate::ops::reduce::{axes_mask, kept_shape};
use std::sync::Mutex;

/// A copy of an array's elements with the reduced axes last, so that each lane (the elements
/// one output element reduces) is a contiguous run of `n`, lanes in C order of the kept axes.
pub struct Lanes<T> {
    pub data: Vec<T>,
    /// Elements per lane.
    pub n: usize,
    /// Number of lanes (the product of `kept`).
    pub count: usize,
    pub kept: Shape,
    pub mask: Vec<bool>,
}

impl<T: Element> Lanes<T> {
    /// `a`'s lanes over `axes` (None: all axes, one lane). `a` must hold `T`.
    pub fn gather(a: &Array, axes: Option<&[isize]>) -> Result<Lanes<T>> {
        let mask = axes_mask(axes, a.ndim())?;
        let order: Vec<isize> = (0..a.ndim())
            .filter(|&i| !mask[i])
            .chain((0..a.ndim()).filter(|&i| mask[i]))
            .map(|i| i as isize)
            .collect();
        let kept = kept_shape(a, &mask);
        let count: usize = kept.iter().product();
        let n = if count == 0 { 0 } else { a.size() / count };
        let data = a.transpose(Some(&order))?.to_vec::<T>()?;
        Ok(Lanes {
            data,
            n,
            count,
            kept,
            mask,
        })
    }
}

/// Runs `f(lane, results)` on every lane of `data` (lanes of `n` elements) with its `per`
/// results in `out`, on the pool's threads when `threads` and the work is large enough.
/// Lanes are independent, so the results do not depend on how they are split.
pub fn for_each_lane<T: Send, O: Send>(
    threads: bool,
    data: &mut [T],
    n: usize,
    out: &mut [O],
    per: usize,
    f: impl Fn(&mut [T], &mut [O]) + Sync,
) -> bool {
    if n == 0 || per == 0 {
        return false;
    }
    let lanes = out.len() / per;
    let run = |d: &mut [T], o: &mut [O]| {
        for (lane, res) in d.chunks_mut(n).zip(o.chunks_mut(per)) {
            f(lane, res)
        }
    };
    if !threads || lanes < 2 || !parallel::splits(data.len()) {
        run(data, out);
        return false;
    }
    let chunks = (parallel::num_threads() * 4).min(lanes);
    let per_chunk = lanes.div_ceil(chunks);
    let pieces: Vec<Mutex<(&mut [T], &mut [O])>> = data
        .chunks_mut(per_chunk * n)
        .zip(out.chunks_mut(per_chunk * per))
        .map(Mutex::new)
        .collect();
    parallel::share(pieces.len(), |c| {
        if let Ok(mut piece) = pieces[c].lock() {
            let (d, o) = &mut *piece;
            run(d, o);
        }
    });
    true
}

/// Moves the non-NaN elements of `lane` to its front (order not kept); returns their count.
pub fn drop_nans<T: Ranked>(lane: &mut [T]) -> usize {
    let mut m = 0;
    for i in 0..lane.len() {
        if !lane[i].is_nan() {
            lane.swap(m, i);
            m += 1;
        }
    }
    m
}

/// A NaN of `lane` if it has one (the element NumPy's NaN check finds at the end of a
/// partitioned lane).
pub fn find_nan<T: Ranked>(lane: &[T]) -> Option<T> {
    // Blocks are tested without early exit, which vectorizes; only a block with a NaN is
    // searched.
    lane.chunks(64)
        .find(|b| b.iter().fold(false, |any, x| any | x.is_nan()))
        .and_then(|b| b.iter().copied().find(|x| x.is_nan()))
}

/// `f` on each piece, on the pool's threads when `threads`; the results in piece order.
pub fn per_piece<T: Sync, R: Send>(
    pieces: &[&[T]],
    threads: bool,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    if !threads {
        return pieces.iter().map(|p| f(p)).collect();
    }
    let slots: Vec<Mutex<Option<R>>> = pieces.iter().map(|_| Mutex::new(None)).collect();
    parallel::share(pieces.len(), |i| {
        let r = f(pieces[i]);
        if let Ok(mut s) = slots[i].lock() {
            *s = Some(r);
        }
    });
    slots
        .into_iter()
        .filter_map(|s| s.into_inner().ok().flatten())
        .collect()
}
