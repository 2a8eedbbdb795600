//! Speed (ignored) of issue 12's histogram and copy targets, core only, per tier:
//! `cargo test --release -p arrpy-core --test copy_histogram_speed -- --ignored --nocapture`.
//! Compare with NumPy's times for the same work (`python -m arrpy.bench`).

use arrpy_core::kernels::{set_tier, Tier};
use arrpy_core::ops::index::take::{take, Mode};
use arrpy_core::ops::manipulate::join::concatenate;
use arrpy_core::ops::manipulate::order::{as_layout, Order};
use arrpy_core::ops::statistics::histogram::{histogram, Bins};
use arrpy_core::{Array, Casting};

/// The best of several runs, in milliseconds.
fn best_ms(mut f: impl FnMut()) -> f64 {
    f();
    (0..15)
        .map(|_| {
            let t = std::time::Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn uniform(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            (s.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

#[test]
#[ignore]
fn speed() {
    let x = Array::from_vec(uniform(1_000_000, 7), &[1_000_000]).unwrap();
    let m = Array::from_vec(uniform(4_000_000, 3), &[2000, 2000]).unwrap();
    let t = m.transpose(None).unwrap();
    let b = Array::from_vec(uniform(1_000_000, 9), &[1_000_000]).unwrap();
    let idx: Vec<i64> = uniform(100_000, 11)
        .iter()
        .map(|v| (v * 1e6) as i64)
        .collect();
    let idx = Array::from_vec(idx, &[100_000]).unwrap();
    for tier in [Tier::Reference, Tier::Simd, Tier::Parallel] {
        set_tier(tier);
        let h = best_ms(|| {
            histogram(&x, &Bins::Count(100), None, false, None).unwrap();
        });
        let c = best_ms(|| {
            as_layout(&t, Order::C, None).unwrap();
        });
        let j = best_ms(|| {
            concatenate(&[x.clone(), b.clone()], Some(0), None, Casting::SameKind).unwrap();
        });
        let k = best_ms(|| {
            take(&x, &idx, None, Mode::Raise).unwrap();
        });
        println!(
            "{tier:?}: histogram 1e6/100 {h:.3} ms  ascontiguous(T) 2000^2 {c:.3} ms  concatenate 2x1e6 {j:.3} ms  take 1e5/1e6 {k:.3} ms"
        );
    }
}

/// A loop to profile (`perf record` on the test binary): ARRPY_PROFILE=transpose|histogram.
#[test]
#[ignore]
fn profile_loop() {
    let what = std::env::var("ARRPY_PROFILE").unwrap_or_default();
    set_tier(Tier::Simd);
    let x = Array::from_vec(uniform(1_000_000, 7), &[1_000_000]).unwrap();
    let t = Array::from_vec(uniform(4_000_000, 3), &[2000, 2000])
        .unwrap()
        .transpose(None)
        .unwrap();
    for _ in 0..200 {
        match what.as_str() {
            "transpose" => drop(as_layout(&t, Order::C, None).unwrap()),
            "histogram" => drop(histogram(&x, &Bins::Count(100), None, false, None).unwrap()),
            _ => return,
        }
    }
}
