"""concatenate/concat, stack and expand_dims against NumPy: every dtype, contiguous, strided,
negative-stride, broadcast and empty inputs, mixed dtypes, all three tiers."""

import numpy as np
import pytest

import arrpy
from conftest import ALL_DTYPES, assert_same, sample, to_arrpy


def _inputs(dtype):
    """(numpy, arrpy) pairs of 2-d operands with 3 columns in several layouts."""
    base = sample(dtype, 48, seed=3).reshape(8, 6)
    a = to_arrpy(base)
    row = sample(dtype, 3, seed=4)
    return [
        (base[:2, :3], a[:2, :3]),                      # strided view of a larger array
        (base[::-2, ::-2], a[::-2, ::-2]),              # negative strides
        (base[:0, :3], a[:0, :3]),                      # empty
        (np.broadcast_to(row, (4, 3)), arrpy.zeros((4, 1), dtype=dtype) + to_arrpy(row)
         if dtype != "bool" else to_arrpy(np.broadcast_to(row, (4, 3)))),
    ]


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_concatenate_layouts(dtype, tier):
    pairs = _inputs(dtype)
    expected = np.concatenate([p[0] for p in pairs], axis=0)
    assert_same(arrpy.concatenate([p[1] for p in pairs], axis=0), expected)
    assert_same(arrpy.concat([p[1] for p in pairs], axis=-2), expected)
    assert_same(arrpy.concatenate([p[1] for p in pairs], axis=None), np.concatenate([p[0] for p in pairs], axis=None))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_concatenate_along_columns_and_stack(dtype, tier):
    base = sample(dtype, 12, seed=5).reshape(3, 4)
    a = to_arrpy(base)
    assert_same(arrpy.concatenate([a, a[:, ::-1], a[:, :0]], axis=1), np.concatenate([base, base[:, ::-1], base[:, :0]], axis=1))
    for axis in (0, 1, 2, -1):
        assert_same(arrpy.stack([a, a.T.T[::-1]], axis=axis), np.stack([base, base[::-1]], axis=axis))


@pytest.mark.parametrize("pair", [("int8", "uint8"), ("int32", "float32"), ("bool", "int16"), ("float32", "complex64"), ("uint64", "int64")])
def test_concatenate_promotes(pair):
    x, y = sample(pair[0], 4), sample(pair[1], 5)
    assert_same(arrpy.concatenate([to_arrpy(x), to_arrpy(y)]), np.concatenate([x, y]))


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex64"])
def test_expand_dims(dtype):
    base = sample(dtype, 6).reshape(2, 3)
    a = to_arrpy(base)
    for axis in (0, 1, 2, -1, -3):
        r = arrpy.expand_dims(a, axis)
        assert_same(r, np.expand_dims(base, axis))
    with pytest.raises(IndexError):
        arrpy.expand_dims(a, 3)


def test_errors():
    a, b = arrpy.zeros((2, 3)), arrpy.zeros((2, 4))
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(2, 4\)"):
        arrpy.concatenate([a, b])
    with pytest.raises(ValueError):
        arrpy.concatenate([])
    with pytest.raises(ValueError):
        arrpy.concatenate([arrpy.asarray(1.0), arrpy.asarray(2.0)])
    with pytest.raises(IndexError):
        arrpy.concatenate([a, a], axis=2)
    with pytest.raises(ValueError):
        arrpy.stack([a, b])
