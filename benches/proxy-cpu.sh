#!/usr/bin/env bash
# Where a proxy's time goes: the CPU seconds (user, system) one proxy process spends on
# 100 000 HTTP/1.1 requests (h2load, 64 connections, after 20 000 to warm up), read from
# /proc/PID/stat around the run, and the TCP connections opened meanwhile on the machine
# (`nstat TcpActiveOpens`: the 64 clients', plus each upstream connection a proxy opens). The
# upstream is nginx with one worker serving a small JSON file, as in benches/proxy.sh.
# Usage: bash benches/proxy-cpu.sh PROXY [IDLE]
#   PROXY: `nginx` (nginx `proxy_pass`, one worker, `keepalive IDLE`), or the path of a proxy
#   binary (run with `--threads 1 --upstream-idle-max IDLE`); IDLE defaults to 256.
#   (needs nginx, h2load and nstat: apt-get install -y nginx-light nghttp2-client iproute2)
set -euo pipefail
cd "$(dirname "$0")/.."
proxy=$1
idle=${2:-256}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
source benches/lib.sh

# nginx with one worker in the foreground, running `server_block`.
start_nginx() {
  local name=$1 server_block=$2
  mkdir -p "$work/$name"
  cat >"$work/$name/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1;
pid $work/$name/nginx.pid; error_log $work/$name/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $work/$name/b; proxy_temp_path $work/$name/p;
  fastcgi_temp_path $work/$name/f; uwsgi_temp_path $work/$name/u; scgi_temp_path $work/$name/s;
  $server_block }
EOF
  "$nginx" -c "$work/$name/nginx.conf" -e "$work/$name/error.log" &
  pids+=($!)
}

mkdir -p "$work/site"
printf '{"id":1,"name":"item","tags":["a","b","c"],"price":12.5}\n' >"$work/site/item.json"
upstream=$(free_port)
start_nginx upstream "server { listen 127.0.0.1:$upstream; root $work/site; default_type application/json; }"
port=$(free_port)
if [ "$proxy" = nginx ]; then
  start_nginx proxy "upstream origin { server 127.0.0.1:$upstream; keepalive $idle; }
    server { listen 127.0.0.1:$port; location / { proxy_pass http://origin;
      proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
else
  "$proxy" proxy --listen "127.0.0.1:$port" --upstream "http://127.0.0.1:$upstream" \
    --max-connections 4096 --threads 1 --upstream-idle-max "$idle" >/dev/null 2>&1 &
  pids+=($!)
fi
measured=${pids[-1]}
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/item.json" && break
  sleep 0.05
done
url="http://127.0.0.1:$port/item.json"
h2load --h1 -n 20000 -c 64 -t 1 "$url" >/dev/null 2>&1
ticks() { awk '{ print $14, $15 }' "/proc/$measured/stat"; }
nstat -n >/dev/null
read -r user0 system0 < <(ticks)
rate=$(h2load --h1 -n 100000 -c 64 -t 1 "$url" 2>/dev/null | awk '/^finished in/ { gsub(/,/, ""); print int($4) }')
read -r user1 system1 < <(ticks)
opened=$(nstat TcpActiveOpens | awk '/TcpActiveOpens/ { print $2 }')
hz=$(getconf CLK_TCK)
awk -v u=$((user1 - user0)) -v s=$((system1 - system0)) -v hz="$hz" -v r="$rate" -v o="${opened:-0}" -v p="$proxy" -v i="$idle" \
  'BEGIN { printf "%s (idle %s): %d req/s, user %.2f s, system %.2f s per 100 000 requests, %d TCP connections opened\n", p, i, r, u / hz, s / hz, o }'
