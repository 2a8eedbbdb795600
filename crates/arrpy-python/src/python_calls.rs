//! Every call from the bindings into Python code: the `arrpy` package's own Python modules,
//! NumPy, and Python's builtin types. The bindings are Rust otherwise; each function here says
//! why the thing it calls is written in (or belongs to) Python. Imported objects are cached
//! once per interpreter: they are module attributes the package never rebinds, and the modules
//! stay in `sys.modules` for the process anyway. A failed import is not cached (NumPy may be
//! installed later; arrpy works without it).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyComplex, PyDict, PyFloat, PyInt, PyModule, PyTuple, PyType};

/// `module.name`, imported once.
fn cached<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyAny>>,
    module: &str,
    name: Option<&str>,
) -> PyResult<&'py Bound<'py, PyAny>> {
    let obj = cell.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        let m = py.import(module)?.into_any();
        Ok(match name {
            Some(n) => m.getattr(n)?.unbind(),
            None => m.unbind(),
        })
    })?;
    Ok(obj.bind(py))
}

/// `arrpy._arrpy._reconstruct`, the function a pickle of an array calls (`pickle.rs`).
pub fn reconstructor(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static FUNCTION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    cached(py, &FUNCTION, "arrpy._arrpy", Some("_reconstruct"))
}

/// `pickle.PickleBuffer`, which lends an array's memory to protocol 5 (`pickle.rs`).
pub fn pickle_buffer_class(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    cached(py, &CLASS, "pickle", Some("PickleBuffer"))
}

/// `arrpy.AxisError(message)`. Defined in Python because it subclasses both ValueError and
/// IndexError, as NumPy's does, which a PyO3 exception type cannot.
pub fn axis_error(py: Python<'_>, message: String) -> PyResult<PyErr> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let cls = cached(py, &CLASS, "arrpy._exceptions", Some("AxisError"))?;
    Ok(PyErr::from_value(cls.call1((message,))?))
}

/// An `arrpy.linalg.LinAlgError` (a ValueError) carrying `message`.
pub fn linalg_error(py: Python<'_>, message: String) -> PyResult<PyErr> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let cls = cached(py, &CLASS, "arrpy._exceptions", Some("LinAlgError"))?;
    Ok(PyErr::from_value(cls.call1((message,))?))
}

/// `arrpy.round(x, decimals, out)` for `ndarray.round`: one implementation of the decimals
/// rules (scale, rint, unscale), written with the elementwise functions in `_elementwise.py`.
pub fn round(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    decimals: i64,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    static ROUND: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let round = cached(py, &ROUND, "arrpy._elementwise", Some("round"))?;
    Ok(round.call1((x, decimals, out))?.unbind())
}

/// `arrpy._format.<func>(shape, dtype name, values, summarize)`: NumPy's printing rules (widths,
/// precision, summarizing) are text formatting, kept in Python beside NumPy's own.
pub fn format(
    py: Python<'_>,
    func: &str,
    shape: Bound<'_, PyTuple>,
    dtype_name: &str,
    values: Bound<'_, PyAny>,
    summarize: bool,
) -> PyResult<String> {
    static MODULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    cached(py, &MODULE, "arrpy._format", None)?
        .getattr(func)?
        .call1((shape, dtype_name, values, summarize))?
        .extract()
}

/// `arrpy._flags.Flags(d)`: NumPy's flags object is a small Python class (item and attribute
/// access, repr), not worth a pyclass.
pub fn flags(py: Python<'_>, d: Bound<'_, PyDict>) -> PyResult<Py<PyAny>> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let cls = cached(py, &CLASS, "arrpy._flags", Some("Flags"))?;
    Ok(cls.call1((d,))?.unbind())
}

/// The `arrpy` module, for `__array_namespace__`: the namespace is the Python package.
pub fn arrpy_namespace(py: Python<'_>) -> PyResult<Py<PyAny>> {
    static MODULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    Ok(cached(py, &MODULE, "arrpy", None)?.clone().unbind())
}

/// The `numpy` module, for `__array__` (NumPy asks for its own array type; arrpy imports
/// NumPy only then).
pub fn numpy(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    Ok(cached(py, &MODULE, "numpy", None)?
        .cast::<PyModule>()?
        .clone())
}

/// `arrpy._numpy_protocols.array_ufunc(ufunc, method, inputs, kwargs)`: NumPy's ufuncs map to
/// arrpy's functions through tables built from both packages' Python namespaces.
pub fn array_ufunc(
    py: Python<'_>,
    ufunc: &Bound<'_, PyAny>,
    method: &Bound<'_, PyAny>,
    inputs: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    static FUNCTION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let f = cached(py, &FUNCTION, "arrpy._numpy_protocols", Some("array_ufunc"))?;
    Ok(f.call1((ufunc, method, inputs, kwargs))?.unbind())
}

/// `arrpy._numpy_protocols.array_function(func, types, args, kwargs)` (as `array_ufunc`).
pub fn array_function(
    py: Python<'_>,
    func: &Bound<'_, PyAny>,
    types: &Bound<'_, PyAny>,
    args: &Bound<'_, PyAny>,
    kwargs: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    static FUNCTION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let f = cached(
        py,
        &FUNCTION,
        "arrpy._numpy_protocols",
        Some("array_function"),
    )?;
    Ok(f.call1((func, types, args, kwargs))?.unbind())
}

/// Python's `int`, `float`, `bool` or `complex` type, for `int(a)`, `float(a)`: their
/// conversions (big integers, rounding of floats) are Python's own.
pub fn builtin_type<'py>(py: Python<'py>, name: &str) -> Option<Bound<'py, PyType>> {
    Some(match name {
        "int" => py.get_type::<PyInt>(),
        "float" => py.get_type::<PyFloat>(),
        "bool" => py.get_type::<PyBool>(),
        "complex" => py.get_type::<PyComplex>(),
        _ => return None,
    })
}

/// `arrpy._errstate._raise_mask()`: the floating-point categories the caller's error state
/// turns into exceptions. The state is a `ContextVar` of the Python package (per thread and
/// asyncio task, as NumPy 2's), so it is read there.
pub fn errstate_raise_mask(py: Python<'_>) -> PyResult<u8> {
    static FUNCTION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    cached(py, &FUNCTION, "arrpy._errstate", Some("_raise_mask"))?
        .call0()?
        .extract()
}

/// `arrpy._errstate._report(raised)`: warns, raises or calls as the error state says for the
/// flags each op raised (rare: only an op that raised a flag gets here).
pub fn errstate_report(py: Python<'_>, raised: Vec<(&'static str, u8)>) -> PyResult<()> {
    static FUNCTION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    cached(py, &FUNCTION, "arrpy._errstate", Some("_report"))?.call1((raised,))?;
    Ok(())
}
