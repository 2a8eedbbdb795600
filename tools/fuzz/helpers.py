"""Source of the helper objects that generated calls may use (hostile objects among them).

Each helper is Python source kept as text, so that a reproducer can paste exactly the helpers its
call uses and stay a standalone script. The worker runs all of them once into its base namespace.
"""

HELPERS = {
    # An __array_interface__ exporter built from a dict: lets a call lie about pointer, shape,
    # strides and typestr. `owner` keeps the memory the pointer points into alive.
    "Iface": '''
class Iface:
    def __init__(self, owner=None, **interface):
        self.owner = owner
        self.__array_interface__ = interface
''',
    # An __array_interface__ describing the memory of a NumPy array `base`, with overrides.
    "iface_of": '''
def iface_of(base, **overrides):
    interface = dict(base.__array_interface__)
    interface.update(overrides)
    return Iface(base, **interface)
''',
    # Objects whose conversion hooks raise.
    "RaisingIndex": '''
class RaisingIndex:
    def __index__(self):
        raise ZeroDivisionError("hostile __index__")
    def __int__(self):
        raise ZeroDivisionError("hostile __int__")
    def __float__(self):
        raise ZeroDivisionError("hostile __float__")
    def __complex__(self):
        raise ZeroDivisionError("hostile __complex__")
    def __bool__(self):
        raise ZeroDivisionError("hostile __bool__")
''',
    # __index__ returning a non-int, __float__ returning a non-float.
    "WrongTypeHooks": '''
class WrongTypeHooks:
    def __index__(self):
        return 1.5
    def __int__(self):
        return "1"
    def __float__(self):
        return 1
    def __complex__(self):
        return None
''',
    # A number whose __index__ gives a value chosen at construction (huge, negative, ...).
    "Index": '''
class Index:
    def __init__(self, value):
        self.value = value
    def __index__(self):
        return self.value
''',
    # A sequence that lies about its length or fails part way through.
    "LyingSequence": '''
class LyingSequence:
    def __init__(self, items, length, fail_at=None):
        self.items, self.length, self.fail_at = list(items), length, fail_at
    def __len__(self):
        return self.length
    def __getitem__(self, i):
        if self.fail_at is not None and i == self.fail_at:
            raise KeyError("hostile __getitem__")
        return self.items[i]
''',
    # A sequence whose __len__ raises.
    "RaisingLen": '''
class RaisingLen:
    def __len__(self):
        raise ZeroDivisionError("hostile __len__")
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return 1.0
''',
    # A sequence that grows while it is read (each __getitem__ appends, up to twice its length;
    # unbounded growth would make plain iteration endless, in NumPy too).
    "GrowingSequence": '''
class GrowingSequence:
    def __init__(self, n):
        self.n, self.items = n, list(range(n))
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        if len(self.items) < 2 * self.n:
            self.items.append(i)
        return self.items[i]
''',
    # A sequence that returns itself: infinitely deep if followed.
    "SelfNesting": '''
class SelfNesting:
    def __len__(self):
        return 1
    def __getitem__(self, i):
        if i == 0:
            return self
        raise IndexError(i)
''',
    # A number whose conversion hooks change `target` (its shape, its contents) before they
    # answer: arrpy re-enters Python while it converts a value it is about to write.
    "Reentrant": '''
class Reentrant:
    def __init__(self, target):
        self.target = target
    def _mutate(self):
        for change in (lambda t: setattr(t, "shape", (-1,)), lambda t: t.fill(0),
                       lambda t: t.__setitem__(Ellipsis, 0)):
            try:
                change(self.target)
            except Exception:
                pass
    def __float__(self):
        self._mutate()
        return 1.0
    def __index__(self):
        self._mutate()
        return 1
    def __int__(self):
        self._mutate()
        return 1
    def __complex__(self):
        self._mutate()
        return 1j
    def __bool__(self):
        self._mutate()
        return True
''',
    # An object whose __array__ returns something that is not an array / raises / returns huge.
    "BadArray": '''
class BadArray:
    def __init__(self, result, raises=False):
        self.result, self.raises = result, raises
    def __array__(self, dtype=None, copy=None):
        if self.raises:
            raise ZeroDivisionError("hostile __array__")
        return self.result
''',
    # DLPack producers that misbehave.
    "BadDLPack": '''
class BadDLPack:
    def __init__(self, capsule=None, device=(1, 0), raises=False):
        self.capsule, self.device, self.raises = capsule, device, raises
    def __dlpack__(self, stream=None, max_version=None, dl_device=None, copy=None):
        if self.raises:
            raise ZeroDivisionError("hostile __dlpack__")
        return self.capsule
    def __dlpack_device__(self):
        return self.device
''',
    # A nested list `depth` levels deep around `leaf`, built without recursion.
    "nest": '''
def nest(depth, leaf=1.0):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value
''',
    # A list that contains itself.
    "self_list": '''
def self_list():
    items = [1.0]
    items.append(items)
    return items
''',
    # Runs `work` in threads concurrently with `mutate` and reports only borrow errors.
    "race": '''
import threading as _threading
def race(work, mutate, rounds=200):
    errors = []
    def loop(fn):
        for _ in range(rounds):
            try:
                fn()
            except RuntimeError as error:
                if "borrow" in str(error).lower():
                    errors.append(error)
                    return
            except Exception:
                pass
    threads = [_threading.Thread(target=loop, args=(fn,)) for fn in (work, mutate)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
''',
    # The differential check: arrpy's result against NumPy's.
    "check": '''
class Mismatch(AssertionError):
    pass

def check(got, want, inexact=False, what="result"):
    import numpy
    got_array = numpy.asarray(got)
    want = numpy.asarray(want)
    if want.dtype == numpy.float16 and got_array.dtype == numpy.float32:
        # arrpy has no float16: float32 is its answer; nextafter's answer depends on the precision.
        if what == "nextafter":
            return
        got_array, inexact = got_array.astype(numpy.float16), True
    if got_array.shape != want.shape:
        raise Mismatch(f"{what}: shape; arrpy {got_array.shape}, numpy {want.shape}")
    if got_array.dtype != want.dtype:
        raise Mismatch(f"{what}: dtype arrpy {got_array.dtype}, numpy {want.dtype}; shape {want.shape}")
    if want.dtype.kind in "fc":
        parts = [(got_array.real, want.real), (got_array.imag, want.imag)] if want.dtype.kind == "c" else [(got_array, want)]
        for g, w in parts:
            close = (g == w) | (numpy.isnan(g) & numpy.isnan(w))
            if inexact:
                eps = numpy.finfo(w.dtype).eps
                close |= numpy.abs(g - w) <= 8 * eps * numpy.abs(w)
            zeros = (g == 0) & (w == 0)
            close &= ~zeros | (numpy.signbit(g) == numpy.signbit(w))
            if not close.all():
                raise Mismatch(f"{what}: {w.dtype} values; arrpy {g.tolist()} numpy {w.tolist()}")
    elif not numpy.array_equal(got_array, want):
        raise Mismatch(f"{what}: {want.dtype} values; arrpy {got_array.tolist()} numpy {want.tolist()}")
''',
}
