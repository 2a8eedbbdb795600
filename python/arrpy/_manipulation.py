"""Manipulation: NumPy's and the Array API's names for reshaping, joining, splitting, views and
copies. The rules (axes, shapes, views or copies) are the core's (``ops/manipulate``); what is
here composes those calls, as NumPy's own Python layer does."""

import builtins as _builtins
import itertools as _itertools

from . import _arrpy
from ._arrpy import (  # noqa: F401  (re-exported)
    asarray, concatenate, stack, expand_dims, reshape, ravel, flip, moveaxis, swapaxes,
    rollaxis, diagonal, broadcast_to, broadcast_shapes, broadcast_arrays, ascontiguousarray,
    asfortranarray, astype, array_split, split, unstack, repeat, tile, roll, rot90, tril, triu,
    diag, diagflat, insert, resize, trim_zeros, copyto,
)

__all__ = [
    "reshape", "ravel", "transpose", "permute_dims", "matrix_transpose", "squeeze", "concat",
    "expand_dims", "flip", "fliplr", "flipud", "moveaxis", "swapaxes", "rollaxis", "diagonal",
    "broadcast_to", "broadcast_shapes", "broadcast_arrays", "ascontiguousarray",
    "asfortranarray", "astype", "atleast_1d", "atleast_2d", "atleast_3d", "vstack", "hstack",
    "dstack", "column_stack", "row_stack", "block", "array_split", "split", "hsplit", "vsplit",
    "dsplit", "unstack", "repeat", "tile", "roll", "rot90", "tril", "triu", "diag", "diagflat",
    "trace", "pad", "meshgrid", "copyto", "append", "insert", "delete", "resize", "trim_zeros",
    "shape", "ndim", "size", "copy",
]

concat = concatenate


def transpose(x, /, axes=None):
    """A view with axes permuted (reversed by default).

    >>> ap.transpose(ap.asarray([[1, 2, 3], [4, 5, 6]]))
    array([[1, 4],
           [2, 5],
           [3, 6]])
    """
    return asarray(x).transpose(axes)


def permute_dims(x, /, axes):
    """A view with axes permuted (the Array API's name for transpose).

    >>> ap.permute_dims(ap.zeros((2, 3, 4)), (2, 0, 1)).shape
    (4, 2, 3)
    """
    return asarray(x).transpose(axes)


def matrix_transpose(x, /):
    """A view with the last two axes swapped.

    >>> ap.matrix_transpose(ap.ones((5, 2, 3))).shape
    (5, 3, 2)
    """
    return asarray(x).mT


def squeeze(x, /, axis=None):
    """A view without the given (or all) length-1 axes.

    >>> ap.squeeze(ap.zeros((1, 3, 1))).shape
    (3,)
    """
    return asarray(x).squeeze(axis)


def _atleast(n, arys):
    res = tuple(_arrpy._atleast_nd(a, n) for a in arys)
    return res[0] if len(res) == 1 else res


def atleast_1d(*arys):
    """Views with at least one dimension (one array, or a tuple for several).

    >>> ap.atleast_1d(5)
    array([5])
    """
    return _atleast(1, arys)


def atleast_2d(*arys):
    """Views with at least two dimensions (a 1-d array becomes a row).

    >>> ap.atleast_2d(ap.asarray([1, 2]))
    array([[1, 2]])
    """
    return _atleast(2, arys)


def atleast_3d(*arys):
    """Views with at least three dimensions ((N,) -> (1, N, 1), (M, N) -> (M, N, 1)).

    >>> ap.atleast_3d(ap.asarray([1, 2])).shape
    (1, 2, 1)
    """
    return _atleast(3, arys)


def fliplr(m):
    """Columns reversed (axis 1), a view.

    >>> ap.fliplr(ap.asarray([[1, 2, 3], [4, 5, 6]]))
    array([[3, 2, 1],
           [6, 5, 4]])
    """
    m = asarray(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return flip(m, 1)


def flipud(m):
    """Rows reversed (axis 0), a view.

    >>> ap.flipud(ap.asarray([[1, 2, 3], [4, 5, 6]]))
    array([[4, 5, 6],
           [1, 2, 3]])
    """
    m = asarray(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return flip(m, 0)


def _sequence(tup, name):
    if not isinstance(tup, (list, tuple)) and not hasattr(tup, "__len__"):
        raise TypeError(f"arrays to {name} must be passed as a sequence type such as list or tuple.")
    return list(tup)


def vstack(tup, *, dtype=None, casting="same_kind"):
    """Arrays (made at least 2-d) joined along axis 0.

    >>> ap.row_stack([ap.asarray([1, 2]), ap.asarray([3, 4])])
    array([[1, 2],
           [3, 4]])
    """
    arrs = [atleast_2d(a) for a in _sequence(tup, "stack")]
    return concatenate(arrs, 0, dtype=dtype, casting=casting)


row_stack = vstack


def hstack(tup, *, dtype=None, casting="same_kind"):
    """Arrays (made at least 1-d) joined along axis 1 (axis 0 for 1-d arrays).

    >>> ap.hstack([ap.asarray([1, 2]), ap.asarray([3])])
    array([1, 2, 3])
    """
    arrs = [atleast_1d(a) for a in _sequence(tup, "stack")]
    axis = 0 if arrs and arrs[0].ndim == 1 else 1
    return concatenate(arrs, axis, dtype=dtype, casting=casting)


def dstack(tup):
    """Arrays (made at least 3-d) joined along axis 2.

    >>> ap.dstack([ap.asarray([1, 2]), ap.asarray([3, 4])])
    array([[[1, 3],
            [2, 4]]])
    """
    return concatenate([atleast_3d(a) for a in _sequence(tup, "stack")], 2)


def column_stack(tup):
    """1-d arrays as columns (2-d arrays as they are), joined along axis 1.

    >>> ap.column_stack([ap.asarray([1, 2]), ap.asarray([3, 4])])
    array([[1, 3],
           [2, 4]])
    """
    cols = []
    for v in _sequence(tup, "stack"):
        a = asarray(v)
        cols.append(a.reshape(-1, 1) if a.ndim < 2 else a)
    return concatenate(cols, 1)


def _split_dims(name, ary, need, axis, indices_or_sections):
    a = asarray(ary)
    if a.ndim < need:
        raise ValueError(f"{name} only works on arrays of {need} or more dimensions")
    return split(a, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    """split along axis 1 (axis 0 for 1-d arrays).

    >>> ap.hsplit(ap.asarray([[1, 2, 3, 4]]), 2)
    [array([[1, 2]]), array([[3, 4]])]
    """
    a = asarray(ary)
    return _split_dims("hsplit", a, 1, 1 if a.ndim > 1 else 0, indices_or_sections)


def vsplit(ary, indices_or_sections):
    """split along axis 0 of an array of 2 or more dimensions.

    >>> ap.vsplit(ap.asarray([[1, 2], [3, 4]]), 2)
    [array([[1, 2]]), array([[3, 4]])]
    """
    return _split_dims("vsplit", ary, 2, 0, indices_or_sections)


def dsplit(ary, indices_or_sections):
    """split along axis 2 of an array of 3 or more dimensions.

    >>> [p.shape for p in ap.dsplit(ap.zeros((2, 2, 4)), 2)]
    [(2, 2, 2), (2, 2, 2)]
    """
    return _split_dims("dsplit", ary, 3, 2, indices_or_sections)


def block(arrays):
    """An array assembled from nested lists of blocks: the innermost lists join along the
    last axis, each enclosing level along the axis before it (NumPy's block).

    >>> a = ap.ones((2, 2)); b = ap.zeros((2, 1))
    >>> ap.block([[a, b], [ap.zeros((1, 3))]])
    array([[1., 1., 0.],
           [1., 1., 0.],
           [0., 0., 0.]])
    """
    depth, max_ndim = _block_depth(arrays, ())
    ndim = _builtins.max(depth, max_ndim)

    def assemble(item, level):
        if isinstance(item, list):
            parts = [assemble(x, level + 1) for x in item]
            return concatenate(parts, axis=level - depth)
        a = asarray(item)
        return a.reshape((1,) * (ndim - a.ndim) + a.shape)

    return assemble(arrays, 0)


def _block_depth(arrays, index):
    """(list depth, largest ndim) of a block argument; every leaf at the same depth."""
    if isinstance(arrays, tuple):
        raise TypeError(
            f"{list(index)} is a tuple. Only lists can be used to arrange blocks, and np.block "
            "does not allow implicit conversion from tuple to list.")
    if not isinstance(arrays, list):
        return 0, asarray(arrays).ndim
    if not arrays:
        raise ValueError(f"List at {list(index)} cannot be empty")
    found = [_block_depth(x, index + (i,)) for i, x in enumerate(arrays)]
    depths = {d for d, _ in found}
    if len(depths) != 1:
        raise ValueError(f"List depths are mismatched. First element was at depth "
                         f"{found[0][0] + len(index) + 1}, but there is an element at depth "
                         f"{[d for d, _ in found if d != found[0][0]][0] + len(index) + 1}")
    return found[0][0] + 1, _builtins.max(n for _, n in found)


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """Sum along a diagonal (of each matrix in a stack): ``diagonal(a, ...).sum(-1)``.

    >>> ap.trace(ap.asarray([[1, 2], [3, 4]]))
    array(5)
    """
    return diagonal(a, offset, axis1, axis2).sum(axis=-1, dtype=dtype, out=out)


def pad(array, pad_width, mode="constant", **kwargs):
    """``array`` padded by ``pad_width`` in one of NumPy's modes (constant, edge, wrap, reflect,
    symmetric, linear_ramp, minimum, maximum, mean, median, empty), or by a callable ``mode``
    as NumPy calls one: the array is zero-padded, then ``mode(vector, (before, after), axis,
    kwargs)`` fills the pads of every 1-d view along each axis in turn, in place.

    >>> ap.pad(ap.asarray([1, 2, 3]), (2, 1))
    array([0, 0, 1, 2, 3, 0])
    """
    if not callable(mode):
        return _arrpy.pad(array, pad_width, mode, **kwargs)
    padded = _arrpy.pad(array, pad_width, "constant")  # NumPy's checks of pad_width
    widths = broadcast_to(asarray(pad_width), (padded.ndim, 2)).tolist()
    for axis in range(padded.ndim):
        lanes = moveaxis(padded, axis, -1)
        for index in _itertools.product(*map(range, lanes.shape[:-1])):
            mode(lanes[index + (...,)], tuple(widths[axis]), axis, kwargs)
    return padded


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Coordinate arrays from 1-d coordinate vectors, as a tuple (NumPy 2 and the Array API
    2024.12; 2023.12 said list); 'xy' swaps the first two axes (Cartesian), 'ij' keeps matrix
    order.

    >>> ap.meshgrid(ap.asarray([1, 2, 3]), ap.asarray([10, 20]))
    (array([[1, 2, 3],
           [1, 2, 3]]), array([[10, 10, 10],
           [20, 20, 20]]))
    """
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    ndim = len(xi)
    shapes = [(1,) * i + (-1,) + (1,) * (ndim - i - 1) for i in range(ndim)]
    grids = [asarray(x).reshape(s) for x, s in zip(xi, shapes)]
    if indexing == "xy" and ndim > 1:
        grids[0] = grids[0].reshape((1, -1) + (1,) * (ndim - 2))
        grids[1] = grids[1].reshape((-1, 1) + (1,) * (ndim - 2))
    if not sparse:
        grids = list(broadcast_arrays(*grids))
    if copy:
        grids = [g.copy() for g in grids]
    return tuple(grids)


def append(arr, values, axis=None):
    """``values`` joined to the end of ``arr`` (both flattened when ``axis`` is None).

    >>> ap.append(ap.asarray([1, 2]), ap.asarray([[3, 4]]))
    array([1, 2, 3, 4])
    """
    arr = asarray(arr)
    if axis is None:
        return concatenate((ravel(arr), ravel(asarray(values))), axis=0)
    return concatenate((arr, values), axis=axis)


def delete(arr, obj, axis=None):
    """A copy of ``arr`` without the positions ``obj`` (int, slice, indices or boolean mask)
    along ``axis`` (of the flattened array when None).

    >>> ap.delete(ap.asarray([10, 20, 30, 40]), [0, 2])
    array([20, 40])
    """
    if isinstance(obj, slice):
        a = asarray(arr)
        n = a.size if axis is None else a.shape[_builtins.int(axis)]
        obj = asarray(list(range(*obj.indices(n))), dtype="int64")
    return _arrpy.delete(arr, obj, axis)


def shape(a):
    """The shape of ``a`` (anything ``asarray`` takes), as a tuple.

    >>> ap.shape([[1, 2, 3], [4, 5, 6]])
    (2, 3)
    """
    return asarray(a).shape


def ndim(a):
    """The number of dimensions of ``a``.

    >>> ap.ndim(ap.zeros((2, 3, 4)))
    3
    """
    return asarray(a).ndim


def size(a, axis=None):
    """The number of elements of ``a``, or its length along ``axis``.

    >>> a = ap.zeros((2, 3))
    >>> ap.size(a), ap.size(a, axis=1)
    (6, 3)
    """
    a = asarray(a)
    return a.size if axis is None else a.shape[axis]


def copy(a, order="K", subok=False):
    """A copy of ``a`` that owns its memory, in ``order`` ('K': the layout of ``a`` as far as
    possible). arrpy has no subclasses, so ``subok`` changes nothing.

    >>> a = ap.arange(6).reshape(2, 3)
    >>> b = ap.copy(a.T)
    >>> b.flags.f_contiguous, ap.shares_memory(a, b)
    (True, False)
    """
    return asarray(a).copy(order=order)
