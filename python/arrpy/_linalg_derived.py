"""What ``numpy.linalg`` derives from the factorizations, written with arrpy's own functions:
the norms (vector_norm, matrix_norm, norm), cond, matrix_rank, pinv, lstsq, tensorinv and
tensorsolve. The factorizations themselves (svd, inv, solve, …) are arrpy-core's; what is left
here is which reduction of their results each function is, with NumPy's argument rules."""

import math
import operator

from ._exceptions import LinAlgError

_NOVALUE = object()


def _ap():
    # The package, imported late: this module is imported while it is being built.
    import arrpy
    return arrpy


def _inexact(x):
    """``x`` as an array, integers and bool as float64 (the dtype NumPy's norms compute in)."""
    ap = _ap()
    x = ap.asarray(x)
    if x.dtype.kind not in "fc":
        x = x.astype("float64")
    return x


def _real_dtype(dtype):
    return {"complex64": "float32", "complex128": "float64"}.get(str(dtype), str(dtype))


def _eps(dtype):
    return _ap().finfo(_real_dtype(dtype)).eps


def _svdvals(x, hermitian=False):
    from .linalg import svd
    return svd(x, compute_uv=False, hermitian=hermitian)


# ---- norms ----

def _vector_norm(x, axis, keepdims, ord):
    """The ``ord``-norm of ``x`` (inexact) over ``axis`` (None, an int or a tuple)."""
    ap = _ap()
    a = ap.abs(x)
    if ord == math.inf:
        return ap.max(a, axis=axis, keepdims=keepdims)
    if ord == -math.inf:
        return ap.min(a, axis=axis, keepdims=keepdims)
    if ord == 0:
        return ap.sum(a != 0, axis=axis, keepdims=keepdims).astype(a.dtype)
    if ord == 1:
        return ap.sum(a, axis=axis, keepdims=keepdims)
    if ord == 2:
        return ap.sqrt(ap.sum(a * a, axis=axis, keepdims=keepdims))
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    p = float(ord)
    return ap.sum(a ** p, axis=axis, keepdims=keepdims) ** (1.0 / p)


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """The ``ord``-norm of the vectors along ``axis`` (all axes when None): ord inf, -inf, 0
    (the count of non-zeros), or any real p (``sum(|x|**p) ** (1/p)``).

    >>> ap.linalg.vector_norm(ap.asarray([[3.0, 4.0], [6.0, 8.0]]), axis=1)
    array([ 5., 10.])
    """
    x = _inexact(x)
    if axis is None:
        result = _vector_norm(_ap().reshape(x, (-1,)), 0, False, ord)
        return _ap().reshape(result, (1,) * x.ndim) if keepdims else result
    return _vector_norm(x, axis, keepdims, ord)


def _matrix_norm_last(x, ord):
    """The ``ord`` norm of each matrix in the stack ``x`` (over its last two axes)."""
    ap = _ap()
    if ord in ("fro", "f", None):
        a = ap.abs(x)
        return ap.sqrt(ap.sum(a * a, axis=(-2, -1)))
    if ord == "nuc":
        return ap.sum(_svdvals(x), axis=-1)
    if ord in (2, -2):
        s = _svdvals(x)
        return ap.max(s, axis=-1) if ord == 2 else ap.min(s, axis=-1)
    if ord in (1, -1):
        sums = ap.sum(ap.abs(x), axis=-2)
        return ap.max(sums, axis=-1) if ord == 1 else ap.min(sums, axis=-1)
    if ord in (math.inf, -math.inf):
        sums = ap.sum(ap.abs(x), axis=-1)
        return ap.max(sums, axis=-1) if ord == math.inf else ap.min(sums, axis=-1)
    raise ValueError(f"Invalid norm order {ord!r} for matrices.")


def _matrix_norm(x, axes, keepdims, ord):
    """The ``ord`` norm of the matrices over ``axes`` (rows, columns) of ``x``."""
    ap = _ap()
    nd = x.ndim
    rows, cols = (_normalize_axis(a, nd) for a in axes)
    if rows == cols:
        raise ValueError("Duplicate axes given.")
    result = _matrix_norm_last(ap.moveaxis(x, (rows, cols), (-2, -1)), ord)
    if keepdims:
        shape = list(x.shape)
        shape[rows] = shape[cols] = 1
        result = ap.reshape(result, tuple(shape))
    return result


def _normalize_axis(axis, ndim):
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        from ._exceptions import AxisError
        raise AxisError(f"axis {axis} is out of bounds for array of dimension {ndim}")
    return axis % ndim


def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """The ``ord`` norm of each matrix in the stack ``x``: 'fro', 'nuc', 1, -1, 2, -2, inf,
    -inf (Array API).

    >>> ap.linalg.matrix_norm(ap.asarray([[3.0, 0.0], [0.0, 4.0]]))
    array(5.)
    """
    x = _inexact(x)
    if x.ndim < 2:
        raise ValueError(
            f"matrix_norm: the input must be at least 2-dimensional, got shape {x.shape}")
    return _matrix_norm(x, (-2, -1), keepdims, ord)


def norm(x, ord=None, axis=None, keepdims=False):
    """``numpy.linalg.norm``: a vector norm over one axis, a matrix norm over two, and with
    ``axis=None`` the 2-norm of the whole array (ord None) or the norm its 1 or 2 dimensions
    name.

    >>> ap.linalg.norm(ap.asarray([3.0, 4.0]))
    array(5.)
    """
    x = _inexact(x)
    nd = x.ndim
    if axis is None:
        if ord is None:
            return vector_norm(x, keepdims=keepdims)
        if nd == 1:
            axis = (0,)
        elif nd == 2:
            axis = (0, 1)
        else:
            raise ValueError("Improper number of dimensions to norm.")
    elif not isinstance(axis, tuple):
        try:
            axis = (operator.index(axis),)
        except TypeError:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from None
    if len(axis) == 1:
        return _vector_norm(x, _normalize_axis(axis[0], nd), keepdims, 2 if ord is None else ord)
    if len(axis) == 2:
        return _matrix_norm(x, axis, keepdims, ord)
    raise ValueError("Improper number of dimensions to norm.")


# ---- via the singular values ----

def cond(x, p=None):
    """The condition number of each matrix in the stack ``x`` in the ``p`` norm: the ratio of
    extreme singular values for p None, 2, -2, else ``norm(x, p) * norm(inv(x), p)`` (inf for
    a singular matrix).

    >>> ap.linalg.cond(ap.asarray([[1.0, 0.0], [0.0, 4.0]]))
    array(4.)
    """
    ap = _ap()
    x = _inexact(x)
    if x.ndim >= 2 and 0 in x.shape[-2:]:
        raise LinAlgError("cond is not defined on empty arrays")
    if p is None or p in (2, -2):
        s = _svdvals(x)
        big, small = s[..., 0], s[..., -1]
        return small / big if p == -2 else big / small
    from .linalg import inv
    try:
        inverse = inv(x)
    except LinAlgError:
        if x.ndim == 2:
            return ap.asarray(math.inf, dtype=_real_dtype(x.dtype))
        # Per matrix: inf where one is singular, as NumPy (which inverts to NaN and maps it).
        flat = ap.reshape(x, (-1,) + x.shape[-2:])
        values = [float(cond(flat[i], p)) for i in range(flat.shape[0])]
        return ap.reshape(ap.asarray(values, dtype=_real_dtype(x.dtype)), x.shape[:-2])
    return _matrix_norm_last(x, p) * _matrix_norm_last(inverse, p)


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """The number of singular values of each matrix above ``tol`` (default: the largest
    singular value times ``rtol``, itself by default max(M, N) times the dtype's epsilon); for
    a 0-d or 1-d ``A``, 1 unless all of it is zero.

    >>> ap.linalg.matrix_rank(ap.asarray([[1.0, 2.0], [2.0, 4.0]]))
    array(1)
    """
    ap = _ap()
    if rtol is not None and tol is not None:
        raise ValueError("`tol` and `rtol` can't be both set.")
    A = _inexact(A)
    if A.ndim < 2:
        return int(bool(ap.any(A != 0)))
    s = _svdvals(A, hermitian)
    if s.shape[-1] == 0:
        return ap.count_nonzero(s > 0, axis=-1)
    if tol is None:
        if rtol is None:
            rtol = max(A.shape[-2:]) * _eps(s.dtype)
        else:
            rtol = ap.expand_dims(ap.asarray(rtol), -1)
        tol = ap.max(s, axis=-1, keepdims=True) * rtol
    else:
        tol = ap.expand_dims(ap.asarray(tol), -1)
    return ap.count_nonzero(s > tol, axis=-1)


def pinv(a, rcond=None, hermitian=False, *, rtol=_NOVALUE):
    """The Moore–Penrose pseudo-inverse of each matrix in the stack ``a``, from its SVD:
    singular values at most ``rcond`` times the largest count as zero. ``rcond`` defaults to
    1e-15 (NumPy's); ``rtol`` is the Array API's name for it (``rtol=None``: max(M, N) times
    the dtype's epsilon).

    >>> ap.linalg.pinv(ap.asarray([[2.0, 0.0], [0.0, 0.0]]))
    array([[0.5, 0. ],
           [0. , 0. ]])
    """
    ap = _ap()
    from .linalg import svd
    a = _inexact(a)
    if rcond is None:
        if rtol is _NOVALUE:
            rcond = 1e-15
        elif rtol is None:
            rcond = max(a.shape[-2:]) * _eps(a.dtype)
        else:
            rcond = rtol
    elif rtol is not _NOVALUE:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    m, n = a.shape[-2:]
    if m == 0 or n == 0:
        return ap.zeros(a.shape[:-2] + (n, m), dtype=a.dtype)
    u, s, vh = svd(a, full_matrices=False, hermitian=hermitian)
    cutoff = ap.expand_dims(ap.asarray(rcond), -1) * ap.max(s, axis=-1, keepdims=True)
    large = s > cutoff
    inverse = ap.where(large, 1 / ap.where(large, s, 1), 0).astype(s.dtype)
    # V · diag(1/s) · Uᴴ
    return ap.matmul(ap.conj(ap.matrix_transpose(vh)) * ap.expand_dims(inverse, -2),
                     ap.conj(ap.matrix_transpose(u)))


def lstsq(a, b, rcond=None):
    """The least-squares solution x of ``a @ x ≈ b`` (a 2-d; b 1-d or 2-d), from the SVD of
    a: returns (x, residuals, rank, s) as NumPy's — residuals the squared 2-norm of each
    column of ``b - a @ x`` when rank == N < M, else empty; singular values at most ``rcond``
    (default max(M, N) times the dtype's epsilon) times the largest count as zero.

    >>> a = ap.asarray([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> x, residuals, rank, sv = ap.linalg.lstsq(a, ap.asarray([1.0, 3.0, 5.0]))
    >>> x
    array([1., 2.])
    """
    ap = _ap()
    from .linalg import svd
    a, b = ap.asarray(a), ap.asarray(b)
    vector = b.ndim == 1
    if vector:
        b = ap.reshape(b, (-1, 1))
    if a.ndim != 2 or b.ndim != 2:
        raise LinAlgError(f"{max(a.ndim, b.ndim)}-dimensional array given. Array must be two-dimensional")
    m, n = a.shape
    if b.shape[0] != m:
        raise LinAlgError(f"Incompatible dimensions: a has shape {a.shape}, b has shape {b.shape}")
    dtype = _ap().result_type(a.dtype, b.dtype)
    if dtype.kind not in "fc":
        dtype = _ap().dtype("float64")
    a, b = a.astype(dtype), b.astype(dtype)
    real = _real_dtype(dtype)
    if rcond is None or rcond < 0:
        rcond = _eps(dtype) * max(m, n)
    k = b.shape[1]
    if min(m, n) == 0:
        s = ap.zeros((0,), dtype=real)
        rank = 0
        x = ap.zeros((n, k), dtype=dtype)
    else:
        u, s, vh = svd(a, full_matrices=False)
        large = s > rcond * ap.max(s)
        rank = int(ap.count_nonzero(large))
        inverse = ap.where(large, 1 / ap.where(large, s, 1), 0).astype(real)
        # x = V · diag(1/s) · Uᴴ b, right to left: the cheap order for few columns of b.
        ub = ap.matmul(ap.conj(ap.matrix_transpose(u)), b) * ap.expand_dims(inverse, -1)
        x = ap.matmul(ap.conj(ap.matrix_transpose(vh)), ub)
    if rank == n and m > n:
        r = b - ap.matmul(a, x)
        residuals = ap.sum(ap.abs(r) ** 2, axis=0).astype(real)
    else:
        residuals = ap.zeros((0,), dtype=real)
    if vector:
        x = ap.reshape(x, (n,))
    return x, residuals, rank, s


# ---- tensors ----

def tensorinv(a, ind=2):
    """The inverse of ``a`` as a tensor: ``tensordot(tensorinv(a, ind), a, ind)`` is the
    identity on a.shape[ind:]; the first ``ind`` axes and the rest must have equal sizes.

    >>> ap.linalg.tensorinv(ap.eye(4).reshape((4, 2, 2)), ind=1).shape
    (2, 2, 4)
    """
    ap = _ap()
    from .linalg import inv
    a = ap.asarray(a)
    if operator.index(ind) <= 0:
        raise ValueError(f"Invalid ind argument: {ind} (it must be positive)")
    rows = math.prod(a.shape[:ind])
    inverse = inv(ap.reshape(a, (rows, -1)) if a.size or rows else ap.reshape(a, (rows, 0)))
    return ap.reshape(inverse, a.shape[ind:] + a.shape[:ind])


def tensorsolve(a, b, axes=None):
    """x with ``tensordot(a, x, x.ndim) == b``: ``a``'s leading axes (b's shape) against the
    rest (x's shape), whose sizes must multiply to the same number; ``axes`` are moved to the
    end of ``a`` first.

    >>> ap.linalg.tensorsolve(ap.eye(4).reshape((2, 2, 2, 2)), ap.asarray([[1.0, 2.0], [3.0, 4.0]]))
    array([[1., 2.],
           [3., 4.]])
    """
    ap = _ap()
    from .linalg import solve
    a, b = ap.asarray(a), ap.asarray(b)
    if axes is not None:
        moved = [_normalize_axis(k, a.ndim) for k in axes]
        rest = [k for k in range(a.ndim) if k not in moved]
        a = ap.permute_dims(a, tuple(rest + moved))
    x_shape = a.shape[b.ndim:]
    size = math.prod(x_shape)
    if a.size != size * size:
        raise LinAlgError(
            f"Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == "
            f"prod(a.shape[:b.ndim]) (a has shape {a.shape}, b has shape {b.shape})")
    x = solve(ap.reshape(a, (size, size)), ap.reshape(b, (-1,)))
    return ap.reshape(x, x_shape)
