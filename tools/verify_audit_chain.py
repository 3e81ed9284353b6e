#!/usr/bin/env python3
"""Recompute Clawb audit hash chains independently of the server's code, and name the first
broken link. From the database file, or from an ndjson export:

    python3 tools/verify_audit_chain.py data/clawb.sqlite3 [WORKSPACE_ID ...]
    python3 tools/verify_audit_chain.py --ndjson export.ndjson [--anchor HASH]

An export holds one workspace's events, oldest first. Its first event's prev_hash is where
it starts: 64 zeros for a whole chain, or the hash before the export's first event (for an
export filtered by time, or after retention); pass --anchor to require a specific one.

Exit status: 0 every chain intact, 1 a chain is broken, 2 usage or read error.
The canonical form is documented in docs/audit-chain.md.
"""
import hashlib
import json
import sqlite3
import sys

GENESIS = "0" * 64
COLUMNS = ("workspace_id, sequence, event_id, created_at, event_type, actor_type, actor_id, request_id, "
           "agent_id, action, decision, trace_id, policy_id, metadata, prev_hash, hash")


def rfc3339(ms):
    """Unix milliseconds as the server renders them: seconds precision unless ms != 0."""
    import datetime
    moment = datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if ms % 1000:
        text += ".%03d" % (ms % 1000)
    return text + "Z"


def canonical(row):
    (workspace_id, sequence, event_id, created_at, event_type, actor_type, actor_id, request_id,
     agent_id, action, decision, trace_id, policy_id, metadata, prev_hash, _hash) = row
    event = {
        "action": action,
        "actor": {"id": actor_id, "type": actor_type},
        "agent_id": agent_id,
        "created_at": rfc3339(created_at),
        "decision": decision,
        "event_id": event_id,
        "event_type": event_type,
        "metadata": json.loads(metadata),
        "policy_id": policy_id,
        "prev_hash": prev_hash,
        "request_id": request_id,
        "sequence": sequence,
        "trace_id": trace_id,
        "workspace_id": workspace_id,
    }
    event = {k: v for k, v in event.items() if v is not None}
    event["actor"] = {k: v for k, v in event["actor"].items() if v is not None}
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verify(db, workspace_id):
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    rows = db.execute(f"SELECT {COLUMNS} FROM audit_events WHERE workspace_id = ? ORDER BY sequence", (workspace_id,))
    for row in rows:
        sequence, event_id, prev_hash, stored_hash = row[1], row[2], row[14], row[15]
        problem = None
        if sequence != expected_seq:
            problem = "sequence_gap"
        elif prev_hash != expected_prev:
            problem = "prev_hash_mismatch"
        elif hashlib.sha256(canonical(row)).hexdigest() != stored_hash:
            problem = "hash_mismatch"
        if problem:
            return checked, expected_prev, (event_id, sequence, problem)
        checked, expected_prev, expected_seq = checked + 1, stored_hash, expected_seq + 1
    return checked, expected_prev, None


def canonical_from_export(event):
    """The canonical bytes of an exported event object (every field present, nulls included)."""
    body = {k: v for k, v in event.items() if k != "hash" and v is not None}
    body["actor"] = {k: v for k, v in event["actor"].items() if v is not None}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verify_ndjson(path, anchor):
    checked, expected_prev, expected_seq, workspace = 0, anchor, None, None
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            event = json.loads(line)
            if expected_prev is None:
                expected_prev = event["prev_hash"]
            if expected_seq is None:
                expected_seq, workspace = event["sequence"], event["workspace_id"]
            problem = None
            if event["workspace_id"] != workspace:
                problem = "mixed_workspaces"
            elif event["sequence"] != expected_seq:
                problem = "sequence_gap"
            elif event["prev_hash"] != expected_prev:
                problem = "prev_hash_mismatch"
            elif hashlib.sha256(canonical_from_export(event)).hexdigest() != event["hash"]:
                problem = "hash_mismatch"
            if problem:
                print(f"{workspace} BROKEN at event {event['event_id']} (sequence {event['sequence']}, line {number}): "
                      f"{problem}; {checked} events intact before it")
                return 1
            checked, expected_prev, expected_seq = checked + 1, event["hash"], expected_seq + 1
    print(f"{workspace} ok events_checked={checked} head={expected_prev}")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "--ndjson":
        anchor = argv[argv.index("--anchor") + 1] if "--anchor" in argv else None
        return verify_ndjson(argv[2], anchor)
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        db = sqlite3.connect(f"file:{argv[1]}?mode=ro", uri=True)
        workspaces = argv[2:] or [r[0] for r in db.execute("SELECT DISTINCT workspace_id FROM audit_events ORDER BY 1")]
    except sqlite3.Error as error:
        print(f"cannot read {argv[1]}: {error}", file=sys.stderr)
        return 2
    broken = False
    for workspace_id in workspaces:
        checked, head, link = verify(db, workspace_id)
        if link:
            broken = True
            print(f"{workspace_id} BROKEN at event {link[0]} (sequence {link[1]}): {link[2]}; {checked} events intact before it")
        else:
            print(f"{workspace_id} ok events_checked={checked} head={head}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
