"""Floating-point error handling as NumPy's: ``errstate``, ``seterr``, ``geterr``,
``seterrcall`` and ``geterrcall``.

The state lives in a :class:`contextvars.ContextVar` (as in NumPy 2), so each thread and each
asyncio task has its own. The engine finds the flags in software and reports them after an
operation; only then is the state read (``_report``), so an operation that raises no flag pays
nothing for it. ``_raise_mask`` tells the engine, before an operation with ``out=``, which
categories would raise: it then leaves ``out`` as it was when the operation fails.

NumPy's own state counts too, where NumPy is imported (``_handling``): a call NumPy dispatched
to arrpy (``numpy.log(a)``) is handled under NumPy's state, as NumPy's loops would be; and a
category NumPy's state ignores is ignored by arrpy's calls as well, since library code written
for NumPy silences the warnings it expects with ``numpy.errstate`` (Dask's mean and std divide
by empty counts so) and should run as quietly on arrpy arrays.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
import threading
import warnings
from typing import Any, NamedTuple

from . import _arrpy

_MODES = ("ignore", "warn", "raise", "call", "print", "log")
_CATEGORIES = ("divide", "over", "under", "invalid")
# The engine's flag bits, in NumPy's order of reporting.
_BITS = {"divide": 1, "over": 2, "under": 4, "invalid": 8}
_WORDS = {
    "divide": "divide by zero",
    "over": "overflow",
    "under": "underflow",
    "invalid": "invalid value",
}
# The engine's op names where NumPy's ufunc is named otherwise (messages name the ufunc).
_UFUNC_NAMES = {
    "pow": "power",
    "abs": "absolute",
    "atan2": "arctan2",
    "asin": "arcsin",
    "acos": "arccos",
    "atan": "arctan",
    "asinh": "arcsinh",
    "acosh": "arccosh",
    "atanh": "arctanh",
    "astype": "cast",
}


class _State(NamedTuple):
    divide: str
    over: str
    under: str
    invalid: str
    call: Any
    raise_mask: int

    def modes(self) -> dict[str, str]:
        return {c: getattr(self, c) for c in _CATEGORIES}


_raising_announced = False


def _announce_raising() -> None:
    """The engine reads the raise mask before each out= call from the first state that raises
    on (another thread or task may hold one): until then no call can fail."""
    global _raising_announced
    if not _raising_announced:
        _arrpy._fp_raising()
        _raising_announced = True


def _make_state(modes: dict[str, str], call: Any) -> _State:
    mask = sum(_BITS[c] for c in _CATEGORIES if modes[c] == "raise")
    if mask:
        _announce_raising()
    return _State(modes["divide"], modes["over"], modes["under"], modes["invalid"], call, mask)


# NumPy's default: warn for divide, over and invalid (underflow is not detected).
_DEFAULT = _make_state({"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}, None)
_state: contextvars.ContextVar[_State] = contextvars.ContextVar("arrpy_errstate", default=_DEFAULT)


def _updated(
    state: _State,
    all: str | None,
    divide: str | None,
    over: str | None,
    under: str | None,
    invalid: str | None,
) -> dict[str, str]:
    modes = state.modes()
    given = {"divide": divide, "over": over, "under": under, "invalid": invalid}
    for category in _CATEGORIES:
        mode = given[category] if given[category] is not None else all
        if mode is None:
            continue
        if mode not in _MODES:
            raise ValueError(f"invalid error mode {mode!r}")
        modes[category] = mode
    return modes


def _check_call(func: Any) -> None:
    if func is not None and not callable(func):
        if not callable(getattr(func, "write", None)):
            raise TypeError("python object must be callable or have a callable write method")


def seterr(
    all: str | None = None,
    divide: str | None = None,
    over: str | None = None,
    under: str | None = None,
    invalid: str | None = None,
) -> dict[str, str]:
    """Set how floating-point errors are handled; return the previous setting.

    Each category (``divide``, ``over``, ``under``, ``invalid``; ``all`` for every one not
    named) takes one of ``'ignore'``, ``'warn'`` (RuntimeWarning), ``'raise'``
    (FloatingPointError), ``'call'`` (the function set by ``seterrcall``), ``'print'`` or
    ``'log'`` (to the object set by ``seterrcall``). The setting belongs to the current thread
    or asyncio task; ``errstate`` changes it for a block only. The default is NumPy's: warn for
    divide, over and invalid; ignore underflow (which arrpy does not detect).

    >>> import arrpy as ap
    >>> old = ap.seterr(divide='raise')
    >>> ap.divide(ap.asarray([1.0]), 0.0)
    Traceback (most recent call last):
    FloatingPointError: divide by zero encountered in divide
    >>> ap.seterr(**old)['divide']
    'raise'
    >>> ap.geterr() == old
    True
    """
    old = _state.get()
    _state.set(_make_state(_updated(old, all, divide, over, under, invalid), old.call))
    return old.modes()


def geterr() -> dict[str, str]:
    """How floating-point errors are handled now, by category.

    >>> import arrpy as ap
    >>> ap.geterr()
    {'divide': 'warn', 'over': 'warn', 'under': 'ignore', 'invalid': 'warn'}
    """
    return _state.get().modes()


def seterrcall(func: Any) -> Any:
    """Set the function called for ``'call'`` mode (with the error's name and the flags) or
    the object whose ``write`` method ``'log'`` mode uses; return the previous one.

    >>> import arrpy as ap
    >>> seen = []
    >>> old = ap.seterrcall(lambda kind, flags: seen.append((kind, flags)))
    >>> with ap.errstate(divide='call'):
    ...     _ = ap.divide(ap.asarray([1.0]), 0.0)
    >>> seen
    [('divide by zero', 1)]
    >>> ap.seterrcall(old) is not None
    True
    """
    _check_call(func)
    old = _state.get()
    _state.set(old._replace(call=func))
    return old.call


def geterrcall() -> Any:
    """The function or object set by ``seterrcall`` (None when there is none).

    >>> import arrpy as ap
    >>> ap.geterrcall() is None
    True
    """
    return _state.get().call


_UNSET: Any = object()


class errstate(contextlib.ContextDecorator):
    """Context manager and decorator for floating-point error handling.

    Takes the keywords of ``seterr`` (``all``, ``divide``, ``over``, ``under``, ``invalid``)
    and ``call`` (as ``seterrcall``); the setting holds inside the block or the decorated
    function and is restored after it. It belongs to the current thread or asyncio task.

    >>> import arrpy as ap
    >>> with ap.errstate(divide='ignore'):
    ...     ap.divide(ap.asarray([1.0, -1.0]), 0.0)
    array([ inf, -inf])
    >>> with ap.errstate(all='raise'):
    ...     ap.log(ap.asarray([0.0]))
    Traceback (most recent call last):
    FloatingPointError: divide by zero encountered in log
    """

    def __init__(
        self,
        *,
        call: Any = _UNSET,
        all: str | None = None,
        divide: str | None = None,
        over: str | None = None,
        under: str | None = None,
        invalid: str | None = None,
    ) -> None:
        self._call = call
        self._modes = (all, divide, over, under, invalid)
        self._token: contextvars.Token[_State] | None = None

    def __enter__(self) -> None:
        if self._token is not None:
            raise TypeError("Cannot enter `arrpy.errstate` twice.")
        old = _state.get()
        call = old.call
        if self._call is not _UNSET:
            _check_call(self._call)
            call = self._call
        self._token = _state.set(_make_state(_updated(old, *self._modes), call))

    def __exit__(self, *exc_info: object) -> None:
        assert self._token is not None
        _state.reset(self._token)
        self._token = None

    def _recreate_cm(self) -> errstate:
        # Each call of a decorated function enters a fresh copy (calls may nest or overlap).
        return errstate(
            call=self._call,
            all=self._modes[0],
            divide=self._modes[1],
            over=self._modes[2],
            under=self._modes[3],
            invalid=self._modes[4],
        )


def _raise_mask() -> int:
    """The flag bits whose mode is 'raise' now (the engine asks before ops with ``out=``)."""
    if not _state.get().raise_mask and not getattr(_dispatch, "from_numpy", False):
        return 0
    return _handling().raise_mask


# Whether this thread is inside a call NumPy dispatched to arrpy (a dispatch never awaits, so a
# thread-local holds for asyncio tasks too).
_dispatch = threading.local()


def _as_numpy_call(writes_out: bool, function: Any, *args: Any, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)`` as a call NumPy dispatched (``__array_ufunc__``,
    ``__array_function__``): its flags are handled under NumPy's state (``_handling``), which
    is read only when an op raised one. A call with ``out=`` made before any arrpy state raised
    looks whether NumPy's does, so that the engine asks for the raise mask and a failing op
    leaves ``out`` as it was."""
    if writes_out and not _raising_announced:
        numpy = sys.modules.get("numpy")
        if numpy is not None and "raise" in numpy.geterr().values():
            _announce_raising()
    outer = getattr(_dispatch, "from_numpy", False)
    _dispatch.from_numpy = True
    try:
        return function(*args, **kwargs)
    finally:
        _dispatch.from_numpy = outer


def _handling() -> _State:
    """The state that handles flags now (module docstring): NumPy's own inside a call NumPy
    dispatched, else arrpy's with the categories NumPy ignores ignored. The one place the rule
    lives, so that ``_raise_mask`` and ``_report`` agree (an ``out=`` kept back for a raise
    that then does not come would lose the result)."""
    state = _state.get()
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return state
    numpy_modes = numpy.geterr()
    if getattr(_dispatch, "from_numpy", False):
        return _make_state({c: numpy_modes[c] for c in _CATEGORIES}, numpy.geterrcall())
    modes = state.modes()
    if all(modes[c] == "ignore" or numpy_modes.get(c) != "ignore" for c in _CATEGORIES):
        return state
    return _make_state({c: "ignore" if numpy_modes.get(c) == "ignore" else modes[c]
                        for c in _CATEGORIES}, state.call)


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _user_stacklevel() -> int:
    """The warnings stacklevel of the first frame outside this package (as NumPy's warnings
    point at the user's line, not at a wrapper of ours)."""
    frame = sys._getframe(2)  # the Python frame that called the engine: stacklevel 2 in _report
    level = 2
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


def _report(raised: list[tuple[str, int]]) -> None:
    """Applies the current state to the flags each op raised (the engine calls it only when an
    op raised some): warnings, a FloatingPointError, or the call/print/log of the mode."""
    state = _handling()
    for op, flags in raised:
        name = _UFUNC_NAMES.get(op, op)
        for category in _CATEGORIES:
            if not flags & _BITS[category]:
                continue
            mode = getattr(state, category)
            if mode == "ignore":
                continue
            message = f"{_WORDS[category]} encountered in {name}"
            if mode == "warn":
                warnings.warn(message, RuntimeWarning, stacklevel=_user_stacklevel())
            elif mode == "raise":
                raise FloatingPointError(message)
            elif mode == "call":
                if state.call is None:
                    raise ValueError(f"Callback function is None for errstate mode 'call' ({message})")
                state.call(_WORDS[category], flags)
            elif mode == "print":
                print(f"Warning: {message}", file=sys.stdout)
            elif mode == "log":
                if state.call is None:
                    raise ValueError(f"Log object is None for errstate mode 'log' ({message})")
                state.call.write(f"Warning: {message}\n")


__all__ = ["errstate", "geterr", "geterrcall", "seterr", "seterrcall"]
