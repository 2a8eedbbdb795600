//! dtype rules exposed to Python: `promote_types`, `result_type`, `can_cast`. The bindings read
//! each operand as strong (an array, a dtype-like, a NumPy scalar) or weak (a Python scalar);
//! the rules are core's (`arrpy_core::dtype::promotion`).

use crate::convert::{scalar_operand, ScalarOperand};
use crate::dtype::{canonical, dtype_from_py, PyDType};
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::dtype::WeakScalar;
use arrpy_core::{Casting, DType};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyTuple, PyType};

/// One operand of `result_type`.
enum Operand {
    Strong(DType),
    Weak(WeakScalar),
}

/// Python bool/int/float/complex (and subclasses without a `dtype`) are weak (NEP 50); NumPy
/// scalars, some of which subclass float or complex, carry a `dtype` and are strong.
fn operand(x: &Bound<'_, PyAny>) -> PyResult<Operand> {
    if let Ok(a) = x.cast::<PyNdArray>() {
        return Ok(Operand::Strong(a.get().with_array(|a| a.dtype())));
    }
    if x.is_instance_of::<PyType>() {
        return dtype_from_py(x).map(Operand::Strong);
    }
    let has_dtype = x.hasattr(pyo3::intern!(x.py(), "dtype"))?;
    if !has_dtype {
        let weak = if x.is_instance_of::<PyBool>() {
            Some(WeakScalar::Bool)
        } else if x.is_instance_of::<PyInt>() {
            // Beyond 128 bits the value only matters alone, where no dtype holds it anyway.
            Some(WeakScalar::Int(x.extract::<i128>().ok()))
        } else if x.is_instance_of::<PyFloat>() {
            Some(WeakScalar::Float)
        } else if x.is_instance_of::<PyComplex>() {
            Some(WeakScalar::Complex)
        } else {
            None
        };
        if let Some(w) = weak {
            return Ok(Operand::Weak(w));
        }
    }
    // A NumPy scalar or 0-d array: the dtype `asarray` gives it.
    if let Some(ScalarOperand::Typed(d, _)) = scalar_operand(x)? {
        return Ok(Operand::Strong(d));
    }
    dtype_from_py(x).map(Operand::Strong)
}

/// A strong operand's dtype (`can_cast`'s `from_`); Python scalars are refused, as in NumPy 2.
fn strong_dtype(x: &Bound<'_, PyAny>) -> PyResult<DType> {
    match operand(x)? {
        Operand::Strong(d) => Ok(d),
        Operand::Weak(_) => Err(PyTypeError::new_err(
            "can_cast() does not support Python ints, floats, and complex because the result \
             used to depend on the value.\nThis change was part of adopting NEP 50, we may \
             explicitly allow them again in the future.",
        )),
    }
}

/// The smallest dtype both types can be cast to safely.
///
/// >>> ap.promote_types(ap.int8, ap.uint8), ap.promote_types("float32", "int64")
/// (dtype('int16'), dtype('float64'))
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

/// `result_type(*arrays_and_dtypes)`: strong operands promote by the table, Python scalars
/// are weak.
///
/// >>> ap.result_type(ap.asarray([1], dtype=ap.int8), ap.float32), ap.result_type(ap.int16, ap.uint16)
/// (dtype('float32'), dtype('int32'))
#[pyfunction]
#[pyo3(signature = (*arrays_and_dtypes))]
pub fn result_type(
    py: Python<'_>,
    arrays_and_dtypes: &Bound<'_, PyTuple>,
) -> PyResult<Py<PyDType>> {
    let (mut strong, mut weak) = (Vec::new(), Vec::new());
    for x in arrays_and_dtypes.iter() {
        match operand(&x)? {
            Operand::Strong(d) => strong.push(d),
            Operand::Weak(w) => weak.push(w),
        }
    }
    canonical(py, arrpy_core::dtype::result_type(&strong, &weak).py()?)
}

/// `can_cast(from_, to, casting="safe")`: `from_` is a dtype-like, an array or a NumPy scalar.
///
/// >>> ap.can_cast(ap.int32, ap.float64), ap.can_cast(ap.float64, ap.int32)
/// (True, False)
#[pyfunction]
#[pyo3(signature = (from_, to, casting="safe"))]
pub fn can_cast(from_: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>, casting: &str) -> PyResult<bool> {
    let rule = Casting::from_name(casting).py()?;
    Ok(arrpy_core::can_cast(
        strong_dtype(from_)?,
        dtype_from_py(to)?,
        rule,
    ))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(promote_types, m)?)?;
    m.add_function(wrap_pyfunction!(result_type, m)?)?;
    m.add_function(wrap_pyfunction!(can_cast, m)?)?;
    Ok(())
}
