"""The fast paths of the reduction kernels, at the edges where they hand over to the exact form.

min/max leaves run a compare-and-select with a NaN probe (a running sum) and redo a leaf in the
NaN-propagating form when the probe turns NaN (a NaN, or +inf meeting -inf); exact reductions
(integers, any/all/count_nonzero) run one accumulator per block and any/all stop early. Each
case is checked against NumPy and, bit for bit, across the three tiers and thread counts.
"""
import numpy as np
import pytest

import arrpy
from conftest import TIERS, to_arrpy, to_numpy

N = 300_001  # several parallel tasks of f64, and a leaf remainder (not a multiple of 32)
N_BYTES = 1_100_001  # enough 1-byte elements for the parallel tier to split


def each_tier(fn):
    """fn() at every tier and at 1 and 2 threads; the results as NumPy arrays."""
    results = []
    threads = arrpy.get_num_threads()
    try:
        for t in TIERS:
            for n in (1, 2):
                arrpy.set_num_threads(n)
                with arrpy.backend(t):
                    results.append(to_numpy(fn()))
    finally:
        arrpy.set_num_threads(threads)
    return results


def check_bits(nx, name, **kw):
    """arrpy's `name` equals NumPy's (NaN for NaN) and has the same bytes at every tier."""
    ax = to_arrpy(nx)
    results = each_tier(lambda: getattr(arrpy, name)(ax, **kw))
    expected = getattr(np, name)(nx, **kw)
    np.testing.assert_array_equal(results[0], expected)
    for r in results[1:]:
        assert np.atleast_1d(r).tobytes() == np.atleast_1d(results[0]).tobytes(), (name, r, results[0])


def spiked(dtype, positions, value, seed=0):
    rng = np.random.default_rng(seed)
    nx = (rng.standard_normal(N) * 100).astype(dtype)
    nx[list(positions)] = value
    return nx


FLOATS = ["float64", "float32"]
# First element, the middle of a leaf, a leaf's last lane, the remainder of the final leaf, last.
POSITIONS = [0, 1000, 2047, N - 5, N - 1]


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", ["max", "min", "nanmax", "nanmin", "ptp", "argmax", "argmin"])
@pytest.mark.parametrize("pos", POSITIONS)
def test_single_nan(dtype, name, pos):
    check_bits(spiked(dtype, [pos], np.nan), name)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin"])
@pytest.mark.parametrize("values", [[np.inf], [-np.inf], [np.inf, -np.inf], [np.inf, -np.inf, np.nan]])
def test_infinities_raise_false_alarms_only(dtype, name, values):
    # +inf and -inf in one leaf (positions 64 apart share a lane) turn the probe NaN without a NaN.
    positions = [3 + 64 * k for k in range(len(values))]
    nx = spiked(dtype, [], 0)
    for p, v in zip(positions, values):
        nx[p] = v
    check_bits(nx, name)


@pytest.mark.parametrize("dtype", FLOATS)
def test_huge_values_overflowing_the_probe(dtype):
    # The probe sums a lane's elements: these overflow it to +inf and -inf (a NaN) with no NaN.
    big = np.finfo(dtype).max
    nx = np.tile(np.array([big, big, -big, -big], dtype=dtype), N // 4)
    nx[7] = np.finfo(dtype).max / 2
    for name in ("max", "min", "argmax", "argmin"):
        check_bits(nx, name)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", ["max", "min"])
def test_signed_zeros_same_bits_at_every_tier(dtype, name):
    rng = np.random.default_rng(5)
    nx = np.where(rng.random(N) < 0.5, -0.0, 0.0).astype(dtype)
    check_bits(nx, name)
    check_bits(nx.reshape(-1, 1)[:300_000].reshape(600, 500), name, axis=1)


@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin"])
def test_complex_extrema(dtype, name):
    rng = np.random.default_rng(6)
    nx = (rng.integers(-3, 3, N) + 1j * rng.standard_normal(N)).astype(dtype)
    check_bits(nx, name)
    nx[N // 2] = complex(1.0, np.nan)
    check_bits(nx, name)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "int64", "uint64"])
@pytest.mark.parametrize("name", ["max", "min", "sum", "prod", "ptp", "argmax", "argmin"])
def test_exact_integer_reductions(dtype, name):
    rng = np.random.default_rng(7)
    info = np.iinfo(dtype)
    nx = rng.integers(info.min, info.max, N_BYTES, dtype=dtype, endpoint=True)
    check_bits(nx, name)
    check_bits(nx[::-3], name)


@pytest.mark.parametrize("dtype", ["bool", "float64", "int8", "complex128"])
@pytest.mark.parametrize("pos", [0, 5000, N_BYTES - 1])
def test_truth_reductions_decided_by_one_element(dtype, pos):
    # any: one true element; all: one false element; early exit must not skip or invent it.
    zeros = np.zeros(N_BYTES, dtype=dtype)
    ones = np.ones(N_BYTES, dtype=dtype)
    zeros[pos] = 1
    ones[pos] = 0
    for nx in (zeros, ones):
        for name in ("any", "all", "count_nonzero"):
            check_bits(nx, name)
            check_bits(nx[::-1], name)
            check_bits(nx[: N_BYTES - 1].reshape(1000, -1), name, axis=1)


def test_nan_is_true():
    nx = np.zeros(N_BYTES)
    nx[-1] = np.nan
    for name in ("any", "all", "count_nonzero"):
        check_bits(nx, name)
    assert bool(arrpy.any(to_arrpy(nx))) and int(arrpy.count_nonzero(to_arrpy(nx))) == 1


@pytest.mark.parametrize("dtype", FLOATS + ["complex128"])
@pytest.mark.parametrize("name", ["nanmax", "nanmin"])
def test_nan_ignoring_extrema_edge_leaves(dtype, name):
    rng = np.random.default_rng(8)
    nx = rng.standard_normal(N).astype(dtype)
    nx[2048:4096] = np.nan  # one whole leaf of NaN
    nx[::7] = np.nan
    check_bits(nx, name)
    worst = -np.inf if name == "nanmax" else np.inf
    ny = np.full(N, np.nan, dtype=dtype)
    ny[5000] = worst  # the extremum is the select form's start value
    check_bits(ny, name)
    if dtype.startswith("complex"):
        nz = nx.copy()
        nz.imag[::5] = np.nan  # NaN only in the imaginary part: skipped too
        nz[10] = 3 + 1j
        assert np.isnan(nz.imag).any() and not np.isnan(nz.real[::5]).all()
        check_bits(nz, name)
    nw = np.where(rng.random(N) < 0.5, -0.0, 0.0).astype(dtype)
    nw[::3] = np.nan
    check_bits(nw, name)
