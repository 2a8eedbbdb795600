//! Plans of the fast tiers (rustfft for complex transforms, realfft for real ones), cached per
//! length, direction and precision. Planning a length costs far more than one transform of it
//! (twiddle tables, the choice of algorithm), and repeated calls of one size are the common case.
//! Each cache holds at most `CAPACITY` plans and starts over when full, so that a program
//! transforming many distinct lengths does not keep every plan's tables alive.

use crate::dtype::DType;
use num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftDirection, FftPlanner};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Plans kept per cache (one cache per kind of plan and precision).
const CAPACITY: usize = 32;

/// A bounded map from a key to a plan: full, it is cleared before the next insertion.
pub struct Cache<K, P>(Mutex<BTreeMap<K, P>>);

impl<K: Ord + Copy, P: Clone> Cache<K, P> {
    pub const fn new() -> Self {
        Cache(Mutex::new(BTreeMap::new()))
    }

    fn get_or_plan(&self, key: K, plan: impl FnOnce() -> P) -> P {
        // A panic elsewhere while the lock was held leaves a map that is still valid.
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = map.get(&key) {
            return p.clone();
        }
        if map.len() >= CAPACITY {
            map.clear();
        }
        let p = plan();
        map.insert(key, p.clone());
        p
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

type C2c<T> = Cache<(usize, bool), Arc<dyn Fft<T>>>;
type R2c<T> = Cache<usize, Arc<dyn RealToComplex<T>>>;
type C2r<T> = Cache<usize, Arc<dyn ComplexToReal<T>>>;

/// A precision the transforms compute in: f32 (float32/complex64) or f64 (the rest).
pub trait FftFloat: rustfft::FftNum + rustfft::num_traits::Float {
    /// The real and complex dtypes of this precision.
    const REAL: DType;
    const COMPLEX: DType;
    fn c2c_plans() -> &'static C2c<Self>;
    fn r2c_plans() -> &'static R2c<Self>;
    fn c2r_plans() -> &'static C2r<Self>;
    /// `x` rounded to this precision.
    fn round_from(x: f64) -> Self;
}

macro_rules! fft_float {
    ($t:ty, $real:ident, $complex:ident) => {
        impl FftFloat for $t {
            const REAL: DType = DType::$real;
            const COMPLEX: DType = DType::$complex;
            fn c2c_plans() -> &'static C2c<$t> {
                static PLANS: C2c<$t> = Cache::new();
                &PLANS
            }
            fn r2c_plans() -> &'static R2c<$t> {
                static PLANS: R2c<$t> = Cache::new();
                &PLANS
            }
            fn c2r_plans() -> &'static C2r<$t> {
                static PLANS: C2r<$t> = Cache::new();
                &PLANS
            }
            fn round_from(x: f64) -> Self {
                x as $t
            }
        }
    };
}
fft_float!(f32, Float32, Complex64);
fft_float!(f64, Float64, Complex128);

/// The complex plan of `len` points (`inverse`: e^{+2πi jk/n}, unscaled).
pub fn c2c<T: FftFloat>(len: usize, inverse: bool) -> Arc<dyn Fft<T>> {
    T::c2c_plans().get_or_plan((len, inverse), || {
        let direction = if inverse {
            FftDirection::Inverse
        } else {
            FftDirection::Forward
        };
        FftPlanner::new().plan_fft(len, direction)
    })
}

/// The real-to-complex plan of `len` real points.
pub fn r2c<T: FftFloat>(len: usize) -> Arc<dyn RealToComplex<T>> {
    T::r2c_plans().get_or_plan(len, || RealFftPlanner::new().plan_fft_forward(len))
}

/// The complex-to-real plan giving `len` real points.
pub fn c2r<T: FftFloat>(len: usize) -> Arc<dyn ComplexToReal<T>> {
    T::c2r_plans().get_or_plan(len, || RealFftPlanner::new().plan_fft_inverse(len))
}

/// A zeroed vector of `len` elements, or MemoryError.
pub fn try_zeroed<T: Copy>(len: usize, zero: T) -> crate::error::Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        crate::error::Error::Memory(format!(
            "Unable to allocate {} elements of {} bytes for an FFT work buffer",
            len,
            std::mem::size_of::<T>()
        ))
    })?;
    v.resize(len, zero);
    Ok(v)
}

/// A real zero.
pub fn rzero<T: FftFloat>() -> T {
    T::zero()
}

/// A complex zero.
pub fn czero<T: FftFloat>() -> Complex<T> {
    Complex::new(T::zero(), T::zero())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_is_bounded_and_reuses_plans() {
        let a = c2c::<f32>(12, false);
        let b = c2c::<f32>(12, false);
        assert!(Arc::ptr_eq(&a, &b));
        for len in 1..(3 * CAPACITY) {
            r2c::<f32>(len);
        }
        assert!(f32::r2c_plans().len() <= CAPACITY);
    }
}
