#!/usr/bin/env bash
# `pip install .` in a fresh virtual environment puts `tower-status-conformance` on its PATH
# (pyproject.toml: maturin builds the binary with the `cli` feature), and the installed command
# sweeps a running server — Python's http.server on 127.0.0.1:0 — and finds what
# `tests/all/cli.rs` finds on it. Run by `.ci/run`; needs python3 with venv, and PyPI for
# maturin. The server is stopped by its PID however the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=target/tmp/pip
rm -rf "$work"
mkdir -p "$work/site"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check .
installed="$work/venv/bin/tower-status-conformance"
[ -x "$installed" ] || { echo "pip install . did not install the command" >&2; exit 1; }
"$installed" --version

echo 'hello' > "$work/site/a.txt"
python3 -c '
import functools, http.server, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
print(server.server_address[1], flush=True)
server.serve_forever()
' "$work/site" > "$work/port" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  [ -s "$work/port" ] && break
  sleep 0.1
done
port=$(cat "$work/port")

set +e
"$installed" sweep "http://127.0.0.1:$port" / /a.txt --json > "$work/out" 2> "$work/err"
status=$?
set -e
cat "$work/out"
# Python's http.server breaks one rule, on its file (`/` is a generated listing without a
# date): it never evaluates If-Unmodified-Since (RFC 9110 §13.1.4; tests/all/cli.rs). Exit 1
# says the finding failed the run.
found=$(python3 -c 'import json, sys; print(" ".join(sorted((v["rule"] + "@" + v["route"]) for v in json.load(open(sys.argv[1]))["violations"])))' "$work/out" || true)
if [ "$status" -ne 1 ] || [ "$found" != "if-unmodified-since-failed-but-performed@/a.txt" ]; then
  echo "the installed command exited $status, finding: $found" >&2
  cat "$work/err" >&2
  exit 1
fi
echo "pip install . gives a working tower-status-conformance"
