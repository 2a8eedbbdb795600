//! Statistics: median, quantile/percentile and their nan- forms; histograms, bincount and
//! digitize. Each binding reads its arguments, releases the GIL for large inputs, calls
//! `arrpy_core::ops::statistics` and raises NumPy's RuntimeWarnings where the core reports them.

use crate::errors::IntoPyResult;
use crate::functions::by_name::finish_out;
use crate::functions::creation::to_array;
use crate::ndarray::{axis_arg, optional_dtype, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::statistics::average::average as core_average;
use arrpy_core::ops::statistics::convolve::{self as core_convolve, Mode};
use arrpy_core::ops::statistics::covariance::{self as core_covariance, CovArgs};
use arrpy_core::ops::statistics::cross::cross as core_cross;
use arrpy_core::ops::statistics::difference::{self as core_difference, Spacing};
use arrpy_core::ops::statistics::histogram::{self as core_histogram, Bins};
use arrpy_core::ops::statistics::histogramdd::{histogramdd as core_histogramdd, AxisBins};
use arrpy_core::ops::statistics::interp::{interp as core_interp, InterpArgs};
use arrpy_core::ops::statistics::quantile::{self as core_quantile, Method, Stat};
use arrpy_core::Array;
use pyo3::exceptions::{PyRuntimeWarning, PyTypeError, PyValueError, PyZeroDivisionError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyList, PyString, PyTuple};

type Arg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn input(x: &Bound<'_, PyAny>) -> PyResult<Array> {
    Ok(to_array(x, None)?.0)
}

/// The result, with NumPy's warnings for empty and all-NaN lanes, copied into `out=` if given.
fn finish(py: Python<'_>, r: Stat, out: Arg<'_, '_>) -> PyResult<Py<PyAny>> {
    let category = py.get_type::<PyRuntimeWarning>();
    if r.empty_slice {
        PyErr::warn(py, category.as_any(), c"Mean of empty slice", 1)?;
    }
    if r.all_nan_slice {
        PyErr::warn(py, category.as_any(), c"All-NaN slice encountered", 1)?;
    }
    finish_out(py, PyNdArray::wrap(py, r.array)?, out)
}

fn median_py(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Arg<'_, '_>,
    out: Arg<'_, '_>,
    keepdims: bool,
    skip_nan: bool,
) -> PyResult<Py<PyAny>> {
    let (a, axes) = (input(a)?, axis_arg(axis)?);
    let r = maybe_detach(py, a.size(), || {
        core_quantile::median(&a, axes.as_deref(), keepdims, skip_nan)
    })
    .py()?;
    finish(py, r, out)
}

/// The arguments `quantile`, `percentile` and their nan- forms share.
struct QuantileCall<'a, 'py> {
    a: &'a Bound<'py, PyAny>,
    q: &'a Bound<'py, PyAny>,
    axis: Arg<'a, 'py>,
    out: Arg<'a, 'py>,
    method: &'a str,
    keepdims: bool,
    weights: Arg<'a, 'py>,
    interpolation: Option<&'a str>,
}

impl QuantileCall<'_, '_> {
    fn run(self, py: Python<'_>, skip_nan: bool, percent: bool) -> PyResult<Py<PyAny>> {
        let method = Method::from_name(self.interpolation.unwrap_or(self.method)).py()?;
        // A Python int or float q is "weak" (NumPy: the result keeps the input's float type).
        let weak =
            self.q.is_exact_instance_of::<PyFloat>() || self.q.is_exact_instance_of::<PyInt>();
        let (a, q, axes) = (input(self.a)?, input(self.q)?, axis_arg(self.axis)?);
        let weights = optional_input(self.weights)?;
        let keepdims = self.keepdims;
        let r = maybe_detach(py, a.size(), || {
            core_quantile::quantile(
                &a,
                &q,
                axes.as_deref(),
                method,
                keepdims,
                skip_nan,
                percent,
                weak,
                weights.as_ref(),
            )
        })
        .py()?;
        finish(py, r, self.out)
    }
}

/// The median along ``axis`` (of the flattened array by default).
///
/// >>> ap.median(ap.asarray([[1.0, 3.0, 2.0], [4.0, 6.0, 5.0]]), axis=1)
/// array([2., 5.])
#[pyfunction]
#[pyo3(signature = (a, axis=None, out=None, overwrite_input=false, keepdims=false))]
pub fn median(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Arg<'_, '_>,
    out: Arg<'_, '_>,
    overwrite_input: bool,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let _ = overwrite_input; // the input is never modified: each lane is a copy
    median_py(py, a, axis, out, keepdims, false)
}

/// The median along ``axis``, ignoring NaNs.
///
/// >>> ap.nanmedian(ap.asarray([1.0, ap.nan, 3.0, 4.0]))
/// array(3.)
#[pyfunction]
#[pyo3(signature = (a, axis=None, out=None, overwrite_input=false, keepdims=false))]
pub fn nanmedian(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Arg<'_, '_>,
    out: Arg<'_, '_>,
    overwrite_input: bool,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let _ = overwrite_input;
    median_py(py, a, axis, out, keepdims, true)
}

macro_rules! quantile_fn {
    ($(#[$doc:meta])* $name:ident, $skip_nan:expr, $percent:expr) => {
        $(#[$doc])*
        #[pyfunction]
        #[pyo3(signature = (a, q, axis=None, out=None, overwrite_input=false, method="linear",
                                            keepdims=false, *, weights=None, interpolation=None))]
        #[allow(clippy::too_many_arguments)]
        pub fn $name(
            py: Python<'_>,
            a: &Bound<'_, PyAny>,
            q: &Bound<'_, PyAny>,
            axis: Arg<'_, '_>,
            out: Arg<'_, '_>,
            overwrite_input: bool,
            method: &str,
            keepdims: bool,
            weights: Arg<'_, '_>,
            interpolation: Option<&str>,
        ) -> PyResult<Py<PyAny>> {
            let _ = overwrite_input;
            let call = QuantileCall {
                a,
                q,
                axis,
                out,
                method,
                keepdims,
                weights,
                interpolation,
            };
            call.run(py, $skip_nan, $percent)
        }
    };
}
quantile_fn!(
    /// The ``q``-th quantiles (0 <= q <= 1) along ``axis``.
    ///
    /// >>> ap.quantile(ap.asarray([1.0, 2.0, 3.0, 4.0]), 0.5)
    /// array(2.5)
    quantile,
    false,
    false
);
quantile_fn!(
    /// The ``q``-th percentiles (0 <= q <= 100) along ``axis``.
    ///
    /// >>> ap.percentile(ap.asarray([1.0, 2.0, 3.0, 4.0]), [25, 50])
    /// array([1.75, 2.5 ])
    percentile,
    false,
    true
);
quantile_fn!(
    /// The ``q``-th quantiles (0 <= q <= 1) along ``axis``, ignoring NaNs.
    ///
    /// >>> ap.nanquantile(ap.asarray([1.0, ap.nan, 3.0, 5.0]), [0.25, 0.5])
    /// array([2., 3.])
    nanquantile,
    true,
    false
);
quantile_fn!(
    /// The ``q``-th percentiles along ``axis``, ignoring NaNs.
    ///
    /// >>> ap.nanpercentile(ap.asarray([1.0, ap.nan, 3.0, 5.0]), 50)
    /// array(3.)
    nanpercentile,
    true,
    true
);

/// `bins=`: an estimator name, a positive count, or an array of edges.
fn bins_arg(bins: &Bound<'_, PyAny>) -> PyResult<Bins> {
    if let Ok(s) = bins.cast::<PyString>() {
        return Ok(Bins::Rule(s.to_str()?.to_owned()));
    }
    let count = |n: i64| {
        usize::try_from(n)
            .ok()
            .filter(|&n| n > 0)
            .map(Bins::Count)
            .ok_or_else(|| PyValueError::new_err("`bins` must be positive, when an integer"))
    };
    if bins.is_instance_of::<PyInt>() {
        return count(bins.extract::<i64>()?);
    }
    let edges = input(bins)?;
    match edges.ndim() {
        0 if edges.dtype().is_integer() => count(edges.item().py()?.as_i128().unwrap_or(-1) as i64),
        0 => Err(PyTypeError::new_err(
            "`bins` must be an integer, a string, or an array",
        )),
        1 => Ok(Bins::Edges(edges)),
        _ => Err(PyValueError::new_err("`bins` must be 1d, when an array")),
    }
}

fn range_arg(range: Arg<'_, '_>) -> PyResult<Option<(f64, f64)>> {
    match range {
        Some(r) if !r.is_none() => {
            let v: Vec<f64> = r.extract()?;
            match v[..] {
                [lo, hi] => Ok(Some((lo, hi))),
                _ => Err(PyValueError::new_err(format!(
                    "too many values to unpack (expected 2, got {})",
                    v.len()
                ))),
            }
        }
        _ => Ok(None),
    }
}

fn optional_input(x: Arg<'_, '_>) -> PyResult<Option<Array>> {
    x.filter(|x| !x.is_none()).map(input).transpose()
}

/// Counts of ``a`` in ``bins`` (a count, or edges), and the bin edges.
///
/// >>> ap.histogram(ap.asarray([1, 2, 2, 3, 5]), bins=4)
/// (array([1, 2, 1, 1]), array([1., 2., 3., 4., 5.]))
#[pyfunction]
#[pyo3(signature = (a, bins=None, range=None, density=None, weights=None))]
pub fn histogram(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    bins: Arg<'_, '_>,
    range: Arg<'_, '_>,
    density: Option<bool>,
    weights: Arg<'_, '_>,
) -> PyResult<(Py<PyNdArray>, Py<PyNdArray>)> {
    let a = input(a)?;
    let bins = match bins {
        Some(b) if !b.is_none() => bins_arg(b)?,
        _ => Bins::Count(10),
    };
    let (range, weights) = (range_arg(range)?, optional_input(weights)?);
    if a.dtype() == arrpy_core::DType::Bool {
        let category = py.get_type::<PyRuntimeWarning>();
        PyErr::warn(
            py,
            category.as_any(),
            c"Converting input from bool to <class 'numpy.uint8'> for compatibility.",
            1,
        )?;
    }
    let h = maybe_detach(py, a.size(), || {
        core_histogram::histogram(&a, &bins, range, density.unwrap_or(false), weights.as_ref())
    })
    .py()?;
    Ok((
        PyNdArray::wrap(py, h.counts)?,
        PyNdArray::wrap(py, h.edges)?,
    ))
}

/// The edges of the bins ``histogram`` would use.
///
/// >>> ap.histogram_bin_edges(ap.asarray([0.0, 1.0, 4.0]), bins=4)
/// array([0., 1., 2., 3., 4.])
#[pyfunction]
#[pyo3(signature = (a, bins=None, range=None, weights=None))]
pub fn histogram_bin_edges(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    bins: Arg<'_, '_>,
    range: Arg<'_, '_>,
    weights: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    let a = input(a)?;
    let bins = match bins {
        Some(b) if !b.is_none() => bins_arg(b)?,
        _ => Bins::Count(10),
    };
    let (range, weighted) = (range_arg(range)?, optional_input(weights)?.is_some());
    let e = maybe_detach(py, a.size(), || {
        core_histogram::histogram_bin_edges(&a, &bins, range, weighted)
    })
    .py()?;
    PyNdArray::wrap(py, e)
}

/// How often each value 0, 1, … occurs in the non-negative integers ``x`` (or the sum of their
/// weights).
///
/// >>> ap.bincount(ap.asarray([0, 1, 1, 3]))
/// array([1, 2, 0, 1])
#[pyfunction]
#[pyo3(signature = (x, /, weights=None, minlength=0))]
pub fn bincount(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    weights: Arg<'_, '_>,
    minlength: isize,
) -> PyResult<Py<PyNdArray>> {
    let (x, weights) = (input(x)?, optional_input(weights)?);
    let r = maybe_detach(py, x.size(), || {
        core_histogram::bincount(&x, weights.as_ref(), minlength)
    })
    .py()?;
    PyNdArray::wrap(py, r)
}

/// For each value of ``x``, the index of the bin of ``bins`` it falls in.
///
/// >>> ap.digitize(ap.asarray([0.5, 1.5, 3.0]), ap.asarray([1.0, 2.0, 3.0]))
/// array([0, 1, 3])
#[pyfunction]
#[pyo3(signature = (x, bins, right=false))]
pub fn digitize(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    bins: &Bound<'_, PyAny>,
    right: bool,
) -> PyResult<Py<PyNdArray>> {
    let (x, bins) = (input(x)?, input(bins)?);
    let r = maybe_detach(py, x.size(), || core_histogram::digitize(&x, &bins, right)).py()?;
    PyNdArray::wrap(py, r)
}

/// The ``n``-th discrete difference along ``axis``.
///
/// >>> ap.diff(ap.asarray([1, 4, 9, 16])), ap.diff(ap.asarray([1, 4, 9, 16]), n=2)
/// (array([3, 5, 7]), array([2, 2]))
#[pyfunction]
#[pyo3(signature = (a, n=1, axis=-1, prepend=None, append=None), text_signature = "(a, n=1, axis=-1, prepend=None, append=None)")]
pub fn diff(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: i64,
    axis: isize,
    prepend: Arg<'_, '_>,
    append: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    let a = input(a)?;
    let (prepend, append) = (optional_input(prepend)?, optional_input(append)?);
    let r = maybe_detach(py, a.size(), || {
        core_difference::diff(&a, n, axis, prepend.as_ref(), append.as_ref())
    })
    .py()?;
    PyNdArray::wrap(py, r)
}

/// The differences of consecutive elements of the flattened array.
///
/// >>> ap.ediff1d(ap.asarray([1, 2, 4, 7]), to_begin=0)
/// array([0, 1, 2, 3])
#[pyfunction]
#[pyo3(signature = (ary, to_end=None, to_begin=None))]
pub fn ediff1d(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    to_end: Arg<'_, '_>,
    to_begin: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    let a = input(ary)?;
    let (to_end, to_begin) = (optional_input(to_end)?, optional_input(to_begin)?);
    let r = maybe_detach(py, a.size(), || {
        core_difference::ediff1d(&a, to_end.as_ref(), to_begin.as_ref())
    })
    .py()?;
    PyNdArray::wrap(py, r)
}

/// `gradient(f, *varargs, axis=None, edge_order=1)`: one array, or a tuple of one per axis.
///
/// >>> ap.gradient(ap.asarray([1.0, 2.0, 4.0, 7.0]))
/// array([1. , 1.5, 2.5, 3. ])
#[pyfunction]
#[pyo3(signature = (f, *varargs, axis=None, edge_order=1))]
pub fn gradient(
    py: Python<'_>,
    f: &Bound<'_, PyAny>,
    varargs: &Bound<'_, PyTuple>,
    axis: Arg<'_, '_>,
    edge_order: i64,
) -> PyResult<Py<PyAny>> {
    let f = input(f)?;
    let spacing = varargs
        .iter()
        .map(|v| {
            let c = input(&v)?;
            Ok(if c.ndim() == 0 {
                Spacing::Step(c.item().py()?.as_f64())
            } else {
                Spacing::Coords(c)
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let axes = axis_arg(axis)?;
    let single = axes.as_ref().is_some_and(|a| a.len() == 1) || (axes.is_none() && f.ndim() == 1);
    let r = maybe_detach(py, f.size(), || {
        core_difference::gradient(&f, &spacing, axes.as_deref(), edge_order)
    })
    .py()?;
    let arrays = r
        .into_iter()
        .map(|a| PyNdArray::wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    if single {
        if let Some(a) = arrays.into_iter().next() {
            return Ok(a.into_any());
        }
        return Err(PyValueError::new_err("gradient of no axis"));
    }
    Ok(PyTuple::new(py, arrays)?.into_any().unbind())
}

/// The (weighted) average along ``axis``; with ``returned``, also the sum of weights.
///
/// >>> ap.average(ap.asarray([1.0, 2.0, 3.0]), weights=ap.asarray([3.0, 1.0, 0.0]))
/// array(1.25)
#[pyfunction]
#[pyo3(signature = (a, axis=None, weights=None, returned=false, *, keepdims=false))]
pub fn average(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Arg<'_, '_>,
    weights: Arg<'_, '_>,
    returned: bool,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let (a, weights, axes) = (input(a)?, optional_input(weights)?, axis_arg(axis)?);
    let r = maybe_detach(py, a.size(), || {
        core_average(&a, axes.as_deref(), weights.as_ref(), keepdims)
    })
    .map_err(|e| match e {
        // NumPy raises ZeroDivisionError here, which the core's errors do not name.
        arrpy_core::Error::Value(m) if m.starts_with("Weights sum to zero") => {
            PyZeroDivisionError::new_err(m)
        }
        e => crate::errors::to_py(e),
    })?;
    if r.empty_slice {
        let category = py.get_type::<PyRuntimeWarning>();
        PyErr::warn(py, category.as_any(), c"Mean of empty slice", 1)?;
    }
    let avg = PyNdArray::wrap(py, r.average)?;
    if returned {
        let scl = PyNdArray::wrap(py, r.weight_sum)?;
        return Ok(PyTuple::new(py, [avg, scl])?.into_any().unbind());
    }
    Ok(avg.into_any())
}

fn dof_warning(py: Python<'_>, warn: bool) -> PyResult<()> {
    if warn {
        let category = py.get_type::<PyRuntimeWarning>();
        PyErr::warn(
            py,
            category.as_any(),
            c"Degrees of freedom <= 0 for slice",
            1,
        )?;
    }
    Ok(())
}

/// The covariance matrix of the variables (rows) of ``m`` (and ``y``).
///
/// >>> ap.cov(ap.asarray([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))
/// array([[ 1., -1.],
///        [-1.,  1.]])
#[pyfunction]
#[pyo3(signature = (m, y=None, rowvar=true, bias=false, ddof=None, fweights=None, aweights=None, *, dtype=None))]
#[allow(clippy::too_many_arguments)]
pub fn cov(
    py: Python<'_>,
    m: &Bound<'_, PyAny>,
    y: Arg<'_, '_>,
    rowvar: bool,
    bias: bool,
    ddof: Option<f64>,
    fweights: Arg<'_, '_>,
    aweights: Arg<'_, '_>,
    dtype: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    if ddof.is_some_and(|d| d != d.trunc()) {
        return Err(PyValueError::new_err("ddof must be integer"));
    }
    let m = input(m)?;
    let (y, fweights, aweights) = (
        optional_input(y)?,
        optional_input(fweights)?,
        optional_input(aweights)?,
    );
    let args = CovArgs {
        y: y.as_ref(),
        rowvar,
        bias,
        ddof: ddof.map(|d| d as i64),
        fweights: fweights.as_ref(),
        aweights: aweights.as_ref(),
        dtype: optional_dtype(dtype)?,
    };
    let (c, warn) = maybe_detach(py, m.size(), || core_covariance::cov(&m, &args)).py()?;
    dof_warning(py, warn)?;
    PyNdArray::wrap(py, c)
}

/// Pearson correlation coefficients of the variables (rows) of ``x`` (and ``y``).
///
/// >>> ap.corrcoef(ap.asarray([1.0, 2.0, 3.0]), ap.asarray([3.0, 2.0, 1.0]))
/// array([[ 1., -1.],
///        [-1.,  1.]])
#[pyfunction]
#[pyo3(signature = (x, y=None, rowvar=true, *, dtype=None))]
pub fn corrcoef(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    y: Arg<'_, '_>,
    rowvar: bool,
    dtype: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    let (x, y, dtype) = (input(x)?, optional_input(y)?, optional_dtype(dtype)?);
    let (c, warn) = maybe_detach(py, x.size(), || {
        core_covariance::corrcoef(&x, y.as_ref(), rowvar, dtype)
    })
    .py()?;
    dof_warning(py, warn)?;
    PyNdArray::wrap(py, c)
}

/// The cross product of (arrays of) 2- or 3-element vectors.
///
/// >>> ap.cross(ap.asarray([1, 0, 0]), ap.asarray([0, 1, 0]))
/// array([0, 0, 1])
#[pyfunction]
#[pyo3(signature = (a, b, axisa=-1, axisb=-1, axisc=-1, axis=None), text_signature = "(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)")]
pub fn cross(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axisa: isize,
    axisb: isize,
    axisc: isize,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let (axisa, axisb, axisc) = axis.map_or((axisa, axisb, axisc), |x| (x, x, x));
    let (a, b) = (input(a)?, input(b)?);
    let c = maybe_detach(py, a.size().max(b.size()), || {
        core_cross(&a, &b, axisa, axisb, axisc)
    })
    .py()?;
    PyNdArray::wrap(py, c)
}

/// The discrete linear convolution of two 1-d arrays (``mode`` full, same or valid).
///
/// >>> ap.convolve(ap.asarray([1, 2, 3]), ap.asarray([0, 1, 0.5]))
/// array([0. , 1. , 2.5, 4. , 1.5])
#[pyfunction]
#[pyo3(signature = (a, v, mode="full"))]
pub fn convolve(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<Py<PyNdArray>> {
    let (a, v, mode) = (input(a)?, input(v)?, Mode::from_name(mode).py()?);
    let r = maybe_detach(py, a.size().saturating_mul(v.size()), || {
        core_convolve::convolve(&a, &v, mode)
    })
    .py()?;
    PyNdArray::wrap(py, r)
}

/// The cross-correlation of two 1-d arrays (``mode`` valid, same or full).
///
/// >>> ap.correlate(ap.asarray([1, 2, 3]), ap.asarray([0, 1, 0.5]), mode="same")
/// array([2. , 3.5, 3. ])
#[pyfunction]
#[pyo3(signature = (a, v, mode="valid"))]
pub fn correlate(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<Py<PyNdArray>> {
    let (a, v, mode) = (input(a)?, input(v)?, Mode::from_name(mode).py()?);
    let r = maybe_detach(py, a.size().saturating_mul(v.size()), || {
        core_convolve::correlate(&a, &v, mode)
    })
    .py()?;
    PyNdArray::wrap(py, r)
}

fn optional_complex(x: Arg<'_, '_>) -> PyResult<Option<num_complex::Complex64>> {
    optional_input(x)?
        .map(|a| Ok(a.item().py()?.as_complex()))
        .transpose()
}

/// One-dimensional linear interpolation of the points (``xp``, ``fp``) at ``x``.
///
/// >>> ap.interp(ap.asarray([0.5, 1.5, 3.0]), ap.asarray([0.0, 1.0, 2.0]), ap.asarray([0.0, 10.0, 20.0]))
/// array([ 5., 15., 20.])
#[pyfunction]
#[pyo3(signature = (x, xp, fp, left=None, right=None, period=None))]
pub fn interp(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    xp: &Bound<'_, PyAny>,
    fp: &Bound<'_, PyAny>,
    left: Arg<'_, '_>,
    right: Arg<'_, '_>,
    period: Option<f64>,
) -> PyResult<Py<PyNdArray>> {
    let (x, xp, fp) = (input(x)?, input(xp)?, input(fp)?);
    let args = InterpArgs {
        left: optional_complex(left)?,
        right: optional_complex(right)?,
        period,
    };
    let r = maybe_detach(py, x.size(), || core_interp(&x, &xp, &fp, &args)).py()?;
    PyNdArray::wrap(py, r)
}

/// histogramdd's `sample`: an (N, D) array, or a sequence of D coordinate arrays (or a 1-d
/// array, one coordinate per point), as NumPy reads it.
fn sample_arg(sample: &Bound<'_, PyAny>) -> PyResult<Array> {
    let s = input(sample)?;
    let sequence = sample.is_instance_of::<PyList>() || sample.is_instance_of::<PyTuple>();
    if s.ndim() == 2 && !sequence {
        return Ok(s);
    }
    let s = match s.ndim() {
        0 => s.reshape(&[1, 1]),
        1 => s.reshape(&[1, -1]),
        _ => Ok(s),
    }
    .py()?;
    if s.ndim() != 2 {
        return Err(PyValueError::new_err("sample must be at most 2-d"));
    }
    s.transpose(None).py()
}

/// One dimension's bins: an integer count or a 1-d array of edges.
fn axis_bins(b: &Bound<'_, PyAny>, i: usize) -> PyResult<AxisBins> {
    if b.is_instance_of::<PyInt>() {
        return Ok(AxisBins::Count(b.extract()?));
    }
    let e = input(b)?;
    match e.ndim() {
        0 if e.dtype().is_integer() => Ok(AxisBins::Count(
            e.item().py()?.as_i128().unwrap_or(-1) as i64
        )),
        0 => Err(PyTypeError::new_err(format!(
            "`bins[{i}]` must be an integer, when a scalar"
        ))),
        _ => Ok(AxisBins::Edges(e)),
    }
}

fn dd(
    py: Python<'_>,
    sample: &Array,
    bins: &Bound<'_, PyAny>,
    range: Arg<'_, '_>,
    density: Option<bool>,
    weights: Arg<'_, '_>,
) -> PyResult<(Py<PyNdArray>, Vec<Py<PyNdArray>>)> {
    let d = sample.shape()[1];
    let bins: Vec<AxisBins> = if bins.is_instance_of::<PyInt>() || bins.is_instance_of::<PyString>()
    {
        (0..d)
            .map(|i| axis_bins(bins, i))
            .collect::<PyResult<_>>()?
    } else {
        let items: Vec<Bound<'_, PyAny>> = bins.try_iter()?.collect::<PyResult<_>>()?;
        if items.len() != d {
            return Err(PyValueError::new_err(
                "The dimension of bins must be equal to the dimension of the sample x.",
            ));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, b)| axis_bins(b, i))
            .collect::<PyResult<_>>()?
    };
    let ranges: Vec<Option<(f64, f64)>> = match range {
        Some(r) if !r.is_none() => r
            .try_iter()?
            .map(|item| range_arg(Some(&item?)))
            .collect::<PyResult<_>>()?,
        _ => vec![None; d],
    };
    let weights = optional_input(weights)?;
    let h = maybe_detach(py, sample.size(), || {
        core_histogramdd(
            sample,
            &bins,
            &ranges,
            density.unwrap_or(false),
            weights.as_ref(),
        )
    })
    .py()?;
    let edges = h
        .edges
        .into_iter()
        .map(|e| PyNdArray::wrap(py, e))
        .collect::<PyResult<_>>()?;
    Ok((PyNdArray::wrap(py, h.hist)?, edges))
}

/// The histogram of points in D dimensions (rows of ``sample``), and the edges on each axis.
///
/// >>> h, edges = ap.histogramdd(ap.asarray([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0]]), bins=2)
/// >>> h
/// array([[1., 0.],
///        [1., 1.]])
#[pyfunction]
#[pyo3(signature = (sample, bins=None, range=None, density=None, weights=None))]
pub fn histogramdd(
    py: Python<'_>,
    sample: &Bound<'_, PyAny>,
    bins: Arg<'_, '_>,
    range: Arg<'_, '_>,
    density: Option<bool>,
    weights: Arg<'_, '_>,
) -> PyResult<(Py<PyNdArray>, Vec<Py<PyNdArray>>)> {
    let sample = sample_arg(sample)?;
    let ten = 10i64.into_pyobject(py)?.into_any();
    dd(py, &sample, bins.unwrap_or(&ten), range, density, weights)
}

/// `histogram2d(x, y, ...)`: histogramdd of the points (x, y); `bins` is a count, a pair, or
/// one array of edges for both coordinates.
///
/// >>> h, xe, ye = ap.histogram2d(ap.asarray([0.0, 1.0, 1.0]), ap.asarray([0.0, 0.0, 1.0]), bins=2)
/// >>> h
/// array([[1., 0.],
///        [1., 1.]])
#[pyfunction]
#[pyo3(signature = (x, y, bins=None, range=None, density=None, weights=None))]
#[allow(clippy::too_many_arguments)]
pub fn histogram2d(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    bins: Arg<'_, '_>,
    range: Arg<'_, '_>,
    density: Option<bool>,
    weights: Arg<'_, '_>,
) -> PyResult<(Py<PyNdArray>, Py<PyNdArray>, Py<PyNdArray>)> {
    let (x, y) = (input(x)?, input(y)?);
    if x.size() != y.size() || x.ndim() != 1 || y.ndim() != 1 {
        return Err(PyValueError::new_err("x and y must have the same length."));
    }
    let pair =
        arrpy_core::ops::manipulate::stack(&[x, y], 1, None, arrpy_core::Casting::SameKind).py()?;
    let ten = 10i64.into_pyobject(py)?.into_any();
    let bins = bins.unwrap_or(&ten);
    let n = if bins.is_instance_of::<PyInt>() {
        1
    } else {
        bins.len().unwrap_or(1)
    };
    let bins = if n == 1 || n == 2 {
        bins.clone()
    } else {
        PyTuple::new(py, [bins, bins])?.into_any()
    };
    let (h, mut edges) = dd(py, &pair, &bins, range, density, weights)?;
    let ey = edges
        .pop()
        .ok_or_else(|| PyValueError::new_err("no edges"))?;
    let ex = edges
        .pop()
        .ok_or_else(|| PyValueError::new_err("no edges"))?;
    Ok((h, ex, ey))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(histogramdd, m)?)?;
    m.add_function(wrap_pyfunction!(histogram2d, m)?)?;
    m.add_function(wrap_pyfunction!(convolve, m)?)?;
    m.add_function(wrap_pyfunction!(correlate, m)?)?;
    m.add_function(wrap_pyfunction!(interp, m)?)?;
    m.add_function(wrap_pyfunction!(cov, m)?)?;
    m.add_function(wrap_pyfunction!(corrcoef, m)?)?;
    m.add_function(wrap_pyfunction!(cross, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(ediff1d, m)?)?;
    m.add_function(wrap_pyfunction!(gradient, m)?)?;
    m.add_function(wrap_pyfunction!(average, m)?)?;
    m.add_function(wrap_pyfunction!(histogram, m)?)?;
    m.add_function(wrap_pyfunction!(histogram_bin_edges, m)?)?;
    m.add_function(wrap_pyfunction!(bincount, m)?)?;
    m.add_function(wrap_pyfunction!(digitize, m)?)?;
    m.add_function(wrap_pyfunction!(median, m)?)?;
    m.add_function(wrap_pyfunction!(nanmedian, m)?)?;
    m.add_function(wrap_pyfunction!(quantile, m)?)?;
    m.add_function(wrap_pyfunction!(percentile, m)?)?;
    m.add_function(wrap_pyfunction!(nanquantile, m)?)?;
    m.add_function(wrap_pyfunction!(nanpercentile, m)?)?;
    Ok(())
}
