"""One fuzz call as a program: generated from (seed, index), run by the worker, printed as a
standalone reproducer."""

import random
import re

from .calls import FAMILIES, WEIGHTS
from .differential import DIFFERENTIAL, DIFFERENTIAL_WEIGHTS
from .helpers import HELPERS
from .values import TIERS, Ctx

ALL_FAMILIES = {**FAMILIES, **DIFFERENTIAL}
ALL_WEIGHTS = {**WEIGHTS, **DIFFERENTIAL_WEIGHTS}
PRELUDE = "import numpy as np\nimport arrpy as ap\n"
_HELPER_USE = {name: re.compile(rf"\b{name}\(") for name in HELPERS}


class Program:
    """The statements of one call: the tier, the setup and, last, the call itself."""

    def __init__(self, seed, index, family, lines):
        self.seed, self.index, self.family, self.lines = seed, index, family, lines

    @property
    def body(self):
        """The program as run by the worker (in a namespace holding every helper)."""
        return "\n".join(self.lines) + "\n"

    @property
    def helpers(self):
        return helpers_used(self.body)

    def with_lines(self, lines):
        return Program(self.seed, self.index, self.family, lines)

    def script(self, note=""):
        """A standalone script: imports, the helpers this call uses, the setup and the call."""
        header = f"# arrpy fuzz reproducer: seed {self.seed}, call {self.index}, family {self.family}\n"
        if note:
            header += "".join(f"# {line}\n" for line in note.splitlines())
        helpers = "".join(HELPERS[name] for name in HELPERS if name in self.helpers)
        return header + PRELUDE + helpers + "\n" + self.body


def helpers_used(text):
    used = {name for name, pattern in _HELPER_USE.items() if pattern.search(text)}
    if "iface_of" in used:
        used.add("Iface")
    return used


def choose_family(rng, families):
    total = sum(ALL_WEIGHTS[f] for f in families)
    r = rng.random() * total
    for f in families:
        r -= ALL_WEIGHTS[f]
        if r < 0:
            return f
    return families[-1]


def generate(seed, index, families=tuple(FAMILIES), avoid=frozenset()):
    """The program of call `index` of a run with `seed` (the same inputs give the same program)."""
    rng = random.Random(f"{seed}:{index}")
    family = choose_family(rng, list(families))
    ctx = Ctx(rng, avoid)
    tier = ctx.pick(TIERS)
    call = ALL_FAMILIES[family](ctx)
    return Program(seed, index, family, [f"ap.set_backend({tier!r})"] + ctx.lines + [call])
