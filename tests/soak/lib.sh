# Shared by the soak and fault suites: a release clawbd on a fixed data directory that can be
# killed and restarted, and a workspace with a mapped agent to load.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
install_packages "${BUILD_PACKAGES[@]}" python3 curl sqlite3
(cd "$ROOT" && swift build -c release --product clawbd >&2 && swift build -c release --product clawb >&2)
BIN="$ROOT/.build/release"
WORK=${SOAK_WORK:-$(mktemp -d)}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
ADMIN_TOKEN="soak-admin-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export CLAWB_BASE_URL="http://127.0.0.1:$PORT/api"

start_server() {
  CLAWB_ADMIN_TOKEN=$ADMIN_TOKEN CLAWB_DATA_DIR="$WORK/data" CLAWB_LISTEN="127.0.0.1:$PORT" CLAWB_BOOTSTRAP=false \
    CLAWB_MINT_RATE_PER_MINUTE=10000000 CLAWB_FEEDBACK_RATE_PER_MINUTE=10000000 \
    CLAWB_INTROSPECT_RATE_PER_MINUTE=100000000 "$BIN/clawbd" >/dev/null 2>>"$WORK/clawbd.log" &
  SERVER_PID=$!
  echo "$SERVER_PID" > "$WORK/clawbd.pid"
  for _ in $(seq 200); do curl -sf "$CLAWB_BASE_URL/healthz" >/dev/null && return; sleep 0.05; done
  echo "clawbd did not start" >&2; exit 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; }
trap 'kill "${SERVER_PID:-}" 2>/dev/null; wait "${SERVER_PID:-}" 2>/dev/null; [ -n "${SOAK_KEEP:-}" ] || rm -rf "$WORK"' EXIT

setup_workspace() {
  KEY=$(CLAWB_ADMIN_TOKEN=$ADMIN_TOKEN "$BIN/clawb" admin workspace create --name soak --mode live --json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
  AGENT=$(cd "$WORK" && CLAWB_ADMIN_TOKEN=$ADMIN_TOKEN "$BIN/clawb" agent bootstrap --name soak-bot --key "$WORK/bot.key" 2>/dev/null)
  CLAWB_API_KEY=$KEY "$BIN/clawb" agents map --external-key soak --agent "$AGENT" >/dev/null
}
