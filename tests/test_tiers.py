"""The three tiers at sizes where each one runs its own loop, on every op of the table.

For every elementwise op of `get_backend_capabilities()` and every dtype it accepts, inputs of
N = 2**17 + 3 elements (above the parallel tier's MIN_PARALLEL_ELEMENTS, and a remainder after
every vector width) in contiguous, strided and negative-stride layouts (views of arrpy arrays)
run at each tier. The results must be the same bits at every tier (NaN == NaN, -0.0 != 0.0),
equal NumPy's within the tolerances of test_math/test_elementwise, and `_loop_trace` must show
the loop the table names ran: the reference loop at the reference tier, the vector loop at simd
and parallel for the kinds the table lists, and threads at parallel.

Reductions have no trace; they run at sizes above the parallel tree's task size (1 MiB of input)
and must give the same bits at every tier (floats by the one blocked pairwise order) and
NumPy's values.

The index, sort, statistics and manipulate families (and the copy) are not elementwise: each
entry runs by its own calls (`STRUCTURED_CALLS`: sort by sort and partition, take by take, …)
above the parallel threshold, at every tier and on every dtype, against NumPy; the trace must
show the loop the entry promises, and every such entry of the table must have its calls here.
"""

import functools
import warnings
import inspect

import pathlib

import numpy as np
import pytest

import arrpy as ap
from arrpy import _arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import (
    ALL_DTYPES, NUMPY_MODE, TIERS, array_api_floor_divide, assert_layout, owned_copy, sample,
)
from test_math import BINARY as MATH_BINARY, F32_VIA_F64, MAX_ULP, UNARY as MATH_UNARY, oracle

pytestmark = [pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own tiers"), IGNORE_FP_WARNINGS]

MIN_PARALLEL_ELEMENTS = 1 << 16  # crates/arrpy-core/src/kernels/parallel.rs
N = 2 * MIN_PARALLEL_ELEMENTS + 3
# The parallel reduction splits runs of at least 2 * MIN_REDUCE_TASK_BYTES (parallel.rs) bytes;
# twice that makes its tree at least two levels deep.
REDUCE_BYTES = 4 * (512 << 10)

CAPS = ap.get_backend_capabilities()
ELEMENTWISE = sorted(n for n, row in CAPS.items() if row["elementwise"])
# The entries of the families that are neither elementwise nor reductions (index, sort, …).
STRUCTURED = sorted(n for n, row in CAPS.items() if not row["elementwise"] and row["signature"] is None)
KIND = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}
# Second operands kept small and non-negative (shift counts, integer exponents).
SMALL_RHS = {"pow", "bitwise_left_shift", "bitwise_right_shift"}
# Not correctly rounded in NumPy either: compared within MAX_ULP (float) or 16 eps (complex).
INEXACT = {n for table in (MATH_UNARY, MATH_BINARY) for n, (_, exact) in table.items() if not exact}
INEXACT |= {"pow", "abs"}  # libm pow; complex abs is hypot (test_elementwise.assert_close_ulps)
# Complex pow with general exponents differs from NumPy's cpow by 10-30 ulps on random data
# (the strict xfail in test_elementwise): only its tier identity is checked here.
NO_NUMPY_ORACLE = {("pow", "c")}
SPECIALS = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-40, -3e38]  # 1e-40: subnormal in float32

# name -> (base length in units of the view's length, view): views of a 1-d base.
LAYOUTS = {
    "contiguous": (1, lambda x: x),
    "strided": (2, lambda x: x[1::2]),
    "negative_strided": (3, lambda x: x[::-3]),
}


@pytest.fixture(scope="module", autouse=True)
def several_threads():
    """The parallel tier splits work only with more than one thread."""
    before = ap.get_num_threads()
    ap.set_num_threads(max(before, 2))
    yield
    ap.set_num_threads(before)
    ap.set_backend("parallel")


def operand(dtype, n, layout, seed, small=False, specials=False):
    """(NumPy view, arrpy view) of ``n`` elements in ``layout``, the arrpy view taken of an arrpy
    copy of the NumPy base (and checked to have its strides)."""
    factor, view = LAYOUTS[layout]
    base = sample(dtype, factor * n, seed=seed, small=small)
    if specials and base.dtype.kind == "f":
        for k, s in enumerate(SPECIALS):
            base[k::997] = s
    abase = owned_copy(base)
    nv, av = view(base), view(abase)
    assert nv.shape == (n,)
    assert_layout(av, nv)
    return nv, av


def arity(name):
    params = inspect.signature(getattr(ap, name)).parameters.values()
    return sum(p.kind == p.POSITIONAL_ONLY for p in params)


def call(m, name, x, y, z, cond):
    """``name`` of module ``m`` (arrpy or NumPy) on the operands it takes."""
    if name == "where":
        return m.where(cond, x, y)
    if name == "clip":
        return m.clip(x, y, z)
    f = getattr(m, name)
    return f(x, y) if arity(name) == 2 else f(x)


def traced(name, args):
    _arrpy._loop_trace(True)
    try:
        result = call(ap, name, *args)
    finally:
        runs = _arrpy._loop_trace(False)
    return result, runs.get(name, {})


def check_trace(name, tier, runs):
    """The loops that ran are the ones the table names for ``tier``."""
    row = CAPS[name]
    assert runs, f"{name} ran no loop the driver saw"
    for loop_dtype, count in runs.items():
        vector = tier != "reference" and KIND[np.dtype(loop_dtype).kind] in row["vector"]
        calls = count["reference"] + count["vector"]
        assert calls >= 1
        assert count["vector"] == (calls if vector else 0), (tier, loop_dtype, count, row)
        threaded = tier == "parallel" and row["parallel"] == "native"
        assert count["threaded"] == (calls if threaded else 0), (tier, loop_dtype, count, row)


def bits(r):
    """The result as NumPy data: floats and complex parts as (is NaN, bits where not NaN)."""
    n = np.ascontiguousarray(np.asarray(r)).reshape(-1)
    if n.dtype.kind == "c":
        n = n.view(n.real.dtype)
    if n.dtype.kind != "f":
        return n, None
    nan = np.isnan(n)
    return np.where(nan, 0, n).view(f"u{n.itemsize}"), nan


def assert_same_bits(r0, r1, what):
    assert r0.dtype == r1.dtype and r0.shape == r1.shape, (what, r0.dtype, r1.dtype, r0.shape, r1.shape)
    (b0, nan0), (b1, nan1) = bits(r0), bits(r1)
    if nan0 is not None:
        np.testing.assert_array_equal(nan0, nan1, err_msg=f"NaN positions differ: {what}")
    np.testing.assert_array_equal(b0, b1, err_msg=f"bits differ: {what}")


def assert_matches_numpy(name, result, expected):
    got = np.asarray(result)
    assert result.dtype == expected.dtype.name and result.shape == expected.shape, (
        name, result.dtype, expected.dtype, result.shape, expected.shape)
    if name in INEXACT and expected.dtype.kind == "f":
        np.testing.assert_array_max_ulp(got, expected, maxulp=MAX_ULP)
    elif name in INEXACT and expected.dtype.kind == "c":
        eps = np.finfo(expected.dtype).eps
        np.testing.assert_allclose(got, expected, rtol=16 * eps, atol=16 * eps, equal_nan=True)
    else:
        np.testing.assert_array_equal(got, expected)  # NaN == NaN; also compare zero signs:
        if expected.dtype.kind in "fc":
            assert_same_bits(result, np.ascontiguousarray(expected), f"{name} against NumPy")


def numpy_oracle(name, *a):
    """NumPy's result, or the Array API's where arrpy follows it instead (README.md)."""
    if name == "floor_divide":
        return array_api_floor_divide(*a[:2])
    return call(np, name, *a)


def numpy_expected(name, nargs):
    expected = oracle(lambda *a: numpy_oracle(name, *a), *nargs)
    if name in F32_VIA_F64 and expected.dtype == np.float32:
        wide = [np.asarray(a, dtype=np.float64) if a.dtype == np.float32 else a for a in nargs]
        expected = oracle(lambda *a: numpy_oracle(name, *a), *wide).astype(np.float32)
    return expected


def operands(dtype):
    """Per layout: the NumPy and arrpy operands x, y (small for SMALL_RHS ops), z and a bool
    condition, built once per dtype (making them costs more than running an op on them)."""
    result = {}
    for layout in LAYOUTS:
        plain = [operand(dtype, N, layout, 1, specials=True), operand(dtype, N, layout, 2),
                 operand(dtype, N, layout, 3), operand("bool", N, layout, 4)]
        small_y = operand(dtype, N, layout, 2, small=True)
        result[layout] = (plain, [plain[0], small_y] + plain[2:])
    return result


def run_at_every_tier(name, dtype, layout, args, nargs):
    try:
        expected = numpy_expected(name, nargs)
    except TypeError:
        for tier in TIERS:
            with ap.backend(tier), pytest.raises(TypeError):
                call(ap, name, *args)
        return False
    results = {}
    for tier in TIERS:
        with ap.backend(tier):
            results[tier], runs = traced(name, args)
        check_trace(name, tier, runs)
    for tier in TIERS[1:]:
        assert_same_bits(results["reference"], results[tier], f"{name}({dtype}, {layout}) at {tier}")
    if (name, expected.dtype.kind) not in NO_NUMPY_ORACLE:
        assert_matches_numpy(name, results["parallel"], expected)
    return True


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_elementwise_tiers(dtype):
    """Every elementwise op on ``dtype`` (TypeError at every tier where NumPy raises it)."""
    for layout, (plain, small) in operands(dtype).items():
        for name in ELEMENTWISE:
            pairs = small if name in SMALL_RHS else plain
            nargs, args = tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)
            run_at_every_tier(name, dtype, layout, args, nargs)


def test_every_elementwise_op_accepts_some_dtype():
    """So that test_elementwise_tiers ran each op somewhere (float64 takes them all but the
    bitwise ones, int64 takes those)."""
    for name in ELEMENTWISE:
        ran = False
        for dtype in ("float64", "int64"):
            x = ap.asarray(sample(dtype, 4, seed=1, small=True))
            try:
                call(ap, name, x, x, x, ap.asarray([True, False, True, False]))
                ran = True
            except TypeError:
                pass
        assert ran, name


# ---- reductions ----

# name -> (NumPy function, whether NumPy's value is exact in arrpy's order too)
REDUCTIONS = {
    "sum": (np.sum, False), "prod": (np.prod, True), "min": (np.min, True), "max": (np.max, True),
    "mean": (np.mean, False), "var": (np.var, False), "std": (np.std, False),
    "argmin": (np.argmin, True), "argmax": (np.argmax, True), "any": (np.any, True),
    "all": (np.all, True), "count_nonzero": (np.count_nonzero, True), "ptp": (np.ptp, True),
    "nansum": (np.nansum, False), "nanmean": (np.nanmean, False), "nanmin": (np.nanmin, True),
    "nanmax": (np.nanmax, True), "cumulative_sum": (np.cumulative_sum, False),
    "cumulative_prod": (np.cumulative_prod, True),
}
PRODUCTS = {"prod", "cumulative_prod"}
# Reductions whose answer depends on where NaNs are: they also run on data with NaNs.
NAN_AWARE = {"min", "max", "argmin", "argmax", "ptp", "nansum", "nanmean", "nanmin", "nanmax", "sum",
             "any", "all", "count_nonzero"}


@functools.lru_cache(maxsize=3)
def reduce_base(data, dtype, n):
    """Read-only NumPy data of one kind: "product" gets factors of magnitude 1, 2 and 1/2
    (exact in any order, never overflowing); "plain" random reals for floats (sums round
    differently in any other order than the pairwise one) or sample() values; "nan" the same
    with NaNs at scattered places."""
    rng = np.random.default_rng(11)
    kind = np.dtype(dtype).kind
    if data == "product":
        if kind == "u":
            base = rng.choice([1, 1, 1, 3], n).astype(dtype)
        else:
            values = rng.choice([-1.0, 1.0], n)
            if kind in "fc":
                values[::4099], values[7::4099] = 2.0, 0.5
            base = values.astype(dtype)
    elif kind in "fc":
        # Positive, so that no cancellation loosens the comparison with NumPy's (also pairwise)
        # float32 sums.
        base = rng.random(n) * 100 + (1j * rng.random(n) * 100 if kind == "c" else 0)
        base = base.astype(dtype)
        if data == "nan":
            base[n // 5::5003] = np.nan
    else:
        base = sample(dtype, n, seed=12)
    base.setflags(write=False)
    return base


def reduce_cases(dtype):
    """(label, layout function, axes) for arrays of at least REDUCE_BYTES bytes."""
    n = REDUCE_BYTES // np.dtype(dtype).itemsize + 3
    rows = 257
    return n, [
        ("contiguous", 1, lambda x: x, [None]),
        ("negative_strided", 2, lambda x: x[::-2], [None]),
        ("2d", 1, lambda x: x[: rows * (n // rows)].reshape(rows, n // rows), [None, 0, 1]),
        ("2d_transposed", 1, lambda x: x[: rows * (n // rows)].reshape(rows, n // rows).T, [0, 1]),
    ]


def reduce_call(m, name, x, axis):
    if name.startswith("cumulative") and x.ndim > 1 and axis is None:
        return None
    if m is np and name == "count_nonzero" and axis is None:
        return np.asarray(np.count_nonzero(x))
    return getattr(m, name)(x, axis=axis)


def assert_reduction_matches(name, result, expected, exact):
    expected = np.asarray(expected)
    if name == "count_nonzero" and expected.dtype != np.dtype(result.dtype.name):
        expected = expected.astype(result.dtype.name)  # NumPy: intp; both int64 here
    assert result.dtype == expected.dtype.name and result.shape == expected.shape, (
        name, result.dtype, expected.dtype, result.shape, expected.shape)
    got = np.asarray(result)
    if exact or expected.dtype.kind not in "fc":
        np.testing.assert_array_equal(got, expected)
    else:
        rtol = 1e-12 if expected.dtype in (np.float64, np.complex128) else 2e-5  # test_reductions
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=rtol, equal_nan=True)


# Names vary fastest, so that reduce_base's cache of one dtype's data serves them all.
@pytest.mark.parametrize("name", list(REDUCTIONS))
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_reduction_tiers(name, dtype):
    nfn, exact = REDUCTIONS[name]
    n, cases = reduce_cases(dtype)
    for nan in ([False, True] if name in NAN_AWARE and dtype[0] in "fc" else [False]):
        for label, factor, view, axes in cases:
            data = "product" if name in PRODUCTS and dtype != "bool" else "nan" if nan else "plain"
            nx, x = view_of(reduce_base(data, dtype, 2 * n)[: factor * n], view)
            for axis in axes:
                what = f"{name}({dtype}, {label}, axis={axis}, nan={nan})"
                try:
                    with np.errstate(all="ignore"):
                        expected = reduce_call(np, name, nx, axis)
                except (TypeError, ValueError) as exc:
                    for tier in TIERS:
                        with ap.backend(tier), pytest.raises(type(exc) if type(exc) is ValueError else TypeError):
                            reduce_call(ap, name, x, axis)
                    continue
                if expected is None:
                    continue
                results = {}
                for tier in TIERS:
                    with ap.backend(tier):
                        results[tier] = reduce_call(ap, name, x, axis)
                for tier in TIERS[1:]:
                    assert_same_bits(results["reference"], results[tier], f"{what} at {tier}")
                assert_reduction_matches(name, results["parallel"], expected, exact)


def view_of(base, view):
    abase = owned_copy(base)
    nv, av = view(base), view(abase)
    assert_layout(av, nv)
    return nv, av


# ---- the index, sort, statistics and manipulate families, and the copy ----

class Operands:
    """One module's operands (NumPy or arrpy) for the structured calls on one dtype, each above
    the parallel threshold: ``x`` in a layout, int64 indices, a bool mask, ``x`` sorted,
    many-valued data (``distinct``: unique takes its sorted path, not the hashed one), 64
    lanes of 2048 (quantiles select per lane) and a 2-d grid whose transpose is copied."""

    def __init__(self, **arrays):
        self.__dict__.update(arrays)


@functools.lru_cache(maxsize=1)
def structured_operands(dtype, layout):
    rng = np.random.default_rng(21)
    kind = np.dtype(dtype).kind
    if kind in "iu":
        info = np.iinfo(dtype)
        distinct = rng.integers(max(info.min, -2**62), min(info.max, 2**62), N, endpoint=True).astype(dtype)
    elif kind == "b":
        distinct = rng.random(N) < 0.5
    else:
        distinct = (rng.random(N) * 1000 + (1j * rng.random(N) if kind == "c" else 0)).astype(dtype)
    nx, ax = operand(dtype, N, layout, 1)
    numpy = dict(
        x=nx, idx=rng.integers(-N, N, N), rows=rng.integers(0, N // 3, N // 3),
        mask=rng.random(N) < 0.5, sorted=np.sort(nx, kind="stable"), distinct=distinct,
        lanes=sample(dtype, 64 * 2048, seed=22).reshape(64, 2048),
        grid=sample(dtype, 256 * 513, seed=23).reshape(256, 513),
    )
    arrpy = {k: ax if k == "x" else owned_copy(v) for k, v in numpy.items()}
    return Operands(**numpy), Operands(**arrpy)


def set_items(m, o):
    y = o.x.copy()
    y[o.idx] = o.x[::-1]
    return y


# entry -> [(label, call(module, operands))]: the calls that run the entry's loop.
STRUCTURED_CALLS = {
    "gather": [("a[rows]", lambda m, o: o.x[: (N // 3) * 3].reshape(-1, 3)[o.rows])],
    "take": [("take", lambda m, o: m.take(o.x, o.idx)), ("a[idx]", lambda m, o: o.x[o.idx])],
    "compress": [("a[mask]", lambda m, o: o.x[o.mask])],
    "scatter": [("a[idx] = v", set_items)],
    "nonzero": [("nonzero", lambda m, o: m.nonzero(o.x)), ("flatnonzero", lambda m, o: m.flatnonzero(o.x)),
                ("argwhere", lambda m, o: m.argwhere(o.x))],
    "sort": [("sort", lambda m, o: m.sort(o.x)),
             # arrpy's partition is the stable sort (any partition is a valid answer in NumPy).
             ("partition", lambda m, o: m.partition(o.x, 5) if m is ap else np.sort(o.x, kind="stable"))],
    "argsort": [("argsort", lambda m, o: m.argsort(o.x, kind="stable")),
                ("argpartition", lambda m, o: m.argpartition(o.x, 5) if m is ap else np.argsort(o.x, kind="stable"))],
    "lexsort": [("lexsort", lambda m, o: m.lexsort([o.x, o.distinct]))],
    "searchsorted": [("left", lambda m, o: m.searchsorted(o.sorted, o.x)),
                     ("right", lambda m, o: m.searchsorted(o.sorted, o.x, side="right"))],
    "unique": [("unique", lambda m, o: m.unique(o.distinct))],
    "isin": [("isin", lambda m, o: m.isin(o.x, o.x[:100]))],
    "quantile": [("quantile", lambda m, o: m.quantile(o.lanes, [0.2, 0.7], axis=1)),
                 ("percentile", lambda m, o: m.percentile(o.lanes, 40, axis=1, method="nearest"))],
    "median": [("median", lambda m, o: m.median(o.lanes, axis=1))],
    "histogram": [("histogram", lambda m, o: m.histogram(o.x, bins=10))],
    "copy_blocked": [("ascontiguousarray(a.T)", lambda m, o: m.ascontiguousarray(o.grid.T))],
    "astype": [("astype", lambda m, o: o.x.astype("complex128"))],
    # 8 products of 8x256 by 256x64 (shared out whole to threads); sample values (quarters in
    # [-10, 10]) make every float sum exact, so the tiers agree whatever their order.
    "matmul": [("a @ b", lambda m, o: o.lanes[:, :256].reshape(8, 8, 256) @ o.grid[:256, :64])],
}
# The loop the reference tier runs for entries whose own loop exists from the simd tier on:
# the general gather for a 1-d take and a whole-array mask, the plain copy for a transpose.
REFERENCE_LOOP = {"take": "gather", "compress": "gather", "copy_blocked": "astype"}
# unique of 1-byte data always finds few distinct values and takes the hashed path, which runs
# on one thread (the table's one threads flag per entry cannot say so).
ONE_THREAD = {("unique", "bool"), ("unique", "int8"), ("unique", "uint8")}
# arrpy refuses these where NumPy answers: complex histograms (NumPy bins by the real part with a
# ComplexWarning; tests/test_statistics.py checks arrpy's message).
REFUSED = {("histogram", "c")}
# Entries whose fast tiers sum in another order than the reference loop (faer's blocked
# products): on the exact sums of the test data their values agree, but a zero's sign may not.
ZERO_SIGN_MAY_DIFFER = {"matmul"}
# Results computed in floats: NumPy's within these (quantile interpolation may round otherwise).
FLOAT_RESULTS = {"quantile", "median", "histogram"}


# Factorizations round differently at each tier (textbook loops against faer's blocked ones),
# so the exact comparisons here do not fit them: their own files run every tier, check the
# trace and compare within tolerances scaled by epsilon.
TESTED_ELSEWHERE = {
    "lu": "test_linalg_factor.py", "cholesky": "test_linalg_factor.py",
    "qr": "test_linalg_decompose.py", "eigh": "test_linalg_decompose.py",
    "eig": "test_linalg_decompose.py", "svd": "test_linalg_decompose.py",
    "fft": "test_fft.py", "rfft": "test_fft.py", "random": "test_random_stream.py",
}


def test_every_structured_entry_has_calls():
    assert STRUCTURED and set(STRUCTURED) == set(STRUCTURED_CALLS) | set(TESTED_ELSEWHERE)
    assert not set(STRUCTURED_CALLS) & set(TESTED_ELSEWHERE)
    tests = pathlib.Path(__file__).parent
    for name, file in TESTED_ELSEWHERE.items():
        assert f'"{name}"' in (tests / file).read_text(), (name, file)
    assert {CAPS[n]["family"] for n in STRUCTURED} >= {"index", "sort", "statistics", "manipulate", "linalg", "fft"}


def check_structured_trace(name, dtype, tier, runs):
    """The entry's loop ran at ``tier`` as its row promises."""
    row = CAPS[name]
    loop = REFERENCE_LOOP.get(name, name) if tier == "reference" else name
    assert runs.get(loop), f"{name} ran no {loop} loop at {tier}: {runs}"
    for loop_dtype, count in runs[loop].items():
        calls = count["reference"] + count["vector"]
        vector = tier != "reference" and KIND[np.dtype(loop_dtype).kind] in row["vector"]
        assert count["vector"] == (calls if vector else 0), (name, tier, loop_dtype, count, row)
        threaded = tier == "parallel" and row["parallel"] == "native" and (name, dtype) not in ONE_THREAD
        assert count["threaded"] == (calls if threaded else 0), (name, tier, loop_dtype, count, row)


def as_arrays(r):
    return list(r) if isinstance(r, tuple) else [r]


def assert_structured_matches(name, result, expected, what):
    for got, want in zip(as_arrays(result), as_arrays(expected), strict=True):
        want = np.asarray(want)
        assert got.shape == want.shape and got.dtype == want.dtype.name, (what, got.shape, want.shape, got.dtype, want.dtype)
        if name in FLOAT_RESULTS and want.dtype.kind in "fc":
            rtol = 1e-6 if want.dtype == np.float32 else 1e-12
            np.testing.assert_allclose(np.asarray(got), want, rtol=rtol, err_msg=what)
        else:
            np.testing.assert_array_equal(np.asarray(got), want, err_msg=what)


@pytest.mark.parametrize("layout", ["contiguous", "negative_strided"])
@pytest.mark.parametrize("name", sorted(STRUCTURED_CALLS))
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_structured_tiers(dtype, name, layout):
    """Each call of the entry at every tier: the loop the table promises (trace), the same
    result at every tier, NumPy's result (TypeError at every tier where NumPy raises it)."""
    nops, aops = structured_operands(dtype, layout)
    for label, call_ in STRUCTURED_CALLS[name]:
        what = f"{name}: {label}({dtype}, {layout})"
        try:
            if (name, np.dtype(dtype).kind) in REFUSED:
                raise TypeError
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # NumPy's histogram converts bool with a warning
                expected = call_(np, nops)
        except TypeError:
            for tier in TIERS:
                with ap.backend(tier), pytest.raises(TypeError):
                    call_(ap, aops)
            continue
        results = {}
        for tier in TIERS:
            _arrpy._loop_trace(True)
            try:
                with ap.backend(tier), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    results[tier] = call_(ap, aops)
            finally:
                runs = _arrpy._loop_trace(False)
            check_structured_trace(name, dtype, tier, runs)
        for tier in TIERS[1:]:
            for r0, r1 in zip(as_arrays(results["reference"]), as_arrays(results[tier]), strict=True):
                if name in ZERO_SIGN_MAY_DIFFER:
                    np.testing.assert_array_equal(np.asarray(r0), np.asarray(r1), err_msg=f"{what} at {tier}")
                else:
                    assert_same_bits(r0, r1, f"{what} at {tier}")
        assert_structured_matches(name, results["parallel"], expected, what)
