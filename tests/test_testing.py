"""arrpy.testing: each assertion passes and fails where numpy.testing's does, with the same
message (NumPy 2.4's text, compared whole), on lists, scalars, arrpy and NumPy arrays."""

import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import arrpy as ap
import arrpy.testing as apt

nan, inf = math.nan, math.inf


class Arr:
    """An array argument: arrpy's for arrpy.testing, NumPy's for numpy.testing."""

    def __init__(self, values, dtype=None):
        self.values, self.dtype = values, dtype

    def ours(self):
        return ap.asarray(self.values, dtype=self.dtype)

    def theirs(self):
        return np.asarray(self.values, dtype=self.dtype)

    def __repr__(self):
        return f"Arr({self.values!r}, {self.dtype!r})"


def grid(rows, cols, dtype="float64", scale=1.0):
    return Arr([[(i * cols + j) * scale for j in range(cols)] for i in range(rows)], dtype)


CASES = [
    # assert_allclose
    ("assert_allclose", ([1.0, 2, 3], [1.0, 2, 4]), {}),
    ("assert_allclose", ([1.0, 2, 3], [1.0, 2, 3, 4]), {}),
    ("assert_allclose", ([1.0, 2, 3], [1.0, 2.1, 4]), dict(rtol=1e-3, atol=0.01, err_msg="hi")),
    ("assert_allclose", ([1.0, nan, 3], [1.0, nan, 3]), {}),
    ("assert_allclose", ([1.0, nan, 3], [1.0, nan, 3]), dict(equal_nan=False)),
    ("assert_allclose", ([1.0, nan], [nan, 1.0]), {}),
    ("assert_allclose", ([1.0, 2, 3], [1.0, 2, 4]), dict(verbose=False)),
    ("assert_allclose", (Arr([1, 2, 3], "float32"), Arr([1, 2, 3])), dict(strict=True)),
    ("assert_allclose", (Arr([1.0, 2, 3]), Arr([1.0, 2, 3])), dict(strict=True)),
    ("assert_allclose", (Arr([1.0, 2, 3]), 2.0), dict(strict=True)),
    ("assert_allclose", (Arr([2.0, 2.0]), 2.0), {}),
    ("assert_allclose", (1.0, 2.0), {}),
    ("assert_allclose", ([0.0, 0], [0.0, 1]), {}),
    ("assert_allclose", ([1.0, 2], [0.0, 2]), {}),
    ("assert_allclose", (Arr([1 + 1j, 2]), Arr([1 + 1j, 3])), {}),
    ("assert_allclose", (Arr([1, 2, 3], "uint8"), Arr([3, 2, 1], "uint8")), {}),
    ("assert_allclose", (Arr([0.1, 0.2, 0.3], "float32"), Arr([0.1, 0.25, 0.3], "float32")),
     {}),
    ("assert_allclose", ([inf, 1.0], [-inf, 1.0]), {}),
    ("assert_allclose", ([inf, 1.0], [1.0, inf]), {}),
    ("assert_allclose", ([1.0, 2.0], [1.0 + 1e-9, 2.0]), {}),
    ("assert_allclose", (Arr([1, 2, 3]), Arr([1, 2, 4])), dict(atol=1)),
    ("assert_allclose", (grid(4, 5), grid(4, 5, scale=1.5)), {}),
    ("assert_allclose", (grid(40, 50), grid(40, 50, scale=1.001)),
     dict(err_msg="a long message that does not fit on the header line of the report at all")),
    ("assert_allclose", (Arr([1 / 3, 2 / 3]), Arr([1 / 3, 0.7])), {}),
    # assert_array_equal
    ("assert_array_equal", ([1, 2, 3], [1, 2, 4]), {}),
    ("assert_array_equal", ([1, 2, 3], [1, 2, 3, 4]), {}),
    ("assert_array_equal", ([1.0, nan], [1.0, nan]), {}),
    ("assert_array_equal", ([1.0, nan], [1.0, 2.0]), {}),
    ("assert_array_equal", ([1, 2], [1, 2]), dict(strict=True)),
    ("assert_array_equal", (Arr([1, 2]), Arr([1.0, 2.0])), dict(strict=True)),
    ("assert_array_equal", (Arr([1, 2]), Arr([[1, 2]])), dict(strict=True)),
    ("assert_array_equal", (Arr([True, False]), Arr([True, True])), {}),
    ("assert_array_equal", (Arr([[0.0, 0], [0, 0]]), Arr([[1.0, 1], [1, 1]])), {}),
    ("assert_array_equal", (Arr([1, 2, 3]), 2), {}),
    ("assert_array_equal", (Arr([], "float64"), Arr([], "float64")), {}),
    ("assert_array_equal", (Arr([1, 2, 3], "uint8"), Arr([3, 2, 1], "uint8")), {}),
    ("assert_array_equal", (Arr([-128, 0], "int8"), Arr([127, 0], "int8")), {}),
    ("assert_array_equal", (Arr([0.0, 1.0]), Arr([-0.0, 1.0])), {}),
    ("assert_array_equal", (Arr([1 + 2j, nan]), Arr([1 + 2j, nan])), {}),
    ("assert_array_equal", (Arr([1, 5, 9, 2, 7, 3, 8]), Arr([0, 5, 0, 0, 0, 0, 0])), {}),
    # assert_array_almost_equal
    ("assert_array_almost_equal", ([1.0, 2.0], [1.0, 2.0001]), {}),
    ("assert_array_almost_equal", ([1.0, 2.0], [1.0, 2.0001]), dict(decimal=3)),
    ("assert_array_almost_equal", ([1 / 3, 2.0], [1 / 3, 2.1]), dict(decimal=2)),
    ("assert_array_almost_equal", ([1.0, nan], [1.0, nan]), {}),
    ("assert_array_almost_equal", ([1.0, inf], [1.0, -inf]), {}),
    ("assert_array_almost_equal", (Arr([1, 2], "int16"), Arr([1, 3], "int16")), {}),
    # assert_array_less
    ("assert_array_less", ([1.0, 2.0], [2.0, 2.0]), {}),
    ("assert_array_less", ([1.0, 2.0], [2.0, 3.0]), {}),
    ("assert_array_less", ([1.0, inf], [2.0, inf]), {}),
    ("assert_array_less", (3, [1, 2]), {}),
    ("assert_array_less", (Arr([1.0, 2.0]), 3.0), dict(strict=True)),
    # dtype extremes, summaries and special values
    ("assert_allclose", (Arr([True, False]), Arr([True, True])), {}),
    ("assert_allclose", (Arr([], "float64"), 1.0), {}),
    ("assert_allclose", (Arr([], "float64"), 1.0), dict(strict=True)),
    ("assert_allclose", (Arr([1, 2], "float32"), Arr([1, 2.0000001])), {}),
    ("assert_allclose", ([1.0, 2.0], [1.0, 3.0]), dict(err_msg="line1\nline2")),
    ("assert_array_equal", (Arr([-128, 5], "int8"), Arr([127, 5], "int8")), {}),
    ("assert_array_equal", (Arr([2**64 - 1, 5], "uint64"), Arr([0, 5], "uint64")), {}),
    ("assert_array_equal", (Arr([1e-5, 1e10], "float32"), Arr([2e-5, 1e10], "float32")), {}),
    ("assert_array_equal", (Arr([1 + 2j], "complex64"), Arr([1 + 3j], "complex64")), {}),
    ("assert_array_equal", (Arr([float(i) for i in range(2000)]),
                            Arr([i + 1.0 for i in range(2000)])), {}),
    ("assert_array_equal", (Arr([[inf, 1.0]]), Arr([[1.0, inf]])), {}),
    ("assert_array_equal", (Arr([complex(inf, nan)]), Arr([complex(inf, nan)])), {}),
    ("assert_array_almost_equal", (Arr([-2**63], "int64"), Arr([2**63 - 1], "int64")), {}),
    ("assert_array_almost_equal", (Arr(1.0), Arr([1.0, 1.1])), {}),
    ("assert_array_less", ([1.0, nan], [2.0, nan]), {}),
    ("assert_array_less", ([1.0, nan], [2.0, 3.0]), {}),
    ("assert_array_less", ([-inf, 1.0], [inf, 2.0]), {}),
    ("assert_array_less", ([inf, 1.0], [inf, 2.0]), {}),
    # assert_equal
    ("assert_equal", ([1, 2, [3]], [1, 2, [4]]), {}),
    ("assert_equal", (1, 2), dict(verbose=False)),
    ("assert_equal", (complex(nan, 1), complex(nan, 1)), {}),
    ("assert_equal", (complex(0.0, 1), complex(-0.0, 1)), {}),
    ("assert_equal", (None, 1), {}),
    ("assert_equal", ({"a": Arr([1, 2])}, {"a": Arr([1, 3])}), {}),
    ("assert_equal", ({"a": 1}, {"a": 2}), {}),
    ("assert_equal", ({"a": 1}, {"b": 1}), {}),
    ("assert_equal", ([1], {"b": 1}), {}),
    ("assert_equal", (1, 2), {}),
    ("assert_equal", (nan, nan), {}),
    ("assert_equal", (0.0, -0.0), {}),
    ("assert_equal", ((1, 2), (1, 2, 3)), {}),
    ("assert_equal", (Arr([1, 2]), [1, 3]), {}),
    ("assert_equal", ([1, Arr([1.0, nan])], [1, Arr([1.0, nan])]), {}),
    ("assert_equal", ("a", "b"), {}),
    ("assert_equal", (1 + 2j, 1 + 3j), {}),
    ("assert_equal", ([nan], nan), {}),
    ("assert_equal", (Arr([3, 3]), 3), dict(strict=True)),
    ("assert_equal", ({"k": [1, {"j": 2.0}]}, {"k": [1, {"j": 2.5}]}), dict(err_msg="top")),
]


def build(args, side):
    def one(x):
        if isinstance(x, Arr):
            return getattr(x, side)()
        if isinstance(x, list):
            return [one(v) for v in x]
        if isinstance(x, dict):
            return {k: one(v) for k, v in x.items()}
        return x
    return [one(a) for a in args]


def outcome(module, name, args, kwargs):
    try:
        getattr(module, name)(*args, **kwargs)
    except AssertionError as e:
        return str(e)
    return None


@pytest.mark.parametrize("name, args, kwargs", CASES)
def test_same_outcome_and_message_as_numpy(name, args, kwargs):
    theirs = outcome(np.testing, name, build(args, "theirs"), kwargs)
    ours = outcome(apt, name, build(args, "ours"), kwargs)
    assert ours == theirs


@pytest.mark.parametrize("name, args, kwargs", [c for c in CASES if c[0] != "assert_equal"])
def test_numpy_arrays_as_input(name, args, kwargs):
    """NumPy arrays given to arrpy.testing: the same messages as arrpy arrays give."""
    theirs = outcome(np.testing, name, build(args, "theirs"), kwargs)
    ours = outcome(apt, name, build(args, "theirs"), kwargs)
    assert ours == theirs


def test_views_compare_by_value():
    a = ap.arange(24.0).reshape((4, 6))
    apt.assert_array_equal(a[::-1, ::2], np.arange(24.0).reshape((4, 6))[::-1, ::2])
    apt.assert_allclose(ap.broadcast_to(ap.arange(3.0), (2, 3)), [[0, 1, 2], [0, 1, 2]])
    with pytest.raises(AssertionError, match=r"Mismatch at index:\n \[2, 1\]: 13.0 \(ACTUAL\)"):
        apt.assert_array_equal(a.T[::-2, 1:3], [[11.0, 17], [9, 15], [7, 14]])


def test_key_lines():
    with pytest.raises(AssertionError) as info:
        apt.assert_allclose(ap.asarray([1.0, 2.0, 3.0]), ap.asarray([1.0, 2.0, 3.5]), rtol=1e-3)
    text = str(info.value)
    for line in ["Not equal to tolerance rtol=0.001, atol=0",
                 "Mismatched elements: 1 / 3 (33.3%)",
                 "Max absolute difference among violations: 0.5",
                 "Max relative difference among violations: 0.14285714",
                 " ACTUAL: array([1., 2., 3.])",
                 " DESIRED: array([1. , 2. , 3.5])"]:
        assert line in text.splitlines()


def test_assert_raises():
    apt.assert_raises(ZeroDivisionError, lambda: 1 / 0)
    apt.assert_raises(ValueError, int, "x")
    with apt.assert_raises(IndexError):
        ap.arange(3)[5]
    with pytest.raises(AssertionError, match="ValueError not raised by <lambda>"):
        apt.assert_raises(ValueError, lambda: None)
    with pytest.raises(AssertionError, match="ValueError not raised"):
        with apt.assert_raises(ValueError):
            pass
    with pytest.raises(KeyError):  # another exception goes through
        apt.assert_raises(ValueError, {}.__getitem__, "k")


def test_testing_is_a_lazy_attribute():
    out = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys, arrpy
        assert "arrpy.testing" not in sys.modules and "unittest" not in sys.modules
        arrpy.testing.assert_equal(1, 1)
        assert "arrpy.testing" in sys.modules
        print("ok")
    """)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


NO_NUMPY = textwrap.dedent('''
    import sys
    sys.modules["numpy"] = None
    import arrpy as ap
    from arrpy import testing as apt

    def message(f, *args, **kwargs):
        try:
            f(*args, **kwargs)
        except AssertionError as e:
            return str(e)
        raise SystemExit("no AssertionError")

    apt.assert_allclose(ap.arange(3.0), [0.0, 1.0, 2.0 + 1e-9])
    apt.assert_array_equal([1.0, float("nan")], ap.asarray([1.0, float("nan")]))
    apt.assert_equal({"a": [1, 2]}, {"a": [1, 2]})
    apt.assert_array_less(ap.arange(3), 3)
    apt.assert_array_almost_equal([1.0], [1.0000001])
    apt.assert_raises(ValueError, int, "x")
    m = message(apt.assert_allclose, ap.asarray([1.0, 2.0, 3.0]), [1.0, 2.0, 4.0])
    assert m == ("\\nNot equal to tolerance rtol=1e-07, atol=0\\n\\n"
                 "Mismatched elements: 1 / 3 (33.3%)\\nMismatch at index:\\n"
                 " [2]: 3.0 (ACTUAL), 4.0 (DESIRED)\\n"
                 "Max absolute difference among violations: 1.\\n"
                 "Max relative difference among violations: 0.25\\n"
                 " ACTUAL: array([1., 2., 3.])\\n DESIRED: array([1., 2., 4.])"), m
    m = message(apt.assert_array_equal, [1, 2, 3], [1, 2, 3, 4])
    assert "(shapes (3,), (4,) mismatch)" in m, m
    assert "numpy" not in sys.modules or sys.modules["numpy"] is None
    print("ok")
''')


def test_without_numpy():
    out = subprocess.run([sys.executable, "-c", NO_NUMPY], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


try:
    from hypothesis import given, settings, strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    values = st.one_of(st.floats(-1e6, 1e6, width=32), st.sampled_from([nan, inf, -inf, 0.0]))

    @settings(max_examples=25, deadline=None)
    @given(st.lists(values, min_size=1, max_size=12), st.data(),
           st.sampled_from(["float32", "float64", "complex128", "int16"]),
           st.sampled_from(["assert_allclose", "assert_array_equal",
                            "assert_array_almost_equal", "assert_array_less"]))
    def test_random_arrays_same_message_as_numpy(xs, data, dtype, name):
        if dtype == "int16":
            xs = [int(v) % 1000 if math.isfinite(v) else 7 for v in xs]
        ys = [data.draw(st.sampled_from([v, v, v * (1 + 1e-6), v + 1, nan, inf]))
              if isinstance(v, float) else data.draw(st.sampled_from([v, v + 1, v - 3]))
              for v in xs]
        if dtype == "int16":
            ys = [v if isinstance(v, int) else 1 for v in ys]
        theirs = outcome(np.testing, name, [np.asarray(xs, dtype), np.asarray(ys, dtype)], {})
        ours = outcome(apt, name, [ap.asarray(xs, dtype=dtype), ap.asarray(ys, dtype=dtype)], {})
        assert ours == theirs
