#!/usr/bin/env bash
# Load test of the cheapest authenticated call, GET /api/v1/workspace with a valid key,
# against nginx serving a static file of the same size on the same machine, in the same run.
# Rounds alternate between the two so drift on a noisy machine hits both alike.
#
#   bench/workspace-get.sh [ROUNDS=5] [SECONDS=10] [CONNECTIONS=32]
#
# Prints one line per round and a summary with medians and the ratio; writes raw wrk output
# to bench/results/.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ROUNDS=${1:-5}
DURATION=${2:-10}
CONNECTIONS=${3:-32}
install_packages "${BUILD_PACKAGES[@]}" wrk nginx-light curl python3
cd "$ROOT"
source "$ROOT/scripts/server.sh"
release_build
WORK=$(mktemp -d)
RESULTS="$ROOT/bench/results/workspace-get-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
PORT=18181
NGINX_PORT=18182
cleanup() {
  stop_clawbd
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

start_clawbd CLAWB_HTTP_THREADS="${CLAWB_HTTP_THREADS:-$(nproc)}" CLAWB_LOG_LEVEL="${CLAWB_LOG_LEVEL:-info}"
KEY=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/admin/workspaces" -H "Authorization: Bearer $ADMIN_TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench","mode":"test"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
# The baseline serves a file with exactly the bytes clawbd answers.
mkdir -p "$WORK/www"
curl -sf "http://127.0.0.1:$PORT/api/v1/workspace" -H "X-Clawb-Api-Key: $KEY" > "$WORK/www/workspace.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; keepalive_requests 1000000; }
}
CONF
chmod -R a+rX "$WORK"
nginx -c "$WORK/nginx.conf"
sleep 0.5

run_wrk() { # name url [header]
  local out="$RESULTS/$1-round$2.txt"
  if [ -n "${4:-}" ]; then
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$4" "$3" > "$out"
  else
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$3" > "$out"
  fi
  python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def ms(label):
    m = re.search(label + r"%\s+([\d.]+)(us|ms|s)\b", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rps:.0f} {ms('50'):.3f} {ms('99'):.3f} {errors.group(1) if errors else 0}")
PY
}

echo "round target rps p50_ms p99_ms non2xx"
for round in $(seq "$ROUNDS"); do
  echo "$round nginx $(run_wrk nginx "$round" "http://127.0.0.1:$NGINX_PORT/workspace.json")"
  echo "$round clawbd $(run_wrk clawbd "$round" "http://127.0.0.1:$PORT/api/v1/workspace" "X-Clawb-Api-Key: $KEY")"
done | tee "$RESULTS/summary.txt"

python3 - "$RESULTS/summary.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l[0].isdigit()]
def med(target, column):
    return statistics.median(float(r[column]) for r in rows if r[1] == target)
n_rps, c_rps = med("nginx", 2), med("clawbd", 2)
print(f"\nmedian rps: nginx {n_rps:.0f}, clawbd {c_rps:.0f}, ratio {c_rps / n_rps:.2f}")
print(f"median p50/p99 ms: nginx {med('nginx', 3):.3f}/{med('nginx', 4):.3f}, clawbd {med('clawbd', 3):.3f}/{med('clawbd', 4):.3f}")
print("non-2xx responses from clawbd:", sum(int(r[5]) for r in rows if r[1] == "clawbd"))
PY
echo "raw output: $RESULTS"
