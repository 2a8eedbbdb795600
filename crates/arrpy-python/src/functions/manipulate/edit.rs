//! Triangles, diagonals, padding and edits: tril, triu, diag, diagflat, pad, delete, insert,
//! resize, trim_zeros.

use super::array_result;
use crate::convert::scalar_from_py;
use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::{axis_arg, shape_arg, PyNdArray};
use arrpy_core::index::Slice;
use arrpy_core::ops::manipulate::edit::{self, DeleteSpec, InsertSpec};
use arrpy_core::ops::manipulate::pad::{self as padding, PadMode, PadStat};
use arrpy_core::ops::manipulate::tri;
use arrpy_core::{DType, Scalar};
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PySlice;

/// Copy with the elements above the k-th diagonal (of the last two axes) zeroed.
///
/// >>> ap.tril(ap.asarray([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
/// array([[1, 0, 0],
///        [4, 5, 0],
///        [7, 8, 9]])
#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn tril(m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    array_result(m, |a| tri::triangle(a, k, false))
}

/// Copy with the elements below the k-th diagonal (of the last two axes) zeroed.
///
/// >>> ap.triu(ap.asarray([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), k=1)
/// array([[0, 2, 3],
///        [0, 0, 6],
///        [0, 0, 0]])
#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn triu(m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    array_result(m, |a| tri::triangle(a, k, true))
}

/// A 2-d array with the 1-d `v` on its k-th diagonal, or the k-th diagonal of a 2-d `v` (a read-only view).
///
/// >>> ap.diag(ap.asarray([1, 2])), ap.diag(ap.asarray([[1, 2], [3, 4]]))
/// (array([[1, 0],
///        [0, 2]]), array([1, 4]))
#[pyfunction]
#[pyo3(signature = (v, k=0))]
pub fn diag(v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    array_result(v, |a| tri::diag(a, k))
}

/// The flattened `v` on the k-th diagonal of a new 2-d array.
///
/// >>> ap.diagflat(ap.asarray([[1, 2]]), k=1)
/// array([[0, 1, 0],
///        [0, 0, 2],
///        [0, 0, 0]])
#[pyfunction]
#[pyo3(signature = (v, k=0))]
pub fn diagflat(v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    array_result(v, |a| tri::diagflat(a, k))
}

/// A pad argument as rows of one or two values: `v`, `(b, a)` or `((b0, a0), (b1, a1), ...)`.
fn rows<'py, T>(
    obj: &Bound<'py, PyAny>,
    item: impl Fn(&Bound<'py, PyAny>) -> PyResult<Option<T>>,
) -> PyResult<Vec<Vec<T>>> {
    if let Some(v) = item(obj)? {
        return Ok(vec![vec![v]]);
    }
    let bad = || {
        let r = obj.repr().map(|r| r.to_string()).unwrap_or_default();
        PyTypeError::new_err(format!("unsupported pad argument {r}"))
    };
    let seq = |x: &Bound<'py, PyAny>| -> PyResult<Vec<Bound<'py, PyAny>>> {
        x.try_iter().map_err(|_| bad())?.collect()
    };
    let outer = seq(obj)?;
    let flat: Vec<Option<T>> = outer.iter().map(&item).collect::<PyResult<_>>()?;
    if flat.iter().all(Option::is_some) {
        return Ok(vec![flat.into_iter().flatten().collect()]);
    }
    outer
        .iter()
        .map(|row| seq(row)?.iter().map(|y| item(y)?.ok_or_else(bad)).collect())
        .collect()
}

fn int_item(x: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    if x.is_instance_of::<pyo3::types::PyFloat>() {
        return Err(PyTypeError::new_err(
            "`pad_width` must be of integral type.",
        ));
    }
    Ok(x.extract::<i64>().ok())
}

fn scalar_item(x: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    scalar_from_py(x)
}

fn length_item(x: &Bound<'_, PyAny>) -> PyResult<Option<Option<usize>>> {
    if x.is_none() {
        return Ok(Some(None));
    }
    match x.extract::<i64>() {
        Ok(v) => usize::try_from(v)
            .map(|v| Some(Some(v)))
            .map_err(|_| PyValueError::new_err("index can't contain negative values")),
        Err(_) => Ok(None),
    }
}

/// `array` padded by `pad_width` in NumPy's string modes (constant, edge, wrap, reflect, symmetric, linear_ramp, minimum, maximum, mean, median, empty); the Python layer runs a callable mode.
#[pyfunction]
#[pyo3(signature = (array, pad_width, mode="constant", *, constant_values=None, end_values=None, stat_length=None, reflect_type="even"))]
#[allow(clippy::too_many_arguments)]
pub fn pad(
    array: &Bound<'_, PyAny>,
    pad_width: &Bound<'_, PyAny>,
    mode: &str,
    constant_values: Option<&Bound<'_, PyAny>>,
    end_values: Option<&Bound<'_, PyAny>>,
    stat_length: Option<&Bound<'_, PyAny>>,
    reflect_type: &str,
) -> PyResult<Py<PyNdArray>> {
    let (a, _) = to_array(array, None)?;
    let nd = a.ndim();
    let widths = padding::pad_widths(&rows(pad_width, int_item)?, nd).py()?;
    let values =
        |v: Option<&Bound<'_, PyAny>>, name: &str| -> PyResult<(Vec<(Scalar, Scalar)>, bool)> {
            match v {
                Some(v) if !v.is_none() => {
                    let rows = rows(v, scalar_item)?;
                    Ok((
                        padding::as_pairs(&rows, nd, name).py()?,
                        padding::pairs_are_weak(&rows),
                    ))
                }
                _ => Ok((vec![(Scalar::Int(0), Scalar::Int(0)); nd], false)),
            }
        };
    let given = |v: Option<&Bound<'_, PyAny>>| v.is_some_and(|v| !v.is_none());
    let unsupported = |names: &[(&str, bool)]| -> PyResult<()> {
        let bad: Vec<String> = names
            .iter()
            .filter(|(_, g)| *g)
            .map(|(n, _)| format!("'{n}'"))
            .collect();
        if bad.is_empty() {
            return Ok(());
        }
        Err(PyValueError::new_err(format!(
            "unsupported keyword arguments for mode '{mode}': {{{}}}",
            bad.join(", ")
        )))
    };
    // Each mode takes only its own keyword (NumPy refuses the others).
    unsupported(&[
        (
            "constant_values",
            given(constant_values) && mode != "constant",
        ),
        ("end_values", given(end_values) && mode != "linear_ramp"),
        (
            "stat_length",
            given(stat_length) && !["minimum", "maximum", "mean", "median"].contains(&mode),
        ),
    ])?;
    let stats = |stat: PadStat| -> PyResult<PadMode> {
        let lengths = match stat_length {
            Some(s) if !s.is_none() => {
                padding::as_pairs(&rows(s, length_item)?, nd, "stat_length").py()?
            }
            _ => vec![(None, None); nd],
        };
        Ok(PadMode::Stat(stat, lengths))
    };
    let mode = match mode {
        "constant" => PadMode::Constant(values(constant_values, "constant_values")?.0),
        "empty" => PadMode::Constant(vec![(Scalar::Int(0), Scalar::Int(0)); nd]),
        "edge" => PadMode::Edge,
        "wrap" => PadMode::Wrap,
        "reflect" | "symmetric" if reflect_type == "odd" => {
            PadMode::OddReflect(mode == "symmetric")
        }
        "reflect" | "symmetric" => {
            if reflect_type != "even" {
                return Err(PyValueError::new_err(format!(
                    "reflect_type must be 'even' or 'odd', got '{reflect_type}'"
                )));
            }
            if mode == "reflect" {
                PadMode::Reflect
            } else {
                PadMode::Symmetric
            }
        }
        "linear_ramp" => {
            let (ends, weak) = values(end_values, "end_values")?;
            PadMode::LinearRamp(ends, weak)
        }
        "minimum" => stats(PadStat::Minimum)?,
        "maximum" => stats(PadStat::Maximum)?,
        "mean" => stats(PadStat::Mean)?,
        "median" => stats(PadStat::Median)?,
        other => {
            return Err(PyValueError::new_err(format!(
                "mode '{other}' is not supported"
            )))
        }
    };
    array_result(array, |x| padding::pad(x, &widths, &mode))
}

/// A copy without the positions `obj` (ints or a boolean mask) along `axis` (flattened when None).
#[pyfunction]
#[pyo3(signature = (arr, obj, axis=None))]
pub fn delete(
    arr: &Bound<'_, PyAny>,
    obj: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let (o, _) = to_array(obj, None)?;
    let spec = if o.dtype() == arrpy_core::DType::Bool {
        DeleteSpec::Mask(
            o.to_scalars()
                .py()?
                .iter()
                .map(|s| matches!(s, Scalar::Bool(true)))
                .collect(),
        )
    } else {
        if !(o.dtype().is_integer() || o.size() == 0) {
            return Err(PyTypeError::new_err(
                "index arrays to delete must be integers",
            ));
        }
        let scalars = o.to_scalars().py()?;
        let idx = scalars.iter().map(|s| match *s {
            Scalar::Int(i) => i as isize,
            Scalar::UInt(u) => isize::try_from(u).unwrap_or(isize::MAX),
            _ => 0,
        });
        DeleteSpec::Indices(idx.collect())
    };
    array_result(arr, |a| edit::delete(a, &spec, axis))
}

/// A copy with `values` inserted before the positions `obj` along `axis` (flattened when None).
///
/// >>> ap.insert(ap.asarray([1, 2, 3]), 1, 9)
/// array([1, 9, 2, 3])
#[pyfunction]
#[pyo3(signature = (arr, obj, values, axis=None))]
pub fn insert(
    arr: &Bound<'_, PyAny>,
    obj: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let spec = insert_spec(obj)?;
    let (a, _) = to_array(arr, None)?;
    let (v, _) = to_array(values, Some(a.dtype()))?;
    array_result(arr, |x| edit::insert(x, &spec, &v, axis))
}

/// insert's `obj` as NumPy 2 reads it: a slice; a boolean array of one dimension as a mask
/// (ValueError for other dimensions); integers of at most one dimension, with their dtype (an
/// empty list or tuple is intp; an empty array keeps its dtype, so an empty float array cannot
/// index, as in NumPy). A Python bool is a 0-d boolean (NumPy's own check fails there with an
/// AttributeError; README lists it).
fn insert_spec(obj: &Bound<'_, PyAny>) -> PyResult<InsertSpec> {
    if let Ok(s) = obj.cast::<PySlice>() {
        let int = |v: Bound<'_, PyAny>| -> PyResult<Option<isize>> {
            if v.is_none() {
                return Ok(None);
            }
            v.extract().map(Some).map_err(|_| {
                PyTypeError::new_err(
                    "slice indices must be integers or None or have an __index__ method",
                )
            })
        };
        let slice = Slice::new(
            int(s.getattr("start")?)?,
            int(s.getattr("stop")?)?,
            int(s.getattr("step")?)?,
        );
        return Ok(InsertSpec::Slice(slice));
    }
    let (o, source) = to_array(obj, None)?;
    let scalars = || o.to_scalars().py();
    if o.dtype() == DType::Bool {
        if o.ndim() != 1 {
            return Err(PyValueError::new_err(
                "boolean array argument obj to insert must be one dimensional",
            ));
        }
        let mask = scalars()?;
        let mask = mask.iter().map(|s| matches!(s, Scalar::Bool(true)));
        return Ok(InsertSpec::Mask(mask.collect()));
    }
    if o.ndim() > 1 {
        return Err(PyValueError::new_err(
            "index array argument obj to insert must be one dimensional or scalar",
        ));
    }
    // NumPy takes an empty sequence as intp indices, but an empty array keeps its dtype.
    let dtype = if o.size() == 0 && source.is_none() {
        DType::Int64
    } else {
        o.dtype()
    };
    if !dtype.is_integer() {
        // One index is used as a slice bound; more (or none) index the new axis.
        return Err(if o.size() == 1 {
            PyTypeError::new_err(format!(
                "slice indices must be integers or None or have an __index__ method, got \
                 dtype {}",
                dtype.name()
            ))
        } else {
            PyIndexError::new_err(format!(
                "arrays used as indices must be of integer (or boolean) type, got dtype {}",
                dtype.name()
            ))
        });
    }
    // An index past isize::MAX is out of bounds for any axis: isize::MAX says so.
    let idx: Vec<isize> = scalars()?
        .iter()
        .map(|s| match *s {
            Scalar::Int(i) => isize::try_from(i).unwrap_or(isize::MAX),
            Scalar::UInt(u) => isize::try_from(u).unwrap_or(isize::MAX),
            _ => 0,
        })
        .collect();
    Ok(match (o.ndim(), idx.as_slice()) {
        (0, &[i]) => InsertSpec::Scalar(i),
        _ => InsertSpec::Indices(idx, dtype),
    })
}

/// The flattened `a` repeated or cut to fill `new_shape`.
///
/// >>> ap.resize(ap.asarray([1, 2, 3]), (2, 4))
/// array([[1, 2, 3, 1],
///        [2, 3, 1, 2]])
#[pyfunction]
#[pyo3(signature = (a, new_shape))]
pub fn resize(a: &Bound<'_, PyAny>, new_shape: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let shape = shape_arg(new_shape)?;
    array_result(a, |x| edit::resize(x, &shape))
}

/// A view without the leading ('f') and trailing ('b') all-zero hyperplanes.
///
/// >>> ap.trim_zeros(ap.asarray([0, 0, 1, 2, 0])), ap.trim_zeros(ap.asarray([0, 1, 0]), trim="b")
/// (array([1, 2]), array([0, 1]))
#[pyfunction]
#[pyo3(signature = (filt, trim="fb", axis=None))]
pub fn trim_zeros(
    filt: &Bound<'_, PyAny>,
    trim: &str,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let t = trim.to_ascii_lowercase();
    if !["f", "b", "fb", "bf"].contains(&t.as_str()) {
        return Err(PyValueError::new_err(format!(
            "unexpected character(s) in `trim`: '{trim}'"
        )));
    }
    let axes = axis_arg(axis)?;
    array_result(filt, |x| {
        edit::trim_zeros(x, t.contains('f'), t.contains('b'), axes.as_deref())
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for f in [
        wrap_pyfunction!(tril, m)?,
        wrap_pyfunction!(triu, m)?,
        wrap_pyfunction!(diag, m)?,
        wrap_pyfunction!(diagflat, m)?,
        wrap_pyfunction!(pad, m)?,
        wrap_pyfunction!(delete, m)?,
        wrap_pyfunction!(insert, m)?,
        wrap_pyfunction!(resize, m)?,
        wrap_pyfunction!(trim_zeros, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
