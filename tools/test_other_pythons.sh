#!/usr/bin/env bash
# Runs the pytest suite on every other CPython 3.11+ that pyenv offers on this machine, each in its
# own .venv-X.Y with the test dependencies, against the abi3 extension that `make build` put in
# python/arrpy (one build serves every interpreter: the wheel claims them all).
set -euo pipefail
cd "$(dirname "$0")/.."
version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
seen=" $(version .venv/bin/python) "
status=0
for py in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3; do
  [ -x "$py" ] || continue
  ver=$(version "$py") || continue
  "$py" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || continue
  case "$seen" in *" $ver "*) continue ;; esac
  seen="$seen$ver "
  venv=".venv-$ver"
  [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
  if [ ! -f "$venv/.deps-installed" ] || [ requirements-dev.txt -nt "$venv/.deps-installed" ]; then
    "$venv/bin/python" -m pip install -q -r requirements-dev.txt
    touch "$venv/.deps-installed"
  fi
  echo "== pytest on CPython $ver ($py)"
  PYTHONPATH=python "$venv/bin/python" -m pytest tests "$@" || status=1
done
exit $status
