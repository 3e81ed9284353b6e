# Shared by the soak and fault suites: a release clawbd on a fixed data directory that can be
# killed and restarted, and a workspace with a mapped agent to load.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
source "$ROOT/scripts/server.sh"
install_packages "${BUILD_PACKAGES[@]}" python3 curl sqlite3
release_build
WORK=${SOAK_WORK:-$(mktemp -d)}
mkdir -p "$WORK"
PORT=$(free_port)
trap 'stop_clawbd; [ -n "${SOAK_KEEP:-}" ] || rm -rf "$WORK"' EXIT

# start_server: clawbd with its rate limits out of the way of the load; its pid also in
# $WORK/clawbd.pid, where tests/soak/load.py samples its RSS.
start_server() {
  start_clawbd CLAWB_MINT_RATE_PER_MINUTE=10000000 CLAWB_FEEDBACK_RATE_PER_MINUTE=10000000 \
    CLAWB_INTROSPECT_RATE_PER_MINUTE=100000000
  echo "$SERVER_PID" > "$WORK/clawbd.pid"
}

setup_workspace() { workspace_with_agent soak live; }
