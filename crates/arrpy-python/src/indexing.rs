//! `a[key]` and `a[key] = value`: parses the Python key into core `IndexItem`s; resolution
//! (ellipsis, new axes, bounds, slices) is `arrpy_core::index`. Every result is a view sharing
//! memory; a full integer index gives a 0-d array. Integer arrays, lists and boolean masks
//! (arrpy arrays, NumPy arrays and other buffer exporters, nested sequences, Python bools) are
//! advanced items, gathered and scattered by `arrpy_core::ops::index`.

use crate::convert::{array_from_nested, check_assignable, scalar_from_py};
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::index::{self, IndexItem, Key, Slice};
use arrpy_core::ops::cast::{assign, astype};
use arrpy_core::ops::index as index_ops;
use arrpy_core::{Array, Casting, DType, Scalar};
use pyo3::exceptions::{PyIndexError, PyOverflowError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyEllipsis, PyInt, PyList, PySlice, PyTuple};

fn invalid_index(obj: &Bound<'_, PyAny>) -> PyResult<PyErr> {
    Ok(PyIndexError::new_err(format!(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices; got {}",
        obj.repr()?
    )))
}

fn parse_item(obj: &Bound<'_, PyAny>) -> PyResult<IndexItem> {
    if let Ok(s) = obj.cast::<PySlice>() {
        return Ok(IndexItem::Slice(parse_slice(s)?));
    }
    if obj.is_none() {
        return Ok(IndexItem::NewAxis);
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(IndexItem::Ellipsis);
    }
    // NumPy reads a bool as a 0-d mask (so before the int test: bool is an int in Python).
    if let Ok(b) = obj.cast::<PyBool>() {
        let m = Array::scalar(DType::Bool, Scalar::Bool(b.is_true())).py()?;
        return Ok(IndexItem::mask(m));
    }
    if let Ok(i) = obj.cast_exact::<PyInt>() {
        if let Ok(i) = i.extract::<isize>() {
            return Ok(IndexItem::Int(i));
        }
    }
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return array_item(a.get().inner());
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        // A sequence of slices, None or strings is no index array.
        let a =
            array_from_nested(obj, None).map_err(|_| invalid_index(obj).unwrap_or_else(|e| e))?;
        // An empty sequence indexes nothing, as integers (NumPy's intp).
        let a = if a.size() == 0 && a.dtype() != DType::Bool {
            astype(&a, DType::Int64).py()?
        } else {
            a
        };
        return array_item(a);
    }
    if !obj.is_instance_of::<PyInt>() {
        if let Some(a) = crate::interop::array_from_buffer(obj)? {
            return array_item(a);
        }
    }
    match obj.extract::<isize>() {
        Ok(i) => Ok(IndexItem::Int(i)),
        // An integer past isize is out of every bound; NumPy calls it an invalid index.
        Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => Err(invalid_index(obj)?),
        // Objects with `__index__` that refuse (arrays of more than one element) say why.
        Err(e) if obj.hasattr(intern!(obj.py(), "__index__"))? => Err(e),
        Err(_) => Err(invalid_index(obj)?),
    }
}

/// An array in a key: a bool array is a mask, a 0-d integer array an integer (as NumPy), any
/// other an index array (core refuses non-integer dtypes with NumPy's IndexError).
fn array_item(a: Array) -> PyResult<IndexItem> {
    if a.dtype() == DType::Bool {
        return Ok(IndexItem::mask(a));
    }
    if a.ndim() == 0 && a.dtype().is_integer() {
        let i = a
            .item()
            .py()?
            .as_i128()
            .and_then(|i| isize::try_from(i).ok());
        return match i {
            Some(i) => Ok(IndexItem::Int(i)),
            None => Err(PyIndexError::new_err(
                "index is out of bounds for the integer type of the platform",
            )),
        };
    }
    Ok(IndexItem::int_array(a))
}

/// A slice's bounds as Python reads them (`PySlice_Unpack`: integers or `__index__`, clamped
/// into isize, `None` as the sentinel that means "from the end"; the step is checked first, so
/// `a[1.5::0]` is the zero-step ValueError). Core's normalization reads the sentinels as it
/// reads `None`. One C call: three attribute reads cost ~100 ns more per slice.
fn parse_slice(s: &Bound<'_, PySlice>) -> PyResult<Slice> {
    let (mut start, mut stop, mut step) = (0isize, 0isize, 0isize);
    // SAFETY: `s` is a live slice object and the GIL is held (`Bound`); the three out-pointers
    // are valid locals. On failure (-1) a Python exception is set, which `PyErr::fetch` takes.
    let rc = unsafe { pyo3::ffi::PySlice_Unpack(s.as_ptr(), &mut start, &mut stop, &mut step) };
    if rc != 0 {
        return Err(PyErr::fetch(s.py()));
    }
    Ok(Slice::new(Some(start), Some(stop), Some(step)))
}

fn parse_key(key: &Bound<'_, PyAny>) -> PyResult<Key> {
    if let Ok(t) = key.cast::<PyTuple>() {
        return t.iter().map(|k| parse_item(&k)).collect();
    }
    Ok(Key::from_iter([parse_item(key)?]))
}

/// `key` applied to `a` (basic items as a view, advanced ones set aside).
fn resolve_key(a: &Array, key: &Bound<'_, PyAny>) -> PyResult<index::Resolved> {
    let items = parse_key(key)?;
    // Resolution is O(ndim): cheaper than releasing the GIL.
    index::resolve(a, &items).py()
}

/// The value of an assignment as an array of (at most) the target's shape. Python and NumPy
/// scalars, and nested sequences, are read as NumPy reads them into the target's dtype: floats
/// into integers truncate; out-of-range integers, NaN/inf into integers and complex into real
/// raise before anything is written.
pub(crate) fn value_array(value: &Bound<'_, PyAny>, target: &Array) -> PyResult<(Array, Casting)> {
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
        if let Ok(i) = key.cast_exact::<PyInt>() {
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
        let r = resolve_key(&slf.get().inner(), key)?;
        if r.is_basic() {
            return PyNdArray::wrap_view(slf, r.view);
        }
        let py = slf.py();
        let out = maybe_detach(py, r.view.size(), || index_ops::gather(&r)).py()?;
        PyNdArray::wrap(py, out)
    }

    fn __setitem__(&self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let r = resolve_key(&self.inner(), key)?;
        let (src, casting) = value_array(value, &r.view)?;
        let py = key.py();
        if r.is_basic() {
            let target = r.view;
            return maybe_detach(py, target.size(), || assign(&target, &src, casting)).py();
        }
        maybe_detach(py, r.view.size(), || index_ops::scatter(&r, &src, casting)).py()
    }
}
