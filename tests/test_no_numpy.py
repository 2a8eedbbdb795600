import subprocess
import sys
import textwrap

CODE = textwrap.dedent("""
    import sys
    sys.modules["numpy"] = None
    import arrpy
    assert "numpy" not in sys.modules or sys.modules["numpy"] is None
    a = arrpy.arange(6).reshape((2, 3))
    assert a.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert a.dtype == "int64"
    b = a * 2 + 1
    assert b.tolist() == [[1, 3, 5], [7, 9, 11]]
    assert (a / 2).dtype == "float64"
    assert arrpy.sum(b).item() == 36
    assert arrpy.sum(b, axis=0).tolist() == [8, 12, 16]
    assert arrpy.max(a).item() == 5 and arrpy.min(a).item() == 0
    assert arrpy.mean(a).item() == 2.5
    z = arrpy.zeros((2, 2), dtype="float32")
    z[0] = 1.5
    assert z.tolist() == [[1.5, 1.5], [0.0, 0.0]]
    assert repr(a) == "array([[0, 1, 2],\\n       [3, 4, 5]])", repr(a)
    assert repr(z) == "array([[1.5, 1.5],\\n       [0. , 0. ]], dtype=float32)", repr(z)
    assert str(arrpy.linspace(0, 1, 3)) == "[0.  0.5 1. ]"
    assert (a[:, ::-1] == a[:, ::-1]).tolist() == [[True] * 3] * 2
    print("ok")
""")


def test_without_numpy():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
