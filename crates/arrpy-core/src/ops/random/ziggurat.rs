//! Standard normal and standard exponential variates (NumPy's 256-layer ziggurats).
//!
//! PLACEHOLDER: inversion-based samplers with the final signatures; the ziggurat that draws
//! NumPy's exact stream replaces them.

use super::BitGen;

/// A standard normal float64 (NumPy's `random_standard_normal`).
pub fn standard_normal<G: BitGen + ?Sized>(g: &mut G) -> f64 {
    loop {
        let u = 2.0 * g.next_double() - 1.0;
        let v = 2.0 * g.next_double() - 1.0;
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * (-2.0 * s.ln() / s).sqrt();
        }
    }
}

/// A standard normal float32 (NumPy's `random_standard_normal_f`).
pub fn standard_normal_f32<G: BitGen + ?Sized>(g: &mut G) -> f32 {
    standard_normal(g) as f32
}

/// A standard exponential float64 (NumPy's `random_standard_exponential`).
pub fn standard_exponential<G: BitGen + ?Sized>(g: &mut G) -> f64 {
    -(-g.next_double()).ln_1p()
}

/// A standard exponential float32 (NumPy's `random_standard_exponential_f`).
pub fn standard_exponential_f32<G: BitGen + ?Sized>(g: &mut G) -> f32 {
    standard_exponential(g) as f32
}
