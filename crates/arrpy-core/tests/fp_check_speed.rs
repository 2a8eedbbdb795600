//! Speed (ignored) of the floating-point check, core only, simd tier (one thread):
//! `cargo test --release -p arrpy-core --test fp_check_speed -- --ignored --nocapture`.
//! Each op through `ops::elementwise` (blocked, watched, flags classified) beside the same
//! kernel called directly without watching: the ratio is what the check costs.

use arrpy_core::kernels::simd;
use arrpy_core::kernels::{set_tier, Tier};
use arrpy_core::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use arrpy_core::vmath;
use arrpy_core::Array;

const N: usize = 1_000_000;

/// The best of several runs, in microseconds.
fn best_us(mut f: impl FnMut()) -> f64 {
    f();
    (0..30)
        .map(|_| {
            let t = std::time::Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .fold(f64::INFINITY, f64::min)
}

fn values<T: arrpy_core::Element>(f: impl Fn(f64) -> T) -> Array {
    Array::from_vec((0..N).map(|i| f(1.0 + i as f64 * 1e-6)).collect(), &[N]).unwrap()
}

fn report(name: &str, checked: f64, bare: f64) {
    println!(
        "  {name:>14}: checked {checked:8.1} us  bare kernel {bare:8.1} us  ratio {:.2}",
        checked / bare
    );
}

#[test]
#[ignore]
fn speed() {
    set_tier(Tier::Simd);
    println!("{N} elements, simd tier, best of 30");
    let (a, b) = (values(|x| x), values(|x| x + 1.0));
    let (a32, b32) = (values(|x| x as f32), values(|x| x as f32 + 1.0));
    let (o, o32) = (values(|_| 0.0f64), values(|_| 0.0f32));
    let (pa, pb, po) = (a.data_ptr(), b.data_ptr(), o.data_ptr());
    let (pa32, pb32, po32) = (a32.data_ptr(), b32.data_ptr(), o32.data_ptr());
    // SAFETY (every `bare` closure): the pointers address N contiguous elements of live arrays.
    let bare_add = best_us(|| unsafe {
        simd::binary::<f64, f64, false>(N, pa, 8, pb, 8, po, 8, |x, y| x + y);
    });
    let op = best_us(|| drop(binary(BinaryOp::Add, &a, &b, Some(&o)).unwrap()));
    report("add f64", op, bare_add);
    let bare = best_us(|| unsafe {
        simd::binary::<f32, f32, false>(N, pa32, 4, pb32, 4, po32, 4, |x, y| x + y);
    });
    let op = best_us(|| drop(binary(BinaryOp::Add, &a32, &b32, Some(&o32)).unwrap()));
    report("add f32", op, bare);
    let zero = values(|_| 0.0f64);
    let pz = zero.data_ptr();
    let bare = best_us(|| unsafe {
        simd::binary::<f64, f64, false>(N, pa, 8, pz, 8, pa, 8, |x, y| x + y);
    });
    let op = best_us(|| drop(binary(BinaryOp::Add, &a, &zero, Some(&a)).unwrap()));
    report("a += b f64", op, bare);
    let bare = best_us(|| unsafe {
        simd::unary::<f64, f64, false>(N, pa, 8, po, 8, |x: f64| x.sqrt());
    });
    let op = best_us(|| drop(unary(UnaryOp::Sqrt, &a, Some(&o)).unwrap()));
    report("sqrt f64", op, bare);
    let bare = best_us(|| unsafe {
        vmath::exp_f64_run(N, pa.cast(), po.cast());
    });
    let op = best_us(|| drop(unary(UnaryOp::Exp, &a, Some(&o)).unwrap()));
    report("exp f64", op, bare);
    let bare = best_us(|| unsafe {
        vmath::log_f64_run(N, pa.cast(), po.cast());
    });
    let op = best_us(|| drop(unary(UnaryOp::Log, &a, Some(&o)).unwrap()));
    report("log f64", op, bare);
    let bare = best_us(|| unsafe {
        simd::unary::<f32, f32, false>(N, pa32, 4, po32, 4, vmath::exp_f32);
    });
    let op = best_us(|| drop(unary(UnaryOp::Exp, &a32, Some(&o32)).unwrap()));
    report("exp f32", op, bare);
    let bare = best_us(|| unsafe {
        vmath::sin_f32_run(N, pa32.cast(), po32.cast());
    });
    let op = best_us(|| drop(unary(UnaryOp::Sin, &a32, Some(&o32)).unwrap()));
    report("sin f32", op, bare);
    let bare = best_us(|| unsafe {
        simd::unary_split::<f64, false>(
            N,
            pa,
            8,
            po,
            8,
            vmath::sin_f64_fast,
            vmath::sin_f64_needs_slow,
            vmath::sin_f64_slow,
        );
    });
    let op = best_us(|| drop(unary(UnaryOp::Sin, &a, Some(&o)).unwrap()));
    report("sin f64", op, bare);
    set_tier(Tier::Parallel);
}
