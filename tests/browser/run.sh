#!/usr/bin/env bash
# Browser test suite of the dossier.
#
# Installs what is missing (Debian's Chromium, the npm package playwright-core),
# builds the dossier into book/ and runs the tests in test/ against it with
# node's test runner: a file:// crawl, search, 404.html at depth, the book
# served under a GitHub Pages project path, screenshots, and timeline.json
# in TimelineJS (the npm package @knight-lab/timelinejs).
#
# Environment:
#   BOOK_DIR=DIR     test this directory instead of building <repo>/book
#   SKIP_BUILD=1     do not run `cargo run --release -- build` (use the book/ as it is)
#   CHROMIUM_PATH    browser binary (default /usr/bin/chromium)
#   SITE_PATH        project path for the HTTP tests (default /kz-dossier/)
#   Any arguments are passed to `node --test` instead of test/*.test.js.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# 1. Chromium from Debian (never a browser download).
if [[ ! -x "$chromium" ]]; then
  echo "browser: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  for try in 1 2 3; do
    if as_root apt-get update -qq && as_root apt-get install -y -qq chromium fonts-liberation fonts-dejavu-core >/dev/null; then
      break
    fi
    [[ $try -eq 3 ]] && { echo "browser: apt-get install chromium failed" >&2; exit 1; }
    sleep 10
  done
fi

# 1b. Java for the Nu HTML Checker (vnu.jar, test/quality.test.js), before
#     npm so that vnu-jar's install script finds it and downloads nothing.
if ! command -v java >/dev/null 2>&1; then
  echo "browser: installing Debian's default-jre-headless (for vnu.jar)" >&2
  export DEBIAN_FRONTEND=noninteractive
  for try in 1 2 3; do
    if as_root apt-get update -qq && as_root apt-get install -y -qq default-jre-headless >/dev/null; then
      break
    fi
    [[ $try -eq 3 ]] && { echo "browser: apt-get install default-jre-headless failed" >&2; exit 1; }
    sleep 10
  done
fi

# 2. npm packages: playwright-core (no browsers: we drive Debian's Chromium).
# (Again whenever package-lock.json is newer than what npm last installed.)
if [[ ! -d "$here/node_modules/playwright-core" || ! -f "$here/node_modules/.package-lock.json" ||
      "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  echo "browser: installing npm packages" >&2
  (
    cd "$here"
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    if [[ -f package-lock.json ]]; then
      npm ci --no-audit --no-fund --loglevel=error
    else
      npm install --no-audit --no-fund --loglevel=error
    fi
  )
fi

# 3. The dossier.
if [[ -z "${BOOK_DIR:-}" && -z "${SKIP_BUILD:-}" ]]; then
  echo "browser: building the dossier (cargo run --release -- build)" >&2
  (cd "$repo" && cargo run --release --quiet -- build)
fi
export BOOK_DIR="${BOOK_DIR:-$repo/book}"
# The fixture builds of some tests (the right-to-left fixture, the generated
# dossier of the pagination test) use the release binaries.
(cd "$repo" && cargo build --release --quiet -p dossier -p dossier-gen --bin dossier --bin dossier-gen)

# 4. The tests.
cd "$here"
rm -rf screenshots
mkdir -p out
log="out/last-run.log"
if [[ $# -eq 0 ]]; then
  set -- test/*.test.js
fi
set +e
node --test --test-concurrency=1 --test-reporter=spec "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
pass="$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | tail -1)"
fail="$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | tail -1)"
echo "browser: ${pass:-0} passed, ${fail:-0} failed"
if [[ $status -ne 0 && "${fail:-0}" == "0" ]]; then
  echo "browser: node --test exited with status $status" >&2
fi
exit "$status"
