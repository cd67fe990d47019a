#!/usr/bin/env bash
# Install kg into a virtual environment (./.venv, or $KG_VENV_DIR), or into the one already
# active ($VIRTUAL_ENV). Debian's and Ubuntu's own python3 is "externally managed" (pip
# refuses to install into it) and, on a stock system, cannot create a venv either until
# Debian's python3-venv package is installed: this script installs it when needed.
#
#   bash scripts/install.sh                 # pip install .  (then: . .venv/bin/activate)
#   bash scripts/install.sh -e '.[test]'    # editable, with the test tools
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${KG_VENV_DIR:-.venv}"
[ "$#" -gt 0 ] || set -- .

if [ -n "${VIRTUAL_ENV:-}" ]; then
  PY="$VIRTUAL_ENV/bin/python"
else
  if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    if ! python3 -m venv --clear "$VENV" >/dev/null 2>&1; then
      echo "install.sh: python3 cannot create a venv; installing Debian's python3-venv" >&2
      SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv --clear "$VENV"
    fi
  fi
  PY="$VENV/bin/python"
fi
"$PY" -m pip install -q --disable-pip-version-check "$@"
