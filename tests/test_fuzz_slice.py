"""A short fixed-seed slice of the fuzzer (tools/fuzz): no call may crash the process, hang, panic,
surface a borrow error or a SystemError. Triggers known to fail on main today are left out
(tools/fuzz/known.py lists them; each entry goes when its fix lands). `make fuzz` runs it longer."""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = 20261201
CALLS = 6000


@pytest.mark.skipif(not (ROOT / "tools" / "fuzz").is_dir(), reason="needs the source tree")
def test_fixed_seed_slice_finds_nothing(tmp_path):
    command = [sys.executable, "-m", "tools.fuzz", "--seed", str(SEED), "--calls", str(CALLS),
               "--jobs", "2", "--batch", "3000", "--avoid-known", "--call-timeout", "20",
               "--out", str(tmp_path), "--quiet"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900,
                            env=dict(os.environ, PYTHONPATH=os.pathsep.join(
                                filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))))
    reproducers = "\n\n".join(p.read_text() for p in sorted(tmp_path.glob("*.py")))
    assert result.returncode == 0, (
        f"{result.stdout}\n{result.stderr}\nreproducers:\n{reproducers}")
    assert f"{CALLS} calls" in result.stdout
