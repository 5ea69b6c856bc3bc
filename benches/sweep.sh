#!/usr/bin/env bash
# `sweep --openapi` of a document of PATHS paths against a server LATENCY_MS away
# (benches/slow_server.rs: hyper on loopback, every answer held back that long; it speaks
# HTTP/1.0, 1.1 and 2 and answers as RFC 9110 asks), once per concurrency given, in one run:
# wall time, peak resident memory (`/usr/bin/time`), requests sent, findings, and a digest of
# the JSON report, which must be the same for every concurrency.
# Usage: bash benches/sweep.sh [PATHS] [LATENCY_MS] [CONCURRENCY…]
set -euo pipefail
cd "$(dirname "$0")/.."
paths=${1:-1000}
latency=${2:-50}
shift $(( $# < 2 ? $# : 2 ))
concurrencies=("$@")
[ ${#concurrencies[@]} -gt 0 ] || concurrencies=(64 16 1)
cargo build --release --features cli --bin tower-status-conformance >/dev/null 2>&1
cargo bench --bench slow_server --no-run >/dev/null 2>&1
bin="${CARGO_TARGET_DIR:-target}/release/tower-status-conformance"
work=$(mktemp -d)
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$paths" "$work/api.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
ok = {"200": {"description": "the resource", "content": {"application/json": {}}}}
doc = {"openapi": "3.1.0", "info": {"title": "bench", "version": "1"},
       "paths": {f"/resources/{i:04}": {"get": {"responses": ok}} for i in range(n)}}
json.dump(doc, open(out, "w"))
PY

# The built binary itself, not `cargo bench`: its process id is what the trap stops (a `cargo`
# parent, killed, would leave the server running).
server_bin=$(ls -t "${CARGO_TARGET_DIR:-target}"/release/deps/slow_server-* | grep -v '\.d$' | head -n 1)
"$server_bin" "$latency" --bench >"$work/server.out" 2>/dev/null &
server=$!
for _ in $(seq 1 600); do
  grep -q '^listening on ' "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^listening on //p' "$work/server.out")
[ -n "$base" ] || { echo "the server did not start" >&2; exit 1; }

echo "$paths paths, $latency ms per answer, $(date -u +%F), commit $(git rev-parse --short HEAD)"
printf '%-12s %10s %10s %9s %9s %s\n' concurrency seconds 'peak KiB' requests findings 'report digest'
for c in "${concurrencies[@]}"; do
  read -r secs kib < <(/usr/bin/time -f '%e %M' "$bin" sweep "$base" --openapi "$work/api.json" \
    --concurrency "$c" --json 2>&1 >"$work/report-$c.json" | tail -n 1)
  read -r requests findings < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["requests"], sum(r["counts"].values()))' "$work/report-$c.json")
  printf '%-12s %10s %10s %9s %9s %s\n' "$c" "$secs" "$kib" "$requests" "$findings" \
    "$(sha256sum <"$work/report-$c.json" | cut -c1-16)"
done
