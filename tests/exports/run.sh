#!/usr/bin/env bash
# Validates the data exports (annotations.jsonld, entities.ftm.json,
# timeline.json, the citation files, dossier.json's provenance, read with
# its data/ parts) against
# their formats, with the formats' own tools: pyld, followthemoney,
# jsonschema, citeproc-py, bibtexparser, rispy (pinned in
# requirements.txt, installed into target/export-venv from PyPI on first
# use). The W3C context and the CSL-JSON schema are not in the repository:
# DOSSIER_ANNO_CONTEXT and DOSSIER_CSL_SCHEMA (or ../shared/formats/) name
# them, and the checks that need them are SKIPPED without (README.md).
#
# Builds with the release binary: the river-spill fixture (absolute
# site-url: absolute IRIs; built twice, which must give the same bytes),
# the Kazakhstan dossier (path-only site-url: relative IRIs) and a
# generated corpus large enough to page the annotations.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=target/export-venv
req=tests/exports/requirements.txt
if [[ ! -x $venv/bin/python ]] || ! cmp -s "$req" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$venv/requirements.txt"
fi

cargo build --quiet --release -p dossier -p dossier-gen --bin dossier --bin dossier-gen
bin=target/release/dossier
out=target/export-check
rm -rf "$out"
mkdir -p "$out"

"$bin" --quiet build tests/fixtures/river-spill -d "$out/river-spill"
"$bin" --quiet build tests/fixtures/river-spill -d "$out/river-spill-again"
diff -r "$out/river-spill" "$out/river-spill-again" >/dev/null \
  || { echo "FAIL two builds of river-spill differ"; exit 1; }
echo "ok   two builds of river-spill are byte-identical"

"$bin" --quiet build . -d "$out/kz"

# About three notes an article: past the 1,000 of one annotation page.
target/release/dossier-gen corpus "$out/corpus" --articles 400 --actors 300 --events 60 --seed 7 >/dev/null
"$bin" --quiet build "$out/corpus" -d "$out/corpus-site"
[[ -f $out/corpus-site/annotations/page-2.jsonld ]] \
  || { echo "FAIL the generated corpus did not page its annotations"; exit 1; }

status=0
check() { "$venv/bin/python" tests/exports/check_exports.py "$@" || status=1; }
check "$out/river-spill" tests/fixtures/river-spill/seeds
check "$out/kz" seeds
check "$out/corpus-site" "$out/corpus/seeds"
exit $status
