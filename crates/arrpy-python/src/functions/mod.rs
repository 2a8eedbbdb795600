//! Module-level functions, one topic per file.

pub mod backend;
pub mod bandwidth;
pub mod by_name;
pub mod creation;
pub mod decompose;
pub mod dtype_rules;
pub mod einsum;
pub mod factor;
pub mod fft;
pub mod indexing;
pub mod io;
pub mod linalg;
pub mod manipulate;
pub mod random;
pub mod sorting;
pub mod statistics;

use pyo3::prelude::*;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    creation::register(m)?;
    by_name::register(m)?;
    backend::register(m)?;
    bandwidth::register(m)?;
    manipulate::register(m)?;
    indexing::register(m)?;
    linalg::register(m)?;
    factor::register(m)?;
    fft::register(m)?;
    einsum::register(m)?;
    decompose::register(m)?;
    sorting::register(m)?;
    statistics::register(m)?;
    io::register(m)?;
    random::register(m)?;
    dtype_rules::register(m)
}
