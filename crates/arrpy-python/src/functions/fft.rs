//! `numpy.fft`'s transforms (`ops::fft` in core): each binding takes the transform's lengths
//! and axes already resolved by `arrpy.fft` (NumPy's `s`/`axes` defaults), releases the GIL
//! and runs the successive 1-d transforms in core.

use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::ops::fft::{self, Norm};
use arrpy_core::Array;
use pyo3::prelude::*;

/// `_fftn(a, s, axes, inverse, norm, /)`: complex transforms along `axes`, the last first.
#[pyfunction]
#[pyo3(signature = (a, s, axes, inverse, norm, /))]
pub fn _fftn(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    s: Vec<isize>,
    axes: Vec<isize>,
    inverse: bool,
    norm: Option<&str>,
) -> PyResult<Py<PyNdArray>> {
    transform(py, a, norm, |a, norm| {
        fft::fftn(a, &s, &axes, inverse, norm)
    })
}

/// `_rfftn(a, s, axes, norm, /)`: rfft along the last of `axes`, complex transforms along the
/// others.
#[pyfunction]
#[pyo3(signature = (a, s, axes, norm, /))]
pub fn _rfftn(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    s: Vec<isize>,
    axes: Vec<isize>,
    norm: Option<&str>,
) -> PyResult<Py<PyNdArray>> {
    transform(py, a, norm, |a, norm| fft::rfftn(a, &s, &axes, norm))
}

/// `_irfftn(a, s, axes, norm, /)`: inverse complex transforms along all but the last of `axes`,
/// then irfft along the last.
#[pyfunction]
#[pyo3(signature = (a, s, axes, norm, /))]
pub fn _irfftn(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    s: Vec<isize>,
    axes: Vec<isize>,
    norm: Option<&str>,
) -> PyResult<Py<PyNdArray>> {
    transform(py, a, norm, |a, norm| fft::irfftn(a, &s, &axes, norm))
}

/// Parses `norm` and `a`, then runs `f` on them with the GIL released (for large inputs).
fn transform(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    norm: Option<&str>,
    f: impl FnOnce(&Array, Norm) -> arrpy_core::Result<Array> + Send,
) -> PyResult<Py<PyNdArray>> {
    let norm = Norm::from_name(norm).py()?;
    let a = to_array(a, None)?.0;
    let r = maybe_detach(py, a.size(), || f(&a, norm)).py()?;
    PyNdArray::wrap(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_fftn, m)?)?;
    m.add_function(wrap_pyfunction!(_rfftn, m)?)?;
    m.add_function(wrap_pyfunction!(_irfftn, m)?)
}
