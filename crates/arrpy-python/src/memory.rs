//! `shares_memory` and `may_share_memory`, as NumPy's: whether two array-likes address a common
//! byte, judged from the memory their views cover (`arrpy_core::overlap`), not from which object
//! exported it.

use crate::functions::creation::to_array;
use arrpy_core::overlap;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    arrpy,
    TooHardError,
    PyRuntimeError,
    "The overlap problem needs more work than max_work allows (NumPy's TooHardError).\n\n>>> a = ap.zeros(6); ap.shares_memory(a[::2], a[1::2], max_work=0)\nTraceback (most recent call last):\n    ...\narrpy.TooHardError: Exceeded max_work\n"
);

/// NumPy's `max_work`: None takes `default`; -1 (or -2) is "exact" (no bound); 0 is "bounds
/// only" (extents that intersect are too hard); n > 0 bounds the solver's steps.
enum Work {
    Exact,
    BoundsOnly,
    Steps(u64),
}

fn work_arg(max_work: Option<i64>, default: Work) -> PyResult<Work> {
    Ok(match max_work {
        None => default,
        Some(-2 | -1) => Work::Exact,
        Some(0) => Work::BoundsOnly,
        Some(n) if n > 0 => Work::Steps(n as u64),
        Some(n) => {
            return Err(PyValueError::new_err(format!(
                "Invalid value for max_work: {n} (-1 asks for an exact answer, 0 for bounds only, n > 0 bounds the work)"
            )))
        }
    })
}

/// The overlap of `a` and `b` with `work`: Ok(answer), or Err(()) when it is too hard.
fn solve(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    work: Work,
) -> PyResult<Result<bool, ()>> {
    let ((a, _), (b, _)) = (to_array(a, None)?, to_array(b, None)?);
    Ok(py.detach(|| match work {
        Work::BoundsOnly if overlap::may_share_memory(&a, &b) => Err(()),
        Work::BoundsOnly => Ok(false),
        Work::Exact => overlap::shares_memory(&a, &b, None).map_err(|_| ()),
        Work::Steps(n) => overlap::shares_memory(&a, &b, Some(n)).map_err(|_| ()),
    }))
}

/// Whether `a` and `b` share memory, exactly by default; raises TooHardError when `max_work`
/// is not enough to tell.
///
/// >>> a = ap.arange(6); ap.shares_memory(a[::2], a[1::2]), ap.shares_memory(a[:3], a[2:])
/// (False, True)
#[pyfunction]
#[pyo3(signature = (a, b, /, max_work=None))]
pub fn shares_memory(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
    solve(py, a, b, work_arg(max_work, Work::Exact)?)?
        .map_err(|_| TooHardError::new_err("Exceeded max_work"))
}

/// Whether `a` and `b` might share memory: by default whether their memory extents intersect;
/// with `max_work`, the exact answer where that work suffices, else True.
///
/// >>> a = ap.arange(6); ap.may_share_memory(a[::2], a[1::2])
/// True
#[pyfunction]
#[pyo3(signature = (a, b, /, max_work=None))]
pub fn may_share_memory(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
    Ok(solve(py, a, b, work_arg(max_work, Work::BoundsOnly)?)?.unwrap_or(true))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(shares_memory, m)?)?;
    m.add_function(wrap_pyfunction!(may_share_memory, m)?)?;
    m.add("TooHardError", m.py().get_type::<TooHardError>())?;
    Ok(())
}
