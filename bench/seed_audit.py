#!/usr/bin/env python3
"""Seed a clawbd SQLite database with audit events for benchmarks, written independently of
the server (hashes computed like tools/verify_audit_chain.py), so that the server's own
verification of them also cross-checks the canonical form.

    python3 bench/seed_audit.py DB WORKSPACE_ID EVENTS [NOISE_WORKSPACES] [NOISE_EVENTS_EACH]

The database must have been created by clawbd (schema in place) with the workspace existing;
the server must be stopped. Noise workspaces are created with their events.
"""
import hashlib
import json
import sqlite3
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/tools")
from verify_audit_chain import rfc3339  # noqa: E402

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def ulid(ms, counter):
    value = (ms << 80) | (counter & ((1 << 80) - 1))
    return "".join(CROCKFORD[(value >> (5 * (25 - i))) & 31] for i in range(26))


def canonical(event):
    body = {k: v for k, v in event.items() if v is not None}
    body["actor"] = {k: v for k, v in event["actor"].items() if v is not None}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def seed(db, workspace, count, start_ms, counter_base):
    row = db.execute("SELECT MAX(sequence), hash FROM audit_events WHERE workspace_id = ? "
                     "AND sequence = (SELECT MAX(sequence) FROM audit_events WHERE workspace_id = ?)",
                     (workspace, workspace)).fetchone()
    sequence, prev = (row[0] or 0), (row[1] or "0" * 64)
    decisions, actions = ["allow", "deny", "challenge"], ["refund", "deploy", "send_email", "search"]
    batch = []
    for index in range(count):
        sequence += 1
        created = start_ms + index * 10  # 100 events a second of history
        event = {
            "action": actions[index % 4], "actor": {"id": None, "type": "anonymous"}, "agent_id": f"agt_{index % 1000:04d}",
            "created_at": rfc3339(created), "decision": decisions[index % 3],
            "event_id": "evt_" + ulid(created, counter_base + index), "event_type": "policy_check",
            "metadata": {"n": index}, "policy_id": "pol_default", "prev_hash": prev, "request_id": f"req_{index}",
            "sequence": sequence, "trace_id": f"trc_{counter_base + index:012d}", "workspace_id": workspace,
        }
        digest = hashlib.sha256(canonical(event)).hexdigest()
        batch.append((workspace, sequence, event["event_id"], created, "policy_check", "anonymous", None, event["request_id"],
                      event["agent_id"], event["action"], event["decision"], event["trace_id"], "pol_default",
                      json.dumps(event["metadata"], separators=(",", ":")), prev, digest))
        prev = digest
        if len(batch) == 20000:
            db.executemany("INSERT INTO audit_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    if batch:
        db.executemany("INSERT INTO audit_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)


def main(argv):
    path, workspace, count = argv[1], argv[2], int(argv[3])
    noise, noise_each = (int(argv[4]), int(argv[5])) if len(argv) > 5 else (0, 0)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    start = int(time.time() * 1000) - count * 10 - 60_000
    began = time.time()
    with db:
        seed(db, workspace, count, start, 0)
        for n in range(noise):
            noise_id = "ws_" + ulid(start, 10**9 + n)
            db.execute("INSERT INTO workspaces VALUES (?, ?, 'test', ?)", (noise_id, f"noise-{n}", start))
            seed(db, noise_id, noise_each, start, 10**8 * (n + 1))
    print(f"seeded {count} events (+{noise} x {noise_each} noise) in {time.time() - began:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
