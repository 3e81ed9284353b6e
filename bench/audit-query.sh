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
source "$ROOT/scripts/server.sh"
release_build
scratch_work
PORT=18191

start_clawbd
CREATED=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/admin/workspaces" -H "Authorization: Bearer $ADMIN_TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench","mode":"test"}')
KEY=$(echo "$CREATED" | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
WS=$(echo "$CREATED" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workspace"]["workspace_id"])')
stop_clawbd

python3 "$ROOT/bench/seed_audit.py" "$WORK/data/clawb.sqlite3" "$WS" "$EVENTS" "$NOISE" "$NOISE_EACH"
START_MS=$(sqlite3 "$WORK/data/clawb.sqlite3" "SELECT MIN(created_at) FROM audit_events WHERE workspace_id='$WS' AND sequence > 2")
du -sh "$WORK/data" >&2
start_clawbd
python3 "$ROOT/bench/audit_query_bench.py" 127.0.0.1 "$PORT" "$KEY" "$START_MS" "$EVENTS"
