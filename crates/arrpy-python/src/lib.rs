//! PyO3 bindings of ArrPy: each binding converts arguments, releases the GIL for real work,
//! calls arrpy-core and maps its errors. No array logic lives here.

// The doc comments of Python-visible items are Python docstrings: their `>>>` examples run as
// doctests (tests/test_doctests.py), they are not Markdown block quotes.
#![allow(clippy::doc_lazy_continuation)]

mod convert;
mod dtype;
mod errors;
mod fp_errors;
mod functions;
mod indexing;
mod interop;
mod memory;
mod methods_layout;
mod methods_math;
mod ndarray;
mod operators;
mod pickle;
mod protocols;
mod python_calls;
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
    m.add_function(wrap_pyfunction!(fp_errors::_fp_raising, m)?)?;
    m.add_function(wrap_pyfunction!(
        speedups::elision::_called_from_interpreter,
        m
    )?)?;
    functions::register(m)?;
    interop::register(m)?;
    memory::register(m)?;
    pickle::register(m)?;
    reductions::register(m)?;
    Ok(())
}
