#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/render/test_browser.py).
#
# The tests drive this system browser through the Python `playwright` package; they never use a
# browser downloaded by a test tool (`playwright install` is not run), so that the only source of
# the binary is the distribution's signed package mirror. Safe to run again: does nothing when
# /usr/bin/chromium already starts.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1; then
    echo "install-browser: $("$CHROMIUM" --version 2>/dev/null) already installed at $CHROMIUM; nothing to do."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; this script supports Debian/Ubuntu only." >&2
    echo "install-browser: install chromium by hand so that $CHROMIUM exists." >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-browser: not root and sudo is missing; run this script as root." >&2
        exit 1
    fi
fi

echo "install-browser: installing Debian's chromium package (apt-get update + install)..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium

if ! "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1; then
    echo "install-browser: chromium was installed but $CHROMIUM does not start." >&2
    exit 1
fi
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null) at $CHROMIUM."
