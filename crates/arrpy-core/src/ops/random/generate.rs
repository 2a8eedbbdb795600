//! The Generator's array-producing draws: a fresh C-ordered array of the requested shape,
//! filled in the stream's order (element i of the flattened array is the i-th draw).

use super::bounded::{self, bounded_u64, interval};
use super::discrete::{geometric, poisson, Binomial};
use super::distributions::{
    beta, chisquare, dirichlet, gamma, laplace, logistic, lognormal, standard_gamma,
    standard_gamma_f32,
};
use super::stream::{each_u32, each_word, Replay, Shared, U32Ahead};
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
    note_loop(
        dtype,
        tier,
        tier == Tier::Parallel && crate::kernels::parallel::splits(n),
    );
}

/// Records one call of the "random" entry: whether its vectorized loop ran, and on threads (the
/// ziggurats read their words in order on one thread; only the drawing of words is vectorized).
fn note_loop(dtype: DType, tier: Tier, threaded: bool) {
    trace::record(RANDOM_INFO.name, dtype, tier != Tier::Reference, threaded);
}

/// Which standard distribution `standard` draws.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Standard {
    /// `random`: uniform on [0, 1).
    Uniform,
    Normal,
    Exponential,
    /// `standard_exponential(method="inv")`: −log1p(−U), one uniform per value.
    ExponentialInverse,
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
        (Standard::Normal, DType::Float64) => {
            note_loop(dtype, tier, false);
            let (loc, scale) = affine.unwrap_or((0.0, 1.0));
            fresh::<f64>(shape, |out| {
                ziggurat_fill(
                    g,
                    out,
                    tier,
                    |r| standard_normal(r),
                    |z| match affine {
                        None => z,
                        Some(_) => loc + scale * z,
                    },
                )
            })
        }
        (Standard::ExponentialInverse, DType::Float64) => {
            note(dtype, tier, n);
            fresh::<f64>(shape, |out| {
                let out = Shared::new(out);
                let unit = |w: u64| (w >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0);
                // SAFETY: word i writes only index i.
                each_word(g, n, tier, |i, w| unsafe {
                    out.set(i, -(-unit(w)).ln_1p())
                })
            })
        }
        (Standard::ExponentialInverse, DType::Float32) => {
            note(dtype, tier, n);
            fresh::<f32>(shape, |out| {
                let out = Shared::new(out);
                let unit = |v: u32| (v >> 8) as f32 * (1.0 / 16_777_216.0);
                // NumPy takes the float32 uniform's log1p in double, then rounds.
                let value = |v: u32| -(-f64::from(unit(v))).ln_1p() as f32;
                // SAFETY: value i writes only index i.
                each_u32(g, n, tier, |i, v| unsafe { out.set(i, value(v)) })
            })
        }
        (Standard::Normal, DType::Float32) => fresh::<f32>(shape, |out| {
            out.iter_mut().for_each(|x| *x = standard_normal_f32(g))
        }),
        (Standard::Exponential, DType::Float64) => {
            note_loop(dtype, tier, false);
            let scale = affine.map_or(1.0, |(_, s)| s);
            fresh::<f64>(shape, |out| {
                ziggurat_fill(
                    g,
                    out,
                    tier,
                    |r| standard_exponential(r),
                    |e| match affine {
                        None => e,
                        Some(_) => scale * e,
                    },
                )
            })
        }
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

/// Fills `out` with `finish(sample(g))` in order. The reference tier draws each word when the
/// sampler asks; the others draw a block's words into the block itself with the simd tier's
/// lanes, then the sampler reads them in order (and the generator past them), writing each
/// result over a word it has already read (a ziggurat reads at least one word per result).
/// Blocks stay in cache between the two passes.
fn ziggurat_fill(
    g: &mut Pcg,
    out: &mut [f64],
    tier: Tier,
    sample: impl Fn(&mut Replay<'_>) -> f64,
    finish: impl Fn(f64) -> f64,
) {
    const BLOCK: usize = 8192;
    if tier == Tier::Reference {
        let mut words = Replay::drawn(g, &mut [], tier);
        for x in out.iter_mut() {
            *x = finish(sample(&mut words));
        }
        return;
    }
    for block in out.chunks_mut(BLOCK) {
        let n = block.len();
        let mut words = Replay::drawn(g, block, Tier::Simd);
        for i in 0..n {
            let x = finish(sample(&mut words));
            words.slots[i] = x;
        }
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
/// `random_interval`), as an int64 array: item k is the index of the item that lands at k. The
/// 32-bit draws are read ahead in blocks, and the next few swap partners are drawn early and
/// their slots touched, so that the random accesses of a large shuffle overlap instead of
/// waiting one by one (the draws stay in order).
pub fn shuffled_order(g: &mut Pcg, n: usize) -> Result<Array> {
    const AHEAD: usize = 16;
    fresh::<i64>(&[n], |order| {
        for (k, v) in order.iter_mut().enumerate() {
            *v = k as i64;
        }
        if n < 2 {
            return;
        }
        let mut draws = U32Ahead::new(g);
        // Partner of i (for i from n-1 down to 1) sits at ring[i % AHEAD], drawn AHEAD early.
        let mut ring = [0usize; AHEAD];
        let partner = |g: &mut U32Ahead<'_>, i: usize, ring: &mut [usize; AHEAD], order: &[i64]| {
            let j = interval(g, i as u64) as usize;
            ring[i % AHEAD] = j;
            prefetch(&order[j]);
        };
        for i in (n.saturating_sub(AHEAD).max(1)..n).rev() {
            partner(&mut draws, i, &mut ring, order);
        }
        for i in (1..n).rev() {
            order.swap(i, ring[i % AHEAD]);
            if i > AHEAD {
                partner(&mut draws, i - AHEAD, &mut ring, order);
            }
        }
        draws.finish();
    })
}

/// Asks the cache for the line holding `x`: a hint, which reads nothing into the program.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching never faults and has no effect on the program's values; SSE (which
    // provides it) is part of the x86-64 baseline; the address comes from a live reference.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
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

/// The Generator's other distributions, by NumPy's method name: one draw per element of
/// `shape` in C order, each with its parameters (`params` broadcast to `shape`), as NumPy's
/// broadcasting loops draw them. float64 results (float32 for `standard_gamma` when `single`),
/// int64 for poisson, binomial and geometric. The caller has checked the parameters.
pub fn distribution(
    g: &mut Pcg,
    name: &str,
    shape: &[usize],
    params: &[Array],
    single: bool,
) -> Result<Array> {
    let values = params
        .iter()
        .map(|p| {
            if p.size() == 1 {
                p.reshape(&[1])?.to_scalars()
            } else {
                p.broadcast_to(shape)?.to_scalars()
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let n: usize = shape.iter().product();
    let at = |k: usize, i: usize| values[k][if values[k].len() == 1 { 0 } else { i }];
    let real = |k: usize, i: usize| at(k, i).as_f64();
    match name {
        "poisson" | "geometric" | "binomial" => {
            let mut out = crate::buffer::vec_with_capacity::<i64>(n)?;
            let mut binomial: Option<(i64, f64, Binomial)> = None;
            for i in 0..n {
                out.push(match name {
                    "poisson" => poisson(g, real(0, i)),
                    "geometric" => geometric(g, real(0, i)),
                    _ => {
                        let (trials, p) = (at(0, i).as_i128().unwrap_or(0) as i64, real(1, i));
                        // NumPy keeps BTPE's set-up while n and p stay the same.
                        match &binomial {
                            Some((t, q, _)) if *t == trials && q.to_bits() == p.to_bits() => {}
                            _ => binomial = Some((trials, p, Binomial::new(trials, p))),
                        }
                        binomial.as_ref().map_or(0, |(_, _, b)| b.sample(g))
                    }
                });
            }
            Array::from_vec(out, shape)
        }
        "standard_gamma" if single => {
            let mut out = crate::buffer::vec_with_capacity::<f32>(n)?;
            out.extend((0..n).map(|i| standard_gamma_f32(g, real(0, i) as f32)));
            Array::from_vec(out, shape)
        }
        _ => {
            let f: fn(&mut Pcg, f64, f64) -> f64 = match name {
                "standard_gamma" => |g, a, _| standard_gamma(g, a),
                "chisquare" => |g, a, _| chisquare(g, a),
                "gamma" => gamma::<Pcg>,
                "beta" => beta::<Pcg>,
                "lognormal" => lognormal::<Pcg>,
                "laplace" => laplace::<Pcg>,
                "logistic" => logistic::<Pcg>,
                other => {
                    return Err(Error::Value(format!("unknown distribution {other:?}")));
                }
            };
            let second = values.len().saturating_sub(1);
            let mut out = crate::buffer::vec_with_capacity::<f64>(n)?;
            out.extend((0..n).map(|i| f(g, real(0, i), real(second, i))));
            Array::from_vec(out, shape)
        }
    }
}

/// `count` Dirichlet vectors of `alpha` (rows of a (count, len(alpha)) array).
pub fn dirichlet_rows(g: &mut Pcg, alpha: &[f64], count: usize) -> Result<Array> {
    let k = alpha.len();
    let total = count
        .checked_mul(k)
        .ok_or_else(|| Error::Memory(format!("{count} Dirichlet vectors of {k} do not fit")))?;
    let mut out = crate::buffer::vec_with_capacity::<f64>(total)?;
    out.resize(total, 0.0);
    for row in out.chunks_exact_mut(k.max(1)).take(count) {
        dirichlet(g, alpha, row);
    }
    Array::from_vec(out, &[count, k])
}
