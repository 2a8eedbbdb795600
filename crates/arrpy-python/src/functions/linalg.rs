//! Products: matmul, dot, vdot, inner, outer, tensordot, vecdot, kron (`ops::linalg` in core).
//! Operands convert as the elementwise functions' do (Python scalars weak, NEP 50).

use super::by_name::{binary_operands, run_with_out};
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::ops::linalg::{self, TensorAxes};
use arrpy_core::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

type Out<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// The work of a product, for whether to release the GIL: its operands' sizes.
fn work(a: &Array, b: &Array) -> usize {
    a.size().max(b.size())
}

/// A product of two operands, into `out` when given.
fn product_into(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    out: Out<'_, '_>,
    f: impl Fn(&Array, &Array, Option<&Array>) -> arrpy_core::Result<Array> + Send + Sync,
) -> PyResult<Py<PyAny>> {
    let (a, b) = binary_operands(x1, x2)?;
    run_with_out(py, work(&a, &b), out, |o| f(&a, &b, o))
}

/// `matmul(x1, x2, /, out=None)`.
///
/// >>> ap.matmul(ap.asarray([[1, 2], [3, 4]]), ap.asarray([[5], [6]]))
/// array([[17],
///        [39]])
#[pyfunction]
#[pyo3(signature = (x1, x2, /, out=None))]
pub fn matmul(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    out: Out<'_, '_>,
) -> PyResult<Py<PyAny>> {
    product_into(py, x1, x2, out, linalg::matmul)
}

/// `dot(a, b, out=None)`.
///
/// >>> ap.dot(ap.asarray([[1, 2], [3, 4]]), ap.asarray([1, 1]))
/// array([3, 7])
#[pyfunction]
#[pyo3(signature = (a, b, out=None))]
pub fn dot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Out<'_, '_>,
) -> PyResult<Py<PyAny>> {
    product_into(py, a, b, out, linalg::dot)
}

/// `outer(a, b, out=None)`.
///
/// >>> ap.outer(ap.asarray([1, 2]), ap.asarray([1, 10, 100]))
/// array([[  1,  10, 100],
///        [  2,  20, 200]])
#[pyfunction]
#[pyo3(signature = (a, b, out=None))]
pub fn outer(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Out<'_, '_>,
) -> PyResult<Py<PyAny>> {
    product_into(py, a, b, out, |a, b, o| linalg::outer(a, b, false, o))
}

/// `linalg.outer(x1, x2, /)`: both operands 1-d.
#[pyfunction]
#[pyo3(signature = (x1, x2, /))]
pub fn _outer_vectors(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    product_into(py, x1, x2, None, |a, b, o| linalg::outer(a, b, true, o))
}

/// A product of two operands without `out`.
fn product(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    f: impl FnOnce(&Array, &Array) -> arrpy_core::Result<Array> + Send,
) -> PyResult<Py<PyNdArray>> {
    let (a, b) = binary_operands(x1, x2)?;
    let r = maybe_detach(py, work(&a, &b), || f(&a, &b)).py()?;
    PyNdArray::wrap(py, r)
}

/// `vdot(a, b, /)`.
///
/// >>> ap.vdot(ap.asarray([1 + 2j, 3j]), ap.asarray([1, 1]))
/// array(1.-5.j)
#[pyfunction]
#[pyo3(signature = (a, b, /))]
pub fn vdot(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    product(py, a, b, linalg::vdot)
}

/// `inner(a, b, /)`.
///
/// >>> ap.inner(ap.asarray([1, 2, 3]), ap.asarray([0, 1, 2]))
/// array(8)
#[pyfunction]
#[pyo3(signature = (a, b, /))]
pub fn inner(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    product(py, a, b, linalg::inner)
}

/// `kron(a, b)`.
///
/// >>> ap.kron(ap.asarray([1, 10]), ap.asarray([1, 2, 3]))
/// array([ 1,  2,  3, 10, 20, 30])
#[pyfunction]
#[pyo3(signature = (a, b))]
pub fn kron(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    product(py, a, b, linalg::kron)
}

/// `vecdot(x1, x2, /, *, axis=-1)`.
///
/// >>> ap.vecdot(ap.asarray([[1, 2], [3, 4]]), ap.asarray([1, 1]))
/// array([3, 7])
#[pyfunction]
#[pyo3(signature = (x1, x2, /, *, axis=-1), text_signature = "(x1, x2, /, *, axis=-1)")]
pub fn vecdot(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Py<PyNdArray>> {
    product(py, x1, x2, |a, b| linalg::vecdot(a, b, axis))
}

/// `tensordot(a, b, axes=2)`: `axes` an integer N (the last N axes of a with the first N of b)
/// or a pair of axis sequences (or of single axes).
///
/// >>> ap.tensordot(ap.ones((2, 3)), ap.ones((3, 2)), axes=1)
/// array([[3., 3.],
///        [3., 3.]])
#[pyfunction]
#[pyo3(signature = (a, b, axes=None))]
pub fn tensordot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let axes = match axes {
        None => TensorAxes::Count(2),
        Some(x) => tensor_axes(x)?,
    };
    product(py, a, b, |a, b| linalg::tensordot(a, b, &axes))
}

fn tensor_axes(x: &Bound<'_, PyAny>) -> PyResult<TensorAxes> {
    if let Ok(n) = x.extract::<i64>() {
        return usize::try_from(n)
            .map(TensorAxes::Count)
            .map_err(|_| PyValueError::new_err(format!("tensordot: axes must be a non-negative integer or a pair of axis sequences, got {n}")));
    }
    let pair_error =
        || PyTypeError::new_err("tensordot: axes must be an integer or a pair of axis sequences");
    if x.is_instance_of::<PyString>() {
        return Err(pair_error());
    }
    let pair: Vec<Bound<'_, PyAny>> = x
        .try_iter()
        .map_err(|_| pair_error())?
        .collect::<PyResult<_>>()?;
    let [first, second] = pair.as_slice() else {
        return Err(PyValueError::new_err(format!(
            "tensordot: axes must be a pair of axis sequences, got {} items",
            pair.len()
        )));
    };
    let axes = |x: &Bound<'_, PyAny>| -> PyResult<Vec<isize>> {
        match x.extract::<isize>() {
            Ok(ax) => Ok(vec![ax]),
            Err(_) => x.extract::<Vec<isize>>().map_err(|_| pair_error()),
        }
    };
    Ok(TensorAxes::Pairs(axes(first)?, axes(second)?))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(matmul, m)?)?;
    m.add_function(wrap_pyfunction!(dot, m)?)?;
    m.add_function(wrap_pyfunction!(vdot, m)?)?;
    m.add_function(wrap_pyfunction!(inner, m)?)?;
    m.add_function(wrap_pyfunction!(outer, m)?)?;
    m.add_function(wrap_pyfunction!(_outer_vectors, m)?)?;
    m.add_function(wrap_pyfunction!(tensordot, m)?)?;
    m.add_function(wrap_pyfunction!(vecdot, m)?)?;
    m.add_function(wrap_pyfunction!(kron, m)?)
}
