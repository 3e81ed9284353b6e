#!/usr/bin/env bash
# The soak suite: a mixed workload (mint, introspect, audit query, feedback, check, revoke) at
# a fixed rate for MINUTES against a release clawbd, with the server's RSS sampled every 10 s;
# then the ledger check (tests/soak/check_ledger.py): every acknowledged write present with its
# audit event, revoked credentials inactive, audit chains intact.
#
#   tests/soak/soak.sh [MINUTES=10] [RATE=1000]
#
# Passes when no request failed and the ledger check finds nothing lost; RSS is reported
# (start, after warm-up, each minute, end) with SQLite's own memory, for docs/benchmarks.md;
# memory is reported, not judged (a slow, decelerating growth is measured there).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MINUTES=${1:-10}
RATE=${2:-1000}
start_server
setup_workspace
echo "soak: $RATE requests/s for $MINUTES min against clawbd (release, defaults), data in $WORK/data" >&2
# SQLite's own allocation (clawb_sqlite_memory_bytes) each minute, to tell its page caches
# filling up from any other growth of the RSS.
( for _ in $(seq "$MINUTES"); do sleep 60
    curl -s "$CLAWB_BASE_URL/metrics" | awk '/^clawb_sqlite_memory_bytes/ {printf "%d ", $2 / 1024}'
  done > "$WORK/sqlite-memory.txt" ) &
SAMPLER_PID=$!
python3 "$ROOT/tests/soak/load.py" "$CLAWB_BASE_URL" "$KEY" "$AGENT" "$RATE" $((MINUTES * 60)) "$WORK/ledger.jsonl" \
  "$WORK/clawbd.pid" > "$WORK/summary.json"
wait "$SAMPLER_PID"
echo "SQLite memory KiB each minute: $(cat "$WORK/sqlite-memory.txt")"
python3 - "$WORK/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
total = sum(o["ok"] for o in s["operations"].values())
errors = sum(o["error"] + o["unavailable"] for o in s["operations"].values())
print(f"requests answered: {total} ({total / s['seconds']:.0f}/s), failed: {errors}")
for name, o in s["operations"].items():
    print(f"  {name:10} ok {o['ok']:>8}  errors {o['error']}  unavailable {o['unavailable']}  p50 {o['p50_ms']} ms  p99 {o['p99_ms']} ms")
rss = s["rss_kib"]
if rss:
    warm = [v for t, v in rss if t >= 60] or [v for _, v in rss]
    print(f"RSS KiB: first sample {rss[0][1]}, after 1 min {warm[0]}, max {max(v for _, v in rss)}, last {rss[-1][1]} ({len(rss)} samples)")
    print("RSS KiB each minute: " + ", ".join(str(v) for t, v in rss if t % 60 == 0))
if s["errors"]:
    print("first errors:", s["errors"])
sys.exit(1 if errors else 0)
PY
python3 "$ROOT/tests/soak/check_ledger.py" "$WORK/ledger.jsonl" "$WORK/data/clawb.sqlite3" "$CLAWB_BASE_URL"
