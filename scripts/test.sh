#!/usr/bin/env bash
# The README's test command: installs everything the suite needs on a fresh Debian machine
# (Chromium for the browser tests, the package with its test extra), then runs every test,
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

python3 -m pip install -q --disable-pip-version-check -e '.[test]'
exec python3 -m pytest "$@"
