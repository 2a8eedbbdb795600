"""NumPy-compatible files: ``.npy`` (save, load, mmap_mode), ``.npz`` (savez, savez_compressed,
a lazy NpzFile) and raw and text ``tofile``/``fromfile``; tables of text (``loadtxt``,
``savetxt``, ``genfromtxt``) are ``_text_io``'s.

This module handles files (paths, file objects, atomic replacement, mmap, zip archives); the
header's rules, byte order and the number parser are arrpy-core's (``ops/io``), reached through
the ``_npy_*``/``_parse_table`` bindings.
"""

import io
import mmap
import os
import secrets
import stat
import threading
import zipfile

from . import _arrpy
from ._arrpy import asarray, empty, frombuffer, ndarray

__all__ = ["save", "load", "savez", "savez_compressed", "NpzFile", "fromfile"]

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
        old = _hold_large_file(path)
        try:
            os.replace(tmp, path)
        finally:
            if old is not None:
                threading.Thread(target=os.close, args=(old,), daemon=True).start()
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# Replacing a file drops its old contents, and the kernel frees their cached pages there and then
# (about 30 ms for 400 MB here; numpy.save pays the same in its O_TRUNC). For a large old file
# the caller keeps it open across the rename and closes it on another thread, so the freeing
# happens off the caller's path.
_DEFERRED_FREE_BYTES = 16 << 20


def _hold_large_file(path):
    """A read-only descriptor of ``path`` when it is a large regular file on POSIX, else None."""
    if os.name != "posix":
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # missing, unreadable, a symlink (replaced, not followed)
        return None
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode) and st.st_size >= _DEFERRED_FREE_BYTES:
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


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
    gets ``.npy`` appended when it lacks it and is replaced atomically.

    >>> import io; f = io.BytesIO(); ap.save(f, ap.asarray([1.5, 2.5])); _ = f.seek(0)
    >>> ap.load(f)
    array([1.5, 2.5])
    """
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
    arrays, the keyword's name for the others).

    >>> import io; f = io.BytesIO()
    >>> ap.savez(f, ap.asarray([1, 2]), b=ap.asarray([True])); _ = f.seek(0)
    >>> npz = ap.load(f); npz["arr_0"], npz["b"]
    (array([1, 2]), array([ True]))
    """
    _savez(file, args, kwds, False)


def savez_compressed(file, *args, allow_pickle=True, **kwds):
    """As :func:`savez`, with each member deflated.

    >>> import io; f = io.BytesIO(); ap.savez_compressed(f, a=ap.zeros(1000)); _ = f.seek(0)
    >>> ap.load(f)["a"].shape
    (1000,)
    """
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
    evaluated, and checked against the file's size before anything is allocated.

    >>> import io; f = io.BytesIO(); ap.save(f, ap.asarray([[1, 2], [3, 4]])); _ = f.seek(0)
    >>> ap.load(f)
    array([[1, 2],
           [3, 4]])
    """
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
    names; use as a context manager (or call :meth:`close`) to close the archive.

    >>> import io; f = io.BytesIO()
    >>> ap.savez(f, x=ap.asarray([1, 2]), y=ap.asarray([3.0])); _ = f.seek(0)
    >>> npz = ap.load(f); npz.files
    ['x', 'y']
    """

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
        """Closes the archive (and the file it opened).

        >>> import io; f = io.BytesIO(); ap.savez(f, x=ap.asarray([1, 2])); _ = f.seek(0)
        >>> npz = ap.load(f); npz.close()
        """
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
        """The names of the archive's arrays.

        >>> import io; f = io.BytesIO()
        >>> ap.savez(f, x=ap.asarray([1, 2]), y=ap.asarray([3.0])); _ = f.seek(0)
        >>> list(ap.load(f).keys())
        ['x', 'y']
        """
        return list(self.files)

    def values(self):
        """Every array of the archive, read in order.

        >>> import io; f = io.BytesIO()
        >>> ap.savez(f, x=ap.asarray([1, 2]), y=ap.asarray([3.0])); _ = f.seek(0)
        >>> list(ap.load(f).values())
        [array([1, 2]), array([3.])]
        """
        return [self[k] for k in self.files]

    def items(self):
        """(name, array) pairs for every array of the archive.

        >>> import io; f = io.BytesIO()
        >>> ap.savez(f, x=ap.asarray([1, 2]), y=ap.asarray([3.0])); _ = f.seek(0)
        >>> list(ap.load(f).items())
        [('x', array([1, 2])), ('y', array([3.]))]
        """
        return [(k, self[k]) for k in self.files]

    def get(self, key, default=None):
        """The array named ``key``, or ``default`` when the archive has none.

        >>> import io; f = io.BytesIO(); ap.savez(f, x=ap.asarray([1, 2])); _ = f.seek(0)
        >>> npz = ap.load(f); npz.get("x"), npz.get("z")
        (array([1, 2]), None)
        """
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
    each element, joined by ``sep``). No header: the dtype and shape are not kept.

    >>> import io; f = io.BytesIO(); ap.asarray([1, 2], dtype="int16").tofile(f)
    >>> f.getvalue()
    b'\\x01\\x00\\x02\\x00'
    """
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


ndarray.tofile = _tofile  # type: ignore[method-assign]


def fromfile(file, dtype=float, count=-1, sep="", offset=0, *, like=None):
    """Reads what :meth:`ndarray.tofile` writes: raw elements (``sep=""``) or numbers separated
    by ``sep`` (whitespace around it ignored).

    >>> import io; f = io.BytesIO(b"\\x01\\x00\\x02\\x00")
    >>> ap.fromfile(f, dtype="int16")
    array([1, 2], dtype=int16)
    """
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
        from ._text_io import _parse  # the text tables' parser (that module imports this one)
        values = _parse(text, dt, delimiter=delimiter, comments=[])
        values = values.reshape(-1)
        return values[:count] if count >= 0 else values
    finally:
        if own:
            f.close()
