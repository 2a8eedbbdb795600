//! Sorting, searching and sets: module functions and the ndarray methods `sort`, `argsort`,
//! `partition`, `argpartition`, `searchsorted`. Each reads its arguments, releases the GIL for
//! large inputs and calls `arrpy_core::ops::sort`.

use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::ops::sort;
use arrpy_core::Array;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

type Arg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn input(x: &Bound<'_, PyAny>) -> PyResult<Array> {
    Ok(to_array(x, None)?.0)
}

/// Checks NumPy's `kind=`, `order=` and `stable=` (every sort here is stable, so a valid kind
/// changes nothing): NumPy reads a kind by its first letter.
fn check_sort_args(kind: Option<&str>, order: Arg<'_, '_>, stable: Option<bool>) -> PyResult<()> {
    if kind.is_some() && stable.is_some() {
        return Err(PyValueError::new_err(
            "`kind` and `stable` parameters can't be provided at the same time. Use only one of them.",
        ));
    }
    if let Some(kind) = kind {
        let first = kind.chars().next().map(|c| c.to_ascii_lowercase());
        if !matches!(first, Some('q' | 'h' | 'm' | 's')) {
            return Err(PyValueError::new_err(format!(
                "sort kind must be one of 'quick', 'heap', or 'stable' (got '{kind}')"
            )));
        }
    }
    if order.is_some_and(|o| !o.is_none()) {
        return Err(PyValueError::new_err(
            "Cannot specify order when the array has no fields.",
        ));
    }
    Ok(())
}

fn sorted(
    py: Python<'_>,
    a: &Array,
    axis: Option<isize>,
    descending: bool,
    arg: bool,
) -> PyResult<Py<PyNdArray>> {
    let r = maybe_detach(py, a.size(), || {
        if arg {
            sort::argsort(a, axis, descending)
        } else {
            sort::sort(a, axis, descending)
        }
    });
    PyNdArray::wrap(py, r.py()?)
}

#[pyfunction(name = "sort")]
#[pyo3(signature = (a, /, axis=Some(-1), kind=None, order=None, *, stable=None, descending=false))]
#[allow(clippy::too_many_arguments)]
pub fn sort_py(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Arg<'_, '_>,
    stable: Option<bool>,
    descending: bool,
) -> PyResult<Py<PyNdArray>> {
    check_sort_args(kind, order, stable)?;
    sorted(py, &input(a)?, axis, descending, false)
}

#[pyfunction]
#[pyo3(signature = (a, /, axis=Some(-1), kind=None, order=None, *, stable=None, descending=false))]
#[allow(clippy::too_many_arguments)]
pub fn argsort(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Arg<'_, '_>,
    stable: Option<bool>,
    descending: bool,
) -> PyResult<Py<PyNdArray>> {
    check_sort_args(kind, order, stable)?;
    sorted(py, &input(a)?, axis, descending, true)
}

#[pymethods]
impl PyNdArray {
    #[pyo3(name = "sort", signature = (axis=-1, kind=None, order=None, *, stable=None, descending=false))]
    fn sort_method(
        &self,
        py: Python<'_>,
        axis: isize,
        kind: Option<&str>,
        order: Arg<'_, '_>,
        stable: Option<bool>,
        descending: bool,
    ) -> PyResult<()> {
        check_sort_args(kind, order, stable)?;
        let a = self.inner();
        maybe_detach(py, a.size(), || sort::sort_in_place(&a, axis, descending)).py()
    }

    #[pyo3(name = "argsort", signature = (axis=Some(-1), kind=None, order=None, *, stable=None, descending=false))]
    fn argsort_method(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        kind: Option<&str>,
        order: Arg<'_, '_>,
        stable: Option<bool>,
        descending: bool,
    ) -> PyResult<Py<PyNdArray>> {
        check_sort_args(kind, order, stable)?;
        sorted(py, &self.inner(), axis, descending, true)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sort_py, m)?)?;
    m.add_function(wrap_pyfunction!(argsort, m)?)?;
    Ok(())
}
