"""Inputs that used to hang (issue 10): round with a huge |decimals| computed 10**(2**63);
set_num_threads(10**6) and ARRPY_NUM_THREADS=10**6 spawned threads for minutes. Each case runs in
a fresh interpreter under a timeout, so a regression fails instead of hanging the run."""

import os
import subprocess
import sys
import textwrap

import pytest

import arrpy


def run_isolated(code, timeout=60, env=None):
    full_env = dict(os.environ, **(env or {}))
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                              text=True, timeout=timeout, env=full_env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"hung for more than {timeout} s:\n{code}")


def test_round_with_huge_decimals_is_quick():
    out = run_isolated("""
        import arrpy as ap, numpy as np, warnings
        warnings.simplefilter("ignore")
        for dt in ["uint64", "int64", "int8", "uint8", "float64", "float32", "complex128"]:
            x = ap.asarray([1, 5, 120, 0], dtype=dt)
            for d in [-2**63 - 1, -2**63, 2**63, 10**30, -2**31 - 1, 2**31]:
                try:
                    ap.round(x, d)
                except OverflowError:
                    pass
                else:
                    raise SystemExit(f"round({dt}, {d}) did not raise OverflowError")
            # The largest decimals NumPy accepts (a C int) are answered at once too.
            for d in [-2**31, 2**31 - 1, -400, 400]:
                r = ap.round(x, d)
                print(dt, d, r.dtype, r.tolist())
        print("done")
    """, timeout=60)
    assert out.returncode == 0, out.stderr + out.stdout
    assert out.stdout.strip().endswith("done")


def test_set_num_threads_huge_is_clamped_and_quick():
    out = run_isolated("""
        import warnings, arrpy as ap
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            ap.set_num_threads(10**6)
        assert any(issubclass(x.category, RuntimeWarning) for x in w), w
        n = ap.get_num_threads()
        assert 1 <= n <= 1024, n
        a = ap.arange(3_000_000, dtype="float64")
        assert (a * 2.0).sum().item() == 2.0 * 3_000_000 * 2_999_999 / 2
        print(n)
    """, timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) <= 1024


@pytest.mark.parametrize("value", ["1000000", "9" * 40])
def test_env_var_huge_is_clamped(value):
    out = run_isolated("""
        import arrpy as ap
        a = ap.arange(3_000_000, dtype="float64")
        assert (a + 1.0).sum().item() == 3_000_000 * 2_999_999 / 2 + 3_000_000
        print(ap.get_num_threads())
    """, env={"ARRPY_NUM_THREADS": value})
    assert out.returncode == 0, out.stderr
    assert 1 <= int(out.stdout) <= 1024


@pytest.mark.parametrize("value", ["", "abc", "0", "-4", "2.5", "1e3", "\u0663", "4 threads"])
def test_env_var_garbage_is_ignored(value):
    out = run_isolated("""
        import os, arrpy as ap
        print(ap.get_num_threads(), os.cpu_count())
    """, env={"ARRPY_NUM_THREADS": value})
    assert out.returncode == 0, out.stderr
    threads, cpus = map(int, out.stdout.split())
    assert 1 <= threads <= cpus


def test_set_num_threads_rejects_non_positive():
    before = arrpy.get_num_threads()
    try:
        for bad in (0, -1, -(2**40)):
            with pytest.raises(ValueError, match=str(bad)):
                arrpy.set_num_threads(bad)
            assert arrpy.get_num_threads() == before
        with pytest.raises((ValueError, OverflowError)):
            arrpy.set_num_threads(10**30)
        with pytest.raises(TypeError):
            arrpy.set_num_threads(2.0)
    finally:
        arrpy.set_num_threads(before)
