//! LU factorization with partial pivoting (Golub & Van Loan, Algorithm 3.4.1) and the solves
//! built on it: `P·A = L·U` with L unit lower triangular and U upper triangular, stored
//! together in A's place (L below the diagonal, U on and above it).

use crate::ops::linalg::field::Field;
use crate::ops::linalg::stack::Work;

/// Factors the square `a` in place. Returns `perm` (row `i` of `P·A` is row `perm[i]` of A)
/// and whether an odd number of row swaps was made (the sign of det P).
///
/// At step `k` the largest entry of column `k` on or below the diagonal (by modulus) is swapped
/// onto the diagonal, so every multiplier has modulus at most 1; a zero pivot (a singular
/// matrix) leaves its column as it is and the factorization goes on, as LAPACK's getrf does.
pub fn factor<T: Field>(a: &mut Work<T>) -> (Vec<usize>, bool) {
    let n = a.rows;
    let mut perm: Vec<usize> = (0..n).collect();
    let mut odd = false;
    for k in 0..n {
        let pivot = (k..n).fold(k, |best, i| {
            if a.at(i, k).modulus() > a.at(best, k).modulus() {
                i
            } else {
                best
            }
        });
        if pivot != k {
            for j in 0..n {
                let t = a.at(k, j);
                *a.at_mut(k, j) = a.at(pivot, j);
                *a.at_mut(pivot, j) = t;
            }
            perm.swap(k, pivot);
            odd = !odd;
        }
        let d = a.at(k, k);
        if d == T::ZERO {
            continue;
        }
        for i in k + 1..n {
            let l = a.at(i, k) / d;
            *a.at_mut(i, k) = l;
            for j in k + 1..n {
                *a.at_mut(i, j) = a.at(i, j) - l * a.at(k, j);
            }
        }
    }
    (perm, odd)
}

/// Overwrites the `n×m` matrix `b` with `A⁻¹·b`, given A's factors from `factor` (which must
/// have no zero pivot): permute the rows, then forward substitution with L, then back
/// substitution with U.
pub fn solve<T: Field>(lu: &Work<T>, perm: &[usize], b: &mut Work<T>) {
    let n = lu.rows;
    let mut column = vec![T::ZERO; n];
    for j in 0..b.cols {
        for (i, &p) in perm.iter().enumerate() {
            column[i] = b.at(p, j);
        }
        for i in 0..n {
            let mut x = column[i];
            for q in 0..i {
                x = x - lu.at(i, q) * column[q];
            }
            column[i] = x;
        }
        for i in (0..n).rev() {
            let mut x = column[i];
            for q in i + 1..n {
                x = x - lu.at(i, q) * column[q];
            }
            column[i] = x / lu.at(i, i);
        }
        for (i, &x) in column.iter().enumerate() {
            *b.at_mut(i, j) = x;
        }
    }
}
