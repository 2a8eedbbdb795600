"""A section of the benchmark ladder (``python -m arrpy.bench``): one Dask pipeline on a
``dask.distributed.LocalCluster`` of two worker processes, over 10**8 float64 elements held in
arrpy chunks and then in NumPy chunks, timed in the same cluster (started once for both).
Skipped, with a line saying so, when dask or distributed is not installed; neither is imported
before the section runs (``import arrpy`` never imports them).

The pipeline (tests/test_dask.py computes the same one and checks it against NumPy): the
workers make each chunk's values (``chunk``), an elementwise expression of them (``values``)
and reductions of both (``pipeline``); only the reductions' few numbers travel back.
"""

import gc
import statistics
import time

SIZE = 10**8
CHUNK = 10**7
ROUNDS = 1  # a round of both takes ~10-20 s on two cores: the section stays near 30 s
TIMEOUT = 300  # seconds for the cluster to start or a computation to finish


def chunk(xp, block_info=None):
    """The float64 values of elements ``start:stop`` (the block's place in the array): integer
    arithmetic then one multiply and one subtract, so arrpy and NumPy give the same bits."""
    start, stop = block_info[None]["array-location"][0]
    i = xp.arange(start, stop, dtype="int64")
    return xp.remainder(i * 7919, 100_003).astype("float64") * 0.01 - 500.0


def values(x):
    """The elementwise part, written once for a Dask array or one chunk (NumPy's or arrpy's
    functions through ``numpy`` dispatch): correctly rounded operations only."""
    import numpy as np
    return np.sqrt(np.abs(x)) * 3.0 - x / 7.0 + x * x


def source(xp, size=SIZE, chunk_size=CHUNK):
    """The 1-d Dask array of ``chunk``'s values in chunks of ``xp``'s arrays, made on the workers."""
    import dask.array as da
    from functools import partial
    n_chunks, last = divmod(size, chunk_size)
    chunks = (chunk_size,) * n_chunks + ((last,) if last else ())
    return da.map_blocks(partial(chunk, xp), chunks=(chunks,), dtype="float64",
                         meta=xp.empty((0,), dtype="float64"))


def pipeline(x):
    """The reductions of ``x`` and of ``y = values(x)``: (sum x, std x, sum y, max y, min y)."""
    y = values(x)
    return x.sum(), x.std(), y.sum(), y.max(), y.min()


def cluster_section(numpy=None, only=None, rounds=ROUNDS):
    """Rows {op, arrpy, numpy, arrpy/numpy, cluster start} (seconds per pipeline run, median of
    ``rounds`` rounds alternating the two, after a warm-up on 10**6 elements that imports both
    libraries in the workers), printed as measured; [] when skipped."""
    name = f"dask pipeline float64 {SIZE:.0e}, 2 workers"
    if only and only not in name:
        return []
    print(f"\n{'dask.distributed LocalCluster':40}{'arrpy':>12}{'numpy':>12}{'ratio':>8}")
    try:
        import dask
        import distributed
    except ImportError:
        print(f"{name:40}  skipped: dask and distributed are not installed", flush=True)
        return []
    if numpy is None:
        print(f"{name:40}  skipped: NumPy is not installed", flush=True)
        return []
    import arrpy

    start = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  timeout=TIMEOUT) as cluster, \
            distributed.Client(cluster, timeout=TIMEOUT) as client:
        started = time.perf_counter() - start
        libs = {"arrpy": arrpy, "numpy": numpy}
        warm_up = [pipeline(source(xp, 10**6, 10**5)) for xp in libs.values()]
        client.gather(client.compute(warm_up), errors="raise")
        graphs = {lib: pipeline(source(xp)) for lib, xp in libs.items()}
        times = {lib: [] for lib in graphs}
        for _ in range(rounds):
            for lib, graph in graphs.items():
                gc.collect()
                t0 = time.perf_counter()
                client.gather(client.compute(graph), errors="raise")
                times[lib].append(time.perf_counter() - t0)
    row = {"op": name, "cluster start": started}
    for lib in graphs:
        row[lib] = statistics.median(times[lib])
    row["arrpy/numpy"] = row["arrpy"] / row["numpy"]
    print(f"{name:40}{row['arrpy']:10.2f} s{row['numpy']:10.2f} s{row['arrpy/numpy']:8.2f}"
          f"   (cluster start {started:.1f} s, median of {rounds} round{'s' * (rounds > 1)})", flush=True)
    return [row]
