//! The `arrpy.ndarray` class: attributes, conversions and shape methods. Operators live in
//! `operators.rs`, indexing in `indexing.rs`, interop (buffer protocol, DLPack) in `interop.rs`.

use crate::convert::{scalar_to_py, to_list};
use crate::dtype::{canonical, dtype_from_py, PyDType};
use crate::errors::IntoPyResult;
use arrpy_core::{Array, DType, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use std::sync::Mutex;

/// An arrpy array as a Python object. Frozen: PyO3 keeps no borrow flag, so no call can fail
/// with "Already borrowed". The array sits behind a lock that is held only to copy its handle
/// (a buffer reference, shape and strides) or swap it: an operation computes on the handle it
/// took, GIL released, while another thread may set `a.shape`; each sees a whole array.
///
/// >>> a = ap.asarray([[1, 2], [3, 4]], dtype=ap.int8)
/// >>> a.shape, a.dtype, a.strides
/// ((2, 2), dtype('int8'), (2, 1))
/// >>> a.T @ a
/// array([[10, 14],
///        [14, 20]], dtype=int8)
#[pyclass(name = "ndarray", module = "arrpy", weakref, frozen)]
pub struct PyNdArray {
    array: Mutex<Array>,
    /// The object whose memory this array views (an arrpy array or a foreign exporter), if any.
    pub base: Option<Py<PyAny>>,
}

impl PyNdArray {
    pub fn new(array: Array, base: Option<Py<PyAny>>) -> PyNdArray {
        PyNdArray {
            array: Mutex::new(array),
            base,
        }
    }

    /// The array's handle (shared memory, own shape and strides): cheap to take.
    #[inline]
    pub fn inner(&self) -> Array {
        self.lock().clone()
    }

    /// `f` of the array itself, not a clone of its handle (for buffer reference counts).
    pub fn with_array<R>(&self, f: impl FnOnce(&Array) -> R) -> R {
        f(&self.lock())
    }

    /// Replaces the array's handle (`a.shape = ...`, `setflags`): the memory is the same.
    pub fn replace(&self, update: impl FnOnce(&Array) -> PyResult<Array>) -> PyResult<()> {
        let mut guard = self.lock();
        *guard = update(&guard)?;
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Array> {
        // Nothing panics while the lock is held, but a poisoned lock still holds a whole array.
        self.array
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A new Python array owning its data.
    pub fn wrap(py: Python<'_>, inner: Array) -> PyResult<Py<PyNdArray>> {
        Py::new(py, PyNdArray::new(inner, None))
    }

    /// A new Python array viewing `self`'s memory; its base is the owner (as NumPy collapses it).
    pub fn wrap_view(slf: &Bound<'_, PyNdArray>, inner: Array) -> PyResult<Py<PyNdArray>> {
        let base = match &slf.get().base {
            Some(b) => b.clone_ref(slf.py()),
            None => slf.clone().into_any().unbind(),
        };
        Py::new(slf.py(), PyNdArray::new(inner, Some(base)))
    }
}

/// Reads a shape argument: an int or a sequence of ints.
pub fn shape_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(n) = obj.extract::<isize>() {
        return Ok(vec![n]);
    }
    let seq: Vec<Bound<'_, PyAny>> = obj
        .try_iter()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a sequence of integers or a single integer, got '{}'",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?
        .collect::<PyResult<_>>()?;
    seq.iter()
        .map(|x| {
            x.extract::<isize>()
                .map_err(|_| PyTypeError::new_err("'shape' must contain integers"))
        })
        .collect()
}

/// Shape from an argument, rejecting negatives.
pub fn dims_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    shape_arg(obj)?
        .into_iter()
        .map(|d| {
            usize::try_from(d).map_err(|_| {
                PyValueError::new_err(format!("negative dimensions are not allowed, got {d}"))
            })
        })
        .collect()
}

/// Reads `axis=`: None, an int or a tuple of ints.
pub fn axis_arg(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match axis {
        None => Ok(None),
        Some(a) if a.is_none() => Ok(None),
        Some(a) => {
            if let Ok(i) = a.extract::<isize>() {
                return Ok(Some(vec![i]));
            }
            if let Ok(t) = a.cast::<PyTuple>() {
                return Ok(Some(
                    t.iter()
                        .map(|x| x.extract::<isize>())
                        .collect::<PyResult<_>>()?,
                ));
            }
            Err(PyTypeError::new_err(format!(
                "'axis' must be None, an integer or a tuple of integers, got {}",
                a.repr()?
            )))
        }
    }
}

pub fn optional_dtype(dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match dtype {
        Some(d) if !d.is_none() => Ok(Some(dtype_from_py(d)?)),
        _ => Ok(None),
    }
}

#[pymethods]
impl PyNdArray {
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner().shape())
    }

    #[setter(shape)]
    fn set_shape(&self, shape: &Bound<'_, PyAny>) -> PyResult<()> {
        let s = shape_arg(shape)?;
        // NumPy raises AttributeError when the new shape needs a copy.
        self.replace(|a| {
            a.reshape_view(&s).map_err(|_| {
                pyo3::exceptions::PyAttributeError::new_err(
                    "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
                )
            })
        })
    }

    #[getter]
    fn ndim(&self) -> usize {
        self.inner().ndim()
    }

    #[getter]
    fn size(&self) -> usize {
        self.inner().size()
    }

    #[getter]
    fn dtype(&self, py: Python<'_>) -> PyResult<Py<PyDType>> {
        canonical(py, self.inner().dtype())
    }

    #[getter]
    fn itemsize(&self) -> usize {
        self.inner().itemsize()
    }

    #[getter]
    fn nbytes(&self) -> usize {
        self.inner().nbytes()
    }

    #[getter]
    fn strides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner().strides())
    }

    #[getter(T)]
    fn transpose_property(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        let t = slf.borrow().inner().transpose(None).py()?;
        PyNdArray::wrap_view(slf, t)
    }

    #[getter(mT)]
    fn matrix_transpose(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        let t = slf.borrow().inner().matrix_transpose().py()?;
        PyNdArray::wrap_view(slf, t)
    }

    #[getter]
    fn device(&self) -> &'static str {
        "cpu"
    }

    #[getter]
    fn base(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.base.as_ref().map(|b| b.clone_ref(py))
    }

    /// NumPy-style flags: a dict-like object with C_CONTIGUOUS, F_CONTIGUOUS, WRITEABLE, OWNDATA.
    #[getter]
    fn flags(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let d = PyDict::new(py);
        d.set_item("C_CONTIGUOUS", self.inner().is_c_contiguous())?;
        d.set_item("F_CONTIGUOUS", self.inner().is_f_contiguous())?;
        d.set_item("WRITEABLE", !self.inner().readonly())?;
        d.set_item("OWNDATA", self.base.is_none())?;
        crate::python_calls::flags(py, d)
    }

    /// Makes the array read-only (`a.setflags(write=False)`), or writeable again if its memory is.
    ///
    /// >>> a = ap.zeros(2); a.setflags(write=False)
    /// >>> a.flags.writeable
    /// False
    #[pyo3(signature = (write=None))]
    fn setflags(&self, write: Option<bool>) -> PyResult<()> {
        match write {
            Some(w) => self.replace(|a| {
                let mut a = a.clone();
                a.set_readonly(!w).py()?;
                Ok(a)
            }),
            None => Ok(()),
        }
    }

    /// `ndarray.resize`'s last step (python/arrpy/_array_methods.py): `self` becomes `fresh`,
    /// a new array holding the resized contents, when `self` owns memory no other array,
    /// export or view references. Refused otherwise, so no view is left on dropped memory
    /// and no other array sees its memory change size. The check and the swap happen under
    /// `self`'s lock: no view can be taken between them.
    fn _become(&self, fresh: &Bound<'_, PyNdArray>) -> PyResult<()> {
        let fresh_array = fresh.get().inner();
        if self.base.is_some() {
            return Err(PyValueError::new_err(
                "cannot resize this array: it does not own its data",
            ));
        }
        self.replace(|a| {
            let sole_owner =
                std::sync::Arc::strong_count(a.buffer()) == 1 && a.buffer().is_owned();
            if !sole_owner {
                return Err(PyValueError::new_err(
                    "cannot resize an array that references or is referenced\nby another object in this way.\nUse the resize function to get a new resized copy",
                ));
            }
            Ok(fresh_array)
        })
    }

    /// Cast to `dtype`; `casting` as NumPy's (default 'unsafe'); `copy=False` returns `self`
    /// when no cast is needed.
    ///
    /// >>> ap.asarray([1.5, 2.5]).astype("int64")
    /// array([1, 2])
    #[pyo3(signature = (dtype, casting="unsafe", copy=true))]
    fn astype(
        slf: &Bound<'_, Self>,
        dtype: &Bound<'_, PyAny>,
        casting: &str,
        copy: bool,
    ) -> PyResult<Py<PyNdArray>> {
        let py = slf.py();
        let target = dtype_from_py(dtype)?;
        let me = slf.borrow();
        let rule = arrpy_core::Casting::from_name(casting).py()?;
        if !arrpy_core::can_cast(me.inner().dtype(), target, rule) {
            return Err(PyTypeError::new_err(format!(
                "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{casting}'",
                me.inner().dtype().name(),
                target.name()
            )));
        }
        if !copy && target == me.inner().dtype() {
            return Ok(slf.clone().unbind());
        }
        let src = me.inner().clone();
        drop(me);
        let out = crate::fp_errors::checked(py, false, || {
            py.detach(|| arrpy_core::ops::cast::astype(&src, target))
                .py()
        })?;
        PyNdArray::wrap(py, out)
    }

    /// A view with axes permuted (reversed by default).
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).transpose()
    /// array([[1, 3],
    ///        [2, 4]])
    #[pyo3(signature = (*axes))]
    fn transpose(slf: &Bound<'_, Self>, axes: &Bound<'_, PyTuple>) -> PyResult<Py<PyNdArray>> {
        let axes: Option<Vec<isize>> = match axes.len() {
            0 => None,
            1 if axes.get_item(0)?.is_none() => None,
            1 if axes.get_item(0)?.extract::<isize>().is_err() => {
                Some(shape_arg(&axes.get_item(0)?)?)
            }
            _ => Some(shape_arg(axes.as_any())?),
        };
        let t = slf.borrow().inner().transpose(axes.as_deref()).py()?;
        PyNdArray::wrap_view(slf, t)
    }

    /// A view without the given (or all) length-1 axes.
    ///
    /// >>> ap.zeros((1, 2, 1)).squeeze().shape
    /// (2,)
    #[pyo3(signature = (axis=None))]
    fn squeeze(slf: &Bound<'_, Self>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyNdArray>> {
        let me = slf.borrow();
        let axes = axis_arg(axis)?
            .map(|v| {
                v.iter()
                    .map(|&a| arrpy_core::error::normalize_axis(a, me.inner().ndim()))
                    .collect::<arrpy_core::Result<Vec<_>>>()
            })
            .transpose()
            .py()?;
        let s = me.inner().squeeze(axes.as_deref()).py()?;
        drop(me);
        PyNdArray::wrap_view(slf, s)
    }

    /// The elements as (nested) Python lists of Python scalars.
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).tolist()
    /// [[1, 2], [3, 4]]
    fn tolist(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_list(py, &self.inner())
    }

    /// The element at the given index (the only one without arguments) as a Python scalar.
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).item(1, 0), ap.asarray([2.5]).item()
    /// (3, 2.5)
    #[pyo3(signature = (*args))]
    fn item(&self, py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        crate::convert::item(py, &self.inner(), args)
    }

    /// Sets every element to ``value``.
    ///
    /// >>> a = ap.zeros(3); a.fill(2.5)
    /// >>> a
    /// array([2.5, 2.5, 2.5])
    fn fill(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let s = crate::convert::scalar_from_py(value)?.ok_or_else(|| {
            PyTypeError::new_err(format!(
                "fill value must be a number, got {}",
                value.repr().map(|r| r.to_string()).unwrap_or_default()
            ))
        })?;
        crate::convert::check_assignable(s, self.inner().dtype())?;
        self.inner().fill(s).py()
    }

    fn __len__(&self) -> PyResult<usize> {
        match self.inner().shape().first() {
            Some(&n) => Ok(n),
            None => Err(PyTypeError::new_err("len() of unsized object")),
        }
    }

    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        if slf.borrow().inner().ndim() == 0 {
            return Err(PyTypeError::new_err("iteration over a 0-d array"));
        }
        let iter = RowIter {
            array: slf.clone().unbind(),
            rows: slf.borrow().inner(),
            next: Mutex::new(0),
        };
        Ok(Py::new(slf.py(), iter)?.into_any())
    }

    fn __bool__(&self) -> PyResult<bool> {
        match self.inner().size() {
            1 => Ok(match self.inner().item().py()? {
                Scalar::Bool(b) => b,
                s => s.as_complex() != num_complex::Complex64::new(0.0, 0.0),
            }),
            0 => Err(PyValueError::new_err("The truth value of an empty array is ambiguous. Use a.size > 0 to check that an array is not empty.")),
            _ => Err(PyValueError::new_err(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            )),
        }
    }

    fn __int__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.scalar_conversion(py, "int")
    }

    fn __float__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.scalar_conversion(py, "float")
    }

    fn __complex__(&self) -> PyResult<num_complex::Complex64> {
        Ok(self.only_element()?.as_complex())
    }

    /// Only 0-d integer arrays can stand for an index (not bool, as NumPy 2).
    fn __index__(&self) -> PyResult<Py<PyAny>> {
        if !self.inner().dtype().is_integer() || self.inner().ndim() != 0 {
            return Err(PyTypeError::new_err(
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        Python::attach(|py| scalar_to_py(py, self.inner().item().py()?))
    }

    #[pyo3(signature = (*, api_version=None))]
    fn __array_namespace__(
        &self,
        py: Python<'_>,
        api_version: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        if let Some(v) = api_version {
            if !["2021.12", "2022.12", "2023.12"].contains(&v) {
                return Err(PyValueError::new_err(format!(
                    "Unrecognized array API version: '{v}'"
                )));
            }
        }
        crate::python_calls::arrpy_namespace(py)
    }

    /// The array on ``device`` (only "cpu" exists: the array itself).
    ///
    /// >>> ap.asarray([1, 2]).to_device("cpu")
    /// array([1, 2])
    fn to_device(slf: &Bound<'_, Self>, device: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
        let d: String = device.str()?.to_string();
        if d != "cpu" {
            return Err(PyValueError::new_err(format!(
                "unsupported device {d}; arrpy arrays live on 'cpu'"
            )));
        }
        Ok(slf.clone().unbind())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.format(py, "array_repr")
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        self.format(py, "array_str")
    }
}

impl PyNdArray {
    fn only_element(&self) -> PyResult<Scalar> {
        if self.inner().size() != 1 {
            return Err(PyTypeError::new_err(
                "only length-1 arrays can be converted to Python scalars",
            ));
        }
        self.inner().item().py()
    }

    fn scalar_conversion(&self, py: Python<'_>, kind: &str) -> PyResult<Py<PyAny>> {
        let s = self.only_element()?;
        let value = scalar_to_py(py, s)?;
        if let Scalar::Complex(_) = s {
            return Err(PyTypeError::new_err(format!(
                "can't convert complex to {kind}"
            )));
        }
        let convert = crate::python_calls::builtin_type(py, kind)
            .ok_or_else(|| PyTypeError::new_err(format!("no conversion to {kind}")))?;
        Ok(convert.call1((value,))?.unbind())
    }

    fn format(&self, py: Python<'_>, func: &str) -> PyResult<String> {
        crate::convert::format_array(py, &self.inner(), func)
    }
}

/// `iter(a)`: the views `a[0]`, `a[1]`, … made one at a time (a broadcast view may have 2**40
/// rows), over the layout `a` had when iteration began.
#[pyclass(module = "arrpy", frozen)]
pub struct RowIter {
    array: Py<PyNdArray>,
    rows: Array,
    next: Mutex<usize>,
}

#[pymethods]
impl RowIter {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyNdArray>>> {
        let i = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            if *next >= self.rows.shape()[0] {
                return Ok(None);
            }
            *next += 1;
            *next - 1
        };
        let row = self.rows.index_axis(0, i as isize).py()?;
        PyNdArray::wrap_view(self.array.bind(py), row).map(Some)
    }
}
