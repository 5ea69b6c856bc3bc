#!/usr/bin/env bash
# Instructions per request added by each configuration, measured with callgrind:
# (I(11·N) − I(N)) / (10·N), so start-up and one-off costs cancel out.
# Usage: bash benches/instructions.sh [N] [hyper|stack|contract|lookups]   (needs valgrind: apt-get install -y valgrind)
# Honours CARGO_TARGET_DIR, so an older commit checked out with `git worktree` can be measured
# beside this one.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
command -v valgrind >/dev/null || { echo "valgrind is required" >&2; exit 1; }
# `contract`: the bench built with the `openapi` feature, to measure the contract's cost.
features=()
[ "${2:-}" = contract ] && features=(--features openapi)
cargo bench --bench instructions "${features[@]}" --no-run >/dev/null 2>&1
bin=$(ls -t "${CARGO_TARGET_DIR:-target}"/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_request() {
  local small large
  small=$(count "$1" "$n")
  large=$(count "$1" $((11 * n)))
  echo $(((large - small) / (10 * n)))
}
bare=$(per_request bare)
printf '%-16s %8s %8s\n' configuration instr added
printf '%-16s %8d %8s\n' bare "$bare" -
for config in if_not_present observe new every_rule repair_204; do
  total=$(per_request "$config")
  printf '%-16s %8d %8d\n' "$config" "$total" $((total - bare))
done

# `bash benches/instructions.sh N hyper`: the same measure on requests as hyper parses them
# (target and header values sliced from one buffer), per status, with the peer beside it.
if [ "${2:-}" = hyper ]; then
  echo
  # `floor +`: a layer that only walks both header maps and keeps the target (no rule), the
  # least any implementation of these checks pays.
  # `framing +`: only rules that read no request field, so the request's fields are not walked.
  printf '%-8s %8s %8s %8s %8s %9s\n' status bare 'peer +' 'floor +' 'new +' 'framing +'
  for status in 200 204 304 405 429 head; do
    b=$(per_request "hyper_bare_$status")
    p=$(per_request "hyper_peer_$status")
    f=$(per_request "hyper_floor_$status")
    w=$(per_request "hyper_new_$status")
    r=$(per_request "hyper_framing_$status")
    printf '%-8s %8d %8d %8d %8d %9d\n' "$status" "$b" $((p - b)) $((f - b)) $((w - b)) $((r - b))
  done
  # The 200 again, from a handler whose future holds 512 bytes across an await (an async
  # handler's state machine) instead of a ready response alone.
  b=$(per_request hyper_bigbare_200)
  p=$(per_request hyper_bigpeer_200)
  w=$(per_request hyper_bignew_200)
  printf '%-8s %8d %8d %8s %8d %9s\n' 200/512 "$b" $((p - b)) - $((w - b)) -
fi

# `bash benches/instructions.sh N stack`: this layer's share of a realistic stack (TraceLayer,
# this layer, CompressionLayer, a 200 handler) on a request that accepts gzip.
if [ "${2:-}" = stack ]; then
  bare=$(per_request hyper_bare_200)
  without=$(per_request stack_bare)
  with=$(per_request stack_new)
  echo
  printf 'handler alone %d, stack without this layer %d, with it %d: this layer adds %d (%d%% of the stack)\n' \
    "$bare" "$without" "$with" $((with - without)) $(((with - without) * 100 / (with - bare)))
fi

# `bash benches/instructions.sh N lookups`: one look-up of a response field (the last of a map
# of 1 to 12 names) by walking the map's lines, or by hashing (`HeaderMap::get_all`): where
# `syntax::lines` stops walking.
if [ "${2:-}" = lookups ]; then
  echo
  printf '%-6s %8s %8s\n' names walk hash
  for names in 1 2 4 6 8 10 12; do
    none=$(per_request "lookup_none_$names")
    walk=$(per_request "lookup_walk_$names")
    hash=$(per_request "lookup_hash_$names")
    printf '%-6s %8d %8d\n' "$names" $((walk - none)) $((hash - none))
  done
fi

# `bash benches/instructions.sh N contract`: with the `openapi` feature, what `new()` adds per
# status without a contract (the feature alone) and with one that documents every status.
if [ "${2:-}" = contract ]; then
  echo
  printf '%-8s %8s %8s %11s\n' status bare 'new +' 'contract +'
  for status in 200 304 405 429 head; do
    b=$(per_request "hyper_bare_$status")
    w=$(per_request "hyper_new_$status")
    c=$(per_request "hyper_contract_$status")
    printf '%-8s %8d %8d %11d\n' "$status" "$b" $((w - b)) $((c - b))
  done
fi
