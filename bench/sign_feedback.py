#!/usr/bin/env python3
"""Pre-sign COUNT feedback requests for bench/feedback.sh (wrk's Lua has no HMAC).

    python3 bench/sign_feedback.py API_KEY AGENT_ID COUNT > requests.txt

One request per line: timestamp, nonce, signature, body — tab-separated. Timestamps are now,
so the file must be used within the server's 300 s skew window.
"""
import base64
import hashlib
import hmac
import json
import sys
import time


def main(argv):
    key, agent, count = argv[1], argv[2], int(argv[3])
    hmac_key = hashlib.sha256(key.encode()).digest()
    timestamp = str(int(time.time() * 1000))
    out = sys.stdout
    for index in range(count):
        body = json.dumps({"agent_id": agent, "verdict": "bad" if index % 3 else "good",
                           "evidence": {"n": index}}, separators=(",", ":"))
        nonce = f"bench-{index}"
        message = f"{timestamp}\n{nonce}\n{hashlib.sha256(body.encode()).hexdigest()}".encode()
        signature = base64.b64encode(hmac.new(hmac_key, message, hashlib.sha256).digest()).decode()
        out.write(f"{timestamp}\t{nonce}\t{signature}\t{body}\n")


if __name__ == "__main__":
    main(sys.argv)
