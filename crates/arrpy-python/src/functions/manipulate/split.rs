//! Splitting into views: `array_split`, `split`, `unstack`.

use super::arrays_result;
use crate::ndarray::{shape_arg, PyNdArray};
use arrpy_core::ops::manipulate::split::{self as core_split, Sections};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn sections_arg(obj: &Bound<'_, PyAny>) -> PyResult<Sections> {
    if let Ok(k) = obj.extract::<isize>() {
        return Ok(Sections::Count(k));
    }
    Ok(Sections::Indices(shape_arg(obj)?))
}

/// Views of `ary` split as `indices_or_sections` says; `equal` refuses unequal sections.
fn split_views(
    ary: &Bound<'_, PyAny>,
    sections: &Bound<'_, PyAny>,
    axis: isize,
    equal: bool,
) -> PyResult<Vec<Py<PyNdArray>>> {
    let s = sections_arg(sections)?;
    arrays_result(ary, |a| core_split::split(a, &s, axis, equal))
}

/// Views of `ary` split into sections (as equal as possible) or at indices along `axis`.
///
/// >>> ap.array_split(ap.arange(5), 2)
/// [array([0, 1, 2]), array([3, 4])]
#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis=0))]
pub fn array_split(
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Vec<Py<PyNdArray>>> {
    split_views(ary, indices_or_sections, axis, false)
}

/// Views of `ary` split into equal sections or at indices along `axis`.
///
/// >>> ap.split(ap.arange(6), [2, 5])
/// [array([0, 1]), array([2, 3, 4]), array([5])]
#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis=0))]
pub fn split(
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Vec<Py<PyNdArray>>> {
    split_views(ary, indices_or_sections, axis, true)
}

/// The views `x[..., i, ...]` along `axis`, as a tuple.
///
/// >>> ap.unstack(ap.asarray([[1, 2], [3, 4]]), axis=1)
/// (array([1, 3]), array([2, 4]))
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=0))]
pub fn unstack<'py>(x: &Bound<'py, PyAny>, axis: isize) -> PyResult<Bound<'py, PyTuple>> {
    let parts = arrays_result(x, |a| core_split::unstack(a, axis))?;
    PyTuple::new(x.py(), parts)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(array_split, m)?)?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(unstack, m)?)?;
    Ok(())
}
