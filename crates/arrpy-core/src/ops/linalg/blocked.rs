//! Integer and bool products at the simd and parallel tiers. No BLAS exists for these types
//! (NumPy runs a plain loop for them too); this is that loop arranged for the cache and the
//! vector units, written once for every element type.
//!
//! A block of C (`ROWS` rows by up to `COLS` columns) is accumulated in a contiguous buffer
//! while B passes by in panels of `DEPTH` rows, each packed contiguous once per block; the
//! innermost loop adds `A[i, q]` times a panel row to an accumulator row, both contiguous, which
//! the compiler vectorizes. Sums wrap in the element type, as NumPy's do.

use super::Product;
use crate::dtype::element::Arith;
use crate::kernels::{cpu, parallel};

const ROWS: usize = 32;
const COLS: usize = 256;
const DEPTH: usize = 128;

/// `C = A·B` (`n×k` by `k×m`, each at least 1), row blocks shared out to `threads` threads;
/// returns whether they were.
///
/// # Safety
/// As `reference::matmul`.
pub unsafe fn matmul<T: Arith>(p: Product<T>, threads: usize) -> bool {
    let blocks = p.n.div_ceil(ROWS);
    let block = |blk: usize| {
        let rows = blk * ROWS..((blk + 1) * ROWS).min(p.n);
        // SAFETY: the caller's conditions; each block writes its own rows of C.
        unsafe { row_block(rows, p) }
    };
    let split = threads > 1 && blocks > 1;
    if split {
        parallel::share(blocks, block);
    } else {
        (0..blocks).for_each(block);
    }
    split
}

/// Rows `rows` of C, block of columns by block of columns.
///
/// # Safety
/// As `matmul`; only rows `rows` of C are written.
unsafe fn row_block<T: Arith>(rows: std::ops::Range<usize>, p: Product<T>) {
    let Product { k, m, c, a, b, .. } = p;
    let width = COLS.min(m);
    // Buffers of at most ROWS×COLS and DEPTH×COLS elements, whatever the input's size.
    let mut acc = vec![T::zero_pos(); rows.len() * width];
    let mut panel = vec![T::zero_pos(); DEPTH.min(k) * width];
    for j0 in (0..m).step_by(COLS) {
        let w = COLS.min(m - j0);
        acc.fill(T::zero_pos());
        for p0 in (0..k).step_by(DEPTH) {
            let d = DEPTH.min(k - p0);
            for q in 0..d {
                for j in 0..w {
                    panel[q * w + j] = b.get(p0 + q, j0 + j);
                }
            }
            let (acc, panel) = (&mut acc, &panel);
            cpu::vectorize(
                #[inline(always)]
                || {
                    for (r, i) in rows.clone().enumerate() {
                        let acc_row = &mut acc[r * w..(r + 1) * w];
                        for q in 0..d {
                            // SAFETY: [i, p0 + q] lies inside A (i < n, p0 + q < k).
                            let x = unsafe { a.get(i, p0 + q) };
                            let panel_row = &panel[q * w..(q + 1) * w];
                            for (s, &y) in acc_row.iter_mut().zip(panel_row) {
                                *s = T::add(*s, T::mul(x, y));
                            }
                        }
                    }
                },
            );
        }
        for (r, i) in rows.clone().enumerate() {
            for j in 0..w {
                c.set(i, j0 + j, acc[r * w + j]);
            }
        }
    }
}
