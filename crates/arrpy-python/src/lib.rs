//! PyO3 bindings of ArrPy: each binding converts arguments, releases the GIL for real work,
//! calls arrpy-core and maps its errors. No array logic lives here.

mod convert;
mod dtype;
mod errors;
mod functions;
mod indexing;
mod interop;
mod memory;
mod methods_math;
mod ndarray;
mod operators;
mod reductions;
mod speedups;

use pyo3::prelude::*;

#[pymodule]
fn _arrpy(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ndarray::PyNdArray>()?;
    m.add_class::<dtype::PyDType>()?;
    for d in arrpy_core::DType::ALL {
        m.add(d.name(), dtype::canonical(m.py(), d)?)?;
    }
    m.add_function(wrap_pyfunction!(speedups::elision::_elided_count, m)?)?;
    m.add_function(wrap_pyfunction!(speedups::_speedups_enabled, m)?)?;
    m.add_function(wrap_pyfunction!(
        speedups::elision::_called_from_interpreter,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(functions::array, m)?)?;
    m.add_function(wrap_pyfunction!(functions::asarray, m)?)?;
    m.add_function(wrap_pyfunction!(functions::zeros, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ones, m)?)?;
    m.add_function(wrap_pyfunction!(functions::empty, m)?)?;
    m.add_function(wrap_pyfunction!(functions::full, m)?)?;
    m.add_function(wrap_pyfunction!(functions::zeros_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ones_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::empty_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::full_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::arange, m)?)?;
    m.add_function(wrap_pyfunction!(functions::linspace, m)?)?;
    m.add_function(wrap_pyfunction!(functions::eye, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_binary, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_unary, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_fused, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_fused_count, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_where, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_clip, m)?)?;
    m.add_function(wrap_pyfunction!(functions::set_backend, m)?)?;
    m.add_function(wrap_pyfunction!(functions::get_backend, m)?)?;
    m.add_function(wrap_pyfunction!(functions::set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(functions::get_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_registry, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_simd_level, m)?)?;
    m.add_function(wrap_pyfunction!(functions::promote_types, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_can_cast_dtypes, m)?)?;
    m.add_function(wrap_pyfunction!(functions::_weak_scalar_dtype, m)?)?;
    interop::register(m)?;
    memory::register(m)?;
    reductions::register(m)?;
    Ok(())
}
