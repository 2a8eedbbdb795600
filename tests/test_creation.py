import numpy as np
import pytest

import arrpy
from conftest import ALL_DTYPES, assert_same


@pytest.mark.parametrize("shape", [3, (2, 3), (), (0,), (2, 0, 4), [4, 1]])
@pytest.mark.parametrize("dtype", [None] + ALL_DTYPES)
def test_zeros_ones_empty(shape, dtype):
    assert_same(arrpy.zeros(shape, dtype=dtype), np.zeros(shape, dtype=dtype))
    assert_same(arrpy.ones(shape, dtype=dtype), np.ones(shape, dtype=dtype))
    e = arrpy.empty(shape, dtype=dtype)
    n = np.empty(shape, dtype=dtype)
    assert e.shape == n.shape and e.dtype == n.dtype.name


@pytest.mark.parametrize("fill", [0, 7, -3, 2.5, True, False, 1 + 2j])
def test_full_infers_dtype(fill):
    assert_same(arrpy.full((2, 3), fill), np.full((2, 3), fill))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_full_with_dtype(dtype):
    assert_same(arrpy.full((3,), 1, dtype=dtype), np.full((3,), 1, dtype=dtype))
    assert_same(arrpy.full((), 0, dtype=dtype), np.full((), 0, dtype=dtype))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_like(dtype):
    base = np.arange(6).reshape(2, 3).astype(dtype)
    a = arrpy.asarray(base.tolist(), dtype=dtype)
    assert_same(arrpy.zeros_like(a), np.zeros_like(base))
    assert_same(arrpy.ones_like(a), np.ones_like(base))
    assert_same(arrpy.full_like(a, 1), np.full_like(base, 1))
    e = arrpy.empty_like(a)
    assert e.shape == (2, 3) and e.dtype == dtype
    assert_same(arrpy.zeros_like(a, dtype="float32"), np.zeros_like(base, dtype="float32"))
    assert_same(arrpy.ones_like(a.T), np.ones_like(base.T))


@pytest.mark.parametrize("args", [
    (5,), (0,), (-3,), (2, 10), (10, 2), (2, 10, 3), (10, 2, -3), (10, -10, -1), (0, 1, 0.1),
    (1.0, 2.0, 0.3), (0.5,), (-1.5, 1.5, 0.5), (3, 0, -0.5), (0, 5.5), (1, 2, 0.25), (0.1, 0.4, 0.1),
])
def test_arange(args):
    assert_same(arrpy.arange(*args), np.arange(*args))


@pytest.mark.parametrize("dtype", ["int8", "uint16", "int32", "float32", "float64", "complex128"])
def test_arange_dtype(dtype):
    assert_same(arrpy.arange(0, 10, 2, dtype=dtype), np.arange(0, 10, 2, dtype=dtype))
    assert_same(arrpy.arange(5, dtype=dtype), np.arange(5, dtype=dtype))


@pytest.mark.parametrize("args", [(True,), (0, True), (2**63, 2**63 + 3), (1, 2**62, 2**61), (-5, 5, 3.5)])
def test_arange_argument_kinds(args):
    assert_same(arrpy.arange(*args), np.arange(*args))


def test_arange_bool_and_bad_arguments():
    assert_same(arrpy.arange(2, dtype="bool"), np.arange(2, dtype=bool))
    with pytest.raises(TypeError, match="at most length 2"):
        np.arange(3, dtype=bool)
    with pytest.raises(TypeError, match="at most length 2"):
        arrpy.arange(3, dtype="bool")
    with pytest.raises(TypeError):
        arrpy.arange("5")
    with pytest.raises(ValueError, match="must be non-negative"):
        arrpy.linspace(0, 1, -2)


def test_arange_zero_step():
    with pytest.raises((ValueError, ZeroDivisionError)):
        arrpy.arange(0, 10, 0)


@pytest.mark.parametrize("start,stop,num", [(0, 1, 5), (0, 1, 50), (-3, 7, 11), (1, 0, 4), (2, 2, 3),
                                            (0, 10, 1), (0, 10, 0), (0.5, 2.25, 8)])
@pytest.mark.parametrize("endpoint", [True, False])
def test_linspace(start, stop, num, endpoint):
    r = arrpy.linspace(start, stop, num, endpoint=endpoint)
    e = np.linspace(start, stop, num, endpoint=endpoint)
    assert r.dtype == "float64" and r.shape == e.shape
    np.testing.assert_allclose(np.array(r.tolist(), dtype=float), e, rtol=1e-15, atol=1e-15)
    if num >= 1:
        assert r.tolist()[0] == e[0]
    if endpoint and num >= 2:
        assert r.tolist()[-1] == e[-1]


@pytest.mark.parametrize("dtype", ["int64", "int32", "uint8", "float32"])
def test_linspace_dtype(dtype):
    r = arrpy.linspace(0, 10, 7, dtype=dtype)
    e = np.linspace(0, 10, 7, dtype=dtype)
    assert r.dtype == dtype
    np.testing.assert_allclose(np.array(r.tolist(), dtype=dtype), e, rtol=1e-6)
    if dtype != "float32":
        assert_same(r, e)


def test_linspace_default_num():
    assert arrpy.linspace(0, 1).shape == (50,)


@pytest.mark.parametrize("args,kw", [((3,), {}), ((3, 5), {}), ((4, 2), {}), ((4,), {"k": 1}),
                                     ((4,), {"k": -2}), ((3, 5), {"k": 3}), ((3,), {"k": 5}),
                                     ((0,), {}), ((3,), {"dtype": "int32"}), ((2, 3), {"dtype": "bool"}),
                                     ((3, 4), {"k": -1, "dtype": "complex64"}),
                                     ((3,), {"M": 4, "k": -1}), ((), {"N": 3, "M": 2})])
def test_eye(args, kw):
    assert_same(arrpy.eye(*args, **kw), np.eye(*args, **kw))


@pytest.mark.parametrize("n, m, k", [(4, 6, -5), (4, 6, 7), (5, 3, -2), (3, 5, 4), (0, 3, 0), (3, 0, 1)])
def test_eye_offsets_beyond_the_matrix(n, m, k):
    assert_same(arrpy.eye(n, m, k=k), np.eye(n, m, k=k))


def test_eye_with_no_diagonal_is_immediate():
    # Used to visit each of the 2**40 rows.
    assert arrpy.eye(2**40, 0).shape == (2**40, 0)
    assert arrpy.eye(0, 2**40).shape == (0, 2**40)


@pytest.mark.parametrize("obj", [
    [1, 2, 3], (1, 2, 3), [[1, 2], [3, 4]], ((1.5, 2), [3, 4]), [[[1], [2]], [[3], [4]]], 5, 2.5, True,
    1 + 1j, [], [[]], [[], []], [True, False], [[1j, 2], [3, 4.5]], -7, [2**63 - 1], [2**63],
])
def test_array_from_python(obj):
    assert_same(arrpy.array(obj), np.array(obj))
    assert_same(arrpy.asarray(obj), np.asarray(obj))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_array_with_dtype(dtype):
    obj = [[0, 1, 2], [3, 4, 5]]
    assert_same(arrpy.array(obj, dtype=dtype), np.array(obj, dtype=dtype))
    assert_same(arrpy.asarray(obj, dtype=getattr(arrpy, dtype)), np.asarray(obj, dtype=dtype))


def test_array_from_arrpy_array():
    a = arrpy.asarray([[1, 2], [3, 4]], dtype="int16")
    b = arrpy.array(a)
    assert_same(b, np.array([[1, 2], [3, 4]], dtype="int16"))
    assert b is not a
    b[0, 0] = 9
    assert a[0, 0].item() == 1
    assert_same(arrpy.asarray(a, dtype="float64"), np.array([[1, 2], [3, 4]], dtype="float64"))
    assert_same(arrpy.array([a, a]), np.array([[[1, 2], [3, 4]]] * 2, dtype="int16"))


@pytest.mark.parametrize("ndmin", [0, 1, 2, 4])
@pytest.mark.parametrize("copy", [True, None, False])
def test_array_ndmin(ndmin, copy):
    """Length-1 axes in front (NumPy's ndmin=), on new arrays and on views of arrpy arrays of
    every layout: a view of the input where NumPy's is one (copy=False or None)."""
    for obj in ([[1.5, 2.5]], 3, []):
        if copy is not False:
            assert_same(arrpy.array(obj, ndmin=ndmin, copy=copy), np.array(obj, ndmin=ndmin))
    base = np.arange(24, dtype="int32").reshape(2, 3, 4)
    for view in (lambda x: x, lambda x: x[:, ::-1, ::2].T, lambda x: x[1, :, 0],
                 lambda x: x[0, 0, 0, ...], lambda x: x[:, :0]):
        a, n = view(arrpy.asarray(base.copy())), view(base)
        r = arrpy.array(a, ndmin=ndmin, copy=copy)
        expected = np.array(n, ndmin=ndmin, copy=copy)
        assert_same(r, expected)
        assert arrpy.shares_memory(r, a) == np.shares_memory(expected, n)
    with pytest.raises(ValueError, match="maximum supported dimension"):
        arrpy.array(1.0, ndmin=65)
    with pytest.raises(OverflowError):
        arrpy.array(1.0, ndmin=-1)


def test_copy_semantics():
    a = arrpy.asarray([1, 2, 3])
    assert arrpy.asarray(a) is a
    assert arrpy.asarray(a, copy=False) is a
    c = arrpy.asarray(a, copy=True)
    assert c is not a
    c[0] = 100
    assert a.tolist() == [1, 2, 3]
    with pytest.raises(ValueError):
        arrpy.asarray([1, 2, 3], copy=False)
    with pytest.raises(ValueError):
        arrpy.asarray(a, dtype="float64", copy=False)
    d = arrpy.array(a, copy=True)
    d[1] = 0
    assert a.tolist() == [1, 2, 3]


@pytest.mark.parametrize("obj", [[[1, 2], [3]], [1, [2, 3]], [[1], 2]])
def test_ragged(obj):
    with pytest.raises(ValueError):
        arrpy.array(obj)


@pytest.mark.parametrize("obj", ["abc", ["a", "b"], [1, "x"]])
def test_strings(obj):
    with pytest.raises(TypeError):
        arrpy.array(obj)


@pytest.mark.parametrize("obj", [object(), [object()], None, [None]])
def test_objects(obj):
    with pytest.raises(TypeError):
        arrpy.array(obj)


def test_negative_shape():
    with pytest.raises(ValueError):
        arrpy.zeros((-1, 2))
