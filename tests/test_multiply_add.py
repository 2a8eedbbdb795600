"""`arrpy.multiply_add(a, b, c)`: `a * b + c` in one pass, as an explicit call. The values are
exactly those of the two operators (two roundings, no FMA) at every tier, on every dtype and
layout; the one-pass loop runs where the operands fit it (contiguous float32/float64 or single
elements, simd and parallel tiers) and the two ops run one after the other elsewhere."""

import numpy as np
import pytest

import arrpy
from arrpy import _arrpy as ext

from conftest import IGNORE_FP_WARNINGS
from conftest import ALL_DTYPES, FLOAT_DTYPES, sample

pytestmark = IGNORE_FP_WARNINGS

N = 200_003  # several blocks and, at the parallel tier, several threads' chunks


def fused_during(fn):
    before = ext._fused_count()
    result = fn()
    return result, ext._fused_count() - before


def one_pass(tier):
    return 0 if tier == "reference" else 1


def operands(dtype, n=N):
    nps = [sample(dtype, n, seed=s) for s in (1, 2, 3)]
    if np.dtype(dtype).kind == "f":
        nps[0][:2] = [np.nan, np.inf]
    return nps, [arrpy.asarray(x.copy()) for x in nps]


def expected(na, nb, nc):
    with np.errstate(all="ignore"):
        return na * nb + nc


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_contiguous_floats_run_in_one_pass(dtype, tier):
    (na, nb, nc), (a, b, c) = operands(dtype)
    r, fused = fused_during(lambda: arrpy.multiply_add(a, b, c))
    assert fused == one_pass(tier)
    assert r.dtype == dtype and r.shape == (N,)
    np.testing.assert_array_equal(np.asarray(r), expected(na, nb, nc))
    # The same bits as the two operators.
    np.testing.assert_array_equal(np.asarray(r), np.asarray(a * b + c))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_single_element_operands(dtype, tier):
    (na, nb, nc), (a, b, c) = operands(dtype)
    k = np.asarray(2.5, dtype)
    for args, want in [
        ((a, 2.5, c), na * k + nc),
        ((2.5, b, c), k * nb + nc),
        ((a, b, 2.5), na * nb + k),
        ((a, arrpy.asarray(k), c), na * k + nc),
    ]:
        r, fused = fused_during(lambda: arrpy.multiply_add(*args))
        assert fused == one_pass(tier)
        assert r.dtype == dtype
        np.testing.assert_array_equal(np.asarray(r), want)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_every_dtype(dtype, tier):
    n = 1001
    (na, nb, nc), _ = operands(dtype, n)
    a, b, c = (arrpy.asarray(x) for x in (na, nb, nc))
    want = expected(na, nb, nc)  # for bool: logical and, then or
    r = arrpy.multiply_add(a, b, c)
    assert r.dtype == want.dtype
    np.testing.assert_array_equal(np.asarray(r), want)


def test_layouts_that_do_not_fit_run_as_two_ops(tier):
    (na, nb, nc), (a, b, c) = operands("float64", 2 * N)
    cases = [
        # strided, reversed (negative stride) and broadcast operands, and an empty result
        ((a[::2], b[::2], c[::2]), (na[::2], nb[::2], nc[::2])),
        ((a[::-1], b, c), (na[::-1], nb, nc)),
        ((a[:1000].reshape(1000, 1), b[:1000], c[:1000]), (na[:1000].reshape(1000, 1), nb[:1000], nc[:1000])),
        # mixed dtypes promote as the two operators do
        ((a[:N], arrpy.asarray(nb[:N].astype("float32")), c[:N]), (na[:N], nb[:N].astype("float32"), nc[:N])),
    ]
    for args, nargs in cases:
        r, fused = fused_during(lambda: arrpy.multiply_add(*args))
        assert fused == 0
        want = expected(*nargs)
        assert r.shape == want.shape and r.dtype == want.dtype
        np.testing.assert_array_equal(np.asarray(r), want)


def test_empty_operands(tier):
    for dtype in ("float64", "int32"):
        e = arrpy.zeros(0, dtype=dtype)
        r = arrpy.multiply_add(e, e, e)
        assert r.shape == (0,) and r.dtype == dtype
        r = arrpy.multiply_add(arrpy.zeros((0, 3), dtype=dtype), e.reshape(0, 1), 1)
        assert r.shape == (0, 3) and r.dtype == dtype


def test_errors_name_the_operands():
    a = arrpy.ones(3)
    with pytest.raises(ValueError, match="broadcast"):
        arrpy.multiply_add(a, arrpy.ones(4), a)
    with pytest.raises(ValueError, match="broadcast"):
        arrpy.multiply_add(a, a, arrpy.ones(4))
    with pytest.raises(TypeError):
        arrpy.multiply_add(a, "x", a)
