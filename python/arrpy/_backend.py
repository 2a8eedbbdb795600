"""Backend (tier) selection and the status table, generated from the Rust op registry."""

import contextlib

from . import _arrpy

TIERS = ("reference", "simd", "parallel")


@contextlib.contextmanager
def backend(name):
    """``with arrpy.backend('simd'):`` runs the block at another tier, then restores the old one.

    >>> with ap.backend("reference"): print(ap.get_backend())
    reference
    """
    previous = _arrpy.get_backend()
    _arrpy.set_backend(name)
    try:
        yield
    finally:
        _arrpy.set_backend(previous)


def get_backend_capabilities():
    """{op name: {"family": ..., tier: "native" | "fallback:<tier>"}} from the kernel registry.

    >>> ap.get_backend_capabilities()["add"]["family"]
    'arithmetic'
    """
    return {row["name"]: {k: v for k, v in row.items() if k != "name"} for row in _arrpy._registry()}


def check_backend_has_operation(op, backend=None):
    """Whether ``op`` has a native kernel at ``backend`` (default: the current one).

    >>> ap.check_backend_has_operation("add", "reference")
    True
    """
    caps = get_backend_capabilities()
    if op not in caps:
        return False
    return caps[op][backend or _arrpy.get_backend()] == "native"


def get_available_backends_for_operation(op):
    """The tiers at which ``op`` has a native kernel.

    >>> ap.get_available_backends_for_operation("add")
    ['reference', 'simd', 'parallel']
    """
    caps = get_backend_capabilities().get(op)
    return [t for t in TIERS if caps and caps[t] == "native"]


def show_backend_status():
    """Prints the op × tier table (native or the tier an op falls back to).

    >>> ap.show_backend_status()
    backend: ...
    op family reference simd parallel
    add arithmetic ...
    ...
    """
    caps = get_backend_capabilities()
    width = max(len(n) for n in caps) + 2
    print(f"backend: {_arrpy.get_backend()}   simd: {_arrpy._simd_level()}   threads: {_arrpy.get_num_threads()}")
    print("op".ljust(width) + "family".ljust(14) + "".join(t.ljust(22) for t in TIERS))
    for name, row in caps.items():
        print(name.ljust(width) + row["family"].ljust(14) + "".join(row[t].ljust(22) for t in TIERS))
