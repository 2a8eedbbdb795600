"""Table-driven tests of the Python Array API standard's (2023.12, 2024.12) special cases.

Every elementwise function with a "Special cases" section is covered for real
float64/float32 inputs; exp/log/sqrt/sinh/cosh/tanh/expm1/log1p are also covered
for complex128/complex64.  Each table row is checked three ways:

* ``single``   - one 1-element array per row;
* ``embedded`` - all rows of the table scattered (shuffled, repeated) through an
  array of >= 64 elements, so vectorized (SIMD) kernels and their tails see them;
* ``large``    - the same, in an array longer than the parallel threshold.

and at each backend tier (``tier`` fixture from conftest.py).

The module under test is arrpy by default.  Run the very same tables against NumPy
(to validate the tables themselves) with::

    ARRPY_TEST_XP=numpy python -m pytest tests/test_special_cases.py

Rows where NumPy disagrees with the standard carry ``np_dev=...``; they are left out
(and reported as skipped by ``test_numpy_deviation``) in NumPy mode only.

In arrpy mode a function that arrpy does not provide yet is skipped ("not
implemented yet").
"""

import math
import zlib

import numpy as np
import pytest

import arrpy

from conftest import IGNORE_FP_WARNINGS
from conftest import NUMPY_MODE  # ARRPY_TEST_XP=numpy checks these tables against NumPy

pytestmark = IGNORE_FP_WARNINGS

REAL_DTYPES = ["float64", "float32"]
COMPLEX_DTYPES = ["complex128", "complex64"]
LAYOUTS = ["single", "embedded", "large"]
EMBEDDED_LEN = 131  # >= 64 and odd, so kernels also run their remainder loops
LARGE_LEN = 70_001  # > the 65536-element parallel threshold

INF = math.inf
NAN = math.nan
NNAN = -math.nan  # NaN with its sign bit set
PI = math.pi


# --------------------------------------------------------------------------------------
# Expected-value tokens
# --------------------------------------------------------------------------------------


class A:
    """An implementation-dependent approximation of ``v`` (within APPROX_ULP ulp)."""

    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"~{self.v!r}"


APPROX_ULP = 2


class Tok:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


ZANY = Tok("±0")  # a zero of unspecified sign
IANY = Tok("±inf")  # an infinity of unspecified sign
NANPOS = Tok("NaN(sign 0)")
NANNEG = Tok("NaN(sign 1)")
X1 = Tok("x1")  # the (dtype-converted) first input
X2 = Tok("x2")
NEG_X2 = Tok("-x2")
ABS1 = Tok("|x1|")
ABS2 = Tok("|x2|")
NEGABS1 = Tok("-|x1|")

# Input tokens resolved per dtype.
MAX = "MAX"  # largest finite
TINY = "TINY"  # smallest subnormal
NTINY = "-TINY"
NMAX = "-MAX"


def resolve_input(v, dtype):
    rdt = np.dtype(dtype).type(0).real.dtype
    fi = np.finfo(rdt)
    table = {
        MAX: float(fi.max),
        NMAX: -float(fi.max),
        TINY: float(fi.smallest_subnormal),
        NTINY: -float(fi.smallest_subnormal),
    }
    if isinstance(v, str):
        return table[v]
    return v


# --------------------------------------------------------------------------------------
# Case tables.  A row is (inputs tuple, expected, np_dev) where np_dev is None or a
# string describing how NumPy deviates from the standard.
# --------------------------------------------------------------------------------------


def rows(xs, expected, np_dev=None):
    """Unary rows: each x in ``xs`` -> ``expected``."""
    return [((x,), expected, np_dev) for x in xs]


def brows(x1s, x2s, expected, np_dev=None):
    """Binary rows: the cartesian product ``x1s`` x ``x2s`` -> ``expected``."""
    return [((a, b), expected, np_dev) for a in x1s for b in x2s]


P0, N0 = 0.0, -0.0
POS_FIN = [0.5, 1.5, 3.0, 1024.0, TINY, MAX]
NEG_FIN = [-0.5, -1.5, -3.0, -1024.0, NTINY, NMAX]
NONZERO_FIN = POS_FIN + NEG_FIN
FIN = NONZERO_FIN + [P0, N0]
POS = POS_FIN + [INF]
NEG = NEG_FIN + [-INF]
INTEGRAL = [1.0, -1.0, 3.0, -7.0, 2.0**23, -(2.0**30), 2.0**60, MAX, NMAX]
ODD_POS = [1.0, 3.0, 5.0, 2.0**23 + 1]
ODD_NEG = [-1.0, -3.0, -(2.0**23 + 1)]
NOT_ODD_POS = [0.5, 2.0, 2.5, 4.0, 2.0**60, MAX]
NOT_ODD_NEG = [-0.5, -2.0, -2.5, -(2.0**60), NMAX]


def _rounding_rows():
    return (
        rows(INTEGRAL, X1)
        + rows([INF], INF)
        + rows([-INF], -INF)
        + rows([P0], P0)
        + rows([N0], N0)
        + rows([NAN], NAN)
    )


UNARY = {
    "abs": rows([NAN], NAN) + rows([N0, P0], P0) + rows([-INF, INF], INF)
    + rows([-1.5, 1.5], 1.5),
    "acos": rows([NAN], NAN) + rows([1.0 + 2.0**-20, 2.0, MAX, INF], NAN)
    + rows([-1.0 - 2.0**-20, -2.0, NMAX, -INF], NAN) + rows([1.0], P0),
    "acosh": rows([NAN], NAN) + rows([1.0 - 2.0**-20, 0.5, P0, N0, -1.0, NMAX, -INF], NAN)
    + rows([1.0], P0) + rows([INF], INF),
    "asin": rows([NAN], NAN) + rows([1.0 + 2.0**-20, 2.0, INF], NAN)
    + rows([-1.0 - 2.0**-20, -2.0, -INF], NAN) + rows([P0], P0) + rows([N0], N0),
    "asinh": rows([NAN], NAN) + rows([P0], P0) + rows([N0], N0) + rows([INF], INF)
    + rows([-INF], -INF),
    "atan": rows([NAN], NAN) + rows([P0], P0) + rows([N0], N0) + rows([INF], A(PI / 2))
    + rows([-INF], A(-PI / 2)),
    "atanh": rows([NAN], NAN) + rows([-1.0 - 2.0**-20, -2.0, -INF], NAN)
    + rows([1.0 + 2.0**-20, 2.0, INF], NAN) + rows([-1.0], -INF) + rows([1.0], INF)
    + rows([P0], P0) + rows([N0], N0),
    "ceil": _rounding_rows(),
    "floor": _rounding_rows(),
    "trunc": _rounding_rows(),
    "round": _rounding_rows()
    # "If two integers are equally close to x_i, the result is the even integer."
    + rows([0.5, -0.5], ZANY) + rows([1.5, 2.5], 2.0) + rows([-1.5, -2.5], -2.0)
    + rows([3.5], 4.0) + rows([-4.5], -4.0),
    "cos": rows([NAN], NAN) + rows([P0, N0], 1.0) + rows([INF, -INF], NAN),
    "cosh": rows([NAN], NAN) + rows([P0, N0], 1.0) + rows([INF, -INF], INF),
    "exp": rows([NAN], NAN) + rows([P0, N0], 1.0) + rows([INF], INF) + rows([-INF], P0),
    "expm1": rows([NAN], NAN) + rows([P0], P0) + rows([N0], N0) + rows([INF], INF)
    + rows([-INF], -1.0),
    "log1p": rows([NAN], NAN) + rows([-1.0 - 2.0**-20, -2.0, NMAX, -INF], NAN)
    + rows([-1.0], -INF) + rows([N0], N0) + rows([P0], P0) + rows([INF], INF),
    "sign": rows([NTINY, -0.5, -1.5, NMAX, -INF], -1.0) + rows([P0, N0], ZANY)
    + rows([TINY, 0.5, 1.5, MAX, INF], 1.0) + rows([NAN], NAN),
    "signbit": rows([P0], False) + rows([N0], True) + rows([INF], False)
    + rows([-INF], True) + rows(POS_FIN, False) + rows(NEG_FIN, True)
    + rows([NAN], False) + rows([NNAN], True),
    "sin": rows([NAN], NAN) + rows([P0], P0) + rows([N0], N0) + rows([INF, -INF], NAN),
    "sinh": rows([NAN], NAN) + rows([P0], P0) + rows([N0], N0) + rows([INF], INF)
    + rows([-INF], -INF),
    "sqrt": rows([NAN], NAN) + rows([NTINY, -0.5, -1.0, NMAX, -INF], NAN)
    + rows([P0], P0) + rows([N0], N0) + rows([INF], INF),
    # "special cases must be handled as if the operation is implemented as x * x"
    "square": rows([NAN], NAN) + rows([P0, N0], P0) + rows([INF, -INF], INF)
    + rows([MAX, NMAX], INF) + rows([TINY, NTINY], P0) + rows([-1.5], 2.25),
    "tan": rows([NAN], NAN) + rows([P0], P0) + rows([N0], N0) + rows([INF, -INF], NAN),
    "tanh": rows([NAN], NAN) + rows([P0], P0) + rows([N0], N0) + rows([INF], 1.0)
    + rows([-INF], -1.0),
}
for _name in ("log", "log2", "log10"):
    UNARY[_name] = (
        rows([NAN], NAN)
        + rows([NTINY, -0.5, -1.0, NMAX, -INF], NAN)
        + rows([P0, N0], -INF)
        + rows([1.0], P0)
        + rows([INF], INF)
    )

ADD = (
    brows([NAN], FIN + [INF, -INF, NAN], NAN) + brows(FIN + [INF, -INF], [NAN], NAN)
    + brows([INF], [-INF], NAN) + brows([-INF], [INF], NAN)
    + brows([INF], [INF], INF) + brows([-INF], [-INF], -INF)
    + brows([INF], FIN, INF) + brows([-INF], FIN, -INF)
    + brows(FIN, [INF], INF) + brows(FIN, [-INF], -INF)
    + brows([N0], [N0], N0) + brows([N0], [P0], P0) + brows([P0], [N0], P0)
    + brows([P0], [P0], P0)
    + brows([P0, N0], NONZERO_FIN, X2) + brows(NONZERO_FIN, [P0, N0], X1)
    + [((x, -x if not isinstance(x, str) else {MAX: NMAX, NMAX: MAX, TINY: NTINY,
                                               NTINY: TINY}[x]), P0, None)
       for x in NONZERO_FIN]
    # overflow -> infinity of the appropriate sign
    + brows([MAX], [MAX], INF) + brows([NMAX], [NMAX], -INF)
)

SUBTRACT = (
    brows([NAN], FIN + [INF, -INF, NAN], NAN) + brows(FIN + [INF, -INF], [NAN], NAN)
    + brows([INF], [INF], NAN) + brows([-INF], [-INF], NAN)
    + brows([INF], [-INF], INF) + brows([-INF], [INF], -INF)
    + brows([INF], FIN, INF) + brows([-INF], FIN, -INF)
    + brows(FIN, [INF], -INF) + brows(FIN, [-INF], INF)
    + brows([N0], [P0], N0) + brows([N0], [N0], P0) + brows([P0], [P0], P0)
    + brows([P0], [N0], P0)
    + brows([P0, N0], NONZERO_FIN, NEG_X2) + brows(NONZERO_FIN, [P0, N0], X1)
    + [((x, x), P0, None) for x in NONZERO_FIN]
    + brows([MAX], [NMAX], INF) + brows([NMAX], [MAX], -INF)
)

MULTIPLY = (
    brows([NAN], FIN + [INF, -INF, NAN], NAN) + brows(FIN + [INF, -INF], [NAN], NAN)
    + brows([INF, -INF], [P0, N0], NAN) + brows([P0, N0], [INF, -INF], NAN)
    + brows([INF], [INF], INF) + brows([-INF], [-INF], INF)
    + brows([INF], [-INF], -INF) + brows([-INF], [INF], -INF)
    + brows([INF], POS_FIN, INF) + brows([INF], NEG_FIN, -INF)
    + brows([-INF], POS_FIN, -INF) + brows([-INF], NEG_FIN, INF)
    + brows(POS_FIN, [INF], INF) + brows(NEG_FIN, [INF], -INF)
    + brows(POS_FIN, [-INF], -INF) + brows(NEG_FIN, [-INF], INF)
    + brows([P0], POS_FIN + [P0], P0) + brows([P0], NEG_FIN + [N0], N0)
    + brows([N0], POS_FIN + [P0], N0) + brows([N0], NEG_FIN + [N0], P0)
    # overflow / underflow keep the sign rule
    + brows([MAX], [2.0, MAX], INF) + brows([MAX], [-2.0], -INF)
    + brows([TINY], [0.25], P0) + brows([TINY], [-0.25], N0)
    + brows([NTINY], [0.25], N0) + brows([NTINY], [-0.25], P0)
)


def _division_zero_rows():
    return (
        brows([NAN], FIN + [INF, -INF, NAN], NAN) + brows(FIN + [INF, -INF], [NAN], NAN)
        + brows([INF, -INF], [INF, -INF], NAN) + brows([P0, N0], [P0, N0], NAN)
        + brows([P0], POS, P0) + brows([N0], POS, N0)
        + brows([P0], NEG, N0) + brows([N0], NEG, P0)
        + brows(POS, [P0], INF) + brows(POS, [N0], -INF)
        + brows(NEG, [P0], -INF) + brows(NEG, [N0], INF)
    )


DIVIDE = (
    _division_zero_rows()
    + brows([INF], POS_FIN, INF) + brows([INF], NEG_FIN, -INF)
    + brows([-INF], POS_FIN, -INF) + brows([-INF], NEG_FIN, INF)
    + brows(POS_FIN, [INF], P0) + brows(POS_FIN, [-INF], N0)
    + brows(NEG_FIN, [INF], N0) + brows(NEG_FIN, [-INF], P0)
    + brows([MAX], [0.5], INF) + brows([MAX], [-0.5], -INF)
    + brows([TINY], [4.0], P0) + brows([TINY], [-4.0], N0)
)

# The standard prefers floor(x1 / x2) and allows Python's results here ("libraries may
# return NaN" / "may return -1.0 to match Python behavior"); arrpy gives the preferred
# ones (a divergence from NumPy that README.md lists), NumPy Python's.
_FD_NAN = "NaN for inf // finite, as Python"
_FD_M1 = "-1.0 for x // inf with x of the other sign, as Python"
FLOOR_DIVIDE = (
    _division_zero_rows()
    + brows([INF], POS_FIN, INF, _FD_NAN) + brows([INF], NEG_FIN, -INF, _FD_NAN)
    + brows([-INF], POS_FIN, -INF, _FD_NAN) + brows([-INF], NEG_FIN, INF, _FD_NAN)
    + brows(POS_FIN, [INF], P0) + brows(POS_FIN, [-INF], N0, _FD_M1)
    + brows(NEG_FIN, [INF], N0, _FD_M1) + brows(NEG_FIN, [-INF], P0)
    # remaining cases: floor of the quotient
    + brows([7.0], [2.0], 3.0) + brows([-7.0], [2.0], -4.0) + brows([7.0], [-2.0], -4.0)
    + brows([-7.0], [-2.0], 3.0) + brows([0.5], [1.5], P0) + brows([-0.5], [1.5], -1.0)
    + brows([MAX], [0.5], INF) + brows([MAX], [-0.5], -INF)
)

REMAINDER = (
    brows([NAN], FIN + [INF, -INF, NAN], NAN) + brows(FIN + [INF, -INF], [NAN], NAN)
    + brows([INF, -INF], [INF, -INF], NAN) + brows([P0, N0], [P0, N0], NAN)
    + brows([P0, N0], POS_FIN, P0) + brows([P0, N0], NEG_FIN, N0)
    + brows(NONZERO_FIN, [P0, N0], NAN)
    + brows([INF, -INF], NONZERO_FIN, NAN)
    + brows(POS_FIN, [INF], X1) + brows(POS_FIN, [-INF], X2)
    + brows(NEG_FIN, [INF], X2) + brows(NEG_FIN, [-INF], X1)
    # "In the remaining cases, the result must match that of the Python % operator."
    + brows([7.5], [2.0], 1.5) + brows([-7.5], [2.0], 0.5) + brows([7.5], [-2.0], -0.5)
    + brows([-7.5], [-2.0], -1.5) + brows([4.0], [2.0], P0) + brows([-4.0], [2.0], P0)
    + brows([4.0], [-2.0], N0) + brows([-4.0], [-2.0], N0)
)

_NOT_ONE = [0.5, -0.5, 2.0, -1.0, P0, N0, INF, -INF, NAN]
POW = (
    brows(_NOT_ONE, [NAN], NAN)
    + brows([NAN, 1.5, -1.5, P0, N0, INF, -INF, 1.0], [P0, N0], 1.0)
    + brows([NAN], [0.5, -0.5, 2.0, INF, -INF, NAN], NAN)
    + brows([1.5, -1.5, 2.0, -3.0, INF, -INF, MAX], [INF], INF)
    + brows([1.5, -1.5, 2.0, -3.0, INF, -INF, MAX], [-INF], P0)
    + brows([-1.0], [INF, -INF], 1.0)
    + brows([1.0], [0.5, -2.0, INF, -INF, MAX, P0, N0, NAN], 1.0)
    + brows([0.5, -0.5, P0, N0, TINY, NTINY], [INF], P0)
    + brows([0.5, -0.5, P0, N0, TINY, NTINY], [-INF], INF)
    + brows([INF], [TINY, 0.5, 1.0, 3.0, MAX], INF)
    + brows([INF], [NTINY, -0.5, -1.0, -3.0, NMAX], P0)
    + brows([-INF], ODD_POS, -INF) + brows([-INF], NOT_ODD_POS, INF)
    + brows([-INF], ODD_NEG, N0) + brows([-INF], NOT_ODD_NEG, P0)
    + brows([P0], [TINY, 0.5, 1.0, 3.0, MAX], P0)
    + brows([P0], [NTINY, -0.5, -1.0, -3.0, NMAX], INF)
    + brows([N0], ODD_POS, N0) + brows([N0], NOT_ODD_POS, P0)
    + brows([N0], ODD_NEG, -INF) + brows([N0], NOT_ODD_NEG, INF)
    + brows([-2.0, -0.5, NMAX, NTINY], [0.5, -1.5, 2.5], NAN)
)

ATAN2 = (
    brows([NAN], FIN + [INF, -INF, NAN], NAN) + brows(FIN + [INF, -INF], [NAN], NAN)
    + brows(POS, [P0, N0], A(PI / 2))
    + brows([P0], POS, P0) + brows([P0], [P0], P0)
    + brows([P0], [N0], A(PI)) + brows([P0], NEG, A(PI))
    + brows([N0], POS, N0) + brows([N0], [P0], N0)
    + brows([N0], [N0], A(-PI)) + brows([N0], NEG, A(-PI))
    + brows(NEG, [P0, N0], A(-PI / 2))
    + brows(POS_FIN, [INF], P0) + brows(POS_FIN, [-INF], A(PI))
    + brows(NEG_FIN, [INF], N0) + brows(NEG_FIN, [-INF], A(-PI))
    + brows([INF], FIN, A(PI / 2)) + brows([-INF], FIN, A(-PI / 2))
    + brows([INF], [INF], A(PI / 4)) + brows([INF], [-INF], A(3 * PI / 4))
    + brows([-INF], [INF], A(-PI / 4)) + brows([-INF], [-INF], A(-3 * PI / 4))
)

COPYSIGN = (
    brows(FIN + [INF, -INF], NEG + [N0, NNAN], NEGABS1)
    + brows(FIN + [INF, -INF], POS + [P0, NAN], ABS1)
    + brows([NAN, NNAN], NEG + [N0, NNAN], NANNEG)
    + brows([NAN, NNAN], POS + [P0, NAN], NANPOS)
)

HYPOT = (
    brows([INF, -INF], FIN + [INF, -INF, NAN], INF)
    + brows(FIN + [NAN], [INF, -INF], INF)
    + brows([P0, N0], FIN + [NAN], ABS2)
    + brows(FIN + [NAN], [P0, N0], ABS1)
    + brows(FIN + [NAN], [NAN], NAN) + brows([NAN], FIN, NAN)
    # purpose of hypot: no undue overflow / underflow
    + brows([MAX], [MAX], INF) + brows([3.0 * 2.0**100], [4.0 * 2.0**100], 5.0 * 2.0**100)
    + brows([3.0 * 2.0**-140], [4.0 * 2.0**-140], 5.0 * 2.0**-140)
)

LOGADDEXP = (
    brows([NAN], FIN + [INF, -INF, NAN], NAN) + brows(FIN + [INF, -INF], [NAN], NAN)
    + brows([INF], FIN + [INF, -INF], INF) + brows(FIN + [-INF], [INF], INF)
    # not listed by the standard, but exact: log(exp(-inf) + exp(x)) == x
    + brows([-INF], [-INF], -INF) + brows([-INF], [1.5, -3.0, P0], X2)
    + brows([1.5, -3.0, P0], [-INF], X1)
)

_MAXMIN_VALUES = FIN + [INF, -INF]
MAXIMUM = (
    brows([NAN], _MAXMIN_VALUES + [NAN], NAN) + brows(_MAXMIN_VALUES, [NAN], NAN)
    # signed zeros: either is allowed
    + brows([P0, N0], [P0, N0], ZANY)
    + brows([INF], _MAXMIN_VALUES, INF) + brows([-INF], [1.5, -1.5], X2)
    + brows([-1.5], [2.5], 2.5) + brows([1.5], [-2.5], 1.5)
)
MINIMUM = (
    brows([NAN], _MAXMIN_VALUES + [NAN], NAN) + brows(_MAXMIN_VALUES, [NAN], NAN)
    + brows([P0, N0], [P0, N0], ZANY)
    + brows([-INF], _MAXMIN_VALUES, -INF) + brows([INF], [1.5, -1.5], X2)
    + brows([-1.5], [2.5], -1.5) + brows([1.5], [-2.5], -2.5)
)

# nextafter is not in the 2023.12 revision (added in 2024.12); IEEE 754 nextUp/nextDown
# semantics as in C99 nextafter: NaN -> NaN, x1 == x2 -> x2, steps of one ulp.
NEXTAFTER = (
    brows([NAN], [1.0, P0, INF, NAN], NAN) + brows([1.0, P0, INF], [NAN], NAN)
    + brows([P0], [N0], N0) + brows([N0], [P0], P0)
    + [((v, v), X2, None) for v in [1.5, -2.5, INF, -INF, MAX, TINY]]
    + brows([P0, N0], [1.0, INF], TINY) + brows([P0, N0], [-1.0, -INF], NTINY)
    + brows([TINY], [P0, -1.0], P0) + brows([NTINY], [N0, 1.0], N0)
    + brows([MAX], [INF], INF) + brows([NMAX], [-INF], -INF)
    + brows([INF], [P0], MAX) + brows([-INF], [P0], NMAX)
)

BINARY = {
    "add": ADD,
    "subtract": SUBTRACT,
    "multiply": MULTIPLY,
    "divide": DIVIDE,
    "floor_divide": FLOOR_DIVIDE,
    "remainder": REMAINDER,
    "pow": POW,
    "atan2": ATAN2,
    "copysign": COPYSIGN,
    "hypot": HYPOT,
    "logaddexp": LOGADDEXP,
    "maximum": MAXIMUM,
    "minimum": MINIMUM,
    "nextafter": NEXTAFTER,
}

# NumPy exceptions in tables other than floor_divide are found by running in numpy mode;
# see NP_DEVIATIONS_EXTRA below for the ones attached after the fact.


# --------------------------------------------------------------------------------------
# Complex tables: rows ((a, b),) -> (re, im).  Conjugate symmetry f(conj z) == conj f(z)
# (stated by the standard for all functions below) adds the mirrored rows; odd (sinh,
# tanh) / even (cosh) symmetry adds the rows for -z.
# --------------------------------------------------------------------------------------

NONZERO_POS_B = [1.0, 2.0, 4.0]  # cos/sin signs: (+,+), (-,+), (-,-)
FIN_B = [0.0] + NONZERO_POS_B


def inf_cis(b):
    return (math.copysign(INF, math.cos(b)), math.copysign(INF, math.sin(b)))


def zero_cis(b):
    return (math.copysign(0.0, math.cos(b)), math.copysign(0.0, math.sin(b)))


def crows(pairs, expected, np_dev=None):
    out = []
    for a, b in pairs:
        e = expected(a, b) if callable(expected) else expected
        out.append(((complex_(a, b),), e, np_dev))
    return out


def complex_(a, b):
    return ("c", a, b)  # keeps signed zeros / NaN signs until conversion


def prod(xs, ys):
    return [(x, y) for x in xs for y in ys]


FIN_A = [P0, N0, 1.5, -1.5]

C_EXP = (
    crows(prod([P0, N0], [P0]), (1.0, P0))
    + crows(prod(FIN_A, [INF]), (NAN, NAN))
    + crows(prod(FIN_A, [NAN]), (NAN, NAN))
    + crows(prod([INF], [P0]), (INF, P0))
    + crows(prod([-INF], FIN_B), lambda a, b: zero_cis(b))
    + crows(prod([INF], NONZERO_POS_B), lambda a, b: inf_cis(b))
    + crows(prod([-INF], [INF]), (ZANY, ZANY))
    + crows(prod([INF], [INF]), (IANY, NAN))
    + crows(prod([-INF], [NAN]), (ZANY, ZANY))
    + crows(prod([INF], [NAN]), (IANY, NAN))
    + crows(prod([NAN], [P0]), (NAN, P0))
    + crows(prod([NAN], [1.5, INF]), (NAN, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
)

C_EXPM1 = (
    crows(prod([P0, N0], [P0]), (ZANY, P0))  # "0 + 0j"
    + crows(prod(FIN_A, [INF]), (NAN, NAN))
    + crows(prod(FIN_A, [NAN]), (NAN, NAN))
    + crows(prod([INF], [P0]), (INF, P0))
    + crows(prod([-INF], NONZERO_POS_B), lambda a, b: (-1.0, zero_cis(b)[1]))
    + crows(prod([INF], NONZERO_POS_B), lambda a, b: inf_cis(b))
    + crows(prod([-INF], [INF]), (-1.0, ZANY))
    + crows(prod([INF], [INF]), (IANY, NAN))
    + crows(prod([-INF], [NAN]), (-1.0, ZANY))
    + crows(prod([INF], [NAN]), (IANY, NAN))
    + crows(prod([NAN], [P0]), (NAN, P0))
    + crows(prod([NAN], [1.5, INF]), (NAN, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
)

C_LOG = (
    crows([(N0, P0)], (-INF, A(PI)))
    + crows([(P0, P0)], (-INF, P0))
    + crows(prod(FIN_A, [INF]), (INF, A(PI / 2)))
    + crows(prod(FIN_A, [NAN]), (NAN, NAN))
    + crows(prod([-INF], [1.5]), (INF, A(PI)))
    + crows(prod([INF], [1.5]), (INF, P0))
    + crows(prod([-INF], [INF]), (INF, A(3 * PI / 4)))
    + crows(prod([INF], [INF]), (INF, A(PI / 4)))
    + crows(prod([INF, -INF], [NAN]), (INF, NAN))
    + crows(prod([NAN], [P0, 1.5]), (NAN, NAN))
    + crows(prod([NAN], [INF]), (INF, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
    # not special, but pins the branch: log(-1 + 0j) = 0 + πj
    + crows([(-1.0, P0)], (P0, A(PI)))
)

C_LOG1P = (
    crows([(-1.0, P0)], (-INF, P0))
    + crows(prod(FIN_A, [INF]), (INF, A(PI / 2)))
    + crows(prod(FIN_A, [NAN]), (NAN, NAN))
    + crows(prod([-INF], [1.5]), (INF, A(PI)))
    + crows(prod([INF], [1.5]), (INF, P0))
    + crows(prod([-INF], [INF]), (INF, A(3 * PI / 4)))
    + crows(prod([INF], [INF]), (INF, A(PI / 4)))
    + crows(prod([INF, -INF], [NAN]), (INF, NAN))
    + crows(prod([NAN], [P0, 1.5]), (NAN, NAN))
    + crows(prod([NAN], [INF]), (INF, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
)

# sqrt: the 2023.12 text garbles two rows ("-infinity + finite b -> NaN + NaN j" and
# "+infinity + finite b -> +0 + infinity j"); these follow C99 G.6.4.2 / the standard's
# own branch-cut and conj rules: sqrt(-inf + bj) = +0 + inf j, sqrt(+inf + bj) = inf + 0j.
C_SQRT = (
    crows(prod([P0, N0], [P0]), (P0, P0))
    + crows(prod(FIN_A + [INF, -INF, NAN], [INF]), (INF, INF))
    + crows(prod(FIN_A, [NAN]), (NAN, NAN))
    + crows(prod([-INF], [1.5]), (P0, INF))
    + crows(prod([INF], [1.5]), (INF, P0))
    + crows(prod([-INF], [NAN]), (NAN, IANY))
    + crows(prod([INF], [NAN]), (INF, NAN))
    + crows(prod([NAN], [P0, 1.5]), (NAN, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
    # not special, but exact: pins the branch cut
    + crows([(-1.0, P0)], (P0, 1.0)) + crows([(-4.0, P0)], (P0, 2.0))
    + crows([(4.0, P0)], (2.0, P0)) + crows([(0.0, 2.0)], (1.0, 1.0))
)

C_SINH = (
    crows([(P0, P0)], (P0, P0))
    + crows(prod([P0], [INF]), (ZANY, NAN))
    + crows(prod([P0], [NAN]), (ZANY, NAN))
    + crows(prod([1.5], [INF]), (NAN, NAN))
    + crows(prod([1.5], [NAN]), (NAN, NAN))
    + crows(prod([INF], [P0]), (INF, P0))
    + crows(prod([INF], NONZERO_POS_B), lambda a, b: inf_cis(b))
    + crows(prod([INF], [INF]), (IANY, NAN))
    + crows(prod([INF], [NAN]), (IANY, NAN))
    + crows(prod([NAN], [P0]), (NAN, P0))
    + crows(prod([NAN], [1.5]), (NAN, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
)

C_COSH = (
    crows([(P0, P0)], (1.0, P0))
    + crows(prod([P0], [INF]), (NAN, ZANY))
    + crows(prod([P0], [NAN]), (NAN, ZANY))
    + crows(prod([1.5], [INF]), (NAN, NAN))
    + crows(prod([1.5], [NAN]), (NAN, NAN))
    + crows(prod([INF], [P0]), (INF, P0))
    + crows(prod([INF], NONZERO_POS_B), lambda a, b: inf_cis(b))
    + crows(prod([INF], [INF]), (IANY, NAN))
    + crows(prod([INF], [NAN]), (INF, NAN))
    + crows(prod([NAN], [P0]), (NAN, ZANY))
    + crows(prod([NAN], [1.5]), (NAN, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
)

C_TANH = (
    crows([(P0, P0)], (P0, P0))
    + crows(prod([1.5], [INF]), (NAN, NAN))
    + crows(prod([P0], [INF]), (P0, NAN))
    + crows(prod([1.5], [NAN]), (NAN, NAN))
    + crows(prod([P0], [NAN]), (P0, NAN))
    + crows(prod([INF], NONZERO_POS_B), (1.0, P0))
    + crows(prod([INF], [INF]), (1.0, ZANY))
    + crows(prod([INF], [NAN]), (1.0, ZANY))
    + crows(prod([NAN], [P0]), (NAN, P0))
    + crows(prod([NAN], [1.5]), (NAN, NAN))
    + crows(prod([NAN], [NAN]), (NAN, NAN))
)


def _neg_spec(s):
    if isinstance(s, A):
        return A(-s.v)
    if isinstance(s, float):
        return -s
    return s  # NaN / ZANY / IANY stay as they are


def _mirror(table, symmetry):
    """Adds rows implied by conj symmetry, plus odd/even symmetry when given."""
    out = list(table)
    seen = {_key(r[0][0]) for r in table}

    def add(a, b, e, dev):
        k = _key(("c", a, b))
        if k not in seen:
            seen.add(k)
            out.append(((("c", a, b),), e, dev))

    for (z,), (re, im), dev in table:
        _, a, b = z
        add(a, -b, (re, _neg_spec(im)), dev)  # conj
        if symmetry == "odd":
            add(-a, -b, (_neg_spec(re), _neg_spec(im)), dev)
            add(-a, b, (_neg_spec(re), im), dev)
        elif symmetry == "even":
            add(-a, -b, (re, im), dev)
            add(-a, b, (re, _neg_spec(im)), dev)
    return out


def _key(z):
    _, a, b = z
    return (repr(a), math.copysign(1, a), repr(b), math.copysign(1, b))


def _expand_callables(table):
    out = []
    for inputs, e, dev in table:
        if callable(e):
            _, a, b = inputs[0]
            e = e(a, b)
        out.append((inputs, e, dev))
    return out


COMPLEX = {
    "exp": _mirror(C_EXP, None),
    "expm1": _mirror(C_EXPM1, None),
    "log": _mirror(C_LOG, None),
    "log1p": _mirror(C_LOG1P, None),
    "sqrt": _mirror(C_SQRT, None),
    "sinh": _mirror(C_SINH, "odd"),
    "cosh": _mirror(C_COSH, "even"),
    "tanh": _mirror(C_TANH, "odd"),
}

# Known NumPy deviations found by running this file with ARRPY_TEST_XP=numpy, as
# (function, kind, predicate on the row inputs, description).  Filled below.
def _c(z):
    return z[1], z[2]


def _expm1_dev(z):
    a, b = _c(z)
    if math.isinf(a) and a > 0:
        return b == 0 or not math.isfinite(b)
    if math.isinf(a):  # -inf
        return b != 0  # non-finite b: NaN; complex64, finite b: -0.99999988 instead of -1
    return math.isnan(a) and b == 0


def _tanh_dev(z):
    a, b = _c(z)
    return (math.isinf(a) and math.isfinite(b) and b != 0
            and (math.sin(2 * b) < 0) != (b < 0))


NP_DEVIATIONS_EXTRA = [
    ("expm1", "complex", _expm1_dev,
     "NumPy's complex expm1 is exp(z) - 1 computed naively: NaN/-0.99999988 where the "
     "standard has ±inf + 0j, -1 + 0j, NaN + 0j"),
    ("tanh", "complex", _tanh_dev,
     "NumPy follows C99 tanh(±inf + bj) = ±1 + 0*sin(2b) j (a -0 imaginary part when "
     "sin(2b) < 0); the standard says 1 + 0j"),
]


def _np_dev_for(name, kind, inputs):
    for fname, fkind, pred, why in NP_DEVIATIONS_EXTRA:
        if fname == name and fkind == kind and pred(*inputs):
            return why
    return None


# --------------------------------------------------------------------------------------
# Checking machinery
# --------------------------------------------------------------------------------------


def _real_dtype(dtype):
    return {"complex128": "float64", "complex64": "float32"}.get(dtype, dtype)


def _resolve_row(inputs, dtype):
    """Inputs converted to python values as they will be stored in ``dtype``."""
    rdt = np.dtype(_real_dtype(dtype))
    out = []
    for v in inputs:
        if isinstance(v, tuple):
            _, a, b = v
            a = float(np.array(resolve_input(a, dtype), dtype=rdt))
            b = float(np.array(resolve_input(b, dtype), dtype=rdt))
            out.append(complex(a, b))
        else:
            out.append(float(np.array(resolve_input(v, dtype), dtype=rdt)))
    return out


def _to_xp(xp, values, dtype):
    if xp is np:
        return np.array(values, dtype=dtype)
    return arrpy.asarray(values, dtype=dtype)


def _to_np(r):
    if isinstance(r, np.ndarray):
        return r
    return np.array(r.tolist(), dtype=str(r.dtype)).reshape(r.shape)


def _ordinal(a):
    """Monotonic integer image of float array ``a`` (for ulp distances)."""
    a = np.asarray(a)
    it = np.int64 if a.dtype == np.float64 else np.int32
    i = a.view(it).astype(np.int64)
    mask = np.int64(np.iinfo(it).max)
    return np.where(i < 0, -(i & mask), i)


def _check_component(got, spec, xs, rdt):
    """Whether float value ``got`` (numpy scalar of rdt) satisfies ``spec``."""
    g = float(got)
    if spec is NAN or (isinstance(spec, float) and math.isnan(spec)):
        return math.isnan(g)
    if spec is NANPOS:
        return math.isnan(g) and not np.signbit(got)
    if spec is NANNEG:
        return math.isnan(g) and bool(np.signbit(got))
    if spec is ZANY:
        return g == 0.0
    if spec is IANY:
        return math.isinf(g)
    if isinstance(spec, A):
        e = np.array(spec.v, dtype=rdt)
        if not math.isfinite(g):
            return False
        d = abs(int(_ordinal(np.array([got], dtype=rdt))[0]) -
                int(_ordinal(np.array([e], dtype=rdt))[0]))
        return d <= APPROX_ULP
    if isinstance(spec, Tok):
        x1 = xs[0]
        x2 = xs[1] if len(xs) > 1 else None
        spec = {
            X1: x1, X2: x2, NEG_X2: -x2 if x2 is not None else None,
            ABS1: abs(x1), ABS2: abs(x2) if x2 is not None else None,
            NEGABS1: -abs(x1),
        }[spec]
        if math.isnan(spec):
            return math.isnan(g)
    spec = float(np.array(resolve_input(spec, rdt.name), dtype=rdt))
    if math.isnan(spec):
        return math.isnan(g)
    return g == spec and math.copysign(1.0, g) == math.copysign(1.0, spec)


def _fmt(v):
    if isinstance(v, complex):
        return f"complex({_fmt(v.real)}, {_fmt(v.imag)})"
    if isinstance(v, float):
        if math.isnan(v):
            return "-nan" if math.copysign(1, v) < 0 else "nan"
        return repr(v)
    return repr(v)


def _table(name, kind):
    if kind == "complex":
        return _expand_callables(COMPLEX[name])
    if kind == "unary":
        return UNARY[name]
    return BINARY[name]


def _active_rows(name, kind):
    out = []
    for inputs, e, dev in _table(name, kind):
        dev = dev or _np_dev_for(name, kind, inputs)
        if NUMPY_MODE and dev:
            continue
        out.append((inputs, e))
    return out


def _run_case_table(xp, name, kind, dtype, layout):
    f = getattr(xp, name)
    table = _active_rows(name, kind)
    resolved = [(_resolve_row(inputs, dtype), e) for inputs, e in table]
    nargs = len(resolved[0][0])
    rdt = np.dtype(_real_dtype(dtype))
    is_complex = kind == "complex"
    bool_out = name == "signbit"
    out_dtype = "bool" if bool_out else dtype

    if layout == "single":
        positions = [[i] for i in range(len(resolved))]
        results = []
        for idx in positions:
            args = [_to_xp(xp, [resolved[i][0][k] for i in idx], dtype) for k in range(nargs)]
            with np.errstate(all="ignore"):
                r = f(*args)
            assert str(r.dtype) == out_dtype, (name, str(r.dtype), out_dtype)
            assert tuple(r.shape) == (1,), r.shape
            results.append(_to_np(r)[0])
        index = list(range(len(resolved)))
    else:
        n = EMBEDDED_LEN if layout == "embedded" else LARGE_LEN
        seed = zlib.crc32(f"{name}-{dtype}-{layout}".encode())
        rng = np.random.default_rng(seed)
        # Every row appears at least once (at the start, the end and in between),
        # the remainder are random rows, so each row lands in several lanes.
        index = list(rng.permutation(len(resolved)))
        index += list(rng.integers(0, len(resolved), max(0, n - 2 * len(resolved))))
        index += list(rng.permutation(len(resolved)))
        args = [_to_xp(xp, [resolved[i][0][k] for i in index], dtype) for k in range(nargs)]
        with np.errstate(all="ignore"):
            r = f(*args)
        assert str(r.dtype) == out_dtype, (name, str(r.dtype), out_dtype)
        assert tuple(r.shape) == (len(index),), r.shape
        results = _to_np(r)

    results = np.asarray(results, dtype=out_dtype)
    index = np.asarray(index, dtype=np.int64)
    # Check the first occurrence of every row, plus every position whose bit pattern
    # differs from that first occurrence (vectorized kernels must agree with scalar code
    # wherever a row sits in the array).
    bits = results.view(np.uint8).reshape(len(results), -1)
    first_pos = np.full(len(resolved), -1, dtype=np.int64)
    order = np.arange(len(index))[::-1]
    first_pos[index[order]] = order
    differs = np.any(bits != bits[first_pos[index]], axis=1)
    first = set(first_pos[first_pos >= 0].tolist()) | set(np.flatnonzero(differs).tolist())
    failures = {}
    for pos in sorted(first):
        i = int(index[pos])
        got = results[pos]
        xs, spec = resolved[i]
        if bool_out:
            ok = bool(got) == spec
        elif is_complex:
            re_s, im_s = spec
            ok = _check_component(np.real(got).astype(rdt), re_s, xs, rdt) and \
                _check_component(np.imag(got).astype(rdt), im_s, xs, rdt)
        else:
            ok = _check_component(rdt.type(got), spec, xs, rdt)
        if not ok and i not in failures:
            failures[i] = (pos, got)
    if failures:
        lines = []
        for i, (pos, got) in sorted(failures.items()):
            xs, spec = resolved[i]
            if is_complex:
                got_s = _fmt(complex(got))
            else:
                got_s = _fmt(bool(got) if bool_out else float(got))
            lines.append(f"  {name}({', '.join(_fmt(x) for x in xs)}) -> {got_s}, "
                         f"expected {spec!r} (position {pos})")
        pytest.fail(f"{len(failures)} of {len(resolved)} special cases of {name} [{dtype}, "
                    f"{layout}] violated:\n" + "\n".join(lines[:60]), pytrace=False)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_special_cases(xp, tier, name, dtype, layout):
    _run_case_table(xp, name, "unary", dtype, layout)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_special_cases(xp, tier, name, dtype, layout):
    _run_case_table(xp, name, "binary", dtype, layout)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", COMPLEX_DTYPES)
@pytest.mark.parametrize("name", sorted(COMPLEX))
def test_complex_special_cases(xp, tier, name, dtype, layout):
    _run_case_table(xp, name, "complex", dtype, layout)


def _deviation_params():
    out = []
    for kind, tables in (("unary", UNARY), ("binary", BINARY), ("complex", COMPLEX)):
        for name, table in tables.items():
            for inputs, e, dev in (_expand_callables(table) if kind == "complex" else table):
                dev = dev or _np_dev_for(name, kind, inputs)
                if dev:
                    ident = f"{name}-" + ",".join(
                        _fmt(complex(v[1], v[2])) if isinstance(v, tuple) else _fmt(v)
                        for v in inputs)
                    out.append(pytest.param(kind, name, inputs, e, dev, id=ident))
    return out


@pytest.mark.parametrize("dtype", ["float64"])
@pytest.mark.parametrize("kind,name,inputs,expected,why", _deviation_params())
def test_numpy_deviation(xp, kind, name, inputs, expected, why, dtype):
    """Rows where NumPy is known to deviate from the standard (checked for arrpy)."""
    if NUMPY_MODE:
        pytest.skip(f"NumPy deviates from the standard: {why}")
    if kind == "complex":
        dtype = "complex128"
    f = getattr(xp, name)
    xs = _resolve_row(inputs, dtype)
    with np.errstate(all="ignore"):
        r = _to_np(f(*[_to_xp(xp, [x], dtype) for x in xs]))[0]
    rdt = np.dtype(_real_dtype(dtype))
    if kind == "complex":
        ok = _check_component(np.real(r).astype(rdt), expected[0], xs, rdt) and \
            _check_component(np.imag(r).astype(rdt), expected[1], xs, rdt)
    else:
        ok = _check_component(rdt.type(r), expected, xs, rdt)
    assert ok, f"{name}({xs}) -> {r!r}, expected {expected!r}"


def test_tables_are_nonempty():
    expected = {
        "abs", "acos", "acosh", "add", "asin", "asinh", "atan", "atan2", "atanh", "ceil",
        "copysign", "cos", "cosh", "divide", "exp", "expm1", "floor", "floor_divide",
        "hypot", "log", "log1p", "log2", "log10", "logaddexp", "maximum", "minimum",
        "multiply", "pow", "remainder", "round", "sign", "signbit", "sin", "sinh", "sqrt",
        "square", "subtract", "tan", "tanh", "trunc", "nextafter",
    }
    have = set(UNARY) | set(BINARY)
    assert expected <= have, expected - have
    for t in list(UNARY.values()) + list(BINARY.values()) + list(COMPLEX.values()):
        assert t

