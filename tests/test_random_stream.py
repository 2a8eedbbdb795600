"""arrpy.random draws NumPy's own streams: for the same seed, ``default_rng`` gives bit-identical
results to NumPy 2's for random, integers, uniform, normal, standard_normal, exponential,
standard_exponential, permutation, shuffle, choice (no p) and bytes, at every tier; the bit
generators' states, SeedSequence and spawning match too. The "random" entry of the op table
(random, uniform, integers on PCG64 lanes and threads) is checked with the kernel trace."""

import numpy as np
import pytest

import arrpy
import arrpy.random as ar
from conftest import LARGE, traced

SEEDS = [0, 1, 42, 2**32 + 5, 2**100 + 7, [3, 1, 4, 1, 5]]


def both(seed, bitgen="PCG64"):
    return (ar.Generator(getattr(ar, bitgen)(seed)),
            np.random.Generator(getattr(np.random, bitgen)(seed)))


def same(got, want):
    got = np.asarray(got)
    want = np.asarray(want)
    assert got.shape == want.shape and got.dtype == want.dtype, (got.shape, want.shape,
                                                                  got.dtype, want.dtype)
    # Bit patterns, so that -0.0/0.0 and every last bit count.
    assert got.tobytes() == want.tobytes(), np.flatnonzero(got != want)[:5]


def same_state(a, n):
    assert a.bit_generator.state == n.bit_generator.state


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("bitgen", ["PCG64", "PCG64DXSM"])
def test_seeding_gives_numpys_state_and_words(seed, bitgen):
    a, n = both(seed, bitgen)
    same_state(a, n)
    same(a.bit_generator.random_raw(5), n.bit_generator.random_raw(5))
    same(ar.SeedSequence(seed).generate_state(6, "uint64"),
         np.random.SeedSequence(seed).generate_state(6, np.uint64))
    same(ar.SeedSequence(seed).generate_state(5), np.random.SeedSequence(seed).generate_state(5))
    same(ar.SeedSequence(seed).pool, np.random.SeedSequence(seed).pool)


@pytest.mark.parametrize("bitgen", ["PCG64", "PCG64DXSM"])
def test_advance_jumped_spawn_and_state_round_trip(bitgen):
    a, n = both(7, bitgen)
    a.random(3), n.random(3)
    a.integers(0, 10, 3, dtype="int32"), n.integers(0, 10, 3, dtype=np.int32)  # odd: a buffered half
    same_state(a, n)
    a.bit_generator.advance(12345), n.bit_generator.advance(12345)
    same_state(a, n)
    ja, jn = a.bit_generator.jumped(3), n.bit_generator.jumped(3)
    assert ja.state == jn.state
    for ca, cn in zip(a.spawn(3), n.spawn(3)):
        same(ca.random(4), cn.random(4))
    st = n.bit_generator.state
    b = ar.Generator(getattr(ar, bitgen)(0))
    b.bit_generator.state = st
    same(b.standard_normal(9), np.random.Generator(getattr(np.random, bitgen)(0)).__class__(
        _with_state(getattr(np.random, bitgen), st)).standard_normal(9))
    with pytest.raises(ValueError, match="state must be for a"):
        b.bit_generator.state = {**st, "bit_generator": "MT19937"}


def _with_state(cls, st):
    g = cls(0)
    g.state = st
    return g


@pytest.mark.parametrize("seed", SEEDS[:4])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_standard_draws_are_numpys_at_every_tier(seed, dtype, tier):
    for size in [(), 1, 7, (3, 5), 0, 1001]:
        a, n = both(seed)
        for name in ["random", "standard_normal", "standard_exponential"]:
            got = getattr(a, name)(size=size, dtype=dtype)
            want = getattr(n, name)(size=size, dtype=dtype)
            same(got, want)
        got = a.standard_exponential(size, dtype=dtype, method="inv")
        same(got, n.standard_exponential(size, dtype=dtype, method="inv"))
        same_state(a, n)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_every_ziggurat_layer_is_numpys(dtype):
    """200,000 draws reach every layer of both ziggurats hundreds of times, the rejection
    tests about 2,000 times and the tails tens of times."""
    for seed in [11, 12]:
        a, n = both(seed)
        same(a.standard_normal(200_000, dtype=dtype), n.standard_normal(200_000, dtype=dtype))
        same(a.standard_exponential(200_000, dtype=dtype),
             n.standard_exponential(200_000, dtype=dtype))
        same_state(a, n)


def test_parameterized_continuous_draws_are_numpys(tier):
    a, n = both(5)
    same(a.normal(3.0, 2.5, 100), n.normal(3.0, 2.5, 100))
    same(a.uniform(-2.0, 7.0, (4, 5)), n.uniform(-2.0, 7.0, (4, 5)))
    same(a.exponential(0.5, 33), n.exponential(0.5, 33))
    assert a.normal() == n.normal() and a.uniform() == n.uniform()
    # Broadcast parameters, from arrpy views (strided and reversed).
    base = arrpy.arange(12.0)
    loc = base[::-2]
    scale = arrpy.reshape(base[:4] + 1.0, (4, 1))
    same(a.normal(loc, scale), n.normal(np.arange(12.0)[::-2], np.arange(1.0, 5.0)[:, None]))
    same(a.uniform(loc, 20.0, size=(2, 6)), n.uniform(np.arange(12.0)[::-2], 20.0, size=(2, 6)))
    same(a.exponential(scale[::-1]), n.exponential(np.arange(1.0, 5.0)[::-1, None]))
    same(a.normal(0.0, 1.0, size=0), n.normal(0.0, 1.0, size=0))
    same_state(a, n)


INT_RANGES = [(0, 1), (0, 2), (0, 1000), (-5, 5), (0, 2**16), (0, 2**31 + 7), (0, 2**32 - 1),
              (0, 2**32), (0, 2**40 + 3), (-2**63, 2**63 - 1)]


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "int16", "uint16", "int32",
                                   "uint32", "int64", "uint64"])
def test_integers_are_numpys_for_every_dtype(dtype, tier):
    info = np.iinfo(dtype) if dtype != "bool" else None
    lo_b, hi_b = (0, 1) if info is None else (int(info.min), int(info.max))
    a, n = both(8)
    for lo, hi in INT_RANGES + [(lo_b, hi_b)]:
        lo, hi = max(lo, lo_b), min(hi, hi_b)
        if lo >= hi:
            continue
        for endpoint in (False, True):
            for size in [None, 1, 9, (3, 4), 0]:
                got = a.integers(lo, hi, size=size, dtype=dtype, endpoint=endpoint)
                want = n.integers(lo, hi, size=size, dtype=dtype, endpoint=endpoint)
                same(got, want)
    same_state(a, n)


def test_integers_with_broadcast_bounds_are_numpys():
    a, n = both(9)
    hi = arrpy.arange(1, 13)[::-3]
    same(a.integers(0, hi), n.integers(0, np.arange(1, 13)[::-3]))
    same(a.integers([0, 3], [[5], [2**33]], dtype="int64"),
         n.integers([0, 3], [[5], [2**33]], dtype=np.int64))
    for dtype in ["uint8", "int16", "bool"]:
        same(a.integers(0, [2, 2, 2, 2, 2, 2], dtype=dtype, endpoint=dtype != "bool"),
             n.integers(0, [2, 2, 2, 2, 2, 2], dtype=dtype, endpoint=dtype != "bool"))
    same_state(a, n)


def test_large_draws_split_across_lanes_and_threads_keep_the_stream(tier):
    """Above the parallel threshold, with a range whose rejections (about 1 in 2) leave holes
    in every block: the tiers close them as the sequential stream does."""
    for call in [lambda g: g.random(LARGE), lambda g: g.random(LARGE + 1, dtype="float32"),
                 lambda g: g.integers(0, 2**31 + 3, LARGE), lambda g: g.integers(0, 1000, LARGE),
                 lambda g: g.integers(0, 2**63 + 9, LARGE, dtype="uint64"),
                 lambda g: g.uniform(1.0, 3.0, LARGE)]:
        a, n = both(13)
        a.integers(0, 5, 1, dtype="int32"), n.integers(0, 5, 1, dtype=np.int32)
        same(call(a), call(n))
        same_state(a, n)


@pytest.mark.parametrize("tier_name", ["reference", "simd", "parallel"])
def test_the_random_entry_runs_its_tiers_loop(tier_name):
    a, n = both(3)
    for call, dtype in [(lambda g: g.random(LARGE), "float64"),
                        (lambda g: g.integers(0, 100, LARGE), "int64")]:
        got, runs = traced(tier_name, lambda: call(a), op="random")
        same(got, call(n))
        count = runs[dtype]
        assert count["vector"] == (0 if tier_name == "reference" else 1), runs
        assert count["threaded"] == (1 if tier_name == "parallel" else 0), runs


def test_permutation_shuffle_and_choice_are_numpys(tier):
    a, n = both(21)
    for m in [0, 1, 2, 10, 1000, 70_000]:
        same(a.permutation(m), n.permutation(m))
    base = arrpy.arange(40.0).reshape(10, 4)
    same(a.permutation(base[::-1]), n.permutation(np.arange(40.0).reshape(10, 4)[::-1]))
    same(a.permutation(base, axis=1), n.permutation(np.arange(40.0).reshape(10, 4), axis=1))
    x, y = arrpy.arange(30)[::-2], np.arange(30)[::-2].copy()
    a.shuffle(x), n.shuffle(y)
    same(x, y)
    x, y = arrpy.arange(24).reshape(6, 4), np.arange(24).reshape(6, 4)
    a.shuffle(x, axis=1), n.shuffle(y, axis=1)
    same(x, y)
    same(a.permuted(arrpy.arange(24).reshape(4, 6), axis=1),
         n.permuted(np.arange(24).reshape(4, 6), axis=1))
    same(a.permuted(arrpy.arange(24).reshape(4, 6)), n.permuted(np.arange(24).reshape(4, 6)))
    for args in [(10,), (10, 5), (100, (3, 4)), (20_000, 1000), (20_000, 300)]:
        for replace in (True, False):
            for shuffle in (True, False):
                same(a.choice(*args, replace=replace, shuffle=shuffle),
                     n.choice(*args, replace=replace, shuffle=shuffle))
    assert a.choice(7) == n.choice(7)
    same(a.choice(arrpy.arange(10.0)[::-1], 6), n.choice(np.arange(10.0)[::-1], 6))
    assert a.bytes(13) == n.bytes(13)
    same_state(a, n)


def test_choice_with_weights_matches_numpy():
    a, n = both(4)
    p = [0.1, 0.2, 0.0, 0.3, 0.4]
    same(a.choice(5, 50, p=p), n.choice(5, 50, p=p))
    same(a.choice(5, 3, replace=False, p=p), n.choice(5, 3, replace=False, p=p))
    same_state(a, n)


def test_out_is_filled_in_place_through_views():
    a, n = both(6)
    base = arrpy.zeros(20)
    view = base[::-2]
    r = a.standard_normal(out=view)
    assert r is view
    same(view, n.standard_normal(10))
    same(base[::2], np.zeros(10))
    with pytest.raises(TypeError, match="wrong type"):
        a.random(out=arrpy.zeros(3, dtype="float32"))


@pytest.mark.parametrize("call, exc, msg", [
    (lambda g: g.integers(0), ValueError, "high <= 0"),
    (lambda g: g.integers(5, 5), ValueError, "low >= high"),
    (lambda g: g.integers(5, 4, endpoint=True), ValueError, "low > high"),
    (lambda g: g.integers(-1, 5, dtype="uint8"), ValueError, "low is out of bounds for uint8"),
    (lambda g: g.integers(0, 300, dtype="uint8"), ValueError, "high is out of bounds for uint8"),
    (lambda g: g.integers(0, 5, dtype="float64"), TypeError, "Unsupported dtype"),
    (lambda g: g.normal(0, -1), ValueError, "scale < 0"),
    (lambda g: g.uniform(0, np.inf), OverflowError, "range exceeds valid bounds"),
    (lambda g: g.random(dtype="int32"), TypeError, "Unsupported dtype"),
    (lambda g: g.random(-1), ValueError, "negative dimensions"),
    (lambda g: g.choice(5, 6, replace=False), ValueError, "larger sample than population"),
    (lambda g: g.choice(0, 3), ValueError, "a must be a positive integer"),
    (lambda g: g.choice(3, p=[0.5, 0.6, -0.1]), ValueError, "not non-negative"),
    (lambda g: g.choice(3, p=[0.5, 0.6, 0.1]), ValueError, "do not sum to 1"),
])
def test_bad_arguments_raise_numpys_errors(call, exc, msg):
    a, n = both(1)
    with pytest.raises(exc, match=msg):
        call(n)
    with pytest.raises(exc, match=msg):
        call(a)
    same_state(a, n)  # a failed call draws nothing


def test_default_rng_accepts_numpys_seed_kinds():
    same(ar.default_rng(5).random(3), np.random.default_rng(5).random(3))
    same(ar.default_rng([1, 2, 3]).random(3), np.random.default_rng([1, 2, 3]).random(3))
    same(ar.default_rng(ar.SeedSequence(9)).random(3), np.random.default_rng(9).random(3))
    g = ar.default_rng(ar.PCG64DXSM(2))
    assert ar.default_rng(g) is g
    same(g.random(3), np.random.default_rng(np.random.PCG64DXSM(2)).random(3))
    assert ar.default_rng().random() != ar.default_rng().random()
    with pytest.raises(TypeError):
        ar.default_rng(1.5)


from hypothesis import given, settings, strategies as st  # noqa: E402

SHAPES = st.lists(st.integers(0, 5), min_size=0, max_size=3).map(tuple)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**64), shape=SHAPES,
       dtype=st.sampled_from(["bool", "int8", "uint16", "int32", "uint32", "int64", "uint64"]),
       lo=st.integers(-2**70, 2**70), span=st.integers(0, 2**70), endpoint=st.booleans())
def test_integers_match_numpy_for_any_seed_shape_and_bounds(seed, shape, dtype, lo, span,
                                                            endpoint):
    info = np.iinfo(dtype) if dtype != "bool" else None
    lo_b, hi_b = (0, 1) if info is None else (int(info.min), int(info.max))
    lo = min(max(lo, lo_b), hi_b - 1)
    hi = min(lo + 1 + span, hi_b + (not endpoint))
    a, n = both(seed)
    same(a.integers(lo, hi, shape, dtype=dtype, endpoint=endpoint),
         n.integers(lo, hi, shape, dtype=dtype, endpoint=endpoint))
    same_state(a, n)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**128), shape=SHAPES, dtype=st.sampled_from(["float32", "float64"]),
       method=st.sampled_from(["random", "standard_normal", "standard_exponential"]))
def test_float_draws_match_numpy_for_any_seed_and_shape(seed, shape, dtype, method):
    a, n = both(seed)
    same(getattr(a, method)(shape, dtype=dtype), getattr(n, method)(shape, dtype=dtype))
    same_state(a, n)


def test_axis_errors_are_numpys():
    a, n = both(2)
    for call in [lambda g, xp: g.permutation(xp.arange(3), axis=2),
                 lambda g, xp: g.shuffle(xp.arange(6).reshape(2, 3), axis=-3),
                 lambda g, xp: g.permuted(xp.arange(3), axis=1)]:
        with pytest.raises(np.exceptions.AxisError, match="out of bounds"):
            call(n, np)
        with pytest.raises(arrpy.AxisError, match="out of bounds"):
            call(a, arrpy)
    with pytest.raises(IndexError):  # NumPy: the shape tuple's IndexError; arrpy's AxisError is one
        n.choice(np.arange(3), 2, axis=1)
    with pytest.raises(IndexError):
        a.choice(arrpy.arange(3), 2, axis=1)
    same_state(a, n)
    lst, nlst = list(range(8)), list(range(8))
    a.shuffle(lst), n.shuffle(nlst)
    assert lst == nlst
