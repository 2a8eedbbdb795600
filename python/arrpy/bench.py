"""The benchmark ladder: each op at each tier, beside NumPy when it is installed, with ratios.

    python -m arrpy.bench [--json PATH] [--quick] [--filter SUBSTRING]
    python -m arrpy.bench --audit      # checks where the op table says loops vectorize

Times are medians of repeated runs in this one process; ratios (arrpy tier / NumPy) are what
to compare across machines, since absolute times drift on a shared machine. The default tier
and NumPy are timed in alternating batches, so their ratio is taken under one load, and each
batch starts once the other side's threads have gone idle.
"""

import argparse
import functools
import gc
import hashlib
import io
import json
import operator
import os
import statistics
import sys
import tempfile
import threading
import time
import warnings

import arrpy
from arrpy import _bench_dask, _bench_tiers

try:
    import numpy
except ImportError:  # NumPy is optional: the ladder then shows the tiers alone.
    numpy = None  # type: ignore[assignment]

TIERS = ("reference", "simd", "parallel")


def _time(fn, budget):
    """Median seconds per call of ``fn``, calling it in batches that each last about 20 ms."""
    return _time_side_by_side([fn], budget)[0]


def _cpu_ns_of_other_threads():
    """Nanoseconds on a CPU so far of each other thread of this process (Linux's schedstat),
    or None where that cannot be read."""
    me = str(threading.get_native_id())
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return None
    used = {}
    for task in tasks:
        if task == me:
            continue
        try:
            with open(f"/proc/self/task/{task}/schedstat") as f:
                used[task] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # the thread ended, or the kernel has no schedstat
    return used


def _settle(window=0.01, limit=0.5):
    """Waits (up to ``limit`` seconds) until this process's other threads are idle: OpenBLAS's
    workers spin for about 0.1 s after each NumPy call, on the two cores that the next batch
    needs, and arrpy's threaded loops then took twice their time (measured on matmul 1024:
    45 ms right after NumPy's product, 22 ms 0.2 s later). Each side gets a quiet machine.
    The window spans a few scheduler ticks: a spinning thread's count moves only at ticks."""
    before = _cpu_ns_of_other_threads()
    if before is None:
        return
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        _busy_wait(window)
        after = _cpu_ns_of_other_threads()
        # A thread that started within the window ran all its time in it.
        busy = sum(ns - before.get(task, 0) for task, ns in after.items())
        if busy < window * 1e9 * 0.1:
            return
        before = after


_SPIN_BYTES = bytes(1 << 16)


def _busy_wait(seconds):
    """Waits on this core without sleeping: when both cores idled (a sleep), this host ran the
    next threaded call slowly (solve 500: 12-35 ms for its first two calls after a 0.1-2 s
    sleep, 7 ms after a busy wait), which would charge the pause to the timed side. The spin
    hashes a buffer, which releases the GIL, so that Python threads being waited for run."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        hashlib.sha256(_SPIN_BYTES).digest()


def _time_side_by_side(fns, budget):
    """Median seconds per call of each of ``fns``, timed in alternating batches (one batch of
    each per round, each batch about 20 ms): on a shared machine the load drifts, and
    alternating lets each function see the same drift, so their ratio holds where times taken
    one after the other would not."""
    numbers = []
    for fn in fns:
        fn()
        start = time.perf_counter()
        fn()
        once = max(time.perf_counter() - start, 1e-7)
        numbers.append(max(1, int(0.02 / once)))
    samples = [[] for _ in fns]
    deadline = time.perf_counter() + budget * len(fns)
    while len(samples[0]) < 5 or (time.perf_counter() < deadline and len(samples[0]) < 200):
        for fn, number, taken in zip(fns, numbers, samples):
            _settle()
            # One untimed call first: after the settling pause the cores have idled (on this
            # host a threaded solve 500 then took 12 ms on its first call and 7 ms by its
            # third), and each side is timed warm, as it runs in a loop.
            fn()
            t0 = time.perf_counter()
            for _ in range(number):
                fn()
            taken.append((time.perf_counter() - t0) / number)
    return [statistics.median(taken) for taken in samples]


def _cases(np_module):
    """(name, setup) pairs; setup(xp) returns a zero-argument callable running the op in xp."""

    def rand(xp, n, dtype="float64", shape=None):
        base = [((i * 7919) % 1000) / 10.0 - 50.0 for i in range(min(n, 100_000))]
        a = xp.asarray(base, dtype="float64")
        reps = -(-n // len(base))
        if reps > 1:
            a = xp.concatenate([a] * reps)[:n] if hasattr(xp, "concatenate") else a
        a = a.astype(dtype) if dtype != "float64" else a
        return xp.reshape(a, shape) if shape else a

    def binary(dtype, n, op):
        def setup(xp):
            a, b = rand(xp, n, dtype), rand(xp, n, dtype)[::-1].copy()
            return lambda: op(a, b)
        return setup

    def reduction(n, method, shape=None, **kw):
        def setup(xp):
            a = rand(xp, n, "float64", shape)
            return lambda: getattr(a, method)(**kw)
        return setup

    def function(n, name, shape=None, dtype="float64", **kw):
        def setup(xp):
            a = rand(xp, n, dtype, shape)
            fn = getattr(xp, name)
            return lambda: fn(a, **kw)
        return setup

    def math(n, name, dtype="float64"):
        def setup(xp):
            a = rand(xp, n, dtype)
            fn = getattr(xp, name)
            return lambda: fn(a)
        return setup

    def chained(xp):
        a, b, c = rand(xp, 1_000_000), rand(xp, 1_000_000)[::-1].copy(), rand(xp, 1_000_000) * 0.5
        return lambda: a * b + c

    def multiply_add(xp):
        a, b, c = rand(xp, 1_000_000), rand(xp, 1_000_000)[::-1].copy(), rand(xp, 1_000_000) * 0.5
        # NumPy has no one-pass form: beside it stands its `a * b + c`.
        fn = getattr(xp, "multiply_add", lambda x, y, z: x * y + z)
        return lambda: fn(a, b, c)

    def select(xp):
        a = rand(xp, 1_000_000)
        mask = a > 0
        return lambda: xp.where(mask, a, 0.0)

    def clip(xp):
        a = rand(xp, 1_000_000)
        return lambda: xp.clip(a, -10.0, 10.0)

    def in_place(dtype, n):
        # a += b: the in-place operator writes into a (the values grow by b each call).
        def setup(xp):
            a, b = rand(xp, n, dtype), rand(xp, n, dtype)[::-1].copy() * 1e-6
            return lambda: a.__iadd__(b)
        return setup

    def broadcast(xp):
        a, b = rand(xp, 1_000_000, shape=(1000, 1000)), rand(xp, 1000)
        return lambda: a + b

    def numpy_call(name):
        # NumPy's function called on xp's arrays: for arrpy's, NumPy hands the call to
        # __array_ufunc__/__array_function__ (the protocols' cost over arrpy's own call).
        def setup(xp):
            a, b = rand(xp, 10), rand(xp, 10)[::-1].copy()
            fn = getattr(np_module if np_module is not None else xp, name)
            return (lambda: fn(a, b)) if name == "add" else (lambda: fn(a, axis=0))
        return setup

    def small_add(xp):
        a, b = xp.asarray([float(i) for i in range(10)]), xp.asarray([1.0] * 10)
        return lambda: a + b

    def small_array(xp):
        return lambda: xp.array([1.0, 2.0, 3.0])

    def list_to_array(xp):
        data = [float(i) for i in range(100_000)]
        return lambda: xp.array(data)

    def scalar_index(xp):
        x = xp.arange(100.0)
        return lambda: x[5]

    # ---- advanced indexing (ops/index) ----
    def mask_index(xp):
        a = rand(xp, 1_000_000)
        return lambda: a[a > 0]

    def take(xp):
        a = rand(xp, 1_000_000)
        idx = xp.asarray([(i * 7919) % 1_000_000 for i in range(100_000)])
        return lambda: xp.take(a, idx)

    def slice_index(xp):
        x = xp.arange(100.0)
        return lambda: x[2:50:3]

    def transposed_copy(xp):
        a = rand(xp, 4_000_000, shape=(2000, 2000))
        return lambda: xp.ascontiguousarray(a.T)

    def join_two(xp):
        a, b = rand(xp, 1_000_000), rand(xp, 1_000_000)
        return lambda: xp.concatenate([a, b])

    def save_load(nbytes):
        """save then load of a float64 array of ``nbytes`` through a file in the temporary
        folder (the page cache warm: the file is rewritten each call), the file then removed."""
        def setup(xp):
            a = rand(xp, nbytes // 8)
            path = os.path.join(tempfile.gettempdir(), f"arrpy-bench-{os.getpid()}.npy")

            def run():
                xp.save(path, a)
                xp.load(path)
                os.remove(path)
            return run
        return setup

    def loadtxt(xp):
        """10^5 lines of 10 numbers each, read from an in-memory text file."""
        rows = ("{} {} {} {} {} {} {} {} {} {}".format(*(((i * 10 + j) * 7919 % 100_003) / 7.0
                                                         for j in range(10)))
                for i in range(100_000))
        text = "\n".join(rows) + "\n"
        return lambda: xp.loadtxt(io.StringIO(text))

    def manipulation(name, *args, **kw):
        def setup(xp):
            a = rand(xp, 1_000_000, shape=(1000, 1000))
            return lambda: getattr(xp, name)(a, *args, **kw)
        return setup

    def scattered(xp, n, dtype="float64", distinct=None):
        # Knuth's multiplicative hash of 0..n-1: values spread without NumPy's generator.
        values = [(i * 2654435761) % 2**32 for i in range(n)]
        if distinct:
            values = [v % distinct for v in values]
        elif dtype == "float64":
            values = [v / 2**32 - 0.5 for v in values]
        return xp.asarray(values, dtype=dtype)

    def sorting(name, n, dtype="float64", distinct=None, **kw):
        def setup(xp):
            a = scattered(xp, n, dtype, distinct)
            fn = getattr(xp, name)
            return lambda: fn(a, **kw)
        return setup

    def searchsorted(xp):
        hay, keys = xp.sort(scattered(xp, 1_000_000)), scattered(xp, 100_000)[::-1]
        return lambda: xp.searchsorted(hay, keys)

    def isin(xp):
        a, tests = scattered(xp, 1_000_000, "int64", 4000), scattered(xp, 1000, "int64", 8000)
        return lambda: xp.isin(a, tests)

    def matmul(shape_a, shape_b, dtype="float64", subscripts=None):
        """a @ b, or einsum(subscripts, a, b) when given."""
        def setup(xp):
            size_a, size_b = (functools.reduce(operator.mul, s, 1) for s in (shape_a, shape_b))
            a = rand(xp, size_a, dtype, shape_a)
            b = xp.reshape(rand(xp, size_b + 1, dtype)[1:], shape_b)  # other values than a's
            if subscripts:
                return lambda: xp.einsum(subscripts, a, b)
            return lambda: a @ b
        return setup

    def factorize(name, n, symmetric=False, **kw):
        # Diagonally dominant, so well conditioned (and positive definite when symmetric).
        def setup(xp):
            a = rand(xp, n * n, "float64", (n, n)) * (0.01 / n) + xp.eye(n)
            if symmetric:
                a = a + a.T
            fn = getattr(xp.linalg, name)
            args = (a, a) if name == "solve" else (a,)
            return lambda: fn(*args, **kw)
        return setup

    def decompose(name, n, symmetric=False):
        """``xp.linalg.<name>`` of one n×n float64 matrix (made symmetric for eigh): sines of
        0, 1, 4, 9, … (full rank: ``rand``'s values repeat every 1000 and sin(k) has rank 2,
        and a rank-deficient matrix would time another QR path)."""
        def setup(xp):
            k = xp.arange(n * n, dtype="float64")
            a = xp.reshape(xp.sin(k * k), (n, n))
            if symmetric:
                a = a + a.T
            fn = getattr(xp.linalg, name)
            return lambda: fn(a)
        return setup

    def transform(name, n, dtype="float64", shape=None):
        """``xp.fft.<name>`` of ``rand``'s values."""
        def setup(xp):
            a = rand(xp, n, dtype, shape)
            fn = getattr(xp.fft, name)
            return lambda: fn(a)
        return setup

    def draw(method, *args, **kwargs):
        """``xp.random.default_rng(0).<method>(*args)``: the generator is made once per setup
        (each call goes on with its stream, as a user's loop would)."""
        def setup(xp):
            fn = getattr(xp.random.default_rng(0), method)
            return lambda: fn(*args, **kwargs)
        return setup

    add = lambda a, b: a + b
    return [
        # ---- products (ops/linalg): issue 13's targets beside each row ----
        ("matmul float64 1024 (<= 1.0)", matmul((1024, 1024), (1024, 1024))),
        ("matmul float32 1024 (<= 1.0)", matmul((1024, 1024), (1024, 1024), "float32")),
        ("matmul float64 128 (<= 1.2)", matmul((128, 128), (128, 128))),
        ("matmul float64 4x4 (<= 1.5)", matmul((4, 4), (4, 4))),
        ("matmul 1000x(8x8) float64 (<= 1.0)", matmul((1000, 8, 8), (1000, 8, 8))),
        ("matrix-vector float64 2000 (<= 1.0)", matmul((2000, 2000), (2000,))),
        ("solve float64 500 (<= 1.0)", factorize("solve", 500)),
        ("inv float64 500 (<= 1.0)", factorize("inv", 500)),
        ("det float64 500 (<= 1.0)", factorize("det", 500)),
        ("cholesky float64 500 (<= 1.0)", factorize("cholesky", 500, symmetric=True)),
        ("einsum 'ij,jk->ik' 512 (<= 1.0)", matmul((512, 512), (512, 512), subscripts="ij,jk->ik")),
        ("einsum 'bij,bjk->bik' 64x(64x64) (<= 1.0)",
         matmul((64, 64, 64), (64, 64, 64), subscripts="bij,bjk->bik")),
        ("qr float64 500 (<= 1.2)", decompose("qr", 500)),
        ("eigh float64 300 (<= 1.2)", decompose("eigh", 300, symmetric=True)),
        ("svd float64 300 (<= 1.2)", decompose("svd", 300)),
        # ---- discrete Fourier transforms (ops/fft): issue 14's targets beside each row ----
        ("fft complex128 2^20 (<= 0.8)", transform("fft", 2**20, "complex128")),
        ("rfft float64 2^20 (<= 0.8)", transform("rfft", 2**20)),
        ("fft 1e6 (<= 0.8)", transform("fft", 1_000_000, "complex128")),
        ("fft2 1024x1024 (<= 0.6)", transform("fft2", 1024 * 1024, "complex128", (1024, 1024))),
        # ---- random numbers (ops/random): issue 14's targets beside each row ----
        ("random 1e7 (<= 0.5)", draw("random", 10_000_000)),
        ("standard_normal 1e7 (<= 0.8)", draw("standard_normal", 10_000_000)),
        ("integers 1e7 (<= 0.6)", draw("integers", 0, 1000, 10_000_000)),
        ("permutation 1e6 (<= 0.8)", draw("permutation", 1_000_000)),
        # ---- sorting, searching, sets (ops/sort): issue 12's targets beside each row ----
        ("sort float64 1e6 (<= 0.8)", sorting("sort", 1_000_000)),
        ("argsort float64 1e6 (<= 0.6)", sorting("argsort", 1_000_000)),
        ("stable sort float64 1e6 (<= 0.6)", sorting("sort", 1_000_000, stable=True)),
        ("sort int64 1e6 (<= 0.6)", sorting("sort", 1_000_000, "int64")),
        ("unique int64 1e6, 1000 distinct (<= 0.5)", sorting("unique", 1_000_000, "int64", 1000)),
        ("searchsorted 1e5 keys in 1e6 (<= 0.8)", searchsorted),
        ("isin 1e6 in 1e3 (<= 0.7)", isin),
        # ---- files (ops/io): issue 14's targets ----
        ("save+load 400 MB (<= 1.0)", save_load(400 << 20), 0.25),
        ("loadtxt 1e6 numbers (<= 0.5)", loadtxt, 0.5),
        # ---- manipulation (ops/manipulate) ----
        ("ascontiguousarray(a.T) 2000x2000", transposed_copy),
        ("concatenate two 1e6", join_two),
        ("pad 1000x1000 by 2, reflect", manipulation("pad", 2, "reflect")),
        ("tile 1000x1000 (2, 1)", manipulation("tile", (2, 1))),
        ("roll 1000x1000 by 3 on axis 1", manipulation("roll", 3, axis=1)),
        ("repeat 1000x1000 twice on axis 1", manipulation("repeat", 2, axis=1)),
        # Sizes, dtypes and layouts of a few ops; every table op at 1e6 follows (_table_cases).
        ("a + b float64 1e6", binary("float64", 1_000_000, add)),
        ("a + b float64 1e7", binary("float64", 10_000_000, add)),
        ("a + b float32 1e6", binary("float32", 1_000_000, add)),
        ("a + b int64 1e6", binary("int64", 1_000_000, add)),
        ("a += b float64 1e6", in_place("float64", 1_000_000)),
        ("a += b float32 1e6", in_place("float32", 1_000_000)),
        ("a + b (1000,1000)+(1000,)", broadcast),
        ("a*b+c float64 1e6", chained),
        ("multiply_add(a,b,c) float64 1e6", multiply_add),
        ("exp float32 1e6", math(1_000_000, "exp", "float32")),
        ("sin float32 1e6", math(1_000_000, "sin", "float32")),
        *_table_cases(rand),
        ("where(mask, a, 0) 1e6", select),
        ("clip float64 1e6", clip),
        ("sum float64 1e7", reduction(10_000_000, "sum")),
        ("sum float64 1e6", reduction(1_000_000, "sum")),
        ("sum axis=0 1000x1000", reduction(1_000_000, "sum", (1000, 1000), axis=0)),
        ("sum axis=1 1000x1000", reduction(1_000_000, "sum", (1000, 1000), axis=1)),
        ("mean float64 1e6", reduction(1_000_000, "mean")),
        ("max float64 1e6", reduction(1_000_000, "max")),
        # ---- reductions beyond sum/prod/mean/min/max (reductions.rs) ----
        ("min float64 1e6", reduction(1_000_000, "min")),
        ("max axis=0 1000x1000", reduction(1_000_000, "max", (1000, 1000), axis=0)),
        ("var float64 1e6", reduction(1_000_000, "var")),
        ("std float64 1e6", reduction(1_000_000, "std")),
        ("std axis=0 1000x1000", reduction(1_000_000, "std", (1000, 1000), axis=0)),
        ("std axis=1 1000x1000", reduction(1_000_000, "std", (1000, 1000), axis=1)),
        ("argmax float64 1e6", reduction(1_000_000, "argmax")),
        ("argmin float64 1e6", reduction(1_000_000, "argmin")),
        ("argmax axis=1 1000x1000", reduction(1_000_000, "argmax", (1000, 1000), axis=1)),
        ("any float64 1e6", reduction(1_000_000, "any")),
        ("all float64 1e6", reduction(1_000_000, "all")),
        ("count_nonzero float64 1e6", function(1_000_000, "count_nonzero")),
        ("ptp float64 1e6", function(1_000_000, "ptp")),
        ("nansum float64 1e6", function(1_000_000, "nansum")),
        ("nanmean float64 1e6", function(1_000_000, "nanmean")),
        ("nanmax float64 1e6", function(1_000_000, "nanmax")),
        ("cumsum float64 1e6", reduction(1_000_000, "cumsum")),
        ("cumsum axis=0 1000x1000", reduction(1_000_000, "cumsum", (1000, 1000), axis=0)),
        # ---- statistics (ops/statistics) ----
        ("median float64 1e6", function(1_000_000, "median")),
        ("percentile 3 q float64 1e6", function(1_000_000, "percentile", q=[5.0, 50.0, 95.0])),
        ("median axis=1 1000x1000", function(1_000_000, "median", (1000, 1000), axis=1)),
        ("histogram 100 bins float64 1e6", function(1_000_000, "histogram", bins=100)),
        ("a + b, 10 elements", small_add),
        ("numpy.add(a, b), 10 elements", numpy_call("add")),
        ("numpy.sum(a, axis=0), 10 elements", numpy_call("sum")),
        ("array([1.0, 2.0, 3.0])", small_array),
        ("array(list of 1e5 floats)", list_to_array),
        ("x[5]", scalar_index),
        ("x[2:50:3]", slice_index),
        ("a[a > 0] float64 1e6", mask_index),
        ("take 1e5 indices from 1e6 float64", take),
    ]


# The inputs a table op is timed on: the first of these (values in [-50, 50), then in [0.5, 50),
# [1.5, 50) and (-0.9, 0.9)) on which it gives finite results, so log, acosh and atanh run on
# their domains; bitwise ops take int64 values in [0, 63) (valid shift counts).
_DOMAINS = ((1.0, 0.0), (0.495, 25.25), (0.485, 25.75), (0.018, 0.0))
_TABLE_BUDGET = 0.25  # of a hand-picked row's: one row per table op keeps the ladder short


def _table_cases(rand, n=1_000_000):
    """One row per binary and unary op of the op table, float64 (int64 for bitwise ops) with
    inputs in its domain, beside NumPy's function of the same name or alias (none if NumPy
    lacks it)."""
    cases = []
    for row in arrpy._arrpy._registry():
        if row["arity"] is None:
            continue
        names = [row["name"], *row["aliases"]]
        dtype = "int64" if row["family"] == "bitwise" else "float64"

        def setup(xp, names=names, arity=row["arity"], dtype=dtype):
            fn = next((getattr(xp, name) for name in names if hasattr(xp, name)), None)
            if fn is None:
                return None
            for scale, shift in _DOMAINS if dtype == "float64" else [(None, None)]:
                args = [_table_input(xp, rand, n, dtype, scale, shift, reverse=i == 1)
                        for i in range(arity)]
                with warnings.catch_warnings():  # NumPy warns of the values outside the domain
                    warnings.simplefilter("ignore")
                    finite = dtype != "float64" or _finite(xp, fn(*(a[:1000] for a in args)))
                if finite:
                    return lambda: fn(*args)
            return lambda: fn(*args)  # no domain fits: time the last one

        cases.append((f"{row['name']} {dtype} 1e6", setup, _TABLE_BUDGET))
    return cases


def _table_input(xp, rand, n, dtype, scale, shift, reverse):
    a = rand(xp, n)  # values in [-50, 50)
    if reverse:  # a second operand that differs from the first
        a = a[::-1].copy()
    if dtype == "int64":
        return xp.remainder(a + 50.0, 63.0).astype("int64")
    return a * scale + shift if scale != 1.0 else a


def _finite(xp, result):
    result = xp.asarray(result)
    if result.dtype.kind not in "fc":
        return True
    return bool(xp.all(xp.isfinite(result)))


def run(quick=False, only=None):
    budget = 0.15 if quick else 0.4
    rows = []
    previous = arrpy.get_backend()
    for name, setup, *scale in _cases(numpy):
        if only and only not in name:
            continue
        row = {"op": name}
        arr_fn = setup(arrpy)
        case_budget = budget * scale[0] if scale else budget
        *alone, default = TIERS
        for tier in alone:
            arrpy.set_backend(tier)
            gc.collect()
            row[tier] = _time(arr_fn, case_budget)
        # The default tier and NumPy alternate, so that the ratio the targets name is taken
        # under one load.
        np_fn = setup(numpy) if numpy is not None else None
        arrpy.set_backend(default)
        gc.collect()
        if np_fn is None:  # no NumPy, or NumPy lacks the op
            row[default] = _time(arr_fn, case_budget)
        else:
            row[default], row["numpy"] = _time_side_by_side([arr_fn, np_fn], case_budget)
            for tier in TIERS:
                row[f"{tier}/numpy"] = row[tier] / row["numpy"]
        arrpy.set_backend(previous)
        del arr_fn, np_fn
        rows.append(row)
        _print_row(row)
    return rows


def _fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:7.2f} {unit}"
    return f"{seconds / 1e-9:7.2f} ns"


def _header():
    cols = "".join(f"{t:>12}" for t in TIERS) + (f"{'numpy':>12}{'ratio (parallel/numpy)':>25}" if numpy else "")
    print(f"{'op':32}{cols}")


def _print_row(row):
    line = f"{row['op']:32}" + "".join(f"{_fmt(row[t]):>12}" for t in TIERS)
    if "numpy" in row:
        ratios = "  ".join(f"{row[f'{t}/numpy']:.2f}" for t in TIERS)
        line += f"{_fmt(row['numpy']):>12}   {ratios}"
    print(line, flush=True)


def memory_report():
    """Bytes per element and per-array overhead, beside NumPy's."""
    a = arrpy.zeros(1_000_000)
    report = {"arrpy bytes/element (float64)": a.nbytes / a.size,
              "arrpy per-array overhead (bytes)": sys.getsizeof(arrpy.zeros(0))}
    if numpy is not None:
        report["numpy per-array overhead (bytes)"] = sys.getsizeof(numpy.zeros(0))
    return report


def audit(n=200_000, vector_below=0.7, scalar_above=0.95):
    """Checks the op table's `vector` kinds by measurement: for every elementwise op and loop
    dtype, the simd tier's loop (forced on for every op) against the reference loop, one thread.
    A kind the table lists must not run slower than `scalar_above` of the reference time, and a
    kind it leaves out must not run faster than `vector_below` of it (the band between is the
    noise of timing tiny loops, such as bool copies). Prints each op's median ratio per kind
    and every disagreement."""
    import inspect
    caps = arrpy.get_backend_capabilities()
    kinds_of = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}
    dtypes = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
              "float32", "float64", "complex64", "complex128"]
    trace, previous = arrpy._arrpy._loop_trace, arrpy.get_backend()
    disagreements = []
    for name, row in caps.items():
        if not row["elementwise"] or row["family"] == "selection":
            continue
        f = getattr(arrpy, name)
        arity = sum(p.kind == p.POSITIONAL_ONLY for p in inspect.signature(f).parameters.values())
        ratios = {}
        for dtype in dtypes:
            # The same bytes for every dtype: a bool loop over n elements is too short to time.
            count = n * 8 // arrpy.asarray(0, dtype=dtype).itemsize
            a = arrpy.asarray([(i % 5) + 1 for i in range(count)], dtype=dtype)
            call = (lambda: f(a, a)) if arity == 2 else (lambda: f(a))
            trace(True)
            try:
                call()
            except (TypeError, ValueError):
                trace(False)
                continue
            loops = trace(False).get(name, {})
            if list(loops) != [dtype]:
                continue  # the op casts this input first: its loop is timed with that dtype
            times = {}
            arrpy._arrpy._vector_everywhere(True)
            try:
                for tier in ("reference", "simd"):
                    arrpy.set_backend(tier)
                    times[tier] = _time(call, 0.05)
            finally:
                arrpy._arrpy._vector_everywhere(False)
                arrpy.set_backend(previous)
            ratios.setdefault(kinds_of[numpy_kind(dtype)], []).append(times["simd"] / times["reference"])
        line = []
        for kind, values in ratios.items():
            ratio = statistics.median(values)
            listed = kind in row["vector"]
            if (listed and ratio > scalar_above) or (not listed and ratio < vector_below):
                disagreements.append((name, kind, ratio, listed))
            line.append(f"{kind} {ratio:.2f}{'*' if listed else ''}")
        print(f"{name:22} " + "  ".join(line), flush=True)
    print("(* = the table lists the kind as vectorized; ratio = simd loop / reference loop)")
    for name, kind, ratio, listed in disagreements:
        print(f"DISAGREES: {name} {kind}: ratio {ratio:.2f}, table says {'vector' if listed else 'scalar'}")
    return disagreements


def numpy_kind(dtype):
    """NumPy's kind character of a dtype name, without NumPy."""
    return "b" if dtype == "bool" else "c" if dtype.startswith("complex") else dtype[0] if dtype[0] in "iuf" else "?"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--quick", action="store_true", help="shorter timing budget per measurement")
    parser.add_argument("--filter", metavar="TEXT", help="only ops whose name contains TEXT")
    parser.add_argument("--audit", action="store_true",
                        help="measure where loops vectorize and compare with the op table")
    args = parser.parse_args(argv)
    if args.audit:
        sys.exit(1 if audit() else 0)
    print(f"arrpy {arrpy.__version__}  simd={arrpy._arrpy._simd_level()}  threads={arrpy.get_num_threads()}"
          + (f"  numpy {numpy.__version__}" if numpy else "  (numpy not installed)"))
    print("median time per call; ratios are arrpy tier / numpy (below 1 means faster than NumPy)")
    _header()
    rows = run(quick=args.quick, only=args.filter)
    budget = 0.1 if args.quick else 0.25
    crossover = _bench_tiers.crossover(_time, budget, numpy, args.filter)
    bandwidth = _bench_tiers.bandwidth(budget, numpy, args.filter)
    dask = _bench_dask.cluster_section(numpy, args.filter)
    memory = memory_report()
    for k, v in memory.items():
        print(f"{k}: {v}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "crossover": crossover, "bandwidth": bandwidth, "dask": dask,
                       "memory": memory},
                      f, indent=2)
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
