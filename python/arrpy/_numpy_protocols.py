"""NumPy's override protocols for arrpy arrays: NEP 13 ``__array_ufunc__`` and NEP 18
``__array_function__`` (ndarray's two methods forward here, crates/arrpy-python/src/protocols.rs).

``numpy.add(a, b)``, ``numpy.add.reduce(a)``, ``numpy.sum(a)``, ``numpy.linalg.solve(a, b)``
with an arrpy array among the arguments are computed by arrpy's function of the same name
(``numpy.linalg.X`` by ``arrpy.linalg.X``, ``numpy.fft.X`` by ``arrpy.fft.X``) and return what it
returns. Whatever arrpy lacks — a function or ufunc method it does not have, an argument its
function does not take (``where=``, ``initial=``…), an operand of another library that overrides
NumPy too — returns NotImplemented, so NumPy raises TypeError: nothing is ever converted to a
NumPy array behind the caller's back.

The tables are built on the first call (NumPy is imported by then: only NumPy calls these) and
are dicts keyed by NumPy's own objects, so a call costs a lookup and an argument check.
"""

import inspect
import warnings

from . import _arrpy, _errstate
from ._exceptions import AxisError

ndarray = _arrpy.ndarray

# ufunc.reduce / ufunc.accumulate as arrpy's reductions. sum and prod widen bool and small
# integers to int64 as NumPy's add/multiply reductions do; the others keep the dtype.
_REDUCE = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min",
           "logical_and": "all", "logical_or": "any"}
_ACCUMULATE = {"add": "cumsum", "multiply": "cumprod"}

# NumPy's gufuncs that arrpy has as functions (no axes=/axis=/keepdims=).
_GUFUNCS = {"matmul": 2, "vecdot": 2, "matvec": 2, "vecmat": 2}

# Keyword arguments of a ufunc call, at the value that changes nothing; any other value, or
# any other keyword, is NotImplemented.
_NEUTRAL = {"where": True, "casting": "same_kind", "order": "K", "subok": True, "dtype": None,
            "signature": None}

_tables = None


def array_ufunc(ufunc, method, inputs, kwargs):
    """NEP 13: ``ufunc.<method>(*inputs, **kwargs)`` by arrpy, or NotImplemented."""
    tables = _tables or _build_tables()
    kwargs = kwargs or {}  # None from the binding when there are none
    handler = _METHODS.get(method)
    if handler is None:
        return NotImplemented  # 'at', 'reduceat' and anything NumPy adds
    out = kwargs.get("out", ())
    if _foreign(tables, inputs) or _foreign(tables, out):
        return NotImplemented
    # Floating-point flags of a NumPy call are handled under NumPy's error state.
    return _errstate._as_numpy_call(bool(out), handler, tables, ufunc, inputs, kwargs)


def array_function(func, types, args, kwargs):
    """NEP 18: NumPy's ``func(*args, **kwargs)`` by arrpy's function of the same name, or
    NotImplemented when arrpy lacks it, cannot take these arguments, or another library's array
    (a subclass of NumPy's included: masked arrays would lose their mask) is among them."""
    tables = _tables or _build_tables()
    entry = tables.functions.get(func)
    if entry is None:
        return NotImplemented
    for t in types:
        if t is not ndarray and t is not tables.numpy_ndarray:
            return NotImplemented
    target, binder, numpy_defaults = entry
    if not binder.accepts(args, kwargs):
        # Keywords at NumPy's default value change nothing (np.full passes order='C', np.sum
        # may get initial=np._NoValue), nor does where=True: without those arrpy's function
        # may take the call.
        kwargs = {k: v for k, v in kwargs.items()
                  if k in binder.keywords or binder.varkw
                  or not _is_default(k, v, numpy_defaults.get(k, _NO_DEFAULT))}
        if not binder.accepts(args, kwargs):
            return NotImplemented
    # Floating-point flags of a NumPy call are handled under NumPy's error state.
    return _errstate._as_numpy_call(binder.writes_out(args, kwargs), target, *args, **kwargs)


_NO_DEFAULT = object()


def _is_default(key, value, default):
    if value is default or key == "where" and value is True:  # where=True: every element
        return True
    return type(value) is type(default) and type(default) in (str, int, float) \
        and value == default


# ---------------------------------------------------------------------------------------------
# ufunc methods


def _call(tables, ufunc, inputs, kwargs):
    name = ufunc.__name__
    arity = tables.elementwise_arity.get(name) or _GUFUNCS.get(name)
    if name not in tables.elementwise or arity != ufunc.nin or ufunc.nout != 1:
        return NotImplemented
    if not _neutral(kwargs, ("out", "dtype")):
        return NotImplemented
    function = tables.elementwise[name]
    if kwargs.get("dtype") is not None:
        inputs = _cast_inputs(function, inputs, kwargs["dtype"])
        if inputs is None:
            return NotImplemented
    out = _out(kwargs)
    if out is None:
        return function(*inputs)
    target, result = out
    function(*inputs, out=target)
    return result


def _cast_inputs(function, inputs, dtype):
    """The inputs of a ufunc called with ``dtype=``: NumPy runs its loop of that dtype, the
    inputs cast to it under casting='same_kind' (``np.add(a, b, dtype=np.float32)``). None
    where arrpy's function of that dtype gives another (comparisons give bool, true_divide
    of integers floats) or an input does not cast so: NumPy would pick another loop, or raise."""
    dtype = _arrpy.dtype(dtype)
    probe = _arrpy.empty((0,), dtype=dtype)  # empty: the dtype, without warnings of values
    if function(*(probe,) * len(inputs)).dtype != dtype:
        return None
    arrays = [_arrpy.asarray(x) for x in inputs]
    if not all(_arrpy.can_cast(a.dtype, dtype, casting="same_kind") for a in arrays):
        return None
    return [a if a.dtype == dtype else a.astype(dtype) for a in arrays]


def _reduce(tables, ufunc, inputs, kwargs):
    name = _REDUCE.get(ufunc.__name__)
    if name is None or not _neutral(kwargs, ("out", "axis", "dtype", "keepdims")):
        return NotImplemented
    axis = kwargs.get("axis", 0)
    if type(axis) is int and axis in (0, -1) and _arrpy.asarray(inputs[0]).ndim == 0:
        axis = None  # NumPy reduces a 0-d array over axis 0 or -1: over no axis at all
    args = {"axis": axis}
    if kwargs.get("keepdims", False):
        args["keepdims"] = True
    return _reduction(tables, name, inputs, kwargs, args)


def _accumulate(tables, ufunc, inputs, kwargs):
    name = _ACCUMULATE.get(ufunc.__name__)
    if name is None or not _neutral(kwargs, ("out", "axis", "dtype")):
        return NotImplemented
    axis = kwargs.get("axis", 0)
    single = axis is None or type(axis) is int and axis in (0, -1)
    if isinstance(axis, tuple):
        if len(axis) != 1:
            raise ValueError("accumulate does not allow multiple axes")  # NumPy's message
        (axis,) = axis
    if _arrpy.asarray(inputs[0]).ndim == 0:
        # NumPy's errors: arrpy's cumsum takes a 0-d array as 1-d, accumulate does not.
        if single:
            raise TypeError("cannot accumulate on a scalar")
        raise AxisError(f"axis {axis} is out of bounds for array of dimension 0")
    return _reduction(tables, name, inputs, kwargs, {"axis": axis})


def _reduction(tables, name, inputs, kwargs, args):
    function, binder = tables.reductions[name]
    if kwargs.get("dtype") is not None:
        args["dtype"] = kwargs["dtype"]
    out = _out(kwargs)
    if out is not None:
        args["out"] = out[0]
    if not binder.accepts(inputs, args):
        return NotImplemented  # dtype= to max, …
    result = function(*inputs, **args)
    return result if out is None else out[1]


def _outer(tables, ufunc, inputs, kwargs):
    """``ufunc.outer(a, b)``: ``a`` reshaped to ``a.shape + (1,) * b.ndim`` and broadcast
    against ``b`` by arrpy's function. NumPy makes arrays of both operands first (a Python
    scalar is not weak here), and so does this."""
    if ufunc.nin != 2 or ufunc.__name__ in _GUFUNCS:
        return NotImplemented
    a, b = (_arrpy.asarray(x) for x in inputs)
    return _call(tables, ufunc, (a.reshape(a.shape + (1,) * b.ndim), b), kwargs)


_METHODS = {"__call__": _call, "reduce": _reduce, "accumulate": _accumulate, "outer": _outer}


def _neutral(kwargs, allowed):
    """Whether every keyword argument is in ``allowed`` or at its neutral value."""
    for key, value in kwargs.items():
        if key in allowed:
            continue
        if key not in _NEUTRAL or not _same(value, _NEUTRAL[key]):
            return False
    return True


def _same(value, neutral):
    return value is neutral if neutral is None or isinstance(neutral, bool) else value == neutral


def _out(kwargs):
    """(what arrpy writes into, what the call returns) for ``out=`` (NumPy passes a tuple), or
    None. A NumPy array receives the result through an arrpy view of its memory and is returned
    itself, as NumPy returns ``out``."""
    out = kwargs.get("out")
    if not out or out[0] is None:
        return None
    (target,) = out
    if type(target) is ndarray:
        return target, target
    view = _arrpy.asarray(target)
    if view.size and not _arrpy.shares_memory(view, target):
        raise TypeError(f"out= must be an array whose memory arrpy can write, got {type(target)}")
    return view, target


def _foreign(tables, objects):
    """Whether one of ``objects`` belongs to another library that overrides ufuncs (NumPy's
    subclasses such as masked arrays included): arrpy then leaves the call to it."""
    for x in objects:
        t = type(x)
        if t is not ndarray and t not in tables.plain_types and hasattr(t, "__array_ufunc__"):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# The tables


class _Binder:
    """Whether a function's signature takes given arguments (inspect.Signature.bind's answer,
    without building the bound arguments): a call it refuses would fail in argument binding,
    which is NotImplemented, not an error of the computation."""

    __slots__ = ("positional", "positional_only", "keywords", "required", "varargs", "varkw",
                 "out_at")

    def __init__(self, signature):
        P = inspect.Parameter
        params = list(signature.parameters.values())
        self.positional = [p.name for p in params if p.kind in (P.POSITIONAL_ONLY,
                                                                  P.POSITIONAL_OR_KEYWORD)]
        self.positional_only = {p.name for p in params if p.kind == P.POSITIONAL_ONLY}
        self.keywords = {p.name for p in params if p.kind in (P.POSITIONAL_OR_KEYWORD,
                                                                P.KEYWORD_ONLY)}
        self.required = [(p.name, p.kind) for p in params
                         if p.default is P.empty and p.kind not in (P.VAR_POSITIONAL,
                                                                    P.VAR_KEYWORD)]
        self.varargs = any(p.kind == P.VAR_POSITIONAL for p in params)
        self.varkw = any(p.kind == P.VAR_KEYWORD for p in params)
        self.out_at = self.positional.index("out") if "out" in self.positional else None

    @classmethod
    def of(cls, function):
        try:
            return cls(inspect.signature(function))
        except (TypeError, ValueError):  # no signature to read: never dispatched
            return None

    def writes_out(self, args, kwargs):
        """Whether the call passes an ``out=`` array, by keyword or by position."""
        if kwargs.get("out") is not None:
            return True
        at = self.out_at
        return at is not None and len(args) > at and args[at] is not None

    def accepts(self, args, kwargs):
        n = len(args)
        if n > len(self.positional) and not self.varargs:
            return False
        given = self.positional[:n]
        for key in kwargs:
            if key in given:
                return False  # given twice
            if key not in self.keywords and not self.varkw:
                return False
        for name, kind in self.required:
            if kind == inspect.Parameter.KEYWORD_ONLY:
                if name not in kwargs:
                    return False
            elif name not in given and (name not in kwargs or name in self.positional_only):
                return False
        return True


class _Tables:
    """What the protocols look up, built once from NumPy's and arrpy's namespaces."""

    def __init__(self):
        import numpy as np

        import arrpy
        from arrpy import fft, linalg

        # Operands that never override NumPy: arrpy takes them as they are (NumPy's scalars
        # and its exact ndarray through the buffer protocol).
        self.numpy_ndarray = np.ndarray
        self.plain_types = {np.ndarray, int, float, complex, bool, list, tuple}
        self.plain_types.update(t for t in np.sctypeDict.values() if isinstance(t, type))

        self.elementwise = {}
        self.elementwise_arity = {}
        for row in _arrpy._registry():
            if row["arity"] is not None:
                for name in [row["name"], *row["aliases"]]:
                    self.elementwise[name] = getattr(arrpy, name)
                    self.elementwise_arity[name] = row["arity"]
        for name in _GUFUNCS:
            if hasattr(arrpy, name):
                self.elementwise[name] = getattr(arrpy, name)
        self.reductions = {name: (getattr(arrpy, name), _Binder.of(getattr(arrpy, name)))
                           for name in [*_REDUCE.values(), *_ACCUMULATE.values()]}

        self.functions = {}
        for np_module, module in ((np, arrpy), (np.linalg, linalg), (np.fft, fft)):
            for name in dir(np_module):
                if name.startswith("_"):
                    continue
                with warnings.catch_warnings():  # a deprecated name must not fail the call
                    warnings.simplefilter("ignore")
                    source = getattr(np_module, name, None)
                if not _dispatches(np, source):
                    continue
                # An alias (np.permute_dims is np.transpose) maps to arrpy's function of the
                # NumPy function's own name where arrpy has it.
                target = getattr(module, source.__name__, None) or getattr(module, name, None)
                if target is None or isinstance(target, type) or not callable(target):
                    continue
                binder = _Binder.of(target)
                if binder is not None:
                    self.functions[source] = (target, binder, _defaults(source))


def _defaults(function):
    """{parameter: default} of NumPy's function (empty where its signature cannot be read)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return {}
    return {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}


def _dispatches(np, obj):
    """Whether NumPy hands calls of ``obj`` to ``__array_function__``: its dispatched
    functions, and the creation functions that take ``like=`` (NEP 35)."""
    if isinstance(obj, np.ufunc) or isinstance(obj, type):
        return False
    if hasattr(obj, "_implementation"):
        return True
    try:
        return "like" in inspect.signature(obj).parameters
    except (TypeError, ValueError):  # C functions before NumPy 2.4 show it in their doc only
        return callable(obj) and "like=None" in (getattr(obj, "__doc__", None) or "")


def _build_tables():
    global _tables
    _tables = _Tables()
    return _tables


def dispatched_functions():
    """{NumPy function: arrpy function} for every NumPy function that dispatches to arrpy."""
    tables = _tables or _build_tables()
    return {source: entry[0] for source, entry in tables.functions.items()}


def dispatched_ufuncs():
    """The names of NumPy's ufuncs whose calls arrpy computes."""
    tables = _tables or _build_tables()
    return set(tables.elementwise)
