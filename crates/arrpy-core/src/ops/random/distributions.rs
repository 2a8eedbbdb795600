//! Continuous distributions of `numpy.random.Generator`, one value per call.
//!
//! Each sampler follows NumPy 2's `distributions.c` (and `Generator.dirichlet` in
//! `_generator.pyx`) step for step: the same words are drawn in the same order and the same
//! floating-point expressions are evaluated with the same libm functions (`f64::ln` is C's `log`,
//! `f64::powf` is `pow`, `f64::ln_1p` is `log1p`, the `f32` methods are `logf`, `powf`, ...), so a
//! generator in the same state gives the same bits as NumPy. Parameter checks (NaN, negative
//! shapes and scales) are the caller's; each sampler's doc says what it requires.

use super::ziggurat::{
    standard_exponential, standard_exponential_f32, standard_normal, standard_normal_f32,
};
use super::BitGen;

/// A standard gamma variate with shape `shape` (scale 1), NumPy's `random_standard_gamma`.
///
/// Requires `shape >= 0`. shape == 1 is the exponential; shape == 0 is 0 (nothing drawn).
/// shape < 1 uses the rejection method of Ahrens & Dieter (GS, 1974) as NumPy writes it (a uniform
/// and an exponential per trial), since Marsaglia–Tsang needs shape >= 1; larger shapes use
/// Marsaglia & Tsang (2000): a cubed shifted normal accepted by a cheap squeeze or a log test.
pub fn standard_gamma<G: BitGen + ?Sized>(g: &mut G, shape: f64) -> f64 {
    if shape == 1.0 {
        standard_exponential(g)
    } else if shape == 0.0 {
        0.0
    } else if shape < 1.0 {
        loop {
            let u = g.next_double();
            let v = standard_exponential(g);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    } else {
        let b = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * b).sqrt();
        loop {
            let (mut x, mut v);
            loop {
                x = standard_normal(g);
                v = 1.0 + c * x;
                // NumPy's `do { } while (V <= 0.0)`: a NaN V (NaN shape) leaves the loop.
                if !(v <= 0.0) {
                    break;
                }
            }
            v = v * v * v;
            let u = g.next_double();
            if u < 1.0 - 0.0331 * (x * x) * (x * x) {
                return b * v;
            }
            // ln(0) = -inf accepts, as in NumPy.
            if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
                return b * v;
            }
        }
    }
}

/// The float32 standard gamma, NumPy's `random_standard_gamma_f`: the same two methods as
/// [`standard_gamma`] computed in single precision from 32-bit draws (`next_float`, the float32
/// normal and exponential, `powf`/`logf`). Requires `shape >= 0`.
pub fn standard_gamma_f32<G: BitGen + ?Sized>(g: &mut G, shape: f32) -> f32 {
    if shape == 1.0 {
        standard_exponential_f32(g)
    } else if shape == 0.0 {
        0.0
    } else if shape < 1.0 {
        loop {
            let u = g.next_float();
            let v = standard_exponential_f32(g);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    } else {
        let b = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * b).sqrt();
        loop {
            let (mut x, mut v);
            loop {
                x = standard_normal_f32(g);
                v = 1.0 + c * x;
                // NumPy's `do { } while (V <= 0.0)`: a NaN V (NaN shape) leaves the loop.
                if !(v <= 0.0) {
                    break;
                }
            }
            v = v * v * v;
            let u = g.next_float();
            if u < 1.0 - 0.0331 * (x * x) * (x * x) {
                return b * v;
            }
            if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
                return b * v;
            }
        }
    }
}

/// Gamma(shape, scale) = scale · standard_gamma(shape), NumPy's `random_gamma`.
/// Requires `shape >= 0`, `scale >= 0`.
pub fn gamma<G: BitGen + ?Sized>(g: &mut G, shape: f64, scale: f64) -> f64 {
    scale * standard_gamma(g, shape)
}

/// The float32 gamma, NumPy's `random_gamma_f`.
pub fn gamma_f32<G: BitGen + ?Sized>(g: &mut G, shape: f32, scale: f32) -> f32 {
    scale * standard_gamma_f32(g, shape)
}

/// A Beta(a, b) variate, NumPy 2's `random_beta`. Requires `a > 0`, `b > 0`.
///
/// When both shapes are <= 1, Jöhnk's algorithm: X = U^(1/a), Y = V^(1/b), accepted when
/// X + Y <= 1, giving X / (X + Y); when a power underflowed to 0 the ratio is formed from the
/// logarithms instead, and when both shapes are below 3e-103 every double result but 0 and 1 has
/// negligible probability, so one uniform picks 1 with probability a / (a + b). Otherwise the
/// ratio of two gammas Ga / (Ga + Gb) (Jöhnk's acceptance rate collapses for large shapes).
pub fn beta<G: BitGen + ?Sized>(g: &mut G, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < 3e-103 && b < 3e-103 {
            let u = g.next_double();
            return if (a + b) * u < a { 1.0 } else { 0.0 };
        }
        loop {
            let u = g.next_double();
            let v = g.next_double();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            // Reject when both U and V are 0 (about 1 in 10^106).
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                // X or Y underflowed: X / (X + Y) = 1 / (1 + exp(-delta)) from the logs.
                let log_x = u.ln() / a;
                let log_y = v.ln() / b;
                let delta = log_x - log_y;
                return if delta > 0.0 {
                    (-(-delta).exp().ln_1p()).exp()
                } else {
                    (delta - delta.exp().ln_1p()).exp()
                };
            }
        }
    } else {
        let ga = standard_gamma(g, a);
        let gb = standard_gamma(g, b);
        ga / (ga + gb)
    }
}

/// Chi-square with `df` degrees of freedom = 2 · standard_gamma(df / 2), NumPy's
/// `random_chisquare`. Requires `df >= 0` (NumPy's Generator asks df > 0).
pub fn chisquare<G: BitGen + ?Sized>(g: &mut G, df: f64) -> f64 {
    2.0 * standard_gamma(g, df / 2.0)
}

/// A normal variate, loc + scale · standard_normal, NumPy's `random_normal`. Requires
/// `scale >= 0`.
pub fn normal<G: BitGen + ?Sized>(g: &mut G, loc: f64, scale: f64) -> f64 {
    loc + scale * standard_normal(g)
}

/// exp(normal(mean, sigma)), NumPy's `random_lognormal`. Requires `sigma >= 0`.
pub fn lognormal<G: BitGen + ?Sized>(g: &mut G, mean: f64, sigma: f64) -> f64 {
    normal(g, mean, sigma).exp()
}

/// scale · standard_exponential, NumPy's `random_exponential`. Requires `scale >= 0`.
pub fn exponential<G: BitGen + ?Sized>(g: &mut G, scale: f64) -> f64 {
    scale * standard_exponential(g)
}

/// low + range · U with U uniform in [0, 1), NumPy's `random_uniform` (which takes the range,
/// high − low, not high). Any finite low and range.
pub fn uniform<G: BitGen + ?Sized>(g: &mut G, low: f64, range: f64) -> f64 {
    low + range * g.next_double()
}

/// A Laplace (double exponential) variate, NumPy's `random_laplace`: inversion of the cdf on
/// either side of 0.5; U == 0 (where the log is -inf) is rejected and redrawn. Requires
/// `scale >= 0`.
pub fn laplace<G: BitGen + ?Sized>(g: &mut G, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_double();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        } else if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
    }
}

/// A logistic variate, NumPy's `random_logistic`: loc + scale · ln(U / (1 − U)), U == 0 rejected
/// and redrawn. Requires `scale >= 0`.
pub fn logistic<G: BitGen + ?Sized>(g: &mut G, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_double();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

/// One Dirichlet(alpha) vector into `out` (`out.len() == alpha.len()`), as NumPy 2's
/// `Generator.dirichlet`. Requires every `alpha[i] >= 0`.
///
/// Normally the components are standard gammas normalized by their sum. When every alpha is
/// below 0.1, all the gammas can underflow to 0 and the sum give 0/0, so NumPy breaks a stick
/// instead: component j is Beta(alpha[j], alpha[j+1] + ... ) of what is left, which never
/// divides. An all-zero alpha gives zeros (nothing drawn).
///
/// # Panics
/// If `out` and `alpha` differ in length.
pub fn dirichlet<G: BitGen + ?Sized>(g: &mut G, alpha: &[f64], out: &mut [f64]) {
    assert_eq!(alpha.len(), out.len(), "dirichlet: out must match alpha");
    let k = alpha.len();
    out.fill(0.0);
    if k == 0 {
        return;
    }
    // NumPy's `alpha.max() < 0.1`, where a NaN max (any NaN alpha) is not small.
    if alpha.iter().all(|&a| a < 0.1) {
        // csum[j] = alpha[j] + ... + alpha[k-1], summed right to left as NumPy.
        let mut csum = vec![0.0; k];
        let mut s = 0.0;
        for j in (0..k).rev() {
            s += alpha[j];
            csum[j] = s;
        }
        if s > 0.0 {
            let mut acc = 1.0;
            for j in 0..k - 1 {
                let v = beta(g, alpha[j], csum[j + 1]);
                out[j] = acc * v;
                acc *= 1.0 - v;
                if csum[j + 1] == 0.0 {
                    // v is 1, so nothing is left for the rest (they stay 0).
                    break;
                }
            }
            out[k - 1] = acc;
        }
    } else {
        let mut acc = 0.0;
        for (o, &a) in out.iter_mut().zip(alpha) {
            *o = standard_gamma(g, a);
            acc += *o;
        }
        let invacc = 1.0 / acc;
        for o in out.iter_mut() {
            *o *= invacc;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::random::discrete::tests::{assert_moments, check_f64, draws, pcg, N_MOMENTS};
    use crate::ops::random::Pcg;

    // Expected values: NumPy 2.4's Generator(PCG64(seed)) (see discrete.rs's tests for how they
    // are produced and checked: values bit for bit, then the generator's end state).

    /// Draws `expected.len() / k` Dirichlet vectors of `alpha` in a row.
    fn check_vec(
        state: u128,
        inc: u128,
        k: usize,
        alpha: &[f64],
        expected: &[f64],
        end: (u128, bool),
    ) {
        let mut g = pcg(state, inc);
        let mut out = vec![0.0; k];
        for (i, e) in expected.chunks(k).enumerate() {
            dirichlet(&mut g, alpha, &mut out);
            let same = out.iter().zip(e).all(|(a, b)| a.to_bits() == b.to_bits());
            assert!(same, "vector {i}: got {out:?}, NumPy {e:?}");
        }
        assert_eq!(
            (g.state, g.has_uint32),
            end,
            "words consumed differ from NumPy's"
        );
    }

    #[test]
    fn moments_laplace_logistic_uniform() {
        let xs = draws(11, |g| laplace(g, 0.0, 1.0));
        assert_moments("laplace(0, 1)", &xs, 0.0, 2.0);
        let xs = draws(12, |g| laplace(g, 2.5, 0.5));
        assert_moments("laplace(2.5, 0.5)", &xs, 2.5, 0.5);
        let pi2 = std::f64::consts::PI.powi(2);
        let xs = draws(13, |g| logistic(g, 0.0, 1.0));
        assert_moments("logistic(0, 1)", &xs, 0.0, pi2 / 3.0);
        let xs = draws(14, |g| logistic(g, -1.0, 3.0));
        assert_moments("logistic(-1, 3)", &xs, -1.0, 9.0 * pi2 / 3.0);
        let xs = draws(15, |g| uniform(g, -2.0, 5.0));
        assert_moments("uniform(-2, 3)", &xs, 0.5, 25.0 / 12.0);
    }

    #[test]
    fn moments_gamma() {
        for (seed, k) in [(21, 0.3), (22, 1.0), (23, 2.5), (24, 50.0), (25, 0.01)] {
            let xs = draws(seed, |g| standard_gamma(g, k));
            assert_moments(&format!("standard_gamma({k})"), &xs, k, k);
            let xs = draws(seed + 100, |g| standard_gamma_f32(g, k as f32) as f64);
            assert_moments(&format!("standard_gamma_f32({k})"), &xs, k, k);
        }
        let xs = draws(26, |g| gamma(g, 2.0, 3.0));
        assert_moments("gamma(2, 3)", &xs, 6.0, 18.0);
        let xs = draws(27, |g| gamma_f32(g, 0.5, 4.0) as f64);
        assert_moments("gamma_f32(0.5, 4)", &xs, 2.0, 8.0);
        let xs = draws(28, |g| chisquare(g, 3.0));
        assert_moments("chisquare(3)", &xs, 3.0, 6.0);
        let xs = draws(29, |g| chisquare(g, 1.0));
        assert_moments("chisquare(1)", &xs, 1.0, 2.0);
        assert_eq!(standard_gamma(&mut pcg(1, 1), 0.0), 0.0);
        assert_eq!(standard_gamma_f32(&mut pcg(1, 1), 0.0), 0.0);
    }

    #[test]
    fn moments_beta() {
        for (seed, a, b) in [
            (31, 0.5, 0.7),
            (32, 0.3, 1.0),
            (33, 2.0, 3.0),
            (34, 0.5, 5.0),
            (35, 0.02, 0.05),
        ] {
            let xs = draws(seed, |g| beta(g, a, b));
            let s = a + b;
            assert_moments(
                &format!("beta({a}, {b})"),
                &xs,
                a / s,
                a * b / (s * s * (s + 1.0)),
            );
        }
        // Both shapes below 3e-103: 1 with probability a / (a + b), else 0.
        let xs = draws(36, |g| beta(g, 1e-200, 3e-200));
        assert!(xs.iter().all(|&x| x == 0.0 || x == 1.0));
        assert_moments("beta(1e-200, 3e-200)", &xs, 0.25, 0.1875);
    }

    #[test]
    fn moments_normal_lognormal_exponential() {
        let xs = draws(41, |g| normal(g, 1.0, 2.0));
        assert_moments("normal(1, 2)", &xs, 1.0, 4.0);
        let (mu, s2) = (0.5f64, 0.25f64 * 0.25);
        let xs = draws(42, |g| lognormal(g, 0.5, 0.25));
        let var = (s2.exp() - 1.0) * (2.0 * mu + s2).exp();
        assert_moments("lognormal(0.5, 0.25)", &xs, (mu + s2 / 2.0).exp(), var);
        let xs = draws(43, |g| exponential(g, 2.0));
        assert_moments("exponential(2)", &xs, 2.0, 4.0);
    }

    #[test]
    fn moments_dirichlet() {
        for (seed, alpha) in [
            (51, vec![1.0, 2.0, 3.0]),
            (52, vec![0.05, 0.02, 0.08]),
            (53, vec![0.5, 0.05]),
        ] {
            let k = alpha.len();
            let a0: f64 = alpha.iter().sum();
            let mut g = Pcg::seeded(crate::ops::random::Variant::XslRr, seed, 99);
            let mut out = vec![0.0; k];
            let mut comps = vec![Vec::with_capacity(N_MOMENTS); k];
            for _ in 0..N_MOMENTS {
                dirichlet(&mut g, &alpha, &mut out);
                let total: f64 = out.iter().sum();
                assert!((total - 1.0).abs() < 1e-12, "{alpha:?}: sum {total}");
                for (c, &x) in comps.iter_mut().zip(&out) {
                    c.push(x);
                }
            }
            for (i, (c, &a)) in comps.iter().zip(&alpha).enumerate() {
                let var = a * (a0 - a) / (a0 * a0 * (a0 + 1.0));
                assert_moments(&format!("dirichlet({alpha:?})[{i}]"), c, a / a0, var);
            }
        }
        // Nothing to draw: zeros, and no words consumed.
        let mut g = pcg(5, 7);
        let mut out = [9.0; 2];
        dirichlet(&mut g, &[0.0, 0.0], &mut out);
        assert_eq!((out, g.state), ([0.0, 0.0], 5));
        dirichlet(&mut g, &[], &mut []);
    }

    #[test]
    fn nan_shape_does_not_hang() {
        let mut g = pcg(3, 5);
        assert!(standard_gamma(&mut g, f64::NAN).is_nan());
        assert!(standard_gamma_f32(&mut g, f32::NAN).is_nan());
        let mut out = [0.0; 2];
        dirichlet(&mut g, &[f64::NAN, 0.01], &mut out);
        assert!(out[0].is_nan());
    }

    #[test]
    fn numpy_laplace() {
        // Generator(PCG64(42)).laplace(0, 1)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| laplace(g, 0.0, 1.0),
            &[
                0.7938786426417068,
                -0.1303856263065431,
                1.263000634398772,
                0.5020906485159728,
                -1.6694284140409832,
                3.0209414366405944,
                0.7387292445495692,
                0.8489326205054745,
            ],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).laplace(0, 1)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| laplace(g, 0.0, 1.0),
            &[
                0.2879366824746072,
                1.5819570050903595,
                0.8015598615399733,
                -0.7975872755322496,
                -0.5102714942866748,
                1.374788372781119,
                -4.5534691072966655,
                1.0284991878159289,
            ],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).laplace(0, 1)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| laplace(g, 0.0, 1.0),
            &[
                0.4333441562889785,
                -0.8471229365753966,
                -0.4798050073832826,
                0.9136247725778911,
                4.780023427912499,
                -1.257149869931613,
                -1.848640551375535,
                -1.0170849462124205,
            ],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_laplace_loc_scale() {
        // Generator(PCG64(42)).laplace(2.5, 0.5)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| laplace(g, 2.5, 0.5),
            &[
                2.896939321320853,
                2.4348071868467285,
                3.131500317199386,
                2.751045324257986,
                1.6652857929795084,
                4.010470718320297,
                2.8693646222747846,
                2.924466310252737,
            ],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).laplace(2.5, 0.5)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| laplace(g, 2.5, 0.5),
            &[
                2.6439683412373034,
                3.2909785025451797,
                2.9007799307699864,
                2.1012063622338752,
                2.2448642528566625,
                3.1873941863905593,
                0.22326544635166723,
                3.0142495939079645,
            ],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).laplace(2.5, 0.5)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| laplace(g, 2.5, 0.5),
            &[
                2.716672078144489,
                2.0764385317123017,
                2.260097496308359,
                2.9568123862889455,
                4.89001171395625,
                1.8714250650341935,
                1.5756797243122325,
                1.9914575268937897,
            ],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_logistic() {
        // Generator(PCG64(42)).logistic(0, 1)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| logistic(g, 0.0, 1.0),
            &[
                1.2307856313855068,
                -0.24571509486821116,
                1.8036932691125598,
                0.8347958402379975,
                -2.2636638542802237,
                3.6894089149545044,
                1.158938064000753,
                1.3013631244954191,
            ],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).logistic(0, 1)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| logistic(g, 0.0, 1.0),
            &[
                0.511232968691715,
                2.1666430914624955,
                1.240699162906991,
                -1.235574828797838,
                -0.8465061528152684,
                1.9327495874033203,
                -5.241337072724553,
                1.5246923798612817,
            ],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).logistic(0, 1)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| logistic(g, 0.0, 1.0),
            &[
                0.7346796027517513,
                -1.2990603485133903,
                -0.8026823495181499,
                1.3829607999956501,
                5.468963871414051,
                -1.796875653512846,
                -2.459790453757431,
                -1.5107760321987789,
            ],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_logistic_loc_scale() {
        // Generator(PCG64(42)).logistic(-1, 3)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| logistic(g, -1.0, 3.0),
            &[
                2.6923568941565206,
                -1.7371452846046336,
                4.411079807337679,
                1.5043875207139923,
                -7.790991562840671,
                10.068226744863512,
                2.4768141920022586,
                2.9040893734862574,
            ],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).logistic(-1, 3)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| logistic(g, -1.0, 3.0),
            &[
                0.5336989060751449,
                5.499929274387487,
                2.722097488720973,
                -4.706724486393514,
                -3.539518458445805,
                4.798248762209961,
                -16.724011218173658,
                3.574077139583845,
            ],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).logistic(-1, 3)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| logistic(g, -1.0, 3.0),
            &[
                1.2040388082552536,
                -4.8971810455401705,
                -3.4080470485544496,
                3.1488823999869506,
                15.406891614242152,
                -6.390626960538539,
                -8.379371361272293,
                -5.532328096596337,
            ],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_uniform() {
        // Generator(PCG64(42)).uniform(-2, 3)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| uniform(g, -2.0, 5.0),
            &[
                1.8697802427798167,
                0.1943921987602617,
                2.292989599556912,
                1.4868401452968194,
                -1.5291132605617523,
                2.8781117581837794,
                1.8056985099517648,
                1.9303215263847688,
            ],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).uniform(-2, 3)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| uniform(g, -2.0, 5.0),
            &[
                1.1254773330233347,
                2.4860690048478773,
                1.8784284512259677,
                -0.8739640500470407,
                -0.49916857544387283,
                2.367767226981309,
                -1.9736734771721265,
                2.1061420919138314,
            ],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).uniform(-2, 3)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| uniform(g, -2.0, 5.0),
            &[
                1.379156689906409,
                -0.9283839938087117,
                -0.45273984559154146,
                1.997330483874166,
                2.9790104943273334,
                -1.2888409235997411,
                -1.606372331190005,
                -1.095880931515727,
            ],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_beta_johnk() {
        // Generator(PCG64(42)).beta(0.5, 0.7)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| beta(g, 0.5, 0.7),
            &[
                0.6601572502591464,
                0.009104011143169709,
                0.04879161429050553,
                0.6201746902500548,
                0.9400247408684149,
                0.7165634844025832,
                0.8625867245564361,
                0.9500064549792447,
            ],
            (203063320451829405855130052554552135492, false),
        );
        // Generator(PCG64(7)).beta(0.5, 0.7)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| beta(g, 0.5, 0.7),
            &[
                0.8350163452827672,
                0.09852566137578096,
                3.673037582711021e-05,
                0.6527767580262197,
                0.363257527594666,
                0.171140702604423,
                0.3721075457480343,
                0.3881053422841765,
            ],
            (48949142099772871874012015451927286682, false),
        );
        // Generator(PCG64(2024)).beta(0.5, 0.7)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| beta(g, 0.5, 0.7),
            &[
                0.8048303631778846,
                0.11648207752757671,
                0.06658399721681893,
                0.6199426749226937,
                0.40873618722426214,
                0.024447151615615167,
                6.396987105303429e-05,
                0.6391799798372724,
            ],
            (152261761237047187080279356346465986730, false),
        );
    }

    #[test]
    fn numpy_beta_johnk_one() {
        // Generator(PCG64(42)).beta(0.3, 1.0)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| beta(g, 0.3, 1.0),
            &[
                0.4923503054783329,
                0.0003893773111528069,
                0.0023480754171043244,
                0.03801795217115604,
                0.22634207523694055,
                0.6871036275521877,
                0.5284159780175176,
                0.690293199225364,
            ],
            (215241470998933391337041976938328478234, false),
        );
        // Generator(PCG64(7)).beta(0.3, 1.0)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| beta(g, 0.3, 1.0),
            &[
                0.655666480674469,
                0.020308273020610675,
                3.092295644262914e-08,
                0.5008452519770886,
                0.0629076627313809,
                0.023041030776457815,
                0.1559327107647298,
                0.03599610997552712,
            ],
            (48949142099772871874012015451927286682, false),
        );
        // Generator(PCG64(2024)).beta(0.3, 1.0)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| beta(g, 0.3, 1.0),
            &[
                0.5582914847883982,
                0.024458152223104795,
                0.0011551218579311736,
                0.16320442858437842,
                0.2171089179712622,
                0.0009762726521609648,
                3.555719531501068e-08,
                0.3548934949442842,
            ],
            (152261761237047187080279356346465986730, false),
        );
    }

    #[test]
    fn numpy_beta_johnk_underflow() {
        // Generator(PCG64(42)).beta(0.001, 0.002)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| beta(g, 0.001, 0.002),
            &[
                1.0,
                0.9999999999991266,
                0.0,
                5.436733423226357e-67,
                0.0,
                0.0,
                1.4384285158020777e-149,
                3.7019192849220983e-32,
                1.0,
                1.0,
                1.0,
                0.9999999999976501,
                1.0,
                1.0,
                0.0,
                1.548564302096731e-121,
            ],
            (123508758152441094752780202183562637032, false),
        );
        // Generator(PCG64(7)).beta(0.001, 0.002)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| beta(g, 0.001, 0.002),
            &[
                3.1504792464320095e-181,
                1.0,
                0.0,
                0.0,
                1.0,
                1.3630516560582448e-241,
                0.0,
                2.2127793754117828e-169,
                1.0,
                2.1189132044304002e-204,
                5.176167640716332e-270,
                1.0,
                0.0,
                2.25677843184e-313,
                1.8861657312785863e-57,
                0.21793541206829387,
            ],
            (245704297825837472692108575387133677848, false),
        );
        // Generator(PCG64(2024)).beta(0.001, 0.002)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| beta(g, 0.001, 0.002),
            &[
                1.0,
                0.0,
                1.0,
                0.0,
                1.3763924349761852e-59,
                7.293969744505282e-126,
                0.0,
                0.0,
                1.0,
                1.0,
                0.0,
                0.0,
                0.0,
                1.0,
                0.9989280059349003,
                3.468561319850943e-42,
            ],
            (12941317612297752247903241541248335614, false),
        );
    }

    #[test]
    fn numpy_beta_tiny() {
        // Generator(PCG64(42)).beta(1e-200, 2e-200)
        check_f64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| beta(g, 1e-200, 2e-200),
            &[0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).beta(1e-200, 2e-200)
        check_f64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| beta(g, 1e-200, 2e-200),
            &[0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).beta(1e-200, 2e-200)
        check_f64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| beta(g, 1e-200, 2e-200),
            &[0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_dirichlet_small() {
        // Generator(PCG64(42)).dirichlet([0.05, 0.02, 0.08], 4)
        check_vec(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            3,
            &[0.05, 0.02, 0.08],
            &[
                0.957324777930032,
                0.001809566928892916,
                0.04086565514107507,
                3.855775227079375e-21,
                2.3987358730135375e-05,
                0.9999760126412699,
                4.131033273246499e-15,
                7.408842024384288e-22,
                0.9999999999999959,
                0.0010536586244450329,
                2.420988514934856e-10,
                0.998946341133456,
            ],
            (152215445386907085417583646911832227544, false),
        );
        // Generator(PCG64(7)).dirichlet([0.05, 0.02, 0.08], 4)
        check_vec(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            3,
            &[0.05, 0.02, 0.08],
            &[
                0.00024539230886399193,
                0.9971138175138979,
                0.002640790177238034,
                1.362521588566578e-10,
                1.3815775131819002e-113,
                0.9999999998637479,
                0.9551262267202891,
                4.651392560266121e-21,
                0.04487377327971087,
                4.38546426801134e-09,
                2.2708646423036835e-12,
                0.9999999956122649,
            ],
            (43088430929375976200131369440520865448, false),
        );
        // Generator(PCG64(2024)).dirichlet([0.05, 0.02, 0.08], 4)
        check_vec(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            3,
            &[0.05, 0.02, 0.08],
            &[
                0.9994827498096942,
                2.873206770159069e-28,
                0.0005172501903057958,
                0.999999996314412,
                4.5351553086882636e-55,
                3.6855879459452012e-09,
                0.06234719275868053,
                1.236120901723348e-09,
                0.9376528060051985,
                8.502210616801164e-18,
                2.7090895345862927e-113,
                1.0,
            ],
            (29899662290859710509364456116186445582, false),
        );
    }

    #[test]
    fn numpy_dirichlet_small_zero_tail() {
        // Generator(PCG64(42)).dirichlet([0.05, 0.03, 0.0], 4)
        check_vec(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            3,
            &[0.05, 0.03, 0.0],
            &[
                0.999999999798713,
                2.0128698707821968e-10,
                0.0,
                6.858109374657682e-21,
                1.0,
                0.0,
                5.001258325103587e-07,
                0.9999994998741675,
                0.0,
                0.09092760348952739,
                0.9090723965104726,
                0.0,
            ],
            (152215445386907085417583646911832227544, false),
        );
        // Generator(PCG64(7)).dirichlet([0.05, 0.03, 0.0], 4)
        check_vec(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            3,
            &[0.05, 0.03, 0.0],
            &[
                0.0030741496113893666,
                0.9969258503886106,
                0.0,
                3.1934160356619374e-09,
                0.9999999968065839,
                0.0,
                0.9999999990531966,
                9.468034134485492e-10,
                0.0,
                0.41182780079063536,
                0.5881721992093647,
                0.0,
            ],
            (43088430929375976200131369440520865448, false),
        );
        // Generator(PCG64(2024)).dirichlet([0.05, 0.03, 0.0], 4)
        check_vec(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            3,
            &[0.05, 0.03, 0.0],
            &[
                1.0,
                0.0,
                0.0,
                1.0,
                0.0,
                0.0,
                1.0,
                0.0,
                0.0,
                5.034598146954931e-12,
                0.9999999999949654,
                0.0,
            ],
            (29899662290859710509364456116186445582, false),
        );
    }

    #[test]
    fn numpy_dirichlet_all_zero() {
        // Generator(PCG64(42)).dirichlet([0.0, 0.0], 2)
        check_vec(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            2,
            &[0.0, 0.0],
            &[0.0, 0.0, 0.0, 0.0],
            (274674114334540486603088602300644985544, false),
        );
        // Generator(PCG64(7)).dirichlet([0.0, 0.0], 2)
        check_vec(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            2,
            &[0.0, 0.0],
            &[0.0, 0.0, 0.0, 0.0],
            (208745520555909116978795849195383758904, false),
        );
        // Generator(PCG64(2024)).dirichlet([0.0, 0.0], 2)
        check_vec(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            2,
            &[0.0, 0.0],
            &[0.0, 0.0, 0.0, 0.0],
            (64495091031189892396629999919877649182, false),
        );
    }
}
