#!/usr/bin/env bash
# Hostile shapes of input, each at two sizes: the time ratio shows whether a stage is linear
# (doubling the input should at most about double the time; the issue's bound is 2.3x).
# Not a timed test: run by hand, figures go to BENCHMARKS.md.
#
#   scripts/bench_linear.sh [SCALE]      # SCALE multiplies every size (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
cargo build --release --quiet --bin dealtrack
BIN=target/release/dealtrack
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 - "$DIR" "$SCALE" <<'PY'
import json, sys
d, scale = sys.argv[1], float(sys.argv[2])
def w(name, s):
    open(f"{d}/{name}", "w").write(s)
sent = ("Vietnam Airlines signed a contract to buy 50 Boeing 737 MAX jets worth "
        "10 billion USD from Boeing. ")
for tag, k in (("1x", 1), ("2x", 2)):
    n = lambda x: int(x * k * scale)
    w(f"und_{tag}.txt", "und " * n(500_000))                       # 2 / 4 MB
    w(f"milliarden_{tag}.txt", "Milliarden " * n(200_000))         # 2.2 / 4.4 MB
    w(f"triggers_{tag}.txt", "Bestellung Auftrag Vertrag " * n(80_000))
    w(f"line_{tag}.jsonl", json.dumps({"id": "x", "text": sent * n(100_000)}) + "\n")
PY
run() { # best of 3 wall seconds
  local best=
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    best=$(python3 -c "b='$best'; t=$e-$s; print(t if not b or t<float(b) else b)")
  done
  echo "$best"
}
echo "| input | command | MB (1x) | s (1x) | s (2x) | ratio |"
echo "|---|---|---|---|---|---|"
row() { # name file-stem ext command...
  local name=$1 stem=$2 ext=$3; shift 3
  local a b mb
  a=$(run "$@" "$DIR/${stem}_1x.$ext")
  b=$(run "$@" "$DIR/${stem}_2x.$ext")
  mb=$(python3 -c "import os; print(round(os.path.getsize('$DIR/${stem}_1x.$ext')/1e6, 1))")
  python3 -c "print(f'| $name | \`${*#$BIN }\` | $mb | {$a:.2f} | {$b:.2f} | {$b/$a:.2f} |')"
}
row '"und " repeated' und txt "$BIN" extract --lang de
row '"Milliarden " repeated' milliarden txt "$BIN" extract --lang de
row 'trigger words repeated' triggers txt "$BIN" extract --lang de
row 'one JSONL line, a deal sentence repeated' line jsonl "$BIN" amounts --lang en
row 'the same line, extract' line jsonl "$BIN" extract --lang en
