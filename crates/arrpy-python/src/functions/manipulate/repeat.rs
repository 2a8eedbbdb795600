//! Copies that repeat or move data: `repeat`, `tile`, `roll`, and the view `rot90`.

use super::array_result;
use crate::ndarray::{axis_arg, shape_arg, PyNdArray};
use arrpy_core::ops::manipulate::{repeat as rep, roll as rl};
use pyo3::prelude::*;

/// Counts or shifts: an int or a sequence of ints.
fn ints_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    Ok(shape_arg(obj)?.into_iter().map(|v| v as i64).collect())
}

/// Each element repeated `repeats` times (one count, or one per element along `axis`).
///
/// >>> ap.repeat(ap.asarray([1, 2]), 2), ap.repeat(ap.asarray([[1, 2]]), [1, 2], axis=1)
/// (array([1, 1, 2, 2]), array([[1, 2, 2]]))
#[pyfunction]
#[pyo3(signature = (a, repeats, axis=None))]
pub fn repeat(
    a: &Bound<'_, PyAny>,
    repeats: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let counts = ints_arg(repeats)?;
    array_result(a, |x| rep::repeat(x, &counts, axis))
}

/// `A` repeated `reps` times along each axis.
///
/// >>> ap.tile(ap.asarray([1, 2]), (2, 2))
/// array([[1, 2, 1, 2],
///        [1, 2, 1, 2]])
#[pyfunction]
#[pyo3(signature = (A, reps))]
#[allow(non_snake_case)]
pub fn tile(A: &Bound<'_, PyAny>, reps: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let reps = shape_arg(reps)?;
    array_result(A, |x| rep::tile(x, &reps))
}

/// A copy with elements shifted by `shift` along `axis` (the flattened array when None), wrapping around.
///
/// >>> ap.roll(ap.arange(5), 2)
/// array([3, 4, 0, 1, 2])
#[pyfunction]
#[pyo3(signature = (a, shift, axis=None))]
pub fn roll(
    a: &Bound<'_, PyAny>,
    shift: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let shift = ints_arg(shift)?;
    let axes = match axis {
        Some(ax) if !ax.is_none() && ax.extract::<isize>().is_err() => Some(shape_arg(ax)?),
        _ => axis_arg(axis)?,
    };
    array_result(a, |x| rl::roll(x, &shift, axes.as_deref()))
}

/// A view rotated by 90 degrees `k` times in the plane of `axes`.
///
/// >>> ap.rot90(ap.asarray([[1, 2], [3, 4]]))
/// array([[2, 4],
///        [1, 3]])
#[pyfunction]
#[pyo3(signature = (m, k=1, axes=None))]
pub fn rot90(
    m: &Bound<'_, PyAny>,
    k: i64,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let axes = match axes {
        Some(ax) => shape_arg(ax)?,
        None => vec![0, 1],
    };
    array_result(m, |x| rl::rot90(x, k, &axes))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(repeat, m)?)?;
    m.add_function(wrap_pyfunction!(tile, m)?)?;
    m.add_function(wrap_pyfunction!(roll, m)?)?;
    m.add_function(wrap_pyfunction!(rot90, m)?)?;
    Ok(())
}
