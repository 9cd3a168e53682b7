#!/usr/bin/env bash
# Runs every test of the project: Rust unit + integration tests, then the
# browser suite (which installs Chromium and its npm packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets
if [[ -f tests/browser/run.sh ]]; then
  bash tests/browser/run.sh
fi
