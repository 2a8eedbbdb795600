//! Zero-copy interop: the buffer protocol in and out, `__array_interface__`, DLPack.
//!
//! Every foreign memory region is wrapped in an `arrpy_core::Buffer` whose owner keeps the
//! exporter alive (a held `Py_buffer`, a reference to the exporting object, or a DLPack managed
//! tensor whose deleter runs on drop). Every exported region is backed by a clone of the `Array`
//! (hence of its `Arc<Buffer>`), so it stays valid however long the consumer keeps it.
//!
//! Every `unsafe` block sits in a small function of its own with a `// SAFETY:` comment.
//!
//! - `buffer_import`: the buffer protocol in, `frombuffer`;
//! - `interface_import`: `__array_interface__` in, and the choice of protocol for other objects;
//! - `dlpack_abi`, `dlpack_import`, `dlpack_export`: DLPack's structures, `from_dlpack`, and
//!   `__dlpack__` capsules;
//! - `export`: what `ndarray` exports (buffer protocol, `__array_interface__`, `__array__`).
//!
//! This file holds the layout checks all of them share.

mod buffer_import;
mod dlpack_abi;
mod dlpack_export;
mod dlpack_import;
mod export;
mod interface_import;

pub use buffer_import::array_from_buffer;
pub(crate) use buffer_import::frombuffer;
pub use interface_import::array_from_foreign;

use crate::errors::IntoPyResult;
use arrpy_core::buffer::{Buffer, ForeignOwner};
use arrpy_core::{Array, DType};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use std::sync::Arc;

/// The bytes a strided layout touches, relative to element [0, 0, …]: `(lo, len)` where `lo <= 0`
/// is the lowest byte offset and `len` the length of the span. Empty arrays touch nothing.
/// None when the arithmetic overflows.
pub(super) fn byte_span(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
) -> Option<(isize, usize)> {
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
pub(super) fn c_strides(shape: &[usize], itemsize: usize) -> Option<Vec<isize>> {
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
pub(super) unsafe fn foreign_view(
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
pub(super) fn typestr(dtype: DType) -> String {
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
pub(super) fn dtype_from_typestr(s: &str) -> PyResult<DType> {
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

/// Adds the interop functions (`from_dlpack`, `frombuffer`) to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(dlpack_import::from_dlpack, m)?)?;
    m.add_function(wrap_pyfunction!(buffer_import::frombuffer, m)?)?;
    Ok(())
}
