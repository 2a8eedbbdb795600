//! Zero-copy interop: the buffer protocol in and out, `__array_interface__`, DLPack.

use arrpy_core::Array;
use pyo3::prelude::*;

/// An array viewing the memory of a buffer-protocol exporter, if `obj` is one.
pub fn array_from_buffer(_obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    Ok(None)
}

/// An array viewing an object that exports `__array_interface__` or `__dlpack__`.
pub fn array_from_foreign(_obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    Ok(None)
}

/// Adds the interop functions (`from_dlpack`, `frombuffer`) to the module.
pub fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
