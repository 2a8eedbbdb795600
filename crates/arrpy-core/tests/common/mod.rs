//! Helpers shared by the vmath test files: a seeded generator, ULP distances, input sets,
//! accuracy checks against std, and loops compiled at the baseline and under pulp's dispatch.
// Each test file is its own crate and uses a subset of these.
#![allow(dead_code, unused_macros)]

pub use arrpy_core::vmath::*;

/// Samples per function: dense under --release, bounded in the (opt-level 1) debug build.
pub const N: usize = if cfg!(debug_assertions) {
    150_000
} else {
    3_000_000
};

pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

pub fn key64(x: f64) -> i128 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        -((b & !(1 << 63)) as i128)
    } else {
        b as i128
    }
}
pub fn key32(x: f32) -> i128 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        -((b & !(1 << 31)) as i128)
    } else {
        b as i128
    }
}

/// Distance in representable values; NaN matches only NaN; a zero must match the sign.
pub fn ulp64(got: f64, want: f64) -> u64 {
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
pub fn ulp32(got: f32, want: f32) -> u64 {
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
pub fn inputs64(seed: u64, ranges: &[(f64, f64)], points: &[f64]) -> Vec<f64> {
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

pub const SPECIAL64: [f64; 16] = [
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

pub fn check64(
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

pub fn inputs32(seed: u64, ranges: &[(f32, f32)], points: &[f32]) -> Vec<f32> {
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

pub fn check32(
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
pub fn half_pi_multiples() -> Vec<f64> {
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

pub const F64_TOL: u64 = 3; // vs glibc (itself within 1 ULP): within 4 of the exact result
pub const F32_TOL: u64 = 3; // vs the f64 result rounded once

// ---- Tier bit-identity: the same closure in a baseline loop and under pulp's dispatch. ----

#[allow(unused_imports)] // used by the dispatch macros, which not every test file calls
pub use arrpy_core::kernels::cpu::vectorize;

#[inline(never)]
pub fn baseline64(f: impl Fn(f64) -> f64, xs: &[f64], out: &mut [f64]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = f(x);
    }
}
#[inline(never)]
pub fn baseline32(f: impl Fn(f32) -> f32, xs: &[f32], out: &mut [f32]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = f(x);
    }
}

macro_rules! dispatched {
    ($f:expr, $xs:expr, $out:expr) => {{
        let (xs, out) = ($xs, $out);
        vectorize(
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
/// scalar pass recomputing those elements with `slow`, as `kernels::simd::unary_split` does.
macro_rules! dispatched_triple {
    ($fast:expr, $needs:expr, $slow:expr, $xs:expr, $out:expr) => {{
        let (xs, out) = ($xs, $out);
        dispatched!($fast, xs, &mut *out);
        let any = vectorize(
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

pub fn best_ns(n: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut best = f64::INFINITY;
    for _ in 0..7 {
        let t = std::time::Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best * 1e9 / n as f64
}
