# Sourced by the bench scripts that start servers: a scratch directory (`work`), the processes
# to stop (`pids`, each stopped on exit, however the script ends), and a free loopback port.
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
