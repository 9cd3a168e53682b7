#!/usr/bin/env bash
# Seeds the fuzz corpora with the repository's own content files, so that
# fuzzing starts from realistic dossiers. Run from anywhere:
#   bash fuzz/seed-corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/front_matter fuzz/corpus/mention_linking fuzz/corpus/quote_anchoring fuzz/corpus/pipeline
# The Markdown after the front matter (the whole file when it has none).
body_of() {
  awk 'NR == 1 && $0 != "---" { fm = 2 } fm < 2 && $0 == "---" { fm++; next } fm >= 2' "$1"
}
n=0
for f in content/*/*.md tests/fixtures/*/content/*/*.md tests/fixtures/*/book.toml book.toml; do
  n=$((n + 1))
  cp "$f" "fuzz/corpus/front_matter/seed-$n"
  # mention_linking: `|`-separated names, a newline, then Markdown.
  { printf 'Tokayev|Kassym-Jomart Tokayev|CSTO|Denise Okafor|Mayor Okafor|ОДКБ\n'; body_of "$f"; } \
    > "fuzz/corpus/mention_linking/seed-$n"
  # quote_anchoring: body, two quotes and two names, separated by NUL.
  body=$(body_of "$f")
  first=$(printf '%s' "$body" | head -c 40)
  printf '%s\0%s\0%s\0%s\0%s' "$body" "$first" "the" "Tokayev" "Denise Okafor" \
    > "fuzz/corpus/quote_anchoring/seed-$n"
  # pipeline: body, event start, event end, quote (also a name), title, published.
  printf '%s\0%s\0%s\0%s\0%s\0%s' "$body" "2022-01" "2022-01-19" "$first" "Tokayev" "2022-01-07" \
    > "fuzz/corpus/pipeline/seed-$n"
done
echo "seeded $n files into each of fuzz/corpus/*"
