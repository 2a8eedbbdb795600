"""Products: NumPy's and the Array API's names for matmul (``@``), dot, vdot, inner, outer,
tensordot, vecdot and kron. The work is arrpy-core's (crates/arrpy-core/src/ops/linalg)."""

from ._arrpy import dot, inner, kron, matmul, outer, tensordot, vdot, vecdot

__all__ = ["matmul", "dot", "vdot", "inner", "outer", "tensordot", "vecdot", "kron"]
