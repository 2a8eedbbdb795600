"""The Array API inspection namespace: ``arrpy.__array_namespace_info__()``."""

from . import _arrpy
from ._dtypes import isdtype

_ALL = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float32", "float64", "complex64", "complex128")


class _NamespaceInfo:
    def capabilities(self):
        return {"boolean indexing": False, "data-dependent shapes": False, "max dimensions": 64}

    def default_device(self):
        return "cpu"

    def devices(self):
        return ["cpu"]

    def default_dtypes(self, *, device=None):
        _check_device(device)
        return {
            "real floating": _arrpy.float64,
            "complex floating": _arrpy.complex128,
            "integral": _arrpy.int64,
            "indexing": _arrpy.int64,
        }

    def dtypes(self, *, device=None, kind=None):
        _check_device(device)
        dtypes = {name: getattr(_arrpy, name) for name in _ALL}
        if kind is None:
            return dtypes
        return {name: d for name, d in dtypes.items() if isdtype(d, kind)}


def _check_device(device):
    if device not in (None, "cpu"):
        raise ValueError(f"unsupported device {device!r}; arrpy arrays live on 'cpu'")


def __array_namespace_info__():
    """Information about this namespace: capabilities, devices and dtypes."""
    return _NamespaceInfo()
