# Sourced after scripts/lib.sh by every script that runs a clawbd of its own (bench/, tests/soak,
# tests/fuzz, examples/tutorial.sh): one place that starts it on a scratch data directory, waits
# until it answers (or stops the script), and gives it a workspace with a mapped agent.
#
# Set before calling, or with the helpers below: BIN (the folder holding clawbd and clawb;
# release_build), WORK (a scratch folder; scratch_work), PORT (free_port or a fixed one).
# Sets: ADMIN_TOKEN (at once), CLAWB_BASE_URL (exported) and SERVER_PID (start_clawbd), and
# KEY, WS and AGENT (workspace_with_agent).

ADMIN_TOKEN="script-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# release_build: builds clawbd and clawb in release mode and points BIN at them.
release_build() {
  (cd "$ROOT" && swift build -c release --product clawbd >&2 && swift build -c release --product clawb >&2)
  BIN="$ROOT/.build/release"
}

# scratch_work: a new scratch folder in WORK, removed when the script exits, after clawbd is
# stopped. Scripts that clean up more (nginx, kept logs) set their own trap instead.
scratch_work() {
  WORK=$(mktemp -d)
  trap 'stop_clawbd; rm -rf "$WORK"' EXIT
}

# free_port: a loopback TCP port nobody listens on now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_clawbd [NAME=VALUE ...]: starts $BIN/clawbd on $WORK/data at 127.0.0.1:$PORT with these
# settings added, appending its log to $WORK/clawbd.log; returns once /api/healthz answers, and
# ends the script, with the log's last lines, when it has not within 10 s or clawbd exited.
start_clawbd() {
  env "$@" CLAWB_ADMIN_TOKEN="$ADMIN_TOKEN" CLAWB_DATA_DIR="$WORK/data" CLAWB_LISTEN="127.0.0.1:$PORT" \
    CLAWB_BOOTSTRAP=false "$BIN/clawbd" >/dev/null 2>>"$WORK/clawbd.log" &
  SERVER_PID=$!
  export CLAWB_BASE_URL="http://127.0.0.1:$PORT/api"
  for _ in $(seq 200); do
    curl -sf "$CLAWB_BASE_URL/healthz" >/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "clawbd did not start; the end of its log:" >&2
  tail -5 "$WORK/clawbd.log" >&2
  exit 1
}

# stop_clawbd: SIGTERM (clawbd finishes what it is doing), then waits for it to exit.
stop_clawbd() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

# workspace_with_agent NAME MODE [options of `clawb agents map`]: a workspace (mode live or
# test) made with the CLI, and an agent (its key in $WORK/bot.key) mapped there under the
# external key NAME.
workspace_with_agent() {
  local name=$1 mode=$2 created
  shift 2
  created=$(CLAWB_ADMIN_TOKEN=$ADMIN_TOKEN "$BIN/clawb" admin workspace create --name "$name" --mode "$mode" --json)
  KEY=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])' <<<"$created")
  WS=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["workspace"]["workspace_id"])' <<<"$created")
  AGENT=$(cd "$WORK" && CLAWB_ADMIN_TOKEN=$ADMIN_TOKEN "$BIN/clawb" agent bootstrap --name "$name-bot" \
    --key "$WORK/bot.key" 2>/dev/null)
  CLAWB_API_KEY=$KEY "$BIN/clawb" agents map --external-key "$name" --agent "$AGENT" "$@" >/dev/null
}
