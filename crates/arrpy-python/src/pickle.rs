//! Pickling: `ndarray.__reduce_ex__` and `_reconstruct`, the function a pickle calls to
//! rebuild an array. (A dtype pickles by name: `dtype.__reduce__` in `dtype.rs`.)
//!
//! NumPy's rules, which arrpy follows:
//! - protocol 5 and a C- or F-contiguous array: the data travels as a `pickle.PickleBuffer` over
//!   the array's own memory, so a `buffer_callback` takes it out of band without a copy, and the
//!   rebuilt array views whatever buffer `pickle.loads` hands back (read-only where that is). In
//!   band, pickle writes a read-only buffer as `bytes` and a writeable one as `bytearray`, so the
//!   flag round-trips.
//! - protocols 2–4, and views in no memory order: the data travels in band as `bytes` in C order
//!   (F order for an F-contiguous array), and the rebuilt array is a writeable copy.
//!
//! `_reconstruct` trusts nothing in a pickle: the dtype name, the shape (no negatives, no size
//! overflow, at most 64 dimensions), the order and the data's exact length are checked before
//! anything is allocated, and the only allocation is the copy of data already in memory.

use crate::dtype::canonical;
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use crate::python_calls;
use arrpy_core::ops::io;
use arrpy_core::ops::manipulate::order::{self, Order};
use arrpy_core::{Array, DType};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMemoryView, PyString, PyTuple};

/// NumPy's limit on dimensions (`NPY_MAXDIMS`).
const MAX_DIMS: usize = 64;

/// The `(callable, args)` pair pickle stores: `_reconstruct(data, dtype, shape, order, copy)`.
type Reduced<'py> = (Bound<'py, PyAny>, Bound<'py, PyTuple>);

/// The data of `a` as one `bytes` object, in F order when `fortran`, else in C order.
fn compact_bytes<'py>(py: Python<'py>, a: &Array, fortran: bool) -> PyResult<Bound<'py, PyBytes>> {
    // An array contiguous in that order is copied straight into the bytes object.
    let whole = if a.is_c_contiguous() {
        Some(a.clone())
    } else if fortran && a.is_f_contiguous() {
        Some(a.transpose(None).py()?)
    } else {
        None
    };
    if let Some(whole) = whole {
        return Ok(PyBytes::new(py, io::npy::contiguous_bytes(&whole).py()?));
    }
    // Otherwise one pass over blocks of rows copied C-contiguous (`for_each_piece`).
    let mut fill_error = None;
    let bytes = PyBytes::new_with(py, a.nbytes(), |dst| {
        let mut at = 0;
        let result = io::for_each_piece(a, fortran, |piece| {
            let src = io::npy::contiguous_bytes(piece)?;
            // The pieces add up to `nbytes`; `get_mut` keeps a broken promise from panicking.
            let slot = dst.get_mut(at..at + src.len()).ok_or_else(|| {
                arrpy_core::Error::Value("array pieces overrun the pickled data".into())
            })?;
            slot.copy_from_slice(src);
            at += src.len();
            Ok(())
        });
        fill_error = result.err();
        Ok(())
    })?;
    match fill_error {
        Some(e) => Err(e).py(),
        None => Ok(bytes),
    }
}

fn reduce<'py>(slf: &Bound<'py, PyNdArray>, protocol: i64) -> PyResult<Reduced<'py>> {
    let py = slf.py();
    let a = slf.get().inner();
    let dtype = a.dtype().name();
    let shape = PyTuple::new(py, a.shape())?;
    let (c_contig, f_contig) = (a.is_c_contiguous(), a.is_f_contiguous());
    let args = if protocol >= 5 && (c_contig || f_contig) {
        // An F-ordered array lends its transpose, which is C-contiguous over the same memory.
        let (lender, order) = if c_contig {
            (slf.clone().into_any(), "C")
        } else {
            let t = PyNdArray::wrap_view(slf, a.transpose(None).py()?)?;
            (t.into_bound(py).into_any(), "F")
        };
        let data = python_calls::pickle_buffer_class(py)?.call1((lender,))?;
        (data, dtype, shape, order, false).into_pyobject(py)?
    } else {
        let fortran = io::npy::is_fortran_order(&a);
        let data = compact_bytes(py, &a, fortran)?.into_any();
        let order = if fortran { "F" } else { "C" };
        (data, dtype, shape, order, true).into_pyobject(py)?
    };
    Ok((python_calls::reconstructor(py)?.clone(), args))
}

#[pymethods]
impl PyNdArray {
    /// Pickle support (see the module comment for the rules per protocol).
    fn __reduce_ex__<'py>(slf: &Bound<'py, Self>, protocol: i64) -> PyResult<Reduced<'py>> {
        reduce(slf, protocol)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        reduce(slf, 2)
    }
}

/// A pickled shape, checked: integers, none negative, at most 64 of them, and `itemsize` times
/// their product within `isize::MAX` bytes (NumPy's messages).
fn checked_shape(shape: &Bound<'_, PyAny>, itemsize: usize) -> PyResult<Vec<usize>> {
    let dims: Vec<i64> = shape
        .cast::<PyTuple>()
        .map_err(|_| PyTypeError::new_err("a pickled array's shape must be a tuple of integers"))?
        .iter()
        .map(|d| {
            d.extract::<i64>().map_err(|_| {
                PyValueError::new_err(format!(
                    "a pickled array's shape must hold integers that fit in 64 bits, got {}",
                    d.repr().map(|r| r.to_string()).unwrap_or_default()
                ))
            })
        })
        .collect::<PyResult<_>>()?;
    if dims.len() > MAX_DIMS {
        return Err(PyValueError::new_err(format!(
            "maximum supported dimension for an ndarray is currently {MAX_DIMS}, found {}",
            dims.len()
        )));
    }
    let mut bytes = itemsize as u128;
    let mut out = Vec::with_capacity(dims.len());
    for &d in &dims {
        let d = usize::try_from(d).map_err(|_| {
            PyValueError::new_err(format!("negative dimensions are not allowed, got {d}"))
        })?;
        // NumPy checks the product of the nonzero dimensions, so (0, 2**62, 2**62) is too big.
        bytes = bytes.saturating_mul(d.max(1) as u128);
        if bytes > isize::MAX as u128 {
            return Err(PyValueError::new_err(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            ));
        }
        out.push(d);
    }
    Ok(out)
}

/// Rebuilds a pickled array from `data` (any buffer exporter: a `PickleBuffer`, `bytes`,
/// `bytearray`), the dtype's name, the shape and the order ('C' or 'F') of the data. With
/// `copy`, the array owns a writeable copy; without it, the array views `data`'s memory and is
/// read-only where `data` is. Everything is checked before any memory is allocated.
#[pyfunction]
#[pyo3(signature = (data, dtype, shape, order, copy, /))]
pub fn _reconstruct(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    dtype: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    order: &str,
    copy: bool,
) -> PyResult<Py<PyNdArray>> {
    let name = dtype.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "a pickled array's dtype must be a name, got {}",
            dtype.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })?;
    let dtype = DType::from_name(name.to_str()?).py()?;
    let dims = checked_shape(shape, dtype.itemsize())?;
    let fortran = match order {
        "C" => false,
        "F" => true,
        other => {
            return Err(PyValueError::new_err(format!(
                "a pickled array's order must be 'C' or 'F', got {other:?}"
            )))
        }
    };
    let need = dims.iter().product::<usize>() * dtype.itemsize();
    let have: usize = PyMemoryView::from(data)
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "a pickled array's data must be a bytes-like object, not '{}'",
                data.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?
        .getattr("nbytes")?
        .extract()?;
    if have != need {
        return Err(PyValueError::new_err(format!(
            "pickled array data holds {have} bytes, but an array of shape {} and dtype {} needs {need}",
            shape.repr()?,
            dtype.name()
        )));
    }
    let flat = crate::interop::frombuffer(
        py,
        data,
        Some(&canonical(py, dtype)?.into_any().into_bound(py)),
        -1,
        0,
    )?;
    let flat_array = flat.get().inner();
    let shaped = if fortran {
        let reversed: Vec<isize> = dims.iter().rev().map(|&d| d as isize).collect();
        flat_array
            .reshape_view(&reversed)
            .py()?
            .transpose(None)
            .py()?
    } else {
        let dims: Vec<isize> = dims.iter().map(|&d| d as isize).collect();
        flat_array.reshape_view(&dims).py()?
    };
    if copy {
        let owned = py.detach(|| order::copy_in(&shaped, Order::K, None)).py()?;
        return PyNdArray::wrap(py, owned);
    }
    Py::new(py, PyNdArray::new(shaped, Some(data.clone().unbind())))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_reconstruct, m)?)
}
