//! Exact special values of the vmath functions (C99 Annex F).

#[macro_use]
mod common;
use common::*;

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
        ("atan", atan_f64, -0.0, -0.0),
        ("atan", atan_f64, 0.0, 0.0),
        ("atan", atan_f64, inf, std::f64::consts::FRAC_PI_2),
        ("atan", atan_f64, -inf, -std::f64::consts::FRAC_PI_2),
        ("atan", atan_f64, f64::MAX, std::f64::consts::FRAC_PI_2),
        ("atan", atan_f64, -5e-324, -5e-324),
        ("atan", atan_f64, 1.0, std::f64::consts::FRAC_PI_4),
        ("atan", atan_f64, f64::NAN, f64::NAN),
        ("cbrt", cbrt_f64, -0.0, -0.0),
        ("cbrt", cbrt_f64, inf, inf),
        ("cbrt", cbrt_f64, -inf, -inf),
        ("cbrt", cbrt_f64, -27.0, -3.0),
        ("cbrt", cbrt_f64, 0.125, 0.5),
        ("cbrt", cbrt_f64, 5e-324, 1.7031839360032603e-108),
        ("cbrt", cbrt_f64, f64::NAN, f64::NAN),
        ("sinh", sinh_f64, -0.0, -0.0),
        ("sinh", sinh_f64, -inf, -inf),
        ("sinh", sinh_f64, 711.0, inf),
        ("sinh", sinh_f64, f64::NAN, f64::NAN),
        ("sinh", sinh_f64, -5e-324, -5e-324),
        ("cosh", cosh_f64, -0.0, 1.0),
        ("cosh", cosh_f64, -inf, inf),
        ("cosh", cosh_f64, -711.0, inf),
        ("cosh", cosh_f64, f64::NAN, f64::NAN),
        ("asin", asin_f64, -0.0, -0.0),
        ("asin", asin_f64, 1.0, std::f64::consts::FRAC_PI_2),
        ("asin", asin_f64, -1.0, -std::f64::consts::FRAC_PI_2),
        ("asin", asin_f64, 1.0000000000000002, f64::NAN),
        ("asin", asin_f64, -inf, f64::NAN),
        ("asin", asin_f64, f64::NAN, f64::NAN),
        ("acos", acos_f64, 1.0, 0.0),
        ("acos", acos_f64, -1.0, std::f64::consts::PI),
        ("acos", acos_f64, 0.0, std::f64::consts::FRAC_PI_2),
        ("acos", acos_f64, -0.0, std::f64::consts::FRAC_PI_2),
        ("acos", acos_f64, inf, f64::NAN),
        ("acos", acos_f64, f64::NAN, f64::NAN),
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
