#!/usr/bin/env bash
# Whole-build benchmark of dossier at newsroom scale. Prints, in one run:
#
#   - for 1,000 and 10,000 synthetic articles with 1,000 actors and 200
#     events (dossier-gen, deterministic from --seed): the wall time and
#     peak RSS of `dossier build`, of the bare pulldown-cmark floor
#     (dossier-floor: the same article bodies to HTML files, one thread,
#     nothing else) and, where `hugo` is installed, of Hugo building the
#     same articles (actors as a taxonomy); ratios against the floor;
#   - the size of each site against the publishing targets (total, largest
#     HTML page and file, HTML pages over 1 MB, files over 25 MB);
#   - the time of only writing dossier's output (its files held in memory,
#     written on every core: dossier-gen write-floor), against the floor;
#   - mention linking with 10 vs 1,000 actors over the same texts;
#   - the rebuild `dossier serve` does after one article's title is saved,
#     for the 10,000-article corpus and for the repository's own dossier:
#     save-to-served time (the watcher's debounce included) as a ratio of
#     the cold build in the same run, the stages, the warnings (linted once
#     the site is served), serve's peak memory (VmHWM); the repository's
#     dossier is then checked against a cold build, byte for byte.
#
# Usage: bash scripts/bench.sh [--runs N] [--sizes "1000 10000"] [--work DIR] [--disk]
# Every time is the median of N runs (default 3). Nothing is asserted: this
# reports numbers, the tests never time anything.
#
# The outputs go to a RAM-backed tmpfs (/dev/shm) unless --disk is given:
# on this machine's ext4 (which has no journal), creating files within a
# minute or so of deleting tens of thousands of them (which is what
# back-to-back runs of any site generator do) makes the kernel skip the
# recently freed inodes one by one, and one
# run of the same build took from 3 to 18 seconds depending on how long ago
# the previous output was removed. tmpfs measures the generators; --disk
# writes beside the corpora, for the numbers a user's disk would give.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

runs=3
sizes="1000 10000"
work="${TMPDIR:-/tmp}/dossier-bench"
disk=""
actors=1000
events=200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --disk) disk=1; shift ;;
    *) echo "usage: bash scripts/bench.sh [--runs N] [--sizes \"1000 10000\"] [--work DIR] [--disk]" >&2; exit 2 ;;
  esac
done

if [[ ! -x /usr/bin/time ]]; then
  echo "bench: needs GNU time (/usr/bin/time) for peak memory: apt-get install time" >&2
  exit 1
fi

echo "bench: building release binaries" >&2
cargo build --release --quiet --workspace --bins
bin="$repo/target/release"
mkdir -p "$work"
# Where the builds write: tmpfs when there is one with room for the largest
# output (about 1 GB for 10,000 articles), else the work folder.
out="$work"
if [[ -z "$disk" && -d /dev/shm ]] && (( $(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > 2 * 1024 * 1024 )); then
  out="/dev/shm/dossier-bench-$$"
  mkdir -p "$out"
  trap 'rm -rf "$out"' EXIT
fi

# measure LABEL OUT CMD...: runs CMD $runs times, each into a fresh output
# folder OUT (removed before each run, outside the timing, and the disk
# synced: deleting tens of thousands of files inside the timed run made
# every tool's numbers swing by seconds), prints the median wall time (s),
# the median CPU time (user + system, s: steadier than wall time on a busy
# machine) and the largest peak RSS (MB).
measure() {
  local label="$1" out="$2"; shift 2
  local times=() cpus=() rss=0 t u s m
  for ((i = 0; i < runs; i++)); do
    rm -rf "$out"
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
      echo "bench: $label failed:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
    read -r t u s m <"$work/time.txt"
    times+=("$t")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
    (( m > rss )) && rss=$m
  done
  median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
  printf '%s %s %s\n' "$(median "${times[@]}")" "$(median "${cpus[@]}")" "$(( rss / 1024 ))"
}

# site_size LABEL DIR: the site's size against the targets for publishing
# on GitHub Pages from Git (total under 500 MB, no HTML page over 1 MB, no
# file over 25 MB): total, largest HTML page, largest file, counts over.
site_size() {
  local label="$1" dir="$2"
  find "$dir" -type f -printf '%s %p\n' | awk -v label="$label" -v dir="$dir/" '
    { sub(dir, "", $2); total += $1; n++
      if ($1 > big) { big = $1; bigp = $2 }
      if ($2 ~ /\.html$/) { if ($1 > bightml) { bightml = $1; bighp = $2 }; if ($1 > 1000000) over1++ }
      if ($1 > 25000000) over25++ }
    END { printf "%-9s %-22s %d files, %.1f MB; largest HTML %s %.2f MB; largest file %s %.1f MB; HTML over 1 MB: %d; files over 25 MB: %d\n",
            "", label " size", n, total / 1e6, bighp, bightml / 1e6, bigp, big / 1e6, over1 + 0, over25 + 0 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
if [[ "$out" == /dev/shm/* ]]; then
  echo "outputs: written to tmpfs (/dev/shm); --disk writes them to $work"
else
  echo "outputs: written to $out (disk)"
fi
echo "dossier $(git rev-parse --short HEAD 2>/dev/null || echo '?'), median of $runs run(s); times in seconds, memory as peak RSS"
have_hugo=""
if command -v hugo >/dev/null 2>&1; then
  have_hugo=1
  echo "hugo: $(hugo version | cut -d' ' -f2)"
else
  echo "hugo: not installed (apt-get install hugo to compare)"
fi
echo

printf '%-9s %-22s %9s %9s %9s %12s\n' articles what seconds 'CPU s' 'RSS MB' 'vs floor'
for n in $sizes; do
  root="$work/corpus-$n"
  hugo_src="$work/hugo-$n"
  echo "bench: generating $n articles, $actors actors, $events events" >&2
  "$bin/dossier-gen" corpus "$root" --articles "$n" --actors "$actors" --events "$events" --seed 1 \
    ${have_hugo:+--hugo "$hugo_src"} 2>&1 | sed 's/^/bench: /' >&2
  read -r floor floor_cpu floor_rss < <(measure "floor $n" "$out/out-floor" "$bin/dossier-floor" "$root" "$out/out-floor")
  read -r build build_cpu build_rss < <(measure "build $n" "$out/out-dossier" "$bin/dossier" build "$root" -d "$out/out-dossier" --quiet)
  printf '%-9s %-22s %9s %9s %9s %12s\n' "$n" "pulldown-cmark floor" "$floor" "$floor_cpu" "$floor_rss" "1.00"
  printf '%-9s %-22s %9s %9s %9s %12s\n' "$n" "dossier build" "$build" "$build_cpu" "$build_rss" "$(ratio "$build" "$floor")"
  # What writing dossier's output alone costs (its files, from memory, on
  # every core): the least any tool writing that output spends.
  write_only="$("$bin/dossier-gen" write-floor "$out/out-dossier" "$out/out-write" --runs "$runs" | sed -n 's/.*: \([0-9.]*\) s (median.*/\1/p')"
  rm -rf "$out/out-write"
  printf '%-9s %-22s %9s %9s %9s %12s   (%s files, %s MB: only written, from memory)\n' "$n" "write dossier's output" "$write_only" "-" "-" \
    "$(ratio "$write_only" "$floor")" "$(find "$out/out-dossier" -type f | wc -l)" "$(du -sm "$out/out-dossier" | cut -f1)"
  site_size dossier "$out/out-dossier"
  if [[ -n "$have_hugo" ]]; then
    read -r hugo hugo_cpu hugo_rss < <(measure "hugo $n" "$out/out-hugo" hugo --source "$hugo_src" --destination "$out/out-hugo" --quiet)
    printf '%-9s %-22s %9s %9s %9s %12s   (hugo / dossier: %s wall, %s CPU)\n' "$n" "hugo" "$hugo" "$hugo_cpu" "$hugo_rss" \
      "$(ratio "$hugo" "$floor")" "$(ratio "$hugo" "$build")" "$(ratio "$hugo_cpu" "$build_cpu")"
    site_size hugo "$out/out-hugo"
  fi
  last_root="$root"
done
echo

# Search in the browser (tests/browser/bench-search.js): time from the last
# keystroke to results, script bytes and JS heap, on the largest corpus's
# build from file://. SEARCH_BASELINE=/path/to/an/older/dossier measures
# that binary's search on the same corpus too.
if [[ -n "${last_root:-}" && -d tests/browser/node_modules/playwright-core && -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  node tests/browser/bench-search.js "$out/out-dossier" --label "this dossier, $(basename "$last_root")"
  if [[ -n "${SEARCH_BASELINE:-}" ]]; then
    rm -rf "$out/out-baseline"
    "$SEARCH_BASELINE" build "$last_root" -d "$out/out-baseline" --quiet
    node tests/browser/bench-search.js "$out/out-baseline" --label "$SEARCH_BASELINE, $(basename "$last_root")"
    rm -rf "$out/out-baseline"
  fi
else
  echo "search bench: skipped (needs Chromium and tests/browser/node_modules: bash tests/browser/run.sh installs them)"
fi
echo

# Mention linking: texts that name only 10 actors, linked with an automaton
# of those 10 and with one of all 1,000.
echo "bench: generating the linking corpus (texts name 10 of $actors actors)" >&2
"$bin/dossier-gen" corpus "$work/corpus-link" --articles 2000 --actors "$actors" --events "$events" \
  --seed 1 --mentioned 10 2>&1 | sed 's/^/bench: /' >&2
"$bin/dossier-gen" link-bench "$work/corpus-link" --runs "$(( runs < 5 ? 5 : runs ))"
echo

# The rebuild `dossier serve` does when one article is saved (on a copy:
# rebuild-bench edits an article's title, then restores it). The server
# keeps its site in a folder under TMPDIR, which goes where the other
# outputs go (tmpfs unless --disk): each such rebuild replaces the ~4,300
# files of the search index, and on this machine's disk that costs what
# the inode skipping above costs, not what the server does.
rm -rf "$work/repo-dossier"
mkdir -p "$work/repo-dossier"
cp -r "$repo/book.toml" "$repo/content" "$repo/seeds" "$repo/templates" "$work/repo-dossier/"
TMPDIR="$out" "$bin/dossier-gen" rebuild-bench "$work/repo-dossier" --runs 9 --verify
if [[ -n "${last_root:-}" ]]; then
  TMPDIR="$out" "$bin/dossier-gen" rebuild-bench "$last_root" --runs "$runs"
fi
