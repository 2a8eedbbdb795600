"""Differential families: the same operation on arrpy and on NumPy, on small arrays in every
layout; a different shape, dtype or value (NaN equal to NaN, signed zeros compared, a few ulp of
slack for transcendental functions) raises `Mismatch`, which the worker records as a finding.

Only calls where both libraries succeed are compared: exceptions are not differential findings.
"""

from . import values as V
from .calls import BINARY, UNARY, _broadcast_shape, _kwargs
from .values import Arr

# Functions whose float results may differ from NumPy's by rounding (arrpy's own vmath kernels).
INEXACT = {"sqrt", "cbrt", "exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "sin", "cos",
           "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
           "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "atan2", "arctan2",
           "hypot", "logaddexp", "logaddexp2", "pow", "power", "deg2rad", "rad2deg", "degrees",
           "radians", "divide", "true_divide", "mean", "var", "std", "sum", "prod", "cumsum",
           "cumprod", "reciprocal", "**", "/", "sign", "abs", "absolute"}


def data_array(ctx, dtype=None, shape=None):
    """A small array whose data NumPy sees through `np.asarray` (copied, so in-place arrpy
    operations cannot change NumPy's operand)."""
    arr = V.array(ctx, dtype=dtype, shape=shape, allow_foreign=ctx.chance(0.3))
    twin = ctx.bind(f"np.array(np.asarray({arr}), copy=True)", "n")
    return arr, twin


def operand_pair(ctx, like):
    """An operand for both libraries: an array and its NumPy twin, or one scalar for both."""
    if ctx.chance(0.6):
        shape = V.broadcastable_shape(ctx, like.shape) if ctx.chance(0.8) else None
        return data_array(ctx, shape=shape)
    numpy_scalars = ctx.allows("numpy_scalar_promotion") and ctx.chance(0.3)
    value = V.numpy_scalar(ctx) if numpy_scalars else V.python_scalar(ctx)
    return value, value


def tolerance(name):
    return f"inexact={name in INEXACT}, what={name!r}"


def diff_elementwise(ctx):
    x, nx = data_array(ctx)
    if ctx.chance(0.4):
        fn = ctx.pick(UNARY)
        return f"check(ap.{fn}({x}), np.{fn}({nx}), {tolerance(fn)})"
    fn = ctx.pick(BINARY)
    y, ny = operand_pair(ctx, x)
    if ctx.chance(0.5):
        return f"check(ap.{fn}({x}, {y}), np.{fn}({nx}, {ny}), {tolerance(fn)})"
    return f"check(ap.{fn}({y}, {x}), np.{fn}({ny}, {nx}), {tolerance(fn)})"


def diff_operator(ctx):
    x, nx = data_array(ctx)
    y, ny = operand_pair(ctx, x)
    op = ctx.pick(["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>",
                   "==", "!=", "<", "<=", ">", ">="])
    if ctx.chance(0.5):
        return f"check({x} {op} {y}, {nx} {op} {ny}, {tolerance(op)})"
    uop = ctx.pick(["-", "+", "~", "abs"])
    if uop == "abs":
        return f"check(abs({x}), abs({nx}), inexact=True, what='abs')"  # complex: a hypot
    return f"check({uop}{x}, {uop}{nx}, what='unary {uop}')"


def diff_reduction(ctx):
    x, nx = data_array(ctx)
    ndim = len(x.shape)
    name = ctx.pick(["sum", "prod", "mean", "min", "max", "argmin", "argmax", "any", "all",
                     "cumsum", "cumprod", "var", "std"])
    axis = V.axis_arg(ctx, ndim) if name not in ("argmin", "argmax", "cumsum", "cumprod") else \
        ctx.pick(["None"] + [str(a) for a in range(-ndim, ndim)])
    if axis not in ["None"] + [str(a) for a in range(-ndim, ndim)] and not axis.startswith("("):
        axis = "None"
    keep = "" if name in ("cumsum", "cumprod") else _kwargs(ctx, {"keepdims": lambda: ctx.pick(["True", "False"])})
    if name in ("argmin", "argmax") and axis == "None":
        keep = ""
    return f"check({x}.{name}(axis={axis}{keep}), {nx}.{name}(axis={axis}{keep}), {tolerance(name)})"


def diff_inplace(ctx):
    """In-place and out= writes, often through a view aliasing the operand: arrpy must give what
    NumPy gives with the same aliasing."""
    x, nx = data_array(ctx, shape=V.small_shape(ctx, max_ndim=2))
    op = ctx.pick(["+", "-", "*"])
    alias = ctx.pick(["{a}", "{a}[::-1]", "{a}.T", "{a}[..., ::-1]"])
    if ctx.chance(0.5) or not x.shape:
        ctx.stmt(f"{x} {op}= {alias.format(a=x)}")
        ctx.stmt(f"{nx} {op}= {alias.format(a=nx)}")
    else:
        fn = {"+": "add", "-": "subtract", "*": "multiply"}[op]
        ctx.stmt(f"ap.{fn}({x}[:-1], {x}[1:], out={x}[1:])")
        ctx.stmt(f"np.{fn}({nx}[:-1], {nx}[1:], out={nx}[1:])")
    return f"check({x}, {nx}, what='in-place {op}')"


def diff_index(ctx):
    x, nx = data_array(ctx)
    key = V.index(ctx, x.shape)
    if "ap." in key or "Index(" in key or "RaisingIndex" in key:
        key = "..."
    if ctx.chance(0.5):
        return f"check({x}[{key}], {nx}[{key}], what='getitem')"
    value = V.element(ctx, x.dtype) if ctx.chance(0.5) else f"{x}[::-1]" if x.shape else "0"
    nvalue = value.replace(str(x), str(nx))
    ctx.stmt(f"{nx}[{key}] = {nvalue}")
    ctx.stmt(f"{x}[{key}] = {value}")
    return f"check({x}, {nx}, what='setitem')"


DIFFERENTIAL = {"diff_elementwise": diff_elementwise, "diff_operator": diff_operator,
                "diff_reduction": diff_reduction, "diff_inplace": diff_inplace, "diff_index": diff_index}
DIFFERENTIAL_WEIGHTS = {"diff_elementwise": 10, "diff_operator": 6, "diff_reduction": 8,
                        "diff_inplace": 3, "diff_index": 4}
