"""The type stubs (_arrpy.pyi) name exactly what the compiled module exports."""

import ast
import pathlib

import arrpy._arrpy as ext

STUB = pathlib.Path(__file__).parents[1] / "python" / "arrpy" / "_arrpy.pyi"


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
