"""Products: NumPy's and the Array API's names for matmul (``@``), dot, vdot, inner, outer,
tensordot, vecdot, kron, einsum and einsum_path. The work is arrpy-core's
(crates/arrpy-core/src/ops/linalg)."""

from ._arrpy import _einsum, _einsum_path, asarray, dot, inner, kron, matmul, outer, tensordot, vdot, vecdot

__all__ = [
    "matmul", "dot", "vdot", "inner", "outer", "tensordot", "vecdot", "kron", "einsum",
    "einsum_path",
]

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _sublist(labels):
    """An interleaved sublist (ints 0-51 and Ellipsis) as a subscripts term, as NumPy reads it."""
    term = []
    for x in labels:
        if x is Ellipsis:
            term.append("...")
            continue
        try:
            i = x.__index__()
        except (AttributeError, TypeError):
            raise TypeError("For this input type lists must contain either int or Ellipsis") from None
        if not 0 <= i < len(_LETTERS):
            raise ValueError(f"subscript is not within the valid range [0, {len(_LETTERS)})")
        term.append(_LETTERS[i])
    return "".join(term)


def _subscripts(operands):
    """(subscripts, arrays): the string form as it is, or the interleaved form
    ``op0, sublist0, op1, sublist1, ..., [sublistout]`` turned into it."""
    if not operands:
        raise ValueError("No input operands")
    if isinstance(operands[0], str):
        return operands[0], operands[1:]
    arrays, terms = operands[0::2], operands[1::2]
    output = None
    if len(operands) % 2:  # a trailing output sublist
        arrays, output = arrays[:-1], operands[-1]
    subscripts = ",".join(_sublist(t) for t in terms)
    if output is not None:
        subscripts += "->" + _sublist(output)
    return subscripts, arrays


def einsum(*operands, out=None, dtype=None, order="K", casting="safe", optimize=False):
    """Einstein summation: ``einsum('ij,jk->ik', a, b)`` or the interleaved
    ``einsum(a, [0, 1], b, [1, 2], [0, 2])``. Repeated labels in one operand take its diagonal,
    labels not in the output are summed, ``...`` broadcasts; ``optimize`` (True, 'greedy',
    'optimal' or an einsum_path list) orders the contractions of three or more operands.

    >>> ap.einsum("ij,j->i", ap.asarray([[1, 2], [3, 4]]), ap.asarray([10, 1]))
    array([12, 34])
    """
    if order not in ("C", "F", "A", "K"):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    subscripts, arrays = _subscripts(operands)
    return _einsum(subscripts, tuple(arrays), out, dtype, casting, optimize)


def einsum_path(*operands, optimize="greedy", einsum_call=False):
    """The order einsum contracts its operands in with ``optimize``, as
    ``(['einsum_path', (i, j), ...], report)``; the report lists each contraction and the
    naive and optimized FLOP counts. With ``einsum_call=True``, NumPy's internal form instead:
    ``(operands, [(positions, subscripts, remaining), ...])``.

    >>> ap.einsum_path("ij,jk->ik", ap.ones((2, 3)), ap.ones((3, 4)))[0]
    ['einsum_path', (0, 1)]
    """
    subscripts, arrays = _subscripts(operands)
    steps, report, contractions = _einsum_path(subscripts, tuple(arrays), optimize)
    if einsum_call:
        return [asarray(x) for x in arrays], [(tuple(p), s, r) for p, s, r in contractions]
    return ["einsum_path", *map(tuple, steps)], report
