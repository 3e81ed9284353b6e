#!/usr/bin/env python3
"""Worked example for client authors: register an agent, attest it, and sign a request the
way the Clawb SDK does. Needs `pip install cryptography`.

    CLAWB_BASE_URL=http://127.0.0.1:8080/api python3 examples/agent_signing.py

Prints the agent id, then the headers of a signed request and the five-line canonical string.
"""
import base64
import hashlib
import json
import os
import time
import urllib.request
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

BASE_URL = os.environ.get("CLAWB_BASE_URL", "http://127.0.0.1:8080/api").rstrip("/")


def post(path, payload):
    body = json.dumps(payload, separators=(",", ":")).encode()
    request = urllib.request.Request(BASE_URL + path, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def sign_request(private_key, agent_id, method, path, body):
    """The five fields, joined by \\n: METHOD, PATH (without the /api mount), unix ms, nonce,
    lowercase hex SHA-256 of the exact body bytes sent."""
    timestamp_ms = str(int(time.time() * 1000))
    nonce = uuid.uuid4().hex
    canonical = "\n".join([method.upper(), path, timestamp_ms, nonce, hashlib.sha256(body).hexdigest()])
    signature = base64.b64encode(private_key.sign(canonical.encode())).decode()
    headers = {"X-Clawb-Agent-Id": agent_id, "X-Clawb-Timestamp": timestamp_ms,
               "X-Clawb-Nonce": nonce, "X-Clawb-Signature": signature}
    return headers, canonical


def main():
    private_key = Ed25519PrivateKey.generate()
    public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    # 1. Register: send the raw 32-byte public key in standard base64.
    registration = post("/v1/agents/register", {"name": "example-bot", "public_key": base64.b64encode(public_key).decode(),
                                                "key_type": "ed25519", "metadata": {"source": "example"}})
    # 2. Attest: sign the DECODED challenge bytes (not the base64 text) within 300 s.
    challenge = base64.b64decode(registration["challenge"])
    attested = post("/v1/agents/attest", {"agent_id": registration["agent_id"], "challenge_id": registration["challenge_id"],
                                          "signature": base64.b64encode(private_key.sign(challenge)).decode()})
    print("agent_id", attested["agent_id"], "status", attested["status"])

    # 3. Sign a request, e.g. a heartbeat.
    body = json.dumps({"agent_id": attested["agent_id"], "status": "ok", "latency_ms": 72}, separators=(",", ":")).encode()
    headers, canonical = sign_request(private_key, attested["agent_id"], "POST", "/v1/telemetry/heartbeat", body)
    for name, value in headers.items():
        print(f"{name}: {value}")
    print("canonical:", canonical.replace("\n", "\\n"))

    # The server-side check, for illustration: the same bytes verify with the public key.
    private_key.public_key().verify(base64.b64decode(headers["X-Clawb-Signature"]), canonical.encode())
    print("signature verifies")


if __name__ == "__main__":
    main()
