"""Assertions for tests, as ``numpy.testing``'s: the same names, arguments and messages.

``assert_allclose``, ``assert_array_equal``, ``assert_array_almost_equal``,
``assert_array_less``, ``assert_equal`` and ``assert_raises`` accept arrpy arrays, NumPy arrays,
scalars and (nested) lists. Every comparison is computed by arrpy, so the module works without
NumPy. A failure raises AssertionError with NumPy's text: the header, the number of mismatched
elements, the first mismatches, the largest absolute and relative differences among them, and
both arrays (printed with 6 digits, as NumPy's assertions print them).

    >>> import arrpy as ap
    >>> from arrpy.testing import assert_allclose
    >>> assert_allclose(ap.array([1.0, 2.0]), [1.0, 2.0 + 1e-9])
"""

import math
import operator
import warnings
from typing import Any

import arrpy as _ap
from . import _format

__all__ = [
    "assert_allclose", "assert_array_equal", "assert_array_almost_equal", "assert_array_less",
    "assert_equal", "assert_raises",
]

__tracebackhide__ = True  # pytest leaves these frames out of tracebacks


# ---------------------------------------------------------------------------------------------
# Text: NumPy's build_err_msg and the array printing it uses
# ---------------------------------------------------------------------------------------------

def _shown(a):
    """The values a print of ``a`` shows, as a flat list: all of them, or the 3 first and last
    along each longer axis of an array of more than 1000 elements (NumPy's summary)."""
    if a.size > 1000:
        for axis, n in enumerate(a.shape):
            if n > 6:
                a = _ap.take(a, [0, 1, 2, n - 3, n - 2, n - 1], axis=axis)
    return a.ravel().tolist() if a.ndim else [a.item()]


def _array_text(a, precision):
    return _format.array_repr(a.shape, a.dtype.name, _shown(a), edges=a.size > 1000,
                              precision=precision)


def _element_text(a):
    """A 0-d array's element as NumPy's messages show a scalar (``format(x, "")``): the Python
    value's text, so a float32 shows every digit of its double (``0.20000000298023224``)."""
    return str(a.item() if isinstance(a, _ap.ndarray) else a)


def _number_text(a):
    """NumPy's ``array2string`` of a 0-d result (``1.``, ``0.25``, ``nan``, ``3``)."""
    return _format.array_str((1,), a.dtype.name, [a.item()])[1:-1]


def _repr(obj, precision):
    if isinstance(obj, _ap.ndarray):
        return _array_text(obj, precision)
    return repr(obj)


def _build_err_msg(arrays, err_msg, header="Items are not equal:", verbose=True,
                   names=("ACTUAL", "DESIRED"), precision=8):
    lines = ["\n" + header]
    err_msg = str(err_msg)
    if err_msg:
        if "\n" not in err_msg and len(err_msg) < 79 - len(header):
            lines = [lines[0] + " " + err_msg]
        else:
            lines.append(err_msg)
    if verbose:
        for name, a in zip(names, arrays):
            try:
                r = _repr(a, precision)
            except Exception as exc:  # a message must come out whatever the object
                r = f"[repr failed for <{type(a).__name__}>: {exc}]"
            if r.count("\n") > 3:
                r = "\n".join(r.splitlines()[:3]) + "..."
            lines.append(f" {name}: {r}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The array comparison behind every array assertion (NumPy's assert_array_compare)
# ---------------------------------------------------------------------------------------------

def _as_array(x):
    return x if isinstance(x, _ap.ndarray) else _ap.asarray(x)


def _is_inexact(a):
    return a.dtype.kind in "fc"


def _isnan(a):
    return _ap.isnan(a) if _is_inexact(a) else _ap.zeros(a.shape, dtype=_ap.bool)


def _isinf(a):
    return _ap.isinf(a) if _is_inexact(a) else _ap.zeros(a.shape, dtype=_ap.bool)


def _differ_anywhere(x, y):
    return not bool(_ap.all(x == y))


class _Comparison:
    """One call of an array assertion: its options, and the failure messages it builds."""

    def __init__(self, err_msg, verbose, header, precision, names):
        self.err_msg = str(err_msg)
        self.verbose = verbose
        self.header = header
        self.precision = precision
        self.names = names

    def fail(self, arrays, text):
        raise AssertionError(_build_err_msg(arrays, self.err_msg + text, verbose=self.verbose,
                                            header=self.header, names=self.names,
                                            precision=self.precision))

    def same_positions(self, x, y, x_flags, y_flags, what):
        """Fails unless ``x_flags`` and ``y_flags`` (nan or inf masks) agree; the mask that
        holds for both (a 0-d one when either input is 0-d: then it holds everywhere)."""
        if _differ_anywhere(x_flags, y_flags):
            self.fail([x, y], f"\n{what} location mismatch:")
        return x_flags if x_flags.ndim == 0 else y_flags

    def same_inf_values(self, x, y, infs):
        if not bool(_ap.any(infs)):
            return
        if x.ndim > 0 and y.ndim > 0:
            x, y = x[infs], y[infs]
        if _differ_anywhere(x, y):
            self.fail([x, y], "\ninf values mismatch:")


def _compare(comparison, x, y, err_msg="", verbose=True, header="", precision=6,
             equal_nan=True, equal_inf=True, *, strict=False, names=("ACTUAL", "DESIRED")):
    x, y = _as_array(x), _as_array(y)
    ox, oy = x, y
    check = _Comparison(err_msg, verbose, header, precision, names)
    if strict:
        agree = x.shape == y.shape and x.dtype == y.dtype
    else:
        agree = x.shape == () or y.shape == () or x.shape == y.shape
    if not agree:
        if x.shape != y.shape:
            check.fail([x, y], f"\n(shapes {x.shape}, {y.shape} mismatch)")
        check.fail([x, y], f"\n(dtypes {x.dtype.name}, {y.dtype.name} mismatch)")

    flagged = _ap.asarray(False)
    if equal_nan:
        flagged = check.same_positions(x, y, _isnan(x), _isnan(y), "nan")
    if equal_inf:
        not_nan = _ap.logical_not(flagged)
        infs = check.same_positions(x, y, _isinf(x) & not_nan, _isinf(y) & not_nan, "inf")
        check.same_inf_values(x, y, infs)
        flagged = flagged | infs

    if flagged.ndim > 0:
        keep = _ap.logical_not(flagged)
        x, y = x[keep], y[keep]
        if x.size == 0:
            return
    elif bool(flagged):
        return  # every element is a nan or inf that matches

    holds = _as_array(comparison(x, y))
    invalid = _ap.logical_not(holds)
    if bool(_ap.all(holds)):
        return
    n_mismatch = int(_ap.sum(invalid))
    n_elements = flagged.size if flagged.ndim else holds.size
    remarks = [f"Mismatched elements: {n_mismatch} / {n_elements} "
               f"({100 * n_mismatch / n_elements:.3g}%)"]
    if invalid.ndim:
        if flagged.ndim:
            positions = _ap.argwhere(_ap.logical_not(flagged))[invalid]
        else:
            positions = _ap.argwhere(invalid)
        remarks.append(_mismatch_lines(positions, ox, oy, names))
    remarks += _difference_lines(x, y, invalid)
    raise AssertionError(_build_err_msg(
        [ox, oy], check.err_msg + "\n" + "\n".join(remarks), verbose=verbose, header=header,
        names=names, precision=precision))


def _mismatch_lines(positions, ox, oy, names):
    def element(a, p):
        return _element_text(a if a.ndim == 0 else a[tuple(p)])

    shown = positions[:5].tolist()
    body = "\n".join(f" {p}: {element(ox, p)} ({names[0]}), {element(oy, p)} ({names[1]})"
                     for p in shown)
    if len(positions) == 1:
        return "Mismatch at index:\n" + body
    if len(positions) <= 5:
        return "Mismatch at indices:\n" + body
    return "First 5 mismatches are at indices:\n" + body


def _difference_lines(x, y, invalid):
    """'Max absolute/relative difference among violations' (none for bool, which does not
    subtract, as NumPy)."""
    if x.dtype == _ap.bool or y.dtype == _ap.bool:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        error = _ap.abs(x - y)
        if x.dtype.kind == "u":
            # x - y wraps around for unsigned integers; the smaller wrap is the distance.
            error = _ap.minimum(error, _ap.abs(y - x))
        lines = ["Max absolute difference among violations: "
                 + _number_text(_ap.max(error[invalid]))]
        nonzero_invalid = invalid & (y != 0)
        if not bool(_ap.any(nonzero_invalid)):
            relative = _ap.asarray(math.inf)
        else:
            divisor = _ap.abs(_ap.broadcast_to(y, error.shape)[nonzero_invalid])
            relative = _ap.max(error[nonzero_invalid] / divisor)
        lines.append("Max relative difference among violations: " + _number_text(relative))
    return lines


# ---------------------------------------------------------------------------------------------
# The assertions
# ---------------------------------------------------------------------------------------------

def assert_allclose(actual: Any, desired: Any, rtol: float = 1e-7, atol: float = 0,
                    equal_nan: bool = True, err_msg: object = "", verbose: bool = True, *,
                    strict: bool = False) -> None:
    """Fails unless ``|actual - desired| <= atol + rtol * |desired|`` everywhere (``isclose``),
    nans equal where ``equal_nan``. ``strict`` also asks for equal shapes and dtypes (no
    broadcasting of a scalar).

    >>> assert_allclose([1.0, 2.0], [1.0, 2.0000001], rtol=1e-6)
    """
    def close(x, y):
        return _ap.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)

    _compare(close, actual, desired, err_msg=str(err_msg), verbose=verbose,
             header=f"Not equal to tolerance rtol={rtol:g}, atol={atol:g}",
             equal_nan=equal_nan, strict=strict)


def assert_array_equal(actual: Any, desired: Any, err_msg: object = "", verbose: bool = True,
                       *, strict: bool = False) -> None:
    """Fails unless the arrays have the same shape (a scalar broadcasts, unless ``strict``)
    and equal elements; nans in the same places count as equal.

    >>> import arrpy as ap
    >>> assert_array_equal(ap.arange(3), [0, 1, 2])
    """
    _compare(operator.eq, actual, desired, err_msg=err_msg, verbose=verbose,
             header="Arrays are not equal", strict=strict)


def assert_array_almost_equal(actual: Any, desired: Any, decimal: int = 6, err_msg: object = "",
                              verbose: bool = True) -> None:
    """Fails unless ``abs(desired - actual) < 1.5 * 10**(-decimal)`` everywhere.

    >>> assert_array_almost_equal([1.0, 2.3333333], [1.0, 2.33333334])
    """
    def almost(x, y):
        # y in an inexact dtype, so abs(x - y) cannot overflow at an integer minimum
        y = _ap.asarray(y, dtype=_ap.result_type(y, 1.0))
        return _ap.abs(x - y) < 1.5 * 10.0 ** (-decimal)

    _compare(almost, actual, desired, err_msg=err_msg, verbose=verbose,
             header="Arrays are not almost equal to %d decimals" % decimal, precision=decimal)


def assert_array_less(x: Any, y: Any, err_msg: object = "", verbose: bool = True, *,
                      strict: bool = False) -> None:
    """Fails unless ``x < y`` everywhere (infinities must match in place and sign too).

    >>> assert_array_less([1.0, 2.0], [1.5, 3.0])
    """
    _compare(operator.lt, x, y, err_msg=err_msg, verbose=verbose,
             header="Arrays are not strictly ordered `x < y`", equal_inf=False, strict=strict,
             names=("x", "y"))


def _is_array(x):
    """An arrpy array, or another library's (NumPy's) array object."""
    if isinstance(x, _ap.ndarray):
        return True
    t = type(x)
    return t.__name__ == "ndarray" and t.__module__ == "numpy"


def _is_scalar(x):
    """NumPy's ``isscalar``: Python numbers, strings and bytes, and NumPy scalars."""
    if isinstance(x, (int, float, complex, str, bytes)):
        return True
    t = type(x)
    return t.__module__ == "numpy" and hasattr(x, "dtype") and not _is_array(x)


def _isnan_scalar(x):
    return math.isnan(x)  # TypeError for what is not a real number


def _signbit(x):
    return math.copysign(1.0, x) < 0


def assert_equal(actual: Any, desired: Any, err_msg: object = "", verbose: bool = True, *,
                 strict: bool = False) -> None:
    """Fails unless ``actual == desired``: dicts, lists and tuples compared item by item,
    arrays with ``assert_array_equal``, nans equal to nans, and ``0.0`` unequal to ``-0.0``.

    >>> assert_equal([1, {"a": 2.0}], [1, {"a": 2.0}])
    """
    if isinstance(desired, dict):
        if not isinstance(actual, dict):
            raise AssertionError(repr(type(actual)))
        assert_equal(len(actual), len(desired), err_msg, verbose)
        for k in desired:
            if k not in actual:
                raise AssertionError(repr(k))
            assert_equal(actual[k], desired[k], f"key={k!r}\n{err_msg}", verbose)
        return
    if isinstance(desired, (list, tuple)) and isinstance(actual, (list, tuple)):
        assert_equal(len(actual), len(desired), err_msg, verbose)
        for k in range(len(desired)):
            assert_equal(actual[k], desired[k], f"item={k!r}\n{err_msg}", verbose)
        return
    if _is_array(actual) or _is_array(desired):
        assert_array_equal(actual, desired, err_msg, verbose, strict=strict)
        return
    msg = _build_err_msg([actual, desired], err_msg, verbose=verbose)

    if isinstance(actual, complex) or isinstance(desired, complex):
        # parts apart, so that nans, infinities and signed zeros are judged as for reals
        try:
            assert_equal(complex(actual).real, complex(desired).real)
            assert_equal(complex(actual).imag, complex(desired).imag)
        except (AssertionError, TypeError):
            raise AssertionError(msg) from None
        return
    if _is_scalar(desired) != _is_scalar(actual):
        raise AssertionError(msg)
    try:
        if _isnan_scalar(desired) and _isnan_scalar(actual):
            return
        if desired == 0 and actual == 0 and _signbit(desired) != _signbit(actual):
            raise AssertionError(msg)
    except (TypeError, ValueError, OverflowError):
        pass
    if not (desired == actual):
        raise AssertionError(msg)


def assert_raises(*args: Any, **kwargs: Any) -> Any:
    """``assert_raises(exception_class, callable, *args, **kwargs)`` fails unless the call
    raises ``exception_class``; ``with assert_raises(exception_class):`` checks a block
    (unittest's ``assertRaises``, as NumPy's).

    >>> assert_raises(ZeroDivisionError, lambda: 1 / 0)
    """
    return _unittest_case().assertRaises(*args, **kwargs)


def _unittest_case():
    import unittest  # only when an assert_raises runs: `import arrpy.testing` stays light

    return unittest.TestCase()
