#!/usr/bin/env bash
# Side by side, in one run: this crate's sweep, REDbot (with httplint, its rule library) and
# lint-http, on the planted app (`examples/planted.rs`) and on nginx serving a small site.
#
#   bash benches/compare.sh            # prints the findings per tool and the wall times
#
# Installs what is missing: REDbot from PyPI (pip), lint-http from crates.io (cargo install,
# into target/compare), nginx from Debian (apt-get). Each tool is given what it can take:
# - this crate: `sweep BASE PATH…` (its own requests; safe methods only);
# - REDbot: one run per URL (`redbot -o har URL`: a GET and its own conditional, range and
#   negotiation subrequests); its WARN and BAD notes are listed;
# - lint-http: a passive proxy, so it is given traffic: `lint-http run` around curl sending,
#   for each path, GET, HEAD, OPTIONS, and a GET replaying the ETag the first GET got (the
#   requests a browser and a developer poking with curl would send); its warn and error
#   findings (its report goes to stderr) are listed.
set -euo pipefail
cd "$(dirname "$0")/.."

REDBOT_VERSION=2.7.1
LINT_HTTP_VERSION=0.1.0
out=target/compare
mkdir -p "$out"

command -v redbot >/dev/null 2>&1 || pip install --quiet "redbot==$REDBOT_VERSION"
lint_http="$out/lint-http/bin/lint-http"
[ -x "$lint_http" ] || cargo install --quiet --locked lint-http --version "$LINT_HTTP_VERSION" --root "$out/lint-http"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt-get install -y -q nginx-light >/dev/null
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

cargo build --quiet --release --features cli --bin tower-status-conformance --example planted
ours=target/release/tower-status-conformance

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f} s')"; }

source benches/lib.sh

# The planted app.
planted_port=$(free_port)
target/release/examples/planted "127.0.0.1:$planted_port" >"$out/planted.log" &
pids+=($!)

# nginx, default static configuration, serving the site tests/all/cli.rs serves.
site="$out/nginx"
rm -rf "$site" && mkdir -p "$site/www/sub"
printf '<!doctype html><title>t</title>hello\n' >"$site/www/index.html"
printf 'plain text, thirty-one octets\n' >"$site/www/a.txt"
printf '<p>sub</p>\n' >"$site/www/sub/index.html"
nginx_port=$(free_port)
cat >"$site/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $PWD/$site/nginx.pid;
error_log $PWD/$site/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $PWD/$site/body;
  proxy_temp_path $PWD/$site/proxy;
  fastcgi_temp_path $PWD/$site/fastcgi;
  uwsgi_temp_path $PWD/$site/uwsgi;
  scgi_temp_path $PWD/$site/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $PWD/$site/www;
  }
}
EOF
"$nginx_bin" -c "$PWD/$site/nginx.conf" -e "$PWD/$site/error.log" &
pids+=($!)
sleep 1

planted_paths=(/ok /no-allow /head-drift /stale-304 /no-content-type /unauthorized /busy)
nginx_paths=(/ /index.html /a.txt /sub/ /sub /missing)

compare() {
  local name=$1 base=$2
  shift 2
  local paths=("$@")
  echo
  echo "=== $name ($base): ${paths[*]}"

  echo "--- tower-status-conformance $(git describe --always --dirty)"
  local start end
  start=$(now)
  "$ours" sweep "$base" "${paths[@]}" --json >"$out/$name.ours.json" 2>"$out/$name.ours.stderr" || true
  end=$(now)
  python3 - "$out/$name.ours.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for v in report["violations"]:
    culprit = f" (culprit: {v['culprit']['component']})" if v["culprit"] else ""
    print(f"  {v['route']}: {v['rule']} [{v['requirement']}]{culprit}")
print(f"  ({report['requests']} requests)")
PY
  echo "  wall time: $(elapsed "$start" "$end")"

  echo "--- REDbot $REDBOT_VERSION"
  start=$(now)
  for path in "${paths[@]}"; do
    redbot -o har "$base$path" >"$out/$name.redbot$(echo "$path" | tr '/' '_').har" 2>/dev/null || true
  done
  end=$(now)
  for path in "${paths[@]}"; do
    python3 - "$path" "$out/$name.redbot$(echo "$path" | tr '/' '_').har" <<'PY'
import json, sys
path, file = sys.argv[1], sys.argv[2]
try:
    har = json.load(open(file))
except Exception as e:
    print(f"  {path}: no HAR ({e})"); sys.exit()
for entry in har["log"]["entries"]:
    for note in entry.get("_red_messages", []):
        if note.get("level") in ("WARN", "BAD"):
            print(f"  {path}: {note['level']} {note['summary']}")
PY
  done
  echo "  wall time: $(elapsed "$start" "$end")"

  echo "--- lint-http $LINT_HTTP_VERSION"
  local script="$out/$name.curl.sh"
  {
    echo "set -u"
    for path in "${paths[@]}"; do
      echo "tag=\$(curl -s -D - -o /dev/null '$base$path' | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')"
      echo "curl -s -o /dev/null -I '$base$path'"
      echo "curl -s -o /dev/null -X OPTIONS '$base$path'"
      echo "[ -n \"\$tag\" ] && curl -s -o /dev/null -H \"If-None-Match: \$tag\" '$base$path'"
    done
    echo "true"
  } >"$script"
  start=$(now)
  "$lint_http" --color never --format json --min-severity warn run --all-hosts -- sh "$script" >"$out/$name.lint-http.stdout" 2>"$out/$name.lint-http.json" || true
  end=$(now)
  python3 - "$out/$name.lint-http.json" <<'PY'
import json, sys
from urllib.parse import urlsplit
report = json.load(open(sys.argv[1]))
found = {}
for finding in report.get("findings", []):
    path = urlsplit(finding.get("uri", "")).path
    for v in finding.get("violations", []):
        key = (path, v["violation"], v["severity"])
        found.setdefault(key, set()).add(finding.get("method", "?"))
for (path, violation, severity), methods in sorted(found.items()):
    print(f"  {path}: {violation} [{severity}] ({', '.join(sorted(methods))})")
if not found:
    print("  (nothing at warn or above)")
PY
  echo "  wall time: $(elapsed "$start" "$end")"
}

compare planted "http://127.0.0.1:$planted_port" "${planted_paths[@]}"
compare nginx "http://127.0.0.1:$nginx_port" "${nginx_paths[@]}"
