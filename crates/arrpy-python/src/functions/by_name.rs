//! Elementwise functions called by op-table name from the Python wrappers (`_binary`,
//! `_unary`, `_where`, `_clip`, `_fused`), with NumPy's `out=` handling, and `finish_out` for
//! reductions.

use super::creation::to_array;
use crate::convert::{scalar_operand, ScalarOperand};
use crate::errors::IntoPyResult;
use crate::fp_errors::checked;
use crate::ndarray::PyNdArray;
use crate::operators::{maybe_detach, scalar_array};
use arrpy_core::ops::cast::assign;
use arrpy_core::ops::elementwise::chain::{fused_binary, FUSED_RUNS};
use arrpy_core::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use arrpy_core::{Array, Casting};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// NumPy scalar (NEP 50), two Python scalars take their default dtypes.
pub(super) fn binary_operands(
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
) -> PyResult<(Array, Array)> {
    let weak = |x: &Bound<'_, PyAny>| -> PyResult<Option<ScalarOperand>> {
        if x.is_instance_of::<PyNdArray>() {
            return Ok(None);
        }
        Ok(scalar_operand(x)?.filter(|s| matches!(s, ScalarOperand::Weak(_))))
    };
    match (weak(x1)?, weak(x2)?) {
        (Some(a), None) => {
            let (b, _) = to_array(x2, None)?;
            Ok((scalar_array(a, b.dtype())?, b))
        }
        (None, Some(b)) => {
            let (a, _) = to_array(x1, None)?;
            let b = scalar_array(b, a.dtype())?;
            Ok((a, b))
        }
        _ => Ok((to_array(x1, None)?.0, to_array(x2, None)?.0)),
    }
}

pub(super) fn out_array<'py>(
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyNdArray>>> {
    match out {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => {
            let o = if let Ok(t) = o.cast::<PyTuple>() {
                if t.len() != 1 {
                    return Err(PyValueError::new_err(
                        "out must be a tuple of length 1 for this function",
                    ));
                }
                t.get_item(0)?
            } else {
                o.clone()
            };
            o.cast_into::<PyNdArray>()
                .map(Some)
                .map_err(|_| PyTypeError::new_err("out must be an arrpy.ndarray"))
        }
    }
}

/// Runs a binary op by registry name (`add`, `less`, …) with optional `out=`.
#[pyfunction]
#[pyo3(signature = (name, x1, x2, out=None))]
pub fn _binary(
    py: Python<'_>,
    name: &str,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let op = BinaryOp::from_name(name)
        .ok_or_else(|| PyValueError::new_err(format!("unknown binary operation '{name}'")))?;
    if let Some(r) = compare_with_out_of_range_int(op, x1, x2)? {
        return run_with_out(py, r.size(), out, |o| match o {
            Some(o) => assign(o, &r, Casting::Unsafe).map(|_| o.clone()),
            None => Ok(r.clone()),
        });
    }
    let (a, b) = binary_operands(x1, x2)?;
    run_with_out(py, a.size().max(b.size()), out, |o| binary(op, &a, &b, o))
}

/// `second(first(x1, x2), x3)` by registry names, in one pass where the operands allow
/// (`arrpy.multiply_add`). A Python scalar `x3` is weak next to the first op's result.
#[pyfunction]
pub fn _fused(
    py: Python<'_>,
    first: &str,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    second: &str,
    x3: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let op = |name: &str| {
        BinaryOp::from_name(name)
            .ok_or_else(|| PyValueError::new_err(format!("unknown binary operation '{name}'")))
    };
    let (first, second) = (op(first)?, op(second)?);
    let (a, b) = binary_operands(x1, x2)?;
    let product = first.resolve(a.dtype(), b.dtype()).py()?.1;
    let c = match scalar_operand(x3)? {
        Some(s) if !x3.is_instance_of::<PyNdArray>() => scalar_array(s, product)?,
        _ => to_array(x3, None)?.0,
    };
    let size = a.size().max(b.size()).max(c.size());
    let r = checked(py, false, || {
        maybe_detach(py, size, || fused_binary(first, &a, &b, second, &c)).py()
    })?;
    Ok(PyNdArray::wrap(py, r)?.into_any())
}

/// How many `fused_binary` calls ran as one pass (for tests: which loop ran).
#[pyfunction]
pub fn _fused_count() -> usize {
    FUSED_RUNS.load(std::sync::atomic::Ordering::Relaxed)
}

/// A comparison of an integer array with a Python int outside its dtype's range, on either
/// side: a constant result (see `operators::compare_out_of_range`).
pub(super) fn compare_with_out_of_range_int(
    op: BinaryOp,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
) -> PyResult<Option<Array>> {
    use crate::operators::compare_out_of_range;
    if let Ok(a) = x1.cast::<PyNdArray>() {
        return compare_out_of_range(op, &a.borrow().inner(), x2, true);
    }
    if let Ok(b) = x2.cast::<PyNdArray>() {
        return compare_out_of_range(op, &b.borrow().inner(), x1, false);
    }
    Ok(None)
}

/// Runs a unary op by registry name with optional `out=`.
#[pyfunction]
#[pyo3(signature = (name, x, out=None))]
pub fn _unary(
    py: Python<'_>,
    name: &str,
    x: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let op = UnaryOp::from_name(name)
        .ok_or_else(|| PyValueError::new_err(format!("unknown unary operation '{name}'")))?;
    let (a, _) = to_array(x, None)?;
    run_with_out(py, a.size(), out, |o| unary(op, &a, o))
}

/// Runs an elementwise op with optional `out=`: releases the GIL for large inputs and writes
/// into `out` (returned) or a new array.
pub(super) fn run_with_out(
    py: Python<'_>,
    size: usize,
    out: Option<&Bound<'_, PyAny>>,
    f: impl Fn(Option<&Array>) -> arrpy_core::Result<Array> + Send + Sync,
) -> PyResult<Py<PyAny>> {
    match out_array(out)? {
        Some(o) => {
            let target = o.borrow().inner().clone();
            checked(py, true, || {
                maybe_detach(py, size, || f(Some(&target))).py()
            })?;
            Ok(o.into_any().unbind())
        }
        None => {
            let r = checked(py, false, || maybe_detach(py, size, || f(None)).py())?;
            Ok(PyNdArray::wrap(py, r)?.into_any())
        }
    }
}

/// `where(condition, x1, x2)`: elements of x1 where the condition holds, else of x2.
#[pyfunction]
#[pyo3(signature = (condition, x1, x2, out=None))]
pub fn _where(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (c, _) = to_array(condition, None)?;
    let (a, b) = binary_operands(x1, x2)?;
    let size = c.size().max(a.size()).max(b.size());
    run_with_out(py, size, out, |o| {
        arrpy_core::ops::elementwise::select::where_(&c, &a, &b, o)
    })
}

/// `clip(x, min, max)`: scalar bounds take x's dtype (NEP 50); with one bound it is `maximum`
/// or `minimum`, with none a copy.
#[pyfunction]
#[pyo3(signature = (x, min=None, max=None, out=None))]
pub fn _clip(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    min: Option<&Bound<'_, PyAny>>,
    max: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (a, _) = to_array(x, None)?;
    let bound = |b: Option<&Bound<'_, PyAny>>| -> PyResult<Option<Array>> {
        match b {
            Some(b) if !b.is_none() => Ok(Some(binary_operands(x, b)?.1)),
            _ => Ok(None),
        }
    };
    let (lo, hi) = (bound(min)?, bound(max)?);
    run_with_out(py, a.size(), out, |o| match (&lo, &hi) {
        (Some(lo), Some(hi)) => {
            let dtype = arrpy_core::promote_types(
                arrpy_core::promote_types(a.dtype(), lo.dtype()),
                hi.dtype(),
            );
            arrpy_core::ops::elementwise::select::clip(&a, lo, hi, dtype, o)
        }
        (Some(lo), None) => binary(BinaryOp::Maximum, &a, lo, o),
        (None, Some(hi)) => binary(BinaryOp::Minimum, &a, hi, o),
        (None, None) => binary(BinaryOp::Maximum, &a, &a, o),
    })
}

/// Copies a reduction's result into `out=` (same_kind casting), or returns it.
pub fn finish_out(
    py: Python<'_>,
    result: Py<PyNdArray>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    match out_array(out)? {
        None => Ok(result.into_any()),
        Some(o) => {
            let src = result.borrow(py).inner().clone();
            let dst = o.borrow().inner().clone();
            if dst.shape() != src.shape() {
                return Err(PyValueError::new_err(format!(
                    "output parameter has shape {}, but the reduction result has shape {}",
                    arrpy_core::layout::format_shape(dst.shape()),
                    arrpy_core::layout::format_shape(src.shape())
                )));
            }
            assign(&dst, &src, Casting::SameKind).py()?;
            Ok(o.into_any().unbind())
        }
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_binary, m)?)?;
    m.add_function(wrap_pyfunction!(_unary, m)?)?;
    m.add_function(wrap_pyfunction!(_fused, m)?)?;
    m.add_function(wrap_pyfunction!(_fused_count, m)?)?;
    m.add_function(wrap_pyfunction!(_where, m)?)?;
    m.add_function(wrap_pyfunction!(_clip, m)?)?;
    Ok(())
}
