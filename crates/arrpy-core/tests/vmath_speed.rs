//! Speed (ignored): `cargo test --release -p arrpy-core --test vmath_speed -- --ignored
//! --nocapture`.

#[macro_use]
mod common;
use common::*;

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
        "atan",
        -10.0,
        10.0,
        |xs, out| dispatched!(atan_f64, xs, out),
        f64::atan
    );
    t64!(
        "cbrt",
        -1e3,
        1e3,
        |xs, out| dispatched!(cbrt_f64, xs, out),
        f64::cbrt
    );
    t64!(
        "sinh",
        -20.0,
        20.0,
        |xs, out| dispatched!(sinh_f64, xs, out),
        f64::sinh
    );
    t64!(
        "cosh",
        -20.0,
        20.0,
        |xs, out| dispatched!(cosh_f64, xs, out),
        f64::cosh
    );
    t64!(
        "tan",
        -100.0,
        100.0,
        |xs, out| dispatched_triple!(tan_f64_fast, tan_f64_needs_slow, tan_f64_slow, xs, out),
        f64::tan
    );
    t64!(
        "tan_fast",
        -100.0,
        100.0,
        |xs, out| dispatched!(tan_f64_fast, xs, out),
        f64::tan
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
