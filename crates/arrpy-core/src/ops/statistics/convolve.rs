//! `numpy.convolve` and `numpy.correlate` (modes full, same, valid): each output element is
//! one dot product, summed in index order (NumPy's float dots may use BLAS, whose order
//! differs in the last bits; integer and bool results are exact). The parallel tier splits the
//! output across threads; each element's sum is the same whatever the split.

use super::lanes::per_piece;
use crate::array::Array;
use crate::dtype::element::Arith;
use crate::dtype::{promote_types, Element};
use crate::error::{Error, Result};
use crate::kernels::{current_tier, parallel, trace, Tier};
use crate::ops::cast::astype;
use crate::ops::elementwise::{unary, UnaryOp};
use crate::with_dtype;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Valid,
    Same,
    Full,
}

impl Mode {
    pub fn from_name(name: &str) -> Result<Mode> {
        match name {
            "valid" | "v" => Ok(Mode::Valid),
            "same" | "s" => Ok(Mode::Same),
            "full" | "f" => Ok(Mode::Full),
            _ => Err(Error::Value(format!(
                "mode must be one of 'valid', 'same', or 'full' (got '{name}')"
            ))),
        }
    }
}

/// `z[k] = sum_n a[n + k] * v[n]` for full-mode index `i = k + len(v) - 1`.
fn dot_at<T: Arith>(a: &[T], v: &[T], i: usize) -> T {
    let shift = v.len() - 1;
    // n ranges over v's indices with 0 <= n + i - shift < len(a).
    let lo = shift.saturating_sub(i);
    let hi = v.len().min((a.len() + shift).saturating_sub(i));
    let mut s = T::zero_pos();
    for n in lo..hi {
        s = T::add(s, T::mul(a[n + i - shift], v[n]));
    }
    s
}

fn run<T: Arith + Element>(
    name: &'static str,
    a: &Array,
    v: &Array,
    start: usize,
    len: usize,
) -> Result<Array> {
    let (a, v) = (a.to_vec::<T>()?, v.to_vec::<T>()?);
    let tier = current_tier();
    let work = len.saturating_mul(v.len().min(a.len()));
    let threads = tier == Tier::Parallel && parallel::splits(work) && len > 1;
    let chunk = len
        .div_ceil(if threads {
            parallel::num_threads() * 4
        } else {
            1
        })
        .max(1);
    let starts: Vec<usize> = (start..start + len).step_by(chunk).collect();
    let pieces: Vec<&[usize]> = starts.chunks(1).collect();
    let mut out = crate::buffer::vec_with_capacity::<T>(len)?;
    for part in per_piece(&pieces, threads, |p| {
        let s = p[0];
        (s..(s + chunk).min(start + len))
            .map(|i| dot_at(&a, &v, i))
            .collect::<Vec<T>>()
    }) {
        out.extend(part);
    }
    trace::record(name, T::DTYPE, false, threads);
    Array::from_vec(out, &[len])
}

/// The 1-d inputs in their common dtype (NumPy's `ndmin=1`); empty inputs are errors.
fn operands(a: &Array, v: &Array) -> Result<(Array, Array)> {
    let flat = |x: &Array| -> Result<Array> {
        match x.ndim() {
            0 => x.reshape(&[1]),
            1 => Ok(x.clone()),
            _ => Err(Error::Value("object too deep for desired array".into())),
        }
    };
    let (a, v) = (flat(a)?, flat(v)?);
    let dt = promote_types(a.dtype(), v.dtype());
    Ok((astype(&a, dt)?, astype(&v, dt)?))
}

fn correlate_modes(name: &'static str, a: &Array, v: &Array, mode: Mode) -> Result<Array> {
    let (n1, n2) = (a.size(), v.size());
    let full = n1 + n2 - 1;
    let short = n1.min(n2);
    let (start, len) = match mode {
        Mode::Full => (0, full),
        Mode::Valid => (short - 1, n1.max(n2) - short + 1),
        // NumPy centres on the shorter operand; when `a` is the shorter it correlates the
        // swapped pair and reverses, which moves the window.
        Mode::Same if n1 >= n2 => (n2 - 1 - n2 / 2, n1),
        Mode::Same => (n1 / 2, n2),
    };
    with_dtype!(a.dtype(), T => run::<T>(name, a, v, start, len))
}

/// `numpy.correlate(a, v, mode)`: `sum_n a[n + k] * conj(v[n])`.
pub fn correlate(a: &Array, v: &Array, mode: Mode) -> Result<Array> {
    let (a, v) = operands(a, v)?;
    if a.size() == 0 || v.size() == 0 {
        return Err(Error::Value(format!(
            "{} array argument cannot be empty",
            if a.size() == 0 { "first" } else { "second" }
        )));
    }
    let v = if v.dtype().is_complex() {
        unary(UnaryOp::Conj, &v, None)?
    } else {
        v
    };
    correlate_modes("correlate", &a, &v, mode)
}

/// `numpy.convolve(a, v, mode)`: the longer operand correlated with the reversed shorter one.
pub fn convolve(a: &Array, v: &Array, mode: Mode) -> Result<Array> {
    let (a, v) = operands(a, v)?;
    if a.size() == 0 {
        return Err(Error::Value("a cannot be empty".into()));
    }
    if v.size() == 0 {
        return Err(Error::Value("v cannot be empty".into()));
    }
    let (a, v) = if v.size() > a.size() { (v, a) } else { (a, v) };
    let n = v.size();
    let reversed = v.slice_axis(0, n - 1, -1, n);
    correlate_modes("convolve", &a, &reversed, mode)
}
