"""Reductions against the op table. For each reduction, dtype and tier, over more elements than
the parallel tier's threshold, `arrpy._loop_trace()` reports the loop the reduction driver ran
under the op's own name; it must be the one the table (`get_backend_capabilities()`) names: the
reference loop at the reference tier, the vectorized loop at the simd and parallel tiers for the
kinds the table lists, and threads at the parallel tier where the table threads the op. The
values are checked against NumPy at every tier."""

import numpy as np
import pytest

import arrpy as ap
from arrpy import _arrpy
from conftest import LARGE, NUMPY_MODE, TIERS

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own loops")

CAPS = ap.get_backend_capabilities()
KIND = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}
ROWS, COLS = 400, LARGE // 400  # 2-d layouts of LARGE elements

# name: (arrpy call, NumPy call); `axis` is None or one int.
OPS = {
    "sum": (lambda m, x, axis: m.sum(x, axis=axis)),
    "prod": (lambda m, x, axis: m.prod(x, axis=axis)),
    "min": (lambda m, x, axis: m.min(x, axis=axis)),
    "max": (lambda m, x, axis: m.max(x, axis=axis)),
    "mean": (lambda m, x, axis: m.mean(x, axis=axis)),
    "var": (lambda m, x, axis: m.var(x, axis=axis)),
    "argmax": (lambda m, x, axis: m.argmax(x, axis=axis)),
    "any": (lambda m, x, axis: m.any(x, axis=axis)),
    "nansum": (lambda m, x, axis: m.nansum(x, axis=axis)),
    "cumulative_sum": (lambda m, x, axis: m.cumulative_sum(x, axis=axis)),
}
# (shape, axis): axis=None over everything, the fastest axis reduced (each output element its
# own block), the fastest axis kept (rows accumulated into the output).
LAYOUTS = {"flat": ((LARGE,), None), "inner": ((ROWS, COLS), 1), "outer": ((ROWS, COLS), 0)}


def data(dtype):
    """Values whose products stay finite and whose float sums depend on the order."""
    rng = np.random.default_rng(7)
    if dtype == "int64":
        return rng.integers(-3, 4, LARGE).astype(dtype)
    return (1.0 + (rng.random(LARGE) - 0.5) * 1e-3).astype(dtype)


def check_value(name, got, want, dtype):
    got = np.asarray(got)
    assert got.dtype == want.dtype and got.shape == want.shape, (name, got.dtype, want.dtype)
    if want.dtype.kind in "biu" or name in ("min", "max", "cumulative_sum"):
        np.testing.assert_array_equal(got, want)
    else:
        # Pairwise sums in another blocking than NumPy's: equal to a few float32/64 ulps. NumPy's
        # products run in order, with an error growing like n ulps.
        rtol = 1e-5 if dtype == "float32" else 1e-12
        rtol *= 100 if name == "prod" else 1
        np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * 1e-3)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", ["float64", "int64", "float32"])
@pytest.mark.parametrize("name", OPS)
def test_each_tier_runs_the_reduction_loop_the_table_names(name, dtype, layout):
    row = CAPS[name]
    call = OPS[name]
    shape, axis = LAYOUTS[layout]
    x = data(dtype).reshape(shape)
    want = call(np, x, axis)
    a = ap.asarray(x)
    for tier in TIERS:
        with ap.backend(tier):
            _arrpy._loop_trace(True)
            try:
                got = call(ap, a, axis)
            finally:
                runs = _arrpy._loop_trace(False)
        check_value(name, got, want, dtype)
        assert name in runs, (tier, runs)
        # One loop dtype: the input's.
        assert list(runs[name]) == [dtype], (tier, runs[name])
        count = runs[name][dtype]
        calls = count["reference"] + count["vector"]
        assert calls >= 1, (tier, count)
        vector = tier != "reference" and KIND[np.dtype(dtype).kind] in row["vector"]
        assert count["vector"] == (calls if vector else 0), (tier, count, row)
        threads = tier == "parallel" and row["parallel"] == "native"
        assert count["threaded"] == (calls if threads else 0), (tier, count, row)


def test_the_table_threads_the_reductions_and_not_the_cumulative_ops():
    """The expectations above are not vacuous: the table vectorizes and threads these."""
    for name in OPS:
        if name == "cumulative_sum":
            assert CAPS[name]["vector"] == [] and CAPS[name]["parallel"] != "native"
        else:
            assert "float" in CAPS[name]["vector"] and CAPS[name]["parallel"] == "native", name


def test_small_reductions_stay_on_one_thread():
    x = ap.asarray(np.arange(1000, dtype="float64"))
    _arrpy._loop_trace(True)
    assert float(ap.sum(x)) == 499500.0
    runs = _arrpy._loop_trace(False)
    assert runs["sum"] == {"float64": {"reference": 0, "vector": 1, "threaded": 0}}
