#!/usr/bin/env bash
# The dev-set loop: scores deals and amounts on ../shared/dev and lists every miss and extra, per
# document (the shared scorers' --verbose / --per-doc). Read the list, sort it by cause, fix the
# largest class as a general rule with corpus cases in your own words.
#
#   scripts/dev_score.sh            # everything
#   scripts/dev_score.sh _de_       # only the lines about German documents
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=../shared/dev
[ -f "$DEV/gold.json" ] || { echo "no $DEV beside the checkout" >&2; exit 2; }
cargo build --release --quiet --bin dealtrack
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
target/release/dealtrack extract --no-merge --format json "$DEV/docs" > "$tmp/deals.json"
target/release/dealtrack amounts --format json "$DEV/docs" > "$tmp/amounts.json"
python3 ../shared/tools/amounts_to_preds.py "$tmp/amounts.json" "$DEV/docs" > "$tmp/preds.txt"
filter=${1:-.}
python3 ../shared/tools/score_deals.py "$DEV/gold.json" "$tmp/deals.json" --verbose | grep -E -- "$filter|^(deals|totals|type|sector|status|provider|recipient|amount|deal F1)"
python3 ../shared/tools/score_amounts.py "$DEV/gold.json" "$DEV/docs" "$tmp/preds.txt" --per-doc | grep -E -- "$filter|^(lang|all|overall|---)"
