//! Chains of matrix products: `multi_dot` in the cheapest parenthesization (the textbook
//! matrix-chain dynamic program, as NumPy's) and `matrix_power` by repeated squaring (NumPy's
//! order of products). Both are `matmul`s; the Python layer raises `LinAlgError` for operands
//! of the wrong number of dimensions before calling here.

use super::matmul::matmul;
use super::products::{check_dot_out, not_aligned};
use super::stack::Stack;
use crate::array::Array;
use crate::dtype::promote_types;
use crate::error::{Error, Result};
use crate::ops::cast::{assign, astype};
use crate::ops::creation::eye;
use crate::Casting;

/// The longest chain whose cheapest order `multi_dot` searches for.
pub const MAX_ORDERED: usize = 256;

/// The cheapest split of each sub-chain: `split[i][j] = s` means `(A_i..A_s)(A_s+1..A_j)`.
/// Matrix `i` is `dims[i] × dims[i + 1]`; a product costs `rows · inner · cols`. Ties go to
/// the first split, as NumPy's.
pub fn chain_order(dims: &[usize]) -> Vec<Vec<usize>> {
    let n = dims.len().saturating_sub(1);
    let mut cost = vec![vec![0f64; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for len in 1..n {
        for i in 0..n - len {
            let j = i + len;
            cost[i][j] = f64::INFINITY;
            for s in i..j {
                let c = cost[i][s]
                    + cost[s + 1][j]
                    + dims[i] as f64 * dims[s + 1] as f64 * dims[j + 1] as f64;
                if c < cost[i][j] {
                    cost[i][j] = c;
                    split[i][j] = s;
                }
            }
        }
    }
    split
}

/// `numpy.linalg.multi_dot(arrays, out=out)` of three or more arrays: the first may be 1-d
/// (a row), the last 1-d (a column), the others 2-d. `out` takes the 2-d product (dot's rules:
/// its exact shape and dtype, C-contiguous); the result drops the axes of the 1-d ends.
pub fn multi_dot(arrays: &[Array], out: Option<&Array>) -> Result<Array> {
    let n = arrays.len();
    if n < 3 {
        return Err(Error::Value(format!(
            "multi_dot: expecting at least three arrays here, got {n}"
        )));
    }
    let first_vector = arrays[0].ndim() == 1;
    let last_vector = arrays[n - 1].ndim() == 1;
    let mut mats: Vec<Array> = arrays.to_vec();
    if first_vector {
        mats[0] = mats[0].insert_axis(0);
    }
    if last_vector {
        mats[n - 1] = mats[n - 1].insert_axis(1);
    }
    if let Some(x) = mats.iter().find(|x| x.ndim() != 2) {
        return Err(Error::LinAlg(format!(
            "{}-dimensional array given. Array must be two-dimensional",
            x.ndim()
        )));
    }
    for w in mats.windows(2) {
        if w[0].shape()[1] != w[1].shape()[0] {
            return Err(not_aligned(&w[0], &w[1], 1, 0));
        }
    }
    let dtype = mats
        .iter()
        .skip(1)
        .fold(mats[0].dtype(), |d, x| promote_types(d, x.dtype()));
    let product_shape = [mats[0].shape()[0], mats[n - 1].shape()[1]];
    if let Some(out) = out {
        check_dot_out(out, &product_shape, dtype)?;
    }
    let mut dims: Vec<usize> = mats.iter().map(|x| x.shape()[0]).collect();
    dims.push(product_shape[1]);
    // Past `MAX_ORDERED` matrices the O(n^3) search would outlast any product: left to right.
    let split = if n <= MAX_ORDERED {
        chain_order(&dims)
    } else {
        (0..n)
            .map(|i| (0..n).map(|j| j.max(i + 1) - 1).collect())
            .collect()
    };
    // The sub-chains the order needs, computed shortest first (no recursion on the input).
    let mut needed = vec![(0, n - 1)];
    let mut pending = vec![(0, n - 1)];
    while let Some((i, j)) = pending.pop() {
        let s = split[i][j];
        for (a, b) in [(i, s), (s + 1, j)] {
            if a < b {
                needed.push((a, b));
                pending.push((a, b));
            }
        }
    }
    needed.sort_by_key(|&(i, j)| j - i);
    let mut done: Vec<Option<Array>> = vec![None; n * n];
    for (i, x) in mats.iter().enumerate() {
        done[i * n + i] = Some(x.clone());
    }
    for &(i, j) in &needed {
        let s = split[i][j];
        let (left, right) = (&done[i * n + s], &done[(s + 1) * n + j]);
        let (Some(left), Some(right)) = (left, right) else {
            return Err(Error::Value(
                "multi_dot: a sub-chain was not computed".into(),
            ));
        };
        done[i * n + j] = Some(matmul(left, right, None)?);
    }
    let Some(product) = done[n - 1].take() else {
        return Err(Error::Value("multi_dot: the chain was not computed".into()));
    };
    let product = match out {
        Some(out) => {
            assign(out, &product, Casting::Unsafe)?;
            out.clone()
        }
        None => product,
    };
    let shape: Vec<isize> = [
        (!first_vector, product_shape[0]),
        (!last_vector, product_shape[1]),
    ]
    .iter()
    .filter(|(keep, _)| *keep)
    .map(|&(_, d)| d as isize)
    .collect();
    product.reshape(&shape)
}

/// `numpy.linalg.matrix_power(a, n)` for `n >= 0` over the stack `a` (..., m, m): the identity
/// of a's dtype for 0, `a` itself for 1, else NumPy's products (a·a, (a·a)·a, then squaring).
pub fn matrix_power(a: &Array, n: u64) -> Result<Array> {
    let m = Stack::square(a.shape())?.rows;
    match n {
        0 => astype(
            &eye(m, m, 0, a.dtype())?.broadcast_to(a.shape())?,
            a.dtype(),
        ),
        1 => Ok(a.clone()),
        2 => matmul(a, a, None),
        3 => matmul(&matmul(a, a, None)?, a, None),
        _ => {
            let (mut z, mut result): (Option<Array>, Option<Array>) = (None, None);
            let mut n = n;
            while n > 0 {
                let square = match &z {
                    None => a.clone(),
                    Some(z) => matmul(z, z, None)?,
                };
                if n % 2 == 1 {
                    result = Some(match result {
                        None => square.clone(),
                        Some(r) => matmul(&r, &square, None)?,
                    });
                }
                z = Some(square);
                n /= 2;
            }
            result.ok_or_else(|| Error::Value("matrix_power: no product".into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_order_is_the_cheapest() {
        // 10×100, 100×5, 5×50: (AB)C costs 5000 + 2500, A(BC) 25000 + 50000.
        let split = chain_order(&[10, 100, 5, 50]);
        assert_eq!(split[0][2], 1);
        // 50×10, 10×40, 40×30, 30×5: A(B(CD)) is cheapest.
        let split = chain_order(&[50, 10, 40, 30, 5]);
        assert_eq!((split[0][3], split[1][3], split[2][3]), (0, 1, 2));
    }

    #[test]
    fn powers_match_repeated_products() {
        let a = Array::from_vec(vec![1i64, 1, 1, 0], &[2, 2]).unwrap();
        // Fibonacci: [[1, 1], [1, 0]]^n = [[F(n+1), F(n)], [F(n), F(n-1)]].
        let p = matrix_power(&a, 10).unwrap();
        let values: Vec<String> = p
            .to_scalars()
            .unwrap()
            .iter()
            .map(|s| format!("{s:?}"))
            .collect();
        assert!(values[1].contains("55"), "{values:?}");
        let i = matrix_power(&a, 0).unwrap();
        assert_eq!(i.dtype(), a.dtype());
        assert!(matches!(
            matrix_power(&Array::zeros(a.dtype(), &[2, 3]).unwrap(), 2),
            Err(Error::LinAlg(_))
        ));
    }
}
