//! Set operations on 1-d arrays, as NumPy's `arraysetops`: `union1d`, `intersect1d` (with
//! the indices of the common values), `setdiff1d`, `setxor1d`. Inputs are flattened; the
//! work is `unique`, `sort` and `isin`'s, so each runs at the current tier.

use super::lanes::Plan;
use super::order::SortElement;
use super::search::membership;
use super::unique::unique;
use super::{argsort_values, sort, ArgScratch};
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::promote_types;
use crate::error::Result;
use crate::kernels::current_tier;
use crate::ops::cast::astype;
use crate::ops::manipulate::concatenate;
use crate::with_dtype;
use crate::Casting;

fn flat(a: &Array) -> Result<Array> {
    a.reshape(&[-1])
}

fn unique_values(a: &Array) -> Result<Array> {
    Ok(unique(a, None, true, false)?.values)
}

fn joined(a: &Array, b: &Array) -> Result<Array> {
    concatenate(&[a.clone(), b.clone()], None, None, Casting::SameKind)
}

/// `numpy.union1d(ar1, ar2)`: the sorted distinct values of both.
pub fn union1d(a: &Array, b: &Array) -> Result<Array> {
    unique_values(&joined(a, b)?)
}

/// `numpy.intersect1d(ar1, ar2, assume_unique, return_indices)`: the sorted values in both,
/// and (always computed) the index of each one's first occurrence in `ar1` and in `ar2`.
pub fn intersect1d(a: &Array, b: &Array, assume_unique: bool) -> Result<(Array, Array, Array)> {
    let dtype = promote_types(a.dtype(), b.dtype());
    let (a, b) = (astype(&flat(a)?, dtype)?, astype(&flat(b)?, dtype)?);
    let (a, index_a, b, index_b) = if assume_unique {
        (a.clone(), None, b.clone(), None)
    } else {
        let (ua, ub) = (
            unique(&a, None, true, false)?,
            unique(&b, None, true, false)?,
        );
        (
            ua.values,
            Some(ua.index.to_vec::<i64>()?),
            ub.values,
            Some(ub.index.to_vec::<i64>()?),
        )
    };
    let n1 = a.size();
    let aux = joined(&a, &b)?;
    with_dtype!(dtype, T => {
        let v = aux.to_vec::<T>()?;
        let (mut values, mut ia, mut ib) = (Vec::new(), Vec::new(), Vec::new());
        for (i, j) in equal_neighbours(&v)? {
            values.push(v[i]);
            ia.push(original(&index_a, i as i64));
            ib.push(original(&index_b, j as i64 - n1 as i64));
        }
        let k = values.len();
        Ok((Array::from_vec(values, &[k])?, Array::from_vec(ia, &[k])?, Array::from_vec(ib, &[k])?))
    })
}

/// Positions `(i, j)` of equal (`==`) neighbours in the stable sort of `v`; in `ar1 + ar2`
/// the first comes from ar1 and the second from ar2.
fn equal_neighbours<T: SortElement>(v: &[T]) -> Result<Vec<(usize, usize)>> {
    let plan = Plan::new(current_tier(), 1, v.len());
    let mut s = ArgScratch::<T::Key>::new(v.len())?;
    argsort_values(&plan, v, &mut s);
    Ok(s.index
        .windows(2)
        .filter(|w| v[w[0]] == v[w[1]])
        .map(|w| (w[0], w[1]))
        .collect())
}

/// Index `i` of a unique array mapped back to its input (unchanged when no map).
fn original(map: &Option<Vec<i64>>, i: i64) -> i64 {
    match map {
        Some(m) => usize::try_from(i)
            .ok()
            .and_then(|i| m.get(i))
            .copied()
            .unwrap_or(i),
        None => i,
    }
}

/// `numpy.setdiff1d(ar1, ar2, assume_unique)`: the values of `ar1` not in `ar2` (sorted and
/// distinct unless `assume_unique`), in `ar1`'s dtype.
pub fn setdiff1d(a: &Array, b: &Array, assume_unique: bool) -> Result<Array> {
    let (a, b) = if assume_unique {
        (flat(a)?, flat(b)?)
    } else {
        (unique_values(a)?, unique_values(b)?)
    };
    let dtype = promote_types(a.dtype(), b.dtype());
    let hits = with_dtype!(dtype, T => {
        membership::<T>(&astype(&a, dtype)?.to_vec::<T>()?, &astype(&b, dtype)?.to_vec::<T>()?)?
    });
    with_dtype!(a.dtype(), T => {
        let v = a.to_vec::<T>()?;
        let mut kept = vec_with_capacity(v.len())?;
        kept.extend(v.iter().zip(&hits).filter(|(_, &h)| !h).map(|(&x, _)| x));
        let k = kept.len();
        Array::from_vec(kept, &[k])
    })
}

/// `numpy.setxor1d(ar1, ar2, assume_unique)`: the sorted values in exactly one of the two.
pub fn setxor1d(a: &Array, b: &Array, assume_unique: bool) -> Result<Array> {
    let (a, b) = if assume_unique {
        (a.clone(), b.clone())
    } else {
        (unique_values(a)?, unique_values(b)?)
    };
    let aux = sort(&joined(&a, &b)?, Some(0), false)?;
    with_dtype!(aux.dtype(), T => {
        let v = aux.to_vec::<T>()?;
        let n = v.len();
        // Keep an element that differs (`!=`, so NaNs always do) from both neighbours.
        let differs = |i: usize, j: usize| v[i] != v[j];
        let mut kept = vec_with_capacity(n)?;
        kept.extend((0..n).filter(|&i| (i == 0 || differs(i - 1, i)) && (i + 1 == n || differs(i, i + 1))).map(|i| v[i]));
        let k = kept.len();
        Array::from_vec(kept, &[k])
    })
}
