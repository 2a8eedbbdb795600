"""Reductions, NumPy's and the Array API's names: generated from the Rust reductions' table.

Each row of ``_arrpy._registry()`` with a ``signature`` is a reduction; its function is made here
by the maker of its signature class, under its own name and NumPy's aliases, and calls the one
binding ``_arrpy._reduce``. ``axis`` is an int, a negative int, a tuple or None (one int or None
for the arg- and cumulative functions); RuntimeWarnings (degrees of freedom <= 0, all-NaN or
empty slices) are NumPy's.

The parameters are annotated (as strings, never evaluated) for the stub that
``python -m tools.gen_stubs`` writes from these functions.
"""

from __future__ import annotations

from . import _arrpy
from ._examples import with_example

__all__ = []  # filled from the table below


def _axes(name):
    def function(x: Any, /, axis: _Axis = None, out: ndarray | None = None,
                 keepdims: bool = False) -> ndarray:
        return _arrpy._reduce(name, x, axis=axis, out=out, keepdims=keepdims)
    return function


def _axes_dtype(name):
    def function(x: Any, /, axis: _Axis = None, dtype: _DTypeLike | None = None,
                 out: ndarray | None = None, keepdims: bool = False) -> ndarray:
        return _arrpy._reduce(name, x, axis=axis, dtype=dtype, out=out, keepdims=keepdims)
    return function


def _moments(name):
    def function(x: Any, /, axis: _Axis = None, dtype: _DTypeLike | None = None,
                 out: ndarray | None = None, ddof: float | None = None, keepdims: bool = False,
                 *, correction: float | None = None) -> ndarray:
        return _arrpy._reduce(name, x, axis=axis, dtype=dtype, out=out, ddof=ddof,
                              keepdims=keepdims, correction=correction)
    return function


def _arg(name):
    def function(x: Any, /, axis: SupportsIndex | None = None, out: ndarray | None = None, *,
                 keepdims: bool = False) -> ndarray:
        return _arrpy._reduce(name, x, axis=axis, out=out, keepdims=keepdims)
    return function


def _cumulative(name):
    def function(x: Any, /, axis: SupportsIndex | None = None,
                 dtype: _DTypeLike | None = None, out: ndarray | None = None) -> ndarray:
        return _arrpy._reduce(name, x, axis=axis, dtype=dtype, out=out)
    return function


def _api_cumulative(name):
    def function(x: Any, /, *, axis: SupportsIndex | None = None,
                 dtype: _DTypeLike | None = None, out: ndarray | None = None,
                 include_initial: bool = False) -> ndarray:
        return _arrpy._reduce(name, x, axis=axis, dtype=dtype, out=out,
                              include_initial=include_initial)
    return function


def _count(name):
    def function(x: Any, /, axis: _Axis = None, *, keepdims: bool = False) -> ndarray:
        return _arrpy._reduce(name, x, axis=axis, keepdims=keepdims)
    return function


# One maker per signature class of the table (`Signature::name` in ops/reduce/table.rs).
_MAKERS = {
    "axes": _axes, "axes_dtype": _axes_dtype, "moments": _moments, "arg": _arg,
    "cumulative": _cumulative, "api_cumulative": _api_cumulative, "count": _count,
}


def _table_functions():
    """{name: function} for every reduction of the table, under its name and its aliases."""
    functions = {}
    for row in _arrpy._registry():
        if row["signature"] is not None:
            function = _MAKERS[row["signature"]](row["name"])
            function.__name__ = function.__qualname__ = row["name"]
            function.__doc__ = with_example(row["name"], f"{row['doc']}, along ``axis``.")
            for name in [row["name"], *row["aliases"]]:
                functions[name] = function
    return functions


for _name, _function in _table_functions().items():
    globals()[_name] = _function
    __all__.append(_name)
