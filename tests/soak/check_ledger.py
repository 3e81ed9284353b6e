#!/usr/bin/env python3
"""Proves that nothing acknowledged was lost (tests/soak): reads the ledger written by load.py
and the server's database, and checks that

- every acknowledged mint is a stored credential with its `credential_minted` event;
- every acknowledged feedback is stored with its `reputation_feedback` event;
- every acknowledged check has its `policy_check` event (by trace id);
- every acknowledged revocation is stored (`revoked_at`) and the token introspects inactive
  through the running server, so no revoked credential came back;
- a sample of acknowledged, unrevoked tokens introspect active through the server;
- every workspace's audit chain verifies (tools/verify_audit_chain.py, an independent verifier).

    python3 tests/soak/check_ledger.py LEDGER DATABASE BASE_URL

Prints a JSON report; exit 1 on the first kind of loss found.
"""
import json
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path


def introspect(base, token):
    request = urllib.request.Request(base + "/v1/identity/introspect", data=json.dumps({"token": token}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["active"]


def main(argv):
    ledger_path, database, base = argv[1:4]
    entries = [json.loads(line) for line in open(ledger_path) if line.strip()]
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    report = {"acknowledged": {}, "missing": {}}
    by_kind = {}
    for entry in entries:
        by_kind.setdefault(entry["kind"], []).append(entry)
    report["acknowledged"] = {kind: len(items) for kind, items in by_kind.items()}

    minted_events = {json.loads(row[0])["cred_id"] for row in db.execute(
        "SELECT metadata FROM audit_events WHERE event_type = 'credential_minted'")}
    credentials = {row[0]: row[1] for row in db.execute("SELECT id, revoked_at FROM credentials")}
    missing = [e["cred_id"] for e in by_kind.get("mint", []) if e["cred_id"] not in credentials
               or e["cred_id"] not in minted_events]
    report["missing"]["mint"] = missing[:10]

    feedback_rows = {row[0] for row in db.execute("SELECT id FROM feedback")}
    feedback_events = {json.loads(row[0]).get("feedback_id") for row in db.execute(
        "SELECT metadata FROM audit_events WHERE event_type = 'reputation_feedback'")}
    report["missing"]["feedback"] = [e["feedback_id"] for e in by_kind.get("feedback", [])
                                     if e["feedback_id"] not in feedback_rows
                                     or e["feedback_id"] not in feedback_events][:10]

    traces = {row[0] for row in db.execute("SELECT trace_id FROM audit_events WHERE event_type = 'policy_check'")}
    report["missing"]["check"] = [e["trace_id"] for e in by_kind.get("check", []) if e["trace_id"] not in traces][:10]

    revoked = by_kind.get("revoke", [])
    report["missing"]["revoke"] = [e["cred_id"] for e in revoked if credentials.get(e["cred_id"]) is None][:10]
    came_back = [e["cred_id"] for e in revoked if introspect(base, e["token"])]
    report["revoked_but_active"] = came_back[:10]

    revoked_ids = {e["cred_id"] for e in revoked}
    live = [e for e in by_kind.get("mint", []) if e["cred_id"] not in revoked_ids][-200:]
    report["live_sampled"] = len(live)
    report["live_inactive"] = [e["cred_id"] for e in live if not introspect(base, e["token"])][:10]

    verifier = Path(__file__).resolve().parents[2] / "tools" / "verify_audit_chain.py"
    result = subprocess.run([sys.executable, str(verifier), database], capture_output=True, text=True)
    report["chains_intact"] = result.returncode == 0
    report["chain_verifier"] = result.stdout.strip().splitlines()[-3:]

    lost = any(report["missing"].values()) or came_back or report["live_inactive"] or not report["chains_intact"]
    report["verdict"] = "LOSS" if lost else "nothing lost"
    print(json.dumps(report, indent=2))
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main(sys.argv)
