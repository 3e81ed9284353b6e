#!/usr/bin/env bash
# Credential throughput at CONNECTIONS connections beside GET /api/v1/workspace in the same run:
# JWT mint, opaque mint (each committed with its audit event before the answer), introspection;
# then revoke-all with LIVE live credentials, and server memory with and without them.
#
#   bench/credentials.sh [SECONDS=10] [CONNECTIONS=32] [LIVE=1000000]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
DURATION=${1:-10}
CONNECTIONS=${2:-32}
LIVE=${3:-1000000}
install_packages "${BUILD_PACKAGES[@]}" wrk curl python3 sqlite3
cd "$ROOT"
source "$ROOT/scripts/server.sh"
release_build
scratch_work
PORT=18194
start_server() { start_clawbd CLAWB_MINT_RATE_PER_MINUTE=10000000 CLAWB_INTROSPECT_RATE_PER_MINUTE=100000000; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }

start_server
workspace_with_agent bench live
TOKEN=$(CLAWB_API_KEY=$KEY "$BIN/clawb" credentials mint --agent "$AGENT" --ttl 3600 2>/dev/null)

lua() { # method path body
  cat <<LUA
wrk.method = "$1"
wrk.body = '$3'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Clawb-Api-Key"] = "$KEY"
LUA
}
lua POST /api/v1/identity/credentials/mint "{\"agent_id\":\"$AGENT\",\"token_type\":\"jwt\",\"scopes\":[\"email:send\"]}" > "$WORK/jwt.lua"
lua POST /api/v1/identity/credentials/mint "{\"agent_id\":\"$AGENT\",\"token_type\":\"opaque\",\"scopes\":[\"email:send\"]}" > "$WORK/opaque.lua"
lua POST /api/v1/identity/introspect "{\"token\":\"$TOKEN\"}" > "$WORK/introspect.lua"

run() { # label script path
  if [ -n "$2" ]; then
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$2" "http://127.0.0.1:$PORT$3" > "$WORK/out.txt"
  else
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "X-Clawb-Api-Key: $KEY" "http://127.0.0.1:$PORT$3" > "$WORK/out.txt"
  fi
  echo "$1: $(grep Requests/sec "$WORK/out.txt" | awk '{print $2}') req/s, p99 $(grep ' 99%' "$WORK/out.txt" | awk '{print $2}'), non-2xx $(grep -c Non-2xx "$WORK/out.txt" | sed 's/0/0/') $(grep Non-2xx "$WORK/out.txt" | awk '{print $5}')"
}
echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s, release build, defaults (2 polling workers, synchronous=FULL)"
run "baseline GET /v1/workspace" "" /api/v1/workspace
run "mint jwt" "$WORK/jwt.lua" /api/v1/identity/credentials/mint
run "mint opaque" "$WORK/opaque.lua" /api/v1/identity/credentials/mint
run "introspect" "$WORK/introspect.lua" /api/v1/identity/introspect
echo "credentials stored: $(sqlite3 "$WORK/data/clawb.sqlite3" 'SELECT COUNT(*) FROM credentials'), credential_minted events: $(sqlite3 "$WORK/data/clawb.sqlite3" "SELECT COUNT(*) FROM audit_events WHERE event_type='credential_minted'")"

stop_clawbd
# Fresh server RSS with the credentials minted so far, then with LIVE more.
start_server; sleep 1; BEFORE=$(rss_kib); stop_clawbd
python3 "$ROOT/bench/seed_credentials.py" "$WORK/data/clawb.sqlite3" "$WS" "$AGENT" "$LIVE"
start_server; sleep 1; AFTER=$(rss_kib)
echo "server RSS at start: $BEFORE KiB before, $AFTER KiB after adding $LIVE live credentials"
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -w "revoke-all with $LIVE live credentials: %{time_total} s\n" -X POST "http://127.0.0.1:$PORT/api/v1/identity/kill-switch/revoke-all" \
    -H "X-Clawb-Api-Key: $KEY" -H 'Content-Type: application/json' -d '{"reason":"bench"}'
done
echo "introspect after revoke-all: $(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/identity/introspect" -H 'Content-Type: application/json' -d "{\"token\":\"$TOKEN\"}")"
