//! The memory-bandwidth yardstick for the benchmark ladder (`python -m arrpy.bench`).

use crate::errors::IntoPyResult;
use arrpy_core::kernels::{parallel, stream};
use pyo3::prelude::*;

/// Best seconds of a STREAM-style float64 add over `n` elements on arrpy's thread count.
#[pyfunction]
#[pyo3(signature = (n, reps=5))]
pub fn _stream_add_seconds(py: Python<'_>, n: usize, reps: usize) -> PyResult<f64> {
    let threads = parallel::num_threads();
    py.detach(|| stream::add_seconds(n, threads, reps)).py()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_stream_add_seconds, m)?)
}
