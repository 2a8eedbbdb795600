"""Temporary elision: `a * b + c` writes the sum into the product's memory when the product is
a temporary only the interpreter references; everything else must see no difference."""

import ctypes
import functools
import operator

import numpy as np
import pytest

import arrpy
from arrpy import _arrpy as ext

from conftest import sample

N = 100_000  # 800 KB of float64: above the 256 KiB elision threshold
# Elision runs only on the CPython versions the suite was written against (3.11-3.13).
ELIDES = int(ext._speedups_enabled())


def elided_during(fn):
    before = ext._elided_count()
    result = fn()
    return result, ext._elided_count() - before


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "int32", "complex128"])
def test_chain_elides_and_is_exact(dtype, tier):
    na, nb, nc = (sample(dtype, N, seed=s) for s in (1, 2, 3))
    a, b, c = (arrpy.asarray(x.copy()) for x in (na, nb, nc))
    result, elided = elided_during(lambda: a * b + c)
    # int32 is 400 KB, float32 too: all five dtypes are above the threshold.
    assert elided == ELIDES
    np.testing.assert_array_equal(np.asarray(result), na * nb + nc)
    result, elided = elided_during(lambda: (a - b) * (a + c) - c)
    assert elided == 2 * ELIDES
    np.testing.assert_array_equal(np.asarray(result), (na - nb) * (na + nc) - nc)
    for x, nx in ((a, na), (b, nb), (c, nc)):
        np.testing.assert_array_equal(np.asarray(x), nx)


def test_named_temporary_is_left_alone():
    na, nb, nc = (sample("float64", N, seed=s) for s in (1, 2, 3))
    a, b, c = (arrpy.asarray(x) for x in (na, nb, nc))
    t = a * b
    r, elided = elided_during(lambda: t + c)
    assert elided == 0
    np.testing.assert_array_equal(np.asarray(t), na * nb)
    np.testing.assert_array_equal(np.asarray(r), na * nb + nc)


def test_held_elsewhere_is_left_alone():
    na, nb, nc = (sample("float64", N, seed=s) for s in (1, 2, 3))
    a, b, c = (arrpy.asarray(x) for x in (na, nb, nc))
    items = [a * b, c]
    r, elided = elided_during(lambda: functools.reduce(operator.add, items))
    assert elided == 0
    np.testing.assert_array_equal(np.asarray(items[0]), na * nb)
    np.testing.assert_array_equal(np.asarray(r), na * nb + nc)
    # A view keeps its base alive: the view's temporary result may not overwrite the base.
    base = a * b
    r, elided = elided_during(lambda: base[::2] + 1.0)
    assert elided == 0
    np.testing.assert_array_equal(np.asarray(base), na * nb)


def test_not_elided_when_the_result_differs():
    na = sample("int32", N, seed=1)
    nf = sample("float64", N, seed=2)
    a, f = arrpy.asarray(na), arrpy.asarray(nf)
    # dtype changes (int32 temporary + float64), shape grows (broadcast), reflected operand,
    # too small: each makes a new array.
    for fn, want in [
        (lambda: (a * 2) + f, na * 2 + nf),
        (lambda: (f[:1000] * 2) + arrpy.reshape(f[:4000], (4, 1000)), nf[:1000] * 2 + nf[:4000].reshape(4, 1000)),
        (lambda: f + (f * 2), nf + nf * 2),
        (lambda: (f[:1000] * 2) + f[:1000], nf[:1000] * 2 + nf[:1000]),
    ]:
        r, elided = elided_during(fn)
        assert elided == 0
        np.testing.assert_array_equal(np.asarray(r), want)


def test_sum_builtin_and_comparisons():
    na, nb = sample("float64", N, seed=1), sample("float64", N, seed=2)
    a, b = arrpy.asarray(na), arrpy.asarray(nb)
    parts = [a * 2, b]
    r = sum(parts)
    np.testing.assert_array_equal(np.asarray(r), na * 2 + nb)
    np.testing.assert_array_equal(np.asarray(parts[0]), na * 2)
    # Bool temporaries: 1 byte each, so 400k elements to pass the threshold.
    nx, ny = sample("float64", 4 * N, seed=3), sample("float64", 4 * N, seed=4)
    x, y = arrpy.asarray(nx), arrpy.asarray(ny)
    r, elided = elided_during(lambda: (x > y) == (y > x))
    assert elided == ELIDES
    np.testing.assert_array_equal(np.asarray(r), (nx > ny) == (ny > nx))


def test_failed_operation_raises():
    a = arrpy.asarray(sample("int64", N, seed=1))
    with pytest.raises(ValueError, match="negative integer powers"):
        (a * 1) ** arrpy.asarray(np.full(N, -1, dtype="int64"))


def test_stack_check_sees_foreign_frames():
    assert ext._called_from_interpreter()
    # Called through ctypes, a foreign C frame (libffi) sits between us and the eval loop.
    call = ctypes.pythonapi.PyObject_CallNoArgs
    call.restype = ctypes.py_object
    call.argtypes = [ctypes.py_object]
    assert call(ext._called_from_interpreter) is False
