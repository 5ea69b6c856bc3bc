#!/usr/bin/env bash
# Requests per second through the linting `proxy` and through nginx's own `proxy_pass` (one
# worker, 256 idle upstream connections kept; the proxy with `--threads 1`), both in front of
# the same upstream (nginx, one worker, a small static JSON file), driven by h2load on loopback over HTTP/1.1 (PROTOCOL h1, the default) or
# HTTP/2 with prior knowledge (h2: one stream at a time per connection; both proxies speak
# HTTP/1.1 to the upstream); the two are measured in turn, ROUNDS times, so that drift on the
# machine hits both alike. A second proxy binary (BEFORE, e.g. one built from the commit
# before; "" for none) is measured in the same turns.
# Usage: bash benches/proxy.sh [ROUNDS] [REQUESTS] [CLIENTS] [BEFORE] [PROTOCOL]
#   (needs nginx and h2load: apt-get install -y nginx-light nghttp2-client)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
requests=${2:-100000}
clients=${3:-64}
before=${4:-}
protocol=${5:-h1}
case "$protocol" in
  h1) h2load_protocol=(--h1); listen_protocol= curl_protocol=--http1.1 ;;
  h2) h2load_protocol=(); listen_protocol=" http2" curl_protocol=--http2-prior-knowledge ;;
  *) echo "PROTOCOL is h1 or h2, not $protocol" >&2; exit 2 ;;
esac
for tool in nginx h2load; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is required" >&2; exit 1; }
done
nginx=$(command -v nginx || echo /usr/sbin/nginx)
cargo build --release --features cli --bin tower-status-conformance >/dev/null 2>&1
proxy="${CARGO_TARGET_DIR:-target}/release/tower-status-conformance"
source benches/lib.sh


# nginx with one worker, in the foreground, running `server_block` (its process id in `pids`).
start_nginx() {
  local name=$1 server_block=$2
  mkdir -p "$work/$name"
  cat >"$work/$name/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work/$name/nginx.pid;
error_log $work/$name/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/$name/body;
  proxy_temp_path $work/$name/proxy;
  fastcgi_temp_path $work/$name/fastcgi;
  uwsgi_temp_path $work/$name/uwsgi;
  scgi_temp_path $work/$name/scgi;
  keepalive_requests 1000000;
  $server_block
}
EOF
  "$nginx" -c "$work/$name/nginx.conf" -e "$work/$name/error.log" &
  pids+=($!)
}

# Waits until the port answers; the upstream (PROTOCOL h1 whatever the clients speak) is
# asked over HTTP/1.1.
wait_for() {
  for _ in $(seq 1 100); do
    curl -sf "${2:-$curl_protocol}" -o /dev/null "http://127.0.0.1:$1/item.json" && return 0
    sleep 0.05
  done
  echo "nothing answers on port $1" >&2
  exit 1
}

mkdir -p "$work/site"
printf '{"id":1,"name":"item","tags":["a","b","c"],"price":12.5}\n' >"$work/site/item.json"
upstream=$(free_port)
start_nginx upstream "server { listen 127.0.0.1:$upstream; root $work/site; default_type application/json; }"
wait_for "$upstream" --http1.1

peer=$(free_port)
# Its idle upstream connections: as many as the proxy keeps by default (256, its
# `--upstream-max-connections`). With nginx's documented `keepalive 32`, both proxies close
# and reopen about 20 000 upstream connections per 100 000 requests over 64 clients.
start_nginx peer "upstream origin { server 127.0.0.1:$upstream; keepalive 256; }
  server { listen 127.0.0.1:$peer$listen_protocol;
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
wait_for "$peer"

# Starts a proxy binary in front of the upstream, with the arguments after it; its port in
# `proxy_port`. Not called in a
# command substitution, so that its process id reaches `pids` and the trap stops it.
start_proxy() {
  local bin=$1
  proxy_port=$(free_port)
  "$bin" proxy --listen "127.0.0.1:$proxy_port" --upstream "http://127.0.0.1:$upstream" \
    --max-connections 4096 "${@:2}" >"$work/proxy-$proxy_port.out" 2>"$work/proxy-$proxy_port.err" &
  pids+=($!)
  wait_for "$proxy_port"
}
# One thread, as nginx runs one worker here.
start_proxy "$proxy" --threads 1
names=(nginx-proxy_pass proxy)
ports=("$peer" "$proxy_port")
if [ -n "$before" ]; then
  # A binary from before `--threads` runs tokio's scheduler with one worker, and is told to
# keep as many idle connections as the proxy now does by default.
  TOKIO_WORKER_THREADS=1 start_proxy "$before" --upstream-idle-max 256
  names+=(proxy-before)
  ports+=("$proxy_port")
fi

rps() {
  h2load "${h2load_protocol[@]}" -n "$requests" -c "$clients" -t 1 "http://127.0.0.1:$1/item.json" 2>/dev/null |
    awk '/^finished in/ { gsub(/,/, ""); print int($4) } /^requests:/ { if ($10 + $12 + $14 > 0) bad = 1 } END { if (bad) print "errors" > "/dev/stderr" }'
}

echo "h2load ${h2load_protocol[*]} -n $requests -c $clients ($protocol), ${rounds} rounds, $(date -u +%Y-%m-%d), $(nproc) cores"
declare -A results
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for i in "${!names[@]}"; do
    r=$(rps "${ports[$i]}")
    results[${names[$i]}]+="$r "
    line+=" ${names[$i]} $r req/s;"
  done
  echo "$line"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
peer_median=$(echo "${results[nginx-proxy_pass]}" | median)
for name in "${names[@]}"; do
  m=$(echo "${results[$name]}" | median)
  echo "$name: median $m req/s ($(awk -v a="$m" -v b="$peer_median" 'BEGIN { printf "%.2f", a / b }')× nginx proxy_pass)"
done
