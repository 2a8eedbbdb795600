import concurrent.futures
import subprocess
import sys

import numpy as np
import pytest

import arrpy
from conftest import TIERS, to_numpy


def test_set_get_backend():
    assert arrpy.get_backend() == "parallel"
    try:
        for t in TIERS:
            arrpy.set_backend(t)
            assert arrpy.get_backend() == t
    finally:
        arrpy.set_backend("parallel")


def test_context_manager_restores():
    with arrpy.backend("simd"):
        assert arrpy.get_backend() == "simd"
        with arrpy.backend("reference"):
            assert arrpy.get_backend() == "reference"
        assert arrpy.get_backend() == "simd"
    assert arrpy.get_backend() == "parallel"
    with pytest.raises(RuntimeError):
        with arrpy.backend("reference"):
            raise RuntimeError("boom")
    assert arrpy.get_backend() == "parallel"


def test_unknown_backend():
    with pytest.raises(ValueError) as info:
        arrpy.set_backend("gpu")
    for t in TIERS:
        assert t in str(info.value)
    assert arrpy.get_backend() == "parallel"
    with pytest.raises(ValueError):
        with arrpy.backend("cuda"):
            pass
    assert arrpy.get_backend() == "parallel"


def test_capabilities():
    caps = arrpy.get_backend_capabilities()
    for op in ["add", "subtract", "multiply", "divide", "sum", "max", "min", "prod", "mean", "negative", "less"]:
        assert op in caps, op
    for name, row in caps.items():
        assert isinstance(row["family"], str)
        for t in TIERS:
            v = row[t]
            assert (v == "native" or (v.startswith("fallback:") and v.split(":", 1)[1] in TIERS)
                    or (t == "simd" and v.startswith("partial:"))), (name, t, v)
        assert row["reference"] == "native", name
        assert arrpy.get_available_backends_for_operation(name) == [t for t in TIERS if row[t] == "native"]
        for t in TIERS:
            assert arrpy.check_backend_has_operation(name, t) == (row[t] == "native")
    assert not arrpy.check_backend_has_operation("no_such_op")
    assert arrpy.get_available_backends_for_operation("no_such_op") == []


def test_show_backend_status(capsys):
    arrpy.show_backend_status()
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) >= len(arrpy.get_backend_capabilities())
    assert "parallel" in lines[0]
    for op in arrpy.get_backend_capabilities():
        assert any(line.split()[:1] == [op] for line in lines), op
    for t in TIERS:
        assert t in out
    # The families beyond the elementwise ops and reductions are listed too.
    rows = {line.split()[0]: line.split()[1] for line in lines[2:]}
    for op, family in [("sort", "sort"), ("argsort", "sort"), ("searchsorted", "sort"), ("unique", "sort"),
                       ("isin", "sort"), ("take", "index"), ("gather", "index"), ("scatter", "index"),
                       ("compress", "index"), ("nonzero", "index"), ("quantile", "statistics"),
                       ("median", "statistics"), ("histogram", "statistics"), ("copy_blocked", "manipulate")]:
        assert rows.get(op) == family, (op, rows.get(op))


def test_num_threads():
    before = arrpy.get_num_threads()
    assert before >= 1
    try:
        arrpy.set_num_threads(1)
        assert arrpy.get_num_threads() == 1
        arrpy.set_num_threads(3)
        assert arrpy.get_num_threads() == 3
        a = arrpy.arange(300_000)
        assert arrpy.sum(a).item() == 300_000 * 299_999 // 2
        with pytest.raises((ValueError, OverflowError)):
            arrpy.set_num_threads(0)
    finally:
        arrpy.set_num_threads(before)


@pytest.mark.parametrize("env", ["1", "3"])
def test_env_var(env):
    code = "import arrpy; print(arrpy.get_num_threads())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"ARRPY_NUM_THREADS": env, "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == env


def test_concurrent_python_threads():
    n = 300_000
    base = np.arange(n, dtype=np.float64) * 0.5
    a = arrpy.asarray(base.tolist())

    def work(k):
        r = (a * float(k) + 1.0)
        s = arrpy.sum(arrpy.asarray([1, 2, 3]) * k).item()
        return k, to_numpy(r[::1000]), arrpy.max(r).item(), s

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(12)))
    for k, sub, mx, s in results:
        np.testing.assert_array_equal(sub, (base * k + 1.0)[::1000])
        assert mx == (base * k + 1.0).max()
        assert s == 6 * k

