//! NumPy's override protocols on ndarray: NEP 13 `__array_ufunc__` (`numpy.add(a, b)`,
//! `numpy.add.reduce(a)`) and NEP 18 `__array_function__` (`numpy.sum(a)`,
//! `numpy.linalg.solve(a, b)`). Both only forward to `arrpy._numpy_protocols`, which maps
//! NumPy's ufuncs and functions to arrpy's by name: the targets are the package's Python
//! functions, and the tables are built from NumPy's and arrpy's namespaces.

use crate::ndarray::PyNdArray;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

#[pymethods]
impl PyNdArray {
    /// NEP 13: NumPy's ufunc `ufunc` called through `method` ('__call__', 'reduce', …) on
    /// arguments among which is an arrpy array. Computed by arrpy, or NotImplemented.
    #[pyo3(signature = (ufunc, method, *inputs, **kwargs))]
    fn __array_ufunc__(
        &self,
        py: Python<'_>,
        ufunc: &Bound<'_, PyAny>,
        method: &Bound<'_, PyAny>,
        inputs: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        crate::python_calls::array_ufunc(py, ufunc, method, inputs, kwargs)
    }

    /// NEP 18: NumPy's function `func` called with an arrpy array among its array arguments.
    /// Computed by arrpy's function of the same name, or NotImplemented.
    fn __array_function__(
        &self,
        py: Python<'_>,
        func: &Bound<'_, PyAny>,
        types: &Bound<'_, PyAny>,
        args: &Bound<'_, PyAny>,
        kwargs: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        crate::python_calls::array_function(py, func, types, args, kwargs)
    }

    /// NumPy's ndarray's priority (0.0): libraries that pick among mixed operands by it
    /// (Dask's tensordot and divide) read it from every array. NumPy itself only consults it
    /// for classes without `__array_ufunc__`, so it changes nothing there.
    #[classattr]
    #[allow(non_upper_case_globals)] // Python's name
    const __array_priority__: f64 = 0.0;
}
