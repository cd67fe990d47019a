#!/usr/bin/env bash
# The README's test command: installs everything the suite needs on a fresh Debian machine
# (Chromium for the browser tests, Java 17 and Maven for Neo4j, the package with its test extra,
# in a venv where the system's Python is externally managed), starts Neo4j Community
# (scripts/neo4j.sh; its jars are fetched once and cached), then runs every test, including the
# Bolt ones (on Neo4j and on the embedded ArcadeDB) and the browser ones. Neo4j is stopped
# afterwards, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the browser, and a CJK font so Chinese labels render in screenshots.
DEBS="chromium fonts-wqy-microhei openjdk-17-jdk-headless maven"
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
NEO4J_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kg-test-neo4j.XXXXXX")"
cleanup() { bash scripts/neo4j.sh stop "$NEO4J_DIR" || true; rm -rf "$NEO4J_DIR"; }
trap cleanup EXIT
KG_TEST_NEO4J="$(KG_NEO4J_EXIT_WITH=$$ bash scripts/neo4j.sh start "$NEO4J_DIR")"
export KG_TEST_NEO4J  # "bolt://127.0.0.1:PORT USER PASSWORD", read by tests/conftest.py
"$PY" -m pytest "$@"
