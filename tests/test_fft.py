"""arrpy.fft against numpy.fft: every transform on float32/float64/complex64/complex128 and
integer input (float32 and complex64 computed in single precision, the rest in double), n
cropping and padding, the three norms, prime and awkward lengths, views built from arrpy arrays
(strided, reversed, F-ordered, broadcast, empty batches) along each axis, the n-d forms' s/axes
rules, out=, NumPy's errors, all three tiers with the kernel trace ("fft" and "rfft" entries)
showing the loop that ran; accuracy against an exact DFT in long double, within a small multiple
of NumPy's own error on the same input; hypothesis for the inverse round trip and Parseval."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from conftest import NUMPY_MODE, TIERS, broadcast_view, owned_copy, sample, to_numpy, traced, view_pair

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions")

INEXACT = ["float32", "float64", "complex64", "complex128"]
INPUT_DTYPES = INEXACT + ["int64", "bool"]
LENGTHS = [1, 2, 3, 7, 17, 97, 1000]
NORMS = [None, "backward", "ortho", "forward"]
REAL_IN = {"rfft", "ihfft"}  # transforms that need real input
REAL_OUT = {"irfft", "hfft"}  # whose default n is 2 * (m - 1)


def tolerance(dtype, n):
    """What an FFT's rounding may reach: eps times a few log2(n), relative to the largest
    value."""
    eps = np.finfo(np.result_type(np.dtype(dtype), np.float32 if dtype in ("float32", "complex64") else np.float64)).eps
    return 16 * eps * max(1.0, math.log2(max(n, 2)))


def assert_close(result, expected, dtype, n):
    expected = np.asarray(expected)
    assert isinstance(result, ap.ndarray), type(result)
    assert result.dtype == expected.dtype.name, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    got = to_numpy(result)
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1.0)
    np.testing.assert_allclose(got, expected, rtol=0, atol=tolerance(dtype, n) * scale)


def pair(dtype, shape, op=lambda x: x, seed=0):
    """(numpy view, arrpy view) of the same values and layout, the arrpy view taken of an arrpy
    base as the NumPy view of its base."""
    base = sample(dtype, int(np.prod(shape)), seed=seed).reshape(shape)
    return view_pair(base, op)


def call(name, x, **kw):
    mod = np.fft if isinstance(x, np.ndarray) else ap.fft
    return getattr(mod, name)(x, **kw)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("name", ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"])
@pytest.mark.parametrize("dtype", INPUT_DTYPES)
def test_1d_transforms_match_numpy(tier, name, dtype):
    if name in REAL_IN and dtype.startswith("complex"):
        with pytest.raises(TypeError):
            call(name, ap.asarray([1j, 2.0], dtype=dtype))
        return
    with ap.backend(tier):
        for length in LENGTHS:
            nx, ax = pair(dtype, (length,), seed=length)
            sizes = [None, length + 3, max(length // 2, 1)]
            if name in REAL_OUT and length == 1:
                sizes = [1, 4]  # the default n would be 0
            for n in sizes:
                for norm in NORMS:
                    want = call(name, nx, n=n, norm=norm)
                    assert_close(call(name, ax, n=n, norm=norm), want, dtype, n or length)


# Views of (rows, cols) arrays: name -> (base shape, view).
LAYOUTS = {
    "contiguous": ((6, 10), lambda x: x),
    "fortran": ((10, 6), lambda x: x.T),
    "strided": ((12, 30), lambda x: x[::2, ::3]),
    "negative": ((6, 10), lambda x: x[::-1, ::-1]),
    "negative_strided": ((12, 20), lambda x: x[::-2, ::-2]),
    "broadcast": ((10,), lambda x: broadcast_view(x[::-1], (6, 10))),
    "empty_batch": ((0, 10), lambda x: x),
}


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("dtype", ["float32", "complex128"])
def test_views_along_each_axis(tier, layout, dtype):
    shape, op = LAYOUTS[layout]
    nx, ax = pair(dtype, shape, op)
    names = ["fft", "ifft", "irfft", "hfft"] + (["rfft", "ihfft"] if dtype == "float32" else [])
    with ap.backend(tier):
        for name in names:
            for axis in (1, -1) if layout == "empty_batch" else (0, 1, -1):
                n = 8 if name in REAL_OUT else None
                assert_close(call(name, ax, n=n, axis=axis), call(name, nx, n=n, axis=axis), dtype, 10)
    assert to_numpy(ax).tolist() == nx.tolist(), "the input is untouched"


ND = ["fftn", "ifftn", "rfftn", "irfftn", "fft2", "ifft2", "rfft2", "irfft2"]


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("name", ND)
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "int32"])
def test_nd_transforms_match_numpy(tier, name, dtype):
    if name.startswith("rfft") and dtype == "complex64":
        return
    nx, ax = pair(dtype, (4, 5, 6), lambda x: x[:, ::-1, :])
    cases = [{}, {"axes": (0, 2)}, {"axes": (2, 0)}, {"s": (3, 8), "axes": (1, 2)},
             {"s": (-1, 7), "axes": (0, 1)}, {"axes": (1, 1)}, {"norm": "ortho"},
             {"norm": "forward", "axes": (-1,)}]
    if name.endswith("2"):
        cases = [c for c in cases if len(c.get("axes", (0, 0))) == 2]
    with ap.backend(tier):
        for kw in cases:
            assert_close(call(name, ax, **kw), call(name, nx, **kw), dtype, 8)


def test_nd_s_without_axes_is_deprecated_as_numpy():
    nx, ax = pair("float64", (4, 6))
    with pytest.warns(DeprecationWarning):
        want = np.fft.fftn(nx, s=(3, 5))
    with pytest.warns(DeprecationWarning):
        got = ap.fft.fftn(ax, s=(3, 5))
    assert_close(got, want, "float64", 5)
    with pytest.raises(ValueError, match="Shape and axes have different lengths"):
        ap.fft.fftn(ax, s=(3, 5), axes=(0,))


def test_frequencies_and_shifts_match_numpy():
    for n in [1, 2, 5, 8, 11]:
        for d in [1.0, 0.1, 3]:
            for name in ["fftfreq", "rfftfreq"]:
                got, want = getattr(ap.fft, name)(n, d), getattr(np.fft, name)(n, d)
                assert got.dtype == "float64"
                np.testing.assert_array_equal(to_numpy(got), want)
    assert ap.fft.fftfreq(4, device="cpu").shape == (4,)
    with pytest.raises(ZeroDivisionError):
        ap.fft.fftfreq(0)
    nx, ax = pair("int16", (5, 6), lambda x: x[::-1])
    for axes in [None, 0, 1, (0, 1), (1,)]:
        for name in ["fftshift", "ifftshift"]:
            got = getattr(ap.fft, name)(ax, axes=axes)
            np.testing.assert_array_equal(to_numpy(got), getattr(np.fft, name)(nx, axes=axes))
    np.testing.assert_array_equal(to_numpy(ap.fft.ifftshift(ap.fft.fftshift(ax))), nx)


@pytest.mark.parametrize("name", ["fft", "rfft", "irfft", "ihfft", "fft2", "rfftn"])
def test_out_receives_the_result(name):
    nx, ax = pair("float64", (4, 6))
    want = call(name, nx)
    out = ap.zeros(want.shape, dtype=want.dtype.name)
    assert call(name, ax, out=out) is out
    assert_close(out, want, "float64", 6)
    # complex128 into complex64 is a same_kind cast, as NumPy's ufunc out=.
    if want.dtype.kind == "c":
        out32 = ap.zeros(want.shape, dtype="complex64")
        call(name, ax, out=out32)
        assert_close(out32, want.astype("complex64"), "complex64", 6)
    wrong = ap.zeros((3,), dtype=want.dtype.name)
    with pytest.raises(ValueError, match="output array has wrong shape"):
        call(name, ax, out=wrong)
    assert to_numpy(wrong).tolist() == [0, 0, 0], "a failed call leaves out= as it was"


def test_complex_result_into_a_real_out_is_a_type_error():
    out = ap.zeros((4,), dtype="float64")
    with pytest.raises(TypeError):
        ap.fft.fft(ap.ones(4), out=out)
    assert to_numpy(out).tolist() == [0, 0, 0, 0]


def test_errors_match_numpy():
    a = ap.ones(4)
    for n in [0, -2]:
        with pytest.raises(ValueError, match=rf"Invalid number of FFT data points \({n}\) specified."):
            ap.fft.fft(a, n=n)
    with pytest.raises(ValueError, match=r"Invalid number of FFT data points \(0\) specified."):
        ap.fft.irfft(ap.ones(1))
    with pytest.raises(IndexError):
        ap.fft.fft(a, axis=1)
    with pytest.raises(IndexError):  # AxisError, as NumPy's when n is given
        ap.fft.fft(a, n=4, axis=-2)
    with pytest.raises(IndexError):
        ap.fft.fft(ap.asarray(1.0))
    for norm in ["x", 1]:
        with pytest.raises(ValueError, match="Invalid norm value"):
            ap.fft.fft(a, norm=norm)
        with pytest.raises(ValueError, match="Invalid norm value"):
            ap.fft.hfft(a, norm=norm)
    with pytest.raises(TypeError):
        ap.fft.fft(a, n=2.5)


def exact_dft(x, inverse=False):
    """The DFT of x in long double (80-bit on x86-64: 11 more bits than float64)."""
    n = len(x)
    pi = np.longdouble("3.14159265358979323846264338327950288")
    jk = np.outer(np.arange(n), np.arange(n)) % n
    angle = (2 if inverse else -2) * pi * jk.astype(np.longdouble) / n
    w = np.cos(angle) + 1j * np.sin(angle)
    xl = x.real.astype(np.longdouble) + 1j * x.imag.astype(np.longdouble)
    return w @ xl


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_error_against_an_exact_dft_is_within_numpys(tier, dtype):
    if np.finfo(np.longdouble).nmant <= 52:
        pytest.skip("long double is double here")
    with ap.backend(tier):
        for n in [7, 64, 97, 100, 243, 1000]:
            rng = np.random.default_rng(n)
            x = (rng.standard_normal(n) + 1j * rng.standard_normal(n)).astype(dtype)
            exact = exact_dft(x)
            scale = float(np.max(np.abs(exact)))
            err_np = float(np.max(np.abs(np.fft.fft(x) - exact))) / scale
            err_ap = float(np.max(np.abs(to_numpy(ap.fft.fft(owned_copy(x))) - exact))) / scale
            eps = np.finfo(dtype).eps
            assert err_ap <= 4 * err_np + 4 * eps, (n, err_ap, err_np)


def test_tiers_run_their_loop(tier):
    """A batch of lanes runs on threads at the parallel tier (one "fft" and one "rfft" record
    per 1-d pass); the reference tier runs the radix-2/Bluestein loop; one long lane is not
    threaded."""
    batch = ap.asarray(sample("complex128", 128 * 512).reshape(128, 512))
    real = ap.asarray(sample("float32", 128 * 512).reshape(128, 512))
    for op, f, dtype in [("fft", lambda: ap.fft.fft(batch), "complex128"),
                         ("rfft", lambda: ap.fft.rfft(real), "float32"),
                         ("rfft", lambda: ap.fft.irfft(batch), "float64")]:
        runs = traced(tier, f, op)[1][dtype]
        assert runs == {"reference": int(tier == "reference"), "vector": int(tier != "reference"),
                        "threaded": int(tier == "parallel")}, (op, runs)
    runs = traced(tier, lambda: ap.fft.fft2(batch), "fft")[1]["complex128"]
    assert runs["threaded"] == (2 if tier == "parallel" else 0), runs
    one = ap.asarray(sample("complex128", 1 << 16))
    assert traced(tier, lambda: ap.fft.fft(one), "fft")[1]["complex128"]["threaded"] == 0


def test_tiers_agree_on_a_large_batch():
    x = sample("complex128", 64 * 300).reshape(64, 300)
    results = []
    for tier in TIERS:
        with ap.backend(tier):
            results.append(to_numpy(ap.fft.fft(owned_copy(x), axis=0)))
    np.testing.assert_array_equal(results[1], results[2])  # the same plan per lane
    np.testing.assert_allclose(results[0], results[2], atol=1e-11 * np.max(np.abs(results[2])))


signals = st.tuples(
    st.integers(1, 200), st.sampled_from(["float32", "float64", "complex64", "complex128"]),
    st.integers(0, 2**32 - 1), st.sampled_from(TIERS))


@settings(max_examples=25, deadline=None)
@given(signals)
def test_inverse_round_trip_and_parseval(case):
    n, dtype, seed, tier = case
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    if dtype.startswith("complex"):
        x = x + 1j * rng.standard_normal(n)
    x = x.astype(dtype)
    a = owned_copy(x)
    tol = tolerance(dtype, n) * max(1.0, float(np.max(np.abs(x))))
    with ap.backend(tier):
        spectrum = ap.fft.fft(a)
        np.testing.assert_allclose(to_numpy(ap.fft.ifft(spectrum)), x, rtol=0, atol=tol)
        energy = float(np.sum(np.abs(x.astype(np.complex128)) ** 2))
        spec = to_numpy(spectrum).astype(np.complex128)
        assert math.isclose(float(np.sum(np.abs(spec) ** 2)) / n, energy,
                            rel_tol=tolerance(dtype, n), abs_tol=1e-30)
        if not dtype.startswith("complex"):
            back = ap.fft.irfft(ap.fft.rfft(a), n)
            np.testing.assert_allclose(to_numpy(back), x, rtol=0, atol=tol)


@pytest.mark.parametrize("through", ["numpy", "memoryview"])
@pytest.mark.parametrize("tier", TIERS)
def test_out_over_the_input_memory(through, tier):
    # out= aliasing the input through a NumPy view or a memoryview, whole and reversed: the
    # transform reads all of the input before anything lands in out.
    rng = np.random.default_rng(5)
    nx = (rng.standard_normal((8, 4096)) + 1j * rng.standard_normal((8, 4096))).astype("complex128")
    for flip in (False, True):
        x = owned_copy(nx)
        raw = np.asarray(x) if through == "numpy" else np.asarray(memoryview(x))
        view = raw[:, ::-1] if flip else raw
        out = ap.asarray(view)
        with ap.backend(tier):
            assert ap.fft.fft(x, axis=1, out=out) is out
        want = np.fft.fft(nx, axis=1)
        assert_close(out, want, "complex128", 4096)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32", "uint64"])
def test_every_integer_dtype_is_computed_in_float64(tier, dtype):
    # The integer dtypes test_fft's main grid leaves out (it has int64 and bool): NumPy casts
    # them to float64; a reversed, strided view of an arrpy array.
    nx = ((np.arange(600) * 7) % 23).astype(dtype).reshape(6, 100)
    ax = owned_copy(nx)
    with ap.backend(tier):
        assert_close(ap.fft.fft(ax[::-1, ::2]), np.fft.fft(nx[::-1, ::2]), "float64", 50)
        assert_close(ap.fft.rfft2(ax[::-1, ::2]), np.fft.rfft2(nx[::-1, ::2]), "float64", 300)
