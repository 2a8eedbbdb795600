"""Two sections of the benchmark ladder about the tiers themselves (``python -m arrpy.bench``):

- crossover: add, exp and sum from 10**3 to 10**7 elements at the simd and parallel tiers. The
  default tier (parallel) must be no slower than the better of the two at every size (within
  10 %): the column ``par/best`` shows it.
- bandwidth: add of two float64 arrays and sum at 10**7 and 3*10**7 elements, in GB/s and as a
  fraction of a STREAM-style add loop timed in the same run (``_arrpy._stream_add_seconds``),
  since memory bandwidth differs by 2x between hosts and only the fraction compares.
"""

import gc
import time

import arrpy
from arrpy import _arrpy

CROSSOVER_SIZES = (10**3, 10**4, 10**5, 3 * 10**5, 10**6, 10**7)
BANDWIDTH_SIZES = (10**7, 3 * 10**7)


def _operands(xp, n):
    return xp.linspace(-5.0, 5.0, n), xp.linspace(1.0, 2.0, n)


def _call(xp, op, a, b):
    if op == "add":
        return lambda: a + b
    if op == "exp":
        return lambda: xp.exp(a)
    return lambda: a.sum()


def crossover(timer, budget, numpy=None, only=None):
    """Rows {op, simd, parallel, par/best[, numpy]}, printed as they are measured;
    ``timer(fn, budget)`` gives seconds per call."""
    rows = []
    previous = arrpy.get_backend()
    print(f"\n{'crossover':24}{'simd':>12}{'parallel':>12}{'par/best':>10}" + (f"{'numpy':>12}" if numpy else ""))
    try:
        for op in ("add", "exp", "sum"):
            for n in CROSSOVER_SIZES:
                name = f"{op} float64 n={n:.0e}"
                if only and only not in name:
                    continue
                a, b = _operands(arrpy, n)
                fn = _call(arrpy, op, a, b)
                row = {"op": name}
                for tier in ("simd", "parallel"):
                    arrpy.set_backend(tier)
                    gc.collect()
                    row[tier] = timer(fn, budget)
                row["par/best"] = row["parallel"] / min(row["simd"], row["parallel"])
                line = f"{name:24}{row['simd'] * 1e6:10.1f}us{row['parallel'] * 1e6:10.1f}us{row['par/best']:10.2f}"
                if numpy is not None:
                    na, nb = _operands(numpy, n)
                    row["numpy"] = timer(_call(numpy, op, na, nb), budget)
                    line += f"{row['numpy'] * 1e6:10.1f}us"
                print(line, flush=True)
                rows.append(row)
    finally:
        arrpy.set_backend(previous)
    return rows


def _best(fn, budget):
    """The fastest of repeated calls of ``fn`` (at least 5) within about ``budget`` seconds."""
    fn()
    best, deadline, calls = float("inf"), time.perf_counter() + budget, 0
    while calls < 5 or time.perf_counter() < deadline:
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        calls += 1
    return best


def bandwidth(budget, numpy=None, only=None, rounds=3):
    """Rows {op, GB/s, of STREAM[, numpy GB/s]} at the default (parallel) tier. The memory
    bandwidth of a shared host drifts by tens of percent from second to second, so each figure is
    the best of `rounds` rounds that alternate the STREAM loop and the ops, and the fraction is
    best against best."""
    rows = []
    print(f"\n{'bandwidth (parallel tier)':30}{'GB/s':>8}{'of STREAM':>11}" + (f"{'numpy GB/s':>12}" if numpy else ""))
    for n in BANDWIDTH_SIZES:
        if only and only not in f"bandwidth n={n:.0e}":
            continue
        ops = {"add": 24 * n, "sum": 8 * n}  # bytes moved: add reads two arrays and writes one
        best = {"STREAM": float("inf")} | {op: float("inf") for op in ops}
        best_np = {op: float("inf") for op in ops}
        for _ in range(rounds):
            gc.collect()
            best["STREAM"] = min(best["STREAM"], _arrpy._stream_add_seconds(n, 5))
            a, b = _operands(arrpy, n)
            for op in ops:
                best[op] = min(best[op], _best(_call(arrpy, op, a, b), budget))
            del a, b
            if numpy is not None:
                na, nb = _operands(numpy, n)
                for op in ops:
                    best_np[op] = min(best_np[op], _best(_call(numpy, op, na, nb), budget))
                del na, nb
        stream = 24 * n / best["STREAM"]
        print(f"{f'STREAM add n={n:.0e}':30}{stream / 1e9:8.1f}{1.0:11.2f}", flush=True)
        rows.append({"op": f"STREAM add n={n:.0e}", "GB/s": stream / 1e9, "of STREAM": 1.0})
        for op, nbytes in ops.items():
            row = {"op": f"{op} float64 n={n:.0e}", "GB/s": nbytes / best[op] / 1e9,
                   "of STREAM": nbytes / best[op] / stream}
            line = f"{row['op']:30}{row['GB/s']:8.1f}{row['of STREAM']:11.2f}"
            if numpy is not None:
                row["numpy GB/s"] = nbytes / best_np[op] / 1e9
                line += f"{row['numpy GB/s']:12.1f}"
            print(line, flush=True)
            rows.append(row)
    return rows
