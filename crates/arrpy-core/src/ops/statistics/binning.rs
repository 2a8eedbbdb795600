//! Which bin of a histogram each value falls in, and the loops that count or sum by bin.
//!
//! An element's bin is decided by comparing it with the edges, so every loop gives the same
//! bins: the value's bin is the one `i` with `edges[i] <= x < edges[i + 1]` (the last bin also
//! holds its right edge), whichever guess a loop starts from. The reference tier walks from its
//! guess element by element; the fast tiers guess a block of elements at once with vector
//! arithmetic, check each guess against its two edges and walk only the rare wrong ones.

use super::histogram::{lt, search, zeros};
use crate::error::Result;
use crate::kernels::cpu::vectorize;

/// Elements whose bins are guessed at once: their bins fit in L1 beside the counts.
const BLOCK: usize = 512;

/// `f.floor()` as u32, for 0 <= f < 2^31: 2^52 + floor(f) is exact (every integer below 2^52
/// is a double) and holds the integer in its low mantissa bits. LLVM vectorizes this, where
/// `as` (which saturates) became one scalar conversion per element.
#[inline(always)]
fn small_floor(f: f64) -> u32 {
    (f.floor() + 4_503_599_627_370_496.0).to_bits() as u32
}

/// `v[i]`, or its last element when `i` is past it, with no bounds check: the check (a
/// branch per element) kept the bin loop scalar.
///
/// # Safety
/// `v` is not empty.
#[inline(always)]
unsafe fn at_most(v: &[f64], i: usize) -> f64 {
    let k = i.min(v.len() - 1);
    // SAFETY: k < v.len(), as v is not empty (the caller's condition).
    unsafe { *v.get_unchecked(k) }
}

/// The first guess of uniform bins, a block at a time.
#[derive(Clone, Copy)]
struct Guess {
    first: f64,
    last: f64,
    scale: f64,
    /// The last bin, and the slot of values outside the bins.
    top: f64,
    outside: u32,
}

impl Guess {
    /// `out[k]` = the guessed bin of `xs[k]` (`outside` when it is outside the outer edges or
    /// NaN); returns how many guesses fail their check against `lower`/`upper` (`Binning`'s).
    /// Branch-free selects, an exact conversion and gathers, so that the loop compiles to
    /// vector code. A function, not the closure's body: its slice arguments tell LLVM that
    /// `out` aliases none of the others, without which it kept the gathers scalar.
    #[inline(always)]
    fn block(self, xs: &[f64], out: &mut [u32], lower: &[f64], upper: &[f64]) -> u32 {
        assert!(!lower.is_empty() && !upper.is_empty());
        let mut wrong = 0u32;
        for (o, &x) in out.iter_mut().zip(xs) {
            let f = (x - self.first) * self.scale;
            let f = if f > 0.0 { f } else { 0.0 };
            let f = if f < self.top { f } else { self.top };
            let i = if (x >= self.first) & (x <= self.last) {
                small_floor(f)
            } else {
                self.outside
            };
            // SAFETY: neither is empty (asserted above).
            let (lo, hi) = unsafe { (at_most(lower, i as usize), at_most(upper, i as usize)) };
            wrong += ((x < lo) | (x >= hi)) as u32;
            *o = i;
        }
        wrong
    }
}

/// Uniform bins: the outer edges (NumPy's `first_edge`, `last_edge`).
#[derive(Clone, Copy)]
pub(super) struct Uniform {
    pub first: f64,
    pub last: f64,
    /// Bins per unit of x: the first guess of a bin, which the edges then correct.
    pub scale: f64,
}

/// A histogram's bins: their edges (increasing), and how they were made when uniform.
pub(super) struct Binning<'a> {
    edges: &'a [f64],
    uniform: Option<&'a Uniform>,
    /// For uniform bins, per bin and one slot past the last (values outside): the least value
    /// that belongs to it and the least that belongs to the next, so that a guess `i` is right
    /// when `lower[i] <= x < upper[i]`. The last bin's upper bound and the outside slot's
    /// bounds are infinite: every guess there is accepted.
    lower: Vec<f64>,
    upper: Vec<f64>,
}

impl<'a> Binning<'a> {
    pub fn new(edges: &'a [f64], uniform: Option<&'a Uniform>) -> Result<Binning<'a>> {
        let nb = edges.len() - 1;
        let (mut lower, mut upper) = (Vec::new(), Vec::new());
        if uniform.is_some() {
            lower = zeros::<f64>(nb + 1)?;
            upper = zeros::<f64>(nb + 1)?;
            lower[..nb].copy_from_slice(&edges[..nb]);
            upper[..nb - 1].copy_from_slice(&edges[1..nb]);
            lower[nb] = f64::NEG_INFINITY;
            upper[nb - 1..].fill(f64::INFINITY);
        }
        Ok(Binning {
            edges,
            uniform,
            lower,
            upper,
        })
    }

    pub fn bins(&self) -> usize {
        self.edges.len() - 1
    }

    /// The bin of `x`, if it falls in one (the reference tier's loop, one element at a time).
    #[inline]
    pub fn bin_of(&self, x: f64) -> Option<usize> {
        let (edges, nb) = (self.edges, self.bins());
        match self.uniform {
            Some(u) => {
                if !(x >= u.first && x <= u.last) {
                    return None;
                }
                let i = (((x - u.first) * u.scale) as usize).min(nb - 1);
                Some(self.walk(x, i))
            }
            None => {
                let i = search(edges, x, false);
                if i == 0 || (i > nb && lt(edges[nb], x)) {
                    return None;
                }
                Some((i - 1).min(nb - 1))
            }
        }
    }

    /// The bin of `x` (inside the outer edges of uniform bins), walking from the guess `i`.
    #[inline]
    fn walk(&self, x: f64, mut i: usize) -> usize {
        let (edges, nb) = (self.edges, self.bins());
        while i > 0 && x < edges[i] {
            i -= 1;
        }
        while i + 1 < nb && x >= edges[i + 1] {
            i += 1;
        }
        i
    }

    /// `out[k]` = the bin of `xs[k]`, or `bins()` (one slot past the last) when it falls in
    /// none. The bins must fit in u32 (`blocks_fit`).
    fn bin_block(&self, xs: &[f64], out: &mut [u32]) {
        let nb = self.bins();
        let Some(u) = self.uniform else {
            for (o, &x) in out.iter_mut().zip(xs) {
                *o = self.bin_of(x).unwrap_or(nb) as u32;
            }
            return;
        };
        let guess = Guess {
            first: u.first,
            last: u.last,
            scale: u.scale,
            top: (nb - 1) as f64,
            outside: nb as u32,
        };
        let (lower, upper) = (&self.lower[..], &self.upper[..]);
        let guesses = &mut *out;
        let wrong = vectorize(
            #[inline(always)]
            move || guess.block(xs, guesses, lower, upper),
        );
        // The guess is off by one near an edge (rounding): walk those few from it.
        if wrong > 0 {
            for (o, &x) in out.iter_mut().zip(xs) {
                let i = *o as usize;
                if i < nb {
                    *o = self.walk(x, i) as u32;
                }
            }
        }
    }

    /// Whether the block loops can run: bin numbers, and the slot past them, fit in i32.
    pub fn blocks_fit(&self) -> bool {
        self.bins() < i32::MAX as usize
    }

    /// How many of `xs` fall in each bin: the reference loop, element by element.
    pub fn count_reference(&self, xs: &[f64]) -> Result<Vec<i64>> {
        let mut counts = zeros::<i64>(self.bins())?;
        for &x in xs {
            if let Some(b) = self.bin_of(x) {
                counts[b] += 1;
            }
        }
        Ok(counts)
    }

    /// As `count_reference`, guessing bins a block at a time; needs `blocks_fit`.
    pub fn count_blocks(&self, xs: &[f64]) -> Result<Vec<i64>> {
        let slots = self.bins() + 1;
        // Several count arrays used in turn: a run of equal bins (sorted or repetitive data)
        // would otherwise wait on the previous increment's store. Few bins only, where the
        // copies stay in L1.
        let ways = if slots <= 1 << 12 { 4 } else { 1 };
        let mut counts = zeros::<i64>(slots * ways)?;
        let mut bins = [0u32; BLOCK];
        for block in xs.chunks(BLOCK) {
            let bins = &mut bins[..block.len()];
            self.bin_block(block, bins);
            let mut groups = bins.chunks_exact(ways);
            for group in &mut groups {
                for (w, &b) in group.iter().enumerate() {
                    counts[w * slots + b as usize] += 1;
                }
            }
            for &b in groups.remainder() {
                counts[b as usize] += 1;
            }
        }
        let (first, copies) = counts.split_at_mut(slots);
        for copy in copies.chunks_exact(slots) {
            first.iter_mut().zip(copy).for_each(|(t, c)| *t += c);
        }
        counts.truncate(slots - 1);
        Ok(counts)
    }

    /// The sum of `ws` by the bin of `xs` (in element order, as NumPy adds them), at the
    /// reference tier or a block at a time (`blocks`, which needs `blocks_fit`).
    pub fn sum_weights(&self, xs: &[f64], ws: &[f64], blocks: bool) -> Result<Vec<f64>> {
        let nb = self.bins();
        let mut sums = zeros::<f64>(nb + 1)?;
        if blocks {
            let mut bins = [0u32; BLOCK];
            for (block, w) in xs.chunks(BLOCK).zip(ws.chunks(BLOCK)) {
                let bins = &mut bins[..block.len()];
                self.bin_block(block, bins);
                for (&b, &wi) in bins.iter().zip(w) {
                    sums[b as usize] += wi;
                }
            }
        } else {
            for (&x, &wi) in xs.iter().zip(ws) {
                if let Some(b) = self.bin_of(x) {
                    sums[b] += wi;
                }
            }
        }
        sums.truncate(nb);
        Ok(sums)
    }
}
