"""concatenate/concat, stack and expand_dims against NumPy: every dtype, contiguous, strided,
negative-stride, broadcast and empty inputs, mixed dtypes, all three tiers."""

import numpy as np
import pytest

import arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import ALL_DTYPES, NUMPY_MODE, assert_same, broadcast_view, sample, to_arrpy, to_numpy

pytestmark = IGNORE_FP_WARNINGS


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
    _raises_like_numpy("expand_dims", a, 3)
    _raises_like_numpy("expand_dims", a, -4)
    r = arrpy.expand_dims(a, 1)
    r[0, 0, 0] = 1  # a view: writes reach the base
    assert a[0, 0] == 1 and r.base is not None
    assert_same(arrpy.expand_dims([[1, 2]], -2), np.expand_dims([[1, 2]], -2))


def _raises_like_numpy(f, *args, **kwargs):
    """Calls f with arrpy and with NumPy and asserts the same exception type and message."""
    def numpy_of(x):
        return to_numpy(x) if isinstance(x, arrpy.ndarray) else x
    np_args = [[numpy_of(x) for x in arg] if isinstance(arg, list) else numpy_of(arg) for arg in args]
    try:
        getattr(np, f)(*np_args, **kwargs)
    except Exception as e:  # noqa: BLE001
        expected = e
    else:
        raise AssertionError(f"numpy.{f} did not raise")
    with pytest.raises(type(expected) if not isinstance(expected, np.exceptions.AxisError) else IndexError) as info:
        getattr(arrpy, f)(*args, **kwargs)
    assert str(info.value) == str(expected)
    if isinstance(expected, np.exceptions.AxisError):
        assert isinstance(info.value, arrpy.AxisError) and isinstance(info.value, ValueError)


def test_errors_match_numpy():
    a, b, c = arrpy.zeros((2, 3)), arrpy.zeros((2, 4)), arrpy.zeros(3)
    _raises_like_numpy("concatenate", [a, b])
    _raises_like_numpy("concatenate", [a, b], axis=0)
    _raises_like_numpy("concatenate", [a, c])
    _raises_like_numpy("concatenate", [])
    _raises_like_numpy("concatenate", [arrpy.asarray(1.0), arrpy.asarray(2.0)])
    _raises_like_numpy("concatenate", [a, a], axis=2)
    _raises_like_numpy("concatenate", [a, a], axis=-3)
    _raises_like_numpy("concatenate", [a, a], dtype="int32")
    _raises_like_numpy("concatenate", [a, a], dtype="float32", casting="safe")
    _raises_like_numpy("stack", [a, b])
    _raises_like_numpy("stack", [])
    _raises_like_numpy("stack", [a, a], axis=3)
    _raises_like_numpy("stack", [a, a], axis=-4)
    with pytest.raises(ValueError, match="casting must be one of"):
        arrpy.concatenate([a], casting="sideways")
    with pytest.raises(TypeError):
        arrpy.concatenate([a], axis=1.0)


def test_zero_d_flattened_with_axis_none():
    xs = [np.float32(1.5), np.array(2, dtype=np.int16)]
    assert_same(arrpy.concatenate([arrpy.asarray(x) for x in xs], axis=None), np.concatenate(xs, axis=None))


@pytest.mark.parametrize("dtypes", [("int8", "uint8", "bool"), ("int64", "float32"), ("uint64", "int8", "complex64"), ("bool", "bool")])
def test_concatenate_mixed_dtypes_and_override(dtypes):
    xs = [sample(d, 3 + i, seed=i) for i, d in enumerate(dtypes)]
    ys = [to_arrpy(x) for x in xs]
    assert_same(arrpy.concatenate(ys), np.concatenate(xs))
    assert_same(arrpy.concatenate(ys, dtype="complex128"), np.concatenate(xs, dtype="complex128"))
    assert_same(arrpy.concatenate(ys, dtype="int8", casting="unsafe"), np.concatenate(xs, dtype="int8", casting="unsafe"))


def test_concatenate_empty_inputs():
    xs = [np.zeros((0, 3), dtype=np.int16), np.ones((2, 3), dtype=np.float32), np.zeros((0, 3), dtype=np.int16)]
    assert_same(arrpy.concatenate([to_arrpy(x) for x in xs]), np.concatenate(xs))
    empty = [np.zeros((0, 3), dtype=np.int16)] * 2
    assert_same(arrpy.concatenate([to_arrpy(x) for x in empty], axis=1), np.concatenate(empty, axis=1))
    assert_same(arrpy.stack([to_arrpy(x) for x in empty], axis=1), np.stack(empty, axis=1))


def test_concatenate_lists_and_views_of_one_array():
    base = np.arange(24, dtype=np.float64).reshape(4, 6)
    a = to_arrpy(base)
    parts = [a[::-1, ::2], a[1:3, 5::-2], a.T[:3, :4].T[:, ::-1]]
    expected = np.concatenate([base[::-1, ::2], base[1:3, 5::-2], base.T[:3, :4].T[:, ::-1]], axis=0)
    assert_same(arrpy.concatenate(parts, axis=-2), expected)
    assert_same(arrpy.concatenate([[1, 2], [3.5]]), np.concatenate([[1, 2], [3.5]]))
    assert_same(arrpy.concatenate(a, axis=0), np.concatenate(base, axis=0))  # iterates the rows


@pytest.mark.parametrize("axis", [0, 1, 2, 3, -1, -2, -3, -4])
def test_stack_new_axis_at_each_position(axis):
    base = sample("int32", 24, seed=9).reshape(2, 3, 4)
    others = [base[::-1], base[:, ::-1, ::2].repeat(2, axis=2)]
    a = to_arrpy(base)
    ours = [a, a[::-1], to_arrpy(others[1])]
    assert_same(arrpy.stack(ours, axis=axis), np.stack([base, base[::-1], others[1]], axis=axis))
    assert_same(arrpy.stack(ours, axis=axis, dtype="float32"), np.stack([base, base[::-1], others[1]], axis=axis, dtype="float32"))


BIG = 2**17 + 3  # above the parallel tier's 65536-element threshold, with a simd remainder


@pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own loops")
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_large_joins_run_each_tiers_copy_loop(dtype, tier):
    """concatenate and stack of large strided, reversed, broadcast (stride 0) and empty arrpy
    views: NumPy's values at every tier, and the copy loop the tier names ran for each input
    (vector at simd and parallel, threaded at parallel)."""
    base = sample(dtype, 2 * BIG, seed=8)
    a = to_arrpy(base)
    nviews = [base[::2], base[::-1][:BIG], broadcast_view(base[:1], (BIG,)), base[:0]]
    aviews = [a[::2], a[::-1][:BIG], broadcast_view(a[:1], (BIG,)), a[:0]]
    arrpy._arrpy._loop_trace(True)
    try:
        joined = arrpy.concatenate(aviews)
        stacked = arrpy.stack(aviews[:3], axis=1)
    finally:
        runs = arrpy._arrpy._loop_trace(False)
    assert_same(joined, np.concatenate(nviews))
    assert_same(stacked, np.stack(nviews[:3], axis=1))
    copies = runs["astype"][dtype]
    calls = copies["reference"] + copies["vector"]
    assert calls >= 6, copies  # three large inputs, twice
    assert copies["vector"] == (0 if tier == "reference" else calls), (tier, copies)
    assert (copies["threaded"] >= 6) == (tier == "parallel"), (tier, copies)
