"""qr, eigh, eigvalsh, eig, eigvals, svd and svdvals against NumPy: the four float and complex
dtypes and int input, batched and broadcast stacks, F-ordered, strided and negative-stride
views of arrpy arrays, empty and 1x1 matrices, ill-conditioned and rank-deficient ones, all
three tiers (the kernel trace showing the reference loop, or threads on the parallel tier),
the errors NumPy raises, and hypothesis shapes.

Factors are compared with NumPy's where they are unique (R and Q of a full-rank real matrix,
eigenvalues, singular values), up to sign or phase where they are not (eigenvectors, singular
vectors), and through residuals (QR − A, QᴴQ − I, AV − VΛ, USVᴴ − A) with tolerances scaled by
the dtype's epsilon and the matrix size."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from conftest import (
    COMPLEX_DTYPES, FLOAT_DTYPES, NUMPY_MODE, TIERS, broadcast_view, owned_copy, to_numpy,
    traced, view_pair,
)

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions")

DTYPES = FLOAT_DTYPES + COMPLEX_DTYPES


def rand(dtype, shape, seed=0):
    """Well-scaled random data of ``dtype`` (int input: small integers)."""
    rng = np.random.default_rng(seed)
    if dtype == "int64":
        return rng.integers(-5, 6, shape).astype(dtype)
    x = rng.standard_normal(shape)
    if dtype in COMPLEX_DTYPES:
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def hermitian(dtype, shape, seed=0):
    x = rand(dtype, shape, seed)
    return (x + np.conj(np.swapaxes(x, -1, -2))) / 2


def eps(x):
    x = np.asarray(x)
    return np.finfo(x.dtype if x.dtype.kind in "fc" else np.float64).eps


def tol(x, n):
    """A residual tolerance: many roundings of the dtype at the matrix's scale."""
    x = np.asarray(x)
    scale = max(float(np.max(np.abs(x), initial=1.0)), 1.0)
    return 50 * eps(x) * max(n, 1) * scale


def mT(x):
    return np.conj(np.swapaxes(x, -1, -2))


def np_of(r):
    assert isinstance(r, ap.ndarray), type(r)
    return to_numpy(r)


def assert_tier(runs, kind, tier):
    """The trace shows the reference loop at the reference tier and only there."""
    counts = runs[kind]
    if tier == "reference":
        assert counts["reference"] >= 1 and counts["vector"] == 0, runs
    else:
        assert counts["reference"] == 0 and counts["vector"] >= 1, runs


def check_qr(a, na, mode="reduced"):
    q, r = ap.linalg.qr(a, mode=mode)
    nq, nr = np.linalg.qr(na, mode=mode)
    q, r = np_of(q), np_of(r)
    assert q.dtype == nq.dtype and r.dtype == nr.dtype, (q.dtype, nq.dtype)
    assert q.shape == nq.shape and r.shape == nr.shape, (q.shape, r.shape, nq.shape, nr.shape)
    m, n = na.shape[-2:]
    t = tol(na, max(m, n))
    np.testing.assert_allclose(q @ r, na, atol=t)
    np.testing.assert_allclose(mT(q) @ q, np.broadcast_to(np.eye(q.shape[-1]), mT(q).shape[:-1] + (q.shape[-1],)), atol=t)
    assert np.all(np.tril(r, -1) == 0)
    return q, r, nq, nr


# ---- qr ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", DTYPES + ["int64"])
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (2, 3, 6, 4), (1, 1)])
def test_qr_matches_numpy(tier, dtype, shape):
    na = rand(dtype, shape, seed=1)
    a = owned_copy(na)
    (q, r, nq, nr), runs = traced(tier, lambda: check_qr(a, na), "qr")
    # A full-rank matrix has one QR with R's diagonal in LAPACK's signs: NumPy's, to rounding.
    t = tol(na, max(shape[-2:])) * 10
    np.testing.assert_allclose(q, nq, atol=t)
    np.testing.assert_allclose(r, nr, atol=t)
    kind = "float64" if dtype == "int64" else dtype
    assert_tier(runs, kind, tier)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5)])
def test_qr_modes(tier, dtype, shape):
    na = rand(dtype, shape, seed=2)
    a = owned_copy(na)
    with ap.backend(tier):
        q, r, nq, nr = check_qr(a, na, "complete")
        np.testing.assert_allclose(r, nr, atol=10 * tol(na, 5))
        r_only = np_of(ap.linalg.qr(a, mode="r"))
        h, tau = ap.linalg.qr(a, mode="raw")
    nr_only = np.linalg.qr(na, mode="r")
    nh, ntau = np.linalg.qr(na, mode="raw")
    assert r_only.shape == nr_only.shape
    np.testing.assert_allclose(r_only, nr_only, atol=10 * tol(na, 5))
    assert h.shape == nh.shape and tau.shape == ntau.shape and h.dtype == nh.dtype.name
    np.testing.assert_allclose(np_of(h), nh, atol=10 * tol(na, 5))
    np.testing.assert_allclose(np_of(tau), ntau, atol=10 * tol(na, 5))


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(90, 75), (75, 90)])
def test_qr_in_panels(tier, dtype, shape):
    # Three panels of 32 columns or fewer: at the fast tiers LAPACK's reflectors (complex
    # matrices; mode='raw' for all) update the rest of the matrix a panel at a time, and Q is
    # formed a block at a time. NumPy's factors, to rounding.
    na = rand(dtype, shape, seed=11)
    a = owned_copy(na)
    with ap.backend(tier):
        q, r, nq, nr = check_qr(a, na, "complete")
        h, tau = ap.linalg.qr(a, mode="raw")
    nh, ntau = np.linalg.qr(na, mode="raw")
    t = 10 * tol(na, max(shape))
    np.testing.assert_allclose(q, nq, atol=t)
    np.testing.assert_allclose(r, nr, atol=t)
    np.testing.assert_allclose(np_of(h), nh, atol=t)
    np.testing.assert_allclose(np_of(tau), ntau, atol=t)
    # A strided, reversed view of arrpy memory, and a stack broadcast from one matrix.
    nbase = rand(dtype, (2 * shape[0], shape[1]), seed=12)
    nview, aview = view_pair(nbase, lambda x: x[::-2])
    with ap.backend(tier):
        check_qr(aview, np.ascontiguousarray(nview), "complete")
        check_qr(broadcast_view(owned_copy(na), (2,) + shape), np.broadcast_to(na, (2,) + shape))


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_qr_rank_deficient_and_ill_conditioned(tier, dtype):
    base = rand(dtype, (6, 2), seed=3)
    deficient = np.concatenate([base, base[:, :1] * 2, base @ np.ones((2, 2), dtype)], axis=1)
    zero_column = rand(dtype, (4, 4), seed=4)
    zero_column[:, 1] = 0
    hilbert = (1.0 / (np.arange(6)[:, None] + np.arange(6) + 1)).astype(dtype)
    for na in [deficient, zero_column, hilbert, np.zeros((3, 3), dtype)]:
        with ap.backend(tier):
            q, r, nq, nr = check_qr(owned_copy(na), na)
        # R's diagonal agrees with LAPACK's where it is not lost in rounding.
        big = np.abs(np.diagonal(nr)) > 1e-8
        np.testing.assert_allclose(np.diagonal(r)[big], np.diagonal(nr)[big], rtol=1e-6)


@pytest.mark.parametrize("tier", TIERS)
def test_qr_views(tier):
    nbase = rand("float64", (2, 7, 9), seed=5)
    for op in [lambda x: x[:, ::2, 1::2], lambda x: x[::-1, ::-1], lambda x: x.swapaxes(-1, -2),
               lambda x: x[1].T]:
        nview, aview = view_pair(nbase, op)
        with ap.backend(tier):
            q, r, nq, nr = check_qr(aview, np.ascontiguousarray(nview))
        np.testing.assert_allclose(r, nr, atol=1e-12)
    na = rand("complex64", (3, 4), seed=6)
    a = broadcast_view(owned_copy(na), (2, 3, 4))
    with ap.backend(tier):
        check_qr(a, np.broadcast_to(na, (2, 3, 4)))


@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (3, 0), (2, 0, 0), (0, 2, 2)])
def test_qr_empty(shape):
    na = np.zeros(shape)
    for mode in ["reduced", "complete"]:
        q, r = ap.linalg.qr(ap.zeros(shape), mode=mode)
        nq, nr = np.linalg.qr(na, mode=mode)
        np.testing.assert_array_equal(np_of(q), nq)
        np.testing.assert_array_equal(np_of(r), nr)
    assert ap.linalg.qr(ap.zeros(shape), mode="r").shape == np.linalg.qr(na, mode="r").shape
    h, tau = ap.linalg.qr(ap.zeros(shape), mode="raw")
    nh, ntau = np.linalg.qr(na, mode="raw")
    assert (h.shape, tau.shape) == (nh.shape, ntau.shape)


def test_qr_result_and_errors():
    r = ap.linalg.qr(ap.eye(3))
    assert isinstance(r, ap.linalg.QRResult) and r._fields == ("Q", "R")
    with pytest.raises(ValueError, match="Unrecognized mode 'economic!'"):
        ap.linalg.qr(ap.eye(2), mode="economic!")
    with pytest.raises(ap.linalg.LinAlgError, match="1-dimensional array given"):
        ap.linalg.qr(ap.ones(3))
    with pytest.raises(ap.linalg.LinAlgError):
        ap.linalg.qr(ap.asarray(2.0))


# ---- eigh / eigvalsh ---------------------------------------------------------------------------

def check_eigh(a, na, uplo="L"):
    w, v = ap.linalg.eigh(a, UPLO=uplo)
    nw, nv = np.linalg.eigh(na, UPLO=uplo)
    w, v = np_of(w), np_of(v)
    assert w.dtype == nw.dtype and v.dtype == nv.dtype and w.shape == nw.shape and v.shape == nv.shape
    n = na.shape[-1]
    t = tol(na, n)
    np.testing.assert_allclose(w, nw, atol=t)
    full = np.tril(na) + mT(np.tril(na, -1)) if uplo == "L" else np.triu(na) + mT(np.triu(na, 1))
    full = full - 1j * np.imag(np.diagonal(full, axis1=-2, axis2=-1))[..., None] * np.eye(n) if na.dtype.kind == "c" else full
    np.testing.assert_allclose(full @ v, v * w[..., None, :], atol=t)
    np.testing.assert_allclose(mT(v) @ v, np.broadcast_to(np.eye(n), v.shape), atol=t)
    np.testing.assert_allclose(np_of(ap.linalg.eigvalsh(a, UPLO=uplo)), nw, atol=t)
    return w, v


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", DTYPES + ["int64"])
@pytest.mark.parametrize("shape", [(4, 4), (1, 1), (3, 5, 5)])
def test_eigh_matches_numpy(tier, dtype, shape):
    na = hermitian(dtype, shape, seed=7) if dtype != "int64" else rand(dtype, shape, seed=7)
    a = owned_copy(na)
    _, runs = traced(tier, lambda: check_eigh(a, na), "eigh")
    kind = "float64" if dtype == "int64" else dtype
    assert_tier(runs, kind, tier)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_eigh_reads_one_triangle(tier, dtype):
    # Not Hermitian at all: only the named triangle may be read.
    na = rand(dtype, (2, 5, 5), seed=8)
    with ap.backend(tier):
        check_eigh(owned_copy(na), na, "L")
        check_eigh(owned_copy(na), na, "U")
        check_eigh(owned_copy(na), na, "u")


@pytest.mark.parametrize("tier", TIERS)
def test_eigh_views_and_degenerate(tier):
    nbase = hermitian("complex128", (6, 6), seed=9)
    for op in [lambda x: x[::-1, ::-1], lambda x: x.T, lambda x: x[::2, ::2]]:
        nview, aview = view_pair(nbase, op)
        with ap.backend(tier):
            check_eigh(aview, np.ascontiguousarray(nview))
    with ap.backend(tier):
        # Repeated eigenvalues, a zero matrix, ill-conditioned.
        check_eigh(ap.eye(4), np.eye(4))
        check_eigh(ap.zeros((3, 3)), np.zeros((3, 3)))
        hilbert = 1.0 / (np.arange(7)[:, None] + np.arange(7) + 1)
        check_eigh(owned_copy(hilbert), hilbert)
        na = hermitian("float32", (3, 3))
        check_eigh(broadcast_view(owned_copy(na), (2, 3, 3)), np.broadcast_to(na, (2, 3, 3)))
        w = ap.linalg.eigvalsh(ap.asarray([[1.0, np.nan], [np.nan, 2.0]]))
        assert np.all(np.isnan(np_of(w)))


@pytest.mark.parametrize("tier", ["simd", "parallel"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_eigvalsh_known_spectra(tier, dtype):
    # Q diag(w) Qᴴ with clusters, a zero, both signs and a wide range: eigvalsh (the fast tiers'
    # root-free QL on faer's tridiagonal form) finds w to the matrix's rounding, at any scale.
    n = 40
    w = np.concatenate([np.full(10, 2.0), np.full(5, -2.0), [0.0], np.linspace(-1e3, 1e3, 12),
                        10.0 ** -np.arange(12)])
    q, _ = np.linalg.qr(rand(dtype, (n, n), seed=3).astype(np.complex128 if dtype in COMPLEX_DTYPES else np.float64))
    for scale in [1.0, 1e-150, 1e150] if dtype in ("float64", "complex128") else [1.0, 1e-15, 1e15]:
        na = ((q * (w * scale)) @ mT(q)).astype(dtype)
        with ap.backend(tier):
            got = np_of(ap.linalg.eigvalsh(owned_copy(na)))
        assert got.dtype == np.dtype(dtype).type(0).real.dtype
        np.testing.assert_allclose(got, np.sort(w * scale), rtol=0, atol=tol(na, n))


@pytest.mark.parametrize("tier", ["simd", "parallel"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_eigh_divide_and_conquer(tier, dtype):
    # n = 150 splits down to leaves of 18-19 rows, so every merge of the divide and conquer runs,
    # the top one (150 roots) on threads at the parallel tier. A spectrum of tight clusters and
    # equal values deflates most of each merge (rotations of close pairs); a random matrix
    # deflates almost nothing. Residual, orthogonality and eigenvalues against NumPy's.
    n = 150
    w = np.concatenate([np.full(40, 2.0), np.full(30, -2.0), np.zeros(10), 1.0 + 1e-9 * np.arange(20),
                        np.linspace(-1e3, 1e3, 50)])
    q, _ = np.linalg.qr(rand(dtype, (n, n), seed=4).astype(np.complex128 if dtype in COMPLEX_DTYPES else np.float64))
    clustered = ((q * w) @ mT(q)).astype(dtype)
    for na in [clustered, hermitian(dtype, (n, n), seed=5)]:
        _, runs = traced(tier, lambda: check_eigh(owned_copy(na), na), "eigh")
        assert_tier(runs, dtype, tier)
    # Views of arrpy memory: reversed, and a stack broadcast from one matrix.
    nview, aview = view_pair(clustered, lambda x: x[::-1, ::-1])
    with ap.backend(tier):
        check_eigh(aview, np.ascontiguousarray(nview))
        check_eigh(broadcast_view(owned_copy(clustered), (2, n, n)), np.broadcast_to(clustered, (2, n, n)))


def test_eigh_empty_and_errors():
    w, v = ap.linalg.eigh(ap.zeros((2, 0, 0)))
    assert w.shape == (2, 0) and v.shape == (2, 0, 0) and w.dtype == "float64"
    assert isinstance(ap.linalg.eigh(ap.eye(2)), ap.linalg.EighResult)
    with pytest.raises(ValueError, match="UPLO argument must be 'L' or 'U'"):
        ap.linalg.eigh(ap.eye(2), UPLO="X")
    with pytest.raises(ap.linalg.LinAlgError, match=r"must be square \(shape \(2, 3\)\)"):
        ap.linalg.eigh(ap.ones((2, 3)))
    with pytest.raises(ap.linalg.LinAlgError, match="1-dimensional"):
        ap.linalg.eigvalsh(ap.ones(3))


# ---- eig / eigvals -----------------------------------------------------------------------------

def check_eig(a, na):
    w, v = ap.linalg.eig(a)
    nw, nv = np.linalg.eig(na)
    # Complex whatever the eigenvalues, as NumPy 2.5 (2.4 made real ones real).
    complex_dtype = np.result_type(nw.dtype, np.complex64)
    nw, nv = nw.astype(complex_dtype), nv.astype(complex_dtype)
    w, v = np_of(w), np_of(v)
    assert w.dtype == nw.dtype and v.dtype == nv.dtype, (w.dtype, nw.dtype)
    assert w.shape == nw.shape and v.shape == nv.shape
    n = na.shape[-1]
    t = tol(na, n) * 10
    key = lambda x: np.sort_complex(np.round(x, 4))
    np.testing.assert_allclose(key(w), key(nw), atol=1e-3)
    np.testing.assert_allclose(na @ v, v * w[..., None, :], atol=t)
    np.testing.assert_allclose(np.linalg.norm(v, axis=-2), 1, atol=t)
    if v.dtype.kind == "c" and n:
        # geev's scaling: the largest component of each eigenvector is real.
        big = np.argmax(np.abs(v), axis=-2)
        np.testing.assert_allclose(np.imag(np.take_along_axis(v, big[..., None, :], -2)), 0, atol=t)
    np.testing.assert_allclose(key(np_of(ap.linalg.eigvals(a))), key(nw), atol=1e-3)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", DTYPES + ["int64"])
def test_eig_matches_numpy(tier, dtype):
    na = rand(dtype, (3, 4, 4), seed=10)
    a = owned_copy(na)
    _, runs = traced(tier, lambda: check_eig(a, na), "eig")
    kind = "float64" if dtype == "int64" else dtype
    assert_tier(runs, kind, tier)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_eig_is_complex_even_when_eigenvalues_are_real(tier, dtype):
    sym = hermitian(dtype, (2, 4, 4), seed=11)
    rot = np.array([[[0, 1], [-1, 0]], [[2, 0], [0, 3]]], dtype)
    with ap.backend(tier):
        check_eig(owned_copy(sym), sym)                 # real eigenvalues, a complex dtype
        check_eig(owned_copy(rot), rot)                 # one matrix complex
        check_eig(ap.asarray(np.diag([1.0, 2.0]).astype(dtype)), np.diag([1.0, 2.0]).astype(dtype))
        nview, aview = view_pair(rand(dtype, (5, 5), seed=12), lambda x: x[::-1].T)
        check_eig(aview, np.ascontiguousarray(nview))


def test_eig_empty_and_errors():
    w, v = ap.linalg.eig(ap.zeros((2, 0, 0)))
    assert w.shape == (2, 0) and v.shape == (2, 0, 0) and w.dtype == "complex128"
    assert isinstance(ap.linalg.eig(ap.eye(2)), ap.linalg.EigResult)
    with pytest.raises(ap.linalg.LinAlgError, match="must not contain infs or NaNs"):
        ap.linalg.eig(ap.asarray([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(ap.linalg.LinAlgError, match=r"must be square \(shape \(3, 2\)\)"):
        ap.linalg.eigvals(ap.ones((3, 2)))


# ---- svd / svdvals -----------------------------------------------------------------------------

def check_svd(a, na, full_matrices=True, exact_s=True):
    u, s, vh = ap.linalg.svd(a, full_matrices=full_matrices)
    nu, ns, nvh = np.linalg.svd(na, full_matrices=full_matrices)
    u, s, vh = np_of(u), np_of(s), np_of(vh)
    assert (u.dtype, s.dtype, vh.dtype) == (nu.dtype, ns.dtype, nvh.dtype)
    assert (u.shape, s.shape, vh.shape) == (nu.shape, ns.shape, nvh.shape)
    m, n = na.shape[-2:]
    k = min(m, n)
    t = tol(na, max(m, n))
    np.testing.assert_allclose(s, ns, atol=t)
    assert np.all(np.diff(s, axis=-1) <= 0)
    np.testing.assert_allclose((u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :], na, atol=t)
    np.testing.assert_allclose(mT(u) @ u, np.broadcast_to(np.eye(u.shape[-1]), mT(u).shape[:-1] + (u.shape[-1],)), atol=t)
    np.testing.assert_allclose(vh @ mT(vh), np.broadcast_to(np.eye(vh.shape[-2]), vh.shape[:-1] + (vh.shape[-2],)), atol=t)
    np.testing.assert_allclose(np_of(ap.linalg.svd(a, compute_uv=False)), ns, atol=t)
    np.testing.assert_allclose(np_of(ap.linalg.svdvals(a)), ns, atol=t)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", DTYPES + ["int64"])
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (2, 3, 4, 6), (1, 1)])
def test_svd_matches_numpy(tier, dtype, shape):
    na = rand(dtype, shape, seed=13)
    a = owned_copy(na)
    _, runs = traced(tier, lambda: check_svd(a, na), "svd")
    kind = "float64" if dtype == "int64" else dtype
    assert_tier(runs, kind, tier)
    with ap.backend(tier):
        check_svd(a, na, full_matrices=False)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["float64", "complex64"])
def test_svd_rank_deficient_views_and_hermitian(tier, dtype):
    base = rand(dtype, (7, 2), seed=14)
    deficient = base @ rand(dtype, (2, 5), seed=15)
    nbase = rand(dtype, (8, 6), seed=16)
    with ap.backend(tier):
        for full in [True, False]:
            check_svd(owned_copy(deficient), deficient, full)
            check_svd(owned_copy(deficient.T.copy()), deficient.T.copy(), full)
        check_svd(ap.zeros((3, 4), dtype=dtype), np.zeros((3, 4), dtype))
        for op in [lambda x: x[::-1, 1::2], lambda x: x.T, lambda x: x[::2]]:
            nview, aview = view_pair(nbase, op)
            check_svd(aview, np.ascontiguousarray(nview))
        na = rand(dtype, (3, 4), seed=17)
        check_svd(broadcast_view(owned_copy(na), (2, 3, 4)), np.broadcast_to(na, (2, 3, 4)))
        h = hermitian(dtype, (2, 4, 4), seed=18)
        u, s, vh = ap.linalg.svd(owned_copy(h), hermitian=True)
        nu, ns, nvh = np.linalg.svd(h, hermitian=True)
        np.testing.assert_allclose(np_of(s), ns, atol=tol(h, 4))
        np.testing.assert_allclose((np_of(u) * np_of(s)[..., None, :]) @ np_of(vh), h, atol=tol(h, 4))
        np.testing.assert_allclose(np_of(ap.linalg.svd(owned_copy(h), compute_uv=False, hermitian=True)), ns, atol=tol(h, 4))


@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (3, 0), (2, 0, 0)])
def test_svd_empty(shape):
    u, s, vh = ap.linalg.svd(ap.zeros(shape))
    nu, ns, nvh = np.linalg.svd(np.zeros(shape))
    np.testing.assert_array_equal(np_of(u), nu)
    np.testing.assert_array_equal(np_of(vh), nvh)
    assert s.shape == ns.shape


def test_svd_errors():
    assert isinstance(ap.linalg.svd(ap.eye(2)), ap.linalg.SVDResult)
    with pytest.raises(ap.linalg.LinAlgError, match="SVD did not converge"):
        ap.linalg.svd(ap.asarray([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(ap.linalg.LinAlgError, match="1-dimensional"):
        ap.linalg.svdvals(ap.ones(3))
    with pytest.raises(ap.linalg.LinAlgError, match="must be square"):
        ap.linalg.svd(ap.ones((2, 3)), hermitian=True)


# ---- tiers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["qr", "eigh", "svd"])
def test_large_matrix_threads_at_the_parallel_tier(name):
    n = 200  # 200×200 is above MIN_THREADED_ELEMENTS (192×192)
    na = hermitian("float64", (n, n), seed=19)
    a = owned_copy(na)
    call = {"qr": lambda: ap.linalg.qr(a), "eigh": lambda: ap.linalg.eigvalsh(a),
            "svd": lambda: ap.linalg.svdvals(a)}[name]
    r, runs = traced("parallel", call, name)
    assert runs["float64"]["threaded"] == int(ap.get_num_threads() > 1), runs
    _, runs = traced("parallel", lambda: ap.linalg.eigvalsh(ap.eye(8)), "eigh")
    assert runs["float64"]["threaded"] == 0


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_reference_tier_agrees_with_fast_tiers(dtype):
    na = rand(dtype, (3, 9, 7), seed=20)
    h = hermitian(dtype, (3, 8, 8), seed=21)
    got = {}
    for tier in TIERS:
        with ap.backend(tier):
            q, r = ap.linalg.qr(ap.asarray(na))
            w, v = ap.linalg.eigh(ap.asarray(h))
            u, s, vh = ap.linalg.svd(ap.asarray(na))
            got[tier] = [np_of(x) for x in (q, r, w, s)] + [np_of(v), np_of(u)]
    for tier in ["simd", "parallel"]:
        for x, y in zip(got["reference"][:4], got[tier][:4]):
            np.testing.assert_allclose(x, y, atol=1e-12)
        # Vectors up to a phase per column: |vᴴ·v'| = 1.
        for x, y in zip(got["reference"][4:], got[tier][4:]):
            k = min(x.shape[-1], 7)
            overlap = np.abs(np.sum(np.conj(x[..., :k]) * y[..., :k], axis=-2))
            np.testing.assert_allclose(overlap, 1, atol=1e-10)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 3), max_size=2), st.integers(0, 6), st.integers(0, 6),
       st.sampled_from(TIERS), st.sampled_from(DTYPES))
def test_shapes_property(batch, m, n, tier, dtype):
    shape = tuple(batch) + (m, n)
    na = rand(dtype, shape, seed=m * 7 + n)
    a = owned_copy(na)
    with ap.backend(tier):
        check_qr(a, na)
        check_svd(a, na, full_matrices=bool(m % 2))
        sq = hermitian(dtype, tuple(batch) + (m, m), seed=n)
        check_eigh(owned_copy(sq), sq)
