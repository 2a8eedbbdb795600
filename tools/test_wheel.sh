#!/usr/bin/env bash
# The abi3 wheel as users get it: `pip wheel .` (reusing the release build `make build` made),
# then a fresh venv per CPython 3.11+ that pyenv offers here, the wheel installed into it, and
# tools/smoke.py run there without NumPy and again with NumPy.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/pip wheel . --no-build-isolation --no-deps -q -w "$work/wheels"
wheel=$(ls "$work"/wheels/arrpy-*.whl)
version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
seen=" "
for py in .venv/bin/python "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3; do
  [ -x "$py" ] || continue
  ver=$(version "$py") || continue
  "$py" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || continue
  case "$seen" in *" $ver "*) continue ;; esac
  seen="$seen$ver "
  base=$("$py" -c 'import sys; print(sys.base_prefix)')/bin/python3
  "$base" -m venv "$work/venv-$ver"
  "$work/venv-$ver/bin/python" -m pip install -q --no-index "$wheel"
  (cd "$work" && "$work/venv-$ver/bin/python" "$root/tools/smoke.py")
  "$work/venv-$ver/bin/python" -m pip install -q numpy
  (cd "$work" && "$work/venv-$ver/bin/python" "$root/tools/smoke.py")
done
