"""Dtype queries: isdtype, finfo, iinfo (Array API and NumPy names). result_type and can_cast
are the extension's (the rules live in the core crate)."""

import builtins

from . import _arrpy
from ._arrpy import dtype

_KINDS = {
    "bool": "b",
    "signed integer": "i",
    "unsigned integer": "u",
    "integral": "iu",
    "real floating": "f",
    "complex floating": "c",
    "numeric": "iufc",
}


def _as_dtype(x):
    """The dtype of an array, a NumPy scalar or a dtype-like (finfo/iinfo's argument)."""
    return _arrpy.result_type(x)


def isdtype(dtype_, kind):
    """Whether ``dtype_`` is of ``kind``: a dtype, a kind name ('integral', 'real floating', …)
    or a tuple of those.

    >>> ap.isdtype(ap.float32, "real floating"), ap.isdtype(ap.int64, ("bool", "unsigned integer"))
    (True, False)
    """
    if not isinstance(dtype_, dtype):
        raise TypeError(f"isdtype expects an arrpy dtype, got {dtype_!r}")
    if isinstance(kind, tuple):
        return builtins.any(isdtype(dtype_, k) for k in kind)
    if isinstance(kind, dtype):
        return dtype_ == kind
    if isinstance(kind, str):
        if kind not in _KINDS:
            raise ValueError(f"unknown dtype kind {kind!r}; expected one of {sorted(_KINDS)}")
        return dtype_.kind in _KINDS[kind]
    raise TypeError(f"kind must be a dtype, a string or a tuple, got {kind!r}")


class finfo:
    """Machine limits of a floating dtype (complex dtypes report their real part's).

    >>> ap.finfo(ap.float32).eps, ap.finfo(ap.float64).max
    (1.1920928955078125e-07, 1.7976931348623157e+308)
    """

    _TABLE = {
        "float32": dict(bits=32, eps=2.0**-23, max=3.4028234663852886e38,
                        smallest_normal=2.0**-126, resolution=1e-6, precision=6,
                        smallest_subnormal=2.0**-149),
        "float64": dict(bits=64, eps=2.0**-52, max=1.7976931348623157e308,
                        smallest_normal=2.0**-1022, resolution=1e-15, precision=15,
                        smallest_subnormal=2.0**-1074),
    }

    def __init__(self, type):
        d = _as_dtype(type)
        real = {"complex64": "float32", "complex128": "float64"}.get(d.name, d.name)
        if real not in self._TABLE:
            raise ValueError(f"data type {d!r} not inexact")
        info = self._TABLE[real]
        self.dtype = dtype(real)
        self.bits = info["bits"]
        self.eps = info["eps"]
        self.max = info["max"]
        self.min = -info["max"]
        self.smallest_normal = self.tiny = info["smallest_normal"]
        self.smallest_subnormal = info["smallest_subnormal"]
        self.resolution = info["resolution"]
        self.precision = info["precision"]

    def __repr__(self):
        return f"finfo(resolution={self.resolution}, min={self.min}, max={self.max}, dtype={self.dtype.name})"


class iinfo:
    """Machine limits of an integer dtype.

    >>> ap.iinfo(ap.int8).min, ap.iinfo(ap.uint16).max
    (-128, 65535)
    """

    def __init__(self, type):
        d = _as_dtype(type)
        if d.kind not in "iu":
            raise ValueError(f"Invalid integer data type {d.kind!r}.")
        self.dtype = d
        self.bits = d.itemsize * 8
        if d.kind == "i":
            self.min, self.max = -(1 << (self.bits - 1)), (1 << (self.bits - 1)) - 1
        else:
            self.min, self.max = 0, (1 << self.bits) - 1

    def __repr__(self):
        return f"iinfo(min={self.min}, max={self.max}, dtype={self.dtype.name})"
