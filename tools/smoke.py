"""A smoke test of an installed arrpy wheel (tools/test_wheel.sh runs it in fresh venvs, with and
without NumPy): the extension loads on this interpreter and its main paths give right values."""

import importlib.util
import pickle
import sys

import arrpy as ap

assert "/python/arrpy" not in ap.__file__.replace("\\", "/"), f"not the wheel: {ap.__file__}"
a = ap.arange(12.0).reshape(3, 4)
assert a.sum() == 66.0 and a.T.shape == (4, 3)
assert (a[::-1, ::2] * 2).tolist() == [[16.0, 20.0], [8.0, 12.0], [0.0, 4.0]]
assert ap.linalg.det(ap.eye(3) * 2.0) == 8.0
assert abs(complex(ap.fft.fft(ap.ones(8))[0]) - 8) < 1e-12
assert ap.random.default_rng(0).integers(0, 10, 5).tolist() == [8, 6, 5, 2, 3]
assert bytes(memoryview(ap.asarray([1, 2], dtype="uint8"))) == b"\x01\x02"
has_numpy = importlib.util.find_spec("numpy") is not None
if has_numpy:
    import numpy as np
    assert np.asarray(a).tolist() == a.tolist()
    assert ap.asarray(np.arange(3)).tolist() == [0, 1, 2]
else:
    assert "numpy" not in sys.modules
for protocol in (2, 5):
    assert pickle.loads(pickle.dumps(a[:, ::2], protocol=protocol)).tolist() == a[:, ::2].tolist()
print(f"arrpy wheel ok on Python {sys.version.split()[0]}, NumPy {'present' if has_numpy else 'absent'}")
