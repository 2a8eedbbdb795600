//! `median`, `quantile`/`percentile` (NumPy's thirteen methods) and their nan- forms.
//!
//! Each lane (the elements one result reduces) is copied, its needed order statistics selected
//! (`lanes::select_ranks`), and the result read from them with NumPy's index and interpolation
//! formulas, in the same float type and order of operations NumPy uses, so results are NumPy's
//! bits. Lanes run on threads at the parallel tier; each lane's answer does not depend on it.

use super::lanes::{drop_nans, find_nan, for_each_lane, Lanes};
use super::rank::{rounding, Ranked, Real};
use super::select::{select_fast, select_ranks, MIN_BUCKET_LANE};
use super::weighted_quantile as weighted;
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::{promote_types, DType, Element, Scalar};
use crate::error::{Error, Result};
use crate::kernels::{current_tier, trace, Tier};
use crate::with_dtype;

/// NumPy's `method=` names for quantiles (Hyndman & Fan's nine, and four older ones).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Method {
    InvertedCdf,
    AveragedInvertedCdf,
    ClosestObservation,
    InterpolatedInvertedCdf,
    Hazen,
    Weibull,
    Linear,
    MedianUnbiased,
    NormalUnbiased,
    Lower,
    Higher,
    Midpoint,
    Nearest,
}

const METHODS: [(&str, Method); 13] = [
    ("inverted_cdf", Method::InvertedCdf),
    ("averaged_inverted_cdf", Method::AveragedInvertedCdf),
    ("closest_observation", Method::ClosestObservation),
    ("interpolated_inverted_cdf", Method::InterpolatedInvertedCdf),
    ("hazen", Method::Hazen),
    ("weibull", Method::Weibull),
    ("linear", Method::Linear),
    ("median_unbiased", Method::MedianUnbiased),
    ("normal_unbiased", Method::NormalUnbiased),
    ("lower", Method::Lower),
    ("higher", Method::Higher),
    ("midpoint", Method::Midpoint),
    ("nearest", Method::Nearest),
];

impl Method {
    pub fn from_name(name: &str) -> Result<Method> {
        METHODS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, m)| m)
            .ok_or_else(|| {
                let names: Vec<String> = METHODS.iter().map(|(n, _)| format!("'{n}'")).collect();
                Error::Value(format!(
                    "'{name}' is not a valid method. Use one of: dict_keys([{}])",
                    names.join(", ")
                ))
            })
    }

    /// NumPy's name of the method.
    pub fn name(self) -> &'static str {
        METHODS
            .iter()
            .find(|&&(_, m)| m == self)
            .map_or("", |&(n, _)| n)
    }

    /// Methods that pick one element (the result keeps the input's dtype).
    pub fn is_discrete(self) -> bool {
        use Method::*;
        matches!(
            self,
            InvertedCdf | ClosestObservation | Lower | Higher | Nearest
        )
    }
}

/// A statistic's result and the RuntimeWarnings NumPy would raise with it.
pub struct Stat {
    pub array: Array,
    /// Some lane was empty ("Mean of empty slice").
    pub empty_slice: bool,
    /// Some lane had only NaNs in a nan- function ("All-NaN slice encountered").
    pub all_nan_slice: bool,
}

/// Where a quantile lies in a sorted lane of `n`: one element, or two and a weight.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Pick {
    Take(usize),
    Lerp {
        prev: usize,
        next: usize,
        gamma: f64,
    },
}

/// NumPy's virtual index and gamma for quantile `q` (already rounded to the q type, whose
/// rounding is `g`) of a lane of `n >= 1`, computed in that type as NumPy computes them.
fn pick(method: Method, n: usize, q: f64, g: fn(f64) -> f64) -> Pick {
    use Method::*;
    use Pick::{Lerp, Take};
    let nf = g(n as f64);
    let last = n - 1;
    let n1 = g(last as f64);
    let clamp = |i: f64| (i.max(0.0) as usize).min(last);
    // H&F's (alpha, beta) family: n*q + (alpha + q*(1 - alpha - beta)) - 1.
    let family =
        |alpha: f64, beta: f64| g(g(g(nf * q) + g(g(alpha) + g(q * g(1.0 - alpha - beta)))) - 1.0);
    // inverted_cdf and closest_observation: the next index unless `at_prev(gamma, floor)`.
    let boundary = |index: f64, at_prev: &dyn Fn(f64, f64) -> bool| {
        let prev = index.floor();
        let gamma = g(index - prev);
        Take(clamp(if at_prev(gamma, prev) {
            prev
        } else {
            prev + 1.0
        }))
    };
    let vi = match method {
        Lower => return Take(clamp(g(n1 * q).floor())),
        Higher => return Take(clamp(g(n1 * q).ceil())),
        Nearest => return Take(clamp(g(n1 * q).round_ties_even())),
        InvertedCdf => return boundary(g(g(nf * q) - 1.0), &|gamma, _| gamma == 0.0),
        ClosestObservation => {
            return boundary(g(g(g(nf * q) - 1.0) - 0.5), &|gamma, prev| {
                gamma == 0.0 && prev.rem_euclid(2.0) == 1.0
            })
        }
        AveragedInvertedCdf => g(g(nf * q) - 1.0),
        InterpolatedInvertedCdf => family(0.0, 1.0),
        Hazen => family(0.5, 0.5),
        Weibull => family(0.0, 0.0),
        Linear => g(n1 * q),
        MedianUnbiased => family(1.0 / 3.0, 1.0 / 3.0),
        NormalUnbiased => family(3.0 / 8.0, 3.0 / 8.0),
        Midpoint => g(0.5 * g(g(n1 * q).floor() + g(n1 * q).ceil())),
    };
    // NumPy's `_get_indexes`: past the ends both neighbours are the end element, and the
    // "previous index" gamma is measured from is -1 (the last) or 0 (the first).
    let (prev, next, from) = if vi >= n1 {
        (last, last, -1.0)
    } else if vi < 0.0 {
        (0, 0, 0.0)
    } else {
        let p = vi.floor();
        (p as usize, p as usize + 1, p)
    };
    let gamma = g(vi - from);
    let gamma = match method {
        Midpoint => {
            if vi % 1.0 == 0.0 {
                0.0
            } else {
                0.5
            }
        }
        AveragedInvertedCdf => {
            if gamma == 0.0 {
                0.5
            } else {
                1.0
            }
        }
        _ => gamma,
    };
    Lerp { prev, next, gamma }
}

/// NumPy's `_lerp(a, b, t)`: `a + (b - a) * t`, or `b - (b - a) * (1 - t)` where `t >= 0.5`,
/// in the result type (rounding `r`); `1 - t` is computed in the q type (rounding `g`).
fn lerp<T: Ranked>(a: T, b: T, t: f64, r: fn(f64) -> f64, g: fn(f64) -> f64) -> f64 {
    let diff = r(T::diff(a, b));
    if t >= 0.5 {
        r(r(b.value()) - r(diff * r(g(1.0 - t))))
    } else {
        r(r(a.value()) + r(diff * r(t)))
    }
}

/// The ranks a lane's picks read, ascending.
fn ranks(picks: &[Pick]) -> Vec<usize> {
    let mut ks: Vec<usize> = picks
        .iter()
        .flat_map(|p| match *p {
            Pick::Take(i) => [i, i],
            Pick::Lerp { prev, next, .. } => [prev, next],
        })
        .collect();
    ks.sort_unstable();
    ks.dedup();
    ks
}

/// What one quantile call computes, fixed before any lane runs.
#[derive(Clone)]
struct Plan {
    method: Method,
    qs: Vec<f64>,
    /// Rounding of the q type and of the result type.
    g: fn(f64) -> f64,
    r: fn(f64) -> f64,
    skip_nan: bool,
    /// `median`: the ranks are the one or two middle ones.
    median: bool,
    /// The selection: `select_fast` (the simd tier), on threads inside one lane.
    fast: bool,
    threads_inside: bool,
}

impl Plan {
    fn picks(&self, n: usize) -> Vec<Pick> {
        self.qs
            .iter()
            .map(|&q| pick(self.method, n, q, self.g))
            .collect()
    }

    /// Fills `out` (one value per q) from `lane`; false when the lane had only NaNs. Returns
    /// also whether the selection ran on threads.
    fn lane<T: Ranked, O: Element>(
        &self,
        lane: &mut [T],
        fixed: &[Pick],
        out: &mut [O],
        value: impl Fn(&[T], Pick) -> O,
        nan: impl Fn(T) -> O,
    ) -> (bool, bool) {
        let n = if self.skip_nan {
            drop_nans(lane)
        } else if let Some(x) = find_nan(lane) {
            out.fill(nan(x));
            return (true, false);
        } else {
            lane.len()
        };
        if n == 0 {
            out.fill(nan(T::from_scalar(Scalar::Float(f64::NAN))));
            return (false, false);
        }
        let own;
        let picks = if n == lane.len() {
            fixed
        } else {
            own = self.picks(n);
            &own
        };
        let lane = &mut lane[..n];
        let ks = match (self.median, n % 2) {
            (true, 0) => vec![n / 2 - 1, n / 2],
            (true, _) => vec![n / 2],
            (false, _) => ranks(picks),
        };
        let threaded = if self.fast {
            select_fast(lane, &ks, self.threads_inside)
        } else {
            select_ranks(lane, &ks);
            false
        };
        for (o, &p) in out.iter_mut().zip(picks) {
            *o = value(lane, p);
        }
        (true, threaded)
    }
}

/// Runs `plan` over the lanes of `a` into a result of dtype `O` (lane-major `per` values).
fn run_plan<T: Ranked, O: Element>(
    name: &'static str,
    a: &Array,
    axes: Option<&[isize]>,
    plan: &Plan,
    value: impl Fn(&[T], Pick) -> O + Sync,
    nan: impl Fn(T) -> O + Sync,
) -> Result<(Vec<O>, Lanes<T>, bool)> {
    let mut lanes = Lanes::<T>::gather(a, axes)?;
    let per = plan.qs.len();
    let size = lanes.count.checked_mul(per).ok_or_else(|| {
        Error::Memory(format!("cannot allocate {} x {per} quantiles", lanes.count))
    })?;
    let mut out = vec_with_capacity::<O>(size)?;
    out.resize(size, O::default());
    let fixed = plan.picks(lanes.n.max(1));
    let all_nan = std::sync::atomic::AtomicBool::new(lanes.n == 0 && lanes.count > 0);
    if lanes.n == 0 {
        // The mean of nothing: 0 / 0 in each part, so NaN + NaNj for complex (NumPy's).
        let nothing = num_complex::Complex64::new(f64::NAN, f64::NAN);
        out.fill(nan(T::from_scalar(Scalar::Complex(nothing))));
    }
    let tier = current_tier();
    let plan = &Plan {
        fast: tier != Tier::Reference,
        threads_inside: tier == Tier::Parallel && lanes.count == 1,
        qs: plan.qs.clone(),
        ..*plan
    };
    let inner_threads = std::sync::atomic::AtomicBool::new(false);
    let threaded = for_each_lane(
        tier == Tier::Parallel,
        &mut lanes.data,
        lanes.n,
        &mut out,
        per,
        |lane, res| {
            let (some, threaded) = plan.lane(lane, &fixed, res, &value, &nan);
            if !some {
                all_nan.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            if threaded {
                inner_threads.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
    );
    let vector = plan.fast && T::KEY64 && lanes.n >= MIN_BUCKET_LANE;
    trace::record(
        name,
        T::DTYPE,
        vector,
        threaded || inner_threads.into_inner(),
    );
    Ok((out, lanes, all_nan.into_inner()))
}

/// Lane-major results (`per` per lane) as the result array: q's axes first, then the kept
/// axes (the reduced axes back as length 1 when `keepdims`).
pub(super) fn assemble<O: Element>(
    values: Vec<O>,
    q_shape: &[usize],
    a_shape: &[usize],
    mask: &[bool],
    keepdims: bool,
) -> Result<Array> {
    let per: usize = q_shape.iter().product();
    let count = values.len() / per.max(1);
    let ordered = if per == 1 {
        values
    } else {
        let mut t = vec_with_capacity::<O>(values.len())?;
        for qi in 0..per {
            t.extend((0..count).map(|l| values[l * per + qi]));
        }
        t
    };
    let body = a_shape
        .iter()
        .zip(mask)
        .filter(|(_, &m)| keepdims || !m)
        .map(|(&d, &m)| if m { 1 } else { d });
    let shape: Vec<usize> = q_shape.iter().copied().chain(body).collect();
    Array::from_vec(ordered, &shape)
}

/// `numpy.quantile(a, q, axis, method=, keepdims=, weights=)` (`percent`: `percentile`, q in
/// [0, 100]; `skip_nan`: the nan- forms; `weights`: method 'inverted_cdf' only, the
/// `weighted_quantile` module). `weak_q`: q was a Python number (NumPy then computes in the
/// input's float type).
#[allow(clippy::too_many_arguments)]
pub fn quantile(
    a: &Array,
    q: &Array,
    axes: Option<&[isize]>,
    method: Method,
    keepdims: bool,
    skip_nan: bool,
    percent: bool,
    weak_q: bool,
    weights: Option<&Array>,
) -> Result<Stat> {
    if a.dtype().is_complex() || q.dtype().is_complex() {
        return Err(Error::Type("a must be an array of real numbers".into()));
    }
    if q.ndim() > 2 {
        return Err(Error::Value("q must be a scalar or 1d".into()));
    }
    // Integer q (only 0 and 1 are valid) makes NumPy's linear virtual index an integer, and
    // NumPy then takes elements instead of interpolating.
    let int_q = !percent && (q.dtype().is_integer() || q.dtype() == DType::Bool);
    let given_method = method;
    let method = if method == Method::Linear && int_q {
        Method::Lower
    } else {
        method
    };
    let q_dtype = if !weak_q && q.dtype() == DType::Float32 {
        DType::Float32
    } else {
        DType::Float64
    };
    let g = rounding(q_dtype);
    let qs: Vec<f64> = q
        .to_scalars()?
        .into_iter()
        .map(|s| {
            if percent {
                g(s.as_f64() / 100.0)
            } else {
                g(s.as_f64())
            }
        })
        .collect();
    if qs.iter().any(|q| !(0.0..=1.0).contains(q)) {
        return Err(Error::Value(if percent {
            "Percentiles must be in the range [0, 100]".into()
        } else {
            "Quantiles must be in the range [0, 1]".into()
        }));
    }
    if let Some(w) = weights {
        let w = weighted::checked_weights(a, w, axes, given_method)?;
        // An empty nan- quantile is NumPy's nanmean of nothing, weighted or not: below.
        if !(skip_nan && a.size() == 0) {
            let f32 = weighted::cdf_is_f32(a, q, weak_q);
            let qs: Vec<f64> = q
                .to_scalars()?
                .iter()
                .map(|s| {
                    let x = s.as_f64();
                    match (f32, percent) {
                        (true, true) => (x as f32 / 100.0) as f64,
                        (true, false) => x as f32 as f64,
                        (false, true) => x / 100.0,
                        (false, false) => x,
                    }
                })
                .collect();
            let skip_nan = skip_nan && a.dtype().is_float();
            return weighted::inverted_cdf(a, &w, &qs, q.shape(), axes, keepdims, skip_nan, f32);
        }
    }
    let out_dt = if method.is_discrete() {
        a.dtype()
    } else if a.dtype() == DType::Bool {
        return Err(Error::Type(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, \
             the `^` operator, or the logical_xor function instead."
                .into(),
        ));
    } else if weak_q {
        if a.dtype().is_float() {
            a.dtype()
        } else {
            DType::Float64
        }
    } else {
        promote_types(a.dtype(), q_dtype)
    };
    let skip_nan = skip_nan && a.dtype().is_float();
    let plan = Plan {
        method,
        qs,
        g,
        r: rounding(out_dt),
        skip_nan,
        median: false,
        fast: false,
        threads_inside: false,
    };
    let mask = crate::ops::reduce::axes_mask(axes, a.ndim())?;
    let lanes_count: usize = a
        .shape()
        .iter()
        .zip(&mask)
        .filter(|(_, &m)| !m)
        .map(|(&d, _)| d)
        .product();
    if lanes_count > 0 && a.size() == 0 && !skip_nan {
        return Err(Error::Index(
            "index -1 is out of bounds for axis 0 with size 0".into(),
        ));
    }
    let name = "quantile";
    let (array, all_nan) = with_dtype!(a.dtype(), T => {
        if method.is_discrete() {
            let (v, l, all_nan) = run_plan::<T, T>(name, a, axes, &plan,
                |lane, p| match p { Pick::Take(i) => lane[i], Pick::Lerp { prev, .. } => lane[prev] },
                |x| x)?;
            (assemble(v, q.shape(), a.shape(), &l.mask, keepdims)?, all_nan)
        } else if out_dt == DType::Float32 {
            continuous::<T, f32>(name, a, axes, &plan, q.shape(), keepdims)?
        } else {
            continuous::<T, f64>(name, a, axes, &plan, q.shape(), keepdims)?
        }
    });
    let empty = lanes_count > 0 && a.size() == 0;
    Ok(Stat {
        array,
        empty_slice: empty,
        all_nan_slice: all_nan && !empty,
    })
}

fn continuous<T: Ranked, R: Real>(
    name: &'static str,
    a: &Array,
    axes: Option<&[isize]>,
    plan: &Plan,
    q_shape: &[usize],
    keepdims: bool,
) -> Result<(Array, bool)> {
    let (r, g) = (plan.r, plan.g);
    let (v, l, all_nan) = run_plan::<T, R>(
        name,
        a,
        axes,
        plan,
        |lane, p| match p {
            Pick::Take(i) => R::from_f64(lane[i].value()),
            Pick::Lerp { prev, next, gamma } => {
                R::from_f64(lerp(lane[prev], lane[next], gamma, r, g))
            }
        },
        |x| R::from_f64(x.value()),
    )?;
    Ok((assemble(v, q_shape, a.shape(), &l.mask, keepdims)?, all_nan))
}

/// `numpy.median(a, axis, keepdims=)` (`skip_nan`: `nanmedian`): the mean of the one or two
/// middle elements of each lane; NaN for lanes with a NaN (without `skip_nan`), for empty lanes
/// and for all-NaN lanes, which the result reports for NumPy's warnings.
pub fn median(a: &Array, axes: Option<&[isize]>, keepdims: bool, skip_nan: bool) -> Result<Stat> {
    let skip_nan = skip_nan && a.dtype().is_inexact();
    let f64_rounding = rounding(DType::Float64);
    let plan = Plan {
        method: Method::Higher,
        qs: vec![0.5],
        g: f64_rounding,
        r: f64_rounding,
        skip_nan,
        median: true,
        fast: false,
        threads_inside: false,
    };
    let (array, all_nan, empty) = with_dtype!(a.dtype(), T => {
        let (v, l, all_nan) = run_plan::<T, <T as Ranked>::Mean>(
            "median",
            a,
            axes,
            &plan,
            |lane, _| {
                let half = lane.len() / 2;
                if lane.len() % 2 == 1 {
                    T::mean1(lane[half])
                } else {
                    T::mean2(lane[half - 1], lane[half])
                }
            },
            |x| if x.is_nan() { T::mean1(x) } else { T::nan_mean() },
        )?;
        let empty = l.n == 0 && l.count > 0;
        (assemble(v, &[], a.shape(), &l.mask, keepdims)?, all_nan && !empty, empty)
    });
    Ok(Stat {
        array,
        empty_slice: empty,
        all_nan_slice: all_nan,
    })
}
