//! Bindings of the reductions beyond sum/prod/mean/min/max: var, std, argmin, argmax, any, all,
//! count_nonzero, ptp, the nan-reductions and the cumulative ones — module functions and the
//! matching ndarray methods. Each converts arguments, releases the GIL for large inputs, calls
//! arrpy-core and raises NumPy's RuntimeWarnings where the core reports them.

use crate::errors::IntoPyResult;
use crate::functions::by_name::finish_out;
use crate::functions::creation::to_array;
use crate::ndarray::{axis_arg, optional_dtype, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::kernels::search::ArgKind;
use arrpy_core::ops::reduce::cumulative::{cumulative, CumulativeOp};
use arrpy_core::ops::reduce::{
    arg as reduce_arg, logic as reduce_logic, nan as reduce_nan, stats as reduce_stats,
};
use arrpy_core::Array;
use pyo3::exceptions::{PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;
use std::ffi::CStr;

type Axis<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn input(x: &Bound<'_, PyAny>) -> PyResult<Array> {
    Ok(to_array(x, None)?.0)
}

fn warn(py: Python<'_>, message: &CStr) -> PyResult<()> {
    PyErr::warn(py, py.get_type::<PyRuntimeWarning>().as_any(), message, 1)
}

/// An `axis=` that must be a single integer (argmin/argmax, cumulative ops) or None.
fn single_axis(axis: Axis<'_, '_>) -> PyResult<Option<isize>> {
    match axis {
        None => Ok(None),
        Some(a) if a.is_none() => Ok(None),
        Some(a) => a.extract::<isize>().map(Some).map_err(|_| {
            let name = a.get_type().name().map(|n| n.to_string()).unwrap_or_default();
            PyTypeError::new_err(format!("'{name}' object cannot be interpreted as an integer (axis must be a single int or None)"))
        }),
    }
}

/// NumPy's `ddof` and the Array API's `correction` are one number; both at once is an error.
fn degrees(ddof: Option<f64>, correction: Option<f64>) -> PyResult<f64> {
    match (ddof, correction) {
        (Some(_), Some(_)) => Err(PyValueError::new_err(
            "ddof and correction can't be provided simultaneously.",
        )),
        (d, c) => Ok(d.or(c).unwrap_or(0.0)),
    }
}

#[allow(clippy::too_many_arguments)]
fn var_std(
    py: Python<'_>,
    a: &Array,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    ddof: Option<f64>,
    keepdims: bool,
    correction: Option<f64>,
    sqrt: bool,
) -> PyResult<Py<PyAny>> {
    let axes = axis_arg(axis)?;
    let dtype = optional_dtype(dtype)?;
    let ddof = degrees(ddof, correction)?;
    let r = maybe_detach(py, a.size(), || {
        reduce_stats::var(a, axes.as_deref(), keepdims, dtype, ddof, sqrt)
    })
    .py()?;
    if r.dof_warning {
        warn(py, c"Degrees of freedom <= 0 for slice")?;
    }
    finish_out(py, PyNdArray::wrap(py, r.array)?, out)
}

fn arg(
    py: Python<'_>,
    kind: ArgKind,
    a: &Array,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let axis = single_axis(axis)?;
    let r = maybe_detach(py, a.size(), || {
        reduce_arg::argreduce(kind, a, axis, keepdims)
    })
    .py()?;
    finish_out(py, PyNdArray::wrap(py, r)?, out)
}

fn truth(
    py: Python<'_>,
    all: bool,
    a: &Array,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let axes = axis_arg(axis)?;
    let r = maybe_detach(py, a.size(), || {
        if all {
            reduce_logic::all(a, axes.as_deref(), keepdims)
        } else {
            reduce_logic::any(a, axes.as_deref(), keepdims)
        }
    })
    .py()?;
    finish_out(py, PyNdArray::wrap(py, r)?, out)
}

fn cumulative_py(
    py: Python<'_>,
    op: CumulativeOp,
    a: &Array,
    axis: Option<isize>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    include_initial: bool,
) -> PyResult<Py<PyAny>> {
    let dtype = optional_dtype(dtype)?;
    let r = maybe_detach(py, a.size(), || {
        cumulative(op, a, axis, dtype, include_initial)
    })
    .py()?;
    finish_out(py, PyNdArray::wrap(py, r)?, out)
}

// ---- module functions ----

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, correction=None))]
#[allow(clippy::too_many_arguments)]
pub fn var(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    ddof: Option<f64>,
    keepdims: bool,
    correction: Option<f64>,
) -> PyResult<Py<PyAny>> {
    var_std(
        py,
        &input(x)?,
        axis,
        dtype,
        out,
        ddof,
        keepdims,
        correction,
        false,
    )
}

#[pyfunction(name = "std")]
#[pyo3(signature = (x, /, axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, correction=None))]
#[allow(clippy::too_many_arguments)]
pub fn std_py(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    ddof: Option<f64>,
    keepdims: bool,
    correction: Option<f64>,
) -> PyResult<Py<PyAny>> {
    var_std(
        py,
        &input(x)?,
        axis,
        dtype,
        out,
        ddof,
        keepdims,
        correction,
        true,
    )
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, out=None, *, keepdims=false))]
pub fn argmin(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    arg(py, ArgKind::Min, &input(x)?, axis, out, keepdims)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, out=None, *, keepdims=false))]
pub fn argmax(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    arg(py, ArgKind::Max, &input(x)?, axis, out, keepdims)
}

#[pyfunction(name = "any")]
#[pyo3(signature = (x, /, axis=None, out=None, keepdims=false))]
pub fn any_py(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    truth(py, false, &input(x)?, axis, out, keepdims)
}

#[pyfunction(name = "all")]
#[pyo3(signature = (x, /, axis=None, out=None, keepdims=false))]
pub fn all_py(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    truth(py, true, &input(x)?, axis, out, keepdims)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, *, keepdims=false))]
pub fn count_nonzero(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyNdArray>> {
    let a = input(x)?;
    let axes = axis_arg(axis)?;
    let r = maybe_detach(py, a.size(), || {
        reduce_logic::count_nonzero(&a, axes.as_deref(), keepdims)
    })
    .py()?;
    PyNdArray::wrap(py, r)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, out=None, keepdims=false))]
pub fn ptp(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let a = input(x)?;
    let axes = axis_arg(axis)?;
    let r = maybe_detach(py, a.size(), || {
        reduce_stats::ptp(&a, axes.as_deref(), keepdims)
    })
    .py()?;
    finish_out(py, PyNdArray::wrap(py, r)?, out)
}

fn nan_finish(
    py: Python<'_>,
    r: reduce_nan::NanResult,
    message: &CStr,
    out: Axis<'_, '_>,
) -> PyResult<Py<PyAny>> {
    if r.all_nan_slice {
        warn(py, message)?;
    }
    finish_out(py, PyNdArray::wrap(py, r.array)?, out)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, dtype=None, out=None, keepdims=false))]
pub fn nansum(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let (a, axes, dtype) = (input(x)?, axis_arg(axis)?, optional_dtype(dtype)?);
    let r = maybe_detach(py, a.size(), || {
        reduce_nan::nansum(&a, axes.as_deref(), keepdims, dtype)
    })
    .py()?;
    finish_out(py, PyNdArray::wrap(py, r.array)?, out)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, dtype=None, out=None, keepdims=false))]
pub fn nanmean(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let (a, axes, dtype) = (input(x)?, axis_arg(axis)?, optional_dtype(dtype)?);
    let r = maybe_detach(py, a.size(), || {
        reduce_nan::nanmean(&a, axes.as_deref(), keepdims, dtype)
    })
    .py()?;
    nan_finish(py, r, c"Mean of empty slice", out)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, out=None, keepdims=false))]
pub fn nanmin(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let (a, axes) = (input(x)?, axis_arg(axis)?);
    let r = maybe_detach(py, a.size(), || {
        reduce_nan::nanextremum(&a, axes.as_deref(), keepdims, false)
    })
    .py()?;
    nan_finish(py, r, c"All-NaN slice encountered", out)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, out=None, keepdims=false))]
pub fn nanmax(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    out: Axis<'_, '_>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let (a, axes) = (input(x)?, axis_arg(axis)?);
    let r = maybe_detach(py, a.size(), || {
        reduce_nan::nanextremum(&a, axes.as_deref(), keepdims, true)
    })
    .py()?;
    nan_finish(py, r, c"All-NaN slice encountered", out)
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, dtype=None, out=None))]
pub fn cumsum(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
) -> PyResult<Py<PyAny>> {
    cumulative_py(
        py,
        CumulativeOp::Sum,
        &input(x)?,
        single_axis(axis)?,
        dtype,
        out,
        false,
    )
}

#[pyfunction]
#[pyo3(signature = (x, /, axis=None, dtype=None, out=None))]
pub fn cumprod(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
) -> PyResult<Py<PyAny>> {
    cumulative_py(
        py,
        CumulativeOp::Prod,
        &input(x)?,
        single_axis(axis)?,
        dtype,
        out,
        false,
    )
}

/// The Array API form: `axis` may be omitted only for arrays of at most one dimension.
fn api_cumulative(
    py: Python<'_>,
    op: CumulativeOp,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    include_initial: bool,
) -> PyResult<Py<PyAny>> {
    let a = input(x)?;
    let axis = single_axis(axis)?;
    if axis.is_none() && a.ndim() > 1 {
        return Err(PyValueError::new_err(format!(
            "axis must be given for arrays of more than one dimension (got an array of dimension {})",
            a.ndim()
        )));
    }
    cumulative_py(py, op, &a, axis, dtype, out, include_initial)
}

#[pyfunction]
#[pyo3(signature = (x, /, *, axis=None, dtype=None, out=None, include_initial=false))]
pub fn cumulative_sum(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    include_initial: bool,
) -> PyResult<Py<PyAny>> {
    api_cumulative(py, CumulativeOp::Sum, x, axis, dtype, out, include_initial)
}

#[pyfunction]
#[pyo3(signature = (x, /, *, axis=None, dtype=None, out=None, include_initial=false))]
pub fn cumulative_prod(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Axis<'_, '_>,
    dtype: Axis<'_, '_>,
    out: Axis<'_, '_>,
    include_initial: bool,
) -> PyResult<Py<PyAny>> {
    api_cumulative(py, CumulativeOp::Prod, x, axis, dtype, out, include_initial)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(var, m)?)?;
    m.add_function(wrap_pyfunction!(std_py, m)?)?;
    m.add_function(wrap_pyfunction!(argmin, m)?)?;
    m.add_function(wrap_pyfunction!(argmax, m)?)?;
    m.add_function(wrap_pyfunction!(any_py, m)?)?;
    m.add_function(wrap_pyfunction!(all_py, m)?)?;
    m.add_function(wrap_pyfunction!(count_nonzero, m)?)?;
    m.add_function(wrap_pyfunction!(ptp, m)?)?;
    m.add_function(wrap_pyfunction!(nansum, m)?)?;
    m.add_function(wrap_pyfunction!(nanmean, m)?)?;
    m.add_function(wrap_pyfunction!(nanmin, m)?)?;
    m.add_function(wrap_pyfunction!(nanmax, m)?)?;
    m.add_function(wrap_pyfunction!(cumsum, m)?)?;
    m.add_function(wrap_pyfunction!(cumprod, m)?)?;
    m.add_function(wrap_pyfunction!(cumulative_sum, m)?)?;
    m.add_function(wrap_pyfunction!(cumulative_prod, m)?)?;
    Ok(())
}

// ---- ndarray methods (NumPy's; ptp is not a NumPy 2 method) ----

#[pymethods]
impl PyNdArray {
    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn var(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        dtype: Axis<'_, '_>,
        out: Axis<'_, '_>,
        ddof: Option<f64>,
        keepdims: bool,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        var_std(
            py,
            &self.inner(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            correction,
            false,
        )
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn std(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        dtype: Axis<'_, '_>,
        out: Axis<'_, '_>,
        ddof: Option<f64>,
        keepdims: bool,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        var_std(
            py,
            &self.inner(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            correction,
            true,
        )
    }

    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmin(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        out: Axis<'_, '_>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        arg(py, ArgKind::Min, &self.inner(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmax(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        out: Axis<'_, '_>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        arg(py, ArgKind::Max, &self.inner(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis=None, out=None, keepdims=false))]
    fn any(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        out: Axis<'_, '_>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        truth(py, false, &self.inner(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis=None, out=None, keepdims=false))]
    fn all(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        out: Axis<'_, '_>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        truth(py, true, &self.inner(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumsum(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        dtype: Axis<'_, '_>,
        out: Axis<'_, '_>,
    ) -> PyResult<Py<PyAny>> {
        cumulative_py(
            py,
            CumulativeOp::Sum,
            &self.inner(),
            single_axis(axis)?,
            dtype,
            out,
            false,
        )
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumprod(
        &self,
        py: Python<'_>,
        axis: Axis<'_, '_>,
        dtype: Axis<'_, '_>,
        out: Axis<'_, '_>,
    ) -> PyResult<Py<PyAny>> {
        cumulative_py(
            py,
            CumulativeOp::Prod,
            &self.inner(),
            single_axis(axis)?,
            dtype,
            out,
            false,
        )
    }
}
