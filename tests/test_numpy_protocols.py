"""Interchange with NumPy: arrpy dtypes as NumPy dtypes, and NumPy's functions and ufuncs on
arrpy arrays computed by arrpy (NEP 13 ``__array_ufunc__``, NEP 18 ``__array_function__``).

The oracle is NumPy's own computation on NumPy arrays holding the same values; arrpy's inputs
are views of arrpy arrays (strided, negative-stride, transposed, broadcast, empty)."""

import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

import arrpy as ap
from arrpy import _numpy_protocols
from conftest import ALL_DTYPES, assert_same, sample, to_arrpy, traced

NUMPY_SCALAR_TYPES = {name: getattr(np, "bool_" if name == "bool" else name) for name in ALL_DTYPES}


# =============================================================================================
# dtypes


@pytest.mark.parametrize("name", ALL_DTYPES)
def test_numpy_dtype_of_arrpy_dtype(name):
    d = getattr(ap, name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # NumPy 2.4+ reads __numpy_dtype__: no deprecation
        assert np.dtype(d) is np.dtype(name)
    assert d.__numpy_dtype__ is np.dtype(name)
    assert d.dtype is np.dtype(name)  # what NumPy before 2.4 reads
    assert d.type is np.dtype(name).type  # the scalar type (Dask tests its subclasses)
    assert np.zeros(2, dtype=d).dtype == np.dtype(name)
    assert np.result_type(d, np.int8) == np.result_type(np.dtype(name), np.int8)


@pytest.mark.parametrize("name", ALL_DTYPES)
def test_dtype_equality_both_ways(name):
    d = getattr(ap, name)
    same = [np.dtype(name), NUMPY_SCALAR_TYPES[name], name, np.dtype(name).str,
            np.dtype(name).char]
    for other in same:
        assert d == other and other == d, other
        assert not (d != other) and not (other != d), other
    for other_name in ALL_DTYPES:
        if other_name == name:
            continue
        for other in (np.dtype(other_name), NUMPY_SCALAR_TYPES[other_name], other_name,
                      getattr(ap, other_name)):
            assert d != other and other != d, other
            assert not (d == other) and not (other == d), other


def test_dtype_equality_with_unrelated_objects():
    assert ap.float64 != np.dtype(">f8")  # NumPy's name is 'float64' too; the byte order differs
    assert ap.float64 != "not a dtype" and not (ap.float64 == "not a dtype")
    assert ap.float64 != None and not (ap.float64 == None)  # noqa: E711
    assert ap.float64 != 3 and ap.float64 != np.float16 and ap.float64 != np.dtype("U3")
    assert ap.int64 == int and ap.float64 == float and ap.complex128 == complex
    assert ap.bool == bool and ap.int64 != float
    # An array is no dtype: NumPy's comparison of a dtype with an array is elementwise.
    assert (ap.float64 == np.zeros(2)).tolist() == (np.dtype("f8") == np.zeros(2)).tolist()


NUMPY_2_4 = tuple(int(p) for p in np.__version__.split(".")[:2]) >= (2, 4)


@pytest.mark.skipif(not NUMPY_2_4, reason="arrpy hashes as NumPy 2.4+ (2.0-2.3 hash the flags "
                    "as bytes)")
@pytest.mark.parametrize("name", ALL_DTYPES)
def test_dtype_hash_is_numpys(name):
    d = getattr(ap, name)
    assert hash(d) == hash(np.dtype(name))
    assert {d: 1}[np.dtype(name)] == 1 and {np.dtype(name): 1}[d] == 1
    assert np.dtype(name) in {d} and d in {np.dtype(name)}
    assert len({d, np.dtype(name)}) == 1


@pytest.mark.parametrize("name", ALL_DTYPES)
def test_arrpy_reads_numpy_dtypes(name):
    d = getattr(ap, name)
    for spelling in (NUMPY_SCALAR_TYPES[name], np.dtype(name), np.dtype(name).str):
        assert ap.dtype(spelling) is d
        assert ap.asarray([1, 0], dtype=spelling).dtype is d
        assert ap.zeros(3, dtype=spelling).dtype is d
        assert ap.ones((2,), dtype=spelling).dtype is d
        assert ap.arange(3).astype(spelling).dtype is d
    a = ap.zeros(2, dtype=name)
    assert a.dtype == NUMPY_SCALAR_TYPES[name] and a.dtype == np.dtype(name)


def test_arrpy_refuses_what_it_cannot_hold():
    for spelling in (np.dtype(">f8"), np.dtype(">i4"), np.float16, np.dtype("U3"), np.longdouble):
        with pytest.raises(TypeError, match="not understood"):
            ap.dtype(spelling)
    assert ap.dtype(np.dtype("<i2")) is ap.int16 and ap.dtype(np.dtype("=u4")) is ap.uint32
    assert ap.dtype(np.zeros(2, np.int16)) is ap.int16  # an array stands for its dtype


def test_dtype_without_numpy():
    code = textwrap.dedent("""
        import sys
        sys.modules["numpy"] = None
        import arrpy
        assert not hasattr(arrpy.float64, "dtype")
        assert not hasattr(arrpy.float64, "__numpy_dtype__")
        assert not hasattr(arrpy.float64, "type")
        assert arrpy.float64 == "float64" and arrpy.float64 != "int8"
        d = {arrpy.float64: 1, arrpy.int8: 2}
        assert d[arrpy.dtype("f8")] == 1 and d[arrpy.int8] == 2
        assert (arrpy.ones(3) + 1).tolist() == [2.0] * 3
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# =============================================================================================
# Layouts: arrpy views holding given values


def layouts(data, kinds=("contiguous", "strided", "negative", "transposed", "broadcast")):
    """(layout name, arrpy view, NumPy array of the same values) for each layout of ``kinds``
    that fits ``data``'s shape. Every view is made from arrpy arrays by slicing; 'broadcast'
    holds ``data``'s first row repeated, so its NumPy twin is that."""
    out = []
    if "contiguous" in kinds:
        out.append(("contiguous", to_arrpy(data), data))
    if "strided" in kinds and data.ndim >= 1:
        shape = data.shape[:-1] + (2 * data.shape[-1],)
        base = ap.zeros(shape, dtype=data.dtype.name)
        base[..., ::2] = to_arrpy(data)
        view = base[..., ::2]
        assert data.size == 0 or data.shape[-1] < 2 or not view.flags["C_CONTIGUOUS"]
        out.append(("strided", view, data))
    if "negative" in kinds and data.ndim >= 1:
        flipped = to_arrpy(np.ascontiguousarray(np.flip(data)))
        view = flipped[(slice(None, None, -1),) * data.ndim]
        assert data.size <= 1 or any(s < 0 for s in view.strides)
        out.append(("negative", view, data))
    if "transposed" in kinds and data.ndim == 2:
        view = to_arrpy(np.ascontiguousarray(data.T)).T
        out.append(("transposed", view, data))
    if "broadcast" in kinds and data.ndim >= 1 and data.shape[0] > 1:
        row = to_arrpy(np.ascontiguousarray(data[:1]))
        view = ap.broadcast_to(row, data.shape)
        assert 0 in view.strides
        out.append(("broadcast", view, np.broadcast_to(data[:1], data.shape).copy()))
    return out


def assert_same(got, expected):
    """``got`` (from NumPy's function on arrpy arrays) matches ``expected`` (NumPy's on NumPy's
    arrays): arrays are arrpy's, with NumPy's dtype, shape and values (to a few ulps of the
    result's precision: arrpy's sums and transcendental functions round on their own)."""
    if isinstance(expected, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(expected), (got, expected)
        for g, e in zip(got, expected):
            assert_same(g, e)
        return
    if isinstance(expected, np.ndarray):
        assert type(got) is ap.ndarray, f"NumPy's function returned {type(got)}"
    elif isinstance(expected, np.generic):
        assert isinstance(got, (ap.ndarray, int, float, complex, bool, np.generic)), type(got)
    g = np.asarray(got)
    e = np.asarray(expected)
    rtol = TOL.get(e.dtype.name, 0)
    if e.dtype == np.float16:
        # arrpy has no float16: bool and 8-bit input give float32 (README's divergences).
        e = e.astype(np.float32)
    if isinstance(expected, (np.ndarray, np.generic)):
        assert g.dtype == e.dtype, (g.dtype, e.dtype)
    assert g.shape == e.shape, (g.shape, e.shape)
    if rtol == 0:
        np.testing.assert_array_equal(g, e)
    else:
        np.testing.assert_allclose(g, e, rtol=rtol, atol=rtol)


TOL = {"float16": 1e-3, "float32": 2e-5, "complex64": 2e-5, "float64": 1e-11,
       "complex128": 1e-11}


def run_case(call, ap_args, np_args):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            expected = call(*np_args)
        except (ValueError, TypeError, IndexError, np.linalg.LinAlgError) as e:
            # NumPy refuses (an empty reduction, a singular matrix…): so must arrpy, with the
            # same kind of exception.
            kind = next(c for c in type(e).__mro__ if c.__module__ == "builtins")
            with pytest.raises(kind):
                call(*ap_args)
            return
        got = call(*ap_args)
    assert_same(got, expected)


# =============================================================================================
# NEP 18: NumPy's functions on arrpy arrays
#
# Each case: NumPy's call, the data kind it takes, the dtypes to try.

FLOATS = ["float64", "float32"]
NUMERIC = ["int32", "float64", "float32", "complex128"]
REAL = ["int32", "float64", "float32"]

FUNCTION_CASES = {
    # elementwise and comparisons
    "clip": (lambda x: np.clip(x, -1, 2), "mat", REAL),
    "round": (lambda x: np.round(x, 1), "mat", FLOATS),
    "isclose": (lambda x: np.isclose(x, x + 1e-9), "mat", FLOATS),
    "nan_to_num": (lambda x: np.nan_to_num(x / 0.5), "mat", FLOATS),
    "where": (lambda x: np.where(x > 0, x, -x), "mat", REAL),
    "array_equal": (lambda x: np.array_equal(x, x), "mat", NUMERIC),
    "real": (lambda x: np.real(x), "mat", ["complex128"]),
    # reductions
    "sum": (lambda x: np.sum(x, axis=0), "mat", ["bool", "int8", *NUMERIC]),
    "sum_all": (lambda x: np.sum(x), "mat", NUMERIC),
    "prod": (lambda x: np.prod(x, axis=1), "mat", ["int64", "float64"]),
    "mean": (lambda x: np.mean(x, axis=1), "mat", NUMERIC),
    "std": (lambda x: np.std(x, axis=0, ddof=1), "mat", ["float64", "int32"]),
    "var": (lambda x: np.var(x), "mat", FLOATS),
    "max": (lambda x: np.max(x, axis=1), "mat", REAL),
    "min": (lambda x: np.min(x, axis=0, keepdims=True), "mat", REAL),
    "argmax": (lambda x: np.argmax(x, axis=1), "mat", REAL),
    "argmin": (lambda x: np.argmin(x), "mat", REAL),
    "cumsum": (lambda x: np.cumsum(x, axis=1), "mat", ["int8", "float64"]),
    "cumprod": (lambda x: np.cumprod(x), "vec", ["float64"]),
    "any": (lambda x: np.any(x, axis=0), "mat", ["bool", "float64"]),
    "all": (lambda x: np.all(x), "mat", ["bool", "int32"]),
    "count_nonzero": (lambda x: np.count_nonzero(x), "mat", ["int32", "bool"]),
    "nansum": (lambda x: np.nansum(x, axis=0), "mat", FLOATS),
    "nanmax": (lambda x: np.nanmax(x), "mat", ["float64"]),
    "median": (lambda x: np.median(x, axis=0), "mat", ["float64", "int32"]),
    "percentile": (lambda x: np.percentile(x, 30), "vec", ["float64"]),
    "ptp": (lambda x: np.ptp(x, axis=1), "mat", REAL),
    "average": (lambda x: np.average(x, axis=0), "mat", ["float64"]),
    # manipulation
    "reshape": (lambda x: np.reshape(x, (-1,)), "mat", NUMERIC),
    "transpose": (lambda x: np.transpose(x), "mat", ["int32"]),
    "concatenate": (lambda x: np.concatenate([x, x[:1]]), "mat", NUMERIC),
    "stack": (lambda x: np.stack([x, x], axis=1), "mat", ["float32"]),
    "vstack": (lambda x: np.vstack([x, x]), "vec", ["int32"]),
    "hstack": (lambda x: np.hstack([x, x]), "mat", ["int32"]),
    "expand_dims": (lambda x: np.expand_dims(x, 1), "mat", ["float64"]),
    "squeeze": (lambda x: np.squeeze(x[:1]), "mat", ["float64"]),
    "flip": (lambda x: np.flip(x, axis=1), "mat", ["int32"]),
    "roll": (lambda x: np.roll(x, 2, axis=1), "mat", ["float64"]),
    "tile": (lambda x: np.tile(x, (2, 1)), "mat", ["int32"]),
    "repeat": (lambda x: np.repeat(x, 2, axis=0), "mat", ["float64"]),
    "split": (lambda x: np.split(x, 2, axis=0), "mat", ["int32"]),
    "moveaxis": (lambda x: np.moveaxis(x, 0, 1), "mat", ["float64"]),
    "swapaxes": (lambda x: np.swapaxes(x, 0, 1), "mat", ["float64"]),
    "pad": (lambda x: np.pad(x, 1), "mat", ["float64", "int32"]),
    "diff": (lambda x: np.diff(x, axis=1), "mat", ["float64", "int32"]),
    "take": (lambda x: np.take(x, [0, 2, 1], axis=1), "mat", ["float64"]),
    "diagonal": (lambda x: np.diagonal(x), "mat", ["float64"]),
    "trace": (lambda x: np.trace(x), "mat", ["float64", "int32"]),
    "tril": (lambda x: np.tril(x), "mat", ["float64"]),
    "broadcast_to": (lambda x: np.broadcast_to(x[:1], (3,) + x.shape[1:]), "mat", ["int32"]),
    "ravel": (lambda x: np.ravel(x), "mat", ["float64"]),
    "copy": (lambda x: np.copy(x), "mat", ["float64", "bool"]),
    "shape": (lambda x: (np.shape(x), np.ndim(x), np.size(x), np.size(x, -1)), "mat", ["int8"]),
    "nonzero": (lambda x: np.nonzero(x), "mat", ["int32"]),
    # sorting and sets
    "sort": (lambda x: np.sort(x, axis=1), "mat", REAL),
    "sort_none": (lambda x: np.sort(x, axis=None), "mat", ["float64"]),
    "argsort": (lambda x: np.argsort(x, axis=0, kind="stable"), "mat", REAL),
    "unique": (lambda x: np.unique(x), "mat", ["int32", "float64"]),
    "searchsorted": (lambda x: np.searchsorted(np.sort(x), [0, 1.5]), "vec", ["float64"]),
    "isin": (lambda x: np.isin(x, [1.0, 2.5]), "mat", ["float64"]),
    # products
    "dot": (lambda x: np.dot(x, x.T), "mat", NUMERIC),
    "matmul_fn": (lambda x: np.matmul(x.T, x), "mat", FLOATS),
    "outer": (lambda x: np.outer(x, x), "vec", ["float64"]),
    "inner": (lambda x: np.inner(x, x), "mat", ["float64"]),
    "tensordot": (lambda x: np.tensordot(x, x, axes=([0], [0])), "mat", ["float64"]),
    "einsum": (lambda x: np.einsum("ij,ij->j", x, x), "mat", ["float64"]),
    "vdot": (lambda x: np.vdot(x, x), "vec", ["complex128"]),
    # statistics
    "histogram": (lambda x: np.histogram(x, bins=4, range=(-10, 10)), "vec", ["float64"]),
    "cov": (lambda x: np.cov(x), "mat", ["float64"]),
    "convolve": (lambda x: np.convolve(x, [1.0, -2.0, 0.5]), "vec", ["float64"]),
    "interp": (lambda x: np.interp(x, [-5.0, 0.0, 5.0], [0.0, 1.0, 4.0]), "vec", ["float64"]),
    # linalg
    "solve": (lambda m: np.linalg.solve(m, m[:, :1] + 1), "square", FLOATS),
    "inv": (lambda m: np.linalg.inv(m), "square", ["float64", "complex128"]),
    "det": (lambda m: np.linalg.det(m), "square", FLOATS),
    "norm": (lambda m: np.linalg.norm(m), "square", ["float64"]),
    "norm_axis": (lambda m: np.linalg.norm(m, axis=1), "mat", ["float64"]),
    "cholesky": (lambda m: np.linalg.cholesky(m @ m.T), "square", ["float64"]),
    "eigvalsh": (lambda m: np.linalg.eigvalsh(m + m.T), "square", ["float64"]),
    "eigh_values": (lambda m: np.linalg.eigh(m + m.T).eigenvalues, "square", ["float64"]),
    "svdvals": (lambda m: np.linalg.svd(m, compute_uv=False), "mat", ["float64"]),
    "qr_r": (lambda m: np.abs(np.linalg.qr(m).R), "square", ["float64"]),
    "slogdet": (lambda m: tuple(np.linalg.slogdet(m)), "square", ["float64"]),
    "matrix_rank": (lambda m: np.linalg.matrix_rank(m), "square", ["float64"]),
    "pinv": (lambda m: np.linalg.pinv(m), "mat", ["float64"]),
    "matrix_power": (lambda m: np.linalg.matrix_power(m, 3), "square", ["float64", "int32"]),
    "lstsq": (lambda m: np.linalg.lstsq(m, m[:, 0], rcond=None)[0], "square", ["float64"]),
    # fft
    "fft": (lambda x: np.fft.fft(x), "vec", ["float64", "complex128", "float32"]),
    "ifft": (lambda x: np.fft.ifft(x, axis=0), "mat", ["complex128"]),
    "rfft": (lambda x: np.fft.rfft(x, axis=1), "mat", ["float64"]),
    "irfft": (lambda x: np.fft.irfft(x), "vec", ["complex128"]),
    "fft2": (lambda x: np.fft.fft2(x), "mat", ["float64"]),
    "fftn": (lambda x: np.fft.fftn(x, norm="ortho"), "mat", ["complex128"]),
    "fftshift": (lambda x: np.fft.fftshift(x), "mat", ["int32"]),
}

SHAPES = {"vec": (12,), "mat": (4, 6), "square": (4, 4)}


def case_data(kind, dtype, seed):
    shape = SHAPES[kind]
    data = sample(dtype, int(np.prod(shape)), seed=seed).reshape(shape)
    if kind == "square" and dtype not in ("bool",):
        # Well conditioned: a dominant diagonal.
        data = data + (np.eye(shape[0]) * 25).astype(dtype)
    return data


def function_params():
    for name, (_, kind, dtypes) in FUNCTION_CASES.items():
        for dtype in dtypes:
            yield pytest.param(name, dtype, id=f"{name}-{dtype}")


@pytest.mark.parametrize("name,dtype", list(function_params()))
def test_function_dispatch_oracle(name, dtype):
    call, kind, _ = FUNCTION_CASES[name]
    data = case_data(kind, dtype, seed=len(name))
    kinds = ("contiguous", "strided", "negative", "transposed")
    if kind != "square":
        kinds += ("broadcast",)
    for layout, view, twin in layouts(data, kinds):
        try:
            run_case(call, (view,), (twin,))
        except AssertionError as e:
            raise AssertionError(f"{name} on a {layout} {dtype} view: {e}") from e


@pytest.mark.parametrize("name", [n for n, (_, kind, _) in FUNCTION_CASES.items()
                                  if kind != "square"])
def test_function_dispatch_empty(name):
    """Empty views (a zero-length axis sliced from an arrpy array): NumPy's result, or the same
    exception NumPy raises (max of nothing, …)."""
    call, kind, dtypes = FUNCTION_CASES[name]
    dtype = dtypes[0]
    data = case_data(kind, dtype, seed=1)
    view = to_arrpy(data)[:0]
    run_case(call, (view,), (data[:0],))


def test_numpy_calls_run_arrpy_kernels(tier):
    """NumPy's ufuncs and functions on arrpy arrays run arrpy's loops (the kernel trace), at
    each tier: computed by arrpy, not by NumPy on a converted copy."""
    a = ap.ones((3, 4))
    calls = [("add", lambda: np.add(a, a)), ("exp", lambda: np.exp(a)),
             ("sum", lambda: np.sum(a, axis=0)), ("sum", lambda: np.add.reduce(a)),
             ("sort", lambda: np.sort(a)), ("lu", lambda: np.linalg.solve(a[:3, :3] + ap.eye(3),
                                                                          a[0, :3])),
             ("fft", lambda: np.fft.fft(a))]
    for op, call in calls:
        result, runs = traced(tier, call, op)
        assert type(result) is ap.ndarray, op
        (counts,) = runs.values()
        assert counts["reference"] + counts["vector"] >= 1, (op, runs)
        if tier == "reference":
            assert counts["vector"] == 0 and counts["threaded"] == 0, (op, runs)


def test_functions_mix_arrpy_and_numpy_arrays():
    a = ap.arange(6.0).reshape((2, 3))
    n = np.ones((1, 3))
    r = np.concatenate([a, n])
    assert type(r) is ap.ndarray and r.tolist() == [[0, 1, 2], [3, 4, 5], [1, 1, 1]]
    r = np.where(np.asarray([True, False, True]), a, n)
    assert type(r) is ap.ndarray and r.tolist() == [[0, 1, 2], [3, 1, 5]]
    r = np.linalg.solve(np.eye(2) * 2, ap.ones(2))
    assert type(r) is ap.ndarray and r.tolist() == [0.5, 0.5]
    assert type(np.stack([n[0], a[0]])) is ap.ndarray


def test_copy_keeps_the_layout():
    n = np.arange(6, dtype=np.int16).reshape(2, 3)
    a = to_arrpy(n)
    for view, twin in ((a.T, n.T), (a[:, ::-1], n[:, ::-1]), (a, n)):
        c = np.copy(view)
        assert type(c) is ap.ndarray and c.strides == np.copy(twin).strides
        assert c.tolist() == twin.tolist() and not ap.shares_memory(c, view)


def test_function_dispatch_refusals():
    a = ap.arange(6.0).reshape((2, 3))
    # An argument arrpy's function does not take: NotImplemented, so NumPy's TypeError.
    with pytest.raises(TypeError, match="no implementation found for 'numpy.sum'"):
        np.sum(a, initial=1.0)
    with pytest.raises(TypeError, match="no implementation found"):
        np.mean(a, where=np.asarray([True, False, True]))
    # A function arrpy lacks.
    with pytest.raises(TypeError, match="no implementation found for 'numpy.trapezoid'"):
        np.trapezoid(a)
    # An array of another kind beside arrpy's (a masked array would lose its mask).
    with pytest.raises(TypeError, match="no implementation found"):
        np.concatenate([a, np.ma.masked_array(np.ones((1, 3)))])
    # Genuine errors of the computation are arrpy's, not NotImplemented.
    with pytest.raises(ValueError, match="dimension"):
        np.concatenate([a, ap.ones(3)])
    with pytest.raises(ValueError):
        np.reshape(a, (4, 2))
    with pytest.raises(np.linalg.LinAlgError if False else ValueError):
        np.linalg.inv(ap.zeros((2, 2)))


def test_creation_with_like():
    a = ap.ones(2)
    # np.full, np.ones and np.eye pass their defaults (order='C', device=None) along; arrpy's
    # functions lack order= and take the call without it.
    for r, expected in ((np.zeros(3, like=a), [0.0] * 3), (np.asarray([1, 2], like=a), [1, 2]),
                        (np.arange(3, like=a), [0, 1, 2]), (np.array([1.5], like=a), [1.5]),
                        (np.full(2, 7, like=a), [7, 7]), (np.ones(2, like=a), [1.0, 1.0]),
                        (np.eye(2, like=a), [[1.0, 0.0], [0.0, 1.0]])):
        assert type(r) is ap.ndarray and r.tolist() == expected
        assert r.dtype == np.asarray(expected).dtype
    with pytest.raises(TypeError, match="no implementation found"):
        np.ones(2, order="F", like=a)  # not NumPy's default: refused
    # ndmin= (Dask makes empty chunks so): length-1 axes in front.
    for obj, ndmin in (([], 2), ([1.5, 2.5], 3), (ap.arange(6).reshape((2, 3)), 1), (7, 2)):
        r, expected = np.array(obj, like=a, ndmin=ndmin, dtype=np.float32), \
            np.array(obj, ndmin=ndmin, dtype=np.float32)
        assert type(r) is ap.ndarray and r.dtype == expected.dtype
        assert r.shape == expected.shape and r.tolist() == expected.tolist()


def test_arguments_at_numpys_defaults_are_dropped():
    a = ap.arange(6.0).reshape((2, 3))
    r = np.mean(a, axis=0, where=True)
    assert type(r) is ap.ndarray and r.tolist() == [1.5, 2.5, 3.5]
    assert np.sum(a, initial=np._NoValue).item() == 15.0


# =============================================================================================
# NEP 13: NumPy's ufuncs on arrpy arrays


def _ufunc_objects():
    seen = {}
    for name in dir(np):
        f = getattr(np, name)
        if isinstance(f, np.ufunc) and f.__name__ in _numpy_protocols.dispatched_ufuncs():
            seen[f.__name__] = f
    return [seen[n] for n in sorted(seen)]


UFUNCS = _ufunc_objects()


@pytest.mark.parametrize("ufunc", UFUNCS, ids=lambda u: u.__name__)
def test_ufunc_call_oracle(ufunc):
    """Every ufunc arrpy computes, on int32, float64 and complex128 (where NumPy has a loop),
    on contiguous, strided, negative-stride, transposed and broadcast arrpy views."""
    for dtype in ("int32", "float64", "complex128", "bool"):
        if ufunc.__name__ in ("ceil", "floor", "trunc") and dtype in ("int32", "bool") \
                and np.__version__.startswith("2.0."):
            continue  # NumPy 2.0 gave float64 for integers; arrpy keeps the dtype, as 2.1+
        if ufunc.nin == 2 and ufunc.__name__ in ("matmul", "vecdot"):
            data = case_data("square", dtype, seed=3)
        else:
            data = case_data("mat", dtype, seed=3)
        views = layouts(data) + [("empty", to_arrpy(data)[:0], data[:0])]
        if ufunc.nin == 1:
            for layout, view, twin in views:
                run_case(ufunc, (view,), (twin,))
        else:
            for layout, view, twin in views:
                other = np.ascontiguousarray(twin[::-1])
                run_case(ufunc, (view, to_arrpy(other)), (twin, other))


@pytest.mark.parametrize("ufunc", [np.add, np.multiply, np.maximum, np.less, np.arctan2,
                                   np.logical_xor, np.floor_divide], ids=lambda u: u.__name__)
def test_ufunc_mixed_operands(ufunc):
    """arrpy arrays with NumPy arrays, NumPy scalars and Python scalars, on either side:
    NumPy 2's promotion (Python scalars weak, NumPy's scalars not)."""
    a_np = sample("float32", 6, seed=4).reshape(2, 3)
    i_np = sample("int16", 3, seed=5)
    a, i = to_arrpy(a_np), to_arrpy(i_np)
    pairs = [((a, i_np), (a_np, i_np)), ((i_np, a), (i_np, a_np)), ((a, 2), (a_np, 2)),
             ((2.5, a), (2.5, a_np)), ((a, np.float64(2)), (a_np, np.float64(2))),
             ((np.int8(3), i), (np.int8(3), i_np)), ((i, a_np), (i_np, a_np))]
    for ap_args, np_args in pairs:
        run_case(ufunc, ap_args, np_args)


def test_numpy_operators_on_arrpy_arrays():
    a = ap.arange(3.0)
    n = np.ones(3)
    for r in (n + a, n * a, np.float64(2) * a, n < a, n ** a, -n + a):
        assert type(r) is ap.ndarray
    assert (n + a).tolist() == [1.0, 2.0, 3.0]


def test_ufunc_out():
    a = ap.arange(6.0).reshape((2, 3))
    c = ap.zeros((2, 3))
    assert np.add(a, 1, out=c) is c and c.tolist() == [[1, 2, 3], [4, 5, 6]]
    assert np.exp(a, out=(c,)) is c
    np.testing.assert_allclose(np.asarray(c), np.exp(np.arange(6.0).reshape(2, 3)), rtol=1e-15)
    # A NumPy out= is written through a view of its memory, and returned, as NumPy does.
    n = np.zeros((2, 3))
    assert np.multiply(a, 2, out=n) is n and n.tolist() == [[0, 2, 4], [6, 8, 10]]
    e = np.zeros((0, 3))
    assert np.add(a[:0], 1, out=e) is e
    read_only = np.zeros((2, 3))
    read_only.setflags(write=False)
    with pytest.raises(ValueError, match="read-only"):
        np.add(a, 1, out=read_only)
    with pytest.raises(ValueError):
        np.add(a, 1, out=np.zeros((1, 3)))  # the result does not fit
    # Into a strided arrpy view, and in place.
    big = ap.zeros((2, 6))
    np.add(a, a, out=big[:, ::2])
    assert big.tolist() == [[0, 0, 2, 0, 4, 0], [6, 0, 8, 0, 10, 0]]
    np.negative(a, out=a)
    assert a.tolist() == [[0, -1, -2], [-3, -4, -5]]
    # Casting as NumPy's same_kind: float into an int out= is refused, leaving out as it was.
    o = ap.zeros(3, dtype="int64")
    with pytest.raises(TypeError, match="same_kind"):
        np.add(ap.ones(3), 1.5, out=o)
    assert o.tolist() == [0, 0, 0]


REDUCE_CASES = [
    (np.add, "reduce", ["bool", "int8", "int32", "uint16", "float32", "float64", "complex128"]),
    (np.multiply, "reduce", ["int8", "int64", "float64"]),
    (np.maximum, "reduce", ["int16", "uint8", "float64"]),
    (np.minimum, "reduce", ["int32", "float32"]),
    (np.logical_and, "reduce", ["bool", "float64"]),
    (np.logical_or, "reduce", ["bool", "int32"]),
    (np.add, "accumulate", ["bool", "int8", "float64", "complex128"]),
    (np.multiply, "accumulate", ["int16", "float64"]),
]


@pytest.mark.parametrize("ufunc,method,dtypes", REDUCE_CASES,
                         ids=[f"{u.__name__}.{m}" for u, m, _ in REDUCE_CASES])
def test_ufunc_reduce_accumulate_oracle(ufunc, method, dtypes):
    for dtype in dtypes:
        data = case_data("mat", dtype, seed=6)
        if dtype in ("int8", "int16", "int64") and ufunc is np.multiply:
            data = sample(dtype, data.size, seed=6, small=True).reshape(data.shape)
        options = [{}, {"axis": 1}, {"axis": -1}, {"axis": (1,)}, {"axis": (0, 1)}]
        if method == "reduce":
            options += [{"axis": None}, {"axis": (0, 1)}, {"axis": 0, "keepdims": True}]
        for layout, view, twin in layouts(data):
            for kw in options:
                run_case(lambda x: getattr(ufunc, method)(x, **kw), (view,), (twin,))
        empty = to_arrpy(data)[:0]
        run_case(lambda x: getattr(ufunc, method)(x), (empty,), (data[:0],))
        scalar = np.asarray(data[0, 0])  # 0-d: NumPy reduces it over axis 0 or -1 too
        for kw in ({}, {"axis": -1}, {"axis": None}, {"axis": 1}, {"axis": (0,)}):
            run_case(lambda x: getattr(ufunc, method)(x, **kw), (to_arrpy(scalar),), (scalar,))
        run_case(lambda x: getattr(ufunc, method)(x, axis=1), (empty,), (data[:0],))


def test_ufunc_reduce_dtype_and_out():
    a = ap.asarray([[1, 2, 3], [4, 5, 6]], dtype="int8")
    r = np.add.reduce(a, axis=0, dtype=np.float32)
    assert type(r) is ap.ndarray and r.dtype == np.float32 and r.tolist() == [5, 7, 9]
    o = ap.zeros(2, dtype="int64")
    assert np.add.reduce(a, axis=1, out=o) is o and o.tolist() == [6, 15]
    n = np.zeros(3)
    assert np.add.accumulate(a, axis=1, out=np.zeros((2, 3))).tolist() == [[1, 3, 6],
                                                                          [4, 9, 15]]
    assert np.maximum.reduce(a, 0, None, n) is n and n.tolist() == [4, 5, 6]


@pytest.mark.parametrize("ufunc", [np.add, np.multiply, np.subtract, np.greater,
                                   np.power, np.hypot], ids=lambda u: u.__name__)
def test_ufunc_outer_oracle(ufunc):
    for dtype in ("int32", "float64"):
        x = case_data("vec", dtype, seed=7)[:4]
        y = case_data("mat", dtype, seed=8)[:2, :3]
        if ufunc is np.power and dtype == "int32":
            x, y = np.abs(x) % 4, np.abs(y) % 4
        for layout, view, twin in layouts(y):
            run_case(lambda p, q: ufunc.outer(p, q), (to_arrpy(x)[::-1], view),
                     (x[::-1], twin))
        run_case(lambda p, q: ufunc.outer(p, q), (to_arrpy(x), 2.0), (x, 2.0))


def test_ufunc_refusals():
    """What arrpy cannot compute returns NotImplemented: NumPy raises TypeError, and nothing
    is converted to a NumPy array."""
    a = ap.arange(4.0)
    refused = [
        lambda: np.add(a, 1, where=np.asarray([True, False, True, False])),
        lambda: np.add(a, 1, dtype=np.int64),  # float64 to int64 is not 'same_kind'
        lambda: np.equal(a, 1, dtype=bool),  # no loop of bool inputs gives it
        lambda: np.add(a, 1, casting="unsafe"),
        lambda: np.add.at(a, [0, 0], 1),
        lambda: np.add.reduceat(a, [0, 2]),
        lambda: np.add.reduce(a, initial=3.0),
        lambda: np.maximum.reduce(a, dtype=np.float32),
        lambda: np.maximum.accumulate(a),
        lambda: np.subtract.reduce(a),
        lambda: np.divmod(a, 2),
        lambda: np.ldexp(a, 2),
        lambda: np.gcd(ap.arange(4), 2),
        lambda: np.add(a, np.ma.masked_array([1.0, 2.0, 3.0, 4.0])),
        lambda: np.add(a, _ForeignArray()),
    ]
    for call in refused:
        with pytest.raises(TypeError, match="NotImplemented|not supported"):
            call()
    # Arguments at their neutral values change nothing.
    r = np.add(a, 1, where=True, casting="same_kind", order="K", subok=True, dtype=None)
    assert type(r) is ap.ndarray and r.tolist() == [1, 2, 3, 4]


UFUNCS_WITH_DTYPE = [np.add, np.subtract, np.multiply, np.maximum, np.negative, np.absolute]


@pytest.mark.parametrize("ufunc", UFUNCS_WITH_DTYPE, ids=lambda u: u.__name__)
def test_ufunc_dtype_argument(tier, ufunc):
    """``ufunc(..., dtype=D)``: NumPy's loop of D, the inputs cast to D under 'same_kind' (Dask
    sums chunks so). Every input dtype to every D: arrpy computes what NumPy computes where the
    inputs cast so, and refuses (TypeError) where NumPy does; out= receives the result."""
    for name in ALL_DTYPES:
        x = sample(name, 7, small=True)
        operands = (x,) if ufunc.nin == 1 else (x, x[::-1].copy())
        for target in ALL_DTYPES:
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    expected = ufunc(*operands, dtype=target)
            except TypeError:
                with pytest.raises(TypeError):
                    ufunc(*map(to_arrpy, operands), dtype=target)
                continue
            if expected.dtype != np.dtype(target):
                continue  # NumPy picked another loop: not D's
            if not np.can_cast(name, target, "same_kind"):
                # NumPy's loop of another input dtype (absolute of complex64 to float32):
                # arrpy has only D's loop, and refuses.
                with pytest.raises(TypeError, match="NotImplemented"):
                    ufunc(*map(to_arrpy, operands), dtype=target)
                continue
            result = ufunc(*map(to_arrpy, operands), dtype=target)
            assert_same(result, expected)
            out = ap.zeros(7, dtype=target)
            assert ufunc(*map(to_arrpy, operands), dtype=target, out=out) is out
            assert_same(out, expected)


class _ForeignArray:
    """Another library's array: it overrides ufuncs too, and declines this one."""

    def __array_ufunc__(self, *args, **kwargs):
        return NotImplemented


# =============================================================================================
# What dispatches: a census of NumPy's public functions


def numpy_public_functions():
    """{qualified name: function} for NumPy's public dispatchable functions (those NumPy hands
    to ``__array_function__``) in numpy, numpy.linalg and numpy.fft."""
    found = {}
    for prefix, module in (("numpy", np), ("numpy.linalg", np.linalg), ("numpy.fft", np.fft)):
        for name in dir(module):
            f = getattr(module, name)
            if not name.startswith("_") and _numpy_protocols._dispatches(np, f):
                found[f"{prefix}.{name}"] = f
    return found


def test_census_of_numpy_functions():
    functions = numpy_public_functions()
    table = _numpy_protocols.dispatched_functions()
    dispatched = sorted(name for name, f in functions.items() if f in table)
    missing = sorted(name for name, f in functions.items() if f not in table)
    ufuncs = {getattr(np, n).__name__ for n in dir(np) if isinstance(getattr(np, n), np.ufunc)}
    ufuncs_done = ufuncs & _numpy_protocols.dispatched_ufuncs()
    print(f"\nNumPy functions dispatched to arrpy: {len(dispatched)} of {len(functions)}")
    print(f"NumPy ufuncs computed by arrpy: {len(ufuncs_done)} of {len(ufuncs)}")
    print("not dispatched (arrpy lacks them):", ", ".join(missing))
    print("ufuncs arrpy lacks:", ", ".join(sorted(ufuncs - ufuncs_done)))
    # Floors: a function that stops dispatching is a regression.
    assert len(dispatched) >= (228 if NUMPY_2_4 else 215), len(dispatched)
    assert len(ufuncs_done) >= 65, len(ufuncs_done)
    # Each target is arrpy's function of NumPy's name, from the matching module.
    for name, f in functions.items():
        if f in table:
            module = name.rsplit(".", 1)[0].replace("numpy", "arrpy")
            names = {name.rsplit(".", 1)[1], f.__name__}  # np.permute_dims is np.transpose
            assert any(table[f] is getattr(sys.modules[module], n, None) for n in names), name
    # Every function of the oracle tests above dispatches.
    for needed in ("sum", "concatenate", "where", "linalg.solve", "fft.fft", "mean", "reshape",
                   "stack", "dot", "linalg.norm", "sort", "unique", "histogram"):
        assert f"numpy.{needed}" in dispatched, needed


@pytest.mark.parametrize("n_elements", [10, 70_000])  # below and above the threads' threshold
def test_out_overlapping_an_input_through_numpy_or_memoryview(n_elements, tier):
    # np.add's out= is NumPy memory that the arrpy inputs view (asarray borrows it): the result
    # must be as if the inputs were read before any write, as NumPy's own.
    want = np.arange(float(n_elements))
    np.add(want[:-1], want[1:], out=want[1:])
    n = np.arange(float(n_elements))
    a = ap.asarray(n)
    assert ap.shares_memory(a, ap.asarray(n[1:]))
    np.add(a[:-1], a[1:], out=n[1:])
    np.testing.assert_array_equal(n, want)
    # An arrpy out= over a memoryview's memory, read reversed by the input.
    want = np.arange(float(n_elements))
    np.negative(want[::-1], out=want)
    buf = bytearray(np.arange(float(n_elements)).tobytes())
    b = ap.frombuffer(memoryview(buf), dtype=ap.float64)
    np.negative(b[::-1], out=b)
    np.testing.assert_array_equal(np.frombuffer(buf), want)
