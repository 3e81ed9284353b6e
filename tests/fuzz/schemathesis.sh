#!/usr/bin/env bash
# Property-based fuzzing of the HTTP API with schemathesis, from the served OpenAPI document:
# every operation gets generated valid and invalid requests (bodies, parameters, headers), and
# each answer is checked: no 5xx, status documented, content type and body matching the
# documented schema, schema-violating requests refused, auth enforced. The server must still
# answer /api/healthz afterwards and have logged no internal error.
#
#   tests/fuzz/schemathesis.sh [EXAMPLES=25] [SEED]   # CI: 25 per operation, deterministic
#   tests/fuzz/schemathesis.sh 500 $RANDOM            # a longer, random run on demand
#
# Settings in tests/fuzz/schemathesis.toml: 413 counts as a rejection, and
# "positive_data_acceptance" (a schema-valid request must succeed) is off: many valid shapes
# are refused for reasons a schema cannot express (ids that must exist in this workspace,
# signed cursors, signatures, approval tokens), and those refusals are correct.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
EXAMPLES=${1:-25}
# No seed: deterministic generation (CI, reproducible). A seed: random generation from it.
SEED=${2:-}
BIN=${CLAWB_BIN:-$ROOT/.build/debug}
install_packages "${BUILD_PACKAGES[@]}" python3 curl
python3 -m pip --version >/dev/null 2>&1 || install_packages python3-pip
command -v st >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages schemathesis 2>/dev/null \
  || python3 -m pip install -q schemathesis
if [ ! -x "$BIN/clawbd" ] || [ ! -x "$BIN/clawb" ]; then (cd "$ROOT" && swift build --product clawbd && swift build --product clawb); fi
BIN="$(cd "$BIN" && pwd)"

source "$ROOT/scripts/server.sh"
scratch_work
PORT=$(free_port)
start_clawbd
workspace_with_agent fuzz live

# The workspace key goes in X-Clawb-Api-Key (workspace routes prefer it), the operator token in
# Authorization (operator routes read only that), so every operation is reachable.
set +e
# From the scratch directory: schemathesis keeps a cache (.schemathesis/) in its working directory.
cd "$WORK"
st --config-file "$ROOT/tests/fuzz/schemathesis.toml" run "http://127.0.0.1:$PORT/api/openapi.json" \
  --max-examples "$EXAMPLES" $([ -n "$SEED" ] && echo "--seed $SEED" || echo --generation-deterministic) \
  -H "X-Clawb-Api-Key: $KEY" -H "Authorization: Bearer $ADMIN_TOKEN" --no-color > "$WORK/st.log" 2>&1
STATUS=$?
set -e
# Lines are cut: a failing example's curl line can be 100 KB of generated JSON.
tail -30 "$WORK/st.log" | cut -c1-300
if [ $STATUS -ne 0 ]; then
  echo "schemathesis found failures:" >&2
  grep -E "^_{3,}|^- ST|^    [A-Za-z].*" "$WORK/st.log" | cut -c1-300 | head -80 >&2
fi
curl -sf "http://127.0.0.1:$PORT/api/healthz" >/dev/null || { echo "clawbd stopped answering" >&2; exit 1; }
kill -0 "$SERVER_PID" || { echo "clawbd died" >&2; exit 1; }
if grep -q '"internal_error"\|request.internal_error' "$WORK/clawbd.log"; then
  echo "clawbd logged an internal error:" >&2; grep 'internal_error' "$WORK/clawbd.log" | head -5 >&2; exit 1
fi
REQUESTS=$(curl -s "http://127.0.0.1:$PORT/api/metrics" | awk '/^clawb_http_requests_total/ {s += $2} END {print s}')
FIVE=$(curl -s "http://127.0.0.1:$PORT/api/metrics" | awk '/^clawb_http_requests_total.*status="5/ {s += $2} END {print s+0}')
echo "schemathesis: $EXAMPLES examples per operation, seed ${SEED:-deterministic}: $REQUESTS requests served, $FIVE answered 5xx"
[ "$FIVE" -eq 0 ] || exit 1
exit $STATUS
