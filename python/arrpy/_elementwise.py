"""Elementwise functions: thin wrappers over the Rust op registry, NumPy's aliases, and the few
functions composed from other ops (round with decimals, isclose, nan_to_num, …)."""


import operator as _operator

from . import _arrpy
from ._arrpy import asarray
from ._examples import with_example

__all__ = []  # filled by _export


def _export(function, name=None):
    __all__.append(name or function.__name__)
    return function


def _binary_function(name, doc):
    def function(x1, x2, /, out=None):
        return _arrpy._binary(name, x1, x2, out)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = with_example(
        name, f"{doc}, elementwise, with broadcasting. ``out=`` receives the result.")
    return function


def _unary_function(name, doc):
    def function(x, /, out=None):
        return _arrpy._unary(name, x, out)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = with_example(name, f"{doc}, elementwise. ``out=`` receives the result.")
    return function


_MAKERS = {2: _binary_function, 1: _unary_function}


def _table_functions():
    """{name: function} for every binary and unary op in the Rust op table, under its own name
    and NumPy's aliases (``power`` is ``pow``): the table is the one list of them."""
    functions = {}
    for row in _arrpy._registry():
        if row["arity"] is not None:
            function = _MAKERS[row["arity"]](row["name"], row["doc"])
            for name in [row["name"], *row["aliases"]]:
                functions[name] = function
    return functions


for _name, _function in _table_functions().items():
    globals()[_name] = _export(_function, _name)


@_export
def multiply_add(x1, x2, x3, /):
    """``x1 * x2 + x3`` in one pass over memory where the operands allow it (float32/float64,
    each contiguous with the result's shape or a single element, simd and parallel tiers);
    elsewhere as the two ops. Each element is rounded twice, as in ``x1 * x2 + x3`` (this is
    not a fused multiply-add): the values are the same bits as the two operators give.

    >>> ap.multiply_add(ap.asarray([1.0, 2.0]), 3.0, ap.asarray([0.5, 0.5]))
    array([3.5, 6.5])
    """
    return _arrpy._fused("multiply", x1, x2, "add", x3)


@_export
def where(condition, x1, x2, /, out=None):
    """Elements of ``x1`` where ``condition`` is true, else of ``x2`` (broadcast together)."""
    return _arrpy._where(condition, x1, x2, out)


@_export
def clip(x, /, min=None, max=None, *, out=None):
    """``x`` limited to ``[min, max]``; a NaN in x or a bound propagates. Bounds may be arrays.

    >>> ap.clip(ap.asarray([-2, 0, 3, 9]), 0, 5)
    array([0, 0, 3, 5])
    """
    return _arrpy._clip(x, min, max, out)


@_export
def round(x, /, decimals=0, out=None):
    """``x`` rounded to ``decimals`` decimal places, halves to even, by NumPy's algorithm: scale
    by 10**decimals (as NumPy builds it), round to integer, scale back, in float64 for integer
    inputs (so 0.285 at 2 decimals gives 0.28, and results match NumPy bit for bit).

    >>> ap.around(ap.asarray([0.5, 1.5, 2.675, -1.25]), 1)
    array([ 0.5,  1.5,  2.7, -1.2])
    """
    x = asarray(x)
    decimals = _operator.index(decimals)
    if not _INT_MIN <= decimals <= _INT_MAX:
        # NumPy takes decimals as a C int; checking first also bounds every loop below.
        raise OverflowError(f"decimals={decimals} does not fit in a C int")
    kind = x.dtype.kind
    if kind in "biu":
        if decimals >= 0:
            return _copy_into(x, out)
        if decimals <= -_INT_DIGITS:
            # |x| < 10**20 / 2 for every integer dtype, so each value rounds to 0 (NumPy's float
            # arithmetic gives 0 here too until 10**-decimals overflows to inf, where its answer
            # is an artifact of casting NaN to an integer).
            return _copy_into(multiply(x, False), out)
        f = _power_of_ten(-decimals)
        return _copy_into(multiply(rint(divide(x, f)), f).astype(x.dtype), out)
    if kind == "c":
        # Each part on its own, as NumPy (a complex division would round differently).
        # The parts are stored, not recombined as re + im * 1j (inf * 1j has a NaN real part).
        result = x.copy()
        result.real[...] = round(real(x), decimals)
        result.imag[...] = round(imag(x), decimals)
        return _copy_into(result, out)
    if decimals == 0:
        return rint(x, out=out)
    if decimals > 0:
        f = _power_of_ten(decimals)
        return divide(rint(x * f), f, out=out)
    f = _power_of_ten(-decimals)
    return multiply(rint(x / f), f, out=out)


_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
# More decimal digits than any int64/uint64 value has (10**20 > 2 * 2**64).
_INT_DIGITS = 20


def _power_of_ten(n):
    """10.0**n as NumPy's round computes it (exact table up to 1e8, then repeated * 10, whose
    rounding differs from pow's for some n, e.g. 27); inf once it overflows."""
    if n < 9:
        return 10.0**n
    result = 1e9
    for _ in range(min(n - 9, 400)):  # inf after ~300 steps; n may be up to 2**31
        result *= 10.0
    return result


def _copy_into(x, out):
    if out is None:
        return x.copy()
    out[...] = x
    return out


around = _export(round, "around")


def _float_operands(a, b):
    a, b = asarray(a), asarray(b)
    if a.dtype.kind not in "fc" and b.dtype.kind not in "fc":
        a = a.astype("float64")
    return a, b


@_export
def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Whether ``|a - b| <= atol + rtol * |b|`` elementwise (infinities equal only to themselves).

    >>> ap.isclose(ap.asarray([1.0, 1.1, ap.nan]), 1.0)
    array([ True, False, False])
    """
    a, b = _float_operands(a, b)
    d = subtract(a, b)
    close = less_equal(abs(d), atol + rtol * abs(b)) & isfinite(d)
    close = close | equal(a, b)
    if equal_nan:
        close = close | (isnan(a) & isnan(b))
    return close


@_export
def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
    """Whether every element of ``a`` is close to ``b`` (see :func:`isclose`).

    >>> ap.allclose(ap.asarray([1.0, 2.0]), ap.asarray([1.0, 2.0 + 1e-9]))
    True
    """
    close = isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)
    return int(logical_not(close).sum()) == 0


@_export
def array_equal(a1, a2, equal_nan=False) -> bool:
    """Whether ``a1`` and ``a2`` have the same shape and elements (NaN == NaN if ``equal_nan``).

    >>> ap.array_equal(ap.asarray([1, 2]), ap.asarray([1.0, 2.0]))
    True
    >>> ap.array_equal(ap.asarray([1, 2]), ap.asarray([1, 3]))
    False
    """
    a1, a2 = asarray(a1), asarray(a2)
    if a1.shape != a2.shape:
        return False
    same = equal(a1, a2)
    if equal_nan:
        same = same | (isnan(a1) & isnan(a2))
    return int(logical_not(same).sum()) == 0


@_export
def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """``x`` with NaN replaced by ``nan`` and ±inf by ``posinf``/``neginf`` (default: the
    largest finite magnitudes of the dtype). Complex parts are treated separately.

    >>> ap.nan_to_num(ap.asarray([ap.nan, ap.inf, -ap.inf, 1.0]))
    array([ 0.00000000e+000,  1.79769313e+308, -1.79769313e+308,
            1.00000000e+000])
    """
    from ._dtypes import finfo

    x = asarray(x)
    kind = x.dtype.kind
    if kind not in "fc":
        return x.copy() if copy else x
    big = finfo(x.dtype).max
    hi = big if posinf is None else posinf
    lo = -big if neginf is None else neginf

    def fix(part):
        part = where(isnan(part), nan, part)
        part = where(greater(part, 0) & isinf(part), hi, part)
        return where(less(part, 0) & isinf(part), lo, part)

    if kind == "c":
        result = (fix(real(x)) + _imag_unit(x.dtype) * fix(imag(x))).astype(x.dtype)
    else:
        result = fix(x).astype(x.dtype)
    if copy:
        return result
    x[...] = result
    return x


def _imag_unit(dtype):
    return asarray(1j, dtype=dtype)


del _name, _function
