"""Elementwise functions: thin wrappers over the Rust op registry, NumPy's aliases, and the few
functions composed from other ops (round with decimals, isclose, nan_to_num, …)."""


import operator as _operator

from . import _arrpy
from ._arrpy import asarray

__all__ = []  # filled by _export


def _export(function, name=None):
    __all__.append(name or function.__name__)
    return function


def _binary_function(name, doc):
    def function(x1, x2, /, out=None):
        return _arrpy._binary(name, x1, x2, out)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{doc}, elementwise, with broadcasting. ``out=`` receives the result."
    return _export(function)


def _unary_function(name, doc):
    def function(x, /, out=None):
        return _arrpy._unary(name, x, out)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{doc}, elementwise. ``out=`` receives the result."
    return _export(function)


@_export
def multiply_add(x1, x2, x3, /):
    """``x1 * x2 + x3`` in one pass over memory where the operands allow it (float32/float64,
    each contiguous with the result's shape or a single element, simd and parallel tiers);
    elsewhere as the two ops. Each element is rounded twice, as in ``x1 * x2 + x3`` (this is
    not a fused multiply-add): the values are the same bits as the two operators give."""
    return _arrpy._fused("multiply", x1, x2, "add", x3)


add = _binary_function("add", "x1 + x2")
subtract = _binary_function("subtract", "x1 - x2")
multiply = _binary_function("multiply", "x1 * x2")
divide = _binary_function("divide", "x1 / x2 (true division)")
floor_divide = _binary_function("floor_divide", "x1 // x2")
remainder = _binary_function("remainder", "x1 % x2 (sign of the divisor)")
fmod = _binary_function("fmod", "C's fmod: remainder with the sign of the dividend")
pow = _binary_function("pow", "x1 ** x2")
equal = _binary_function("equal", "x1 == x2")
not_equal = _binary_function("not_equal", "x1 != x2")
less = _binary_function("less", "x1 < x2")
less_equal = _binary_function("less_equal", "x1 <= x2")
greater = _binary_function("greater", "x1 > x2")
greater_equal = _binary_function("greater_equal", "x1 >= x2")
bitwise_and = _binary_function("bitwise_and", "x1 & x2")
bitwise_or = _binary_function("bitwise_or", "x1 | x2")
bitwise_xor = _binary_function("bitwise_xor", "x1 ^ x2")
bitwise_left_shift = _binary_function("bitwise_left_shift", "x1 << x2")
bitwise_right_shift = _binary_function("bitwise_right_shift", "x1 >> x2")
logical_and = _binary_function("logical_and", "x1 and x2 (truth values)")
logical_or = _binary_function("logical_or", "x1 or x2 (truth values)")
logical_xor = _binary_function("logical_xor", "x1 xor x2 (truth values)")
maximum = _binary_function("maximum", "The larger of x1 and x2 (NaN propagates)")
minimum = _binary_function("minimum", "The smaller of x1 and x2 (NaN propagates)")
fmax = _binary_function("fmax", "The larger of x1 and x2, ignoring NaN")
fmin = _binary_function("fmin", "The smaller of x1 and x2, ignoring NaN")
atan2 = _binary_function("atan2", "The angle of the point (x2, x1), quadrant-aware")
hypot = _binary_function("hypot", "sqrt(x1**2 + x2**2) without overflow")
copysign = _binary_function("copysign", "|x1| with the sign of x2")
logaddexp = _binary_function("logaddexp", "log(exp(x1) + exp(x2)) without overflow")
logaddexp2 = _binary_function("logaddexp2", "log2(2**x1 + 2**x2) without overflow")
nextafter = _binary_function("nextafter", "The next float after x1 toward x2")

negative = _unary_function("negative", "-x")
positive = _unary_function("positive", "+x")
abs = _unary_function("abs", "|x| (the modulus for complex x)")
fabs = _unary_function("fabs", "|x| of a real x, as a float")
square = _unary_function("square", "x * x")
reciprocal = _unary_function("reciprocal", "1 / x")
sign = _unary_function("sign", "-1, 0 or 1 by the sign of x (x / |x| for complex x)")
bitwise_invert = _unary_function("bitwise_invert", "~x")
logical_not = _unary_function("logical_not", "not x (truth values)")
sqrt = _unary_function("sqrt", "The square root of x (principal for complex)")
cbrt = _unary_function("cbrt", "The cube root of x")
exp = _unary_function("exp", "e ** x")
expm1 = _unary_function("expm1", "e ** x - 1, accurate near 0")
exp2 = _unary_function("exp2", "2 ** x")
log = _unary_function("log", "The natural logarithm of x")
log1p = _unary_function("log1p", "log(1 + x), accurate near 0")
log2 = _unary_function("log2", "The base-2 logarithm of x")
log10 = _unary_function("log10", "The base-10 logarithm of x")
sin = _unary_function("sin", "The sine of x (radians)")
cos = _unary_function("cos", "The cosine of x (radians)")
tan = _unary_function("tan", "The tangent of x (radians)")
asin = _unary_function("asin", "The inverse sine of x")
acos = _unary_function("acos", "The inverse cosine of x")
atan = _unary_function("atan", "The inverse tangent of x")
sinh = _unary_function("sinh", "The hyperbolic sine of x")
cosh = _unary_function("cosh", "The hyperbolic cosine of x")
tanh = _unary_function("tanh", "The hyperbolic tangent of x")
asinh = _unary_function("asinh", "The inverse hyperbolic sine of x")
acosh = _unary_function("acosh", "The inverse hyperbolic cosine of x")
atanh = _unary_function("atanh", "The inverse hyperbolic tangent of x")
deg2rad = _unary_function("deg2rad", "x degrees in radians")
rad2deg = _unary_function("rad2deg", "x radians in degrees")
rint = _unary_function("rint", "x rounded to the nearest integer, ties to even")
floor = _unary_function("floor", "The largest integer <= x")
ceil = _unary_function("ceil", "The smallest integer >= x")
trunc = _unary_function("trunc", "x rounded toward zero")
conj = _unary_function("conj", "The complex conjugate of x")
real = _unary_function("real", "The real part of x")
imag = _unary_function("imag", "The imaginary part of x (zeros for real x)")
isfinite = _unary_function("isfinite", "Whether x is finite")
isinf = _unary_function("isinf", "Whether x is infinite")
isnan = _unary_function("isnan", "Whether x is NaN")
signbit = _unary_function("signbit", "Whether the sign bit of x is set")

# NumPy's names beside the standard's.
for _alias, _target in {
    "power": pow, "true_divide": divide, "mod": remainder, "absolute": abs, "invert": bitwise_invert,
    "left_shift": bitwise_left_shift, "right_shift": bitwise_right_shift, "conjugate": conj,
    "arcsin": asin, "arccos": acos, "arctan": atan, "arctan2": atan2, "arcsinh": asinh,
    "arccosh": acosh, "arctanh": atanh, "degrees": rad2deg, "radians": deg2rad,
}.items():
    globals()[_alias] = _export(_target, _alias)


@_export
def where(condition, x1, x2, /, out=None):
    """Elements of ``x1`` where ``condition`` is true, else of ``x2`` (broadcast together)."""
    return _arrpy._where(condition, x1, x2, out)


@_export
def clip(x, /, min=None, max=None, *, out=None):
    """``x`` limited to ``[min, max]``; a NaN in x or a bound propagates. Bounds may be arrays."""
    return _arrpy._clip(x, min, max, out)


@_export
def round(x, /, decimals=0, out=None):
    """``x`` rounded to ``decimals`` decimal places, halves to even, by NumPy's algorithm: scale
    by 10**decimals (as NumPy builds it), round to integer, scale back, in float64 for integer
    inputs (so 0.285 at 2 decimals gives 0.28, and results match NumPy bit for bit)."""
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
    """Whether ``|a - b| <= atol + rtol * |b|`` elementwise (infinities equal only to themselves)."""
    a, b = _float_operands(a, b)
    d = subtract(a, b)
    close = less_equal(abs(d), atol + rtol * abs(b)) & isfinite(d)
    close = close | equal(a, b)
    if equal_nan:
        close = close | (isnan(a) & isnan(b))
    return close


@_export
def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Whether every element of ``a`` is close to ``b`` (see :func:`isclose`)."""
    close = isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)
    return int(logical_not(close).sum()) == 0


@_export
def array_equal(a1, a2, equal_nan=False):
    """Whether ``a1`` and ``a2`` have the same shape and elements (NaN == NaN if ``equal_nan``)."""
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
    largest finite magnitudes of the dtype). Complex parts are treated separately."""
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


del _alias, _target
