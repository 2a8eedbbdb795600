//! Manipulation functions, one topic per file as in core (`arrpy_core::ops::manipulate`). Each
//! binding reads its arguments and calls core; `array_result` decides, from core's result,
//! whether the Python array is a view of the input (base set) or owns new memory.

pub mod edit;
pub mod join;
pub mod order;
pub mod repeat;
pub mod split;
pub mod views;

use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::Array;
use pyo3::prelude::*;

/// `f` of `x` read as an array (GIL released for large inputs), wrapped as a view of `x` when it
/// shares `x`'s memory.
pub fn array_result(
    x: &Bound<'_, PyAny>,
    f: impl FnOnce(&Array) -> arrpy_core::Result<Array> + Send,
) -> PyResult<Py<PyNdArray>> {
    let (a, viewed) = to_array(x, None)?;
    let r = maybe_detach(x.py(), a.size(), || f(&a)).py()?;
    wrap_like(x, &a, viewed, r)
}

/// As `array_result` for a function returning several arrays (split, broadcast_arrays of one).
pub fn arrays_result(
    x: &Bound<'_, PyAny>,
    f: impl FnOnce(&Array) -> arrpy_core::Result<Vec<Array>> + Send,
) -> PyResult<Vec<Py<PyNdArray>>> {
    let (a, viewed) = to_array(x, None)?;
    let rs = maybe_detach(x.py(), a.size(), || f(&a)).py()?;
    let viewed = viewed.as_ref();
    rs.into_iter()
        .map(|r| wrap_like(x, &a, viewed.map(|v| v.clone_ref(x.py())), r))
        .collect()
}

/// `r` as a Python array: a view of `x` (the owner as its base) when it shares `a`'s memory.
pub fn wrap_like(
    x: &Bound<'_, PyAny>,
    a: &Array,
    viewed: Option<Py<PyAny>>,
    r: Array,
) -> PyResult<Py<PyNdArray>> {
    if !r.shares_buffer(a) {
        return PyNdArray::wrap(x.py(), r);
    }
    if let Ok(arr) = x.cast::<PyNdArray>() {
        return PyNdArray::wrap_view(arr, r);
    }
    Py::new(x.py(), PyNdArray::new(r, viewed))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    edit::register(m)?;
    join::register(m)?;
    order::register(m)?;
    repeat::register(m)?;
    split::register(m)?;
    views::register(m)
}
