"""round(x, decimals) matches NumPy bit for bit on every dtype and any decimals NumPy accepts
(issue 10): integers round through float64 as NumPy does, 10**decimals is built as NumPy builds
it (the rounding of repeated * 10 differs from pow's for some decimals, e.g. 27), and decimals
beyond a C int raise OverflowError, as in NumPy, instead of computing 10**(2**63)."""

import warnings

import numpy as np
import pytest

import arrpy
from conftest import IGNORE_FP_WARNINGS
from conftest import FLOAT_DTYPES, INT_DTYPES, assert_same, to_numpy

pytestmark = IGNORE_FP_WARNINGS


def int_values(dt):
    info = np.iinfo(dt)
    vals = [info.min, info.max, info.min + 1, info.max - 1, 0, 1, 5, 15, 25, 35, 45, 50, 150, 250,
            1234, 4999999999, 5000000000, 2**53 + 1, 9 * 10**18, -9 * 10**18, -5 * 10**18, -1, -15]
    return np.array([v for v in vals if info.min <= v <= info.max], dt)


def float_values(dt):
    return np.array([0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.285, 1.2345, 2.675, 1e22 / 3, 12345.6789,
                     123456.7890123, -987654321.123, 1e300, -1e-300, np.inf, -np.inf, np.nan], dt)


def numpy_round(x, d):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.round(x, d)


# Integer decimals beyond -20 only differ from NumPy where NumPy's 10**-decimals is inf and it
# casts NaN to an integer (INT_MIN for int64): there arrpy gives the rounded value, 0.
INT_DECIMALS = list(range(-20, 3))
FLOAT_DECIMALS = list(range(-25, 45)) + [-400, -308, -309, 300, 308, 309, 330, 400, 2**31 - 1]


@pytest.mark.parametrize("dt", INT_DTYPES)
def test_round_integers_matches_numpy(dt):
    x = int_values(dt)
    a = arrpy.asarray(x)
    for d in INT_DECIMALS:
        expected = numpy_round(x, d)
        result = arrpy.round(a, d)
        assert result.dtype == dt
        # Where the rounded value leaves the dtype's range (127 to 130 in int8), NumPy's float to
        # integer cast is the C cast's undefined behaviour; compare where it stays in range.
        info = np.iinfo(dt)
        scaled = np.rint(x / 10.0**-d) * 10.0**-d if d < 0 else x.astype(float)
        keep = (scaled >= float(info.min)) & (scaled < float(info.max) + 1)
        np.testing.assert_array_equal(to_numpy(result)[keep], expected[keep], err_msg=f"{dt} {d}")
    for d in (-21, -400, -(2**31)):
        assert_same(arrpy.round(a, d), np.zeros_like(x))
        assert_same(arrpy.round(a[::-2], d), np.zeros_like(x[::-2]))


@pytest.mark.parametrize("dt", FLOAT_DTYPES + ["complex128"])
def test_round_floats_matches_numpy(dt):
    x = float_values("float64").astype(dt)
    if dt == "complex128":
        x = x + 1j * x[::-1]
    a = arrpy.asarray(x)
    for d in FLOAT_DECIMALS:
        expected = numpy_round(x, d)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert_same(arrpy.round(a, d), expected)
            assert_same(arrpy.round(a[::-3], d), numpy_round(x[::-3], d))


@pytest.mark.parametrize("d", [-(2**63) - 1, -(2**63), -(2**31) - 1, 2**31, 2**63, 10**30])
@pytest.mark.parametrize("dt", ["uint64", "int8", "float32", "complex64", "bool"])
def test_round_decimals_beyond_a_c_int_raise_overflow(dt, d):
    a = arrpy.asarray([1, 0, 1], dtype=dt)
    with pytest.raises(OverflowError, match=str(d)):
        arrpy.round(a, d)
    with pytest.raises(OverflowError):
        a.round(d)


def test_round_out_and_numpy_integer_decimals():
    x = arrpy.asarray([1234, 5678, -150], dtype="int32")
    out = arrpy.zeros(3, dtype="int32")
    assert arrpy.round(x, np.int64(-2), out=out) is out
    assert_same(out, np.round(np.array([1234, 5678, -150], np.int32), -2))
    with pytest.raises(TypeError):
        arrpy.round(x, 1.5)
