//! The reference tier's transform, written to be read: a recursive radix-2 Cooley–Tukey FFT for
//! lengths that are powers of two, and Bluestein's algorithm for every other length, which turns
//! an n-point DFT into a convolution computed with power-of-two FFTs.
//!
//! Both compute the unscaled DFT `X[k] = Σ_j x[j]·e^{∓2πi·jk/n}` (minus sign forward).

use super::plans::{try_zeroed, FftFloat};
use crate::error::Result;
use num_complex::Complex;

/// `e^{sign·2πi·num/den}` for `num/den` in turns, computed in f64 and rounded to `T`.
fn twiddle<T: FftFloat>(num: u128, den: u128, inverse: bool) -> Complex<T> {
    // Reducing `num` modulo `den` first keeps the angle small and exact for any length.
    let turns = (num % den) as f64 / den as f64;
    let angle = 2.0 * std::f64::consts::PI * turns * if inverse { 1.0 } else { -1.0 };
    Complex::new(T::round_from(angle.cos()), T::round_from(angle.sin()))
}

/// Transforms `x` in place, any length (`inverse`: the unscaled inverse transform).
pub fn transform<T: FftFloat>(x: &mut [Complex<T>], inverse: bool) -> Result<()> {
    let n = x.len();
    if n <= 1 {
        return Ok(());
    }
    if n.is_power_of_two() {
        radix2(x, inverse);
        Ok(())
    } else {
        bluestein(x, inverse)
    }
}

/// Radix-2 decimation in time: the DFT of `x` from the DFTs of its even and odd elements. The
/// recursion is log2(n) deep.
fn radix2<T: FftFloat>(x: &mut [Complex<T>], inverse: bool) {
    let n = x.len();
    if n == 1 {
        return;
    }
    let half = n / 2;
    let mut even: Vec<Complex<T>> = x.iter().step_by(2).copied().collect();
    let mut odd: Vec<Complex<T>> = x.iter().skip(1).step_by(2).copied().collect();
    radix2(&mut even, inverse);
    radix2(&mut odd, inverse);
    let (low, high) = x.split_at_mut(half);
    for (k, ((lo, hi), (e, o))) in low
        .iter_mut()
        .zip(high)
        .zip(even.iter().zip(&odd))
        .enumerate()
    {
        let t = twiddle::<T>(k as u128, n as u128, inverse) * o;
        *lo = e + t;
        *hi = e - t;
    }
}

/// Bluestein: with `jk = (j² + k² − (k−j)²)/2`, the DFT is `X[k] = w̄[k]·Σ_j (x[j]·w̄[j])·w[k−j]`
/// for the chirp `w[m] = e^{±πi·m²/n}`: a convolution, computed as a cyclic one of a
/// power-of-two length `m ≥ 2n−1` by three radix-2 FFTs.
fn bluestein<T: FftFloat>(x: &mut [Complex<T>], inverse: bool) -> Result<()> {
    let n = x.len();
    let m = (2 * n - 1).next_power_of_two();
    // chirp[j] = e^{∓πi·j²/n} = e^{∓2πi·j²/(2n)}, the sign of the transform.
    let chirp: Vec<Complex<T>> = (0..n)
        .map(|j| twiddle::<T>((j as u128) * (j as u128), 2 * n as u128, inverse))
        .collect();
    let zero = Complex::new(T::zero(), T::zero());
    let mut a = try_zeroed(m, zero)?;
    for ((aj, xj), cj) in a.iter_mut().zip(x.iter()).zip(&chirp) {
        *aj = xj * cj;
    }
    // The filter is conj(chirp), placed at offsets 0..n and, wrapped around, at m−n+1..m.
    let mut b = try_zeroed(m, zero)?;
    b[0] = chirp[0].conj();
    for (j, c) in chirp.iter().enumerate().skip(1) {
        b[j] = c.conj();
        b[m - j] = c.conj();
    }
    radix2(&mut a, false);
    radix2(&mut b, false);
    for (ai, bi) in a.iter_mut().zip(&b) {
        *ai = *ai * *bi;
    }
    radix2(&mut a, true);
    let scale = T::one() / T::round_from(m as f64);
    for ((xk, ak), ck) in x.iter_mut().zip(&a).zip(&chirp) {
        *xk = ak * ck * scale;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(x: &[Complex<f64>], inverse: bool) -> Vec<Complex<f64>> {
        let n = x.len();
        (0..n)
            .map(|k| {
                x.iter()
                    .enumerate()
                    .map(|(j, v)| v * twiddle::<f64>((j * k) as u128, n as u128, inverse))
                    .sum()
            })
            .collect()
    }

    #[test]
    fn matches_the_definition_for_every_small_length() {
        for n in 1..40 {
            let x: Vec<Complex<f64>> = (0..n)
                .map(|j| Complex::new((j as f64).sin() + 0.5, (3.0 * j as f64).cos()))
                .collect();
            for inverse in [false, true] {
                let mut y = x.clone();
                transform(&mut y, inverse).unwrap();
                for (a, b) in y.iter().zip(naive(&x, inverse)) {
                    assert!((a - b).norm() < 1e-12 * n as f64, "n={n}");
                }
            }
        }
    }
}
