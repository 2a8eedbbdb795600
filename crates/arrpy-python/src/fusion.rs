//! Chaining `a * b + c`: the product is computed together with the sum, block by block
//! (`arrpy_core::ops::chain`), so it never streams through memory as a whole temporary.
//!
//! When the interpreter runs `a * b` and the next two instructions are a load that runs no
//! Python code (`LOAD_FAST c`, `LOAD_CONST 2.0`…) and another `+ - * /`, the product is
//! certain to be the left operand of that second op before any Python code runs. So `a * b`
//! returns an array whose values are pending: its memory is allocated and the op is kept. The
//! second op then reaches our `__add__` first (ndarray cannot be subclassed, so no `__radd__`
//! of the right operand goes before it) and runs both ops in one pass into that memory, as
//! elision would (the product is a temporary only the interpreter holds).
//!
//! Anything else that reads the array's values goes through `PyNdArray::inner()`, which first
//! computes the pending product: a case this module did not foresee costs speed, not
//! correctness. What is checked before deferring, and why:
//! - the bytecode at the frame's current instruction is this very op (a C caller, such as a
//!   Cython module, reaches us from a `CALL`), with the pattern above after it; and the C stack
//!   holds only the interpreter between it and us (`elision::called_from_interpreter`);
//! - a global or name load reads exact dicts (a mapping's `__getitem__` would be Python code);
//! - no tracer or monitoring tool is set (those run Python code between instructions);
//! - a CPython version whose bytecode this was written against (3.11 to 3.13).

use crate::convert::scalar_from_py;
use crate::elision::{called_from_interpreter, refcount};
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use crate::operators::{maybe_detach, weak_scalar_dtype};
use arrpy_core::ops::chain::{chainable, Deferred};
use arrpy_core::ops::elementwise::BinaryOp;
use arrpy_core::{Array, DType, Scalar};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyInt};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// Smaller results are computed at once: the checks cost a few microseconds, and blocks only
/// pay off once the operands outgrow the L2 cache.
const MIN_DEFER_BYTES: usize = 256 * 1024;

/// How many pairs of ops ran as one chain (read by the tests through `_fused_count`).
pub static FUSED: AtomicUsize = AtomicUsize::new(0);

/// The op an array's values are waiting for, if any.
#[derive(Default)]
pub struct Pending {
    /// Whether `deferred` may hold an op: read on every access, so a plain atomic load.
    set: AtomicBool,
    deferred: Mutex<Option<Deferred>>,
}

fn lock(m: &Mutex<Option<Deferred>>) -> MutexGuard<'_, Option<Deferred>> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Pending {
    pub fn new(deferred: Deferred) -> Pending {
        Pending {
            set: AtomicBool::new(true),
            deferred: Mutex::new(Some(deferred)),
        }
    }

    /// Computes the pending op into `out` (the array it was deferred with), once.
    #[inline]
    pub fn settle(&self, out: &Array) {
        if self.set.load(Ordering::Acquire) {
            self.settle_now(out);
        }
    }

    #[cold]
    fn settle_now(&self, out: &Array) {
        let mut deferred = lock(&self.deferred);
        if let Some(d) = deferred.take() {
            // `Deferred` refuses any other array than its own, the only way evaluation fails;
            // NaN rather than uninitialized memory if that were ever broken.
            if d.evaluate(out).is_err() {
                let _ = out.fill(Scalar::Float(f64::NAN));
            }
        }
        self.set.store(false, Ordering::Release);
    }

    fn is_set(&self) -> bool {
        self.set.load(Ordering::Acquire)
    }

    /// Takes the pending op if `accept` approves it; the caller then owes `out` its values.
    fn take_if(&self, accept: impl FnOnce(&Deferred) -> bool) -> Option<Deferred> {
        let mut deferred = lock(&self.deferred);
        let taken = deferred.take_if(|d| accept(d))?;
        self.set.store(false, Ordering::Release);
        Some(taken)
    }
}

/// `op(x, y)` as a pending array, when its consumer is certain to be a second op that will
/// chain with it (see the module documentation); None to compute it as usual.
pub fn defer(
    py: Python<'_>,
    op: BinaryOp,
    x: &Array,
    y: &Array,
) -> PyResult<Option<Py<PyNdArray>>> {
    let float = matches!(x.dtype(), DType::Float32 | DType::Float64);
    let bytes = x.size().max(y.size()) * x.itemsize();
    if !chainable(op) || !float || bytes < MIN_DEFER_BYTES {
        return Ok(None);
    }
    // A check that fails (an attribute missing from some frame) means: do not defer.
    if !next_op_consumes(py, op).unwrap_or(false) || !called_from_interpreter() {
        return Ok(None);
    }
    match Deferred::new(op, x, y).py()? {
        Some((deferred, out)) => Ok(Some(PyNdArray::wrap_pending(py, out, deferred)?)),
        None => Ok(None),
    }
}

/// `op(slf, other)` when `slf` holds a pending op that chains with it: both computed in one
/// pass into `slf`'s memory, and `slf` returned. None otherwise: the caller then goes on as
/// usual, and its first read of `slf` computes the pending op.
pub fn chain(
    slf: &Bound<'_, PyNdArray>,
    op: BinaryOp,
    other: &Bound<'_, PyAny>,
) -> PyResult<Option<Py<PyAny>>> {
    // Counted before borrowing: a `PyRef` holds a reference of its own.
    let alone = refcount(slf) == 1;
    let this = slf.borrow();
    let (out, pending) = this.unsettled();
    if !alone || !pending.is_set() {
        return Ok(None);
    }
    // Only operands whose conversion runs no Python code: another ndarray or a plain number.
    let c = if let Ok(c) = other.cast::<PyNdArray>() {
        c.borrow().inner().clone()
    } else if other.is_exact_instance_of::<PyFloat>() || other.is_exact_instance_of::<PyInt>() {
        match scalar_from_py(other)? {
            Some(s) => Array::scalar(weak_scalar_dtype(s, out.dtype())?, s).py()?,
            None => return Ok(None),
        }
    } else {
        return Ok(None);
    };
    let Some(deferred) = pending.take_if(|d| d.accepts(op, &c, out)) else {
        return Ok(None);
    };
    maybe_detach(slf.py(), out.size(), || deferred.evaluate_then(op, &c, out)).py()?;
    FUSED.fetch_add(1, Ordering::Relaxed);
    Ok(Some(slf.clone().into_any().unbind()))
}

/// How the load between the two ops finds its value.
#[derive(Copy, Clone, PartialEq)]
enum Load {
    /// A local, a cell or a constant: no lookup that could run code.
    Plain,
    /// `LOAD_GLOBAL`: the frame's globals, then builtins.
    Global,
    /// `LOAD_NAME`: the frame's locals, then globals, then builtins.
    Name,
}

/// The bytecode facts this module needs, read from the running interpreter's `opcode` module.
struct Bytecode {
    binary_op: u8,
    /// The `BINARY_OP` argument of each chainable op.
    nb: Vec<(u8, BinaryOp)>,
    loads: Vec<(u8, Load)>,
    /// Inline cache entries (two bytes each) after each opcode.
    caches: [u8; 256],
    gettrace: Py<PyAny>,
    /// `sys.monitoring.get_tool` (3.12 and later).
    get_tool: Option<Py<PyAny>>,
}

fn bytecode(py: Python<'_>) -> Option<&'static Bytecode> {
    static BYTECODE: OnceLock<Option<Bytecode>> = OnceLock::new();
    BYTECODE
        .get_or_init(|| read_bytecode(py).ok().flatten())
        .as_ref()
}

fn read_bytecode(py: Python<'_>) -> PyResult<Option<Bytecode>> {
    let version = py.version_info();
    if !(version >= (3, 11) && version < (3, 14)) {
        return Ok(None);
    }
    let opcode = py.import("opcode")?;
    let opmap = opcode.getattr("opmap")?;
    let code = |name: &str| -> PyResult<u8> { opmap.get_item(name)?.extract() };
    let mut caches = [0u8; 256];
    let entries = opcode.getattr("_inline_cache_entries")?;
    if let Ok(by_name) = entries.cast::<PyDict>() {
        for (name, n) in by_name.iter() {
            if let Ok(op) = opmap.get_item(&name) {
                caches[op.extract::<u8>()? as usize] = n.extract()?;
            }
        }
    } else {
        for (op, n) in entries.try_iter()?.enumerate().take(256) {
            caches[op] = n?.extract()?;
        }
    }
    let nb_names: Vec<(String, String)> = opcode.getattr("_nb_ops")?.extract()?;
    let nb_of = |name: &str| nb_names.iter().position(|(n, _)| n == name);
    let mut nb = Vec::new();
    for (name, op) in [
        ("NB_ADD", BinaryOp::Add),
        ("NB_SUBTRACT", BinaryOp::Subtract),
        ("NB_MULTIPLY", BinaryOp::Multiply),
        ("NB_TRUE_DIVIDE", BinaryOp::Divide),
    ] {
        if let Some(i) = nb_of(name) {
            nb.push((i as u8, op));
        }
    }
    let mut loads = Vec::new();
    for (name, load) in [
        ("LOAD_FAST", Load::Plain),
        ("LOAD_FAST_CHECK", Load::Plain),
        ("LOAD_DEREF", Load::Plain),
        ("LOAD_CONST", Load::Plain),
        ("LOAD_GLOBAL", Load::Global),
        ("LOAD_NAME", Load::Name),
    ] {
        if let Ok(op) = code(name) {
            loads.push((op, load));
        }
    }
    let sys = py.import("sys")?;
    let get_tool = match sys.getattr("monitoring") {
        Ok(m) => Some(m.getattr("get_tool")?.unbind()),
        Err(_) => None,
    };
    Ok(Some(Bytecode {
        binary_op: code("BINARY_OP")?,
        nb,
        loads,
        caches,
        gettrace: sys.getattr("gettrace")?.unbind(),
        get_tool,
    }))
}

/// The bytes of `code` (its `co_code`), from a one-entry cache: in a loop it is the same code
/// object every time, and `co_code` builds a new bytes object on each read.
fn co_code(code: &Bound<'_, PyAny>, read: impl FnOnce(&[u8]) -> bool) -> PyResult<bool> {
    static LAST: Mutex<Option<(Py<PyAny>, Vec<u8>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    if !matches!(&*last, Some((c, _)) if c.is(code)) {
        let bytes = code.getattr("co_code")?;
        let bytes = bytes.cast::<PyBytes>()?.as_bytes().to_vec();
        *last = Some((code.clone().unbind(), bytes));
    }
    Ok(last.as_ref().is_some_and(|(_, bytes)| read(bytes)))
}

/// Whether the instruction the calling frame is running is `BINARY_OP op`, followed by a load
/// that runs no Python code and a second chainable `BINARY_OP` (see the module documentation).
fn next_op_consumes(py: Python<'_>, op: BinaryOp) -> PyResult<bool> {
    let Some(bc) = bytecode(py) else {
        return Ok(false);
    };
    // SAFETY: called with the GIL held; the result is a borrowed reference or null.
    let frame = unsafe { pyo3::ffi::PyEval_GetFrame() };
    // SAFETY: a non-null frame is a live object the thread state references while we run.
    let Some(frame) = (unsafe { Bound::from_borrowed_ptr_or_opt(py, frame.cast()) }) else {
        return Ok(false);
    };
    let lasti: usize = frame.getattr("f_lasti")?.extract()?;
    let mut load = None;
    let pattern = |code: &[u8]| {
        let at = |i: usize| Some((*code.get(i)?, *code.get(i + 1)?));
        let next = |i: usize, opcode: u8| i + 2 + 2 * bc.caches[opcode as usize] as usize;
        let nb = |arg: u8| bc.nb.iter().find(|(n, _)| *n == arg).map(|&(_, op)| op);
        let Some((first, arg)) = at(lasti) else {
            return false;
        };
        if first != bc.binary_op || nb(arg) != Some(op) {
            return false;
        }
        let i = next(lasti, first);
        let Some((loader, _)) = at(i) else {
            return false;
        };
        load = bc.loads.iter().find(|(l, _)| *l == loader).map(|&(_, k)| k);
        let Some((second, arg)) = at(next(i, loader)) else {
            return false;
        };
        load.is_some() && second == bc.binary_op && nb(arg).is_some()
    };
    if !co_code(&frame.getattr("f_code")?, pattern)? {
        return Ok(false);
    }
    let exact_dict = |name: &str| -> PyResult<bool> {
        Ok(frame.getattr(name)?.is_exact_instance_of::<PyDict>())
    };
    let load_runs_no_code = match load {
        Some(Load::Plain) => true,
        Some(Load::Global) => exact_dict("f_globals")? && exact_dict("f_builtins")?,
        Some(Load::Name) => {
            exact_dict("f_locals")? && exact_dict("f_globals")? && exact_dict("f_builtins")?
        }
        None => false,
    };
    Ok(load_runs_no_code && !tracing(py, bc)?)
}

/// Whether a tracer or a monitoring tool may run Python code between instructions. Asked
/// last: the bytecode, cached, rules out most ops sooner.
fn tracing(py: Python<'_>, bc: &Bytecode) -> PyResult<bool> {
    if !bc.gettrace.call0(py)?.is_none(py) {
        return Ok(true);
    }
    if let Some(get_tool) = &bc.get_tool {
        for tool in 0..6 {
            if !get_tool.call1(py, (tool,))?.is_none(py) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Number of op pairs so far that ran as one chain (for tests).
#[pyfunction]
pub fn _fused_count() -> usize {
    FUSED.load(Ordering::Relaxed)
}
