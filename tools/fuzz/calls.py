"""Call families: each writes the setup and the call of one random use of arrpy's public API.

A family is a function `(ctx) -> str` that adds setup lines to `ctx` and returns the final
statement. The public API is enumerated from the installed module (functions from `dir(arrpy)`,
ndarray methods, operators and properties), so new functions are fuzzed without editing this file.
"""

import inspect

import arrpy as ap

from . import values as V
from .values import Arr

BINARY_OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>",
                    "==", "!=", "<", "<=", ">", ">=", "@"]
UNARY_OPERATORS = ["-", "+", "~", "abs"]


def _positional_params(fn):
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    return [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _classify_elementwise():
    unary, binary = [], []
    for name in getattr(ap._elementwise, "__all__", []):
        params = _positional_params(getattr(ap, name, None))
        if params == ["x", "out"]:
            unary.append(name)
        elif params == ["x1", "x2", "out"]:
            binary.append(name)
    return sorted(unary), sorted(binary)


UNARY, BINARY = _classify_elementwise()
# Every public callable (classes too: ndarray, dtype, finfo), but set_num_threads (backend family).
PUBLIC_FUNCTIONS = sorted(n for n in dir(ap) if not n.startswith("_") and callable(getattr(ap, n))
                          and n not in ("set_num_threads",))
REDUCTIONS = ["sum", "prod", "mean", "min", "max", "var", "std", "argmin", "argmax", "any", "all",
              "cumsum", "cumprod"]
REDUCTION_FUNCTIONS = [n for n in ["count_nonzero", "ptp", "nansum", "nanmean", "nanmin", "nanmax",
                                   "cumulative_sum", "cumulative_prod", "amin", "amax"] if hasattr(ap, n)]
# dump writes a file named by its argument (any string the fuzzer makes).
ARRAY_METHODS = sorted(n for n in dir(ap.ndarray) if not n.startswith("_") and n != "dump"
                       and callable(getattr(ap.ndarray, n, None)))
ARRAY_PROPERTIES = sorted(n for n in dir(ap.ndarray) if not n.startswith("_")
                          and not callable(getattr(ap.ndarray, n, None)))
CREATION = [n for n in ["zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like",
                        "full_like", "arange", "linspace", "eye"] if hasattr(ap, n)]


def any_value(ctx):
    """Any argument at all: arrays, scalars, dtypes, shapes, nestings, hostile objects."""
    r = ctx.rng.random()
    if r < 0.4:
        return str(V.array(ctx))
    if r < 0.6:
        return V.scalar(ctx)
    if r < 0.7:
        return V.shape_arg(ctx)
    if r < 0.8:
        return V.dtype_arg(ctx)
    if r < 0.9:
        return V.hostile(ctx)
    return V.nesting(ctx)


def _kwargs(ctx, options):
    """A few keyword arguments picked from `options` (name -> generator of a value)."""
    chosen = [k for k in options if ctx.chance(0.3)]
    return "".join(f", {k}={options[k]()}" for k in chosen)


# ---------------------------------------------------------------- families

def creation(ctx):
    fn = ctx.pick(CREATION)
    d = lambda: V.dtype_arg(ctx)
    if fn in ("zeros", "ones", "empty"):
        return f"ap.{fn}({V.shape_arg(ctx)}{_kwargs(ctx, {'dtype': d})})"
    if fn == "full":
        return f"ap.full({V.shape_arg(ctx)}, {V.operand(ctx)}{_kwargs(ctx, {'dtype': d})})"
    if fn.endswith("_like"):
        fill = f", {V.scalar(ctx)}" if fn == "full_like" else ""
        kw = _kwargs(ctx, {"dtype": d, "shape": lambda: V.shape_arg(ctx)})
        return f"ap.{fn}({V.operand(ctx)}{fill}{kw})"
    if fn == "arange":
        # Small ranges, or ranges far too long for memory; not 10**7-10**10 elements, which are
        # legitimately slow (NumPy too) and would read as hangs.
        if ctx.chance(0.8):
            small = ["0", "1", "-3", "5", "2.5", "-0.5", "10", "np.int8(4)", "True", "1j", "float('nan')"]
            args = ", ".join(ctx.pick(small) for _ in range(ctx.randint(1, 3)))
        else:
            args = ctx.pick(["2**63", "0, 2**64", "-2**63, 2**63 - 1", "0, 1, 1e-300", "float('inf')",
                             "0, 10, 0", "0, 2**62, 1", "2**100", "0, 1e300, 1e-300", "-1e308, 1e308"])
        return f"ap.arange({args}{_kwargs(ctx, {'dtype': d})})"
    if fn == "linspace":
        num = ctx.pick(["0", "1", "5", "50", "-1", "2**62", "2.5", "np.int8(3)", "True"])
        kw = _kwargs(ctx, {"dtype": d, "endpoint": lambda: ctx.pick(["True", "False"])})
        return f"ap.linspace({V.scalar(ctx)}, {V.scalar(ctx)}, {num}{kw})"
    n = ctx.pick(["0", "1", "3", "-1", "None", "2.0"] + (["2**40"] if ctx.allows("eye_huge") else []))
    kw = _kwargs(ctx, {"dtype": d, "k": lambda: ctx.pick(["0", "1", "-2", "2**63", "10"])})
    return f"ap.eye({n}, {ctx.pick(['None', '2', '0', '4'])}{kw})"


def conversion_in(ctx):
    """Importing objects: asarray/array/from_dlpack/frombuffer on every kind of input."""
    fn = ctx.pick(["asarray", "asarray", "array", "from_dlpack", "frombuffer"])
    if fn == "from_dlpack":
        x = ctx.pick([str(V.array(ctx)), V.numpy_array(ctx, V.dtype_name(ctx), V.small_shape(ctx)),
                      V.hostile(ctx), V.scalar(ctx)])
        return f"ap.from_dlpack({x}{_kwargs(ctx, {'copy': lambda: ctx.pick(['True', 'False', 'None'])})})"
    if fn == "frombuffer":
        buf = ctx.pick(["b'abcdefgh'", "bytearray(16)", "memoryview(bytearray(12))[::2]",
                        "memoryview(bytearray(16)).cast('d')", "np.ones(3)", "np.ones((2, 2))[:, 0]",
                        "b''", "'text'", "None", f"memoryview({V.array(ctx)})"])
        kw = _kwargs(ctx, {"dtype": lambda: V.dtype_arg(ctx),
                           "count": lambda: ctx.pick(["-1", "0", "1", "3", "2**62", "-5"]),
                           "offset": lambda: ctx.pick(["0", "1", "7", "-1", "2**63", "100"])})
        return f"ap.frombuffer({buf}{kw})"
    r = ctx.rng.random()
    if r < 0.3:
        obj = V.numpy_array(ctx, V.dtype_name(ctx), V.small_shape(ctx))
    elif r < 0.45:
        obj = V.scalar(ctx)
    elif r < 0.6:
        obj = V.nesting(ctx)
    elif r < 0.75:
        obj = V.hostile(ctx)
    elif r < 0.85:
        obj = buffer_object(ctx)
    else:
        obj = str(V.array(ctx))
    kw = _kwargs(ctx, {"dtype": lambda: V.dtype_arg(ctx),
                       "copy": lambda: ctx.pick(["True", "False", "None"])})
    return f"ap.{fn}({obj}{kw})"


def buffer_object(ctx):
    """Objects exporting the buffer protocol, with unusual formats, strides and read-only flags."""
    return ctx.pick([
        "memoryview(bytearray(8)).cast('B', (2, 4))", "memoryview(bytearray(16))[::-2]",
        "memoryview(bytearray(8)).cast('e')", "memoryview(bytearray(8)).cast('?')",
        "memoryview(bytearray(16)).cast('Q')", "memoryview(b'abcd')",
        "__import__('array').array('d', [1.0, 2.0])", "__import__('array').array('u', 'ab')",
        "__import__('array').array('q', [1, -2])", "memoryview(np.ones((3, 4))[::2, ::-1])",
        "memoryview(np.ones(4, dtype='>i4'))", "memoryview(np.zeros(3, dtype='complex64'))",
        "memoryview(np.zeros(2, dtype='S3'))", "memoryview(np.zeros(2, dtype=[('a', 'i4'), ('b', 'f8')]))",
        "(__import__('ctypes').c_double * 3)()", "(__import__('ctypes').c_int16 * 2 * 3)()",
        "memoryview(np.lib.stride_tricks.as_strided(np.ones(4), (3, 3), (8, 8)))",
        "memoryview(np.lib.stride_tricks.as_strided(np.ones(1), (5,), (0,)))",
        "memoryview(bytearray(0))", "bytes(3)", "memoryview(np.ones((2, 0, 3)))",
        "memoryview(np.ones((), dtype='float32'))", "memoryview(np.ones(3, dtype=np.float16))",
        "memoryview(np.arange(6).reshape(2, 3)).toreadonly()",
    ])


def interface(ctx):
    """Hostile __array_interface__ objects: lying pointers, shapes, strides, typestrs, versions.
    Only the import and metadata are exercised where the memory described is not real."""
    real = ctx.chance(0.5)
    dtype = V.dtype_name(ctx)
    typestr = ctx.pick(["'<f8'", "'<i4'", "'|b1'", "'|u1'", "'>f8'", "'<c16'", "'<f2'", "'<f16'",
                        "'|V8'", "'<M8[s]'", "'x'", "''", "3", "None", "'<i4 '", "'|O'", "'<U3'"])
    if not ctx.allows("bogus_pointer_bool"):
        dtype = "uint8" if dtype == "bool" else dtype
        typestr = "'|u1'" if typestr == "'|b1'" else typestr
    if real:
        # Memory that exists. Reading it is fair only while the interface describes no more than
        # the base holds: the base's own shape and strides, with a 1-byte typestr at most.
        base = V.numpy_array(ctx, dtype, V.small_shape(ctx))
        lying = ctx.chance(0.5)
        options = {"version": lambda: ctx.pick(["2", "99", "None", "'3'"])}
        if lying:
            options.update({
                "typestr": lambda: typestr,
                "shape": lambda: ctx.pick(["(2, 2)", "()", "(-1,)", "(2**62,)", "None", "(1,) * 70", "[3]"]),
                "strides": lambda: ctx.pick(["None", "(0,)", "(-8,)", "(8, 8)", "(2**62,)", "(1,)", "'x'"]),
                "data": lambda: ctx.pick(["None", "(0, False)", "b'abcd'", "bytearray(64)", "(1, True)", "'x'"]),
            })
        else:
            options["typestr"] = lambda: ctx.pick(["'|b1'", "'|u1'", "'|i1'"])
        x = ctx.bind(f"ap.asarray(iface_of({base}{_kwargs(ctx, options)}))", "i")
        if lying:
            return ctx.pick([f"{x}.shape", f"{x}.dtype", f"{x}.strides", f"{x}[::-1].shape"])
        return ctx.pick([f"{x}.sum()", f"{x}.tolist()", f"repr({x})", f"{x}.copy()", f"{x} + 1",
                         f"{x}.shape", f"ap.from_dlpack({x})", f"{x}.any()", f"{x} == {x}.copy()"])
    pointer = ctx.pick(["0", "1", "8", "2**64 - 8", "2**63", "-1", "2**70", "4096"])
    shape = ctx.pick(["(3,)", "(0,)", "(2**40,)", "(2, 3)", "()", "(-2,)", "(1,) * 65"])
    strides = ctx.pick(["None", "(8,)", "(0,)", "(-8,)", "(8, 8)", "(2**62,)"])
    readonly = ctx.pick(["True", "False"])
    obj = (f"Iface(data=({pointer}, {readonly}), shape={shape}, strides={strides}, "
           f"typestr={typestr}, version={ctx.pick(['3', '3', '2', '0'])})")
    if ctx.chance(0.2):
        obj = ctx.pick(["Iface()", "Iface(shape=(3,))", "Iface(data=(8, False), typestr='<f8')",
                        f"Iface(data=({pointer}, False), shape={shape}, typestr='<f8', version=3, "
                        "descr=[('', '<f8')], mask=None)"])
    x = ctx.bind(f"ap.asarray({obj})", "i")
    # Views only: a copy reads the memory, which NumPy would do too (and crash on).
    return ctx.pick([f"{x}.shape", f"{x}.dtype", f"{x}.strides", f"{x}.ndim", f"{x}.size",
                     f"{x}[::-1].shape", f"{x}.T.shape", f"{x}[None].strides"])


def unary(ctx):
    fn = ctx.pick(UNARY)
    x = V.operand(ctx)
    if isinstance(x, Arr) and ctx.chance(0.3):
        out = V.out_arg(ctx, [x], f"{x}.shape")
        return f"ap.{fn}({x}, out={out})"
    return f"ap.{fn}({x})"


def _broadcast_shape(*operands):
    """The broadcast shape of the array operands (None if there are none or it fails)."""
    import numpy as np

    shapes = [x.shape for x in operands if isinstance(x, Arr)]
    try:
        return np.broadcast_shapes(*shapes) if shapes else None
    except ValueError:
        return shapes[0]


def binary(ctx):
    fn = ctx.pick(BINARY)
    x = V.operand(ctx)
    y = V.operand(ctx, like=x if isinstance(x, Arr) else None)
    shape = _broadcast_shape(x, y)
    if shape is not None and ctx.chance(0.3):
        out = V.out_arg(ctx, [x, y], repr(shape))
        return f"ap.{fn}({x}, {y}, out={out})"
    return f"ap.{fn}({x}, {y})"


def operator(ctx):
    x = V.array(ctx)
    y = V.operand(ctx, like=x)
    r = ctx.rng.random()
    op = ctx.pick(BINARY_OPERATORS)
    if r < 0.35:
        return f"{x} {op} {y}"
    if r < 0.4:
        return f"{x} {op} Reentrant({x})"
    if r < 0.6:
        return f"{y} {op} {x}"
    if r < 0.85:
        if op in ("==", "!=", "<", "<=", ">", ">="):
            op = "+"
        target = ctx.pick([str(x), str(x), f"{x}[::-1]", f"{x}[...]"])
        if target != str(x):
            target = ctx.bind(target, "t")
        if ctx.chance(0.3) and x.shape:
            # The right operand aliases the target through a foreign view.
            y = ctx.pick([f"ap.from_dlpack({x})[::-1]", f"ap.asarray(memoryview({x}))",
                          f"ap.asarray(np.asarray({x})[::-1])", f"{x}[::-1]", f"{x}.T"])
        return f"{target} {op}= {y}"
    uop = ctx.pick(UNARY_OPERATORS)
    chained = f" {ctx.pick(['+', '*', '-'])} {V.operand(ctx, like=x)}" if ctx.chance(0.5) else ""
    return f"abs({x}){chained}" if uop == "abs" else f"{uop}{x}{chained}"


def reduction(ctx):
    x = V.array(ctx)
    ndim = len(x.shape)
    if ctx.chance(0.25) and REDUCTION_FUNCTIONS:
        fn = ctx.pick(REDUCTION_FUNCTIONS)
        kw = _kwargs(ctx, {"axis": lambda: V.axis_arg(ctx, ndim),
                           "keepdims": lambda: ctx.pick(["True", "False"])})
        return f"ap.{fn}({x}{kw})"
    name = ctx.pick(REDUCTIONS)
    options = {"axis": lambda: V.axis_arg(ctx, ndim),
               "keepdims": lambda: ctx.pick(["True", "False"]),
               "out": lambda: ctx.pick([f"ap.empty(np.asarray({x}).{name}(axis=None).shape)",
                                        f"ap.empty((), dtype={V.dtype_name(ctx)!r})", str(x),
                                        f"{x}[..., 0]" if ndim else str(x), f"{x}.reshape(-1)[:1]"])}
    if name in ("sum", "prod", "mean", "var", "std", "cumsum", "cumprod"):
        options["dtype"] = lambda: V.dtype_arg(ctx)
    if name in ("var", "std"):
        options["ddof"] = lambda: ctx.pick(["0", "1", "2.5", "-1", "10**9", "float('nan')"])
    if name in ("cumsum", "cumprod", "argmin", "argmax"):
        options["axis"] = lambda: ctx.pick(["None", "0", "-1", "1", "5", "(0,)"])
    call = f"{x}.{name}({_kwargs(ctx, options).lstrip(', ')})"
    if ctx.chance(0.3):
        call = f"ap.{name}({x}{_kwargs(ctx, options)})" if hasattr(ap, name) else call
    return call


def method(ctx):
    """A random ndarray method with arguments fitted to it, sometimes random ones."""
    x = V.array(ctx)
    name = ctx.pick(ARRAY_METHODS)
    ndim = len(x.shape)
    args = {
        "astype": lambda: f"{V.dtype_arg(ctx)}" + _kwargs(ctx, {
            "casting": lambda: ctx.pick(["'unsafe'", "'safe'", "'same_kind'", "'no'", "'bogus'"]),
            "copy": lambda: ctx.pick(["True", "False"])}),
        "reshape": lambda: ctx.pick([V.shape_arg(ctx), "-1", f"{x.shape!r}", "(-1, 1)", "(2, -1)",
                                     "-1, 1", "(-1, -1)", "0"]),
        "transpose": lambda: ctx.pick(["", "None", repr(tuple(range(ndim))[::-1]),
                                       "(0, 0)", "(5,)", ", ".join(map(str, range(ndim)))]),
        "squeeze": lambda: V.axis_arg(ctx, ndim),
        "item": lambda: ctx.pick(["", "0", "-1", "2**63", "1, 0", "0, 0, 0", "Index(0)", "5"]),
        "fill": lambda: ctx.pick([V.scalar(ctx), V.hostile(ctx), f"Reentrant({x})"]),
        "round": lambda: ctx.pick(["", "0", "2", "-1", "-2", "-20", "400", "-400"]
                                  + (["-2**63 - 1", "2**63"] if ctx.allows("round_huge_decimals") else [])),
        "clip": lambda: f"{V.operand(ctx, like=x)}, {V.operand(ctx, like=x)}",
        "copy": lambda: ctx.pick(["", "'C'", "'F'", "'K'", "'Z'"]),
        "ravel": lambda: ctx.pick(["", "'C'", "'F'", "'K'", "'Z'"]),
        "flatten": lambda: ctx.pick(["", "'C'", "'F'", "'Q'"]),
        "to_device": lambda: ctx.pick(["'cpu'", "'cuda'", "None"]),
        "setflags": lambda: ctx.pick(["write=False", "write=True", "", "write=None"]),
        "__array__": lambda: ctx.pick(["", "np.float32", "'int8'", "copy=False"]),
    }
    if name in args and ctx.chance(0.85):
        arg = args[name]()
    elif name in REDUCTIONS:
        return reduction(ctx)
    else:
        arg = ", ".join(any_value(ctx) for _ in range(ctx.randint(0, 2)))
    call = f"{x}.{name}({arg})"
    if ctx.chance(0.3):
        # Use the result too: a view produced wrongly shows when read.
        call = f"ap.asarray({call}).tolist() if isinstance({call}, ap.ndarray) else None"
    return call


def properties(ctx):
    x = V.array(ctx)
    name = ctx.pick(ARRAY_PROPERTIES)
    if ctx.chance(0.4) and name in ("shape", "real", "imag", "dtype", "strides", "T", "flags", "data"):
        value = {"shape": lambda: V.shape_arg(ctx), "real": lambda: V.operand(ctx, like=x),
                 "imag": lambda: V.operand(ctx, like=x)}.get(name, lambda: any_value(ctx))()
        return f"{x}.{name} = {value}"
    return f"{x}.{name}"


def getitem(ctx):
    x = V.array(ctx)
    key = V.index(ctx, x.shape)
    if ctx.chance(0.3):
        return f"{x}[{key}].tolist()"
    return f"{x}[{key}]"


def setitem(ctx):
    x = V.array(ctx)
    key = V.index(ctx, x.shape)
    r = ctx.rng.random()
    if r < 0.08:
        # Conversion of the value re-enters Python, which changes the target meanwhile.
        value = ctx.pick([f"Reentrant({x})", f"[Reentrant({x})] * {x.shape[-1] if x.shape else 1}",
                          f"[Reentrant({x}), 1.0]"])
        key = ctx.pick([key, f"Reentrant({x})", "..."])
    elif r < 0.15 and x.shape:
        value = ctx.pick([f"{x}[::-1]", f"ap.from_dlpack({x})[::-1]", f"np.asarray({x})[::-1]",
                          f"ap.asarray(memoryview({x}))[::-1]", f"{x}.T"])
    elif r < 0.3:
        value = V.nesting(ctx)
    else:
        value = V.operand(ctx, like=x)
    return f"{x}[{key}] = {value}"


def conversion_out(ctx):
    """Exports and Python protocols: repr, str, tolist, len, iter, numbers, NumPy, memoryview,
    DLPack, pickle, copy."""
    x = V.array(ctx) if ctx.chance(0.85) else V.huge_array(ctx)
    ops = [f"repr({x})", f"str({x})", f"{x}.tolist()", f"len({x})", f"list({x})", f"bool({x})",
           f"int({x})", f"float({x})", f"complex({x})", f"{x}.__index__()", f"format({x})",
           f"hash({x})", f"np.asarray({x})", f"np.asarray({x}).sum()", f"memoryview({x}).tolist()",
           f"memoryview({x}).cast('B').tobytes()", f"ap.from_dlpack({x})", f"np.from_dlpack({x})",
           f"np.from_dlpack({x}).sum()", f"{x}.__dlpack__()", f"{x}.__dlpack__(max_version=(1, 0))",
           f"{x}.__dlpack__(copy=True)", f"{x}.__dlpack__(dl_device=(2, 0))", f"{x}.__dlpack_device__()",
           f"__import__('pickle').loads(__import__('pickle').dumps({x}))", f"__import__('copy').deepcopy({x})",
           f"{x}.__array_interface__", f"{x}.__array_namespace__()", f"{x}.__array__()",
           f"np.array({x}, copy=False)", f"{x}.item({ctx.randint(-3, 70)})", f"{x}.get_buffer_info()",
           f"{x}.to_memoryview()", f"{x}.__reduce__()", f"{x} in {x}", f"sorted({x})", f"np.add({x}, 1)",
           f"np.multiply({x}, {x}, out=np.asarray({x}))"]
    if x.huge:
        ops = [o for o in ops if not any(s in o for s in ("list(", "sorted", "np.add", "np.multiply", ".sum()", " in ", "hash(", "pickle", "deepcopy", "tobytes"))]
        if not ctx.allows("huge_materialize"):
            ops = [o for o in ops if not any(s in o for s in ("repr(", "str(", "tolist", "format", ".item("))]
    return ctx.pick(ops)


def huge(ctx):
    """Operations on broadcast views of >= 2**40 elements: each must answer from metadata, read
    only what it returns, or raise MemoryError; none may abort or run for the view's size."""
    x = V.huge_array(ctx)
    ops = [f"{x}.shape", f"{x}[5]", f"{x}[1:3]", f"{x}[::-1].strides", f"{x}.T.shape", f"{x}.ndim",
           f"{x}.copy()", f"{x} + 1", f"ap.add({x}, {x})", f"{x}.astype('float64')", f"{x}.ravel()",
           f"{x}.reshape(-1)", f"{x}.flags", f"{x}.__array_interface__", f"np.asarray({x}).shape",
           f"ap.zeros_like({x})", f"ap.asarray({x}, dtype='int8')", f"{x}[..., None].shape",
           f"ap.empty({x.shape!r})", f"ap.ones({x.shape!r})", f"{x}.fill(0)", f"{x}[0] = 1"]
    if ctx.allows("huge_materialize"):
        ops += [f"repr({x})", f"str({x})", f"{x}.tolist()", f"{x}.item(5)", f"{x}.item(-1)"]
    return ctx.pick(ops)


def dtypes(ctx):
    fn = ctx.pick(["dtype", "promote_types", "result_type", "can_cast", "isdtype", "finfo", "iinfo"])
    if fn == "dtype":
        return f"ap.dtype({V.dtype_arg(ctx)})"
    if fn == "promote_types":
        return f"ap.promote_types({V.dtype_arg(ctx)}, {V.dtype_arg(ctx)})"
    if fn == "result_type":
        return f"ap.result_type({', '.join(any_value(ctx) for _ in range(ctx.randint(0, 3)))})"
    if fn == "can_cast":
        casting = ctx.pick(["'safe'", "'unsafe'", "'same_kind'", "'no'", "'x'"])
        source = ctx.pick([V.dtype_arg(ctx), str(V.array(ctx)), V.scalar(ctx)])
        return f"ap.can_cast({source}, {V.dtype_arg(ctx)}, {casting})"
    if fn == "isdtype":
        kind = ctx.pick(["'bool'", "'integral'", "'numeric'", "'real floating'", "'x'", "('bool', 'numeric')",
                         "ap.int8", "3"])
        return f"ap.isdtype({ctx.pick([f'ap.{V.dtype_name(ctx)}', V.dtype_arg(ctx)])}, {kind})"
    return f"ap.{fn}({ctx.pick([V.dtype_arg(ctx), str(V.array(ctx))])})"


def manipulation(ctx):
    fn = ctx.pick([n for n in ["concatenate", "concat", "stack", "expand_dims", "reshape", "transpose",
                               "permute_dims", "squeeze", "ravel", "matrix_transpose", "where", "clip",
                               "round", "isclose", "allclose", "array_equal", "nan_to_num"]
                   if hasattr(ap, n)])
    x = V.array(ctx)
    ndim = len(x.shape)
    if fn in ("concatenate", "concat", "stack"):
        parts = [str(x)] + [str(V.operand(ctx, like=x)) for _ in range(ctx.randint(0, 3))]
        seq = ctx.pick([f"[{', '.join(parts)}]", f"({', '.join(parts)},)", "[]", str(x), V.hostile(ctx)])
        kw = _kwargs(ctx, {"axis": lambda: V.axis_arg(ctx, ndim + 1)})
        return f"ap.{fn}({seq}{kw})"
    if fn == "expand_dims":
        return f"ap.expand_dims({x}, {ctx.pick(['0', '-1', str(ndim), str(ndim + 2), '-100', '2**63', '(0, 1)'])})"
    if fn == "reshape":
        return f"ap.reshape({x}, {V.shape_arg(ctx)})"
    if fn in ("transpose", "permute_dims"):
        axes = ctx.pick([repr(tuple(range(ndim))[::-1]), "(0,)", "None", "(0, 0)", "()"])
        return f"ap.{fn}({x}, {axes})"
    if fn in ("squeeze",):
        return f"ap.squeeze({x}, {V.axis_arg(ctx, ndim)})"
    if fn == "where":
        cond = ctx.pick([f"{x} > 0", str(V.array(ctx, dtype='bool', shape=x.shape)), V.scalar(ctx),
                         str(V.operand(ctx, like=x))])
        return f"ap.where({cond}, {V.operand(ctx, like=x)}, {V.operand(ctx, like=x)})"
    if fn == "clip":
        return f"ap.clip({x}, {V.operand(ctx, like=x)}, {V.operand(ctx, like=x)})"
    if fn == "round":
        decimals = ctx.pick(["0", "1", "-1", "3", "-5", "30", "-30"]
                            + (["-2**63 - 1", "2**64"] if ctx.allows("round_huge_decimals") else []))
        return f"ap.round({x}, {decimals})"
    if fn in ("isclose", "allclose", "array_equal"):
        return f"ap.{fn}({x}, {V.operand(ctx, like=x)})"
    if fn == "nan_to_num":
        return f"ap.nan_to_num({x}{_kwargs(ctx, {'copy': lambda: 'False', 'nan': lambda: V.scalar(ctx)})})"
    return f"ap.{fn}({x})"


def rearranging(ctx):
    """The functions of ops/manipulate (views, splits, repeats, pads, edits) with plausible and
    hostile axes, counts and shapes."""
    x = V.array(ctx)
    ndim = len(x.shape)

    def ax():
        return ctx.pick(["0", "-1", str(ndim), "-100", "2**63", "(0, 1)", "None", "-2**63"])

    def n():
        return ctx.pick(["0", "1", "2", "3", "-1", "2**40", "2**62", "(1, 2)", "[]", "[1, -1, 3]",
                         "((1, 2), (0, 3))", "-2**63"])

    mode = ctx.pick(["'constant'", "'edge'", "'wrap'", "'reflect'", "'symmetric'", "'linear_ramp'",
                     "'mean'", "'minimum'", "'x'"])
    calls = {
        "flip": lambda: f"ap.flip({x}, {ax()})",
        "moveaxis": lambda: f"ap.moveaxis({x}, {ax()}, {ax()})",
        "swapaxes": lambda: f"ap.swapaxes({x}, {ax()}, {ax()})",
        "rollaxis": lambda: f"ap.rollaxis({x}, {ax()}, {n()})",
        "diagonal": lambda: f"ap.diagonal({x}, {n()}, {ax()}, {ax()})",
        "broadcast_to": lambda: f"ap.broadcast_to({x}, {V.shape_arg(ctx)})",
        "broadcast_arrays": lambda: f"ap.broadcast_arrays({x}, {V.operand(ctx, like=x)})",
        "array_split": lambda: f"ap.array_split({x}, {n()}, {ax()})",
        "unstack": lambda: f"ap.unstack({x}, axis={ax()})",
        "repeat": lambda: f"ap.repeat({x}, {n()}, {ax()})",
        "tile": lambda: f"ap.tile({x}, {n()})",
        "roll": lambda: f"ap.roll({x}, {n()}, {ax()})",
        "rot90": lambda: f"ap.rot90({x}, {n()}, {ctx.pick(['(0, 1)', '(1, 0)', '(0, -2**63)', '(0,)'])})",
        "pad": lambda: f"ap.pad({x}, {n()}, {mode})",
        "tril": lambda: f"ap.tril({x}, {n()})",
        "diag": lambda: f"ap.diag({x}, {n()})",
        "insert": lambda: f"ap.insert({x}, {n()}, {V.scalar(ctx)}, {ax()})",
        "delete": lambda: f"ap.delete({x}, {n()}, {ax()})",
        "resize": lambda: f"ap.resize({x}, {n()})",
        "trim_zeros": lambda: f"ap.trim_zeros({x})",
        "view": lambda: f"{x}.view({V.dtype_arg(ctx)})",
        "reshape": lambda: f"ap.reshape({x}, {V.shape_arg(ctx)}, order={ctx.pick(['C', 'F', 'A', 'K'])!r})",
        "ascontiguousarray": lambda: f"ap.ascontiguousarray(ap.moveaxis({x}, 0, -1))",
    }
    return calls[ctx.pick(sorted(calls))]()


def backend(ctx):
    """Switch tier or thread count, then run an operation."""
    if ctx.chance(0.5):
        name = ctx.pick(["'reference'", "'simd'", "'parallel'", "'gpu'", "3", "None"])
        ctx.stmt(f"ap.set_backend({name})")
    else:
        counts = ["1", "2", "3", "4", "0", "-1", "2**64", "'2'", "None", "1.5"]
        if ctx.allows("num_threads_huge"):
            counts += ["10**6", "2**31"]
        ctx.stmt(f"ap.set_num_threads({ctx.pick(counts)})")
    return ctx.pick([reduction, binary, unary, operator])(ctx)


def threads(ctx):
    """Two threads on one array: an operation against a mutation (shape set, setitem, fill).
    Only borrow errors are reported by `race`; other exceptions are normal outcomes."""
    x = V.array(ctx, shape=(ctx.pick([64, 1000, 4096]),), allow_foreign=False)
    work = ctx.pick([f"{x}.sum", f"lambda: {x} + 1", f"{x}.copy", f"lambda: {x}[::2].tolist()",
                     f"lambda: ap.multiply({x}, 2, out={x})", f"{x}.max", f"lambda: {x}.reshape(-1, 2)"])
    mutate = ctx.pick([f"lambda: setattr({x}, 'shape', {x}.shape)", f"lambda: {x}.fill(1)",
                       f"lambda: {x}.__setitem__(slice(None), 2)", f"lambda: {x}.setflags(write=True)",
                       f"lambda: setattr({x}, 'shape', (-1,))", f"lambda: {x}.__iadd__(1)"])
    return f"race({work}, {mutate}, rounds={ctx.pick([20, 50])})"


def generic(ctx):
    """Any public function with 0-4 arguments of any kind."""
    fn = ctx.pick(PUBLIC_FUNCTIONS)
    args = ", ".join(any_value(ctx) for _ in range(ctx.randint(0, 4)))
    return f"ap.{fn}({args})"


FAMILIES = {
    "creation": creation, "import": conversion_in, "interface": interface, "unary": unary,
    "binary": binary, "operator": operator, "reduction": reduction, "method": method,
    "property": properties, "getitem": getitem, "setitem": setitem, "export": conversion_out,
    "huge": huge, "dtypes": dtypes, "manipulation": manipulation, "backend": backend,
    "threads": threads, "generic": generic, "rearranging": rearranging,
}
# Relative frequencies: the cheap, broad families most often.
WEIGHTS = {"creation": 6, "import": 8, "interface": 3, "unary": 8, "binary": 10, "operator": 10,
           "reduction": 8, "method": 8, "property": 4, "getitem": 6, "setitem": 6, "export": 6,
           "huge": 2, "dtypes": 3, "manipulation": 5, "backend": 2, "threads": 1, "generic": 6,
           "rearranging": 4}
