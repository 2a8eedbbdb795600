//! Accuracy, special-value, tier bit-identity and (ignored) speed tests for vmath.

use super::*;

/// Samples per function: dense under --release, bounded in the (opt-level 1) debug build.
const N: usize = if cfg!(debug_assertions) { 150_000 } else { 3_000_000 };

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

fn key64(x: f64) -> i128 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        -((b & !(1 << 63)) as i128)
    } else {
        b as i128
    }
}
fn key32(x: f32) -> i128 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        -((b & !(1 << 31)) as i128)
    } else {
        b as i128
    }
}

/// Distance in representable values; NaN matches only NaN; a zero must match the sign.
fn ulp64(got: f64, want: f64) -> u64 {
    if want.is_nan() || got.is_nan() {
        return if want.is_nan() && got.is_nan() { 0 } else { u64::MAX };
    }
    if want == 0.0 && got == 0.0 && got.to_bits() != want.to_bits() {
        return u64::MAX;
    }
    (key64(got) - key64(want)).unsigned_abs() as u64
}
fn ulp32(got: f32, want: f32) -> u64 {
    if want.is_nan() || got.is_nan() {
        return if want.is_nan() && got.is_nan() { 0 } else { u64::MAX };
    }
    if want == 0.0 && got == 0.0 && got.to_bits() != want.to_bits() {
        return u64::MAX;
    }
    (key32(got) - key32(want)).unsigned_abs() as u64
}

/// Inputs for an f64 function: uniform bit patterns (whole domain), uniform draws in `ranges`,
/// log-uniform magnitudes in `ranges`, the neighbours of `points`, and the usual specials.
fn inputs64(seed: u64, ranges: &[(f64, f64)], points: &[f64]) -> Vec<f64> {
    let mut rng = Rng(seed);
    let mut v = Vec::with_capacity(N + 1000);
    for _ in 0..N / 4 {
        v.push(f64::from_bits(rng.next()));
    }
    let per = N / 2 / ranges.len().max(1);
    for &(lo, hi) in ranges {
        for _ in 0..per {
            v.push(lo + (hi - lo) * rng.unit());
        }
    }
    // Log-uniform over [2^-1074, 2^1024) of either sign, then the subnormals.
    for _ in 0..N / 8 {
        let e = (rng.next() % 2098) as i32 - 1074;
        let m = 1.0 + rng.unit();
        let x = m * 2f64.powi(e.max(-1022)) * if e < -1022 { 2f64.powi(e + 1022) } else { 1.0 };
        v.push(if rng.next() & 1 == 1 { -x } else { x });
    }
    for _ in 0..N / 8 {
        let x = f64::from_bits(rng.next() & ((1 << 52) - 1));
        v.push(if rng.next() & 1 == 1 { -x } else { x });
    }
    for &p in points {
        let b = p.to_bits();
        for d in 0..40u64 {
            v.push(f64::from_bits(b.wrapping_add(d)));
            v.push(f64::from_bits(b.wrapping_sub(d)));
        }
    }
    v.extend_from_slice(&SPECIAL64);
    v
}

const SPECIAL64: [f64; 16] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    f64::MIN_POSITIVE,
    -f64::MIN_POSITIVE,
    5e-324,
    -5e-324,
    f64::MAX,
    f64::MIN,
    f64::EPSILON,
    0.5,
    2.0,
];

fn check64(name: &str, f: impl Fn(f64) -> f64, reference: impl Fn(f64) -> f64, xs: &[f64], tol: u64) {
    let mut worst = (0u64, 0.0f64);
    for &x in xs {
        let u = ulp64(f(x), reference(x));
        if u > worst.0 {
            worst = (u, x);
        }
    }
    let x = worst.1;
    println!(
        "{name:>10}: max {} ulp vs std at x = {x:e} ({:#x}): got {:e} want {:e}  [{} samples]",
        worst.0,
        x.to_bits(),
        f(x),
        reference(x),
        xs.len()
    );
    assert!(worst.0 <= tol, "{name}: {} ulp at {x:e}", worst.0);
}

fn inputs32(seed: u64, ranges: &[(f32, f32)], points: &[f32]) -> Vec<f32> {
    let mut rng = Rng(seed);
    let mut v = Vec::with_capacity(N + 1000);
    // Evenly strided bit patterns over all 2^32 (plus a random offset), then uniform ones.
    let stride = (1u64 << 32) / (N as u64 / 4);
    let off = rng.next() % stride;
    for i in 0..N as u64 / 4 {
        v.push(f32::from_bits((i * stride + off) as u32));
    }
    for _ in 0..N / 4 {
        v.push(f32::from_bits(rng.next() as u32));
    }
    let per = N / 2 / ranges.len().max(1);
    for &(lo, hi) in ranges {
        for _ in 0..per {
            v.push((lo as f64 + (hi as f64 - lo as f64) * rng.unit()) as f32);
        }
    }
    for &p in points {
        let b = p.to_bits();
        for d in 0..40u32 {
            v.push(f32::from_bits(b.wrapping_add(d)));
            v.push(f32::from_bits(b.wrapping_sub(d)));
        }
    }
    v.extend(SPECIAL64.iter().map(|&x| x as f32));
    v.extend_from_slice(&[f32::MIN_POSITIVE, 1e-45, -1e-45, f32::MAX, f32::MIN]);
    v
}

fn check32(name: &str, f: impl Fn(f32) -> f32, reference: impl Fn(f64) -> f64, xs: &[f32], tol: u64) {
    let mut worst = (0u64, 0.0f32);
    for &x in xs {
        let u = ulp32(f(x), reference(x as f64) as f32);
        if u > worst.0 {
            worst = (u, x);
        }
    }
    let x = worst.1;
    println!(
        "{name:>10}: max {} ulp vs f64 std at x = {x:e} ({:#x}): got {:e} want {:e}  [{} samples]",
        worst.0,
        x.to_bits(),
        f(x),
        reference(x as f64) as f32,
        xs.len()
    );
    assert!(worst.0 <= tol, "{name}: {} ulp at {x:e}", worst.0);
}

/// Nearest doubles to k*pi/2 for assorted k up to beyond the fast-path limit.
fn half_pi_multiples() -> Vec<f64> {
    let mut v = Vec::new();
    let mut rng = Rng(99);
    for k in 1..200i64 {
        v.push(k as f64 * std::f64::consts::FRAC_PI_2);
        v.push(-(k as f64) * std::f64::consts::FRAC_PI_2);
    }
    for _ in 0..400 {
        let k = (rng.next() % (1 << 26)) as f64;
        v.push(k * std::f64::consts::FRAC_PI_2);
    }
    // Known hard cases for pi/2 reduction.
    v.extend_from_slice(&[5.319372648326541e+255, 1e22, 1e300]);
    v.extend((0..200).map(|i| i as f64)); // integers
    v
}

const F64_TOL: u64 = 3; // vs glibc (itself within 1 ULP): within 4 of the exact result
const F32_TOL: u64 = 3; // vs the f64 result rounded once

#[test]
fn exp_f64_accuracy() {
    let xs = inputs64(1, &[(-1.0, 1.0), (-745.2, 709.8), (-745.2, -708.0), (700.0, 709.8), (-1e-6, 1e-6)], &[
        709.782712893384, -745.1332191019411, -708.3964185322641, 0.0, 1e-300,
    ]);
    check64("exp", exp_f64, f64::exp, &xs, F64_TOL);
}

#[test]
fn exp2_f64_accuracy() {
    let xs = inputs64(2, &[(-1.0, 1.0), (-1080.0, 1024.1), (-1075.0, -1020.0), (1000.0, 1024.0)], &[
        1024.0, -1074.0, -1075.0, -1022.0, 0.5, -0.5,
    ]);
    check64("exp2", exp2_f64, f64::exp2, &xs, F64_TOL);
}

#[test]
fn expm1_f64_accuracy() {
    let xs = inputs64(3, &[(-1.0, 1.0), (-50.0, 710.0), (-1e-5, 1e-5), (-0.4, 0.4), (700.0, 709.8)], &[
        709.782712893384, 0.34657359027997264, -0.34657359027997264,
    ]);
    check64("expm1", expm1_f64, f64::exp_m1, &xs, F64_TOL);
}

#[test]
fn log_f64_accuracy() {
    let xs = inputs64(4, &[(0.0, 2.0), (0.5, 1.5), (0.999, 1.001), (0.0, 1e300), (0.0, 1e-300)], &[1.0, 2.0, 0.5]);
    check64("log", log_f64, f64::ln, &xs, F64_TOL);
}

#[test]
fn log1p_f64_accuracy() {
    let xs = inputs64(5, &[(-1.0, 1.0), (-1e-3, 1e-3), (-1.0, -0.99), (0.0, 1e10), (-1e-300, 1e-300)], &[
        -1.0, 1.0, 1e-300,
    ]);
    check64("log1p", log1p_f64, f64::ln_1p, &xs, F64_TOL);
}

#[test]
fn log2_f64_accuracy() {
    let xs = inputs64(6, &[(0.0, 2.0), (0.5, 1.5), (0.999, 1.001), (0.0, 1e300)], &[1.0, 2.0, 0.5, 1024.0]);
    check64("log2", log2_f64, f64::log2, &xs, F64_TOL);
}

#[test]
fn log10_f64_accuracy() {
    let xs = inputs64(7, &[(0.0, 2.0), (0.5, 1.5), (0.999, 1.001), (0.0, 1e300)], &[1.0, 10.0, 0.1, 1e22, 1e-5]);
    check64("log10", log10_f64, f64::log10, &xs, F64_TOL);
}

#[test]
fn tanh_f64_accuracy() {
    let xs = inputs64(8, &[(-1.0, 1.0), (-25.0, 25.0), (-1e-4, 1e-4), (-0.6, 0.6), (18.0, 20.0)], &[0.0, 19.06]);
    check64("tanh", tanh_f64, f64::tanh, &xs, F64_TOL);
}

#[test]
fn sin_cos_f64_accuracy() {
    let pts = half_pi_multiples();
    let xs = inputs64(9, &[(-4.0, 4.0), (-100.0, 100.0), (-1e6, 1e6), (-16777216.0, 16777216.0), (-1e-3, 1e-3)], &pts);
    check64("sin", sin_f64, f64::sin, &xs, F64_TOL);
    check64("cos", cos_f64, f64::cos, &xs, F64_TOL);
    // The fast path alone, where it is claimed correct.
    let fast: Vec<f64> = xs.iter().copied().filter(|&x| !sin_f64_needs_slow(x)).collect();
    check64("sin_fast", sin_f64_fast, f64::sin, &fast, F64_TOL);
    let fast: Vec<f64> = xs.iter().copied().filter(|&x| !cos_f64_needs_slow(x)).collect();
    check64("cos_fast", cos_f64_fast, f64::cos, &fast, F64_TOL);
}

#[test]
fn exp_f32_accuracy() {
    let xs = inputs32(11, &[(-1.0, 1.0), (-104.0, 89.0), (-104.0, -87.0), (80.0, 88.8)], &[88.72284, -103.97208, -87.33655]);
    check32("exp32", exp_f32, f64::exp, &xs, F32_TOL);
}

#[test]
fn log_f32_accuracy() {
    let xs = inputs32(12, &[(0.0, 2.0), (0.5, 1.5), (0.999, 1.001), (0.0, 1e-30)], &[1.0, 2.0]);
    check32("log32", log_f32, f64::ln, &xs, F32_TOL);
}

#[test]
fn tanh_f32_accuracy() {
    let xs = inputs32(13, &[(-1.0, 1.0), (-12.0, 12.0), (-1e-3, 1e-3), (-0.6, 0.6)], &[0.0, 9.0]);
    check32("tanh32", tanh_f32, f64::tanh, &xs, F32_TOL);
}

#[test]
fn sin_cos_f32_accuracy() {
    let pts: Vec<f32> = half_pi_multiples().iter().map(|&x| x as f32).collect();
    let xs = inputs32(14, &[(-4.0, 4.0), (-100.0, 100.0), (-1048576.0, 1048576.0), (-1e-3, 1e-3)], &pts);
    check32("sin32", sin_f32, f64::sin, &xs, F32_TOL);
    check32("cos32", cos_f32, f64::cos, &xs, F32_TOL);
    let fast: Vec<f32> = xs.iter().copied().filter(|&x| !sin_f32_needs_slow(x)).collect();
    check32("sin32_fast", sin_f32_fast, f64::sin, &fast, F32_TOL);
    let fast: Vec<f32> = xs.iter().copied().filter(|&x| !cos_f32_needs_slow(x)).collect();
    check32("cos32_fast", cos_f32_fast, f64::cos, &fast, F32_TOL);
}

#[test]
fn nice_to_have_f32_accuracy() {
    let xs = inputs32(15, &[(-1.0, 1.0), (-150.0, 130.0), (-1e-3, 1e-3), (0.0, 100.0)], &[0.0, 128.0, -149.0, -1.0]);
    check32("expm1_32", expm1_f32, f64::exp_m1, &xs, F32_TOL);
    check32("exp2_32", exp2_f32, f64::exp2, &xs, F32_TOL);
    check32("log1p_32", log1p_f32, f64::ln_1p, &xs, F32_TOL);
    check32("log2_32", log2_f32, f64::log2, &xs, F32_TOL);
    check32("log10_32", log10_f32, f64::log10, &xs, F32_TOL);
}

/// Exact special values (C99 Annex F).
#[test]
fn special_values() {
    let inf = f64::INFINITY;
    let same = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits();
    let cases: &[(&str, fn(f64) -> f64, f64, f64)] = &[
        ("exp", exp_f64, -inf, 0.0),
        ("exp", exp_f64, inf, inf),
        ("exp", exp_f64, 1000.0, inf),
        ("exp", exp_f64, -1000.0, 0.0),
        ("exp", exp_f64, 0.0, 1.0),
        ("exp", exp_f64, -0.0, 1.0),
        ("exp", exp_f64, f64::NAN, f64::NAN),
        ("exp", exp_f64, -745.0, 5e-324),
        ("exp2", exp2_f64, -1074.0, 5e-324),
        ("exp2", exp2_f64, 1024.0, inf),
        ("exp2", exp2_f64, -inf, 0.0),
        ("exp2", exp2_f64, 3.0, 8.0),
        ("expm1", expm1_f64, -0.0, -0.0),
        ("expm1", expm1_f64, -inf, -1.0),
        ("expm1", expm1_f64, inf, inf),
        ("expm1", expm1_f64, 5e-324, 5e-324),
        ("log", log_f64, 0.0, -inf),
        ("log", log_f64, -0.0, -inf),
        ("log", log_f64, -1.0, f64::NAN),
        ("log", log_f64, -inf, f64::NAN),
        ("log", log_f64, inf, inf),
        ("log", log_f64, 1.0, 0.0),
        ("log", log_f64, f64::NAN, f64::NAN),
        ("log1p", log1p_f64, -0.0, -0.0),
        ("log1p", log1p_f64, -1.0, -inf),
        ("log1p", log1p_f64, -2.0, f64::NAN),
        ("log1p", log1p_f64, inf, inf),
        ("log2", log2_f64, 8.0, 3.0),
        ("log2", log2_f64, 5e-324, -1074.0),
        ("log2", log2_f64, 0.0, -inf),
        ("log10", log10_f64, 1000.0, 3.0),
        ("log10", log10_f64, -0.0, -inf),
        ("tanh", tanh_f64, -0.0, -0.0),
        ("tanh", tanh_f64, inf, 1.0),
        ("tanh", tanh_f64, -inf, -1.0),
        ("tanh", tanh_f64, -5e-324, -5e-324),
        ("tanh", tanh_f64, f64::NAN, f64::NAN),
        ("sin", sin_f64, -0.0, -0.0),
        ("sin", sin_f64, 0.0, 0.0),
        ("sin", sin_f64, inf, f64::NAN),
        ("sin", sin_f64, -inf, f64::NAN),
        ("sin", sin_f64, f64::NAN, f64::NAN),
        ("sin", sin_f64, -5e-324, -5e-324),
        ("cos", cos_f64, -0.0, 1.0),
        ("cos", cos_f64, inf, f64::NAN),
        ("cos", cos_f64, f64::NAN, f64::NAN),
        ("sin_fast", sin_f64_fast, -0.0, -0.0),
        ("sin_fast", sin_f64_fast, inf, f64::NAN),
        ("cos_fast", cos_f64_fast, -inf, f64::NAN),
    ];
    for &(name, f, x, want) in cases {
        assert!(same(f(x), want), "{name}({x:e}) = {:e}, want {want:e}", f(x));
    }
    let inf = f32::INFINITY;
    let same = |a: f32, b: f32| (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits();
    let cases: &[(&str, fn(f32) -> f32, f32, f32)] = &[
        ("exp32", exp_f32, -inf, 0.0),
        ("exp32", exp_f32, inf, inf),
        ("exp32", exp_f32, 100.0, inf),
        ("exp32", exp_f32, -0.0, 1.0),
        ("exp32", exp_f32, f32::NAN, f32::NAN),
        ("exp32", exp_f32, -103.0, 1e-45),
        ("log32", log_f32, 0.0, -inf),
        ("log32", log_f32, -0.0, -inf),
        ("log32", log_f32, -1.0, f32::NAN),
        ("log32", log_f32, inf, inf),
        ("log32", log_f32, 1.0, 0.0),
        ("log32", log_f32, f32::NAN, f32::NAN),
        ("tanh32", tanh_f32, -0.0, -0.0),
        ("tanh32", tanh_f32, -inf, -1.0),
        ("tanh32", tanh_f32, f32::NAN, f32::NAN),
        ("tanh32", tanh_f32, 1e-45, 1e-45),
        ("sin32", sin_f32, -0.0, -0.0),
        ("sin32", sin_f32, inf, f32::NAN),
        ("sin32", sin_f32, f32::NAN, f32::NAN),
        ("sin32_fast", sin_f32_fast, -inf, f32::NAN),
        ("cos32", cos_f32, -0.0, 1.0),
        ("cos32", cos_f32, -inf, f32::NAN),
        ("cos32_fast", cos_f32_fast, inf, f32::NAN),
    ];
    for &(name, f, x, want) in cases {
        assert!(same(f(x), want), "{name}({x:e}) = {:e}, want {want:e}", f(x));
    }
}

// ---- Tier bit-identity: the same closure in a baseline loop and under pulp's dispatch. ----

fn arch() -> pulp::Arch {
    pulp::Arch::new()
}

#[inline(never)]
fn baseline64(f: impl Fn(f64) -> f64, xs: &[f64], out: &mut [f64]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = f(x);
    }
}
#[inline(never)]
fn baseline32(f: impl Fn(f32) -> f32, xs: &[f32], out: &mut [f32]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = f(x);
    }
}

macro_rules! dispatched {
    ($f:expr, $xs:expr, $out:expr) => {{
        let (xs, out) = ($xs, $out);
        arch().dispatch(
            #[inline(always)]
            || {
                for (o, &x) in out.iter_mut().zip(xs) {
                    *o = $f(x);
                }
            },
        )
    }};
}

/// The same loop compiled for AVX2+FMA (pulp's V3), whatever the best level on this CPU is.
macro_rules! dispatched_v3 {
    ($f:expr, $xs:expr, $out:expr) => {{
        let (xs, out) = ($xs, $out);
        if let Some(v3) = pulp::x86::V3::try_new() {
            v3.vectorize(
                #[inline(always)]
                || {
                    for (o, &x) in out.iter_mut().zip(xs) {
                        *o = $f(x);
                    }
                },
            )
        } else {
            for (o, &x) in out.iter_mut().zip(xs) {
                *o = $f(x);
            }
        }
    }};
}

/// The kernel pattern for a fast/needs_slow/slow triple: `fast` over the slice in one dispatch,
/// a vectorized any-scan of `needs_slow` in a second one, and, only if that finds something, a
/// scalar pass recomputing those elements with `slow`. Keep each dispatched closure a plain
/// loop: a closure that also holds the scalar fix-up (or a `Vec::push`) was not inlined into
/// pulp's target-feature function, so it ran as baseline code with libm `fma` calls (~50x slower).
macro_rules! dispatched_triple {
    ($fast:expr, $needs:expr, $slow:expr, $xs:expr, $out:expr) => {{
        let (xs, out) = ($xs, $out);
        dispatched!($fast, xs, &mut *out);
        let any = arch().dispatch(
            #[inline(always)]
            || xs.iter().fold(false, |a, &v| a | $needs(v)),
        );
        if any {
            for (o, &x) in out.iter_mut().zip(xs) {
                if $needs(x) {
                    *o = $slow(x);
                }
            }
        }
    }};
}

#[test]
fn tiers_bit_identical() {
    let xs = inputs64(21, &[(-800.0, 800.0), (-30.0, 30.0), (0.0, 3.0), (-1e7, 1e7)], &[0.0]);
    let xs = &xs[..xs.len().min(400_000)];
    let (mut a, mut b) = (vec![0.0f64; xs.len()], vec![0.0f64; xs.len()]);
    macro_rules! cmp64 {
        ($name:expr, $f:expr, |$bb:ident| $disp:expr) => {{
            baseline64($f, xs, &mut a);
            let $bb = &mut b;
            $disp;
            let bad = a.iter().zip(&b).position(|(p, q)| p.to_bits() != q.to_bits());
            assert!(bad.is_none(), "{}: tiers differ at x = {:e}", $name, xs[bad.unwrap()]);
        }};
    }
    cmp64!("exp", exp_f64, |o| dispatched!(exp_f64, xs, &mut *o));
    cmp64!("exp2", exp2_f64, |o| dispatched!(exp2_f64, xs, &mut *o));
    cmp64!("expm1", expm1_f64, |o| dispatched!(expm1_f64, xs, &mut *o));
    cmp64!("log", log_f64, |o| dispatched!(log_f64, xs, &mut *o));
    cmp64!("log1p", log1p_f64, |o| dispatched!(log1p_f64, xs, &mut *o));
    cmp64!("log2", log2_f64, |o| dispatched!(log2_f64, xs, &mut *o));
    cmp64!("log10", log10_f64, |o| dispatched!(log10_f64, xs, &mut *o));
    cmp64!("tanh", tanh_f64, |o| dispatched!(tanh_f64, xs, &mut *o));
    cmp64!("sin", sin_f64, |o| dispatched_triple!(sin_f64_fast, sin_f64_needs_slow, sin_f64_slow, xs, &mut *o));
    cmp64!("cos", cos_f64, |o| dispatched_triple!(cos_f64_fast, cos_f64_needs_slow, cos_f64_slow, xs, &mut *o));
    cmp64!("sin_fast", sin_f64_fast, |o| dispatched!(sin_f64_fast, xs, &mut *o));
    cmp64!("cos_fast", cos_f64_fast, |o| dispatched!(cos_f64_fast, xs, &mut *o));
    cmp64!("exp_f64 (avx2)", exp_f64, |o| dispatched_v3!(exp_f64, xs, &mut *o));
    cmp64!("exp2_f64 (avx2)", exp2_f64, |o| dispatched_v3!(exp2_f64, xs, &mut *o));
    cmp64!("expm1_f64 (avx2)", expm1_f64, |o| dispatched_v3!(expm1_f64, xs, &mut *o));
    cmp64!("log_f64 (avx2)", log_f64, |o| dispatched_v3!(log_f64, xs, &mut *o));
    cmp64!("log1p_f64 (avx2)", log1p_f64, |o| dispatched_v3!(log1p_f64, xs, &mut *o));
    cmp64!("log2_f64 (avx2)", log2_f64, |o| dispatched_v3!(log2_f64, xs, &mut *o));
    cmp64!("log10_f64 (avx2)", log10_f64, |o| dispatched_v3!(log10_f64, xs, &mut *o));
    cmp64!("tanh_f64 (avx2)", tanh_f64, |o| dispatched_v3!(tanh_f64, xs, &mut *o));
    cmp64!("sin_f64_fast (avx2)", sin_f64_fast, |o| dispatched_v3!(sin_f64_fast, xs, &mut *o));
    cmp64!("cos_f64_fast (avx2)", cos_f64_fast, |o| dispatched_v3!(cos_f64_fast, xs, &mut *o));

    let xs = inputs32(22, &[(-110.0, 110.0), (-12.0, 12.0), (0.0, 3.0), (-2e6, 2e6)], &[0.0]);
    let xs = &xs[..xs.len().min(400_000)];
    let (mut a, mut b) = (vec![0.0f32; xs.len()], vec![0.0f32; xs.len()]);
    macro_rules! cmp32 {
        ($name:expr, $f:expr, |$bb:ident| $disp:expr) => {{
            baseline32($f, xs, &mut a);
            let $bb = &mut b;
            $disp;
            let bad = a.iter().zip(&b).position(|(p, q)| p.to_bits() != q.to_bits());
            assert!(bad.is_none(), "{}: tiers differ at x = {:e}", $name, xs[bad.unwrap()]);
        }};
    }
    cmp32!("exp32", exp_f32, |o| dispatched!(exp_f32, xs, &mut *o));
    cmp32!("expm1_f32", expm1_f32, |o| dispatched!(expm1_f32, xs, &mut *o));
    cmp32!("exp2_f32", exp2_f32, |o| dispatched!(exp2_f32, xs, &mut *o));
    cmp32!("log1p_f32", log1p_f32, |o| dispatched!(log1p_f32, xs, &mut *o));
    cmp32!("log2_f32", log2_f32, |o| dispatched!(log2_f32, xs, &mut *o));
    cmp32!("log10_f32", log10_f32, |o| dispatched!(log10_f32, xs, &mut *o));
    cmp32!("log32", log_f32, |o| dispatched!(log_f32, xs, &mut *o));
    cmp32!("tanh32", tanh_f32, |o| dispatched!(tanh_f32, xs, &mut *o));
    cmp32!("sin32", sin_f32, |o| dispatched_triple!(sin_f32_fast, sin_f32_needs_slow, sin_f32_slow, xs, &mut *o));
    cmp32!("cos32", cos_f32, |o| dispatched_triple!(cos_f32_fast, cos_f32_needs_slow, cos_f32_slow, xs, &mut *o));
    cmp32!("sin32_fast", sin_f32_fast, |o| dispatched!(sin_f32_fast, xs, &mut *o));
    cmp32!("cos32_fast", cos_f32_fast, |o| dispatched!(cos_f32_fast, xs, &mut *o));
    cmp32!("exp_f32 (avx2)", exp_f32, |o| dispatched_v3!(exp_f32, xs, &mut *o));
    cmp32!("log_f32 (avx2)", log_f32, |o| dispatched_v3!(log_f32, xs, &mut *o));
    cmp32!("tanh_f32 (avx2)", tanh_f32, |o| dispatched_v3!(tanh_f32, xs, &mut *o));
    cmp32!("sin_f32_fast (avx2)", sin_f32_fast, |o| dispatched_v3!(sin_f32_fast, xs, &mut *o));
    cmp32!("cos_f32_fast (avx2)", cos_f32_fast, |o| dispatched_v3!(cos_f32_fast, xs, &mut *o));
}

// ---- Speed (ignored): `cargo test --release -p arrpy-core vmath::tests::speed -- --ignored --nocapture` ----

fn best_ns(n: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut best = f64::INFINITY;
    for _ in 0..7 {
        let t = std::time::Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best * 1e9 / n as f64
}

#[test]
#[ignore]
fn speed() {
    const M: usize = 1_000_000;
    let mut rng = Rng(5);
    let gen64 = |rng: &mut Rng, lo: f64, hi: f64| -> Vec<f64> { (0..M).map(|_| lo + (hi - lo) * rng.unit()).collect() };
    let mut out = vec![0.0f64; M];
    println!("f64, {M} elements, ns/element: ours (pulp dispatch) vs std loop");
    macro_rules! t64 {
        ($name:expr, $lo:expr, $hi:expr, |$xs:ident, $o:ident| $ours:expr, $std:expr) => {{
            let xs = gen64(&mut rng, $lo, $hi);
            let o = best_ns(M, || {
                let $xs: &[f64] = &xs[..];
                let $o: &mut [f64] = &mut out[..];
                $ours
            });
            let s = best_ns(M, || {
                for (o, &x) in out.iter_mut().zip(&xs) {
                    *o = $std(x);
                }
                std::hint::black_box(&mut out);
            });
            println!("  {:>8}: ours {:6.3}  std {:6.3}", $name, o, s);
        }};
    }
    t64!("copy", -50.0, 50.0, |xs, out| dispatched!(|x: f64| x, xs, out), |x: f64| x);
    t64!("exp", -50.0, 50.0, |xs, out| dispatched!(exp_f64, xs, out), f64::exp);
    t64!("exp2", -50.0, 50.0, |xs, out| dispatched!(exp2_f64, xs, out), f64::exp2);
    t64!("expm1", -5.0, 5.0, |xs, out| dispatched!(expm1_f64, xs, out), f64::exp_m1);
    t64!("log", 1e-3, 1e3, |xs, out| dispatched!(log_f64, xs, out), f64::ln);
    t64!("log1p", -0.5, 1e3, |xs, out| dispatched!(log1p_f64, xs, out), f64::ln_1p);
    t64!("log2", 1e-3, 1e3, |xs, out| dispatched!(log2_f64, xs, out), f64::log2);
    t64!("log10", 1e-3, 1e3, |xs, out| dispatched!(log10_f64, xs, out), f64::log10);
    t64!("tanh", -5.0, 5.0, |xs, out| dispatched!(tanh_f64, xs, out), f64::tanh);
    t64!("sin", -100.0, 100.0, |xs, out| dispatched_triple!(sin_f64_fast, sin_f64_needs_slow, sin_f64_slow, xs, out), f64::sin);
    t64!("sin_fast", -100.0, 100.0, |xs, out| dispatched!(sin_f64_fast, xs, out), f64::sin);
    t64!("cos_fast", -100.0, 100.0, |xs, out| dispatched!(cos_f64_fast, xs, out), f64::cos);
    t64!("cos", -100.0, 100.0, |xs, out| dispatched_triple!(cos_f64_fast, cos_f64_needs_slow, cos_f64_slow, xs, out), f64::cos);

    let gen32 = |rng: &mut Rng, lo: f64, hi: f64| -> Vec<f32> { (0..M).map(|_| (lo + (hi - lo) * rng.unit()) as f32).collect() };
    let mut out = vec![0.0f32; M];
    println!("f32, ns/element: ours (pulp dispatch) vs std f32 loop");
    macro_rules! t32 {
        ($name:expr, $lo:expr, $hi:expr, |$xs:ident, $o:ident| $ours:expr, $std:expr) => {{
            let xs = gen32(&mut rng, $lo, $hi);
            let o = best_ns(M, || {
                let $xs: &[f32] = &xs[..];
                let $o: &mut [f32] = &mut out[..];
                $ours
            });
            let s = best_ns(M, || {
                for (o, &x) in out.iter_mut().zip(&xs) {
                    *o = $std(x);
                }
                std::hint::black_box(&mut out);
            });
            println!("  {:>8}: ours {:6.3}  std {:6.3}", $name, o, s);
        }};
    }
    t32!("copy32", -50.0, 50.0, |xs, out| dispatched!(|x: f32| x, xs, out), |x: f32| x);
    t32!("exp32", -50.0, 50.0, |xs, out| dispatched!(exp_f32, xs, out), f32::exp);
    t32!("log32", 1e-3, 1e3, |xs, out| dispatched!(log_f32, xs, out), f32::ln);
    t32!("tanh32", -5.0, 5.0, |xs, out| dispatched!(tanh_f32, xs, out), f32::tanh);
    t32!("sin32", -100.0, 100.0, |xs, out| dispatched_triple!(sin_f32_fast, sin_f32_needs_slow, sin_f32_slow, xs, out), f32::sin);
    t32!("sin32_fast", -100.0, 100.0, |xs, out| dispatched!(sin_f32_fast, xs, out), f32::sin);
    t32!("cos32_fast", -100.0, 100.0, |xs, out| dispatched!(cos_f32_fast, xs, out), f32::cos);
    t32!("cos32", -100.0, 100.0, |xs, out| dispatched_triple!(cos_f32_fast, cos_f32_needs_slow, cos_f32_slow, xs, out), f32::cos);
}


/// Exhaustive f32 check over all 2^32 inputs, ours evaluated vectorized in blocks (the
/// reference, std's f64 function, dominates: minutes per function in --release): `cargo test
/// --release -p arrpy-core vmath::tests::exhaustive_f32 -- --ignored --nocapture`.
/// Set VMATH_EXHAUSTIVE to a comma-separated subset of names to restrict it.
#[test]
#[ignore]
fn exhaustive_f32() {
    let only = std::env::var("VMATH_EXHAUSTIVE").ok();
    let want = |n: &str| only.as_deref().map_or(true, |o| o.split(',').any(|p| p == n));
    const B: usize = 1 << 16;
    let mut xs = vec![0.0f32; B];
    let mut out = vec![0.0f32; B];
    macro_rules! exh {
        ($name:expr, $f:expr, $r:expr) => {
            if want($name) {
                let t = std::time::Instant::now();
                let mut worst = (0u64, 0u32);
                for blk in 0..(1u64 << 32) / B as u64 {
                    for (i, x) in xs.iter_mut().enumerate() {
                        *x = f32::from_bits((blk * B as u64 + i as u64) as u32);
                    }
                    dispatched!($f, &xs[..], &mut out[..]);
                    for (&x, &y) in xs.iter().zip(&out) {
                        let u = ulp32(y, $r(x as f64) as f32);
                        if u > worst.0 {
                            worst = (u, x.to_bits());
                        }
                    }
                }
                println!("{}: exhaustive max {} ulp at {:e} ({:.0?})", $name, worst.0, f32::from_bits(worst.1), t.elapsed());
                assert!(worst.0 <= F32_TOL);
            }
        };
    }
    exh!("exp32", exp_f32, f64::exp);
    exh!("log32", log_f32, f64::ln);
    exh!("tanh32", tanh_f32, f64::tanh);
    exh!("sin32", sin_f32, f64::sin);
    exh!("cos32", cos_f32, f64::cos);
}

/// sin/cos next to multiples of pi/2 (where the reduction cancels most bits), against
/// correctly rounded values, not against glibc: within 2 ULP of exact.
#[test]
fn sin_cos_f64_vs_exact() {
    let mut worst = 0;
    for &(x, s, c) in TRIG_EXACT.iter() {
        for (name, got, want) in [("sin", sin_f64(x), s), ("cos", cos_f64(x), c), ("sin", sin_f64(-x), -s), ("cos", cos_f64(-x), c)] {
            let u = ulp64(got, want);
            assert!(u <= 2, "{name}({x:e}) = {got:e}, exact {want:e}: {u} ulp");
            worst = worst.max(u);
        }
    }
    println!("sin/cos vs exact near k*pi/2: max {worst} ulp");
}

/// (x, sin x, cos x), correctly rounded (mpmath, 300 bits): nearest doubles to k*pi/2.
pub(super) const TRIG_EXACT: [(f64, f64, f64); 58] = [
    (1.5707963267948966, 1.0, 6.123233995736766e-17),
    (3.141592653589793, 1.2246467991473532e-16, -1.0),
    (4.71238898038469, -1.0, -1.8369701987210297e-16),
    (6.283185307179586, -2.4492935982947064e-16, 1.0),
    (7.853981633974483, 1.0, 3.061616997868383e-16),
    (9.42477796076938, 3.6739403974420594e-16, -1.0),
    (10.995574287564276, -1.0, -4.286263797015736e-16),
    (12.566370614359172, -4.898587196589413e-16, 1.0),
    (14.137166941154069, 1.0, 5.51091059616309e-16),
    (15.707963267948966, 6.123233995736766e-16, -1.0),
    (17.278759594743864, -1.0, 1.1028010998692062e-15),
    (18.84955592153876, -7.347880794884119e-16, 1.0),
    (157.07963267948966, 9.82193361864236e-16, 1.0),
    (557.6326960121883, -1.0, -3.7724692239467775e-14),
    (1115.2653920243765, 7.544938447893555e-14, -1.0),
    (1570.7963267948967, 6.666535247945037e-14, 1.0),
    (163351.82241238168, 1.0, 7.865203544800947e-12),
    (163909.4551083939, 1.3470197254623399e-11, 1.0),
    (327261.27752077556, 1.0, -5.604993709822454e-12),
    (491170.7326291694, 1.0, 1.002863949228785e-11),
    (1309602.7427791145, -1.0, 1.0196303655218157e-10),
    (1800773.4754082838, -8.26885856805085e-11, 1.0),
    (6711923.169003966, -1.0, 3.1955856681839533e-10),
    (8512696.64441225, -1.0, -4.616219498237221e-10),
    (9688593.203854583, -6.01204741393535e-10, -1.0),
    (16777215.32317254, -1.0, -4.1272035615646103e-10),
    (8534156.863828922, 1.0, -2.4643408307080645e-11),
    (3975418.467742328, 1.444703740134493e-10, -1.0),
    (10405017.700542467, -2.866748260596761e-10, 1.0),
    (1272520.9538924673, 2.0653412324415677e-11, 1.0),
    (1908957.360027302, 9.313153898884186e-11, 1.0),
    (14122415.59284914, 1.0, -4.252243506729125e-10),
    (2480665.961923899, 1.0, 2.028184030155448e-10),
    (9637215.597597776, -8.568641800078587e-10, -1.0),
    (15358556.903813036, 1.0, 2.4547105118111328e-11),
    (1528480.6445473689, 1.0, 3.374569172217949e-11),
    (13372753.045886274, -1.0, 1.3977297624516944e-10),
    (5658068.059375636, -4.510402257714112e-10, -1.0),
    (988145.557685846, 1.0, 3.765190231135245e-12),
    (2265019.188199862, -4.301145144557485e-11, 1.0),
    (11428121.330481134, 9.282044643540476e-10, 1.0),
    (11020337.891656198, 1.0, 2.723041911963063e-10),
    (1840941.879077083, 2.5716280135692395e-11, 1.0),
    (6342335.213661375, 3.5153923860213113e-10, 1.0),
    (2390613.779305075, 1.2604062272222398e-10, 1.0),
    (14522073.302275565, -1.0, 2.7578941314139296e-10),
    (11187605.709311279, -1.0, -7.043011210358334e-10),
    (1557774.425245767, -6.735415697531577e-11, -1.0),
    (14901734.774461892, -1.0, 7.435120230010236e-10),
    (3262627.2229583203, 1.0, 1.2153932972669577e-10),
    (1e-05, 9.999999999833334e-06, 0.99999999995),
    (0.1, 0.09983341664682815, 0.9950041652780258),
    (0.785398, 0.7071066656470943, 0.7071068967259818),
    (1.5707963267948966, 1.0, 6.123233995736766e-17),
    (3.141592653589793, 1.2246467991473532e-16, -1.0),
    (16777215.0, -0.9482326677687481, -0.31757645973239707),
    (-16777215.5, 0.9844067191038611, 0.17590739433910058),
    (1000000.5, 0.141954699000744, 0.9898731552232378),
];
