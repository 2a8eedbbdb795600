//! ndarray methods for the NumPy-style elementwise functions (`a.clip(0, 1)`, `a.round(2)`,
//! `a.conj()`, `a.real`): each calls the module-level function, the one implementation.

use crate::errors::IntoPyResult;
use crate::functions::by_name::{_clip, _unary};
use crate::ndarray::PyNdArray;
use arrpy_core::Array;
use pyo3::prelude::*;

#[pymethods]
impl PyNdArray {
    /// The values limited to ``[min, max]``.
    ///
    /// >>> ap.asarray([1, 5, 9]).clip(2, 6)
    /// array([2, 5, 6])
    #[pyo3(signature = (min=None, max=None, out=None))]
    fn clip(
        slf: &Bound<'_, Self>,
        min: Option<&Bound<'_, PyAny>>,
        max: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        _clip(slf.py(), slf.as_any(), min, max, out)
    }

    /// The values rounded to ``decimals`` places, halves to even.
    ///
    /// >>> ap.asarray([0.125, 2.5, -1.55]).round(1)
    /// array([ 0.1,  2.5, -1.6])
    #[pyo3(signature = (decimals=0, out=None))]
    fn round(
        slf: &Bound<'_, Self>,
        decimals: i64,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        crate::python_calls::round(slf.py(), slf.as_any(), decimals, out)
    }

    /// The complex conjugate, elementwise.
    ///
    /// >>> ap.asarray([1 + 2j, 3 - 1j]).conj()
    /// array([1.-2.j, 3.+1.j])
    fn conj(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        _unary(slf.py(), "conj", slf.as_any(), None)
    }

    /// The complex conjugate, elementwise.
    ///
    /// >>> ap.asarray([1 + 2j, 3 - 1j]).conjugate()
    /// array([1.-2.j, 3.+1.j])
    fn conjugate(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        _unary(slf.py(), "conj", slf.as_any(), None)
    }

    /// The real part: a view for complex arrays (writes go through), the array itself otherwise.
    #[getter]
    fn real(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        match slf.borrow().inner().complex_part(false) {
            Some(part) => Ok(PyNdArray::wrap_view(slf, part)?.into_any()),
            None => Ok(slf.clone().into_any().unbind()),
        }
    }

    #[setter]
    fn set_real(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let ellipsis = slf.py().Ellipsis();
        Self::real(slf)?.bind(slf.py()).set_item(ellipsis, value)
    }

    /// The imaginary part: a view for complex arrays, a new array of zeros otherwise.
    #[getter]
    fn imag(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        match slf.borrow().inner().complex_part(true) {
            Some(part) => Ok(PyNdArray::wrap_view(slf, part)?.into_any()),
            // As NumPy: zeros that refuse writes, so `a.imag[0] = 9` fails loudly.
            None => {
                let a = slf.borrow().inner().clone();
                let zero = Array::zeros(a.dtype(), &[]).py()?;
                let mut zeros = zero.broadcast_to(a.shape()).py()?;
                zeros.set_readonly(true).py()?;
                Ok(PyNdArray::wrap(slf.py(), zeros)?.into_any())
            }
        }
    }

    #[setter]
    fn set_imag(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        match slf.borrow().inner().complex_part(true) {
            Some(part) => {
                let view = PyNdArray::wrap_view(slf, part)?;
                view.bind(slf.py()).set_item(slf.py().Ellipsis(), value)
            }
            None => Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "array does not have imaginary part to set (dtype {})",
                slf.borrow().inner().dtype().name()
            ))),
        }
    }
}
