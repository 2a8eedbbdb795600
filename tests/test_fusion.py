"""Chained arithmetic: in `a * b + c` the product is left pending and computed together with the
sum in one pass. The values must be exactly those of the two ops; every way of reaching a pending
array other than the chaining op must see its values; nothing may chain where Python code could
run between the two ops."""

import operator
import sys
import threading

import numpy as np
import pytest

import arrpy
from arrpy import _arrpy as ext

from conftest import FLOAT_DTYPES, sample

N = 100_000  # 800 KB of float64, 400 KB of float32: above the 256 KiB threshold
OPS = [operator.add, operator.sub, operator.mul, operator.truediv]
SYMBOL = {operator.add: "+", operator.sub: "-", operator.mul: "*", operator.truediv: "/"}


def fused_during(fn):
    before = ext._fused_count()
    result = fn()
    return result, ext._fused_count() - before


def arrays(dtype, n=N, seeds=(1, 2, 3)):
    nps = [sample(dtype, n, seed=s) for s in seeds]
    # Nonzero divisors, and a NaN and an infinity among the values.
    nps[1][nps[1] == 0] = 0.5
    nps[0][:2] = [np.nan, np.inf]
    return nps, [arrpy.asarray(x.copy()) for x in nps]


def chains(tier):
    return 0 if tier == "reference" else 1


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("first", OPS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("second", OPS, ids=lambda f: f.__name__)
def test_every_pair_chains_exactly(dtype, first, second, tier):
    (na, nb, nc), (a, b, c) = arrays(dtype)
    with np.errstate(all="ignore"):
        want = second(first(na, nb), nc)
    # Calling operator.add would be a C call, not the interpreter's BINARY_OP: written out.
    run = eval(f"lambda x, y, z: (x {SYMBOL[first]} y) {SYMBOL[second]} z")
    r, fused = fused_during(lambda: run(a, b, c))
    assert fused == chains(tier)
    assert r.dtype == dtype and r.shape == (N,)
    np.testing.assert_array_equal(np.asarray(r), want)
    for x, nx in ((a, na), (b, nb), (c, nc)):
        np.testing.assert_array_equal(np.asarray(x), nx)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_scalar_operands(dtype, tier):
    (na, nb, nc), (a, b, c) = arrays(dtype)
    k = chains(tier)
    cases = [
        (lambda: a * 2.5 + c, na * np.asarray(2.5, dtype) + nc, k),
        (lambda: 2.5 * a + c, np.asarray(2.5, dtype) * na + nc, k),
        (lambda: a * b - 1.5, na * nb - np.asarray(1.5, dtype), k),
        (lambda: a / b * 3, na / nb * np.asarray(3, dtype), k),
        # A Python int or float takes the array's dtype (NEP 50).
        (lambda: a - b + 7, na - nb + np.asarray(7, dtype), k),
        # A repeated element first chains only where the op commutes.
        (lambda: 1.5 - a + c, np.asarray(1.5, dtype) - na + nc, 0),
        (lambda: 2.0 / b * c, np.asarray(2.0, dtype) / nb * nc, 0),
    ]
    for fn, want, expect in cases:
        r, fused = fused_during(fn)
        assert fused == expect
        assert r.dtype == dtype
        np.testing.assert_array_equal(np.asarray(r), want)


CA, CB, CC = (arrpy.asarray(sample("float64", N, seed=s)) for s in (4, 5, 6))


def global_chain():
    return CA * CB + CC


def test_every_kind_of_load(tier):
    want = np.asarray(CA) * np.asarray(CB) + np.asarray(CC)
    k = chains(tier)
    a, b, c = CA, CB, CC

    def local(x, y, z):
        return x * y + z

    closure = lambda: a * b + c  # noqa: E731 (LOAD_DEREF)
    namespace = {"a": a, "b": b, "c": c, "arrpy": arrpy}
    for fn in (lambda: local(a, b, c), closure, global_chain):
        r, fused = fused_during(fn)
        assert fused == k
        np.testing.assert_array_equal(np.asarray(r), want)
    # Module-level code: LOAD_NAME from plain dicts.
    _, fused = fused_during(lambda: exec("r = a * b + c", namespace))
    assert fused == k
    np.testing.assert_array_equal(np.asarray(namespace["r"]), want)


def test_nothing_chains_where_python_code_could_run_between():
    (na, nb, nc), (a, b, c) = arrays("float64")
    want = na * nb + nc
    first = float(na[2] * nb[2] + nc[2])

    class Sneaky(dict):
        """Locals whose lookups run Python code: loading `c` changes `a`."""

        def __getitem__(self, key):
            if key == "c":
                a[2] = 1000.0
            return dict.__getitem__(self, key)

    namespace = Sneaky(a=a, b=b, c=c)
    _, fused = fused_during(lambda: exec("r = a * b + c", {}, namespace))
    r = namespace["r"]
    assert float(r[2]) == first  # the product was taken before `c` was loaded
    assert fused == 0
    a[2] = na[2]

    # A tracer runs Python code between instructions.
    def f():
        return a * b + c

    sys.settrace(lambda *args: None)
    try:
        r, fused = fused_during(f)
    finally:
        sys.settrace(None)
    np.testing.assert_array_equal(np.asarray(r), want)
    assert fused == 0

    # A product made by a C function, or stored, or followed by something else than + - * /.
    for fn, expect in [
        (lambda: operator.mul(a, b) + c, want),
        (lambda: arrpy.add(a * b, c), want),
        (lambda: (a * b > c), (na * nb) > nc),
        (lambda: -(a * b) + c, -(na * nb) + nc),
        (lambda: [a * b, c][0], na * nb),
    ]:
        r, fused = fused_during(fn)
        assert fused == 0
        np.testing.assert_array_equal(np.asarray(r), expect)


def test_a_pending_product_is_computed_when_read_first():
    (na, nb, nc), (a, b, c) = arrays("float64")
    product = na * nb
    seen = []

    class Right:
        """Its __radd__ runs after ours gives up: it reads the product and changes `a`."""

        def __radd__(self, left):
            a[0] = 123.0
            seen.append(np.asarray(left).copy())
            return "radd"

    right = Right()
    r, fused = fused_during(lambda: a * b + right)
    assert (r, fused) == ("radd", 0)
    np.testing.assert_array_equal(seen[0], product)
    a[0] = na[0]
    # Operands that are not arrpy arrays or plain numbers, or do not fit: computed, then added.
    two_rows = arrpy.asarray(np.stack([nc, nc]))
    for fn, want in [
        (lambda: a * b + nc, product + nc),
        (lambda: a * b + [1.0] * N, product + 1.0),
        (lambda: a * b + np.float64(2.0), product + 2.0),
        (lambda: a * b + two_rows, product + np.stack([nc, nc])),
        (lambda: a * b + arrpy.asarray(nc.astype("float32")), product + nc.astype("float32")),
        (lambda: a * b + arrpy.asarray(nc)[::-1], product + nc[::-1]),
    ]:
        r, fused = fused_during(fn)
        assert fused == 0
        np.testing.assert_array_equal(np.asarray(r), want)


def test_threads_chain_their_own_arrays():
    results, errors = {}, []

    def work(seed):
        try:
            (na, nb, nc), (a, b, c) = arrays("float64", seeds=(seed, seed + 1, seed + 2))
            for _ in range(20):
                r = a * b - c
                np.testing.assert_array_equal(np.asarray(r), na * nb - nc)
            results[seed] = True
        except Exception as e:  # reported below: assertions in threads do not fail the test
            errors.append(e)

    threads = [threading.Thread(target=work, args=(s,)) for s in (10, 20, 30, 40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(results) == [10, 20, 30, 40]
