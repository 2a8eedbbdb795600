"""The benchmark ladder's timing: the default tier and NumPy alternate batch by batch, and a
row reports every tier beside NumPy with ratios (speed itself is never asserted here)."""

import threading
import time

import arrpy as ap
import pytest
from arrpy import bench


def test_side_by_side_alternates_whole_batches():
    calls = []
    fast = lambda: calls.append("a")
    slow = lambda: calls.append("b")
    medians = bench._time_side_by_side([fast, slow], 0.01)
    assert len(medians) == 2 and all(m > 0 for m in medians)
    # Two calls each to size the batches, then rounds: a batch of a's, a batch of b's.
    rounds = "".join(calls[4:])
    batch_a = rounds.index("b")
    batch_b = rounds.index("a", batch_a) - batch_a
    assert calls[:4] == ["a", "a", "b", "b"]
    assert rounds == ("a" * batch_a + "b" * batch_b) * (len(rounds) // (batch_a + batch_b))
    assert len(rounds) // (batch_a + batch_b) >= 5


def test_a_row_has_each_tier_beside_numpy_and_restores_the_backend():
    pytest.importorskip("numpy")
    before = ap.get_backend()
    (row,) = bench.run(quick=True, only="matmul float64 4x4")
    assert ap.get_backend() == before
    for tier in bench.TIERS:
        assert row[tier] > 0
        assert row[f"{tier}/numpy"] == pytest.approx(row[tier] / row["numpy"])


def test_settle_waits_for_a_spinning_thread_to_stop():
    if bench._cpu_ns_of_other_threads() is None:
        pytest.skip("no /proc/self/task here")

    spin_until = time.perf_counter() + 0.15

    spinning = threading.Event()

    def spin():
        spinning.set()
        while time.perf_counter() < spin_until:
            pass

    spinner = threading.Thread(target=spin)
    spinner.start()
    spinning.wait()
    try:
        start = time.perf_counter()
        bench._settle(limit=2.0)
        waited = time.perf_counter() - start
    finally:
        spinner.join()
    # It returned after the spinner stopped (about 0.15 s), well before the limit.
    assert 0.1 <= waited < 1.5, waited
