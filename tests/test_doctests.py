"""The examples in arrpy's docstrings run as doctests (``ap`` is arrpy), and every public function
of the namespaces (arrpy, arrpy.linalg, arrpy.fft, arrpy.random), class and method has one, but
for the names in ``NO_EXAMPLE_YET`` (empty now: a new function comes with its example)."""

import doctest
import inspect

import pytest

import arrpy as ap

NAMESPACES = {"ap": ap, "ap.linalg": ap.linalg, "ap.fft": ap.fft, "ap.random": ap.random}


def _public(namespace):
    names = getattr(namespace, "__all__", None) or dir(namespace)
    for name in sorted(set(names)):
        obj = getattr(namespace, name, None)
        if not name.startswith("_") and callable(obj) and not inspect.ismodule(obj):
            yield name, obj


def _documented_objects():
    """(qualified name, object) for every public callable, classes' public methods included."""
    seen = set()
    for prefix, namespace in NAMESPACES.items():
        for name, obj in _public(namespace):
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            yield f"{prefix}.{name}", obj
            if inspect.isclass(obj):
                for member, value in sorted(vars(obj).items()):
                    if not member.startswith("_") and callable(value) and id(value) not in seen:
                        seen.add(id(value))
                        yield f"{prefix}.{name}.{member}", value


def _doctests():
    finder = doctest.DocTestFinder(exclude_empty=True, recurse=False)
    for qualname, obj in _documented_objects():
        for test in finder.find(obj, qualname, module=False, globs={"ap": ap}):
            if test.examples:
                yield test


DOCTESTS = sorted(_doctests(), key=lambda t: t.name)


@pytest.mark.parametrize("test", DOCTESTS, ids=[t.name for t in DOCTESTS])
def test_example_runs(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    lines = []
    runner.run(test, out=lines.append)
    assert runner.failures == 0, "".join(lines)


def test_every_public_function_has_an_example():
    missing = {q for q, obj in _documented_objects() if ">>>" not in (obj.__doc__ or "")}
    assert missing <= NO_EXAMPLE_YET, f"functions without an example: {sorted(missing - NO_EXAMPLE_YET)}"
    stale = NO_EXAMPLE_YET - missing
    assert not stale, f"these have examples now; drop them from NO_EXAMPLE_YET: {sorted(stale)}"


@pytest.mark.parametrize("function, signature", [
    (ap.add, "(x1, x2, /, out=None)"),  # a Python function made from the op table
    (ap.sort, "(a, /, axis=-1, kind=None, order=None, *, stable=None, descending=False)"),
    (ap.zeros, "(shape, dtype=None, *, device=None)"),  # PyO3's __text_signature__
    (ap.ndarray.sort, "(self, /, axis=-1, kind=None, order=None, *, stable=None, descending=False)"),
])
def test_help_shows_the_signature(function, signature):
    assert str(inspect.signature(function)) == signature


# Every public function has its example now; a name here would be one still without it.
NO_EXAMPLE_YET: set[str] = set()
