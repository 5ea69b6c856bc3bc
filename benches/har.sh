#!/usr/bin/env bash
# `check` on a generated capture of N exchanges (benches/har.py: one JSON API, three defects on
# 500 item paths), beside Python's `json.load` of the same file (the least any reader of it
# pays), alternated ROUNDS times; wall time and peak resident memory (`/usr/bin/time`). With
# BEFORE (a commit), the `check` of that commit too, built in a git worktree under target/tmp
# (left for the next run; `git worktree remove --force target/tmp/before-BEFORE` drops it).
# Usage: bash benches/har.sh [N] [ROUNDS] [BEFORE]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
rounds=${2:-3}
before=${3:-}
mkdir -p target/tmp
har=target/tmp/bench-$n.har
[ -f "$har" ] || python3 benches/har.py "$n" "$har"
cargo build --release --features cli >/dev/null 2>&1
now=target/release/tower-status-conformance
old=
if [ -n "$before" ]; then
  tree=target/tmp/before-$before
  [ -d "$tree" ] || git worktree add -f "$tree" "$before" >/dev/null 2>&1
  (cd "$tree" && CARGO_TARGET_DIR="$PWD/../before-target" cargo build --release --features cli >/dev/null 2>&1)
  old=target/tmp/before-target/release/tower-status-conformance
fi
measure() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1; }
echo "$(du -m "$har" | cut -f1) MiB, $n exchanges"
printf '%-6s %-14s %-16s %-14s\n' round check json.load "${before:+check at $before}"
for round in $(seq "$rounds"); do
  read -r ct cm < <(measure "$now" check "$har")
  read -r pt pm < <(measure python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$har")
  line=$(printf '%-6s %-14s %-16s' "$round" "${ct}s ${cm}KB" "${pt}s ${pm}KB")
  if [ -n "$old" ]; then
    read -r ot om < <(measure "$old" check "$har")
    line="$line ${ot}s ${om}KB"
  fi
  echo "$line"
done
"$now" check "$har" 2>/dev/null | head -n 3 || true
