"""NumPy-compatible tables of text: ``loadtxt`` (numbers parsed in Rust, ``ops/io/text``; rows
split and converted here with ``converters``, ``quotechar`` or a complex dtype), ``genfromtxt``
(NumPy's missing-value and inference rules, in Python) and ``savetxt``."""

import io
import operator
import re

from . import _arrpy
from ._arrpy import asarray, empty
from ._io import _atomic_write, _is_path

__all__ = ["loadtxt", "savetxt", "genfromtxt"]


# ---- text files -------------------------------------------------------------------------------

def _read_text(fname, encoding):
    if _is_path(fname):
        with open(fname, "rt", encoding=encoding or "utf-8") as f:
            return f.read()
    if hasattr(fname, "read"):
        text = fname.read()
    else:  # an iterable of lines
        text = "\n".join(line.decode(encoding or "utf-8") if isinstance(line, bytes) else str(line).rstrip("\n")
                         for line in fname)
    return text.decode(encoding or "utf-8") if isinstance(text, bytes) else text


def _parse(text, dt, **kw):
    """Numbers of ``text`` as a 2-d array of ``dt`` (float and integer parsing in arrpy-core,
    bool through integers; loadtxt reads complex numbers row by row, fromfile does not)."""
    kind = dt.kind
    if kind == "c":
        raise NotImplementedError("loadtxt of complex numbers is not supported")
    if kind == "b":
        return _arrpy._parse_table(text, "int64", **kw).astype(dt)
    parsed = _arrpy._parse_table(text, "float64" if kind == "f" else dt, **kw)
    return parsed if parsed.dtype == dt else parsed.astype(dt)


def _empty_shape(a, usecols):
    """NumPy's shape for a table without rows: one column, or one per entry of ``usecols``."""
    if a.shape[0]:
        return a
    usecols = _usecols(usecols)
    return a.reshape(0, len(usecols) if usecols else 1)


def _ensure_ndmin(a, ndmin):
    from ._manipulation import atleast_2d, squeeze
    if ndmin not in (0, 1, 2):
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    if a.ndim > ndmin:
        a = squeeze(a)
    if a.ndim < ndmin:
        a = a.reshape(-1) if ndmin == 1 else atleast_2d(a).T
    return a


def _comments(comments):
    if comments is None:
        return []
    return [comments] if isinstance(comments, str) else list(comments)


def _usecols(usecols):
    if usecols is None:
        return None
    if isinstance(usecols, int):
        return [usecols]
    return [int(c) for c in usecols]


# ---- text rows in Python: loadtxt's converters and quotechar, genfromtxt ----------------------
# NumPy's own paths for these are Python-level too; the plain numeric loadtxt stays in arrpy-core.

def _lines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _check_quotechar(quotechar, delimiter, comments):
    """NumPy 2's checks of the control characters when a quote character is given."""
    if not (isinstance(quotechar, str) and len(quotechar) == 1):
        raise TypeError("Text reading control character must be a single unicode character or "
                        f"None; but got: {quotechar!r}")
    if len(comments) > 1 or any(len(c) > 1 for c in comments):
        raise ValueError("when multiple comments or a multi-character comment is given, quotes "
                         "are not supported.  In this case quotechar must be set to None.")
    if quotechar in comments:
        raise TypeError("The values for control characters 'comment' and 'quotechar' are "
                        "incompatible")
    if quotechar == delimiter:
        raise TypeError("The values for control characters 'quotechar' and 'delimiter' are "
                        "incompatible")
    if delimiter is None and quotechar.isspace():
        raise TypeError("The values for control characters 'delimiter' and 'quotechar' are "
                        "incompatible")


def _split_plain(line, delimiter, comments):
    """The fields of an unquoted line, or None for a line without data."""
    cuts = [i for i in (line.find(c) for c in comments if c) if i >= 0]
    if cuts:
        line = line[:min(cuts)]
    if delimiter is None:
        return line.split() or None
    return line.split(delimiter) if line else None


def _split_quoted(lines, i, delimiter, comments, quote):
    """The fields of the row starting at ``lines[i]`` as NumPy 2's reader splits it: a quote
    opens a quoted field only at a field's start, a doubled quote inside is one quote, and a
    quoted field may hold delimiters, comment markers and line breaks. Returns the fields (None
    for a line without data) and the index of the row's last line."""
    fields, field = [], []
    line, pos = lines[i], 0
    quoted, at_start, in_field, consumed, first_quoted = False, True, False, False, False
    while True:
        if pos == len(line):
            if quoted and i + 1 < len(lines):  # the quoted field goes on on the next line
                field.append("\n")
                i, line, pos = i + 1, lines[i + 1], 0
                continue
            break
        c = line[pos]
        if quoted:
            if c != quote:
                field.append(c)
            elif line.startswith(quote, pos + 1):
                field.append(quote)
                pos += 1
            else:
                quoted = False
            pos += 1
            continue
        if any(line.startswith(m, pos) for m in comments if m):
            break
        consumed = True
        if delimiter is None and c.isspace():
            if in_field:
                fields.append("".join(field))
                field, in_field = [], False
            at_start = True
        elif delimiter is not None and line.startswith(delimiter, pos):
            fields.append("".join(field))
            field, at_start = [], True
            pos += len(delimiter)
            continue
        elif at_start and c == quote:
            quoted, at_start, in_field = True, False, True
            first_quoted = first_quoted or not fields
        else:
            field.append(c)
            at_start, in_field = False, True
        pos += 1
    if delimiter is not None:
        if consumed:
            fields.append("".join(field))
    elif in_field or fields:
        # NumPy splits on whitespace as str.split() does, dropping an empty last field, but
        # only when the row's first field is unquoted (it tests fields[0]'s flag): so '"a" b '
        # is three fields there, and so here.
        last = "".join(field)
        if last or first_quoted:
            fields.append(last)
    return (fields or None), i


def _text_rows(text, delimiter, comments, skiprows, quotechar=None):
    """The fields of each data row of ``text`` after its first ``skiprows`` lines."""
    lines = _lines(text)
    i = skiprows
    while i < len(lines):
        line = lines[i]
        if quotechar is not None and quotechar in line:
            fields, i = _split_quoted(lines, i, delimiter, comments, quotechar)
        else:
            fields = _split_plain(line, delimiter, comments)
        if fields is not None:
            yield fields
        i += 1


_UNSIGNED = r"(?i:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf(?:inity)?|nan)"
_REAL = r"[+-]?" + _UNSIGNED
# NumPy's complex syntax: a real part, an imaginary part (digits before a lowercase j) or both,
# optionally in parentheses; Python's complex() also takes "2+j", "1+2J" and "1_0".
_COMPLEX = re.compile(rf"(\()?(?:{_REAL}|{_REAL}j|{_REAL}[+-]{_UNSIGNED}j)(?(1)\))")


def _parse_complex(s):
    s = s.strip()
    if not _COMPLEX.fullmatch(s):
        raise ValueError(s)
    return complex(s)


def _no_underscore(s):
    if "_" in s:  # Python's number syntax allows them, NumPy's parsers do not
        raise ValueError(s)
    return s.strip()


def _int_in_range(x, dt):
    info = _iinfo(dt)
    if not info.min <= x <= info.max:
        raise OverflowError(f"Python integer {x} out of bounds for {dt.name}")
    return x


def _iinfo(dt):
    from ._dtypes import iinfo
    return iinfo(dt)


def _store(value, dt):
    """A converter's result as an element of ``dt`` (NumPy's assignment rules: a string is
    parsed, None is NaN for inexact dtypes, a float is truncated into an integer dtype)."""
    kind = dt.kind
    if kind == "b":
        return bool(value)  # a string too: non-empty is True
    if isinstance(value, str):
        return _parse_field(value, dt)
    if kind == "f":
        return float("nan") if value is None else float(value)
    if kind == "c":
        return complex("nan") if value is None else complex(value)
    return _int_in_range(int(value), dt)


def _parse_field(s, dt):
    """A field as loadtxt's default parser for ``dt`` reads it (whitespace around it ignored)."""
    kind = dt.kind
    if kind == "f":
        return float(_no_underscore(s))
    if kind == "c":
        return _parse_complex(s)
    n = int(_no_underscore(s))
    return n != 0 if kind == "b" else _int_in_range(n, dt)


def _column_converters(converters, ncols, usecols):
    """One callable (or None) per kept column, from a callable or {column: callable}. As
    NumPy's: with ``usecols`` a key names the first kept column given by that same number (and
    a key naming none is ignored); without, a key is a column of the file, negative from the end."""
    if callable(converters):
        return [converters] * (len(usecols) if usecols is not None else ncols)
    if not isinstance(converters, dict):
        raise TypeError("converters must be a dictionary mapping columns to converter "
                        "functions or a single callable.")
    funcs = [None] * (len(usecols) if usecols is not None else ncols)
    for key, func in converters.items():
        try:
            column = operator.index(key)
        except TypeError:
            raise TypeError(f"keys of the converters dictionary must be integers; got {key!r}") from None
        if usecols is not None:
            if column not in usecols:
                continue
            column = usecols.index(column)
        elif not -ncols <= column < ncols:
            raise ValueError(f"converter specified for column {column}, which is invalid for "
                             f"the number of fields {ncols}.")
        if not callable(func):
            raise TypeError("values of the converters dictionary must be callable, but the "
                            f"value associated with key {key!r} is not")
        funcs[column] = func
    return funcs


def _resolve_usecols(usecols, ncols, row):
    if usecols is None:
        return list(range(ncols))
    picked = []
    for u in usecols:
        j = u + ncols if u < 0 else u
        if not 0 <= j < ncols:
            raise ValueError(f"invalid column index {u} at row {row + 1} with {ncols} columns")
        picked.append(j)
    return picked


def _loadtxt_python(text, dt, delimiter, comments, skiprows, usecols, max_rows, converters,
                    quotechar):
    """loadtxt row by row in Python (NumPy passes each field to its converter as a str)."""
    values, nrows, width, funcs = [], 0, None, None
    for fields in _text_rows(text, delimiter, comments, skiprows, quotechar):
        if max_rows is not None and nrows >= max_rows:
            break
        cols = _resolve_usecols(usecols, len(fields), nrows)
        if width is None:
            width = len(cols)
            if converters is not None:
                funcs = _column_converters(converters, len(fields), usecols)
        elif len(cols) != width:
            raise ValueError(f"the number of columns changed from {width} to {len(cols)} at row "
                             f"{nrows + 1}; use `usecols` to select a subset and avoid this error")
        for k, j in enumerate(cols):
            field = fields[j]
            func = funcs[k] if funcs else None
            try:
                values.append(_parse_field(field, dt) if func is None else _store(func(field), dt))
            except Exception as e:
                raise ValueError(f"could not convert string {repr(field)[:100]} to {dt.name} "
                                 f"at row {nrows}, column {j + 1}.") from e
        nrows += 1
    return _table(values, nrows, width or 0, dt)


def _table(values, nrows, ncols, dt):
    if not values:
        return empty((nrows, ncols), dtype=dt)
    return asarray(values, dtype=dt).reshape(nrows, ncols)


def loadtxt(fname, dtype=float, comments="#", delimiter=None, converters=None, skiprows=0,
            usecols=None, unpack=False, ndmin=0, encoding=None, max_rows=None, *,
            quotechar=None, like=None):
    """Numbers from a text file, one row per line (NumPy's loadtxt for numeric dtypes; the
    parsing runs in arrpy-core).

    >>> import io
    >>> ap.loadtxt(io.StringIO("1 2\\n3 4\\n"))
    array([[1., 2.],
           [3., 4.]])
    """
    from ._arrpy import dtype as _dtype
    if skiprows < 0:
        raise ValueError("skiprows must be non-negative")
    if max_rows is not None and max_rows < 0:
        raise ValueError("argument must be nonnegative")  # NumPy's words
    dt = _dtype(dtype)
    comments = _comments(comments)
    if quotechar is not None:
        _check_quotechar(quotechar, delimiter, comments)
    text = _read_text(fname, encoding)
    delimiter = delimiter or None
    # Complex numbers, converters and quoted fields take the row-by-row path.
    if converters is None and quotechar is None and dt.kind != "c":
        a = _parse(text, dt, delimiter=delimiter, comments=comments, skiprows=skiprows,
                   usecols=_usecols(usecols), max_rows=max_rows)
    else:
        a = _loadtxt_python(text, dt, delimiter, comments, skiprows, _usecols(usecols),
                            max_rows, converters, quotechar)
    a = _ensure_ndmin(_empty_shape(a, usecols), ndmin)
    return a.T if unpack else a


# genfromtxt: NumPy converts each field "loosely": a field its type cannot read (an empty or
# missing one included) takes the column's filling value; a missing marker that reads as a
# number keeps that number. Missing markers matter to dtype=None's inference, which skips them.

def _str2bool(s):
    upper = s.upper()
    if upper == "TRUE":
        return True
    if upper == "FALSE":
        return False
    raise ValueError(f"Invalid boolean {s!r}")


def _int64(s):
    n = int(s)
    if not -(1 << 63) <= n < (1 << 63):
        raise ValueError(s)
    return n


# dtype=None's ladder, in NumPy's order: each column takes the first type reading all its fields.
_GEN_LADDER = (("bool", _str2bool), ("int64", _int64), ("float64", float), ("complex128", complex))
_GEN_READER = {"b": _str2bool, "f": float, "c": complex}
_GEN_FILL = {"b": False, "i": -1, "u": -1, "f": float("nan"), "c": complex(float("nan"), 0)}


def _gen_rows(text, delimiter, comments, skip_header, skip_footer, max_rows, usecols):
    """genfromtxt's data rows (fields of the kept columns), how many of them precede the footer
    (NumPy infers dtype=None's types from all) and their column count; a row with another
    count is reported with its line number, as NumPy's "Some errors were detected !"."""
    lines = _lines(text)[skip_header:]
    rows, bad, first, ncols = [], [], None, None
    for i, line in enumerate(lines):
        if comments:
            line = line.split(comments)[0]
        line = line.strip(" \r\n")
        if not line:
            continue
        fields = line.split(delimiter)
        if not fields:  # only tabs or other whitespace that strip(" \r\n") leaves
            continue
        if first is None:
            first, ncols = i, len(fields)
            if usecols is not None:
                usecols = [u + ncols if u < 0 else u for u in usecols]
        lineno = i - first + skip_header + 1
        try:
            kept = fields if usecols is None else [fields[u] for u in usecols]
        except IndexError:
            kept = None
        if kept is None or (usecols is None and len(fields) != ncols):
            bad.append((lineno, len(fields)))
        else:
            rows.append((lineno, kept))
            if max_rows is not None and len(rows) == max_rows:
                break
    width = len(usecols) if usecols is not None else (ncols or 0)
    if skip_footer and bad:  # NumPy's rule: bad rows within the footer are part of it
        in_footer = sum(n > len(rows) + len(bad) - skip_footer + skip_header for n, _ in bad)
        bad = bad[:len(bad) - in_footer]
        skip_footer -= in_footer
    if bad:
        raise ValueError("Some errors were detected !" + "".join(
            f"\n    Line #{n} (got {got} columns instead of {width})" for n, got in bad))
    return [r for _, r in rows], max(len(rows) - max(skip_footer, 0), 0), width, usecols


def _per_column(user, width, usecols, of_value):
    """``missing_values``/``filling_values`` given as a dict {column: v}, a sequence (one per
    column) or one value for all, as one entry per kept column (None where not given)."""
    out = [None] * width
    if isinstance(user, dict):
        for key, v in user.items():
            if isinstance(key, str):
                raise NotImplementedError("genfromtxt's column names (structured dtypes) are "
                                          "not supported")
            if usecols is not None and key in usecols:
                key = usecols.index(key)
            out[key] = of_value(v)
    elif isinstance(user, (list, tuple)):
        for k, v in enumerate(user[:width]):
            out[k] = of_value(v)
    elif user is not None:
        out = [of_value(user)] * width
    return out


def _missing_sets(missing_values, width, usecols):
    if isinstance(missing_values, str):
        missing_values = missing_values.split(",")
        sets = [{""} | set(missing_values) for _ in range(width)]
        return sets
    as_list = lambda v: [str(x) for x in v] if isinstance(v, (list, tuple)) else [str(v)]
    given = _per_column(missing_values, width, usecols, as_list)
    return [{""} | set(g or ()) for g in given]


def _infer_kind(column, missing):
    """The first type of dtype=None's ladder that reads every non-missing field (None when all
    are missing; NumPy then leaves the column out of the common type)."""
    rung, seen = 0, False
    for s in column:
        if s.strip() in missing:
            continue
        seen = True
        while rung < len(_GEN_LADDER):
            try:
                _GEN_LADDER[rung][1](s)
                break
            except (ValueError, OverflowError):
                rung += 1
        if rung == len(_GEN_LADDER):
            raise NotImplementedError(
                f"genfromtxt's dtype=None found the non-numeric field {s!r}: string columns "
                "(structured or str dtypes) are not supported")
    return _GEN_LADDER[rung][0] if seen else None


def _gen_dtype(columns, missing):
    """dtype=None's common type and each column's default filling value (an all-missing
    column keeps the first rung's, False, as NumPy's)."""
    from ._arrpy import dtype as _dtype
    kinds = [_infer_kind(col, miss) for col, miss in zip(columns, missing)]
    found = set(kinds) - {None}
    if len(found) != 1:
        raise NotImplementedError(
            f"genfromtxt's dtype=None found columns of types {sorted(found)}; NumPy returns a "
            "structured array for them, and structured dtypes are not supported")
    dt = _dtype(found.pop())
    return dt, [_GEN_FILL[dt.kind if k else "b"] for k in kinds]


def _gen_reader(dt):
    """NumPy's reader of a field as ``dt``; a ValueError from it means "use the filling value",
    an OverflowError is raised."""
    if dt.kind not in "iu":
        return _GEN_READER[dt.kind]
    if dt.itemsize == 8:  # NumPy reads with np.int64/np.uint64: integer syntax only
        return lambda s: _int_in_range(int(s), dt)
    return lambda s: int(float(s))  # and the narrower integers through a float: "2.5" is 2


def _gen_value(s, read, fill):
    try:
        return read(s)
    except ValueError:
        return fill


# NumPy's other genfromtxt options: those that shape field names only (no names here, so they
# change nothing), and those accepted at their defaults.
_GEN_NAME_OPTIONS = {"excludelist", "deletechars", "replace_space", "case_sensitive", "defaultfmt"}
_GEN_DEFAULTS = {"converters": None, "autostrip": False, "usemask": False, "loose": True,
                 "invalid_raise": True, "like": None}


def _check_gen_options(kwargs):
    for key, value in kwargs.items():
        if key in _GEN_NAME_OPTIONS:
            continue
        if key not in _GEN_DEFAULTS:
            raise TypeError(f"genfromtxt() got an unexpected keyword argument '{key}'")
        if value is not _GEN_DEFAULTS[key]:  # the defaults are None, True and False
            raise NotImplementedError(f"genfromtxt's {key}={value!r} is not supported")


def genfromtxt(fname, dtype=float, comments="#", delimiter=None, skip_header=0, skip_footer=0,
               usecols=None, names=None, missing_values=None, filling_values=None,
               max_rows=None, encoding=None, ndmin=0, unpack=None, **kwargs):
    """NumPy's genfromtxt for one numeric dtype (bool, integers, floats, complex) or dtype=None
    (all columns of one inferred type): a field that does not read as the column's type, an
    empty one included, takes ``filling_values`` (by default NaN, -1 or False).

    >>> import io
    >>> ap.genfromtxt(io.StringIO("1,2\\n3,\\n"), delimiter=",")
    array([[ 1.,  2.],
           [ 3., nan]])
    """
    from ._arrpy import dtype as _dtype
    _check_gen_options(kwargs)
    if names is not None or isinstance(dtype, (list, tuple, dict)) or (
            isinstance(dtype, str) and "," in dtype):
        raise NotImplementedError("genfromtxt's names= and structured dtypes are not supported")
    if delimiter is not None and not isinstance(delimiter, str):
        raise NotImplementedError("genfromtxt's fixed-width fields (an integer delimiter) are "
                                  "not supported")
    if skip_footer and max_rows is not None:
        raise ValueError("The keywords 'skip_footer' and 'max_rows' can not be specified at the "
                         "same time.")
    if max_rows is not None and max_rows < 1:
        raise ValueError("'max_rows' must be at least 1.")
    dt = None if dtype is None else _dtype(dtype)
    if dt is not None and dt.kind not in _GEN_FILL:
        raise NotImplementedError(f"genfromtxt reads numeric and bool dtypes, not {dt.name}")
    text = _read_text(fname, encoding)
    rows, kept, width, usecols = _gen_rows(text, delimiter or None, comments, skip_header,
                                           skip_footer, max_rows, _usecols(usecols))
    if not width:  # no data line at all
        return empty(0, dtype=dt or "bool")
    if dt is None and rows:
        columns = list(zip(*rows))
        dt, defaults = _gen_dtype(columns, _missing_sets(missing_values, width, usecols))
    else:
        dt = dt or _dtype(bool)  # dtype=None without rows: the ladder's first rung, as NumPy
        defaults = [_GEN_FILL[dt.kind]] * width
    rows = rows[:kept]
    columns = list(zip(*rows)) if rows else [()] * width
    read = _gen_reader(dt)
    fills = [d if f is None else f
             for f, d in zip(_per_column(filling_values, width, usecols, lambda v: v), defaults)]
    values = [[_gen_value(s, read, fill) for s in col] for col, fill in zip(columns, fills)]
    flat = [v for row in zip(*values) for v in row]
    if dt.kind in "iu":  # checked in row order, so the first bad value is NumPy's
        flat = [_int_in_range(int(v), dt) for v in flat]
    a = _table(flat, len(rows), width, dt)
    if a.shape[0] == 0:
        a = a.reshape(0)
    a = _ensure_ndmin(a, ndmin)
    return a.T if unpack else a


def savetxt(fname, X, fmt="%.18e", delimiter=" ", newline="\n", header="", footer="",
            comments="# ", encoding=None):
    """Writes a 1-d or 2-d array as text, one row per line, as numpy.savetxt.

    >>> import io; s = io.StringIO()
    >>> ap.savetxt(s, ap.asarray([[1, 2], [3, 4]]), fmt="%d", delimiter=",")
    >>> s.getvalue()
    '1,2\\n3,4\\n'
    """
    a = asarray(X)
    if a.ndim == 0 or a.ndim > 2:
        raise ValueError(f"Expected 1D or 2D array, got {a.ndim}D array instead")
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    ncol = a.shape[1]
    is_complex = a.dtype.kind == "c"
    if isinstance(fmt, bytes):
        fmt = fmt.decode("latin1")
    if isinstance(fmt, (list, tuple)):
        if len(fmt) != ncol:
            raise AttributeError(f"fmt has wrong shape.  {fmt!s}")
        row_fmt = delimiter.join(fmt)
    elif isinstance(fmt, str):
        n = fmt.count("%")
        if n == 1:
            one = f" ({fmt}+{fmt}j)" if is_complex else fmt
            row_fmt = delimiter.join([one] * ncol)
        elif n != ncol:
            raise ValueError(f"fmt has wrong number of % formats:  {fmt}")
        else:
            row_fmt = fmt
    else:
        raise ValueError(f"invalid fmt: {fmt!r}")
    parts = []
    if header:
        parts.append(comments + header.replace("\n", "\n" + comments) + newline)
    for row in a.tolist():
        if is_complex:
            values = []
            for z in row:
                values += [z.real, z.imag]
            line = row_fmt % tuple(values)
            line = line.replace("+-", "-")
        else:
            try:
                line = row_fmt % tuple(row)
            except TypeError as e:
                raise TypeError(f"Mismatch between array dtype ('{a.dtype}') and format specifier ('{row_fmt}')") from e
        parts.append(line + newline)
    if footer:
        parts.append(comments + footer.replace("\n", "\n" + comments) + newline)
    text = "".join(parts)
    enc = encoding or "latin1"
    if _is_path(fname):
        _atomic_write(fname, lambda f: f.write(text), mode="w", encoding=enc, newline="")
    elif isinstance(fname, io.TextIOBase):
        fname.write(text)
    else:
        try:
            fname.write(text)
        except TypeError:
            fname.write(text.encode(enc))
