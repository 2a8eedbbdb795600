"""ArrPy: NumPy-compatible N-dimensional arrays with a Rust engine.

Every kernel exists at three tiers with identical results — ``reference`` (plain scalar loops),
``simd`` (vectorized, CPU features chosen at runtime) and ``parallel`` (simd + threads, the
default) — switched with :func:`set_backend`. The module is an Array API namespace (2023.12).
"""

import math as _math

from . import _arrpy
from ._arrpy import (
    ndarray, dtype,
    bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
    float32, float64, complex64, complex128,
    array, asarray, zeros, ones, empty, full, zeros_like, ones_like, empty_like, full_like,
    arange, linspace, eye, promote_types, result_type, can_cast, concatenate, stack,
    expand_dims,
    set_backend, get_backend, set_num_threads, get_num_threads,
    shares_memory, may_share_memory, TooHardError,
)
from ._exceptions import AxisError
from ._errstate import errstate, geterr, geterrcall, seterr, seterrcall
from ._backend import (
    backend, show_backend_status, get_backend_capabilities, check_backend_has_operation,
    get_available_backends_for_operation,
)
from ._dtypes import isdtype, finfo, iinfo
from ._namespace import __array_namespace_info__
from ._reductions import *  # noqa: F401,F403  (every reduction of the table: sum, var, nan*, …)
from ._manipulation import *  # noqa: F401,F403  (reshape, flip, split, stack family, pad, …)
from ._sorting import *  # noqa: F401,F403  (sort, argsort, unique, searchsorted, sets, …)
from ._statistics import *  # noqa: F401,F403  (median, quantile, histogram, …)
from ._products import *  # noqa: F401,F403  (matmul, dot, tensordot, vecdot, …)
from . import linalg  # noqa: E402  (the Array API's linalg extension)
from . import fft  # noqa: E402  (numpy.fft)
from . import random  # noqa: E402  (numpy.random's Generator API)
from ._io import *  # noqa: F401,F403  (save, load, savez, savez_compressed, fromfile, …)
from ._text_io import *  # noqa: F401,F403  (loadtxt, savetxt, genfromtxt)

if hasattr(_arrpy, "from_dlpack"):
    from ._arrpy import from_dlpack, frombuffer

__array_api_version__ = "2023.12"
__version__ = "0.1.0"

bool_ = bool
e = _math.e
pi = _math.pi
inf = _math.inf
nan = _math.nan
newaxis = None

from ._elementwise import *  # noqa: E402,F401,F403  (every elementwise function)
from ._elementwise import round  # noqa: E402  (shadows the builtin on purpose, as NumPy)
from ._indexing import *  # noqa: E402,F401,F403  (take, put, nonzero, where(cond), …)
from . import _array_methods  # noqa: E402,F401  (ndarray members written in Python: flat, tobytes, …)


def __getattr__(name):
    # `arrpy.testing` is imported on first use, as NumPy's `np.testing`: `import arrpy` stays light.
    if name == "testing":
        import importlib
        return importlib.import_module(".testing", __name__)
    raise AttributeError(f"module 'arrpy' has no attribute {name!r}")
