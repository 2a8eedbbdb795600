//! DLPack out: `__dlpack__` capsules (legacy and versioned) that keep the array alive.

use super::dlpack_abi::{
    DLDataType, DLDevice, DLManagedTensor, DLManagedTensorVersioned, DLPackVersion, DLTensor,
    DLPACK_FLAG_IS_COPIED, DLPACK_FLAG_READ_ONLY, DLTENSOR, DLTENSOR_VERSIONED, KDL_CPU,
};
use super::dlpack_import::{call_legacy_deleter, call_versioned_deleter};

use arrpy_core::Array;
use pyo3::exceptions::PyBufferError;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::{c_void, CStr};

/// What a DLPack export keeps alive: the array (hence its buffer) and the shape/strides arrays.
pub(super) struct ExportCtx {
    _array: Array,
    shape: Vec<i64>,
    strides: Vec<i64>,
}

/// Frees an exported legacy tensor (called by the consumer, or by our capsule destructor).
pub(super) unsafe extern "C" fn legacy_deleter(m: *mut DLManagedTensor) {
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
pub(super) unsafe extern "C" fn versioned_deleter(m: *mut DLManagedTensorVersioned) {
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
pub(super) unsafe extern "C" fn legacy_capsule_destructor(capsule: *mut ffi::PyObject) {
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
pub(super) unsafe extern "C" fn versioned_capsule_destructor(capsule: *mut ffi::PyObject) {
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
pub(super) fn new_capsule<'py>(
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
pub(super) fn export_dlpack<'py>(
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
