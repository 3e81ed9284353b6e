#!/usr/bin/env bash
# Accepted reputation feedback per second at CONNECTIONS connections (each request HMAC-signed,
# with a unique nonce, committed with its audit event before the answer), beside GET
# /api/v1/workspace in the same run as a baseline.
#
#   bench/feedback.sh [SECONDS=10] [CONNECTIONS=32] [HTTP_THREADS=$(nproc)] [SYNCHRONOUS=full]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
DURATION=${1:-10}
CONNECTIONS=${2:-32}
THREADS=${3:-$(nproc)}
SYNCHRONOUS=${4:-full}
install_packages "${BUILD_PACKAGES[@]}" wrk curl python3
cd "$ROOT"
source "$ROOT/scripts/server.sh"
release_build
WORK=$(mktemp -d)
PORT=18192
trap 'stop_clawbd; cp "$WORK/clawbd.log" /tmp/last-feedback-bench.log 2>/dev/null; rm -rf "$WORK"' EXIT
start_clawbd CLAWB_HTTP_THREADS="$THREADS" CLAWB_SQLITE_SYNCHRONOUS="$SYNCHRONOUS" CLAWB_FEEDBACK_RATE_PER_MINUTE=10000000
workspace_with_agent bench live

# Enough signed requests for the run at up to 20,000/s.
python3 "$ROOT/bench/sign_feedback.py" "$KEY" "$AGENT" $((DURATION * 20000)) > "$WORK/requests.txt"

echo "clawbd: $THREADS HTTP threads, synchronous=$SYNCHRONOUS; wrk -t2 -c$CONNECTIONS -d${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "X-Clawb-Api-Key: $KEY" "http://127.0.0.1:$PORT/api/v1/workspace" \
  | grep -E "Requests/sec|99%|Non-2xx" | sed 's/^/baseline GET \/v1\/workspace: /'
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/feedback.lua" "http://127.0.0.1:$PORT" \
  -- "$WORK/requests.txt" 2 "$KEY" | grep -E "Requests/sec|99%|Non-2xx|requests in" | sed 's/^/feedback: /'
ACCEPTED=$(sqlite3 "$WORK/data/clawb.sqlite3" "SELECT COUNT(*) FROM feedback" 2>/dev/null || echo "?")
EVENTS=$(sqlite3 "$WORK/data/clawb.sqlite3" "SELECT COUNT(*) FROM audit_events WHERE event_type='reputation_feedback'" 2>/dev/null || echo "?")
echo "stored feedback rows: $ACCEPTED, reputation_feedback events: $EVENTS"
