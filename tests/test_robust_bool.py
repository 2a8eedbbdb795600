"""Bool elements are bytes where any nonzero byte is True (issue 10): memory written through a
foreign view (a NumPy uint8 view of an arrpy bool array, an imported buffer typed bool) may hold
any byte, and every operation must read it as NumPy's `byte != 0`. Importing bool memory never
reads it (a 2**40-element broadcast view imports at once; a bogus pointer does not crash)."""

import functools
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import arrpy
from conftest import LARGE, assert_same

# Bytes that are not 0 or 1; 128 and 255 also catch loads that test the sign or the low bit.
ODD_BYTES = [2, 16, 128, 255, 254]


@functools.lru_cache(maxsize=8)
def odd_bool_array(n, seed=0):
    """(arrpy bool array whose bytes were written through a NumPy uint8 view, the NumPy bool
    array of the same truth values)."""
    rng = np.random.default_rng(seed)
    raw = rng.choice([0, 0, 1] + ODD_BYTES, n).astype(np.uint8)
    b = arrpy.zeros(n, dtype="bool")
    view = np.asarray(b).view(np.uint8)
    view[:] = raw
    return b, raw != 0


LAYOUTS = {
    "contiguous": lambda x: x,
    "strided": lambda x: x[1::3],
    "negative": lambda x: x[::-2],
    "empty": lambda x: x[5:5],
    "2d_transposed": lambda x: x[: (x.shape[0] // 12) * 12].reshape((12, -1)).T,
}


def unary_cases(xp):
    return {
        "sum": lambda a: a.sum(),
        "sum_axis0": lambda a: xp.sum(a, axis=0),
        "any": lambda a: xp.any(a),
        "all": lambda a: xp.all(a),
        "count_nonzero": lambda a: xp.asarray(xp.count_nonzero(a)),
        "max": lambda a: xp.max(a) if a.size else xp.asarray(False),
        "min": lambda a: xp.min(a) if a.size else xp.asarray(False),
        "mean": lambda a: xp.mean(a) if a.size else xp.asarray(0.0),
        "cumsum": lambda a: xp.cumsum(a.reshape(-1)),
        "astype_int64": lambda a: a.astype("int64"),
        "astype_uint8": lambda a: a.astype("uint8"),
        "astype_float64": lambda a: a.astype("float64"),
        "astype_complex64": lambda a: a.astype("complex64"),
        "astype_bool": lambda a: a.astype("bool"),
        "copy": lambda a: a.copy(),
        "logical_not": lambda a: xp.logical_not(a),
        "invert": lambda a: ~a,
        "eq_true": lambda a: a == True,  # noqa: E712
        "ne_false": lambda a: a != False,  # noqa: E712
        "eq_one": lambda a: a == 1,
        "plus_int": lambda a: a + 1,
        "times_float": lambda a: a * 2.5,
        "where": lambda a: xp.where(a, 7, -3),
        "isfinite_of_cast": lambda a: xp.isfinite(a.astype("float32")),
    }


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("case", list(unary_cases(np)))
def test_odd_bytes_read_as_true(tier, layout, case):
    # Over 2**20 bytes, so that the parallel tier splits the reductions too.
    b, ref = odd_bool_array(6 * LARGE if layout != "empty" else 64)
    view, ref_view = LAYOUTS[layout](b), LAYOUTS[layout](ref)
    result = unary_cases(arrpy)[case](view)
    assert_same(result, unary_cases(np)[case](ref_view))


@pytest.mark.parametrize("op", ["logical_and", "logical_or", "logical_xor", "bitwise_and",
                                "bitwise_or", "bitwise_xor", "equal", "not_equal", "less",
                                "less_equal", "greater", "greater_equal", "add", "multiply",
                                "maximum", "minimum"])
def test_odd_bytes_in_binary_ops(tier, op):
    a, ra = odd_bool_array(LARGE, seed=1)
    b, rb = odd_bool_array(LARGE, seed=2)
    f, g = getattr(arrpy, op), getattr(np, op)
    assert_same(f(a, b), g(ra, rb))
    assert_same(f(a[::-1], b[::-1]), g(ra[::-1], rb[::-1]))
    # A broadcast operand (stride 0) and a Python scalar.
    assert_same(f(a.reshape((400, -1)), b[:500]), g(ra.reshape((400, -1)), rb[:500]))
    assert_same(f(a, True), g(ra, True))


def test_results_are_written_as_0_or_1(tier):
    a, ra = odd_bool_array(LARGE, seed=3)
    # (A plain copy may keep the bytes, as NumPy's does; kernels write 0 or 1.)
    for result in (a & a, a | False, ~~a, arrpy.logical_and(a, True), arrpy.logical_or(a, a),
                   arrpy.maximum(a, False), a + a, a == True):  # noqa: E712
        raw = np.asarray(result).view(np.uint8)
        assert set(np.unique(raw).tolist()) <= {0, 1}
        np.testing.assert_array_equal(raw, ra.astype(np.uint8))


def test_odd_bytes_in_scalars_and_text():
    b, ref = odd_bool_array(12, seed=4)
    assert b.tolist() == ref.tolist()
    assert [b[i].item() for i in range(12)] == ref.tolist()
    assert [bool(b[i]) for i in range(12)] == ref.tolist()
    clean = arrpy.asarray(ref.tolist())
    assert repr(b) == repr(clean)
    assert str(b) == str(clean)
    assert (b == arrpy.asarray(ref)).all().item()
    assert b.sum().item() == ref.sum()


@pytest.mark.parametrize("make", ["asarray", "from_dlpack", "frombuffer", "array_interface"])
def test_imported_bool_memory_with_odd_bytes(tier, make):
    raw = np.arange(3 * LARGE, dtype=np.uint64).astype(np.uint8)  # 0..255 repeating
    ref = raw != 0
    if make == "asarray":
        a = arrpy.asarray(raw.view(np.bool_))
    elif make == "from_dlpack":
        a = arrpy.from_dlpack(raw.view(np.bool_))
    elif make == "frombuffer":
        a = arrpy.frombuffer(raw.tobytes(), dtype="bool")
    else:
        holder = type("Holder", (), {"__array_interface__": raw.view(np.bool_).__array_interface__,
                                     "keep": raw})()
        a = arrpy.asarray(holder)
    assert_same(a.sum(), ref.sum())
    assert_same(a[::-7].astype("int32"), ref[::-7].astype(np.int32))
    assert_same(arrpy.logical_not(a[1::2]), np.logical_not(ref[1::2]))
    assert a[:300].tolist() == ref[:300].tolist()


def run_isolated(code, timeout=60):
    """Runs `code` in a fresh interpreter: a crash or hang fails the test instead of the run."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout)


def test_importing_a_huge_broadcast_bool_view_does_not_read_it():
    # 2**40 elements over one byte: validating each element took hours.
    out = run_isolated("""
        import numpy as np, arrpy
        v = np.lib.stride_tricks.as_strided(np.ones(1, np.bool_), shape=(2**20, 2**20), strides=(0, 0))
        a = arrpy.asarray(v)
        print(a.shape, a[12345, 678].item(), a[5].any().item())
    """, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["(1048576,", "1048576)", "True", "True"]


def test_importing_a_bogus_bool_pointer_does_not_read_it():
    # An exporter may lie about its memory: importing must not touch it (it used to segfault
    # while validating bool bytes). Reading elements would of course be undefined.
    out = run_isolated("""
        import arrpy
        class Bogus:
            __array_interface__ = {"shape": (1000, 1000), "typestr": "|b1", "version": 3,
                                   "data": (16, False), "strides": None}
        a = arrpy.asarray(Bogus())
        print(a.shape, a.dtype)
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(1000, 1000) bool"
