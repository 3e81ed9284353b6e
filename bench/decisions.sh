#!/usr/bin/env bash
# Request-time decisions at CONNECTIONS connections, beside GET /api/v1/workspace in the same
# run: POST /v1/check against a 20-rule policy (the request falls through all 20 rules to the
# default, the worst case), each decision audited before the answer; POST /v1/verify of
# pre-signed requests, each with its own nonce (consumed) and its audit event.
#
#   bench/decisions.sh [SECONDS=10] [CONNECTIONS=32]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
DURATION=${1:-10}
CONNECTIONS=${2:-32}
install_packages "${BUILD_PACKAGES[@]}" wrk curl python3 python3-cryptography sqlite3
cd "$ROOT"
source "$ROOT/scripts/server.sh"
release_build
scratch_work
PORT=18195
start_clawbd CLAWB_VERIFY_RATE_PER_MINUTE=100000000
workspace_with_agent bench live --label support --environment prod

# 20 rules, none of which matches the benchmarked request: every rule is evaluated.
python3 - "$WORK/policy.json" <<'PY'
import json, sys
rules = []
for i in range(20):
    rules.append({"id": f"r{i}", "action": "refund" if i % 2 else "*", "labels": ["support"],
                  "conditions": [{"path": "amount", "op": "gt", "value": 10000 + i},
                                 {"path": "customer.tier", "op": "in", "value": ["gold", "platinum"]}],
                  "decision": "deny" if i % 3 else "challenge", "reasons": [f"rule_{i}"]})
json.dump({"default": "allow", "rules": rules}, open(sys.argv[1], "w"))
PY
curl -sf -X PUT "$CLAWB_BASE_URL/v1/policies/pol_bench" -H "X-Clawb-Api-Key: $KEY" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/policy.json" >/dev/null
cat > "$WORK/check.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"agent_id":"$AGENT","policy_id":"pol_bench","action":"refund","context":{"amount":50,"currency":"EUR","customer":{"tier":"silver"}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Clawb-Api-Key"] = "$KEY"
LUA
echo "check answers: $(curl -s -X POST "$CLAWB_BASE_URL/v1/check" -H "X-Clawb-Api-Key: $KEY" -H 'Content-Type: application/json' \
  -d "{\"agent_id\":\"$AGENT\",\"policy_id\":\"pol_bench\",\"action\":\"refund\",\"context\":{\"amount\":50,\"customer\":{\"tier\":\"silver\"}}}")"

summary() { grep -E "Requests/sec| 99% |Non-2xx" | tr -s ' ' | paste -sd ' '; }
echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s, release build, defaults (synchronous=FULL)"
echo "baseline GET /v1/workspace: $(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "X-Clawb-Api-Key: $KEY" \
  "http://127.0.0.1:$PORT/api/v1/workspace" | summary)"
echo "check (20 rules): $(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/check.lua" \
  "http://127.0.0.1:$PORT/api/v1/check" | summary)"
python3 "$ROOT/bench/sign_verify.py" "$WORK/bot.key" "$AGENT" $((DURATION * 12000)) > "$WORK/verify.txt"
echo "verify: $(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/bodies.lua" "http://127.0.0.1:$PORT" \
  -- "$WORK/verify.txt" 2 "$KEY" /api/v1/verify | summary)"
DB="$WORK/data/clawb.sqlite3"
echo "policy_check events: $(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_events WHERE event_type='policy_check'"), signature_verified: $(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_events WHERE event_type='signature_verified' AND decision='valid'") valid / $(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_events WHERE event_type='signature_verified' AND decision='invalid'") invalid"
