//! The DLPack structures (dlpack.h, v1.0) and capsule names.

use std::ffi::{c_void, CStr};

pub(super) const KDL_CPU: i32 = 1;
pub(super) const DLPACK_FLAG_READ_ONLY: u64 = 1 << 0;
pub(super) const DLPACK_FLAG_IS_COPIED: u64 = 1 << 1;

pub(super) const DLTENSOR: &CStr = c"dltensor";
pub(super) const USED_DLTENSOR: &CStr = c"used_dltensor";
pub(super) const DLTENSOR_VERSIONED: &CStr = c"dltensor_versioned";
pub(super) const USED_DLTENSOR_VERSIONED: &CStr = c"used_dltensor_versioned";

#[repr(C)]
#[derive(Copy, Clone)]
pub(super) struct DLDevice {
    pub(super) device_type: i32,
    pub(super) device_id: i32,
}

#[repr(C)]
#[derive(Copy, Clone)]
pub(super) struct DLDataType {
    pub(super) code: u8,
    pub(super) bits: u8,
    pub(super) lanes: u16,
}

#[repr(C)]
#[derive(Copy, Clone)]
pub(super) struct DLTensor {
    pub(super) data: *mut c_void,
    pub(super) device: DLDevice,
    pub(super) ndim: i32,
    pub(super) dtype: DLDataType,
    pub(super) shape: *mut i64,
    pub(super) strides: *mut i64,
    pub(super) byte_offset: u64,
}

#[repr(C)]
pub(super) struct DLManagedTensor {
    pub(super) dl_tensor: DLTensor,
    pub(super) manager_ctx: *mut c_void,
    pub(super) deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

#[repr(C)]
#[derive(Copy, Clone)]
pub(super) struct DLPackVersion {
    pub(super) major: u32,
    pub(super) minor: u32,
}

#[repr(C)]
pub(super) struct DLManagedTensorVersioned {
    pub(super) version: DLPackVersion,
    pub(super) manager_ctx: *mut c_void,
    pub(super) deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    pub(super) flags: u64,
    pub(super) dl_tensor: DLTensor,
}
