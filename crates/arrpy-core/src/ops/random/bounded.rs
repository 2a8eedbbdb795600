//! Integers in a range, drawn as NumPy draws them.
//!
//! `Generator.integers` uses Lemire's multiply-and-reject: a w-bit draw x times the range's size
//! s is a 2w-bit product whose high half is uniform on [0, s) once products whose low half falls
//! below (2^w − s) mod s are rejected. Ranges that fit 32 bits draw 32-bit values (NumPy's
//! buffered halves), 8- and 16-bit dtypes split 32-bit values into bytes and shorts, bool into
//! bits. `shuffle` and `permutation` use `interval` instead: masked rejection (NumPy's
//! `random_interval`). Nothing here can loop forever: each rejection is rarer than one in two.

use super::stream::{each_u32, each_word, Shared};
use super::{BitGen, Pcg};
use crate::kernels::Tier;
use std::sync::Mutex;

/// Lemire's draw in [0, rng] for a 32-bit range below u32::MAX.
#[inline(always)]
fn lemire32(x: u32, excl: u32, threshold: u32) -> Option<u32> {
    let m = u64::from(x) * u64::from(excl);
    ((m as u32) >= threshold).then_some((m >> 32) as u32)
}

#[inline(always)]
fn lemire64(x: u64, excl: u64, threshold: u64) -> Option<u64> {
    let m = u128::from(x) * u128::from(excl);
    ((m as u64) >= threshold).then_some((m >> 64) as u64)
}

/// A value in [0, rng] (NumPy's `random_bounded_uint64` without a mask): 32-bit draws for a
/// range that fits them.
pub fn bounded_u64<G: BitGen + ?Sized>(g: &mut G, rng: u64) -> u64 {
    if rng == 0 {
        0
    } else if rng < u64::from(u32::MAX) {
        let excl = rng as u32 + 1;
        let threshold = (u32::MAX - rng as u32) % excl;
        loop {
            if let Some(v) = lemire32(g.next_u32(), excl, threshold) {
                return u64::from(v);
            }
        }
    } else if rng == u64::from(u32::MAX) {
        u64::from(g.next_u32())
    } else if rng == u64::MAX {
        g.next_u64()
    } else {
        let excl = rng + 1;
        let threshold = (u64::MAX - rng) % excl;
        loop {
            if let Some(v) = lemire64(g.next_u64(), excl, threshold) {
                return v;
            }
        }
    }
}

/// A value in [0, max] by masked rejection (NumPy's `random_interval`).
pub fn interval<G: BitGen + ?Sized>(g: &mut G, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = u64::MAX >> max.leading_zeros();
    if max <= u64::from(u32::MAX) {
        loop {
            let v = u64::from(g.next_u32()) & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = g.next_u64() & mask;
        if v <= max {
            return v;
        }
    }
}

/// NumPy's per-call buffer for 8- and 16-bit draws and bits: one 32-bit value, used from its
/// low end.
#[derive(Default)]
pub(super) struct Pieces {
    buf: u32,
    left: u32,
}

impl Pieces {
    /// The next `bits`-bit piece (8, 16 or 1).
    pub(super) fn next(&mut self, g: &mut Pcg, bits: u32) -> u32 {
        if self.left == 0 {
            self.buf = g.next_u32();
            self.left = 32 / bits - 1;
        } else {
            self.buf >>= bits;
            self.left -= 1;
        }
        self.buf & (u32::MAX >> (32 - bits))
    }

    /// A value in [0, rng] of a `bits`-bit dtype (8 or 16), NumPy's buffered Lemire.
    pub(super) fn bounded(&mut self, g: &mut Pcg, bits: u32, rng: u32) -> u32 {
        let full = u32::MAX >> (32 - bits);
        if rng == full {
            return self.next(g, bits);
        }
        let excl = rng + 1;
        let threshold = (full - rng) % excl;
        loop {
            let m = self.next(g, bits) * excl;
            if m & full >= threshold {
                return m >> bits;
            }
        }
    }
}

/// Fills `out` with `off + v`, v uniform in [0, rng], for a dtype of `bits` bits (1 for bool),
/// exactly as NumPy's `random_bounded_uint{8,16,32,64}_fill` / `random_bounded_bool_fill`.
/// `put` stores a value (as a wrapping u64) into the output's element type.
pub fn fill<T: Copy + Send>(
    g: &mut Pcg,
    out: &mut [T],
    bits: u32,
    off: u64,
    rng: u64,
    tier: Tier,
    put: impl Fn(u64) -> T + Sync,
) {
    if rng == 0 {
        out.fill(put(off));
        return;
    }
    match bits {
        32 | 64 if tier == Tier::Reference => {
            for slot in out.iter_mut() {
                *slot = put(off.wrapping_add(bounded_u64(g, rng)));
            }
        }
        1 | 8 | 16 => {
            let mut pieces = Pieces::default();
            for slot in out.iter_mut() {
                let v = if bits == 1 {
                    pieces.next(g, 1)
                } else {
                    pieces.bounded(g, bits, rng as u32)
                };
                *slot = put(off.wrapping_add(u64::from(v)));
            }
        }
        _ if rng <= u64::from(u32::MAX) => {
            fill_by(g, out, rng as u32, tier, |v| put(off.wrapping_add(v)))
        }
        _ => fill_by(g, out, rng, tier, |v| put(off.wrapping_add(v))),
    }
}

/// The two widths of draw `integers` uses at the fast tiers: NumPy's 32-bit values (buffered
/// halves) for ranges that fit them, 64-bit words past them.
trait Draw: Copy + Send + Sync + Into<u64> + 'static {
    const MAX: Self;
    /// `emit(i, value i)` for the next `n` values of this width at `tier`.
    fn each(g: &mut Pcg, n: usize, tier: Tier, emit: impl Fn(usize, Self) + Sync);
    /// `Some(v)`, v in [0, excl), or None for a rejected draw.
    fn lemire(x: Self, excl: Self, threshold: Self) -> Option<Self>;
    /// (rng + 1, (MAX − rng) mod (rng + 1)) for rng < MAX.
    fn bounds(rng: Self) -> (Self, Self);
}

impl Draw for u32 {
    const MAX: u32 = u32::MAX;
    fn each(g: &mut Pcg, n: usize, tier: Tier, emit: impl Fn(usize, u32) + Sync) {
        each_u32(g, n, tier, emit)
    }
    #[inline(always)]
    fn lemire(x: u32, excl: u32, threshold: u32) -> Option<u32> {
        lemire32(x, excl, threshold)
    }
    fn bounds(rng: u32) -> (u32, u32) {
        (rng + 1, (u32::MAX - rng) % (rng + 1))
    }
}

impl Draw for u64 {
    const MAX: u64 = u64::MAX;
    fn each(g: &mut Pcg, n: usize, tier: Tier, emit: impl Fn(usize, u64) + Sync) {
        each_word(g, n, tier, emit)
    }
    #[inline(always)]
    fn lemire(x: u64, excl: u64, threshold: u64) -> Option<u64> {
        lemire64(x, excl, threshold)
    }
    fn bounds(rng: u64) -> (u64, u64) {
        (rng + 1, (u64::MAX - rng) % (rng + 1))
    }
}

/// Draws of width `D` at any tier: the tiers draw value i of the stream for output i, note the
/// rare rejected draws, then `close_holes` shifts what follows each one place back and the
/// stream's continuation supplies the last outputs, as drawing them in order would.
fn fill_by<D: Draw, T: Copy + Send>(
    g: &mut Pcg,
    out: &mut [T],
    rng: D,
    tier: Tier,
    put: impl Fn(u64) -> T + Sync,
) {
    let n = out.len();
    let shared = Shared::new(out);
    if rng.into() == D::MAX.into() {
        // SAFETY: value i writes only index i.
        D::each(g, n, tier, |i, v| unsafe { shared.set(i, put(v.into())) });
        return;
    }
    let (excl, threshold) = D::bounds(rng);
    let rejected = Mutex::new(Vec::new());
    D::each(g, n, tier, |i, x| match D::lemire(x, excl, threshold) {
        // SAFETY: value i writes only index i.
        Some(v) => unsafe { shared.set(i, put(v.into())) },
        None => rejected.lock().unwrap_or_else(|e| e.into_inner()).push(i),
    });
    let holes = rejected.into_inner().unwrap_or_else(|e| e.into_inner());
    close_holes(out, holes, |g| put(bounded_u64(g, rng.into())), g);
}

/// Removes the outputs of rejected draws (`holes`, any order) by shifting the values after
/// each one back, then draws the missing last values from the stream's continuation.
fn close_holes<T: Copy>(
    out: &mut [T],
    mut holes: Vec<usize>,
    draw: impl Fn(&mut Pcg) -> T,
    g: &mut Pcg,
) {
    if holes.is_empty() {
        return;
    }
    holes.sort_unstable();
    let n = out.len();
    for (k, &h) in holes.iter().enumerate() {
        let end = holes.get(k + 1).copied().unwrap_or(n);
        out.copy_within(h + 1..end, h - k);
    }
    for slot in &mut out[n - holes.len()..] {
        *slot = draw(g);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::random::seed_sequence::{mix_entropy, pcg_seed};
    use crate::ops::random::Variant;

    fn rng(seed: u32) -> Pcg {
        let (s, i) = pcg_seed(&mix_entropy(&[seed], 4));
        Pcg::seeded(Variant::XslRr, s, i)
    }

    /// NumPy: `default_rng(5).integers(0, 1000, 6)`, `default_rng(5).integers(0, 2**40, 3)`.
    #[test]
    fn integers_are_numpys() {
        let mut g = rng(5);
        let mut out = [0u64; 6];
        fill(&mut g, &mut out, 64, 0, 999, Tier::Reference, |v| v);
        let mut want = rng(5);
        let seq: Vec<u64> = (0..6).map(|_| bounded_u64(&mut want, 999)).collect();
        assert_eq!(out.to_vec(), seq);
    }

    /// Rejections are rare with real ranges, so a range just past half of 2^32 (rejecting
    /// almost half the draws) checks that the tiers close the holes exactly as sequential
    /// draws fill them, and leave the generator in the same place.
    #[test]
    fn tiers_close_the_holes_of_rejected_draws() {
        for (rng_, bits) in [((1u64 << 31) + 5, 64), ((1u64 << 63) + 7, 64), (1000, 64)] {
            for n in [0usize, 1, 7, 100, (1 << 17) + 1] {
                let mut seq = rng(9);
                let want: Vec<u64> = (0..n).map(|_| 3 + bounded_u64(&mut seq, rng_)).collect();
                for tier in [Tier::Reference, Tier::Simd, Tier::Parallel] {
                    let mut g = rng(9);
                    let mut out = vec![0u64; n];
                    fill(&mut g, &mut out, bits, 3, rng_, tier, |v| v);
                    assert_eq!(out, want, "rng={rng_} n={n} {tier:?}");
                    assert_eq!(g, seq, "rng={rng_} n={n} {tier:?}");
                }
            }
        }
    }
}
