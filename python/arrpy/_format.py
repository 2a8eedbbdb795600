"""Array repr()/str() text, matching NumPy 2.x with default print options.

This is a pure-Python port of the parts of ``numpy/_core/arrayprint.py`` and
NumPy's Dragon4 float printer (``dragon4.c``) that the default options use
(precision 8, floatmode 'maxprec', suppress False, linewidth 75,
threshold 1000, edgeitems 3, legacy False).  Floats are printed from their
exact binary value with big-integer arithmetic, so the digits and their
rounding are those of NumPy, for float32 as well as float64.
"""

import math
import struct

__all__ = ["array_repr", "array_str"]

_PRECISION = 8
_LINEWIDTH = 75
_THRESHOLD = 1000
_EDGEITEMS = 3
_LOG10_2 = 0.30102999566398119521373889472449  # the constant dragon4.c uses

# dtype name -> (kind, bits of one float component); kind is one of
# 'b' bool, 'i' integer, 'f' real float, 'c' complex float.
_DTYPES = {
    "bool": ("b", 0),
    **{f"{u}int{n}": ("i", 0) for u in ("", "u") for n in (8, 16, 32, 64)},
    "float32": ("f", 32), "float64": ("f", 64),
    "complex64": ("c", 32), "complex128": ("c", 64),
}

# The repr leaves these out of the ``dtype=`` suffix: the text implies them.
_IMPLIED_DTYPES = {"bool", "int64", "float64", "complex128"}


# ---------------------------------------------------------------------------
# Dragon4: exact shortest-unique digit generation (port of numpy's dragon4.c)
# ---------------------------------------------------------------------------

def _float_parts(x, bits):
    """Split a finite float into (negative, mantissa, exponent, mantissa_bit,
    unequal_margins), with value == mantissa * 2**exponent."""
    if bits == 64:
        (n,) = struct.unpack("<Q", struct.pack("<d", x))
        frac_bits, exp_bits, bias = 52, 11, 1023
    else:
        (n,) = struct.unpack("<I", struct.pack("<f", x))
        frac_bits, exp_bits, bias = 23, 8, 127
    negative = bool(n >> (frac_bits + exp_bits))
    frac = n & ((1 << frac_bits) - 1)
    biased_exp = (n >> frac_bits) & ((1 << exp_bits) - 1)
    if biased_exp:
        mantissa = frac | (1 << frac_bits)
        exponent = biased_exp - bias - frac_bits
        mantissa_bit = frac_bits
        # at a power of two the gap to the next lower float is half as wide
        unequal = biased_exp != 1 and frac == 0
    else:  # subnormal
        mantissa = frac
        exponent = 1 - bias - frac_bits
        mantissa_bit = mantissa.bit_length() - 1
        unequal = False
    return negative, mantissa, exponent, mantissa_bit, unequal


def _dragon4(mantissa, exponent, mantissa_bit, unequal, fractional,
             cutoff_max, cutoff_min):
    """Digits of mantissa * 2**exponent, as (digit string, exponent of the
    first digit).  Stops at the shortest digits that identify the value, but
    not before ``cutoff_min`` and not after ``cutoff_max`` digits (-1: no
    limit); counted after the decimal point if ``fractional``, else in total.
    The last digit is rounded half-to-even on the exact value."""
    if mantissa == 0:
        return "0", 0
    is_even = mantissa % 2 == 0
    # value = value_s / scale; margin_lo/_hi = half the gaps to the
    # neighbouring floats, also over scale.
    if exponent > 0:
        value_s, scale = mantissa << (exponent + 1), 2
        margin_lo = 1 << exponent
    else:
        value_s, scale, margin_lo = mantissa << 1, 1 << (1 - exponent), 1
    high_factor = 1
    if unequal:
        value_s, scale, high_factor = value_s * 2, scale * 2, 2

    # Estimate of floor(log10(value)) + 1; correct or one too small.  The
    # same double arithmetic as numpy keeps the later clamp identical.
    digit_exp = math.ceil((mantissa_bit + exponent) * _LOG10_2 - 0.69)
    if cutoff_max >= 0 and fractional and digit_exp <= -cutoff_max:
        digit_exp = -cutoff_max + 1
    if digit_exp > 0:
        scale *= 10 ** digit_exp
    elif digit_exp < 0:
        power = 10 ** -digit_exp
        value_s *= power
        margin_lo *= power
    if value_s >= scale:
        digit_exp += 1
    else:
        value_s *= 10
        margin_lo *= 10

    last_exp = -(1 << 30)  # exponent of the last digit allowed
    if cutoff_max >= 0:
        last_exp = -cutoff_max if fractional else digit_exp - cutoff_max
    first_stop_exp = digit_exp  # may stop (when unique) from this one on
    if cutoff_min >= 0:
        min_exp = -cutoff_min if fractional else digit_exp - cutoff_min
        first_stop_exp = min(first_stop_exp, min_exp)
    out_exp = digit_exp - 1

    digits = []
    while True:
        digit_exp -= 1
        digit, value_s = divmod(value_s, scale)
        margin_hi = margin_lo * high_factor
        low = value_s <= margin_lo if is_even else value_s < margin_lo
        high = (value_s + margin_hi >= scale if is_even
                else value_s + margin_hi > scale)
        if (low or high) and digit_exp <= first_stop_exp:
            break
        if digit_exp == last_exp:
            break
        digits.append(digit)
        value_s *= 10
        margin_lo *= 10

    round_down = low
    if low == high:  # either way is allowed: round to nearest, ties to even
        twice = 2 * value_s
        round_down = twice < scale or (twice == scale and digit % 2 == 0)
    if round_down:
        digits.append(digit)
    elif digit < 9:
        digits.append(digit + 1)
    else:  # carry: drop trailing nines and bump the digit before them
        while digits and digits[-1] == 9:
            digits.pop()
        if digits:
            digits[-1] += 1
        else:
            digits = [1]
            out_exp += 1
    return "".join(map(str, digits)), out_exp


def _trim_fraction(text, trim):
    """Strip trailing fractional zeros per numpy's trim mode ('.', '0', '-');
    ``text`` ends in the fraction and contains a '.'."""
    text = text.rstrip("0")
    if text.endswith(".") and trim == "0":
        text += "0"
    elif text.endswith(".") and trim == "-":
        text = text[:-1]
    return text


def _positional(x, bits, precision=-1, min_digits=-1, trim=".", sign=False,
                pad_left=-1, pad_right=-1):
    """numpy's dragon4_positional (unique digits, fractional cutoff) for a
    finite float.  trim: '.' gives '1.', '0' gives '1.0', '-' gives '1'."""
    negative, *parts = _float_parts(x, bits)
    sign_str = "-" if negative else ("+" if sign else "")
    digits, exp10 = _dragon4(*parts, True, precision, min_digits)
    if exp10 >= 0:
        whole = exp10 + 1
        text = digits[:whole].ljust(whole, "0")
        frac = digits[whole:]
    else:
        whole = 1
        text = "0"
        frac = "0" * (-exp10 - 1) + digits
    if trim == "0" and not frac:
        frac = "0"
    text += "." + frac
    if frac:
        text = _trim_fraction(text, trim)
    elif trim == "-":
        text = text[:-1]
    text += " " * (pad_right - len(text.partition(".")[2]))
    return " " * (pad_left - whole - len(sign_str)) + sign_str + text


def _scientific(x, bits, precision=-1, min_digits=-1, trim=".", sign=False,
                pad_left=-1, exp_digits=-1):
    """numpy's dragon4_scientific (unique digits) for a finite float;
    trim is '.' or '-' as for _positional, or 'k' to keep the zeros that
    pad the fraction to ``min_digits``."""
    negative, *parts = _float_parts(x, bits)
    sign_str = "-" if negative else ("+" if sign else "")
    digits, exp10 = _dragon4(*parts, False,
                             precision + 1 if precision >= 0 else -1,
                             min_digits + 1 if min_digits >= 0 else -1)
    frac = digits[1:]
    if trim == "k":
        frac = frac.ljust(max(min_digits, 0), "0")
    text = digits[0] + ("." + frac if frac or trim != "-" else "")
    if trim != "k" and frac:
        # unlike positional, '-' keeps a '.' left bare by the stripping
        text = _trim_fraction(text, ".")
    exp_text = str(abs(exp10)).zfill(exp_digits if exp_digits >= 0 else 2)
    text += "e" + ("-" if exp10 < 0 else "+") + exp_text
    return " " * (pad_left - 1 - len(sign_str)) + sign_str + text


# ---------------------------------------------------------------------------
# Element formatters (numpy's FloatingFormat, ComplexFloatingFormat, ...)
# ---------------------------------------------------------------------------

def _to_float32(x):
    """Round a double to float32, overflowing to inf like a C cast."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


class _FloatFormat:
    """Formats the floats of one array so that they share one layout."""

    def __init__(self, data, bits, sign=False, precision=_PRECISION):
        self.bits = bits
        self.sign = sign
        finite = [v for v in data if math.isfinite(v)]
        nonzero = [abs(v) for v in finite if v != 0]
        self.exp_format = False
        if nonzero:
            max_val, min_val = max(nonzero), min(nonzero)
            # numpy compares in the array's own precision: for float32 the
            # Python constants become float32 and the ratio is a float32.
            ratio = max_val / min_val
            small = 0.0001
            if bits == 32:
                ratio, small = _to_float32(ratio), _to_float32(small)
            # 10**min(8, finfo(dtype).precision): 1e6 for float32
            cutoff = 1e8 if bits == 64 else 1e6
            self.exp_format = (max_val >= cutoff or min_val < small
                               or ratio > 1000.0)

        self.precision, self.min_digits, self.trim = precision, -1, "."
        self.exp_size = -1
        if not finite:
            self.pad_left = self.pad_right = 0
        elif self.exp_format:
            # first pass: find the widest mantissa fraction and exponent
            strs = [_scientific(v, bits, precision, sign=sign)
                    for v in finite]
            mants, exps = zip(*(s.split("e") for s in strs))
            ints, fracs = zip(*(m.split(".") for m in mants))
            self.exp_size = max(len(e) for e in exps) - 1
            self.trim = "k"
            self.precision = self.min_digits = max(len(f) for f in fracs)
            self.pad_left = max(len(i) for i in ints)
            # only used to size nan/inf
            self.pad_right = self.exp_size + 2 + self.precision
        else:
            strs = [_positional(v, bits, precision, sign=sign)
                    for v in finite]
            ints, fracs = zip(*(s.split(".") for s in strs))
            self.pad_left = max(len(i) for i in ints)
            self.pad_right = max(len(f) for f in fracs)
            self.min_digits = 0

        if len(finite) != len(data):
            # make room for nan / inf / -inf right-aligned in the column
            neg_inf = sign or any(math.isinf(v) and v < 0 for v in data)
            offset = self.pad_right + 1  # the '.' and the fraction
            self.pad_left = max(self.pad_left, len("nan") - offset,
                                len("inf") + neg_inf - offset)

    def __call__(self, x):
        if not math.isfinite(x):
            if math.isnan(x):
                text = "+nan" if self.sign else "nan"
            else:
                text = ("-" if x < 0 else "+" if self.sign else "") + "inf"
            return text.rjust(self.pad_left + self.pad_right + 1)
        if self.exp_format:
            return _scientific(x, self.bits, self.precision, self.min_digits,
                               self.trim, self.sign, self.pad_left,
                               self.exp_size)
        return _positional(x, self.bits, self.precision, self.min_digits,
                           self.trim, self.sign, self.pad_left, self.pad_right)


class _ComplexFormat:
    """Real and imaginary parts are laid out independently."""

    def __init__(self, data, bits, precision=_PRECISION):
        self.real = _FloatFormat([v.real for v in data], bits, precision=precision)
        self.imag = _FloatFormat([v.imag for v in data], bits, sign=True,
                                 precision=precision)

    def __call__(self, x):
        imag = self.imag(x.imag)
        end = len(imag.rstrip())  # the 'j' goes before any right padding
        return self.real(x.real) + imag[:end] + "j" + imag[end:]


def _make_formatter(kind, bits, data, zero_d, precision=_PRECISION):
    if kind == "b":
        # " True" lines up with "False", except in a lone 0-d value
        true_str = "True" if zero_d else " True"
        return lambda x: true_str if x else "False"
    if kind == "i":
        width = max(len(str(max(data))), len(str(min(data))))
        return lambda x: str(x).rjust(width)
    if kind == "f":
        return _FloatFormat(data, bits, precision=precision)
    return _ComplexFormat(data, bits, precision)


# ---------------------------------------------------------------------------
# Scalar str (what str() of a 0-d array shows)
# ---------------------------------------------------------------------------

def _float_scalar_str(x, bits, trim_pos, sign=False):
    """numpy's float scalar str: shortest digits, positional for moderate
    magnitudes (below 1e16, or 1e6 for float32), scientific otherwise."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return ("-" if x < 0 else "+" if sign else "") + "inf"
    max_positional = 1e16 if bits == 64 else 1e6
    if x == 0 or 1e-4 <= abs(x) < max_positional:
        return _positional(x, bits, trim=trim_pos, sign=sign)
    return _scientific(x, bits, trim="-", sign=sign)


def _scalar_str(kind, bits, x):
    if kind in "bi":
        return str(x)
    if kind == "f":
        return _float_scalar_str(x, bits, "0")
    # complex: integral parts drop the '.', as in Python's complex repr
    if x.real == 0 and math.copysign(1.0, x.real) > 0:
        return _float_scalar_str(x.imag, bits, "-") + "j"
    real = _float_scalar_str(x.real, bits, "-")
    imag = "+nan" if math.isnan(x.imag) else _float_scalar_str(
        x.imag, bits, "-", sign=True)
    return "(" + real + imag + "j)"


# ---------------------------------------------------------------------------
# Layout (numpy's _formatArray)
# ---------------------------------------------------------------------------

def _strides(shape):
    strides = [1] * len(shape)
    for axis in range(len(shape) - 2, -1, -1):
        strides[axis] = strides[axis + 1] * shape[axis + 1]
    return strides


def _shown_indices(n, summarize):
    """Indices printed along an axis of length n; None marks the '...'."""
    if summarize and n > 2 * _EDGEITEMS:
        return [*range(_EDGEITEMS), None, *range(n - _EDGEITEMS, n)]
    return list(range(n))


def _shown_shape(shape, summarize):
    """The shape of the values a print shows: a long axis keeps only its edges."""
    return tuple(2 * _EDGEITEMS if summarize and n > 2 * _EDGEITEMS else n
                 for n in shape)


def _extend_line(text, line, word, line_width, next_line_prefix):
    # wrap unless the line holds nothing but its indent (wrapping won't help)
    if (len(line) + len(word) > line_width
            and len(line) > len(next_line_prefix)):
        text += line.rstrip() + "\n"
        line = next_line_prefix
    return text, line + word


def _format_array(values, shape, fmt, line_width, next_line_prefix,
                  separator, summarize):
    """``values`` holds the shown elements only, in C order over ``_shown_shape``."""
    strides = _strides(_shown_shape(shape, summarize))

    def position(axis, i):
        # where index i of this axis sits among the shown values
        n = shape[axis]
        if summarize and n > 2 * _EDGEITEMS and i >= _EDGEITEMS:
            return i - (n - 2 * _EDGEITEMS)
        return i

    def recurse(axis, offset, hanging_indent, curr_width):
        if axis == len(shape):
            return fmt(values[offset])
        axes_left = len(shape) - axis
        indices = _shown_indices(shape[axis], summarize)

        def child(i):
            # children sit one column right, after our '[' and before ']'
            return recurse(axis + 1, offset + position(axis, i) * strides[axis],
                           hanging_indent + " ", curr_width - 1)

        if axes_left == 1:
            # leave room for the ',' or ']' that follows each element
            elem_width = curr_width - 1
            text, line = "", hanging_indent
            for pos, i in enumerate(indices):
                word = "..." if i is None else child(i)
                text, line = _extend_line(text, line, word, elem_width,
                                          hanging_indent)
                if pos < len(indices) - 1:
                    line += separator
            text += line
        else:
            # sub-arrays go on their own lines, 2-d blocks apart by blank ones
            line_sep = separator.rstrip() + "\n" * (axes_left - 1)
            text = line_sep.join(
                hanging_indent + ("..." if i is None else child(i))
                for i in indices)
        return "[" + text[len(hanging_indent):] + "]"

    return recurse(0, 0, next_line_prefix, line_width)


def _array2string(shape, kind, bits, values, separator, prefix, line_width,
                  precision=_PRECISION):
    size = math.prod(shape)
    if size == 0:
        return "[]"
    summarize = size > _THRESHOLD
    # the shown values alone set the layout
    fmt = _make_formatter(kind, bits, values, zero_d=shape == (), precision=precision)
    return _format_array(values, shape, fmt, line_width,
                         " " + " " * len(prefix), separator, summarize)


def _edge_values(values, shape, strides, axis=0, offset=0):
    """The values a summarized print shows, picked from all of them."""
    if axis == len(shape):
        return [values[offset]]
    out = []
    for i in _shown_indices(shape[axis], True):
        if i is not None:
            out += _edge_values(values, shape, strides, axis + 1,
                                offset + i * strides[axis])
    return out


def _check(shape, dtype_name, values, edges):
    """Validates the arguments; returns the shape, the dtype's (kind, bits) and
    the shown values (picked out here when all values were given)."""
    shape = tuple(int(n) for n in shape)
    if dtype_name not in _DTYPES:
        raise ValueError(f"unsupported dtype {dtype_name!r}")
    summarize = math.prod(shape) > _THRESHOLD
    want = math.prod(_shown_shape(shape, summarize and edges))
    if len(values) != want:
        raise ValueError(f"{len(values)} values for shape {shape}; expected {want}")
    if summarize and not edges:
        values = _edge_values(values, shape, _strides(shape))
    return shape, _DTYPES[dtype_name], values


def array_repr(shape, dtype_name, values, edges=False, precision=_PRECISION):
    """Text of NumPy's ``repr(arr)`` for an array given by its shape, dtype
    name and flat C-order list of Python scalars: all of them, or with
    ``edges`` (arrays of more than 1000 elements), only those a summarized
    print shows (``_EDGEITEMS`` at each end of each longer axis). ``precision``
    is NumPy's print option of that name (``arrpy.testing`` shows arrays with 6)."""
    shape, (kind, bits), values = _check(shape, dtype_name, values, edges)
    prefix = "array("
    # the closing ')' must fit on the line too
    body = _array2string(shape, kind, bits, values, ", ", prefix,
                         _LINEWIDTH - 1, precision)
    size = math.prod(shape)
    extras = []
    if (size == 0 and shape != (0,)) or size > _THRESHOLD:
        extras.append(f"shape={shape}")
    if dtype_name not in _IMPLIED_DTYPES or size == 0:
        extras.append(f"dtype={dtype_name}")
    if not extras:
        return prefix + body + ")"
    text = prefix + body + ","
    extra = ", ".join(extras) + ")"
    last_line_len = len(text) - (text.rfind("\n") + 1)
    if last_line_len + len(extra) + 1 > _LINEWIDTH:
        return text + "\n" + " " * len(prefix) + extra
    return text + " " + extra


def array_str(shape, dtype_name, values, edges=False):
    """Text of NumPy's ``str(arr)``; a 0-d array shows as its scalar."""
    shape, (kind, bits), values = _check(shape, dtype_name, values, edges)
    if shape == ():
        return _scalar_str(kind, bits, values[0])
    return _array2string(shape, kind, bits, values, " ", "", _LINEWIDTH)
