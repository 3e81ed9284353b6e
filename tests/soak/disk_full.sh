#!/usr/bin/env bash
# Disk full: clawbd's data directory on a 16 MiB tmpfs. Writes continue until the file system
# is full, then must be refused with 503 `storage_unavailable` and a clear message (never a
# 500, never a crash), while reads keep working; once space returns, writes succeed again and
# the audit chain still verifies. Needs root (it mounts a tmpfs).
#
#   tests/soak/disk_full.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "disk_full.sh mounts a tmpfs: run it as root" >&2; exit 2; }
mkdir -p "$WORK/data"
mount -t tmpfs -o size=16m tmpfs "$WORK/data"
trap 'kill "${SERVER_PID:-}" 2>/dev/null; wait "${SERVER_PID:-}" 2>/dev/null; umount "$WORK/data" 2>/dev/null; rm -rf "$WORK"' EXIT
start_server
setup_workspace
mint() {
  curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST "$CLAWB_BASE_URL/v1/identity/credentials/mint" \
    -H "X-Clawb-Api-Key: $KEY" -H 'Content-Type: application/json' -d "{\"agent_id\":\"$AGENT\"}"
}
# Fill the file system, leaving a few pages, then write until refused.
dd if=/dev/zero of="$WORK/data/filler" bs=64k 2>/dev/null || true
rm -f "$WORK/data/filler.small"; dd if=/dev/zero of="$WORK/data/filler.small" bs=4k count=1 2>/dev/null || true
accepted=0
for i in $(seq 2000); do
  status=$(mint)
  [ "$status" = 201 ] && { accepted=$((accepted + 1)); continue; }
  break
done
echo "after filling the disk: $accepted mints accepted, then HTTP $status: $(cat "$WORK/answer.json")"
[ "$status" = 503 ] || { echo "expected 503 when the disk is full" >&2; exit 1; }
python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); assert b["error"]=="storage_unavailable" and b["message"], b' \
  "$WORK/answer.json"
read_status=$(curl -s -o /dev/null -w '%{http_code}' "$CLAWB_BASE_URL/v1/workspace" -H "X-Clawb-Api-Key: $KEY")
health=$(curl -s -o /dev/null -w '%{http_code}' "$CLAWB_BASE_URL/healthz")
echo "while full: GET /v1/workspace $read_status, healthz $health"
[ "$read_status" = 200 ] && [ "$health" = 200 ] || { echo "reads must keep working while the disk is full" >&2; exit 1; }
grep -c '"error.code":"storage_unavailable"' "$WORK/clawbd.log" | sed 's/^/storage_unavailable warnings logged: /'

rm -f "$WORK/data/filler" "$WORK/data/filler.small"
status=$(mint)
echo "after freeing space: mint HTTP $status"
[ "$status" = 201 ] || { echo "writes must succeed again once space returns: $(cat "$WORK/answer.json")" >&2; exit 1; }
verify=$(curl -s "$CLAWB_BASE_URL/v1/workspace/audit/verify" -H "X-Clawb-Api-Key: $KEY")
echo "audit verify: $verify"
python3 -c 'import json,sys; assert json.loads(sys.argv[1])["intact"] is True' "$verify"
kill -0 "$SERVER_PID" && echo "disk full: refused with 503, reads served, recovered, chain intact"
