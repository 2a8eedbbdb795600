//! ndarray methods for the NumPy-style elementwise functions (`a.clip(0, 1)`, `a.round(2)`,
//! `a.conj()`, `a.real`): each calls the module-level function, the one implementation.

use crate::functions::{_clip, _unary};
use crate::ndarray::PyNdArray;
use pyo3::prelude::*;

#[pymethods]
impl PyNdArray {
    #[pyo3(signature = (min=None, max=None, out=None))]
    fn clip(
        slf: &Bound<'_, Self>,
        min: Option<&Bound<'_, PyAny>>,
        max: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        _clip(slf.py(), slf.as_any(), min, max, out)
    }

    #[pyo3(signature = (decimals=0, out=None))]
    fn round(
        slf: &Bound<'_, Self>,
        decimals: i64,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let round = slf.py().import("arrpy._elementwise")?.getattr("round")?;
        Ok(round.call1((slf, decimals, out))?.unbind())
    }

    fn conj(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        _unary(slf.py(), "conj", slf.as_any(), None)
    }

    fn conjugate(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        _unary(slf.py(), "conj", slf.as_any(), None)
    }

    /// The real part (a copy).
    #[getter]
    fn real(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        _unary(slf.py(), "real", slf.as_any(), None)
    }

    /// The imaginary part (a copy; zeros for real arrays).
    #[getter]
    fn imag(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        _unary(slf.py(), "imag", slf.as_any(), None)
    }
}
