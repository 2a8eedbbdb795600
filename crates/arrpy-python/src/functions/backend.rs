//! Backend control and capability queries: the tier, the thread count, the op table as
//! data, the SIMD level in use.

use crate::errors::IntoPyResult;
use arrpy_core::kernels::{parallel, Tier};
use arrpy_core::optable;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

#[pyfunction]
pub fn set_backend(name: &str) -> PyResult<()> {
    arrpy_core::kernels::set_tier(Tier::from_name(name).py()?);
    Ok(())
}

#[pyfunction]
pub fn get_backend() -> &'static str {
    arrpy_core::kernels::current_tier().name()
}

/// Sets the parallel tier's worker count. Counts above `parallel::max_threads()` are clamped,
/// with a RuntimeWarning; `get_num_threads()` then reports the count in use.
#[pyfunction]
pub fn set_num_threads(py: Python<'_>, n: isize) -> PyResult<()> {
    if n < 1 {
        return Err(PyValueError::new_err(format!(
            "number of threads must be at least 1, got {n}"
        )));
    }
    let used = parallel::set_num_threads(n as usize);
    if used != n as usize {
        let msg = format!("set_num_threads({n}): using {used} threads, the most arrpy runs (4 per CPU, between 64 and 1024)");
        let category = py.get_type::<pyo3::exceptions::PyRuntimeWarning>();
        PyErr::warn(py, category.as_any(), &std::ffi::CString::new(msg)?, 1)?;
    }
    Ok(())
}

#[pyfunction]
pub fn get_num_threads() -> usize {
    parallel::num_threads()
}

/// The registry as data: one dict per op with its family and, per tier, 'native' or the tier
/// it falls back to.
#[pyfunction]
pub fn _registry(py: Python<'_>) -> PyResult<Py<PyList>> {
    let rows = PyList::empty(py);
    for op in optable::all_ops() {
        let d = PyDict::new(py);
        d.set_item("name", op.name)?;
        d.set_item("family", op.family)?;
        for tier in Tier::ALL {
            let status = if op.is_native(tier) {
                "native".to_string()
            } else {
                format!("fallback:{}", op.effective(tier).name())
            };
            d.set_item(tier.name(), status)?;
        }
        rows.append(d)?;
    }
    Ok(rows.unbind())
}

#[pyfunction]
pub fn _simd_level() -> &'static str {
    arrpy_core::kernels::cpu::simd_level()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(set_backend, m)?)?;
    m.add_function(wrap_pyfunction!(get_backend, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(_registry, m)?)?;
    m.add_function(wrap_pyfunction!(_simd_level, m)?)?;
    Ok(())
}
