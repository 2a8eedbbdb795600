//! Python objects ⇄ arrays and scalars: nested sequences, Python scalars, buffer exporters.

use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::dtype::Kind;
use arrpy_core::inference::NestedInference;
use arrpy_core::layout::MAX_DIMS;
use arrpy_core::{Array, DType, Scalar};
use num_complex::Complex64;
use pyo3::exceptions::{PyIndexError, PyMemoryError, PyOverflowError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyList, PyString, PyTuple};
use smallvec::SmallVec;

/// A scalar operand and how it takes part in promotion (NEP 50): Python scalars are weak (they
/// take their partner's dtype when their kind fits); NumPy scalars and 0-d NumPy arrays are
/// strongly typed, like arrays. Every strong/weak decision goes through `scalar_operand`.
#[derive(Copy, Clone, Debug)]
pub enum ScalarOperand {
    Weak(Scalar),
    Typed(DType, Scalar),
}

impl ScalarOperand {
    pub fn value(self) -> Scalar {
        match self {
            ScalarOperand::Weak(s) | ScalarOperand::Typed(_, s) => s,
        }
    }
}

/// `obj` as a scalar operand, if it is one: a Python bool/int/float/complex (weak), or a NumPy
/// scalar or 0-d NumPy array (typed). Never calls back into itself, whatever `obj` does.
pub fn scalar_operand(obj: &Bound<'_, PyAny>) -> PyResult<Option<ScalarOperand>> {
    if let Ok(f) = obj.cast_exact::<PyFloat>() {
        return Ok(Some(ScalarOperand::Weak(Scalar::Float(f.value()))));
    }
    if obj.is_exact_instance_of::<PyInt>() {
        return int_scalar(obj).map(|s| Some(ScalarOperand::Weak(s)));
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Some(ScalarOperand::Weak(Scalar::Bool(obj.is_truthy()?))));
    }
    if obj.is_instance_of::<PyNdArray>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PyString>()
    {
        return Ok(None);
    }
    // Before the subclass checks: np.float64 subclasses float, np.complex128 complex.
    if let Some((dtype, value)) = numpy_scalar(obj)? {
        return Ok(Some(ScalarOperand::Typed(dtype, value)));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Some(ScalarOperand::Weak(Scalar::Float(f.value()))));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_scalar(obj).map(|s| Some(ScalarOperand::Weak(s)));
    }
    if let Ok(c) = obj.cast::<PyComplex>() {
        let value = Scalar::Complex(Complex64::new(c.real(), c.imag()));
        return Ok(Some(ScalarOperand::Weak(value)));
    }
    Ok(None)
}

/// The value of a scalar (Python or NumPy), if `obj` is one.
pub fn scalar_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    Ok(scalar_operand(obj)?.map(ScalarOperand::value))
}

/// A NumPy scalar or 0-d NumPy array (anything whose `dtype` has NumPy's `kind` and `itemsize`
/// and whose `shape` is `()`): its arrpy dtype and value, read without importing NumPy.
/// Dtypes arrpy lacks: longdouble is read as a float64 value, clongdouble as complex128,
/// float16 as float32 (which holds every float16 exactly); others are a TypeError.
fn numpy_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<(DType, Scalar)>> {
    let py = obj.py();
    let Ok(dt) = obj.getattr(intern!(py, "dtype")) else {
        return Ok(None);
    };
    let is_0d = obj
        .getattr(intern!(py, "shape"))
        .is_ok_and(|s| s.cast::<PyTuple>().is_ok_and(|t| t.is_empty()));
    let kind = dt
        .getattr(intern!(py, "kind"))
        .and_then(|k| k.extract::<String>());
    let size = dt
        .getattr(intern!(py, "itemsize"))
        .and_then(|k| k.extract::<usize>());
    let (true, Ok(kind), Ok(size)) = (is_0d, kind, size) else {
        return Ok(None);
    };
    let dtype = match (kind.as_str(), size) {
        ("b", 1) => DType::Bool,
        ("i", 1) => DType::Int8,
        ("i", 2) => DType::Int16,
        ("i", 4) => DType::Int32,
        ("i", 8) => DType::Int64,
        ("u", 1) => DType::UInt8,
        ("u", 2) => DType::UInt16,
        ("u", 4) => DType::UInt32,
        ("u", 8) => DType::UInt64,
        ("f", 2 | 4) => DType::Float32,
        ("f", 8..) => DType::Float64,
        ("c", 8) => DType::Complex64,
        ("c", 16..) => DType::Complex128,
        _ => {
            return Err(PyTypeError::new_err(format!(
                "arrpy has no dtype for NumPy values of dtype {}; got {}",
                dt.str()?,
                obj.repr()?
            )))
        }
    };
    // The conversions of Python's own types: each returns a plain Python value.
    let builtin = |name: &str| {
        crate::python_calls::builtin_type(py, name)
            .ok_or_else(|| PyTypeError::new_err("no such builtin type"))
    };
    let value = match dtype.kind() {
        Kind::Bool => Scalar::Bool(obj.is_truthy()?),
        Kind::Signed | Kind::Unsigned => int_scalar(&obj.call_method0(intern!(py, "__index__"))?)?,
        Kind::Float => Scalar::Float(builtin("float")?.call1((obj,))?.extract()?),
        Kind::Complex => {
            let c = builtin("complex")?.call1((obj,))?;
            let c = c.cast::<PyComplex>()?;
            Scalar::Complex(Complex64::new(c.real(), c.imag()))
        }
    };
    Ok(Some((dtype, value)))
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

/// Checks that a scalar value can be stored in an array of `dtype` without a silent change
/// (core's rule, `arrpy_core::dtype::check_assignable`).
pub fn check_assignable(value: Scalar, dtype: DType) -> PyResult<()> {
    arrpy_core::dtype::check_assignable(value, dtype).py()
}

fn memory_error(what: &str, n: usize) -> PyErr {
    PyMemoryError::new_err(format!("cannot allocate {what} of {n} elements"))
}

/// Shape of a nested list/tuple, read down its first elements (at most `MAX_DIMS` deep).
fn nested_shape(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let mut shape = Vec::new();
    let mut cur = obj.clone();
    while shape.len() <= MAX_DIMS {
        if let Ok(a) = cur.cast::<PyNdArray>() {
            shape.extend_from_slice(a.borrow().inner().shape());
            break;
        }
        let first = if let Ok(l) = cur.cast::<PyList>() {
            shape.push(l.len());
            l.iter().next()
        } else if let Ok(t) = cur.cast::<PyTuple>() {
            shape.push(t.len());
            t.iter().next()
        } else {
            break;
        };
        match first {
            Some(item) => cur = item,
            None => break,
        }
    }
    Ok(shape)
}

/// Feeds the elements of `obj`, at `depth` of the nested sequence, to the inference. Recursion
/// is bounded: the shape has at most `MAX_DIMS` axes, and a sequence below them is an error.
fn collect(obj: &Bound<'_, PyAny>, depth: usize, c: &mut NestedInference) -> PyResult<()> {
    let ragged = |c: &NestedInference| crate::errors::to_py(c.ragged(depth));
    if let Some(want) = c.expected_len(depth) {
        if let Ok(l) = obj.cast::<PyList>() {
            if l.len() != want {
                return Err(ragged(c));
            }
            // Fast path: a flat list of floats (the common case of big inputs).
            if c.expected_len(depth + 1).is_none() && want > 0 {
                let floats = l.iter().map(|item| match item.cast_exact::<PyFloat>() {
                    Ok(f) => Some(f.value()),
                    Err(_) => None,
                });
                if c.push_float_run(want, floats).py()? {
                    return Ok(());
                }
            }
            for item in l.iter() {
                collect(&item, depth + 1, c)?;
            }
            return Ok(());
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            if t.len() != want {
                return Err(ragged(c));
            }
            for item in t.iter() {
                collect(&item, depth + 1, c)?;
            }
            return Ok(());
        }
        if let Ok(a) = obj.cast::<PyNdArray>() {
            return a.get().with_array(|a| c.push_array(a, depth)).py();
        }
        return Err(ragged(c));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Err(ragged(c));
    }
    match scalar_operand(obj)? {
        Some(ScalarOperand::Weak(v)) => c.push_scalar(v, None).py(),
        Some(ScalarOperand::Typed(d, v)) => c.push_scalar(v, Some(d)).py(),
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

/// An array from nested lists/tuples of scalars (or a single scalar), read in one walk; the
/// dtype and shape rules are core's (`arrpy_core::inference`).
pub fn array_from_nested(obj: &Bound<'_, PyAny>, dtype: Option<DType>) -> PyResult<Array> {
    let mut c = NestedInference::new(nested_shape(obj)?, dtype).py()?;
    collect(obj, 0, &mut c)?;
    c.finish().py()
}

/// A list of `n` slots for `set_item` to fill, made in one allocation (`PyList_New`), so a
/// length too large for memory is a MemoryError rather than a long growth.
fn new_list(py: Python<'_>, n: usize) -> PyResult<Bound<'_, PyList>> {
    let len = isize::try_from(n).map_err(|_| memory_error("a list", n))?;
    // SAFETY: PyList_New returns a new reference, or NULL with an exception set. Its slots are
    // NULL until `set_item` fills them (every caller fills all of them before the list escapes;
    // a list dropped early frees NULL slots safely).
    unsafe {
        Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyList_New(len))
            .map(|l| l.cast_into_unchecked::<PyList>())
    }
}

/// `tolist()`: nested Python lists of Python scalars (a bare scalar for 0-d arrays), built
/// iteratively from the array's memory, one lane of the last axis at a time.
pub fn to_list(py: Python<'_>, a: &Array) -> PyResult<Py<PyAny>> {
    let shape = a.shape();
    let nd = shape.len();
    if nd == 0 {
        return scalar_to_py(py, a.item().py()?);
    }
    // Every list is an object (about 56 bytes) holding a pointer per item: asking the allocator
    // for that much up front (and giving it back untouched) makes a result too large for memory
    // a MemoryError before any list exists, instead of filling memory row by row. (Counting
    // the lists matters: zeros((2**40, 0)) has no element but 2**40 empty lists.)
    let mut lists = 1usize;
    let mut bytes = Some(0usize);
    for &d in shape {
        let per_list = d
            .checked_mul(std::mem::size_of::<usize>())
            .and_then(|p| p.checked_add(56));
        bytes = bytes
            .zip(per_list.and_then(|p| p.checked_mul(lists)))
            .and_then(|(b, level)| b.checked_add(level));
        lists = lists.saturating_mul(d);
    }
    if bytes.is_none_or(|n| Vec::<u8>::new().try_reserve_exact(n).is_err()) {
        return Err(memory_error("the nested lists of tolist()", a.size()));
    }
    let root = new_list(py, shape[0])?;
    // stack[d]: the list at depth d and the position in it being filled; depth < nd <= MAX_DIMS.
    let mut stack: SmallVec<[(Bound<'_, PyList>, usize); 8]> = SmallVec::new();
    stack.push((root.clone(), 0));
    while let Some((list, pos)) = stack.last().map(|(l, p)| (l.clone(), *p)) {
        let depth = stack.len() - 1;
        let finished = if depth == nd - 1 {
            let outer: SmallVec<[usize; 8]> = stack[..depth].iter().map(|(_, p)| *p).collect();
            for (j, v) in a.lane(&outer).py()?.enumerate() {
                list.set_item(j, scalar_to_py(py, v)?)?;
            }
            true
        } else if pos == shape[depth] {
            true
        } else {
            let child = new_list(py, shape[depth + 1])?;
            list.set_item(pos, &child)?;
            stack.push((child, 0));
            false
        };
        if finished {
            stack.pop();
            if let Some((_, parent_pos)) = stack.last_mut() {
                *parent_pos += 1;
            }
        }
    }
    Ok(root.into_any().unbind())
}

/// `a.item(*args)`: one element, read in place. No arguments: the only element; one integer:
/// a flat C-order index; a tuple or several integers: one index per axis.
pub fn item(py: Python<'_>, a: &Array, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    if args.is_empty() {
        return scalar_to_py(py, a.item().py()?);
    }
    let index: Vec<isize> = match args.get_item(0)?.cast::<PyTuple>() {
        Ok(t) if args.len() == 1 => t.extract()?,
        _ => args.extract()?,
    };
    let value = if index.len() == 1 {
        let size = a.size();
        let k = index[0];
        let flat = if k < 0 { k + size as isize } else { k };
        if flat < 0 || flat as usize >= size {
            return Err(PyIndexError::new_err(format!(
                "index {k} is out of bounds for size {size}"
            )));
        }
        a.get_flat(flat as usize).py()?
    } else {
        if index.len() != a.ndim() {
            return Err(PyValueError::new_err(format!(
                "incorrect number of indices for array: {} given for an array of dimension {}",
                index.len(),
                a.ndim()
            )));
        }
        let mut idx: SmallVec<[usize; 8]> = SmallVec::new();
        for (axis, (&i, &d)) in index.iter().zip(a.shape()).enumerate() {
            let j = if i < 0 { i + d as isize } else { i };
            if j < 0 || j as usize >= d {
                return Err(PyIndexError::new_err(format!(
                    "index {i} is out of bounds for axis {axis} with size {d}"
                )));
            }
            idx.push(j as usize);
        }
        a.get(&idx).py()?
    };
    scalar_to_py(py, value)
}

/// NumPy prints arrays of more than this many elements summarized.
const PRINT_THRESHOLD: usize = 1000;
/// A summarized print shows this many items at each end of an axis.
const EDGE_ITEMS: usize = 3;

/// repr()/str() text (`func` of `arrpy._format`), reading only the elements it shows: all of
/// them up to `PRINT_THRESHOLD`, else `EDGE_ITEMS` at each end of each long axis.
pub fn format_array(py: Python<'_>, a: &Array, func: &str) -> PyResult<String> {
    let summarize = a.size() > PRINT_THRESHOLD;
    let shape = a.shape();
    let nd = shape.len();
    // Shown positions per axis: all of a short axis, the edges of a long one when summarizing.
    let long = |d: usize| summarize && shape[d] > 2 * EDGE_ITEMS;
    let shown: SmallVec<[usize; 8]> = (0..nd)
        .map(|d| if long(d) { 2 * EDGE_ITEMS } else { shape[d] })
        .collect();
    let count = shown
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .ok_or_else(|| memory_error("the printed values", usize::MAX))?;
    let values = new_list(py, count)?;
    let mut pos: SmallVec<[usize; 8]> = SmallVec::from_elem(0, nd);
    let mut index: SmallVec<[usize; 8]> = SmallVec::from_elem(0, nd);
    for k in 0..count {
        for d in 0..nd {
            index[d] = if long(d) && pos[d] >= EDGE_ITEMS {
                shape[d] - 2 * EDGE_ITEMS + pos[d]
            } else {
                pos[d]
            };
        }
        values.set_item(k, scalar_to_py(py, a.get(&index).py()?)?)?;
        // Next shown position in C order.
        for d in (0..nd).rev() {
            pos[d] += 1;
            if pos[d] < shown[d] {
                break;
            }
            pos[d] = 0;
        }
    }
    let shape = PyTuple::new(py, shape)?;
    crate::python_calls::format(
        py,
        func,
        shape,
        a.dtype().name(),
        values.into_any(),
        summarize,
    )
}
