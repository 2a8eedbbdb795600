//! Module-level functions: creation, elementwise functions with `out=`, backends, dtype rules.

use crate::convert::{
    array_from_nested, check_int_fits, scalar_from_py, scalar_operand, ScalarOperand,
};
use crate::dtype::{canonical, dtype_from_py, PyDType};
use crate::errors::IntoPyResult;
use crate::ndarray::{dims_arg, optional_dtype, PyNdArray};
use crate::operators::{maybe_detach, scalar_array, weak_scalar_dtype};
use arrpy_core::kernels::{parallel, Tier};
use arrpy_core::ops::cast::assign;
use arrpy_core::ops::creation;
use arrpy_core::ops::elementwise::chain::{fused_binary, FUSED_RUNS};
use arrpy_core::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use arrpy_core::optable;
use arrpy_core::{Array, Casting, DType, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

/// Any array-like as an array: arrpy arrays as they are, buffer exporters viewed, nested
/// sequences and scalars converted. Returns the array and the object it views, if any.
pub fn to_array(
    obj: &Bound<'_, PyAny>,
    dtype: Option<DType>,
) -> PyResult<(Array, Option<Py<PyAny>>)> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok((a.borrow().inner().clone(), Some(obj.clone().unbind())));
    }
    if !obj.is_instance_of::<PyList>()
        && !obj.is_instance_of::<PyTuple>()
        && scalar_from_py(obj)?.is_none()
    {
        if let Some(a) = crate::interop::array_from_buffer(obj)? {
            return Ok((a, Some(obj.clone().unbind())));
        }
        if let Some(a) = crate::interop::array_from_foreign(obj)? {
            return Ok((a, Some(obj.clone().unbind())));
        }
    }
    Ok((array_from_nested(obj, dtype)?, None))
}

/// `asarray`'s copy rules: copy=None copies only when needed, True always, False never.
fn as_array(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyNdArray>> {
    let dtype = optional_dtype(dtype)?;
    let (a, viewed) = to_array(obj, dtype)?;
    let Some(viewed) = viewed else {
        if copy == Some(false) {
            return Err(PyValueError::new_err("Unable to avoid copy while creating an array as requested (copy=False) from a Python sequence or scalar."));
        }
        return PyNdArray::wrap(py, a);
    };
    let needs_cast = dtype.is_some_and(|d| d != a.dtype());
    if copy == Some(false) && needs_cast {
        return Err(PyValueError::new_err(format!(
            "Unable to avoid copy while creating an array as requested: a cast from {} to {} is needed",
            a.dtype().name(),
            dtype.map(|d| d.name()).unwrap_or("?")
        )));
    }
    if needs_cast || copy == Some(true) {
        let target = dtype.unwrap_or(a.dtype());
        let c = maybe_detach(py, a.size(), || arrpy_core::ops::cast::astype(&a, target)).py()?;
        return PyNdArray::wrap(py, c);
    }
    if let Ok(existing) = obj.cast::<PyNdArray>() {
        return Ok(existing.clone().unbind());
    }
    Py::new(py, PyNdArray::new(a, Some(viewed)))
}

#[pyfunction]
#[pyo3(signature = (obj, /, dtype=None, *, copy=true))]
pub fn array(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyNdArray>> {
    as_array(py, obj, dtype, copy)
}

#[pyfunction]
#[pyo3(signature = (obj, /, dtype=None, *, device=None, copy=None))]
pub fn asarray(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    as_array(py, obj, dtype, copy)
}

fn check_device(device: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    if let Some(d) = device {
        if !d.is_none() && d.str()?.to_str()? != "cpu" {
            return Err(PyValueError::new_err(format!(
                "unsupported device {}; arrpy arrays live on 'cpu'",
                d.repr()?
            )));
        }
    }
    Ok(())
}

fn default_float(dtype: Option<&Bound<'_, PyAny>>) -> PyResult<DType> {
    Ok(optional_dtype(dtype)?.unwrap_or(DType::Float64))
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, *, device=None))]
pub fn zeros(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    PyNdArray::wrap(
        py,
        Array::zeros(default_float(dtype)?, &dims_arg(shape)?).py()?,
    )
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, *, device=None))]
pub fn empty(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    PyNdArray::wrap(
        py,
        Array::empty(default_float(dtype)?, &dims_arg(shape)?).py()?,
    )
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, *, device=None))]
pub fn ones(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    PyNdArray::wrap(
        py,
        Array::full(default_float(dtype)?, &dims_arg(shape)?, Scalar::Int(1)).py()?,
    )
}

/// The scalar value of `fill_value` and the dtype NumPy would give a `full` array of it.
fn fill_scalar(fill_value: &Bound<'_, PyAny>, dtype: Option<DType>) -> PyResult<(Scalar, DType)> {
    if let Ok(a) = fill_value.cast::<PyNdArray>() {
        let a = a.borrow();
        let s = a.inner().item().py()?;
        return Ok((s, dtype.unwrap_or(a.inner().dtype())));
    }
    let s = scalar_operand(fill_value)?.ok_or_else(|| {
        PyTypeError::new_err(format!(
            "fill_value must be a number, got {}",
            fill_value.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })?;
    let dtype = dtype.unwrap_or(match s {
        ScalarOperand::Typed(d, _) => d,
        ScalarOperand::Weak(v) => v.default_dtype(),
    });
    let s = s.value();
    if dtype.is_integer() && matches!(s, Scalar::Int(_) | Scalar::UInt(_)) {
        check_int_fits(s, dtype)?;
    }
    Ok((s, dtype))
}

#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype=None, *, device=None))]
pub fn full(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (s, dt) = fill_scalar(fill_value, optional_dtype(dtype)?)?;
    PyNdArray::wrap(py, Array::full(dt, &dims_arg(shape)?, s).py()?)
}

fn like(
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<(DType, Vec<usize>)> {
    let (a, _) = to_array(x, None)?;
    let dt = optional_dtype(dtype)?.unwrap_or(a.dtype());
    let sh = match shape {
        Some(s) if !s.is_none() => dims_arg(s)?,
        _ => a.shape().to_vec(),
    };
    Ok((dt, sh))
}

#[pyfunction]
#[pyo3(signature = (x, /, dtype=None, *, device=None, shape=None))]
pub fn zeros_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    PyNdArray::wrap(py, Array::zeros(dt, &sh).py()?)
}

#[pyfunction]
#[pyo3(signature = (x, /, dtype=None, *, device=None, shape=None))]
pub fn ones_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    PyNdArray::wrap(py, Array::full(dt, &sh, Scalar::Int(1)).py()?)
}

#[pyfunction]
#[pyo3(signature = (x, /, dtype=None, *, device=None, shape=None))]
pub fn empty_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    PyNdArray::wrap(py, Array::empty(dt, &sh).py()?)
}

#[pyfunction]
#[pyo3(signature = (x, /, fill_value, dtype=None, *, device=None, shape=None))]
pub fn full_like(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (dt, sh) = like(x, dtype, shape)?;
    let (s, _) = fill_scalar(fill_value, Some(dt))?;
    PyNdArray::wrap(py, Array::full(dt, &sh, s).py()?)
}

#[pyfunction]
#[pyo3(signature = (start, /, stop=None, step=None, *, dtype=None, device=None))]
pub fn arange(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let (start, stop) = match stop {
        Some(s) if !s.is_none() => (start.clone(), s.clone()),
        _ => (0i64.into_pyobject(py)?.into_any(), start.clone()),
    };
    let step = match step {
        Some(s) if !s.is_none() => s.clone(),
        _ => 1i64.into_pyobject(py)?.into_any(),
    };
    let values: Vec<Scalar> = [&start, &stop, &step]
        .iter()
        .map(|v| {
            scalar_from_py(v)?.ok_or_else(|| {
                PyTypeError::new_err(format!(
                    "arange arguments must be numbers, got {}",
                    v.repr().map(|r| r.to_string()).unwrap_or_default()
                ))
            })
        })
        .collect::<PyResult<_>>()?;
    let all_int = values
        .iter()
        .all(|v| matches!(v, Scalar::Int(_) | Scalar::Bool(_)));
    let requested = optional_dtype(dtype)?;
    let dt = requested.unwrap_or(if all_int {
        DType::Int64
    } else {
        DType::Float64
    });
    if values.iter().any(|v| matches!(v, Scalar::Complex(_))) {
        return Err(PyTypeError::new_err(
            "arange does not accept complex arguments",
        ));
    }
    let a = if all_int && !dt.is_inexact() {
        let ints: Vec<i64> = values
            .iter()
            .map(|v| v.as_i128().unwrap_or(0) as i64)
            .collect();
        if ints[2] == 0 {
            return Err(PyValueError::new_err("Maximum allowed size exceeded"));
        }
        creation::arange_int(ints[0], ints[1], ints[2], dt)
    } else {
        if values[2].as_f64() == 0.0 {
            return Err(PyValueError::new_err("Maximum allowed size exceeded"));
        }
        creation::arange_float(
            values[0].as_f64(),
            values[1].as_f64(),
            values[2].as_f64(),
            dt,
        )
    }
    .py()?;
    PyNdArray::wrap(py, a)
}

#[pyfunction]
#[pyo3(signature = (start, stop, /, num=50, *, dtype=None, device=None, endpoint=true))]
pub fn linspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    endpoint: bool,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    if num < 0 {
        return Err(PyValueError::new_err(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let s = scalar_from_py(start)?
        .ok_or_else(|| PyTypeError::new_err("linspace start must be a number"))?;
    let e = scalar_from_py(stop)?
        .ok_or_else(|| PyTypeError::new_err("linspace stop must be a number"))?;
    let is_complex = matches!(s, Scalar::Complex(_)) || matches!(e, Scalar::Complex(_));
    let dt = optional_dtype(dtype)?.unwrap_or(if is_complex {
        DType::Complex128
    } else {
        DType::Float64
    });
    let a = if is_complex {
        creation::linspace_complex(s.as_complex(), e.as_complex(), num as usize, endpoint, dt)
    } else {
        creation::linspace(s.as_f64(), e.as_f64(), num as usize, endpoint, dt)
    }
    .py()?;
    PyNdArray::wrap(py, a)
}

/// `eye(n_rows, n_cols=None, /, *, k=0, dtype=None)` (Array API), also with NumPy's `N=`/`M=`.
#[pyfunction]
#[pyo3(signature = (n_rows=None, n_cols=None, /, *, k=0, dtype=None, device=None, N=None, M=None))]
#[allow(non_snake_case)]
pub fn eye(
    py: Python<'_>,
    n_rows: Option<isize>,
    n_cols: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    N: Option<isize>,
    M: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    check_device(device)?;
    let n = n_rows
        .or(N)
        .ok_or_else(|| PyTypeError::new_err("eye() missing required argument 'n_rows' (pos 1)"))?;
    let m = n_cols.or(M).unwrap_or(n);
    if n < 0 || m < 0 {
        return Err(PyValueError::new_err(format!(
            "negative dimensions are not allowed, got ({n}, {m})"
        )));
    }
    PyNdArray::wrap(
        py,
        creation::eye(n as usize, m as usize, k, default_float(dtype)?).py()?,
    )
}

/// Both operands of a binary function as arrays; a Python scalar is weak next to an array or a
/// NumPy scalar (NEP 50), two Python scalars take their default dtypes.
fn binary_operands(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>) -> PyResult<(Array, Array)> {
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

fn out_array<'py>(out: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Bound<'py, PyNdArray>>> {
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
    let r = maybe_detach(py, size, || fused_binary(first, &a, &b, second, &c)).py()?;
    Ok(PyNdArray::wrap(py, r)?.into_any())
}

/// How many `fused_binary` calls ran as one pass (for tests: which loop ran).
#[pyfunction]
pub fn _fused_count() -> usize {
    FUSED_RUNS.load(std::sync::atomic::Ordering::Relaxed)
}

/// A comparison of an integer array with a Python int outside its dtype's range, on either
/// side: a constant result (see `operators::compare_out_of_range`).
fn compare_with_out_of_range_int(
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
fn run_with_out(
    py: Python<'_>,
    size: usize,
    out: Option<&Bound<'_, PyAny>>,
    f: impl Fn(Option<&Array>) -> arrpy_core::Result<Array> + Send + Sync,
) -> PyResult<Py<PyAny>> {
    match out_array(out)? {
        Some(o) => {
            let target = o.borrow().inner().clone();
            maybe_detach(py, size, || f(Some(&target))).py()?;
            Ok(o.into_any().unbind())
        }
        None => Ok(PyNdArray::wrap(py, maybe_detach(py, size, || f(None)).py()?)?.into_any()),
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
    arrpy_core::kernels::simd_level()
}

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
    canonical(py, weak_scalar_dtype(s, dtype_from_py(partner)?)?)
}
