//! Matrix times vector, `y = A·x`, for float32 and float64 when A's rows are contiguous (a
//! C-ordered matrix): one dot product per row, four rows at a time.
//!
//! The product reads each element of A once and does one multiply-add with it, so its speed
//! is the speed of streaming A. Four rows share each load of x, and each row keeps two
//! registers of partial sums (eight independent multiply-add chains, enough to cover the
//! latency of the fused multiply-add on two ports). Rows are shared out to threads: with A in
//! the last-level cache, two cores stream it about twice as fast as one.
//! faer's matrix-vector product measured 0.8–0.9 ms at 2000×2000 float64 on one thread (it
//! does not split a product this small), NumPy with OpenBLAS 0.3–0.45 ms.

use super::Product;
use crate::buffer::vec_with_capacity;
use crate::kernels::parallel;

/// A product of at least this many elements of A is split across threads.
const THREADED_ELEMENTS: usize = 1 << 18;

/// The real floats this kernel is written for.
pub(crate) trait RowDot: Copy + Send + Sync + Default + 'static {
    /// Partial sums per row: two AVX-512 registers' worth.
    const LANES: usize;
    fn mul_add(self, b: Self, c: Self) -> Self;
    fn add(self, b: Self) -> Self;
}

macro_rules! row_dot {
    ($($t:ty => $lanes:expr),*) => {$(
        impl RowDot for $t {
            const LANES: usize = $lanes;
            #[inline(always)]
            fn mul_add(self, b: Self, c: Self) -> Self {
                <$t>::mul_add(self, b, c)
            }
            #[inline(always)]
            fn add(self, b: Self) -> Self {
                self + b
            }
        }
    )*};
}
row_dot!(f32 => 32, f64 => 16);

/// Whether `p` is a product this kernel takes: one column of result, rows of A contiguous.
pub(crate) fn applies<T>(p: &Product<T>) -> bool {
    p.m == 1 && p.a.cs == 1 && p.n >= 1 && p.k >= 1
}

/// `p` (which `applies`) on up to `threads` threads; returns whether it used more than one.
/// Returns None when x's copy could not be allocated (the caller falls back).
///
/// # Safety
/// As `reference::matmul`.
pub(crate) unsafe fn gemv<T: RowDot>(p: Product<T>, threads: usize) -> Option<bool> {
    let Product { n, k, c, a, b, .. } = p;
    // x contiguous: a view of b's column, or a copy when it is strided.
    let copy;
    let x: &[T] = if b.rs == 1 {
        std::slice::from_raw_parts(b.ptr, k)
    } else {
        let mut v = vec_with_capacity(k).ok()?;
        v.extend((0..k).map(|q| b.get(q, 0)));
        copy = v;
        &copy
    };
    let rows = |start: usize, end: usize| {
        // The whole `Mat`s are captured (they are Sync), not their pointer fields.
        let (a, c) = (a, c);
        // SAFETY: rows start..end of A lie inside it, each `k` contiguous elements (cs == 1);
        // each call writes only its own rows of the result.
        unsafe { dot_rows_for_cpu(start..end, a.ptr, a.rs, x, c.ptr, c.rs) }
    };
    let split = threads > 1 && n >= 2 * threads && n.saturating_mul(k) >= THREADED_ELEMENTS;
    if split {
        let chunks = threads;
        parallel::share(chunks, |i| rows(i * n / chunks, (i + 1) * n / chunks));
    } else {
        rows(0, n);
    }
    Some(split)
}

/// `dot_rows` compiled for the CPU's instruction set. Not through `kernels::cpu::vectorize`:
/// its closure was left out of line here, so `mul_add` became a call to libm's `fma` (2.7 ns
/// an element); a `target_feature` function inlines `dot_rows` and its fused multiply-adds.
///
/// # Safety
/// As `dot_rows`.
unsafe fn dot_rows_for_cpu<T: RowDot>(
    rows: std::ops::Range<usize>,
    a: *const T,
    lda: isize,
    x: &[T],
    y: *mut T,
    ys: isize,
) {
    #[cfg(target_arch = "x86_64")]
    {
        use crate::kernels::cpu::arch;
        /// # Safety
        /// As `dot_rows`, on a CPU with AVX-512F and FMA.
        #[target_feature(enable = "avx512f,fma")]
        unsafe fn v4<T: RowDot>(
            r: std::ops::Range<usize>,
            a: *const T,
            l: isize,
            x: &[T],
            y: *mut T,
            s: isize,
        ) {
            dot_rows(r, a, l, x, y, s)
        }
        /// # Safety
        /// As `dot_rows`, on a CPU with AVX2 and FMA.
        #[target_feature(enable = "avx2,fma")]
        unsafe fn v3<T: RowDot>(
            r: std::ops::Range<usize>,
            a: *const T,
            l: isize,
            x: &[T],
            y: *mut T,
            s: isize,
        ) {
            dot_rows(r, a, l, x, y, s)
        }
        match arch() {
            pulp::Arch::V4(_) => return v4(rows, a, lda, x, y, ys),
            pulp::Arch::V3(_) => return v3(rows, a, lda, x, y, ys),
            _ => {}
        }
    }
    dot_rows(rows, a, lda, x, y, ys)
}

/// `y[i] = Σ_q A[i, q]·x[q]` for the rows `rows`; A's row `i` starts at `a + i·lda`.
///
/// # Safety
/// Each row in `rows` addresses `x.len()` initialized elements of A; `y + i·ys` is writable
/// for each row and read by no one else meanwhile.
#[inline(always)]
unsafe fn dot_rows<T: RowDot>(
    rows: std::ops::Range<usize>,
    a: *const T,
    lda: isize,
    x: &[T],
    y: *mut T,
    ys: isize,
) {
    let k = x.len();
    let row = |i: usize| std::slice::from_raw_parts(a.offset(i as isize * lda), k);
    let mut i = rows.start;
    while i + 4 <= rows.end {
        let r = [row(i), row(i + 1), row(i + 2), row(i + 3)];
        let sums = dot_block::<T, 4>(r, x);
        for (d, s) in sums.into_iter().enumerate() {
            *y.offset((i + d) as isize * ys) = s;
        }
        i += 4;
    }
    for i in i..rows.end {
        *y.offset(i as isize * ys) = dot_block::<T, 1>([row(i)], x)[0];
    }
}

/// The dot products of `R` rows with `x`: `T::LANES` partial sums per row, one load of x for
/// all rows, then each row's sums added pairwise and the tail in order.
#[inline(always)]
fn dot_block<T: RowDot, const R: usize>(rows: [&[T]; R], x: &[T]) -> [T; R] {
    const MAX_LANES: usize = 32;
    let lanes = T::LANES;
    let mut acc = [[T::default(); MAX_LANES]; R];
    let body = x.len() / lanes * lanes;
    for j in (0..body).step_by(lanes) {
        let xs = &x[j..j + lanes];
        for (r, row) in rows.iter().enumerate() {
            let row = &row[j..j + lanes];
            for l in 0..lanes {
                acc[r][l] = row[l].mul_add(xs[l], acc[r][l]);
            }
        }
    }
    let mut sums = [T::default(); R];
    for r in 0..R {
        let mut width = lanes;
        while width > 1 {
            width /= 2;
            for l in 0..width {
                acc[r][l] = acc[r][l].add(acc[r][l + width]);
            }
        }
        let mut s = acc[r][0];
        for j in body..x.len() {
            s = rows[r][j].mul_add(x[j], s);
        }
        sums[r] = s;
    }
    sums
}
