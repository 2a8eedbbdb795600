//! Views: flip, moveaxis, swapaxes, rollaxis, diagonal, atleast_nd, broadcasting.

use super::{array_result, wrap_like};
use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::{axis_arg, dims_arg, shape_arg, PyNdArray};
use arrpy_core::ops::manipulate::views;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A view with the given axes (all when None) reversed.
///
/// >>> ap.flip(ap.asarray([[1, 2], [3, 4]]), axis=1)
/// array([[2, 1],
///        [4, 3]])
#[pyfunction]
#[pyo3(signature = (m, axis=None))]
pub fn flip(m: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyNdArray>> {
    let axes = axis_arg(axis)?;
    array_result(m, |a| views::flip(a, axes.as_deref()))
}

/// A view with axes `source` moved to `destination`, the others in their order.
///
/// >>> ap.moveaxis(ap.zeros((2, 3, 4)), 0, -1).shape
/// (3, 4, 2)
#[pyfunction]
#[pyo3(signature = (a, source, destination))]
pub fn moveaxis(
    a: &Bound<'_, PyAny>,
    source: &Bound<'_, PyAny>,
    destination: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let (s, d) = (shape_arg(source)?, shape_arg(destination)?);
    array_result(a, |x| views::moveaxis(x, &s, &d))
}

/// A view with two axes interchanged.
///
/// >>> ap.swapaxes(ap.asarray([[1, 2, 3]]), 0, 1)
/// array([[1],
///        [2],
///        [3]])
#[pyfunction]
#[pyo3(signature = (a, axis1, axis2))]
pub fn swapaxes(a: &Bound<'_, PyAny>, axis1: isize, axis2: isize) -> PyResult<Py<PyNdArray>> {
    array_result(a, |x| views::swapaxes(x, axis1, axis2))
}

/// A view with `axis` moved to sit before `start`.
///
/// >>> ap.rollaxis(ap.zeros((2, 3, 4)), 2).shape
/// (4, 2, 3)
#[pyfunction]
#[pyo3(signature = (a, axis, start=0))]
pub fn rollaxis(a: &Bound<'_, PyAny>, axis: isize, start: isize) -> PyResult<Py<PyNdArray>> {
    array_result(a, |x| views::rollaxis(x, axis, start))
}

/// A read-only view of the diagonal of the `axis1`/`axis2` planes, as the last axis.
///
/// >>> ap.diagonal(ap.asarray([[1, 2, 3], [4, 5, 6]]), offset=1)
/// array([2, 6])
#[pyfunction]
#[pyo3(signature = (a, offset=0, axis1=0, axis2=1))]
pub fn diagonal(
    a: &Bound<'_, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> PyResult<Py<PyNdArray>> {
    array_result(a, |x| views::diagonal(x, offset, axis1, axis2))
}

/// `atleast_1d/2d/3d` of one array (the Python wrappers take several).
#[pyfunction]
pub fn _atleast_nd(x: &Bound<'_, PyAny>, n: usize) -> PyResult<Py<PyNdArray>> {
    array_result(x, |a| Ok(views::atleast_nd(a, n.min(3))))
}

/// A read-only view of `array` broadcast to `shape`.
///
/// >>> ap.broadcast_to(ap.asarray([1, 2, 3]), (2, 3))
/// array([[1, 2, 3],
///        [1, 2, 3]])
#[pyfunction]
#[pyo3(signature = (array, shape))]
pub fn broadcast_to(array: &Bound<'_, PyAny>, shape: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let shape = shape_arg(shape)?;
    array_result(array, |a| views::broadcast_to(a, &shape))
}

/// The shape that arrays of the given shapes broadcast to.
///
/// >>> ap.broadcast_shapes((2, 1), (3,), (1, 1, 1))
/// (1, 2, 3)
#[pyfunction]
#[pyo3(signature = (*args))]
pub fn broadcast_shapes<'py>(args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyTuple>> {
    let shapes: Vec<Vec<usize>> = args.iter().map(|s| dims_arg(&s)).collect::<PyResult<_>>()?;
    let refs: Vec<&[usize]> = shapes.iter().map(Vec::as_slice).collect();
    let shape = views::broadcast_shapes(&refs).py()?;
    PyTuple::new(args.py(), shape.iter())
}

/// `broadcast_arrays(*args)`: a tuple of views, each of its own input.
///
/// >>> [a.shape for a in ap.broadcast_arrays(ap.ones((2, 1)), ap.ones(3))]
/// [(2, 3), (2, 3)]
#[pyfunction]
#[pyo3(signature = (*args))]
pub fn broadcast_arrays<'py>(args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyTuple>> {
    let inputs: Vec<_> = args
        .iter()
        .map(|x| to_array(&x, None))
        .collect::<PyResult<_>>()?;
    let arrays: Vec<_> = inputs.iter().map(|(a, _)| a.clone()).collect();
    let results = views::broadcast_arrays(&arrays).py()?;
    let wrapped: Vec<Py<PyNdArray>> = results
        .into_iter()
        .zip(args.iter().zip(inputs))
        .map(|(r, (x, (a, viewed)))| wrap_like(&x, &a, viewed, r))
        .collect::<PyResult<_>>()?;
    PyTuple::new(args.py(), wrapped)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(flip, m)?)?;
    m.add_function(wrap_pyfunction!(moveaxis, m)?)?;
    m.add_function(wrap_pyfunction!(swapaxes, m)?)?;
    m.add_function(wrap_pyfunction!(rollaxis, m)?)?;
    m.add_function(wrap_pyfunction!(diagonal, m)?)?;
    m.add_function(wrap_pyfunction!(_atleast_nd, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_to, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_shapes, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_arrays, m)?)?;
    Ok(())
}
