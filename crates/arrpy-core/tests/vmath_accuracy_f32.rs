//! float32 vmath functions against the float64 result rounded once, sampled and (ignored)
//! exhaustively.

#[macro_use]
mod common;
use common::*;

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
    check32("atan32", atan_f32, f64::atan, &xs, F32_TOL);
    let unit: Vec<f32> = xs.iter().copied().filter(|x| x.abs() <= 1.0).collect();
    check32("asin32", asin_f32, f64::asin, &unit, F32_TOL);
    check32("acos32", acos_f32, f64::acos, &unit, F32_TOL);
    check32("sinh32", sinh_f32, f64::sinh, &xs, F32_TOL);
    check32("cosh32", cosh_f32, f64::cosh, &xs, F32_TOL);
    check32("cbrt32", cbrt_f32, f64::cbrt, &xs, F32_TOL);
}

/// Exhaustive f32 check over all 2^32 inputs, ours evaluated vectorized in blocks (the
/// reference, std's f64 function, dominates: minutes per function in --release): `cargo test
/// --release -p arrpy-core --test vmath_accuracy_f32 exhaustive_f32 -- --ignored --nocapture`.
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
