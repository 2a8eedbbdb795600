//! Buffer protocol in: arrays viewing the memory of any exporter (`asarray(memoryview)`,
//! NumPy arrays, `array.array`, bytes) and `frombuffer`.

use super::{c_strides, foreign_view};
use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::{Array, DType};
use pyo3::exceptions::{PyBufferError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::ffi::{c_int, CStr};

/// A `Py_buffer` obtained with `PyObject_GetBuffer`, released when dropped. Boxed: some
/// exporters point `shape`/`strides` into the `Py_buffer` itself, so it must not move.
pub(super) struct HeldBuffer {
    view: Box<ffi::Py_buffer>,
}

// SAFETY: the raw pointers inside the Py_buffer are only read while the GIL is held (right after
// `PyObject_GetBuffer`) and released in `Drop` after attaching to the interpreter.
unsafe impl Send for HeldBuffer {}
// SAFETY: shared references give no access to the Py_buffer beyond reads made with the GIL held.
unsafe impl Sync for HeldBuffer {}

impl HeldBuffer {
    /// `PyObject_GetBuffer(obj, flags)`; the Python error if the exporter refuses.
    fn get(obj: &Bound<'_, PyAny>, flags: c_int) -> PyResult<HeldBuffer> {
        let mut view = Box::new(ffi::Py_buffer::new());
        // SAFETY: `obj` is a live object (we hold a reference and the GIL), and `view` points to a
        // zeroed `Py_buffer` at a stable heap address that outlives the export (released in Drop).
        let rc = unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), &mut *view, flags) };
        if rc != 0 {
            return Err(PyErr::take(obj.py())
                .unwrap_or_else(|| PyBufferError::new_err("PyObject_GetBuffer failed")));
        }
        Ok(HeldBuffer { view })
    }
}

impl Drop for HeldBuffer {
    fn drop(&mut self) {
        let view: *mut ffi::Py_buffer = &mut *self.view;
        // If the interpreter is gone (shutdown), leaking the export is the only safe choice.
        let _ = Python::try_attach(|_py| {
            // SAFETY: the view was filled by a successful `PyObject_GetBuffer` and is released
            // exactly once, here, with the interpreter attached.
            unsafe { ffi::PyBuffer_Release(view) }
        });
    }
}

/// Whether `obj`'s type implements the buffer protocol.
pub(super) fn supports_buffer(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: `obj` is a live object and the GIL is held; the call only inspects its type.
    unsafe { ffi::PyObject_CheckBuffer(obj.as_ptr()) == 1 }
}

/// Reads `n` `Py_ssize_t` values.
///
/// # Safety
/// `ptr` must point to `n` readable values when `n > 0`.
pub(super) unsafe fn read_ssize(ptr: *const ffi::Py_ssize_t, n: usize) -> Vec<isize> {
    if n == 0 || ptr.is_null() {
        return Vec::new();
    }
    // SAFETY: the caller guarantees `n` readable values at `ptr`.
    unsafe { std::slice::from_raw_parts(ptr, n) }.to_vec()
}

/// The format string of a filled `Py_buffer` (NULL means unsigned bytes).
pub(super) fn buffer_format(view: &ffi::Py_buffer) -> PyResult<String> {
    if view.format.is_null() {
        return Ok("B".to_string());
    }
    // SAFETY: a non-NULL `format` of a filled Py_buffer is a NUL-terminated string that lives
    // until the buffer is released; we copy it out right away.
    let f = unsafe { CStr::from_ptr(view.format) };
    f.to_str()
        .map(str::to_string)
        .map_err(|_| PyTypeError::new_err("buffer format is not valid UTF-8"))
}

/// dtype, shape and byte strides of a buffer obtained with `PyBUF_RECORDS_RO`.
pub(super) fn describe_buffer(view: &ffi::Py_buffer) -> PyResult<(DType, Vec<usize>, Vec<isize>)> {
    let format = buffer_format(view)?;
    let mut dtype = DType::from_buffer_format(&format).py()?;
    let itemsize = usize::try_from(view.itemsize).unwrap_or(0);
    if itemsize != dtype.itemsize() {
        // 'l'/'L' are C longs: 4 bytes on some platforms.
        let bare = format.trim_start_matches(['@', '=', '<']);
        dtype = match (bare, itemsize) {
            ("l", 4) => DType::Int32,
            ("L", 4) => DType::UInt32,
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "buffer format '{format}' has itemsize {} but {} has {}",
                    view.itemsize,
                    dtype.name(),
                    dtype.itemsize()
                )))
            }
        };
    }
    let ndim = usize::try_from(view.ndim)
        .ok()
        .filter(|&n| n <= 64)
        .ok_or_else(|| PyValueError::new_err(format!("buffer has invalid ndim {}", view.ndim)))?;
    let shape: Vec<usize> = if ndim > 0 && view.shape.is_null() {
        // No shape: a 1-d run of bytes of length `len`.
        vec![usize::try_from(view.len).unwrap_or(0) / itemsize.max(1)]
    } else {
        // SAFETY: a filled Py_buffer with non-NULL shape has `ndim` entries there.
        unsafe { read_ssize(view.shape, ndim) }
            .into_iter()
            .map(|d| {
                usize::try_from(d)
                    .map_err(|_| PyValueError::new_err("buffer has a negative dimension"))
            })
            .collect::<PyResult<_>>()?
    };
    if !view.suboffsets.is_null() {
        // SAFETY: a non-NULL suboffsets array has `ndim` entries.
        let sub = unsafe { read_ssize(view.suboffsets, shape.len()) };
        if sub.iter().any(|&s| s >= 0) {
            return Err(PyTypeError::new_err(
                "buffers with suboffsets (indirect arrays) are not supported",
            ));
        }
    }
    let strides = if view.strides.is_null() || shape.len() != ndim {
        c_strides(&shape, itemsize).ok_or_else(|| PyValueError::new_err("buffer is too large"))?
    } else {
        // SAFETY: a filled Py_buffer with non-NULL strides has `ndim` entries there.
        unsafe { read_ssize(view.strides, ndim) }
    };
    Ok((dtype, shape, strides))
}

/// An array viewing the memory of a buffer-protocol exporter, if `obj` is one.
pub fn array_from_buffer(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    if obj.is_instance_of::<PyString>() || !supports_buffer(obj) {
        return Ok(None);
    }
    let held = HeldBuffer::get(obj, ffi::PyBUF_RECORDS_RO)?;
    let (dtype, shape, strides) = describe_buffer(&held.view)?;
    let first = held.view.buf.cast::<u8>();
    let readonly = held.view.readonly != 0;
    // SAFETY: the exporter guarantees every element its shape/strides address from `buf` is
    // valid (and writable unless readonly) until the Py_buffer is released, which happens only
    // when `held` (the owner) is dropped.
    let a = unsafe { foreign_view(first, dtype, &shape, &strides, readonly, Box::new(held)) }?;
    Ok(Some(a))
}

/// A 1-d view of a buffer exporter's bytes reinterpreted as `dtype` (NumPy's `frombuffer`).
///
/// >>> ap.frombuffer(b"\x01\x00\x02\x00", dtype=ap.int16)
/// array([1, 2], dtype=int16)
#[pyfunction]
#[pyo3(signature = (buffer, dtype=None, count=-1, offset=0), text_signature = "(buffer, dtype=None, count=-1, offset=0)")]
pub(crate) fn frombuffer(
    py: Python<'_>,
    buffer: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    count: i64,
    offset: i64,
) -> PyResult<Py<PyNdArray>> {
    let dtype = match dtype.filter(|d| !d.is_none()) {
        Some(d) => dtype_from_py(d)?,
        None => DType::Float64,
    };
    if buffer.is_instance_of::<PyString>() || !supports_buffer(buffer) {
        return Err(PyTypeError::new_err(format!(
            "a bytes-like object is required, not '{}'",
            buffer.get_type().name()?
        )));
    }
    let held = HeldBuffer::get(buffer, ffi::PyBUF_SIMPLE)?;
    let total = held.view.len.max(0) as i64;
    if offset < 0 || offset > total {
        return Err(PyValueError::new_err(format!(
            "offset must be non-negative and no greater than buffer length ({total})"
        )));
    }
    let itemsize = dtype.itemsize() as i64;
    let avail = total - offset;
    let n = if count < 0 {
        if avail % itemsize != 0 {
            return Err(PyValueError::new_err(
                "buffer size must be a multiple of element size",
            ));
        }
        avail / itemsize
    } else {
        if count.checked_mul(itemsize).is_none_or(|need| avail < need) {
            return Err(PyValueError::new_err(
                "buffer is smaller than requested size",
            ));
        }
        count
    };
    let first = held.view.buf.cast::<u8>().wrapping_add(offset as usize);
    let readonly = held.view.readonly != 0;
    // SAFETY: the exporter guarantees `len` contiguous bytes at `buf` (writable unless readonly)
    // until the Py_buffer is released, which happens only when `held` (the owner) is dropped; the
    // `n` elements from `buf + offset` lie inside them (checked above).
    let a = unsafe {
        foreign_view(
            first,
            dtype,
            &[n as usize],
            &[itemsize as isize],
            readonly,
            Box::new(held),
        )
    }?;
    Py::new(py, PyNdArray::new(a, Some(buffer.clone().unbind())))
}
