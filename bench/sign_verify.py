#!/usr/bin/env python3
"""Pre-sign COUNT /v1/verify bodies for bench/decisions.sh (wrk's Lua has no Ed25519).

    python3 bench/sign_verify.py KEY_FILE AGENT_ID COUNT > verify.txt

KEY_FILE holds the agent's base64 Ed25519 seed (`clawb agent bootstrap --key`). One JSON body
per line, each with its own nonce; timestamps are now, so use the file within 300 s.
"""
import base64
import hashlib
import json
import sys
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def main(argv):
    seed = base64.b64decode(open(argv[1]).read().strip())
    agent, count = argv[2], int(argv[3])
    key = Ed25519PrivateKey.from_private_bytes(seed)
    timestamp = str(int(time.time() * 1000))
    body_sha = hashlib.sha256(b'{"order":42}').hexdigest()
    out = sys.stdout
    for index in range(count):
        nonce = f"bench-{index}"
        canonical = f"POST\n/v1/orders\n{timestamp}\n{nonce}\n{body_sha}".encode()
        signature = base64.b64encode(key.sign(canonical)).decode()
        out.write(json.dumps({
            "agent_id": agent, "method": "POST", "path": "/v1/orders", "timestamp_ms": int(timestamp),
            "nonce": nonce, "body_sha256": body_sha, "signature_b64": signature,
        }, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv)
