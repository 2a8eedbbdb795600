//! Accuracy, special-value, tier bit-identity and (ignored) speed tests for vmath.

use arrpy_core::vmath::*;

/// Samples per function: dense under --release, bounded in the (opt-level 1) debug build.
const N: usize = if cfg!(debug_assertions) {
    150_000
} else {
    3_000_000
};

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
        return if want.is_nan() && got.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    if want == 0.0 && got == 0.0 && got.to_bits() != want.to_bits() {
        return u64::MAX;
    }
    (key64(got) - key64(want)).unsigned_abs() as u64
}
fn ulp32(got: f32, want: f32) -> u64 {
    if want.is_nan() || got.is_nan() {
        return if want.is_nan() && got.is_nan() {
            0
        } else {
            u64::MAX
        };
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

fn check64(
    name: &str,
    f: impl Fn(f64) -> f64,
    reference: impl Fn(f64) -> f64,
    xs: &[f64],
    tol: u64,
) {
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

fn check32(
    name: &str,
    f: impl Fn(f32) -> f32,
    reference: impl Fn(f64) -> f64,
    xs: &[f32],
    tol: u64,
) {
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
    let xs = inputs64(
        1,
        &[
            (-1.0, 1.0),
            (-745.2, 709.8),
            (-745.2, -708.0),
            (700.0, 709.8),
            (-1e-6, 1e-6),
        ],
        &[
            709.782712893384,
            -745.1332191019411,
            -708.3964185322641,
            0.0,
            1e-300,
        ],
    );
    check64("exp", exp_f64, f64::exp, &xs, F64_TOL);
}

#[test]
fn exp2_f64_accuracy() {
    let xs = inputs64(
        2,
        &[
            (-1.0, 1.0),
            (-1080.0, 1024.1),
            (-1075.0, -1020.0),
            (1000.0, 1024.0),
        ],
        &[1024.0, -1074.0, -1075.0, -1022.0, 0.5, -0.5],
    );
    check64("exp2", exp2_f64, f64::exp2, &xs, F64_TOL);
}

#[test]
fn expm1_f64_accuracy() {
    let xs = inputs64(
        3,
        &[
            (-1.0, 1.0),
            (-50.0, 710.0),
            (-1e-5, 1e-5),
            (-0.4, 0.4),
            (700.0, 709.8),
        ],
        &[709.782712893384, 0.34657359027997264, -0.34657359027997264],
    );
    check64("expm1", expm1_f64, f64::exp_m1, &xs, F64_TOL);
}

#[test]
fn log_f64_accuracy() {
    let xs = inputs64(
        4,
        &[
            (0.0, 2.0),
            (0.5, 1.5),
            (0.999, 1.001),
            (0.0, 1e300),
            (0.0, 1e-300),
        ],
        &[1.0, 2.0, 0.5],
    );
    check64("log", log_f64, f64::ln, &xs, F64_TOL);
}

#[test]
fn log1p_f64_accuracy() {
    let xs = inputs64(
        5,
        &[
            (-1.0, 1.0),
            (-1e-3, 1e-3),
            (-1.0, -0.99),
            (0.0, 1e10),
            (-1e-300, 1e-300),
        ],
        &[-1.0, 1.0, 1e-300],
    );
    check64("log1p", log1p_f64, f64::ln_1p, &xs, F64_TOL);
}

#[test]
fn log2_f64_accuracy() {
    let xs = inputs64(
        6,
        &[(0.0, 2.0), (0.5, 1.5), (0.999, 1.001), (0.0, 1e300)],
        &[1.0, 2.0, 0.5, 1024.0],
    );
    check64("log2", log2_f64, f64::log2, &xs, F64_TOL);
}

#[test]
fn log10_f64_accuracy() {
    let xs = inputs64(
        7,
        &[(0.0, 2.0), (0.5, 1.5), (0.999, 1.001), (0.0, 1e300)],
        &[1.0, 10.0, 0.1, 1e22, 1e-5],
    );
    check64("log10", log10_f64, f64::log10, &xs, F64_TOL);
}

#[test]
fn tanh_f64_accuracy() {
    let xs = inputs64(
        8,
        &[
            (-1.0, 1.0),
            (-25.0, 25.0),
            (-1e-4, 1e-4),
            (-0.6, 0.6),
            (18.0, 20.0),
        ],
        &[0.0, 19.06],
    );
    check64("tanh", tanh_f64, f64::tanh, &xs, F64_TOL);
}

#[test]
fn sin_cos_f64_accuracy() {
    let pts = half_pi_multiples();
    let xs = inputs64(
        9,
        &[
            (-4.0, 4.0),
            (-100.0, 100.0),
            (-1e6, 1e6),
            (-16777216.0, 16777216.0),
            (-1e-3, 1e-3),
        ],
        &pts,
    );
    // glibc is the reference up to 2^24 only: past that it is up to 8 (cos) / 14 (tan) ULP off
    // (e.g. cos(5.319372648326541e255)); huge arguments are checked against exact mpmath
    // references in `trig_huge_f64_exact`, and against glibc here with its own error allowed.
    let (small, huge): (Vec<f64>, Vec<f64>) = xs.iter().partition(|&&x| !(x.abs() > 16777216.0));
    check64("sin", sin_f64, f64::sin, &small, F64_TOL);
    check64("cos", cos_f64, f64::cos, &small, F64_TOL);
    check64("sin_huge", sin_f64, f64::sin, &huge, F64_TOL + 16);
    check64("cos_huge", cos_f64, f64::cos, &huge, F64_TOL + 16);
    // The fast path alone, where it is claimed correct.
    let fast: Vec<f64> = xs
        .iter()
        .copied()
        .filter(|&x| !sin_f64_needs_slow(x))
        .collect();
    check64("sin_fast", sin_f64_fast, f64::sin, &fast, F64_TOL);
    let fast: Vec<f64> = xs
        .iter()
        .copied()
        .filter(|&x| !cos_f64_needs_slow(x))
        .collect();
    check64("cos_fast", cos_f64_fast, f64::cos, &fast, F64_TOL);
}

#[test]
fn exp_f32_accuracy() {
    let xs = inputs32(
        11,
        &[(-1.0, 1.0), (-104.0, 89.0), (-104.0, -87.0), (80.0, 88.8)],
        &[88.72284, -103.97208, -87.33655],
    );
    check32("exp32", exp_f32, f64::exp, &xs, F32_TOL);
}

#[test]
fn log_f32_accuracy() {
    let xs = inputs32(
        12,
        &[(0.0, 2.0), (0.5, 1.5), (0.999, 1.001), (0.0, 1e-30)],
        &[1.0, 2.0],
    );
    check32("log32", log_f32, f64::ln, &xs, F32_TOL);
}

#[test]
fn tanh_f32_accuracy() {
    let xs = inputs32(
        13,
        &[(-1.0, 1.0), (-12.0, 12.0), (-1e-3, 1e-3), (-0.6, 0.6)],
        &[0.0, 9.0],
    );
    check32("tanh32", tanh_f32, f64::tanh, &xs, F32_TOL);
}

#[test]
fn sin_cos_f32_accuracy() {
    let pts: Vec<f32> = half_pi_multiples().iter().map(|&x| x as f32).collect();
    let xs = inputs32(
        14,
        &[
            (-4.0, 4.0),
            (-100.0, 100.0),
            (-1048576.0, 1048576.0),
            (-1e-3, 1e-3),
        ],
        &pts,
    );
    check32("sin32", sin_f32, f64::sin, &xs, F32_TOL);
    check32("cos32", cos_f32, f64::cos, &xs, F32_TOL);
    let fast: Vec<f32> = xs
        .iter()
        .copied()
        .filter(|&x| !sin_f32_needs_slow(x))
        .collect();
    check32("sin32_fast", sin_f32_fast, f64::sin, &fast, F32_TOL);
    let fast: Vec<f32> = xs
        .iter()
        .copied()
        .filter(|&x| !cos_f32_needs_slow(x))
        .collect();
    check32("cos32_fast", cos_f32_fast, f64::cos, &fast, F32_TOL);
}

#[test]
fn nice_to_have_f32_accuracy() {
    let xs = inputs32(
        15,
        &[(-1.0, 1.0), (-150.0, 130.0), (-1e-3, 1e-3), (0.0, 100.0)],
        &[0.0, 128.0, -149.0, -1.0],
    );
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
        assert!(
            same(f(x), want),
            "{name}({x:e}) = {:e}, want {want:e}",
            f(x)
        );
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
        assert!(
            same(f(x), want),
            "{name}({x:e}) = {:e}, want {want:e}",
            f(x)
        );
    }
}

// ---- Tier bit-identity: the same closure in a baseline loop and under pulp's dispatch. ----

fn arch() -> pulp::Arch {
    arrpy_core::kernels::cpu::arch()
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
    let xs = inputs64(
        21,
        &[(-800.0, 800.0), (-30.0, 30.0), (0.0, 3.0), (-1e7, 1e7)],
        &[0.0],
    );
    let xs = &xs[..xs.len().min(400_000)];
    let (mut a, mut b) = (vec![0.0f64; xs.len()], vec![0.0f64; xs.len()]);
    macro_rules! cmp64 {
        ($name:expr, $f:expr, |$bb:ident| $disp:expr) => {{
            baseline64($f, xs, &mut a);
            let $bb = &mut b;
            $disp;
            let bad = a
                .iter()
                .zip(&b)
                .position(|(p, q)| p.to_bits() != q.to_bits());
            assert!(
                bad.is_none(),
                "{}: tiers differ at x = {:e}",
                $name,
                xs[bad.unwrap()]
            );
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
    cmp64!("sin", sin_f64, |o| dispatched_triple!(
        sin_f64_fast,
        sin_f64_needs_slow,
        sin_f64_slow,
        xs,
        &mut *o
    ));
    cmp64!("cos", cos_f64, |o| dispatched_triple!(
        cos_f64_fast,
        cos_f64_needs_slow,
        cos_f64_slow,
        xs,
        &mut *o
    ));
    cmp64!("sin_fast", sin_f64_fast, |o| dispatched!(
        sin_f64_fast,
        xs,
        &mut *o
    ));
    cmp64!("cos_fast", cos_f64_fast, |o| dispatched!(
        cos_f64_fast,
        xs,
        &mut *o
    ));
    cmp64!("exp_f64 (avx2)", exp_f64, |o| dispatched_v3!(
        exp_f64, xs, &mut *o
    ));
    cmp64!("exp2_f64 (avx2)", exp2_f64, |o| dispatched_v3!(
        exp2_f64, xs, &mut *o
    ));
    cmp64!("expm1_f64 (avx2)", expm1_f64, |o| dispatched_v3!(
        expm1_f64, xs, &mut *o
    ));
    cmp64!("log_f64 (avx2)", log_f64, |o| dispatched_v3!(
        log_f64, xs, &mut *o
    ));
    cmp64!("log1p_f64 (avx2)", log1p_f64, |o| dispatched_v3!(
        log1p_f64, xs, &mut *o
    ));
    cmp64!("log2_f64 (avx2)", log2_f64, |o| dispatched_v3!(
        log2_f64, xs, &mut *o
    ));
    cmp64!("log10_f64 (avx2)", log10_f64, |o| dispatched_v3!(
        log10_f64, xs, &mut *o
    ));
    cmp64!("tanh_f64 (avx2)", tanh_f64, |o| dispatched_v3!(
        tanh_f64, xs, &mut *o
    ));
    cmp64!("sin_f64_fast (avx2)", sin_f64_fast, |o| dispatched_v3!(
        sin_f64_fast,
        xs,
        &mut *o
    ));
    cmp64!("cos_f64_fast (avx2)", cos_f64_fast, |o| dispatched_v3!(
        cos_f64_fast,
        xs,
        &mut *o
    ));

    let xs = inputs32(
        22,
        &[(-110.0, 110.0), (-12.0, 12.0), (0.0, 3.0), (-2e6, 2e6)],
        &[0.0],
    );
    let xs = &xs[..xs.len().min(400_000)];
    let (mut a, mut b) = (vec![0.0f32; xs.len()], vec![0.0f32; xs.len()]);
    macro_rules! cmp32 {
        ($name:expr, $f:expr, |$bb:ident| $disp:expr) => {{
            baseline32($f, xs, &mut a);
            let $bb = &mut b;
            $disp;
            let bad = a
                .iter()
                .zip(&b)
                .position(|(p, q)| p.to_bits() != q.to_bits());
            assert!(
                bad.is_none(),
                "{}: tiers differ at x = {:e}",
                $name,
                xs[bad.unwrap()]
            );
        }};
    }
    cmp32!("exp32", exp_f32, |o| dispatched!(exp_f32, xs, &mut *o));
    cmp32!("expm1_f32", expm1_f32, |o| dispatched!(
        expm1_f32, xs, &mut *o
    ));
    cmp32!("exp2_f32", exp2_f32, |o| dispatched!(exp2_f32, xs, &mut *o));
    cmp32!("log1p_f32", log1p_f32, |o| dispatched!(
        log1p_f32, xs, &mut *o
    ));
    cmp32!("log2_f32", log2_f32, |o| dispatched!(log2_f32, xs, &mut *o));
    cmp32!("log10_f32", log10_f32, |o| dispatched!(
        log10_f32, xs, &mut *o
    ));
    cmp32!("log32", log_f32, |o| dispatched!(log_f32, xs, &mut *o));
    cmp32!("tanh32", tanh_f32, |o| dispatched!(tanh_f32, xs, &mut *o));
    cmp32!("sin32", sin_f32, |o| dispatched_triple!(
        sin_f32_fast,
        sin_f32_needs_slow,
        sin_f32_slow,
        xs,
        &mut *o
    ));
    cmp32!("cos32", cos_f32, |o| dispatched_triple!(
        cos_f32_fast,
        cos_f32_needs_slow,
        cos_f32_slow,
        xs,
        &mut *o
    ));
    cmp32!("sin32_fast", sin_f32_fast, |o| dispatched!(
        sin_f32_fast,
        xs,
        &mut *o
    ));
    cmp32!("cos32_fast", cos_f32_fast, |o| dispatched!(
        cos_f32_fast,
        xs,
        &mut *o
    ));
    cmp32!("exp_f32 (avx2)", exp_f32, |o| dispatched_v3!(
        exp_f32, xs, &mut *o
    ));
    cmp32!("log_f32 (avx2)", log_f32, |o| dispatched_v3!(
        log_f32, xs, &mut *o
    ));
    cmp32!("tanh_f32 (avx2)", tanh_f32, |o| dispatched_v3!(
        tanh_f32, xs, &mut *o
    ));
    cmp32!("sin_f32_fast (avx2)", sin_f32_fast, |o| dispatched_v3!(
        sin_f32_fast,
        xs,
        &mut *o
    ));
    cmp32!("cos_f32_fast (avx2)", cos_f32_fast, |o| dispatched_v3!(
        cos_f32_fast,
        xs,
        &mut *o
    ));
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
    let gen64 = |rng: &mut Rng, lo: f64, hi: f64| -> Vec<f64> {
        (0..M).map(|_| lo + (hi - lo) * rng.unit()).collect()
    };
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
    t64!(
        "copy",
        -50.0,
        50.0,
        |xs, out| dispatched!(|x: f64| x, xs, out),
        |x: f64| x
    );
    t64!(
        "exp",
        -50.0,
        50.0,
        |xs, out| dispatched!(exp_f64, xs, out),
        f64::exp
    );
    t64!(
        "exp2",
        -50.0,
        50.0,
        |xs, out| dispatched!(exp2_f64, xs, out),
        f64::exp2
    );
    t64!(
        "expm1",
        -5.0,
        5.0,
        |xs, out| dispatched!(expm1_f64, xs, out),
        f64::exp_m1
    );
    t64!(
        "log",
        1e-3,
        1e3,
        |xs, out| dispatched!(log_f64, xs, out),
        f64::ln
    );
    t64!(
        "log1p",
        -0.5,
        1e3,
        |xs, out| dispatched!(log1p_f64, xs, out),
        f64::ln_1p
    );
    t64!(
        "log2",
        1e-3,
        1e3,
        |xs, out| dispatched!(log2_f64, xs, out),
        f64::log2
    );
    t64!(
        "log10",
        1e-3,
        1e3,
        |xs, out| dispatched!(log10_f64, xs, out),
        f64::log10
    );
    t64!(
        "tanh",
        -5.0,
        5.0,
        |xs, out| dispatched!(tanh_f64, xs, out),
        f64::tanh
    );
    t64!(
        "sin",
        -100.0,
        100.0,
        |xs, out| dispatched_triple!(sin_f64_fast, sin_f64_needs_slow, sin_f64_slow, xs, out),
        f64::sin
    );
    t64!(
        "sin_fast",
        -100.0,
        100.0,
        |xs, out| dispatched!(sin_f64_fast, xs, out),
        f64::sin
    );
    t64!(
        "cos_fast",
        -100.0,
        100.0,
        |xs, out| dispatched!(cos_f64_fast, xs, out),
        f64::cos
    );
    t64!(
        "cos",
        -100.0,
        100.0,
        |xs, out| dispatched_triple!(cos_f64_fast, cos_f64_needs_slow, cos_f64_slow, xs, out),
        f64::cos
    );

    let gen32 = |rng: &mut Rng, lo: f64, hi: f64| -> Vec<f32> {
        (0..M)
            .map(|_| (lo + (hi - lo) * rng.unit()) as f32)
            .collect()
    };
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
    t32!(
        "copy32",
        -50.0,
        50.0,
        |xs, out| dispatched!(|x: f32| x, xs, out),
        |x: f32| x
    );
    t32!(
        "exp32",
        -50.0,
        50.0,
        |xs, out| dispatched!(exp_f32, xs, out),
        f32::exp
    );
    t32!(
        "log32",
        1e-3,
        1e3,
        |xs, out| dispatched!(log_f32, xs, out),
        f32::ln
    );
    t32!(
        "tanh32",
        -5.0,
        5.0,
        |xs, out| dispatched!(tanh_f32, xs, out),
        f32::tanh
    );
    t32!(
        "sin32",
        -100.0,
        100.0,
        |xs, out| dispatched_triple!(sin_f32_fast, sin_f32_needs_slow, sin_f32_slow, xs, out),
        f32::sin
    );
    t32!(
        "sin32_fast",
        -100.0,
        100.0,
        |xs, out| dispatched!(sin_f32_fast, xs, out),
        f32::sin
    );
    t32!(
        "cos32_fast",
        -100.0,
        100.0,
        |xs, out| dispatched!(cos_f32_fast, xs, out),
        f32::cos
    );
    t32!(
        "cos32",
        -100.0,
        100.0,
        |xs, out| dispatched_triple!(cos_f32_fast, cos_f32_needs_slow, cos_f32_slow, xs, out),
        f32::cos
    );
}

/// Exhaustive f32 check over all 2^32 inputs, ours evaluated vectorized in blocks (the
/// reference, std's f64 function, dominates: minutes per function in --release): `cargo test
/// --release -p arrpy-core vmath::tests::exhaustive_f32 -- --ignored --nocapture`.
/// Set VMATH_EXHAUSTIVE to a comma-separated subset of names to restrict it.
#[test]
#[ignore]
fn exhaustive_f32() {
    let only = std::env::var("VMATH_EXHAUSTIVE").ok();
    let want = |n: &str| {
        only.as_deref()
            .map_or(true, |o| o.split(',').any(|p| p == n))
    };
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
                println!(
                    "{}: exhaustive max {} ulp at {:e} ({:.0?})",
                    $name,
                    worst.0,
                    f32::from_bits(worst.1),
                    t.elapsed()
                );
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
        for (name, got, want) in [
            ("sin", sin_f64(x), s),
            ("cos", cos_f64(x), c),
            ("sin", sin_f64(-x), -s),
            ("cos", cos_f64(-x), c),
        ] {
            let u = ulp64(got, want);
            assert!(u <= 2, "{name}({x:e}) = {got:e}, exact {want:e}: {u} ulp");
            worst = worst.max(u);
        }
    }
    println!("sin/cos vs exact near k*pi/2: max {worst} ulp");
}

/// (x, sin x, cos x), correctly rounded (mpmath, 300 bits): nearest doubles to k*pi/2.
const TRIG_EXACT: [(f64, f64, f64); 58] = [
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

/// (x, sin x, cos x, tan x) bit patterns, the results correctly rounded, for huge |x| >= 2^24:
/// log-uniform magnitudes of either sign, known hard cases (5.319372648326541e255, 1e22,
/// 6381956970095103·2^797, 2^1023, f64::MAX) and, from continued fractions of
/// frac(2^(e+1)/pi), the 53-bit m closest to making m·2^e a multiple of pi/2 for e = -28,
/// -21, ..., 971 (and neighbours). Generated with mpmath at mp.prec = 2400 (exact enough for
/// every f64 argument), rounded to nearest with `mpmath.workprec(53)`.
// min log2 |x - k pi/2| = -60.89, 265 rows
#[rustfmt::skip]
const TRIG_HUGE_REF: &[(u64, u64, u64, u64)] = &[
    (0xdb7884556e0de2e5, 0x3fe21edd8ff73b93, 0x3fea60057134be22, 0x3fe5fc2de3d5ebfd),
    (0xf5025b63578abc17, 0xbfeff7da46b824a4, 0x3fa6d4456790fbab, 0xc03667b677cdf097),
    (0xd8753ac7267eb2d8, 0x3f9e4db3dac98eab, 0x3feffc697ec4fc78, 0x3f9e511a0bd39bd2),
    (0xe4d00720ea32f0dd, 0xbfe10f880e67a9bc, 0xbfeb129f72043ba0, 0x3fe42a6cb2819c2b),
    (0xc9333c1736c78aac, 0x3fd62171b27fb7ef, 0xbfee06a5c230dd79, 0xbfd795ea0b310670),
    (0xe490d43180d4cb16, 0x3fe5250a11db156a, 0xbfe804cf756e7100, 0xbfec2bbd4a80320b),
    (0xe40294112e768d87, 0xbf94297043b7b141, 0xbfeffe6975a9d810, 0x3f942a707557d23e),
    (0xfd509fc51b878281, 0xbfee3836d92be903, 0xbfd50cd2a97d2b5c, 0x4006f83b9dc734f5),
    (0xfe98c3becd55d672, 0xbfea27047d2553f3, 0xbfe270c35a481a1d, 0x3ff6b0f97025ce39),
    (0xe0ee7dc9fe19fe91, 0x3fcdd017490f034b, 0xbfef1eb34507d173, 0xbfcea7ed892d87f2),
    (0xee5f1fb77718c62d, 0x3fe5c0110549b1f5, 0x3fe778c902f62d2c, 0x3feda726dd0dff94),
    (0xd6c78a1af57398f3, 0xbfc21dde72852bdf, 0x3fefad880aa9fdcc, 0xbfc24d0872f21cb7),
    (0x56a6daa244b4daac, 0xbfca194110732199, 0xbfef53e8537071e1, 0x3fcaa89f20b74985),
    (0x7e9ba3be8b63461f, 0x3fd4ee96b5c80367, 0xbfee3d7677d3889b, 0xbfd6267293e477de),
    (0x41a5ed13c927272a, 0xbfe0b14f9681c648, 0x3feb4d1c841dad10, 0xbfe390c932da0c04),
    (0x77db102e8ea21c60, 0xbfe3f2720d71258d, 0x3fe905b4e9852989, 0xbfe9826d61f94261),
    (0xcc9d485df94b198a, 0xbfdfa3d476f21727, 0x3febd0e37362a1b9, 0xbfe23318972b0355),
    (0x5b571376c0aa860a, 0x3fb57e38d784143b, 0x3fefe313b4e012a7, 0x3fb591b79d7b14d7),
    (0x6590ea4925477e4f, 0x3fd8217aaf6c5ca5, 0xbfeda364edd0afe3, 0xbfda0dbc30dc68cd),
    (0x4ff891b4e74540e6, 0x3febca4a3f41528c, 0xbfdfbafd6ce07769, 0xbffc06bb03c7b2a2),
    (0x6dc4cfdf26336ca7, 0xbfefea8c45ae5abe, 0xbfb283b0bca14b6c, 0x402b94eaf7a90825),
    (0xf3e1585cdadd0318, 0x3fe67375ed0906ad, 0x3fe6cd6d7236fe2d, 0x3fef81be88c50f25),
    (0xf80224445e5940cd, 0xbfefbc45eef54c22, 0xbfc06cda63517be8, 0x401ee9f4c728d49c),
    (0x738dad0612b2c299, 0x3fdac468a219c1d3, 0x3fed1119eae611a1, 0x3fdd77e6b2449bb6),
    (0x4d0c5fc3873edeb4, 0xbfe42d67e277617a, 0x3fe8d6421748736a, 0xbfe9ff200ea1952d),
    (0x61d2d1f2e7791095, 0x3fd8960e1f499a55, 0x3fed8b67724c36c2, 0x3fdaa127beb05d50),
    (0xc4073e8be8145541, 0xbfef8747712e1563, 0x3fc5e4bcfc75ad9a, 0xc0170a92c19a8d4b),
    (0x7ee37712e391381a, 0x3fee98e70f91d1bf, 0xbfd2bdb550ec4674, 0xc00a1f4509184960),
    (0xcad34e49a193ff27, 0x3fec5b9612581f98, 0xbfdda761e9901e67, 0xbffe99f3dc542f59),
    (0xe3218b31dbaa22d9, 0x3fbcbd0e0f9c15a8, 0xbfefcc37af396ad4, 0xbfbcebdaffbd87c5),
    (0xd5ab0c78749bd63b, 0xbfefe16f8e0892c5, 0x3fb617e4f14c5acf, 0xc027168382e3b3ee),
    (0xede975d5ad163dcd, 0xbfec526b06446d0b, 0x3fddca597c92a366, 0xbffe6c2f7abca797),
    (0x7f9827ea33c53afa, 0x3fef6dfe5e0cd1de, 0xbfc80f06d668d9ab, 0xc014e6e8a381f148),
    (0x72bc44094f24b2e8, 0xbfed51faf2d6a38a, 0xbfd9a344cdba0e90, 0x40024c53a345d626),
    (0x586ae20cf74603e5, 0xbfee60be4887bd02, 0xbfd41e31fad2556d, 0x400828eb45df64c6),
    (0xf1030ae434a44081, 0x3f9283bc6d4a7803, 0xbfeffea92e89edb1, 0xbf928482ceb642d0),
    (0x4547038cf59f060b, 0x3fefd64d5ad8fa87, 0xbfb9cbf185b99e9b, 0xc023bf1b45e9e9f4),
    (0x55cb0ce2d2cd130c, 0x3fec08cf5b2c952a, 0x3fdedbf09a87e3ff, 0x3ffd1222d5b9817d),
    (0x5bbc547345f3ba5c, 0xbfeff64a910dd4fa, 0x3fa8eb6fbef6d2dd, 0xc034858bda5e9300),
    (0x4e08209cf77d0acb, 0xbfeb5aa751a77558, 0x3fe09b153fb7dd9f, 0xbffa5b30e7410ef2),
    (0x6d17812c15e79437, 0x3feb15fb3fc14b89, 0xbfe10a3282e1cd22, 0xbff96ed82b7f1962),
    (0xc670832bf37c3f3e, 0x3fecac3269418c3d, 0x3fdc6ab74b596008, 0x400024de680e831c),
    (0xfde352e275c45fa8, 0x3fe7e0b6c0f9f576, 0x3fe54dc4c94c7dcb, 0x3ff1eee4f61ce42b),
    (0xcba7493d1481a9b8, 0x3fe0d15be922b3e7, 0xbfeb396a47d97f40, 0xbfe3c49c7e7bc3fe),
    (0x6301545a0151e691, 0xbfe3a2d765cf4ade, 0x3fe9445d1e8a78d3, 0xbfe8de5a47b3d092),
    (0xc1a423137b49ac06, 0xbfdcba81b5fe63ca, 0x3fec984ab29e5764, 0xbfe0132505df98fb),
    (0xe070b27607160630, 0xbfe30a9334762fea, 0xbfe9b7df767734e6, 0x3fe7b133b0fb16ef),
    (0x67668b9edfb38ba6, 0x3feffecb32a5a496, 0xbf9192767ffc1a64, 0xc04d21fd6f614f3a),
    (0x476d4a1a0ea4f270, 0x3fe4dae1e48e3361, 0x3fe8454ee62ee9f3, 0x3feb7f1ab47d6723),
    (0x5ad18edcbd71ab5c, 0xbfe899fc3cc022f1, 0xbfe476b9bc11456e, 0x3ff33c33f5e175c5),
    (0xfd1b8989537aa06e, 0x3fed977de06681b7, 0x3fd85ba2d81254c6, 0x4003701c46a472e1),
    (0x50a33b1758f6c36e, 0x3fd907b0eb6505ee, 0xbfed7383034e672e, 0xbfdb323a8dd42b47),
    (0xc3235da6effbe25d, 0x3fee9911e9314788, 0x3fd2bc9d727801d5, 0x400a20efcf60b6bd),
    (0xda1b4e8d93b754b3, 0xbfef36ce2dde2a00, 0x3fcc31a338297e1e, 0xc011b6c59060f624),
    (0x6bee71a2fdb3919e, 0x3fefe9fa74c45bf4, 0xbfb2c21e5a4b1279, 0xc02b38a39d7048ee),
    (0xd0fea7e4ef35b0e2, 0xbfe355fb2497eded, 0x3fe97f5e93bea903, 0xbfe844574972901c),
    (0xecad5f5347758c5c, 0xbfeee386d7644903, 0xbfd0b8221b13dce9, 0x400d8f57679c6ff6),
    (0xc5aa1678177baab9, 0x3fec72ca0a9d2958, 0xbfdd4df55c61973f, 0xbfff10abd80c14b1),
    (0x4da0b570743c4e06, 0x3fa926be5577427e, 0x3feff61c1c9594f9, 0x3fa92e86c05f0c18),
    (0xce0d98d981701a0b, 0x3fefff81ebaaa545, 0xbf8674e91668e7f7, 0xc056cc4ef46a81f5),
    (0xf94ef4f36257a58e, 0x3fc24245e049b65f, 0xbfefac399812159a, 0xbfc272916a43015c),
    (0x53b3badeed891d76, 0x3feee3f91660ee73, 0xbfd0b4d57af03885, 0xc00d959b487d4b3d),
    (0x6cc4c012dc0d7a52, 0xbfcf1e6f1e0e5f75, 0xbfef0a37785c830a, 0x3fd00a6bde030d76),
    (0xf354e85ba9fa5678, 0xbfcdb0d07678bda0, 0x3fef2091a3a51815, 0xbfce85ef15112af3),
    (0xdc1d46fcb1841488, 0x3fc7529296133efe, 0xbfef76ddebba2d36, 0xbfc7b8388ae8ec9a),
    (0x61b9aae361ddaf8f, 0x3fdf41c3969de61c, 0xbfebec8d84642f69, 0xbfe1e8e0283b1b37),
    (0xe8c3741bcd785de8, 0xbfe31a06284db7b2, 0xbfe9ac68182fa0a1, 0x3fe7cf0a138bc4ce),
    (0x58a28dbef2ac457b, 0x3fd3712a47aabeb2, 0xbfee7cdbd9bf5e9e, 0xbfd4680ba1c932c4),
    (0x43a411cc26905922, 0xbfd56ddd5273a2ff, 0xbfee2724e7aca118, 0x3fd6bdea4710e222),
    (0xec4dbe9c669a7405, 0x3fe5e1bc04e9e8b5, 0x3fe7596910505490, 0x3fedfd238062175c),
    (0xdd81f5f161d43805, 0x3fd760d77f79c834, 0x3fedc9e53b3fe31a, 0x3fd91d1fa0fc0c3f),
    (0xef828df0b2738777, 0x3f9d5780560ae3e6, 0xbfeffca2e1c1b4ec, 0xbf9d5a963f2387f7),
    (0xd201786895662d82, 0xbfed60ef933a4239, 0xbfd95e6cb9f591f6, 0x4002876a4da05761),
    (0x5700c5ba5c2ac7c9, 0xbfeffbaca6d387a7, 0x3fa0a2dfaad1262a, 0xc03ec28cd4f73949),
    (0x6bb19b9f80e7e069, 0x3feffe3f4c5df86b, 0xbf952e734c8e1685, 0xc0482abba62c1d6c),
    (0xfbcd46311a134b43, 0xbfe2f5e00bc59937, 0x3fe9c725fe36f955, 0xbfe7897756aa5ae1),
    (0xe715dcd567981f2b, 0x3fd38eedb58e180e, 0x3fee78191e220a8a, 0x3fd48a7e1eff9ad8),
    (0xda3eb3f24410e65f, 0xbfeec602bca23f1a, 0xbfd18c93a88f9d43, 0x400c0e96bc4fa4ec),
    (0x574176b83eac34ae, 0xbfe9fb32dc472560, 0x3fe2ae4d85354b09, 0xbff640b1580e63d0),
    (0x6ec4e4e30c3e6e20, 0x3feff4504f69fa2b, 0xbfab56a26967627f, 0xc032b3960b80ed87),
    (0xc6265c99c2a35bb2, 0x3f8cbcffb7d0ba0c, 0xbfefff318487a176, 0xbf8cbdb92c0e21c7),
    (0xf271c99b22ea3231, 0xbfd34b454d828024, 0xbfee82dff327748c, 0x3fd43c4742572a11),
    (0xcd4a5d9dd0ed0b82, 0xbfebce9b932ae3e3, 0x3fdfabd85b2fc4aa, 0xbffc187eae4314e9),
    (0xf48764d4fad789d1, 0xbfeffccc679f15da, 0x3f9ca032e1cb2249, 0xc041e10556257c47),
    (0xdbf38767a79d319a, 0xbfeb6636df123eaa, 0x3fe087fb1340a38b, 0xbffa84d5ee42ff34),
    (0x4889607a66ec1e83, 0xbfead9d35be3f5d4, 0xbfe1686314321b8c, 0x3ff8adf0dd0d3d11),
    (0xf2e3bbfd11ffb6b3, 0xbf7b1c37dfa72ffb, 0x3fefffd21070b078, 0xbf7b1c5eca81cae3),
    (0xd564539c467cdf26, 0x3fb3a6e15c68eb86, 0xbfefe7d3bae16cd3, 0xbfb3b5c4f4a1fb20),
    (0xc7a8817b6b428977, 0xbfb9b5faf09ee495, 0x3fefd6946b780787, 0xbfb9d76dd5a20800),
    (0x4e531a6d308cd6da, 0xbfef90a022c516c9, 0x3fc508f30f0c251d, 0xc018026f6127f1c4),
    (0x57dda5c9db6022e1, 0xbfef74aaf5ebdcc2, 0xbfc781d8ccafabd8, 0x401568fc1d41f30d),
    (0x53313bb16b65de30, 0x3fe868d4dd32b21f, 0x3fe4b142b09ad130, 0x3ff2dfc8799b5fcf),
    (0x472b58e46cb021f9, 0xbfc70e321fcb9d4a, 0xbfef7a040e2c1eba, 0x3fc770558da0855f),
    (0x63c624cf7ac63380, 0xbfb92008c4a8e7f0, 0xbfefd87333a78c5d, 0x3fb93f3cecccfb4c),
    (0x5b1188f03b7e3f75, 0xbfee44b613fa2756, 0xbfd4c48455ed0dfe, 0x400751d564725c6c),
    (0xf20bf2dab44b0c8f, 0x3fed9f0e307801da, 0xbfd836c0be49fd46, 0xc00392b77d3487f4),
    (0x62a87d6b056d581d, 0x3fd1f04a83cb7b12, 0x3feeb79fb30c84c5, 0x3fd2b00f5e71fc2d),
    (0xf249cca9c603aa6d, 0x3fc20054a10c9e2f, 0x3fefae9573eb9b15, 0x3fc22e971970f3e4),
    (0xdb57f43f705c466e, 0x3feff8a3558dfa81, 0xbfa5b394f3d29689, 0xc037925763d25590),
    (0x6ad76a5bb7cc48bf, 0x3fc6f66157fb966b, 0x3fef7b1a93d50dc4, 0x3fc75750dd4d2897),
    (0x578701da1f1af0b4, 0xbfc9d9e2db723915, 0xbfef5730cd4793c8, 0x3fca6520af0abfa2),
    (0xea903ec7c741d4d6, 0xbfec95f9ef8ca374, 0xbfdcc3b7e0cd6714, 0x3fffcd1ce801d9d4),
    (0xded2d58e25fd9e8b, 0xbfedd57e7389973e, 0x3fd72562d883b687, 0xc0049f844965d00a),
    (0x55029f3532926341, 0x3fc8deee08ec8bbc, 0xbfef63df705adfd8, 0xbfc95aa1a9783676),
    (0x4945fde8e6b343e2, 0xbfdd118446718df7, 0xbfec82467554f624, 0x3fe050642560b436),
    (0xc4fa52b4c70cff89, 0x3fec6fa5311548a0, 0xbfdd5a277e2bd7bf, 0xbfff00560db2d8f6),
    (0xfcf1cfda595aded1, 0xbfec5e823ca4b07a, 0xbfdd9c315d44997e, 0x3ffea8acdad99296),
    (0x4c514bbb796dddbf, 0x3fe16637dd930526, 0x3feadb3b2fb34be5, 0x3fe4bb4e553658c9),
    (0xd4bccbd7c4c346ae, 0x3fe3129b203de8b5, 0x3fe9b1eb5ace8180, 0x3fe7c0b16707abae),
    (0xc775ed89f996ffcf, 0xbfd734b636e58028, 0xbfedd2845a723592, 0x3fd8e682c1bb217a),
    (0xc51da9c2ce3bf4c4, 0xbfe1979c1809b36e, 0x3feabafaa7e17d37, 0xbfe50f72defa154b),
    (0x4f51579d34e0a913, 0x3feffe6443db598e, 0x3f944a4e430754fa, 0x40493a94bd5493f1),
    (0x4b917e427d017948, 0x3feeab26cd55a294, 0x3fd244df3ddf39c1, 0x400adc07ebaab7a4),
    (0x5089cb0f733517ae, 0xbfed44c60733de8c, 0xbfd9df5aef32cc9d, 0x400219a9e6908da9),
    (0x7f58bb6e670211c3, 0xbfeff50a6a331169, 0xbfaa799b74415622, 0x40335027c0753dde),
    (0x79b0d932f63d8988, 0x3fee61497ab43279, 0x3fd41ae8f1a48886, 0x40082d4cb344a151),
    (0x7b9cc43265312d6b, 0x3fe9ac04ea998bb3, 0xbfe31a8b7232a685, 0xbff5804afd405443),
    (0x4b64f46fa32b1902, 0xbfebcb038f550404, 0xbfdfb874164ad1eb, 0x3ffc09b3ace67df8),
    (0xf683667595f43706, 0x3fd32a3b3eb59a0a, 0xbfee88142a1b2629, 0xbfd4163372edacad),
    (0x4d9e36dddadb1577, 0xbfdf7b75c7accb25, 0x3febdc54a250e238, 0xbfe2147012ee1886),
    (0x717079474aa58ca3, 0xbfe635c7ed07b8f8, 0x3fe709857b9c640c, 0xbfeed9e154c187b4),
    (0xc913d16ddb9d86c6, 0xbfd150d6e0580524, 0xbfeece775362a117, 0x3fd1fc930c5cd995),
    (0x502a39f9f02e93f2, 0x3fcefa4fcb054808, 0x3fef0c7980acd1a6, 0x3fcfed47d5255b06),
    (0xcf8401fa849c81d6, 0xbfd3fa8434766ce3, 0x3fee66a0b31f2c3a, 0xbfd5078b413b3e76),
    (0x6c804a68a8461f41, 0xbfd65308ba516545, 0xbfedfd76e5f923fe, 0x3fd7d20cb514259a),
    (0x649236605c36903c, 0x3fed15286611a658, 0x3fdab2c2cbeaf164, 0x40016dcded4e9211),
    (0x777ff2854b3d69b1, 0x3fef19306d1c8d0c, 0x3fce2b8e012d77c6, 0x40107e060f8bdc39),
    (0xc835cb2e833653f3, 0x3feffc57aeefaa4e, 0xbf9e988b56a8400c, 0xc040ba10387051ae),
    (0x7a87f06b629ec58e, 0xbfe7e69314c01200, 0xbfe547315cdf7adb, 0x3ff1f8d7ead47d0f),
    (0xd86f781611385487, 0xbfcb8bb73ac86a08, 0x3fef400f2109d737, 0xbfcc34e750c148c1),
    (0xec3deb7c288b5365, 0x3fe7c898eb838028, 0x3fe568adeb5f52b3, 0x3ff1c6543e7ca43d),
    (0xc8604c9dacc83967, 0xbfefdb370c2cd298, 0xbfb83ba5a4880321, 0x402508893696d047),
    (0x546a4bbb9b36b1d8, 0x3fe30c9978f55eaa, 0xbfe9b65f9fb562da, 0xbfe7b51a5ff9917f),
    (0x4c227f8cab38a5e6, 0x3f7130d118b4353f, 0xbfefffed87a965ad, 0xbf7130db04d5237e),
    (0xfe0b75f4a9468993, 0x3fe5182fac3169fd, 0x3fe8101a08106538, 0x3fec0d6d849b326e),
    (0x6513d29098245865, 0x3fcea1dbef8b50cd, 0xbfef11f526ac92be, 0xbfcf8c8bf296a23a),
    (0x734f6adb57d44b34, 0xbfe13fcc7c96ff92, 0x3feaf3f84df83d93, 0xbfe47aa9f7d10f45),
    (0x61b6dd92eb61d8fb, 0xbfe302ecd863e201, 0x3fe9bd87a2a71c33, 0xbfe7a27c25cb6651),
    (0x42eaff7f18c117ca, 0x3fea665080ee179c, 0xbfe215b131dab03e, 0xbff75b3e4b90fac8),
    (0x7998a733a094abf9, 0x3fef511a4a0474d4, 0x3fca4ee5f5a6a40d, 0x40130bce2729bef6),
    (0x4e088a3d8dedad12, 0x3fe7e1734a583bd6, 0x3fe54cf170f866ed, 0x3ff1f02483e1bfe1),
    (0xc3316e88363e235b, 0xbfea64cbd84c760f, 0xbfe217e8599dbd6d, 0x3ff7570a79438ff3),
    (0x4ee4a39ca8889c53, 0x3fbf5e9df4f2b2cb, 0xbfefc2439f219c67, 0xbfbf9b98a1b61fbf),
    (0xd1157a576a58883a, 0xbfefedc1ffb46d20, 0xbfb1132895e7ea0c, 0x402deb3b13ea3224),
    (0xf30cf6cf274642a2, 0xbfdbb63309af6c08, 0x3fecd83c877cdebb, 0xbfdebe3c5657f0f6),
    (0xe46a1391129f6d33, 0x3fc7477329629d8a, 0xbfef7761b519096e, 0xbfc7ac857bee38fc),
    (0x64a5f5f65985c90d, 0xbfefb508d6f9859d, 0xbfc146e038f78371, 0x401d5d23a092d255),
    (0xf27faa9c60695985, 0x3feedfa5533dda9b, 0xbfd0d4b5f29da293, 0xc00d597633f9bdae),
    (0x497526ef9b8e8f94, 0x3fe8d7a55dcc1217, 0x3fe42bb271eaf4c1, 0x3ff3b4a9a6271bcf),
    (0xd496b2667bddde77, 0x3f44af93829d6ba3, 0xbfefffff95062173, 0xbf44af93c7c48b3c),
    (0x7506ac5b262ca1ff, 0x3ff0000000000000, 0xbc214ae72e6ba22f, 0xc3bd9ba9a7975636),
    (0xf506ac5b262ca1ff, 0xbff0000000000000, 0xbc214ae72e6ba22f, 0x43bd9ba9a7975636),
    (0x4480f0cf064dd592, 0xbfeb453ab76bf397, 0x3fe0be2cef01c8f4, 0xbffa0f79c1b6b257),
    (0xc480f0cf064dd592, 0x3feb453ab76bf397, 0x3fe0be2cef01c8f4, 0x3ffa0f79c1b6b257),
    (0x7fe0000000000000, 0x3fe205248cbdb760, 0xbfea719f26c232bf, 0xbfe5ce6b4c0d02a3),
    (0xffe0000000000000, 0xbfe205248cbdb760, 0xbfea719f26c232bf, 0x3fe5ce6b4c0d02a3),
    (0x7fefffffffffffff, 0x3f7452fc98b34e97, 0xbfefffe62ecfab75, 0xbf74530cfe729484),
    (0xffefffffffffffff, 0xbf7452fc98b34e97, 0xbfefffe62ecfab75, 0x3f74530cfe729484),
    (0x4170000000000001, 0xbfe8f22f82f32986, 0x3fe40ad680ce2f92, 0xbff3ea28248e03c7),
    (0xc170000000000001, 0x3fe8f22f82f32986, 0x3fe40ad680ce2f92, 0x3ff3ea28248e03c7),
    (0x7506ac5b262ca1ff, 0x3ff0000000000000, 0xbc214ae72e6ba22f, 0xc3bd9ba9a7975636),
    (0xf506ac5b262ca1ff, 0xbff0000000000000, 0xbc214ae72e6ba22f, 0x43bd9ba9a7975636),
    (0x74f6ac5b262ca1ff, 0xbfe6a09e667f3bcd, 0xbfe6a09e667f3bcd, 0x3ff0000000000000),
    (0x7e37e43c8800759c, 0xbfea2c16b010e385, 0xbfe2699022adc4c1, 0x3ff6be411f37ac77),
    (0x54b249ad2594c37d, 0xbfd85c5e5b929359, 0x3fed9757496841f5, 0xbfda5807d6f76f7d),
    (0x6974e718d7d7625a, 0xbfe49b644938c64c, 0x3fe87b4df51f679e, 0xbfeaef7845d41e88),
    (0x47ec363cbf21f28a, 0xbf983f2a8b782f80, 0x3feffdb40355df0a, 0xbf9840e8319b93d2),
    (0x43f0000000000000, 0x3f982a353118793d, 0xbfeffdb7fa3fe34d, 0xbf982bee572e2ac9),
    (0x4630000000000000, 0xbfebe8ed97ac1f59, 0x3fdf4eb3ff66e36d, 0xbffc86fbfa8cecc3),
    (0x417b951f1572eba5, 0x3c4f54f5227a4e84, 0xbff0000000000000, 0xbc4f54f5227a4e84),
    (0x425bb23eaa3db16d, 0xbff0000000000000, 0x3ca6b244e2e34da0, 0xc3368f05a4020491),
    (0x4335cba89af1f855, 0x3c9b5ebde2aae00b, 0xbff0000000000000, 0xbc9b5ebde2aae00b),
    (0x43a4d8d546c1ba70, 0xbff0000000000000, 0xbc9defded3db2442, 0x43411a430d03b18c),
    (0x45d66bd5424e5655, 0xbc97a6b2243e72f6, 0x3ff0000000000000, 0xbc97a6b2243e72f6),
    (0x487504cac51f1eaf, 0xbc90cb604d34f341, 0x3ff0000000000000, 0xbc90cb604d34f341),
    (0x48e5ad5a62cb1cc9, 0x3ff0000000000000, 0xbc61fa59d4990bd6, 0xc37c7ab7389c24d7),
    (0x495b930d680374c2, 0x3ff0000000000000, 0x3c74710c83c6a7d5, 0x43690c05feaf7d96),
    (0x49c205a1c297f6b9, 0x3ca391b020c2706f, 0x3ff0000000000000, 0x3ca391b020c2706f),
    (0x4a3682ff8e5429dd, 0xbc8431caba863cf3, 0xbff0000000000000, 0x3c8431caba863cf3),
    (0x4b12722f5d698ace, 0x3ff0000000000000, 0xbc8849ec0b68a451, 0xc3551467f129c520),
    (0x4b80539b48d14c55, 0xbc935481dbfbe4fc, 0x3ff0000000000000, 0xbc935481dbfbe4fc),
    (0x4d4cd205acd55966, 0x3ff0000000000000, 0x3ca38d0a72acff68, 0x433a3020a7223e14),
    (0x4e9bc1075d840457, 0xbff0000000000000, 0x3c964eebf5aa3cd3, 0xc346f37c07d6ee3d),
    (0x4f05af9bf37155ef, 0xbc9cd8d811decc14, 0xbff0000000000000, 0x3c9cd8d811decc14),
    (0x4f769eab0985179b, 0xbc761ecec9c577fd, 0x3ff0000000000000, 0xbc761ecec9c577fd),
    (0x4feb2196364d750b, 0x3c712bbbe07f2de1, 0x3ff0000000000000, 0x3c712bbbe07f2de1),
    (0x5130809c95f020f7, 0xbff0000000000000, 0xbc6cd5feaa5d4e9d, 0x4371c17140394f34),
    (0x51af1e94f30c9db6, 0x3ff0000000000000, 0xbc7cc7455303d1b6, 0xc361ca86d9c41442),
    (0x5210530495e6a4f5, 0xbff0000000000000, 0xbca0e6219ed2f4c1, 0x433e4c38a7a1500d),
    (0x528c45cd11154dfd, 0xbc701242876d7c1b, 0x3ff0000000000000, 0xbc701242876d7c1b),
    (0x52f1a73ee3fd4ba9, 0xbff0000000000000, 0xbca253b7f2ab4f1e, 0x433befd7acb09677),
    (0x53d3127b6b3f4f22, 0xbff0000000000000, 0x3c9b321e8ebf03da, 0xc342d3924d20203e),
    (0x5448cb19eebd359a, 0xbff0000000000000, 0xbc9ceb943c55acff, 0x4341b430d0da83f4),
    (0x5521cb1497fca4fe, 0xbff0000000000000, 0x3c9e985dd6f27db1, 0xc340bc12bff043bb),
    (0x5592ddd2435024e2, 0x3ff0000000000000, 0x3c77dd6e404de850, 0x4365743c49b0e02c),
    (0x5604abfe6de79797, 0xbff0000000000000, 0x3c8f9f43f70ee3fe, 0xc35030f1fa01ddad),
    (0x56e64b413dd64fcb, 0xbca165c3bca1b991, 0xbff0000000000000, 0x3ca165c3bca1b991),
    (0x58ab01ba31b74d0b, 0xbff0000000000000, 0xbc9401e0a82a7e57, 0x4349973295af22b2),
    (0x591d2a079523fb6d, 0x3c99cdd999f81b55, 0xbff0000000000000, 0xbc99cdd999f81b55),
    (0x598e3ca9b6c655cb, 0x3c73b5dbbbe33dec, 0xbff0000000000000, 0xbc73b5dbbbe33dec),
    (0x59f11bb9a5a2006d, 0xbff0000000000000, 0x3c8f009ff7dc3994, 0xc35083cbcfb60b4e),
    (0x5ad372ec0e7828ec, 0xbff0000000000000, 0xbc8888d6cfc5d1f5, 0x4354de593db2393b),
    (0x5b44d58ea64be345, 0x3ff0000000000000, 0x3c9bfab75a0393d0, 0x43424c9895d49955),
    (0x5c9ac593e47e035b, 0x3ff0000000000000, 0x3c85642db7aa8cc8, 0x4357ef582875c03f),
    (0x5defe85261f02860, 0x3ff0000000000000, 0x3c95e5455c01b9e8, 0x4347623a77b348f4),
    (0x5e52b048a99c9965, 0x3ff0000000000000, 0x3c9c61073767b574, 0x43420a9fb06f72fc),
    (0x5f3a2314821a472f, 0x3ff0000000000000, 0x3c9ccea04d3ca146, 0x4341c5fbef424fc9),
    (0x60820ba1d6a1d027, 0xbff0000000000000, 0x3c9d19573178adc6, 0xc34198596abfd868),
    (0x6161fab41ebe9846, 0xbff0000000000000, 0x3c7729986661919d, 0xc3661ace714fd2f2),
    (0x6240d8ade08a5675, 0xbff0000000000000, 0xbc9f86a6316afbda, 0x43403d96750d28c0),
    (0x62b8b28676cdcc5b, 0xbc6eca040e98a76f, 0xbff0000000000000, 0x3c6eca040e98a76f),
    (0x6394f6243f039841, 0x3c9186a146afb85a, 0xbff0000000000000, 0xbc9186a146afb85a),
    (0x6404c96c11134d36, 0xbff0000000000000, 0x3c46ec67bcf77522, 0xc39655cf9e23c4d7),
    (0x647959cedbbee908, 0xbff0000000000000, 0xbca577a829c51bd7, 0x4337d9a08e1cbe2a),
    (0x64e518acd4fe45e6, 0xbff0000000000000, 0xbc74033b5583710a, 0x4369957747cb9587),
    (0x66af1f2ddcbe576a, 0xbff0000000000000, 0xbc96b54b1e5cac8f, 0x43468c0481645e13),
    (0x671256b22ec6fdbd, 0xbff0000000000000, 0x3ca63fb62034c3dc, 0xc337032cc3db2e3b),
    (0x67f668db30162b3d, 0x3ff0000000000000, 0xbc8b531f155186d0, 0xc352bcd5592416a5),
    (0x686cb44e86bc192b, 0xbff0000000000000, 0x3c8dd38a1f1d289b, 0xc3512a81cb38c5c2),
    (0x69441c5fceb2921d, 0x3ff0000000000000, 0x3c71a70280a2b3b5, 0x436d012c6fdcc0b8),
    (0x6a9db41f3cb71d7b, 0xbc6e09878d22e29d, 0x3ff0000000000000, 0xbc6e09878d22e29d),
    (0x6b0dfa8d18f2b3ee, 0x3ff0000000000000, 0xbc628904e0d7f525, 0xc37b9f819ad8b5e8),
    (0x6da276316f976fff, 0xbff0000000000000, 0xbc932fdbb0bbfeac, 0x434aaf4faed26420),
    (0x6e8d92330c3288a5, 0xbff0000000000000, 0xbc97e750acd8c3e0, 0x43456b5d2b93ed5b),
    (0x6ef1b21e01142fb4, 0xbff0000000000000, 0xbca1f7ba3d357dd1, 0x433c7edfb70a0b29),
    (0x6f6d5c8d09f26ebf, 0xbff0000000000000, 0x3c6a7d3d5212ce1b, 0xc37354206b975e6f),
    (0x6fd4a4629b09d4fe, 0xbff0000000000000, 0x3c980d7e9c39abb0, 0xc345495d4c6771e4),
    (0x704190ff125307de, 0xbff0000000000000, 0xbc9d60014e130e89, 0x43416e05c308ff95),
    (0x70b2e39e5cd19285, 0x3c8c65118ecf28cc, 0xbff0000000000000, 0xbc8c65118ecf28cc),
    (0x7196e8d778c94d66, 0xbff0000000000000, 0xbc63c408220c4c3f, 0x4379e744df9d68fc),
    (0x72e5a9417258933a, 0x3ff0000000000000, 0xbca3fbf793454b07, 0xc3399ec42538033a),
    (0x7516ac5b262ca1ff, 0xbc314ae72e6ba22f, 0xbff0000000000000, 0x3c314ae72e6ba22f),
    (0x7586ac5b262ca1ff, 0x3ca14ae72e6ba22f, 0x3ff0000000000000, 0x3ca14ae72e6ba22f),
    (0x75fcfe482285f8ed, 0xbc8d08f59c32bfa3, 0x3ff0000000000000, 0xbc8d08f59c32bfa3),
    (0x76d97f8b57ea756d, 0x3ff0000000000000, 0xbc9a60f6dd69d125, 0xc34368d84870e729),
    (0x7745c9512577033b, 0x3ff0000000000000, 0xbca71eeb570c5763, 0xc3362503653bcf2e),
    (0x78961f9a73ecff79, 0xbc9a42bb7e6b8821, 0xbff0000000000000, 0x3c9a42bb7e6b8821),
    (0x79056601b74c07a1, 0x3ff0000000000000, 0x3c9488005300d086, 0x4348f005d7306769),
    (0x7c1e109a7163f279, 0x3ff0000000000000, 0x3c75148652b33bd3, 0x436849c90a105ef7),
    (0x7c8bab62ed655019, 0x3ff0000000000000, 0x3ca027d184afb198, 0x433fb1213e645905),
    (0x7cf408e81423ea13, 0x3c9c3e87d51972ec, 0x3ff0000000000000, 0x3c9c3e87d51972ec),
    (0x7d678875916718db, 0xbff0000000000000, 0xbc812d1da05706f7, 0x435dcf0270347e23),
    (0x7dd0ac3dc5facec9, 0xbff0000000000000, 0xbc9af7addcbe5093, 0x4342fc5e9b9359b3),
    (0x7e42f5b32e213e61, 0xbff0000000000000, 0x3c9e1fa1ff2790e8, 0xc340ff251a7d4a68),
    (0x7eb7e08f009596e4, 0x3ff0000000000000, 0xbc94230919ebbd68, 0xc3496d0f2d032dc5),
    (0x417b951f1572eba6, 0xbe2fffffff82ac2b, 0xbff0000000000000, 0x3e2fffffff82ac2c),
    (0xc17b951f1572eba4, 0xbe300000003ea9ea, 0xbff0000000000000, 0x3e300000003ea9ea),
    (0x425bb23eaa3db16e, 0xbfefffffff000000, 0x3f0fffffffab0574, 0xc0cfffffff54fa8c),
    (0xc25bb23eaa3db16c, 0x3fefffffff000000, 0xbf0fffffffaa4fe2, 0xc0cfffffff55b01e),
    (0x4335cba89af1f856, 0xbfeaed548f090cee, 0xbfe14a280fb5068c, 0x3ff8eb245cbee3a4),
    (0xc335cba89af1f854, 0xbfeaed548f090cee, 0xbfe14a280fb5068b, 0x3ff8eb245cbee3a7),
    (0x43a4d8d546c1ba71, 0x3fe62c33dbd5d42a, 0x3fe712bdad393474, 0x3feec044c717eca7),
    (0xc3a4d8d546c1ba6f, 0xbfe62c33dbd5d42b, 0xbfe712bdad393473, 0x3feec044c717ecab),
    (0x45d66bd5424e5656, 0x3fefd6e8410105ec, 0xbfb99bf99b8cd512, 0xc023e478b4e9ed61),
    (0xc5d66bd5424e5654, 0x3fefd6e8410105ec, 0xbfb99bf99b8cd51e, 0xc023e478b4e9ed58),
    (0x487504cac51f1eb0, 0x3fe705fd8e4c3e25, 0xbfe63970eee541b0, 0xbff09342de5ff54a),
    (0xc87504cac51f1eae, 0x3fe705fd8e4c3e25, 0xbfe63970eee541b1, 0xbff09342de5ff549),
    (0x48e5ad5a62cb1cca, 0xbfe45a0b67ee36e0, 0x3fe8b1bb7a6ddf02, 0xbfea5f6c1f25041f),
    (0xc8e5ad5a62cb1cc8, 0x3fe45a0b67ee36e0, 0xbfe8b1bb7a6ddf02, 0xbfea5f6c1f25041f),
    (0x495b930d680374c3, 0x3feee239ec3b3f2a, 0x3fd0c1bb6910479e, 0x400d7d2ab0c0ce52),
    (0xc95b930d680374c1, 0xbfeee239ec3b3f2a, 0xbfd0c1bb6910479e, 0x400d7d2ab0c0ce53),
    (0x49c205a1c297f6ba, 0xbfe355a309058d5a, 0xbfe97fa163a799dd, 0x3fe843a92109171a),
    (0xc9c205a1c297f6b8, 0xbfe355a309058d58, 0xbfe97fa163a799df, 0x3fe843a921091716),
    (0x4a3682ff8e5429de, 0xbfef4bcc8700e5d6, 0xbfcab322894d70a4, 0x4012c11fad1b6b6c),
    (0xca3682ff8e5429dc, 0xbfef4bcc8700e5d6, 0xbfcab322894d70a6, 0x4012c11fad1b6b6a),
];

#[test]
fn trig_huge_f64_exact() {
    let (mut ws, mut wc, mut wt) = ((0u64, 0.0f64), (0u64, 0.0f64), (0u64, 0.0f64));
    for &(xb, sb, cb, tb) in TRIG_HUGE_REF {
        let x = f64::from_bits(xb);
        assert!(sin_f64_needs_slow(x) && cos_f64_needs_slow(x));
        let us = ulp64(sin_f64(x), f64::from_bits(sb));
        let uc = ulp64(cos_f64(x), f64::from_bits(cb));
        let ut = ulp64(tan_f64(x), f64::from_bits(tb));
        // The slow paths directly, and the f32 versions (rounded once from the exact f64).
        assert_eq!(sin_f64_slow(x).to_bits(), sin_f64(x).to_bits());
        assert_eq!(cos_f64_slow(x).to_bits(), cos_f64(x).to_bits());
        if us > ws.0 {
            ws = (us, x);
        }
        if uc > wc.0 {
            wc = (uc, x);
        }
        if ut > wt.0 {
            wt = (ut, x);
        }
    }
    println!(
        "sin max {} ulp at {:e}, cos max {} ulp at {:e}, tan max {} ulp at {:e} [{} args]",
        ws.0,
        ws.1,
        wc.0,
        wc.1,
        wt.0,
        wt.1,
        TRIG_HUGE_REF.len()
    );
    assert!(
        ws.0 <= 2 && wc.0 <= 2,
        "sin {} ulp at {:e}, cos {} ulp at {:e}",
        ws.0,
        ws.1,
        wc.0,
        wc.1
    );
    assert!(wt.0 <= 4, "tan {} ulp at {:e}", wt.0, wt.1);
    // The case that motivated the exact reduction (glibc: -4.68716592425462e-19).
    assert_eq!(cos_f64(5.319372648326541e+255), -4.687165924254628e-19);
}

#[test]
fn tan_accuracy() {
    let pts = half_pi_multiples();
    let xs = inputs64(
        21,
        &[
            (-4.0, 4.0),
            (-100.0, 100.0),
            (-1e6, 1e6),
            (-16777216.0, 16777216.0),
            (-1e-3, 1e-3),
        ],
        &pts,
    );
    let small: Vec<f64> = xs
        .iter()
        .copied()
        .filter(|&x| !(x.abs() > 16777216.0))
        .collect();
    check64("tan", tan_f64, f64::tan, &small, F64_TOL);
    let xs32 = inputs32(
        22,
        &[(-4.0, 4.0), (-100.0, 100.0), (-1e6, 1e6), (-1e-3, 1e-3)],
        &[],
    );
    check32("tan32", tan_f32, f64::tan, &xs32, F32_TOL);
    // Specials.
    assert_eq!(tan_f64(0.0).to_bits(), 0.0f64.to_bits());
    assert_eq!(tan_f64(-0.0).to_bits(), (-0.0f64).to_bits());
    assert!(
        tan_f64(f64::INFINITY).is_nan()
            && tan_f64(f64::NEG_INFINITY).is_nan()
            && tan_f64(f64::NAN).is_nan()
    );
    assert_eq!(tan_f64(-5e-324), -5e-324);
    assert_eq!(tan_f32(-0.0).to_bits(), (-0.0f32).to_bits());
    assert!(tan_f32(f32::INFINITY).is_nan() && tan_f32(f32::NAN).is_nan());
    // f32 huge arguments: the exact f64 result rounded once.
    for &(xb, _, _, _) in TRIG_HUGE_REF {
        let x = f64::from_bits(xb) as f32;
        if x.is_finite() {
            assert!(ulp32(tan_f32(x), tan_f64(x as f64) as f32) == 0);
        }
    }
}

/// A hand-vectorized kernel gives its scalar function's bits on every input (specials and
/// subnormals mixed into vectors of ordinary numbers, every tail length, in place, unaligned).
/// `bits` maps a value to its bit pattern (NaN payloads included).
fn check_run<T: Copy + Default + std::fmt::LowerExp>(
    name: &str,
    scalar: fn(T) -> T,
    run: unsafe fn(usize, *const T, *mut T) -> bool,
    mut xs: Vec<T>,
    specials: &[T],
    bits: fn(T) -> u64,
) {
    xs.truncate(xs.len().min(300_000));
    // Odd lanes at every position of a vector, alone and in runs.
    for (j, s) in specials.iter().enumerate() {
        xs[j * 97 + j % 16] = *s;
        xs[5000 + j] = *s;
    }
    let want: Vec<T> = xs.iter().map(|&x| scalar(x)).collect();
    let check = |got: &[T], what: &str| {
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!(
                bits(*g) == bits(*w),
                "{name} run ({what}) differs at x = {:e}: {g:e} vs {w:e}",
                xs[i]
            );
        }
    };
    let mut out = vec![T::default(); xs.len()];
    // SAFETY: both buffers hold xs.len() elements.
    if !unsafe { run(xs.len(), xs.as_ptr(), out.as_mut_ptr()) } {
        return; // no AVX-512 here: the scalar function runs everywhere instead
    }
    check(&out, "out of place");
    for n in 0..40 {
        let mut o = vec![T::default(); n];
        // SAFETY: n <= xs.len() elements each.
        unsafe { run(n, xs.as_ptr(), o.as_mut_ptr()) };
        check(&o, "short run");
    }
    let mut inplace = xs.clone();
    // SAFETY: in place is allowed.
    unsafe { run(inplace.len(), inplace.as_ptr(), inplace.as_mut_ptr()) };
    check(&inplace, "in place");
    // Unaligned: the same values one byte off an element boundary, in place.
    let size = std::mem::size_of::<T>();
    let mut bytes = vec![0u8; size * xs.len() + 1];
    // SAFETY: the byte buffer holds xs.len() elements after its first byte; reads and writes
    // through `p` are unaligned ones (the kernel's contract allows it).
    let got = unsafe {
        let p = bytes.as_mut_ptr().add(1).cast::<T>();
        std::ptr::copy_nonoverlapping(xs.as_ptr().cast::<u8>(), p.cast::<u8>(), size * xs.len());
        run(xs.len(), p, p);
        (0..xs.len())
            .map(|i| p.add(i).read_unaligned())
            .collect::<Vec<T>>()
    };
    check(&got, "unaligned");
}

#[test]
fn log_run_matches_scalar() {
    let xs = inputs64(
        33,
        &[(0.0, 2.0), (0.98, 1.04), (0.0, 1e300)],
        &[1.0, 0.703125, 1.40625],
    );
    check_run("log", log_f64, log_f64_run, xs, &SPECIAL64, f64::to_bits);
}

#[test]
fn exp_run_matches_scalar() {
    let xs = inputs64(
        34,
        &[
            (-750.0, 750.0),
            (-1.0, 1.0),
            (700.0, 712.0),
            (-750.0, -700.0),
        ],
        &[708.0, -708.0, 709.782712893384, -745.1332191019411],
    );
    check_run("exp", exp_f64, exp_f64_run, xs, &SPECIAL64, f64::to_bits);
}

#[test]
fn sin_f32_run_matches_scalar() {
    let xs = inputs32(
        35,
        &[(-10.0, 10.0), (-1e6, 1e6), (1e6, 1.1e6)],
        &[0.0, 1048576.0, -1048576.0, 3.1415927],
    );
    let specials = [
        0.0,
        -0.0,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        1e30,
        -1048577.0,
        1e-45,
    ];
    check_run("sin32", sin_f32, sin_f32_run, xs, &specials, |x| {
        x.to_bits() as u64
    });
}
