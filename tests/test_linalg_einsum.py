"""einsum, einsum_path, linalg.multi_dot, linalg.matrix_power and linalg.cross against NumPy:
explicit and implicit outputs, ellipses, traces and diagonals, broadcasting of length-1 axes,
0-d and empty operands, every dtype kind (bool as or-of-ands), views built from arrpy arrays
(strided, reversed, transposed, broadcast), the three tiers with the trace showing matmul's
loop, the contraction orders (optimize=) and the interleaved form, `out=` (overlap included),
`dtype=`/`casting=`, bad input (NumPy's exception, a message naming the subscripts or sizes,
inputs and out untouched), and a hypothesis property over random two-operand contractions."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from conftest import (
    NUMPY_MODE, TIERS, broadcast_view, owned_copy, sample, to_numpy, traced, view_pair,
)

pytestmark = pytest.mark.skipif(NUMPY_MODE, reason="arrpy's own functions")

DTYPES = ["bool", "int8", "int32", "int64", "uint16", "float32", "float64", "complex64", "complex128"]


def own(x):
    return owned_copy(x) if x.ndim else ap.asarray(x)


def operands(dtype, shapes, seed=0):
    nps = [sample(dtype, int(np.prod(s)), seed=seed + i, small=True).reshape(s)
           for i, s in enumerate(shapes)]
    return nps, [own(x) for x in nps]


def assert_einsum(result, expected, nps):
    """``result`` is NumPy's ``expected`` in dtype and shape, and in value within a few
    roundings per summed term at the operands' scale (exactly for integers and bool)."""
    expected = np.asarray(expected)
    assert isinstance(result, ap.ndarray), type(result)
    assert result.dtype == expected.dtype.name, (result.dtype, expected.dtype)
    assert result.shape == expected.shape, (result.shape, expected.shape)
    got = to_numpy(result)
    if expected.dtype.kind in "fc":
        scale = np.prod([max(float(np.max(np.abs(x), initial=1.0)), 1.0) for x in nps])
        terms = max(int(np.prod([x.size for x in nps], dtype=float) ** 0.5), 1)
        np.testing.assert_allclose(got, expected, rtol=0,
                                   atol=8 * np.finfo(expected.dtype).eps * terms * scale)
    else:
        np.testing.assert_array_equal(got, expected)


CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij,jk", [(3, 4), (4, 5)]),             # implicit: ik
    ("ij,jk->ki", [(3, 4), (4, 5)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("ij,ij->ij", [(3, 4), (3, 4)]),         # elementwise
    ("ij,ij->", [(3, 4), (3, 4)]),
    ("i,j->ij", [(3,), (4,)]),               # outer
    ("i,i", [(5,), (5,)]),                   # inner, 0-d result
    ("ii", [(4, 4)]),                        # trace
    ("ii->i", [(4, 4)]),                     # diagonal
    ("iij->j", [(3, 3, 2)]),
    ("iji->j", [(3, 2, 3)]),
    ("ij->", [(3, 4)]),
    ("ij->j", [(3, 4)]),
    ("ij->ji", [(3, 4)]),
    ("ij", [(3, 4)]),
    ("ba", [(3, 4)]),                        # implicit output is alphabetical: transposed
    ("Ba,aC", [(2, 3), (3, 4)]),             # uppercase sorts first
    ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
    ("...ij,...jk", [(2, 1, 3, 4), (5, 4, 2)]),
    ("i...->...", [(3, 2, 2)]),
    ("...ii->...i", [(2, 3, 3)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
    ("ij,jk,kl", [(2, 3), (3, 4), (4, 2)]),
    ("i,i,i->", [(4,), (4,), (4,)]),
    ("ijk,jil->kl", [(3, 2, 4), (2, 3, 5)]),
    ("abc,cd,dbe->ae", [(2, 3, 4), (4, 2), (2, 3, 2)]),
    (",ij->ij", [(), (2, 3)]),               # a 0-d operand
    (",", [(), ()]),
    ("", [()]),
    ("ij,ij->ij", [(1, 3), (2, 3)]),         # a length-1 axis broadcasts
    ("ij,jk", [(2, 1), (3, 4)]),             # ... also when it is summed
    ("ij,jk->ik", [(0, 3), (3, 4)]),         # empty
    ("ij,jk->ik", [(2, 0), (0, 4)]),         # nothing summed: zeros
    ("ij->", [(0, 3)]),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("subscripts, shapes", CASES)
def test_einsum_matches_numpy(dtype, subscripts, shapes):
    nps, aps = operands(dtype, shapes)
    expected = np.einsum(subscripts, *nps)
    assert_einsum(ap.einsum(subscripts, *aps), expected, nps)
    if len(shapes) >= 3:
        for optimize in [True, "greedy", "optimal"]:
            assert_einsum(ap.einsum(subscripts, *aps, optimize=optimize), expected, nps)


def test_bool_sums_are_or_and_products_and():
    a = ap.asarray([[True, False], [False, False]])
    b = ap.asarray([[True, True], [True, False]])
    assert ap.einsum("ij,jk", a, b).tolist() == [[True, True], [False, False]]
    assert ap.einsum("ij->i", a).tolist() == [True, False]
    assert ap.einsum("i,i", ap.asarray([True, True]), ap.asarray([True, True])).dtype == "bool"


def test_mixed_dtypes_promote():
    nps = [sample("int8", 6).reshape(2, 3), sample("float32", 12, seed=1).reshape(3, 4)]
    assert_einsum(ap.einsum("ij,jk", *map(own, nps)), np.einsum("ij,jk", *nps), nps)


# Views of arrpy arrays taken exactly as of NumPy arrays (view_pair checks the strides).
VIEWS = {
    "strided": ((8, 10), lambda x: x[::2, ::2]),
    "negative": ((4, 5), lambda x: x[::-1, ::-1]),
    "transposed": ((5, 4), lambda x: x.T),
    "broadcast": ((5,), lambda x: broadcast_view(x[::-1], (4, 5))),
}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("dtype", ["float64", "complex64", "int16"])
@pytest.mark.parametrize("subscripts", ["ij,jk->ik", "ij,kj->ik", "ij,ij->j", "ij->ji", "ij,j"])
def test_views(view, dtype, subscripts):
    shape, op = VIEWS[view]
    na, a = view_pair(sample(dtype, int(np.prod(shape)), small=True).reshape(shape), op)
    nb = sample(dtype, 20, seed=3, small=True).reshape(4, 5)[::-1].T  # (5, 4), reversed
    if subscripts == "ij,jk->ik":
        args_n, args_a = (na, nb), (a, own(np.ascontiguousarray(nb)))
    elif subscripts == "ij,kj->ik":
        nc = nb.T.copy()
        args_n, args_a = (na, nc), (a, own(nc))
    elif subscripts == "ij,ij->j":
        args_n, args_a = (na, na), (a, a)
    elif subscripts == "ij,j":
        nc = sample(dtype, 5, seed=4, small=True)[::-1]
        args_n, args_a = (na, nc), (a, own(nc.copy()))
    else:
        args_n, args_a = (na,), (a,)
    assert_einsum(ap.einsum(subscripts, *args_a), np.einsum(subscripts, *args_n), list(args_n))


def test_diagonal_of_a_strided_view_and_a_view_result():
    base = sample("float64", 64).reshape(8, 8)
    nv, av = view_pair(base, lambda x: x[::-2, ::-2])
    assert_einsum(ap.einsum("ii->i", av), np.einsum("ii->i", nv), [nv])
    assert_einsum(ap.einsum("ii", av), np.einsum("ii", nv), [nv])
    # With nothing to compute the result is a view, as NumPy's.
    a = owned_copy(base)
    d = ap.einsum("ii->i", a)
    assert ap.shares_memory(d, a)
    t = ap.einsum("ij->ji", a)
    assert ap.shares_memory(t, a) and t.shape == (8, 8)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int32"])
@pytest.mark.parametrize("subscripts, shapes", [
    ("ij,jk->ik", [(40, 30), (30, 20)]),
    ("bij,bjk->bik", [(6, 8, 9), (6, 9, 7)]),
    ("ij,jk,kl->il", [(5, 40), (40, 3), (3, 30)]),
])
def test_each_tier_runs_matmul(tier, dtype, subscripts, shapes):
    nps, aps = operands(dtype, shapes, seed=7)
    r, runs = traced(tier, lambda: ap.einsum(subscripts, *aps, optimize=True))
    counts = runs[dtype]
    steps = len(shapes) - 1
    assert counts["reference"] == (steps if tier == "reference" else 0), counts
    assert counts["vector"] == (0 if tier == "reference" else steps), counts
    assert_einsum(r, np.einsum(subscripts, *nps), nps)


def test_two_operand_products_reach_matmul_without_copies():
    # A 2-d product is one matmul of the operands as they are: a transposed, reversed operand
    # gives the same values as NumPy.
    nps, aps = operands("float64", [(6, 5), (6, 4)], seed=2)
    r, runs = traced("simd", lambda: ap.einsum("ji,jk->ik", aps[0][::-1], aps[1][::-1]))
    assert runs["float64"]["vector"] == 1
    assert_einsum(r, np.einsum("ji,jk->ik", nps[0][::-1], nps[1][::-1]), nps)


def test_paths_match_numpy():
    shapes = [(2, 3), (3, 40), (40, 5)]
    nps, aps = operands("float64", shapes)
    for optimize in ["greedy", "optimal"]:
        path, report = ap.einsum_path("ij,jk,kl->il", *aps, optimize=optimize)
        want, _ = np.einsum_path("ij,jk,kl->il", *nps, optimize=optimize)
        assert path == want == ["einsum_path", (1, 2), (0, 1)]
        assert "ij,jk,kl->il" in report and "Naive FLOP count:  3.600e+03" in report
        assert "Optimized FLOP count:  1.261e+03" in report
        assert_einsum(ap.einsum("ij,jk,kl->il", *aps, optimize=path),
                      np.einsum("ij,jk,kl->il", *nps), nps)
    assert ap.einsum_path("ij,jk", *aps[:2])[0] == ["einsum_path", (0, 1)]
    assert ap.einsum_path("ij", aps[0])[0] == ["einsum_path", (0,)]
    assert ap.einsum_path("ij,jk,kl", *aps, optimize=False)[0] == ["einsum_path", (0, 1, 2)]


def _random_problems(count, seed):
    """(subscripts, shapes) of random contractions of 3-5 operands over labels of sizes 1-13."""
    import random
    rnd = random.Random(seed)
    for _ in range(count):
        letters = "abcdefg"[:rnd.randint(3, 7)]
        sizes = {c: rnd.choice([1, 2, 3, 5, 8, 13]) for c in letters}
        terms = ["".join(rnd.sample(letters, rnd.randint(1, 3))) for _ in range(rnd.randint(3, 5))]
        used = sorted(set("".join(terms)))
        out = "".join(c for c in used if rnd.random() < 0.3)
        yield ",".join(terms) + "->" + out, [tuple(sizes[c] for c in t) for t in terms]


@pytest.mark.parametrize("optimize", ["greedy", "optimal", ("greedy", 40), ("optimal", 40),
                                      ["greedy", 0], True])
def test_paths_are_numpys_on_random_contractions(optimize):
    # NumPy's orders step for step: the memory limit (the largest operand's size by default),
    # the naive-cost sieve, candidates carried from round to round, ties to the first found.
    for subs, shapes in _random_problems(120, seed=1):
        nps = [np.ones(s) for s in shapes]
        want = np.einsum_path(subs, *nps, optimize=optimize)[0]
        assert ap.einsum_path(subs, *map(ap.asarray, nps), optimize=optimize)[0] == want, subs


def test_path_reports_and_contraction_lists_are_numpys():
    # The printed report line for line, and einsum_call=True's contraction list (positions
    # popped right to left, each step's subscripts, the operands left), on random contractions
    # with repeated labels, implicit outputs and one-operand steps.
    problems = list(_random_problems(60, seed=2)) + [
        ("ii,ij->j", [(3, 3), (3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("ii->i", [(3, 3)]),
        ("ij,jk,kl->", [(2, 3), (3, 4), (4, 5)])]
    for subs, shapes in problems:
        nps = [np.ones(s) for s in shapes]
        aps = [ap.asarray(x) for x in nps]
        for optimize in ["greedy", "optimal", False]:
            assert ap.einsum_path(subs, *aps, optimize=optimize)[1] == \
                np.einsum_path(subs, *nps, optimize=optimize)[1], (subs, optimize)
            got_ops, got = ap.einsum_path(subs, *aps, optimize=optimize, einsum_call=True)
            want_ops, want = np.einsum_path(subs, *nps, optimize=optimize, einsum_call=True)
            assert got == want, (subs, optimize)
            assert len(got_ops) == len(want_ops) and all(x is y for x, y in zip(got_ops, aps))


def test_memory_limited_paths_compute_numpys_result():
    nps, aps = operands("float64", [(4, 5), (5, 6), (6, 3)])
    for optimize in [("greedy", 0), ("optimal", 20), ("greedy", 1e9)]:
        assert_einsum(ap.einsum("ij,jk,kl->il", *aps, optimize=optimize),
                      np.einsum("ij,jk,kl->il", *nps, optimize=optimize), nps)
    with pytest.raises(KeyError, match="fastest"):
        ap.einsum("ij,jk,kl->il", *aps, optimize=("fastest", 10))


def test_optimal_is_no_costlier_than_greedy():
    rng = np.random.default_rng(5)
    sizes = dict(zip("abcdef", rng.integers(2, 9, 6)))
    subs = "ab,bc,cd,de,ef,fa->"
    shapes = [(sizes[t[0]], sizes[t[1]]) for t in subs[:-2].split(",")]
    nps, aps = operands("float64", shapes)
    flops = lambda report: float(report.split("Optimized FLOP count:")[1].split()[0])
    _, greedy = ap.einsum_path(subs, *aps, optimize="greedy")
    path, optimal = ap.einsum_path(subs, *aps, optimize="optimal")
    assert flops(optimal) <= flops(greedy)
    assert_einsum(ap.einsum(subs, *aps, optimize=path), np.einsum(subs, *nps), nps)


def test_interleaved_form():
    nps, aps = operands("float64", [(2, 3), (3, 4)])
    assert_einsum(ap.einsum(aps[0], [0, 1], aps[1], [1, 2], [0, 2]),
                  np.einsum(nps[0], [0, 1], nps[1], [1, 2], [0, 2]), nps)
    assert_einsum(ap.einsum(aps[0], [Ellipsis, 1], aps[1], [1, 2]),
                  np.einsum(nps[0], [Ellipsis, 1], nps[1], [1, 2]), nps)
    with pytest.raises(ValueError, match="valid range"):
        ap.einsum(aps[0], [0, 99])


def test_out_and_dtype():
    nps, aps = operands("float64", [(3, 4), (4, 3)])
    out = ap.zeros((3, 3))
    r = ap.einsum("ij,jk", *aps, out=out)
    assert r is out
    assert_einsum(out, np.einsum("ij,jk", *nps), nps)
    # dtype= computes in that dtype; casting governs the operands' casts and out's.
    ints = [sample("int32", 12, seed=i, small=True).reshape(3, 4) for i in range(2)]
    assert_einsum(ap.einsum("ij,ij->i", *map(own, ints), dtype="float64"),
                  np.einsum("ij,ij->i", *ints, dtype="float64"), ints)
    out32 = ap.zeros((3,), dtype="float32")
    ap.einsum("ij,ij->i", *aps[:1], aps[0], out=out32, casting="same_kind")
    assert_einsum(out32, np.einsum("ij,ij->i", nps[0], nps[0]).astype("float32"), nps)
    assert_einsum(ap.einsum("ij,ij->i", aps[0], aps[0], dtype="float32", casting="unsafe"),
                  np.einsum("ij,ij->i", nps[0], nps[0], dtype="float32", casting="unsafe"), nps)


@pytest.mark.parametrize("subscripts", ["ij,jk->ik", "ij,jk->ki"])
def test_out_overlapping_an_operand(subscripts):
    na, nb = sample("float64", 16).reshape(4, 4), sample("float64", 16, seed=1).reshape(4, 4)
    a, b = owned_copy(na), owned_copy(nb)
    ap.einsum(subscripts, a, b, out=a)
    assert_einsum(a, np.einsum(subscripts, na, nb), [na, nb])
    # A result that is a view of its operand, written over that operand.
    c = owned_copy(na)
    ap.einsum("ij->ji", c, out=c)
    np.testing.assert_array_equal(to_numpy(c), na.T)
    d = owned_copy(na)
    ap.einsum("ij->ji", d[::-1], out=d)
    np.testing.assert_array_equal(to_numpy(d), na[::-1].T)


BAD = [
    # (subscripts, shapes, exception, words of the message)
    ("ij,jk", [(2, 2), (3, 4)], ValueError, "label 'j' is 2 in operand 0"),
    ("ii", [(2, 3)], ValueError, "collapsing index 'i' don't match (2 != 3)"),
    ("ij,jk", [(2, 2)], ValueError, "fewer operands"),
    ("ij", [(2, 2), (2, 2)], ValueError, "more operands"),
    ("ij->ix", [(2, 2)], ValueError, "'x' which never appeared"),
    ("ij->ii", [(2, 2)], ValueError, "'i' multiple times"),
    ("i$", [(2, 2)], ValueError, "invalid subscript '$'"),
    ("ijk", [(2, 2)], ValueError, "too many subscripts for operand 0"),
    ("i", [(2, 2)], ValueError, "no '...' ellipsis"),
    ("i..", [(2, 2)], ValueError, "not part of an ellipsis"),
    ("...i->i", [(2, 2)], ValueError, "output has more dimensions"),
]


@pytest.mark.parametrize("subscripts, shapes, exc, words", BAD)
def test_bad_input(subscripts, shapes, exc, words):
    nps, aps = operands("float64", shapes)
    with pytest.raises(exc):
        np.einsum(subscripts, *nps)
    out = ap.full((2, 2), 7.0)
    with pytest.raises(exc) as info:
        ap.einsum(subscripts, *aps, out=out)
    assert words in str(info.value), str(info.value)
    for x, nx in zip(aps, nps):
        np.testing.assert_array_equal(to_numpy(x), nx)
    assert out.tolist() == [[7.0, 7.0], [7.0, 7.0]]


def test_bad_keywords_leave_out_untouched():
    nps, aps = operands("float64", [(2, 3), (3, 2)])
    out = ap.full((2, 2), 7, dtype="int64")
    with pytest.raises(TypeError, match="float64.*int64.*'safe'"):
        ap.einsum("ij,jk", *aps, out=out)
    with pytest.raises(TypeError, match="operand 0 cannot be cast"):
        ap.einsum("ij,jk", *aps, dtype="float32")
    with pytest.raises(ValueError, match="has 1 but should have 2"):
        ap.einsum("ij,jk", *aps, out=ap.zeros(4))
    with pytest.raises(ValueError, match=r"shape \(3, 2\)"):
        ap.einsum("ij,jk", *aps, out=ap.zeros((3, 2)))
    with pytest.raises(ValueError, match="order must be"):
        ap.einsum("ij,jk", *aps, order="X")
    with pytest.raises(KeyError):
        ap.einsum("ij,jk", *aps, optimize="foo")
    with pytest.raises(ValueError, match="more operands has to be contracted"):
        ap.einsum("ij,jk,kl", aps[0], aps[1], aps[0], optimize=["einsum_path", (0, 1)])
    with pytest.raises(ValueError, match="No input operands"):
        ap.einsum("")
    with pytest.raises(ValueError, match="too many operands"):
        ap.einsum(",".join([""] * 65), *[1.0] * 65)
    assert out.tolist() == [[7, 7], [7, 7]]


LETTERS = "abcd"


@st.composite
def two_operand_einsums(draw):
    sizes = {c: draw(st.integers(0, 4)) for c in LETTERS}
    ta = draw(st.lists(st.sampled_from(LETTERS), min_size=0, max_size=3))
    tb = draw(st.lists(st.sampled_from(LETTERS), min_size=0, max_size=3))
    present = sorted(set(ta + tb))
    out = draw(st.permutations(present).map(lambda p: p[:draw(st.integers(0, len(p)))]))
    subscripts = f"{''.join(ta)},{''.join(tb)}->{''.join(out)}"
    dtype = draw(st.sampled_from(["float64", "int64", "complex128", "bool"]))
    return subscripts, [tuple(sizes[c] for c in ta), tuple(sizes[c] for c in tb)], dtype


@settings(max_examples=150, deadline=None)
@given(two_operand_einsums(), st.booleans())
def test_random_two_operand_einsums(case, reverse):
    subscripts, shapes, dtype = case
    nps, aps = operands(dtype, shapes, seed=11)
    if reverse:  # the same values through negative strides
        nps = [x[(slice(None, None, -1),) * x.ndim] for x in nps]
        aps = [x[(slice(None, None, -1),) * x.ndim] for x in aps]
    assert_einsum(ap.einsum(subscripts, *aps), np.einsum(subscripts, *nps), nps)


# ---- multi_dot, matrix_power, cross ----

@pytest.mark.parametrize("dtype", ["float64", "int32", "complex64"])
@pytest.mark.parametrize("shapes", [
    [(10, 30), (30, 5), (5, 60)],
    [(3,), (3, 20), (20, 4), (4, 2)],
    [(6, 3), (3, 20), (20, 4), (4,)],
    [(3,), (3, 4), (4,)],
    [(2, 3), (3, 4)],
    [(7, 2), (2, 9), (9, 1), (1, 8), (8, 3)],
])
def test_multi_dot(dtype, shapes):
    nps, aps = operands(dtype, shapes)
    assert_einsum(ap.linalg.multi_dot(aps), np.linalg.multi_dot(nps), nps)


def test_multi_dot_out_and_errors():
    nps, aps = operands("float64", [(2, 3), (3, 4), (4, 5)])
    out = ap.zeros((2, 5))
    assert ap.linalg.multi_dot(aps, out=out) is out
    assert_einsum(out, np.linalg.multi_dot(nps), nps)
    with pytest.raises(ValueError, match="output array is not acceptable"):
        ap.linalg.multi_dot(aps, out=ap.zeros((2, 5), dtype="float32"))
    with pytest.raises(ValueError, match=r"shapes \(3,4\)|not aligned"):
        ap.linalg.multi_dot([aps[0], aps[1], aps[1]])
    with pytest.raises(ap.linalg.LinAlgError, match="3-dimensional array given"):
        ap.linalg.multi_dot([aps[0], ap.zeros((3, 4, 1)), aps[2]])
    with pytest.raises(ValueError, match="at least two arrays"):
        ap.linalg.multi_dot([aps[0]])


@pytest.mark.parametrize("dtype", ["float64", "int64", "complex128", "bool", "int8"])
@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8, 13])
@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 4), (0, 0)])
def test_matrix_power(dtype, n, shape):
    (na,), (a,) = operands(dtype, [shape])
    assert_einsum(ap.linalg.matrix_power(a, n), np.linalg.matrix_power(na, n), [na] * max(n, 1))


def test_matrix_power_errors():
    with pytest.raises(ap.linalg.LinAlgError, match="must be square"):
        ap.linalg.matrix_power(ap.zeros((2, 3)), 2)
    with pytest.raises(ap.linalg.LinAlgError, match="at least two-dimensional"):
        ap.linalg.matrix_power(ap.zeros(3), 2)
    with pytest.raises(TypeError, match="exponent must be an integer"):
        ap.linalg.matrix_power(ap.eye(2), 1.5)
    with pytest.raises(ap.linalg.LinAlgError, match="Singular matrix"):
        ap.linalg.matrix_power(ap.zeros((2, 2)), -1)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int64"])
@pytest.mark.parametrize("n", [-1, -2, -5])
def test_matrix_power_of_negative_exponents_inverts(dtype, n):
    x = (np.array([[4, 1, 0], [1, 3, 1], [0, 1, 5]]) + np.zeros((2, 1, 1))).astype(dtype)
    expected = np.linalg.matrix_power(x, n)
    got = ap.linalg.matrix_power(ap.asarray(x), n)
    assert got.dtype == expected.dtype.name and got.shape == expected.shape
    np.testing.assert_allclose(np.asarray(got), expected, rtol=100 * np.finfo(expected.dtype).eps)


@pytest.mark.parametrize("shapes, axis", [
    ([(3,), (3,)], -1),
    ([(4, 3), (3,)], -1),
    ([(2, 1, 3), (4, 3)], -1),
    ([(3, 5), (3, 5)], 0),
])
def test_linalg_cross(shapes, axis):
    nps, aps = operands("float64", shapes)
    assert_einsum(ap.linalg.cross(*aps, axis=axis), np.linalg.cross(*nps, axis=axis), nps)


def test_linalg_cross_wants_3_vectors():
    with pytest.raises(ValueError, match="3-dimensional vectors, but they are 2 and 3"):
        ap.linalg.cross(ap.zeros(2), ap.zeros(3))


@pytest.mark.parametrize("through", ["numpy", "memoryview"])
def test_out_overlapping_an_operand_through_foreign_memory(through):
    """einsum's and multi_dot's out= view the same NumPy buffer as an operand through another
    arrpy array (borrowed, not copied): the overlap is found from the byte ranges, and the
    result is the one computed from the operands as they were."""
    nb = sample("float64", 42, seed=11).reshape(7, 6)
    for call, expect in [
        (lambda x, o: ap.einsum("ij,jk->ik", x, ap.eye(6) * 2.0, out=o),
         lambda x: x @ (np.eye(6) * 2.0)),
        (lambda x, o: ap.einsum("ij->ij", x, out=o), lambda x: x),
        (lambda x, o: ap.linalg.multi_dot([x, ap.eye(6) * 2.0, ap.eye(6)], out=o),
         lambda x: x @ (np.eye(6) * 2.0)),
    ]:
        base = nb.copy()
        operand = ap.asarray(base)
        out = ap.asarray(base[1:] if through == "numpy" else memoryview(base)[1:])
        assert ap.shares_memory(out, operand)
        call(operand[:6], out)
        expected = nb.copy()
        expected[1:] = expect(nb[:6])
        # out= wrote into `base` itself: the views were borrowed.
        np.testing.assert_array_equal(base, expected)
