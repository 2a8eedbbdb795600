//! dtype rules exposed to Python: `promote_types`, casting checks, a Python scalar's weak
//! dtype next to an array.

use crate::convert::scalar_from_py;
use crate::dtype::{canonical, dtype_from_py, PyDType};
use crate::errors::IntoPyResult;
use arrpy_core::dtype::weak_scalar_dtype;
use arrpy_core::Casting;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

#[pyfunction]
pub fn promote_types(
    py: Python<'_>,
    type1: &Bound<'_, PyAny>,
    type2: &Bound<'_, PyAny>,
) -> PyResult<Py<PyDType>> {
    canonical(
        py,
        arrpy_core::promote_types(dtype_from_py(type1)?, dtype_from_py(type2)?),
    )
}

#[pyfunction]
#[pyo3(signature = (from_, to, casting="safe"))]
pub fn _can_cast_dtypes(
    from_: &Bound<'_, PyAny>,
    to: &Bound<'_, PyAny>,
    casting: &str,
) -> PyResult<bool> {
    let rule = Casting::from_name(casting).py()?;
    Ok(arrpy_core::can_cast(
        dtype_from_py(from_)?,
        dtype_from_py(to)?,
        rule,
    ))
}

/// The dtype a Python scalar takes next to `partner` (NEP 50), for `result_type`.
#[pyfunction]
pub fn _weak_scalar_dtype(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    partner: &Bound<'_, PyAny>,
) -> PyResult<Py<PyDType>> {
    let s =
        scalar_from_py(value)?.ok_or_else(|| PyTypeError::new_err("expected a Python scalar"))?;
    canonical(py, weak_scalar_dtype(s, dtype_from_py(partner)?).py()?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(promote_types, m)?)?;
    m.add_function(wrap_pyfunction!(_can_cast_dtypes, m)?)?;
    m.add_function(wrap_pyfunction!(_weak_scalar_dtype, m)?)?;
    Ok(())
}
