//! The kernels against the reference loop on every layout faer and the blocked loop accept
//! (row- and column-major, strided, reversed, broadcast), called directly (no tier switch).

use super::gemm::Gemm;
use super::{reference, Mat, Product};
use crate::dtype::element::CastTo;
use crate::BoolByte;
use num_complex::Complex64;

/// A matrix stored with the given layout in a buffer of its own: `transposed` stores it
/// column-major, `step` spaces rows (columns) apart, `reversed` flips both axes, `broadcast`
/// repeats the first row (row stride 0).
struct Stored<T> {
    data: Vec<T>,
    mat: Mat<T>,
}

#[derive(Copy, Clone, Debug)]
struct Layout {
    transposed: bool,
    step: usize,
    reversed: bool,
    broadcast: bool,
}

const LAYOUTS: [Layout; 5] = [
    Layout {
        transposed: false,
        step: 1,
        reversed: false,
        broadcast: false,
    },
    Layout {
        transposed: true,
        step: 1,
        reversed: false,
        broadcast: false,
    },
    Layout {
        transposed: false,
        step: 3,
        reversed: true,
        broadcast: false,
    },
    Layout {
        transposed: true,
        step: 2,
        reversed: true,
        broadcast: false,
    },
    Layout {
        transposed: false,
        step: 1,
        reversed: false,
        broadcast: true,
    },
];

fn store<T: Copy + Default>(
    rows: usize,
    cols: usize,
    value: impl Fn(usize, usize) -> T,
    l: Layout,
) -> Stored<T> {
    let (inner, outer) = if l.transposed {
        (rows, cols)
    } else {
        (cols, rows)
    };
    let lead = inner * l.step;
    let mut data = vec![T::default(); lead * outer];
    let (mut rs, mut cs) = if l.transposed {
        (l.step as isize, lead as isize)
    } else {
        (lead as isize, l.step as isize)
    };
    let mut origin = 0isize;
    if l.reversed {
        origin = (rows as isize - 1) * rs + (cols as isize - 1) * cs;
        rs = -rs;
        cs = -cs;
    }
    for i in 0..rows {
        for j in 0..cols {
            let src = if l.broadcast { 0 } else { i };
            data[(origin + i as isize * rs + j as isize * cs) as usize] = value(src, j);
        }
    }
    if l.broadcast {
        rs = 0;
    }
    let ptr = data.as_mut_ptr().wrapping_offset(origin);
    Stored {
        data,
        mat: Mat { ptr, rs, cs },
    }
}

fn value<T>(seed: usize) -> impl Fn(usize, usize) -> T
where
    i64: CastTo<T>,
{
    move |i, j| (((i * 31 + j * 17 + seed) % 23) as i64 - 11).cast()
}

/// `reference::matmul` and `T::gemm` (one and two threads) on every pair of layouts; `close`
/// judges the fast result against the reference's.
fn check<T: Gemm + Default + std::fmt::Debug>(
    n: usize,
    k: usize,
    m: usize,
    close: impl Fn(T, T) -> bool,
) where
    i64: CastTo<T>,
{
    for la in LAYOUTS {
        for lb in LAYOUTS {
            let a = store(n, k, value::<T>(1), la);
            let b = store(k, m, value::<T>(2), lb);
            let mut want = vec![T::default(); n * m];
            let wm = Mat {
                ptr: want.as_mut_ptr(),
                rs: m as isize,
                cs: 1,
            };
            // SAFETY: every Mat addresses its own buffer, filled above.
            unsafe {
                reference::matmul(Product {
                    n,
                    k,
                    m,
                    c: wm,
                    a: a.mat,
                    b: b.mat,
                })
            };
            for threads in [1, 2] {
                let mut got = vec![T::default(); n * m];
                let c = store(
                    n,
                    m,
                    |_, _| T::default(),
                    Layout {
                        transposed: true,
                        step: 2,
                        reversed: true,
                        broadcast: false,
                    },
                );
                // SAFETY: as above; C is a buffer of its own.
                unsafe {
                    T::gemm(
                        Product {
                            n,
                            k,
                            m,
                            c: c.mat,
                            a: a.mat,
                            b: b.mat,
                        },
                        threads,
                    )
                };
                for i in 0..n {
                    for j in 0..m {
                        // SAFETY: [i, j] lies in C.
                        got[i * m + j] = unsafe { c.mat.get(i, j) };
                    }
                }
                for (x, y) in got.iter().zip(&want) {
                    assert!(
                        close(*x, *y),
                        "{n}x{k}x{m} {la:?} {lb:?} threads {threads}: {x:?} vs {y:?}"
                    );
                }
                drop(c.data);
            }
            drop((a.data, b.data));
        }
    }
}

#[test]
fn fast_products_match_the_reference_loop_on_every_layout() {
    // Small values: float sums of integers are exact in any order.
    for (n, k, m) in [
        (1, 1, 1),
        (4, 4, 4),
        (3, 7, 5),
        (1, 40, 33),
        (33, 40, 1),
        (17, 70, 19),
    ] {
        check::<f64>(n, k, m, |x, y| x == y);
        check::<f32>(n, k, m, |x, y| x == y);
        check::<Complex64>(n, k, m, |x, y| x == y);
        check::<i64>(n, k, m, |x, y| x == y);
        check::<i8>(n, k, m, |x, y| x == y);
        check::<u16>(n, k, m, |x, y| x == y);
        check::<BoolByte>(n, k, m, |x, y| x.get() == y.get());
    }
}

#[test]
fn the_blocked_loop_crosses_its_block_edges() {
    // More rows than a block, deeper than a panel, wider than a block of columns.
    check::<i32>(40, 200, 300, |x, y| x == y);
    check::<u8>(33, 129, 257, |x, y| x == y);
}

#[test]
fn matrix_vector_rows_split_across_threads_and_blocks_of_four() {
    // 2^18 elements and more: `gemv` shares rows out; 1027 rows leave a partial block of four
    // and k = 517 a tail after the last full register of lanes. Values are small integers, so
    // every order of summation is exact.
    check::<f64>(1027, 517, 1, |x, y| x == y);
    check::<f32>(1027, 261, 1, |x, y| x == y);
}
