//! Zero-copy interop: the buffer protocol in and out, `__array_interface__`, DLPack.
//!
//! Every foreign memory region is wrapped in an `arrpy_core::Buffer` whose owner keeps the
//! exporter alive (a held `Py_buffer`, a reference to the exporting object, or a DLPack managed
//! tensor whose deleter runs on drop). Every exported region is backed by a clone of the `Array`
//! (hence of its `Arc<Buffer>`), so it stays valid however long the consumer keeps it.
//!
//! Every `unsafe` block sits in a small function of its own with a `// SAFETY:` comment.

use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::buffer::{Buffer, ForeignOwner};
use arrpy_core::{Array, DType};
use pyo3::exceptions::{PyBufferError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMemoryView, PyString, PyTuple};
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::Arc;

// =============================================================================================
// Layout helpers
// =============================================================================================

/// The bytes a strided layout touches, relative to element [0, 0, …]: `(lo, len)` where `lo <= 0`
/// is the lowest byte offset and `len` the length of the span. Empty arrays touch nothing.
/// None when the arithmetic overflows.
fn byte_span(shape: &[usize], strides: &[isize], itemsize: usize) -> Option<(isize, usize)> {
    if shape.contains(&0) {
        return Some((0, 0));
    }
    let (mut lo, mut hi) = (0i128, 0i128);
    for (&d, &s) in shape.iter().zip(strides) {
        let span = (d as i128 - 1).checked_mul(s as i128)?;
        if span < 0 {
            lo += span;
        } else {
            hi += span;
        }
    }
    let len = hi - lo + itemsize as i128;
    let lo = isize::try_from(lo).ok()?;
    let len = usize::try_from(len)
        .ok()
        .filter(|&l| l <= isize::MAX as usize)?;
    Some((lo, len))
}

/// C-order strides in bytes.
fn c_strides(shape: &[usize], itemsize: usize) -> Option<Vec<isize>> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = itemsize as isize;
    for (s, &d) in strides.iter_mut().zip(shape).rev() {
        *s = acc;
        acc = acc.checked_mul(d.max(1) as isize)?;
    }
    Some(strides)
}

/// An array viewing foreign memory whose element [0, 0, …] is at `first`, kept alive by `owner`.
///
/// # Safety
/// Every element addressed by `first + Σ i_k * strides[k]` (0 <= i_k < shape[k]) must be valid
/// memory (writable unless `readonly`) for as long as `owner` lives.
unsafe fn foreign_view(
    first: *mut u8,
    dtype: DType,
    shape: &[usize],
    strides: &[isize],
    readonly: bool,
    owner: Box<dyn ForeignOwner>,
) -> PyResult<Array> {
    if shape.len() != strides.len() {
        return Err(PyValueError::new_err("shape and strides differ in length"));
    }
    let (lo, len) = byte_span(shape, strides, dtype.itemsize())
        .ok_or_else(|| PyValueError::new_err("array layout is too large for the address space"))?;
    if len > 0 && first.is_null() {
        return Err(PyValueError::new_err("cannot view a NULL data pointer"));
    }
    // Nothing here reads the memory: bool elements may hold any byte (`BoolByte` reads nonzero as
    // true), so importing costs the same for any size and never touches a bogus pointer.
    let start = first.wrapping_offset(lo);
    // SAFETY: `start..start+len` is exactly the span of the elements the caller vouches for, and
    // `owner` (moved into the buffer) keeps it valid while the buffer lives.
    let buffer = unsafe { Buffer::foreign(start, len, readonly, owner) };
    Array::from_buffer(Arc::new(buffer), dtype, shape, strides, lo.unsigned_abs()).py()
}

/// NumPy's type string of a dtype: '<f8', '|b1', '|u1', '<c16'.
fn typestr(dtype: DType) -> String {
    let order = if dtype.itemsize() == 1 {
        '|'
    } else if cfg!(target_endian = "little") {
        '<'
    } else {
        '>'
    };
    format!("{order}{}{}", dtype.kind_char(), dtype.itemsize())
}

/// Reads an `__array_interface__` type string (native byte order only).
fn dtype_from_typestr(s: &str) -> PyResult<DType> {
    let unsupported =
        || PyTypeError::new_err(format!("unsupported __array_interface__ typestr '{s}'"));
    let mut chars = s.chars();
    let order = chars.next().ok_or_else(unsupported)?;
    let kind = chars.next().ok_or_else(unsupported)?;
    let size: usize = chars.as_str().parse().map_err(|_| unsupported())?;
    let native = if cfg!(target_endian = "little") {
        '<'
    } else {
        '>'
    };
    if !(order == '|' || order == '=' || order == native || size == 1) {
        return Err(PyTypeError::new_err(format!(
            "non-native byte order in typestr '{s}' is not supported"
        )));
    }
    let dtype = match (kind, size) {
        ('b', 1) => DType::Bool,
        ('i', 1) => DType::Int8,
        ('i', 2) => DType::Int16,
        ('i', 4) => DType::Int32,
        ('i', 8) => DType::Int64,
        ('u', 1) => DType::UInt8,
        ('u', 2) => DType::UInt16,
        ('u', 4) => DType::UInt32,
        ('u', 8) => DType::UInt64,
        ('f', 4) => DType::Float32,
        ('f', 8) => DType::Float64,
        ('c', 8) => DType::Complex64,
        ('c', 16) => DType::Complex128,
        _ => return Err(unsupported()),
    };
    Ok(dtype)
}

// =============================================================================================
// Buffer protocol IN
// =============================================================================================

/// A `Py_buffer` obtained with `PyObject_GetBuffer`, released when dropped. Boxed: some
/// exporters point `shape`/`strides` into the `Py_buffer` itself, so it must not move.
struct HeldBuffer {
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
fn supports_buffer(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: `obj` is a live object and the GIL is held; the call only inspects its type.
    unsafe { ffi::PyObject_CheckBuffer(obj.as_ptr()) == 1 }
}

/// Reads `n` `Py_ssize_t` values.
///
/// # Safety
/// `ptr` must point to `n` readable values when `n > 0`.
unsafe fn read_ssize(ptr: *const ffi::Py_ssize_t, n: usize) -> Vec<isize> {
    if n == 0 || ptr.is_null() {
        return Vec::new();
    }
    // SAFETY: the caller guarantees `n` readable values at `ptr`.
    unsafe { std::slice::from_raw_parts(ptr, n) }.to_vec()
}

/// The format string of a filled `Py_buffer` (NULL means unsigned bytes).
fn buffer_format(view: &ffi::Py_buffer) -> PyResult<String> {
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
fn describe_buffer(view: &ffi::Py_buffer) -> PyResult<(DType, Vec<usize>, Vec<isize>)> {
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

// =============================================================================================
// __array_interface__ and __dlpack__ IN
// =============================================================================================

/// Keeps a Python object alive (the exporter of an `__array_interface__`).
struct KeepAlive(#[allow(dead_code)] Py<PyAny>);

/// An attribute, or None when `obj` lacks it (other errors propagate).
fn attr_opt<'py>(obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    match obj.getattr(name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(obj.py()) => Ok(None),
        Err(e) => Err(e),
    }
}

fn array_from_interface(obj: &Bound<'_, PyAny>, iface: &Bound<'_, PyAny>) -> PyResult<Array> {
    let d = iface
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err("__array_interface__ must be a dict"))?;
    let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        Ok(d.get_item(k)?.filter(|v| !v.is_none()))
    };
    if let Some(v) = get("version")? {
        let v: i64 = v.extract()?;
        if v != 3 {
            return Err(PyValueError::new_err(format!(
                "unsupported __array_interface__ version {v}"
            )));
        }
    }
    if get("mask")?.is_some() {
        return Err(PyTypeError::new_err(
            "masked __array_interface__ exports are not supported",
        ));
    }
    let typestr: String = get("typestr")?
        .ok_or_else(|| PyValueError::new_err("__array_interface__ has no 'typestr'"))?
        .extract()?;
    let dtype = dtype_from_typestr(&typestr)?;
    let shape: Vec<usize> = get("shape")?
        .ok_or_else(|| PyValueError::new_err("__array_interface__ has no 'shape'"))?
        .extract()?;
    let data = get("data")?.ok_or_else(|| {
        PyTypeError::new_err(
            "__array_interface__ without a data pointer (data=None) is not supported",
        )
    })?;
    let (address, readonly): (usize, bool) = data.extract().map_err(|_| {
        PyTypeError::new_err("__array_interface__ 'data' must be an (address, readonly) tuple")
    })?;
    let strides: Vec<isize> = match get("strides")? {
        Some(s) => s.extract()?,
        None => c_strides(&shape, dtype.itemsize())
            .ok_or_else(|| PyValueError::new_err("array is too large"))?,
    };
    if strides.len() != shape.len() {
        return Err(PyValueError::new_err(
            "__array_interface__ 'strides' and 'shape' differ in length",
        ));
    }
    let owner = KeepAlive(obj.clone().unbind());
    // SAFETY: the `__array_interface__` protocol promises that `address` points at element
    // [0, 0, …] of memory laid out by shape/strides, valid while the exporting object lives;
    // the owner holds a strong reference to it.
    unsafe {
        foreign_view(
            address as *mut u8,
            dtype,
            &shape,
            &strides,
            readonly,
            Box::new(owner),
        )
    }
}

/// An array viewing an object that exports `__array_interface__` or `__dlpack__` (but not the
/// buffer protocol), if `obj` is one.
pub fn array_from_foreign(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<pyo3::types::PyType>() {
        return Ok(None);
    }
    if let Some(iface) = attr_opt(obj, "__array_interface__")? {
        return array_from_interface(obj, &iface).map(Some);
    }
    if attr_opt(obj, "__dlpack__")?.is_some() {
        let (a, _capsule) = import_dlpack(obj)?;
        return Ok(Some(a));
    }
    Ok(None)
}

// =============================================================================================
// DLPack structures (dlpack.h, v1.0)
// =============================================================================================

const KDL_CPU: i32 = 1;
const DLPACK_FLAG_READ_ONLY: u64 = 1 << 0;
const DLPACK_FLAG_IS_COPIED: u64 = 1 << 1;

const DLTENSOR: &CStr = c"dltensor";
const USED_DLTENSOR: &CStr = c"used_dltensor";
const DLTENSOR_VERSIONED: &CStr = c"dltensor_versioned";
const USED_DLTENSOR_VERSIONED: &CStr = c"used_dltensor_versioned";

#[repr(C)]
#[derive(Copy, Clone)]
struct DLDevice {
    device_type: i32,
    device_id: i32,
}

#[repr(C)]
#[derive(Copy, Clone)]
struct DLDataType {
    code: u8,
    bits: u8,
    lanes: u16,
}

#[repr(C)]
#[derive(Copy, Clone)]
struct DLTensor {
    data: *mut c_void,
    device: DLDevice,
    ndim: i32,
    dtype: DLDataType,
    shape: *mut i64,
    strides: *mut i64,
    byte_offset: u64,
}

#[repr(C)]
struct DLManagedTensor {
    dl_tensor: DLTensor,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

#[repr(C)]
#[derive(Copy, Clone)]
struct DLPackVersion {
    major: u32,
    minor: u32,
}

#[repr(C)]
struct DLManagedTensorVersioned {
    version: DLPackVersion,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    flags: u64,
    dl_tensor: DLTensor,
}

// ---- DLPack IN ----

/// A consumed DLPack tensor; its producer's deleter runs when the last view is dropped.
enum Managed {
    Legacy(*mut DLManagedTensor),
    Versioned(*mut DLManagedTensorVersioned),
}

struct DlpackOwner(Managed);

// SAFETY: the DLPack spec lets the deleter run from any thread; we additionally attach to the
// interpreter before calling it. The tensor is not otherwise touched after construction.
unsafe impl Send for DlpackOwner {}
// SAFETY: a shared `DlpackOwner` exposes nothing; only its Drop touches the tensor.
unsafe impl Sync for DlpackOwner {}

impl Drop for DlpackOwner {
    fn drop(&mut self) {
        // If the interpreter is gone (shutdown), leaking is the only safe choice.
        let _ = Python::try_attach(|_py| match self.0 {
            // SAFETY: we took ownership of the managed tensor when renaming its capsule; the
            // deleter is called exactly once, here, as the DLPack spec requires.
            Managed::Legacy(m) => unsafe { call_legacy_deleter(m) },
            // SAFETY: as above.
            Managed::Versioned(m) => unsafe { call_versioned_deleter(m) },
        });
    }
}

/// # Safety
/// `m` is NULL or a live `DLManagedTensor` owned by the caller; it must not be used afterwards.
unsafe fn call_legacy_deleter(m: *mut DLManagedTensor) {
    // SAFETY: per the contract, `m` is NULL or valid.
    if let Some(m) = unsafe { m.as_mut() } {
        if let Some(deleter) = m.deleter {
            // SAFETY: the producer's deleter, called once on the tensor it produced.
            unsafe { deleter(m) }
        }
    }
}

/// # Safety
/// `m` is NULL or a live `DLManagedTensorVersioned` owned by the caller; it must not be used
/// afterwards.
unsafe fn call_versioned_deleter(m: *mut DLManagedTensorVersioned) {
    // SAFETY: per the contract, `m` is NULL or valid.
    if let Some(m) = unsafe { m.as_mut() } {
        if let Some(deleter) = m.deleter {
            // SAFETY: the producer's deleter, called once on the tensor it produced.
            unsafe { deleter(m) }
        }
    }
}

/// Reads `n` int64 values.
///
/// # Safety
/// `ptr` must point to `n` readable values when `n > 0` and `ptr` is not NULL.
unsafe fn read_i64s(ptr: *const i64, n: usize) -> Vec<i64> {
    if n == 0 || ptr.is_null() {
        return Vec::new();
    }
    // SAFETY: the caller guarantees `n` readable values at `ptr`.
    unsafe { std::slice::from_raw_parts(ptr, n) }.to_vec()
}

/// Builds an array over a DLTensor owned by `owner`. `t` is a copy of the tensor header (not a
/// reference into it), since an error drops `owner`, which frees the tensor.
///
/// # Safety
/// `t` must describe a valid DLTensor whose shape/strides arrays and data `owner` keeps alive.
unsafe fn array_from_dltensor(t: DLTensor, readonly: bool, owner: DlpackOwner) -> PyResult<Array> {
    if t.device.device_type != KDL_CPU {
        return Err(PyBufferError::new_err(format!(
            "arrpy only imports CPU DLPack tensors, got device type {}",
            t.device.device_type
        )));
    }
    if t.dtype.lanes != 1 {
        return Err(PyBufferError::new_err(
            "DLPack tensors with vector lanes are not supported",
        ));
    }
    let dtype = DType::from_dlpack_code(t.dtype.code, t.dtype.bits).py()?;
    let ndim = usize::try_from(t.ndim)
        .ok()
        .filter(|&n| n <= 64)
        .ok_or_else(|| {
            PyBufferError::new_err(format!("DLPack tensor has invalid ndim {}", t.ndim))
        })?;
    if ndim > 0 && t.shape.is_null() {
        return Err(PyBufferError::new_err("DLPack tensor has no shape"));
    }
    // SAFETY: a valid DLTensor has `ndim` shape entries (checked non-NULL above).
    let shape: Vec<usize> = unsafe { read_i64s(t.shape, ndim) }
        .into_iter()
        .map(|d| {
            usize::try_from(d)
                .map_err(|_| PyBufferError::new_err("DLPack tensor has a negative dimension"))
        })
        .collect::<PyResult<_>>()?;
    let itemsize = dtype.itemsize() as i64;
    let strides: Vec<isize> = if t.strides.is_null() {
        c_strides(&shape, dtype.itemsize())
            .ok_or_else(|| PyBufferError::new_err("DLPack tensor is too large"))?
    } else {
        // SAFETY: a non-NULL strides array of a valid DLTensor has `ndim` entries.
        unsafe { read_i64s(t.strides, ndim) }
            .into_iter()
            .map(|s| {
                s.checked_mul(itemsize)
                    .and_then(|b| isize::try_from(b).ok())
                    .ok_or_else(|| PyBufferError::new_err("DLPack strides overflow"))
            })
            .collect::<PyResult<_>>()?
    };
    let offset = usize::try_from(t.byte_offset)
        .map_err(|_| PyBufferError::new_err("DLPack byte_offset overflows"))?;
    let first = t.data.cast::<u8>().wrapping_add(offset);
    // SAFETY: DLPack promises `data + byte_offset` is element [0, 0, …] of memory laid out by
    // shape/strides, valid until the deleter runs; `owner` runs it only when dropped.
    unsafe { foreign_view(first, dtype, &shape, &strides, readonly, Box::new(owner)) }
}

/// Whether `capsule` is a capsule with exactly this name.
fn capsule_named(capsule: &Bound<'_, PyAny>, name: &CStr) -> bool {
    // SAFETY: `capsule` is a live object and the GIL is held; PyCapsule_IsValid accepts any
    // object and never sets an exception.
    unsafe { ffi::PyCapsule_IsValid(capsule.as_ptr(), name.as_ptr()) == 1 }
}

/// Takes the pointer out of a capsule named `name` and renames it to `used` so its destructor
/// leaves the tensor alone: from then on the caller owns the tensor.
fn consume_capsule(
    capsule: &Bound<'_, PyAny>,
    name: &CStr,
    used: &'static CStr,
) -> PyResult<*mut c_void> {
    let py = capsule.py();
    // SAFETY: the capsule was checked to carry this name; GetPointer only reads it.
    let ptr = unsafe { ffi::PyCapsule_GetPointer(capsule.as_ptr(), name.as_ptr()) };
    if ptr.is_null() {
        return Err(
            PyErr::take(py).unwrap_or_else(|| PyBufferError::new_err("DLPack capsule holds NULL"))
        );
    }
    // SAFETY: `used` is a 'static NUL-terminated string, as PyCapsule_SetName requires.
    if unsafe { ffi::PyCapsule_SetName(capsule.as_ptr(), used.as_ptr()) } != 0 {
        return Err(PyErr::take(py)
            .unwrap_or_else(|| PyBufferError::new_err("cannot rename DLPack capsule")));
    }
    Ok(ptr)
}

/// Views a DLPack capsule's tensor (consuming the capsule).
fn array_from_capsule(capsule: &Bound<'_, PyAny>) -> PyResult<Array> {
    if capsule_named(capsule, DLTENSOR_VERSIONED) {
        let m = consume_capsule(capsule, DLTENSOR_VERSIONED, USED_DLTENSOR_VERSIONED)?
            .cast::<DLManagedTensorVersioned>();
        let owner = DlpackOwner(Managed::Versioned(m));
        // SAFETY: we now own `m`, a valid DLManagedTensorVersioned (the capsule's content); the
        // owner deletes it once the array is gone (or right away if an error drops it), and the
        // reference is not used after the owner is dropped or moved into the array.
        let managed = unsafe { &*m };
        if managed.version.major != 1 {
            return Err(PyBufferError::new_err(format!(
                "unsupported DLPack version {}",
                managed.version.major
            )));
        }
        let readonly = managed.flags & DLPACK_FLAG_READ_ONLY != 0;
        // SAFETY: the tensor is valid and kept alive by `owner`, which moves into the array.
        return unsafe { array_from_dltensor(managed.dl_tensor, readonly, owner) };
    }
    if capsule_named(capsule, DLTENSOR) {
        let m = consume_capsule(capsule, DLTENSOR, USED_DLTENSOR)?.cast::<DLManagedTensor>();
        let owner = DlpackOwner(Managed::Legacy(m));
        // SAFETY: we now own `m`, a valid DLManagedTensor; it stays valid while `owner` lives, and
        // the reference is not used after the owner is dropped or moved into the array.
        let managed = unsafe { &*m };
        // SAFETY: the tensor is valid and kept alive by `owner`, which moves into the array.
        return unsafe { array_from_dltensor(managed.dl_tensor, false, owner) };
    }
    Err(PyTypeError::new_err(
        "__dlpack__ did not return a PyCapsule named 'dltensor' or 'dltensor_versioned' (already consumed?)",
    ))
}

/// Calls `x.__dlpack__` (DLPack 1.x first) and views the tensor. Returns the array and the capsule.
fn import_dlpack<'py>(x: &Bound<'py, PyAny>) -> PyResult<(Array, Bound<'py, PyAny>)> {
    let py = x.py();
    if let Some(dev) = attr_opt(x, "__dlpack_device__")? {
        let (dev_type, _id): (i64, i64) = dev.call0()?.extract()?;
        if dev_type != KDL_CPU as i64 {
            return Err(PyBufferError::new_err(format!(
                "arrpy only imports CPU DLPack tensors, got device type {dev_type}"
            )));
        }
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("max_version", (1, 0))?;
    let capsule = match x.call_method("__dlpack__", (), Some(&kwargs)) {
        Ok(c) => c,
        Err(e) if e.is_instance_of::<PyTypeError>(py) => x.call_method0("__dlpack__")?,
        Err(e) => return Err(e),
    };
    let a = array_from_capsule(&capsule)?;
    Ok((a, capsule))
}

// ---- DLPack OUT ----

/// What a DLPack export keeps alive: the array (hence its buffer) and the shape/strides arrays.
struct ExportCtx {
    _array: Array,
    shape: Vec<i64>,
    strides: Vec<i64>,
}

/// Frees an exported legacy tensor (called by the consumer, or by our capsule destructor).
unsafe extern "C" fn legacy_deleter(m: *mut DLManagedTensor) {
    if m.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: `m` was made by `Box::into_raw` in `export_dlpack`, with a boxed ExportCtx as
        // manager_ctx; the DLPack contract calls the deleter once.
        let managed = unsafe { Box::from_raw(m) };
        if !managed.manager_ctx.is_null() {
            // SAFETY: as above: manager_ctx came from `Box::into_raw(Box<ExportCtx>)`.
            drop(unsafe { Box::from_raw(managed.manager_ctx.cast::<ExportCtx>()) });
        }
    });
}

/// Frees an exported versioned tensor.
unsafe extern "C" fn versioned_deleter(m: *mut DLManagedTensorVersioned) {
    if m.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: `m` was made by `Box::into_raw` in `export_dlpack`, with a boxed ExportCtx as
        // manager_ctx; the DLPack contract calls the deleter once.
        let managed = unsafe { Box::from_raw(m) };
        if !managed.manager_ctx.is_null() {
            // SAFETY: as above: manager_ctx came from `Box::into_raw(Box<ExportCtx>)`.
            drop(unsafe { Box::from_raw(managed.manager_ctx.cast::<ExportCtx>()) });
        }
    });
}

/// Destructor of a "dltensor" capsule: deletes the tensor unless a consumer took it (renamed).
unsafe extern "C" fn legacy_capsule_destructor(capsule: *mut ffi::PyObject) {
    // SAFETY: CPython calls the destructor with the GIL held on a live capsule; IsValid only
    // compares the name (a consumed capsule is named "used_dltensor") and never raises.
    if unsafe { ffi::PyCapsule_IsValid(capsule, DLTENSOR.as_ptr()) } != 1 {
        return;
    }
    // SAFETY: the capsule is valid with this name, so GetPointer succeeds without raising.
    let m = unsafe { ffi::PyCapsule_GetPointer(capsule, DLTENSOR.as_ptr()) };
    // SAFETY: an unconsumed capsule still owns the tensor we put in it; the capsule dies now,
    // so the tensor is deleted exactly once.
    unsafe { call_legacy_deleter(m.cast()) }
}

/// Destructor of a "dltensor_versioned" capsule.
unsafe extern "C" fn versioned_capsule_destructor(capsule: *mut ffi::PyObject) {
    // SAFETY: as for `legacy_capsule_destructor` (consumers rename to "used_dltensor_versioned").
    if unsafe { ffi::PyCapsule_IsValid(capsule, DLTENSOR_VERSIONED.as_ptr()) } != 1 {
        return;
    }
    // SAFETY: the capsule is valid with this name, so GetPointer succeeds without raising.
    let m = unsafe { ffi::PyCapsule_GetPointer(capsule, DLTENSOR_VERSIONED.as_ptr()) };
    // SAFETY: an unconsumed capsule still owns the tensor; deleted exactly once, here.
    unsafe { call_versioned_deleter(m.cast()) }
}

/// Wraps `ptr` in a capsule; on failure the caller still owns `ptr`.
fn new_capsule<'py>(
    py: Python<'py>,
    ptr: *mut c_void,
    name: &'static CStr,
    destructor: ffi::PyCapsule_Destructor,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: `ptr` is non-NULL (a leaked Box), `name` is 'static, and the destructor only frees
    // the tensor while the capsule still carries `name`.
    let raw = unsafe { ffi::PyCapsule_New(ptr, name.as_ptr(), Some(destructor)) };
    // SAFETY: PyCapsule_New returns a new reference or NULL with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(py, raw) }
}

/// Builds a DLPack capsule over `array`.
fn export_dlpack<'py>(
    py: Python<'py>,
    array: Array,
    versioned: bool,
    copied: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let itemsize = array.itemsize() as isize;
    let mut strides = Vec::with_capacity(array.ndim());
    for &s in array.strides() {
        if s % itemsize != 0 {
            return Err(PyBufferError::new_err(
                "DLPack only supports strides which are a multiple of itemsize.",
            ));
        }
        strides.push((s / itemsize) as i64);
    }
    let shape: Vec<i64> = array.shape().iter().map(|&d| d as i64).collect();
    let (code, bits) = array.dtype().dlpack_code();
    let readonly = array.readonly();
    let ndim = array.ndim() as i32;
    let data = array.data_ptr().cast::<c_void>();
    let mut ctx = Box::new(ExportCtx {
        _array: array,
        shape,
        strides,
    });
    let tensor = DLTensor {
        data,
        device: DLDevice {
            device_type: KDL_CPU,
            device_id: 0,
        },
        ndim,
        dtype: DLDataType {
            code,
            bits,
            lanes: 1,
        },
        shape: ctx.shape.as_mut_ptr(),
        strides: ctx.strides.as_mut_ptr(),
        byte_offset: 0,
    };
    let ctx = Box::into_raw(ctx).cast::<c_void>();
    if versioned {
        let mut flags = if readonly { DLPACK_FLAG_READ_ONLY } else { 0 };
        if copied {
            flags |= DLPACK_FLAG_IS_COPIED;
        }
        let m = Box::into_raw(Box::new(DLManagedTensorVersioned {
            version: DLPackVersion { major: 1, minor: 0 },
            manager_ctx: ctx,
            deleter: Some(versioned_deleter),
            flags,
            dl_tensor: tensor,
        }));
        new_capsule(
            py,
            m.cast(),
            DLTENSOR_VERSIONED,
            versioned_capsule_destructor,
        )
        .inspect_err(|_| {
            // SAFETY: the capsule was not created, so we still own `m`; deleted once here.
            unsafe { versioned_deleter(m) }
        })
    } else {
        let m = Box::into_raw(Box::new(DLManagedTensor {
            dl_tensor: tensor,
            manager_ctx: ctx,
            deleter: Some(legacy_deleter),
        }));
        new_capsule(py, m.cast(), DLTENSOR, legacy_capsule_destructor).inspect_err(|_| {
            // SAFETY: the capsule was not created, so we still own `m`; deleted once here.
            unsafe { legacy_deleter(m) }
        })
    }
}

// =============================================================================================
// Buffer protocol OUT, __array_interface__, __array__, __dlpack__ on ndarray
// =============================================================================================

/// What an exported `Py_buffer` points into; boxed in `view.internal` until release.
struct ExportInfo {
    _array: Array,
    shape: Vec<ffi::Py_ssize_t>,
    strides: Vec<ffi::Py_ssize_t>,
    format: CString,
}

fn wants(flags: c_int, req: c_int) -> bool {
    flags & req == req
}

/// Fills `view` for `array`, exported by `owner`.
///
/// # Safety
/// `view` must be a valid, writable `Py_buffer` pointer supplied by `PyObject_GetBuffer`.
unsafe fn fill_buffer(
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
unsafe fn release_buffer(view: *mut ffi::Py_buffer) {
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
fn numpy_dtype<'py>(
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
        let np = py.import("numpy")?;
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
    fn get_buffer_info(&self) -> PyResult<(usize, usize)> {
        if !self.inner().is_c_contiguous() {
            return Err(PyValueError::new_err(
                "get_buffer_info requires a C-contiguous array",
            ));
        }
        Ok((self.inner().data_ptr() as usize, self.inner().size()))
    }

    /// `memoryview(self)`.
    fn to_memoryview<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyMemoryView>> {
        PyMemoryView::from(slf.as_any())
    }
}

// =============================================================================================
// Module functions
// =============================================================================================

fn check_cpu_device(device: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let Some(d) = device.filter(|d| !d.is_none()) else {
        return Ok(());
    };
    if let Ok((t, id)) = d.extract::<(i64, i64)>() {
        if t == KDL_CPU as i64 && id == 0 {
            return Ok(());
        }
    } else if d.str()?.to_str()? == "cpu" {
        return Ok(());
    }
    Err(PyValueError::new_err(format!(
        "unsupported device {}; arrpy arrays live on 'cpu'",
        d.repr()?
    )))
}

/// An array viewing the memory of any DLPack producer (zero-copy unless `copy=True`).
#[pyfunction]
#[pyo3(signature = (x, /, *, device=None, copy=None))]
fn from_dlpack(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyNdArray>> {
    check_cpu_device(device)?;
    if attr_opt(x, "__dlpack__")?.is_none() {
        return Err(PyTypeError::new_err(format!(
            "from_dlpack needs an object with __dlpack__, got '{}'",
            x.get_type().name()?
        )));
    }
    let (a, capsule) = import_dlpack(x)?;
    if copy == Some(true) {
        let c = py.detach(|| a.copy()).py()?;
        return PyNdArray::wrap(py, c);
    }
    Py::new(py, PyNdArray::new(a, Some(capsule.unbind())))
}

/// A 1-d view of a buffer exporter's bytes reinterpreted as `dtype` (NumPy's `frombuffer`).
#[pyfunction]
#[pyo3(signature = (buffer, dtype=None, count=-1, offset=0))]
fn frombuffer(
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

/// Adds the interop functions (`from_dlpack`, `frombuffer`) to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(from_dlpack, m)?)?;
    m.add_function(wrap_pyfunction!(frombuffer, m)?)?;
    Ok(())
}
