//! Backend control and capability queries: the tier, the thread count, the op table as
//! data, the SIMD level in use.

use crate::errors::IntoPyResult;
use arrpy_core::kernels::{parallel, Tier};
use arrpy_core::optable;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Sets the tier for all kernels: "reference", "simd" or "parallel".
///
/// >>> old = ap.get_backend(); ap.set_backend("simd"); ap.get_backend()
/// 'simd'
/// >>> ap.set_backend(old)
#[pyfunction]
pub fn set_backend(name: &str) -> PyResult<()> {
    arrpy_core::kernels::set_tier(Tier::from_name(name).py()?);
    Ok(())
}

/// The name of the current tier: "reference", "simd" or "parallel".
///
/// >>> ap.get_backend() in ("reference", "simd", "parallel")
/// True
#[pyfunction]
pub fn get_backend() -> &'static str {
    arrpy_core::kernels::current_tier().name()
}

/// Sets the parallel tier's worker count. Counts above `parallel::max_threads()` are clamped,
/// with a RuntimeWarning; `get_num_threads()` then reports the count in use.
///
/// >>> n = ap.get_num_threads(); ap.set_num_threads(1); ap.get_num_threads()
/// 1
/// >>> ap.set_num_threads(n)
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

/// The number of threads the parallel tier uses.
///
/// >>> ap.get_num_threads() >= 1
/// True
#[pyfunction]
pub fn get_num_threads() -> usize {
    parallel::num_threads()
}

/// The op table as data: one dict per op with its family, its doc line and NumPy aliases, its
/// arity (2 for binary and 1 for unary table ops, whose Python functions `arrpy._elementwise`
/// generates from these rows; None for ops with a binding of their own), whether it is an
/// elementwise loop (the binary and unary ops, where, clip), the signature class of
/// a reduction (`arrpy._reductions` generates its function from it; None otherwise), the loop
/// dtype kinds its simd-tier loop vectorizes for, and per tier 'native', 'partial:<kinds>' (vectorized for
/// those kinds, the reference loop for the rest) or 'fallback:<tier>' (the loop of that tier runs).
#[pyfunction]
pub fn _registry(py: Python<'_>) -> PyResult<Py<PyList>> {
    let rows = PyList::empty(py);
    for op in arrpy_core::ops::all_ops() {
        let d = PyDict::new(py);
        d.set_item("name", op.name)?;
        d.set_item("family", op.family)?;
        d.set_item("doc", op.doc)?;
        d.set_item("aliases", op.aliases.to_vec())?;
        d.set_item("arity", op.arity())?;
        d.set_item("elementwise", op.is_elementwise())?;
        let reduction = arrpy_core::ops::reduce::table::find(op.name);
        d.set_item("signature", reduction.map(|r| r.signature.name()))?;
        d.set_item("vector", op.vector.names())?;
        for tier in Tier::ALL {
            d.set_item(tier.name(), op.status(tier))?;
        }
        rows.append(d)?;
    }
    Ok(rows.unbind())
}

/// The loops each op ran since the last call, `{op: {loop dtype: {"reference": n, "vector": n,
/// "threaded": n}}}` (calls that ran the reference loop, the simd tier's loop, and on several
/// threads), then cleared; tracing continues while `on` (off by default, and free then).
#[pyfunction]
#[pyo3(signature = (on=true))]
pub fn _loop_trace(py: Python<'_>, on: bool) -> PyResult<Py<PyDict>> {
    let d = PyDict::new(py);
    for ((op, dtype), c) in arrpy_core::kernels::trace::take(on) {
        let row = PyDict::new(py);
        row.set_item("reference", c.reference)?;
        row.set_item("vector", c.vector)?;
        row.set_item("threaded", c.threaded)?;
        let per_op = match d.get_item(op)? {
            Some(per_op) => per_op.cast_into::<PyDict>()?,
            None => {
                let per_op = PyDict::new(py);
                d.set_item(op, &per_op)?;
                per_op
            }
        };
        per_op.set_item(dtype.name(), row)?;
    }
    Ok(d.unbind())
}

/// For `arrpy.bench --audit`: every op runs the simd tier's loop, whatever the table says.
#[pyfunction]
pub fn _vector_everywhere(on: bool) {
    optable::set_vector_everywhere(on);
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
    m.add_function(wrap_pyfunction!(_loop_trace, m)?)?;
    m.add_function(wrap_pyfunction!(_vector_everywhere, m)?)?;
    m.add_function(wrap_pyfunction!(_simd_level, m)?)?;
    Ok(())
}
