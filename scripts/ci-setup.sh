#!/usr/bin/env bash
# Installs what the test suite needs beyond Go, so that no test has to
# skip: transparency-dev's omniwitness (a C2SP witness that is not our code,
# for the interop test), built from the Go module proxy at a pinned version
# into .tools/bin. The log and the embedded store need nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
go version
OMNIWITNESS_VERSION=v0.0.0-20260720115447-2e1c6971d19e
if [ ! -x .tools/bin/omniwitness ]; then
  echo "building omniwitness ${OMNIWITNESS_VERSION}"
  GOBIN="$PWD/.tools/bin" go install "github.com/transparency-dev/witness/cmd/omniwitness@${OMNIWITNESS_VERSION}"
fi

# The web pages' browser tests (web/browser_test.go) drive Debian's
# chromium; Urdu and Pashto render only with fonts-noto-core. Installed
# when missing and root; otherwise what is missing is said, and those
# tests skip (fail under TRUCE_NO_SKIP=1).
missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}"
  else
    echo "missing ${missing[*]}: install them (apt-get install ${missing[*]}, as root) or the browser tests skip" >&2
  fi
fi
