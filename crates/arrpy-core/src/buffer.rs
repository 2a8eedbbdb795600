//! Shared storage: memory this crate allocated, or memory borrowed from a foreign exporter.
//!
//! A `Buffer` is shared through `Arc` by every view of it. Views write through raw pointers,
//! as NumPy's views do; the buffer only guarantees the bytes stay valid while any view lives.

use crate::error::{Error, Result};
use std::alloc::{self, Layout};
use std::ptr::NonNull;

/// Allocations are aligned for the widest vector loads (AVX-512).
pub const ALIGN: usize = 64;

/// Keeps foreign memory alive; dropping it releases the exporter.
pub trait ForeignOwner: Send + Sync {}
impl<T: Send + Sync> ForeignOwner for T {}

enum Storage {
    Owned(Layout),
    Foreign(#[allow(dead_code)] Box<dyn ForeignOwner>),
}

pub struct Buffer {
    ptr: NonNull<u8>,
    len: usize,
    readonly: bool,
    storage: Storage,
}

// SAFETY: the buffer is plain bytes; owned memory is freed once, in Drop, and foreign owners are
// themselves Send + Sync. Concurrent writes through views are the caller's race, as in NumPy.
unsafe impl Send for Buffer {}
unsafe impl Sync for Buffer {}

impl Buffer {
    /// Allocates `len` bytes, zeroed when `zeroed` (calloc is much cheaper than a fill for large
    /// sizes: the pages come zeroed from the OS). Too large → MemoryError.
    pub fn alloc(len: usize, zeroed: bool) -> Result<Buffer> {
        let size = len.max(1);
        let layout = Layout::from_size_align(size, ALIGN)
            .map_err(|_| Error::Memory(format!("cannot allocate an array of {len} bytes")))?;
        if size > isize::MAX as usize / 2 {
            return Err(Error::Memory(format!("cannot allocate an array of {len} bytes")));
        }
        // SAFETY: layout has non-zero size.
        let raw = unsafe {
            if zeroed {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        let ptr = NonNull::new(raw)
            .ok_or_else(|| Error::Memory(format!("Unable to allocate {len} bytes for an array")))?;
        Ok(Buffer { ptr, len, readonly: false, storage: Storage::Owned(layout) })
    }

    /// Wraps foreign memory of `len` bytes at `ptr`, kept valid by `owner` until it is dropped.
    ///
    /// # Safety
    /// `ptr..ptr+len` must stay valid (and writable unless `readonly`) while `owner` lives.
    pub unsafe fn foreign(ptr: *mut u8, len: usize, readonly: bool, owner: Box<dyn ForeignOwner>) -> Buffer {
        let ptr = NonNull::new(ptr).unwrap_or(NonNull::dangling());
        Buffer { ptr, len, readonly, storage: Storage::Foreign(owner) }
    }

    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn readonly(&self) -> bool {
        self.readonly
    }
    pub fn is_owned(&self) -> bool {
        matches!(self.storage, Storage::Owned(_))
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if let Storage::Owned(layout) = self.storage {
            // SAFETY: allocated in `alloc` with this very layout, freed only here.
            unsafe { alloc::dealloc(self.ptr.as_ptr(), layout) }
        }
    }
}
