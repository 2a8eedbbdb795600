"""Writes whose source overlaps the destination through a *foreign* view of the same memory.

Overlap is judged from the bytes two views address, not from the object that exported them:
`ap.from_dlpack(x)`, `ap.asarray(memoryview(x))`, `ap.asarray(np.asarray(x))` and an
`__array_interface__` object are all other buffers over x's memory. Every writing path (setitem,
in-place operators, `out=` of elementwise, where, clip, reductions and cumulative ops, casts)
must give NumPy's result, as if the whole source were read before any write, on runs long enough
for the vectorized and parallel loops, at every tier. Also `shares_memory` / `may_share_memory`
against NumPy's answers.
"""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import arrpy as ap
from conftest import sample

N = 200_003  # > the parallel threshold; a tail that is not a whole vector


class Interface:
    """Exports x's memory through `__array_interface__` only (and keeps x alive)."""

    def __init__(self, x):
        self.keep = x
        self.__array_interface__ = np.asarray(x).__array_interface__


# Each route returns an arrpy array over the same memory as its argument, through another buffer.
ROUTES = {
    "dlpack": ap.from_dlpack,
    "memoryview": lambda x: ap.asarray(memoryview(x)),
    "numpy": lambda x: ap.asarray(np.asarray(x)),
    "interface": lambda x: ap.asarray(Interface(x)),
}

# (destination, source) slices of one 1-d array of N + 4 elements, each pair of equal length.
VIEWS = {
    "shifted": (np.s_[1:-3], np.s_[:-4]),
    "shifted_back": (np.s_[:-4], np.s_[2:-2]),
    "reversed": (np.s_[2:-2], np.s_[-3:1:-1]),
    "strided": (np.s_[4::2], np.s_[:-4:2]),
    "reversed_strided": (np.s_[: N + 3 : 3], np.s_[N + 2 :: -3]),
}


def bases(dtype, seed=0):
    """The same data as (NumPy array, arrpy array owning its own memory)."""
    nx = sample(dtype, N + 4, seed=seed)
    x = ap.array(nx.tolist(), dtype=dtype)
    assert not np.shares_memory(np.asarray(x), nx)
    return nx, x


def check(x, nx):
    assert x.dtype == nx.dtype.name
    np.testing.assert_array_equal(np.asarray(x), nx)


# ---- the cases of the issue ----

def test_issue_setitem_through_dlpack():
    a = ap.arange(8.0)
    b = ap.from_dlpack(a)
    a[1:] = b[:-1]
    assert a.tolist() == [0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]


def test_issue_inplace_add_reversed_dlpack():
    x = ap.arange(8.0)
    x += ap.from_dlpack(x)[::-1]
    assert x.tolist() == [7.0] * 8


def test_issue_multiply_out_through_memoryview():
    x = ap.arange(8.0)
    ap.multiply(ap.asarray(memoryview(x))[:-1], 2.0, out=x[1:])
    assert x.tolist() == [0.0, 0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]


# ---- every writing path, route, view pair and tier ----

def set_item(m, x, f, d, s):
    x[d] = f[s]


def add_inplace(m, x, f, d, s):
    v = x[d]
    v += f[s]


def multiply_inplace(m, x, f, d, s):
    v = x[d]
    v *= f[s]


def subtract_inplace(m, x, f, d, s):
    v = x[d]
    v -= f[s]


def add_out(m, x, f, d, s):
    m.add(f[s], 3, out=x[d])


def subtract_out_one_input_is_out(m, x, f, d, s):
    # The first input is exactly the output (computed in place); the second overlaps it.
    m.subtract(x[d], f[s], out=x[d])


def maximum_out_both_foreign(m, x, f, d, s):
    m.maximum(f[s], f[d][::-1], out=x[d])


def negative_out(m, x, f, d, s):
    m.negative(f[s], out=x[d])


def absolute_out(m, x, f, d, s):
    m.abs(f[s], out=x[d])


def where_out(m, x, f, d, s):
    if m is np:  # NumPy's where has no out=: the result of reading everything first
        x[d] = np.where(f[s] > 0, f[s], x[d])
    else:
        m.where(f[s] > 0, f[s], x[d], out=x[d])


def clip_out(m, x, f, d, s):
    m.clip(f[s], -5, 5, out=x[d])


WRITERS = [
    set_item, add_inplace, multiply_inplace, subtract_inplace, add_out,
    subtract_out_one_input_is_out, maximum_out_both_foreign, negative_out, absolute_out,
    where_out, clip_out,
]


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
@pytest.mark.parametrize("views", list(VIEWS), ids=str)
@pytest.mark.parametrize("route", list(ROUTES))
def test_write_through_foreign_view(tier, route, views, writer):
    d, s = VIEWS[views]
    for dtype in ("float64", "int32"):
        nx, x = bases(dtype)
        writer(ap, x, ROUTES[route](x), d, s)
        writer(np, nx, nx, d, s)
        check(x, nx)


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("dtype", ["uint8", "int64", "float32", "complex128", "bool"])
def test_setitem_every_dtype(tier, route, dtype):
    for d, s in VIEWS.values():
        nx, x = bases(dtype, seed=1)
        x[d] = ROUTES[route](x)[s]
        nx[d] = nx[s]
        check(x, nx)


@pytest.mark.parametrize("route", list(ROUTES))
def test_route_of_a_view(tier, route):
    """The foreign view is taken of a reversed or strided arrpy view, not of the whole array."""
    nx, x = bases("float64", seed=2)
    f = ROUTES[route](x[::-1])
    x[1:] += f[1:]
    nx[1:] += nx[::-1][1:]
    check(x, nx)
    nx, x = bases("float64", seed=3)
    f = ROUTES[route](x[::2])
    ap.multiply(f[:-1], 2.0, out=x[2::2])
    np.multiply(nx[::2][:-1], 2.0, out=nx[2::2])
    check(x, nx)


@pytest.mark.parametrize("route", list(ROUTES))
def test_two_dimensional_views(tier, route):
    nx, x = bases("float64", seed=4)
    shape = (449, 445)  # 199_805 elements of the N + 4
    n = shape[0] * shape[1]
    x2, nx2 = x[:n].reshape(shape), nx[:n].reshape(shape)
    f = ROUTES[route](x2)
    x2[:, 1:] = f[:, :-1]
    nx2[:, 1:] = nx2[:, :-1]
    check(x, nx)
    t = x2.T
    t += f[::-1].T
    nt = nx2.T
    nt += nx2[::-1].T
    check(x, nx)
    x2[1:, ::-1] = f[:-1]
    nx2[1:, ::-1] = nx2[:-1]
    check(x, nx)


@pytest.mark.parametrize("route", list(ROUTES))
def test_cast_through_reinterpreted_view(tier, route):
    """Assignment and out= with a cast, the source being the same bytes read as another dtype."""
    nx, x = bases("float64", seed=5)
    bits = ap.asarray(np.asarray(x).view(np.int64))  # an int64 view of x's memory
    x[1:] = bits[:-1]
    nx[1:] = nx.view(np.int64)[:-1]
    check(x, nx)
    nx, x = bases("int64", seed=6)
    as_float = ap.asarray(np.asarray(x).view(np.float64))
    ap.multiply(ROUTES[route](x)[:-1], 2, out=as_float[1:])
    np.multiply(nx[:-1], 2, out=nx.view(np.float64)[1:])
    check(x, nx)


@pytest.mark.parametrize("route", list(ROUTES))
def test_scalar_source_inside_the_destination(tier, route):
    """A 0-d source broadcast over a destination that contains it is read once, first."""
    nx, x = bases("float64", seed=7)
    v = x[:]
    v *= ROUTES[route](x)[N // 2]
    nx *= nx[N // 2].copy()
    check(x, nx)


@pytest.mark.parametrize("route", list(ROUTES))
def test_reductions_and_cumulative_out(tier, route):
    nx, x = bases("float64", seed=8)
    rows = (N + 4) // 3
    x2, nx2 = x.reshape(3, rows), nx.reshape(3, rows)
    f = ROUTES[route](x2)
    ap.sum(f, axis=0, out=x2[1])
    np.sum(nx2, axis=0, out=nx2[1])
    check(x, nx)
    f = ROUTES[route](x)
    ap.cumsum(f[: N // 2], out=x[N // 2 : 2 * (N // 2)][::-1])
    np.cumsum(nx[: N // 2], out=nx[N // 2 : 2 * (N // 2)][::-1])
    np.testing.assert_allclose(np.asarray(x), nx, rtol=1e-12)
    f = ROUTES[route](x2)
    f.max(axis=1, out=x2[2, 5:8])
    nx2.max(axis=1, out=nx2[2, 5:8])
    check(x, nx)


@pytest.mark.parametrize("dtype", ["float64", "int16", "complex64"])
def test_same_buffer_views_still_in_place(tier, dtype):
    """Views of one buffer that share no byte (interleaved) or are exactly the output."""
    nx, x = bases(dtype, seed=9)
    even, odd = np.s_[:-1:2], np.s_[1::2]
    ap.add(x[even], x[odd], out=x[even])
    np.add(nx[even], nx[odd], out=nx[even])
    check(x, nx)
    x[odd] = x[even]
    nx[odd] = nx[even]
    check(x, nx)


# ---- a failing write leaves its destination as it was ----

@pytest.mark.parametrize("route", list(ROUTES))
def test_failing_writes_change_nothing(route):
    nx, x = bases("int32", seed=10)
    before = np.asarray(x).copy()
    f = ROUTES[route](ap.asarray(np.asarray(x).view(np.float32)))
    with pytest.raises(TypeError):
        x[1:] = f[:-1]  # float32 into int32 is not a same_kind cast
    with pytest.raises(TypeError):
        v = x[1:]
        v += f[:-1]
    with pytest.raises(TypeError):
        ap.multiply(f[:-1], 2, out=x[1:])
    with pytest.raises(ValueError):
        ap.add(ROUTES[route](x)[:-2], 1, out=x[1:])  # shape mismatch
    with pytest.raises(ValueError):
        ap.sum(ROUTES[route](x).reshape(1, -1), axis=0, out=x[:3])
    np.testing.assert_array_equal(np.asarray(x), before)


# ---- shares_memory / may_share_memory against NumPy ----

def test_shares_memory_basics():
    x = ap.arange(10.0)
    assert ap.shares_memory(x, x)
    assert ap.shares_memory(x[1:], ap.from_dlpack(x)[:2])
    assert not ap.shares_memory(x[:5], ap.from_dlpack(x)[5:])
    assert not ap.shares_memory(x[::2], x[1::2])
    assert ap.may_share_memory(x[::2], x[1::2])
    assert not ap.may_share_memory(x[::2], x[1::2], max_work=-1)
    assert not ap.shares_memory(x[:0], x)
    assert not ap.shares_memory(x, ap.arange(10.0))
    assert not ap.shares_memory(x, [1.0, 2.0])
    n = np.asarray(x)
    assert ap.shares_memory(x, n) and ap.shares_memory(memoryview(x), x[3:4])
    with pytest.raises(ap.TooHardError):
        ap.shares_memory(x[::2], x[1::2], max_work=0)
    assert issubclass(ap.TooHardError, RuntimeError)
    with pytest.raises(ValueError):
        ap.shares_memory(x, x, max_work=-3)


def test_shares_memory_work_bound():
    """A problem needing a search: too hard within a small bound, exact without one."""
    base = ap.zeros(2 * 3 * 5 * 7 * 11 * 8, dtype="uint8")
    n = np.asarray(base)
    a = ap.asarray(np.lib.stride_tricks.as_strided(n, (11, 13, 17), (210, 77, 1)))
    b = ap.asarray(np.lib.stride_tricks.as_strided(n[5:], (7, 19, 23), (330, 29, 2)))
    na, nb = np.asarray(a), np.asarray(b)
    assert ap.shares_memory(a, b) == np.shares_memory(na, nb)
    assert ap.may_share_memory(a, b)
    with pytest.raises(ap.TooHardError):
        ap.shares_memory(a, b, max_work=1)
    assert ap.may_share_memory(a, b, max_work=1)


def _view(draw, itemsize):
    """A random strided view (as NumPy slicing arguments) of a base of n bytes."""
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(0, 5)) for _ in range(ndim))
    strides = tuple(draw(st.integers(-5, 5)) * itemsize for _ in range(ndim))
    return shape, strides


@st.composite
def view_pairs(draw):
    items = [draw(st.sampled_from([1, 2, 4, 8])) for _ in range(2)]
    views = []
    for it in items:
        shape, strides = _view(draw, it)
        lo = sum(min(0, (d - 1) * s) for d, s in zip(shape, strides) if d)
        hi = sum(max(0, (d - 1) * s) for d, s in zip(shape, strides) if d)
        start = draw(st.integers(-lo, max(-lo, 256 - it - hi)))
        views.append((it, start, shape, strides))
    return views


@settings(max_examples=300, deadline=None)
@given(view_pairs())
def test_shares_memory_matches_numpy(pairs):
    base = ap.zeros(512, dtype="uint8")
    nb = np.asarray(base)
    dtypes = {1: np.uint8, 2: np.int16, 4: np.float32, 8: np.float64}
    nviews, aviews = [], []
    for it, start, shape, strides in pairs:
        v = np.ndarray(shape, dtypes[it], buffer=nb, offset=start, strides=strides)
        nviews.append(v)
        aviews.append(ap.asarray(v))
    (na, nbv), (a, b) = nviews, aviews
    assert ap.shares_memory(a, b) == np.shares_memory(na, nbv)
    assert ap.may_share_memory(a, b) == np.may_share_memory(na, nbv)
    assert ap.shares_memory(a, nbv) == np.shares_memory(na, nbv)


# ---- destinations whose own elements overlap (NumPy's as_strided views, imported) ----
# Such a destination is filled from a finished result by one thread in C order, so the last
# element written to a byte wins, as in NumPy's ufunc loops, and no two threads store to it.
# (shape, strides in items, base length): sliding windows and stride-0 axes, above the parallel
# threshold. NumPy's setitem orders these as C order too (not true of every self-overlap).
SELF_OVERLAPPING = {
    "stride0": ((LARGE := 200_000,), (0,), 1),
    "windows": ((LARGE // 4, 4), (1, 1), LARGE // 4 + 3),
    "repeated_rows": ((4, LARGE // 4), (0, 1), LARGE // 4),
    "repeated_columns": ((LARGE // 2, 2), (1, 0), LARGE // 2),
}


def overlapping_pair(layout, dtype):
    """The same self-overlapping view over an arrpy base and over a NumPy base (equal data)."""
    from numpy.lib.stride_tricks import as_strided

    shape, steps, n = SELF_OVERLAPPING[layout]
    nb = sample(dtype, n, seed=3)
    base = ap.asarray(nb.copy())
    item = nb.itemsize
    strides = tuple(s * item for s in steps)
    a = ap.asarray(as_strided(np.asarray(base), shape, strides))
    assert a.strides == strides and not np.shares_memory(np.asarray(base), nb)
    return base, a, nb, as_strided(nb, shape, strides)


def _src(dtype, shape):
    return sample(dtype, int(np.prod(shape)), seed=5).reshape(shape)


SELF_WRITERS = {
    "add_out": lambda m, d, s: m.add(s, s, out=d),
    "negative_out": lambda m, d, s: m.negative(s, out=d),
    "iadd": lambda m, d, s: d.__iadd__(s),
    "iadd_scalar": lambda m, d, s: d.__iadd__(1),
    # NumPy's where has no out=: its result assigned is the same thing.
    "where_out": lambda m, d, s: (d.__setitem__(Ellipsis, np.where(s > 0, s, 0)) if m is np
                                  else m.where(s > 0, s, 0, out=d)),
    "clip_out": lambda m, d, s: m.clip(s, -3, 3, out=d),
    "setitem": lambda m, d, s: d.__setitem__(Ellipsis, s),
    "setitem_cast": lambda m, d, s: d.__setitem__(Ellipsis, s.astype("int8")),
    "fill": lambda m, d, s: d.fill(3),
}


@pytest.mark.parametrize("writer", list(SELF_WRITERS))
@pytest.mark.parametrize("layout", list(SELF_OVERLAPPING))
def test_self_overlapping_destination(tier, layout, writer):
    base, a, nb, na = overlapping_pair(layout, "float64")
    s = _src("float64", na.shape)
    SELF_WRITERS[writer](np, na, s)
    SELF_WRITERS[writer](ap, a, ap.asarray(s))
    np.testing.assert_array_equal(np.asarray(base), nb)


@pytest.mark.parametrize("dtype", ["bool", "int16", "uint64", "float32", "complex128"])
def test_self_overlapping_destination_dtypes(tier, dtype):
    base, a, nb, na = overlapping_pair("windows", dtype)
    s = _src(dtype, na.shape)
    np.add(s, s, out=na)
    ap.add(ap.asarray(s), ap.asarray(s), out=a)
    np.testing.assert_array_equal(np.asarray(base), nb)



# ---- every other writing path, with a source overlapping its destination ----
# The paths above are the common ones; these are the rest: each in-place operator, unary ops
# with a vector kernel, clip with bounds in the destination, round(out=), every reduction and
# cumulative op's out=, the .real/.imag setters and nan_to_num(copy=False). Sources: the same
# arrpy array or its memory imported back; views as in VIEWS (plus the destination itself).

OTHER_ROUTES = {"self": lambda x: x, "memoryview": ROUTES["memoryview"]}
OTHER_VIEWS = {k: VIEWS[k] for k in ("shifted", "reversed", "reversed_strided")}
OTHER_VIEWS["same"] = (np.s_[2:-2], np.s_[2:-2])


def inplace(op):
    def writer(m, x, f, d, s):
        v = x[d]
        getattr(v, op)(f[s])
    writer.__name__ = op
    return writer


def unary_out(name):
    def writer(m, x, f, d, s):
        getattr(m, name)(f[s], out=x[d])
    writer.__name__ = f"{name}_out"
    return writer


def clip_bounds_out(m, x, f, d, s):
    # The lower bound is the destination itself, the upper one an overlapping view.
    m.clip(f[s], x[d], f[s][::-1], out=x[d])


def round_out(m, x, f, d, s):
    m.round(f[s], 1, out=x[d])


def round_method_out(m, x, f, d, s):
    f[s].round(0, out=x[d])


def nan_to_num_in_place(m, x, f, d, s):
    v = x[d][::-1]
    v[::7] = np.nan
    r = m.nan_to_num(v, copy=False, nan=-1.0)
    assert r is v or m is np


# writer -> (dtype, small values): each path on a dtype where NumPy's answer is exact.
OTHER_WRITERS = {
    inplace("__itruediv__"): ("float64", False),
    inplace("__ifloordiv__"): ("float64", False),
    inplace("__imod__"): ("float64", False),
    inplace("__ipow__"): ("uint8", True),
    inplace("__iand__"): ("int32", False),
    inplace("__ior__"): ("int32", False),
    inplace("__ixor__"): ("uint8", False),
    inplace("__ilshift__"): ("int16", True),
    inplace("__irshift__"): ("int64", True),
    unary_out("sqrt"): ("float64", False),
    unary_out("floor"): ("float32", False),
    unary_out("square"): ("int64", False),
    unary_out("logical_not"): ("bool", False),
    clip_bounds_out: ("float64", False),
    round_out: ("float64", False),
    round_method_out: ("float32", False),
    nan_to_num_in_place: ("float64", False),
}


def small_bases(dtype, seed, small):
    nx = sample(dtype, N + 4, seed=seed, small=small)
    x = ap.array(nx.tolist(), dtype=dtype)
    return nx, x


@pytest.mark.parametrize("views", list(OTHER_VIEWS))
@pytest.mark.parametrize("route", list(OTHER_ROUTES))
@pytest.mark.parametrize("writer", list(OTHER_WRITERS), ids=lambda w: w.__name__)
def test_every_writing_path(tier, writer, route, views):
    dtype, small = OTHER_WRITERS[writer]
    d, s = OTHER_VIEWS[views]
    nx, x = small_bases(dtype, 11, small)
    with np.errstate(all="ignore"):
        writer(np, nx, nx, d, s)
    writer(ap, x, OTHER_ROUTES[route](x), d, s)
    check(x, nx)


REDUCTION_OUTS = ["sum", "prod", "mean", "min", "max", "var", "std", "ptp", "nansum", "nanmean",
                  "nanmin", "nanmax", "argmin", "argmax", "any", "all"]


def numpy_reduce_into(name, nsrc, out):
    """NumPy's answer as if the whole input were read first. NumPy's reductions copy an input
    that overlaps out=, except ptp, which is max into out, then out minus min of the input
    (which by then reads the overwritten row): its answer on a copy is the one to match."""
    getattr(np, name)(nsrc.copy() if name == "ptp" else nsrc, axis=0, out=out)


@pytest.mark.parametrize("route", list(OTHER_ROUTES))
@pytest.mark.parametrize("name", REDUCTION_OUTS)
def test_reduction_out_overlaps_its_input(tier, route, name):
    """out= is a row of the array reduced over its rows (and a reversed one), as NumPy gives."""
    dtype = "int64" if name.startswith("arg") else "float64"
    nx, x = bases(dtype, seed=12)
    rows = (N + 4) // 3
    x2, nx2 = x.reshape(3, rows), nx.reshape(3, rows)
    if name in ("any", "all"):  # a bool destination: the first byte of each element
        nsrc = nx2.view(np.bool_)[:, ::8]
        src = ap.asarray(np.asarray(x2).view(np.bool_))[:, ::8]
        nsrc[...] = nx2 > 0
        src[...] = x2 > 0
    else:
        nsrc, src = nx2, x2
    getattr(ap, name)(OTHER_ROUTES[route](src), axis=0, out=src[1])
    numpy_reduce_into(name, nsrc, nsrc[1])
    getattr(ap, name)(OTHER_ROUTES[route](src), axis=0, out=src[2][::-1])
    numpy_reduce_into(name, nsrc, nsrc[2][::-1])
    np.testing.assert_allclose(np.asarray(x), nx, rtol=1e-12, atol=0)


@pytest.mark.parametrize("route", list(OTHER_ROUTES))
@pytest.mark.parametrize("name", ["cumsum", "cumprod", "cumulative_sum", "cumulative_prod"])
def test_cumulative_out_overlaps_its_input(tier, route, name):
    nx, x = small_bases("int64", 13, True)  # exact, and products stay in range for a while
    half = N // 2
    for dst, src in [(np.s_[1 : half + 1], np.s_[:half]), (np.s_[:half], np.s_[half:0:-1]),
                     (np.s_[:half], np.s_[:half])]:
        getattr(ap, name)(OTHER_ROUTES[route](x)[src], out=x[dst])
        getattr(np, name)(nx[src], out=nx[dst])
        check(x, nx)


@pytest.mark.parametrize("route", list(OTHER_ROUTES))
@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_real_imag_setters_from_overlapping_parts(tier, route, dtype):
    nz, z = bases(dtype, seed=14)
    f = OTHER_ROUTES[route](z)
    z.real = f.imag[::-1]
    nz.real = nz.imag[::-1]
    check(z, nz)
    z.imag = f.real
    nz.imag = nz.real
    check(z, nz)
    z.real[1:] = f.real[:-1]
    nz.real[1:] = nz.real[:-1]
    check(z, nz)


# ---- issue 12's writing paths: the source reaches the destination's memory through a route ----

def _scatter(x, src, idx):
    x[ap.asarray(idx)] = src


def _put(x, src, idx):
    ap.put(x, ap.asarray(idx), src)


def _place(x, src, idx):
    mask = np.zeros(x.shape[0], dtype=bool)
    mask[idx] = True
    ap.place(x, ap.asarray(mask), src)


def _copyto(x, src, idx):
    ap.copyto(x[: len(idx)], src)


NEW_WRITERS = {
    "setitem_int_array": (_scatter, lambda n, i, s: n.__setitem__(i, s)),
    "put": (_put, lambda n, i, s: np.put(n, i, s)),
    "place": (_place, lambda n, i, s: np.place(n, np.isin(np.arange(n.shape[0]), i), s)),
    "copyto": (_copyto, lambda n, i, s: np.copyto(n[: len(i)], s)),
}


@pytest.mark.parametrize("tier", ["reference", "simd", "parallel"])
@pytest.mark.parametrize("route", ["memoryview", "numpy", "dlpack"])
@pytest.mark.parametrize("writer", list(NEW_WRITERS))
def test_issue12_writes_through_foreign_views(tier, route, writer):
    """The value is a reversed view of the destination's own memory, reached through NumPy,
    a memoryview or DLPack; the result is NumPy's with the value read first (large enough for
    the simd and parallel loops)."""
    ours, theirs = NEW_WRITERS[writer]
    n = 200_000
    nx = np.arange(n, dtype=np.float64)
    idx = np.arange(0, n, 2)
    expected = nx.copy()
    theirs(expected, idx, expected[::-1][: len(idx)].copy())
    x = ROUTES[route](nx)
    src = ROUTES[route](nx)[::-1][: len(idx)]
    ap.set_backend(tier)
    try:
        ours(x, src, idx)
    finally:
        ap.set_backend("parallel")
    np.testing.assert_array_equal(nx, expected)


# ---- more of issue 12's writing paths through foreign views: put_along_axis, in-place sort and
# partition, out= of the quantiles and of the nan-reductions ----

ROWS, COLS = 400, 500  # 200_000 elements: above the parallel threshold


def _foreign_grid(route, seed=31, nans=False):
    """(NumPy base, arrpy view of its memory through ``route``): ROWS x COLS floats in
    [0.5, 1.5) (products stay finite), NaNs scattered when ``nans``."""
    nx = np.random.default_rng(seed).random((ROWS, COLS)) + 0.5
    if nans:
        nx.reshape(-1)[7::97] = np.nan
        nx[3] = np.nan  # one row all NaN
    return nx, ROUTES[route](nx)


def _at(tier, f):
    ap.set_backend(tier)
    try:
        return f()
    finally:
        ap.set_backend("parallel")


@pytest.mark.parametrize("tier", ["reference", "simd", "parallel"])
@pytest.mark.parametrize("route", ["memoryview", "numpy", "dlpack"])
def test_put_along_axis_values_through_foreign_views(tier, route):
    """put_along_axis whose values are the destination reversed, reached through a route; each
    position written once (a permutation per row), so the result is NumPy's exactly."""
    nx, x = _foreign_grid(route)
    idx = np.argsort(np.random.default_rng(32).random((ROWS, COLS)), axis=1)
    expected = nx.copy()
    np.put_along_axis(expected, idx, expected[::-1, ::-1].copy(), axis=1)
    values = ROUTES[route](nx)[::-1, ::-1]
    _at(tier, lambda: ap.put_along_axis(x, ap.asarray(idx), values, axis=1))
    np.testing.assert_array_equal(nx, expected)
    # axis=None: the flat positions, values the whole array reversed.
    nx2, x2 = _foreign_grid(route, seed=33)
    flat = np.random.default_rng(34).permutation(nx2.size)
    expected = nx2.copy()
    np.put_along_axis(expected.reshape(-1), flat, expected.reshape(-1)[::-1].copy(), axis=None)
    values = ROUTES[route](nx2).reshape(-1)[::-1]
    _at(tier, lambda: ap.put_along_axis(x2, ap.asarray(flat), values, axis=None))
    np.testing.assert_array_equal(nx2, expected)


def _assert_partitioned(got, original, kth, axis):
    """``got`` is a partition of ``original`` around ``kth`` along ``axis``, as NumPy defines it."""
    s = np.sort(original, axis=axis)
    np.testing.assert_array_equal(np.sort(got, axis=axis), s)
    g, s = np.moveaxis(got, axis, -1), np.moveaxis(s, axis, -1)
    np.testing.assert_array_equal(g[..., kth], s[..., kth])
    assert (g[..., :kth] <= g[..., kth: kth + 1]).all() and (g[..., kth + 1:] >= g[..., kth: kth + 1]).all()


@pytest.mark.parametrize("tier", ["reference", "simd", "parallel"])
@pytest.mark.parametrize("route", ["memoryview", "numpy", "dlpack"])
@pytest.mark.parametrize("method", ["sort", "partition"])
def test_in_place_sort_through_foreign_views(tier, route, method):
    """``a.sort()`` / ``a.partition(k)`` where ``a`` is a reversed or transposed view of memory
    reached through a route: the sorted values land in that memory (NumPy's base sees them),
    along each axis; and a sort in place of the memory an earlier ``out=`` wrote."""
    for axis, view in [(-1, lambda v: v[::-1, ::-1]), (0, lambda v: v.T[::-1]), (1, lambda v: v[:, ::-2])]:
        nx, _ = _foreign_grid(route)
        a = view(ROUTES[route](nx))
        expected_view = view(nx)
        original = expected_view.copy()
        if method == "sort":
            _at(tier, lambda: a.sort(axis=axis))
            np.testing.assert_array_equal(expected_view, np.sort(original, axis=axis))
        else:
            _at(tier, lambda: a.partition(7, axis=axis))
            _assert_partitioned(expected_view, original, 7, axis)
        if axis == 1:  # the columns outside the view keep their values
            np.testing.assert_array_equal(nx[:, ::2], _foreign_grid(route)[0][:, ::2])
    # The memory an op wrote through out= (a reversed foreign view), then sorted in place.
    nx, x = _foreign_grid(route)
    out = ROUTES[route](nx)[::-1]
    expected = nx * 2
    _at(tier, lambda: ap.multiply(x, 2.0, out=out))
    np.testing.assert_array_equal(nx[::-1], expected)
    _at(tier, lambda: getattr(out, method)(*([] if method == "sort" else [3]), axis=1))
    if method == "sort":
        np.testing.assert_array_equal(nx[::-1], np.sort(expected, axis=1))
    else:
        _assert_partitioned(nx[::-1], expected, 3, 1)


QUANTILE_OUT = {
    "quantile": (lambda m, a, out: m.quantile(a, [0.25, 0.5, 0.9], axis=1, out=out), 3),
    "percentile": (lambda m, a, out: m.percentile(a, [10, 60], axis=1, method="nearest", out=out), 2),
    "median": (lambda m, a, out: m.median(a, axis=1, out=out), 0),
    "nanquantile": (lambda m, a, out: m.nanquantile(a, [0.3, 0.8], axis=1, out=out), 2),
    "nanmedian": (lambda m, a, out: m.nanmedian(a, axis=1, out=out), 0),
}
NAN_OUT = {name: (lambda name: lambda m, a, out: getattr(m, name)(a, axis=1, out=out))(name)
           for name in ["nansum", "nanmean", "nanvar", "nanstd", "nanprod", "nanmin", "nanmax"]}
NAN_CUMULATIVE_OUT = ["nancumsum", "nancumprod"]


def _out_view(v, q):
    """The out= view: column 0 of the grid reversed (q axes ahead of it: the first q columns)."""
    return v[::-1, :q].T if q else v[::-1, 0]


@pytest.mark.parametrize("tier", ["reference", "simd", "parallel"])
@pytest.mark.parametrize("route", ["memoryview", "numpy", "dlpack"])
@pytest.mark.parametrize("name", list(QUANTILE_OUT) + list(NAN_OUT) + NAN_CUMULATIVE_OUT)
def test_statistics_out_through_foreign_views(tier, route, name):
    """out= of the quantiles and the nan-reductions is a reversed column (or, for the
    cumulative ones, the reversed whole) of the input's memory reached through a route: the
    result is NumPy's on the input as it was, written there, and out= is the returned array."""
    nx, x = _foreign_grid(route, nans=name.startswith("nan"))
    original = nx.copy()
    if name in NAN_CUMULATIVE_OUT:
        call, out_of = (lambda m, a, out: getattr(m, name)(a, axis=1, out=out)), (lambda v: v[::-1, ::-1])
    elif name in NAN_OUT:
        call, out_of = NAN_OUT[name], (lambda v: v[::-1, 0])
    else:
        f, q = QUANTILE_OUT[name]
        call, out_of = f, (lambda v: _out_view(v, q))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy: all-NaN slices
        want = call(np, original, None)
        expected = nx.copy()
        out_of(expected)[...] = want
        numpy_itself = nx.copy()  # NumPy's own answer for the aliased call is the same
        call(np, numpy_itself, out_of(numpy_itself))
    np.testing.assert_allclose(numpy_itself, expected, rtol=1e-12, equal_nan=True)
    out = out_of(ROUTES[route](nx))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r = _at(tier, lambda: call(ap, x, out))
    assert r is out
    np.testing.assert_allclose(nx, expected, rtol=1e-12, equal_nan=True)
