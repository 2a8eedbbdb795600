"""The op table against what runs. For every elementwise op, every input dtype it accepts and
every tier, at a size above every threshold (the simd tier's runs, the parallel tier's
elements), `arrpy._loop_trace()` reports which loop the op ran for each loop dtype; it must be
the one the table names: the reference loop at the reference tier, the vectorized loop at the
simd and parallel tiers exactly for the kinds the table lists, and threads at the parallel tier
for every op the table threads. The table is read from `get_backend_capabilities()`; what ran
is recorded by the loop driver itself."""

import inspect

import numpy as np
import pytest

import arrpy as ap
from arrpy import _arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import ALL_DTYPES, LARGE, NUMPY_MODE, TIERS, sample

pytestmark = [pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own loops"), IGNORE_FP_WARNINGS]

CAPS = ap.get_backend_capabilities()
ELEMENTWISE = sorted(n for n, row in CAPS.items() if row["elementwise"])
KIND = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}


def call(name, a, b):
    if name == "where":
        return ap.where(a > b, a, b)
    if name == "clip":
        return ap.clip(a, b, b)
    f = getattr(ap, name)
    arity = sum(p.kind == p.POSITIONAL_ONLY for p in inspect.signature(f).parameters.values())
    return f(a, b) if arity == 2 else f(a)


def traced(name, a, b):
    _arrpy._loop_trace(True)
    try:
        call(name, a, b)
    except (TypeError, ValueError):
        return None
    finally:
        runs = _arrpy._loop_trace(False)
    return runs.get(name, {})


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_the_table_names_the_loop_that_runs(tier, name):
    row = CAPS[name]
    vector_kinds = set(row["vector"])
    checked = 0
    with ap.backend(tier):
        for dtype in ALL_DTYPES:
            a = ap.asarray(sample(dtype, LARGE, seed=1, small=True))
            b = ap.asarray(sample(dtype, LARGE, seed=2, small=True))
            runs = traced(name, a, b)
            if runs is None:
                continue
            assert runs, f"{name}({dtype}) ran no loop the driver saw"
            for loop_dtype, count in runs.items():
                vector = tier != "reference" and KIND[np.dtype(loop_dtype).kind] in vector_kinds
                calls = count["reference"] + count["vector"]
                assert count["vector"] == (calls if vector else 0), (dtype, loop_dtype, count, row)
                threads = tier == "parallel" and row["parallel"] == "native"
                assert count["threaded"] == (calls if threads else 0), (dtype, loop_dtype, count)
                checked += 1
    assert checked > 0, f"no dtype ran {name}"


def test_status_table_reads_the_same_table():
    """simd: native where every kind vectorizes, partial:<kinds>, or the reference loop."""
    for name, row in CAPS.items():
        kinds = row["vector"]
        expected = ("native" if len(kinds) == 4 else
                    "fallback:reference" if not kinds else "partial:" + ",".join(kinds))
        assert row["simd"] == expected, (name, row)


def test_ops_without_vector_loops_still_run_on_threads():
    """asinh, hypot and fmod are scalar libm loops; the parallel tier splits them all the same."""
    x = ap.asarray(sample("float64", LARGE, seed=3))
    for name in ["asinh", "hypot", "fmod"]:
        assert CAPS[name]["vector"] == [] and CAPS[name]["parallel"] == "native"
        runs = traced(name, x, x)
        assert runs["float64"] == {"reference": 1, "vector": 0, "threaded": 1}, (name, runs)


def test_small_arrays_stay_on_one_thread():
    x = ap.asarray(sample("float64", 1000, seed=3))
    runs = traced("add", x, x)
    assert runs["float64"] == {"reference": 0, "vector": 1, "threaded": 0}
    assert _arrpy._loop_trace(False) == {}


TABLE_FUNCTIONS = [row for row in _arrpy._registry() if row["arity"] is not None]


def test_every_binary_and_unary_table_op_is_a_python_function():
    """arrpy._elementwise builds these from the table: name, signature, doc line and aliases."""
    assert len(TABLE_FUNCTIONS) == len([n for n, r in CAPS.items() if r["elementwise"] and
                                        r["family"] != "selection"])
    public = dir(ap)
    for row in TABLE_FUNCTIONS:
        f = getattr(ap, row["name"])
        assert f.__name__ == f.__qualname__ == row["name"]
        assert f.__doc__.startswith(row["doc"] + ", elementwise")
        params = list(inspect.signature(f).parameters.values())
        operands = ["x1", "x2"] if row["arity"] == 2 else ["x"]
        assert [p.name for p in params] == operands + ["out"]
        assert [p.kind for p in params[:-1]] == [inspect.Parameter.POSITIONAL_ONLY] * row["arity"]
        assert params[-1].default is None
        for name in [row["name"], *row["aliases"]]:
            assert name in public and name in ap._elementwise.__all__
            assert getattr(ap, name) is f


def test_aliases_are_numpys_names_for_the_same_function():
    """Each alias is a NumPy function that agrees with the op it names."""
    x = np.linspace(-0.9, 0.9, 7)
    aliased = [row for row in TABLE_FUNCTIONS if row["aliases"]]
    assert {"power", "arcsin", "absolute", "true_divide"} <= {a for r in aliased for a in r["aliases"]}
    for row in aliased:
        for alias in row["aliases"]:
            np_f = getattr(np, alias)
            args = [x, x[::-1] + 2] if row["arity"] == 2 else [x]
            if row["family"] == "bitwise":
                args = [np.arange(7)] * row["arity"]
            with np.errstate(invalid="ignore"):
                expected = np_f(*args)
            if np.isnan(expected).any():  # arccosh: take it on its domain
                args = [a + 2 for a in args]
                expected = np_f(*args)
            assert not np.isnan(expected).any(), alias
            got = np.asarray(getattr(ap, alias)(*(ap.asarray(a) for a in args)))
            np.testing.assert_allclose(got, expected, rtol=1e-14, err_msg=alias)


def test_numpy_has_every_table_op():
    """NumPy has every table op under its name or an alias, so the bench compares each."""
    missing = [r["name"] for r in TABLE_FUNCTIONS
               if not any(hasattr(np, n) for n in [r["name"], *r["aliases"]])]
    assert missing == []
