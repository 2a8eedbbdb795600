"""Mistakes mypy must report through the stubs (tests/test_stubs.py lists the lines)."""

import arrpy as ap

a = ap.arange(5.0)
dims: str = a.ndim  # int, not str
shape: int = a.shape  # a tuple
kind: ap.ndarray = a.dtype  # a dtype
a.reshape(2, 3, order=1)  # order is a str
ap.zeros((2, 2)).no_such_method()  # not an ndarray method
