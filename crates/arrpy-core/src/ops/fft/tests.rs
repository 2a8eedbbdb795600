//! Each tier against the definition of the DFT, on strided and negative-stride lanes.

use super::*;
use num_complex::Complex;
use std::f64::consts::PI;

fn dft(x: &[Complex<f64>], inverse: bool) -> Vec<Complex<f64>> {
    let n = x.len();
    let sign = if inverse { 1.0 } else { -1.0 };
    (0..n)
        .map(|k| {
            x.iter()
                .enumerate()
                .map(|(j, v)| {
                    let t = sign * 2.0 * PI * ((j * k) % n) as f64 / n as f64;
                    v * Complex::new(t.cos(), t.sin())
                })
                .sum()
        })
        .collect()
}

fn signal(n: usize) -> Vec<Complex<f64>> {
    (0..n)
        .map(|j| Complex::new((0.7 * j as f64).sin(), (1.3 * j as f64).cos() - 0.2))
        .collect()
}

fn close(a: &[Complex<f64>], b: &[Complex<f64>], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).norm() <= tol, "{x} vs {y}");
    }
}

#[test]
fn every_tier_matches_the_definition() {
    for tier in Tier::ALL {
        for n in [1usize, 2, 3, 7, 8, 17, 97, 100] {
            // Lanes along axis 0 of a (n, 3) array reversed along axis 0: negative strides.
            let x = signal(3 * n);
            let a = Array::from_vec(x.clone(), &[n, 3]).unwrap();
            let a = a.slice_axis(0, n - 1, -1, n);
            for inverse in [false, true] {
                let y = fft_on(tier, &a, None, 0, inverse, Norm::Backward).unwrap();
                let got = y.to_vec::<Complex<f64>>().unwrap();
                for col in 0..3 {
                    let lane: Vec<_> = (0..n).map(|i| x[(n - 1 - i) * 3 + col]).collect();
                    let mut want = dft(&lane, inverse);
                    if inverse {
                        want.iter_mut().for_each(|v| *v /= n as f64);
                    }
                    let lane_got: Vec<_> = (0..n).map(|i| got[i * 3 + col]).collect();
                    close(&lane_got, &want, 1e-12 * n as f64);
                }
            }
        }
    }
}

#[test]
fn real_transforms_invert_each_other_at_every_tier() {
    for tier in Tier::ALL {
        for n in [1usize, 2, 5, 16, 33] {
            let x: Vec<f64> = (0..n).map(|j| (j as f64 * 0.37).cos()).collect();
            let a = Array::from_vec(x.clone(), &[n]).unwrap();
            let spec = rfft_on(tier, &a, None, 0, Norm::Ortho).unwrap();
            assert_eq!(spec.shape(), &[n / 2 + 1]);
            let back = irfft_on(tier, &spec, Some(n as isize), 0, Norm::Ortho).unwrap();
            for (u, v) in back.to_vec::<f64>().unwrap().iter().zip(&x) {
                assert!((u - v).abs() < 1e-12, "tier {tier:?} n {n}");
            }
        }
    }
}

#[test]
fn bad_arguments_are_errors() {
    let a = Array::from_vec(vec![1.0f64; 4], &[4]).unwrap();
    assert!(matches!(
        fft(&a, Some(0), 0, false, Norm::Backward),
        Err(Error::Value(_))
    ));
    assert!(matches!(
        fft(&a, None, 1, false, Norm::Backward),
        Err(Error::Axis(_))
    ));
    assert!(matches!(Norm::from_name(Some("x")), Err(Error::Value(_))));
    let one = Array::from_vec(vec![1.0f64], &[1]).unwrap();
    assert!(matches!(
        irfft(&one, None, 0, Norm::Backward),
        Err(Error::Value(_))
    ));
}
