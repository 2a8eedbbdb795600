//! Speed-ups that rely on CPython internals (reference counts as seen from an operator slot, the
//! shape of the C stack). Every interpreter-version check lives here: they run only on the
//! versions the test suite covers, because a new interpreter can change what a reference count
//! of 1 proves (CPython 3.14 lends plain locals to `__add__` without a new reference, so an
//! array still named by a variable arrives with count 1 — NumPy's bug numpy#28681).

pub mod elision;

use pyo3::prelude::*;
use std::sync::OnceLock;

/// CPython versions whose interpreter the speed-ups were tested on (`make test` runs the suite
/// on each one the machine offers).
const TESTED: std::ops::Range<(u8, u8)> = (3, 11)..(3, 14);

/// Whether this interpreter is one the speed-ups were tested on.
pub fn interpreter_tested(py: Python<'_>) -> bool {
    static TESTED_HERE: OnceLock<bool> = OnceLock::new();
    *TESTED_HERE.get_or_init(|| {
        let v = py.version_info();
        TESTED.contains(&(v.major, v.minor))
    })
}

/// Whether the speed-ups are on in this interpreter (for tests).
#[pyfunction]
pub fn _speedups_enabled(py: Python<'_>) -> bool {
    interpreter_tested(py)
}
