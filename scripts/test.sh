#!/usr/bin/env bash
# The README's test command: installs everything the suite needs on a fresh Debian machine
# (Chromium for the browser tests, the package with its test extra, in a venv where the system's
# Python is externally managed), then runs every test,
# including the Bolt (ArcadeDB) and browser ones.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the browser, and a CJK font so Chinese labels render in screenshots.
DEBS="chromium fonts-wqy-microhei"
missing=""
for pkg in $DEBS; do dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

# Python: the interpreter itself when pip may install into it (CI, pyenv, an active venv);
# a venv in ./.venv when it is "externally managed" (Debian's and Ubuntu's own python3) or
# not writable (scripts/install.sh makes it, with Debian's python3-venv if needed).
if python3 - <<'PY'
import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
writable = os.access(sysconfig.get_path("purelib"), os.W_OK)
sys.exit(0 if (sys.prefix != sys.base_prefix or (writable and not managed)) else 1)
PY
then
  python3 -m pip install -q --disable-pip-version-check -e '.[test]'
  PY=python3
else
  bash scripts/install.sh -e '.[test]'
  PY="${KG_VENV_DIR:-.venv}/bin/python"
fi
exec "$PY" -m pytest "$@"
