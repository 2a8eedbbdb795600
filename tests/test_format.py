"""arrpy._format against NumPy's own repr()/str() (NumPy is the oracle)."""

import ast
import importlib.util
import pathlib
import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

# Load the module by path so these tests need no compiled extension.
_PATH = pathlib.Path(__file__).parents[1] / "python/arrpy/_format.py"
_spec = importlib.util.spec_from_file_location("arrpy_format", _PATH)
fmt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fmt)

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
          "uint32", "uint64", "float32", "float64", "complex64", "complex128"]


def check(a):
    """Both texts of ``a`` must equal NumPy's."""
    a = np.asarray(a)
    args = (a.shape, a.dtype.name, a.ravel().tolist())
    assert fmt.array_repr(*args) == repr(a)
    assert fmt.array_str(*args) == str(a)


def make_complex(real, imag, dtype="complex128"):
    # assign the parts: real + 1j*imag would turn inf parts into nan
    out = np.empty(np.shape(real), dtype=dtype)
    out.real, out.imag = real, imag
    return out


def random_array(rng, dtype, shape, scale=100.0):
    size = int(np.prod(shape))
    vals = rng.standard_normal(size) * scale
    if dtype == "bool":
        a = vals > 0
    elif dtype[0] in "iu":
        info = np.iinfo(dtype)
        a = np.clip(np.round(vals), info.min, info.max).astype(dtype)
    elif dtype.startswith("complex"):
        a = make_complex(vals, rng.standard_normal(size) * scale, dtype)
    else:
        a = vals.astype(dtype)
    return a.reshape(shape)


NAN, INF = np.nan, np.inf

EXPLICIT = {
    # 0-d
    "0d-int": np.array(5),
    "0d-float": np.array(1.5),
    "0d-float-integral": np.array(2.0),
    "0d-bool": np.array(True),
    "0d-int32": np.array(5, dtype=np.int32),
    "0d-float32": np.array(0.1, dtype=np.float32),
    "0d-nan": np.array(NAN),
    "0d-neg-inf-f32": np.array(-INF, dtype=np.float32),
    "0d-neg-zero": np.array(-0.0),
    "0d-huge": np.array(1e20),
    "0d-tiny": np.array(1e-5),
    "0d-1e16": np.array(1e16),
    "0d-f32-1e6": np.array(1e6, dtype=np.float32),
    "0d-f32-999999": np.array(999999.0, dtype=np.float32),
    "0d-complex": np.array(1 + 2j),
    "0d-complex-pure-imag": np.array(-3j),
    "0d-complex-neg-zero-real": np.array(complex(-0.0, 1.0)),
    "0d-complex64": np.array(0.1 + 0.2j, dtype=np.complex64),
    "0d-complex-nan-imag": make_complex(1.0, NAN),
    "0d-complex-inf-parts": make_complex(INF, -INF),
    "0d-complex-zero-nan": make_complex(0.0, NAN),
    "0d-complex-sci": np.array(1e20 + 1e-20j),
    "0d-uint64-max": np.array(2**64 - 1, dtype=np.uint64),
    # empty
    "empty-float": np.array([], dtype=np.float64),
    "empty-int": np.array([], dtype=np.int64),
    "empty-uint8": np.zeros((0,), dtype=np.uint8),
    "empty-0x3": np.zeros((0, 3)),
    "empty-2x0x3-int16": np.zeros((2, 0, 3), dtype=np.int16),
    "empty-bool-3x0": np.zeros((3, 0), dtype=bool),
    # basics
    "ints": np.array([1, 2, 3]),
    "ints-padded": np.array([1, -20, 300]),
    "bools": np.array([True, False]),
    "floats-integral": np.array([1.0, 2.0]),
    "floats-right-pad": np.array([1.5, 2.25]),
    "floats-2d": np.array([[1.0, 2.0], [3.0, 4.0]]),
    "floats-negative": np.array([-1.5, 2.0, -0.001]),
    "complex": np.array([1 + 2j, 0 - 1j]),
    "complex-widths": np.array([1.5 + 20j, -100 - 0.25j]),
    "complex64-sci": np.array([1e-7 + 1j, 3 + 4e9j], dtype=np.complex64),
    "int64-min": np.array([-2**63, 5]),
    "int64-extremes": np.array([-2**63, 2**63 - 1]),
    "uint64-max": np.array([2**64 - 1, 0], dtype=np.uint64),
    "int8-extremes": np.array([-128, 127], dtype=np.int8),
    # special float values
    "nan-inf": np.array([NAN, INF, -INF, 1.5]),
    "only-nan": np.array([NAN, NAN]),
    "only-inf": np.array([INF, -INF]),
    "nan-with-sci": np.array([NAN, 1e-10, 3.0]),
    "neg-zero": np.array([-0.0, 0.0]),
    "neg-zero-f32": np.array([-0.0, 1.5], dtype=np.float32),
    "complex-nan-inf-parts": make_complex([NAN, 1.0, INF, 0.0],
                                          [1.0, NAN, -INF, INF]),
    "complex64-nan-inf-parts": make_complex([NAN, 2.5], [-INF, 1.0],
                                            "complex64"),
    # positional vs scientific
    "sci-huge": np.array([1e16, 1.0]),
    "sci-1e8": np.array([1e8, 1.0]),
    "pos-below-1e8": np.array([99999999.0, 1.0]),
    "sci-tiny": np.array([1e-5, 1.0]),
    "pos-1e-4": np.array([1e-4, 0.1]),
    "sci-ratio": np.array([0.5, 1000.0]),
    "pos-ratio": np.array([1.0, 1000.0]),
    "sci-3-digit-exponent": np.array([1e-300, 1e300]),
    "subnormal": np.array([5e-324, 1.0]),
    "ratio-overflows": np.array([1.7e308, 5e-324]),
    "f32-ratio-overflows": np.array([3e38, 1e-45], dtype=np.float32),
    "f32-cutoff-1e6": np.array([1e6, 1.0], dtype=np.float32),
    "f32-below-1e6": np.array([999999.0], dtype=np.float32),
    # float32 thresholds are compared in float32 precision
    "f32-1e-4": np.array([0.0001], dtype=np.float32),
    "f32-ratio-rounds-to-1000": np.array([0.7, 700.0], dtype=np.float32),
    "f64-ratio-above-1000": np.array([0.7, 700.0]),
    # float32 digits: shortest that round-trips as float32
    "f32-tenth": np.array([0.1, 0.2, 0.3], dtype=np.float32),
    "f32-pi": np.array([np.pi, -np.e], dtype=np.float32),
    "f32-precision-8": np.array([1 / 3, 2 / 3, 123.456], dtype=np.float32),
    "f64-precision-8": np.array([1 / 3, 2 / 3, 0.123456785]),
    "rounding-carry": np.array([0.999999999, 9.9999999996]),
    # wrapping, nesting, dtype suffix placement
    "wrap-1d": np.arange(40) * 1000,
    "wrap-1d-float": np.linspace(0, 1, 30),
    "dtype-on-new-line": np.arange(10, dtype=np.int32) * 1000,
    "wrap-2d": np.arange(60, dtype=np.int16).reshape(2, 30) * 100,
    "2d-10x10": np.random.default_rng(1).standard_normal((10, 10)),
    "3d": np.arange(24).reshape(2, 3, 4),
    "3d-float32": np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 7,
    "4d": np.arange(16).reshape(2, 2, 2, 2),
    "column": np.arange(5.0).reshape(5, 1),
    # summarization (> 1000 elements)
    "sum-1d": np.arange(2000),
    "sum-1d-1001": np.arange(1001, dtype=np.uint16),
    "sum-2000x3": np.arange(6000).reshape(2000, 3),
    "sum-3x2000": np.arange(6000.0).reshape(3, 2000),
    "sum-3d": np.arange(1331, dtype=np.int32).reshape(11, 11, 11),
    "sum-bool": np.arange(1500) % 3 == 0,
    "sum-complex64": make_complex(np.arange(1200.0), -np.arange(1200.0),
                                  "complex64"),
    # the hidden middle must not widen the columns
    "sum-hidden-wide-value": np.concatenate([[1.0] * 3, [1e20] * 1000,
                                             [2.0] * 3]),
}


@pytest.mark.parametrize("a", EXPLICIT.values(), ids=EXPLICIT.keys())
def test_explicit(a):
    check(a)


def test_dtype_suffix_wraps_like_numpy():
    text = fmt.array_repr((10,), "int32", [i * 1000 for i in range(10)])
    assert text.endswith(",\n      dtype=int32)")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("size", [0, 1, 5, 1001])
def test_random_1d(dtype, size):
    check(random_array(np.random.default_rng(size), dtype, (size,)))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(3, 7), (4, 25), (2, 3, 4), (2000, 3),
                                   (3, 2000), (12, 10, 10)])
def test_random_nd(dtype, shape):
    check(random_array(np.random.default_rng(len(shape)), dtype, shape))


@pytest.mark.parametrize("dtype", ["float32", "float64",
                                   "complex64", "complex128"])
@pytest.mark.parametrize("exp10", [-12, -5, -3, 0, 3, 6, 7, 9, 17, 30])
def test_float_magnitudes(dtype, exp10):
    rng = np.random.default_rng(exp10 + 100)
    check(random_array(rng, dtype, (6,), scale=10.0 ** exp10))
    check(random_array(rng, dtype, (), scale=10.0 ** exp10))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_random_bit_patterns(dtype):
    # every finite, subnormal, nan and inf pattern is fair game
    rng = np.random.default_rng(7)
    udtype = np.uint32 if dtype == "float32" else np.uint64
    bits = rng.integers(0, np.iinfo(udtype).max, 200, dtype=udtype,
                        endpoint=True)
    values = bits.view(dtype)
    for chunk in values.reshape(40, 5):
        check(chunk)
        check(chunk[0])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_rounded_decimals(dtype):
    # short decimals exercise the 8-digit cut-off and right padding
    rng = np.random.default_rng(3)
    for digits in range(10):
        vals = rng.integers(-10**9, 10**9, 6) / 10.0 ** digits
        check(vals.astype(dtype))


_finite32 = st.floats(width=32, allow_nan=False, allow_infinity=False)
_any32 = st.floats(width=32)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(), min_size=1, max_size=8))
def test_hypothesis_float64(values):
    check(np.array(values, dtype=np.float64))
    check(np.array(values[0], dtype=np.float64))


@settings(max_examples=200, deadline=None)
@given(st.lists(_any32, min_size=1, max_size=8))
def test_hypothesis_float32(values):
    check(np.array(values, dtype=np.float32))
    check(np.array(values[0], dtype=np.float32))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_any32, _any32), min_size=1, max_size=6))
def test_hypothesis_complex64(pairs):
    real, imag = zip(*pairs)
    check(make_complex(real, imag, "complex64"))
    check(make_complex(real[0], imag[0], "complex64"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(), st.floats()), min_size=1, max_size=6))
def test_hypothesis_complex128(pairs):
    real, imag = zip(*pairs)
    check(make_complex(real, imag))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DTYPES[:9]), st.data())
def test_hypothesis_int_shapes(dtype, data):
    info = np.iinfo(dtype) if dtype != "bool" else None
    shape = tuple(data.draw(st.lists(st.integers(0, 6), max_size=3)))
    size = int(np.prod(shape))
    elem = (st.booleans() if info is None
            else st.integers(int(info.min), int(info.max)))
    values = data.draw(st.lists(elem, min_size=size, max_size=size))
    check(np.array(values, dtype=dtype).reshape(shape))


def test_module_is_stdlib_only():
    tree = ast.parse(_PATH.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names)


def test_rejects_bad_input():
    with pytest.raises(ValueError):
        fmt.array_repr((2,), "float16", [1.0, 2.0])
    with pytest.raises(ValueError):
        fmt.array_str((3,), "int64", [1, 2])
