"""Generators of argument expressions: dtypes, shapes, arrays in every layout, scalars of every
kind, nestings, indices and hostile objects.

Everything is generated as Python source (expressions, plus setup statements bound to names), so
that a call is a small program: reproducible from its seed and printable as a reproducer.
"""

import math

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64", "complex64", "complex128"]
INT_DTYPES = [d for d in DTYPES if d[0] in "iu"]
FLOAT_DTYPES = ["float32", "float64"]
TIERS = ["reference", "simd", "parallel"]

# Dtype spellings arrpy does not have, or may not parse: each must be a clean exception.
EXOTIC_DTYPES = ["'f2'", "'float16'", "'>i4'", "'>f8'", "'<i4'", "'=u2'", "'U3'", "'S2'", "'O'",
                 "'M8[s]'", "'m8[ns]'", "'V8'", "'longdouble'", "'g'", "'G'", "'i16'", "'foo'",
                 "''", "'int8,int8'", "np.float16", "np.longdouble", "np.clongdouble",
                 "np.dtype('>f8')", "np.dtype([('a', 'i4')])", "3", "object()", "str", "bytes",
                 "np.datetime64", "'i'", "'l'", "'q'", "'d'", "'F'", "'?'"]

INTS = [0, 1, -1, 2, 3, 7, -7, 100, -128, 127, 128, 255, 256, -32768, 32767, 65535,
        2**31 - 1, -2**31, 2**32 - 1, 2**53 + 1, 2**63 - 1, -2**63, 2**64 - 1]
HUGE_INTS = [2**64, -2**63 - 1, 2**100, -2**100, 10**400]
FLOATS = ["0.0", "-0.0", "0.5", "1.5", "-2.5", "2.5", "3.0", "1e-300", "5e-324", "1e308",
          "-1e308", "1e38", "3.5e38", "float('nan')", "float('inf')", "-float('inf')", "1e-45"]
COMPLEXES = ["1j", "(1+2j)", "complex(float('nan'), 1)", "complex(0, float('inf'))", "(-0.0-0j)",
             "(1e308+1e308j)"]

# NumPy scalars of every kind, including the ones arrpy has no dtype for.
NUMPY_SCALARS = [
    "np.bool_(True)", "np.int8(-5)", "np.int16(300)", "np.int32(-70000)", "np.int64(2**40)",
    "np.uint8(200)", "np.uint16(60000)", "np.uint32(2**31)", "np.uint64(2**64 - 1)",
    "np.float16(1.5)", "np.float32(3.5)", "np.float64(1e-50)", "np.float64('nan')",
    "np.complex64(1j)", "np.complex128(1 + 2j)", "np.int64(100)", "np.float32('inf')",
    "np.datetime64('2020-01-01')", "np.timedelta64(5, 's')", "np.str_('x')", "np.bytes_(b'x')",
    "np.void(b'ab')", "np.array(5)", "np.array(2.5, dtype='float32')", "np.array(1j)",
    "np.array(7, dtype='>i4')", "np.intc(3)", "np.uintp(3)",
]
# Known to crash main today (issue 10: scalar conversion recursion); tagged so a run can avoid them.
LONGDOUBLE_SCALARS = ["np.longdouble(1)", "np.clongdouble(1j)", "np.longdouble('nan')",
                      "np.array(1, dtype=np.longdouble)", "np.array(1j, dtype=np.clongdouble)"]


class Arr:
    """An array expression bound to a name, with the shape and dtype it has when generated
    (None where the generator cannot know them statically)."""

    def __init__(self, name, shape, dtype, writable=True, huge=False):
        self.name, self.shape, self.dtype = name, shape, dtype
        self.writable, self.huge = writable, huge

    def __str__(self):
        return self.name


class Ctx:
    """The state of one call's generation: its random source and setup lines (the helpers a
    program uses are found in its text)."""

    def __init__(self, rng, avoid=frozenset()):
        self.rng = rng
        self.avoid = avoid
        self.lines = []
        self.count = 0

    def allows(self, tag):
        return tag not in self.avoid

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def randint(self, lo, hi):
        return self.rng.randint(lo, hi)

    def bind(self, expr, prefix="v"):
        name = f"{prefix}{self.count}"
        self.count += 1
        self.lines.append(f"{name} = {expr}")
        return name

    def stmt(self, line):
        self.lines.append(line)



# ---------------------------------------------------------------- dtypes and shapes

def dtype_name(ctx):
    return ctx.pick(DTYPES)


def dtype_arg(ctx, name=None):
    """A dtype argument in one of its spellings, sometimes one arrpy lacks."""
    name = name or dtype_name(ctx)
    r = ctx.rng.random()
    if r < 0.6:
        return repr(name)
    if r < 0.7:
        return f"ap.{name}"
    if r < 0.8:
        return f"np.dtype({name!r})"
    if r < 0.85:
        return ctx.pick(["int", "float", "complex", "bool"])
    if r < 0.9:
        return "None"
    return ctx.pick(EXOTIC_DTYPES)


def small_shape(ctx, max_ndim=4, max_dim=5):
    ndim = ctx.pick([0, 1, 1, 1, 2, 2, 2, 3, 3, 4][: max_ndim * 2 + 2])
    return tuple(ctx.pick([0, 1, 1, 2, 2, 3, 3, 4, 5][: max_dim + 4]) if ctx.chance(0.95)
                 else 0 for _ in range(ndim))


def shape_arg(ctx):
    """A shape argument: mostly small, sometimes huge, negative, too many dims or hostile."""
    r = ctx.rng.random()
    if r < 0.75:
        shape = small_shape(ctx)
        if len(shape) == 1 and ctx.chance(0.3):
            return repr(shape[0])
        return repr(shape)
    return ctx.pick([
        "(2**31, 2**31)", "(2**62,)", "2**63", "(2**64,)", "(-1,)", "-3", "(10**20,)",
        "(2**40, 0)", "(0, 2**62, 2**62)", "(1,) * 65", "(1,) * 64", "(1,) * 33", "(3.0,)",
        "(np.int64(3), np.uint8(2))", "(Index(2), Index(3))", "(Index(-1),)", "(Index(2**70),)",
        "(RaisingIndex(),)", "[2, 3]", "np.array([2, 3])", "ap.asarray([2, 3])", "(None,)",
        "('3',)", "()", "((2,),)", "(True, 2)", "(2**31 - 1, 2**31 - 1, 4)", "(WrongTypeHooks(),)",
    ])


# ---------------------------------------------------------------- element values

def element(ctx, dtype):
    """A Python literal for one element of `dtype`, mostly in range."""
    kind = dtype[0]
    if dtype == "bool":
        return ctx.pick(["True", "False"])
    if kind in "iu":
        bits = int("".join(c for c in dtype if c.isdigit()))
        lo, hi = (0, 2**bits - 1) if kind == "u" else (-(2**(bits - 1)), 2**(bits - 1) - 1)
        fitting = [v for v in INTS if lo <= v <= hi]
        return repr(ctx.pick(fitting))
    if kind == "f":
        return ctx.pick(FLOATS) if ctx.chance(0.5) else repr(ctx.randint(-9, 9) / 2)
    return ctx.pick(COMPLEXES) if ctx.chance(0.5) else repr(complex(ctx.randint(-4, 4), ctx.randint(-4, 4)))


def nested_literal(ctx, shape, dtype):
    if not shape:
        return element(ctx, dtype)
    return "[" + ", ".join(nested_literal(ctx, shape[1:], dtype) for _ in range(shape[0])) + "]"


# ---------------------------------------------------------------- arrays

def array(ctx, dtype=None, shape=None, allow_foreign=True):
    """A small arrpy array in a random layout: contiguous, strided, negative strides, transposed,
    broadcast, or a view of foreign memory (NumPy, memoryview, DLPack, __array_interface__)."""
    dtype = dtype or dtype_name(ctx)
    shape = small_shape(ctx) if shape is None else shape
    # Make a base larger than `shape` in some axes so that slicing can give strided views.
    grow = ctx.chance(0.4) and len(shape) > 0
    base_shape = tuple(2 * n + 1 if grow else n for n in shape)
    size = math.prod(base_shape)
    r = ctx.rng.random() if allow_foreign else ctx.rng.random() * 0.65
    if r < 0.3 and size <= 48 and (size or len(base_shape) == 1):
        base = f"ap.asarray({nested_literal(ctx, base_shape, dtype)}, dtype={dtype!r})"
    elif r < 0.5:
        base = f"ap.arange({size}).astype({dtype!r}).reshape({base_shape!r})"
    elif r < 0.65:
        fn = ctx.pick(["zeros", "ones", "full"])
        extra = f", {element(ctx, dtype)}" if fn == "full" else ""
        base = f"ap.{fn}({base_shape!r}{extra}, dtype={dtype!r})"
    elif r < 0.8:
        base = f"ap.asarray({numpy_array(ctx, dtype, base_shape)})"
    elif r < 0.87:
        inner = f"ap.arange({size}).astype({dtype!r}).reshape({base_shape!r})"
        producer = ctx.pick([inner, f"np.arange({size}).astype({dtype!r}).reshape({base_shape!r})"])
        base = f"ap.from_dlpack({producer})"
    elif r < 0.93:
        inner = f"ap.arange({size}).astype({dtype!r}).reshape({base_shape!r})"
        base = f"ap.asarray(memoryview({inner}))"
    else:
        np_base = f"np.arange({size}).astype({dtype!r}).reshape({base_shape!r})"
        base = f"ap.asarray(iface_of({np_base}))"
    name = ctx.bind(base, "a")
    arr = Arr(name, base_shape, dtype)
    if grow:
        arr = strided_view(ctx, arr, shape)
    if ctx.chance(0.3):
        arr = transform(ctx, arr)
    return arr


def numpy_array(ctx, dtype, shape):
    """A NumPy array expression of `shape`: contiguous, Fortran, reversed, byte-swapped,
    unaligned, read-only or broadcast."""
    size = math.prod(shape)
    plain = f"np.arange({size}).astype({dtype!r}).reshape({shape!r})"
    r = ctx.rng.random()
    if r < 0.3:
        return plain
    if r < 0.45:
        return f"np.asfortranarray({plain})"
    if r < 0.6 and shape:
        return f"{plain}[{', '.join('::-1' for _ in shape)}]"
    if r < 0.7:
        return f"{plain}.astype(np.dtype({dtype!r}).newbyteorder())"
    if r < 0.8 and dtype != "bool":
        # Unaligned: the elements start one byte into a byte buffer.
        itemsize = f"np.dtype({dtype!r}).itemsize"
        return (f"np.frombuffer(bytearray({size} * {itemsize} + 1), dtype={dtype!r}, "
                f"offset=1).reshape({shape!r})")
    if r < 0.9:
        return f"np.broadcast_to(np.arange(1).astype({dtype!r}).reshape(()), {shape!r})"
    return f"(lambda x: (x.setflags(write=False), x)[1])({plain})"


def strided_view(ctx, arr, shape):
    """A view of `arr` (each axis 2n+1 long) of about the given shape, by steps of ±2 or -1 and
    empty slices; the shape it really has is computed from the slices."""
    parts = []
    for n, base_n in zip(shape, arr.shape):
        if n == 0:
            parts.append("0:0")
        elif ctx.chance(0.5):
            parts.append(f"{base_n - 1}::-2" if n * 2 <= base_n else "::-1")
        else:
            parts.append("::2" if (base_n + 1) // 2 == n else f"0:{n}")
    new_shape = tuple(len(range(base_n)[_parse_slice(p)]) for p, base_n in zip(parts, arr.shape))
    name = ctx.bind(f"{arr}[{', '.join(parts)}]", "a")
    return Arr(name, new_shape, arr.dtype, arr.writable)


def _parse_slice(text):
    fields = [int(f) if f else None for f in text.split(":")]
    return slice(*fields)


def transform(ctx, arr):
    """A view of `arr`: transposed, reversed, with a new axis, or a reshape."""
    shape = arr.shape
    r = ctx.rng.random()
    if r < 0.3 and len(shape) >= 2:
        perm = list(range(len(shape)))
        ctx.rng.shuffle(perm)
        return Arr(ctx.bind(f"{arr}.transpose({tuple(perm)!r})", "a"),
                   tuple(shape[p] for p in perm), arr.dtype, arr.writable)
    if r < 0.5 and shape:
        return Arr(ctx.bind(f"{arr}[::-1]", "a"), shape, arr.dtype, arr.writable)
    if r < 0.7:
        return Arr(ctx.bind(f"{arr}[None]", "a"), (1,) + shape, arr.dtype, arr.writable)
    if r < 0.85:
        return Arr(ctx.bind(f"{arr}.T", "a"), shape[::-1], arr.dtype, arr.writable)
    size = math.prod(shape)
    return Arr(ctx.bind(f"{arr}.reshape(-1)", "a"), (size,), arr.dtype, arr.writable)


def huge_array(ctx, dtype=None):
    """A broadcast view of at least 2**40 elements over a tiny buffer (stride 0)."""
    dtype = dtype or dtype_name(ctx)
    shape = ctx.pick([(2**20, 2**20), (2**40,), (2**21, 2**21, 1), (1, 2**41), (2**13,) * 4])
    if dtype == "bool" and not ctx.allows("huge_bool_import"):
        dtype = "uint8"
    if ctx.chance(0.5):
        expr = f"ap.asarray(np.broadcast_to(np.ones((), {dtype!r}), {shape!r}))"
    else:
        # Read-only, as a broadcast view: writing 2**40 elements would take hours in NumPy too.
        one = ctx.bind(f"np.ones(1, {dtype!r})", "b")
        expr = (f"ap.asarray(iface_of({one}, shape={shape!r}, strides={(0,) * len(shape)!r}, "
                f"data=({one}.ctypes.data, True)))")
    return Arr(ctx.bind(expr, "h"), shape, dtype, writable=False, huge=True)


# ---------------------------------------------------------------- scalars and operands

def python_scalar(ctx):
    r = ctx.rng.random()
    if r < 0.15:
        return ctx.pick(["True", "False"])
    if r < 0.45:
        return repr(ctx.pick(INTS))
    if r < 0.55:
        return repr(ctx.pick(HUGE_INTS))
    if r < 0.85:
        return ctx.pick(FLOATS)
    return ctx.pick(COMPLEXES)


def numpy_scalar(ctx):
    if ctx.allows("longdouble") and ctx.chance(0.12):
        return ctx.pick(LONGDOUBLE_SCALARS)
    return ctx.pick(NUMPY_SCALARS)


def hostile(ctx):
    """An object that misbehaves when converted."""
    choice = ctx.pick([
        "RaisingIndex()", "WrongTypeHooks()", "Index(2**70)", "Index(-1)",
        "LyingSequence([1.0, 2.0], 5)", "LyingSequence([1.0, 2.0, 3.0], 3, fail_at=1)",
        "LyingSequence([[1.0], [2.0, 3.0]], 2)", "RaisingLen()", "GrowingSequence(3)",
        "BadArray(None)", "BadArray(5)", "BadArray([1, 2])", "BadArray(None, raises=True)",
        "BadArray(np.ones(3))", "BadArray(np.ones((2, 2), dtype='>f8')[::-1])",
        "BadDLPack(None)", "BadDLPack(5)", "BadDLPack(raises=True)",
        "BadDLPack(np.ones(3).__dlpack__())", "BadDLPack(np.ones(3).__dlpack__(), device=(2, 0))",
        "BadDLPack(np.ones(3).__dlpack__(), device=None)",
        "[1, 'a']", "[1, [2]]", "[[1, 2], [3]]", "[ap.ones(2), [1, 2]]", "[np.ones(2), np.ones(3)]",
        "(x for x in range(3))", "{'a': 1}", "'abc'", "b'ab'", "bytearray(8)", "None",
        "object()", "[None, 1]", "[[[]]]", "[[], [1]]", "range(5)", "[float('nan')] * 3",
        "__import__('decimal').Decimal('1.5')", "__import__('fractions').Fraction(1, 3)",
        "[np.longdouble(1)]" if ctx.allows("longdouble") else "[np.float32(1)]",
        "[[1.0] * 3] * 3", "[1, 2.5, 3j, True]",
    ])
    return choice


def nesting(ctx):
    """Deep, ragged or self-referential nesting."""
    r = ctx.rng.random()
    if r < 0.4:
        depth = ctx.pick([2, 31, 32, 33, 63, 64, 65, 100, 1000])
        if ctx.allows("deep_nesting") and ctx.chance(0.3):
            depth = ctx.pick([5000, 30000, 100000])
        return f"nest({depth}, {ctx.pick(['1.0', '[]', '[1, 2]', 'np.ones(2)', 'ap.ones(2)'])})"
    if r < 0.55:
        return "self_list()"
    if r < 0.65:
        return "SelfNesting()"
    return ctx.pick(["[[1, 2], [3]]", "[[1, [2]], [3, 4]]", "[[[1]], [2]]", "[1, [2, 3]]",
                     "[[1, 2], (3, 4)]", "[ap.ones(2), ap.ones(3)]", "[ap.ones((2, 2)), [[1, 2], [3, 4]]]",
                     "[[np.ones(2)], [np.ones(2)]]", "[[]] * 3", "[[], []]", "[ap.ones(0), []]"])


def scalar(ctx):
    r = ctx.rng.random()
    if r < 0.5:
        return python_scalar(ctx)
    if r < 0.85:
        return numpy_scalar(ctx)
    return f"ap.asarray({python_scalar(ctx)})"


def operand(ctx, like=None):
    """An operand of an operation: mostly an array (broadcastable with `like` when given),
    sometimes a scalar, a list, a nesting or a hostile object."""
    r = ctx.rng.random()
    if r < 0.6:
        if like is not None and like.shape is not None and ctx.chance(0.7):
            shape = broadcastable_shape(ctx, like.shape)
        else:
            shape = None
        return array(ctx, shape=shape)
    if r < 0.85:
        return scalar(ctx)
    if r < 0.9:
        return nested_literal(ctx, small_shape(ctx, max_ndim=2), dtype_name(ctx))
    if r < 0.95:
        return hostile(ctx)
    return nesting(ctx)


def broadcastable_shape(ctx, shape):
    """A shape that broadcasts against `shape`: a suffix, with some axes set to 1."""
    keep = ctx.randint(0, len(shape))
    suffix = shape[len(shape) - keep:]
    return tuple(1 if ctx.chance(0.25) else n for n in suffix)


def out_arg(ctx, inputs, result_shape_expr, result_dtype=None):
    """An out= argument, often aliasing an input (whole, reversed, shifted, or through a foreign
    view of its memory)."""
    arrays = [x for x in inputs if isinstance(x, Arr)]
    r = ctx.rng.random()
    if r < 0.3 or not arrays:
        dtype = result_dtype or dtype_name(ctx)
        return f"ap.empty({result_shape_expr}, dtype={dtype!r})"
    x = ctx.pick(arrays)
    return ctx.pick([
        f"{x}", f"{x}", f"{x}[::-1]", f"{x}.T", f"ap.from_dlpack({x})",
        f"ap.asarray(memoryview({x}))", f"ap.asarray(np.asarray({x}))",
        f"np.asarray({x})", f"{x}[..., ::-1]", f"{x}[1:]" if x.shape else f"{x}",
    ])


def index(ctx, shape):
    """A getitem/setitem key for an array of `shape`: valid mostly, sometimes not."""
    parts = []
    ndim = len(shape)
    count = ctx.randint(0, ndim + 1)
    for axis in range(count):
        n = shape[axis] if axis < ndim else 1
        r = ctx.rng.random()
        if r < 0.3:
            parts.append(repr(ctx.randint(-n, n - 1)) if n else "0")
        elif r < 0.6:
            start = ctx.pick(["", str(ctx.randint(-n - 2, n + 2))])
            stop = ctx.pick(["", str(ctx.randint(-n - 2, n + 2))])
            step = ctx.pick(["", "", "1", "-1", "2", "-2", "3", "-3", "0", "2**63", "-2**63"])
            parts.append(f"{start}:{stop}" + (f":{step}" if step else ""))
        elif r < 0.7:
            parts.append(ctx.pick(["None", "...", "np.newaxis"]))
        elif r < 0.75:
            k = ctx.randint(0, 3)
            parts.append(repr([ctx.randint(-n, max(n - 1, 0)) for _ in range(k)]))
        elif r < 0.8:
            parts.append(f"ap.asarray({[ctx.randint(-n, max(n - 1, 0)) for _ in range(2)]!r})")
        elif r < 0.85:
            parts.append(f"ap.asarray({[ctx.chance(0.5) for _ in range(n)]!r})")
        elif r < 0.95:
            parts.append(repr(ctx.randint(0, n - 1)) if n else ":")
        else:
            parts.append(ctx.pick(["2**70", "-2**70", "1.0", "'a'", "np.int64(1)", "np.uint8(0)",
                                   "True", "False", "Index(0)", "RaisingIndex()", "slice(Index(0), None)",
                                   "slice(1.5, None)", "[[0, 1], [0, 1]]", "[]", "[True]", "...",
                                   "np.array([0, 1])", "np.array([True])", "ap.asarray(1.5)"]))
    if ctx.chance(0.05):
        return ctx.pick(["()", "...", "None", "(..., ...)", "(0,) * 70", "[0]"])
    if len(parts) == 1 and ctx.chance(0.5):
        return parts[0]
    return ", ".join(parts) + "," if parts else "()"


def axis_arg(ctx, ndim):
    r = ctx.rng.random()
    if r < 0.35:
        return "None"
    if r < 0.75:
        return repr(ctx.randint(-ndim, max(ndim - 1, 0))) if ndim else ctx.pick(["0", "-1", "None"])
    if r < 0.9 and ndim:
        k = ctx.randint(1, ndim)
        return repr(tuple(ctx.rng.sample(range(ndim), k)))
    return ctx.pick(["ndim", "-ndim - 1", "(0, 0)", "(0, -ndim)", "2**63", "1.0", "'0'", "()",
                     "np.int64(0)", "[0]", "Index(0)", "(None,)"]).replace("ndim", str(ndim))

