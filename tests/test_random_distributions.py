"""arrpy.random's distributions beyond the uniform, normal and exponential streams: the same
numbers as NumPy 2's for the same seed (NumPy's algorithms step for step), NumPy's parameter
checks, and statistical tests at a fixed seed (moments and Kolmogorov–Smirnov or chi-square
against the exact distribution) for every distribution, multivariate_normal included."""

import math

import numpy as np
import pytest

import arrpy
import arrpy.random as ar

# Parameter sets that reach each algorithm's branches (NumPy's: gamma below/at/above shape 1,
# Johnk's beta and the gamma ratio, Poisson's multiplication method and PTRS, binomial's
# inversion, BTPE and p > 1/2, geometric's search and inversion).
CASES = [
    ("standard_gamma", (0.3,)), ("standard_gamma", (1.0,)), ("standard_gamma", (4.5,)),
    ("gamma", (0.7, 2.0)), ("gamma", (9.0, 0.5)),
    ("beta", (0.4, 0.6)), ("beta", (2.0, 5.0)), ("beta", (0.5, 3.0)),
    ("chisquare", (3.0,)), ("chisquare", (0.5,)),
    ("lognormal", (0.5, 0.8)), ("laplace", (1.0, 2.0)), ("logistic", (-1.0, 0.5)),
    ("poisson", (3.5,)), ("poisson", (40.0,)), ("poisson", (0.0,)),
    ("binomial", (20, 0.3)), ("binomial", (1000, 0.2)), ("binomial", (500, 0.9)),
    ("binomial", (0, 0.5)),
    ("geometric", (0.5,)), ("geometric", (0.05,)),
]


def both(seed):
    return ar.default_rng(seed), np.random.default_rng(seed)


def same(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape and got.dtype == want.dtype, (got.shape, want.shape,
                                                                  got.dtype, want.dtype)
    assert got.tobytes() == want.tobytes(), np.flatnonzero(got != want)[:5]


NUMPY_VERSION = tuple(int(v) for v in np.__version__.split(".")[:2])


@pytest.mark.parametrize("name, params", CASES)
def test_draws_are_numpys(name, params, tier):
    if name == "binomial" and params == (1000, 0.2) and NUMPY_VERSION < (2, 5):
        # arrpy's BTPE is NumPy 2.5's, which fixed a sign in its final acceptance test; 2.4's
        # draws part from it after ~1,500 values here. The other cases agree with both.
        pytest.skip("binomial's BTPE follows NumPy 2.5")
    for seed in [0, 7]:
        a, n = both(seed)
        for size in [None, 5, (2, 3), 0]:
            same(getattr(a, name)(*params, size=size), getattr(n, name)(*params, size=size))
        same(getattr(a, name)(*params, size=2000), getattr(n, name)(*params, size=2000))
        assert a.bit_generator.state == n.bit_generator.state


def test_broadcast_parameters_from_views_are_numpys():
    a, n = both(3)
    base = arrpy.arange(1.0, 13.0)
    nbase = np.arange(1.0, 13.0)
    same(a.gamma(base[::-3], arrpy.reshape(base[:2], (2, 1))),
         n.gamma(nbase[::-3], nbase[:2].reshape(2, 1)))
    same(a.beta(base[::2] / 4, 2.0, size=(3, 6)), n.beta(nbase[::2] / 4, 2.0, size=(3, 6)))
    same(a.poisson(base[::-1] * 3), n.poisson(nbase[::-1] * 3))
    same(a.binomial(arrpy.arange(10, 130, 10)[::-2], 0.4),
         n.binomial(np.arange(10, 130, 10)[::-2], 0.4))
    same(a.geometric(base[::-4] / 13), n.geometric(nbase[::-4] / 13))
    same(a.standard_gamma(2.5, size=7, dtype="float32"),
         n.standard_gamma(2.5, size=7, dtype=np.float32))
    same(a.standard_gamma(0.4, size=300, dtype="float32"),
         n.standard_gamma(0.4, size=300, dtype=np.float32))
    for alpha in ([0.05, 0.02, 0.08], [1.5, 2.0, 0.5, 3.0]):
        same(a.dirichlet(alpha, size=(4, 5)), n.dirichlet(alpha, size=(4, 5)))
        same(a.dirichlet(alpha), n.dirichlet(alpha))
    assert a.bit_generator.state == n.bit_generator.state


@pytest.mark.parametrize("call, msg", [
    (lambda g: g.standard_gamma(-1), "shape < 0"),
    (lambda g: g.gamma(1, -1), "scale < 0"),
    (lambda g: g.beta(0, 1), "a <= 0"),
    (lambda g: g.beta([1, 0], 1), "a <= 0"),
    (lambda g: g.chisquare(0), "df <= 0"),
    (lambda g: g.lognormal(0, -1), "sigma < 0"),
    (lambda g: g.laplace(0, -1), "scale < 0"),
    (lambda g: g.poisson(-1), "lam < 0 or lam is NaN"),
    (lambda g: g.poisson([1, float("nan")]), "lam value too large"),
    (lambda g: g.poisson([1, -1]), "lam < 0 or lam contains NaNs"),
    (lambda g: g.poisson(1e19), "lam value too large"),
    (lambda g: g.binomial(-1, 0.5), "n < 0"),
    (lambda g: g.binomial(1, float("nan")), "p < 0, p > 1 or p is NaN"),
    (lambda g: g.geometric(1.5), "p <= 0, p > 1 or p contains NaNs"),
    (lambda g: g.dirichlet([1, -1]), "alpha < 0"),
    (lambda g: g.gamma([1, 2], size=3), "shape mismatch"),
])
def test_bad_parameters_raise_numpys_errors(call, msg):
    a, n = both(1)
    with pytest.raises(ValueError, match=msg):
        call(n)
    with pytest.raises(ValueError, match=msg):
        call(a)
    assert a.bit_generator.state == n.bit_generator.state


# ---- statistics at a fixed seed --------------------------------------------------------------

N = 20_000
# Kolmogorov–Smirnov at level 1e-6 (a fixed seed either passes or fails; this bound makes a
# correct sampler fail once in a million seeds, and a wrong shape or scale fail every time).
KS_BOUND = math.sqrt(-0.5 * math.log(0.5e-6)) / math.sqrt(N)


def ks(sample, cdf):
    x = np.sort(np.asarray(sample, dtype=float))
    f = np.array([cdf(v) for v in x])
    i = np.arange(1, len(x) + 1)
    return max(np.max(i / len(x) - f), np.max(f - (i - 1) / len(x)))


def erlang_cdf(k, scale):
    return lambda x: 1 - sum(math.exp(-x / scale) * (x / scale) ** j / math.factorial(j)
                             for j in range(k)) if x > 0 else 0.0


CONTINUOUS = [
    ("random", (), lambda x: min(max(x, 0.0), 1.0)),
    ("uniform", (-2.0, 3.0), lambda x: min(max((x + 2) / 5, 0.0), 1.0)),
    ("standard_normal", (), lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))),
    ("normal", (1.0, 3.0), lambda x: 0.5 * (1 + math.erf((x - 1) / (3 * math.sqrt(2))))),
    ("standard_exponential", (), lambda x: 1 - math.exp(-x) if x > 0 else 0.0),
    ("exponential", (2.5,), lambda x: 1 - math.exp(-x / 2.5) if x > 0 else 0.0),
    ("gamma", (3.0, 2.0), erlang_cdf(3, 2.0)),
    ("standard_gamma", (1.0,), erlang_cdf(1, 1.0)),
    ("chisquare", (4.0,), erlang_cdf(2, 2.0)),
    ("beta", (2.0, 1.0), lambda x: min(max(x, 0.0), 1.0) ** 2),
    ("beta", (0.5, 0.5), lambda x: 2 / math.pi * math.asin(math.sqrt(min(max(x, 0.0), 1.0)))),
    ("lognormal", (0.3, 0.6),
     lambda x: 0.5 * (1 + math.erf((math.log(x) - 0.3) / (0.6 * math.sqrt(2)))) if x > 0 else 0.0),
    ("laplace", (1.0, 2.0),
     lambda x: 0.5 * math.exp((x - 1) / 2) if x < 1 else 1 - 0.5 * math.exp(-(x - 1) / 2)),
    ("logistic", (-1.0, 0.5), lambda x: 1 / (1 + math.exp(-(x + 1) / 0.5))),
]


@pytest.mark.parametrize("name, params, cdf", CONTINUOUS, ids=[f"{c[0]}{c[1]}" for c in CONTINUOUS])
def test_continuous_distributions_pass_kolmogorov_smirnov(name, params, cdf):
    x = getattr(ar.default_rng(20240), name)(*params, size=N)
    assert ks(x, cdf) < KS_BOUND


def chi_square_p_ok(counts, probs):
    """Pearson's chi-square with bins of expected count >= 5 pooled into the last one, tested
    at level 1e-6 against the Wilson–Hilferty normal approximation of the quantile."""
    counts, probs = list(counts), list(probs)
    expected = [p * sum(counts) for p in probs]
    bins_o, bins_e, acc_o, acc_e = [], [], 0, 0.0
    for o, e in zip(counts, expected):
        acc_o, acc_e = acc_o + o, acc_e + e
        if acc_e >= 5:
            bins_o.append(acc_o), bins_e.append(acc_e)
            acc_o, acc_e = 0, 0.0
    if acc_e > 0:
        bins_o[-1] += acc_o
        bins_e[-1] += acc_e
    stat = sum((o - e) ** 2 / e for o, e in zip(bins_o, bins_e))
    k = len(bins_o) - 1
    z = 4.75  # one-sided normal quantile at 1e-6
    quantile = k * (1 - 2 / (9 * k) + z * math.sqrt(2 / (9 * k))) ** 3
    return stat < quantile, (stat, quantile)


DISCRETE = [
    ("poisson", (3.5,), lambda j: math.exp(-3.5 + j * math.log(3.5) - math.lgamma(j + 1))),
    ("poisson", (40.0,), lambda j: math.exp(-40 + j * math.log(40) - math.lgamma(j + 1))),
    ("binomial", (20, 0.3), lambda j: math.comb(20, j) * 0.3**j * 0.7**(20 - j)),
    ("binomial", (1000, 0.2),
     lambda j: math.exp(math.lgamma(1001) - math.lgamma(j + 1) - math.lgamma(1001 - j)
                        + j * math.log(0.2) + (1000 - j) * math.log(0.8))),
    ("binomial", (60, 0.9), lambda j: math.comb(60, j) * 0.9**j * 0.1**(60 - j)),
    ("geometric", (0.5,), lambda j: 0.5 * 0.5 ** (j - 1) if j >= 1 else 0.0),
    ("geometric", (0.05,), lambda j: 0.05 * 0.95 ** (j - 1) if j >= 1 else 0.0),
    ("integers", (0, 7), lambda j: 1 / 7 if 0 <= j < 7 else 0.0),
]


@pytest.mark.parametrize("name, params, pmf", DISCRETE, ids=[f"{c[0]}{c[1]}" for c in DISCRETE])
def test_discrete_distributions_pass_chi_square(name, params, pmf):
    x = np.asarray(getattr(ar.default_rng(777), name)(*params, size=N))
    top = int(x.max())
    counts = np.bincount(x, minlength=top + 2)
    probs = [pmf(j) for j in range(top + 1)]
    probs.append(max(0.0, 1 - sum(probs)))  # everything above the largest draw
    ok, detail = chi_square_p_ok(counts, probs)
    assert ok, detail


def test_dirichlet_and_multivariate_normal_moments():
    g = ar.default_rng(99)
    alpha = np.array([0.5, 2.0, 3.5])
    d = np.asarray(g.dirichlet(alpha, size=N))
    a0 = alpha.sum()
    mean, var = alpha / a0, alpha * (a0 - alpha) / (a0**2 * (a0 + 1))
    np.testing.assert_allclose(d.sum(axis=1), 1.0, rtol=1e-12)
    assert np.all(np.abs(d.mean(axis=0) - mean) < 5 * np.sqrt(var / N))
    small = np.asarray(g.dirichlet([0.05, 0.05], size=N))  # the stick-breaking branch
    assert abs(small[:, 0].mean() - 0.5) < 5 * math.sqrt(0.25 / 1.1 / N)
    cov = np.array([[2.0, 0.6, 0.0], [0.6, 1.0, -0.3], [0.0, -0.3, 0.5]])
    mu = np.array([1.0, -2.0, 0.5])
    for method in ["svd", "eigh", "cholesky"]:
        x = np.asarray(g.multivariate_normal(mu, cov, size=N, method=method))
        assert x.shape == (N, 3)
        assert np.all(np.abs(x.mean(axis=0) - mu) < 5 * np.sqrt(np.diag(cov) / N))
        np.testing.assert_allclose(np.cov(x.T), cov, atol=0.06)
    assert np.asarray(g.multivariate_normal(mu, cov)).shape == (3,)
    with pytest.warns(RuntimeWarning, match="positive-semidefinite"):
        g.multivariate_normal([0, 0], [[1, 2], [2, 1]])
    with pytest.raises(ValueError, match="positive-semidefinite"):
        g.multivariate_normal([0, 0], [[1, 2], [2, 1]], check_valid="raise")
    with pytest.raises(ValueError, match="mean and cov must have same length"):
        g.multivariate_normal([0, 0, 0], cov[:2, :2])
