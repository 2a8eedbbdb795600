//! Shared storage: memory this crate allocated, or memory borrowed from a foreign exporter.
//!
//! A `Buffer` is shared through `Arc` by every view of it. Views write through raw pointers,
//! as NumPy's views do; the buffer only guarantees the bytes stay valid while any view lives.

use crate::error::{Error, Result};
use std::alloc::{self, Layout};
use std::ptr::NonNull;

/// Allocations are aligned for the widest vector loads (AVX-512)...
pub const ALIGN: usize = 64;
/// ...except small ones, where malloc's own 16-byte alignment is enough and much cheaper.
const SMALL: usize = 1024;

fn alignment_for(size: usize) -> usize {
    if size <= SMALL {
        16
    } else {
        ALIGN
    }
}

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

/// An empty Vec with room for `n` values, or MemoryError: every Vec whose length comes from the
/// user's input is made here, so that a huge request fails cleanly instead of aborting.
pub fn vec_with_capacity<T>(n: usize) -> Result<Vec<T>> {
    let mut v = Vec::<T>::new();
    v.try_reserve_exact(n).map_err(|_| {
        Error::Memory(format!(
            "cannot allocate {n} values of {} bytes",
            std::mem::size_of::<T>()
        ))
    })?;
    // Large scratch gets huge pages too: it is written first thing, and its fresh pages
    // would otherwise fault in 4 KiB at a time (a sort's 8 MB of keys: 2048 faults).
    advise_huge_pages(
        v.as_mut_ptr().cast(),
        n.saturating_mul(std::mem::size_of::<T>()),
    );
    Ok(v)
}

impl Buffer {
    /// Allocates `len` bytes, zeroed when `zeroed` (calloc is much cheaper than a fill for large
    /// sizes: the pages come zeroed from the OS). Too large → MemoryError.
    pub fn alloc(len: usize, zeroed: bool) -> Result<Buffer> {
        let size = len.max(1);
        let layout = Layout::from_size_align(size, alignment_for(size))
            .map_err(|_| Error::Memory(format!("cannot allocate an array of {len} bytes")))?;
        if size > isize::MAX as usize / 2 {
            return Err(Error::Memory(format!(
                "cannot allocate an array of {len} bytes"
            )));
        }
        if !zeroed {
            if let Some(raw) = cache::take(size) {
                // SAFETY: a cached block came from `alloc` with this same size and alignment.
                let ptr = unsafe { NonNull::new_unchecked(raw) };
                return Ok(Buffer {
                    ptr,
                    len,
                    readonly: false,
                    storage: Storage::Owned(layout),
                });
            }
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
        advise_huge_pages(raw, size);
        Ok(Buffer {
            ptr,
            len,
            readonly: false,
            storage: Storage::Owned(layout),
        })
    }

    /// Wraps foreign memory of `len` bytes at `ptr`, kept valid by `owner` until it is dropped.
    ///
    /// # Safety
    /// `ptr..ptr+len` must stay valid (and writable unless `readonly`) while `owner` lives.
    pub unsafe fn foreign(
        ptr: *mut u8,
        len: usize,
        readonly: bool,
        owner: Box<dyn ForeignOwner>,
    ) -> Buffer {
        let ptr = NonNull::new(ptr).unwrap_or(NonNull::dangling());
        Buffer {
            ptr,
            len,
            readonly,
            storage: Storage::Foreign(owner),
        }
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

/// Large arrays ask the kernel for transparent huge pages (as NumPy does): one fault maps 2 MiB
/// instead of 4 KiB, which makes first writes to a fresh large result several times cheaper.
pub(crate) fn advise_huge_pages(ptr: *mut u8, size: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    #[cfg(target_os = "linux")]
    if size >= 2 * HUGE_PAGE {
        // Only whole huge pages inside the allocation are advised.
        let start = (ptr as usize).next_multiple_of(HUGE_PAGE);
        let end = (ptr as usize + size) / HUGE_PAGE * HUGE_PAGE;
        if end > start {
            // SAFETY: [start, end) lies inside the allocation just made; madvise only changes
            // how the kernel backs those pages, never their contents. Failure is harmless.
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (ptr, size, HUGE_PAGE);
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if let Storage::Owned(layout) = self.storage {
            if let Some(raw) = cache::keep(self.ptr.as_ptr(), layout.size()) {
                // SAFETY: allocated in `alloc` with this very layout, freed only here (or, when
                // cached, freed by the cache with the same layout).
                unsafe { alloc::dealloc(raw, layout) }
            }
        }
    }
}

/// Recently freed large blocks, kept for reuse by the next allocation of the same size. A fresh
/// large block costs a page fault per page on its first write (that is most of the time of
/// `a + b` on 10^7 elements, and a third of it at 3*10^7); loops that make same-sized
/// temporaries reuse warm pages instead. Holds at most `MAX_BLOCKS` blocks and `max_bytes()`
/// bytes (1/16 of the machine's memory, between 256 MiB and 1 GiB); zeroed allocations never
/// use it.
mod cache {
    use super::ALIGN;
    use std::alloc::{self, Layout};
    use std::sync::{Mutex, OnceLock};

    const MIN_BYTES: usize = 64 << 10;
    const MAX_BLOCKS: usize = 8;

    fn max_bytes() -> usize {
        static MAX: OnceLock<usize> = OnceLock::new();
        *MAX.get_or_init(|| (physical_memory() / 16).clamp(256 << 20, 1 << 30))
    }

    /// Bytes of physical memory (0 where unknown, which keeps the 256 MiB floor).
    fn physical_memory() -> usize {
        #[cfg(unix)]
        {
            // SAFETY: sysconf only reads system configuration.
            let (pages, page) = unsafe {
                (
                    libc::sysconf(libc::_SC_PHYS_PAGES),
                    libc::sysconf(libc::_SC_PAGESIZE),
                )
            };
            if pages > 0 && page > 0 {
                return (pages as usize).saturating_mul(page as usize);
            }
        }
        0
    }

    /// (size, address) of each cached block, oldest first.
    static BLOCKS: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

    /// A cached block of exactly `size` bytes, if there is one.
    pub fn take(size: usize) -> Option<*mut u8> {
        if size < MIN_BYTES {
            return None;
        }
        let mut blocks = BLOCKS.lock().ok()?;
        let i = blocks.iter().rposition(|&(s, _)| s == size)?;
        Some(blocks.remove(i).1 as *mut u8)
    }

    /// Offers a block being freed to the cache; returns it when the caller must free it.
    pub fn keep(ptr: *mut u8, size: usize) -> Option<*mut u8> {
        if !(MIN_BYTES..=max_bytes() / 2).contains(&size) {
            return Some(ptr);
        }
        let Ok(mut blocks) = BLOCKS.lock() else {
            return Some(ptr);
        };
        blocks.push((size, ptr as usize));
        // Evict the oldest blocks beyond the limits.
        while blocks.len() > MAX_BLOCKS || blocks.iter().map(|b| b.0).sum::<usize>() > max_bytes() {
            let (s, p) = blocks.remove(0);
            if let Ok(layout) = Layout::from_size_align(s, ALIGN) {
                // SAFETY: every cached block was allocated by `Buffer::alloc` with this layout
                // and is owned by the cache alone.
                unsafe { alloc::dealloc(p as *mut u8, layout) }
            }
        }
        None
    }
}
