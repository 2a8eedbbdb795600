//! `numpy.linalg`'s factorizations (`ops::linalg` in core): det, slogdet, inv, solve,
//! cholesky. `arrpy.linalg` gives them their NumPy and Array API signatures.

use super::by_name::binary_operands;
use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::ops::linalg;
use arrpy_core::Array;
use pyo3::prelude::*;

/// `f` of one operand, with the GIL released for large ones.
pub(super) fn factorize<R: Send>(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    f: impl FnOnce(&Array) -> arrpy_core::Result<R> + Send,
) -> PyResult<R> {
    let a = to_array(x, None)?.0;
    maybe_detach(py, a.size(), || f(&a)).py()
}

/// `_det(a, /)`.
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn _det(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let r = factorize(py, a, linalg::det)?;
    PyNdArray::wrap(py, r)
}

/// `_slogdet(a, /)`: (sign, logabsdet).
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn _slogdet(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<(Py<PyNdArray>, Py<PyNdArray>)> {
    let (sign, log) = factorize(py, a, linalg::slogdet)?;
    Ok((PyNdArray::wrap(py, sign)?, PyNdArray::wrap(py, log)?))
}

/// `_inv(a, /)`.
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn _inv(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let r = factorize(py, a, linalg::inv)?;
    PyNdArray::wrap(py, r)
}

/// `_cholesky(a, upper, /)`.
#[pyfunction]
#[pyo3(signature = (a, upper, /))]
pub fn _cholesky(py: Python<'_>, a: &Bound<'_, PyAny>, upper: bool) -> PyResult<Py<PyNdArray>> {
    let r = factorize(py, a, |a| linalg::cholesky(a, upper))?;
    PyNdArray::wrap(py, r)
}

/// `_solve(a, b, /)`.
#[pyfunction]
#[pyo3(signature = (a, b, /))]
pub fn _solve(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let (a, b) = binary_operands(a, b)?;
    let r = maybe_detach(py, a.size().max(b.size()), || linalg::solve(&a, &b)).py()?;
    PyNdArray::wrap(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_det, m)?)?;
    m.add_function(wrap_pyfunction!(_slogdet, m)?)?;
    m.add_function(wrap_pyfunction!(_inv, m)?)?;
    m.add_function(wrap_pyfunction!(_cholesky, m)?)?;
    m.add_function(wrap_pyfunction!(_solve, m)?)
}
