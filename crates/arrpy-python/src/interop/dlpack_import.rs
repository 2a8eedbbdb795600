//! DLPack in: `from_dlpack` and arrays viewing a consumed tensor, whose producer's deleter
//! runs when the last view is dropped.

use super::dlpack_abi::{
    DLManagedTensor, DLManagedTensorVersioned, DLTensor, DLPACK_FLAG_READ_ONLY, DLTENSOR,
    DLTENSOR_VERSIONED, KDL_CPU, USED_DLTENSOR, USED_DLTENSOR_VERSIONED,
};
use super::interface_import::attr_opt;
use super::{c_strides, foreign_view};
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::{Array, DType};
use pyo3::exceptions::{PyBufferError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::ffi::{c_void, CStr};

/// A consumed DLPack tensor; its producer's deleter runs when the last view is dropped.
pub(super) enum Managed {
    Legacy(*mut DLManagedTensor),
    Versioned(*mut DLManagedTensorVersioned),
}

pub(super) struct DlpackOwner(Managed);

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
pub(super) unsafe fn call_legacy_deleter(m: *mut DLManagedTensor) {
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
pub(super) unsafe fn call_versioned_deleter(m: *mut DLManagedTensorVersioned) {
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
pub(super) unsafe fn read_i64s(ptr: *const i64, n: usize) -> Vec<i64> {
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
pub(super) unsafe fn array_from_dltensor(
    t: DLTensor,
    readonly: bool,
    owner: DlpackOwner,
) -> PyResult<Array> {
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
pub(super) fn capsule_named(capsule: &Bound<'_, PyAny>, name: &CStr) -> bool {
    // SAFETY: `capsule` is a live object and the GIL is held; PyCapsule_IsValid accepts any
    // object and never sets an exception.
    unsafe { ffi::PyCapsule_IsValid(capsule.as_ptr(), name.as_ptr()) == 1 }
}

/// Takes the pointer out of a capsule named `name` and renames it to `used` so its destructor
/// leaves the tensor alone: from then on the caller owns the tensor.
pub(super) fn consume_capsule(
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
pub(super) fn array_from_capsule(capsule: &Bound<'_, PyAny>) -> PyResult<Array> {
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
pub(super) fn import_dlpack<'py>(x: &Bound<'py, PyAny>) -> PyResult<(Array, Bound<'py, PyAny>)> {
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

pub(super) fn check_cpu_device(device: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
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
///
/// >>> ap.from_dlpack(ap.asarray([1, 2, 3]))
/// array([1, 2, 3])
#[pyfunction]
#[pyo3(signature = (x, /, *, device=None, copy=None))]
pub(super) fn from_dlpack(
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
