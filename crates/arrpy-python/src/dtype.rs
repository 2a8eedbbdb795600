//! The `arrpy.dtype` class: one canonical, immutable instance per dtype.

use arrpy_core::DType;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyString, PyType};

/// The type of an array's elements: ``ap.dtype(name)`` or ``ap.dtype(type)`` gives one of the
/// 13 canonical instances (bool, the integers, float32/64, complex64/128).
///
/// >>> ap.dtype("float32"), ap.dtype(ap.int64).itemsize
/// (dtype('float32'), 8)
#[pyclass(name = "dtype", module = "arrpy", frozen)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyDType {
    pub dtype: DType,
}

/// The 13 canonical instances, so `a.dtype is arrpy.float64`.
pub fn canonical(py: Python<'_>, dtype: DType) -> PyResult<Py<PyDType>> {
    static TABLE: PyOnceLock<Vec<Py<PyDType>>> = PyOnceLock::new();
    let table = TABLE.get_or_try_init(py, || {
        DType::ALL
            .iter()
            .map(|&d| Py::new(py, PyDType { dtype: d }))
            .collect::<PyResult<Vec<_>>>()
    })?;
    let idx = DType::ALL.iter().position(|&d| d == dtype).unwrap_or(0);
    Ok(table[idx].clone_ref(py))
}

/// Reads any dtype-like object: an arrpy dtype, a name, a Python type (bool, int, float,
/// complex), or a NumPy dtype / scalar type (through its name).
pub fn dtype_from_py(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if let Ok(d) = obj.cast::<PyDType>() {
        return Ok(d.get().dtype);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return DType::from_name(s.to_str()?).map_err(crate::errors::to_py);
    }
    if let Ok(t) = obj.cast::<PyType>() {
        if t.is(&obj.py().get_type::<PyBool>()) {
            return Ok(DType::Bool);
        }
        if t.is(&obj.py().get_type::<PyInt>()) {
            return Ok(DType::Int64);
        }
        if t.is(&obj.py().get_type::<PyFloat>()) {
            return Ok(DType::Float64);
        }
        if t.is(&obj.py().get_type::<PyComplex>()) {
            return Ok(DType::Complex128);
        }
        // NumPy's scalar types (np.int8, np.float32): named as the dtype, read without NumPy.
        let from_numpy = t
            .getattr("__module__")
            .is_ok_and(|m| m.extract::<String>().is_ok_and(|m| m == "numpy"));
        if from_numpy {
            if let Ok(d) = DType::from_name(&t.name()?.to_string()) {
                return Ok(d);
            }
        }
    }
    // NumPy dtypes and scalar types (np.float32, np.dtype('f4')) and arrays' dtypes.
    if let Ok(name) = obj
        .getattr("dtype")
        .and_then(|d| d.getattr("name"))
        .or_else(|_| obj.getattr("name"))
    {
        if let Ok(s) = name.extract::<String>() {
            if let Ok(d) = DType::from_name(&s) {
                return Ok(d);
            }
        }
    }
    let shown = obj
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(PyTypeError::new_err(format!(
        "data type {shown} not understood"
    )))
}

#[pymethods]
impl PyDType {
    #[new]
    fn new(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Py<PyDType>> {
        canonical(py, dtype_from_py(obj)?)
    }

    #[getter]
    fn name(&self) -> &'static str {
        self.dtype.name()
    }

    #[getter]
    fn kind(&self) -> String {
        self.dtype.kind_char().to_string()
    }

    #[getter]
    fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }

    /// NumPy's type string, e.g. '<f8' ('|b1' for bool, '|i1' for one-byte types).
    #[getter]
    fn str(&self) -> String {
        let order = if self.dtype.itemsize() == 1 { '|' } else { '<' };
        format!("{order}{}{}", self.dtype.kind_char(), self.dtype.itemsize())
    }

    #[getter]
    fn char(&self) -> &'static str {
        match self.dtype {
            DType::Int64 => "l",
            DType::UInt64 => "L",
            DType::Complex64 => "F",
            DType::Complex128 => "D",
            d => d.buffer_format(),
        }
    }

    fn __repr__(&self) -> String {
        format!("dtype('{}')", self.dtype.name())
    }

    fn __str__(&self) -> &'static str {
        self.dtype.name()
    }

    /// Compares equal to another dtype, its name, or anything `dtype()` accepts.
    fn __richcmp__(
        &self,
        other: &Bound<'_, PyAny>,
        op: pyo3::basic::CompareOp,
    ) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let equal = match dtype_from_py(other) {
            Ok(d) => d == self.dtype,
            Err(_) => false,
        };
        let result = match op {
            pyo3::basic::CompareOp::Eq => equal,
            pyo3::basic::CompareOp::Ne => !equal,
            _ => return Ok(py.NotImplemented()),
        };
        Ok(PyBool::new(py, result).to_owned().into_any().unbind())
    }

    /// Hash equal to the name's, since a dtype compares equal to its name.
    fn __hash__(&self) -> PyResult<isize> {
        Python::attach(|py| PyString::new(py, self.dtype.name()).hash())
    }

    fn __reduce__(&self, py: Python<'_>) -> PyResult<(Py<PyAny>, (String,))> {
        Ok((
            py.get_type::<PyDType>().into_any().unbind(),
            (self.dtype.name().to_string(),),
        ))
    }
}
