//! Maps `arrpy_core::Error` to Python exceptions, one variant to one class.

use arrpy_core::Error;
use pyo3::exceptions::{
    PyIndexError, PyMemoryError, PyOSError, PyOverflowError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;

pub fn to_py(err: Error) -> PyErr {
    match err {
        Error::Shape(m) | Error::Value(m) | Error::ReadOnly(m) => PyValueError::new_err(m),
        Error::Type(m) => PyTypeError::new_err(m),
        Error::Index(m) => PyIndexError::new_err(m),
        Error::Overflow(m) => PyOverflowError::new_err(m),
        Error::Memory(m) => PyMemoryError::new_err(m),
        Error::Io(m) => PyOSError::new_err(m),
        // If the package's AxisError cannot be made, an IndexError still says what is wrong.
        Error::Axis(m) => Python::attach(|py| {
            crate::python_calls::axis_error(py, m.clone())
                .unwrap_or_else(|_| PyIndexError::new_err(m))
        }),
        // Likewise a ValueError for LinAlgError.
        Error::LinAlg(m) => Python::attach(|py| {
            crate::python_calls::linalg_error(py, m.clone())
                .unwrap_or_else(|_| PyValueError::new_err(m))
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
