//! `numpy.linalg`'s decompositions (`ops::linalg::{qr, eigen, svd}` in core): qr, eigh,
//! eigvalsh, eig, eigvals, svd, svdvals. `arrpy.linalg` names them and builds NumPy's result
//! tuples.

use super::factor::factorize;
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::ops::linalg::{self, QrMode};
use arrpy_core::Array;
use pyo3::prelude::*;

type Wrapped = Py<PyNdArray>;

fn wrap_optional(py: Python<'_>, x: Option<Array>) -> PyResult<Option<Wrapped>> {
    x.map(|x| PyNdArray::wrap(py, x)).transpose()
}

/// `_qr(a, mode, /)`: (Q, R) for 'reduced' and 'complete', (R, None) for 'r', (h, tau) for
/// 'raw'.
#[pyfunction]
#[pyo3(signature = (a, mode, /))]
pub fn _qr(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<(Wrapped, Option<Wrapped>)> {
    let mode = QrMode::parse(mode).py()?;
    let (first, second) = factorize(py, a, |a| linalg::qr(a, mode))?;
    Ok((PyNdArray::wrap(py, first)?, wrap_optional(py, second)?))
}

/// `_eigh(a, upper, vectors, /)`: (eigenvalues, eigenvectors or None).
#[pyfunction]
#[pyo3(signature = (a, upper, vectors, /))]
pub fn _eigh(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    upper: bool,
    vectors: bool,
) -> PyResult<(Wrapped, Option<Wrapped>)> {
    let (w, v) = factorize(py, a, |a| linalg::eigh(a, upper, vectors))?;
    Ok((PyNdArray::wrap(py, w)?, wrap_optional(py, v)?))
}

/// `_eig(a, vectors, /)`: (eigenvalues, eigenvectors or None).
#[pyfunction]
#[pyo3(signature = (a, vectors, /))]
pub fn _eig(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    vectors: bool,
) -> PyResult<(Wrapped, Option<Wrapped>)> {
    let (w, v) = factorize(py, a, |a| linalg::eig(a, vectors))?;
    Ok((PyNdArray::wrap(py, w)?, wrap_optional(py, v)?))
}

/// `_svd(a, full_matrices, compute_uv, hermitian, /)`: (S, (U, Vh) or None).
#[pyfunction]
#[pyo3(signature = (a, full_matrices, compute_uv, hermitian, /))]
pub fn _svd(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    full_matrices: bool,
    compute_uv: bool,
    hermitian: bool,
) -> PyResult<(Wrapped, Option<(Wrapped, Wrapped)>)> {
    let (s, uv) = factorize(py, a, |a| {
        linalg::svd(a, full_matrices, compute_uv, hermitian)
    })?;
    let uv = match uv {
        Some((u, vh)) => Some((PyNdArray::wrap(py, u)?, PyNdArray::wrap(py, vh)?)),
        None => None,
    };
    Ok((PyNdArray::wrap(py, s)?, uv))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_qr, m)?)?;
    m.add_function(wrap_pyfunction!(_eigh, m)?)?;
    m.add_function(wrap_pyfunction!(_eig, m)?)?;
    m.add_function(wrap_pyfunction!(_svd, m)?)
}
