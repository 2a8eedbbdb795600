"""Concurrent use, as NumPy's: an operation computes on the array it read when it started (its
memory, shape and strides), with the GIL released for large inputs, while other threads may
reshape the same Python object, read it or write its memory. Nothing raises a borrow error."""

import threading

import numpy as np

import arrpy

N = 1 << 20


def run_together(*targets, seconds=1.0):
    stop, errors = threading.Event(), []

    def guarded(fn):
        def loop():
            try:
                while not stop.is_set():
                    fn()
            except Exception as e:  # reported below: exceptions in threads do not fail the test
                errors.append(e)
                stop.set()
        return loop

    threads = [threading.Thread(target=guarded(t)) for t in targets]
    for t in threads:
        t.start()
    stop.wait(seconds)
    stop.set()
    for t in threads:
        t.join()
    return errors


def test_shape_set_while_another_thread_reduces():
    a = arrpy.ones(N)
    sums = []

    def reduce():
        sums.append(float(a.sum()))

    def reshape():
        a.shape = (1024, 1024)
        a.shape = (N,)

    errors = run_together(reduce, reshape)
    assert not errors, errors[:3]
    assert sums and set(sums) == {float(N)}


def test_methods_and_operators_while_the_shape_changes():
    a = arrpy.ones(N)
    seen = []

    def compute():
        r = a * 2.0 + 1.0
        seen.append((r.shape, float(r.sum())))
        seen.append((a.T.shape, float(a.max())))
        a.setflags(write=True)

    def reshape():
        a.shape = (N // 4, 4)
        a.shape = (N,)

    errors = run_together(compute, reshape)
    assert not errors, errors[:3]
    assert {s for s, _ in seen[::2]} <= {(N,), (N // 4, 4)}
    assert {v for _, v in seen[::2]} == {3.0 * N}


def test_writes_from_one_thread_reads_from_another():
    a = arrpy.zeros(N)
    values = []

    def write():
        a[:] = 1.0
        a[:] = 0.0

    def read():
        values.append(float(a.max()))

    errors = run_together(write, read)
    assert not errors, errors[:3]
    # Element writes are not atomic as a whole (as NumPy's): each read sees 0s, 1s or a mix.
    assert set(values) <= {0.0, 1.0}
    np.testing.assert_array_equal(np.asarray(a), np.zeros(N))
