//! Sorting, searching and sets: module functions and the ndarray methods `sort`, `argsort`,
//! `partition`, `argpartition`, `searchsorted`. Each reads its arguments, releases the GIL for
//! large inputs and calls `arrpy_core::ops::sort`.

use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::ops::sort;
use arrpy_core::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

type Arg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn input(x: &Bound<'_, PyAny>) -> PyResult<Array> {
    Ok(to_array(x, None)?.0)
}

/// Checks NumPy's `kind=`, `order=` and `stable=` (every sort here is stable, so a valid kind
/// changes nothing): NumPy reads a kind by its first letter.
fn check_sort_args(kind: Option<&str>, order: Arg<'_, '_>, stable: Option<bool>) -> PyResult<()> {
    if kind.is_some() && stable.is_some() {
        return Err(PyValueError::new_err(
            "`kind` and keyword parameters can't be provided at the same time. Use only one of them.",
        ));
    }
    if let Some(kind) = kind {
        let first = kind.chars().next().map(|c| c.to_ascii_lowercase());
        if !matches!(first, Some('q' | 'h' | 'm' | 's')) {
            return Err(PyValueError::new_err(format!(
                "sort kind must be one of 'quick', 'heap', or 'stable' (got '{kind}')"
            )));
        }
    }
    if order.is_some_and(|o| !o.is_none()) {
        return Err(PyValueError::new_err(
            "Cannot specify order when the array has no fields.",
        ));
    }
    Ok(())
}

fn sorted(
    py: Python<'_>,
    a: &Array,
    axis: Option<isize>,
    descending: bool,
    arg: bool,
) -> PyResult<Py<PyNdArray>> {
    let r = maybe_detach(py, a.size(), || {
        if arg {
            sort::argsort(a, axis, descending)
        } else {
            sort::sort(a, axis, descending)
        }
    });
    PyNdArray::wrap(py, r.py()?)
}

/// A sorted copy of ``a`` along ``axis`` (stable with ``stable=True``, descending with
/// ``descending=True``).
///
/// >>> ap.sort(ap.asarray([[3, 1, 2], [9, 7, 8]])), ap.sort(ap.asarray([3, 1, 2]), descending=True)
/// (array([[1, 2, 3],
///        [7, 8, 9]]), array([3, 2, 1]))
#[pyfunction(name = "sort")]
#[pyo3(signature = (a, /, axis=Some(-1), kind=None, order=None, *, stable=None, descending=false), text_signature = "(a, /, axis=-1, kind=None, order=None, *, stable=None, descending=False)")]
#[allow(clippy::too_many_arguments)]
pub fn sort_py(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Arg<'_, '_>,
    stable: Option<bool>,
    descending: bool,
) -> PyResult<Py<PyNdArray>> {
    check_sort_args(kind, order, stable)?;
    sorted(py, &input(a)?, axis, descending, false)
}

/// Indices that sort ``a`` along ``axis`` (stable with ``stable=True``, descending with
/// ``descending=True``).
///
/// >>> ap.argsort(ap.asarray([30, 10, 20]))
/// array([1, 2, 0])
#[pyfunction]
#[pyo3(signature = (a, /, axis=Some(-1), kind=None, order=None, *, stable=None, descending=false), text_signature = "(a, /, axis=-1, kind=None, order=None, *, stable=None, descending=False)")]
#[allow(clippy::too_many_arguments)]
pub fn argsort(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Arg<'_, '_>,
    stable: Option<bool>,
    descending: bool,
) -> PyResult<Py<PyNdArray>> {
    check_sort_args(kind, order, stable)?;
    sorted(py, &input(a)?, axis, descending, true)
}

#[pymethods]
impl PyNdArray {
    /// Sorts the array in place along ``axis``.
    ///
    /// >>> a = ap.asarray([[3, 1], [2, 4]]); a.sort(axis=0)
    /// >>> a
    /// array([[2, 1],
    ///        [3, 4]])
    #[pyo3(name = "sort", signature = (axis=-1, kind=None, order=None, *, stable=None, descending=false), text_signature = "($self, axis=-1, kind=None, order=None, *, stable=None, descending=False)")]
    fn sort_method(
        &self,
        py: Python<'_>,
        axis: isize,
        kind: Option<&str>,
        order: Arg<'_, '_>,
        stable: Option<bool>,
        descending: bool,
    ) -> PyResult<()> {
        check_sort_args(kind, order, stable)?;
        let a = self.inner();
        maybe_detach(py, a.size(), || sort::sort_in_place(&a, axis, descending)).py()
    }

    /// Indices that sort the array along ``axis`` (see ``arrpy.argsort``).
    ///
    /// >>> ap.asarray([30, 10, 20]).argsort(descending=True)
    /// array([0, 2, 1])
    #[pyo3(name = "argsort", signature = (axis=Some(-1), kind=None, order=None, *, stable=None, descending=false), text_signature = "($self, axis=-1, kind=None, order=None, *, stable=None, descending=False)")]
    fn argsort_method(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        kind: Option<&str>,
        order: Arg<'_, '_>,
        stable: Option<bool>,
        descending: bool,
    ) -> PyResult<Py<PyNdArray>> {
        check_sort_args(kind, order, stable)?;
        sorted(py, &self.inner(), axis, descending, true)
    }
}

/// `kth=`: an int or a sequence of ints.
fn kth_arg(kth: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(k) = kth.extract::<isize>() {
        return Ok(vec![k]);
    }
    kth.extract::<Vec<isize>>()
        .map_err(|_| PyTypeError::new_err("Partition index must be integer"))
}

fn partitioned(
    py: Python<'_>,
    a: &Array,
    kth: &Bound<'_, PyAny>,
    axis: Option<isize>,
    arg: bool,
) -> PyResult<Array> {
    let kth = kth_arg(kth)?;
    maybe_detach(py, a.size(), || {
        if arg {
            sort::argpartition(a, &kth, axis)
        } else {
            sort::partition(a, &kth, axis)
        }
    })
    .py()
}

/// A copy of ``a`` partitioned: the element at ``kth`` in sorted place, smaller ones before it,
/// larger after.
///
/// >>> ap.partition(ap.asarray([30, 10, 20, 40]), 1)[1]
/// array(20)
#[pyfunction]
#[pyo3(signature = (a, kth, axis=Some(-1), kind="introselect", order=None), text_signature = "(a, kth, axis=-1, kind='introselect', order=None)")]
pub fn partition(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    kth: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: &str,
    order: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    check_select_args(kind, order)?;
    PyNdArray::wrap(py, partitioned(py, &input(a)?, kth, axis, false)?)
}

/// Indices that partition ``a``: the element at ``kth`` in sorted place, smaller ones before it,
/// larger after.
///
/// >>> ap.argpartition(ap.asarray([30, 10, 20, 40]), 1)[1]
/// array(2)
#[pyfunction]
#[pyo3(signature = (a, kth, axis=Some(-1), kind="introselect", order=None), text_signature = "(a, kth, axis=-1, kind='introselect', order=None)")]
pub fn argpartition(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    kth: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: &str,
    order: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    check_select_args(kind, order)?;
    PyNdArray::wrap(py, partitioned(py, &input(a)?, kth, axis, true)?)
}

fn check_select_args(kind: &str, order: Arg<'_, '_>) -> PyResult<()> {
    if kind != "introselect" {
        return Err(PyValueError::new_err(format!(
            "select kind must be 'introselect' (got '{kind}')"
        )));
    }
    check_sort_args(None, order, None)
}

/// Each item of a sequence (or each row of an array) as an array.
fn sequence_of_arrays(keys: &Bound<'_, PyAny>) -> PyResult<Vec<Array>> {
    let items = keys
        .try_iter()
        .map_err(|_| PyTypeError::new_err("need sequence of keys with len > 0 in lexsort"))?;
    items.map(|item| input(&item?)).collect()
}

/// Indices that sort by several keys; the last key is the primary one.
///
/// >>> ap.lexsort((ap.asarray([3, 1, 2]), ap.asarray([1, 1, 0])))
/// array([2, 1, 0])
#[pyfunction]
#[pyo3(signature = (keys, axis=-1), text_signature = "(keys, axis=-1)")]
pub fn lexsort(py: Python<'_>, keys: &Bound<'_, PyAny>, axis: isize) -> PyResult<Py<PyNdArray>> {
    let keys = sequence_of_arrays(keys)?;
    let size = keys.iter().map(Array::size).sum();
    let r = maybe_detach(py, size, || sort::lexsort(&keys, axis));
    PyNdArray::wrap(py, r.py()?)
}

fn search(
    py: Python<'_>,
    a: &Array,
    v: &Bound<'_, PyAny>,
    side: &str,
    sorter: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    let right = match side {
        "left" => false,
        "right" => true,
        _ => {
            return Err(PyValueError::new_err(format!(
                "search side must be 'left' or 'right' (got '{side}')"
            )))
        }
    };
    let v = input(v)?;
    let sorter = match sorter {
        Some(s) if !s.is_none() => Some(input(s)?),
        _ => None,
    };
    let r = maybe_detach(py, v.size().saturating_add(a.size()), || {
        sort::searchsorted(a, &v, right, sorter.as_ref())
    });
    PyNdArray::wrap(py, r.py()?)
}

/// Indices where the values ``v`` would be inserted into the sorted ``a`` to keep it in order.
///
/// >>> ap.searchsorted(ap.asarray([1, 3, 5]), ap.asarray([3, 4]), side="right")
/// array([2, 2])
#[pyfunction]
#[pyo3(signature = (a, v, side="left", sorter=None))]
pub fn searchsorted(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    side: &str,
    sorter: Arg<'_, '_>,
) -> PyResult<Py<PyNdArray>> {
    search(py, &input(a)?, v, side, sorter)
}

/// `unique`'s four arrays (values, first indices, inverse or None, counts); `arrpy.unique`
/// picks the ones asked for.
#[pyfunction]
#[pyo3(signature = (ar, axis=None, equal_nan=true, inverse=false))]
pub fn _unique(
    py: Python<'_>,
    ar: &Bound<'_, PyAny>,
    axis: Option<isize>,
    equal_nan: bool,
    inverse: bool,
) -> PyResult<(
    Py<PyNdArray>,
    Py<PyNdArray>,
    Option<Py<PyNdArray>>,
    Py<PyNdArray>,
)> {
    let a = input(ar)?;
    let r = maybe_detach(py, a.size(), || sort::unique(&a, axis, equal_nan, inverse)).py()?;
    Ok((
        PyNdArray::wrap(py, r.values)?,
        PyNdArray::wrap(py, r.index)?,
        r.inverse.map(|i| PyNdArray::wrap(py, i)).transpose()?,
        PyNdArray::wrap(py, r.counts)?,
    ))
}

/// Whether each element of ``element`` is in ``test_elements``.
///
/// >>> ap.isin(ap.asarray([1, 2, 3, 4]), ap.asarray([2, 4]))
/// array([False,  True, False,  True])
#[pyfunction]
#[pyo3(signature = (element, test_elements, assume_unique=false, invert=false, *, kind=None))]
pub fn isin(
    py: Python<'_>,
    element: &Bound<'_, PyAny>,
    test_elements: &Bound<'_, PyAny>,
    assume_unique: bool,
    invert: bool,
    kind: Option<&str>,
) -> PyResult<Py<PyNdArray>> {
    let _ = assume_unique; // membership is exact either way
    let (a, b) = (input(element)?, input(test_elements)?);
    match kind {
        None | Some("sort") => {}
        Some("table") if !a.dtype().is_inexact() && !b.dtype().is_inexact() => {}
        Some("table") => {
            return Err(PyValueError::new_err(
                "The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or None for kind.",
            ))
        }
        Some(k) => {
            return Err(PyValueError::new_err(format!(
                "Invalid kind: '{k}'. Please use None, 'sort' or 'table'."
            )))
        }
    }
    let r = maybe_detach(py, a.size().saturating_add(b.size()), || {
        sort::isin(&a, &b, invert)
    });
    PyNdArray::wrap(py, r.py()?)
}

/// Runs a two-input set operation without the GIL for large inputs.
fn two_sets<R: Send>(
    py: Python<'_>,
    ar1: &Bound<'_, PyAny>,
    ar2: &Bound<'_, PyAny>,
    f: impl FnOnce(&Array, &Array) -> arrpy_core::Result<R> + Send,
) -> PyResult<R> {
    let (a, b) = (input(ar1)?, input(ar2)?);
    maybe_detach(py, a.size().saturating_add(b.size()), || f(&a, &b)).py()
}

/// The sorted unique values found in either array.
///
/// >>> ap.union1d(ap.asarray([3, 1]), ap.asarray([2, 1]))
/// array([1, 2, 3])
#[pyfunction]
pub fn union1d(
    py: Python<'_>,
    ar1: &Bound<'_, PyAny>,
    ar2: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    PyNdArray::wrap(py, two_sets(py, ar1, ar2, sort::union1d)?)
}

/// The sorted unique values of ``ar1`` that are not in ``ar2``.
///
/// >>> ap.setdiff1d(ap.asarray([5, 1, 3, 1]), ap.asarray([3, 4]))
/// array([1, 5])
#[pyfunction]
#[pyo3(signature = (ar1, ar2, assume_unique=false))]
pub fn setdiff1d(
    py: Python<'_>,
    ar1: &Bound<'_, PyAny>,
    ar2: &Bound<'_, PyAny>,
    assume_unique: bool,
) -> PyResult<Py<PyNdArray>> {
    PyNdArray::wrap(
        py,
        two_sets(py, ar1, ar2, |a, b| sort::setdiff1d(a, b, assume_unique))?,
    )
}

/// The sorted unique values found in exactly one of the arrays.
///
/// >>> ap.setxor1d(ap.asarray([1, 2, 3]), ap.asarray([2, 3, 4]))
/// array([1, 4])
#[pyfunction]
#[pyo3(signature = (ar1, ar2, assume_unique=false))]
pub fn setxor1d(
    py: Python<'_>,
    ar1: &Bound<'_, PyAny>,
    ar2: &Bound<'_, PyAny>,
    assume_unique: bool,
) -> PyResult<Py<PyNdArray>> {
    PyNdArray::wrap(
        py,
        two_sets(py, ar1, ar2, |a, b| sort::setxor1d(a, b, assume_unique))?,
    )
}

/// The sorted unique values found in both arrays.
///
/// >>> ap.intersect1d(ap.asarray([1, 3, 4, 3]), ap.asarray([3, 1, 2, 1]))
/// array([1, 3])
#[pyfunction]
#[pyo3(signature = (ar1, ar2, assume_unique=false, return_indices=false))]
pub fn intersect1d(
    py: Python<'_>,
    ar1: &Bound<'_, PyAny>,
    ar2: &Bound<'_, PyAny>,
    assume_unique: bool,
    return_indices: bool,
) -> PyResult<Py<PyAny>> {
    let (values, i1, i2) = two_sets(py, ar1, ar2, |a, b| sort::intersect1d(a, b, assume_unique))?;
    let values = PyNdArray::wrap(py, values)?;
    if !return_indices {
        return Ok(values.into_any());
    }
    let t = (values, PyNdArray::wrap(py, i1)?, PyNdArray::wrap(py, i2)?);
    Ok(t.into_pyobject(py)?.into_any().unbind())
}

#[pymethods]
impl PyNdArray {
    /// Partitions the array in place: the element at ``kth`` in sorted place, smaller ones before
    /// it, larger after.
    ///
    /// >>> a = ap.asarray([30, 10, 20, 40]); a.partition(1)
    /// >>> a[1]
    /// array(20)
    #[pyo3(name = "partition", signature = (kth, axis=-1, kind="introselect", order=None), text_signature = "($self, kth, axis=-1, kind='introselect', order=None)")]
    fn partition_method(
        &self,
        py: Python<'_>,
        kth: &Bound<'_, PyAny>,
        axis: isize,
        kind: &str,
        order: Arg<'_, '_>,
    ) -> PyResult<()> {
        check_select_args(kind, order)?;
        let a = self.inner();
        a.check_writeable().py()?;
        let r = partitioned(py, &a, kth, Some(axis), false)?;
        arrpy_core::ops::cast::assign(&a, &r, arrpy_core::Casting::No).py()
    }

    /// Indices that partition the array around the element at ``kth`` (see ``arrpy.argpartition``).
    ///
    /// >>> ap.asarray([30, 10, 20, 40]).argpartition(1)[1]
    /// array(2)
    #[pyo3(name = "argpartition", signature = (kth, axis=Some(-1), kind="introselect", order=None), text_signature = "($self, kth, axis=-1, kind='introselect', order=None)")]
    fn argpartition_method(
        &self,
        py: Python<'_>,
        kth: &Bound<'_, PyAny>,
        axis: Option<isize>,
        kind: &str,
        order: Arg<'_, '_>,
    ) -> PyResult<Py<PyNdArray>> {
        check_select_args(kind, order)?;
        PyNdArray::wrap(py, partitioned(py, &self.inner(), kth, axis, true)?)
    }

    /// Indices where ``v`` would be inserted to keep the (sorted) array in order.
    ///
    /// >>> ap.asarray([1, 3, 5]).searchsorted(ap.asarray([0, 3, 6]))
    /// array([0, 1, 3])
    #[pyo3(name = "searchsorted", signature = (v, side="left", sorter=None))]
    fn searchsorted_method(
        &self,
        py: Python<'_>,
        v: &Bound<'_, PyAny>,
        side: &str,
        sorter: Arg<'_, '_>,
    ) -> PyResult<Py<PyNdArray>> {
        search(py, &self.inner(), v, side, sorter)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sort_py, m)?)?;
    m.add_function(wrap_pyfunction!(argsort, m)?)?;
    m.add_function(wrap_pyfunction!(partition, m)?)?;
    m.add_function(wrap_pyfunction!(argpartition, m)?)?;
    m.add_function(wrap_pyfunction!(lexsort, m)?)?;
    m.add_function(wrap_pyfunction!(searchsorted, m)?)?;
    m.add_function(wrap_pyfunction!(_unique, m)?)?;
    m.add_function(wrap_pyfunction!(isin, m)?)?;
    m.add_function(wrap_pyfunction!(union1d, m)?)?;
    m.add_function(wrap_pyfunction!(intersect1d, m)?)?;
    m.add_function(wrap_pyfunction!(setdiff1d, m)?)?;
    m.add_function(wrap_pyfunction!(setxor1d, m)?)?;
    Ok(())
}
