//! `__array_interface__` in, and the choice between it and `__dlpack__` for objects that do
//! not export the buffer protocol.

use super::dlpack_import::import_dlpack;
use super::{c_strides, dtype_from_typestr, foreign_view};

use arrpy_core::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

/// Keeps a Python object alive (the exporter of an `__array_interface__`).
pub(super) struct KeepAlive(#[allow(dead_code)] Py<PyAny>);

/// An attribute, or None when `obj` lacks it (other errors propagate).
pub(super) fn attr_opt<'py>(
    obj: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    match obj.getattr(name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(obj.py()) => Ok(None),
        Err(e) => Err(e),
    }
}

pub(super) fn array_from_interface(
    obj: &Bound<'_, PyAny>,
    iface: &Bound<'_, PyAny>,
) -> PyResult<Array> {
    let d = iface
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err("__array_interface__ must be a dict"))?;
    let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        Ok(d.get_item(k)?.filter(|v| !v.is_none()))
    };
    if let Some(v) = get("version")? {
        let v: i64 = v.extract()?;
        if v != 3 {
            return Err(PyValueError::new_err(format!(
                "unsupported __array_interface__ version {v}"
            )));
        }
    }
    if get("mask")?.is_some() {
        return Err(PyTypeError::new_err(
            "masked __array_interface__ exports are not supported",
        ));
    }
    let typestr: String = get("typestr")?
        .ok_or_else(|| PyValueError::new_err("__array_interface__ has no 'typestr'"))?
        .extract()?;
    let dtype = dtype_from_typestr(&typestr)?;
    let shape: Vec<usize> = get("shape")?
        .ok_or_else(|| PyValueError::new_err("__array_interface__ has no 'shape'"))?
        .extract()?;
    let data = get("data")?.ok_or_else(|| {
        PyTypeError::new_err(
            "__array_interface__ without a data pointer (data=None) is not supported",
        )
    })?;
    let (address, readonly): (usize, bool) = data.extract().map_err(|_| {
        PyTypeError::new_err("__array_interface__ 'data' must be an (address, readonly) tuple")
    })?;
    let strides: Vec<isize> = match get("strides")? {
        Some(s) => s.extract()?,
        None => c_strides(&shape, dtype.itemsize())
            .ok_or_else(|| PyValueError::new_err("array is too large"))?,
    };
    if strides.len() != shape.len() {
        return Err(PyValueError::new_err(
            "__array_interface__ 'strides' and 'shape' differ in length",
        ));
    }
    let owner = KeepAlive(obj.clone().unbind());
    // SAFETY: the `__array_interface__` protocol promises that `address` points at element
    // [0, 0, …] of memory laid out by shape/strides, valid while the exporting object lives;
    // the owner holds a strong reference to it.
    unsafe {
        foreign_view(
            address as *mut u8,
            dtype,
            &shape,
            &strides,
            readonly,
            Box::new(owner),
        )
    }
}

/// An array viewing an object that exports `__array_interface__` or `__dlpack__` (but not the
/// buffer protocol), if `obj` is one.
pub fn array_from_foreign(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<pyo3::types::PyType>() {
        return Ok(None);
    }
    if let Some(iface) = attr_opt(obj, "__array_interface__")? {
        return array_from_interface(obj, &iface).map(Some);
    }
    if attr_opt(obj, "__dlpack__")?.is_some() {
        let (a, _capsule) = import_dlpack(obj)?;
        return Ok(Some(a));
    }
    Ok(None)
}
