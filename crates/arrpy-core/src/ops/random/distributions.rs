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

/// The float operations NumPy's two standard gamma samplers use, in their precision: float64
/// draws and libm calls for `random_standard_gamma`, float32 ones (`next_float`, the float32
/// ziggurats, `powf`/`logf`) for `random_standard_gamma_f`.
pub trait GammaFloat:
    Copy
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Neg<Output = Self>
{
    /// `v` in this precision (the C code's literals).
    fn lit(v: f64) -> Self;
    fn uniform<G: BitGen + ?Sized>(g: &mut G) -> Self;
    fn normal<G: BitGen + ?Sized>(g: &mut G) -> Self;
    fn exponential<G: BitGen + ?Sized>(g: &mut G) -> Self;
    fn powf(self, e: Self) -> Self;
    fn ln(self) -> Self;
    fn sqrt(self) -> Self;
    fn is_nan(self) -> bool;
}

macro_rules! gamma_float {
    ($t:ty, $uniform:ident, $normal:path, $exponential:path) => {
        impl GammaFloat for $t {
            #[inline]
            fn lit(v: f64) -> Self {
                v as $t
            }
            #[inline]
            fn uniform<G: BitGen + ?Sized>(g: &mut G) -> Self {
                g.$uniform()
            }
            #[inline]
            fn normal<G: BitGen + ?Sized>(g: &mut G) -> Self {
                $normal(g)
            }
            #[inline]
            fn exponential<G: BitGen + ?Sized>(g: &mut G) -> Self {
                $exponential(g)
            }
            #[inline]
            fn powf(self, e: Self) -> Self {
                <$t>::powf(self, e)
            }
            #[inline]
            fn ln(self) -> Self {
                <$t>::ln(self)
            }
            #[inline]
            fn sqrt(self) -> Self {
                <$t>::sqrt(self)
            }
            #[inline]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
        }
    };
}

gamma_float!(f64, next_double, standard_normal, standard_exponential);
gamma_float!(
    f32,
    next_float,
    standard_normal_f32,
    standard_exponential_f32
);

/// A standard gamma variate with shape `shape` (scale 1): NumPy's `random_standard_gamma` in
/// float64 and `random_standard_gamma_f` in float32, the same steps in each precision.
///
/// Requires `shape >= 0`. shape == 1 is the exponential; shape == 0 is 0 (nothing drawn).
/// shape < 1 uses the rejection method of Ahrens & Dieter (GS, 1974) as NumPy writes it (a uniform
/// and an exponential per trial), since Marsaglia–Tsang needs shape >= 1; larger shapes use
/// Marsaglia & Tsang (2000): a cubed shifted normal accepted by a cheap squeeze or a log test.
pub fn standard_gamma_of<T: GammaFloat, G: BitGen + ?Sized>(g: &mut G, shape: T) -> T {
    let (zero, one) = (T::lit(0.0), T::lit(1.0));
    if shape == one {
        T::exponential(g)
    } else if shape == zero {
        zero
    } else if shape < one {
        loop {
            let u = T::uniform(g);
            let v = T::exponential(g);
            if u <= one - shape {
                let x = u.powf(one / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((one - u) / shape).ln();
                let x = (one - shape + shape * y).powf(one / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    } else {
        let b = shape - T::lit(1.0 / 3.0);
        let c = one / (T::lit(9.0) * b).sqrt();
        loop {
            let (mut x, mut v);
            loop {
                x = T::normal(g);
                v = one + c * x;
                // NumPy's `do { } while (V <= 0.0)`: a NaN V (NaN shape) leaves the loop.
                if v > zero || v.is_nan() {
                    break;
                }
            }
            v = v * v * v;
            let u = T::uniform(g);
            if u < one - T::lit(0.0331) * (x * x) * (x * x) {
                return b * v;
            }
            // ln(0) = -inf accepts, as in NumPy.
            if u.ln() < T::lit(0.5) * x * x + b * (one - v + v.ln()) {
                return b * v;
            }
        }
    }
}

/// The float64 standard gamma (NumPy's `random_standard_gamma`).
pub fn standard_gamma<G: BitGen + ?Sized>(g: &mut G, shape: f64) -> f64 {
    standard_gamma_of(g, shape)
}

/// The float32 standard gamma (NumPy's `random_standard_gamma_f`). Requires `shape >= 0`.
pub fn standard_gamma_f32<G: BitGen + ?Sized>(g: &mut G, shape: f32) -> f32 {
    standard_gamma_of(g, shape)
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
    if k == 0 {
        return;
    }
    // NumPy's `alpha.max() < 0.1`, where a NaN max (any NaN alpha) is not small.
    if alpha.iter().all(|&a| a < 0.1) {
        // out[j] holds csum[j] = alpha[j] + ... + alpha[k-1] (summed right to left, as NumPy)
        // until component j overwrites it; csum[j + 1] is read before.
        let mut s = 0.0;
        for j in (0..k).rev() {
            s += alpha[j];
            out[j] = s;
        }
        if s <= 0.0 {
            // All alpha are 0: NumPy returns its zeros without drawing.
            out.fill(0.0);
            return;
        }
        let mut acc = 1.0;
        let mut j = 0;
        while j + 1 < k {
            let rest = out[j + 1];
            let v = beta(g, alpha[j], rest);
            out[j] = acc * v;
            acc *= 1.0 - v;
            j += 1;
            if rest == 0.0 {
                // v is 1, so nothing is left for the rest (NumPy leaves them 0).
                break;
            }
        }
        out[j..].fill(0.0);
        out[k - 1] = acc;
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
#[path = "distributions_tests.rs"]
pub(crate) mod tests;
