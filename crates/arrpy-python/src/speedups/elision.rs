//! Temporary elision, as NumPy does it: in `a * b + c` the product is a temporary that only the
//! interpreter's value stack references, so the sum may be written into it instead of into a
//! new array. That saves an allocation and a third of the memory traffic of the second pass.
//!
//! A reference count of 1 alone is no proof: C code (a Cython module, say) can own the only
//! reference to an array it keeps using and still call `PyNumber_Add` on it. So, like NumPy,
//! we also walk the C call stack and elide only when every frame between us and the
//! interpreter's eval loop belongs to this module or to Python itself. Linux with glibc only
//! (`backtrace`, `dladdr`); elsewhere nothing is elided.

use crate::ndarray::PyNdArray;
use arrpy_core::layout::broadcast_shapes;
use arrpy_core::ops::elementwise::BinaryOp;
use arrpy_core::Array;
use pyo3::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this the stack walk (a few microseconds) would cost more than the allocation saved.
const MIN_ELIDE_BYTES: usize = 256 * 1024;

/// How many operations wrote into a temporary (read by the tests through `_elided_count`).
pub static ELIDED: AtomicUsize = AtomicUsize::new(0);

/// Whether `op(slf, other)` may write its result into `slf`: `slf` is a temporary (see the
/// module documentation) holding the only reference to writeable, C-contiguous memory this
/// crate allocated, and the result has `slf`'s dtype and shape. Call it before taking any
/// clone of `slf`'s array (a clone shares the buffer).
pub fn can_elide(slf: &Bound<'_, PyNdArray>, op: BinaryOp, other: &Array) -> bool {
    // Counted before borrowing: a `PyRef` holds a reference of its own.
    if refcount(slf) != 1 || !super::interpreter_tested(slf.py()) {
        return false;
    }
    let this = slf.get();
    this.base.is_none()
        && this.with_array(|a| {
            a.nbytes() >= MIN_ELIDE_BYTES
                && std::sync::Arc::strong_count(a.buffer()) == 1
                && a.buffer().is_owned()
                && !a.readonly()
                && a.is_c_contiguous()
                && op.resolve(a.dtype(), other.dtype()) == Ok((a.dtype(), a.dtype()))
                && broadcast_shapes(&[a.shape(), other.shape()]).is_ok_and(|s| s[..] == *a.shape())
        })
        && called_from_interpreter()
}

pub fn refcount(obj: &Bound<'_, PyNdArray>) -> isize {
    // SAFETY: `obj` is a live object (we hold a borrowed reference and the GIL).
    unsafe { pyo3::ffi::Py_REFCNT(obj.as_ptr()) }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn called_from_interpreter() -> bool {
    use std::ffi::c_void;
    use std::sync::Mutex;

    #[derive(Copy, Clone, PartialEq)]
    enum Frame {
        Ours,
        Python,
        EvalLoop,
        Foreign,
    }

    /// The start address of the shared object holding `addr`, and whether the exported symbol
    /// at or below it is the interpreter's eval loop.
    fn locate(addr: *const c_void) -> Option<(usize, bool)> {
        // SAFETY: dladdr only reads the loader's tables and fills `info`; the symbol name it
        // returns, when not null, is a NUL-terminated string in a loaded object.
        unsafe {
            let mut info: libc::Dl_info = std::mem::zeroed();
            if libc::dladdr(addr, &mut info) == 0 {
                return None;
            }
            let eval = !info.dli_sname.is_null()
                && std::ffi::CStr::from_ptr(info.dli_sname).to_bytes()
                    == b"_PyEval_EvalFrameDefault";
            Some((info.dli_fbase as usize, eval))
        }
    }
    static BASES: std::sync::OnceLock<Option<(usize, usize)>> = std::sync::OnceLock::new();
    let Some((ours, python)) = *BASES.get_or_init(|| {
        let ours = locate(called_from_interpreter as *const c_void)?.0;
        let python = locate(pyo3::ffi::PyNumber_Add as *const c_void)?.0;
        Some((ours, python))
    }) else {
        return false;
    };
    // Return addresses seen before and what they are: the same few call sites recur, and
    // dladdr is the expensive part of the walk.
    static SEEN: Mutex<Vec<(usize, Frame)>> = Mutex::new(Vec::new());
    let classify = |frame: *mut c_void| {
        let key = frame as usize;
        if let Some(&(_, f)) = SEEN.lock().ok()?.iter().find(|e| e.0 == key) {
            return Some(f);
        }
        let f = match locate(frame) {
            Some((base, _)) if base == ours => Frame::Ours,
            Some((base, true)) if base == python => Frame::EvalLoop,
            Some((base, false)) if base == python => Frame::Python,
            _ => Frame::Foreign,
        };
        let mut seen = SEEN.lock().ok()?;
        if seen.len() < 256 {
            seen.push((key, f));
        }
        Some(f)
    };
    const DEPTH: usize = 24;
    let mut frames = [std::ptr::null_mut::<c_void>(); DEPTH];
    // SAFETY: `backtrace` writes at most DEPTH return addresses into `frames`.
    let n = unsafe { libc::backtrace(frames.as_mut_ptr(), DEPTH as libc::c_int) };
    for &frame in &frames[..n.max(0) as usize] {
        match classify(frame) {
            Some(Frame::Ours | Frame::Python) => continue,
            Some(Frame::EvalLoop) => return true,
            Some(Frame::Foreign) | None => return false,
        }
    }
    false
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn called_from_interpreter() -> bool {
    false
}

/// Number of operations so far that wrote into a temporary (for tests).
#[pyfunction]
pub fn _elided_count() -> usize {
    ELIDED.load(Ordering::Relaxed)
}

/// Whether the stack walk sees only this module and Python up to the eval loop (for tests: true
/// when called from Python code, false when called through a foreign C frame such as ctypes).
#[pyfunction]
pub fn _called_from_interpreter() -> bool {
    called_from_interpreter()
}
