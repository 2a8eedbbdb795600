//! The Generator's array-producing draws: a fresh C-ordered array of the requested shape,
//! filled in the stream's order (element i of the flattened array is the i-th draw).

use super::bounded::{self, bounded_u64, interval};
use super::stream::{each_u32, each_word, Shared};
use super::ziggurat::{
    standard_exponential, standard_exponential_f32, standard_normal, standard_normal_f32,
};
use super::Pcg;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::kernels::{trace, Tier};
use crate::optable::RANDOM_INFO;
use crate::Array;

/// A fresh C-contiguous array of `shape`, every element written by `fill`.
fn fresh<T: Element>(shape: &[usize], fill: impl FnOnce(&mut [T])) -> Result<Array> {
    let a = Array::empty(T::DTYPE, shape)?;
    let n = a.size();
    if n > 0 {
        // SAFETY: `a` was just allocated: C-contiguous, aligned for T, exactly `n` elements,
        // and no other reference to its buffer exists until it is returned.
        let s = unsafe { std::slice::from_raw_parts_mut(a.data_ptr().cast::<T>(), n) };
        fill(s);
    }
    Ok(a)
}

fn note(dtype: DType, tier: Tier, n: usize) {
    let threaded = tier == Tier::Parallel && crate::kernels::parallel::splits(n);
    trace::record(RANDOM_INFO.name, dtype, tier != Tier::Reference, threaded);
}

/// Which standard distribution `standard` draws.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Standard {
    /// `random`: uniform on [0, 1).
    Uniform,
    Normal,
    Exponential,
}

/// `Generator.random` / `standard_normal` / `standard_exponential` of `shape` in float32 or
/// float64, then `loc + scale · x` when given (NumPy's uniform, normal and exponential compute
/// exactly `low + range · U`, `loc + scale · Z`, `scale · E`).
pub fn standard(
    g: &mut Pcg,
    kind: Standard,
    shape: &[usize],
    dtype: DType,
    affine: Option<(f64, f64)>,
    tier: Tier,
) -> Result<Array> {
    let n: usize = shape.iter().product();
    match (kind, dtype) {
        (Standard::Uniform, DType::Float64) => {
            note(dtype, tier, n);
            fresh::<f64>(shape, |out| {
                let out = Shared::new(out);
                let (loc, scale) = affine.unwrap_or((0.0, 1.0));
                let unit = |w: u64| (w >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0);
                // SAFETY: word i writes only index i.
                match affine {
                    None => each_word(g, n, tier, |i, w| unsafe { out.set(i, unit(w)) }),
                    Some(_) => each_word(g, n, tier, |i, w| unsafe {
                        out.set(i, loc + scale * unit(w))
                    }),
                }
            })
        }
        (Standard::Uniform, DType::Float32) => {
            note(dtype, tier, n);
            fresh::<f32>(shape, |out| {
                let out = Shared::new(out);
                // SAFETY: value i writes only index i.
                each_u32(g, n, tier, |i, v| unsafe {
                    out.set(i, (v >> 8) as f32 * (1.0 / 16_777_216.0))
                })
            })
        }
        (Standard::Normal, DType::Float64) => fresh::<f64>(shape, |out| match affine {
            None => out.iter_mut().for_each(|x| *x = standard_normal(g)),
            Some((loc, scale)) => out
                .iter_mut()
                .for_each(|x| *x = loc + scale * standard_normal(g)),
        }),
        (Standard::Normal, DType::Float32) => fresh::<f32>(shape, |out| {
            out.iter_mut().for_each(|x| *x = standard_normal_f32(g))
        }),
        (Standard::Exponential, DType::Float64) => fresh::<f64>(shape, |out| {
            let scale = affine.map_or(1.0, |(_, s)| s);
            match affine {
                None => out.iter_mut().for_each(|x| *x = standard_exponential(g)),
                Some(_) => out
                    .iter_mut()
                    .for_each(|x| *x = scale * standard_exponential(g)),
            }
        }),
        (Standard::Exponential, DType::Float32) => fresh::<f32>(shape, |out| {
            out.iter_mut()
                .for_each(|x| *x = standard_exponential_f32(g))
        }),
        _ => Err(Error::Type(format!(
            "Unsupported dtype {} for this distribution (float32 or float64)",
            dtype.name()
        ))),
    }
}

/// `Generator.integers` with scalar bounds: `off + v`, v uniform in [0, rng], for an integer or
/// bool dtype; `off` and `rng` are the bounds' bits in the dtype's width (wrapping), as NumPy
/// passes them to its fill functions.
pub fn integers(
    g: &mut Pcg,
    shape: &[usize],
    dtype: DType,
    off: u64,
    rng: u64,
    tier: Tier,
) -> Result<Array> {
    let n: usize = shape.iter().product();
    note(dtype, tier, n);
    macro_rules! run {
        ($t:ty, $bits:expr) => {
            fresh::<$t>(shape, |out| {
                bounded::fill(g, out, $bits, off, rng, tier, |v| v as $t)
            })
        };
    }
    match dtype {
        DType::Bool => {
            let bytes = fresh::<u8>(shape, |out| {
                bounded::fill(g, out, 1, off, rng, tier, |v| v as u8)
            })?;
            crate::ops::cast::astype(&bytes, DType::Bool)
        }
        DType::Int8 => run!(i8, 8),
        DType::UInt8 => run!(u8, 8),
        DType::Int16 => run!(i16, 16),
        DType::UInt16 => run!(u16, 16),
        DType::Int32 => run!(i32, 32),
        DType::UInt32 => run!(u32, 32),
        DType::Int64 => run!(i64, 64),
        DType::UInt64 => run!(u64, 64),
        _ => Err(Error::Type(format!(
            "Unsupported dtype {} for integers",
            dtype.name()
        ))),
    }
}

/// Per-element bounds (already broadcast): `offs[i] + v`, v in [0, rngs[i]], with the
/// single-value draws NumPy's broadcasting loops use (a 32-bit draw per element for ranges that
/// fit; 8-/16-bit dtypes and bool share one buffered 32-bit value across elements).
pub fn integers_each(g: &mut Pcg, bits: u32, offs: &[u64], rngs: &[u64]) -> Vec<u64> {
    let mut out = vec![0u64; offs.len()];
    if bits <= 16 {
        let mut pieces = bounded::Pieces::default();
        for ((o, &off), &rng) in out.iter_mut().zip(offs).zip(rngs) {
            *o = if rng == 0 {
                off
            } else if bits == 1 {
                off.wrapping_add(u64::from(pieces.next(g, 1)))
            } else {
                off.wrapping_add(u64::from(pieces.bounded(g, bits, rng as u32)))
            };
        }
    } else {
        for ((o, &off), &rng) in out.iter_mut().zip(offs).zip(rngs) {
            *o = off.wrapping_add(bounded_u64(g, rng));
        }
    }
    out
}

/// The order `shuffle` puts `n` items in (NumPy's Fisher–Yates from the end with
/// `random_interval`): item k of the result is the index of the item that lands at k. The next
/// few swap partners are drawn ahead and their slots touched, so that the random accesses of a
/// large shuffle overlap instead of waiting one by one (the draws stay in order).
pub fn shuffled_order(g: &mut Pcg, n: usize) -> Result<Vec<i64>> {
    const AHEAD: usize = 16;
    let mut order = crate::buffer::vec_with_capacity::<i64>(n)?;
    order.extend(0..n as i64);
    if n < 2 {
        return Ok(order);
    }
    // Partner of i (for i from n-1 down to 1) sits at ring[i % AHEAD], drawn AHEAD steps early.
    let mut ring = [0usize; AHEAD];
    let partner = |g: &mut Pcg, i: usize, ring: &mut [usize; AHEAD], order: &[i64]| {
        let j = interval(g, i as u64) as usize;
        ring[i % AHEAD] = j;
        std::hint::black_box(order[j]);
    };
    for i in (n.saturating_sub(AHEAD).max(1)..n).rev() {
        partner(g, i, &mut ring, &order);
    }
    for i in (1..n).rev() {
        order.swap(i, ring[i % AHEAD]);
        if i > AHEAD {
            partner(g, i - AHEAD, &mut ring, &order);
        }
    }
    Ok(order)
}

/// NumPy's `_shuffle_int`: Fisher–Yates over `data[first..]` from the end, with Lemire draws.
fn shuffle_tail(g: &mut Pcg, data: &mut [i64], first: usize) {
    for i in (first.max(1)..data.len()).rev() {
        let j = bounded_u64(g, i as u64) as usize;
        data.swap(i, j);
    }
}

/// `choice(pop, size, replace=False)` without weights, as NumPy: a partial shuffle of
/// `0..pop` when the sample is a large part of a large population, otherwise Floyd's algorithm
/// with an open-addressing set; then the sample is shuffled when `shuffle`.
pub fn choice_without_replacement(
    g: &mut Pcg,
    pop: usize,
    size: usize,
    shuffle: bool,
) -> Result<Vec<i64>> {
    let cutoff = if shuffle { 50 } else { 20 };
    if pop > 10_000 && size > pop / cutoff {
        let mut idx = crate::buffer::vec_with_capacity::<i64>(pop)?;
        idx.extend(0..pop as i64);
        shuffle_tail(g, &mut idx, pop - size);
        return Ok(idx.split_off(pop - size));
    }
    let mask = {
        let m = (1.2 * size as f64) as u64;
        if m == 0 {
            0
        } else {
            u64::MAX >> m.leading_zeros()
        }
    };
    let mut set = crate::buffer::vec_with_capacity::<u64>(mask as usize + 1)?;
    set.resize(mask as usize + 1, u64::MAX);
    let mut idx = crate::buffer::vec_with_capacity::<i64>(size)?;
    for j in (pop - size) as u64..pop as u64 {
        let val = bounded_u64(g, j);
        let mut loc = val & mask;
        while set[loc as usize] != u64::MAX && set[loc as usize] != val {
            loc = (loc + 1) & mask;
        }
        if set[loc as usize] == u64::MAX {
            set[loc as usize] = val;
            idx.push(val as i64);
        } else {
            loc = j & mask;
            while set[loc as usize] != u64::MAX {
                loc = (loc + 1) & mask;
            }
            set[loc as usize] = j;
            idx.push(j as i64);
        }
    }
    if shuffle {
        shuffle_tail(g, &mut idx, 1);
    }
    Ok(idx)
}
