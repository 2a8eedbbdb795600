"""NumPy-compatible files: ``.npy`` (save, load, mmap_mode), ``.npz`` (savez, savez_compressed,
a lazy NpzFile), raw and text ``tofile``/``fromfile``, and ``loadtxt``/``savetxt``/``genfromtxt``.

This module handles files (paths, file objects, atomic replacement, mmap, zip archives); the
header's rules, byte order and the number parser are arrpy-core's (``ops/io``), reached through
the ``_npy_*``/``_parse_table`` bindings.
"""

import io
import mmap
import operator
import os
import re
import secrets
import zipfile

from . import _arrpy
from ._arrpy import asarray, empty, frombuffer, ndarray

__all__ = [
    "save", "load", "savez", "savez_compressed", "NpzFile", "fromfile", "loadtxt", "savetxt",
    "genfromtxt",
]

_MAGIC = b"\x93NUMPY"
_ZIP_PREFIXES = (b"PK\x03\x04", b"PK\x05\x06")
# Deflate cannot expand data by more than about 1032:1, so a member claiming more is lying.
_MAX_DEFLATE_RATIO = 1100
_MMAP_ACCESS = {"r": mmap.ACCESS_READ, "r+": mmap.ACCESS_WRITE, "c": mmap.ACCESS_COPY}


def _is_path(file):
    return isinstance(file, (str, bytes, os.PathLike))


# ---- writing ----------------------------------------------------------------------------------

def _atomic_write(path, write, mode="wb", **open_kw):
    """Calls ``write(f)`` on a new file beside ``path``, then renames it over ``path``: a failure
    or a kill part way leaves no partial file under the target name, and an existing target as
    it was."""
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    folder, name = os.path.split(os.path.abspath(path))
    while True:
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            # 0o666 as open() uses, so the process umask gives the final permissions.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with open(fd, mode, **open_kw) as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _preallocate(f, nbytes):
    """Reserves disk for the ``nbytes`` about to be written to ``f`` when it is a real file, as
    NumPy's tofile does (a large write then runs about 3x faster here)."""
    try:
        fd, at = f.fileno(), f.tell()
    except (AttributeError, OSError, ValueError):  # no file descriptor (BytesIO, zip members)
        return
    _arrpy._preallocate(fd, at, nbytes)


def _write_npy(f, a, version=None):
    fortran, pieces = _arrpy._npy_data_pieces(a, True)
    f.write(_arrpy._npy_header(a.dtype, a.shape, fortran, version))
    _preallocate(f, a.nbytes)
    for piece in pieces:
        f.write(piece)


def save(file, arr, allow_pickle=True, fix_imports=True):
    """Saves ``arr`` in NumPy's ``.npy`` format (the same bytes ``numpy.save`` writes). A path
    gets ``.npy`` appended when it lacks it and is replaced atomically."""
    a = asarray(arr)
    if _is_path(file):
        path = os.fspath(file)
        suffix = b".npy" if isinstance(path, bytes) else ".npy"
        if not path.endswith(suffix):
            path = path + suffix
        _atomic_write(path, lambda f: _write_npy(f, a))
    else:
        _write_npy(file, a)


def _savez(file, args, kwds, compress):
    arrays = dict(kwds)
    for i, a in enumerate(args):
        key = f"arr_{i}"
        if key in arrays:
            raise ValueError(f"Cannot use un-named variables and keyword {key}")
        arrays[key] = a
    arrays = {k: asarray(v) for k, v in arrays.items()}
    compression = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED

    def write(f):
        with zipfile.ZipFile(f, mode="w", compression=compression, allowZip64=True) as zf:
            for key, a in arrays.items():
                with zf.open(key + ".npy", "w", force_zip64=True) as member:
                    _write_npy(member, a)

    if _is_path(file):
        path = os.fspath(file)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not path.endswith(".npz"):
            path = path + ".npz"
        _atomic_write(path, write)
    else:
        write(file)


def savez(file, *args, allow_pickle=True, **kwds):
    """Saves several arrays in one uncompressed ``.npz`` archive (``arr_0``… for positional
    arrays, the keyword's name for the others)."""
    _savez(file, args, kwds, False)


def savez_compressed(file, *args, allow_pickle=True, **kwds):
    """As :func:`savez`, with each member deflated."""
    _savez(file, args, kwds, True)


# ---- reading ----------------------------------------------------------------------------------

def _read_exact(f, n, what="header"):
    data = f.read(n)
    if len(data) != n:
        raise ValueError(f"the .npy file is truncated: it ends inside its {what}")
    return data


def _available(f):
    """Bytes left in a seekable file object from its position, else None."""
    try:
        if not f.seekable():
            return None
        pos = f.tell()
        end = f.seek(0, io.SEEK_END)
        f.seek(pos)
        return end - pos
    except (AttributeError, OSError, ValueError):
        return None


def _read_header(f, available=None):
    if available is None:
        available = _available(f)
    prefix = _read_exact(f, 10)
    if prefix[:6] == _MAGIC and prefix[6] in (2, 3):
        prefix += _read_exact(f, 2)
    _, total = _arrpy._npy_header_len(prefix)
    head = prefix + _read_exact(f, total - len(prefix))
    rest = None if available is None else max(available - total, 0)
    return _arrpy._npy_read_header(head, rest), total


def _read_npy(f, available=None):
    (dtype, shape, fortran, swapped, nbytes), _ = _read_header(f, available)
    file_shape = tuple(reversed(shape)) if fortran else shape
    if available is None and _available(f) is None:
        # Unknown length: read in pieces, so a lying header costs only what the stream holds.
        data = bytearray()
        while len(data) < nbytes:
            piece = f.read(min(nbytes - len(data), 1 << 24))
            if not piece:
                raise ValueError(
                    f"the .npy file is truncated: its header's shape {shape} needs {nbytes} "
                    f"bytes of data, the file holds {len(data)}")
            data += piece
        a = frombuffer(data, dtype=dtype).reshape(file_shape) if nbytes else empty(file_shape, dtype)
    else:
        a = empty(file_shape, dtype=dtype)
        if nbytes:
            view = memoryview(a.reshape(-1)).cast("B")
            got = 0
            while got < nbytes:
                n = f.readinto(view[got:]) if hasattr(f, "readinto") else None
                if n is None:
                    chunk = f.read(nbytes - got)
                    n = len(chunk)
                    view[got:got + n] = chunk
                if not n:
                    raise ValueError(
                        f"the .npy file is truncated: its header's shape {shape} needs {nbytes} "
                        f"bytes of data, the file holds {got}")
                got += n
            view.release()
    if swapped:
        _arrpy._byteswap_in_place(a)
    return a.T if fortran else a


def _open_memmap(f, mode):
    if mode not in _MMAP_ACCESS:
        raise ValueError(f"mmap_mode must be one of 'r', 'r+' or 'c', not {mode!r}")
    start = f.tell()
    (dtype, shape, fortran, swapped, nbytes), total = _read_header(f)
    if swapped:
        raise ValueError(
            "the .npy file's data is in the other byte order; arrpy arrays are in this "
            "machine's order, so it cannot be memory-mapped (load it without mmap_mode)")
    if nbytes == 0:
        return empty(shape, dtype=dtype)
    mm = mmap.mmap(f.fileno(), 0, access=_MMAP_ACCESS[mode])
    count = nbytes // dtype.itemsize
    a = frombuffer(mm, dtype=dtype, count=count, offset=start + total)
    return a.reshape(tuple(reversed(shape))).T if fortran else a.reshape(shape)


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding="ASCII", *,
         max_header_size=10000):
    """Loads a ``.npy`` file (an array; over a memory map with ``mmap_mode`` 'r', 'r+' or 'c')
    or a ``.npz`` archive (a lazy :class:`NpzFile`). Headers are parsed strictly, never
    evaluated, and checked against the file's size before anything is allocated."""
    own = _is_path(file)
    f = open(file, "r+b" if mmap_mode == "r+" else "rb") if own else file
    try:
        start = f.tell() if hasattr(f, "tell") else 0
        magic = f.read(6)
        if hasattr(f, "seek"):
            f.seek(start)
        else:
            raise ValueError("load needs a file object that can seek")
        if magic[:4] in _ZIP_PREFIXES:
            npz = NpzFile(f, own_fid=own)
            own = False  # the NpzFile closes it
            return npz
        if magic == _MAGIC:
            return _open_memmap(f, mmap_mode) if mmap_mode else _read_npy(f)
        if magic[:1] in (b"\x80",) or allow_pickle:
            raise ValueError(
                "the file holds pickled data (or is not a .npy/.npz file); arrpy has no "
                "object dtype and never unpickles, whatever allow_pickle says")
        raise ValueError(f"not a .npy or .npz file: it starts with {magic!r}")
    finally:
        if own:
            f.close()


class NpzFile:
    """The arrays of a ``.npz`` archive, each read when first asked for. ``files`` lists their
    names; use as a context manager (or call :meth:`close`) to close the archive."""

    zip = None
    fid = None

    def __init__(self, fid, own_fid=False):
        try:
            self.zip = zipfile.ZipFile(fid)
        except zipfile.BadZipFile as e:
            raise ValueError(f"not a valid .npz archive: {e}") from None
        self._files = self.zip.namelist()
        self.files = [n[:-4] if n.endswith(".npy") else n for n in self._files]
        self.fid = fid if own_fid else None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        if self.fid is not None:
            self.fid.close()
            self.fid = None

    def __del__(self):
        self.close()

    def __len__(self):
        return len(self.files)

    def __iter__(self):
        return iter(self.files)

    def __contains__(self, key):
        return key in self.files

    def keys(self):
        return list(self.files)

    def values(self):
        return [self[k] for k in self.files]

    def items(self):
        return [(k, self[k]) for k in self.files]

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __getitem__(self, key):
        if self.zip is None:
            raise ValueError("the NpzFile is closed")
        if key in self._files:
            member = key
        elif key in self.files:
            member = self._files[self.files.index(key)]
        else:
            raise KeyError(f"{key} is not a file in the archive")
        info = self.zip.getinfo(member)
        limit = info.compress_size * (_MAX_DEFLATE_RATIO if info.compress_type else 1)
        if info.file_size > limit + 64:
            raise ValueError(
                f"the .npz member {member!r} claims {info.file_size} bytes from "
                f"{info.compress_size} stored bytes (a lying archive)")
        with self.zip.open(member) as f:
            if f.read(6) != _MAGIC:
                # As NumPy: a member that is not an array is returned as its bytes.
                with self.zip.open(member) as g:
                    return g.read()
        with self.zip.open(member) as f:
            try:
                return _read_npy(f, info.file_size)
            except zipfile.BadZipFile as e:
                raise ValueError(f"the .npz member {member!r} is corrupt: {e}") from None

    def __repr__(self):
        return f"NpzFile({self.files!r})"


# ---- raw files --------------------------------------------------------------------------------

def _tofile(self, fid, sep="", format="%s"):
    """Writes the array's elements in C order: raw bytes (``sep=""``) or text (``format`` of
    each element, joined by ``sep``). No header: the dtype and shape are not kept."""
    own = _is_path(fid)
    f = open(fid, "wb") if own else fid
    try:
        if sep == "":
            for piece in _arrpy._npy_data_pieces(self, False)[1]:
                f.write(piece)
        else:
            text = sep.join(format % x for x in self.reshape(-1).tolist())
            f.write(text.encode() if not isinstance(f, io.TextIOBase) else text)
    finally:
        if own:
            f.close()


ndarray.tofile = _tofile


def fromfile(file, dtype=float, count=-1, sep="", offset=0, *, like=None):
    """Reads what :meth:`ndarray.tofile` writes: raw elements (``sep=""``) or numbers separated
    by ``sep`` (whitespace around it ignored)."""
    from ._arrpy import dtype as _dtype
    dt = _dtype(dtype)
    own = _is_path(file)
    f = open(file, "rb") if own else file
    try:
        if sep == "":
            if offset:
                f.seek(offset, io.SEEK_CUR)
            available = _available(f)
            if available is None:
                data = f.read() if count < 0 else f.read(count * dt.itemsize)
                n = len(data) // dt.itemsize if count < 0 else count
                return frombuffer(bytearray(data), dtype=dt, count=n).copy()
            n = available // dt.itemsize if count < 0 else count
            if n * dt.itemsize > available:
                raise ValueError(f"the file holds {available} bytes, fewer than {count} {dt}")
            a = empty(n, dtype=dt)
            if n:
                view = memoryview(a).cast("B")
                got = 0
                while got < len(view):
                    k = f.readinto(view[got:])
                    if not k:
                        raise ValueError("the file ended early")
                    got += k
                view.release()
            return a
        text = f.read()
        if isinstance(text, bytes):
            text = text.decode("latin-1")
        text = text.replace("\n", " " if sep.strip() else sep)
        delimiter = sep.strip() or None
        values = _parse(text, dt, delimiter=delimiter, comments=[])
        values = values.reshape(-1)
        return values[:count] if count >= 0 else values
    finally:
        if own:
            f.close()


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
    parsing runs in arrpy-core)."""
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
    empty one included, takes ``filling_values`` (by default NaN, -1 or False)."""
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
    """Writes a 1-d or 2-d array as text, one row per line, as numpy.savetxt."""
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
