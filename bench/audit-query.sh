#!/usr/bin/env bash
# Audit listing latency per filter (first and deep pages) and ndjson export rate, with
# EVENTS events in the measured workspace and NOISE other workspaces of NOISE_EACH events.
#
#   bench/audit-query.sh [EVENTS=1000000] [NOISE=10] [NOISE_EACH=100000]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
EVENTS=${1:-1000000}
NOISE=${2:-10}
NOISE_EACH=${3:-100000}
install_packages "${BUILD_PACKAGES[@]}" curl python3 sqlite3
cd "$ROOT"
swift build -c release --product clawbd >&2

WORK=$(mktemp -d)
PORT=18191
ADMIN_TOKEN="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start_server() {
  CLAWB_ADMIN_TOKEN=$ADMIN_TOKEN CLAWB_DATA_DIR=$WORK/data CLAWB_LISTEN=127.0.0.1:$PORT CLAWB_BOOTSTRAP=false \
    "$ROOT/.build/release/clawbd" >/dev/null 2>>"$WORK/clawbd.log" &
  SERVER_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/healthz" >/dev/null && return; sleep 0.1; done
  echo "clawbd did not start" >&2; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; }
trap 'kill "${SERVER_PID:-}" 2>/dev/null; rm -rf "$WORK"' EXIT

start_server
CREATED=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/admin/workspaces" -H "Authorization: Bearer $ADMIN_TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench","mode":"test"}')
KEY=$(echo "$CREATED" | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
WS=$(echo "$CREATED" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workspace"]["workspace_id"])')
stop_server

python3 "$ROOT/bench/seed_audit.py" "$WORK/data/clawb.sqlite3" "$WS" "$EVENTS" "$NOISE" "$NOISE_EACH"
START_MS=$(sqlite3 "$WORK/data/clawb.sqlite3" "SELECT MIN(created_at) FROM audit_events WHERE workspace_id='$WS' AND sequence > 2")
du -sh "$WORK/data" >&2
start_server
python3 "$ROOT/bench/audit_query_bench.py" 127.0.0.1 "$PORT" "$KEY" "$START_MS" "$EVENTS"
