"""arrpy arrays as Dask chunks. dask.array keeps arrpy chunks (its ``_meta`` is an arrpy array)
through elementwise ops, reductions, products, slicing, fancy indexing, rechunk and joins, and
``compute()`` gives arrpy arrays equal to NumPy's computation on the whole array. A real
dask.distributed LocalCluster (two worker processes behind nannies, loopback) computes a
reduction and an elementwise pipeline over 10**8 elements in arrpy chunks, and leaves no
process behind.

Dask is an optional test dependency: without it the module is skipped."""

import os
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
import dask  # noqa: E402

from conftest import ALL_DTYPES, TIERS, make_layout, to_numpy  # noqa: E402

import arrpy as ap  # noqa: E402
from arrpy import _bench_dask  # noqa: E402

LAYOUTS = ["contiguous", "fortran", "strided", "negative", "broadcast", "empty"]
TIMEOUT = 120  # seconds for the cluster to start, a computation, or the teardown


@pytest.fixture(autouse=True)
def threads_scheduler():
    """Dask's default local scheduler (a thread pool): chunks are computed concurrently."""
    with dask.config.set(scheduler="threads"):
        yield


def chunked(a, chunks=(3, 4)):
    """The Dask array of the arrpy array ``a`` in chunks of ``chunks`` (clipped to its shape)."""
    chunks = tuple(min(c, max(n, 1)) for c, n in zip(chunks, a.shape))
    return da.from_array(a, chunks=chunks, asarray=False)


def blocks(d):
    """Every block Dask computes for ``d``, in its grid's order."""
    return list(dask.compute(*d.to_delayed().ravel()))


def check(d, expected, exact=True, meta=ap.ndarray, chunks=ap.ndarray):
    """``d`` holds chunks and meta of arrpy (or the types given), and computes to an array of
    its chunks' type equal to NumPy's ``expected`` (in dtype and shape; values exactly, or to
    a few units of the last place of ``expected``'s dtype where Dask sums chunk by chunk, in
    another order than NumPy)."""
    assert type(d._meta) is meta, type(d._meta)
    for b in blocks(d):
        assert type(b) is chunks, type(b)
    result = d.compute()
    expected = np.asarray(expected)
    assert type(result) is chunks, type(result)
    result = ap.asarray(result)
    assert result.dtype == expected.dtype, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    if exact or expected.dtype.kind not in "fc":
        np.testing.assert_array_equal(to_numpy(result), expected)
    else:
        rtol = 1e-5 if expected.dtype in (np.float32, np.complex64) else 1e-12
        np.testing.assert_allclose(to_numpy(result), expected, rtol=rtol, atol=0)
    return result


def pair(layout="contiguous", dtype="float64", seed=0):
    """(NumPy view, Dask array over an arrpy view) with the same values and layout."""
    n, a = make_layout(layout, dtype, seed=seed, small=True)
    return n, chunked(a)


# =============================================================================================
# from_array, map_blocks, meta


@pytest.mark.parametrize("asarray", [False, None])
def test_from_array_keeps_arrpy_chunks(asarray):
    # asarray=None: Dask keeps an array that overrides NumPy's functions as it is.
    a = ap.arange(24.0).reshape((4, 6))
    d = da.from_array(a, chunks=(2, 4), asarray=asarray)
    assert d.dtype == np.float64 and d.chunks == ((2, 2), (4, 2))
    assert type(d._meta) is ap.ndarray and d._meta.shape == (0, 0)
    got = [b.tolist() for b in blocks(d)]
    full = np.arange(24.0).reshape(4, 6)
    assert got == [full[:2, :4].tolist(), full[:2, 4:].tolist(),
                   full[2:, :4].tolist(), full[2:, 4:].tolist()]
    check(d, full)


def test_map_blocks_keeps_arrpy_chunks():
    n, d = pair("negative")
    # Without meta=, Dask finds it by calling the function on the input's (arrpy) meta.
    check(d.map_blocks(lambda b: b * 2 + 1), n * 2 + 1)
    check(d.map_blocks(ap.cumsum, axis=1), np.concatenate(
        [np.cumsum(n[:, :4], axis=1), np.cumsum(n[:, 4:], axis=1)], axis=1))
    made = da.map_blocks(lambda block_info=None: ap.full((2, 3), float(
        block_info[None]["chunk-location"][0])), chunks=((2, 2), (3,)), dtype="float64",
        meta=ap.empty((0, 0)))
    check(made, np.repeat([[0.0], [1.0]], [2, 2], axis=0) * np.ones((1, 3)))


# =============================================================================================
# Elementwise ops and reductions, every dtype, every layout, every tier


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_elementwise_every_dtype(tier, dtype):
    n, d = pair(dtype=dtype)
    m, e = pair(dtype=dtype, seed=1)
    check(d * e + d, n * m + n)
    check(d == e, n == m)
    check(da.maximum(d, e), np.maximum(n, m))
    check(da.where(d > e, d, e), np.where(n > m, n, m))
    if dtype != "bool":
        check(d - e, n - m)
        # abs of complex is arrpy's hypot, to within its ULP bounds: chunks change nothing.
        check(abs(d), to_numpy(abs(ap.asarray(n))))
    if dtype.startswith(("float", "complex")):
        # exp is arrpy's own to within its ULP bounds (test_accuracy.py): chunks change nothing.
        check(da.exp(d / 8), to_numpy(ap.exp(ap.asarray(n) / 8)))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_elementwise_every_layout(tier, layout):
    n, d = pair(layout)
    check(da.sqrt(abs(d)) * 3.0 - d / 7.0, np.sqrt(abs(n)) * 3.0 - n / 7.0)
    check(np.add(d, 1.5), n + 1.5)  # NumPy's ufunc on the Dask array: Dask's graph, arrpy's chunks


REDUCTIONS = ["sum", "mean", "std", "min", "max"]


@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "uint32", "float32", "float64",
                                   "complex128"])
@pytest.mark.parametrize("name", REDUCTIONS)
def test_reductions_every_dtype(tier, name, dtype):
    n, d = pair(dtype=dtype)
    for axis in (None, 0, 1, (0, 1)):
        check(getattr(d, name)(axis=axis), getattr(n, name)(axis=axis), exact=False)
    check(getattr(d, name)(axis=1, keepdims=True), getattr(n, name)(axis=1, keepdims=True),
          exact=False)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", REDUCTIONS)
def test_reductions_every_layout(tier, name, layout):
    n, d = pair(layout)
    if n.size == 0 and name in ("min", "max"):
        with pytest.raises(ValueError):
            getattr(n, name)()
        with pytest.raises(ValueError):
            getattr(d, name)().compute()
        return
    for axis in (None, 0, 1):
        if n.size == 0 and name in ("mean", "std"):
            # NaN where nothing is summed, and the warnings Dask gives with NumPy chunks: Dask
            # divides some counts under np.errstate(invalid="ignore"), others not.
            with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # NumPy's 'Mean of empty slice'
                expected = getattr(n, name)(axis=axis)
            with warnings.catch_warnings(record=True) as got:
                warnings.simplefilter("always")
                check(getattr(d, name)(axis=axis), expected, exact=False)
            with warnings.catch_warnings(record=True) as want:
                warnings.simplefilter("always")
                getattr(da.from_array(n, chunks=d.chunks), name)(axis=axis).compute()
            assert {str(w.message) for w in got} == {str(w.message) for w in want}, axis
            continue
        check(getattr(d, name)(axis=axis), getattr(n, name)(axis=axis), exact=False)


def test_reduction_functions():
    n, d = pair("strided")
    check(da.sum(d, axis=0), np.sum(n, axis=0), exact=False)
    check(da.nansum(d, axis=1), np.nansum(n, axis=1), exact=False)
    check(da.var(d, axis=1, ddof=1), np.var(n, axis=1, ddof=1), exact=False)
    check(da.argmax(d, axis=1), np.argmax(n, axis=1))
    check(da.any(d > 1, axis=0), np.any(n > 1, axis=0))
    check(da.prod(d, axis=0), np.prod(n, axis=0), exact=False)


# =============================================================================================
# Products


@pytest.mark.parametrize("dtype", ["int64", "float32", "float64", "complex128"])
def test_matmul_and_tensordot(tier, dtype):
    na, a = make_layout("contiguous", dtype, small=True)  # (4, 6)
    nb, b = make_layout("fortran", dtype, seed=1, small=True)  # (4, 6), F order
    na, nb, a, b = na, nb.T, chunked(a), chunked(b.T, (4, 3))  # b: (6, 4), C order
    exact = dtype == "int64"
    check(a @ b, na @ nb, exact=exact)
    check(da.tensordot(a, b, axes=1), np.tensordot(na, nb, axes=1), exact=exact)
    check(da.tensordot(a, a, axes=([0, 1], [0, 1])), np.tensordot(na, na, axes=([0, 1], [0, 1])),
          exact=exact)
    check(da.dot(a, b), np.dot(na, nb), exact=exact)
    check(da.einsum("ij,jk->ik", a, b), np.einsum("ij,jk->ik", na, nb), exact=exact)


# =============================================================================================
# Indexing, rechunk, joins


@pytest.mark.parametrize("layout", ["contiguous", "fortran", "negative", "broadcast"])
def test_slicing_and_fancy_indexing(tier, layout):
    n, d = pair(layout)
    check(d[1:, ::-2], n[1:, ::-2])
    check(d[::2, 1], n[::2, 1])
    check(d[None, 2], n[None, 2])
    check(d[[0, 3, 1]], n[[0, 3, 1]])
    check(d[:, [2, 0, -1]], n[:, [2, 0, -1]])
    check(d[np.array([2, -1])], n[np.array([2, -1])])
    check(d.vindex[[0, 1, 3], [2, -1, 0]], n[[0, 1, 3], [2, -1, 0]])
    # Chunk sizes unknown until computed. Dask makes this array's meta from the dtype alone,
    # whatever its chunks (a NumPy array, for CuPy's chunks too): the chunks stay arrpy's.
    check(d[d > 0], n[n > 0], meta=np.ndarray)


@pytest.mark.parametrize("layout", ["contiguous", "negative", "empty"])
def test_rechunk_concatenate_stack(tier, layout):
    n, d = pair(layout)
    m, e = pair(layout, seed=1)
    # Dask rechunks an empty array into a new one of NumPy's, made from the dtype alone
    # (CuPy's chunks too): nothing of arrpy's is left to keep.
    check(d.rechunk((1, 5)), n)  # the same chunks when empty: d itself
    of = ap.ndarray if n.size else np.ndarray
    check(d.rechunk((4, 1)).rechunk((2, 3)), n, meta=of, chunks=of)
    check(da.concatenate([d, e], axis=0), np.concatenate([n, m], axis=0))
    mixed = e.rechunk((2, 2)) if n.size else e  # chunks of two sizes joined
    check(da.concatenate([d, mixed], axis=1), np.concatenate([n, m], axis=1))
    check(da.stack([d, e]), np.stack([n, m]))
    check(da.stack([d, e], axis=2), np.stack([n, m], axis=2))
    check(d.T.reshape(-1) if n.size else d.T, n.T.reshape(-1) if n.size else n.T)


# =============================================================================================
# A real cluster: two worker processes behind nannies, loopback only


def test_import_arrpy_imports_no_dask():
    out = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys, arrpy, arrpy.bench
        arrpy.ones(3).sum()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("dask", "distributed")))
    """)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_local_cluster_pipeline_on_1e8_elements():
    distributed = pytest.importorskip("distributed")
    psutil = pytest.importorskip("psutil")
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    size = _bench_dask.SIZE
    assert size >= 10**8
    x = _bench_dask.source(ap)
    assert type(x._meta) is ap.ndarray and x.npartitions == 10
    y = _bench_dask.values(x)
    picks = slice(3, None, 99_991)  # ~1000 elements from every chunk
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  timeout=TIMEOUT) as cluster, \
            distributed.Client(cluster, timeout=TIMEOUT) as client:
        assert len(cluster.workers) == 2
        assert all(type(w).__name__ == "Nanny" for w in cluster.workers.values())
        # What each worker holds: (its chunk's type is arrpy's) for each chunk.
        holds_arrpy = x.map_blocks(lambda b: ap.asarray([type(b) is ap.ndarray]),
                                   chunks=(1,), dtype=bool, meta=ap.empty((0,), dtype=bool))
        futures = client.compute([*_bench_dask.pipeline(x), y[picks], holds_arrpy])
        distributed.wait(futures, timeout=TIMEOUT)
        results = client.gather(futures, errors="raise")
        worker_pids = set(client.run(os.getpid).values())
        assert len(worker_pids) == 2 and os.getpid() not in worker_pids
        started = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
        assert worker_pids <= {p.pid for p in started}
    sum_x, std_x, sum_y, max_y, min_y, sample, chunks_of_arrpy = results
    assert all(type(r) is ap.ndarray for r in results)
    assert chunks_of_arrpy.tolist() == [True] * 10

    # NumPy's computation, chunk by chunk (the whole would take 800 MB per array here).
    sums_x, sums_y, maxima, minima, squares = [], [], [], [], []
    for start in range(0, size, _bench_dask.CHUNK):
        stop = start + _bench_dask.CHUNK
        nx = _bench_dask.chunk(np, {None: {"array-location": [(start, stop)]}})
        ny = _bench_dask.values(nx)
        sums_x.append(nx.sum())
        sums_y.append(ny.sum())
        maxima.append(ny.max())
        minima.append(ny.min())
        squares.append(np.square(nx).sum())
    mean = np.sum(sums_x) / size
    np.testing.assert_allclose(sum_x.item(), np.sum(sums_x), rtol=1e-12)
    np.testing.assert_allclose(std_x.item(), np.sqrt(np.sum(squares) / size - mean * mean),
                               rtol=1e-9)
    np.testing.assert_allclose(sum_y.item(), np.sum(sums_y), rtol=1e-12)
    assert max_y.item() == max(maxima) and min_y.item() == min(minima)
    index = np.arange(picks.start, size, picks.step)
    nx = (index * 7919 % 100_003).astype(np.float64) * 0.01 - 500.0
    np.testing.assert_array_equal(to_numpy(sample), _bench_dask.values(nx))

    # The workers and any process the cluster started are gone (but multiprocessing's resource
    # tracker, which serves this interpreter until it exits).
    left = [p for p in psutil.Process().children(recursive=True)
            if p.pid not in before and "multiprocessing.resource_tracker" not in
            " ".join(p.cmdline())]
    assert not left, [(p, p.cmdline()) for p in left]
    for p in started:
        if p.pid in worker_pids:
            assert not p.is_running() or p.status() == psutil.STATUS_ZOMBIE, p
