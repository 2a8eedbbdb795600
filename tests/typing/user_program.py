"""A small program as a user writes it: mypy must accept it as it stands (tests/test_stubs.py)."""

import arrpy as ap

a: ap.ndarray = ap.arange(12.0).reshape(3, 4)
column_sums: ap.ndarray = a.sum(axis=0)
kind: ap.dtype = a.dtype
dims: int = a.ndim
shape: tuple[int, ...] = a.shape
scaled = ap.multiply(a, 2.0) + 1
view = a[::-1, 1:3].T
total: float = float(ap.sum(view))
solved = ap.linalg.solve(ap.eye(3) * 2.0, ap.ones(3))
spectrum = ap.fft.rfft(ap.linspace(0.0, 1.0, 16))
draws = ap.random.default_rng(42).standard_normal(5)
ap.save("/dev/null", a)
print(column_sums, kind, dims, shape, scaled, total, solved, spectrum, draws)
