//! Joining arrays: `concatenate` (`concat`) and `stack`, and `expand_dims`. The bindings read
//! the array-likes and the keywords; validation, the result dtype and the copies are core's.

use super::array_result;
use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::{axis_arg, optional_dtype, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::manipulate;
use arrpy_core::{Array, Casting, DType};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// Each element of the `arrays` argument as an array (NumPy iterates any sequence here).
fn arrays_arg(arrays: &Bound<'_, PyAny>) -> PyResult<Vec<Array>> {
    let items = arrays
        .try_iter()
        .map_err(|_| PyTypeError::new_err("The first input argument needs to be a sequence"))?;
    items.map(|item| Ok(to_array(&item?, None)?.0)).collect()
}

fn total_size(arrays: &[Array]) -> usize {
    arrays
        .iter()
        .map(Array::size)
        .fold(0, usize::saturating_add)
}

/// Parses the arguments `concatenate` and `stack` share and runs `f` on them, without the GIL
/// for large inputs.
fn join(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
    f: impl FnOnce(&[Array], Option<DType>, Casting) -> arrpy_core::Result<Array> + Send,
) -> PyResult<Py<PyNdArray>> {
    let arrays = arrays_arg(arrays)?;
    let dtype = optional_dtype(dtype)?;
    let casting = Casting::from_name(casting).py()?;
    let r = maybe_detach(py, total_size(&arrays), || f(&arrays, dtype, casting));
    PyNdArray::wrap(py, r.py()?)
}

/// Arrays joined along an existing axis (flattened first when axis is None).
///
/// >>> ap.concat([ap.asarray([[1, 2]]), ap.asarray([[3, 4]])], axis=0)
/// array([[1, 2],
///        [3, 4]])
#[pyfunction]
#[pyo3(
    signature = (arrays, /, axis=Some(0), *, dtype=None, casting="same_kind"),
    text_signature = "(arrays, /, axis=0, *, dtype=None, casting='same_kind')"
)]
pub fn concatenate(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyNdArray>> {
    join(py, arrays, dtype, casting, |arrays, dtype, casting| {
        manipulate::concatenate(arrays, axis, dtype, casting)
    })
}

/// Arrays of one shape joined along a new axis.
///
/// >>> ap.stack([ap.asarray([1, 2]), ap.asarray([3, 4])], axis=1)
/// array([[1, 3],
///        [2, 4]])
#[pyfunction]
#[pyo3(signature = (arrays, /, axis=0, *, dtype=None, casting="same_kind"))]
pub fn stack(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    axis: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyNdArray>> {
    join(py, arrays, dtype, casting, |arrays, dtype, casting| {
        manipulate::stack(arrays, axis, dtype, casting)
    })
}

/// `expand_dims(x, /, axis=0)`: a view of `x` (of the memory `x` views, for an exporter);
/// `axis` an int or a tuple of ints.
///
/// >>> ap.expand_dims(ap.asarray([1, 2]), axis=1)
/// array([[1],
///        [2]])
#[pyfunction]
#[pyo3(signature = (x, /, axis=None), text_signature = "(x, /, axis=0)")]
pub fn expand_dims(
    x: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let axes = axis_arg(axis)?.unwrap_or_else(|| vec![0]);
    array_result(x, |a| manipulate::expand_dims(a, &axes))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(concatenate, m)?)?;
    m.add_function(wrap_pyfunction!(stack, m)?)?;
    m.add_function(wrap_pyfunction!(expand_dims, m)?)?;
    Ok(())
}
