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
        6.41025641025641e-03,
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
/// Requires `0 <= lam` and finite (NumPy also caps lam near 2^63 − 10·2^31.5 so the result
/// fits).
///
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
    /// n == 0 or p == 0: the result is 0 and nothing is drawn (p == 1 goes through inversion
    /// with p' = 0 and draws one uniform, as NumPy does).
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
/// NumPy samples with the smaller of p and 1−p (call it p'), and returns n − X when it flipped,
/// so the work depends on n·p' only: inversion when n·p' <= 30 (cheap set-up, O(n·p') per
/// draw), BTPE otherwise (O(1) per draw).
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
            // NumPy 2 takes q^n as exp(n·log1p(−p)): with log(1 − p), a p below 1e-16 made
            // 1 − p round to 1 and q^n to 1 (every draw 0).
            let qn = (n as f64 * (-pp).ln_1p()).exp();
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
                let a = s * n.wrapping_add(1) as f64;
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
            // The final test: Stirling's series for the four factorials of the ratio. The
            // corrections of the denominator's factorials (x1 = y + 1, w = n - y + 1) are
            // subtracted: NumPy 2.5 fixed the paper's sign error (2.4 added all four, so its
            // draws differ from here once a sample reaches this test).
            // C's int64 arithmetic (wrapping where it could overflow, as C does in practice).
            let x1 = y.wrapping_add(1) as f64;
            let f1 = (m + 1) as f64;
            let z = n.wrapping_add(1).wrapping_sub(m) as f64;
            let w = n.wrapping_sub(y).wrapping_add(1) as f64;
            let x2 = x1 * x1;
            let f2 = f1 * f1;
            let z2 = z * z;
            let w2 = w * w;
            let series = |s2: f64, s: f64| {
                (13680. - (462. - (132. - (99. - 140. / s2) / s2) / s2) / s2) / s / 166320.
            };
            let bound = xm * (f1 / x1).ln()
                + ((n - m) as f64 + 0.5) * (z / w).ln()
                + y.wrapping_sub(m) as f64 * (w * r / (x1 * q)).ln()
                + series(f2, f1)
                + series(z2, z)
                - series(x2, x1)
                - series(w2, w);
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
    // NumPy writes 0.333333333333333333333333, which is this double.
    if p >= 0.3333333333333333 {
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
#[path = "discrete_tests.rs"]
pub(crate) mod tests;
