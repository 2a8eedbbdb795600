//! Memory order: reshape/ravel in an order, contiguous copies, `astype` as a function.

use super::array_result;
use crate::errors::IntoPyResult;
use crate::ndarray::{optional_dtype, shape_arg, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::manipulate::order::{self, Order};
use arrpy_core::Error;
use pyo3::prelude::*;

/// `a` with a new shape, read and written in `order`: a view whenever the layout allows.
///
/// >>> ap.reshape(ap.arange(6), (3, 2))
/// array([[0, 1],
///        [2, 3],
///        [4, 5]])
#[pyfunction]
#[pyo3(signature = (a, /, shape=None, order="C", *, newshape=None, copy=None))]
pub fn reshape(
    a: &Bound<'_, PyAny>,
    shape: Option<&Bound<'_, PyAny>>,
    order: &str,
    newshape: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyNdArray>> {
    let shape = match (shape, newshape) {
        (Some(s), None) | (None, Some(s)) => shape_arg(s)?,
        (Some(_), Some(_)) => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "You cannot specify 'newshape' and 'shape' arguments at the same time.",
            ))
        }
        (None, None) => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "reshape() missing 1 required positional argument: 'shape'",
            ))
        }
    };
    let order = Order::from_name(order).map_err(crate::errors::to_py)?;
    array_result(a, |x| order::reshape(x, &shape, order, copy))
}

/// A 1-d view when `a` is contiguous in `order`, else a 1-d copy.
///
/// >>> ap.ravel(ap.asarray([[1, 2], [3, 4]]))
/// array([1, 2, 3, 4])
#[pyfunction]
#[pyo3(signature = (a, order="C"))]
pub fn ravel(a: &Bound<'_, PyAny>, order: &str) -> PyResult<Py<PyNdArray>> {
    let order = Order::from_name(order).map_err(crate::errors::to_py)?;
    array_result(a, |x| order::ravel(x, order))
}

/// `a` contiguous in `order` (`like=` is accepted and ignored, as arrpy has one array type).
fn contiguous_in(
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: Order,
) -> PyResult<Py<PyNdArray>> {
    let dtype = optional_dtype(dtype)?;
    array_result(a, |x| order::as_layout(x, order, dtype))
}

/// `a` itself when C-contiguous (in `dtype`), else a C-contiguous copy; at least 1-d.
///
/// >>> ap.ascontiguousarray(ap.arange(6).reshape((2, 3)).T).flags["C_CONTIGUOUS"]
/// True
#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn ascontiguousarray(
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    contiguous_in(a, dtype, Order::C)
}

/// `a` itself when F-contiguous (in `dtype`), else an F-contiguous copy; at least 1-d.
///
/// >>> ap.asfortranarray(ap.arange(6).reshape((2, 3))).flags["F_CONTIGUOUS"]
/// True
#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn asfortranarray(
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    contiguous_in(a, dtype, Order::F)
}

/// `astype(x, dtype, /, *, copy=True)` (the Array API function): `x` itself when no cast is
/// needed and `copy` is False.
///
/// >>> ap.astype(ap.asarray([1.7, -2.2]), ap.int32)
/// array([ 1, -2], dtype=int32)
#[pyfunction]
#[pyo3(signature = (x, dtype, /, *, copy=true, device=None))]
pub fn astype(
    x: &Bound<'_, PyAny>,
    dtype: &Bound<'_, PyAny>,
    copy: bool,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    if let Some(d) = device {
        if !d.is_none() && d.str()?.to_str()? != "cpu" {
            return Err(crate::errors::to_py(Error::Value(format!(
                "unsupported device {}; arrpy arrays live on 'cpu'",
                d.str()?
            ))));
        }
    }
    let target = crate::dtype::dtype_from_py(dtype)?;
    if let Ok(arr) = x.cast::<PyNdArray>() {
        if !copy && arr.get().inner().dtype() == target {
            return Ok(arr.clone().unbind());
        }
    }
    crate::fp_errors::checked(x.py(), false, || {
        array_result(x, |a| {
            if !copy && a.dtype() == target {
                return Ok(a.clone());
            }
            order::copy_in(a, Order::K, Some(target))
        })
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reshape, m)?)?;
    m.add_function(wrap_pyfunction!(ravel, m)?)?;
    m.add_function(wrap_pyfunction!(ascontiguousarray, m)?)?;
    m.add_function(wrap_pyfunction!(asfortranarray, m)?)?;
    m.add_function(wrap_pyfunction!(astype, m)?)?;
    m.add_function(wrap_pyfunction!(copyto, m)?)?;
    Ok(())
}

/// `copyto(dst, src, casting='same_kind', where=True)`: writes into the arrpy array `dst`.
///
/// >>> dst = ap.zeros(3); ap.copyto(dst, ap.asarray([1.0, 2.0, 3.0]), where=ap.asarray([True, False, True]))
/// >>> dst
/// array([1., 0., 3.])
#[pyfunction]
#[pyo3(signature = (dst, src, casting="same_kind", r#where=None))]
pub fn copyto(
    py: Python<'_>,
    dst: &Bound<'_, PyNdArray>,
    src: &Bound<'_, PyAny>,
    casting: &str,
    r#where: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let rule = arrpy_core::Casting::from_name(casting).py()?;
    let d = dst.get().inner();
    let (s, _) = crate::functions::creation::to_array(src, None)?;
    let s = match crate::convert::scalar_from_py(src)? {
        // A Python scalar is weak: it takes dst's dtype (NEP 50), as NumPy's copyto.
        Some(v)
            if !src.is_instance_of::<PyNdArray>()
                && arrpy_core::can_cast(
                    v.default_dtype(),
                    d.dtype(),
                    arrpy_core::Casting::SameKind,
                ) =>
        {
            crate::convert::check_assignable(v, d.dtype())?;
            arrpy_core::Array::scalar(d.dtype(), v).py()?
        }
        _ => s,
    };
    let mask = match r#where {
        Some(w) if !w.is_none() && !w.is(&pyo3::types::PyBool::new(py, true).to_owned()) => {
            Some(crate::functions::creation::to_array(w, None)?.0)
        }
        _ => None,
    };
    maybe_detach(py, d.size(), || order::copyto(&d, &s, rule, mask.as_ref())).py()
}
