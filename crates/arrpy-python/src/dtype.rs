//! The `arrpy.dtype` class: one canonical, immutable instance per dtype.

use arrpy_core::DType;
use pyo3::exceptions::PyAttributeError;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyComplex, PyFloat, PyInt, PyString, PyType};

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

/// Reads any dtype-like object: an arrpy dtype, a name or type string, a Python type (bool,
/// int, float, complex), a NumPy dtype or scalar type, or an array (through its `.dtype`).
pub fn dtype_from_py(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if let Some(d) = dtype_like(obj)? {
        return Ok(d);
    }
    // Arrays (NumPy's, arrpy's, any with a `.dtype`) stand for their dtype, as in NumPy.
    if let Ok(inner) = obj.getattr("dtype") {
        if let Some(d) = dtype_like(&inner)? {
            return Ok(d);
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

/// The dtype a dtype-like object names, None for anything else (arrays included: a dtype
/// compares equal to dtype-likes, never to arrays). A string that names no dtype is an error.
fn dtype_like(obj: &Bound<'_, PyAny>) -> PyResult<Option<DType>> {
    if let Ok(d) = obj.cast::<PyDType>() {
        return Ok(Some(d.get().dtype));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return DType::from_name(s.to_str()?)
            .map(Some)
            .map_err(crate::errors::to_py);
    }
    if let Ok(t) = obj.cast::<PyType>() {
        let py = obj.py();
        let builtin = [
            (py.get_type::<PyBool>(), DType::Bool),
            (py.get_type::<PyInt>(), DType::Int64),
            (py.get_type::<PyFloat>(), DType::Float64),
            (py.get_type::<PyComplex>(), DType::Complex128),
        ];
        if let Some((_, d)) = builtin.iter().find(|(b, _)| t.is(b)) {
            return Ok(Some(*d));
        }
        // NumPy's scalar types (np.int8, np.float32): named as the dtype, read without NumPy.
        if module_is_numpy(t.as_any()) {
            return Ok(DType::from_name(&t.name()?.to_string()).ok());
        }
        return Ok(None);
    }
    // A NumPy dtype: its type string carries the byte order ('>f8' is no arrpy dtype), which
    // its name ('float64') does not.
    if module_is_numpy(&obj.get_type().into_any()) {
        if let Ok(s) = obj.getattr("str").and_then(|s| s.extract::<String>()) {
            return Ok(DType::from_name(&s).ok());
        }
    }
    Ok(None)
}

/// Whether `obj.__module__` is NumPy's (`numpy`, or `numpy.dtypes` for the dtype classes).
fn module_is_numpy(obj: &Bound<'_, PyAny>) -> bool {
    obj.getattr("__module__").is_ok_and(|m| {
        m.extract::<String>()
            .is_ok_and(|m| m == "numpy" || m == "numpy.dtypes")
    })
}

/// `hash(numpy.dtype(d))` as NumPy 2.4+ computes it, without NumPy: the hash of the tuple
/// (kind, byte order, flags, itemsize, alignment) (`hashdescr.c`; the order is '<' on the
/// little-endian machines arrpy supports, '|' for one-byte types; NumPy 2.0-2.3 had the flags
/// as bytes). tests/test_numpy_protocols.py checks every dtype against the installed NumPy.
fn numpy_hash(py: Python<'_>, d: DType) -> PyResult<isize> {
    let order: &[u8] = if d.itemsize() == 1 { b"|" } else { b"<" };
    let kind = [d.kind_char() as u8];
    let alignment = match d {
        DType::Complex64 | DType::Complex128 => d.itemsize() / 2,
        _ => d.itemsize(),
    };
    let parts = (
        PyBytes::new(py, &kind),
        PyBytes::new(py, order),
        0u8,
        d.itemsize(),
        alignment,
    );
    parts.into_pyobject(py)?.hash()
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

    /// Compares equal to what it stands for: another dtype, a name or type string, NumPy's
    /// dtype or scalar type, Python's type (`int` is int64). NotImplemented for anything else.
    fn __richcmp__(
        &self,
        other: &Bound<'_, PyAny>,
        op: pyo3::basic::CompareOp,
    ) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let equal = match dtype_like(other) {
            Ok(Some(d)) => d == self.dtype,
            Ok(None) => return Ok(py.NotImplemented()),
            Err(_) => false, // a string that names no dtype
        };
        let result = match op {
            pyo3::basic::CompareOp::Eq => equal,
            pyo3::basic::CompareOp::Ne => !equal,
            _ => return Ok(py.NotImplemented()),
        };
        Ok(PyBool::new(py, result).to_owned().into_any().unbind())
    }

    /// NumPy's dtype's hash, so that arrpy and NumPy dtypes find each other in dicts and sets.
    /// Like NumPy's dtypes, an arrpy dtype equals its names and NumPy's scalar type without
    /// hashing as them (equality here is not transitive: 'f8' == float64 == np.float64, while
    /// 'f8' != np.float64, so no hash could agree with all of them).
    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        static HASHES: PyOnceLock<Vec<isize>> = PyOnceLock::new();
        let hashes = HASHES.get_or_try_init(py, || {
            DType::ALL.iter().map(|&d| numpy_hash(py, d)).collect()
        })?;
        let idx = DType::ALL.iter().position(|&d| d == self.dtype);
        Ok(idx.map_or(0, |i| hashes[i]))
    }

    /// `numpy.dtype(self)`: NumPy 2.4+ reads this protocol first.
    #[getter]
    fn __numpy_dtype__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.numpy_dtype(py)
    }

    /// NumPy's dtype for this one (imported only when asked), also read by `numpy.dtype(self)`
    /// before NumPy 2.4. Without NumPy, an AttributeError (so `hasattr` stays False).
    #[getter]
    fn dtype<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.numpy_dtype(py)
    }

    /// NumPy's scalar type for this dtype (``numpy.float64`` for ``float64``), as NumPy's
    /// dtype's ``.type``: libraries test ``issubclass(x.dtype.type, numpy.floating)``. Without
    /// NumPy, an AttributeError (arrpy has no scalar types of its own).
    #[getter]
    fn r#type<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.numpy_dtype(py)?.getattr("type")
    }

    fn __reduce__(&self, py: Python<'_>) -> PyResult<(Py<PyAny>, (String,))> {
        Ok((
            py.get_type::<PyDType>().into_any().unbind(),
            (self.dtype.name().to_string(),),
        ))
    }
}

impl PyDType {
    fn numpy_dtype<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let np = crate::python_calls::numpy(py).map_err(|e| {
            PyAttributeError::new_err(format!(
                "dtype('{}').dtype is NumPy's dtype, and NumPy cannot be imported: {e}",
                self.dtype.name()
            ))
        })?;
        np.getattr("dtype")?.call1((self.str(),))
    }
}
