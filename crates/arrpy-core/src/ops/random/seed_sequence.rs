//! NumPy's SeedSequence hashing (O'Neill's seed_seq_fe): entropy words are mixed into a pool,
//! and the pool is hashed into as many state words as a bit generator asks for. The Python
//! side turns seeds (ints, sequences, spawn keys) into the 32-bit entropy words.

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// The hash used while mixing; every call advances the shared hash constant.
fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut value = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    value = value.wrapping_mul(*hash_const);
    value ^ (value >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

/// The pool of `pool_size` words mixed from `entropy` (NumPy's `mix_entropy`): the first words
/// seed the pool, every pool word is mixed into every other, then the remaining entropy words
/// are mixed into all of them.
pub fn mix_entropy(entropy: &[u32], pool_size: usize) -> Vec<u32> {
    let mut hash_const = INIT_A;
    let mut pool: Vec<u32> = (0..pool_size)
        .map(|i| hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const))
        .collect();
    for src in 0..pool_size {
        for dst in 0..pool_size {
            if src != dst {
                let h = hashmix(pool[src], &mut hash_const);
                pool[dst] = mix(pool[dst], h);
            }
        }
    }
    for &word in entropy.iter().skip(pool_size) {
        for dst in 0..pool_size {
            let h = hashmix(word, &mut hash_const);
            pool[dst] = mix(pool[dst], h);
        }
    }
    pool
}

/// `n_words` 32-bit state words from the pool (NumPy's `generate_state`), cycling through it.
/// 64-bit words are consecutive pairs, low word first.
pub fn generate_state(pool: &[u32], n_words: usize) -> Vec<u32> {
    let mut hash_const = INIT_B;
    pool.iter()
        .cycle()
        .take(if pool.is_empty() { 0 } else { n_words })
        .map(|&word| {
            let mut v = word ^ hash_const;
            hash_const = hash_const.wrapping_mul(MULT_B);
            v = v.wrapping_mul(hash_const);
            v ^ (v >> XSHIFT)
        })
        .collect()
}

/// The 128-bit (initstate, initseq) pair a PCG64 is seeded with: four 64-bit state words,
/// the first two making initstate (high word first), the last two initseq.
pub fn pcg_seed(pool: &[u32]) -> (u128, u128) {
    let w = generate_state(pool, 8);
    let word = |i: usize| u64::from(w[2 * i]) | (u64::from(w[2 * i + 1]) << 32);
    let pair = |i: usize| (u128::from(word(i)) << 64) | u128::from(word(i + 1));
    (pair(0), pair(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::random::{BitGen, Pcg, Variant};

    /// NumPy: `SeedSequence(42).pool`, `PCG64(42).state` and its first raw words.
    #[test]
    fn seed_42_gives_numpys_pool_state_and_words() {
        let pool = mix_entropy(&[42], 4);
        assert_eq!(pool, [0x631d3606, 0x07ae90ae, 0x6fc4be28, 0x2ced5c75]);
        let (initstate, initseq) = pcg_seed(&pool);
        let mut g = Pcg::seeded(Variant::XslRr, initstate, initseq);
        assert_eq!(g.state, 0xcea44f6798798f2aacbc7c9d68860ac8);
        assert_eq!(g.inc, 0xfa505436c9a8416e66caf2e28d25abff);
        let words: Vec<u64> = (0..3).map(|_| g.next_u64()).collect();
        assert_eq!(
            words,
            [0xc621fbcd16d92688, 0x705a5661a791ffc1, 0xdbcd12c26eda1624]
        );
        let mut d = Pcg::seeded(Variant::Dxsm, initstate, initseq);
        let words: Vec<u64> = (0..3).map(|_| d.next_u64()).collect();
        assert_eq!(
            words,
            [0xab1c50338e63481d, 0x01bdf91d548d1872, 0xa872905d0418d0a1]
        );
    }

    /// NumPy: `SeedSequence(2**100 + 7)` (four entropy words, low first) seeds PCG64 to this.
    #[test]
    fn a_multiword_seed_gives_numpys_state() {
        let v: u128 = (1 << 100) + 7;
        let entropy: Vec<u32> = (0..4).map(|i| (v >> (32 * i)) as u32).collect();
        let (initstate, initseq) = pcg_seed(&mix_entropy(&entropy, 4));
        let g = Pcg::seeded(Variant::XslRr, initstate, initseq);
        assert_eq!(g.state, 0xf6ea22597667794d1aa975eba9486b02);
        assert_eq!(g.inc, 0xdf43341f0a5b3a7069b30afdbee11003);
    }

    /// NumPy: `default_rng(42).standard_normal(3)` and `.standard_exponential(3)`.
    #[test]
    fn seed_42_normals_and_exponentials_are_numpys() {
        let seeded = || {
            let (s, i) = pcg_seed(&mix_entropy(&[42], 4));
            Pcg::seeded(Variant::XslRr, s, i)
        };
        let mut g = seeded();
        let z: Vec<f64> = (0..3)
            .map(|_| crate::ops::random::ziggurat::standard_normal(&mut g))
            .collect();
        assert_eq!(
            z,
            [0.30471707975443135, -1.0399841062404955, 0.7504511958064572]
        );
        let mut g = seeded();
        let e: Vec<f64> = (0..3)
            .map(|_| crate::ops::random::ziggurat::standard_exponential(&mut g))
            .collect();
        assert_eq!(
            e,
            [2.4042086039659947, 2.3361896558244535, 2.384760999874255]
        );
    }
}
