#!/usr/bin/env bash
# The public "workspace control plane" tutorial (../shared/seed/workspace-control-plane-tutorial.txt),
# every step run with curl exactly as written, against a fresh clawbd, each answer's shape checked.
#
#   examples/tutorial.sh              # builds if needed, starts its own server on a free port
#   CLAWB_BIN=.build/debug examples/tutorial.sh   # uses already-built clawbd and clawb
#
# The tutorial assumes an existing workspace key and agent: the script makes them with the CLI
# (`clawb admin workspace create`, `clawb agent bootstrap`) and puts them where the tutorial
# says "ck_test_replace_me" and "agt_01replace". Step 6's "<base64-hmac>" and its example
# timestamp and nonce are replaced by a real signature (reference.md §4.2), since a fixed
# timestamp from 2025 is outside the ±300 s window. Exit 0 when every step answered as
# documented; otherwise the first difference is printed and the exit is 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN=${CLAWB_BIN:-}
if [ -z "$BIN" ]; then
  (cd "$ROOT" && swift build --product clawbd >&2 && swift build --product clawb >&2)
  BIN="$ROOT/.build/debug"
fi
BIN="$(cd "$BIN" && pwd)"

source "$ROOT/scripts/server.sh"
scratch_work
PORT=$(free_port)
start_clawbd

fail() { echo "tutorial: $*" >&2; exit 1; }
# check STEP JSON PYTHON-EXPRESSION: the expression, over `r` (the parsed answer), must be true.
check() {
  python3 - "$1" "$2" "$3" <<'PY' || exit 1
import json, sys
step, text, expression = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    r = json.loads(text)
except ValueError:
    sys.exit(f"tutorial: {step}: not JSON: {text[:300]}")
if not eval(expression, {"r": r}):
    sys.exit(f"tutorial: {step}: expected {expression}\n  got {text[:600]}")
print(f"ok  {step}")
PY
}

# Prerequisites: a workspace key and an agent, made with the CLI.
export CLAWB_ADMIN_TOKEN=$ADMIN_TOKEN
KEY=$("$BIN/clawb" admin workspace create --name tutorial --mode test --json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
AGENT=$(cd "$WORK" && "$BIN/clawb" agent bootstrap --name payments-bot --key "$WORK/agent.key")
[[ $KEY == ck_test_* && $AGENT == agt_* ]] || fail "prerequisites: key '$KEY', agent '$AGENT'"
unset CLAWB_ADMIN_TOKEN

# Step 1: setup client objects (the base URL is this server's).
export CLAWB_API_KEY="$KEY"

# Step 2: upsert workspace mapping
OUT=$(curl -sS -X POST "$CLAWB_BASE_URL/v1/workspace/agents/upsert" \
  -H "Content-Type: application/json" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY" \
  -d '{
    "external_agent_key":"internal:payments-bot",
    "agent_id":"'"$AGENT"'",
    "display_name":"Payments automation bot",
    "labels":["prod","payments"],
    "environment":"prod",
    "source":"workspace_api",
    "status":"active"
  }')
check "step 2 upsert" "$OUT" "r['ok'] is True and r['item']['external_agent_key'] == 'internal:payments-bot' \
  and r['item']['agent_id'] == '$AGENT' and r['item']['environment'] == 'prod' and r['item']['status'] == 'active' \
  and r['item']['labels'] == ['prod', 'payments'] and r['item']['display_name'] == 'Payments automation bot'"

# Step 3: mint short-lived credential
OUT=$(curl -sS -X POST "$CLAWB_BASE_URL/v1/identity/credentials/mint" \
  -H "Content-Type: application/json" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY" \
  -d '{
    "agent_id":"'"$AGENT"'",
    "provider":"sendgrid",
    "audience":"clawb.provider",
    "ttl_seconds":300,
    "one_time":true,
    "scopes":["email:send"],
    "token_type":"jwt"
  }')
check "step 3 mint" "$OUT" "r['ok'] is True and r['credential']['cred_id'].startswith('crd_') \
  and r['credential']['token_type'] == 'jwt' and r['credential']['one_time'] is True \
  and r['credential']['expires_at'].endswith('Z') and r['credential']['token'].count('.') == 2"
TOKEN=$(echo "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["credential"]["token"])')

# Step 4: query audit events
OUT=$(curl -sS "$CLAWB_BASE_URL/v1/workspace/audit/events?limit=20" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY")
check "step 4 audit events" "$OUT" "r['ok'] is True and 'next_cursor' in r and len(r['items']) >= 3 \
  and all(e['event_id'].startswith('evt_') and e['created_at'].endswith('Z') for e in r['items']) \
  and [e['event_type'] for e in r['items']][:2] == ['credential_minted', 'agent_mapping_upserted']"

# Step 5: incident response controls
OUT=$(curl -sS -X POST "$CLAWB_BASE_URL/v1/identity/kill-switch/minting" \
  -H "Content-Type: application/json" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY" \
  -d '{"paused":true,"reason":"incident INC-42"}')
check "step 5 pause minting" "$OUT" "r['ok'] is True and r['minting_paused'] is True and r['reason'] == 'incident INC-42'"

OUT=$(curl -sS -X POST "$CLAWB_BASE_URL/v1/identity/kill-switch/revoke-all" \
  -H "Content-Type: application/json" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY" \
  -d '{"reason":"incident INC-42"}')
check "step 5 revoke-all" "$OUT" "r['ok'] is True and r['all_credentials_revoked_at'].endswith('Z')"

OUT=$(curl -sS "$CLAWB_BASE_URL/v1/identity/kill-switch/status" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY")
check "step 5 status" "$OUT" "r['minting_paused'] is True and r['all_credentials_revoked_at'].endswith('Z')"
# What the controls did: the step 3 credential is inactive, minting is refused.
OUT=$(curl -sS -X POST "$CLAWB_BASE_URL/v1/identity/introspect" -H "Content-Type: application/json" \
  -d '{"token":"'"$TOKEN"'"}')
check "step 5 effect: revoked" "$OUT" "r == {'active': False}"
OUT=$(curl -sS -X POST "$CLAWB_BASE_URL/v1/identity/credentials/mint" -H "Content-Type: application/json" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY" -d '{"agent_id":"'"$AGENT"'"}')
check "step 5 effect: paused" "$OUT" "r['error'] == 'minting_paused'"

# Step 6: submit reputation feedback (signed for real: HMAC-SHA256 keyed with SHA-256(api key)
# over "timestamp\nnonce\nsha256(body)").
BODY='{
    "agent_id":"'"$AGENT"'",
    "verdict":"bad",
    "evidence":{"reason":"repeated invalid_signature attempts"}
  }'
TIMESTAMP=$(python3 -c 'import time; print(int(time.time() * 1000))')
NONCE="n_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SIGNATURE=$(python3 - "$CLAWB_API_KEY" "$TIMESTAMP" "$NONCE" "$BODY" <<'PY'
import base64, hashlib, hmac, sys
key, timestamp, nonce, body = sys.argv[1:5]
message = f"{timestamp}\n{nonce}\n{hashlib.sha256(body.encode()).hexdigest()}".encode()
print(base64.b64encode(hmac.new(hashlib.sha256(key.encode()).digest(), message, hashlib.sha256).digest()).decode())
PY
)
OUT=$(curl -sS -X POST "$CLAWB_BASE_URL/v1/reputation/feedback" \
  -H "Content-Type: application/json" \
  -H "X-Clawb-Api-Key: $CLAWB_API_KEY" \
  -H "X-Clawb-Feedback-Timestamp: $TIMESTAMP" \
  -H "X-Clawb-Feedback-Nonce: $NONCE" \
  -H "X-Clawb-Feedback-Signature: $SIGNATURE" \
  -d "$BODY")
check "step 6 feedback" "$OUT" "r['ok'] is True and r['accepted'] is True and r['received_at'].endswith('Z')"

OUT=$(curl -sS "$CLAWB_BASE_URL/v1/workspace/audit/verify" -H "X-Clawb-Api-Key: $CLAWB_API_KEY")
check "audit chain intact" "$OUT" "r['intact'] is True and r['events_checked'] >= 7"
echo "tutorial: every step answered as documented"
