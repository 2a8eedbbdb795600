//! `einsum`, `einsum_path`, `linalg.multi_dot` and `linalg.matrix_power` (`ops::linalg` in
//! core). The Python layer (`_products.py`, `linalg.py`) turns einsum's interleaved form into
//! subscripts and raises `LinAlgError`; these read the operands and the keywords.

use super::by_name::run_with_out;
use super::creation::to_array;
use crate::errors::IntoPyResult;
use crate::ndarray::{optional_dtype, PyNdArray};
use crate::operators::maybe_detach;
use arrpy_core::ops::linalg::{self, einsum::Optimize, einsum::Options};
use arrpy_core::{Array, Casting};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString, PyTuple};

fn arrays(operands: &Bound<'_, PyTuple>) -> PyResult<Vec<Array>> {
    operands.iter().map(|x| Ok(to_array(&x, None)?.0)).collect()
}

fn total_size(arrays: &[Array]) -> usize {
    arrays
        .iter()
        .map(Array::size)
        .fold(0, usize::saturating_add)
}

/// `optimize=`: False or None, True (greedy), `'greedy'`, `'optimal'`, either with a memory
/// limit (`('greedy', 10**6)`), or a path as `einsum_path` returns it
/// (`['einsum_path', (0, 1), ...]`).
fn optimize_arg(x: &Bound<'_, PyAny>) -> PyResult<Optimize> {
    if x.is_none() {
        return Ok(Optimize::Off);
    }
    if x.is_instance_of::<PyBool>() {
        return Ok(if x.extract::<bool>()? {
            Optimize::Greedy(None)
        } else {
            Optimize::Off
        });
    }
    if let Ok(name) = x.cast::<PyString>() {
        return match name.to_str()? {
            "greedy" => Ok(Optimize::Greedy(None)),
            "optimal" => Ok(Optimize::Optimal(None)),
            other => Err(PyKeyError::new_err(format!("Path name {other} not found"))),
        };
    }
    let bad = || {
        PyTypeError::new_err(
            "Did not understand the path (optimize): expected False, True, 'greedy', 'optimal' or a list ['einsum_path', (0, 1), ...]",
        )
    };
    let items: Vec<Bound<'_, PyAny>> = x.try_iter().map_err(|_| bad())?.collect::<PyResult<_>>()?;
    // (name, memory limit): the most elements an intermediate may have.
    if let [name, limit] = items.as_slice() {
        if let (Ok(name), Ok(limit)) = (name.cast::<PyString>(), limit.extract::<f64>()) {
            let limit = Some(limit.trunc());
            return match name.to_str()? {
                "greedy" => Ok(Optimize::Greedy(limit)),
                "optimal" => Ok(Optimize::Optimal(limit)),
                other => Err(PyKeyError::new_err(format!("Path name {other} not found"))),
            };
        }
    }
    match items.split_first() {
        Some((head, steps)) if head.extract::<String>().ok().as_deref() == Some("einsum_path") => {
            let steps = steps
                .iter()
                .map(|s| s.extract::<Vec<usize>>().map_err(|_| bad()))
                .collect::<PyResult<_>>()?;
            Ok(Optimize::Path(steps))
        }
        _ => Err(bad()),
    }
}

/// `_einsum(subscripts, operands, out, dtype, casting, optimize)`.
#[pyfunction]
#[pyo3(signature = (subscripts, operands, out=None, dtype=None, casting="safe", optimize=None))]
pub fn _einsum(
    py: Python<'_>,
    subscripts: &str,
    operands: &Bound<'_, PyTuple>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
    optimize: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let operands = arrays(operands)?;
    let dtype = optional_dtype(dtype)?;
    let casting = Casting::from_name(casting).py()?;
    let optimize = match optimize {
        Some(x) => optimize_arg(x)?,
        None => Optimize::Off,
    };
    run_with_out(py, total_size(&operands), out, |out| {
        let options = Options {
            out,
            dtype,
            casting,
            optimize: optimize.clone(),
        };
        linalg::einsum(subscripts, &operands, &options)
    })
}

/// One step of a path as `einsum_path(einsum_call=True)` lists it: (positions, subscripts,
/// remaining subscripts).
type Step = (Vec<usize>, String, Vec<String>);

/// `_einsum_path(subscripts, operands, optimize)`: the steps as tuples, the report, and the
/// steps as NumPy's contraction list.
#[pyfunction]
#[pyo3(signature = (subscripts, operands, optimize=None))]
pub fn _einsum_path(
    subscripts: &str,
    operands: &Bound<'_, PyTuple>,
    optimize: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Vec<Vec<usize>>, String, Vec<Step>)> {
    let operands = arrays(operands)?;
    let optimize = match optimize {
        Some(x) => optimize_arg(x)?,
        None => Optimize::Greedy(None),
    };
    let (steps, report, contractions) =
        linalg::einsum_path(subscripts, &operands, &optimize).py()?;
    let contractions = contractions
        .into_iter()
        .map(|c| (c.positions, c.subscripts, c.remaining))
        .collect();
    Ok((steps, report, contractions))
}

/// `_multi_dot(arrays, out)`: three or more arrays (ends 1-d or 2-d, the rest 2-d).
#[pyfunction]
#[pyo3(signature = (arrays, out=None))]
pub fn _multi_dot(
    py: Python<'_>,
    arrays: &Bound<'_, PyTuple>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let arrays = self::arrays(arrays)?;
    let result = match super::by_name::out_array(out)? {
        Some(o) => {
            let target = o.borrow().inner().clone();
            maybe_detach(py, total_size(&arrays), || {
                linalg::multi_dot(&arrays, Some(&target))
            })
        }
        None => maybe_detach(py, total_size(&arrays), || linalg::multi_dot(&arrays, None)),
    };
    Ok(PyNdArray::wrap(py, result.py()?)?.into_any())
}

/// `_matrix_power(a, n)` for `n >= 0`.
#[pyfunction]
#[pyo3(signature = (a, n))]
pub fn _matrix_power(py: Python<'_>, a: &Bound<'_, PyAny>, n: u64) -> PyResult<Py<PyNdArray>> {
    let (a, _) = to_array(a, None)?;
    let r = maybe_detach(py, a.size(), || linalg::matrix_power(&a, n)).py()?;
    PyNdArray::wrap(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_einsum, m)?)?;
    m.add_function(wrap_pyfunction!(_einsum_path, m)?)?;
    m.add_function(wrap_pyfunction!(_multi_dot, m)?)?;
    m.add_function(wrap_pyfunction!(_matrix_power, m)?)
}
