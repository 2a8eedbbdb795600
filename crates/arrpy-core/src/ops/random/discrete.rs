//! Integer-valued distributions of `numpy.random.Generator`: poisson, binomial, geometric.
//!
//! Each sampler follows NumPy 2's `distributions.c` step for step: the same uniforms are drawn in
//! the same order and the same floating-point expressions are evaluated (the same libm calls:
//! `f64::ln` is C's `log`, `f64::ln_1p` is `log1p`, ...), so a generator in the same state gives
//! the same integers as NumPy. Parameter checks (NaN, lam < 0, p outside [0, 1], n < 0) are the
//! caller's; each sampler's doc says what it requires.

use super::ziggurat::standard_exponential;
use super::BitGen;

/// C's `(int64_t)x` as x86-64 executes it (`cvttsd2si`): truncation toward zero for values in
/// range, and `INT64_MIN` for NaN and anything out of range. Rust's `as` saturates instead; NumPy
/// relies on the x86 result to reject out-of-range candidates (`k < 0`), so we reproduce it.
#[inline]
pub(crate) fn c_cast_i64(x: f64) -> i64 {
    // 2^63 is exactly representable; every double in [-2^63, 2^63) converts exactly.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

/// log Γ(x) for x > 0, NumPy's `random_loggam` (Zhang & Jin's Stirling series, shifting x up to 7
/// first so the series converges, then stepping back down with logs). Poisson's PTRS compares
/// against `loggam(k + 1)`, so this must be NumPy's own function, not a libm `lgamma`.
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.410256410256410e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let mut n: i64 = 0;
    let mut x0 = x;
    if x <= 7.0 {
        n = c_cast_i64(7.0 - x);
        x0 = x + n as f64;
    }
    let x2 = 1.0 / (x0 * x0);
    let xp = 2.0 * std::f64::consts::PI;
    let mut gl0 = A[9];
    for &a in A[..9].iter().rev() {
        gl0 *= x2;
        gl0 += a;
    }
    let mut gl = gl0 / x0 + 0.5 * xp.ln() + (x0 - 0.5) * x0.ln() - x0;
    if x <= 7.0 {
        for _ in 0..n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// A Poisson variate with mean `lam`, NumPy's `random_poisson`.
///
/// Requires `0 <= lam` and finite (NumPy also caps lam near 2^63 − 10·2^31.5 so the result fits).
/// lam >= 10 uses Hörmann's transformed rejection (PTRS), whose cost does not grow with lam;
/// smaller means multiply uniforms until the product drops below e^-lam (on average lam + 1
/// draws, and exact); lam == 0 draws nothing.
pub fn poisson<G: BitGen + ?Sized>(g: &mut G, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(g, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(g, lam)
    }
}

/// Counts the uniforms whose running product stays above e^-lam.
fn poisson_mult<G: BitGen + ?Sized>(g: &mut G, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= g.next_double();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

/// W. Hörmann, "The transformed rejection method for generating Poisson random variables",
/// Insurance: Mathematics and Economics 12 (1993): a candidate from a hat built on a transformed
/// uniform, accepted at once in the hat's central part (`us >= 0.07 && V <= vr`), else by the exact
/// log-density test.
fn poisson_ptrs<G: BitGen + ?Sized>(g: &mut G, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = g.next_double() - 0.5;
        let v = g.next_double();
        let us = 0.5 - u.abs();
        let k = c_cast_i64(((2.0 * a / us + b) * u + lam + 0.43).floor());
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        // ln(0) = -inf when v == 0 accepts, as in NumPy.
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
            <= -lam + k as f64 * loglam - loggam((k + 1) as f64)
        {
            return k;
        }
    }
}

/// The constants NumPy derives from (n, p) for one binomial method (its `binomial_t` cache):
/// building them once and sampling many times draws the same stream as NumPy, which caches them
/// per (n, p) too.
#[derive(Clone, Copy, Debug)]
enum Method {
    /// n·min(p, 1−p) == 0: the result is fixed, nothing is drawn.
    Zero,
    /// Inversion (n·p <= 30): walk the pmf from 0 until it covers a uniform.
    Inversion { q: f64, qn: f64, bound: i64 },
    /// Kachitvichyanukul & Schmeiser's BTPE (n·p > 30): triangle/parallelogram/exponential hat.
    Btpe(Btpe),
}

#[derive(Clone, Copy, Debug)]
struct Btpe {
    r: f64,
    q: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

/// A binomial(n, p) sampler with its set-up done once, NumPy's `random_binomial`.
///
/// NumPy samples with the smaller of p and 1−p (call it p'), and returns n − X when it flipped, so
/// the work depends on n·p' only: inversion when n·p' <= 30 (cheap set-up, O(n·p') per draw),
/// BTPE otherwise (O(1) per draw).
#[derive(Clone, Copy, Debug)]
pub struct Binomial {
    n: i64,
    /// The p the method samples with (p' <= 0.5 unless NaN).
    p: f64,
    /// Whether p > 0.5, so the result is n − X.
    flip: bool,
    method: Method,
}

impl Binomial {
    /// Requires `n >= 0` and `0 <= p <= 1` (not NaN).
    pub fn new(n: i64, p: f64) -> Binomial {
        // NumPy: `if n == 0 || p == 0 return 0`, then p <= 0.5 samples p as is, else 1 − p.
        if n == 0 || p == 0.0 {
            return Binomial {
                n,
                p,
                flip: false,
                method: Method::Zero,
            };
        }
        let (pp, flip) = if p <= 0.5 {
            (p, false)
        } else {
            (1.0 - p, true)
        };
        let method = if pp * n as f64 <= 30.0 {
            let q = 1.0 - pp;
            let qn = (n as f64 * q.ln()).exp();
            let np = n as f64 * pp;
            // C's MIN of an int64 and a double compares and yields doubles.
            let bound = c_cast_i64((n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()));
            Method::Inversion { q, qn, bound }
        } else {
            Method::Btpe(Btpe::new(n, pp))
        };
        Binomial {
            n,
            p: pp,
            flip,
            method,
        }
    }

    pub fn sample<G: BitGen + ?Sized>(&self, g: &mut G) -> i64 {
        let x = match self.method {
            Method::Zero => return 0,
            Method::Inversion { q, qn, bound } => self.inversion(g, q, qn, bound),
            Method::Btpe(ref c) => c.sample(g, self.n),
        };
        if self.flip {
            self.n - x
        } else {
            x
        }
    }

    /// NumPy's `random_binomial_inversion`: subtract pmf terms from one uniform; past `bound`
    /// (mean + 10 sd, where the tail is negligible) start again with a fresh uniform.
    fn inversion<G: BitGen + ?Sized>(&self, g: &mut G, q: f64, qn: f64, bound: i64) -> i64 {
        let (n, p) = (self.n, self.p);
        let mut x: i64 = 0;
        let mut px = qn;
        let mut u = g.next_double();
        while u > px {
            x += 1;
            if x > bound {
                x = 0;
                px = qn;
                u = g.next_double();
            } else {
                u -= px;
                px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
            }
        }
        x
    }
}

impl Btpe {
    /// The hat's geometry (the set-up of NumPy's `random_binomial_btpe`); p <= 0.5.
    fn new(n: i64, p: f64) -> Btpe {
        let nf = n as f64;
        let r = p.min(1.0 - p);
        let q = 1.0 - r;
        let fm = nf * r + r;
        let m = c_cast_i64(fm.floor());
        let p1 = (2.195 * (nf * r * q).sqrt() - 4.6 * q).floor() + 0.5;
        let xm = m as f64 + 0.5;
        let xl = xm - p1;
        let xr = xm + p1;
        let c = 0.134 + 20.5 / (15.3 + m as f64);
        let a = (fm - xl) / (fm - xl * r);
        let laml = a * (1.0 + a / 2.0);
        let a = (xr - fm) / (xr * q);
        let lamr = a * (1.0 + a / 2.0);
        let p2 = p1 * (1.0 + 2.0 * c);
        let p3 = p2 + c / laml;
        let p4 = p3 + c / lamr;
        Btpe {
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        }
    }

    /// Kachitvichyanukul & Schmeiser (1988), NumPy's step labels in the comments. u picks a region
    /// of the hat (triangle, parallelograms, left/right exponential tails); the candidate y is
    /// accepted at once in the triangle, else by an explicit pmf ratio when y is near the mode,
    /// else by squeezes around Stirling's approximation of the log pmf ratio.
    fn sample<G: BitGen + ?Sized>(&self, g: &mut G, n: i64) -> i64 {
        let Btpe {
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        } = *self;
        let nf = n as f64;
        loop {
            // Step 10.
            let nrq = nf * r * q;
            let u = g.next_double() * p4;
            let mut v = g.next_double();
            let y: i64;
            if u <= p1 {
                // The triangle: accept.
                return c_cast_i64((xm - p1 * v + u).floor());
            } else if u <= p2 {
                // Step 20: the parallelograms.
                let x = xl + (u - p1) / c;
                v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
                if v > 1.0 {
                    continue;
                }
                y = c_cast_i64(x.floor());
            } else if u <= p3 {
                // Step 30: the left exponential tail (v == 0 rejected: ln(0) gave no candidate).
                y = c_cast_i64((xl + v.ln() / laml).floor());
                if y < 0 || v == 0.0 {
                    continue;
                }
                v = v * (u - p2) * laml;
            } else {
                // Step 40: the right exponential tail.
                y = c_cast_i64((xr - v.ln() / lamr).floor());
                if y > n || v == 0.0 {
                    continue;
                }
                v = v * (u - p3) * lamr;
            }
            // Step 50: near the mode, the pmf ratio f(y)/f(m) by its recurrence.
            let k = y.wrapping_sub(m).wrapping_abs();
            if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
                let s = r / q;
                let a = s * (n + 1) as f64;
                let mut f = 1.0;
                if m < y {
                    for i in m + 1..=y {
                        f *= a / i as f64 - s;
                    }
                } else if m > y {
                    for i in y + 1..=m {
                        f /= a / i as f64 - s;
                    }
                }
                if v > f {
                    continue;
                }
                return y;
            }
            // Step 52: squeeze ln v between bounds of the log pmf ratio.
            let kf = k as f64;
            let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
            // C computes -k * k in int64.
            let t = k.wrapping_neg().wrapping_mul(k) as f64 / (2.0 * nrq);
            let big_a = v.ln();
            if big_a < t - rho {
                return y;
            }
            if big_a > t + rho {
                continue;
            }
            // The final test: Stirling's series for the four factorials of the ratio.
            let x1 = (y + 1) as f64;
            let f1 = (m + 1) as f64;
            let z = (n + 1 - m) as f64;
            let w = (n - y + 1) as f64;
            let x2 = x1 * x1;
            let f2 = f1 * f1;
            let z2 = z * z;
            let w2 = w * w;
            let series = |s2: f64, s: f64| {
                (13680. - (462. - (132. - (99. - 140. / s2) / s2) / s2) / s2) / s / 166320.
            };
            let bound = xm * (f1 / x1).ln()
                + ((n - m) as f64 + 0.5) * (z / w).ln()
                + (y - m) as f64 * (w * r / (x1 * q)).ln()
                + series(f2, f1)
                + series(z2, z)
                + series(x2, x1)
                + series(w2, w);
            if big_a > bound {
                continue;
            }
            return y;
        }
    }
}

/// One binomial(n, p) variate (set-up and draw; to draw many with one (n, p), build a
/// [`Binomial`] once). Requires `n >= 0` and `0 <= p <= 1`.
pub fn binomial<G: BitGen + ?Sized>(g: &mut G, n: i64, p: f64) -> i64 {
    Binomial::new(n, p).sample(g)
}

/// A geometric variate (trials up to and including the first success, so >= 1), NumPy 2's
/// `random_geometric`. Requires `0 < p <= 1`.
///
/// For p >= 1/3 the pmf is searched from 1 with one uniform (few steps, as the pmf falls by
/// at least 2/3 per step); smaller p inverts the cdf: ceil(E / −log1p(−p)) with E a standard
/// exponential (NumPy 2's form), clamped to i64::MAX where it would overflow.
pub fn geometric<G: BitGen + ?Sized>(g: &mut G, p: f64) -> i64 {
    if p >= 0.333333333333333333333333 {
        geometric_search(g, p)
    } else {
        geometric_inversion(g, p)
    }
}

fn geometric_search<G: BitGen + ?Sized>(g: &mut G, p: f64) -> i64 {
    let mut x = 1;
    let mut sum = p;
    let mut prod = p;
    let q = 1.0 - p;
    let u = g.next_double();
    while u > sum {
        prod *= q;
        if sum + prod == sum {
            // The terms only shrink, so the rounded sum will never reach u: NumPy loops forever
            // here (u within a few ulps of 1, e.g. u = 1 - 2^-53 with p = 0.35). Stop instead.
            break;
        }
        sum += prod;
        x += 1;
    }
    x
}

fn geometric_inversion<G: BitGen + ?Sized>(g: &mut G, p: f64) -> i64 {
    let z = (-standard_exponential(g) / (-p).ln_1p()).ceil();
    // 9.223372036854776e18 = 2^63, the smallest double above i64::MAX.
    if z >= 9.223372036854776e18 {
        i64::MAX
    } else {
        c_cast_i64(z)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ops::random::{Pcg, Variant};

    // Expected values: NumPy 2.4's Generator(PCG64(seed)), e.g.
    //   bg = np.random.PCG64(42); s = bg.state["state"]   # the (state, inc) below
    //   np.random.Generator(bg).poisson(3.5, size=8); bg.state   # the values, then the end state
    // Each check starts a Pcg at NumPy's seeded state, draws the values one call at a time, and
    // also compares the generator's state afterwards, so the same number of words was consumed.

    pub(crate) fn pcg(state: u128, inc: u128) -> Pcg {
        Pcg {
            variant: Variant::XslRr,
            state,
            inc,
            has_uint32: false,
            uinteger: 0,
        }
    }

    fn check<T: Copy + std::fmt::Debug>(
        state: u128,
        inc: u128,
        mut f: impl FnMut(&mut Pcg) -> T,
        expected: &[T],
        end: (u128, bool),
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
        state: u128,
        inc: u128,
        f: impl FnMut(&mut Pcg) -> i64,
        expected: &[i64],
        end: (u128, bool),
    ) {
        check(state, inc, f, expected, end, |a, b| a == b);
    }

    pub(crate) fn check_f64(
        state: u128,
        inc: u128,
        f: impl FnMut(&mut Pcg) -> f64,
        expected: &[f64],
        end: (u128, bool),
    ) {
        check(state, inc, f, expected, end, |a, b| {
            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
        });
    }

    pub(crate) fn check_f32(
        state: u128,
        inc: u128,
        f: impl FnMut(&mut Pcg) -> f32,
        expected: &[f32],
        end: (u128, bool),
    ) {
        check(state, inc, f, expected, end, |a, b| {
            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
        });
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

    #[test]
    fn numpy_poisson_mult() {
        // Generator(PCG64(42)).poisson(3.5)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| poisson(g, 3.5),
            &[4, 5, 5, 3, 5, 1, 5, 1],
            (174993696845405057035203944528329208443, false),
        );
        // Generator(PCG64(7)).poisson(3.5)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| poisson(g, 3.5),
            &[4, 1, 4, 5, 3, 1, 1, 5],
            (245704297825837472692108575387133677848, false),
        );
        // Generator(PCG64(2024)).poisson(3.5)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| poisson(g, 3.5),
            &[5, 1, 3, 2, 5, 3, 3, 2],
            (12941317612297752247903241541248335614, false),
        );
    }

    #[test]
    fn numpy_poisson_mult_small() {
        // Generator(PCG64(42)).poisson(0.01)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| poisson(g, 0.01),
            &[0, 0, 0, 0, 0, 0, 0, 0],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).poisson(0.01)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| poisson(g, 0.01),
            &[0, 0, 0, 0, 0, 0, 0, 0],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).poisson(0.01)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| poisson(g, 0.01),
            &[0, 0, 0, 0, 1, 0, 0, 0],
            (249337631143809269734622641584897556439, false),
        );
    }

    #[test]
    fn numpy_poisson_zero() {
        // Generator(PCG64(42)).poisson(0.0)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| poisson(g, 0.0),
            &[0, 0, 0],
            (274674114334540486603088602300644985544, false),
        );
        // Generator(PCG64(7)).poisson(0.0)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| poisson(g, 0.0),
            &[0, 0, 0],
            (208745520555909116978795849195383758904, false),
        );
        // Generator(PCG64(2024)).poisson(0.0)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| poisson(g, 0.0),
            &[0, 0, 0],
            (64495091031189892396629999919877649182, false),
        );
    }

    #[test]
    fn numpy_poisson_ptrs_10() {
        // Generator(PCG64(42)).poisson(10.0)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| poisson(g, 10.0),
            &[13, 6, 9, 11, 9, 10, 13, 13, 13, 10, 6, 8, 10, 6, 7, 9],
            (270394289458704804118531414518207920554, false),
        );
        // Generator(PCG64(7)).poisson(10.0)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| poisson(g, 10.0),
            &[13, 8, 13, 8, 7, 10, 7, 11, 11, 10, 12, 9, 14, 8, 10, 11],
            (114697616782863110374274255877428125186, false),
        );
        // Generator(PCG64(2024)).poisson(10.0)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| poisson(g, 10.0),
            &[12, 8, 4, 9, 11, 5, 11, 7, 8, 7, 13, 8, 10, 15, 13, 15],
            (174718512225906865463277455530823048310, false),
        );
    }

    #[test]
    fn numpy_poisson_ptrs_25() {
        // Generator(PCG64(42)).poisson(25.0)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| poisson(g, 25.0),
            &[
                29, 31, 29, 18, 23, 27, 24, 26, 30, 29, 29, 24, 19, 22, 24, 18, 21, 24, 28, 23, 28,
                20, 30, 28, 24, 19, 27, 26, 27, 26, 20, 31, 15, 22, 26, 27, 30, 28, 19, 19, 24, 22,
                23, 33, 29, 24, 24, 22, 20, 29,
            ],
            (299990570391402300044104975711296714742, false),
        );
        // Generator(PCG64(7)).poisson(25.0)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| poisson(g, 25.0),
            &[
                29, 22, 30, 22, 21, 25, 20, 27, 24, 27, 25, 28, 23, 30, 25, 27, 17, 25, 23, 15, 22,
                30, 27, 28, 24, 23, 39, 28, 32, 35, 26, 26, 32, 26, 24, 24, 22, 24, 32, 26, 23, 30,
                24, 30, 28, 20, 20, 36, 22, 36,
            ],
            (262636125630694743122160532652369932912, false),
        );
        // Generator(PCG64(2024)).poisson(25.0)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| poisson(g, 25.0),
            &[
                28, 22, 16, 23, 26, 17, 26, 20, 20, 30, 21, 24, 32, 29, 33, 21, 33, 23, 23, 21, 28,
                23, 21, 22, 20, 26, 23, 14, 25, 13, 14, 22, 31, 28, 26, 30, 24, 21, 18, 17, 20, 26,
                29, 17, 20, 20, 27, 21, 18, 29,
            ],
            (296981258882728447971273755869566372532, false),
        );
    }

    #[test]
    fn numpy_poisson_ptrs_huge() {
        // Generator(PCG64(42)).poisson(1e12)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| poisson(g, 1e12),
            &[
                1000000845379,
                1000001225877,
                999998431870,
                1000000798042,
                999998694422,
                999999629341,
                1000000414733,
                999999840804,
            ],
            (152215445386907085417583646911832227544, false),
        );
        // Generator(PCG64(7)).poisson(1e12)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| poisson(g, 1e12),
            &[
                1000000358414,
                1000000851898,
                999999410777,
                1000000935509,
                999999420007,
                999999258981,
                1000000012660,
                1000000349743,
            ],
            (117302228963416951166419642538510907364, false),
        );
        // Generator(PCG64(2024)).poisson(1e12)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| poisson(g, 1e12),
            &[
                1000000513001,
                999999440550,
                999998261854,
                999999595875,
                1000000251678,
                999998531170,
                1000000275133,
                999999078247,
            ],
            (275566662063813308351500301701594506832, false),
        );
    }

    #[test]
    fn numpy_binomial_inversion() {
        // Generator(PCG64(42)).binomial(10, 0.3)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 10, 0.3),
            &[4, 3, 5, 4, 1, 6, 4, 4],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).binomial(10, 0.3)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 10, 0.3),
            &[3, 5, 4, 2, 2, 5, 0, 4],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).binomial(10, 0.3)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 10, 0.3),
            &[4, 2, 2, 4, 7, 1, 1, 2],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_binomial_inversion_flip() {
        // Generator(PCG64(42)).binomial(20, 0.8)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 20, 0.8),
            &[15, 16, 14, 15, 18, 12, 15, 15],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).binomial(20, 0.8)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 20, 0.8),
            &[16, 14, 15, 17, 17, 14, 20, 14],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).binomial(20, 0.8)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 20, 0.8),
            &[15, 17, 17, 15, 11, 18, 18, 18],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_binomial_inversion_large_n() {
        // Generator(PCG64(42)).binomial(3_000_000_000, 1e-9)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 3_000_000_000, 1e-9),
            &[4, 3, 5, 4, 1, 7, 4, 4],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).binomial(3_000_000_000, 1e-9)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 3_000_000_000, 1e-9),
            &[3, 5, 4, 2, 2, 5, 0, 5],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).binomial(3_000_000_000, 1e-9)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 3_000_000_000, 1e-9),
            &[4, 2, 2, 4, 8, 1, 1, 1],
            (28073369045401316654199189509459905686, false),
        );
    }

    #[test]
    fn numpy_binomial_btpe() {
        // Generator(PCG64(42)).binomial(1000, 0.2)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 1000, 0.2),
            &[
                180, 194, 192, 212, 220, 197, 225, 217, 189, 204, 214, 193, 192, 197, 187, 208,
                184, 208, 204, 203, 182, 203, 176, 214, 190, 198, 213, 195, 195, 202, 181, 206,
                199, 191, 194, 189, 208, 196, 212, 181, 187, 211, 182, 213, 198, 186, 201, 207,
                193, 190, 209, 190, 184, 214, 222, 201, 207, 172, 212, 200, 216, 192, 188, 195,
                182, 208, 212, 189, 199, 187, 205, 193, 212, 212, 195, 166, 184, 202, 202, 200,
                216, 195, 189, 192, 188, 190, 202, 170, 200, 188, 187, 176, 195, 228, 174, 199,
                198, 196, 202, 213,
            ],
            (174907172445253031086786364177831180352, false),
        );
        // Generator(PCG64(7)).binomial(1000, 0.2)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 1000, 0.2),
            &[
                202, 190, 180, 205, 199, 206, 200, 204, 223, 189, 196, 212, 213, 196, 186, 214,
                209, 189, 199, 190, 198, 199, 193, 209, 207, 228, 208, 183, 211, 213, 235, 182,
                184, 175, 219, 185, 217, 213, 210, 180, 205, 194, 192, 198, 227, 204, 216, 206,
                201, 183, 182, 206, 196, 185, 191, 199, 198, 207, 229, 198, 194, 195, 193, 192,
                197, 190, 201, 203, 207, 186, 211, 212, 207, 188, 203, 176, 192, 192, 223, 201,
                204, 193, 187, 190, 193, 172, 219, 221, 213, 205, 189, 203, 186, 218, 207, 221,
                195, 206, 179, 199,
            ],
            (52266083059413350113175886458761897160, false),
        );
        // Generator(PCG64(2024)).binomial(1000, 0.2)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 1000, 0.2),
            &[
                183, 192, 199, 210, 208, 190, 189, 226, 215, 197, 189, 202, 205, 209, 212, 219,
                194, 220, 205, 194, 197, 208, 186, 206, 196, 203, 195, 212, 193, 194, 205, 196,
                202, 203, 214, 190, 219, 204, 202, 199, 188, 197, 205, 216, 196, 228, 188, 199,
                201, 211, 178, 198, 196, 216, 204, 186, 217, 207, 191, 201, 201, 200, 205, 203,
                201, 175, 186, 184, 203, 195, 174, 206, 226, 202, 198, 222, 194, 190, 202, 209,
                210, 193, 210, 186, 216, 195, 215, 196, 203, 215, 218, 188, 201, 214, 207, 190,
                178, 210, 206, 201,
            ],
            (308400334147475951570234482516681755574, false),
        );
    }

    #[test]
    fn numpy_binomial_btpe_half() {
        // Generator(PCG64(42)).binomial(100, 0.5)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 100, 0.5),
            &[
                55, 40, 43, 49, 49, 56, 46, 54, 55, 42, 47, 53, 42, 48, 49, 51,
            ],
            (270394289458704804118531414518207920554, false),
        );
        // Generator(PCG64(7)).binomial(100, 0.5)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 100, 0.5),
            &[
                55, 48, 43, 53, 51, 53, 48, 46, 43, 49, 52, 57, 57, 48, 47, 52,
            ],
            (31269386287239733340898105839696294596, false),
        );
        // Generator(PCG64(2024)).binomial(100, 0.5)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 100, 0.5),
            &[
                49, 50, 55, 47, 46, 48, 50, 48, 52, 56, 54, 42, 53, 50, 51, 54,
            ],
            (213819718814773627130094102456555149556, false),
        );
    }

    #[test]
    fn numpy_binomial_btpe_flip() {
        // Generator(PCG64(42)).binomial(1000, 0.9)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 1000, 0.9),
            &[
                894, 913, 904, 904, 890, 916, 896, 883, 894, 887, 907, 896, 889, 904, 904, 901,
                893, 903, 894, 896, 898, 905, 908, 915, 906, 900, 887, 903, 902, 905, 891, 901,
                903, 907, 893, 901, 891, 912, 918, 908, 891, 912, 890, 900, 909, 897, 904, 907,
                892, 907, 910, 913, 912, 879, 894, 893, 890, 899, 887, 905, 908, 902, 912, 894,
                916, 906, 900, 908, 896, 903, 918, 917, 890, 890, 897, 910, 898, 899, 887, 903,
                907, 905, 907, 898, 899, 907, 908, 908, 903, 881, 899, 901, 902, 911, 896, 890,
                905, 890, 908, 909,
            ],
            (243047671310120364545392074901024427270, false),
        );
        // Generator(PCG64(7)).binomial(1000, 0.9)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 1000, 0.9),
            &[
                894, 905, 913, 892, 895, 900, 894, 896, 910, 907, 901, 908, 889, 903, 902, 889,
                889, 906, 899, 907, 906, 899, 899, 905, 893, 890, 904, 891, 889, 875, 904, 885,
                910, 883, 914, 909, 916, 884, 914, 892, 913, 895, 903, 905, 901, 881, 896, 885,
                898, 911, 912, 891, 901, 910, 893, 900, 900, 880, 894, 879, 880, 899, 902, 903,
                905, 900, 906, 897, 895, 909, 888, 911, 907, 896, 908, 905, 899, 918, 884, 899,
                896, 904, 909, 906, 904, 910, 914, 887, 895, 907, 892, 909, 884, 910, 905, 902,
                896, 906, 893, 897,
            ],
            (262871842858462924319699614958796891140, false),
        );
        // Generator(PCG64(2024)).binomial(1000, 0.9)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 1000, 0.9),
            &[
                904, 904, 901, 892, 912, 906, 908, 882, 912, 901, 906, 898, 891, 893, 890, 923,
                902, 896, 920, 903, 901, 893, 894, 902, 897, 902, 913, 903, 904, 894, 903, 898,
                897, 886, 912, 892, 897, 899, 908, 902, 896, 916, 897, 880, 908, 900, 898, 910,
                915, 901, 902, 894, 888, 887, 907, 892, 909, 915, 894, 906, 899, 898, 895, 897,
                899, 883, 909, 911, 896, 902, 882, 901, 925, 904, 896, 889, 919, 884, 892, 898,
                889, 909, 887, 904, 885, 901, 897, 907, 886, 884, 907, 889, 906, 905, 906, 891,
                899, 906, 907, 902,
            ],
            (212374866050358457849062864040447308856, false),
        );
    }

    #[test]
    fn numpy_binomial_btpe_huge() {
        // Generator(PCG64(42)).binomial(10**12, 0.3)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 1_000_000_000_000, 0.3),
            &[
                299999144036,
                299999717539,
                299999561472,
                300000029647,
                300000361787,
                300000674181,
                299999710798,
                299999019828,
                299998970529,
                300000577330,
                299999518361,
                300000018383,
                300000061168,
                300000434582,
                299999694479,
                299999628359,
            ],
            (239856457220664993936940951685684956528, false),
        );
        // Generator(PCG64(7)).binomial(10**12, 0.3)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 1_000_000_000_000, 0.3),
            &[
                299999929768,
                299999520957,
                299999180959,
                300000123396,
                299999891643,
                300000115007,
                299999833600,
                300000125509,
                300000771334,
                299999529592,
                299999698152,
                300000320614,
                300000412568,
                299999822171,
                300000719585,
                300000488244,
            ],
            (260732972763304174388651213417572411786, false),
        );
        // Generator(PCG64(2024)).binomial(10**12, 0.3)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 1_000_000_000_000, 0.3),
            &[
                300000684219,
                299999607843,
                299999922929,
                300000308218,
                300000163443,
                299999571257,
                299999538313,
                300000467348,
                299999829400,
                299999490088,
                300000007942,
                299999507618,
                300000285600,
                300000356284,
                300000319970,
                299999652523,
            ],
            (21645523159050846355780435007236367808, false),
        );
    }

    #[test]
    fn numpy_binomial_degenerate() {
        // Generator(PCG64(42)).binomial: n=0, p=0, p=1
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| binomial(g, 0, 0.5) + binomial(g, 5, 0.0) * 10 + binomial(g, 7, 1.0) * 100,
            &[700, 700, 700],
            (302602671330392952913379056849247414473, false),
        );
        // Generator(PCG64(7)).binomial: n=0, p=0, p=1
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| binomial(g, 0, 0.5) + binomial(g, 5, 0.0) * 10 + binomial(g, 7, 1.0) * 100,
            &[700, 700, 700],
            (81406307902243305125023329882819567071, false),
        );
        // Generator(PCG64(2024)).binomial: n=0, p=0, p=1
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| binomial(g, 0, 0.5) + binomial(g, 5, 0.0) * 10 + binomial(g, 7, 1.0) * 100,
            &[700, 700, 700],
            (36161305186769027842332836973718056093, false),
        );
    }

    #[test]
    fn numpy_geometric_search() {
        // Generator(PCG64(42)).geometric(0.5)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| geometric(g, 0.5),
            &[3, 1, 3, 2, 1, 6, 3, 3, 1, 1, 1, 4, 2, 3, 1, 1],
            (152215445386907085417583646911832227544, false),
        );
        // Generator(PCG64(7)).geometric(0.5)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| geometric(g, 0.5),
            &[2, 4, 3, 1, 1, 3, 1, 3, 3, 1, 1, 1, 1, 1, 2, 2],
            (43088430929375976200131369440520865448, false),
        );
        // Generator(PCG64(2024)).geometric(0.5)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| geometric(g, 0.5),
            &[2, 1, 1, 3, 8, 1, 1, 1, 1, 1, 2, 2, 1, 2, 1, 1],
            (29899662290859710509364456116186445582, false),
        );
    }

    #[test]
    fn numpy_geometric_search_third() {
        // Generator(PCG64(42)).geometric(1/3)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| geometric(g, 1.0 / 3.0),
            &[4, 2, 5, 3, 1, 10, 4, 4, 1, 2, 2, 7, 3, 5, 2, 1],
            (152215445386907085417583646911832227544, false),
        );
        // Generator(PCG64(7)).geometric(1/3)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| geometric(g, 1.0 / 3.0),
            &[3, 6, 4, 1, 1, 6, 1, 5, 4, 2, 1, 1, 1, 2, 2, 2],
            (43088430929375976200131369440520865448, false),
        );
        // Generator(PCG64(2024)).geometric(1/3)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| geometric(g, 1.0 / 3.0),
            &[3, 1, 1, 4, 14, 1, 1, 1, 2, 1, 3, 3, 1, 3, 1, 2],
            (29899662290859710509364456116186445582, false),
        );
    }

    #[test]
    fn numpy_geometric_one() {
        // Generator(PCG64(42)).geometric(1.0)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| geometric(g, 1.0),
            &[1, 1, 1],
            (302602671330392952913379056849247414473, false),
        );
        // Generator(PCG64(7)).geometric(1.0)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| geometric(g, 1.0),
            &[1, 1, 1],
            (81406307902243305125023329882819567071, false),
        );
        // Generator(PCG64(2024)).geometric(1.0)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| geometric(g, 1.0),
            &[1, 1, 1],
            (36161305186769027842332836973718056093, false),
        );
    }

    #[test]
    fn numpy_geometric_inversion() {
        // Generator(PCG64(42)).geometric(0.1)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| geometric(g, 0.1),
            &[23, 23, 23, 3, 1, 14, 14, 30, 1, 10, 1, 11, 17, 4, 12, 2],
            (152215445386907085417583646911832227544, false),
        );
        // Generator(PCG64(7)).geometric(0.1)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| geometric(g, 0.1),
            &[7, 10, 6, 9, 2, 33, 1, 27, 6, 3, 6, 3, 9, 11, 18, 3],
            (43088430929375976200131369440520865448, false),
        );
        // Generator(PCG64(2024)).geometric(0.1)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| geometric(g, 0.1),
            &[9, 2, 2, 13, 23, 3, 5, 5, 1, 10, 4, 5, 7, 1, 2, 44],
            (58210525343451674253360855599252472367, false),
        );
    }

    #[test]
    fn numpy_geometric_inversion_tiny() {
        // Generator(PCG64(42)).geometric(1e-12)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| geometric(g, 1e-12),
            &[
                2404208603965,
                2336189655824,
                2384760999874,
                279794289852,
                86437399699,
                1452660515706,
                1409960694257,
                3124295956548,
            ],
            (175865384792420015972094667196815174992, false),
        );
        // Generator(PCG64(7)).geometric(1e-12)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| geometric(g, 1e-12),
            &[
                707529255792,
                1025203348295,
                568548657383,
                895109863595,
                206532754017,
                3383637351435,
                9753626649,
                2809215763110,
            ],
            (163487065876966994792882151627064196848, false),
        );
        // Generator(PCG64(2024)).geometric(1e-12)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| geometric(g, 1e-12),
            &[
                853178218938,
                114538151106,
                169214598259,
                1295747874596,
                2331251528892,
                233919363882,
                519210991165,
                434334723358,
            ],
            (249337631143809269734622641584897556439, false),
        );
    }

    #[test]
    fn numpy_geometric_inversion_clamped() {
        // Generator(PCG64(42)).geometric(1e-300)
        check_i64(
            274674114334540486603088602300644985544,
            332724090758049132448979897138935081983,
            |g| geometric(g, 1e-300),
            &[
                9223372036854775807,
                9223372036854775807,
                9223372036854775807,
                9223372036854775807,
            ],
            (129461158061550087521946787121429467180, false),
        );
        // Generator(PCG64(7)).geometric(1e-300)
        check_i64(
            208745520555909116978795849195383758904,
            261136684632268670825940853076396136793,
            |g| geometric(g, 1e-300),
            &[
                9223372036854775807,
                9223372036854775807,
                9223372036854775807,
                9223372036854775807,
            ],
            (105654590169398913713099924159419625588, false),
        );
        // Generator(PCG64(2024)).geometric(1e-300)
        check_i64(
            64495091031189892396629999919877649182,
            263843294879837360010514471918415607657,
            |g| geometric(g, 1e-300),
            &[
                9223372036854775807,
                9223372036854775807,
                9223372036854775807,
                9223372036854775807,
            ],
            (198759536914418991882705689078033079226, false),
        );
    }
}
