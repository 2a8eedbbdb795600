//! Basic indexing: integers (negative too), slices (any step), Ellipsis, None and tuples of them.
//! Every result is a view sharing memory; a full integer index gives a 0-d array.

use crate::convert::{array_from_nested, check_assignable, scalar_from_py};
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::ops::cast::assign;
use arrpy_core::{Array, Casting};
use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyEllipsis, PyList, PySlice, PySliceMethods, PyTuple};

enum Item<'py> {
    Int(isize),
    Slice(Bound<'py, PySlice>),
    Ellipsis,
    NewAxis,
}

fn parse_item<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Item<'py>> {
    if let Ok(s) = obj.cast::<PySlice>() {
        return Ok(Item::Slice(s.clone()));
    }
    if obj.is_none() {
        return Ok(Item::NewAxis);
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(Item::Ellipsis);
    }
    if !obj.is_instance_of::<pyo3::types::PyBool>() {
        if let Ok(i) = obj.extract::<isize>() {
            return Ok(Item::Int(i));
        }
        if obj.hasattr("__index__")? {
            return Ok(Item::Int(obj.call_method0("__index__")?.extract()?));
        }
    }
    Err(PyIndexError::new_err(format!(
        "only integers, slices (`:`), ellipsis (`...`) and None (`newaxis`) are valid indices; got {}",
        obj.repr()?
    )))
}

fn parse_key<'py>(key: &Bound<'py, PyAny>) -> PyResult<Vec<Item<'py>>> {
    if let Ok(t) = key.cast::<PyTuple>() {
        return t.iter().map(|k| parse_item(&k)).collect();
    }
    Ok(vec![parse_item(key)?])
}

/// The view selected by `key`.
fn select(a: &Array, key: &Bound<'_, PyAny>) -> PyResult<Array> {
    let items = parse_key(key)?;
    let consumed = items
        .iter()
        .filter(|i| matches!(i, Item::Int(_) | Item::Slice(_)))
        .count();
    let ellipses = items.iter().filter(|i| matches!(i, Item::Ellipsis)).count();
    if ellipses > 1 {
        return Err(PyIndexError::new_err(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    let count = |f: fn(&Item<'_>) -> bool| items.iter().filter(|i| f(i)).count();
    let result_ndim = (a.ndim() + count(|i| matches!(i, Item::NewAxis)))
        .saturating_sub(count(|i| matches!(i, Item::Int(_))));
    if result_ndim > arrpy_core::layout::MAX_DIMS {
        return Err(PyIndexError::new_err(format!(
            "number of dimensions must be within [0, {}], indexing result would have {result_ndim}",
            arrpy_core::layout::MAX_DIMS
        )));
    }
    if consumed > a.ndim() {
        return Err(PyIndexError::new_err(format!(
            "too many indices for array: array is {}-dimensional, but {consumed} were indexed",
            a.ndim()
        )));
    }
    let mut view = a.clone();
    let mut axis = 0usize;
    // The axis of `a` (not of the partially indexed view) that the next Int/Slice consumes,
    // so error messages name the axis as the caller sees it.
    let mut src_axis = 0usize;
    for item in &items {
        match item {
            Item::Int(i) => {
                let d = view.shape()[axis] as isize;
                if *i < -d || *i >= d {
                    return Err(PyIndexError::new_err(format!(
                        "index {i} is out of bounds for axis {src_axis} with size {d}"
                    )));
                }
                view = view.index_axis(axis, *i).py()?;
                src_axis += 1;
            }
            Item::Slice(s) => {
                src_axis += 1;
                let dim = view.shape()[axis] as isize;
                let ind = s.indices(dim)?;
                view = view.slice_axis(axis, ind.start.max(0) as usize, ind.step, ind.slicelength);
                axis += 1;
            }
            Item::NewAxis => {
                view = view.insert_axis(axis);
                axis += 1;
            }
            Item::Ellipsis => {
                axis += a.ndim() - consumed;
                src_axis += a.ndim() - consumed;
            }
        }
    }
    Ok(view)
}

/// The value of an assignment as an array of (at most) the target's shape. Python and NumPy
/// scalars, and nested sequences, are read as NumPy reads them into the target's dtype: floats
/// into integers truncate; out-of-range integers, NaN/inf into integers and complex into real
/// raise before anything is written.
fn value_array(value: &Bound<'_, PyAny>, target: &Array) -> PyResult<(Array, Casting)> {
    if let Ok(v) = value.cast::<PyNdArray>() {
        return Ok((v.borrow().inner().clone(), Casting::SameKind));
    }
    if let Some(s) = scalar_from_py(value)? {
        check_assignable(s, target.dtype())?;
        return Ok((Array::scalar(target.dtype(), s).py()?, Casting::Unsafe));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let a = array_from_nested(value, Some(target.dtype()))?;
        return Ok((a, Casting::Unsafe));
    }
    if let Some(a) = crate::interop::array_from_buffer(value)? {
        return Ok((a, Casting::SameKind));
    }
    Err(PyTypeError::new_err(format!(
        "cannot assign an object of type '{}' to an array",
        value.get_type().name()?
    )))
}

#[pymethods]
impl PyNdArray {
    fn __getitem__(slf: &Bound<'_, Self>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
        // Fast path for the commonest key, a plain int on the first axis (`x[5]`).
        if let Ok(i) = key.cast_exact::<pyo3::types::PyInt>() {
            if let Ok(i) = i.extract::<isize>() {
                // One look at the array, no clone of its handle; index_axis bounds-checks and
                // names axis 0, as NumPy does.
                let view = slf
                    .get()
                    .with_array(|a| (a.ndim() > 0).then(|| a.index_axis(0, i)));
                if let Some(view) = view {
                    return PyNdArray::wrap_view(slf, view.py()?);
                }
            }
        }
        let view = select(&slf.borrow().inner(), key)?;
        PyNdArray::wrap_view(slf, view)
    }

    fn __setitem__(&self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let target = select(&self.inner(), key)?;
        let (src, casting) = value_array(value, &target)?;
        let py = key.py();
        crate::operators::maybe_detach(py, target.size(), || assign(&target, &src, casting)).py()
    }
}
