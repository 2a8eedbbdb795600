//! Exports from `ndarray`: the buffer protocol, `__array_interface__`, `__array__` and
//! `__dlpack__`/`__dlpack_device__`.

use super::dlpack_abi::KDL_CPU;
use super::dlpack_export::export_dlpack;
use super::typestr;
use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::Array;
use pyo3::exceptions::{PyBufferError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMemoryView, PyTuple};
use std::ffi::{c_char, c_int, CString};

// Buffer protocol OUT, __array_interface__, __array__, __dlpack__ on ndarray
// =============================================================================================

/// What an exported `Py_buffer` points into; boxed in `view.internal` until release.
pub(super) struct ExportInfo {
    _array: Array,
    shape: Vec<ffi::Py_ssize_t>,
    strides: Vec<ffi::Py_ssize_t>,
    format: CString,
}

pub(super) fn wants(flags: c_int, req: c_int) -> bool {
    flags & req == req
}

/// Fills `view` for `array`, exported by `owner`.
///
/// # Safety
/// `view` must be a valid, writable `Py_buffer` pointer supplied by `PyObject_GetBuffer`.
pub(super) unsafe fn fill_buffer(
    view: *mut ffi::Py_buffer,
    flags: c_int,
    array: &Array,
    owner: &Bound<'_, PyAny>,
) -> PyResult<()> {
    if view.is_null() {
        return Err(PyBufferError::new_err("NULL Py_buffer"));
    }
    if wants(flags, ffi::PyBUF_WRITABLE) && array.readonly() {
        return Err(PyBufferError::new_err("buffer source array is read-only"));
    }
    let c_contig = array.is_c_contiguous();
    let f_contig = array.is_f_contiguous();
    if wants(flags, ffi::PyBUF_C_CONTIGUOUS) && !c_contig {
        return Err(PyBufferError::new_err("ndarray is not C-contiguous"));
    }
    if wants(flags, ffi::PyBUF_F_CONTIGUOUS) && !f_contig {
        return Err(PyBufferError::new_err("ndarray is not Fortran contiguous"));
    }
    if wants(flags, ffi::PyBUF_ANY_CONTIGUOUS) && !(c_contig || f_contig) {
        return Err(PyBufferError::new_err("ndarray is not contiguous"));
    }
    if !wants(flags, ffi::PyBUF_STRIDES) && !c_contig {
        return Err(PyBufferError::new_err("ndarray is not C-contiguous"));
    }
    let format = CString::new(array.dtype().buffer_format())
        .map_err(|_| PyBufferError::new_err("bad format"))?;
    let mut info = Box::new(ExportInfo {
        _array: array.clone(),
        shape: array
            .shape()
            .iter()
            .map(|&d| d as ffi::Py_ssize_t)
            .collect(),
        strides: array.strides().to_vec(),
        format,
    });
    let ndim = array.ndim();
    let want_nd = wants(flags, ffi::PyBUF_ND);
    let shape_ptr = if want_nd && ndim > 0 {
        info.shape.as_mut_ptr()
    } else {
        std::ptr::null_mut()
    };
    let strides_ptr = if wants(flags, ffi::PyBUF_STRIDES) && ndim > 0 {
        info.strides.as_mut_ptr()
    } else {
        std::ptr::null_mut()
    };
    let format_ptr: *mut c_char = if wants(flags, ffi::PyBUF_FORMAT) {
        info.format.as_ptr().cast_mut()
    } else {
        std::ptr::null_mut()
    };
    let v = ffi::Py_buffer {
        buf: array.data_ptr().cast(),
        len: array.nbytes() as ffi::Py_ssize_t,
        itemsize: array.itemsize() as ffi::Py_ssize_t,
        readonly: c_int::from(array.readonly()),
        ndim: if want_nd { ndim as c_int } else { 1 },
        format: format_ptr,
        shape: shape_ptr,
        strides: strides_ptr,
        suboffsets: std::ptr::null_mut(),
        // Freed only in `__releasebuffer__`; keeps shape/strides/format and the data alive.
        internal: Box::into_raw(info).cast(),
        // A new strong reference to the exporter, which PyBuffer_Release drops.
        obj: owner.clone().into_ptr(),
    };
    // SAFETY: `view` is a valid writable Py_buffer (caller's contract). The pointers stored in it
    // point into `info`'s heap data (leaked into `internal`), and the data is kept alive by
    // `info._array`, until `__releasebuffer__`.
    unsafe { view.write(v) };
    Ok(())
}

/// Frees what `fill_buffer` stored in `view.internal`.
///
/// # Safety
/// `view` must be a Py_buffer filled by `fill_buffer`, released once.
pub(super) unsafe fn release_buffer(view: *mut ffi::Py_buffer) {
    if view.is_null() {
        return;
    }
    // SAFETY: `view` is a valid Py_buffer (caller's contract), not aliased during this call.
    let view = unsafe { &mut *view };
    let internal = std::mem::replace(&mut view.internal, std::ptr::null_mut());
    if !internal.is_null() {
        // SAFETY: `internal` came from `Box::into_raw` in `fill_buffer` and was just cleared in
        // the view, so it is freed once.
        drop(unsafe { Box::from_raw(internal.cast::<ExportInfo>()) });
    }
}

/// numpy's dtype for an `__array__(dtype=...)` argument: arrpy dtype names go through their
/// name; anything else is passed to `numpy.dtype` as it is.
pub(super) fn numpy_dtype<'py>(
    np: &Bound<'py, PyModule>,
    dtype: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match dtype_from_py(dtype) {
        Ok(d) => np.getattr("dtype")?.call1((d.name(),)),
        Err(_) => np.getattr("dtype")?.call1((dtype,)),
    }
}

#[pymethods]
impl PyNdArray {
    /// Buffer protocol export: any layout (negative strides too); read-only arrays refuse
    /// writable requests.
    unsafe fn __getbuffer__(
        slf: Bound<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        let array = slf
            .try_borrow()
            .map_err(|_| PyBufferError::new_err("array is being modified"))?
            .inner()
            .clone();
        // SAFETY: CPython passes a valid, writable Py_buffer to bf_getbuffer.
        unsafe { fill_buffer(view, flags, &array, slf.as_any()) }
    }

    unsafe fn __releasebuffer__(_slf: Bound<'_, Self>, view: *mut ffi::Py_buffer) {
        // SAFETY: CPython passes the Py_buffer our __getbuffer__ filled, released once.
        unsafe { release_buffer(view) }
    }

    /// NumPy's array interface, version 3.
    #[getter]
    fn __array_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let a = &self.inner();
        let d = PyDict::new(py);
        let ts = typestr(a.dtype());
        d.set_item("version", 3)?;
        d.set_item("shape", PyTuple::new(py, a.shape())?)?;
        d.set_item("typestr", &ts)?;
        d.set_item("descr", vec![("", ts.clone())])?;
        d.set_item("data", (a.data_ptr() as usize, a.readonly()))?;
        if a.is_c_contiguous() {
            d.set_item("strides", py.None())?;
        } else {
            d.set_item("strides", PyTuple::new(py, a.strides())?)?;
        }
        Ok(d)
    }

    /// A NumPy array sharing this array's memory (NumPy 2 `dtype`/`copy` semantics).
    #[pyo3(signature = (dtype=None, copy=None))]
    fn __array__<'py>(
        slf: &Bound<'py, Self>,
        dtype: Option<&Bound<'py, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let np = crate::python_calls::numpy(py)?;
        let mv = PyMemoryView::from(slf.as_any())?;
        let mut arr = np.getattr("asarray")?.call1((mv,))?;
        let mut copied = false;
        if let Some(dt) = dtype.filter(|d| !d.is_none()) {
            let target = numpy_dtype(&np, dt)?;
            if !arr.getattr("dtype")?.eq(&target)? {
                if copy == Some(false) {
                    return Err(PyValueError::new_err(
                        "Unable to avoid copy while creating an array as requested (a dtype cast is needed).",
                    ));
                }
                arr = arr.call_method1("astype", (target,))?;
                copied = true;
            }
        }
        if copy == Some(true) && !copied {
            arr = arr.call_method0("copy")?;
        }
        Ok(arr)
    }

    /// DLPack export (a "dltensor" capsule, or "dltensor_versioned" for max_version >= (1, 0)).
    #[pyo3(signature = (*, stream=None, max_version=None, dl_device=None, copy=None))]
    fn __dlpack__<'py>(
        slf: &Bound<'py, Self>,
        stream: Option<&Bound<'py, PyAny>>,
        max_version: Option<&Bound<'py, PyAny>>,
        dl_device: Option<&Bound<'py, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        if stream.is_some_and(|s| !s.is_none()) {
            return Err(PyRuntimeError::new_err("arrpy only supports stream=None."));
        }
        if let Some(dev) = dl_device.filter(|d| !d.is_none()) {
            let (t, id): (i64, i64) = dev.extract().map_err(|_| {
                PyValueError::new_err("dl_device must be a (device_type, device_id) tuple")
            })?;
            if t != KDL_CPU as i64 || id != 0 {
                return Err(PyBufferError::new_err(format!(
                    "unsupported device ({t}, {id}); arrpy exports CPU arrays only"
                )));
            }
        }
        let versioned = match max_version.filter(|v| !v.is_none()) {
            Some(v) => {
                let (major, _minor): (i64, i64) = v.extract().map_err(|_| {
                    PyTypeError::new_err("max_version must be None or a (major, minor) tuple")
                })?;
                major >= 1
            }
            None => false,
        };
        let mut array = slf.borrow().inner().clone();
        let copied = copy == Some(true);
        if copied {
            array = py.detach(|| array.copy()).py()?;
        }
        if array.readonly() && !versioned {
            return Err(PyBufferError::new_err(
                "Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).",
            ));
        }
        export_dlpack(py, array, versioned, copied)
    }

    fn __dlpack_device__(&self) -> (i32, i32) {
        (KDL_CPU, 0)
    }

    /// (address of the first element, number of elements) of a C-contiguous array.
    ///
    /// >>> ap.zeros((2, 3)).get_buffer_info()[1]
    /// 6
    fn get_buffer_info(&self) -> PyResult<(usize, usize)> {
        if !self.inner().is_c_contiguous() {
            return Err(PyValueError::new_err(
                "get_buffer_info requires a C-contiguous array",
            ));
        }
        Ok((self.inner().data_ptr() as usize, self.inner().size()))
    }

    /// `memoryview(self)`.
    ///
    /// >>> ap.asarray([1, 2], dtype=ap.int32).to_memoryview().tolist()
    /// [1, 2]
    fn to_memoryview<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyMemoryView>> {
        PyMemoryView::from(slf.as_any())
    }
}

// =============================================================================================
