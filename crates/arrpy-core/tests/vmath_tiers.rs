//! Tier bit-identity: each function in a baseline loop and under pulp's dispatch, and each
//! hand-vectorized kernel against its scalar function.

#[macro_use]
mod common;
use arrpy_core::fp_status::FpValue;
use common::*;

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
    cmp64!("atan", atan_f64, |o| dispatched!(atan_f64, xs, &mut *o));
    cmp64!("cbrt", cbrt_f64, |o| dispatched!(cbrt_f64, xs, &mut *o));
    cmp64!("asin", asin_f64, |o| dispatched!(asin_f64, xs, &mut *o));
    cmp64!("acos", acos_f64, |o| dispatched!(acos_f64, xs, &mut *o));
    cmp64!("sinh", sinh_f64, |o| dispatched!(sinh_f64, xs, &mut *o));
    cmp64!("cosh", cosh_f64, |o| dispatched!(cosh_f64, xs, &mut *o));
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
    cmp64!("tan", tan_f64, |o| dispatched_triple!(
        tan_f64_fast,
        tan_f64_needs_slow,
        tan_f64_slow,
        xs,
        &mut *o
    ));
    cmp64!("tan_f64_fast (avx2)", tan_f64_fast, |o| dispatched_v3!(
        tan_f64_fast,
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
    cmp32!("tan32", tan_f32, |o| dispatched_triple!(
        tan_f32_fast,
        tan_f32_needs_slow,
        tan_f32_slow,
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

/// A hand-vectorized kernel gives its scalar function's bits on every input (specials and
/// subnormals mixed into vectors of ordinary numbers, every tail length, in place, unaligned),
/// and says rightly whether a result is infinite or NaN (the floating-point check).
/// `bits` maps a value to its bit pattern (NaN payloads included).
fn check_run<T: FpValue + Default + std::fmt::LowerExp>(
    name: &str,
    scalar: fn(T) -> T,
    run: unsafe fn(usize, *const T, *mut T) -> Option<bool>,
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
    let non_finite = |r: &[T]| r.iter().any(|v| !v.is_finite_value());
    let mut out = vec![T::default(); xs.len()];
    // SAFETY: both buffers hold xs.len() elements.
    let Some(found) = (unsafe { run(xs.len(), xs.as_ptr(), out.as_mut_ptr()) }) else {
        return; // no AVX-512 here: the scalar function runs everywhere instead
    };
    check(&out, "out of place");
    assert!(
        found && non_finite(&want),
        "{name}: the specials give non-finite results"
    );
    for n in 0..40 {
        let mut o = vec![T::default(); n];
        // SAFETY: n <= xs.len() elements each.
        let found = unsafe { run(n, xs.as_ptr(), o.as_mut_ptr()) };
        check(&o, "short run");
        assert_eq!(found, Some(non_finite(&want[..n])), "{name}: short run {n}");
    }
    // A non-finite result alone, at each position of two vectors and a tail.
    let finite: Vec<T> = xs
        .iter()
        .zip(&want)
        .filter(|(_, w)| w.is_finite_value())
        .map(|(&x, _)| x)
        .take(37)
        .collect();
    let odd = *xs
        .iter()
        .zip(&want)
        .find(|(_, w)| !w.is_finite_value())
        .unwrap()
        .0;
    for at in 0..=finite.len() {
        let mut x = finite.clone();
        if at < x.len() {
            x[at] = odd;
        }
        let mut o = vec![T::default(); x.len()];
        // SAFETY: both buffers hold x.len() elements.
        let found = unsafe { run(x.len(), x.as_ptr(), o.as_mut_ptr()) };
        assert_eq!(
            found,
            Some(at < x.len()),
            "{name}: non-finite result at {at}"
        );
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
