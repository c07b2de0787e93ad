#!/usr/bin/env bash
# End-to-end benchmark of `dealtrack extract --format csv`: throughput (MB/s, articles/s) and peak
# memory (max RSS) with 1 and 2 threads, on the generated corpus as JSON Lines and as files, plus a
# ~1 GB JSON Lines input for the streaming memory bound. Prints a Markdown table for BENCHMARKS.md.
#
#   scripts/bench.sh [DATA_DIR]          # default bench-data/ (generated when missing)
#   scripts/bench.sh CORPUS              # an external corpus: a JSON Lines file, or a directory of
#                                        # articles (any corpus not made by gen_corpus)
#   PROFILE=1 scripts/bench.sh           # also a callgrind profile on a small input
#
# Every row gives MB/s per core, articles/s and peak RSS; with an external corpus also the ratio
# of dealtrack's wall time to `rg -c -i -f TRIGGERS` over the same bytes (TRIGGERS: every deal
# trigger phrase of src/lang/*/deals.toml, one a line), run alternately so machine noise cancels.
# BIN=path uses another build; NO_BUILD=1 skips `cargo build`.
#
# Uses /usr/bin/time (GNU time, `apt-get install time`), rg (`apt-get install ripgrep`) for the
# ratio, python3 (3.11+, tomllib) for the triggers, and valgrind for PROFILE=1. Run by hand, never
# in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-bench-data}
RUNS=${RUNS:-3}
BIN=${BIN:-target/release/dealtrack}
if [ -z "${NO_BUILD:-}" ]; then
  cargo build --release --quiet --bin dealtrack --example gen_corpus
fi

# The deal triggers of every language (phrases and plurals), one a line, into file $1.
triggers() {
  python3 - "$1" <<'PY'
import glob, sys, tomllib
phrases = set()
for f in sorted(glob.glob("src/lang/*/deals.toml")):
    with open(f, "rb") as fh:
        lex = tomllib.load(fh)
    for t in lex.get("trigger", []):
        phrases.update(t.get("phrases", []))
        phrases.update(t.get("plural", []))
with open(sys.argv[1], "w") as out:
    out.writelines(p + "\n" for p in sorted(phrases))
PY
}

if [ -e "$DATA" ] && [ ! -f "$DATA/corpus.jsonl" ]; then
  # An external corpus.
  TRIG=$(mktemp)
  trap 'rm -f "$TRIG" /tmp/dealtrack-bench.csv /tmp/dealtrack-bench.time' EXIT
  triggers "$TRIG"
  if [ -d "$DATA" ]; then
    n=$(find "$DATA" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.htm' \) | wc -l)
    nl=$(find "$DATA" -type f \( -name '*.jsonl' -o -name '*.ndjson' \) -exec cat {} + | wc -l)
    n=$((n + nl))
  else
    n=$(wc -l < "$DATA")
  fi
  b=$(du -sb --apparent-size "$DATA" | cut -f1)
  echo "corpus: $DATA, $(awk -v b="$b" 'BEGIN{printf "%.1f MB", b/1048576}'), $n articles, $(wc -l < "$TRIG") trigger phrases"
  echo "machine: $(nproc) cores; date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo
  echo "| command | jobs | best wall s | MB/s | MB/s per core | articles/s | peak RSS MB | rg -c -i -f s | dealtrack / rg |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for cmd in "extract --format csv" "extract --format csv --no-merge" "amounts --format csv"; do
    for jobs in 1 2; do
      best=""; rss=0; rgbest=""
      for _ in $(seq "$RUNS"); do
        # shellcheck disable=SC2086
        /usr/bin/time -f '%e %M' -o /tmp/dealtrack-bench.time \
          "$BIN" $cmd --jobs "$jobs" "$DATA" -o /tmp/dealtrack-bench.csv 2>/dev/null || true
        read -r wall kb < /tmp/dealtrack-bench.time
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
        if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
        # The same bytes through rg, right after.
        /usr/bin/time -f '%e %M' -o /tmp/dealtrack-bench.time \
          rg -c -i -j "$jobs" -f "$TRIG" "$DATA" > /dev/null || true
        read -r rgwall _ < /tmp/dealtrack-bench.time
        if [ -z "$rgbest" ] || awk "BEGIN{exit !($rgwall < $rgbest)}"; then rgbest=$rgwall; fi
      done
      awk -v c="$cmd" -v b="$b" -v n="$n" -v j="$jobs" -v w="$best" -v r="$rss" -v g="$rgbest" 'BEGIN {
        w = (w < 0.01) ? 0.01 : w; g = (g < 0.01) ? 0.01 : g; mb = b / 1048576;
        printf "| %s | %d | %.2f | %.1f | %.1f | %.0f | %.0f | %.2f | %.1f |\n", c, j, w, mb / w, mb / w / j, n / w, r / 1024, g, w / g }'
    done
  done
  exit 0
fi
if [ ! -f "$DATA/corpus.jsonl" ]; then
  target/release/examples/gen_corpus "$DATA" --mb 210 --seed 42
fi
if [ ! -f "$DATA/big.jsonl" ]; then
  for _ in 1 2 3 4 5; do cat "$DATA/corpus.jsonl"; done > "$DATA/big.jsonl"
fi
articles() { # documents in an input
  if [ -d "$1" ]; then find "$1" -name '*.txt' | wc -l; else wc -l < "$1"; fi
}
bytes() { du -sb --apparent-size "$1" | cut -f1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
echo
echo "| command | input | MB | articles | jobs | best wall s | MB/s | MB/s per core | articles/s | peak RSS MB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
# bench LABEL INPUT -- dealtrack arguments (before the input)
bench() {
  local label=$1 input=$2; shift 3
  local n b; n=$(articles "$input"); b=$(bytes "$input")
  for jobs in 1 2; do
    best=""; rss=0
    for _ in $(seq "$RUNS"); do
      # Warm page cache after the first run; best of RUNS.
      /usr/bin/time -f '%e %M' -o /tmp/dealtrack-bench.time \
        "$BIN" "$@" --jobs "$jobs" "$input" -o /tmp/dealtrack-bench.csv
      read -r wall kb < /tmp/dealtrack-bench.time
      if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
      if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
    done
    awk -v c="$label" -v f="$(basename "$input")" -v b="$b" -v n="$n" -v j="$jobs" -v w="$best" -v r="$rss" 'BEGIN {
      w = (w < 0.01) ? 0.01 : w; mb = b / 1048576;
      printf "| %s | %s | %.0f | %d | %d | %.2f | %.0f | %.0f | %.0f | %.0f |\n", c, f, mb, n, j, w, mb / w, mb / w / j, n / w, r / 1024 }'
  done
}
for input in "$DATA/corpus.jsonl" "$DATA/files" "$DATA/big.jsonl"; do
  bench "extract" "$input" -- extract --format csv
done
bench "extract --no-merge" "$DATA/corpus.jsonl" -- extract --format csv --no-merge
bench "amounts" "$DATA/corpus.jsonl" -- amounts --format csv
rm -f /tmp/dealtrack-bench.csv /tmp/dealtrack-bench.time

if [ "${PROFILE:-0}" = 1 ]; then
  # Without the "lang" field, so language detection runs as it does for plain-text files.
  head -n 2000 "$DATA/corpus.jsonl" | sed 's/"lang":"[a-z]*",//' > /tmp/dealtrack-prof.jsonl
  valgrind --tool=callgrind --callgrind-out-file=/tmp/dealtrack.callgrind \
    "$BIN" extract --format csv --jobs 1 /tmp/dealtrack-prof.jsonl -o /tmp/dealtrack-prof.csv 2>/dev/null
  echo
  echo "callgrind, 2000 articles ($(bytes /tmp/dealtrack-prof.jsonl) bytes), inclusive top functions:"
  callgrind_annotate --inclusive=yes /tmp/dealtrack.callgrind 2>/dev/null | grep -E '^ *[0-9,]+ ' | head -40
  echo
  echo "exclusive (self) top functions:"
  callgrind_annotate /tmp/dealtrack.callgrind 2>/dev/null | grep -E '^ *[0-9,]+ ' | head -25
fi
