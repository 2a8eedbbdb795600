//! Matrix-vector products of real floats whose matrix rows and vector are contiguous (`A @ x`
//! with a C-ordered A): one dot product per row, in `LANES` independent accumulators that the
//! compiler keeps in vector registers, rows shared out to threads. faer's product for this
//! layout ran at half the speed of NumPy's (OpenBLAS gemv) at 2000×2000 here and did not
//! split across threads.

use super::Product;
use crate::dtype::element::Arith;
use crate::kernels::reference::{lane_tree, LANES};
use crate::kernels::{cpu, parallel};

/// Whether `p` is a product this kernel takes: one column, contiguous rows and vector.
pub fn applies<T>(p: &Product<T>) -> bool {
    p.m == 1 && p.a.cs == 1 && p.b.rs == 1
}

/// `c[i] = A[i, :] · x` for every row, on `threads` threads; returns whether the rows were
/// split across threads.
///
/// # Safety
/// As `reference::matmul`, and `applies(&p)`.
pub unsafe fn rows<T: Arith>(p: Product<T>, threads: usize) -> bool {
    let Product { n, k, c, a, b, .. } = p;
    // SAFETY: the vector is contiguous (`applies`): k elements from its first.
    let x = unsafe { std::slice::from_raw_parts(b.ptr as *const T, k) };
    let run = |start: usize, end: usize| {
        let (a, c) = (a, c); // whole `Mat`s in the closure (they are Sync), not their pointers
        cpu::vectorize(
            #[inline(always)]
            || {
                for i in start..end {
                    // SAFETY: row i is contiguous (`applies`) and lies inside A.
                    let row =
                        unsafe { std::slice::from_raw_parts(a.ptr.offset(i as isize * a.rs), k) };
                    // SAFETY: [i, 0] lies inside C, and only this call writes row i.
                    unsafe { c.set(i, 0, dot(row, x)) };
                }
            },
        )
    };
    let chunks = (4 * threads).min(n);
    if threads > 1 && chunks > 1 {
        parallel::share(chunks, |q| run(q * n / chunks, (q + 1) * n / chunks));
        true
    } else {
        run(0, n);
        false
    }
}

/// `Σ a[i] * b[i]`: element `i` goes to accumulator `i % LANES`, the accumulators are summed
/// pairwise, then the tail.
#[inline(always)]
fn dot<T: Arith>(a: &[T], b: &[T]) -> T {
    let mut acc = [T::zero_pos(); LANES];
    let full = a.len() - a.len() % LANES;
    for (ca, cb) in a[..full]
        .chunks_exact(LANES)
        .zip(b[..full].chunks_exact(LANES))
    {
        for l in 0..LANES {
            acc[l] = T::add(acc[l], T::mul(ca[l], cb[l]));
        }
    }
    let mut sum = lane_tree(&acc, T::add);
    for (&x, &y) in a[full..].iter().zip(&b[full..]) {
        sum = T::add(sum, T::mul(x, y));
    }
    sum
}
