//! float64 vmath functions against std (glibc): ULP distance over the domain.

#[macro_use]
mod common;
use common::*;

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
fn atan_f64_accuracy() {
    // Every range bound (tan((2i+1)pi/16)) and center (tan(i pi/8)), tiny, huge.
    let xs = inputs64(
        9,
        &[
            (-1.0, 1.0),
            (-6.0, 6.0),
            (0.19, 0.21),
            (0.66, 0.68),
            (1.49, 1.51),
            (5.0, 5.1),
            (-1e-8, 1e-8),
            (1e15, 1e300),
        ],
        &[
            0.198912367379658,
            0.6681786379192989,
            1.496605762665489,
            5.027339492125848,
            1.0,
        ],
    );
    check64("atan", atan_f64, f64::atan, &xs, F64_TOL);
}

#[test]
fn asin_acos_f64_accuracy() {
    let xs = inputs64(
        12,
        &[
            (-1.0, 1.0),
            (0.99, 1.0),
            (-1.0, -0.99),
            (0.999999, 1.0),
            (0.4, 0.6),
            (-1e-8, 1e-8),
        ],
        &[1.0, -1.0, 0.5, -0.5, 0.0, 0.19, 0.67, 0.83, 0.98],
    );
    let xs: Vec<f64> = xs.into_iter().filter(|x| x.abs() <= 1.0).collect();
    check64("asin", asin_f64, f64::asin, &xs, F64_TOL);
    check64("acos", acos_f64, f64::acos, &xs, F64_TOL);
}

#[test]
fn cbrt_f64_accuracy() {
    // inputs64 also strides over every bit pattern: subnormals, huge, negative.
    let xs = inputs64(
        10,
        &[
            (-10.0, 10.0),
            (0.9, 8.1),
            (-1e-300, 1e-300),
            (1e300, 1.7e308),
        ],
        &[1.0, 8.0, 27.0, 2.0, 4.0, 5e-324, 2.2250738585072014e-308],
    );
    check64("cbrt", cbrt_f64, f64::cbrt, &xs, F64_TOL);
}

#[test]
fn sinh_cosh_f64_accuracy() {
    let xs = inputs64(
        11,
        &[
            (-1.0, 1.0),
            (-30.0, 30.0),
            (-1e-6, 1e-6),
            (0.9, 1.1),
            (700.0, 710.4),
            (-710.4, -705.0),
        ],
        &[1.0, 709.0, 710.4758600739439, 710.476, 22.0],
    );
    check64("sinh", sinh_f64, f64::sinh, &xs, F64_TOL);
    check64("cosh", cosh_f64, f64::cosh, &xs, F64_TOL);
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
