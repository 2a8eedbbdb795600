import builtins

import numpy as np
import pytest

import arrpy
from conftest import ALL_DTYPES, assert_same, to_arrpy, to_numpy, sample

VIEWS = {
    "contiguous": lambda x: x,
    "T": lambda x: x.T,
    "cols": lambda x: x[:, ::2],
    "rows_neg": lambda x: x[::-1],
    "both": lambda x: x[1:, ::-3],
    "row": lambda x: x[1],
    "zero_d": lambda x: x[1, 2],
    "empty": lambda x: x[:0],
}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_attributes(view, dtype):
    base = sample(dtype, 4 * 6).reshape(4, 6)
    n = VIEWS[view](base)
    a = VIEWS[view](to_arrpy(base))
    assert a.shape == n.shape
    assert a.ndim == n.ndim
    assert a.size == n.size
    assert a.dtype == n.dtype.name
    assert a.itemsize == n.itemsize
    assert a.nbytes == n.nbytes
    if n.size:
        assert a.strides == n.strides
    assert a.flags.c_contiguous == n.flags.c_contiguous
    assert a.flags.f_contiguous == n.flags.f_contiguous
    assert a.device == "cpu"
    assert_same(a, n)
    if view != "contiguous":
        assert a.base is not None


def test_T_mT():
    base = np.arange(24).reshape(2, 3, 4)
    a = to_arrpy(base)
    assert_same(a.T, base.T)
    assert_same(a.mT, np.swapaxes(base, -1, -2))
    assert_same(arrpy.matrix_transpose(a), np.swapaxes(base, -1, -2))
    root = a.base if a.base is not None else a
    assert a.T.base is root
    assert a.mT.base is root


def test_base_is_owner():
    a = arrpy.arange(12).reshape((3, 4))
    root = a.base if a.base is not None else a
    v = a[1:, ::2]
    assert v.base is root
    assert v[::-1].base is root
    owner = arrpy.zeros(5)
    assert owner.base is None
    assert owner[1:].base is owner
    assert owner[1:][1:].base is owner
    assert owner.copy().base is None


def test_copy():
    base = np.arange(12, dtype="int32").reshape(3, 4)
    a = to_arrpy(base)
    for v, nv in [(a, base), (a.T, base.T), (a[:, ::-2], base[:, ::-2])]:
        c = v.copy()
        assert_same(c, nv.copy())
        assert c.flags.c_contiguous
        c.fill(0)
    assert_same(a, base)


@pytest.mark.parametrize("src", ALL_DTYPES)
def test_astype_all_pairs_unsafe(src):
    base = sample(src, 10)
    if src in ("float32", "float64", "complex64", "complex128"):
        base = (base * 0 + np.arange(10)).astype(src)  # values representable everywhere
    a = to_arrpy(base)
    for dst in ALL_DTYPES:
        if src.startswith("complex") and not dst.startswith("complex"):
            continue  # numpy warns (ComplexWarning) about discarding the imaginary part
        with np.errstate(all="ignore"):
            expected = base.astype(dst)
        assert_same(a.astype(dst), expected)
        assert_same(a.T[::-1].astype(dst), expected[::-1])


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
def test_astype_casting(casting):
    for src in ALL_DTYPES:
        a = arrpy.zeros(3, dtype=src)
        for dst in ALL_DTYPES:
            if np.can_cast(src, dst, casting=casting):
                assert a.astype(dst, casting=casting).dtype == dst
            else:
                with pytest.raises(TypeError):
                    a.astype(dst, casting=casting)


def test_astype_copy_false():
    a = arrpy.asarray([1, 2, 3], dtype="int32")
    assert a.astype("int32", copy=False) is a
    b = a.astype("int32")
    assert b is not a
    b[0] = 7
    assert a[0].item() == 1
    c = a.astype("int64", copy=False)
    assert c.dtype == "int64"


RESHAPES = [((3, 4), (12,)), ((3, 4), (4, 3)), ((3, 4), (2, -1)), ((3, 4), (-1,)), ((2, 3, 4), (6, 4)),
            ((2, 3, 4), (2, 12)), ((12,), (3, 2, 2)), ((1,), ()), ((0, 3), (3, 0)), ((0, 3), (-1, 5))]


@pytest.mark.parametrize("src,dst", RESHAPES)
def test_reshape_values(src, dst):
    base = np.arange(int(np.prod(src))).reshape(src)
    a = to_arrpy(base)
    assert_same(a.reshape(dst), base.reshape(dst))
    assert_same(arrpy.reshape(a, dst), base.reshape(dst))
    assert_same(a.T.reshape(dst), base.T.reshape(dst))


@pytest.mark.parametrize("view", [lambda x: x, lambda x: x[:, ::2], lambda x: x[::2], lambda x: x.T,
                                  lambda x: x[::-1]])
@pytest.mark.parametrize("shape", [(-1,), (2, -1)])
def test_reshape_view_iff_numpy(view, shape):
    base = np.arange(24).reshape(4, 6)
    nb, ab = base.copy(), to_arrpy(base)
    nv, av = view(nb), view(ab)
    nr, ar = nv.reshape(shape), av.reshape(shape)
    is_view = np.shares_memory(nr, nb)
    ar[(0,) * ar.ndim] = -1
    nr[(0,) * nr.ndim] = -1
    assert_same(ab, nb)
    assert_same(ar, nr)
    if not is_view:
        assert to_numpy(ab).min() >= 0


def test_reshape_errors():
    a = arrpy.arange(12)
    with pytest.raises(ValueError):
        a.reshape((5,))
    with pytest.raises(ValueError):
        a.reshape((-1, -1))
    with pytest.raises(ValueError):
        a.reshape((5, -1))
    with pytest.raises(ValueError):
        a.reshape((3, 4)).T.reshape((12,), copy=False)
    with pytest.raises(ValueError):
        np.arange(12).reshape((3, 4)).T.reshape((12,), copy=False)
    assert a[::2].reshape((2, 3), copy=False).base is not None
    assert a.reshape((3, 4), copy=True).base is None


@pytest.mark.parametrize("axes", [None, (0, 1, 2), (2, 0, 1), (1, 0, 2), (-1, 0, 1)])
def test_transpose(axes):
    base = np.arange(24).reshape(2, 3, 4)
    a = to_arrpy(base)
    assert_same(a.transpose(axes), base.transpose(axes))
    assert_same(arrpy.transpose(a, axes), np.transpose(base, axes))
    if axes is not None:
        assert_same(arrpy.permute_dims(a, axes), np.transpose(base, axes))


def test_transpose_errors():
    a = arrpy.zeros((2, 3))
    with pytest.raises((ValueError, IndexError)):
        a.transpose((0, 0))
    with pytest.raises((ValueError, IndexError)):
        a.transpose((0,))
    with pytest.raises((ValueError, IndexError)):
        a.transpose((0, 2))


@pytest.mark.parametrize("view", [lambda x: x, lambda x: x.T, lambda x: x[:, ::-2], lambda x: x[1]])
def test_ravel_flatten(view):
    base = np.arange(12.0).reshape(3, 4)
    nb, ab = base.copy(), to_arrpy(base)
    nv, av = view(nb), view(ab)
    assert_same(av.ravel(), nv.ravel())
    assert_same(arrpy.ravel(av), np.ravel(nv))
    assert_same(av.flatten(), nv.flatten())
    f = av.flatten()
    f[0] = -5
    assert_same(ab, nb)
    r, rn = av.ravel(), nv.ravel()
    r[0] = -5
    rn[0] = -5
    assert_same(ab, nb)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_tolist_item(dtype):
    base = sample(dtype, 6).reshape(2, 3)
    a = to_arrpy(base)
    assert a.tolist() == base.tolist()
    assert a.T.tolist() == base.T.tolist()
    assert a[1, 2].tolist() == base[1, 2].tolist()
    assert type(a[0, 0].item()) is type(base[0, 0].item())
    assert a[0, 1].item() == base[0, 1].item()
    assert a.item(4) == base.item(4)
    assert a.item(1, 0) == base.item(1, 0)
    with pytest.raises(ValueError):
        a.item()


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_fill(dtype):
    base = np.zeros((3, 4), dtype=dtype)
    a = to_arrpy(base)
    a[:, ::2].fill(1)
    base[:, ::2].fill(1)
    assert_same(a, base)


def test_len_iter():
    base = np.arange(12).reshape(3, 4)
    a = to_arrpy(base)
    assert len(a) == 3
    assert len(a.T) == 4
    rows = list(a)
    assert len(rows) == 3
    for r, nr in zip(rows, base):
        assert_same(r, nr)
    assert [x.item() for x in a[0]] == [0, 1, 2, 3]
    with pytest.raises(TypeError):
        len(arrpy.asarray(3))
    with pytest.raises(TypeError):
        iter(arrpy.asarray(3))


@pytest.mark.parametrize("value,dtype", [(3, "int32"), (2.5, "float64"), (0, "bool"), (1, "uint8"),
                                         (1.5 + 2j, "complex128")])
def test_scalar_conversions(value, dtype):
    # arrpy keeps the size-1 rule (any size-1 array converts); NumPy 2.4 only converts 0-d arrays
    # with int/float/complex, so the oracle is NumPy's 0-d array of the same value.
    n = np.array([[value]], dtype=dtype)
    for a, nv in [(arrpy.asarray(value, dtype=dtype), n[0, 0]), (to_arrpy(n), n.reshape(()))]:
        assert builtins.bool(a) == builtins.bool(nv)
        assert complex(a) == complex(nv)
        if not dtype.startswith("complex"):
            assert int(a) == int(nv)
            assert float(a) == float(nv)
        else:
            with pytest.raises(TypeError):
                float(a)
            with pytest.raises(TypeError):
                int(a)


def test_index_conversion():
    assert [10, 20, 30][arrpy.asarray(1)] == 20
    assert [10, 20, 30][arrpy.asarray(2, dtype="uint8")] == 30
    assert range(10)[arrpy.asarray([3])[0]] == 3
    with pytest.raises(TypeError):
        [1, 2][arrpy.asarray(1.0)]
    with pytest.raises(TypeError):
        [1, 2][arrpy.asarray([1, 0])]


def test_truth_value_ambiguous():
    for conv in (builtins.bool, int, float, complex):
        with pytest.raises((ValueError, TypeError)):
            conv(arrpy.array([1, 2]))
    with pytest.raises(ValueError):
        builtins.bool(arrpy.array([1, 2]))
    with pytest.raises(ValueError):
        builtins.bool(arrpy.zeros((2, 2)))


def test_array_namespace():
    assert arrpy.zeros(3).__array_namespace__() is arrpy
    assert arrpy.zeros(3).__array_namespace__(api_version="2023.12") is arrpy
    # api_version is keyword-only, as in NumPy and the Array API.
    with pytest.raises(TypeError):
        np.zeros(3).__array_namespace__("2023.12")
    with pytest.raises(TypeError):
        arrpy.zeros(3).__array_namespace__("2023.12")


def _np_and_arrpy(dtype, shape, n=None):
    size = int(np.prod(shape))
    base = sample(dtype, size, seed=3).reshape(shape)
    return base, to_arrpy(base)


@pytest.mark.parametrize("shape", [(), (0,), (5,), (2, 3), (2, 0), (2, 2, 3)])
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_repr_str(dtype, shape):
    n, a = _np_and_arrpy(dtype, shape)
    assert repr(a) == repr(n)
    assert str(a) == str(n)


@pytest.mark.parametrize("dtype", ["int64", "float64", "float32", "bool", "complex128", "uint8"])
def test_repr_summarized(dtype):
    n, a = _np_and_arrpy(dtype, (2000,))
    assert repr(a) == repr(n)
    assert str(a) == str(n)
    n2, a2 = _np_and_arrpy(dtype, (40, 50))
    assert repr(a2) == repr(n2)
    assert str(a2) == str(n2)


@pytest.mark.parametrize("values", [[0.1, 1e-10, 1e10], [np.nan, np.inf, -np.inf, 1.5], [1e20, 2.0],
                                    [-0.0, 0.0], [123456789.0, 0.5]])
def test_repr_float_formatting(values):
    n = np.array(values)
    a = arrpy.asarray(values)
    assert repr(a) == repr(n)
    assert str(a) == str(n)


def test_iteration_is_lazy_and_writes_through():
    """iter(a) makes each row when asked (2**40 rows of nothing start at once, as NumPy), and
    each row is a view: writes land in the array."""
    huge = arrpy.zeros((2**40, 0))
    it = iter(huge)
    assert iter(it) is it
    assert next(it).shape == (0,) and next(it).shape == (0,)
    a = arrpy.zeros((3, 2))
    for i, row in enumerate(a):
        row[...] = i
    assert a.tolist() == [[0, 0], [1, 1], [2, 2]]
    it = iter(arrpy.arange(2))
    assert [int(x) for x in it] == [0, 1]
    with pytest.raises(StopIteration):
        next(it)
