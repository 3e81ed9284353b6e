#!/usr/bin/env python3
"""Insert COUNT live credentials for WORKSPACE/AGENT straight into a stopped clawbd's database
(benchmark only: tokens are random and never usable).

    python3 bench/seed_credentials.py DB WORKSPACE_ID AGENT_ID COUNT
"""
import os
import sqlite3
import sys
import time


def main(argv):
    path, workspace, agent, count = argv[1], argv[2], argv[3], int(argv[4])
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    now = int(time.time() * 1000)
    rows = ((f"crd_bench{index:017d}", workspace, agent, None, "clawb.provider", "[]", "sha256:x", "pol_default", "opaque", 0,
             os.urandom(32), now, now + 3_600_000) for index in range(count))
    with db:
        db.executemany("""INSERT INTO credentials (id, workspace_id, agent_id, provider, audience, scopes, scope_hash, policy_id,
                          token_type, one_time, token_hash, issued_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows)
    print(f"seeded {count} credentials", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
