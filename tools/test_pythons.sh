#!/usr/bin/env bash
# Runs the pytest suite on .venv's Python and on every other CPython 3.11+ that pyenv offers on
# this machine (each in its own .venv-X.Y with the test dependencies), against the abi3 extension
# that `make build` put in python/arrpy: one build serves every interpreter, as the wheel claims.
# The interpreters run side by side (each suite is mostly one thread, and there are two cores);
# their output follows in turn. Extra arguments go to every pytest (e.g. -k, -x).
set -euo pipefail
cd "$(dirname "$0")/.."
version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
main=$(version .venv/bin/python)
seen=" $main "
pythons=(.venv/bin/python)
names=("$main")
for py in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3; do
  [ -x "$py" ] || continue
  ver=$(version "$py") || continue
  "$py" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || continue
  case "$seen" in *" $ver "*) continue ;; esac
  seen="$seen$ver "
  venv=".venv-$ver"
  [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
  if [ ! -f "$venv/.deps-installed" ] || [ requirements-test.txt -nt "$venv/.deps-installed" ]; then
    "$venv/bin/python" -m pip install -q -r requirements-test.txt
    touch "$venv/.deps-installed"
  fi
  # The package from this checkout (a .pth, not PYTHONPATH: tests start subprocesses with a
  # bare environment).
  site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$PWD/python" > "$site/arrpy-checkout.pth"
  pythons+=("$venv/bin/python")
  names+=("$ver")
done
logs=$(mktemp -d)
for i in "${!pythons[@]}"; do
  "${pythons[$i]}" -m pytest -p no:cacheprovider tests "$@" > "$logs/$i.log" 2>&1 &
  echo "$!" > "$logs/$i.pid"
done
status=0
for i in "${!pythons[@]}"; do
  rc=0
  wait "$(cat "$logs/$i.pid")" || rc=$?
  echo "== pytest on CPython ${names[$i]} (${pythons[$i]}): exit $rc"
  cat "$logs/$i.log"
  [ "$rc" -eq 0 ] || status=1
done
rm -rf "$logs"
exit $status
