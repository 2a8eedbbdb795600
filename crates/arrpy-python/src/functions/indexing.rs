//! Indexing functions: take, take_along_axis, put, put_along_axis, compress, extract, place,
//! nonzero (and `ndarray.nonzero`), argwhere, flatnonzero. The rules are core's
//! (`arrpy_core::ops::index`); these read the array-likes and keywords.

use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::indexing::value_array;
use crate::ndarray::{dims_arg, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::index::{self as ops, Mode};
use arrpy_core::{Array, DType};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn arg(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    Ok(to_array(obj, None)?.0)
}

/// An index argument: an empty sequence means no indices (int64, as NumPy's intp).
fn index_arg(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    let a = arg(obj)?;
    if a.size() == 0 && a.dtype().is_float() {
        return arrpy_core::ops::cast::astype(&a, DType::Int64).py();
    }
    Ok(a)
}

/// The array a function writes into: it must be an arrpy array (NumPy's TypeError otherwise).
fn target(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Array> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.get().inner()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{name}: first argument must be an arrpy array, not {}",
            obj.get_type().name()?
        ))),
    }
}

fn wrap(py: Python<'_>, r: arrpy_core::Result<Array>) -> PyResult<Py<PyNdArray>> {
    PyNdArray::wrap(py, r.py()?)
}

fn tuple_of(py: Python<'_>, arrays: Vec<Array>) -> PyResult<Py<PyTuple>> {
    let items = arrays
        .into_iter()
        .map(|a| PyNdArray::wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.unbind())
}

/// The elements of ``a`` at ``indices`` (along ``axis``; of the flattened array by default).
///
/// >>> ap.take(ap.asarray([[1, 2], [3, 4]]), [1], axis=1)
/// array([[2],
///        [4]])
#[pyfunction]
#[pyo3(signature = (a, indices, axis=None, out=None, mode="raise"))]
pub fn take(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<Py<PyNdArray>> {
    let (a, idx, mode) = (arg(a)?, index_arg(indices)?, Mode::from_name(mode).py()?);
    let r = maybe_detach(py, idx.size(), || ops::take(&a, &idx, axis, mode)).py()?;
    match out {
        None => PyNdArray::wrap(py, r),
        Some(o) => {
            let o = target(o, "take")?;
            arrpy_core::ops::cast::assign(&o, &r, arrpy_core::Casting::SameKind).py()?;
            PyNdArray::wrap(py, o)
        }
    }
}

/// The elements of ``arr`` at ``indices`` along ``axis`` (as argsort or argmax return them).
///
/// >>> a = ap.asarray([[10, 30, 20], [60, 40, 50]]); ap.take_along_axis(a, ap.argsort(a, axis=1), axis=1)
/// array([[10, 20, 30],
///        [40, 50, 60]])
#[pyfunction]
#[pyo3(signature = (arr, indices, axis=Some(-1)), text_signature = "(arr, indices, axis=-1)")]
pub fn take_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let (a, idx) = (arg(arr)?, index_arg(indices)?);
    wrap(
        py,
        maybe_detach(py, idx.size(), || ops::take_along_axis(&a, &idx, axis)),
    )
}

/// Sets the elements of ``arr`` at ``indices`` along ``axis`` to ``values``, in place.
///
/// >>> a = ap.asarray([[10, 30], [40, 20]]); ap.put_along_axis(a, ap.asarray([[0], [1]]), 0, axis=1)
/// >>> a
/// array([[ 0, 30],
///        [40,  0]])
#[pyfunction]
#[pyo3(signature = (arr, indices, values, axis))]
pub fn put_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<()> {
    let (a, idx) = (target(arr, "put_along_axis")?, index_arg(indices)?);
    let (v, casting) = value_array(values, &a)?;
    maybe_detach(py, idx.size(), || {
        ops::put_along_axis(&a, &idx, &v, axis, casting)
    })
    .py()
}

/// Sets the elements of ``a`` at the flat indices ``ind`` to ``v``, in place.
///
/// >>> a = ap.zeros(4, dtype=ap.int64); ap.put(a, [1, 3], [5, 6])
/// >>> a
/// array([0, 5, 0, 6])
#[pyfunction]
#[pyo3(signature = (a, ind, v, mode="raise"))]
pub fn put(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    ind: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<()> {
    let (t, idx, mode) = (
        target(a, "put")?,
        index_arg(ind)?,
        Mode::from_name(mode).py()?,
    );
    // `a.flat[ind] = v`: values are cast as assignment casts them (floats truncate).
    let (v, _) = value_array(v, &t)?;
    let casting = arrpy_core::Casting::Unsafe;
    maybe_detach(py, idx.size(), || ops::put(&t, &idx, &v, mode, casting)).py()
}

/// Sets the elements of ``arr`` where ``mask`` is true to ``vals`` (repeated as needed), in place.
///
/// >>> a = ap.arange(5); ap.place(a, a > 2, [7, 8])
/// >>> a
/// array([0, 1, 2, 7, 8])
#[pyfunction]
#[pyo3(signature = (arr, mask, vals))]
pub fn place(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    vals: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let (t, m) = (target(arr, "place")?, arg(mask)?);
    let (v, _) = value_array(vals, &t)?;
    maybe_detach(py, t.size(), || ops::place(&t, &m, &v)).py()
}

/// The slices of ``a`` along ``axis`` where ``condition`` is true.
///
/// >>> ap.compress([True, False, True], ap.asarray([1, 2, 3]))
/// array([1, 3])
#[pyfunction]
#[pyo3(signature = (condition, a, axis=None, out=None))]
pub fn compress(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let (c, a) = (arg(condition)?, arg(a)?);
    let r = maybe_detach(py, a.size(), || ops::compress(&c, &a, axis)).py()?;
    match out {
        None => PyNdArray::wrap(py, r),
        Some(o) => {
            let o = target(o, "compress")?;
            arrpy_core::ops::cast::assign(&o, &r, arrpy_core::Casting::SameKind).py()?;
            PyNdArray::wrap(py, o)
        }
    }
}

/// The elements of ``arr`` where ``condition`` is true, flattened.
///
/// >>> ap.extract(ap.asarray([[True, False], [False, True]]), ap.asarray([[1, 2], [3, 4]]))
/// array([1, 4])
#[pyfunction]
#[pyo3(signature = (condition, arr))]
pub fn extract(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    arr: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let (c, a) = (arg(condition)?, arg(arr)?);
    wrap(py, maybe_detach(py, a.size(), || ops::extract(&c, &a)))
}

/// Index arrays of the nonzero elements of ``a``, one per axis.
///
/// >>> ap.nonzero(ap.asarray([[0, 1], [2, 0]]))
/// (array([0, 1]), array([1, 0]))
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn nonzero(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyTuple>> {
    let a = arg(a)?;
    let r = maybe_detach(py, a.size(), || ops::nonzero(&a)).py()?;
    tuple_of(py, r)
}

/// Indices of the nonzero elements, one row per element.
///
/// >>> ap.argwhere(ap.asarray([[0, 1], [2, 0]]))
/// array([[0, 1],
///        [1, 0]])
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn argwhere(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let a = arg(a)?;
    wrap(py, maybe_detach(py, a.size(), || ops::argwhere(&a)))
}

/// Indices of the nonzero elements of the flattened array.
///
/// >>> ap.flatnonzero(ap.asarray([[0, 3], [1, 0]]))
/// array([1, 2])
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn flatnonzero(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let a = arg(a)?;
    wrap(py, maybe_detach(py, a.size(), || ops::flatnonzero(&a)))
}

#[pymethods]
impl PyNdArray {
    /// Index arrays of the nonzero elements, one per axis.
    ///
    /// >>> ap.asarray([[0, 1], [2, 0]]).nonzero()
    /// (array([0, 1]), array([1, 0]))
    #[pyo3(name = "nonzero")]
    fn nonzero_method(slf: &Bound<'_, Self>) -> PyResult<Py<PyTuple>> {
        nonzero(slf.py(), slf.as_any())
    }

    /// The elements at ``indices`` (along ``axis``; of the flattened array by default).
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).take([0, 3])
    /// array([1, 4])
    #[pyo3(name = "take", signature = (indices, axis=None, out=None, mode="raise"))]
    fn take_method(
        slf: &Bound<'_, Self>,
        indices: &Bound<'_, PyAny>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        mode: &str,
    ) -> PyResult<Py<PyNdArray>> {
        take(slf.py(), slf.as_any(), indices, axis, out, mode)
    }

    /// Sets the elements at the flat ``indices`` to ``values``.
    ///
    /// >>> a = ap.zeros(4, dtype=ap.int64); a.put([0, 2], [5, 6])
    /// >>> a
    /// array([5, 0, 6, 0])
    #[pyo3(name = "put", signature = (indices, values, mode="raise"))]
    fn put_method(
        slf: &Bound<'_, Self>,
        indices: &Bound<'_, PyAny>,
        values: &Bound<'_, PyAny>,
        mode: &str,
    ) -> PyResult<()> {
        put(slf.py(), slf.as_any(), indices, values, mode)
    }

    /// The slices along ``axis`` where ``condition`` is true.
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).compress([False, True], axis=0)
    /// array([[3, 4]])
    #[pyo3(name = "compress", signature = (condition, axis=None, out=None))]
    fn compress_method(
        slf: &Bound<'_, Self>,
        condition: &Bound<'_, PyAny>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyNdArray>> {
        compress(slf.py(), condition, slf.as_any(), axis, out)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(take, m)?)?;
    m.add_function(wrap_pyfunction!(take_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(put, m)?)?;
    m.add_function(wrap_pyfunction!(put_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(place, m)?)?;
    m.add_function(wrap_pyfunction!(compress, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(nonzero, m)?)?;
    m.add_function(wrap_pyfunction!(argwhere, m)?)?;
    m.add_function(wrap_pyfunction!(flatnonzero, m)?)?;
    register_grids(m)
}

fn arrays_of(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<Array>> {
    let items = obj
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{name} must be a sequence of arrays")))?;
    items.map(|item| arg(&item?)).collect()
}

fn order_is_fortran(order: &str) -> PyResult<bool> {
    match order {
        "C" => Ok(false),
        "F" => Ok(true),
        _ => Err(pyo3::exceptions::PyValueError::new_err(
            "only 'C' or 'F' order is permitted",
        )),
    }
}

/// Open-mesh index arrays: ``a[ap.ix_(rows, cols)]`` selects the rows × cols sub-array.
///
/// >>> a = ap.arange(9).reshape((3, 3)); a[ap.ix_(ap.asarray([0, 2]), ap.asarray([1, 2]))]
/// array([[1, 2],
///        [7, 8]])
#[pyfunction]
#[pyo3(signature = (*args))]
pub fn ix_(py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyTuple>> {
    let arrays = args
        .iter()
        .map(|a| index_arg(&a))
        .collect::<PyResult<Vec<_>>>()?;
    tuple_of(py, ops::ix_(&arrays).py()?)
}

/// Index arrays into an array of ``shape`` for the flat ``indices``.
///
/// >>> ap.unravel_index(ap.asarray([1, 5]), (2, 3))
/// (array([0, 1]), array([1, 2]))
#[pyfunction]
#[pyo3(signature = (indices, shape, order="C"))]
pub fn unravel_index(
    py: Python<'_>,
    indices: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    order: &str,
) -> PyResult<Py<PyTuple>> {
    let (idx, dims) = (index_arg(indices)?, dims_arg(shape)?);
    tuple_of(
        py,
        ops::unravel_index(&idx, &dims, order_is_fortran(order)?).py()?,
    )
}

/// Flat indices from a tuple of index arrays, in an array of shape ``dims``.
///
/// >>> ap.ravel_multi_index((ap.asarray([0, 1]), ap.asarray([2, 0])), (2, 3))
/// array([2, 3])
#[pyfunction]
#[pyo3(signature = (multi_index, dims, mode=None, order="C"))]
pub fn ravel_multi_index(
    py: Python<'_>,
    multi_index: &Bound<'_, PyAny>,
    dims: &Bound<'_, PyAny>,
    mode: Option<&Bound<'_, PyAny>>,
    order: &str,
) -> PyResult<Py<PyNdArray>> {
    let multi = arrays_of(multi_index, "multi_index")?;
    let dims = dims_arg(dims)?;
    let modes: Vec<Mode> = match mode {
        None => vec![Mode::Raise],
        Some(m) if m.is_instance_of::<pyo3::types::PyString>() => {
            vec![Mode::from_name(&m.extract::<String>()?).py()?]
        }
        Some(m) => m
            .try_iter()?
            .map(|x| Mode::from_name(&x?.extract::<String>()?).py())
            .collect::<PyResult<_>>()?,
    };
    let fortran = order_is_fortran(order)?;
    wrap(py, ops::ravel_multi_index(&multi, &dims, &modes, fortran))
}

/// Index arrays reaching the main diagonal of an ``n``-by-``n`` (by …) array.
///
/// >>> ap.diag_indices(3)
/// (array([0, 1, 2]), array([0, 1, 2]))
#[pyfunction]
#[pyo3(signature = (n, ndim=2))]
pub fn diag_indices(py: Python<'_>, n: usize, ndim: usize) -> PyResult<Py<PyTuple>> {
    tuple_of(py, ops::diag_indices(n, ndim).py()?)
}

/// Index arrays of the lower triangle (up to diagonal ``k``) of an n-by-m array.
///
/// >>> ap.tril_indices(3)
/// (array([0, 1, 1, 2, 2, 2]), array([0, 0, 1, 0, 1, 2]))
#[pyfunction]
#[pyo3(signature = (n, k=0, m=None))]
pub fn tril_indices(py: Python<'_>, n: usize, k: i64, m: Option<usize>) -> PyResult<Py<PyTuple>> {
    tuple_of(py, ops::tril_indices(n, k, m).py()?)
}

/// Index arrays of the upper triangle (from diagonal ``k``) of an n-by-m array.
///
/// >>> ap.triu_indices(3, k=1)
/// (array([0, 0, 1]), array([1, 2, 2]))
#[pyfunction]
#[pyo3(signature = (n, k=0, m=None))]
pub fn triu_indices(py: Python<'_>, n: usize, k: i64, m: Option<usize>) -> PyResult<Py<PyTuple>> {
    tuple_of(py, ops::triu_indices(n, k, m).py()?)
}

/// Elements from the first choice whose condition holds, else ``default``.
///
/// >>> x = ap.arange(6); ap.select([x < 2, x > 3], [x, x * 10], default=-1)
/// array([ 0,  1, -1, -1, 40, 50])
#[pyfunction]
#[pyo3(signature = (condlist, choicelist, default=None))]
pub fn select(
    py: Python<'_>,
    condlist: &Bound<'_, PyAny>,
    choicelist: &Bound<'_, PyAny>,
    default: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let conds = arrays_of(condlist, "condlist")?;
    let choices = arrays_of(choicelist, "choicelist")?;
    // A Python scalar default (0 unless given) is weak: it takes the choices' dtype.
    let weak = default.is_none_or(|d| {
        d.is_instance_of::<pyo3::types::PyInt>()
            || d.is_instance_of::<pyo3::types::PyFloat>()
            || d.is_instance_of::<pyo3::types::PyComplex>()
    });
    let default = match default {
        Some(d) => arg(d)?,
        None => Array::scalar(DType::Int64, arrpy_core::Scalar::Int(0)).py()?,
    };
    wrap(py, ops::select(&conds, &choices, &default, weak))
}

/// Elements picked from ``choices`` by the index array ``a``.
///
/// >>> ap.choose(ap.asarray([0, 1, 0]), [ap.asarray([1, 2, 3]), ap.asarray([10, 20, 30])])
/// array([ 1, 20,  3])
#[pyfunction]
#[pyo3(signature = (a, choices, out=None, mode="raise"))]
pub fn choose(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    choices: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<Py<PyNdArray>> {
    let (a, choices) = (arg(a)?, arrays_of(choices, "choices")?);
    let r = ops::choose(&a, &choices, Mode::from_name(mode).py()?).py()?;
    match out {
        None => PyNdArray::wrap(py, r),
        Some(o) => {
            let o = target(o, "choose")?;
            arrpy_core::ops::cast::assign(&o, &r, arrpy_core::Casting::SameKind).py()?;
            PyNdArray::wrap(py, o)
        }
    }
}

pub fn register_grids(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ix_, m)?)?;
    m.add_function(wrap_pyfunction!(unravel_index, m)?)?;
    m.add_function(wrap_pyfunction!(ravel_multi_index, m)?)?;
    m.add_function(wrap_pyfunction!(diag_indices, m)?)?;
    m.add_function(wrap_pyfunction!(tril_indices, m)?)?;
    m.add_function(wrap_pyfunction!(triu_indices, m)?)?;
    m.add_function(wrap_pyfunction!(select, m)?)?;
    m.add_function(wrap_pyfunction!(choose, m)?)?;
    Ok(())
}
