//! Bindings of every reduction, one entry for all: `_reduce(name, x, ...)` parses the arguments
//! of any signature class into core's `ReduceArgs` (axis as one int or a tuple, as the row's
//! class says), releases the GIL for large inputs, runs the row of `ops::reduce::table` and
//! raises the RuntimeWarning the row reports. `arrpy._reductions` generates NumPy's functions
//! from the table's rows (`_registry()`); the ndarray methods NumPy has call the same entry.

use crate::errors::IntoPyResult;
use crate::functions::by_name::finish_out;
use crate::functions::creation::to_array;
use crate::ndarray::{axis_arg, optional_dtype, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::reduce::table::{self, ReduceArgs};
use arrpy_core::Array;
use pyo3::exceptions::{PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;
use std::ffi::CString;

type Arg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// A call's Python arguments, before parsing; those a signature class lacks stay at default.
#[derive(Default)]
struct Call<'a, 'py> {
    axis: Arg<'a, 'py>,
    dtype: Arg<'a, 'py>,
    out: Arg<'a, 'py>,
    ddof: Option<f64>,
    keepdims: bool,
    correction: Option<f64>,
    include_initial: bool,
}

/// An `axis=` that must be a single integer or None.
fn single_axis(axis: Arg<'_, '_>) -> PyResult<Option<Vec<isize>>> {
    match axis {
        Some(a) if !a.is_none() => a.extract::<isize>().map(|ax| Some(vec![ax])).map_err(|_| {
            let name = a.get_type().name().map(|n| n.to_string()).unwrap_or_default();
            PyTypeError::new_err(format!("'{name}' object cannot be interpreted as an integer (axis must be a single int or None)"))
        }),
        _ => Ok(None),
    }
}

/// Runs the reduction `name` on `a`: the one path of every reduction function and method.
fn run(py: Python<'_>, name: &str, a: &Array, call: Call<'_, '_>) -> PyResult<Py<PyAny>> {
    let row = table::find(name)
        .ok_or_else(|| PyValueError::new_err(format!("no reduction is called {name:?}")))?;
    let args = ReduceArgs {
        axis: if row.signature.single_axis() {
            single_axis(call.axis)?
        } else {
            axis_arg(call.axis)?
        },
        dtype: optional_dtype(call.dtype)?,
        keepdims: call.keepdims,
        ddof: call.ddof,
        correction: call.correction,
        include_initial: call.include_initial,
    };
    // `out=` is written after the reduction succeeded (`finish_out`): no mask needed.
    let r = crate::fp_errors::checked(py, false, || {
        let r = maybe_detach(py, a.size(), || row.call(a, &args)).py()?;
        // Before the flags' warnings, as NumPy's ("Mean of empty slice", then 0 / 0's).
        if let Some(message) = r.warning {
            let message = CString::new(message).unwrap_or_default();
            PyErr::warn(py, py.get_type::<PyRuntimeWarning>().as_any(), &message, 1)?;
        }
        Ok(r)
    })?;
    finish_out(py, PyNdArray::wrap(py, r.array)?, call.out)
}

/// Every reduction: `name` is a row of the table; the other arguments are the union of the
/// signature classes' (`arrpy._reductions` passes those of the row's class).
#[pyfunction]
#[pyo3(signature = (name, x, axis=None, dtype=None, out=None, ddof=None, keepdims=false, correction=None, include_initial=false))]
#[allow(clippy::too_many_arguments)]
pub fn _reduce(
    py: Python<'_>,
    name: &str,
    x: &Bound<'_, PyAny>,
    axis: Arg<'_, '_>,
    dtype: Arg<'_, '_>,
    out: Arg<'_, '_>,
    ddof: Option<f64>,
    keepdims: bool,
    correction: Option<f64>,
    include_initial: bool,
) -> PyResult<Py<PyAny>> {
    let a = to_array(x, None)?.0;
    let call = Call {
        axis,
        dtype,
        out,
        ddof,
        keepdims,
        correction,
        include_initial,
    };
    run(py, name, &a, call)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_reduce, m)?)?;
    Ok(())
}

// ---- ndarray methods (NumPy's; ptp is not a NumPy 2 method) ----

#[pymethods]
impl PyNdArray {
    /// The sum of the elements (along ``axis``).
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).sum(axis=0), ap.asarray([[1, 2], [3, 4]]).sum()
    /// (array([4, 6]), array(10))
    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false))]
    fn sum(
        &self,
        py: Python<'_>,
        axis: Arg,
        dtype: Arg,
        out: Arg,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            dtype,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "sum", &self.inner(), call)
    }

    /// The product of the elements (along ``axis``).
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).prod(axis=0)
    /// array([3, 8])
    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false))]
    fn prod(
        &self,
        py: Python<'_>,
        axis: Arg,
        dtype: Arg,
        out: Arg,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            dtype,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "prod", &self.inner(), call)
    }

    /// The arithmetic mean (along ``axis``).
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).mean(axis=1)
    /// array([1.5, 3.5])
    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false))]
    fn mean(
        &self,
        py: Python<'_>,
        axis: Arg,
        dtype: Arg,
        out: Arg,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            dtype,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "mean", &self.inner(), call)
    }

    /// The smallest element (along ``axis``).
    ///
    /// >>> ap.asarray([[1, 5], [7, 2]]).min(axis=1)
    /// array([1, 2])
    #[pyo3(signature = (axis=None, out=None, keepdims=false))]
    fn min(&self, py: Python<'_>, axis: Arg, out: Arg, keepdims: bool) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "min", &self.inner(), call)
    }

    /// The largest element (along ``axis``).
    ///
    /// >>> ap.asarray([[1, 5], [7, 2]]).max(axis=0)
    /// array([7, 5])
    #[pyo3(signature = (axis=None, out=None, keepdims=false))]
    fn max(&self, py: Python<'_>, axis: Arg, out: Arg, keepdims: bool) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "max", &self.inner(), call)
    }

    /// The variance (along ``axis``), with ``ddof`` delta degrees of freedom.
    ///
    /// >>> ap.asarray([[1.0, 2.0], [3.0, 5.0]]).var(axis=1)
    /// array([0.25, 1.  ])
    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn var(
        &self,
        py: Python<'_>,
        axis: Arg,
        dtype: Arg,
        out: Arg,
        ddof: Option<f64>,
        keepdims: bool,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            correction,
            ..Call::default()
        };
        run(py, "var", &self.inner(), call)
    }

    /// The standard deviation (along ``axis``), with ``ddof`` delta degrees of freedom.
    ///
    /// >>> ap.asarray([1.0, 2.0, 3.0, 4.0]).std(), ap.asarray([1.0, 2.0, 3.0, 4.0]).std(ddof=1)
    /// (array(1.11803399), array(1.29099445))
    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn std(
        &self,
        py: Python<'_>,
        axis: Arg,
        dtype: Arg,
        out: Arg,
        ddof: Option<f64>,
        keepdims: bool,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            correction,
            ..Call::default()
        };
        run(py, "std", &self.inner(), call)
    }

    /// Index of the smallest element (along ``axis``; of the flattened array by default).
    ///
    /// >>> ap.asarray([[1, 5], [7, 2]]).argmin(axis=1)
    /// array([0, 1])
    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmin(&self, py: Python<'_>, axis: Arg, out: Arg, keepdims: bool) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "argmin", &self.inner(), call)
    }

    /// Index of the largest element (along ``axis``; of the flattened array by default).
    ///
    /// >>> ap.asarray([[1, 5], [7, 2]]).argmax(), ap.asarray([[1, 5], [7, 2]]).argmax(axis=0)
    /// (array(2), array([1, 0]))
    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmax(&self, py: Python<'_>, axis: Arg, out: Arg, keepdims: bool) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "argmax", &self.inner(), call)
    }

    /// Whether any element (along ``axis``) is true.
    ///
    /// >>> ap.asarray([[True, False], [False, False]]).any(axis=1)
    /// array([ True, False])
    #[pyo3(signature = (axis=None, out=None, keepdims=false))]
    fn any(&self, py: Python<'_>, axis: Arg, out: Arg, keepdims: bool) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "any", &self.inner(), call)
    }

    /// Whether all elements (along ``axis``) are true.
    ///
    /// >>> ap.asarray([[True, False], [True, True]]).all(axis=1)
    /// array([False,  True])
    #[pyo3(signature = (axis=None, out=None, keepdims=false))]
    fn all(&self, py: Python<'_>, axis: Arg, out: Arg, keepdims: bool) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            out,
            keepdims,
            ..Call::default()
        };
        run(py, "all", &self.inner(), call)
    }

    /// The cumulative sum along ``axis`` (of the flattened array by default).
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).cumsum()
    /// array([ 1,  3,  6, 10])
    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumsum(&self, py: Python<'_>, axis: Arg, dtype: Arg, out: Arg) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            dtype,
            out,
            ..Call::default()
        };
        run(py, "cumsum", &self.inner(), call)
    }

    /// The cumulative product along ``axis`` (of the flattened array by default).
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).cumprod(axis=1)
    /// array([[ 1,  2],
    ///        [ 3, 12]])
    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumprod(&self, py: Python<'_>, axis: Arg, dtype: Arg, out: Arg) -> PyResult<Py<PyAny>> {
        let call = Call {
            axis,
            dtype,
            out,
            ..Call::default()
        };
        run(py, "cumprod", &self.inner(), call)
    }
}
