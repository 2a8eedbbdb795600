"""Two sections of the benchmark ladder about the tiers themselves (``python -m arrpy.bench``):

- crossover: add, exp and sum from 10**3 to 10**7 elements at the simd and parallel tiers. The
  default tier (parallel) must be no slower than the better of the two at every size (within
  10 %): the column ``par/best`` shows it.
- bandwidth: add of two float64 arrays and sum at 10**7 and 3*10**7 elements, in GB/s and as a
  fraction of a STREAM-style add loop timed in the same run (``_arrpy._stream_add_seconds``),
  since memory bandwidth differs by 2x between hosts and only the fraction compares.
"""

import gc

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


def crossover(time, budget, numpy=None, only=None):
    """Rows {op, n, simd, parallel, par/best[, numpy]}, printed as they are measured."""
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
                    row[tier] = time(fn, budget)
                row["par/best"] = row["parallel"] / min(row["simd"], row["parallel"])
                line = f"{name:24}{row['simd'] * 1e6:10.1f}us{row['parallel'] * 1e6:10.1f}us{row['par/best']:10.2f}"
                if numpy is not None:
                    na, nb = _operands(numpy, n)
                    row["numpy"] = time(_call(numpy, op, na, nb), budget)
                    line += f"{row['numpy'] * 1e6:10.1f}us"
                print(line, flush=True)
                rows.append(row)
    finally:
        arrpy.set_backend(previous)
    return rows


def bandwidth(time, budget, numpy=None, only=None):
    """Rows {op, n, GB/s, of STREAM[, numpy GB/s]} at the default (parallel) tier."""
    rows = []
    print(f"\n{'bandwidth (parallel tier)':30}{'GB/s':>8}{'of STREAM':>11}" + (f"{'numpy GB/s':>12}" if numpy else ""))
    for n in BANDWIDTH_SIZES:
        if only and only not in f"bandwidth n={n:.0e}":
            continue
        gc.collect()
        stream = 24 * n / _arrpy._stream_add_seconds(n)
        print(f"{f'STREAM add n={n:.0e}':30}{stream / 1e9:8.1f}{1.0:11.2f}", flush=True)
        rows.append({"op": f"STREAM add n={n:.0e}", "GB/s": stream / 1e9, "of STREAM": 1.0})
        for op, nbytes in (("add", 24 * n), ("sum", 8 * n)):
            a, b = _operands(arrpy, n)
            seconds = time(_call(arrpy, op, a, b), budget)
            del a, b
            row = {"op": f"{op} float64 n={n:.0e}", "GB/s": nbytes / seconds / 1e9,
                   "of STREAM": nbytes / seconds / stream}
            line = f"{row['op']:30}{row['GB/s']:8.1f}{row['of STREAM']:11.2f}"
            if numpy is not None:
                na, nb = _operands(numpy, n)
                row["numpy GB/s"] = nbytes / time(_call(numpy, op, na, nb), budget) / 1e9
                del na, nb
                line += f"{row['numpy GB/s']:12.1f}"
            gc.collect()
            print(line, flush=True)
            rows.append(row)
    return rows
