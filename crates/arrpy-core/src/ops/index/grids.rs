//! Index arrays built from shapes: `ix_` (open meshes), `unravel_index` and
//! `ravel_multi_index` (flat positions and coordinates), `diag_indices`, `tril_indices` and
//! `triu_indices`. Every result is int64 (NumPy's intp).

use super::nonzero::flatnonzero;
use super::take::Mode;
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::{DType, Kind};
use crate::error::{Error, Result};
use crate::layout;
use crate::ops::cast::astype;
use smallvec::SmallVec;

fn int64_values(a: &Array) -> Result<Vec<i64>> {
    astype(a, DType::Int64)?.to_vec::<i64>()
}

/// Position weights of `dims` in C (or Fortran) order.
fn weights(dims: &[usize], fortran: bool) -> Result<SmallVec<[i64; 4]>> {
    let size = layout::checked_size(dims)?;
    i64::try_from(size).map_err(|_| Error::Value("dimensions are too large".into()))?;
    let mut w: SmallVec<[i64; 4]> = SmallVec::from_elem(1, dims.len());
    let order: SmallVec<[usize; 4]> = if fortran {
        (0..dims.len()).collect()
    } else {
        (0..dims.len()).rev().collect()
    };
    let mut acc = 1i64;
    for &d in &order {
        w[d] = acc;
        acc *= dims[d] as i64;
    }
    Ok(w)
}

/// `numpy.ix_(*args)`: each 1-d sequence reshaped to run along its own axis of an open mesh;
/// a boolean one stands for its true positions.
pub fn ix_(args: &[Array]) -> Result<Vec<Array>> {
    let nd = args.len();
    args.iter()
        .enumerate()
        .map(|(k, a)| {
            if a.ndim() != 1 {
                return Err(Error::Value("Cross index must be 1 dimensional".into()));
            }
            let a = if a.dtype() == DType::Bool {
                flatnonzero(a)?
            } else {
                a.to_contiguous()?
            };
            let mut shape = vec![1isize; nd];
            shape[k] = a.size() as isize;
            a.reshape(&shape)
        })
        .collect()
}

/// `numpy.unravel_index(indices, shape, order=)`: the coordinates of flat positions.
pub fn unravel_index(indices: &Array, dims: &[usize], fortran: bool) -> Result<Vec<Array>> {
    if !matches!(indices.dtype().kind(), Kind::Signed | Kind::Unsigned) {
        return Err(Error::Type("only int indices permitted".into()));
    }
    let w = weights(dims, fortran)?;
    let size = layout::checked_size(dims)?;
    let flat = int64_values(indices)?;
    let mut out: Vec<Vec<i64>> = (0..dims.len())
        .map(|_| vec_with_capacity(flat.len()))
        .collect::<Result<_>>()?;
    for &v in &flat {
        if v < 0 || v as u64 >= size as u64 {
            return Err(Error::Value(format!(
                "index {v} is out of bounds for array with size {size}"
            )));
        }
        for (d, o) in out.iter_mut().enumerate() {
            o.push(v / w[d] % dims[d] as i64);
        }
    }
    out.into_iter()
        .map(|v| Array::from_vec(v, indices.shape()))
        .collect()
}

/// `numpy.ravel_multi_index(multi_index, dims, mode=, order=)`: flat positions of coordinates
/// (broadcast together); `modes` has one mode, or one per dimension.
pub fn ravel_multi_index(
    multi: &[Array],
    dims: &[usize],
    modes: &[Mode],
    fortran: bool,
) -> Result<Array> {
    if multi.len() != dims.len() {
        return Err(Error::Value(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    if modes.len() != 1 && modes.len() != dims.len() {
        return Err(Error::Value(
            "the number of modes must be 1 or the number of dimensions".into(),
        ));
    }
    if multi.iter().any(|a| !a.dtype().is_integer()) {
        return Err(Error::Type("only int indices permitted".into()));
    }
    let w = weights(dims, fortran)?;
    let shapes: Vec<&[usize]> = multi.iter().map(|a| a.shape()).collect();
    let shape = layout::broadcast_shapes(&shapes)?;
    let size = layout::checked_size(&shape)?;
    let mut flat: Vec<i64> = vec_with_capacity(size)?;
    flat.resize(size, 0);
    for (d, a) in multi.iter().enumerate() {
        let coords = int64_values(&a.broadcast_to(&shape)?)?;
        let (n, mode) = (dims[d] as i64, modes[if modes.len() == 1 { 0 } else { d }]);
        for (f, &c) in flat.iter_mut().zip(&coords) {
            let c = match mode {
                Mode::Raise if c < 0 || c >= n => {
                    return Err(Error::Value("invalid entry in coordinates array".into()))
                }
                Mode::Raise => c,
                Mode::Wrap if n > 0 => c.rem_euclid(n),
                Mode::Clip => c.clamp(0, (n - 1).max(0)),
                Mode::Wrap => 0,
            };
            *f += c * w[d];
        }
    }
    Array::from_vec(flat, &shape)
}

fn arange_i64(n: usize) -> Result<Array> {
    let mut v = vec_with_capacity(n)?;
    v.extend(0..n as i64);
    Array::from_vec(v, &[n])
}

/// `numpy.diag_indices(n, ndim)`: `ndim` copies of `arange(n)`.
pub fn diag_indices(n: usize, ndim: usize) -> Result<Vec<Array>> {
    (0..ndim).map(|_| arange_i64(n)).collect()
}

/// `Σ clamp(a, 0, m)` for `a` in `lo..=hi`, in closed form (the sizes may be huge).
fn clamped_sum(lo: i128, hi: i128, m: i128) -> i128 {
    // s(x) = Σ clamp(a, 0, m) for a in 1..=x (0 for x <= 0).
    let s = |x: i128| match x {
        x if x <= 0 => 0,
        // Saturating: a sum past i128 is as much a MemoryError as one past usize.
        x if x <= m => x.saturating_mul(x + 1) / 2,
        x => (m.saturating_mul(m + 1) / 2).saturating_add((x - m).saturating_mul(m)),
    };
    if hi < lo {
        0
    } else {
        s(hi).saturating_sub(s(lo - 1))
    }
}

/// The (row, column) positions of rows `rows` of an `m`-column matrix, row `i` holding the
/// columns `cols(i)` (never empty for those rows), `count` positions in all; C order.
fn positions(
    count: i128,
    rows: std::ops::Range<i128>,
    cols: impl Fn(i128) -> std::ops::Range<i128>,
) -> Result<Vec<Array>> {
    let count = usize::try_from(count)
        .map_err(|_| Error::Memory(format!("cannot allocate {count} indices")))?;
    let (mut r, mut c): (Vec<i64>, Vec<i64>) =
        (vec_with_capacity(count)?, vec_with_capacity(count)?);
    // Each row holds at least one position, so the loop is bounded by `count`.
    for i in rows {
        for j in cols(i) {
            r.push(i as i64);
            c.push(j as i64);
        }
    }
    Ok(vec![
        Array::from_vec(r, &[count])?,
        Array::from_vec(c, &[count])?,
    ])
}

/// `numpy.tril_indices(n, k, m)`: positions on and below the `k`-th diagonal.
pub fn tril_indices(n: usize, k: i64, m: Option<usize>) -> Result<Vec<Array>> {
    let (n, m, k) = (n as i128, m.unwrap_or(n) as i128, k as i128);
    // Row i holds columns 0..=min(i + k, m - 1).
    let count = clamped_sum(k + 1, n + k, m);
    let first = if m == 0 { n } else { (-k).clamp(0, n) };
    positions(count, first..n, |i| 0..(i + k + 1).min(m))
}

/// `numpy.triu_indices(n, k, m)`: positions on and above the `k`-th diagonal.
pub fn triu_indices(n: usize, k: i64, m: Option<usize>) -> Result<Vec<Array>> {
    let (n, m, k) = (n as i128, m.unwrap_or(n) as i128, k as i128);
    // Row i holds columns max(i + k, 0)..m.
    let count = clamped_sum(m - k - n + 1, m - k, m);
    let last = if m == 0 { 0 } else { (m - k).clamp(0, n) };
    positions(count, 0..last, |i| (i + k).max(0)..m)
}
