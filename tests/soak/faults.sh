#!/usr/bin/env bash
# The fault suite: the soak workload at RATE for MINUTES while clawbd is killed with SIGKILL at
# random moments (every 10-30 s) and restarted on the same data directory; then the ledger
# check proves every write acknowledged before a crash is present with its audit event, the
# audit chains verify, and no revoked credential became active.
#
#   tests/soak/faults.sh [MINUTES=5] [RATE=500] [SEED=$RANDOM]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MINUTES=${1:-5}
RATE=${2:-500}
SEED=${3:-$RANDOM}
RANDOM=$SEED
start_server
setup_workspace
echo "faults: $RATE requests/s for $MINUTES min, SIGKILL every 10-30 s (seed $SEED), data in $WORK/data" >&2
python3 "$ROOT/tests/soak/load.py" "$CLAWB_BASE_URL" "$KEY" "$AGENT" "$RATE" $((MINUTES * 60)) "$WORK/ledger.jsonl" \
  > "$WORK/summary.json" &
LOAD_PID=$!
KILLS=0
END=$((SECONDS + MINUTES * 60 - 5))
while [ $SECONDS -lt $END ] && kill -0 "$LOAD_PID" 2>/dev/null; do
  sleep $((10 + RANDOM % 21)).$((RANDOM % 10))
  [ $SECONDS -lt $END ] || break
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  KILLS=$((KILLS + 1))
  start_server
done
wait "$LOAD_PID"
python3 - "$WORK/summary.json" "$KILLS" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
ok = sum(o["ok"] for o in s["operations"].values())
errors = sum(o["error"] for o in s["operations"].values())
unavailable = sum(o["unavailable"] for o in s["operations"].values())
print(f"kills: {sys.argv[2]}; answered {ok}, refused {errors}, unavailable while down {unavailable}")
if s["errors"]:
    print("first refusals:", s["errors"])
sys.exit(1 if errors else 0)
PY
python3 "$ROOT/tests/soak/check_ledger.py" "$WORK/ledger.jsonl" "$WORK/data/clawb.sqlite3" "$CLAWB_BASE_URL"
