//! Statistics: median, quantile/percentile and their nan- forms; histograms, bincount and
//! digitize. Each binding reads its arguments, releases the GIL for large inputs, calls
//! `arrpy_core::ops::statistics` and raises NumPy's RuntimeWarnings where the core reports them.

use crate::errors::IntoPyResult;
use crate::functions::by_name::finish_out;
use crate::functions::creation::to_array;
use crate::ndarray::{axis_arg, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::statistics::quantile::{self as core_quantile, Method, Stat};
use arrpy_core::Array;
use pyo3::exceptions::{PyNotImplementedError, PyRuntimeWarning};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt};

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
        if self.weights.is_some_and(|w| !w.is_none()) {
            return Err(PyNotImplementedError::new_err(
                "weights= is not supported by arrpy's quantiles yet",
            ));
        }
        let method = Method::from_name(self.interpolation.unwrap_or(self.method)).py()?;
        // A Python int or float q is "weak" (NumPy: the result keeps the input's float type).
        let weak = self.q.is_exact_instance_of::<PyFloat>() || self.q.is_exact_instance_of::<PyInt>();
        let (a, q, axes) = (input(self.a)?, input(self.q)?, axis_arg(self.axis)?);
        let keepdims = self.keepdims;
        let r = maybe_detach(py, a.size(), || {
            core_quantile::quantile(&a, &q, axes.as_deref(), method, keepdims, skip_nan, percent, weak)
        })
        .py()?;
        finish(py, r, self.out)
    }
}

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
    ($name:ident, $skip_nan:expr, $percent:expr) => {
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
            let call = QuantileCall { a, q, axis, out, method, keepdims, weights, interpolation };
            call.run(py, $skip_nan, $percent)
        }
    };
}
quantile_fn!(quantile, false, false);
quantile_fn!(percentile, false, true);
quantile_fn!(nanquantile, true, false);
quantile_fn!(nanpercentile, true, true);

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(median, m)?)?;
    m.add_function(wrap_pyfunction!(nanmedian, m)?)?;
    m.add_function(wrap_pyfunction!(quantile, m)?)?;
    m.add_function(wrap_pyfunction!(percentile, m)?)?;
    m.add_function(wrap_pyfunction!(nanquantile, m)?)?;
    m.add_function(wrap_pyfunction!(nanpercentile, m)?)?;
    Ok(())
}
