"""`out=` that is one of the inputs, on runs long enough for the vectorized loops.

The simd tier reads and writes such an operand through the output pointer (no slice may overlap
the elements being written); each case must equal NumPy's in-place result at every tier.
"""
import numpy as np
import pytest

import arrpy
from conftest import assert_layout, assert_same, broadcast_view, make_layout, owned_copy, sample, to_arrpy, view_pair

N = 200_003  # long contiguous runs, parallel chunks, and a tail that is not a whole vector
DTYPES = ["float64", "float32", "int64", "int32", "uint8", "complex128"]


def fresh(dtype, seed):
    nx = sample(dtype, N, seed=seed)
    return nx, owned_copy(nx)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", ["add", "multiply", "subtract", "maximum"])
def test_binary_out_is_an_input(tier, name, dtype):
    np_op, ap_op = getattr(np, name), getattr(arrpy, name)
    for case in ("out=a", "out=b", "out=a=b", "out=a, b scalar", "out=b, a scalar"):
        (na, aa), (nb, ab) = fresh(dtype, 1), fresh(dtype, 2)
        scalar = np.asarray(3, dtype=dtype)
        with np.errstate(all="ignore"):
            if case == "out=a":
                r = ap_op(aa, ab, out=aa)
                np_op(na, nb, out=na)
            elif case == "out=b":
                r = ap_op(aa, ab, out=ab)
                np_op(na, nb, out=nb)
            elif case == "out=a=b":
                r = ap_op(aa, aa, out=aa)
                np_op(na, na, out=na)
            elif case == "out=a, b scalar":
                r = ap_op(aa, to_arrpy(scalar), out=aa)
                np_op(na, scalar, out=na)
            else:
                r = ap_op(to_arrpy(scalar), ab, out=ab)
                np_op(scalar, nb, out=nb)
        assert_same(aa, na)
        assert_same(ab, nb)
        assert r is (ab if case.startswith("out=b") else aa)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", ["sqrt", "exp", "sin", "negative", "abs"])
def test_unary_out_is_the_input(tier, name, dtype):
    nx, ax = fresh(dtype, 3)
    nx = np.abs(nx)
    ax = to_arrpy(nx)
    getattr(arrpy, name)(ax, out=ax)
    with np.errstate(all="ignore"):
        getattr(np, name)(nx, out=nx)
    np.testing.assert_allclose(np.asarray(ax.tolist()), nx, rtol=4 * np.finfo(dtype).eps)


@pytest.mark.parametrize("dtype", ["float64", "int64", "uint8"])
def test_clip_out_is_the_input(tier, dtype):
    nx, ax = fresh(dtype, 4)
    lo, hi = np.asarray(2, dtype=dtype), np.asarray(9, dtype=dtype)
    r = arrpy.clip(ax, lo.item(), hi.item(), out=ax)
    np.clip(nx, lo, hi, out=nx)
    assert r is ax
    assert_same(ax, nx)


def test_augmented_assignment_long_runs(tier):
    nx, ax = fresh("float64", 5)
    ny, ay = fresh("float64", 6)
    ax += ay
    ax *= 0.5
    ax -= ax
    nx += ny
    nx *= 0.5
    nx -= nx
    assert_same(ax, nx)


@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_real_and_imag_are_views(dtype):
    nbase = (np.arange(12) + 1j * np.arange(12, 24)).astype(dtype).reshape(3, 4)
    nz, az = view_pair(nbase, lambda x: x[:, ::-1])
    for part in ("real", "imag"):
        assert_same(getattr(az, part), getattr(nz, part))
    az.real[0, 0] = -1
    nz.real[0, 0] = -1
    az.imag[1] = 7
    nz.imag[1] = 7
    assert_same(az, nz)
    az.real = 2.5
    nz.real = 2.5
    az.imag = az.real * 3
    nz.imag = nz.real * 3
    assert_same(az, nz)
    assert az.real.base is not None


def test_real_and_imag_of_real_arrays():
    nx = np.arange(6.0)
    ax = to_arrpy(nx)
    assert ax.real is ax
    assert_same(ax.imag, nx.imag)
    with pytest.raises(TypeError, match="imaginary part"):
        ax.imag = 1
    ax.real = 3  # the array itself
    nx.real = 3
    assert_same(ax, nx)


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint64", "float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("layout", ["contiguous", "fortran", "strided", "negative", "empty", "zero_d", "large_strided"])
def test_real_imag_layouts(tier, dtype, layout):
    nx, ax = make_layout(layout, dtype, seed=9)
    assert_same(ax.real, nx.real)
    assert_same(ax.imag, nx.imag)
    if nx.ndim and dtype.startswith("complex"):
        assert_layout(ax.real, nx.real)  # views of the complex memory, not copies
        assert_layout(ax.imag, nx.imag)
    # Writing through .real changes the real parts (complex) or the array itself (real).
    if nx.ndim and nx.size:
        nx.real[...] = 1
        ax.real[...] = 1
        assert_same(ax, nx)


def test_real_imag_of_broadcast_views():
    base = np.array([1 + 2j, 3 - 4j])
    nz, az = view_pair(base, lambda x: broadcast_view(x, (3, 2)))
    assert az.strides[0] == 0
    assert az.real.strides == nz.real.strides and az.imag.strides == nz.imag.strides
    assert_same(az.real, nz.real)
    assert_same(az.imag, nz.imag)
