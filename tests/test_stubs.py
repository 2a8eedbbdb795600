"""The type stubs against the runtime: _arrpy.pyi names exactly what the compiled module exports,
_elementwise.pyi and _reductions.pyi are what `python -m tools.gen_stubs` writes from the op
table and the reductions' table today, and every
stubbed function or method whose runtime signature can be read (Python functions, and PyO3
functions with a `__text_signature__`) has the runtime's parameter names, kinds and defaults."""

import ast
import inspect
import pathlib
import sys

import pytest

import arrpy._arrpy as ext
from arrpy import _elementwise, _reductions

ROOT = pathlib.Path(__file__).parents[1]
PACKAGE = ROOT / "python" / "arrpy"
STUB = PACKAGE / "_arrpy.pyi"
STUBS = {"_arrpy.pyi": ext, "_elementwise.pyi": _elementwise, "_reductions.pyi": _reductions}


def _stub_names():
    tree = ast.parse(STUB.read_text())
    top, methods = set(), set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            top.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            top.add(node.target.id)
        if isinstance(node, ast.ClassDef) and node.name == "ndarray":
            methods = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
    return {n for n in top if not n.startswith("_") or n.startswith("_") and hasattr(ext, n)}, methods


def test_stub_covers_module():
    top, _ = _stub_names()
    exported = {n for n in dir(ext) if not n.startswith("__")}
    assert exported <= top, f"missing from the stub: {sorted(exported - top)}"
    assert {n for n in top if not n.startswith("_")} <= exported, "stub names that do not exist"


def test_stub_covers_ndarray_methods():
    _, methods = _stub_names()
    public = {n for n in dir(ext.ndarray) if not n.startswith("_")}
    assert public <= methods, f"ndarray members missing from the stub: {sorted(public - methods)}"
    assert {m for m in methods if not m.startswith("_")} <= public


@pytest.mark.parametrize("module", ["_elementwise", "_reductions"])
def test_generated_stubs_match_the_tables(module):
    sys.path.insert(0, str(ROOT))
    try:
        from tools import gen_stubs
    finally:
        sys.path.remove(str(ROOT))
    committed = (PACKAGE / f"{module}.pyi").read_text()
    assert gen_stubs.render(module) == committed, "stale stub: run python -m tools.gen_stubs"


def test_elementwise_stub_lists_every_table_op_and_alias():
    """Independent of the generator: each binary/unary table op, and each alias, is stubbed with
    the arity of its table (two operands or one) and exported."""
    tree = ast.parse((PACKAGE / "_elementwise.pyi").read_text())
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    aliases = {t.id: n.value.id for n in tree.body if isinstance(n, ast.Assign)
               for t in n.targets if isinstance(n.value, ast.Name)}
    exported = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                    and n.targets[0].id == "__all__")
    rows = [r for r in ext._registry() if r["arity"] is not None]
    assert len(rows) > 60
    for row in rows:
        node = defs[row["name"]]
        assert [a.arg for a in node.args.posonlyargs] == (["x1", "x2"] if row["arity"] == 2 else ["x"])
        assert [a.arg for a in node.args.args] == ["out"]
        for alias in row["aliases"]:
            assert aliases[alias] == row["name"]
        assert {row["name"], *row["aliases"]} <= set(exported)
    assert set(exported) == set(_elementwise.__all__)


# Each reduction signature class's parameters: (positional-only, positional-or-keyword,
# keyword-only), written out here independently of the generator and the makers.
REDUCTION_PARAMS = {
    "axes": (["x"], ["axis", "out", "keepdims"], []),
    "axes_dtype": (["x"], ["axis", "dtype", "out", "keepdims"], []),
    "moments": (["x"], ["axis", "dtype", "out", "ddof", "keepdims"], ["correction"]),
    "arg": (["x"], ["axis", "out"], ["keepdims"]),
    "cumulative": (["x"], ["axis", "dtype", "out"], []),
    "api_cumulative": (["x"], [], ["axis", "dtype", "out", "include_initial"]),
    "count": (["x"], ["axis"], ["keepdims"]),
}


def test_reductions_stub_lists_every_table_reduction_and_alias():
    """Each reduction of the table is stubbed with its signature class's parameters and exported
    under its name and aliases, and calls of the stubbed names reach the table's row."""
    tree = ast.parse((PACKAGE / "_reductions.pyi").read_text())
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    aliases = {t.id: n.value.id for n in tree.body if isinstance(n, ast.Assign)
               for t in n.targets if isinstance(n.value, ast.Name)}
    rows = [r for r in ext._registry() if r["signature"] is not None]
    assert {"sum", "var", "argmax", "nanvar", "nanargmin", "nancumsum", "cumulative_sum"} <= {
        r["name"] for r in rows}
    for row in rows:
        a = defs[row["name"]].args
        got = ([p.arg for p in a.posonlyargs], [p.arg for p in a.args], [p.arg for p in a.kwonlyargs])
        assert got == REDUCTION_PARAMS[row["signature"]], row["name"]
        for alias in row["aliases"]:
            assert aliases[alias] == row["name"]
    assert set(_reductions.__all__) == {n for r in rows for n in [r["name"], *r["aliases"]]}


# ---- signatures ----

def _stub_params(node, method):
    """[(name, kind, has default)] of a stub function; a method's self/cls is dropped."""
    a = node.args
    positional = [(p, inspect.Parameter.POSITIONAL_ONLY) for p in a.posonlyargs]
    positional += [(p, inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in a.args]
    first_default = len(positional) - len(a.defaults)
    params = [(p.arg, kind, i >= first_default) for i, (p, kind) in enumerate(positional)]
    if a.vararg:
        params.append((a.vararg.arg, inspect.Parameter.VAR_POSITIONAL, False))
    params += [(p.arg, inspect.Parameter.KEYWORD_ONLY, d is not None)
               for p, d in zip(a.kwonlyargs, a.kw_defaults)]
    if a.kwarg:
        params.append((a.kwarg.arg, inspect.Parameter.VAR_KEYWORD, False))
    return params[1:] if method else params


def _runtime_params(obj, method):
    if isinstance(obj, classmethod):
        obj = obj.__func__  # its first parameter is the class, dropped below as a method's self
    try:
        sig = inspect.signature(obj)
    except (ValueError, TypeError):
        return None  # no __text_signature__: nothing to compare
    params = [(p.name, p.kind, p.default is not p.empty) for p in sig.parameters.values()]
    if method and not isinstance(obj, (staticmethod, classmethod)):
        params = params[1:]
    return params


def _is_property(node):
    return any(isinstance(d, ast.Attribute) or getattr(d, "id", None) == "property"
               for d in node.decorator_list)


def _stubbed_functions():
    """(label, stub parameters, runtime object or None, whether a method) for every function and
    method in the stubs."""
    for filename, module in STUBS.items():
        for node in ast.parse((PACKAGE / filename).read_text()).body:
            if isinstance(node, ast.FunctionDef):
                yield f"{filename}:{node.name}", _stub_params(node, False), getattr(module, node.name, None), False
            elif isinstance(node, ast.ClassDef):
                cls = getattr(module, node.name, None)
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and not _is_property(item):
                        if item.name == "__new__":
                            runtime, method = cls, False  # the class's signature is __new__'s
                        else:
                            runtime, method = cls.__dict__.get(item.name), True
                        yield (f"{filename}:{node.name}.{item.name}", _stub_params(item, True),
                               runtime, method)


CASES = list(_stubbed_functions())


@pytest.mark.parametrize("label,stub,runtime,method", CASES, ids=[c[0] for c in CASES])
def test_stub_signature_matches_runtime(label, stub, runtime, method):
    if runtime is None:
        pytest.skip("not at runtime (the names are checked above)")
    actual = _runtime_params(runtime, method)
    if actual is None:
        pytest.skip("no introspectable signature")
    assert stub == actual, f"{label}: stub {stub} != runtime {actual}"


def test_most_signatures_are_checked():
    """Every PyO3 function and method carries a `__text_signature__` today, so the comparison
    above runs for all of them; one without would be skipped there, and is caught here."""
    unreadable = sorted(label for label, _, runtime, method in CASES
                        if runtime is not None and _runtime_params(runtime, method) is None)
    assert unreadable == [], unreadable


# ---- mypy: stubtest over the package, and a user's program through the stubs ----

TYPING = ROOT / "tests" / "typing"


def _mypy(*args):
    pytest.importorskip("mypy")
    import subprocess
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


def test_stubtest_finds_the_stubs_true_to_the_runtime():
    # Names, kinds, defaults and classes of every stubbed module against the imported one.
    run = _mypy("mypy.stubtest", "arrpy", "--mypy-config-file", str(TYPING / "mypy.ini"),
                "--allowlist", str(TYPING / "stubtest_allowlist.txt"))
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_mypy_accepts_a_users_program():
    run = _mypy("mypy", "--config-file", str(TYPING / "mypy.ini"), str(TYPING / "user_program.py"))
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_reports_a_users_mistakes():
    run = _mypy("mypy", "--config-file", str(TYPING / "mypy.ini"), str(TYPING / "user_mistakes.py"))
    flagged = sorted(int(line.split("user_mistakes.py:")[1].split(":")[0])
                     for line in run.stdout.splitlines()
                     if "user_mistakes.py:" in line and ": error:" in line)
    assert flagged == [6, 7, 8, 9, 10], run.stdout + run.stderr
