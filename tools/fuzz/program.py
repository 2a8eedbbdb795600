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
    def __init__(self, seed, index, family, tier, helpers, lines):
        self.seed, self.index, self.family, self.tier = seed, index, family, tier
        self.helpers, self.lines = helpers, lines

    @property
    def body(self):
        """The setup and the call, as run by the worker (in a namespace holding every helper)."""
        return "\n".join([f"ap.set_backend({self.tier!r})"] + self.lines) + "\n"

    def script(self, note=""):
        """A standalone script: imports, the helpers this call uses, the setup and the call."""
        header = f"# arrpy fuzz reproducer: seed {self.seed}, call {self.index}, family {self.family}\n"
        if note:
            header += "".join(f"# {line}\n" for line in note.splitlines())
        helpers = "".join(HELPERS[name] for name in HELPERS if name in self.helpers)
        return header + PRELUDE + helpers + "\n" + self.body


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
    lines = ctx.lines + [call]
    text = "\n".join(lines)
    helpers = set(ctx.helpers)
    for name, pattern in _HELPER_USE.items():
        if pattern.search(text):
            helpers.add(name)
    if "iface_of" in helpers:
        helpers.add("Iface")
    return Program(seed, index, family, tier, helpers, lines)
