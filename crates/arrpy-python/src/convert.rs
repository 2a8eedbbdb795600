//! Python objects ⇄ arrays and scalars: nested sequences, Python scalars, buffer exporters.

use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::dtype::integer_range;
use arrpy_core::{Array, DType, Scalar};
use num_complex::Complex64;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyList, PyString, PyTuple};

/// A Python scalar (bool, int, float, complex, or a NumPy scalar), if `obj` is one.
pub fn scalar_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Some(Scalar::Float(f.value())));
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Some(Scalar::Bool(obj.is_truthy()?)));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_scalar(obj).map(Some);
    }
    if let Ok(c) = obj.cast::<PyComplex>() {
        return Ok(Some(Scalar::Complex(Complex64::new(c.real(), c.imag()))));
    }
    // NumPy scalars (np.float32(1), np.int8(3), …): take their Python value.
    if obj.hasattr("dtype")?
        && obj.hasattr("item")?
        && !obj.is_instance_of::<PyNdArray>()
        && obj
            .getattr("shape")
            .map(|s| s.len().unwrap_or(1) == 0)
            .unwrap_or(false)
    {
        let value = obj.call_method0("item")?;
        if !value.is(obj) {
            return scalar_from_py(&value);
        }
    }
    Ok(None)
}

fn int_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Scalar::Int(i));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Scalar::UInt(u));
    }
    Err(PyOverflowError::new_err(format!(
        "Python integer {} out of bounds for int64 and uint64",
        obj.str()?
    )))
}

/// Python value of one element.
pub fn scalar_to_py(py: Python<'_>, s: Scalar) -> PyResult<Py<PyAny>> {
    Ok(match s {
        Scalar::Bool(b) => PyBool::new(py, b).to_owned().into_any().unbind(),
        Scalar::Int(i) => i.into_pyobject(py)?.into_any().unbind(),
        Scalar::UInt(u) => u.into_pyobject(py)?.into_any().unbind(),
        Scalar::Float(f) => PyFloat::new(py, f).into_any().unbind(),
        Scalar::Complex(c) => PyComplex::from_doubles(py, c.re, c.im).into_any().unbind(),
    })
}

/// Checks that a Python integer fits `dtype` (NumPy 2 raises instead of wrapping).
pub fn check_int_fits(value: Scalar, dtype: DType) -> PyResult<()> {
    if let (Some(v), Some((lo, hi))) = (value.as_i128(), integer_range(dtype)) {
        if dtype != DType::Bool && !(lo..=hi).contains(&v) && !matches!(value, Scalar::Bool(_)) {
            return Err(PyOverflowError::new_err(format!(
                "Python integer {v} out of bounds for {}",
                dtype.name()
            )));
        }
    }
    Ok(())
}

/// Ranks for dtype inference of nested sequences: bool < int < float < complex.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Bool,
    Int,
    UInt,
    Float,
    Complex,
}

struct Collector {
    values: Vec<Scalar>,
    rank: Rank,
    has_negative: bool,
    /// An element that was itself an array: its dtype joins the inference.
    array_dtype: Option<DType>,
}

/// Shape of a nested list/tuple, read down its first elements.
fn nested_shape(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let mut shape = Vec::new();
    let mut cur = obj.clone();
    loop {
        if let Ok(l) = cur.cast::<PyList>() {
            shape.push(l.len());
            if l.is_empty() {
                break;
            }
            cur = l.get_item(0)?;
        } else if let Ok(t) = cur.cast::<PyTuple>() {
            shape.push(t.len());
            if t.is_empty() {
                break;
            }
            cur = t.get_item(0)?;
        } else if let Ok(a) = cur.cast::<PyNdArray>() {
            shape.extend_from_slice(a.borrow().inner().shape());
            break;
        } else {
            break;
        }
    }
    Ok(shape)
}

fn ragged(depth: usize, shape: &[usize]) -> PyErr {
    PyValueError::new_err(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
        arrpy_core::layout::format_shape(&shape[..depth.min(shape.len())])
    ))
}

fn collect(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    shape: &[usize],
    c: &mut Collector,
) -> PyResult<()> {
    if depth < shape.len() {
        let want = shape[depth];
        let items: Vec<Bound<'_, PyAny>> = if let Ok(l) = obj.cast::<PyList>() {
            if l.len() != want {
                return Err(ragged(depth, shape));
            }
            // Fast path: a flat list of floats (the common case of big inputs).
            if depth + 1 == shape.len() && want > 0 {
                let start = c.values.len();
                let all_float = l.iter().all(|item| match item.cast::<PyFloat>() {
                    Ok(f) => {
                        c.values.push(Scalar::Float(f.value()));
                        true
                    }
                    Err(_) => false,
                });
                if all_float {
                    c.rank = c.rank.max(Rank::Float);
                    return Ok(());
                }
                c.values.truncate(start);
            }
            l.iter().collect()
        } else if let Ok(t) = obj.cast::<PyTuple>() {
            if t.len() != want {
                return Err(ragged(depth, shape));
            }
            t.iter().collect()
        } else if let Ok(a) = obj.cast::<PyNdArray>() {
            let a = a.borrow();
            if a.inner().shape() != &shape[depth..] {
                return Err(ragged(depth, shape));
            }
            c.values.extend(a.inner().to_scalars());
            c.array_dtype = Some(match c.array_dtype {
                Some(d) => arrpy_core::promote_types(d, a.inner().dtype()),
                None => a.inner().dtype(),
            });
            return Ok(());
        } else {
            return Err(ragged(depth, shape));
        };
        for item in &items {
            collect(item, depth + 1, shape, c)?;
        }
        return Ok(());
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Err(ragged(depth, shape));
    }
    match scalar_from_py(obj)? {
        Some(s) => {
            let r = match s {
                Scalar::Bool(_) => Rank::Bool,
                Scalar::Int(i) => {
                    c.has_negative |= i < 0;
                    Rank::Int
                }
                Scalar::UInt(_) => Rank::UInt,
                Scalar::Float(_) => Rank::Float,
                Scalar::Complex(_) => Rank::Complex,
            };
            c.rank = c.rank.max(r);
            c.values.push(s);
            Ok(())
        }
        None if obj.is_instance_of::<PyString>() => Err(PyTypeError::new_err(format!(
            "arrpy arrays hold numbers only; got the string {}",
            obj.repr()?
        ))),
        None => Err(PyTypeError::new_err(format!(
            "cannot convert an object of type '{}' to an array element",
            obj.get_type().name()?
        ))),
    }
}

/// An array from nested lists/tuples of scalars (or a single scalar).
pub fn array_from_nested(obj: &Bound<'_, PyAny>, dtype: Option<DType>) -> PyResult<Array> {
    let shape = nested_shape(obj)?;
    let mut c = Collector {
        values: Vec::new(),
        rank: Rank::Bool,
        has_negative: false,
        array_dtype: None,
    };
    collect(obj, 0, &shape, &mut c)?;
    let inferred = match c.rank {
        _ if c.values.is_empty() && c.array_dtype.is_none() => DType::Float64,
        Rank::Bool => DType::Bool,
        Rank::Int => DType::Int64,
        Rank::UInt if c.has_negative => {
            return Err(PyOverflowError::new_err(
                "Python integers too large for int64 mixed with negative ones",
            ))
        }
        Rank::UInt => DType::UInt64,
        Rank::Float => DType::Float64,
        Rank::Complex => DType::Complex128,
    };
    let inferred = match c.array_dtype {
        Some(d) if c.rank == Rank::Bool => d,
        Some(d) => arrpy_core::promote_types(d, inferred),
        None => inferred,
    };
    let dtype = dtype.unwrap_or(inferred);
    if dtype.is_integer() {
        for &v in &c.values {
            if matches!(v, Scalar::Int(_) | Scalar::UInt(_)) {
                check_int_fits(v, dtype)?;
            }
        }
    }
    array_from_scalars(&c.values, &shape, dtype).py()
}

/// Fills a new array of `dtype` from scalars in C order.
fn array_from_scalars(
    values: &[Scalar],
    shape: &[usize],
    dtype: DType,
) -> arrpy_core::Result<Array> {
    use arrpy_core::Element;
    arrpy_core::with_dtype!(dtype, T => {
        let data: Vec<T> = values.iter().map(|&s| T::from_scalar(s)).collect();
        Array::from_vec(data, shape)
    })
}

/// `tolist()`: nested Python lists of Python scalars (a bare scalar for 0-d arrays).
pub fn to_list(py: Python<'_>, a: &Array) -> PyResult<Py<PyAny>> {
    let scalars = a.to_scalars();
    if a.ndim() == 0 {
        return scalar_to_py(py, scalars[0]);
    }
    fn build(py: Python<'_>, shape: &[usize], values: &[Scalar]) -> PyResult<Py<PyAny>> {
        if shape.len() == 1 {
            let items = values
                .iter()
                .map(|&s| scalar_to_py(py, s))
                .collect::<PyResult<Vec<_>>>()?;
            return Ok(PyList::new(py, items)?.into_any().unbind());
        }
        let step: usize = shape[1..].iter().product();
        let items = (0..shape[0])
            .map(|i| build(py, &shape[1..], &values[i * step..(i + 1) * step]))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any().unbind())
    }
    build(py, a.shape(), &scalars)
}
