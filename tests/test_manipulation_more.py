"""Manipulation beyond concatenate/stack, and the array basics of issue 12, against NumPy: every
dtype on contiguous, Fortran, strided, negative-stride, broadcast, empty and 0-d arrpy views;
views where NumPy returns views (``shares_memory`` agrees with NumPy's answer), copies where it
copies; the copy loops at each tier, read from the kernel trace; bad input raises NumPy's
exception with a message naming the shapes or values."""

import operator
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy
from conftest import (
    ALL_DTYPES, NUMPY_MODE, SMALL_LAYOUTS, assert_same, broadcast_view, make_layout, owned_copy,
    sample, to_arrpy, to_numpy,
)

NUMERIC = [d for d in ALL_DTYPES if d != "bool"]


def check(result, expected, base_a, base_n, what=""):
    """Same values, dtype and shape as NumPy's, and memory shared with the input exactly when
    NumPy's result shares memory with its input."""
    if isinstance(expected, (list, tuple)):
        assert isinstance(result, type(expected)) and len(result) == len(expected), what
        for r, e in zip(result, expected):
            check(r, e, base_a, base_n, what)
        return
    try:
        assert_same(result, expected)
    except AssertionError as e:
        raise AssertionError(f"{what}: {e}") from None
    if isinstance(expected, np.generic):
        return  # NumPy's scalars own their value; arrpy's 0-d results are views
    shared = arrpy.shares_memory(result, base_a)
    assert shared == np.shares_memory(expected, base_n), f"{what}: shares memory {shared}"


# name -> (smallest ndim accepted, f(module, x)): views in NumPy.
VIEWS = {
    "flip": (0, lambda m, x: m.flip(x)),
    "flip0": (1, lambda m, x: m.flip(x, 0)),
    "flipud": (1, lambda m, x: m.flipud(x)),
    "fliplr": (2, lambda m, x: m.fliplr(x)),
    "moveaxis": (2, lambda m, x: m.moveaxis(x, 0, -1)),
    "swapaxes": (2, lambda m, x: m.swapaxes(x, 1, 0)),
    "rollaxis": (2, lambda m, x: m.rollaxis(x, 1)),
    "diagonal": (2, lambda m, x: m.diagonal(x)),
    "diagonal+1": (2, lambda m, x: m.diagonal(x, 1)),
    "diagonal-2": (2, lambda m, x: x.diagonal(-2, 1, 0)),
    "diag2d": (2, lambda m, x: m.diag(x, 1) if x.ndim == 2 else m.diag(x[0], 1)),
    "atleast_1d": (0, lambda m, x: m.atleast_1d(x)),
    "atleast_2d": (0, lambda m, x: m.atleast_2d(x)),
    "atleast_3d": (0, lambda m, x: m.atleast_3d(x)),
    "broadcast_to": (0, lambda m, x: m.broadcast_to(x, (2,) + x.shape)),
    "broadcast_arrays": (0, lambda m, x: m.broadcast_arrays(x, m.zeros((3,) + x.shape[1:], dtype=x.dtype))[0]),
    "expand_dims": (0, lambda m, x: m.expand_dims(x, (0, -1))),
    "rot90": (2, lambda m, x: m.rot90(x)),
    "rot90x2": (2, lambda m, x: m.rot90(x, 2)),
    "rot90x3": (2, lambda m, x: m.rot90(x, -1, (1, 0))),
    "matrix_transpose": (2, lambda m, x: m.matrix_transpose(x)),
    "permute_dims": (2, lambda m, x: m.permute_dims(x, (1, 0))),
    "ravel": (0, lambda m, x: m.ravel(x)),
    "ravelK": (0, lambda m, x: m.ravel(x, order="K")),
    "ravelF": (0, lambda m, x: m.ravel(x, order="F")),
    "reshapeF": (1, lambda m, x: m.reshape(x, (-1,), order="F")),
    "reshapeA": (1, lambda m, x: m.reshape(x, (1, -1), order="A")),
    "split": (1, lambda m, x: m.array_split(x, 3)),
    "split_at": (1, lambda m, x: m.split(x, [1, -1, 9])),
    "hsplit": (1, lambda m, x: m.hsplit(x, [1])),
    "vsplit": (2, lambda m, x: m.vsplit(x, [2])),
    "unstack": (1, lambda m, x: m.unstack(x, axis=-1)),
    "trim_zeros": (1, lambda m, x: m.trim_zeros(x)),
    "ascontiguousarray": (0, lambda m, x: m.ascontiguousarray(x)),
    "asfortranarray": (0, lambda m, x: m.asfortranarray(x)),
}

# Copies in NumPy (some are views for particular layouts: shares_memory says which).
COPIES = {
    "repeat": (0, lambda m, x: m.repeat(x, 2)),
    "repeat_axis": (1, lambda m, x: m.repeat(x, [i % 3 for i in range(x.shape[-1])], axis=-1)),
    "tile": (0, lambda m, x: m.tile(x, (2, 1, 3))),
    "roll": (0, lambda m, x: m.roll(x, 5)),
    "roll_axes": (2, lambda m, x: m.roll(x, (1, -2), axis=(0, 1))),
    "tril": (2, lambda m, x: m.tril(x, -1)),
    "triu": (1, lambda m, x: m.triu(x, 1)),
    "diag1d": (1, lambda m, x: m.diag(m.ravel(x)[:5], -1)),
    "diagflat": (0, lambda m, x: m.diagflat(x)),
    "trace": (2, lambda m, x: m.trace(x, 1)),
    "flatten": (0, lambda m, x: x.flatten()),
    "flattenF": (0, lambda m, x: x.flatten("F")),
    "copyK": (0, lambda m, x: x.copy(order="K")),
    "copyF": (0, lambda m, x: x.copy(order="F")),
    "astype": (0, lambda m, x: m.astype(x, "complex128")),
    "reshape_copy": (1, lambda m, x: m.reshape(x, (-1,), copy=True)),
    "append": (0, lambda m, x: m.append(x, x)),
    "append_axis": (1, lambda m, x: m.append(x, x, axis=0)),
    "delete": (1, lambda m, x: m.delete(x, [0, -1], axis=0)),
    "delete_slice": (0, lambda m, x: m.delete(x, slice(None, None, 2))),
    "insert": (1, lambda m, x: m.insert(x, [0, 1, 1], 1, axis=0)),
    "insert_block": (1, lambda m, x: m.insert(x, 1, x[:1], axis=0)),
    # A 1-d boolean obj is its true positions (NumPy 2's flatnonzero), of any length.
    "insert_mask": (1, lambda m, x: m.insert(x, m.asarray([True, False, True]), 1, axis=0)),
    "insert_mask_one": (0, lambda m, x: m.insert(x, m.asarray([False, True]), 7)),
    "insert_slice": (1, lambda m, x: m.insert(x, slice(None, None, -2), 1, axis=-1)),
    "resize": (0, lambda m, x: m.resize(x, (3, 7))),
    "pad_constant": (0, lambda m, x: m.pad(x, 2, constant_values=1)),
    "pad_edge": (0, lambda m, x: m.pad(x, (1, 3), "edge")),
    "pad_wrap": (0, lambda m, x: m.pad(x, 7, "wrap")),
    "pad_reflect": (0, lambda m, x: m.pad(x, (3, 9), "reflect")),
    "pad_symmetric": (0, lambda m, x: m.pad(x, 5, "symmetric")),
    "pad_reflect_odd": (0, lambda m, x: m.pad(x, (3, 9), "reflect", reflect_type="odd")),
    "pad_symmetric_odd": (0, lambda m, x: m.pad(x, (8, 2), "symmetric", reflect_type="odd")),
}


def _ok_for(ndim, need, name, dtype, layout):
    if ndim < need:
        return False
    if name.startswith("pad_") and layout == "empty" and name not in ("pad_constant",):
        return False
    return True


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("layout", SMALL_LAYOUTS)
def test_views_and_copies_match_numpy(dtype, layout):
    n, a = make_layout(layout, dtype)
    n = np.asarray(n)
    for table in (VIEWS, COPIES):
        for name, (need, f) in table.items():
            if not _ok_for(n.ndim, need, name, dtype, layout):
                continue
            try:
                expected = f(np, n)
            except (ValueError, IndexError) as e:
                with pytest.raises(type(e)):
                    f(arrpy, a)
                continue
            check(f(arrpy, a), expected, a, n, name)


@pytest.mark.parametrize("dtype", NUMERIC)
@pytest.mark.parametrize("mode", ["linear_ramp", "minimum", "maximum", "mean", "median"])
def test_pad_computed_modes(tier, dtype, mode):
    if dtype.startswith("complex") and mode in ("minimum", "maximum"):
        pytest.skip("complex order")
    base = sample(dtype, 30, seed=2, small=True).reshape(5, 6)
    a = to_arrpy(base)
    for view_n, view_a in [(base, a), (base[::-2, 1:], a[::-2, 1:]), (base.T, a.T)]:
        kw = {"end_values": ((2, -1), (0, 3))} if mode == "linear_ramp" else {"stat_length": ((1, 2), (3, 9))}
        if dtype.startswith("uint") and mode == "linear_ramp":
            kw = {"end_values": 4}
        for width in [1, ((2, 3), (0, 4)), ((7, 1), (5, 5))]:
            for extra in ({}, kw):
                if mode == "mean" and dtype.startswith("complex"):
                    # The complex mean itself (the reduction family's) rounds differently from
                    # NumPy's in the last bit; the padding around it is exact.
                    got, want = arrpy.pad(view_a, width, mode, **extra), np.pad(view_n, width, mode, **extra)
                    assert got.dtype == want.dtype.name and got.shape == want.shape
                    np.testing.assert_allclose(to_numpy(got), want, rtol=1e-6)
                    continue
                check(arrpy.pad(view_a, width, mode, **extra), np.pad(view_n, width, mode, **extra), view_a, view_n, f"{view_n.strides} {width} {extra}")


@pytest.mark.parametrize("mode", ["mean", "median"])
def test_pad_mean_and_median_of_bool_and_nan(tier, mode):
    """A mean or median is rounded for integer dtypes only: for bool NumPy casts it (0.5 is
    True); a NaN in the stat_length window makes the median NaN."""
    for base in [np.array([True, False, False, True, True, False]), np.array([1.0, np.nan, 2.0, 4.0])]:
        for view in (base, base[::-1], base[1:]):
            a = to_arrpy(view)
            for kw in ({}, {"stat_length": 2}, {"stat_length": (1, 3)}):
                check(arrpy.pad(a, (2, 3), mode, **kw), np.pad(view, (2, 3), mode, **kw), a, view, f"{view} {kw}")


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("mode", ["minimum", "maximum", "mean", "median"])
def test_pad_stat_length_zero(tier, dtype, mode):
    """A stat_length of 0 (on any side of any axis, even one not padded) is a ValueError for
    minimum and maximum; for mean and median it is the statistic of nothing, NaN (NaN + NaNj
    for complex), cast to the dtype: True for bool, 0 for integers (README: arrpy's casts
    saturate NaN to 0, where NumPy's C cast is undefined)."""
    base = sample(dtype, 30, seed=5).reshape(5, 6)
    a = to_arrpy(base)
    for view_n, view_a in [(base, a), (base[::-2, 1:], a[::-2, 1:]), (base.T, a.T)]:
        for width, length in [(2, 0), (2, (0, 3)), (((1, 2), (2, 0)), ((1, 0), (0, 2))),
                              (1, ((0, 0), (2, 2))), (0, 0), (((0, 0), (1, 1)), ((0, 1), (1, 2)))]:
            what = f"{view_n.strides} {width} {length}"
            if mode in ("minimum", "maximum"):
                with pytest.raises(ValueError, match="stat_length of 0 yields no value for padding"):
                    arrpy.pad(view_a, width, mode, stat_length=length)
                with pytest.raises(ValueError, match="stat_length of 0 yields no value for padding"):
                    np.pad(view_n, width, mode, stat_length=length)
                continue
            got = arrpy.pad(view_a, width, mode, stat_length=length)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                if dtype.startswith(("int", "uint")):
                    # NumPy's rounded statistic in float64, NaN saturated to 0 as arrpy casts.
                    f = np.pad(view_n.astype("float64"), width, mode, stat_length=length)
                    want = np.where(np.isnan(f), 0, np.rint(f)).astype(dtype)
                else:
                    want = np.pad(view_n, width, mode, stat_length=length)
            if mode == "mean" and dtype.startswith("complex"):
                # The complex mean rounds differently from NumPy's in the last bit (as in
                # test_pad_computed_modes); the NaN + NaNj of an empty window is exact.
                assert got.dtype == want.dtype.name and got.shape == want.shape, what
                np.testing.assert_allclose(to_numpy(got), want, rtol=1e-6)
            else:
                check(got, want, view_a, view_n, what)
            if dtype.startswith("complex"):  # NaN + NaNj, not NaN + 0j
                np.testing.assert_array_equal(np.isnan(to_numpy(got).imag), np.isnan(want.imag))


def _record_calls(xp, calls):
    """A pad function in NumPy's protocol that records what it is given and writes the pads:
    the sum of the vector so far (the centre and what earlier axes wrote) plus a keyword."""
    def fill(vector, width, axis, kwargs):
        calls.append((axis, tuple(int(w) for w in width), vector.tolist(), dict(kwargs)))
        before, after = int(width[0]), int(width[1])
        total = vector.sum() + kwargs.get("plus", 0)
        vector[:before] = total
        vector[len(vector) - after:] = total
    return fill


def test_pad_with_a_callable_mode():
    base = sample("int32", 60, seed=4).reshape(3, 4, 5)
    a = to_arrpy(base)
    for view_n, view_a in [(base, a), (base[::-1, 1:, ::2], a[::-1, 1:, ::2]), (base[0], a[0]),
                           (base[:, 0, 0], a[:, 0, 0]), (base[:0], a[:0])]:
        for width in [1, (2, 0), ((1, 2), (0, 1), (3, 1))[: view_n.ndim]]:
            for kwargs in ({}, {"plus": 7}):
                np_calls, ap_calls = [], []
                want = np.pad(view_n, width, _record_calls(np, np_calls), **kwargs)
                got = arrpy.pad(view_a, width, _record_calls(arrpy, ap_calls), **kwargs)
                check(got, want, view_a, view_n, f"{view_n.shape} {width} {kwargs}")
                assert ap_calls == np_calls
    before = to_numpy(a)
    with pytest.raises(ValueError, match="index can't contain negative values"):
        arrpy.pad(a, -1, _record_calls(arrpy, []))
    np.testing.assert_array_equal(to_numpy(a), before)


def test_views_are_read_only_where_numpy_s_are():
    a = arrpy.arange(12).reshape(3, 4)
    for v in (arrpy.broadcast_to(a, (2, 3, 4)), arrpy.diagonal(a), a.diagonal(1), arrpy.diag(a)):
        assert not v.flags["WRITEABLE"]
        with pytest.raises(ValueError, match="read-only"):
            v[...] = 0
    f = arrpy.flip(a, 1)
    f[0, 0] = 99  # flips, moveaxis, splits are writeable views
    assert a[0, 3] == 99
    arrpy.split(a, 2, axis=1)[1][2, 1] = -5
    assert a[2, 3] == -5


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_view_dtype_rules(dtype):
    base = sample(dtype, 48, seed=4).reshape(4, 12)
    a = owned_copy(base)
    for target in ALL_DTYPES:
        for nv, av in [(base, a), (base[::2], a[::2]), (base[:, :0], a[:, :0]), (base[:, :1], a[:, :1])]:
            try:
                expected = nv.view(target)
            except ValueError as e:
                with pytest.raises(ValueError, match=str(e)[:30]):
                    av.view(target)
                continue
            r = av.view(target)
            assert r.shape == expected.shape and r.strides == expected.strides
            assert arrpy.shares_memory(r, a) == (r.size > 0)
            np.testing.assert_array_equal(np.asarray(r).view(np.uint8), expected.view(np.uint8))
    with pytest.raises(ValueError, match="last axis must be contiguous"):
        a.T.view("int8" if base.itemsize > 1 else "int16")


def test_array_basics():
    assert f"{arrpy.asarray([1.0, 2.0, 4.0]).mean():.2f}" == "2.33"
    for v in [np.float32(1.25), np.int8(-3), np.complex64(1 + 2j), np.bool_(True), np.uint64(2**63)]:
        for spec in ["", ">8", "^9"] + ([".3f", "e"] if not isinstance(v, np.bool_) else []):
            assert format(arrpy.asarray(v), spec) == format(np.asarray(v), spec), (v, spec)
    assert format(arrpy.arange(3), "") == str(arrpy.arange(3))
    with pytest.raises(TypeError, match="unsupported format string"):
        format(arrpy.arange(3), ".2f")
    assert operator.index(arrpy.asarray(7, dtype="uint8")) == 7
    assert list(range(10))[arrpy.asarray(3)] == 3
    for bad in (arrpy.asarray(True), arrpy.asarray(2.0), arrpy.asarray([3])):
        with pytest.raises(TypeError, match="only integer scalar arrays"):
            operator.index(bad)
    a = arrpy.arange(4, dtype="int16")
    assert a.to_device("cpu") is a
    with pytest.raises(ValueError, match="cpu"):
        a.to_device("gpu")
    assert arrpy.astype(a, "int16", copy=False) is a
    c = arrpy.astype(a, "int16")
    assert c is not a and not arrpy.shares_memory(c, a)
    assert_same(arrpy.astype(a[::-1], "float32"), np.arange(4, dtype="int16")[::-1].astype("float32"))
    assert arrpy.ascontiguousarray(a) is not None and arrpy.shares_memory(arrpy.ascontiguousarray(a), a)
    assert_same(arrpy.ascontiguousarray(arrpy.asarray(5.0)), np.ascontiguousarray(5.0))
    assert_same(arrpy.ascontiguousarray(a.reshape(2, 2).T, dtype="float64"), np.ascontiguousarray(np.arange(4, dtype="int16").reshape(2, 2).T, dtype="float64"))


def test_stack_family_and_block():
    x, y = sample("int32", 6, seed=1).reshape(2, 3), sample("float32", 6, seed=2).reshape(2, 3)
    ax, ay = to_arrpy(x), to_arrpy(y)
    for f in ("vstack", "hstack", "dstack", "column_stack"):
        assert_same(getattr(arrpy, f)([ax, ay[::-1]]), getattr(np, f)([x, y[::-1]]))
        assert_same(getattr(arrpy, f)([ax[0], ay[1]]), getattr(np, f)([x[0], y[1]]))
    assert_same(arrpy.vstack([ax, ay], dtype="float64"), np.vstack([x, y], dtype="float64"))
    assert_same(arrpy.hstack([arrpy.asarray(1), arrpy.asarray(2)]), np.hstack([1, 2]))
    blocks = [[x, np.ones((2, 2), "int8")], [np.zeros((1, 5), "int64")]]
    assert_same(arrpy.block([[ax, arrpy.ones((2, 2), dtype="int8")], [arrpy.zeros((1, 5), dtype="int64")]]), np.block(blocks))
    assert_same(arrpy.block([ax, ay]), np.block([x, y]))
    assert_same(arrpy.block([[1, 2], [3, 4]]), np.block([[1, 2], [3, 4]]))
    with pytest.raises(ValueError, match="depths are mismatched"):
        arrpy.block([[ax], ay])
    with pytest.raises(TypeError, match="is a tuple"):
        arrpy.block((ax, ay))
    with pytest.raises(ValueError, match="cannot be empty"):
        arrpy.block([[]])


@pytest.mark.parametrize("indexing", ["xy", "ij"])
def test_meshgrid(indexing):
    xs = [sample("float64", 3, seed=1), sample("int16", 4, seed=2)[::-1], sample("uint8", 2, seed=3)]
    ys = [to_arrpy(x) for x in xs]
    for k in (1, 2, 3):
        for sparse in (False, True):
            got = arrpy.meshgrid(*ys[:k], indexing=indexing, sparse=sparse)
            want = np.meshgrid(*xs[:k], indexing=indexing, sparse=sparse)
            assert isinstance(got, tuple) and len(got) == len(want)
            for g, w in zip(got, want):
                assert_same(g, w)
    # A tuple, as NumPy 2 and the Array API 2024.12 (2023.12 said list), even of no vectors.
    assert arrpy.meshgrid(indexing=indexing) == ()
    views = arrpy.meshgrid(*ys[:2], copy=False, indexing=indexing)
    assert all(arrpy.shares_memory(v, y) for v, y in zip(views, ys))


def test_copyto():
    dst_n = sample("float32", 12, seed=1).reshape(3, 4)
    dst = to_arrpy(dst_n)
    src_n = sample("int16", 4, seed=2)
    mask_n = sample("bool", 12, seed=3).reshape(3, 4)
    arrpy.copyto(dst, to_arrpy(src_n), where=to_arrpy(mask_n))
    np.copyto(dst_n, src_n, where=mask_n)
    assert_same(dst, dst_n)
    arrpy.copyto(dst[::-1, ::2], 2.5)
    np.copyto(dst_n[::-1, ::2], 2.5)
    assert_same(dst, dst_n)
    arrpy.copyto(dst, dst[::-1])  # overlapping source
    np.copyto(dst_n, dst_n[::-1])
    assert_same(dst, dst_n)
    before = to_numpy(dst)
    with pytest.raises(TypeError, match="according to the rule 'same_kind'"):
        arrpy.copyto(dst, arrpy.asarray([1 + 1j]))
    with pytest.raises(ValueError, match=r"\(2,\) into shape \(3, 4\)"):
        arrpy.copyto(dst, arrpy.zeros(2))
    with pytest.raises(OverflowError, match="300"):
        arrpy.copyto(arrpy.zeros(3, dtype="int8"), 300)
    with pytest.raises(TypeError, match="bool"):
        arrpy.copyto(dst, 1.0, where=arrpy.ones((3, 4), dtype="int8"))
    np.testing.assert_array_equal(to_numpy(dst), before)  # failing calls wrote nothing
    with pytest.raises(ValueError, match="read-only"):
        arrpy.copyto(arrpy.broadcast_to(arrpy.zeros(3), (2, 3)), 1.0)


def _same_error(f, *args, **kwargs):
    """NumPy and arrpy raise the same exception type (AxisError: arrpy's), arrpy's message
    starting with NumPy's."""
    def to_np(x):
        return to_numpy(x) if isinstance(x, arrpy.ndarray) else x
    try:
        f(np, *[to_np(x) for x in args], **kwargs)
    except Exception as e:  # noqa: BLE001
        expected = e
    else:
        raise AssertionError("numpy did not raise")
    kind = arrpy.AxisError if isinstance(expected, np.exceptions.AxisError) else type(expected)
    with pytest.raises(kind) as info:
        f(arrpy, *args, **kwargs)
    if type(expected) is IndexError and isinstance(info.value, arrpy.AxisError):
        return  # NumPy's "tuple index out of range"; arrpy names the axis
    squeeze = str.maketrans("", "", " ")
    assert str(info.value).translate(squeeze).startswith(str(expected).translate(squeeze)), (
        str(info.value), str(expected))


BAD_CALLS = [
    (lambda m, x: m.split(x, 3, axis=1), "unequal sections"),
    (lambda m, x: m.array_split(x, 0), "zero sections"),
    (lambda m, x: m.split(x, 2, axis=2), "split axis"),
    (lambda m, x: m.vsplit(x[0], 2), "vsplit 1-d"),
    (lambda m, x: m.dsplit(x, 2), "dsplit 2-d"),
    (lambda m, x: m.moveaxis(x, 3, 0), "moveaxis source"),
    (lambda m, x: m.moveaxis(x, [0, 0], [0, 1]), "moveaxis repeated"),
    (lambda m, x: m.moveaxis(x, [0], [0, 1]), "moveaxis lengths"),
    (lambda m, x: m.swapaxes(x, 0, -3), "swapaxes"),
    (lambda m, x: m.rollaxis(x, 0, 4), "rollaxis start"),
    (lambda m, x: m.rollaxis(x, 2), "rollaxis axis"),
    (lambda m, x: m.diagonal(x, 0, 1, -1), "diagonal same axes"),
    (lambda m, x: m.diagonal(x, 0, 0, 2), "diagonal axis2"),
    (lambda m, x: m.diagonal(x[0]), "diagonal 1-d"),
    (lambda m, x: m.diag(m.expand_dims(x, 0)), "diag 3-d"),
    (lambda m, x: m.expand_dims(x, (0, 0)), "expand_dims repeated"),
    (lambda m, x: m.expand_dims(x, (0, 4)), "expand_dims axis"),
    (lambda m, x: m.flip(x, 2), "flip axis"),
    (lambda m, x: m.fliplr(x[0]), "fliplr 1-d"),
    (lambda m, x: m.broadcast_to(x, (3, 3)), "broadcast_to"),
    (lambda m, x: m.broadcast_to(x, (-1, 4)), "broadcast_to negative"),
    (lambda m, x: m.broadcast_arrays(x, m.zeros(3)), "broadcast_arrays"),
    (lambda m, x: m.broadcast_shapes((2, 4), (3,)), "broadcast_shapes"),
    (lambda m, x: m.reshape(x, (3, 3)), "reshape size"),
    (lambda m, x: m.reshape(x, (8,), order="Q"), "reshape order"),
    (lambda m, x: m.reshape(x.T, (8,), copy=False), "reshape no copy"),
    (lambda m, x: m.ravel(x, order="X"), "ravel order"),
    (lambda m, x: m.repeat(x, [1, 2], axis=1), "repeat counts"),
    (lambda m, x: m.repeat(x, -1), "repeat negative"),
    (lambda m, x: m.repeat(x, [1, -1, 1, 1], axis=1), "repeat negative count"),
    (lambda m, x: m.repeat(x, 2, axis=2), "repeat axis"),
    (lambda m, x: m.tile(x, (-1,)), "tile negative"),
    (lambda m, x: m.roll(x, 1, axis=2), "roll axis"),
    (lambda m, x: m.roll(x, [1, 2, 3], axis=(0, 1)), "roll mismatch"),
    (lambda m, x: m.rot90(x, 1, (0, 0)), "rot90 same axes"),
    (lambda m, x: m.rot90(x, 1, (0, 2)), "rot90 axes range"),
    (lambda m, x: m.rot90(x, 1, (0, 1, 2)), "rot90 three axes"),
    (lambda m, x: m.pad(x, -1), "pad negative"),
    (lambda m, x: m.pad(x, ((1, 2, 3),)), "pad widths shape"),
    (lambda m, x: m.pad(x[:0], 1, "edge"), "pad empty axis"),
    (lambda m, x: m.pad(x, 1, "edge", constant_values=3), "pad keyword"),
    (lambda m, x: m.pad(x, 1, "mean", end_values=3), "pad stat keyword"),
    (lambda m, x: m.pad(x, 1, "mean", stat_length=-1), "pad negative stat_length"),
    (lambda m, x: m.pad(x, 1, "maximum", stat_length=((1, 2), (0, -3))), "pad negative stat_length pair"),
    (lambda m, x: m.pad(x, 1, "sideways"), "pad mode"),
    (lambda m, x: m.delete(x, 7, axis=1), "delete index"),
    (lambda m, x: m.delete(x, [True, False], axis=1), "delete mask"),
    (lambda m, x: m.insert(x, 9, 0, axis=1), "insert index"),
    (lambda m, x: m.insert(x, m.asarray([[True, False]]), 0, axis=1), "insert 2-d mask"),
    (lambda m, x: m.insert(x, m.asarray(True), 0, axis=1), "insert 0-d mask"),
    (lambda m, x: m.insert(x, m.asarray([[0, 1]]), 0, axis=1), "insert 2-d index"),
    (lambda m, x: m.insert(x, slice(0.5, 2), 0, axis=1), "insert float slice"),
    (lambda m, x: m.resize(x, (-1, 2)), "resize negative"),
    (lambda m, x: m.unstack(x, axis=2), "unstack axis"),
    (lambda m, x: m.unstack(x[0, 0]), "unstack 0-d"),
    (lambda m, x: x[:, :3].view("complex128"), "view larger"),
    (lambda m, x: x[0, 0].view("int8"), "view 0-d"),
    (lambda m, x: x.T.view("int16"), "view strided"),
    (lambda m, x: m.trim_zeros(x, "x"), "trim"),
    (lambda m, x: m.meshgrid(x, indexing="yx"), "meshgrid indexing"),
]


@pytest.mark.parametrize("call", BAD_CALLS, ids=[c[1] for c in BAD_CALLS])
def test_bad_input_raises_like_numpy(call):
    x = arrpy.arange(8, dtype="int32").reshape(2, 4)
    before = to_numpy(x)
    _same_error(call[0], x)
    np.testing.assert_array_equal(to_numpy(x), before)


def test_insert_boolean_obj_where_numpy_fails():
    """NumPy 2 reads a boolean obj as a mask but reaches `obj.ndim` on it unconverted, so a list
    of bools or a Python bool raises AttributeError there; arrpy reads them as the boolean
    arrays they spell (README.md lists the divergence)."""
    x = arrpy.arange(5)
    assert arrpy.insert(x, [True, False, True], 9).tolist() == [9, 0, 1, 9, 2, 3, 4]
    for obj in (True, False):
        with pytest.raises(ValueError, match="boolean array argument obj to insert must be one dimensional"):
            arrpy.insert(x, obj, 9)
    with pytest.raises(IndexError, match="index 7 is out of bounds for axis 0 with size 5"):
        arrpy.insert(x, [False] * 7 + [True], 9)
    assert x.tolist() == [0, 1, 2, 3, 4]


INDEX_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                 "float32", "float64", "complex128"]


@pytest.mark.parametrize("dtype", INDEX_DTYPES)
def test_insert_index_arrays_of_every_dtype(tier, dtype):
    """NumPy 2 shifts insert's indices in their own dtype: one index of any dtype is a slice
    bound (a float one a TypeError); more, or none, of an unsigned dtype cannot take the int64
    shifts (TypeError), of a float one cannot index (IndexError, an empty float array too), of
    a narrow signed one must hold the axis length (OverflowError) and wrap past its range (the
    positions then land where NumPy puts them, or collide: ValueError). Index arrays are arrpy
    arrays, contiguous, strided and reversed, along each axis of a 2-d view."""
    base = sample("int32", 2 * 200, seed=3).reshape(2, 200)
    cases = [
        (base[:, :5], [3]), (base[:, :5], [3, 0]), (base[:, :5], [4, 1, 1, 0]), (base[:, :5], []),
        (base[:, :5], [-2, 1]), (base[:, :5], [-9, 1]), (base[:, :5], [1, 9]),
        (base[:, :120], [119] * 12), (base[:, :127], [0, 127]), (base[:, :128], [0, 1]),
        (base[:, :130], [1]),
    ]
    for data, obj in cases:
        for axis, view in ((1, lambda v: v), (0, lambda v: v[:, ::-1].T)):
            n, a = view(data), view(to_arrpy(data))
            wide = np.array(obj * 2, dtype="int64")[::2]  # a strided index array
            for idx_n in (wide.astype(dtype), wide[::-1].astype(dtype), np.array(obj).astype(dtype)):
                idx_a = to_arrpy(idx_n)
                values = np.arange(1, len(obj) + 1, dtype="int32").reshape(-1, 1) if obj else 7
                what = f"{dtype} {obj} axis {axis} strides {idx_n.strides}"
                try:
                    expected = np.insert(n, idx_n, values if axis == 0 else 7, axis=axis)
                except ValueError:  # positions that collide after the wrap
                    with pytest.raises(ValueError):
                        arrpy.insert(a, idx_a, values if axis == 0 else 7, axis=axis)
                    continue
                except (TypeError, OverflowError, IndexError) as e:
                    # NumPy's UFuncTypeError is a TypeError; arrpy's message starts as NumPy's,
                    # but names the axis where NumPy names axis 0 of its mask over the new axis.
                    kind = TypeError if isinstance(e, TypeError) else type(e)
                    message = "^" + re.escape(str(e).replace("axis 0", f"axis {axis}"))
                    if dtype.startswith("complex") and len(obj) == 1:
                        message = "slice indices must be integers"  # NumPy's fails on `<`
                    with pytest.raises(kind, match=message):
                        arrpy.insert(a, idx_a, values if axis == 0 else 7, axis=axis)
                    continue
                check(arrpy.insert(a, idx_a, values if axis == 0 else 7, axis=axis), expected, a, n, what)


def test_insert_empty_obj_is_a_list_or_an_array():
    """An empty list or tuple is an empty list of intp indices; an empty array keeps its dtype
    (NumPy 2: float ones cannot index, unsigned ones cannot take the shifts)."""
    x = arrpy.arange(6, dtype="float32").reshape(2, 3)[:, ::-1]
    for obj in ([], (), arrpy.asarray([], dtype="int8"), arrpy.asarray([], dtype="int64"),
                arrpy.asarray([], dtype="bool")):
        check(arrpy.insert(x, obj, 5, axis=1), np.insert(to_numpy(x), np.asarray(to_numpy(obj)) if
              isinstance(obj, arrpy.ndarray) else obj, 5, axis=1), x, to_numpy(x))
    for dtype in ("float64", "float32", "complex64"):
        _same_error(lambda m, v, i: m.insert(v, i, 5, axis=1), x, arrpy.asarray([], dtype=dtype))
        _same_error(lambda m, v, i: m.insert(v, i, 5), x, arrpy.asarray([1, 2], dtype=dtype))
    for dtype in ("uint8", "uint64"):  # NumPy raises UFuncTypeError, a TypeError
        for obj in ([], [1, 2]):
            with pytest.raises(TypeError, match=rf"to dtype\('{dtype}'\) with casting rule 'same_kind'"):
                arrpy.insert(x, arrpy.asarray(obj, dtype=dtype), 5, axis=1)
    _same_error(lambda m, v: m.insert(v, [1.0, 2.0], 5), x)
    _same_error(lambda m, v: m.insert(v, m.zeros(0, dtype="int8"), 5), arrpy.zeros(300))


def test_error_messages_name_shapes_and_values():
    x = arrpy.zeros((2, 5))
    with pytest.raises(ValueError, match=r"5 elements along axis 1 into 2 sections"):
        arrpy.split(x, 2, axis=1)
    with pytest.raises(ValueError, match=r"\(2, 5\)  and requested shape \(3, 5\)"):
        arrpy.broadcast_to(x, (3, 5))
    with pytest.raises(ValueError, match=r"arg 0 with shape \(2, 5\) and arg 1 with shape \(3,\)"):
        arrpy.broadcast_arrays(x, arrpy.zeros(3))
    with pytest.raises(IndexError, match="index -9 is out of bounds for axis 0 with size 2"):
        arrpy.delete(x, -9, axis=0)


@pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own loops")
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_transpose_copies_run_the_blocked_loop_at_simd_and_parallel(dtype, tier):
    """ascontiguousarray of large transposed, permuted and reversed views: NumPy's values at
    every tier; the reference tier runs the plain copy loop, simd the blocked one on one thread,
    parallel the blocked one on threads."""
    base = sample(dtype, 400 * 330, seed=5).reshape(400, 330)
    a = owned_copy(base)
    cases = [
        (base.T, a.T),
        (base[::-1, ::2].T, a[::-1, ::2].T),
        (base.reshape(40, 10, 330).transpose(2, 0, 1), a.reshape(40, 10, 330).transpose(2, 0, 1)),
    ]
    for nv, av in cases:
        arrpy._arrpy._loop_trace(True)
        try:
            got = arrpy.ascontiguousarray(av)
            fortran = arrpy.asfortranarray(av.T)
        finally:
            runs = arrpy._arrpy._loop_trace(False)
        assert_same(got, np.ascontiguousarray(nv))
        assert_same(fortran, np.asfortranarray(nv.T))
        assert got.flags["C_CONTIGUOUS"] and fortran.flags["F_CONTIGUOUS"]
        blocked = runs.get("copy_blocked", {}).get(dtype)
        plain = runs.get("astype", {}).get(dtype)
        if tier == "reference":
            assert blocked is None and plain["reference"] == 2, runs
        else:
            assert blocked["vector"] == 2 and plain is None, runs
            assert (blocked["threaded"] == 2) == (tier == "parallel"), runs


@pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own loops")
@pytest.mark.parametrize("dtype", ["bool", "int16", "float64", "complex128"])
def test_large_copies_at_each_tier(dtype, tier):
    """repeat, tile, roll and pad of large arrpy views: NumPy's values at each tier, through
    the copy loops the tier names."""
    base = sample(dtype, 2 * 70_000, seed=6)
    a = owned_copy(base)
    nv, av = base[::-2], a[::-2]
    arrpy._arrpy._loop_trace(True)
    try:
        results = [arrpy.repeat(av, 2), arrpy.tile(av, 2), arrpy.roll(av, 1234), arrpy.pad(av, 3, "edge")]
    finally:
        runs = arrpy._arrpy._loop_trace(False)
    for r, e in zip(results, [np.repeat(nv, 2), np.tile(nv, 2), np.roll(nv, 1234), np.pad(nv, 3, "edge")]):
        assert_same(r, e)
    copies = runs["astype"][dtype]
    assert copies["vector"] == (0 if tier == "reference" else copies["vector"] + copies["reference"]), copies
    assert (copies["threaded"] >= 3) == (tier == "parallel"), copies


@pytest.mark.parametrize("dtype", ["bool", "int16", "float32", "float64", "complex128"])
def test_uniform_repeat_of_views_at_each_tier(dtype, tier):
    """One count along every axis of 3-d arrpy views (contiguous, transposed, strided,
    negative-stride, broadcast, empty), long enough for the vector loops: counts that spread
    each element into its slots (2, 3, 4, 8 and others), copy whole runs, or write nothing."""
    base = sample(dtype, 6 * 40 * 35, seed=3).reshape(6, 40, 35)
    views = {
        "contiguous": lambda x: x,
        "transposed": lambda x: x.transpose(2, 0, 1),
        "strided": lambda x: x[::2, ::3, 1::2],
        "negative": lambda x: x[::-1, :, ::-2],
        "broadcast": lambda x: broadcast_view(x[0, :, ::-1], (3, 40, 35)),
        "empty": lambda x: x[:, :0],
    }
    a = owned_copy(base)
    for name, view in views.items():
        n, v = view(base), view(a)
        for r in (0, 1, 2, 3, 4, 5, 8, 9):
            for axis in (None, 0, 1, 2, -1):
                check(arrpy.repeat(v, r, axis=axis), np.repeat(n, r, axis=axis), a, base, f"{name} r={r} axis={axis}")


@pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own loops")
def test_large_repeat_on_the_last_axis_at_each_tier(tier):
    """A repeat along the innermost axis of a large negative-stride view, through the copy
    loops the tier names (threaded at the parallel tier)."""
    base = sample("float64", 300 * 1000, seed=4).reshape(300, 1000)
    a = owned_copy(base)
    arrpy._arrpy._loop_trace(True)
    try:
        result = arrpy.repeat(a[::-1, ::-1], 2, axis=1)
    finally:
        runs = arrpy._arrpy._loop_trace(False)
    assert_same(result, np.repeat(base[::-1, ::-1], 2, axis=1))
    copies = runs["astype"]["float64"]
    assert (copies["vector"] > 0) == (tier != "reference"), copies
    assert (copies["threaded"] > 0) == (tier == "parallel"), copies


shapes = st.lists(st.integers(0, 4), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None)
@given(shape=shapes, data=st.data())
def test_random_views_and_copies(shape, data):
    n = np.arange(int(np.prod(shape)), dtype=np.int16).reshape(shape)
    a = owned_copy(n)
    nd = len(shape)
    axis = data.draw(st.integers(-nd, nd - 1))
    perm = data.draw(st.permutations(range(nd)))
    shift = data.draw(st.integers(-7, 7))
    widths = data.draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=nd, max_size=nd))
    check(arrpy.moveaxis(a, axis, 0), np.moveaxis(n, axis, 0), a, n)
    check(arrpy.permute_dims(a, tuple(perm)), np.permute_dims(n, tuple(perm)), a, n)
    check(arrpy.flip(a, axis), np.flip(n, axis), a, n)
    check(arrpy.roll(a, shift, axis=axis), np.roll(n, shift, axis=axis), a, n)
    check(arrpy.pad(a, widths, constant_values=-1), np.pad(n, widths, constant_values=-1), a, n)
    if n.size:
        mode = data.draw(st.sampled_from(["edge", "wrap", "reflect", "symmetric"]))
        kw = {"reflect_type": data.draw(st.sampled_from(["even", "odd"]))} if mode in ("reflect", "symmetric") else {}
        if all(d > 0 for d in shape):
            check(arrpy.pad(a, widths, mode, **kw), np.pad(n, widths, mode, **kw), a, n)
    sections = data.draw(st.integers(1, 5))
    check(arrpy.array_split(a, sections, axis=axis), np.array_split(n, sections, axis=axis), a, n)
    reps = tuple(data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=3)))
    check(arrpy.tile(a, reps), np.tile(n, reps), a, n)
    check(arrpy.reshape(a, (-1,), order="F"), np.reshape(n, (-1,), order="F"), a, n)


@pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own loops")
@pytest.mark.parametrize("dtype", ["int32", "float32", "float64", "complex64", "int64", "complex128"])
def test_transpose_copies_past_the_streaming_size(dtype, tier):
    """Destinations of 8 MiB and more (written with streaming stores where rows fill whole
    cache lines): NumPy's values at every tier for 2-d and 3-d transposes whose tiles do not
    divide the axes, and for a destination view whose rows start off a cache line."""
    n = (9 << 20) // np.dtype(dtype).itemsize
    rows = 1031
    base = sample(dtype, rows * (n // rows), seed=8).reshape(rows, n // rows)
    a = owned_copy(base)
    cases = [(base.T, a.T), (base.reshape(rows, 2, -1).transpose(1, 2, 0), a.reshape(rows, 2, -1).transpose(1, 2, 0))]
    for nv, av in cases:
        assert_same(arrpy.ascontiguousarray(av), np.ascontiguousarray(nv))
    out = arrpy.zeros((base.shape[1], rows + 1), dtype=dtype)
    arrpy.copyto(out[:, 1:], a.T)
    expected = np.zeros((base.shape[1], rows + 1), dtype=dtype)
    expected[:, 1:] = base.T
    assert_same(out, expected)
