//! NumPy's floating-point error handling for the bindings: arrpy-core reports the flags an op
//! raised (`arrpy_core::fp_status`); `checked` hands them to the caller's error state
//! (`arrpy.errstate`, read in Python) as warnings, a FloatingPointError or a call.

use arrpy_core::fp_status;
use pyo3::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether some error state has ever asked to raise (sticky): until one does, no call needs
/// the caller's raise mask, and `checked` skips reading the state from Python.
static RAISING: AtomicBool = AtomicBool::new(false);

/// `_fp_raising()`: a state that raises exists (`RAISING`); `arrpy.errstate` calls it when it
/// makes one.
#[pyfunction]
pub fn _fp_raising() {
    RAISING.store(true, Ordering::Relaxed);
}

/// Runs `f` (one or more core ops on this thread) and applies the error state to the flags
/// they raised. With `writes_existing` (an `out=` or an in-place operator) the state is read
/// first (once some state raises) and core told which flags raise, so that a failing op leaves
/// that array as it was; otherwise the state is read only when some flag was raised.
pub fn checked<T>(
    py: Python<'_>,
    writes_existing: bool,
    f: impl FnOnce() -> PyResult<T>,
) -> PyResult<T> {
    // Flags of ops run outside a `checked` call (nobody asked for them) are not ours.
    fp_status::take();
    let mask = if writes_existing && RAISING.load(Ordering::Relaxed) {
        crate::python_calls::errstate_raise_mask(py)?
    } else {
        0
    };
    fp_status::set_raise_mask(mask);
    let result = f();
    fp_status::set_raise_mask(0);
    let raised = fp_status::take();
    let value = result?;
    if !raised.is_empty() {
        crate::python_calls::errstate_report(py, raised)?;
    }
    Ok(value)
}
