"""``arrpy.fft``: ``numpy.fft``'s discrete Fourier transforms, their frequencies and shifts.

The transforms are arrpy-core's (crates/arrpy-core/src/ops/fft): each call names the lengths and
axes of successive 1-d transforms, resolved here by NumPy 2's rules for ``n``, ``s`` and
``axes``; float32 and complex64 compute in single precision, everything else in double."""

import operator as _operator
import warnings as _warnings

from ._arrpy import (
    _fftn, _irfftn, _rfftn, arange as _arange, asarray as _asarray, copyto as _copyto,
    roll as _roll,
)
from ._elementwise import conj as _conj

__all__ = [
    "fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fftn", "ifftn", "rfftn", "irfftn",
    "fft2", "ifft2", "rfft2", "irfft2", "fftfreq", "rfftfreq", "fftshift", "ifftshift",
]

_SWAP_DIRECTION = {None: "forward", "backward": "forward", "ortho": "ortho", "forward": "backward"}


def _swap_direction(norm):
    """The norm that puts the 1/n factor on the other direction (hfft and ihfft)."""
    try:
        return _SWAP_DIRECTION[norm]
    except (KeyError, TypeError):
        raise ValueError(f'Invalid norm value {norm}; should be "backward", '
                         '"ortho" or "forward".') from None


def _checked_norm(norm):
    _swap_direction(norm)
    return norm


def _finish(result, out):
    """``result``, or ``out`` holding it (cast as NumPy's ufunc out=, 'same_kind')."""
    if out is None:
        return result
    if getattr(out, "shape", None) != result.shape:
        raise ValueError("output array has wrong shape.")
    _copyto(out, result, casting="same_kind")
    return out


def _points(a, n, axis, default):
    a_shape = a.shape
    if n is None:
        return default(a_shape[axis])
    return _operator.index(n)


def _one(a, n, axis, default):
    a = _asarray(a)
    return a, [_points(a, n, axis, default)], [_operator.index(axis)]


def _length(m):
    return m


def _real_length(m):
    return 2 * (m - 1)


def fft(a, n=None, axis=-1, norm=None, out=None):
    """The ``n``-point discrete Fourier transform of ``a`` along ``axis`` (cropped or
    zero-padded to ``n``).

    >>> ap.fft.fft(ap.asarray([1.0, 0.0, -1.0, 0.0]))
    array([0.+0.j, 2.+0.j, 0.+0.j, 2.+0.j])
    """
    a, s, axes = _one(a, n, axis, _length)
    return _finish(_fftn(a, s, axes, False, _checked_norm(norm)), out)


def ifft(a, n=None, axis=-1, norm=None, out=None):
    """The inverse of ``fft``: ``ifft(fft(a)) == a`` to rounding.

    >>> ap.fft.ifft(ap.asarray([4.0, 0.0, 0.0, 0.0]))
    array([1.+0.j, 1.+0.j, 1.+0.j, 1.+0.j])
    """
    a, s, axes = _one(a, n, axis, _length)
    return _finish(_fftn(a, s, axes, True, _checked_norm(norm)), out)


def rfft(a, n=None, axis=-1, norm=None, out=None):
    """The first ``n // 2 + 1`` points of the transform of the real ``a`` along ``axis``.

    >>> ap.fft.rfft(ap.asarray([1.0, 2.0, 3.0, 0.0]))
    array([ 6.+0.j, -2.-2.j,  2.+0.j])
    """
    a, s, axes = _one(a, n, axis, _length)
    return _finish(_rfftn(a, s, axes, _checked_norm(norm)), out)


def irfft(a, n=None, axis=-1, norm=None, out=None):
    """The ``n`` real points (default ``2 * (m - 1)``) whose rfft is ``a``.

    >>> ap.fft.irfft(ap.asarray([6.0, -2.0 + 2.0j, -2.0]))
    array([0., 1., 2., 3.])
    """
    a, s, axes = _one(a, n, axis, _real_length)
    return _finish(_irfftn(a, s, axes, _checked_norm(norm)), out)


def hfft(a, n=None, axis=-1, norm=None, out=None):
    """The real transform of a signal with Hermitian symmetry, given by its first half.

    >>> ap.fft.hfft(ap.asarray([1.0, 2.0, 3.0]))
    array([ 8., -2.,  0., -2.])
    """
    a, s, axes = _one(a, n, axis, _real_length)
    return _finish(_irfftn(_conj(a), s, axes, _swap_direction(norm)), out)


def ihfft(a, n=None, axis=-1, norm=None, out=None):
    """The inverse of ``hfft``: the first half of a Hermitian spectrum of the real ``a``.

    >>> ap.fft.ihfft(ap.asarray([1.0, 2.0, 3.0, 4.0]))
    array([ 2.5-0.j , -0.5-0.5j, -0.5-0.j ])
    """
    a, s, axes = _one(a, n, axis, _length)
    return _finish(_conj(_rfftn(a, s, axes, _swap_direction(norm))), out)


def _nd_args(a, s, axes, real_inverse=False):
    """NumPy 2's ``s`` and ``axes`` for the n-d transforms: lengths default to the axes'
    (the last to ``2 * (m - 1)`` for the real inverse); ``-1`` means the axis's length."""
    shape = a.shape
    if axes is not None:
        axes = [_operator.index(ax) for ax in axes]
    if s is None:
        if axes is None:
            axes = list(range(-a.ndim, 0))
        s = [shape[ax] for ax in axes]
        if real_inverse and axes:
            s[-1] = _real_length(shape[axes[-1]])
        return s, axes
    s = list(s)
    if axes is None:
        _warnings.warn(
            "`axes` should not be `None` if `s` is not `None` (Deprecated in NumPy 2.0). "
            "Pass a sequence [0, ..., k-1] to `axes` for an array of dimension k.",
            DeprecationWarning, stacklevel=3)
        axes = list(range(-len(s), 0))
    if len(s) != len(axes):
        raise ValueError("Shape and axes have different lengths.")
    if None in s:
        _warnings.warn(
            "Passing an array containing `None` values to `s` is deprecated in NumPy 2.0.",
            DeprecationWarning, stacklevel=3)
    lengths = []
    for i, (n, ax) in enumerate(zip(s, axes)):
        if n is None:
            last = real_inverse and i == len(s) - 1
            n = _real_length(shape[ax]) if last else shape[ax]
        elif _operator.index(n) == -1:
            n = shape[ax]
        lengths.append(_operator.index(n))
    return lengths, axes


def fftn(a, s=None, axes=None, norm=None, out=None):
    """The n-d transform: ``fft`` along each of ``axes`` (all by default), ``s[i]`` points
    along ``axes[i]``.

    >>> ap.fft.fftn(ap.asarray([[1.0, 2.0], [3.0, 4.0]]), axes=(0,))
    array([[ 4.+0.j,  6.+0.j],
           [-2.+0.j, -2.+0.j]])
    """
    a = _asarray(a)
    s, axes = _nd_args(a, s, axes)
    return _finish(_fftn(a, s, axes, False, _checked_norm(norm)), out)


def ifftn(a, s=None, axes=None, norm=None, out=None):
    """The inverse of ``fftn``.

    >>> ap.fft.ifftn(ap.asarray([[4.0, 0.0], [0.0, 0.0]]))
    array([[1.+0.j, 1.+0.j],
           [1.+0.j, 1.+0.j]])
    """
    a = _asarray(a)
    s, axes = _nd_args(a, s, axes)
    return _finish(_fftn(a, s, axes, True, _checked_norm(norm)), out)


def rfftn(a, s=None, axes=None, norm=None, out=None):
    """``rfft`` along the last of ``axes``, then ``fft`` along the others.

    >>> ap.fft.rfftn(ap.asarray([[1.0, 2.0], [3.0, 4.0]]))
    array([[10.+0.j, -2.+0.j],
           [-4.+0.j,  0.+0.j]])
    """
    a = _asarray(a)
    s, axes = _nd_args(a, s, axes)
    return _finish(_rfftn(a, s, axes, _checked_norm(norm)), out)


def irfftn(a, s=None, axes=None, norm=None, out=None):
    """The inverse of ``rfftn``: ``ifft`` along all but the last of ``axes``, then ``irfft``.

    >>> ap.fft.irfftn(ap.asarray([[4.0, 0.0], [0.0, 0.0]]))
    array([[1., 1.],
           [1., 1.]])
    """
    a = _asarray(a)
    s, axes = _nd_args(a, s, axes, real_inverse=True)
    return _finish(_irfftn(a, s, axes, _checked_norm(norm)), out)


def fft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """``fftn`` over the last two axes.

    >>> ap.fft.fft2(ap.asarray([[1.0, 2.0], [3.0, 4.0]]))
    array([[10.+0.j, -2.+0.j],
           [-4.+0.j,  0.+0.j]])
    """
    return fftn(a, s, axes, norm, out)


def ifft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """``ifftn`` over the last two axes.

    >>> ap.fft.ifft2(ap.asarray([[4.0, 0.0], [0.0, 0.0]]))
    array([[1.+0.j, 1.+0.j],
           [1.+0.j, 1.+0.j]])
    """
    return ifftn(a, s, axes, norm, out)


def rfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """``rfftn`` over the last two axes.

    >>> ap.fft.rfft2(ap.asarray([[1.0, 2.0], [3.0, 4.0]]))
    array([[10.+0.j, -2.+0.j],
           [-4.+0.j,  0.+0.j]])
    """
    return rfftn(a, s, axes, norm, out)


def irfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """``irfftn`` over the last two axes.

    >>> ap.fft.irfft2(ap.asarray([[4.0, 0.0], [0.0, 0.0]]))
    array([[1., 1.],
           [1., 1.]])
    """
    return irfftn(a, s, axes, norm, out)


def fftfreq(n, d=1.0, device=None):
    """The sample frequencies of an ``n``-point ``fft`` with sample spacing ``d``:
    ``[0, 1, ..., (n-1)//2, -(n//2), ..., -1] / (d*n)``.

    >>> ap.fft.fftfreq(4, d=0.5)
    array([ 0. ,  0.5, -1. , -0.5])
    """
    n = _operator.index(n)
    val = 1.0 / (n * d)
    half = (n - 1) // 2 + 1
    k = _arange(n, dtype="int64", device=device)
    k[half:] -= n
    return k * val


def rfftfreq(n, d=1.0, device=None):
    """The sample frequencies of an ``n``-point ``rfft``: ``[0, 1, ..., n//2] / (d*n)``.

    >>> ap.fft.rfftfreq(5)
    array([0. , 0.2, 0.4])
    """
    n = _operator.index(n)
    val = 1.0 / (n * d)
    return _arange(n // 2 + 1, dtype="int64", device=device) * val


def _shifts(x, axes, sign):
    if axes is None:
        axes = tuple(range(x.ndim))
        return [sign * (dim // 2) for dim in x.shape], axes
    if isinstance(axes, int):
        return sign * (x.shape[axes] // 2), axes
    return [sign * (x.shape[ax] // 2) for ax in axes], axes


def fftshift(x, axes=None):
    """``x`` rolled so the zero frequency is at the centre of each of ``axes`` (all).

    >>> ap.fft.fftshift(ap.asarray([0, 1, 2, -2, -1]))
    array([-2, -1,  0,  1,  2])
    """
    x = _asarray(x)
    shift, axes = _shifts(x, axes, 1)
    return _roll(x, shift, axes)


def ifftshift(x, axes=None):
    """The inverse of ``fftshift``.

    >>> ap.fft.ifftshift(ap.asarray([-2, -1, 0, 1, 2]))
    array([ 0,  1,  2, -2, -1])
    """
    x = _asarray(x)
    shift, axes = _shifts(x, axes, -1)
    return _roll(x, shift, axes)
