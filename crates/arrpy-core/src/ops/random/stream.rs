//! Drawing many words at once, in the stream's order, at three tiers with identical results.
//!
//! Word i of the stream is a function of the state i steps ahead, which an LCG reaches by a
//! jump in O(log i) (`Pcg::state_ahead`). So the simd tier runs `LANES` chains side by side, each
//! from its own start (the chains' 128-bit multiplies overlap instead of waiting on one another),
//! and the parallel tier hands blocks of words to threads, each running the lanes. The reference
//! tier draws one word after another. Every tier hands word i to `emit(i, word)`.

use super::bitgen::{dxsm, xsl_rr, BitGen, Pcg, Variant};
use crate::kernels::{parallel, Tier};
use std::marker::PhantomData;
use std::ops::Range;

/// Chains a simd-tier block runs side by side.
const LANES: usize = 4;

/// Runs `emit(i, word i)` for the next `n` words of `g`'s stream and moves `g` past them.
pub fn each_word(g: &mut Pcg, n: usize, tier: Tier, emit: impl Fn(usize, u64) + Sync) {
    match tier {
        Tier::Reference => {
            for i in 0..n {
                emit(i, g.next_u64_inline());
            }
            return;
        }
        Tier::Simd => lanes(g, 0..n, &emit),
        Tier::Parallel => {
            let start = *g;
            parallel::for_each_chunk_of(n, n, 1, |lo, hi| lanes(&start, lo..hi, &emit));
        }
    }
    g.skip(n);
}

/// Runs `emit(i, u32 i)` for the next `n` 32-bit values of `g` (NumPy's `next_uint32`: a buffered
/// high half first, then the low and high halves of each word; an odd count leaves the last
/// word's high half buffered).
pub fn each_u32(g: &mut Pcg, n: usize, tier: Tier, emit: impl Fn(usize, u32) + Sync) {
    let mut first = 0;
    if n > 0 && g.has_uint32 {
        emit(0, g.next_u32());
        first = 1;
    }
    let pairs = (n - first) / 2;
    let before = *g;
    each_word(g, pairs, tier, |i, w| {
        emit(first + 2 * i, w as u32);
        emit(first + 2 * i + 1, (w >> 32) as u32);
    });
    if pairs > 0 {
        // NumPy's state keeps the last high half handed out (stale, has_uint32 false).
        let mut last = before;
        last.skip(pairs - 1);
        g.uinteger = (last.next_u64() >> 32) as u32;
    }
    if (n - first) % 2 == 1 {
        emit(n - 1, g.next_u32());
    }
}

/// Words `range` of the stream starting at `start`, `LANES` chains at a time.
fn lanes(start: &Pcg, range: Range<usize>, emit: &(impl Fn(usize, u64) + Sync)) {
    match start.variant {
        Variant::XslRr => {
            let (mult, inc) = (start.variant.multiplier(), start.inc);
            run_lanes(start, range, emit, move |s| {
                let next = s.wrapping_mul(mult).wrapping_add(inc);
                (xsl_rr(next), next)
            })
        }
        Variant::Dxsm => {
            let (mult, inc) = (start.variant.multiplier(), start.inc);
            run_lanes(start, range, emit, move |s| {
                (dxsm(s), s.wrapping_mul(mult).wrapping_add(inc))
            })
        }
    }
}

#[inline(always)]
fn run_lanes(
    start: &Pcg,
    range: Range<usize>,
    emit: &(impl Fn(usize, u64) + Sync),
    draw: impl Fn(u128) -> (u64, u128),
) {
    let m = range.len() / LANES;
    let mut states = [0u128; LANES];
    for (j, s) in states.iter_mut().enumerate() {
        *s = start.state_ahead((range.start + j * m) as u128);
    }
    for i in 0..m {
        for (j, s) in states.iter_mut().enumerate() {
            let (w, next) = draw(*s);
            *s = next;
            emit(range.start + j * m + i, w);
        }
    }
    let mut s = start.state_ahead((range.start + LANES * m) as u128);
    for i in range.start + LANES * m..range.end {
        let (w, next) = draw(s);
        s = next;
        emit(i, w);
    }
}

/// A slice that several threads write at distinct indices (each word's outputs).
pub struct Shared<'a, T> {
    ptr: *mut T,
    len: usize,
    _slice: PhantomData<&'a mut [T]>,
}

// SAFETY: `Shared` only hands out writes (`set`), whose callers promise distinct indices.
unsafe impl<T: Send> Sync for Shared<'_, T> {}

impl<'a, T> Shared<'a, T> {
    pub fn new(slice: &'a mut [T]) -> Self {
        Shared {
            ptr: slice.as_mut_ptr(),
            len: slice.len(),
            _slice: PhantomData,
        }
    }

    /// Writes `value` at `i` (checked against the length).
    ///
    /// # Safety
    /// No other write to index `i` may happen at the same time: the tiers call `emit` once per
    /// word, so an `emit` that writes only its own word's indices is safe.
    #[inline(always)]
    pub unsafe fn set(&self, i: usize, value: T) {
        assert!(i < self.len, "write at {i} past {}", self.len);
        // SAFETY: in bounds (checked); exclusive per the caller's promise; the slice outlives
        // `self` ('a).
        unsafe { self.ptr.add(i).write(value) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(variant: Variant) -> Pcg {
        Pcg::seeded(variant, 0x1234_5678_9abc_def0_1111, 0xfeed_beef)
    }

    /// Every tier hands out the same words as drawing them one by one, and leaves the generator
    /// where drawing them would, for both variants, lengths around the lane and block sizes, and
    /// a buffered half word at the start.
    #[test]
    fn tiers_draw_the_sequential_stream() {
        for variant in [Variant::XslRr, Variant::Dxsm] {
            for n in [0, 1, 3, 4, 5, 17, 1000, (1 << 17) + 3] {
                let mut seq = gen(variant);
                seq.next_u32();
                let want: Vec<u32> = (0..n).map(|_| seq.next_u32()).collect();
                for tier in [Tier::Reference, Tier::Simd, Tier::Parallel] {
                    let mut g = gen(variant);
                    g.next_u32();
                    let mut got = vec![0u32; n];
                    let out = Shared::new(&mut got);
                    // SAFETY: value i writes only index i.
                    each_u32(&mut g, n, tier, |i, v| unsafe { out.set(i, v) });
                    assert_eq!(got, want, "{variant:?} n={n} {tier:?}");
                    assert_eq!(g, seq, "{variant:?} n={n} {tier:?}");
                }
            }
        }
    }
}
