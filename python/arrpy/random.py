"""``arrpy.random``: NumPy's ``Generator`` API on PCG64, drawing NumPy's own streams.

``default_rng(seed)`` gives the same numbers as ``numpy.random.default_rng(seed)`` for the
methods listed in the README as bit-identical; the bit generators, SeedSequence's hashing and
the draws are arrpy-core's (crates/arrpy-core/src/ops/random). This module parses arguments,
applies NumPy's checks and messages, and builds the classes."""

import operator as _operator
import secrets as _secrets

import arrpy as _xp  # the package (its namespace is complete when a method runs)
from ._arrpy import _Pcg, _seed_generate, _seed_pool
from ._arrpy import asarray as _asarray, broadcast_shapes as _broadcast_shapes

__all__ = [
    "default_rng", "Generator", "BitGenerator", "SeedSequence", "PCG64", "PCG64DXSM",
]

_MASK32 = 0xFFFFFFFF
_JUMP_STEP = 0x9E3779B97F4A7C15F39CC0605CEDC835  # (phi - 1) * 2**128, NumPy's jump size


# ---- SeedSequence -----------------------------------------------------------------------------

def _int_words(n):
    """A non-negative integer as 32-bit words, least significant first (0 is one word)."""
    n = _operator.index(n)
    if n < 0:
        raise ValueError("expected non-negative integer")
    words = [n & _MASK32]
    n >>= 32
    while n:
        words.append(n & _MASK32)
        n >>= 32
    return words


def _entropy_words(x):
    """NumPy's ``_coerce_to_uint32_array``: ints, strings of digits and nested sequences."""
    if isinstance(x, str):
        base = 16 if x.startswith("0x") else 8 if x.startswith("0") and len(x) > 1 else 10
        return _int_words(int(x, base))
    if isinstance(x, float) or getattr(getattr(x, "dtype", None), "kind", "") in "fc" \
            and getattr(x, "ndim", 1) == 0:
        raise TypeError("seed must be integer")
    try:
        return _int_words(x)
    except TypeError:
        pass
    try:
        items = list(x)
    except TypeError:
        raise TypeError(f"SeedSequence expects int or sequence of ints for entropy not {x!r}")
    words = []
    for v in items:
        words.extend(_entropy_words(v))
    return words


class SeedSequence:
    """NumPy's SeedSequence: mixes entropy (and a spawn key) into a pool of 32-bit words and
    hashes seeds for bit generators from it; ``spawn`` gives independent children.

    >>> ap.random.SeedSequence(42).generate_state(2)
    array([3444837047, 2669555309], dtype=uint32)
    """

    def __init__(self, entropy=None, *, spawn_key=(), pool_size=4, n_children_spawned=0):
        if pool_size < 4:
            raise ValueError("The size of the entropy pool should be at least 4")
        if entropy is None:
            entropy = _secrets.randbits(128)
        self.entropy = entropy
        self.spawn_key = tuple(spawn_key)
        self.pool_size = pool_size
        self.n_children_spawned = n_children_spawned
        run = _entropy_words(entropy)
        spawn = _entropy_words(self.spawn_key)
        if spawn and len(run) < pool_size:
            run = run + [0] * (pool_size - len(run))
        self._pool = _seed_pool(run + spawn, pool_size)

    @property
    def pool(self):
        return _asarray(self._pool, dtype="uint32")

    @property
    def state(self):
        return {"entropy": self.entropy, "spawn_key": self.spawn_key,
                "pool_size": self.pool_size, "n_children_spawned": self.n_children_spawned}

    def __repr__(self):
        lines = [f"    entropy={self.entropy!r},"]
        if self.spawn_key:
            lines.append(f"    spawn_key={self.spawn_key!r},")
        if self.pool_size != 4:
            lines.append(f"    pool_size={self.pool_size!r},")
        if self.n_children_spawned:
            lines.append(f"    n_children_spawned={self.n_children_spawned!r},")
        return "SeedSequence(\n" + "\n".join(lines) + "\n)"

    def _words(self, n_words, wide):
        words = _seed_generate(self._pool, 2 * n_words if wide else n_words)
        if wide:
            words = [lo | (hi << 32) for lo, hi in zip(words[::2], words[1::2])]
        return words

    def generate_state(self, n_words, dtype="uint32"):
        """``n_words`` words of seed material as a uint32 or uint64 array.

        >>> ap.random.SeedSequence(42).generate_state(2, dtype="uint64")
        array([11465652750463011511, 15382171918060459190], dtype=uint64)
        """
        name = str(getattr(dtype, "name", dtype) if not isinstance(dtype, type)
                   else dtype.__name__)
        if name not in ("uint32", "uint64"):
            raise ValueError("only support uint32 or uint64")
        n_words = _operator.index(n_words)
        return _asarray(self._words(n_words, name == "uint64"), dtype=name)

    def spawn(self, n_children):
        """``n_children`` child seed sequences, each with its own spawn key.

        >>> [s.spawn_key for s in ap.random.SeedSequence(42).spawn(2)]
        [(0,), (1,)]
        """
        first = self.n_children_spawned
        self.n_children_spawned += n_children
        return [SeedSequence(self.entropy, spawn_key=self.spawn_key + (i,),
                             pool_size=self.pool_size)
                for i in range(first, first + n_children)]


# ---- bit generators ---------------------------------------------------------------------------

class BitGenerator:
    """Base of the bit generators: holds the SeedSequence that seeded it.

    >>> ap.random.PCG64(42).random_raw(2)
    array([14276969152011380360,  8095878257575067585], dtype=uint64)
    """

    _name: str | None = None

    def __init__(self, seed=None):
        self._seed_seq = seed if isinstance(seed, SeedSequence) else SeedSequence(seed)
        s = self._seed_seq._words(4, True)
        self._core = _Pcg(self._name, (s[0] << 64) | s[1], (s[2] << 64) | s[3])

    @property
    def seed_seq(self):
        return self._seed_seq

    def spawn(self, n_children):
        """``n_children`` independent bit generators of this kind, from spawned seed sequences.

        >>> [g.random_raw(1) for g in ap.random.PCG64(42).spawn(2)]
        [array([16910944855483863638], dtype=uint64), array([8623682774590505111], dtype=uint64)]
        """
        return [type(self)(s) for s in self._seed_seq.spawn(n_children)]

    @property
    def state(self):
        state, inc, has_uint32, uinteger = self._core.get_state()
        return {"bit_generator": self._name, "state": {"state": state, "inc": inc},
                "has_uint32": int(has_uint32), "uinteger": uinteger}

    @state.setter
    def state(self, value):
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator") != self._name:
            raise ValueError(f"state must be for a {self._name} RNG")
        s = value["state"]
        self._core.set_state(s["state"] % 2**128, s["inc"] % 2**128,
                             bool(value["has_uint32"]), value["uinteger"] & _MASK32)

    def advance(self, delta):
        """Moves the stream ``delta`` words ahead (mod 2**128) in O(log delta) time.

        >>> bg = ap.random.PCG64(42); _ = bg.advance(1)
        >>> bg.random_raw(1)
        array([8095878257575067585], dtype=uint64)
        >>> ap.random.PCG64(42).random_raw(2)
        array([14276969152011380360,  8095878257575067585], dtype=uint64)
        """
        self._core.advance(_operator.index(delta) % 2**128)
        return self

    def jumped(self, jumps=1):
        """A copy whose stream starts ``jumps`` × (phi - 1)·2**128 words ahead.

        >>> ap.random.PCG64(42).jumped().random_raw(1)
        array([13948710574210763863], dtype=uint64)
        """
        g = type(self)(self._seed_seq)
        g.state = self.state
        g.advance(_JUMP_STEP * _operator.index(jumps))
        return g

    def random_raw(self, size=None, output=True):
        """Raw 64-bit outputs of the generator (one integer, or an array of ``size``).

        >>> ap.random.PCG64(42).random_raw(3)
        array([14276969152011380360,  8095878257575067585, 15838336090824644132],
              dtype=uint64)
        """
        n = 1 if size is None else _prod(_shape(size))
        words = self._core.random_raw(n)
        if not output:
            return None
        return words[0] if size is None else words.reshape(_shape(size))

    def __repr__(self):
        return f"{self._name}() at 0x{id(self):X}"


class PCG64(BitGenerator):
    """O'Neill's PCG64 (128-bit LCG, XSL-RR output): NumPy's default bit generator.

    >>> ap.random.Generator(ap.random.PCG64(42)).integers(10, size=3)
    array([0, 7, 6])
    """
    _name = "PCG64"


class PCG64DXSM(BitGenerator):
    """PCG64 with the DXSM output and the cheap multiplier.

    >>> ap.random.Generator(ap.random.PCG64DXSM(42)).integers(10, size=3)
    array([5, 6, 3])
    """
    _name = "PCG64DXSM"


def _shape(size):
    try:
        return (_operator.index(size),)
    except TypeError:
        return tuple(_operator.index(s) for s in size)


def _prod(shape):
    n = 1
    for s in shape:
        if s < 0:
            raise ValueError("negative dimensions are not allowed")
        n *= s
    return n


def _dtype_name(dtype):
    return _xp.dtype(dtype).name


_INT_BOUNDS = {
    "bool": (0, 1, 1), "int8": (-2**7, 2**7 - 1, 8), "uint8": (0, 2**8 - 1, 8),
    "int16": (-2**15, 2**15 - 1, 16), "uint16": (0, 2**16 - 1, 16),
    "int32": (-2**31, 2**31 - 1, 32), "uint32": (0, 2**32 - 1, 32),
    "int64": (-2**63, 2**63 - 1, 64), "uint64": (0, 2**64 - 1, 64),
}


def _is_scalar(x):
    return getattr(x, "ndim", 0) == 0 and not isinstance(x, (list, tuple))


def _scalar_float(x):
    return float(x[()] if hasattr(x, "ndim") else x)


class Generator:
    """NumPy's Generator: distributions drawn from a bit generator's stream.

    >>> ap.random.Generator(ap.random.PCG64(42)).random(2)
    array([0.77395605, 0.43887844])
    """

    def __init__(self, bit_generator):
        if not isinstance(bit_generator, BitGenerator):
            raise TypeError("Generator requires a BitGenerator (PCG64 or PCG64DXSM)")
        self._bit_generator = bit_generator
        self._core = bit_generator._core

    @property
    def bit_generator(self):
        return self._bit_generator

    def __repr__(self):
        return f"Generator({self._bit_generator._name}) at 0x{id(self):X}"

    def spawn(self, n_children):
        """``n_children`` independent generators, from the bit generator's seed sequence.

        >>> [g.integers(100, size=2) for g in ap.random.default_rng(42).spawn(2)]
        [array([49, 91]), array([ 7, 46])]
        """
        return [Generator(b) for b in self._bit_generator.spawn(n_children)]

    # ---- draws whose stream is NumPy's --------------------------------------------------------

    def _standard(self, kind, size, dtype, out, affine=None):
        name = _dtype_name(dtype)
        if name not in ("float32", "float64"):
            method = {"random": "random", "normal": "standard_normal"}.get(
                kind, "standard_exponential")
            raise TypeError(f"Unsupported dtype dtype('{name}') for {method}")
        if out is not None:
            if size is not None and tuple(out.shape) != _shape(size):
                raise ValueError(f"size must match out.shape when used together: "
                                 f"{_shape(size)} and {tuple(out.shape)}")
            if _dtype_name(out.dtype) != name:
                raise TypeError(f"Supplied output array has the wrong type. Expected "
                                f"{name}, got {out.dtype.name}")
            shape = tuple(out.shape)
        else:
            shape = () if size is None else _shape(size)
            _prod(shape)
        r = self._core.standard(kind, list(shape), name, affine)
        if out is not None:
            _xp.copyto(out, r)
            return out
        return r[()] if size is None else r

    def random(self, size=None, dtype="float64", out=None):
        """Floats uniform on [0, 1) (53 random bits each; 24 for float32).

        >>> ap.random.default_rng(42).random(3)
        array([0.77395605, 0.43887844, 0.85859792])
        """
        return self._standard("random", size, dtype, out)

    def standard_normal(self, size=None, dtype="float64", out=None):
        """Samples from the normal distribution with mean 0 and standard deviation 1.

        >>> ap.random.default_rng(42).standard_normal(3)
        array([ 0.30471708, -1.03998411,  0.7504512 ])
        """
        return self._standard("normal", size, dtype, out)

    def standard_exponential(self, size=None, dtype="float64", method="zig", out=None):
        """Samples from the exponential distribution with mean 1.

        >>> ap.random.default_rng(42).standard_exponential(3)
        array([2.4042086 , 2.33618966, 2.384761  ])
        """
        if method != "zig":  # NumPy takes any other method for "inv"
            return self._standard("exponential_inverse", size, dtype, out)
        return self._standard("exponential", size, dtype, out)

    def _affine(self, kind, loc, scale, size):
        """``loc + scale · x`` for a standard draw x, elementwise over broadcast parameters,
        as NumPy's (one draw per output element in C order)."""
        if _is_scalar(loc) and _is_scalar(scale):
            return self._standard(kind, size, "float64", None,
                                  (_scalar_float(loc), _scalar_float(scale)))
        loc, scale = _asarray(loc, dtype="float64"), _asarray(scale, dtype="float64")
        shape = _broadcast_shapes(loc.shape, scale.shape)
        if size is not None:
            shape = _shape(size)
            _broadcast_shapes(loc.shape, scale.shape, shape)
            if _broadcast_shapes(loc.shape, scale.shape, shape) != shape:
                raise ValueError(f"shape mismatch: objects cannot be broadcast to a single "
                                 f"shape {shape}")
        x = self._standard(kind, shape, "float64", None)
        return loc + scale * x if kind != "exponential" else scale * x

    def normal(self, loc=0.0, scale=1.0, size=None):
        """Samples from the normal distribution with mean ``loc`` and standard deviation ``scale``.

        >>> ap.random.default_rng(42).normal(10.0, 2.0, size=3)
        array([10.60943416,  7.92003179, 11.50090239])
        """
        if _xp.any(_asarray(scale) < 0):
            raise ValueError("scale < 0")
        return self._affine("normal", loc, scale, size)

    def exponential(self, scale=1.0, size=None):
        """Samples from the exponential distribution with mean ``scale``.

        >>> ap.random.default_rng(42).exponential(2.0, size=3)
        array([4.80841721, 4.67237931, 4.769522  ])
        """
        if _xp.any(_asarray(scale) < 0):
            raise ValueError("scale < 0")
        return self._affine("exponential", 0.0, scale, size)

    def uniform(self, low=0.0, high=1.0, size=None):
        """Samples from the uniform distribution on [low, high).

        >>> ap.random.default_rng(42).uniform(-1.0, 1.0, size=3)
        array([ 0.5479121 , -0.12224312,  0.71719584])
        """
        low, high = _asarray(low, dtype="float64"), _asarray(high, dtype="float64")
        span = high - low
        if not _xp.all(_xp.isfinite(span)):
            raise OverflowError("high - low range exceeds valid bounds")
        if low.ndim == 0 and span.ndim == 0:
            low, span = float(low[()]), float(span[()])
        return self._affine("random", low, span, size)

    def integers(self, low, high=None, size=None, dtype="int64", endpoint=False):
        """Integers in [low, high) (or [low, high] with ``endpoint``), by Lemire's method.

        >>> ap.random.default_rng(42).integers(0, 10, size=5)
        array([0, 7, 6, 4, 4])
        """
        if high is None:
            low, high = 0, low
        name = _dtype_name(dtype)
        if name not in _INT_BOUNDS:
            raise TypeError(f"Unsupported dtype dtype('{name}') for integers")
        lo_bound, hi_bound, bits = _INT_BOUNDS[name]
        shape = () if size is None else _shape(size)
        if _is_scalar(low) and _is_scalar(high):
            lo, hi = int(_scalar_int(low)), int(_scalar_int(high)) - (not endpoint)
            _check_bounds(lo, hi, lo_bound, hi_bound, name, endpoint)
            r = self._core.integers(list(shape), name, lo % 2**64, hi - lo)
            return r[()] if size is None else r
        low_a, high_a = _asarray(low), _asarray(high)
        out_shape = _broadcast_shapes(low_a.shape, high_a.shape, *([shape] if size else []))
        los = [int(v) for v in _xp.broadcast_to(low_a, out_shape).reshape(-1).tolist()]
        his = [int(v) - (not endpoint)
               for v in _xp.broadcast_to(high_a, out_shape).reshape(-1).tolist()]
        for lo, hi in zip(los, his):
            _check_bounds(lo, hi, lo_bound, hi_bound, name, endpoint, array=True)
        vals = self._core.integers_each(bits, [lo % 2**64 for lo in los],
                                        [hi - lo for lo, hi in zip(los, his)])
        if lo_bound < 0:
            vals = [v - 2**bits if v >= 2**(bits - 1) else v for v in
                    (v % 2**bits for v in vals)]
        return _asarray(vals, dtype=name).reshape(out_shape)

    def bytes(self, length):
        """``length`` random bytes (from 32-bit integers, as NumPy).

        >>> ap.random.default_rng(42).bytes(6)
        b'\\x88&\\xd9\\x16\\xcd\\xfb'
        """
        n = (_operator.index(length) - 1) // 4 + 1
        words = self.integers(0, 2**32, size=n, dtype="uint32").tolist()
        return b"".join(w.to_bytes(4, "little") for w in words)[:length]

    def shuffle(self, x, axis=0):
        """Shuffles ``x`` in place along ``axis`` (NumPy's Fisher–Yates swap sequence).

        >>> x = ap.arange(5); ap.random.default_rng(42).shuffle(x)
        >>> x
        array([4, 2, 3, 1, 0])
        """
        if not hasattr(x, "shape"):  # a mutable sequence (a list)
            if axis != 0:
                raise NotImplementedError("Axis argument is only supported on ndarray objects")
            items = list(x)
            x[:] = [items[i] for i in self._core.shuffled_order(len(items)).tolist()]
            return
        if x.ndim == 0:
            raise TypeError("shuffle expects an array with at least one dimension")
        axis = _axis(axis, x.ndim)
        order = self._core.shuffled_order(x.shape[axis])
        moved = _xp.moveaxis(x, axis, 0)
        moved[...] = moved[order]

    def permutation(self, x, axis=0):
        """A shuffled copy of ``x`` (``arange(x)`` for an integer).

        >>> ap.random.default_rng(42).permutation(5)
        array([4, 2, 3, 1, 0])
        """
        if _is_int(x):
            return self._core.shuffled_order(_operator.index(x))
        arr = _asarray(x)
        axis = _axis(axis, arr.ndim)
        order = self._core.shuffled_order(arr.shape[axis])
        return _xp.take(arr, order, axis=axis)

    def permuted(self, x, *, axis=None, out=None):
        """Each 1-d slice along ``axis`` shuffled independently (all of ``x`` when None).

        >>> ap.random.default_rng(42).permuted(ap.asarray([[1, 2, 3], [4, 5, 6]]), axis=1)
        array([[3, 2, 1],
               [4, 6, 5]])
        """
        x = _asarray(x)
        y = _xp.array(x, copy=True) if out is None else out
        if out is not None:
            _xp.copyto(out, x)
        if axis is None:
            flat = y.reshape(-1) if y.flags.c_contiguous else _xp.array(y).reshape(-1)
            flat[...] = flat[self._core.shuffled_order(flat.size)]
            if not y.flags.c_contiguous:
                y[...] = flat.reshape(y.shape)
            return y
        moved = _xp.moveaxis(y, _axis(axis, y.ndim), -1)
        for idx in _ndindex(moved.shape[:-1]):
            lane = moved[idx]
            lane[...] = lane[self._core.shuffled_order(moved.shape[-1])]
        return y

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        """Samples from ``a`` (or ``arange(a)``), uniformly or with weights ``p``.

        >>> ap.random.default_rng(42).choice(5, size=3, replace=False)
        array([4, 0, 3])
        """
        if _is_int(a):
            pop = _operator.index(a)
            arr = None
        else:
            arr = _asarray(a)
            if arr.ndim == 0:
                raise ValueError("a must be a sequence or an integer, not 0-d")
            pop = arr.shape[_axis(axis, arr.ndim)]
        shape = () if size is None else _shape(size)
        n = _prod(shape)
        if pop <= 0 and n != 0:
            raise ValueError("a must be a positive integer unless no samples are taken"
                             if arr is None else "a cannot be empty unless no samples are taken")
        if p is not None:
            p = _asarray(p, dtype="float64")
            if p.ndim != 1:
                raise ValueError("p must be 1-dimensional")
            if p.size != pop:
                raise ValueError("a and p must have same size")
            if _xp.any(_xp.isnan(p)):
                raise ValueError("probabilities contain NaN")
            if _xp.any(p < 0):
                raise ValueError("probabilities are not non-negative")
            if abs(float(_xp.sum(p)) - 1.0) > 1.4901161193847656e-08:
                raise ValueError("probabilities do not sum to 1")
        if replace:
            if p is not None:
                cdf = _xp.cumsum(p)
                cdf /= cdf[-1]
                idx = _xp.searchsorted(cdf, self.random(shape), side="right").astype("int64")
            else:
                idx = self.integers(0, pop, size=shape)
        else:
            if n > pop:
                raise ValueError("Cannot take a larger sample than population when "
                                 "replace=False")
            if p is not None:
                idx = self._choice_weighted_unique(p, n, shape)
            else:
                idx = self._core.choice_without_replacement(pop, n, bool(shuffle)).reshape(shape)
        if size is None:
            idx = int(idx[()]) if hasattr(idx, "ndim") else int(idx)
            if arr is None:
                return idx
            return _xp.take(arr, idx, axis=axis)
        return idx if arr is None else _xp.take(arr, idx, axis=axis)

    # ---- the other distributions (NumPy's algorithms step for step: bit-identical too) ---------

    def _draw(self, name, size, params, checks, single=False):
        """One draw of ``name`` per element of the broadcast shape (or ``size``), after
        NumPy's parameter checks: ``checks`` pairs a parameter index with a test that is True
        where the parameter is bad, and the message (scalar form, array form)."""
        arrays = [_asarray(p) for p in params]
        for k, bad, messages in checks:
            if _xp.any(bad(arrays[k])):
                raise ValueError(messages[0] if arrays[k].ndim == 0 else messages[-1])
        shapes = [a.shape for a in arrays]
        if size is None:
            shape = _broadcast_shapes(*shapes)
        else:
            shape = _shape(size)
            _prod(shape)
            if _broadcast_shapes(*shapes, shape) != shape:
                raise ValueError(f"shape mismatch: objects cannot be broadcast to a single "
                                 f"shape {shape}")
        r = self._core.distribution(name, list(shape), arrays, single)
        return r[()] if size is None and not shape else r

    def standard_gamma(self, shape, size=None, dtype="float64", out=None):
        """Samples from the Gamma distribution with ``shape`` and scale 1.

        >>> ap.random.default_rng(42).standard_gamma(0.5, size=3)
        array([0.80450015, 1.28029297, 0.00886937])
        """
        name = _dtype_name(dtype)
        if name not in ("float32", "float64"):
            raise TypeError(f"Unsupported dtype dtype('{name}') for standard_gamma")
        r = self._draw("standard_gamma", size if out is None else tuple(out.shape), [shape],
                       [(0, _negative, ("shape < 0",))], single=name == "float32")
        if out is not None:
            _xp.copyto(out, r)
            return out
        return r

    def gamma(self, shape, scale=1.0, size=None):
        """Samples from the Gamma distribution with ``shape`` and ``scale``.

        >>> ap.random.default_rng(42).gamma(2.0, 1.0, size=3)
        array([2.09181727, 2.83534559, 1.83721558])
        """
        return self._draw("gamma", size, [shape, scale],
                          [(0, _negative, ("shape < 0",)), (1, _negative, ("scale < 0",))])

    def beta(self, a, b, size=None):
        """Samples from the Beta(a, b) distribution.

        >>> ap.random.default_rng(42).beta(2.0, 3.0, size=3)
        array([0.33841184, 0.41040973, 0.52590011])
        """
        return self._draw("beta", size, [a, b],
                          [(0, _not_positive, ("a <= 0",)), (1, _not_positive, ("b <= 0",))])

    def chisquare(self, df, size=None):
        """Samples from the chi-square distribution with ``df`` degrees of freedom.

        >>> ap.random.default_rng(42).chisquare(2.0, size=3)
        array([4.80841721, 4.67237931, 4.769522  ])
        """
        return self._draw("chisquare", size, [df], [(0, _not_positive, ("df <= 0",))])

    def lognormal(self, mean=0.0, sigma=1.0, size=None):
        """Samples whose logarithm is normal with ``mean`` and ``sigma``.

        >>> ap.random.default_rng(42).lognormal(0.0, 1.0, size=3)
        array([1.35624124, 0.3534603 , 2.11795541])
        """
        return self._draw("lognormal", size, [mean, sigma], [(1, _negative, ("sigma < 0",))])

    def laplace(self, loc=0.0, scale=1.0, size=None):
        """Samples from the Laplace (double exponential) distribution.

        >>> ap.random.default_rng(42).laplace(0.0, 1.0, size=3)
        array([ 0.79387864, -0.13038563,  1.26300063])
        """
        return self._draw("laplace", size, [loc, scale], [(1, _negative, ("scale < 0",))])

    def logistic(self, loc=0.0, scale=1.0, size=None):
        """Samples from the logistic distribution.

        >>> ap.random.default_rng(42).logistic(0.0, 1.0, size=3)
        array([ 1.23078563, -0.24571509,  1.80369327])
        """
        return self._draw("logistic", size, [loc, scale], [(1, _negative, ("scale < 0",))])

    def poisson(self, lam=1.0, size=None):
        """Samples from the Poisson distribution with rate ``lam``.

        >>> ap.random.default_rng(42).poisson(3.0, size=5)
        array([4, 4, 5, 1, 7])
        """
        bad = (0, lambda v: (v < 0) | _xp.isnan(v),
               ("lam < 0 or lam is NaN", "lam < 0 or lam contains NaNs"))
        if _asarray(lam).ndim == 0:
            large = (0, lambda v: v > _POISSON_LAM_MAX, ("lam value too large",))
            return self._draw("poisson", size, [lam], [bad, large])
        # NumPy checks arrays against the bound first, and a NaN fails it.
        large = (0, lambda v: ~(v <= _POISSON_LAM_MAX), ("lam value too large",))
        return self._draw("poisson", size, [lam], [large, bad])

    def binomial(self, n, p, size=None):
        """Samples from the binomial distribution: successes in ``n`` trials of probability ``p``.

        >>> ap.random.default_rng(42).binomial(10, 0.5, size=5)
        array([6, 5, 7, 6, 3])
        """
        n = _asarray(n)
        if n.dtype.kind == "f":
            n = n.astype("int64")
        return self._draw("binomial", size, [n, p], [
            (0, lambda v: v < 0, ("n < 0",)),
            (1, lambda v: (v < 0) | (v > 1) | _xp.isnan(v), ("p < 0, p > 1 or p is NaN",))])

    def geometric(self, p, size=None):
        """Samples of the number of trials up to the first success, of probability ``p``.

        >>> ap.random.default_rng(42).geometric(0.3, size=5)
        array([7, 7, 7, 1, 1])
        """
        return self._draw("geometric", size, [p], [
            (0, lambda v: (v <= 0) | (v > 1) | _xp.isnan(v),
             ("p <= 0, p > 1 or p contains NaNs",))])

    def dirichlet(self, alpha, size=None):
        """Samples from the Dirichlet distribution with concentrations ``alpha``.

        >>> ap.random.default_rng(42).dirichlet([1.0, 1.0, 1.0])
        array([0.33742524, 0.32787894, 0.33469582])
        """
        alpha = _asarray(alpha, dtype="float64")
        if alpha.ndim != 1:
            raise ValueError(f"alpha must be 1-dimensional, not {alpha.ndim}-dimensional")
        if _xp.any(alpha < 0):
            raise ValueError("alpha < 0")
        shape = () if size is None else _shape(size)
        rows = self._core.dirichlet([float(v) for v in alpha.tolist()], _prod(shape))
        return rows.reshape(shape + (alpha.shape[0],))

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8, *,
                            method="svd"):
        """Draws of N(mean, cov): standard normals times a factor of ``cov`` (SVD, eigh or
        Cholesky), as NumPy; statistically equivalent to NumPy's (its factors are LAPACK's).

        >>> rng = ap.random.default_rng(42)
        >>> rng.multivariate_normal([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]], size=2)
        array([[ 0.30471708, -1.03998411],
               [ 0.7504512 ,  0.94056472]])
        """
        import warnings
        mean, cov = _asarray(mean, dtype="float64"), _asarray(cov, dtype="float64")
        shape = [] if size is None else list(_shape(size))
        if mean.ndim != 1:
            raise ValueError("mean must be 1 dimensional")
        if cov.ndim != 2 or cov.shape[0] != cov.shape[1]:
            raise ValueError("cov must be 2 dimensional and square")
        if mean.shape[0] != cov.shape[0]:
            raise ValueError("mean and cov must have same length")
        if check_valid not in ("warn", "raise", "ignore"):
            raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
        final = shape + [mean.shape[0]]
        x = self.standard_normal(final).reshape(-1, mean.shape[0])
        if method == "svd":
            _, s, vh = _xp.linalg.svd(cov)
            psd = bool(_xp.allclose((vh.T * s) @ vh, cov, rtol=tol, atol=tol))
            factor = _xp.sqrt(s)[:, None] * vh
        elif method == "eigh":
            s, u = _xp.linalg.eigh(cov)
            psd = not bool(_xp.any(s < -tol))
            factor = (u * _xp.sqrt(_xp.abs(s))).T
        elif method == "cholesky":
            psd, factor = True, _xp.linalg.cholesky(cov).T
        else:
            raise ValueError("method must be one of {'svd', 'eigh', 'cholesky'}")
        if not psd and check_valid != "ignore":
            if check_valid == "raise":
                raise ValueError("covariance is not symmetric positive-semidefinite.")
            warnings.warn("covariance is not symmetric positive-semidefinite.",
                          RuntimeWarning, stacklevel=2)
        return (x @ factor + mean).reshape(final)

    def _choice_weighted_unique(self, p, n, shape):
        if int(_xp.count_nonzero(p > 0)) < n:
            raise ValueError("Fewer non-zero entries in p than size")
        p = _xp.array(p, copy=True)
        found = []
        while len(found) < n:
            x = self.random((n - len(found),))
            if found:
                p[_asarray(found, dtype="int64")] = 0
            cdf = _xp.cumsum(p)
            cdf /= cdf[-1]
            new = _xp.searchsorted(cdf, x, side="right").tolist()
            seen, fresh = set(found), []
            for v in new:  # first occurrences, in order of first appearance by position
                if v not in seen:
                    seen.add(v)
                    fresh.append(v)
            found.extend(fresh)
        return _asarray(found, dtype="int64").reshape(shape)


_POISSON_LAM_MAX = 9.223372006484771e18  # int64's max minus 10 standard deviations, as NumPy


def _negative(v):
    return v < 0


def _not_positive(v):
    return v <= 0


def _scalar_int(x):
    if isinstance(x, float):
        if x != int(x):
            raise TypeError(f"Unsupported bound {x!r}: integers() takes integer bounds")
        return int(x)
    return _operator.index(x[()] if hasattr(x, "ndim") else x)


def _is_int(x):
    try:
        _operator.index(x)
    except TypeError:
        return False
    return getattr(x, "ndim", 0) == 0


def _check_bounds(lo, hi, lo_bound, hi_bound, name, endpoint, array=False):
    if lo < lo_bound:
        raise ValueError(f"low is out of bounds for {name}")
    if hi > hi_bound:
        raise ValueError(f"high is out of bounds for {name}")
    if lo > hi:
        if lo == 0 and not array:
            raise ValueError("high < 0" if endpoint else "high <= 0")
        raise ValueError("low > high" if endpoint else "low >= high")


def _axis(axis, ndim):
    """``axis`` made non-negative, or NumPy's AxisError."""
    axis = _operator.index(axis)
    if not -ndim <= axis < ndim:
        raise _xp.AxisError(f"axis {axis} is out of bounds for array of dimension {ndim}")
    return axis % ndim


def _ndindex(shape):
    if not shape:
        yield ()
        return
    for i in range(shape[0]):
        for rest in _ndindex(shape[1:]):
            yield (i,) + rest


def default_rng(seed=None):
    """A Generator on PCG64 seeded by ``seed`` (an int, sequence, SeedSequence, bit
    generator or Generator).

    >>> rng = ap.random.default_rng(42)
    >>> rng.integers(0, 100, size=4)
    array([ 8, 77, 65, 43])
    >>> rng.random(2)
    array([0.85859792, 0.69736803])
    """
    if isinstance(seed, Generator):
        return seed
    if isinstance(seed, BitGenerator):
        return Generator(seed)
    return Generator(PCG64(seed))
