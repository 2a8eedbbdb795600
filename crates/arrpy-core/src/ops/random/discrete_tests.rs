//! Tests of `discrete.rs`: bit-identity with NumPy 2.4 (values and the words consumed) and moments.
use super::*;
use crate::ops::random::{Pcg, Variant};

// Expected values: NumPy 2.4's Generator(PCG64(seed)) for seeds 42, 7, 2024, e.g.
//   bg = np.random.PCG64(42); bg.state["state"]   # PCG64_42 below: (state, inc)
//   np.random.Generator(bg).poisson(3.5, size=8); bg.state["state"]["state"]
// gives the values and the end state. Each check starts a Pcg at NumPy's seeded state, draws
// the values one call at a time (bits compared), then compares the generator's end state and
// whether a 32-bit half is buffered, so the same number of words was consumed.

pub(crate) fn pcg(state: u128, inc: u128) -> Pcg {
    Pcg {
        variant: Variant::XslRr,
        state,
        inc,
        has_uint32: false,
        uinteger: 0,
    }
}

/// Draws `expected.len()` values from PCG64 at NumPy's `seed` state, comparing each with
/// `same`, then the generator's end state (so the same number of words was consumed).
fn check<T: Copy + std::fmt::Debug>(
    (state, inc): (u128, u128),
    mut f: impl FnMut(&mut Pcg) -> T,
    end: (u128, bool),
    expected: &[T],
    same: impl Fn(T, T) -> bool,
) {
    let mut g = pcg(state, inc);
    for (i, &e) in expected.iter().enumerate() {
        let x = f(&mut g);
        assert!(same(x, e), "draw {i}: got {x:?}, NumPy {e:?}");
    }
    assert_eq!(
        (g.state, g.has_uint32),
        end,
        "words consumed differ from NumPy's"
    );
}

pub(crate) fn check_i64(
    seed: (u128, u128),
    f: impl FnMut(&mut Pcg) -> i64,
    end: (u128, bool),
    expected: &[i64],
) {
    check(seed, f, end, expected, |a, b| a == b);
}

pub(crate) fn check_f64(
    seed: (u128, u128),
    f: impl FnMut(&mut Pcg) -> f64,
    end: (u128, bool),
    expected: &[f64],
) {
    check(seed, f, end, expected, |a, b| a.to_bits() == b.to_bits());
}

pub(crate) fn check_f32(
    seed: (u128, u128),
    f: impl FnMut(&mut Pcg) -> f32,
    end: (u128, bool),
    expected: &[f32],
) {
    check(seed, f, end, expected, |a, b| a.to_bits() == b.to_bits());
}

/// Bits of a sampler's value, for [`check_digest`].
pub(crate) trait Bits: Copy + std::fmt::Debug {
    fn bits(self) -> u64;
}
impl Bits for i64 {
    fn bits(self) -> u64 {
        self as u64
    }
}
impl Bits for f64 {
    fn bits(self) -> u64 {
        self.to_bits()
    }
}
impl Bits for f32 {
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
}

/// A long run: the first values compared one by one, then all `n` by an FNV-1a digest of
/// their bits (the generator computes the same digest of NumPy's values).
pub(crate) fn check_digest<T: Bits>(
    (state, inc): (u128, u128),
    mut f: impl FnMut(&mut Pcg) -> T,
    end: (u128, bool),
    (n, digest): (usize, u64),
    first: &[T],
) {
    let mut g = pcg(state, inc);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for i in 0..n {
        let x = f(&mut g);
        if let Some(&e) = first.get(i) {
            assert_eq!(x.bits(), e.bits(), "draw {i}: got {x:?}, NumPy {e:?}");
        }
        h = (h ^ x.bits()).wrapping_mul(0x100_0000_01b3);
    }
    assert_eq!(h, digest, "the {n} draws differ from NumPy's");
    assert_eq!(
        (g.state, g.has_uint32),
        end,
        "words consumed differ from NumPy's"
    );
}

/// Generator(PCG64(seed)) for a seed below 2^32 (one entropy word), through the lead's
/// SeedSequence.
pub(crate) fn numpy_pcg(seed: u32) -> Pcg {
    use crate::ops::random::seed_sequence::{mix_entropy, pcg_seed};
    let (initstate, initseq) = pcg_seed(&mix_entropy(&[seed], 4));
    Pcg::seeded(Variant::XslRr, initstate, initseq)
}

/// A parameter sweep case: `n` draws from Generator(PCG64(seed)), checked by an FNV-1a
/// digest of their bits followed by the generator's end state (both halves, and whether a
/// 32-bit half is buffered), computed the same way from NumPy's draws.
pub(crate) fn sweep<T: Bits>(seed: u32, mut f: impl FnMut(&mut Pcg) -> T, n: usize, digest: u64) {
    let mut g = numpy_pcg(seed);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut step = |w: u64| h = (h ^ w).wrapping_mul(0x100_0000_01b3);
    let mut first = Vec::new();
    for _ in 0..n {
        let x = f(&mut g);
        if first.len() < 4 {
            first.push(x);
        }
        step(x.bits());
    }
    step(g.state as u64);
    step((g.state >> 64) as u64);
    step(g.has_uint32 as u64);
    assert_eq!(
        h, digest,
        "seed {seed}: draws (first {first:?}) or end state differ from NumPy's"
    );
}

/// Mean and variance of `xs` must be within 5 standard errors of the exact `mean` and
/// `var` (the variance's standard error estimated from the sample's fourth central moment).
pub(crate) fn assert_moments(name: &str, xs: &[f64], mean: f64, var: f64) {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    let m4 = xs.iter().map(|x| (x - m).powi(4)).sum::<f64>() / n;
    let se_mean = (var / n).sqrt();
    let se_var = ((m4 - v * v).max(0.0) / n).sqrt();
    assert!(
        (m - mean).abs() <= 5.0 * se_mean,
        "{name}: mean {m}, exact {mean} (se {se_mean})"
    );
    assert!(
        (v - var).abs() <= 5.0 * se_var + 1e-12 * var,
        "{name}: variance {v}, exact {var} (se {se_var})"
    );
}

pub(crate) const N_MOMENTS: usize = 20_000;

pub(crate) fn draws(seed: u128, f: impl FnMut(&mut Pcg) -> f64) -> Vec<f64> {
    let mut g = Pcg::seeded(
        Variant::XslRr,
        seed,
        seed.wrapping_mul(0x9e37_79b9) ^ 0x5bd1,
    );
    let mut f = f;
    (0..N_MOMENTS).map(|_| f(&mut g)).collect()
}

#[test]
fn c_cast_matches_x86() {
    assert_eq!(c_cast_i64(2.9), 2);
    assert_eq!(c_cast_i64(-2.9), -2);
    assert_eq!(c_cast_i64(f64::NAN), i64::MIN);
    assert_eq!(c_cast_i64(f64::INFINITY), i64::MIN);
    assert_eq!(c_cast_i64(f64::NEG_INFINITY), i64::MIN);
    assert_eq!(c_cast_i64(9.3e18), i64::MIN);
    assert_eq!(c_cast_i64(-9.223372036854775808e18), i64::MIN);
    assert_eq!(
        c_cast_i64(9.223372036854774784e18),
        9_223_372_036_854_774_784
    );
}

#[test]
fn loggam_is_log_gamma() {
    // Γ(n) = (n-1)!, Γ(1/2) = √π.
    assert_eq!(loggam(1.0), 0.0);
    assert_eq!(loggam(2.0), 0.0);
    for (x, lg) in [
        (3.0, 2f64.ln()),
        (5.0, 24f64.ln()),
        (11.0, 3_628_800f64.ln()),
        (0.5, std::f64::consts::PI.sqrt().ln()),
        (101.0, 363.73937555556347),
    ] {
        assert!((loggam(x) - lg).abs() <= 1e-12 * lg.abs().max(1.0), "{x}");
    }
}

#[test]
fn binomial_struct_matches_function() {
    // One set-up drawn many times is the stream of per-call set-ups (NumPy's cache).
    for (n, p) in [(10, 0.3), (1000, 0.2), (1000, 0.9), (0, 0.5), (7, 1.0)] {
        let (mut a, mut b) = (pcg(1, 3), pcg(1, 3));
        let s = Binomial::new(n, p);
        for _ in 0..50 {
            assert_eq!(s.sample(&mut a), binomial(&mut b, n, p));
        }
    }
}

#[test]
fn geometric_search_stops_when_sum_cannot_grow() {
    // A generator whose every double is 1 - 2^-53: with p = 0.35 the rounded partial sums
    // of the pmf stop growing at 1 - 3·2^-53, where NumPy loops forever; we stop instead.
    struct Top;
    impl BitGen for Top {
        fn next_u64(&mut self) -> u64 {
            u64::MAX
        }
        fn next_u32(&mut self) -> u32 {
            u32::MAX
        }
    }
    assert_eq!(geometric(&mut Top, 0.35), 85);
    // With p = 0.4 the sum does reach it.
    assert_eq!(geometric(&mut Top, 0.4), 71);
}

#[test]
fn moments_poisson() {
    for (seed, lam) in [(1, 3.5), (2, 0.01), (3, 10.0), (4, 25.0), (5, 1e6)] {
        let xs = draws(seed, |g| poisson(g, lam) as f64);
        assert_moments(&format!("poisson({lam})"), &xs, lam, lam);
    }
}

#[test]
fn moments_binomial() {
    for (seed, n, p) in [
        (1, 10, 0.3),
        (2, 20, 0.8),
        (3, 1000, 0.2),
        (4, 100, 0.5),
        (5, 1000, 0.9),
        (6, 1_000_000_000_000i64, 0.3),
    ] {
        let xs = draws(seed, |g| binomial(g, n, p) as f64);
        let nf = n as f64;
        assert_moments(
            &format!("binomial({n}, {p})"),
            &xs,
            nf * p,
            nf * p * (1.0 - p),
        );
    }
}

#[test]
fn moments_geometric() {
    for (seed, p) in [(1, 0.5), (2, 1.0 / 3.0), (3, 0.9), (4, 0.1), (5, 1e-3)] {
        let xs = draws(seed, |g| geometric(g, p) as f64);
        assert_moments(
            &format!("geometric({p})"),
            &xs,
            1.0 / p,
            (1.0 - p) / (p * p),
        );
    }
}

/// NumPy's seeded states (state, inc) of PCG64(seed).
pub(crate) const PCG64_42: (u128, u128) = (
    274674114334540486603088602300644985544,
    332724090758049132448979897138935081983,
);
pub(crate) const PCG64_7: (u128, u128) = (
    208745520555909116978795849195383758904,
    261136684632268670825940853076396136793,
);
pub(crate) const PCG64_2024: (u128, u128) = (
    64495091031189892396629999919877649182,
    263843294879837360010514471918415607657,
);

#[rustfmt::skip]
#[test]
fn numpy_poisson_mult() {
    // Generator(PCG64(seed)).poisson(3.5)
    let f = |g: &mut Pcg| poisson(g, 3.5);
    check_i64(PCG64_42, f, (174993696845405057035203944528329208443, false), &[
        4, 5, 5, 3, 5, 1, 5, 1,
    ]);
    check_i64(PCG64_7, f, (245704297825837472692108575387133677848, false), &[
        4, 1, 4, 5, 3, 1, 1, 5,
    ]);
    check_i64(PCG64_2024, f, (12941317612297752247903241541248335614, false), &[
        5, 1, 3, 2, 5, 3, 3, 2,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_poisson_mult_small() {
    // Generator(PCG64(seed)).poisson(0.01)
    let f = |g: &mut Pcg| poisson(g, 0.01);
    check_i64(PCG64_42, f, (175865384792420015972094667196815174992, false), &[
        0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    check_i64(PCG64_7, f, (163487065876966994792882151627064196848, false), &[
        0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    check_i64(PCG64_2024, f, (249337631143809269734622641584897556439, false), &[
        0, 0, 0, 0, 1, 0, 0, 0,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_poisson_zero() {
    // Generator(PCG64(seed)).poisson(0.0)
    let f = |g: &mut Pcg| poisson(g, 0.0);
    check_i64(PCG64_42, f, (274674114334540486603088602300644985544, false), &[
        0, 0, 0,
    ]);
    check_i64(PCG64_7, f, (208745520555909116978795849195383758904, false), &[
        0, 0, 0,
    ]);
    check_i64(PCG64_2024, f, (64495091031189892396629999919877649182, false), &[
        0, 0, 0,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_poisson_ptrs_10() {
    // Generator(PCG64(seed)).poisson(10.0)
    let f = |g: &mut Pcg| poisson(g, 10.0);
    check_digest(PCG64_42, f, (270394289458704804118531414518207920554, false),
        (16, 0xff32e44116043102), &[
        13, 6, 9, 11, 9, 10, 13, 13,
    ]);
    check_digest(PCG64_7, f, (114697616782863110374274255877428125186, false),
        (16, 0x2c8fec9746b6f72d), &[
        13, 8, 13, 8, 7, 10, 7, 11,
    ]);
    check_digest(PCG64_2024, f, (174718512225906865463277455530823048310, false),
        (16, 0xfa97f7fcad7b6593), &[
        12, 8, 4, 9, 11, 5, 11, 7,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_poisson_ptrs_25() {
    // Generator(PCG64(seed)).poisson(25.0)
    let f = |g: &mut Pcg| poisson(g, 25.0);
    check_digest(PCG64_42, f, (299990570391402300044104975711296714742, false),
        (50, 0xa5b40b4d35510e77), &[
        29, 31, 29, 18, 23, 27, 24, 26,
    ]);
    check_digest(PCG64_7, f, (262636125630694743122160532652369932912, false),
        (50, 0xc47662023f8005c7), &[
        29, 22, 30, 22, 21, 25, 20, 27,
    ]);
    check_digest(PCG64_2024, f, (296981258882728447971273755869566372532, false),
        (50, 0x217abd903f28d080), &[
        28, 22, 16, 23, 26, 17, 26, 20,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_poisson_ptrs_huge() {
    // Generator(PCG64(seed)).poisson(1e12)
    let f = |g: &mut Pcg| poisson(g, 1e12);
    check_i64(PCG64_42, f, (152215445386907085417583646911832227544, false), &[
        1000000845379, 1000001225877, 999998431870, 1000000798042, 999998694422, 999999629341,
        1000000414733, 999999840804,
    ]);
    check_i64(PCG64_7, f, (117302228963416951166419642538510907364, false), &[
        1000000358414, 1000000851898, 999999410777, 1000000935509, 999999420007, 999999258981,
        1000000012660, 1000000349743,
    ]);
    check_i64(PCG64_2024, f, (275566662063813308351500301701594506832, false), &[
        1000000513001, 999999440550, 999998261854, 999999595875, 1000000251678, 999998531170,
        1000000275133, 999999078247,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_inversion() {
    // Generator(PCG64(seed)).binomial(10, 0.3)
    let f = |g: &mut Pcg| binomial(g, 10, 0.3);
    check_i64(PCG64_42, f, (175865384792420015972094667196815174992, false), &[
        4, 3, 5, 4, 1, 6, 4, 4,
    ]);
    check_i64(PCG64_7, f, (163487065876966994792882151627064196848, false), &[
        3, 5, 4, 2, 2, 5, 0, 4,
    ]);
    check_i64(PCG64_2024, f, (28073369045401316654199189509459905686, false), &[
        4, 2, 2, 4, 7, 1, 1, 2,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_inversion_flip() {
    // Generator(PCG64(seed)).binomial(20, 0.8)
    let f = |g: &mut Pcg| binomial(g, 20, 0.8);
    check_i64(PCG64_42, f, (175865384792420015972094667196815174992, false), &[
        15, 16, 14, 15, 18, 12, 15, 15,
    ]);
    check_i64(PCG64_7, f, (163487065876966994792882151627064196848, false), &[
        16, 14, 15, 17, 17, 14, 20, 14,
    ]);
    check_i64(PCG64_2024, f, (28073369045401316654199189509459905686, false), &[
        15, 17, 17, 15, 11, 18, 18, 18,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_inversion_large_n() {
    // Generator(PCG64(seed)).binomial(3_000_000_000, 1e-9)
    let f = |g: &mut Pcg| binomial(g, 3_000_000_000, 1e-9);
    check_i64(PCG64_42, f, (175865384792420015972094667196815174992, false), &[
        4, 3, 5, 4, 1, 7, 4, 4,
    ]);
    check_i64(PCG64_7, f, (163487065876966994792882151627064196848, false), &[
        3, 5, 4, 2, 2, 5, 0, 5,
    ]);
    check_i64(PCG64_2024, f, (28073369045401316654199189509459905686, false), &[
        4, 2, 2, 4, 8, 1, 1, 1,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_btpe() {
    // Generator(PCG64(seed)).binomial(1000, 0.2)
    let f = |g: &mut Pcg| binomial(g, 1000, 0.2);
    check_digest(PCG64_42, f, (174907172445253031086786364177831180352, false),
        (100, 0xec2e1550410855b8), &[
        180, 194, 192, 212, 220, 197, 225, 217,
    ]);
    check_digest(PCG64_7, f, (52266083059413350113175886458761897160, false),
        (100, 0xd6435d3ba748bf32), &[
        202, 190, 180, 205, 199, 206, 200, 204,
    ]);
    check_digest(PCG64_2024, f, (308400334147475951570234482516681755574, false),
        (100, 0xca02d68f0f9c26c4), &[
        183, 192, 199, 210, 208, 190, 189, 226,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_2_5_binomial_btpe_final_test() {
    // Generator(PCG64(seed)).binomial(1000, p, size=3000) under NumPy 2.5, whose final
    // acceptance test subtracts two of the four Stirling corrections (2.4 added all four and
    // gives other digests here; the 100-draw cases above reach no draw where that matters).
    let f = |g: &mut Pcg| binomial(g, 1000, 0.2);
    check_digest(PCG64_7, f, (217904324815986031534110541228383491508, false),
        (3000, 0x4507332cd0c18d6e), &[202, 190, 180, 205, 199, 206, 200, 204]);
    check_digest(PCG64_2024, f, (119993530786803953143331380323974390338, false),
        (3000, 0x4e308403e6d21a91), &[183, 192, 199, 210, 208, 190, 189, 226]);
    let f = |g: &mut Pcg| binomial(g, 1000, 0.9);
    check_digest(PCG64_7, f, (267303747207802680536894330555068175614, false),
        (3000, 0xe928f7daa7662c41), &[894, 905, 913, 892, 895, 900, 894, 896]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_btpe_half() {
    // Generator(PCG64(seed)).binomial(100, 0.5)
    let f = |g: &mut Pcg| binomial(g, 100, 0.5);
    check_digest(PCG64_42, f, (270394289458704804118531414518207920554, false),
        (16, 0x9a0228726088ff8), &[
        55, 40, 43, 49, 49, 56, 46, 54,
    ]);
    check_digest(PCG64_7, f, (31269386287239733340898105839696294596, false),
        (16, 0xaf6a5e43ae21bced), &[
        55, 48, 43, 53, 51, 53, 48, 46,
    ]);
    check_digest(PCG64_2024, f, (213819718814773627130094102456555149556, false),
        (16, 0x5e4ee225ea29002e), &[
        49, 50, 55, 47, 46, 48, 50, 48,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_btpe_flip() {
    // Generator(PCG64(seed)).binomial(1000, 0.9)
    let f = |g: &mut Pcg| binomial(g, 1000, 0.9);
    check_digest(PCG64_42, f, (243047671310120364545392074901024427270, false),
        (100, 0x3fadabc7904bba80), &[
        894, 913, 904, 904, 890, 916, 896, 883,
    ]);
    check_digest(PCG64_7, f, (262871842858462924319699614958796891140, false),
        (100, 0xa5a3cb200daa145f), &[
        894, 905, 913, 892, 895, 900, 894, 896,
    ]);
    check_digest(PCG64_2024, f, (212374866050358457849062864040447308856, false),
        (100, 0xac0c5a9b1b82bf97), &[
        904, 904, 901, 892, 912, 906, 908, 882,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_btpe_huge() {
    // Generator(PCG64(seed)).binomial(10**12, 0.3)
    let f = |g: &mut Pcg| binomial(g, 1_000_000_000_000, 0.3);
    check_digest(PCG64_42, f, (239856457220664993936940951685684956528, false),
        (16, 0x25b41df8bf4d22fc), &[
        299999144036, 299999717539, 299999561472, 300000029647, 300000361787, 300000674181,
        299999710798, 299999019828,
    ]);
    check_digest(PCG64_7, f, (260732972763304174388651213417572411786, false),
        (16, 0x41830fe8f9e7cbb0), &[
        299999929768, 299999520957, 299999180959, 300000123396, 299999891643, 300000115007,
        299999833600, 300000125509,
    ]);
    check_digest(PCG64_2024, f, (21645523159050846355780435007236367808, false),
        (16, 0x4209ecbd027ac8a6), &[
        300000684219, 299999607843, 299999922929, 300000308218, 300000163443, 299999571257,
        299999538313, 300000467348,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_btpe_max_n() {
    // Generator(PCG64(seed)).binomial(2**63 - 1, 0.3)
    let f = |g: &mut Pcg| binomial(g, i64::MAX, 0.3);
    check_i64(PCG64_42, f, (182147428886663489803273315995069808790, false), &[
        2767011608456861696, 2767011610198597120, 2767011609724619264, 2767011611146470912,
        2767011612155184128, 2767011613103925760, 2767011610178116096, 2767011608079634944,
    ]);
    check_i64(PCG64_7, f, (117302228963416951166419642538510907364, false), &[
        2767011610843137024, 2767011609601575424, 2767011608568997888, 2767011611431187456,
        2767011610727350784, 2767011611405708288, 2767011614258602496, 2767011610551074304,
    ]);
    check_i64(PCG64_2024, f, (29899662290859710509364456116186445582, false), &[
        2767011613134409728, 2767011609865447424, 2767011615347852288, 2767011610822368256,
        2767011611992492544, 2767011611552810496, 2767011609754335744, 2767011609654285824,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_inversion_max_n() {
    // Generator(PCG64(seed)).binomial(2**63 - 1, 1e-18)
    let f = |g: &mut Pcg| binomial(g, i64::MAX, 1e-18);
    check_i64(PCG64_42, f, (175865384792420015972094667196815174992, false), &[
        11, 9, 12, 11, 5, 16, 11, 12,
    ]);
    check_i64(PCG64_7, f, (163487065876966994792882151627064196848, false), &[
        10, 13, 11, 7, 8, 13, 3, 12,
    ]);
    check_i64(PCG64_2024, f, (28073369045401316654199189509459905686, false), &[
        10, 7, 8, 12, 18, 6, 5, 6,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_degenerate() {
    // Generator(PCG64(seed)).binomial(0, 0.5) + 10 * binomial(5, 0.0)
    let f = |g: &mut Pcg| binomial(g, 0, 0.5) + 10 * binomial(g, 5, 0.0);
    check_i64(PCG64_42, f, (274674114334540486603088602300644985544, false), &[
        0, 0, 0,
    ]);
    check_i64(PCG64_7, f, (208745520555909116978795849195383758904, false), &[
        0, 0, 0,
    ]);
    check_i64(PCG64_2024, f, (64495091031189892396629999919877649182, false), &[
        0, 0, 0,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_binomial_p_one() {
    // Generator(PCG64(seed)).binomial(7, 1.0)
    let f = |g: &mut Pcg| binomial(g, 7, 1.0);
    check_i64(PCG64_42, f, (302602671330392952913379056849247414473, false), &[
        7, 7, 7,
    ]);
    check_i64(PCG64_7, f, (81406307902243305125023329882819567071, false), &[
        7, 7, 7,
    ]);
    check_i64(PCG64_2024, f, (36161305186769027842332836973718056093, false), &[
        7, 7, 7,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_geometric_search() {
    // Generator(PCG64(seed)).geometric(0.5)
    let f = |g: &mut Pcg| geometric(g, 0.5);
    check_digest(PCG64_42, f, (152215445386907085417583646911832227544, false),
        (16, 0x8cd687fb715438df), &[
        3, 1, 3, 2, 1, 6, 3, 3,
    ]);
    check_digest(PCG64_7, f, (43088430929375976200131369440520865448, false),
        (16, 0x593a850465dc609f), &[
        2, 4, 3, 1, 1, 3, 1, 3,
    ]);
    check_digest(PCG64_2024, f, (29899662290859710509364456116186445582, false),
        (16, 0x79b9e48ab744c11a), &[
        2, 1, 1, 3, 8, 1, 1, 1,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_geometric_search_third() {
    // Generator(PCG64(seed)).geometric(1/3)
    let f = |g: &mut Pcg| geometric(g, 1.0 / 3.0);
    check_digest(PCG64_42, f, (152215445386907085417583646911832227544, false),
        (16, 0x133e294ad3cf97e9), &[
        4, 2, 5, 3, 1, 10, 4, 4,
    ]);
    check_digest(PCG64_7, f, (43088430929375976200131369440520865448, false),
        (16, 0xd0de68e2354c4e4d), &[
        3, 6, 4, 1, 1, 6, 1, 5,
    ]);
    check_digest(PCG64_2024, f, (29899662290859710509364456116186445582, false),
        (16, 0x22818c95c9fee263), &[
        3, 1, 1, 4, 14, 1, 1, 1,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_geometric_one() {
    // Generator(PCG64(seed)).geometric(1.0)
    let f = |g: &mut Pcg| geometric(g, 1.0);
    check_i64(PCG64_42, f, (302602671330392952913379056849247414473, false), &[
        1, 1, 1,
    ]);
    check_i64(PCG64_7, f, (81406307902243305125023329882819567071, false), &[
        1, 1, 1,
    ]);
    check_i64(PCG64_2024, f, (36161305186769027842332836973718056093, false), &[
        1, 1, 1,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_geometric_inversion() {
    // Generator(PCG64(seed)).geometric(0.1)
    let f = |g: &mut Pcg| geometric(g, 0.1);
    check_digest(PCG64_42, f, (152215445386907085417583646911832227544, false),
        (16, 0x7f3826f31c6d0016), &[
        23, 23, 23, 3, 1, 14, 14, 30,
    ]);
    check_digest(PCG64_7, f, (43088430929375976200131369440520865448, false),
        (16, 0xbc038e8c3392865f), &[
        7, 10, 6, 9, 2, 33, 1, 27,
    ]);
    check_digest(PCG64_2024, f, (58210525343451674253360855599252472367, false),
        (16, 0xf944c0a31b200415), &[
        9, 2, 2, 13, 23, 3, 5, 5,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_geometric_inversion_tiny() {
    // Generator(PCG64(seed)).geometric(1e-12)
    let f = |g: &mut Pcg| geometric(g, 1e-12);
    check_i64(PCG64_42, f, (175865384792420015972094667196815174992, false), &[
        2404208603965, 2336189655824, 2384760999874, 279794289852, 86437399699, 1452660515706,
        1409960694257, 3124295956548,
    ]);
    check_i64(PCG64_7, f, (163487065876966994792882151627064196848, false), &[
        707529255792, 1025203348295, 568548657383, 895109863595, 206532754017, 3383637351435,
        9753626649, 2809215763110,
    ]);
    check_i64(PCG64_2024, f, (249337631143809269734622641584897556439, false), &[
        853178218938, 114538151106, 169214598259, 1295747874596, 2331251528892, 233919363882,
        519210991165, 434334723358,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_geometric_inversion_clamped() {
    // Generator(PCG64(seed)).geometric(1e-300)
    let f = |g: &mut Pcg| geometric(g, 1e-300);
    check_i64(PCG64_42, f, (129461158061550087521946787121429467180, false), &[
        9223372036854775807, 9223372036854775807, 9223372036854775807, 9223372036854775807,
    ]);
    check_i64(PCG64_7, f, (105654590169398913713099924159419625588, false), &[
        9223372036854775807, 9223372036854775807, 9223372036854775807, 9223372036854775807,
    ]);
    check_i64(PCG64_2024, f, (198759536914418991882705689078033079226, false), &[
        9223372036854775807, 9223372036854775807, 9223372036854775807, 9223372036854775807,
    ]);
}

#[rustfmt::skip]
#[test]
fn numpy_sweep_poisson() {
    // (seed, lam, digest of 200 draws and the end state):
    // Generator(PCG64(seed)).poisson(lam)
    let cases: &[(u32, f64, u64)] = &[
        (3781886026, 0.004685, 0x691c5bd7d96b8f37),
        (751014178, 11.63, 0x16e6af6307e4e24a),
        (3848913279, 0.09125, 0xfd4bcdb82cb7960f),
        (2303560804, 41670000000.0, 0xb1e3e231aa8fa23a),
        (2924171426, 177100000.0, 0x932626f45caa8adc),
        (1318732612, 230500.0, 0xcdd1eec9e6cb740f),
        (2414363551, 75460.0, 0xb509203fafc632b8),
        (2754195239, 0.003368, 0x9fa90da83675f66f),
        (1982350300, 768200000000.0, 0xfbee1e493156bd05),
        (1890783132, 29.49, 0xd50f8652cb51e8c3),
        (1080650041, 10680000000.0, 0x6ec9048c6b198818),
        (3929725690, 1811.0, 0x9fcfda35ede5c327),
        (1847235397, 0.04445, 0x9bcc514f1e8f2748),
        (691594293, 104000000.0, 0x724c9fc482d613a7),
        (3841874725, 0.01365, 0xa58306207a14f4d6),
        (93211471, 1873.0, 0x4b005c1ac18adaf0),
        (14865853, 9.999, 0x933e0630e63e403a),
        (2543690799, 10.0, 0x5242e20353727886),
        (589956537, 1e-300, 0x98564bb7df39f4ee),
        (1766371645, 2e+18, 0x9fb22dc895d0da82),
    ];
    for &(seed, lam, digest) in cases {
        sweep(seed, |g| poisson(g, lam), 200, digest);
    }
}

#[rustfmt::skip]
#[test]
fn numpy_sweep_binomial() {
    // (seed, n, p, digest of 200 draws and the end state):
    // Generator(PCG64(seed)).binomial(n, p)
    let cases: &[(u32, i64, f64, u64)] = &[
        (2254911690, 9223372036854775807, 2.593e-18, 0x857d5e4b9a849e89),
        (4083855230, 175874, 3.955e-13, 0x2b99712b9cf7ac1f),
        (801990607, 858374, 3.78e-05, 0xa29e6863fa689a01),
        (3877091219, 987467, 0.6084, 0x7b41fa12883967cc),
        (163191118, 857851772979666, 0.7229, 0x73803f03c15b507),
        (3822809206, 47, 0.9999999999999825, 0x62684b3fd69aa3be),
        (78369002, 567571582206433, 0.3681, 0x2adcc8502eaeda3),
        (25470056, 548521, 6.854e-17, 0xd6045eb236796f64),
        (1378631136, 442735923034616, 7.192e-14, 0xef926755600c787c),
        (2629331206, 9223372036854775807, 0.999999999997285, 0x2e2d74dcb332fa3e),
        (849399636, 9223372036854775807, 4.516e-18, 0x30cd7c19265be246),
        (59981028, 806342271343978, 0.4216, 0x3ba6da953aedcebc),
        (2868220531, 48, 0.9993226, 0xfb9c658726ba1428),
        (2205204683, 9223372036854775807, 0.7209, 0x86fcb312d58e04f6),
        (2627836529, 467631669243818, 7.295e-14, 0xdf3ea48418b087dd),
        (1699050260, 9223372036854775807, 1.855e-18, 0x28927918e58bad5b),
        (2920998015, 9223372036854775807, 4.047e-18, 0x28dccb705d080476),
        (708174124, 459830, 4.812e-05, 0x616b8a03f1b2d7a6),
        (793174974, 9223372036854775807, 0.9999999995126, 0xc808d55d810f6340),
        (2127481616, 273961945244381, 8.532e-12, 0xb41b26f9dcbbc2d5),
        (1506314500, 39, 0.7756, 0x7c67055a0b1a0cac),
        (220597143, 16, 0.1768, 0xf24bb607557282c4),
        (3820478833, 37, 0.999999999996536, 0xb0ae11a2671ecbb1),
        (2498559184, 357631279027781, 6.701e-12, 0xf743c849c4868711),
        (1168330468, 411229, 5.731e-05, 0x9b2d0cb1c5f2e2be),
        (2442207077, 256686, 4.61e-17, 0x8704711c0bc50319),
        (1244232753, 9223372036854775807, 0.9999999999999994, 0xcdebbc8db3133acf),
        (1816080643, 85982533265051, 2.713e-07, 0x54850884b87f4f9e),
        (3151825331, 61, 0.5, 0x562cfa6a818d7ed7),
        (143842093, 60, 0.5, 0x9b00de3c5485bea2),
    ];
    for &(seed, n, p, digest) in cases {
        sweep(seed, |g| binomial(g, n, p), 200, digest);
    }
}

#[rustfmt::skip]
#[test]
fn numpy_sweep_geometric() {
    // (seed, p, digest of 200 draws and the end state):
    // Generator(PCG64(seed)).geometric(p)
    let cases: &[(u32, f64, u64)] = &[
        (1381618119, 2.515e-12, 0x6809fdf3e32a506e),
        (2819513617, 8.655e-05, 0x1ca41c12e4c3ab13),
        (3599057035, 1.224e-05, 0xd2cd25e6224dcb00),
        (2892036128, 0.1755, 0x823896cffa8a8ada),
        (427664962, 6.154e-05, 0xc5a3ee9bc4b44e1f),
        (3267993997, 2.03e-12, 0xa8853e40d34100dc),
        (732438530, 3.367e-12, 0x469542ae906ce976),
        (2128556670, 2.466e-09, 0x3647b7dba700e9ed),
        (1904984595, 1.903e-15, 0x57c001b25c8680b3),
        (1645357932, 1.338e-13, 0x3dd5f784085216e),
        (2028979503, 0.5333, 0xbba1cf72d6bfa76b),
        (3056140018, 1.937e-15, 0x2c9285f0c9de5dda),
        (929339538, 1.985e-06, 0x543bccb04cf5f17b),
        (620794071, 0.000573, 0xc8331917cbe5665c),
        (3409804751, 7.686e-06, 0x378ada56ce8ad284),
        (1810109624, 2.088e-05, 0x73f7d90ea8ff318),
        (1504105193, 2.666e-13, 0x182075e600ffe92e),
        (38421532, 5.26e-07, 0x7cc7670417a02152),
        (2864076287, 0.001246, 0x5c4280ab1ffcc43b),
        (54577084, 5.861e-06, 0x97243d9e1efa3eac),
        (852706637, 0.3333333333333333, 0xa525607d358b7891),
        (3323388688, 0.3333333333333332, 0xd9974d30869e5e44),
        (2215174267, 1e-300, 0xb6fb2f908a6b34eb),
        (3966989799, 1.0, 0x4c0da94b1fdd80d0),
        (626823393, 0.99, 0x4a2c7075a41c8cc6),
    ];
    for &(seed, p, digest) in cases {
        sweep(seed, |g| geometric(g, p), 200, digest);
    }
}
