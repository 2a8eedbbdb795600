"""Runs fuzz calls in this process and reports each on a pipe, for the driver (run.py).

Protocol, one line per event on the file descriptor given by --fd:
    S <index>                       the call starts
    E <index> <outcome> <message>   it ended: ok, panic, borrow, systemerror or mismatch
A call that kills the process leaves an S without its E; one that hangs leaves the S standing.
"""

import argparse
import faulthandler
import os
import resource
import warnings

# Rust panics reach Python as pyo3's PanicException (a BaseException, not an Exception).
# A differential family's check raises Mismatch.
FINDING_NAMES = {"PanicException": "panic", "Mismatch": "mismatch"}


def classify(error):
    """The outcome of a call that raised `error`: most exceptions are expected ("ok")."""
    name = FINDING_NAMES.get(type(error).__name__)
    if name:
        return name
    if isinstance(error, RuntimeError) and "borrow" in str(error).lower():
        return "borrow"
    if isinstance(error, SystemError):
        return "systemerror"
    if isinstance(error, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        return "panic"  # nothing generated raises these; a binding that does is broken
    return "ok"


def base_namespace():
    import numpy as np
    import arrpy as ap
    from .helpers import HELPERS

    namespace = {"np": np, "ap": ap, "__name__": "__fuzz__"}
    for source in HELPERS.values():
        exec(source, namespace)
    return namespace


def run(args):
    from .program import generate
    import arrpy as ap

    families = args.families.split(",")
    avoid = frozenset(filter(None, args.avoid.split(",")))
    if args.indices:
        indices = [int(i) for i in args.indices.split(",")]
    else:
        indices = range(args.start, args.start + args.count)
    namespace = base_namespace()
    threads = ap.get_num_threads()
    report = os.fdopen(args.fd, "w", buffering=1)
    for index in indices:
        program = generate(args.seed, index, families, avoid)
        report.write(f"S {index}\n")
        outcome, message = "ok", ""
        try:
            exec(compile(program.body, f"<fuzz {index}>", "exec"), dict(namespace))
        except BaseException as error:  # noqa: B036  (PanicException is a BaseException)
            outcome = classify(error)
            if outcome != "ok":
                message = f"{type(error).__name__}: {error}"[:300].replace("\n", " ")
        if "set_num_threads" in program.body:
            ap.set_num_threads(threads)
        report.write(f"E {index} {outcome} {message}\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--indices", default="")
    parser.add_argument("--families", required=True)
    parser.add_argument("--avoid", default="")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--memory-gib", type=float, default=2.0)
    args = parser.parse_args(argv)
    faulthandler.enable()  # a segfault prints the Python line it happened on to stderr
    warnings.simplefilter("ignore")
    import numpy  # noqa: F401  (imported before the limit: its thread pools reserve memory)
    import arrpy  # noqa: F401
    limit = int(args.memory_gib * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    run(args)


if __name__ == "__main__":
    main()
