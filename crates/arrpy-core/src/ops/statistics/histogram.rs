//! `histogram`, `histogram_bin_edges`, `bincount` and `digitize`.
//!
//! Bin edges are computed as NumPy computes them (`linspace` in the type NumPy uses, the bin
//! width rules for string `bins`); an element's bin is then decided by comparing it with the
//! edges, so counts are exact. Weighted sums follow NumPy's order: sequential within blocks of
//! 65536 elements, the block sums added in order, so they are NumPy's bits at any thread count.

use super::binning::{Binning, Uniform};
use super::lanes::{for_each_lane, per_piece};
use super::quantile::{quantile, Method};
use super::rank::rounding;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::kernels::{current_tier, parallel, trace, Tier};
use crate::ops::reduce::{reduce, ReduceOp};
use crate::ops::sort::lanes::elements;

/// NumPy's blocks for weighted histograms.
const BLOCK: usize = 65536;

/// The `bins=` argument.
pub enum Bins {
    Count(usize),
    Edges(Array),
    Rule(String),
}

pub struct Histogram {
    pub counts: Array,
    pub edges: Array,
}

/// NumPy's float "less than" for searching: NaN sorts last, -0 equals +0.
#[inline(always)]
pub(super) fn lt(a: f64, b: f64) -> bool {
    a < b || (b.is_nan() && !a.is_nan())
}

/// The number of `edges` that are <= x (NumPy's `searchsorted(edges, x, side='right')`), or
/// < x for `left`.
#[inline]
pub(super) fn search(edges: &[f64], x: f64, left: bool) -> usize {
    if left {
        edges.partition_point(|&e| lt(e, x))
    } else {
        edges.partition_point(|&e| !lt(x, e))
    }
}

pub(super) fn values(a: &Array, what: &str) -> Result<Vec<f64>> {
    float64(a, what)?.to_vec::<f64>()
}

/// `a` as float64: itself when it is float64, else the cast kernel's copy (far cheaper than
/// element-by-element scalars).
fn float64(a: &Array, what: &str) -> Result<Array> {
    if a.dtype().is_complex() {
        return Err(Error::Type(format!("{what} may not be complex")));
    }
    if a.dtype() == DType::Float64 {
        return Ok(a.clone());
    }
    crate::ops::cast::astype(a, DType::Float64)
}

/// A float as Python prints it (for messages).
fn py_float(x: f64) -> String {
    match x {
        x if x.is_nan() => "nan".into(),
        f64::INFINITY => "inf".into(),
        f64::NEG_INFINITY => "-inf".into(),
        x => format!("{x:?}"),
    }
}

/// The smallest and largest of `x`, NaN when any is NaN (as NumPy's `min` and `max`): one
/// pass with independent accumulators and no branches, which compiles to vector min/max.
fn min_max(x: &[f64]) -> (f64, f64) {
    const LANES: usize = 8;
    let (lo, hi, nan) = crate::kernels::cpu::vectorize(
        #[inline(always)]
        || {
            let (mut lo, mut hi) = ([f64::INFINITY; LANES], [f64::NEG_INFINITY; LANES]);
            let mut nan = false;
            let mut chunks = x.chunks_exact(LANES);
            let mut take = |j: usize, v: f64, lo: &mut [f64; LANES], hi: &mut [f64; LANES]| {
                lo[j] = if v < lo[j] { v } else { lo[j] };
                hi[j] = if v > hi[j] { v } else { hi[j] };
                nan |= v.is_nan();
            };
            for c in &mut chunks {
                for (j, &v) in c.iter().enumerate() {
                    take(j, v, &mut lo, &mut hi);
                }
            }
            for &v in chunks.remainder() {
                take(0, v, &mut lo, &mut hi);
            }
            (lo, hi, nan)
        },
    );
    if nan {
        return (f64::NAN, f64::NAN);
    }
    (
        lo.iter().copied().fold(f64::INFINITY, f64::min),
        hi.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    )
}

/// NumPy's `_get_outer_edges`: the range, or the data's (expanded by 0.5 when it is one value).
pub(super) fn outer_edges(
    x: &[f64],
    range: Option<(f64, f64)>,
    r: fn(f64) -> f64,
) -> Result<(f64, f64)> {
    let (first, last) = match range {
        Some((lo, hi)) => {
            if lo > hi {
                return Err(Error::Value(
                    "max must be larger than min in range parameter.".into(),
                ));
            }
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(Error::Value(format!(
                    "supplied range of [{}, {}] is not finite",
                    py_float(lo),
                    py_float(hi)
                )));
            }
            (lo, hi)
        }
        None if x.is_empty() => (0.0, 1.0),
        None => {
            let (lo, hi) = min_max(x);
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(Error::Value(format!(
                    "autodetected range of [{}, {}] is not finite",
                    py_float(lo),
                    py_float(hi)
                )));
            }
            (lo, hi)
        }
    };
    Ok(if first == last {
        (r(first - 0.5), r(last + 0.5))
    } else {
        (first, last)
    })
}

/// NumPy's `linspace(first, last, n + 1)` computed in the type whose rounding is `r`.
pub(super) fn linspace_edges(
    first: f64,
    last: f64,
    n: usize,
    r: fn(f64) -> f64,
) -> Result<Vec<f64>> {
    let delta = r(last - first);
    let div = n as f64;
    let step = r(delta / div);
    let mut y = zeros::<f64>(n.saturating_add(1))?;
    for (i, e) in y.iter_mut().enumerate() {
        let t = if step == 0.0 {
            r(r(i as f64 / div) * delta)
        } else {
            r(i as f64 * step)
        };
        *e = r(t + first);
    }
    y[n] = last;
    Ok(y)
}

/// `n` zeros, or MemoryError (bin counts come from the user).
pub(super) fn zeros<T: Clone + Default>(n: usize) -> Result<Vec<T>> {
    let mut v = crate::buffer::vec_with_capacity(n)?;
    v.resize(n, T::default());
    Ok(v)
}

/// The bin width NumPy's string rule `name` gives for the data `x` (already within the range).
fn rule_width(name: &str, x: &[f64], a: &Array, range: (f64, f64)) -> Result<f64> {
    let n = x.len() as f64;
    let r = rounding(a.dtype());
    let ptp = || {
        let (lo, hi) = x
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                (l.min(v), h.max(v))
            });
        r(hi - lo)
    };
    let data = || {
        Array::from_vec(x.to_vec(), &[x.len()])
            .and_then(|d| crate::ops::cast::astype(&d, a.dtype()))
    };
    let std = || -> Result<f64> {
        let v = crate::ops::reduce::stats::var(
            &crate::ops::reduce::table::STD.info,
            &data()?,
            None,
            false,
            None,
            0.0,
            true,
        )?;
        Ok(v.array.item()?.as_f64())
    };
    let sturges = || ptp() / (n.log2() + 1.0);
    let fd = || -> Result<f64> {
        let q = Array::from_vec(vec![75.0f64, 25.0], &[2])?;
        let p = quantile(
            &data()?,
            &q,
            None,
            Method::Linear,
            false,
            false,
            true,
            false,
            None,
        )?;
        let p = p.array.to_scalars()?;
        Ok(2.0 * (p[0].as_f64() - p[1].as_f64()) * n.powf(-1.0 / 3.0))
    };
    Ok(match name {
        "sqrt" => ptp() / n.sqrt(),
        "sturges" => sturges(),
        "rice" => ptp() / (2.0 * n.powf(1.0 / 3.0)),
        "scott" => (24.0 * std::f64::consts::PI.sqrt() / n).powf(1.0 / 3.0) * std()?,
        "fd" => fd()?,
        // FD, but no narrower than half the sqrt rule's width, and no wider than Sturges'.
        "auto" => fd()?.max(ptp() / n.sqrt() / 2.0).min(sturges()),
        // Stone's: the bin count in 1..=max(100, sqrt(n)) that minimizes the estimated L2
        // risk of the histogram (the first on ties, as Python's min).
        "stone" => {
            let ptp = ptp();
            if x.len() <= 1 || ptp == 0.0 {
                return Ok(0.0);
            }
            let data = data()?;
            let upper = 100usize.max(n.sqrt() as usize);
            let mut best = (f64::INFINITY, 1usize);
            for k in 1..=upper {
                let h = histogram(&data, &Bins::Count(k), Some(range), false, None)?;
                let p: Vec<f64> = h
                    .counts
                    .to_scalars()?
                    .into_iter()
                    .map(|c| c.as_f64() / n)
                    .collect();
                let jhat =
                    (2.0 - (n + 1.0) * p.iter().map(|v| v * v).sum::<f64>()) / (ptp / k as f64);
                if jhat < best.0 {
                    best = (jhat, k);
                }
            }
            ptp / best.1 as f64
        }
        "doane" => {
            if x.len() <= 2 {
                return Ok(0.0);
            }
            let sg1 = (6.0 * (n - 2.0) / ((n + 1.0) * (n + 3.0))).sqrt();
            let sigma = std()?;
            if !(sigma > 0.0) {
                return Ok(0.0);
            }
            let mean = reduce(ReduceOp::Mean, &data()?, None, false, None)?
                .item()?
                .as_f64();
            let cubes: Vec<f64> = x
                .iter()
                .map(|&v| r(r(r(r(v) - r(mean)) / r(sigma)).powi(3)))
                .collect();
            let g1 = reduce(
                ReduceOp::Mean,
                &crate::ops::cast::astype(
                    &Array::from_vec(cubes, &[x.len()])?,
                    float_of(a.dtype()),
                )?,
                None,
                false,
                None,
            )?
            .item()?
            .as_f64();
            ptp() / (1.0 + n.log2() + (1.0 + g1.abs() / sg1).log2())
        }
        _ => {
            return Err(Error::Value(format!(
                "'{name}' is not a valid estimator for `bins`"
            )));
        }
    })
}

/// The edges of `bins` for the data `x` of `a`: uniform ones (with their source) or the given
/// array's values.
fn bin_edges(
    a: &Array,
    x: &[f64],
    bins: &Bins,
    range: Option<(f64, f64)>,
    weighted: bool,
) -> Result<(Vec<f64>, Option<Uniform>)> {
    // NumPy's bin type: float32 data keeps float32 edges, all else float64; the linspace runs
    // in float32 only when the range is the float32 data's own.
    let edge_r = rounding(a.dtype());
    let count = match bins {
        Bins::Edges(e) => {
            if e.ndim() != 1 {
                return Err(Error::Value("`bins` must be 1d, when an array".into()));
            }
            let e = values(e, "bins")?;
            if e.windows(2).any(|w| w[0] > w[1]) {
                return Err(Error::Value(
                    "`bins` must increase monotonically, when an array".into(),
                ));
            }
            return Ok((e, None));
        }
        Bins::Count(0) => {
            return Err(Error::Value(
                "`bins` must be positive, when an integer".into(),
            ))
        }
        Bins::Count(n) => *n,
        Bins::Rule(name) => {
            if weighted {
                return Err(Error::Type(
                    "Automated estimation of the number of bins is not supported for weighted data"
                        .into(),
                ));
            }
            let (first, last) = outer_edges(x, range, edge_r)?;
            let kept: Vec<f64>;
            let x = match range {
                Some(_) => {
                    kept = x
                        .iter()
                        .copied()
                        .filter(|&v| v >= edge_r(first) && v <= edge_r(last))
                        .collect();
                    &kept[..]
                }
                None => x,
            };
            let mut width = if x.is_empty() {
                0.0
            } else {
                rule_width(name, x, a, (first, last))?
            };
            if x.is_empty() {
                rule_width(name, &[0.0, 1.0], a, (0.0, 1.0))?; // still rejects unknown names
            }
            if width != 0.0 && !width.is_nan() && a.dtype().is_integer() && width < 1.0 {
                width = 1.0;
            }
            if width != 0.0 && !width.is_nan() {
                let n = (edge_r(last - first) / width).ceil();
                if !(n >= 1.0 && n < 1e9) {
                    return Err(Error::Value(format!(
                        "The number of bins {n} estimated from the data is not usable"
                    )));
                }
                n as usize
            } else {
                1
            }
        }
    };
    let (first, last) = outer_edges(x, range, edge_r)?;
    let native = range.is_none() && !x.is_empty() && a.dtype() == DType::Float32;
    let edges: Vec<f64> = linspace_edges(
        first,
        last,
        count,
        if native {
            edge_r
        } else {
            rounding(DType::Float64)
        },
    )?
    .into_iter()
    .map(edge_r)
    .collect();
    if edges.windows(2).any(|w| w[0] >= w[1]) {
        return Err(Error::Value(format!(
            "Too many bins for data range. Cannot create {count} finite-sized bins."
        )));
    }
    let (first, last) = (edge_r(first), edge_r(last));
    let scale = count as f64 / (last - first);
    Ok((edges, Some(Uniform { first, last, scale })))
}

/// NumPy's float type for edges and moments of `dtype` data.
fn float_of(dtype: DType) -> DType {
    if dtype == DType::Float32 {
        DType::Float32
    } else {
        DType::Float64
    }
}

/// NumPy histograms bool data as uint8 (the bindings warn as NumPy does).
fn as_counts_input(a: &Array) -> Result<Array> {
    if a.dtype() == DType::Bool {
        crate::ops::cast::astype(a, DType::UInt8)
    } else {
        Ok(a.clone())
    }
}

/// `numpy.histogram(a, bins, range, density, weights)`.
pub fn histogram(
    a: &Array,
    bins: &Bins,
    range: Option<(f64, f64)>,
    density: bool,
    weights: Option<&Array>,
) -> Result<Histogram> {
    if let Some(w) = weights {
        if w.shape() != a.shape() {
            return Err(Error::Value(
                "weights should have the same shape as a.".into(),
            ));
        }
        if w.dtype().is_complex() {
            return Err(Error::Type(
                "complex weights are not supported by arrpy's histogram".into(),
            ));
        }
    }
    let a = &as_counts_input(a)?;
    // Read in place when contiguous (a copy of 1e6 elements costs a fifth of the count).
    let x = float64(a, "a")?;
    let x = elements::<f64>(&x)?;
    let (edges, uniform) = bin_edges(a, &x, bins, range, weights.is_some())?;
    let nb = edges.len().saturating_sub(1);
    let edges_array = match bins {
        Bins::Edges(e) => e.to_contiguous()?,
        _ => crate::ops::cast::astype(
            &Array::from_vec(edges.clone(), &[edges.len()])?,
            float_of(a.dtype()),
        )?,
    };
    if nb == 0 {
        let dt = weights.map_or(DType::Int64, |w| w.dtype());
        let dt = if density { DType::Float64 } else { dt };
        return Ok(Histogram {
            counts: Array::empty(dt, &[0])?,
            edges: edges_array,
        });
    }
    let binning = Binning::new(&edges, uniform.as_ref())?;
    let tier = current_tier();
    // The simd tier guesses bins a block at a time (vector arithmetic for uniform bins);
    // the parallel tier also splits the elements over threads, each with its own counts.
    let vector = tier != Tier::Reference && binning.blocks_fit();
    let threads = tier == Tier::Parallel && parallel::splits(x.len());
    let counts = match weights {
        None => {
            let chunk = x
                .len()
                .div_ceil(if threads {
                    parallel::num_threads() * 2
                } else {
                    1
                })
                .max(1);
            let pieces: Vec<&[f64]> = x.chunks(chunk).collect();
            let mut total = zeros::<i64>(nb)?;
            for part in per_piece(&pieces, threads, |p| {
                if vector {
                    binning.count_blocks(p)
                } else {
                    binning.count_reference(p)
                }
            }) {
                total.iter_mut().zip(part?).for_each(|(t, c)| *t += c);
            }
            Array::from_vec(total, &[nb])?
        }
        Some(w) => {
            let wv = float64(w, "weights")?;
            let wv = elements::<f64>(&wv)?;
            let blocks: Vec<&[f64]> = x.chunks(BLOCK).collect();
            let w_blocks: Vec<&[f64]> = wv.chunks(BLOCK).collect();
            let ids: Vec<usize> = (0..blocks.len()).collect();
            let id_pieces: Vec<&[usize]> = ids.chunks(1).collect();
            // Each block's sums in f64 (bincount), cast to the weights' type and added in order.
            let wt = w.dtype();
            let r = rounding(wt);
            let cast = |s: f64| if wt.is_inexact() { r(s) } else { s.trunc() };
            let mut total = zeros::<f64>(nb)?;
            let block_sums = |i: usize| binning.sum_weights(blocks[i], w_blocks[i], vector);
            let mut add = |part: Vec<f64>| {
                for (t, s) in total.iter_mut().zip(part) {
                    *t = if wt.is_inexact() {
                        r(*t + cast(s))
                    } else {
                        *t + cast(s)
                    };
                }
            };
            // All blocks' sums at once on threads when they fit in memory, else one at a time.
            if threads && nb.saturating_mul(blocks.len()) <= 1 << 22 {
                for part in per_piece(&id_pieces, true, |i| block_sums(i[0])) {
                    add(part?);
                }
            } else {
                for i in 0..blocks.len() {
                    add(block_sums(i)?);
                }
            }
            let out_dt = if wt == DType::Bool { DType::Bool } else { wt };
            crate::ops::cast::astype(&Array::from_vec(total, &[nb])?, out_dt)?
        }
    };
    trace::record("histogram", a.dtype(), vector, threads);
    let counts = if density {
        let total = reduce(ReduceOp::Sum, &counts, None, false, None)?
            .item()?
            .as_f64();
        let widths: Vec<f64> = edges
            .windows(2)
            .map(|w| rounding(edges_array.dtype())(w[1] - w[0]))
            .collect();
        let n = counts.to_scalars()?;
        let d: Vec<f64> = n
            .iter()
            .zip(&widths)
            .map(|(c, w)| c.as_f64() / w / total)
            .collect();
        Array::from_vec(d, &[nb])?
    } else {
        counts
    };
    Ok(Histogram {
        counts,
        edges: edges_array,
    })
}

/// `numpy.histogram_bin_edges(a, bins, range, weights)`.
pub fn histogram_bin_edges(
    a: &Array,
    bins: &Bins,
    range: Option<(f64, f64)>,
    weighted: bool,
) -> Result<Array> {
    let a = &as_counts_input(a)?;
    let x = values(a, "a")?;
    let (edges, _) = bin_edges(a, &x, bins, range, weighted)?;
    match bins {
        Bins::Edges(e) => e.to_contiguous(),
        _ => crate::ops::cast::astype(
            &Array::from_vec(edges.clone(), &[edges.len()])?,
            float_of(a.dtype()),
        ),
    }
}

/// `numpy.bincount(x, weights, minlength)`: counts (int64) or weight sums (float64) of each
/// non-negative integer in the 1-d `x`.
pub fn bincount(x: &Array, weights: Option<&Array>, minlength: isize) -> Result<Array> {
    if minlength < 0 {
        return Err(Error::Value("'minlength' must not be negative".into()));
    }
    if x.ndim() != 1 {
        return Err(Error::Value(if x.ndim() == 0 {
            "object of too small depth for desired array".into()
        } else {
            "object too deep for desired array".into()
        }));
    }
    if !(x.dtype().is_integer() || x.dtype() == DType::Bool) || x.dtype() == DType::UInt64 {
        return Err(Error::Type(format!("Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'", x.dtype().name())));
    }
    let idx: Vec<i64> = x
        .to_scalars()?
        .into_iter()
        .map(|s| s.as_i128().unwrap_or(-1) as i64)
        .collect();
    if idx.iter().any(|&i| i < 0) {
        return Err(Error::Value(
            "'list' argument must have no negative elements".into(),
        ));
    }
    let len = (idx.iter().copied().max().map_or(0, |m| m as usize + 1)).max(minlength as usize);
    trace::record("bincount", x.dtype(), false, false);
    match weights {
        None => {
            let mut c = crate::buffer::vec_with_capacity::<i64>(len)?;
            c.resize(len, 0);
            idx.iter().for_each(|&i| c[i as usize] += 1);
            Array::from_vec(c, &[len])
        }
        Some(w) => {
            if w.shape() != x.shape() {
                return Err(Error::Value(
                    "The weights and list don't have the same length.".into(),
                ));
            }
            let wv = values(w, "weights")?;
            let mut c = crate::buffer::vec_with_capacity::<f64>(len)?;
            c.resize(len, 0.0);
            idx.iter()
                .zip(&wv)
                .for_each(|(&i, &wi)| c[i as usize] += wi);
            Array::from_vec(c, &[len])
        }
    }
}

/// `numpy.digitize(x, bins, right)`: the index of the bin of each element (int64, x's shape).
pub fn digitize(x: &Array, bins: &Array, right: bool) -> Result<Array> {
    let xs = values(x, "x")?;
    if bins.ndim() != 1 {
        return Err(Error::Value("object too deep for desired array".into()));
    }
    let mut b = values(bins, "bins")?;
    let increasing = b.windows(2).all(|w| !lt(w[1], w[0]));
    let decreasing = b.windows(2).all(|w| !lt(w[0], w[1]));
    if !increasing && !decreasing {
        return Err(Error::Value(
            "bins must be monotonically increasing or decreasing".into(),
        ));
    }
    let flip = !increasing;
    if flip {
        b.reverse();
    }
    let mut out = crate::buffer::vec_with_capacity::<i64>(xs.len())?;
    out.resize(xs.len(), 0);
    let mut xs = xs;
    let tier = current_tier();
    let threaded = for_each_lane(tier == Tier::Parallel, &mut xs, 1, &mut out, 1, |v, o| {
        let i = search(&b, v[0], right);
        o[0] = if flip { (b.len() - i) as i64 } else { i as i64 };
    });
    trace::record("digitize", x.dtype(), false, threaded);
    Array::from_vec(out, x.shape())
}
