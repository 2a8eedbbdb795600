import numpy as np
import pytest

import arrpy
from conftest import assert_same, to_arrpy, to_numpy

E = Ellipsis
KEYS_1D = [0, -1, 5, -6, slice(None), slice(2, 5), slice(None, None, 2), slice(None, None, -1),
           slice(-2, None, -3), slice(10, 1, -2), slice(100, -100, -1), slice(3, 3), slice(-100, 100),
           E, None, (None, slice(1, 3)), (E, 2), (slice(None), None), (), (None, E, None)]
KEYS_2D = [0, -2, (1, 2), (-1, -4), (slice(None), 1), (1, slice(None, None, -2)), (slice(None, None, -1), 0),
           (E, 1), (1, E), (E,), (None, 1, None, 2), (slice(1, None), slice(None, 3)), (slice(None, None, 2), E),
           (E, slice(None, None, -3)), (slice(5, 0, -2), slice(-1, None, -1)), (slice(0, 0), 0), (None,)]
KEYS_3D = [0, (1, 2, 3), (-1, E), (E, -1), (slice(None), 0, slice(None, None, -1)), (E, None, 0),
           (1, slice(None), 2), (slice(None, None, -1), slice(1, 3), slice(None, None, 2)), (E, 1, 1),
           (0, None, E, None), (slice(1, 2), E, slice(3, 4))]


def _check(base, key):
    nb, ab = base.copy(), to_arrpy(base)
    nr, ar = nb[key], ab[key]
    assert isinstance(ar, arrpy.ndarray)
    assert_same(ar, nr)
    return nb, ab, nr, ar


@pytest.mark.parametrize("key", KEYS_1D, ids=repr)
def test_index_1d(key):
    _check(np.arange(6) * 10, key)


@pytest.mark.parametrize("key", KEYS_2D, ids=repr)
def test_index_2d(key):
    _check(np.arange(20.0).reshape(4, 5), key)


@pytest.mark.parametrize("key", KEYS_3D, ids=repr)
def test_index_3d(key):
    _check(np.arange(60, dtype="int16").reshape(3, 4, 5), key)


@pytest.mark.parametrize("key", KEYS_3D, ids=repr)
def test_index_3d_of_view(key):
    base = np.arange(2 * 3 * 4 * 5 * 2).reshape(6, 4, 10)
    nb, ab = base.copy(), to_arrpy(base)
    nv, av = nb[::-2, :, 1::2].transpose(2, 0, 1), ab[::-2, :, 1::2].transpose((2, 0, 1))
    assert_same(av[key], nv[key])


@pytest.mark.parametrize("key", [k for k in KEYS_3D if not isinstance(k, int) and
                                 not (isinstance(k, tuple) and sum(isinstance(i, int) for i in k) == 3)],
                         ids=repr)
def test_results_are_views(key):
    base = np.arange(60).reshape(3, 4, 5)
    nb, ab, nr, ar = _check(base, key)
    if nr.size == 0:
        return
    root = ab.base if ab.base is not None else ab
    assert ar.base is root
    ar[...] = -7
    nr[...] = -7
    assert_same(ab, nb)


def test_full_integer_index_is_0d():
    a = arrpy.asarray([[1, 2], [3, 4]], dtype="uint16")
    r = a[1, 0]
    assert isinstance(r, arrpy.ndarray)
    assert r.shape == () and r.ndim == 0 and r.dtype == "uint16"
    assert r.item() == 3
    assert a[-1, -1].item() == 4
    z = arrpy.asarray(5.5)
    assert z[()].shape == () and z[()].item() == 5.5
    assert z[...].shape == ()
    assert z[None].shape == (1,)


VALUES = [5, 2.0, [1, 2, 3], [[1], [2]], "array", "bcast_array"]


@pytest.mark.parametrize("key", [(slice(None), slice(None, 3)), (1,), (slice(None, None, -1), slice(1, 4)),
                                 (E, slice(None, None, 2)), (slice(0, 2), slice(0, 3))], ids=repr)
@pytest.mark.parametrize("value", VALUES)
def test_setitem(key, value):
    nb = np.arange(20, dtype="int32").reshape(4, 5)
    ab = to_arrpy(nb)
    target_shape = nb[key].shape
    if value == "array":
        nv = (np.arange(int(np.prod(target_shape))) * 3).reshape(target_shape).astype("int8")
        av = to_arrpy(nv)
    elif value == "bcast_array":
        nv = np.arange(target_shape[-1], dtype="int64") - 100
        av = to_arrpy(nv)
    else:
        nv = av = value
    try:
        nb[key] = nv
    except ValueError:
        with pytest.raises(ValueError):
            ab[key] = av
        return
    ab[key] = av
    assert_same(ab, nb)


def test_setitem_dtypes_and_scalars():
    a = arrpy.zeros((2, 3))
    n = np.zeros((2, 3))
    a[0, 1] = 2.5
    n[0, 1] = 2.5
    a[1] = True
    n[1] = True
    a[:, 2] = arrpy.asarray([7, 8], dtype="int8")
    n[:, 2] = np.asarray([7, 8], dtype="int8")
    assert_same(a, n)
    c = arrpy.zeros(3, dtype="complex64")
    c[1] = 1 + 2j
    assert c.tolist() == [0j, 1 + 2j, 0j]
    b = arrpy.zeros(3, dtype="bool")
    b[::2] = 1
    assert b.tolist() == [True, False, True]


def test_setitem_overlapping_self():
    n = np.arange(10)
    a = to_arrpy(n)
    a[1:] = a[:-1]
    n[1:] = n[:-1].copy()
    assert_same(a, n)
    n = np.arange(10)
    a = to_arrpy(n)
    a[:] = a[::-1]
    n[:] = n[::-1].copy()
    assert_same(a, n)


@pytest.mark.parametrize("shape,key,axis,size", [
    ((5,), 5, 0, 5), ((5,), -6, 0, 5), ((3, 4), (1, 4), 1, 4), ((3, 4), (-4, 0), 0, 3), ((2, 3, 4), (0, 0, 9), 2, 4),
])
def test_out_of_bounds(shape, key, axis, size):
    a = arrpy.zeros(shape)
    bad = key if isinstance(key, int) else key[axis]
    with pytest.raises(IndexError) as info:
        a[key]
    msg = str(info.value)
    assert str(bad) in msg and f"axis {axis}" in msg and f"size {size}" in msg, msg
    with pytest.raises(IndexError):
        a[key] = 1


@pytest.mark.parametrize("key", [(0, 0), (0, 0, 0), (E, 0, 0), (0, slice(None))])
def test_too_many_indices(key):
    a = arrpy.zeros(3)
    with pytest.raises(IndexError):
        a[key]
    with pytest.raises(IndexError):
        np.zeros(3)[key]


def test_two_ellipsis():
    with pytest.raises(IndexError):
        arrpy.zeros((2, 2))[E, E]


def test_zero_step():
    with pytest.raises(ValueError):
        arrpy.zeros(3)[::0]


def test_setitem_readonly_broadcast_value_untouched():
    a = arrpy.zeros((2, 3), dtype="int64")
    v = arrpy.asarray([1, 2, 3])
    a[...] = v
    assert to_numpy(a).tolist() == [[1, 2, 3], [1, 2, 3]]
    assert v.tolist() == [1, 2, 3]


def test_setitem_shape_mismatch():
    a = arrpy.zeros((2, 3))
    with pytest.raises(ValueError):
        a[:] = arrpy.zeros(4)
    with pytest.raises(ValueError):
        a[0] = [1, 2]


class Index:
    """An object that is not an int but converts to one, as NumPy's integer scalars do."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value

    def __repr__(self):
        return f"Index({self.value})"


BIG = 2**100
HUGE_KEYS = [slice(BIG, None), slice(-BIG, None), slice(None, -BIG), slice(-BIG, BIG, 2**70),
             slice(None, None, BIG), slice(None, None, -BIG), slice(BIG, -BIG, -1), slice(-BIG, BIG, -1),
             slice(2**63 - 1, -2**63, -(2**63)), slice(None, None, 2**62), (slice(None, None, -2**62), 1),
             slice(Index(BIG), Index(-1)), slice(Index(1), None, Index(2)), Index(-2), (Index(1), Index(2)),
             (np.int8(-1), slice(np.uint64(1), None)), (np.int64(2), E)]


@pytest.mark.parametrize("key", HUGE_KEYS, ids=repr)
def test_huge_and_index_like_keys(key):
    base = np.arange(30).reshape(5, 6)
    nb, ab, nr, ar = _check(base, key)
    if isinstance(nr, np.ndarray):  # a view (NumPy gives a scalar for a full integer key)
        ar[...] = -1
        nr[...] = -1
        assert_same(ab, nb)
    ab2, nb2 = to_arrpy(base), base.copy()
    ab2[key] = 7
    nb2[key] = 7
    assert_same(ab2, nb2)


@pytest.mark.parametrize("key", [BIG, -BIG, (0, BIG), 1.5, "x", (0, 1.5)], ids=repr)
def test_invalid_keys_raise_index_error(key):
    with pytest.raises(IndexError):
        np.zeros((3, 3))[key]
    for a in (arrpy.zeros((3, 3)), arrpy.zeros(3)):
        with pytest.raises(IndexError, match="only integers, slices"):
            a[key]
        with pytest.raises(IndexError, match="only integers, slices"):
            a[key] = 1


@pytest.mark.parametrize("key,exc", [(slice(1.5, None), TypeError), (slice(None, "a"), TypeError),
                                     (slice(None, None, 1.0), TypeError), (slice(1.5, None, 0), ValueError),
                                     (slice(None, None, 0), ValueError)], ids=repr)
def test_bad_slices(key, exc):
    with pytest.raises(exc) as want:
        np.zeros(3)[key]
    with pytest.raises(exc) as got:
        arrpy.zeros(3)[key]
    assert str(got.value) == str(want.value)


@pytest.mark.parametrize("shape,key", [
    ((3,), 3), ((3,), -4), ((2, 3), (1, 3)), ((2, 3), (E, -4)), ((2, 3, 4), (None, 0, E, None, 4)),
    ((2, 3, 4), (slice(None), None, 3)), ((3,), (0, 0)), ((2, 3), (E, 0, 0, 0)), ((), 0), ((2,), (E, E)),
    ((2, 2), (E, None, E)), ((2,), (None,) * 64),
])
def test_error_messages_are_numpys(shape, key):
    n = np.zeros(shape)
    with pytest.raises(IndexError) as want:
        n[key]
    for op in ("get", "set"):
        a = arrpy.zeros(shape)
        with pytest.raises(IndexError) as got:
            if op == "get":
                a[key]
            else:
                a[key] = 1
        assert str(got.value) == str(want.value), op


# Integer-array and boolean keys are advanced indexing (tests/test_advanced_indexing.py); none
# of them may be read as something else (a 0-d bool array as the integer 0 or 1).
@pytest.mark.parametrize("key", [[0, 1], (0, [0]), ([0, 1],), True, False, np.True_, (E, True),
                                 "bool0d"], ids=repr)
def test_advanced_keys_gather_as_numpy(key):
    a = arrpy.arange(6.0).reshape(2, 3)
    n = np.arange(6.0).reshape(2, 3)
    nkey = key
    if key == "bool0d":
        key, nkey = arrpy.asarray(True), np.asarray(True)
    got, want = a[key], n[nkey]
    assert got.shape == want.shape and got.tolist() == want.tolist()
    a[key] = -1
    n[nkey] = -1
    assert a.tolist() == n.tolist()


def test_array_keys_index_as_numpy():
    a = arrpy.arange(4)
    n = np.arange(4)
    for key, nkey in ((a > 1, n > 1), (arrpy.asarray([0, 1]), [0, 1]), (np.array([0, 1]), [0, 1])):
        assert a[key].tolist() == n[nkey].tolist()
    assert a[arrpy.asarray(2)].item() == 2
    assert a[np.int16(-1)].item() == 3
