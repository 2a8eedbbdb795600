"""Signed zeros in maximum/minimum/fmax/fmin and the max/min/nanmax/nanmin reductions (issue 10).

NumPy's maximum(a, b) and minimum(a, b) return b when a == b (so maximum(0.0, -0.0) is -0.0 and
maximum(-0.0, 0.0) is 0.0) on every layout and size; its reductions' scalar loops keep the later
of equal elements, so max/min over a strided or reversed run return the last element equal to the
result. arrpy does exactly that at every tier, on every layout (NumPy's contiguous SIMD
reductions, and fmax/fmin's scalar remainders, pick among ±0 by lane position instead; there the
rule, not NumPy, is the oracle). Complex arrays are not concerned: NumPy keeps the first of
equal complex values, and so does arrpy."""

import numpy as np
import pytest

import arrpy
from conftest import LARGE, to_numpy

FLOATS = ["float32", "float64"]


def signs(a):
    return np.signbit(to_numpy(a) if isinstance(a, arrpy.ndarray) else np.asarray(a))


def zeros_mixed(dt, n, seed):
    """Random +0 and -0 (with a few other values), as NumPy and arrpy arrays."""
    rng = np.random.default_rng(seed)
    x = np.where(rng.random(n) < 0.5, 0.0, -0.0).astype(dt)
    return x, arrpy.asarray(x)


LAYOUTS_1D = {
    "contiguous": lambda x: x,
    "strided": lambda x: x[1::3],
    "negative": lambda x: x[::-1],
    "negative_strided": lambda x: x[-2::-5],
}


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("op", ["maximum", "minimum", "fmax", "fmin"])
def test_binary_tie_returns_the_second_operand(tier, dt, op):
    f, g = getattr(arrpy, op), getattr(np, op)
    for n in (1, 5, 16, 1000, LARGE):
        p, ap = np.zeros(n, dt), arrpy.zeros(n, dtype=dt)
        m, am = -p, -ap
        # The rule: the second operand's bits (also NumPy's for maximum/minimum, everywhere).
        assert signs(f(ap, am)).all() and not signs(f(am, ap)).any()
        assert signs(f(ap[::2], am[::2])).all() and not signs(f(am[::-2], ap[::-2])).any()
        assert signs(f(ap, -0.0)).all() and not signs(f(am, 0.0)).any()
        assert signs(f(ap.reshape((1, -1)), am[:1])).all()  # broadcast second operand
        if op in ("maximum", "minimum") or n % 16 == 0:
            np.testing.assert_array_equal(signs(f(ap, am)), np.signbit(g(p, m)))
            np.testing.assert_array_equal(signs(f(am, ap)), np.signbit(g(m, p)))


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("op", ["maximum", "minimum"])
def test_binary_mixed_zeros_match_numpy(tier, dt, op):
    x, ax = zeros_mixed(dt, 2 * LARGE, 1)
    y, ay = zeros_mixed(dt, 2 * LARGE, 2)
    f, g = getattr(arrpy, op), getattr(np, op)
    for lay in LAYOUTS_1D.values():
        np.testing.assert_array_equal(signs(f(lay(ax), lay(ay))), np.signbit(g(lay(x), lay(y))))
    np.testing.assert_array_equal(signs(f(ax, ay[5])), np.signbit(g(x, y[5])))
    # clip is maximum then minimum, as NumPy's.
    np.testing.assert_array_equal(signs(arrpy.clip(ax, ay, 1.0)), np.signbit(np.clip(x, y, 1.0)))


def last_equal_sign(x, value):
    """The sign of the last element of the 1-d `x` equal to `value`."""
    return bool(np.signbit(x[np.flatnonzero(x == value)[-1]]))


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("op", ["max", "min", "nanmax", "nanmin"])
@pytest.mark.parametrize("layout", list(LAYOUTS_1D))
def test_reductions_return_the_last_tied_zero(tier, dt, op, layout):
    f, g = getattr(arrpy, op), getattr(np, op)
    for n, seed in [(3, 0), (17, 1), (1000, 3), (4097, 4), (2 * LARGE + 3, 5)]:
        x, ax = zeros_mixed(dt, n, seed)
        # Nonzero values around the zeros: the extremum is still a zero.
        x[::7] = 1.0 if "min" in op else -1.0
        ax = arrpy.asarray(x)
        if "nan" in op:
            x[3::11] = np.nan
            ax = arrpy.asarray(x)
        v, av = LAYOUTS_1D[layout](x), LAYOUTS_1D[layout](ax)
        result = f(av)
        expected = g(v)
        assert result.item() == expected
        assert bool(signs(result)) == last_equal_sign(v, 0.0), (n, layout)
        if layout != "contiguous" and op in ("max", "min"):
            # NumPy's own loop is sequential here, so it is the oracle too.
            assert bool(signs(result)) == bool(np.signbit(expected)), (n, layout)


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("op", ["max", "min", "nanmax", "nanmin"])
def test_axis_reductions_return_the_last_tied_zero(tier, dt, op):
    x, _ = zeros_mixed(dt, 600 * 500, 7)
    x = x.reshape(600, 500)
    ax = arrpy.asarray(x)
    f = getattr(arrpy, op)
    for axis in (0, 1):
        r = signs(f(ax, axis=axis))
        expected = np.signbit(np.take(x, -1, axis=axis))  # all zeros: the last element decides
        np.testing.assert_array_equal(r, expected)
        r = signs(f(ax[::-1, ::-2], axis=axis))
        np.testing.assert_array_equal(r, np.signbit(np.take(x[::-1, ::-2], -1, axis=axis)))


def test_tiers_agree_on_every_zero_pattern():
    x, ax = zeros_mixed("float64", 5 * LARGE, 9)
    results = []
    for t in ("reference", "simd", "parallel"):
        with arrpy.backend(t):
            results.append([bool(signs(getattr(arrpy, op)(v)))
                            for op in ("max", "min", "nanmax", "nanmin")
                            for v in (ax, ax[::-1], ax[: 2 * LARGE + 5], ax[1::2])])
    assert results[0] == results[1] == results[2]
