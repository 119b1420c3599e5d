#!/usr/bin/env bash
# Installs and starts what the test suite needs beyond Go. The log and the
# embedded store need nothing yet; browsers and databases join here as the
# features that need them land.
set -euo pipefail
go version
