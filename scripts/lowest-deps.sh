#!/usr/bin/env bash
# Are pyproject.toml's lower bounds true? Installs the package with its test extra into a
# scratch venv at the LOWEST versions its bounds allow (uv's `--resolution lowest-direct`: every
# direct dependency at its lower bound, the rest as resolved), prints them, then runs the tests.
# A failure here means a bound is false: raise it (with a comment saying why) or fix the code.
#
#   bash scripts/lowest-deps.sh                      # the fast tests (no Bolt, browser, slow)
#   bash scripts/lowest-deps.sh tests/test_cli.py    # arguments go to pytest instead
#   KG_LOWEST_PYTHON=python3.11 bash scripts/lowest-deps.sh
#
# Not a CI step (a second install and run cost minutes). uv comes from PyPI into the scratch
# directory; nothing outside it is touched. KG_LOWEST_KEEP=1 keeps the venv (path printed).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${KG_LOWEST_PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kg-lowest.XXXXXX")"
[ "${KG_LOWEST_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

"$PYTHON" -m venv "$WORK/uv"
"$WORK/uv/bin/pip" install -q --disable-pip-version-check uv
UV="$WORK/uv/bin/uv"
"$UV" venv -q -p "$("$PYTHON" -c 'import sys; print(sys.executable)')" "$WORK/venv"
VIRTUAL_ENV="$WORK/venv" "$UV" pip install -q --resolution lowest-direct -e '.[test]'
echo "lowest versions allowed by pyproject.toml (venv $WORK/venv):"
VIRTUAL_ENV="$WORK/venv" "$UV" pip freeze | grep -v '^-e ' | sed 's/^/  /'

if [ "$#" -eq 0 ]; then
  set -- -m "not bolt and not browser and not slow"
fi
"$WORK/venv/bin/python" -m pytest -p no:cacheprovider "$@"
