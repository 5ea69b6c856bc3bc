#!/usr/bin/env bash
# Instructions per request of a whole hyper server (`benches/server.rs`), counted by callgrind
# in the server process while a client process drives it over loopback: (I(11·N) − I(N)) /
# (10·N), so that start-up cancels out. For each protocol (HTTP/1.1 keep-alive, HTTP/2) and
# request (a JSON 200, a revalidated 304, a 405): the bare app, and what TraceLayer, this layer
# (`new()`, `observe()`) and both add to it; then TraceLayer again under a subscriber (a `fmt`
# one writing to a sink) at INFO, where its DEBUG spans are off, and at DEBUG.
# Usage: bash benches/server.sh [N] [KINDS]   (needs valgrind: apt-get install -y valgrind)
# KINDS: the requests, default "200 304 405"; "204" is the violating path (a 204 with content
# that `new()` repairs).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
kinds=${2:-200 304 405}
command -v valgrind >/dev/null || { echo "valgrind is required" >&2; exit 1; }
cargo bench --bench server --no-run >/dev/null 2>&1
bin=$(ls -t "${CARGO_TARGET_DIR:-target}"/release/deps/server-* | grep -v '\.d$' | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions the server executed for `requests` requests of `kind` over `protocol`.
count() {
  local stack=$1 protocol=$2 kind=$3 requests=$4
  rm -f "$work/port"
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" server "$stack" "$protocol" "$work/port" \
    >"$work/server.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
  "$bin" client "$protocol" "$kind" "$requests" "$(cat "$work/port")"
  wait "$server"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/server.log"
}
per_request() {
  local small large
  small=$(count "$1" "$2" "$3" "$n")
  large=$(count "$1" "$2" "$3" $((11 * n)))
  echo $(((large - small) / (10 * n)))
}

printf '%-6s %-4s %8s %9s %9s %10s %12s %8s %12s %13s\n' proto req bare 'trace +' 'new +' 'observe +' \
  'trace+new +' 'new/trace' 'trace@info +' 'trace@debug +'
for protocol in h1 h2; do
  for kind in $kinds; do
    bare=$(per_request bare "$protocol" "$kind")
    trace=$(per_request trace "$protocol" "$kind")
    new=$(per_request new "$protocol" "$kind")
    observe=$(per_request observe "$protocol" "$kind")
    both=$(per_request trace_new "$protocol" "$kind")
    info=$(per_request trace_info "$protocol" "$kind")
    debug=$(per_request trace_debug "$protocol" "$kind")
    printf '%-6s %-4s %8d %9d %9d %10d %12d %7d%% %12d %13d\n' "$protocol" "$kind" "$bare" \
      $((trace - bare)) $((new - bare)) $((observe - bare)) $((both - bare)) \
      $(((new - bare) * 100 / (trace - bare))) $((info - bare)) $((debug - bare))
  done
done
