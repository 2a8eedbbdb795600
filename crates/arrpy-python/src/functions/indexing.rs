//! Indexing functions: take, take_along_axis, put, put_along_axis, compress, extract, place,
//! nonzero (and `ndarray.nonzero`), argwhere, flatnonzero. The rules are core's
//! (`arrpy_core::ops::index`); these read the array-likes and keywords.

use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::indexing::value_array;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::ops::index::{self as ops, Mode};
use arrpy_core::{Array, DType};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn arg(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    Ok(to_array(obj, None)?.0)
}

/// An index argument: an empty sequence means no indices (int64, as NumPy's intp).
fn index_arg(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    let a = arg(obj)?;
    if a.size() == 0 && a.dtype().is_float() {
        return arrpy_core::ops::cast::astype(&a, DType::Int64).py();
    }
    Ok(a)
}

/// The array a function writes into: it must be an arrpy array (NumPy's TypeError otherwise).
fn target(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Array> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.get().inner()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{name}: first argument must be an arrpy array, not {}",
            obj.get_type().name()?
        ))),
    }
}

fn wrap(py: Python<'_>, r: arrpy_core::Result<Array>) -> PyResult<Py<PyNdArray>> {
    PyNdArray::wrap(py, r.py()?)
}

fn tuple_of(py: Python<'_>, arrays: Vec<Array>) -> PyResult<Py<PyTuple>> {
    let items = arrays
        .into_iter()
        .map(|a| PyNdArray::wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.unbind())
}

#[pyfunction]
#[pyo3(signature = (a, indices, axis=None, out=None, mode="raise"))]
pub fn take(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<Py<PyNdArray>> {
    let (a, idx, mode) = (arg(a)?, index_arg(indices)?, Mode::from_name(mode).py()?);
    let r = maybe_detach(py, idx.size(), || ops::take(&a, &idx, axis, mode)).py()?;
    match out {
        None => PyNdArray::wrap(py, r),
        Some(o) => {
            let o = target(o, "take")?;
            arrpy_core::ops::cast::assign(&o, &r, arrpy_core::Casting::SameKind).py()?;
            PyNdArray::wrap(py, o)
        }
    }
}

#[pyfunction]
#[pyo3(signature = (arr, indices, axis=Some(-1)))]
pub fn take_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let (a, idx) = (arg(arr)?, index_arg(indices)?);
    wrap(py, maybe_detach(py, idx.size(), || ops::take_along_axis(&a, &idx, axis)))
}

#[pyfunction]
#[pyo3(signature = (arr, indices, values, axis))]
pub fn put_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<()> {
    let (a, idx) = (target(arr, "put_along_axis")?, index_arg(indices)?);
    let (v, casting) = value_array(values, &a)?;
    maybe_detach(py, idx.size(), || ops::put_along_axis(&a, &idx, &v, axis, casting)).py()
}

#[pyfunction]
#[pyo3(signature = (a, ind, v, mode="raise"))]
pub fn put(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    ind: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<()> {
    let (t, idx, mode) = (target(a, "put")?, index_arg(ind)?, Mode::from_name(mode).py()?);
    // `a.flat[ind] = v`: values are cast as assignment casts them (floats truncate).
    let (v, _) = value_array(v, &t)?;
    let casting = arrpy_core::Casting::Unsafe;
    maybe_detach(py, idx.size(), || ops::put(&t, &idx, &v, mode, casting)).py()
}

#[pyfunction]
#[pyo3(signature = (arr, mask, vals))]
pub fn place(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    vals: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let (t, m) = (target(arr, "place")?, arg(mask)?);
    let (v, _) = value_array(vals, &t)?;
    maybe_detach(py, t.size(), || ops::place(&t, &m, &v)).py()
}

#[pyfunction]
#[pyo3(signature = (condition, a, axis=None, out=None))]
pub fn compress(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let (c, a) = (arg(condition)?, arg(a)?);
    let r = maybe_detach(py, a.size(), || ops::compress(&c, &a, axis)).py()?;
    match out {
        None => PyNdArray::wrap(py, r),
        Some(o) => {
            let o = target(o, "compress")?;
            arrpy_core::ops::cast::assign(&o, &r, arrpy_core::Casting::SameKind).py()?;
            PyNdArray::wrap(py, o)
        }
    }
}

#[pyfunction]
#[pyo3(signature = (condition, arr))]
pub fn extract(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    arr: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let (c, a) = (arg(condition)?, arg(arr)?);
    wrap(py, maybe_detach(py, a.size(), || ops::extract(&c, &a)))
}

#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn nonzero(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyTuple>> {
    let a = arg(a)?;
    let r = maybe_detach(py, a.size(), || ops::nonzero(&a)).py()?;
    tuple_of(py, r)
}

#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn argwhere(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let a = arg(a)?;
    wrap(py, maybe_detach(py, a.size(), || ops::argwhere(&a)))
}

#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn flatnonzero(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let a = arg(a)?;
    wrap(py, maybe_detach(py, a.size(), || ops::flatnonzero(&a)))
}

#[pymethods]
impl PyNdArray {
    #[pyo3(name = "nonzero")]
    fn nonzero_method(slf: &Bound<'_, Self>) -> PyResult<Py<PyTuple>> {
        nonzero(slf.py(), slf.as_any())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(take, m)?)?;
    m.add_function(wrap_pyfunction!(take_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(put, m)?)?;
    m.add_function(wrap_pyfunction!(put_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(place, m)?)?;
    m.add_function(wrap_pyfunction!(compress, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(nonzero, m)?)?;
    m.add_function(wrap_pyfunction!(argwhere, m)?)?;
    m.add_function(wrap_pyfunction!(flatnonzero, m)?)?;
    Ok(())
}
