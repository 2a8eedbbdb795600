"""``ndarray`` members NumPy has that are written in Python on top of arrpy's own functions:
byte-level access (``tobytes``, ``byteswap``, ``getfield``/``setfield``, ``data``, ``ctypes``),
the flat iterator (``flat``), pickles to files (``dump``/``dumps``), in-place ``resize``, the
methods that forward to namespace functions (``repeat``, ``choose``, ``dot``, ``trace``) and the
protocol members (``in``, ``divmod``, ``ndarray[...]``, ``__array_wrap__``; ``__array_priority__``
is the bindings').

Byte-level views are built as NumPy builds them: ``a[..., None].view(uint8)`` is each element's
bytes on a new last axis, whatever ``a``'s strides (a length-1 axis is contiguous), so every
layout (strided, negative, broadcast, 0-d, empty) takes the same path.
"""

import ctypes as _ctypes_module
import operator
import pickle
import sys
import types

from . import _arrpy
from ._arrpy import ndarray

_ORDERS = ("C", "F", "A", "K")


def _element_bytes(a):
    """``a``'s bytes as uint8 with one more axis of length ``a.itemsize``: a view of ``a``."""
    return a[..., None].view(_arrpy.uint8)


# ---- bytes ------------------------------------------------------------------------------------

def _tobytes(self, order="C"):
    """The elements' bytes in ``order``: 'C' (row-major, also 'K' as NumPy), 'F' (column-major)
    or 'A' ('F' when the array is Fortran- and not C-contiguous, else 'C').

    >>> ap.asarray([[1, 2], [3, 4]], dtype=ap.uint8).tobytes(order="F")
    b'\\x01\\x03\\x02\\x04'
    """
    order = "C" if order is None else order
    if not isinstance(order, str):
        raise TypeError(f"order must be str, not {type(order).__name__}")
    if order.upper() not in _ORDERS:
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    order = order.upper()
    if order == "A":
        fortran = self.flags.f_contiguous and not self.flags.c_contiguous
        order = "F" if fortran else "C"
    # memoryview copies any strides (negative and zero included) in either order.
    return memoryview(self).tobytes(order="F" if order == "F" else "C")


def _byteswap(self, inplace=False):
    """Swaps each element's bytes (each of a complex number's two parts on its own): a swapped
    copy, or ``self`` swapped in place with ``inplace=True``.

    >>> ap.asarray([1, 256], dtype=ap.int16).byteswap()
    array([256,   1], dtype=int16)
    """
    if inplace and not self.flags.writeable:
        raise ValueError("array to be byte-swapped is read-only")
    target = self if inplace else _arrpy.empty(self.shape, dtype=self.dtype)
    if self.itemsize == 1:
        if not inplace:
            target[...] = self
        return target
    source = self.copy() if inplace else self

    def parts(a):
        # A complex number's real and imaginary parts are swapped each on its own (NumPy's rule).
        if a.dtype.kind == "c":
            part = _arrpy.float32 if a.itemsize == 8 else _arrpy.float64
            return _element_bytes(a[..., None].view(part))
        return _element_bytes(a)

    parts(target)[...] = parts(source)[..., ::-1]
    return target


def _data(self):
    """A memoryview of the array's memory (its shape, strides and format), as NumPy's ``data``.

    >>> ap.asarray([1, 2], dtype=ap.int32).data.tolist()
    [1, 2]
    """
    return memoryview(self)


def _check_field(self, dtype, offset):
    dtype = _arrpy.dtype(dtype)
    offset = operator.index(offset)
    if dtype.itemsize > self.itemsize:
        raise ValueError("new type is larger than original type")
    if offset < 0:
        raise ValueError("offset is negative")
    if offset + dtype.itemsize > self.itemsize:
        raise ValueError("new type plus offset is larger than original type")
    return dtype, offset


def _getfield(self, dtype, offset=0):
    """A view of ``dtype`` values that start ``offset`` bytes into each element.

    >>> ap.asarray([1 + 2j, 3 - 4j]).getfield(ap.float64, 8)
    array([ 2., -4.])
    """
    dtype, offset = _check_field(self, dtype, offset)
    field = _element_bytes(self)[..., offset:offset + dtype.itemsize]
    return field.view(dtype)[..., 0]


def _setfield(self, val, dtype, offset=0):
    """Writes ``val`` (broadcast, cast to ``dtype``) into the field ``getfield(dtype, offset)``.

    >>> a = ap.zeros(2, dtype=ap.complex128); a.setfield(5.0, ap.float64, 8); a
    array([0.+5.j, 0.+5.j])
    """
    self.getfield(dtype, offset)[...] = val


# ---- ctypes -----------------------------------------------------------------------------------

def _first_element_address(a):
    """The address of ``a``'s first element (its data pointer): the one-element corner of ``a``
    is C-contiguous whatever ``a``'s strides, so the buffer reports its address."""
    corner = a[None][(slice(0, 1),) * (a.ndim + 1)]
    return corner.get_buffer_info()[0]


class _ctypes:
    """``ndarray.ctypes``: the array's data pointer, shape and strides for ctypes calls; it
    keeps the array alive while a pointer from ``data_as`` is held.

    >>> a = ap.zeros(3, dtype=ap.int32)
    >>> a.ctypes.shape[0], a.ctypes.data == a.__array_interface__["data"][0]
    (3, True)
    """

    def __init__(self, array):
        self._arr = array
        self._data = _first_element_address(array)

    @property
    def data(self):
        """The data pointer as an int."""
        return self._data

    def data_as(self, obj):
        """The data pointer cast to the ctypes type ``obj`` (e.g. ``ctypes.POINTER(c_double)``);
        the pointer keeps the array alive."""
        pointer = _ctypes_module.cast(self._data, obj)
        pointer._arr = self._arr
        return pointer

    def shape_as(self, obj):
        """The shape as a ctypes array of ``obj``; None for a 0-d array (as NumPy)."""
        if self._arr.ndim == 0:
            return None
        return (obj * self._arr.ndim)(*self._arr.shape)

    def strides_as(self, obj):
        """The byte strides as a ctypes array of ``obj``; None for a 0-d array (as NumPy)."""
        if self._arr.ndim == 0:
            return None
        return (obj * self._arr.ndim)(*self._arr.strides)

    @property
    def shape(self):
        return self.shape_as(_ctypes_module.c_ssize_t)

    @property
    def strides(self):
        return self.strides_as(_ctypes_module.c_ssize_t)

    @property
    def _as_parameter_(self):
        return _ctypes_module.c_void_p(self._data)


def _ctypes_attribute(self):
    """The array's data pointer, shape and strides for ctypes (see ``_ctypes``).

    >>> ap.zeros((2, 3)).ctypes.strides[:]
    [24, 8]
    """
    return _ctypes(self)


# ---- flat -------------------------------------------------------------------------------------

class flatiter:
    """``ndarray.flat``: the elements in C order, as an iterator and as a 1-d sequence that
    reads and writes ``base`` (values assigned repeat to fill the positions, as NumPy's).

    >>> a = ap.asarray([[1, 2], [3, 4]]); a.flat[[0, 3]] = 9; a
    array([[9, 2],
           [3, 9]])
    >>> a.flat[1:3]
    array([2, 3])
    """

    __slots__ = ("_base", "_index")

    def __init__(self, base):
        self._base = base
        self._index = 0

    @property
    def base(self):
        """The array being iterated."""
        return self._base

    @property
    def index(self):
        """The flat position of the next element."""
        return self._index

    @property
    def coords(self):
        """The N-d index of the next element."""
        return self._unravel(self._index)

    def _unravel(self, i):
        coords = []
        for n in reversed(self._base.shape):
            i, rem = divmod(i, n) if n else (i, 0)
            coords.append(rem)
        return tuple(reversed(coords))

    def __len__(self):
        return self._base.size

    def __iter__(self):
        return self

    def __next__(self):
        if self._index >= self._base.size:
            raise StopIteration
        value = self._base[self._unravel(self._index)]
        self._index += 1
        return value

    def copy(self):
        """The elements as a new 1-d array (C order)."""
        return self._base.flatten()

    def __array__(self, dtype=None, copy=None):
        import numpy

        return numpy.asarray(self.copy(), dtype=dtype)

    def _key(self, key):
        """``key`` as an index of the flattened array: an int, a slice, Ellipsis or an array."""
        if isinstance(key, (slice, ndarray)):
            return key
        if key is Ellipsis or (isinstance(key, tuple) and not key):
            return slice(None)
        if isinstance(key, (list, tuple)):
            if any(isinstance(k, bool) for k in key):
                raise IndexError(
                    "boolean indices for iterators are not supported because of previous "
                    "behavior that was confusing (valid boolean indices are expected to work "
                    "in the future)")
            return _arrpy.asarray(key, dtype=_arrpy.int64)
        if isinstance(key, bool) or not hasattr(key, "__index__"):
            if hasattr(key, "__array__") or hasattr(key, "__array_interface__"):
                return _arrpy.asarray(key)
            raise IndexError("only integers, slices (`:`), ellipsis (`...`), and integer or "
                             "boolean arrays are valid indices")
        i = operator.index(key)
        n = self._base.size
        if not -n <= i < n:
            raise IndexError(f"index {i} is out of bounds for size {n}")
        return i + n if i < 0 else i

    def __getitem__(self, key):
        key = self._key(key)
        if isinstance(key, int):
            return self._base[self._unravel(key)]
        return self._base.reshape(-1)[key].copy()

    def __setitem__(self, key, value):
        base = self._base
        if not base.flags.writeable:
            raise ValueError("assignment destination is read-only")
        positions = _arrpy.arange(base.size)[self._key(key)].reshape(-1)
        values = _arrpy.asarray(value, dtype=base.dtype).reshape(-1)
        if positions.size == 0 or values.size == 0:
            return
        if values.size != positions.size:
            values = values[_arrpy.arange(positions.size) % values.size]
        if base.ndim == 0:
            base[()] = values[-1]
            return
        base[_unravel_index(positions, base.shape)] = values


def _unravel_index(positions, shape):
    from . import unravel_index

    return unravel_index(positions, shape)


def _flat(self):
    """The elements in C order as a ``flatiter``; ``a.flat = v`` fills ``a`` with ``v``
    repeated.

    >>> list(ap.asarray([[1, 2], [3, 4]]).T.flat)
    [array(1), array(3), array(2), array(4)]
    """
    return flatiter(self)


def _set_flat(self, value):
    flatiter(self)[...] = value


# ---- pickles ----------------------------------------------------------------------------------

def _dumps(self):
    """The array's pickle (protocol 2, as NumPy's); ``pickle.loads`` reads it back.

    >>> import pickle; pickle.loads(ap.asarray([1, 2]).dumps())
    array([1, 2])
    """
    return pickle.dumps(self, protocol=2)


def _dump(self, file):
    """Pickles the array to ``file`` (a path or a binary file); ``pickle.load`` reads it back.

    >>> import io, pickle; f = io.BytesIO(); ap.asarray([1.5]).dump(f); _ = f.seek(0)
    >>> pickle.load(f)
    array([1.5])
    """
    if isinstance(file, (str, bytes)) or hasattr(file, "__fspath__"):
        with open(file, "wb") as f:
            pickle.dump(self, f, protocol=2)
    else:
        pickle.dump(self, file, protocol=2)


# ---- resize -----------------------------------------------------------------------------------

_REFERENCED = ("cannot resize an array that references or is referenced\nby another object in "
               "this way.\nUse the resize function to get a new resized copy")


def _references_while_resizing(a):
    # The references `a.resize(...)` itself holds (the caller's name, the call, this frame's
    # `self`), measured once on an array nothing else holds, so the count suits this interpreter.
    return sys.getrefcount(a)


def _resize(self, *new_shape, refcheck=True):
    """Changes the array's shape and size in place; new elements are zero and existing ones
    keep their order in memory. Only an array that owns its memory, with no view, export or
    other reference to it, can change size (arrpy checks even with ``refcheck=False``: it
    never leaves a view on freed memory).

    >>> a = ap.asarray([1, 2, 3]); a.resize((2, 2)); a
    array([[1, 2],
           [3, 0]])
    """
    if not new_shape or new_shape == (None,):
        return None  # NumPy's a.resize() and a.resize(None) change nothing
    if len(new_shape) == 1 and not hasattr(new_shape[0], "__index__"):
        new_shape = new_shape[0]
    try:
        new_shape = tuple(operator.index(n) for n in new_shape)
    except TypeError:
        raise TypeError("expected a sequence of integers or a single integer, "
                        f"got '{new_shape!r}'") from None
    if any(n < 0 for n in new_shape):
        raise ValueError("negative dimensions not allowed")
    size = 1
    for n in new_shape:
        size *= n
    c_order = self.flags.c_contiguous
    if not (c_order or self.flags.f_contiguous):
        raise ValueError("resize only works on single-segment arrays")
    if size == self.size and c_order:
        self.shape = new_shape
        return None
    if self.base is not None:
        raise ValueError("cannot resize this array: it does not own its data")
    if sys.getrefcount(self) > _RESIZE_REFERENCES:
        raise ValueError(_REFERENCED)
    # The elements in memory order go first into the new memory (C order, or F order for a
    # Fortran array), as NumPy's realloc keeps them.
    shape = new_shape if c_order else new_shape[::-1]
    fresh = _arrpy.zeros(shape, dtype=self.dtype)
    kept = min(size, self.size)
    if kept:
        fresh.reshape(-1)[:kept] = (self if c_order else self.T).reshape(-1)[:kept]
    if not self.flags.writeable:
        fresh.setflags(write=False)
    self._become(fresh if c_order else fresh.T)
    return None


def _calibrate_resize_references():
    probe = _arrpy.zeros(1)
    return probe._references_while_resizing()


ndarray._references_while_resizing = _references_while_resizing  # type: ignore[attr-defined]
_RESIZE_REFERENCES = _calibrate_resize_references()
del ndarray._references_while_resizing  # type: ignore[attr-defined]


# ---- methods that forward to the namespace's functions ----------------------------------------

def _repeat(self, repeats, axis=None):
    """``arrpy.repeat(self, repeats, axis)``.

    >>> ap.asarray([1, 2]).repeat(2)
    array([1, 1, 2, 2])
    """
    from . import repeat

    return repeat(self, repeats, axis=axis)


def _choose(self, choices, out=None, mode="raise"):
    """``arrpy.choose(self, choices, out, mode)``.

    >>> ap.asarray([0, 1, 0]).choose([ap.asarray([1, 2, 3]), ap.asarray([10, 20, 30])])
    array([ 1, 20,  3])
    """
    from . import choose

    return choose(self, choices, out=out, mode=mode)


def _dot(self, b, out=None):
    """``arrpy.dot(self, b, out)``.

    >>> ap.asarray([1, 2]).dot(ap.asarray([3, 4]))
    array(11)
    """
    from . import dot

    return dot(self, b, out=out)


def _trace(self, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """``arrpy.trace(self, offset, axis1, axis2, dtype, out)``.

    >>> ap.asarray([[1, 2], [3, 4]]).trace()
    array(5)
    """
    from . import trace

    return trace(self, offset=offset, axis1=axis1, axis2=axis2, dtype=dtype, out=out)


# ---- protocol members -------------------------------------------------------------------------

def _contains(self, value):
    return bool((self == value).any())


def _divmod(self, other):
    from . import floor_divide, remainder

    return floor_divide(self, other), remainder(self, other)


def _rdivmod(self, other):
    from . import floor_divide, remainder

    return floor_divide(other, self), remainder(other, self)


def _array_wrap(self, array, context=None, return_scalar=False):
    """``array`` as an arrpy array (a 0-d one as its element when ``return_scalar``)."""
    array = _arrpy.asarray(array)
    if return_scalar and array.ndim == 0:
        return array[()]
    return array


def _class_getitem(cls, item):
    return types.GenericAlias(cls, item)


for _name, _member in {
    "tobytes": _tobytes, "byteswap": _byteswap, "getfield": _getfield, "setfield": _setfield,
    "data": property(_data), "ctypes": property(_ctypes_attribute),
    "flat": property(_flat, _set_flat), "dump": _dump, "dumps": _dumps, "resize": _resize,
    "repeat": _repeat, "choose": _choose, "dot": _dot, "trace": _trace,
    "__contains__": _contains, "__divmod__": _divmod, "__rdivmod__": _rdivmod,
    "__array_wrap__": _array_wrap, "__class_getitem__": classmethod(_class_getitem),
}.items():
    setattr(ndarray, _name, _member)
del _name, _member
