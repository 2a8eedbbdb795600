"""Arrays across processes: multiprocessing pools ('spawn' and 'fork') pass arrays to workers
and back, and a multiprocessing.shared_memory block wraps as an arrpy array without a copy."""

import gc
import multiprocessing
import struct
from multiprocessing import shared_memory

import pytest

import arrpy as ap

TIMEOUT = 60  # seconds for any one exchange with the workers

METHODS = [m for m in ("spawn", "fork") if m in multiprocessing.get_all_start_methods()]


# Workers: module-level functions, so that 'spawn' workers can import them by name.

def describe(a):
    """What a worker sees: the array's type, dtype, shape and values, and a result computed
    there (an arrpy array travelling back)."""
    return type(a).__name__, a.dtype.name, a.shape, a.tolist(), a * 2


def sort_and_sum(n):
    """Work large enough for arrpy's thread pool, inside a worker."""
    a = ap.arange(n, dtype=ap.float64)[::-1]
    return float(ap.sum(ap.sort(a))), float(ap.sum(a * a))


def write_shared(name, index, value):
    """Attach the shared block by name, write through an arrpy view of it, and return what the
    view held before (the parent's writes)."""
    shm = shared_memory.SharedMemory(name=name)
    try:
        a = ap.frombuffer(shm.buf, dtype=ap.float64)
        before = a.tolist()
        a[index] = value
        del a  # the view's export must go before the block closes
        return before
    finally:
        shm.close()


@pytest.fixture(scope="module", params=METHODS)
def pool(request):
    ctx = multiprocessing.get_context(request.param)
    with ctx.Pool(2) as p:
        yield p


def arrays_to_send():
    base = ap.arange(24, dtype=ap.int32).reshape((2, 3, 4))
    return [
        base,
        base.T,                              # F order
        base[:, ::-1, ::2],                  # negative strides
        ap.broadcast_to(ap.arange(3.0), (2, 3)),
        ap.asarray(1.5 + 2j, dtype=ap.complex64),
        ap.zeros((0, 3), dtype=ap.uint16),
        ap.asarray([True, False]),
    ]


def test_pool_round_trip(pool):
    arrays = arrays_to_send()
    results = pool.map_async(describe, arrays).get(TIMEOUT)
    for a, (kind, dtype, shape, values, doubled) in zip(arrays, results):
        assert (kind, dtype, shape, values) == ("ndarray", a.dtype.name, a.shape, a.tolist())
        assert isinstance(doubled, ap.ndarray)
        assert doubled.tolist() == (a * 2).tolist()
        assert doubled.dtype == (a * 2).dtype


def test_pool_uses_threads_in_workers(pool):
    # The parent's pool has run (a fork copies its state but not its threads).
    n = 300_000
    expected = sort_and_sum(n)
    got = pool.map_async(sort_and_sum, [n, n]).get(TIMEOUT)
    assert got == [expected, expected]


def test_shared_memory_is_shared_both_ways(pool):
    shm = shared_memory.SharedMemory(create=True, size=4 * 8)
    try:
        a = ap.frombuffer(shm.buf, dtype=ap.float64)
        a[:] = ap.arange(4.0)
        before = pool.apply_async(write_shared, (shm.name, 2, 99.0)).get(TIMEOUT)
        assert before == [0.0, 1.0, 2.0, 3.0]     # the worker saw the parent's writes
        assert a.tolist() == [0.0, 1.0, 99.0, 3.0]  # the parent sees the worker's
        del a
    finally:
        gc.collect()
        shm.close()
        shm.unlink()


def test_shared_memory_wraps_without_copy():
    shm = shared_memory.SharedMemory(create=True, size=64)
    try:
        a = ap.frombuffer(shm.buf, dtype=ap.float64)
        b = ap.asarray(shm.buf)  # the same memory, as uint8
        assert a.shape == (8,) and b.shape == (64,) and b.dtype == ap.uint8
        assert ap.shares_memory(a, b)
        a[0] = 1.0
        assert bytes(shm.buf[:8]) == struct.pack("=d", 1.0)
        assert b[:8].tolist() == list(struct.pack("=d", 1.0))
        shm.buf[8:16] = struct.pack("=d", 2.5)
        assert a[1] == 2.5
        m = a.reshape((2, 4))[:, 1:]
        assert m[0].tolist() == [2.5, 0.0, 0.0]
        del a, b, m
    finally:
        gc.collect()
        shm.close()
        shm.unlink()


def test_closing_shared_memory_while_viewed_fails_cleanly():
    shm = shared_memory.SharedMemory(create=True, size=32)
    a = ap.frombuffer(shm.buf, dtype=ap.int64)
    view = a[1:3]
    del a
    try:
        # The array holds an export of the block's memoryview: closing must refuse, not leave
        # the array over unmapped memory.
        with pytest.raises(BufferError):
            shm.close()
        view[:] = 7  # still valid memory
        assert view.tolist() == [7, 7]
    finally:
        del view
        gc.collect()
        shm.close()  # no export left: closes
        shm.unlink()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_dropping_the_shared_memory_object_keeps_viewed_memory():
    shm = shared_memory.SharedMemory(create=True, size=16)
    name = shm.name
    a = ap.frombuffer(shm.buf, dtype=ap.int32)
    a[:] = 5
    # SharedMemory.__del__ tries close(), which fails on the export (an ignored BufferError):
    # the mapping stays, held by the array.
    del shm
    gc.collect()
    a[1] = 6
    assert a.tolist() == [5, 6, 5, 5]
    del a
    gc.collect()
    again = shared_memory.SharedMemory(name=name)
    again.close()
    again.unlink()
