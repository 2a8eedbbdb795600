"""Writes python/arrpy/_examples.py: each op of the Rust table with its example call and the
result NumPy prints for it (refused where arrpy prints otherwise). `python -m tools.gen_examples`
after adding an op or changing an example; tests/test_doctests.py then runs them with arrpy."""

import pathlib
import warnings

import numpy as np

import arrpy as ap

TARGET = pathlib.Path(__file__).parents[1] / "python" / "arrpy" / "_examples.py"
F3 = "ap.asarray([1.0, 2.0, 3.0])"
SPECIAL = {
  "bitwise_and": "ap.asarray([12, 10]), ap.asarray([10, 6])",
  "bitwise_or": "ap.asarray([12, 10]), ap.asarray([10, 6])",
  "bitwise_xor": "ap.asarray([12, 10]), ap.asarray([10, 6])",
  "bitwise_left_shift": "ap.asarray([1, 8]), 2",
  "bitwise_right_shift": "ap.asarray([1, 8]), 2",
  "logical_and": "ap.asarray([True, True, False]), ap.asarray([True, False, False])",
  "logical_or": "ap.asarray([True, True, False]), ap.asarray([True, False, False])",
  "logical_xor": "ap.asarray([True, True, False]), ap.asarray([True, False, False])",
  "fmax": "ap.asarray([1.0, ap.nan, 3.0]), ap.asarray([2.0, 0.5, ap.nan])",
  "fmin": "ap.asarray([1.0, ap.nan, 3.0]), ap.asarray([2.0, 0.5, ap.nan])",
  "maximum": "ap.asarray([1.0, ap.nan, 3.0]), ap.asarray([2.0, 0.5, 1.0])",
  "minimum": "ap.asarray([1.0, ap.nan, 3.0]), ap.asarray([2.0, 0.5, 1.0])",
  "copysign": "ap.asarray([1.0, 2.0, 3.0]), ap.asarray([-1.0, 0.0, -0.0])",
  "remainder": "ap.asarray([7, -7, 7]), ap.asarray([3, 3, -3])",
  "fmod": "ap.asarray([7, -7, 7]), ap.asarray([3, 3, -3])",
  "floor_divide": "ap.asarray([7, -7, 7]), ap.asarray([3, 3, -3])",
  "pow": "ap.asarray([1, 2, 3]), 2",
  "atan2": "ap.asarray([1.0, 1.0, -1.0]), ap.asarray([1.0, -1.0, -1.0])",
  "hypot": "ap.asarray([3.0, 5.0]), ap.asarray([4.0, 12.0])",
  "logaddexp": "ap.asarray([0.0, 1000.0]), ap.asarray([0.0, 1000.0])",
  "logaddexp2": "ap.asarray([0.0, 1000.0]), ap.asarray([0.0, 1000.0])",
  "nextafter": "ap.asarray([0.0, 1.0]), ap.asarray([1.0, 2.0])",
  "equal": "ap.asarray([1, 5, 3]), 3", "not_equal": "ap.asarray([1, 5, 3]), 3",
  "less": "ap.asarray([1, 5, 3]), 3", "less_equal": "ap.asarray([1, 5, 3]), 3",
  "greater": "ap.asarray([1, 5, 3]), 3", "greater_equal": "ap.asarray([1, 5, 3]), 3",
  "add": "ap.asarray([1, 2, 3]), ap.asarray([[10], [20]])",
  "subtract": "ap.asarray([1.0, 2.0, 3.0]), 0.5",
  "multiply": "ap.asarray([1, 2, 3]), ap.asarray([2, 2, 2])",
  "divide": "ap.asarray([1, 2, 3]), 4",
  "bitwise_invert": "ap.asarray([0, 1, 12], dtype=ap.uint8)",
  "logical_not": "ap.asarray([True, False, True])",
  "conj": "ap.asarray([1 + 2j, 3 - 1j])", "real": "ap.asarray([1 + 2j, 3 - 1j])",
  "imag": "ap.asarray([1 + 2j, 3 - 1j])",
  "isfinite": "ap.asarray([1.0, ap.inf, ap.nan])", "isinf": "ap.asarray([1.0, -ap.inf, ap.nan])",
  "isnan": "ap.asarray([1.0, ap.inf, ap.nan])",
  "sign": "ap.asarray([-2.5, 0.0, 3.0])", "signbit": "ap.asarray([-2.5, -0.0, 3.0])",
  "floor": "ap.asarray([-1.5, 0.5, 2.7])", "ceil": "ap.asarray([-1.5, 0.5, 2.7])",
  "trunc": "ap.asarray([-1.5, 0.5, 2.7])", "rint": "ap.asarray([-1.5, 0.5, 2.5])",
  "negative": "ap.asarray([-1.5, 0.0, 2.0])", "positive": "ap.asarray([-1.5, 0.0, 2.0])",
  "abs": "ap.asarray([-1.5, 0.0, 2.0])", "fabs": "ap.asarray([-1, 0, 2])",
  "square": "ap.asarray([-3, 0, 2])", "reciprocal": "ap.asarray([1.0, 2.0, 4.0])",
  "sqrt": "ap.asarray([1.0, 4.0, 2.0])", "cbrt": "ap.asarray([-8.0, 1.0, 27.0])",
  "exp": "ap.asarray([0.0, 1.0, -1.0])", "expm1": "ap.asarray([0.0, 1e-10, 1.0])",
  "exp2": "ap.asarray([0.0, 1.0, 10.0])",
  "log": "ap.asarray([1.0, ap.e, 10.0])", "log1p": "ap.asarray([0.0, 1e-10, 1.0])",
  "log2": "ap.asarray([1.0, 8.0, 10.0])", "log10": "ap.asarray([1.0, 1000.0, 2.0])",
  "sin": "ap.asarray([0.0, ap.pi / 6, ap.pi / 2])", "cos": "ap.asarray([0.0, ap.pi / 3, ap.pi])",
  "tan": "ap.asarray([0.0, ap.pi / 4, -ap.pi / 4])",
  "asin": "ap.asarray([-1.0, 0.0, 0.5])", "acos": "ap.asarray([-1.0, 0.0, 0.5])",
  "atan": "ap.asarray([-1.0, 0.0, 0.5])",
  "sinh": "ap.asarray([-1.0, 0.0, 0.5])", "cosh": "ap.asarray([-1.0, 0.0, 0.5])",
  "tanh": "ap.asarray([-1.0, 0.0, 0.5])", "asinh": "ap.asarray([-1.0, 0.0, 0.5])",
  "acosh": "ap.asarray([1.0, 2.0, 10.0])", "atanh": "ap.asarray([-0.5, 0.0, 0.5])",
  "deg2rad": "ap.asarray([0.0, 90.0, 180.0])", "rad2deg": "ap.asarray([0.0, ap.pi / 2, ap.pi])",
  # reductions
  "argmin": "ap.asarray([[3, 1, 2], [0, 5, 4]]), axis=1",
  "argmax": "ap.asarray([[3, 1, 2], [0, 5, 4]]), axis=1",
  "any": "ap.asarray([[True, False], [False, False]]), axis=0",
  "all": "ap.asarray([[True, False], [True, True]]), axis=1",
  "count_nonzero": "ap.asarray([[0, 1, 7], [0, 0, 2]]), axis=1",
  "cumsum": "ap.asarray([[1, 2], [3, 4]]), axis=0", "cumprod": "ap.asarray([1, 2, 3, 4])",
  "nancumsum": "ap.asarray([1.0, ap.nan, 3.0])", "nancumprod": "ap.asarray([2.0, ap.nan, 3.0])",
  "cumulative_sum": "ap.asarray([1, 2, 3]), include_initial=True",
  "cumulative_prod": "ap.asarray([1, 2, 3, 4])",
  "var": "ap.asarray([[1.0, 2.0], [3.0, 5.0]]), axis=0, ddof=1",
}
NAN2 = "ap.asarray([[1.0, ap.nan, 3.0], [4.0, 5.0, ap.nan]]), axis=1"
WITH_EXAMPLE = '''

def with_example(name, doc):
    """``doc`` followed by the example of ``name``, as a doctest (``ap`` is arrpy)."""
    if name not in EXAMPLES:
        return doc
    call, printed = EXAMPLES[name]
    return f"{doc}\\n\\n>>> {call}\\n{printed}\\n"
'''
rows = [r for r in ap._arrpy._registry() if r["arity"] or r["signature"]]
out = {}
for r in rows:
    name = r["name"]
    if name in SPECIAL:
        args = SPECIAL[name]
    elif r["signature"]:
        args = NAN2 if name.startswith("nan") else "ap.asarray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), axis=0"
    else:
        args = F3
    call = f"ap.{name}({args})"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        want = repr(eval(call, {"ap": np}))
        got = repr(eval(call, {"ap": ap}))
    if want != got:
        raise SystemExit(f"{name}: arrpy prints {got}, NumPy {want}")
    out[name] = (call, got)
with open(TARGET, "w") as f:
    f.write('"""One runnable example per op of the Rust table (elementwise functions and reductions):\n'
            "the call and what it prints, shown in the function's docstring and run as a doctest\n"
            "(tests/test_doctests.py). The printed results are NumPy's for the same call.\"\"\"\n\n"
            "EXAMPLES = {\n")
    for name, (call, got) in out.items():
        f.write(f"    {name!r}: ({call!r},\n        {got!r}),\n")
    f.write("}\n")
    f.write(WITH_EXAMPLE)
print(f"wrote {TARGET}: {len(out)} examples")
