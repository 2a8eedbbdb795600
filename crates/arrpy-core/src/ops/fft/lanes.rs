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

/// Whether a block of lanes is better read and written element row by element row (all the
/// lanes' k-th elements, then the (k+1)-th) than lane by lane: when each lane's elements are
/// in different cache lines, as along axis 0 of a C-ordered matrix. Lane by lane there touches
/// one cache line and one page per element for each lane in turn; row by row reads adjacent
/// lanes' elements side by side (fft2's second pass: 3x fewer misses).
pub fn by_rows(lanes: &Lanes, rows: usize) -> bool {
    rows > 1 && lanes.stride.unsigned_abs() > 64
}

/// `read_lane` for the lanes `rows` of `lanes` into consecutive `n`-element slots of `to`, row
/// by row.
///
/// # Safety
/// As `read_lane`, for each start `lanes.starts[r]` of `rows`; `to.len() == rows.len() · n`.
pub unsafe fn read_rows<S: Sample>(
    base: *const u8,
    lanes: &Lanes,
    rows: std::ops::Range<usize>,
    len: usize,
    n: usize,
    to: &mut [Complex<S::Real>],
) {
    let take = len.min(n);
    let starts = &lanes.starts[rows];
    for k in 0..take {
        let row = lanes.stride * k as isize;
        for (j, &start) in starts.iter().enumerate() {
            to[j * n + k] = (base.offset(start + row) as *const S).read().complex();
        }
    }
    for lane in to.chunks_exact_mut(n) {
        lane[take..].fill(czero());
    }
}

/// `write_lane` of consecutive `n`-element slots of `from` to the lanes `rows`, row by row.
///
/// # Safety
/// As `write_lane`, for each start `lanes.starts[r]` of `rows`; `from.len() == rows.len() · n`.
pub unsafe fn write_rows<V: Copy>(
    base: *mut u8,
    lanes: &Lanes,
    rows: std::ops::Range<usize>,
    n: usize,
    from: &[V],
) {
    let starts = &lanes.starts[rows];
    for k in 0..n {
        let row = lanes.stride * k as isize;
        for (j, &start) in starts.iter().enumerate() {
            (base.offset(start + row) as *mut V).write(from[j * n + k]);
        }
    }
}
