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
