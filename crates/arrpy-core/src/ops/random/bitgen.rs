//! The bit generators: PCG64 (XSL-RR output) and PCG64DXSM, O'Neill's 128-bit LCGs, as NumPy
//! implements them, so that a seeded stream is the same numbers as NumPy's.
//!
//! Both advance a 128-bit state `s ← s·a + inc (mod 2^128)`. PCG64 steps and then outputs
//! `rotr(hi ^ lo, hi >> 58)` of the new state; PCG64DXSM outputs a multiply-xorshift of the old
//! state's halves and steps with the 64-bit "cheap" multiplier. `next_u32` hands out the low half
//! of a 64-bit word and keeps the high half for the next call, exactly as NumPy's `next_uint32`.

/// PCG64's multiplier (PCG_DEFAULT_MULTIPLIER_128).
const MULTIPLIER: u128 = 0x2360_ED05_1FC6_5DA4_4385_DF64_9FCC_F645;
/// PCG64DXSM's multiplier, also used by its output function.
const CHEAP_MULTIPLIER: u64 = 0xda94_2042_e4dd_58b5;

/// A source of uniformly distributed words, and the two uniform floats NumPy derives from them.
/// Every distribution draws through this trait, so any generator can drive any of them.
pub trait BitGen {
    fn next_u64(&mut self) -> u64;
    fn next_u32(&mut self) -> u32;

    /// A float64 in [0, 1): the top 53 bits of a word, scaled.
    #[inline]
    fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A float32 in [0, 1): the top 24 bits of a 32-bit word, scaled.
    #[inline]
    fn next_float(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }
}

/// Which output function and multiplier a PCG generator uses.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Variant {
    /// `numpy.random.PCG64`.
    XslRr,
    /// `numpy.random.PCG64DXSM`.
    Dxsm,
}

impl Variant {
    pub fn name(self) -> &'static str {
        match self {
            Variant::XslRr => "PCG64",
            Variant::Dxsm => "PCG64DXSM",
        }
    }

    fn multiplier(self) -> u128 {
        match self {
            Variant::XslRr => MULTIPLIER,
            Variant::Dxsm => CHEAP_MULTIPLIER as u128,
        }
    }
}

/// A PCG generator's whole state: what `bit_generator.state` shows and sets.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Pcg {
    pub variant: Variant,
    pub state: u128,
    /// Always odd.
    pub inc: u128,
    /// Whether `uinteger` holds the unused high half of the last 64-bit word.
    pub has_uint32: bool,
    pub uinteger: u32,
}

impl Pcg {
    /// Seeds as NumPy's `pcg64_set_seed` from 128-bit `initstate` and `initseq` (the words a
    /// SeedSequence generates): the increment is `2·initseq + 1`, and the state is stepped once
    /// before and once after adding `initstate`, with PCG64's multiplier for both variants (NumPy
    /// seeds PCG64DXSM through the same routine).
    pub fn seeded(variant: Variant, initstate: u128, initseq: u128) -> Pcg {
        let mut g = Pcg {
            variant,
            state: 0,
            inc: (initseq << 1) | 1,
            has_uint32: false,
            uinteger: 0,
        };
        let seed_step = |s: u128| s.wrapping_mul(MULTIPLIER).wrapping_add(g.inc);
        g.state = seed_step(seed_step(0).wrapping_add(initstate));
        g
    }

    #[inline(always)]
    fn step(&mut self) {
        self.state = self
            .state
            .wrapping_mul(self.variant.multiplier())
            .wrapping_add(self.inc);
    }

    /// Moves the state `delta` steps ahead (mod 2^128) in O(log delta) (Brown's "random number
    /// generation with arbitrary strides"), and drops a buffered half word, as NumPy's `advance`.
    pub fn advance(&mut self, delta: u128) {
        self.state = lcg_jump(self.state, self.variant.multiplier(), self.inc, delta);
        self.has_uint32 = false;
        self.uinteger = 0;
    }
}

/// The state `delta` steps of `s ← s·mult + inc` after `state`.
pub fn lcg_jump(state: u128, mult: u128, inc: u128, mut delta: u128) -> u128 {
    let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
    let (mut cur_mult, mut cur_plus) = (mult, inc);
    while delta > 0 {
        if delta & 1 == 1 {
            acc_mult = acc_mult.wrapping_mul(cur_mult);
            acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
        }
        cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
        cur_mult = cur_mult.wrapping_mul(cur_mult);
        delta >>= 1;
    }
    acc_mult.wrapping_mul(state).wrapping_add(acc_plus)
}

/// PCG64's output of a (stepped) state: xor the halves, rotate right by the top 6 bits.
#[inline(always)]
pub fn xsl_rr(state: u128) -> u64 {
    let hi = (state >> 64) as u64;
    (hi ^ state as u64).rotate_right((state >> 122) as u32)
}

/// PCG64DXSM's output of a state before it is stepped.
#[inline(always)]
pub fn dxsm(state: u128) -> u64 {
    let mut hi = (state >> 64) as u64;
    let lo = state as u64 | 1;
    hi ^= hi >> 32;
    hi = hi.wrapping_mul(CHEAP_MULTIPLIER);
    hi ^= hi >> 48;
    hi.wrapping_mul(lo)
}

impl BitGen for Pcg {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        match self.variant {
            Variant::XslRr => {
                self.step();
                xsl_rr(self.state)
            }
            Variant::Dxsm => {
                let out = dxsm(self.state);
                self.step();
                out
            }
        }
    }

    #[inline]
    fn next_u32(&mut self) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let word = self.next_u64();
        self.has_uint32 = true;
        self.uinteger = (word >> 32) as u32;
        word as u32
    }
}
