//! Python objects ⇄ arrays and scalars: nested sequences, Python scalars, buffer exporters.

use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::dtype::{integer_range, Kind};
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

/// Checks that a scalar value can be stored in an array of `dtype` without a silent change, as
/// NumPy's setitem/fill/asarray(dtype=) do: integers must fit, NaN and infinity do not go into
/// integers, finite floats must fit once truncated, complex does not go into real dtypes.
pub fn check_assignable(value: Scalar, dtype: DType) -> PyResult<()> {
    let integer = dtype.is_integer() && dtype != DType::Bool;
    match value {
        Scalar::Bool(_) => Ok(()),
        Scalar::Int(_) | Scalar::UInt(_) if integer => {
            arrpy_core::dtype::check_int_fits(value, dtype).py()
        }
        Scalar::Float(f) if integer => {
            if f.is_nan() {
                return Err(PyValueError::new_err("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(PyOverflowError::new_err(
                    "cannot convert float infinity to integer",
                ));
            }
            let t = f.trunc();
            if t.abs() >= 2f64.powi(64) {
                return Err(PyOverflowError::new_err(format!(
                    "Python integer {t:.0} out of bounds for {}",
                    dtype.name()
                )));
            }
            let (lo, hi) = integer_range(dtype).unwrap_or((i128::MIN, i128::MAX));
            let v = t as i128;
            if !(lo..=hi).contains(&v) {
                return Err(PyOverflowError::new_err(format!(
                    "Python integer {v} out of bounds for {}",
                    dtype.name()
                )));
            }
            Ok(())
        }
        Scalar::Complex(_) if !dtype.is_complex() && dtype != DType::Bool => {
            Err(PyTypeError::new_err(format!(
                "cannot store the complex value {} in an array of dtype {} (NumPy: float() argument must be a string or a real number, not 'complex')",
                format_complex(value),
                dtype.name()
            )))
        }
        _ => Ok(()),
    }
}

fn format_complex(value: Scalar) -> String {
    let c = value.as_complex();
    format!("({}{:+}j)", c.re, c.im)
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
    /// The highest kind of Python scalar seen, if any.
    rank: Option<Rank>,
    has_negative: bool,
    /// The promoted dtype of the typed elements (arrays, NumPy scalars), if any.
    typed: Option<DType>,
    /// With `asarray(..., dtype=)`: scalars are checked against it as they are read.
    target: Option<DType>,
}

fn memory_error(what: &str, n: usize) -> PyErr {
    PyMemoryError::new_err(format!("cannot allocate {what} of {n} elements"))
}

impl Collector {
    fn reserve(&mut self, n: usize) -> PyResult<()> {
        self.values
            .try_reserve(n)
            .map_err(|_| memory_error("an array", self.values.len().saturating_add(n)))
    }

    fn join_typed(&mut self, dtype: DType) {
        self.typed = Some(match self.typed {
            Some(d) => arrpy_core::promote_types(d, dtype),
            None => dtype,
        });
    }

    fn push_scalar(&mut self, s: ScalarOperand) -> PyResult<()> {
        if let Some(target) = self.target {
            check_assignable(s.value(), target)?;
        }
        match s {
            ScalarOperand::Typed(dtype, _) => self.join_typed(dtype),
            ScalarOperand::Weak(v) => {
                let r = match v {
                    Scalar::Bool(_) => Rank::Bool,
                    Scalar::Int(i) => {
                        self.has_negative |= i < 0;
                        Rank::Int
                    }
                    Scalar::UInt(_) => Rank::UInt,
                    Scalar::Float(_) => Rank::Float,
                    Scalar::Complex(_) => Rank::Complex,
                };
                self.rank = Some(self.rank.map_or(r, |old| old.max(r)));
            }
        }
        self.reserve(1)?;
        self.values.push(s.value());
        Ok(())
    }
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
    if shape.len() > MAX_DIMS {
        return Err(PyValueError::new_err(format!(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {MAX_DIMS}."
        )));
    }
    Ok(shape)
}

fn ragged(depth: usize, shape: &[usize]) -> PyErr {
    PyValueError::new_err(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
        arrpy_core::layout::format_shape(&shape[..depth.min(shape.len())])
    ))
}

/// Reads the elements of `obj`, whose shape from `depth` on must be `shape[depth..]`. Recursion
/// is bounded: `shape` has at most `MAX_DIMS` axes, and a sequence below them is an error.
fn collect(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    shape: &[usize],
    c: &mut Collector,
) -> PyResult<()> {
    if depth < shape.len() {
        let want = shape[depth];
        if let Ok(l) = obj.cast::<PyList>() {
            if l.len() != want {
                return Err(ragged(depth, shape));
            }
            // Fast path: a flat list of floats (the common case of big inputs).
            let floats_fit = c.target.is_none_or(|d| !d.is_integer());
            if depth + 1 == shape.len() && want > 0 && floats_fit {
                c.reserve(want)?;
                let start = c.values.len();
                let all_float = l.iter().all(|item| match item.cast::<PyFloat>() {
                    Ok(f) if item.is_exact_instance_of::<PyFloat>() => {
                        c.values.push(Scalar::Float(f.value()));
                        true
                    }
                    _ => false,
                });
                if all_float {
                    c.rank = Some(c.rank.map_or(Rank::Float, |r| r.max(Rank::Float)));
                    return Ok(());
                }
                c.values.truncate(start);
            }
            for item in l.iter() {
                collect(&item, depth + 1, shape, c)?;
            }
            return Ok(());
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            if t.len() != want {
                return Err(ragged(depth, shape));
            }
            for item in t.iter() {
                collect(&item, depth + 1, shape, c)?;
            }
            return Ok(());
        }
        if let Ok(a) = obj.cast::<PyNdArray>() {
            let a = a.borrow();
            if a.inner().shape() != &shape[depth..] {
                return Err(ragged(depth, shape));
            }
            let values = a.inner().to_scalars().py()?;
            c.reserve(values.len())?;
            c.values.extend(values);
            c.join_typed(a.inner().dtype());
            return Ok(());
        }
        return Err(ragged(depth, shape));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Err(ragged(depth, shape));
    }
    match scalar_operand(obj)? {
        Some(s) => c.push_scalar(s),
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

/// An array from nested lists/tuples of scalars (or a single scalar). Python scalars take
/// their default dtypes and join the typed elements' dtype by promotion (as NumPy's
/// `np.array([np.int8(1), 2])` is int64); with `dtype`, every scalar must fit it.
pub fn array_from_nested(obj: &Bound<'_, PyAny>, dtype: Option<DType>) -> PyResult<Array> {
    let shape = nested_shape(obj)?;
    let mut c = Collector {
        values: Vec::new(),
        rank: None,
        has_negative: false,
        typed: None,
        target: dtype,
    };
    collect(obj, 0, &shape, &mut c)?;
    let weak = match c.rank {
        None => None,
        Some(Rank::Bool) => Some(DType::Bool),
        Some(Rank::Int) => Some(DType::Int64),
        Some(Rank::UInt) if c.has_negative && dtype.is_none() => {
            return Err(PyOverflowError::new_err(
                "Python integers too large for int64 mixed with negative ones",
            ))
        }
        Some(Rank::UInt) => Some(DType::UInt64),
        Some(Rank::Float) => Some(DType::Float64),
        Some(Rank::Complex) => Some(DType::Complex128),
    };
    let inferred = match (c.typed, weak) {
        (Some(t), Some(w)) => arrpy_core::promote_types(t, w),
        (Some(d), None) | (None, Some(d)) => d,
        (None, None) => DType::Float64,
    };
    array_from_scalars(&c.values, &shape, dtype.unwrap_or(inferred)).py()
}

/// Fills a new array of `dtype` from scalars in C order.
fn array_from_scalars(
    values: &[Scalar],
    shape: &[usize],
    dtype: DType,
) -> arrpy_core::Result<Array> {
    let a = Array::empty(dtype, shape)?;
    a.fill_from_scalars(values)?;
    Ok(a)
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
