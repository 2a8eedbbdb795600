//! The lanes a 1-d transform runs along: every line of an array parallel to one axis, found by
//! its starting byte offset, and the elements each dtype holds read as complex values of the
//! precision the transform computes in.

use super::plans::{czero, FftFloat};
use crate::array::Array;
use crate::error::{Error, Result};
use num_complex::{Complex, Complex32, Complex64};

/// An element a transform reads: a real or complex number of precision `Real`.
pub trait Sample: Copy + Send + Sync + 'static {
    type Real: FftFloat;
    fn complex(self) -> Complex<Self::Real>;
}

impl Sample for f32 {
    type Real = f32;
    fn complex(self) -> Complex32 {
        Complex::new(self, 0.0)
    }
}
impl Sample for f64 {
    type Real = f64;
    fn complex(self) -> Complex64 {
        Complex::new(self, 0.0)
    }
}
impl Sample for Complex32 {
    type Real = f32;
    fn complex(self) -> Complex32 {
        self
    }
}
impl Sample for Complex64 {
    type Real = f64;
    fn complex(self) -> Complex64 {
        self
    }
}

/// The lanes of `x` along `axis`: the byte offset (from the data pointer) where each starts, in C
/// order over the other axes, and the byte stride along the lane.
pub struct Lanes {
    pub starts: Vec<isize>,
    pub stride: isize,
}

impl Lanes {
    pub fn of(x: &Array, axis: usize) -> Result<Lanes> {
        let (shape, strides) = (x.shape(), x.strides());
        let count: usize = shape
            .iter()
            .enumerate()
            .filter(|&(d, _)| d != axis)
            .map(|(_, &len)| len)
            .product();
        let mut starts = Vec::new();
        starts
            .try_reserve_exact(count)
            .map_err(|_| Error::Memory(format!("cannot list the {count} lanes of an FFT")))?;
        let others: Vec<usize> = (0..shape.len()).filter(|&d| d != axis).collect();
        let mut index = vec![0usize; others.len()];
        let mut offset = 0isize;
        for _ in 0..count {
            starts.push(offset);
            // Odometer over the other axes, last fastest.
            for (i, &d) in others.iter().enumerate().rev() {
                index[i] += 1;
                offset += strides[d];
                if index[i] < shape[d] {
                    break;
                }
                offset -= strides[d] * shape[d] as isize;
                index[i] = 0;
            }
        }
        Ok(Lanes {
            starts,
            stride: strides[axis],
        })
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

/// Copies the first `min(len, to.len())` elements of the lane at byte offset `start` of `base`
/// into `to` as complex values; the rest of `to` is zero (NumPy's zero padding to `n`).
///
/// # Safety
/// `base + start + k·stride` addresses an initialized `S` for every `k < len`.
pub unsafe fn read_lane<S: Sample>(
    base: *const u8,
    start: isize,
    stride: isize,
    len: usize,
    to: &mut [Complex<S::Real>],
) {
    let take = len.min(to.len());
    let mut p = base.offset(start);
    for slot in &mut to[..take] {
        *slot = (p as *const S).read().complex();
        p = p.wrapping_offset(stride);
    }
    for slot in &mut to[take..] {
        *slot = czero();
    }
}

/// Copies the first `min(len, to.len())` elements of the lane at byte offset `start` of `base`
/// into `to` as they are; the rest of `to` is `zero`.
///
/// # Safety
/// `base + start + k·stride` addresses an initialized `V` for every `k < len`.
pub unsafe fn read_values<V: Copy>(
    base: *const u8,
    start: isize,
    stride: isize,
    len: usize,
    to: &mut [V],
    zero: V,
) {
    let take = len.min(to.len());
    let mut p = base.offset(start);
    for slot in &mut to[..take] {
        *slot = (p as *const V).read();
        p = p.wrapping_offset(stride);
    }
    to[take..].fill(zero);
}

/// Writes `from` to the lane at byte offset `start` of `base`.
///
/// # Safety
/// `base + start + k·stride` addresses a `V` of a buffer no other thread touches, for every
/// `k < from.len()`.
pub unsafe fn write_lane<V: Copy>(base: *mut u8, start: isize, stride: isize, from: &[V]) {
    let mut p = base.offset(start);
    for &v in from {
        (p as *mut V).write(v);
        p = p.wrapping_offset(stride);
    }
}
