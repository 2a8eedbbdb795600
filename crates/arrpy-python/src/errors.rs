//! Maps `arrpy_core::Error` to Python exceptions, one variant to one class.

use arrpy_core::Error;
use pyo3::exceptions::{PyIndexError, PyMemoryError, PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

/// `arrpy.AxisError` (defined in Python as a subclass of ValueError and IndexError, as NumPy's).
fn axis_error_class(py: Python<'_>) -> Option<&Py<PyAny>> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    CLASS
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("arrpy._exceptions")?
                .getattr("AxisError")?
                .unbind())
        })
        .ok()
}

pub fn to_py(err: Error) -> PyErr {
    match err {
        Error::Shape(m) | Error::Value(m) | Error::ReadOnly(m) => PyValueError::new_err(m),
        Error::Type(m) => PyTypeError::new_err(m),
        Error::Index(m) => PyIndexError::new_err(m),
        Error::Overflow(m) => PyOverflowError::new_err(m),
        Error::Memory(m) => PyMemoryError::new_err(m),
        Error::Axis(m) => Python::attach(|py| match axis_error_class(py) {
            Some(cls) => match cls.bind(py).call1((m.clone(),)) {
                Ok(exc) => PyErr::from_value(exc),
                Err(e) => e,
            },
            None => PyIndexError::new_err(m),
        }),
    }
}

/// `?`-friendly conversion for core results.
pub trait IntoPyResult<T> {
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for arrpy_core::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
