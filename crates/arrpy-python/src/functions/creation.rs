//! Array creation: `array`/`asarray` (and the array-like conversion other bindings use),
//! zeros/ones/empty/full and their `_like` forms, arange, linspace, eye.

use crate::convert::{array_from_nested, scalar_from_py, scalar_operand, ScalarOperand};
use crate::errors::IntoPyResult;
use crate::ndarray::{dims_arg, optional_dtype, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::creation;
use arrpy_core::{Array, DType, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

/// Any array-like as an array: arrpy arrays as they are, buffer exporters viewed, nested
/// sequences and scalars converted. Returns the array and the object it views, if any.
pub fn to_array(
    obj: &Bound<'_, PyAny>,
    dtype: Option<DType>,
) -> PyResult<(Array, Option<Py<PyAny>>)> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok((a.borrow().inner().clone(), Some(obj.clone().unbind())));
    }
    if !obj.is_instance_of::<PyList>()
        && !obj.is_instance_of::<PyTuple>()
        && scalar_from_py(obj)?.is_none()
    {
        if let Some(a) = crate::interop::array_from_buffer(obj)? {
            return Ok((a, Some(obj.clone().unbind())));
        }
        if let Some(a) = crate::interop::array_from_foreign(obj)? {
            return Ok((a, Some(obj.clone().unbind())));
        }
    }
    Ok((array_from_nested(obj, dtype)?, None))
}

/// `asarray`'s copy rules: copy=None copies only when needed, True always, False never.
pub(super) fn as_array(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyNdArray>> {
    let dtype = optional_dtype(dtype)?;
    let (a, viewed) = to_array(obj, dtype)?;
    let Some(viewed) = viewed else {
        if copy == Some(false) {
            return Err(PyValueError::new_err("Unable to avoid copy while creating an array as requested (copy=False) from a Python sequence or scalar."));
        }
        return PyNdArray::wrap(py, a);
    };
    let needs_cast = dtype.is_some_and(|d| d != a.dtype());
    if copy == Some(false) && needs_cast {
        return Err(PyValueError::new_err(format!(
            "Unable to avoid copy while creating an array as requested: a cast from {} to {} is needed",
            a.dtype().name(),
            dtype.map(|d| d.name()).unwrap_or("?")
        )));
    }
    if needs_cast || copy == Some(true) {
        let target = dtype.unwrap_or(a.dtype());
        let c = maybe_detach(py, a.size(), || arrpy_core::ops::cast::astype(&a, target)).py()?;
        return PyNdArray::wrap(py, c);
    }
    if let Ok(existing) = obj.cast::<PyNdArray>() {
        return Ok(existing.clone().unbind());
    }
    Py::new(py, PyNdArray::new(a, Some(viewed)))
}

/// A new array from ``obj`` (nested sequences, scalars, buffers or arrays), copied by default;
/// ``ndmin`` puts length-1 axes in front until the array has that many dimensions.
///
/// >>> ap.array([[1, 2], [3, 4]], dtype=ap.float32)
/// array([[1., 2.],
///        [3., 4.]], dtype=float32)
/// >>> ap.array([1, 2], ndmin=3).shape
/// (1, 1, 2)
#[pyfunction]
#[pyo3(signature = (obj, /, dtype=None, *, copy=true, ndmin=0))]
pub fn array(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    ndmin: usize,
) -> PyResult<Py<PyNdArray>> {
    arrpy_core::layout::check_ndim(ndmin).py()?;
    let result = as_array(py, obj, dtype, copy)?;
    let bound = result.bind(py);
    let mut inner = bound.get().inner();
    if inner.ndim() >= ndmin {
        return Ok(result);
    }
    while inner.ndim() < ndmin {
        inner = inner.insert_axis(0);
    }
    PyNdArray::wrap_view(bound, inner) // a view, as NumPy's (of `obj` itself when not copied)
}

/// ``obj`` as an array, without a copy when it already is one of the asked dtype.
///
/// >>> ap.asarray([1, 2.5]), ap.asarray(3)
/// (array([1. , 2.5]), array(3))
#[pyfunction]
#[pyo3(signature = (obj, /, dtype=None, *, device=None, copy=None))]
pub fn asarray(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    as_array(py, obj, dtype, copy)
}

pub(super) fn check_device(device: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    if let Some(d) = device {
        if !d.is_none() && d.str()?.to_str()? != "cpu" {
            return Err(PyValueError::new_err(format!(
                "unsupported device {}; arrpy arrays live on 'cpu'",
                d.repr()?
            )));
        }
    }
    Ok(())
}

pub(super) fn default_float(dtype: Option<&Bound<'_, PyAny>>) -> PyResult<DType> {
    Ok(optional_dtype(dtype)?.unwrap_or(DType::Float64))
}

/// A new array of ``shape`` filled with zeros (float64 by default).
///
/// >>> ap.zeros((2, 2)), ap.zeros(3, dtype=ap.int8)
/// (array([[0., 0.],
///        [0., 0.]]), array([0, 0, 0], dtype=int8))
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, *, device=None))]
pub fn zeros(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    PyNdArray::wrap(
        py,
        Array::zeros(default_float(dtype)?, &dims_arg(shape)?).py()?,
    )
}

/// A new array of ``shape`` whose values are not set (whatever the memory held).
///
/// >>> ap.empty((2, 3)).shape
/// (2, 3)
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, *, device=None))]
pub fn empty(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    PyNdArray::wrap(
        py,
        Array::empty(default_float(dtype)?, &dims_arg(shape)?).py()?,
    )
}

/// A new array of ``shape`` filled with ones.
///
/// >>> ap.ones((2, 3), dtype=ap.int32)
/// array([[1, 1, 1],
///        [1, 1, 1]], dtype=int32)
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, *, device=None))]
pub fn ones(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    PyNdArray::wrap(
        py,
        Array::full(default_float(dtype)?, &dims_arg(shape)?, Scalar::Int(1)).py()?,
    )
}

/// The scalar value of `fill_value` and the dtype NumPy would give a `full` array of it.
pub(super) fn fill_scalar(
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<DType>,
) -> PyResult<(Scalar, DType)> {
    if let Ok(a) = fill_value.cast::<PyNdArray>() {
        let a = a.borrow();
        let s = a.inner().item().py()?;
        return Ok((s, dtype.unwrap_or(a.inner().dtype())));
    }
    let s = scalar_operand(fill_value)?.ok_or_else(|| {
        PyTypeError::new_err(format!(
            "fill_value must be a number, got {}",
            fill_value.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })?;
    let dtype = dtype.unwrap_or(match s {
        ScalarOperand::Typed(d, _) => d,
        ScalarOperand::Weak(v) => v.default_dtype(),
    });
    let s = s.value();
    if dtype.is_integer() && matches!(s, Scalar::Int(_) | Scalar::UInt(_)) {
        arrpy_core::dtype::check_int_fits(s, dtype).py()?;
    }
    Ok((s, dtype))
}

/// A new array of ``shape`` filled with ``fill_value``.
///
/// >>> ap.full((2, 2), 7)
/// array([[7, 7],
///        [7, 7]])
#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype=None, *, device=None))]
pub fn full(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (s, dt) = fill_scalar(fill_value, optional_dtype(dtype)?)?;
    PyNdArray::wrap(py, Array::full(dt, &dims_arg(shape)?, s).py()?)
}

pub(super) fn like(
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<(DType, Vec<usize>)> {
    let (a, _) = to_array(x, None)?;
    let dt = optional_dtype(dtype)?.unwrap_or(a.dtype());
    let sh = match shape {
        Some(s) if !s.is_none() => dims_arg(s)?,
        _ => a.shape().to_vec(),
    };
    Ok((dt, sh))
}

/// A new array of zeros with the shape and dtype of ``x``.
///
/// >>> ap.zeros_like(ap.asarray([[1, 2, 3]]))
/// array([[0, 0, 0]])
#[pyfunction]
#[pyo3(signature = (x, /, dtype=None, *, device=None, shape=None))]
pub fn zeros_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    PyNdArray::wrap(py, Array::zeros(dt, &sh).py()?)
}

/// A new array of ones with the shape and dtype of ``x``.
///
/// >>> ap.ones_like(ap.asarray([[1.5, 2.5]]))
/// array([[1., 1.]])
#[pyfunction]
#[pyo3(signature = (x, /, dtype=None, *, device=None, shape=None))]
pub fn ones_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    PyNdArray::wrap(py, Array::full(dt, &sh, Scalar::Int(1)).py()?)
}

/// A new array with the shape and dtype of ``x``, values not set.
///
/// >>> ap.empty_like(ap.asarray([[1, 2]])).dtype
/// dtype('int64')
#[pyfunction]
#[pyo3(signature = (x, /, dtype=None, *, device=None, shape=None))]
pub fn empty_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    PyNdArray::wrap(py, Array::empty(dt, &sh).py()?)
}

/// A new array with the shape and dtype of ``x`` filled with ``fill_value``.
///
/// >>> ap.full_like(ap.asarray([1.0, 2.0]), 0.5)
/// array([0.5, 0.5])
#[pyfunction]
#[pyo3(signature = (x, /, fill_value, dtype=None, *, device=None, shape=None))]
pub fn full_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    let (s, _) = fill_scalar(fill_value, Some(dt))?;
    PyNdArray::wrap(py, Array::full(dt, &sh, s).py()?)
}

/// Evenly spaced values in [start, stop) with step ``step`` (``arange(stop)`` starts at 0).
///
/// >>> ap.arange(5), ap.arange(1.0, 2.0, 0.25)
/// (array([0, 1, 2, 3, 4]), array([1.  , 1.25, 1.5 , 1.75]))
#[pyfunction]
#[pyo3(signature = (start, /, stop=None, step=None, *, dtype=None, device=None))]
pub fn arange(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let number = |v: &Bound<'_, PyAny>| {
        scalar_from_py(v)?.ok_or_else(|| {
            PyTypeError::new_err(format!(
                "arange arguments must be numbers, got {}",
                v.repr().map(|r| r.to_string()).unwrap_or_default()
            ))
        })
    };
    let given = |v: Option<&Bound<'_, PyAny>>| v.filter(|v| !v.is_none()).map(number).transpose();
    let a = creation::arange(
        number(start)?,
        given(stop)?,
        given(step)?,
        optional_dtype(dtype)?,
    )
    .py()?;
    PyNdArray::wrap(py, a)
}

/// ``num`` evenly spaced values from ``start`` to ``stop`` (included unless ``endpoint=False``).
///
/// >>> ap.linspace(0.0, 1.0, num=5)
/// array([0.  , 0.25, 0.5 , 0.75, 1.  ])
#[pyfunction]
#[pyo3(signature = (start, stop, /, num=50, *, dtype=None, device=None, endpoint=true))]
pub fn linspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    endpoint: bool,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let s = scalar_from_py(start)?
        .ok_or_else(|| PyTypeError::new_err("linspace start must be a number"))?;
    let e = scalar_from_py(stop)?
        .ok_or_else(|| PyTypeError::new_err("linspace stop must be a number"))?;
    let a = creation::linspace_of(s, e, num, endpoint, optional_dtype(dtype)?).py()?;
    PyNdArray::wrap(py, a)
}

/// `eye(n_rows, n_cols=None, /, *, k=0, dtype=None)` (Array API), also with NumPy's `N=`/`M=`.
///
/// >>> ap.eye(2, 3, k=1)
/// array([[0., 1., 0.],
///        [0., 0., 1.]])
#[pyfunction]
#[pyo3(signature = (n_rows=None, n_cols=None, /, *, k=0, dtype=None, device=None, N=None, M=None))]
#[allow(non_snake_case)]
pub fn eye(
    py: Python<'_>,
    n_rows: Option<isize>,
    n_cols: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    N: Option<isize>,
    M: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let n = n_rows
        .or(N)
        .ok_or_else(|| PyTypeError::new_err("eye() missing required argument 'n_rows' (pos 1)"))?;
    let m = n_cols.or(M).unwrap_or(n);
    if n < 0 || m < 0 {
        return Err(PyValueError::new_err(format!(
            "negative dimensions are not allowed, got ({n}, {m})"
        )));
    }
    PyNdArray::wrap(
        py,
        creation::eye(n as usize, m as usize, k, default_float(dtype)?).py()?,
    )
}

/// Both operands of a binary function as arrays; a Python scalar is weak next to an array or a

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(array, m)?)?;
    m.add_function(wrap_pyfunction!(asarray, m)?)?;
    m.add_function(wrap_pyfunction!(zeros, m)?)?;
    m.add_function(wrap_pyfunction!(ones, m)?)?;
    m.add_function(wrap_pyfunction!(empty, m)?)?;
    m.add_function(wrap_pyfunction!(full, m)?)?;
    m.add_function(wrap_pyfunction!(zeros_like, m)?)?;
    m.add_function(wrap_pyfunction!(ones_like, m)?)?;
    m.add_function(wrap_pyfunction!(empty_like, m)?)?;
    m.add_function(wrap_pyfunction!(full_like, m)?)?;
    m.add_function(wrap_pyfunction!(arange, m)?)?;
    m.add_function(wrap_pyfunction!(linspace, m)?)?;
    m.add_function(wrap_pyfunction!(eye, m)?)?;
    Ok(())
}
