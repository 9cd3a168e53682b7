#!/usr/bin/env bash
# Runs every test of the project: formatting, lints and docs (warnings are
# errors), Rust unit + integration tests (with the CommonMark spec's
# examples, whose npm package it installs when missing), the validation of
# the data exports (tests/exports, which installs its Python validators
# from PyPI when missing), then the browser suite (which installs Chromium
# and its npm packages when missing).
#
# DOSSIER_SKIP_BROWSER=1 leaves out the browser suite (the GitHub workflow,
# whose runners have no Debian Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
# The CommonMark spec's examples for tests/commonmark.rs (the npm package
# commonmark-spec, into target/, when missing), as the JSON it reads.
spec=target/commonmark-spec
if [[ ! -f "$spec/spec.json" ]]; then
  npm install --silent --prefix "$spec" commonmark-spec@0.31.2
  node -e 'require("fs").writeFileSync(process.argv[2], JSON.stringify(require(process.argv[1]).tests))' \
    "$PWD/$spec/node_modules/commonmark-spec" "$spec/spec.json"
fi
DOSSIER_COMMONMARK_SPEC="$PWD/$spec/spec.json" cargo test --workspace --all-targets
bash tests/exports/run.sh
if [[ -f tests/browser/run.sh && -z "${DOSSIER_SKIP_BROWSER:-}" ]]; then
  bash tests/browser/run.sh
fi
