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

    /// Reading ahead in blocks hands out the sequential stream and leaves the generator where
    /// sequential draws would, across blocks and after a 64-bit draw in between.
    #[test]
    fn read_ahead_is_the_sequential_stream() {
        for n in [0usize, 1, 5, 4096, 4097, 10_001] {
            let mut seq = gen(Variant::XslRr);
            seq.next_u32();
            let mut want: Vec<u64> = (0..n).map(|_| u64::from(seq.next_u32())).collect();
            want.push(seq.next_u64());
            want.extend((0..3).map(|_| u64::from(seq.next_u32())));
            let mut g = gen(Variant::XslRr);
            g.next_u32();
            let mut ahead = U32Ahead::new(&mut g);
            let mut got: Vec<u64> = (0..n).map(|_| u64::from(ahead.next_u32())).collect();
            got.push(ahead.next_u64());
            got.extend((0..3).map(|_| u64::from(ahead.next_u32())));
            ahead.finish();
            assert_eq!(got, want, "n={n}");
            assert_eq!(g, seq, "n={n}");
        }
    }

    /// Replayed words are the stream's, then the generator's own.
    #[test]
    fn replay_reads_the_drawn_words_then_the_generator() {
        for tier in [Tier::Reference, Tier::Simd, Tier::Parallel] {
            let mut seq = gen(Variant::Dxsm);
            let want: Vec<u64> = (0..70_000).map(|_| seq.next_u64()).collect();
            let mut g = gen(Variant::Dxsm);
            let mut slots = vec![0.0; 65_536];
            let mut r = Replay::drawn(&mut g, &mut slots, tier);
            let got: Vec<u64> = (0..70_000).map(|_| r.next_u64()).collect();
            assert_eq!(got, want, "{tier:?}");
            assert_eq!(g, seq, "{tier:?}");
        }
    }
}

/// NumPy's 32-bit stream read ahead in blocks that the simd lanes draw (sequential consumers
/// such as shuffle's rejection draws then read memory instead of stepping the LCG each time);
/// `finish` leaves the generator just past the values used, as drawing them one by one would.
pub struct U32Ahead<'a> {
    g: &'a mut Pcg,
    /// The generator's state at `buf[0]`, and just past the block.
    start: Pcg,
    after: Pcg,
    buf: Vec<u32>,
    pos: usize,
}

impl<'a> U32Ahead<'a> {
    const BLOCK: usize = 4096;

    pub fn new(g: &'a mut Pcg) -> Self {
        let start = *g;
        U32Ahead {
            g,
            start,
            after: start,
            buf: Vec::new(),
            pos: 0,
        }
    }

    fn refill(&mut self) {
        self.start = self.after;
        self.buf.resize(Self::BLOCK, 0);
        let out = Shared::new(&mut self.buf);
        // SAFETY: value i writes only index i.
        each_u32(&mut self.after, Self::BLOCK, Tier::Simd, |i, v| unsafe {
            out.set(i, v)
        });
        self.pos = 0;
    }

    /// Moves the generator past the values used and drops the rest of the block.
    fn settle(&mut self) {
        *self.g = self.start;
        each_u32(self.g, self.pos, Tier::Simd, |_, _| {});
        self.start = *self.g;
        self.after = *self.g;
        self.buf.clear();
        self.pos = 0;
    }

    pub fn finish(mut self) {
        self.settle();
    }
}

impl BitGen for U32Ahead<'_> {
    #[inline]
    fn next_u32(&mut self) -> u32 {
        if self.pos == self.buf.len() {
            self.refill();
        }
        self.pos += 1;
        self.buf[self.pos - 1]
    }

    fn next_u64(&mut self) -> u64 {
        self.settle();
        let w = self.g.next_u64();
        self.start = *self.g;
        self.after = *self.g;
        w
    }
}

/// The stream of 64-bit words with the first `slots.len()` of them already drawn into
/// `slots` (as bit patterns): a sequential consumer reads them, writing its i-th result back
/// into slot i once it has read past it (it reads at least one word per result), and goes on
/// with the generator itself after the last slot.
pub struct Replay<'a> {
    pub slots: &'a mut [f64],
    read: usize,
    g: &'a mut Pcg,
}

impl<'a> Replay<'a> {
    /// Draws the next `slots.len()` words into `slots` at `tier`, moving `g` past them.
    pub fn drawn(g: &'a mut Pcg, slots: &'a mut [f64], tier: Tier) -> Self {
        let n = slots.len();
        let out = Shared::new(slots);
        // SAFETY: word i writes only index i.
        each_word(g, n, tier, |i, w| unsafe { out.set(i, f64::from_bits(w)) });
        Replay { slots, read: 0, g }
    }
}

impl BitGen for Replay<'_> {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        if let Some(w) = self.slots.get(self.read) {
            self.read += 1;
            w.to_bits()
        } else {
            self.g.next_u64()
        }
    }

    /// Not used by the float64 consumers; kept exact all the same: the generator's own
    /// buffered half, or the low half of the next word with the high half buffered.
    fn next_u32(&mut self) -> u32 {
        if self.g.has_uint32 {
            return self.g.next_u32();
        }
        let w = self.next_u64();
        self.g.has_uint32 = true;
        self.g.uinteger = (w >> 32) as u32;
        w as u32
    }
}
