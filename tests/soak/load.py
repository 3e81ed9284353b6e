#!/usr/bin/env python3
"""A fixed-rate mixed workload for tests/soak: mint, introspect, audit query, feedback, check
(and a few revocations), spread over keep-alive connections, for a given number of seconds.

    python3 tests/soak/load.py BASE_URL API_KEY AGENT_ID RATE SECONDS LEDGER [PID_FILE]

Every acknowledged write (a 2xx carrying its id) is appended to LEDGER as one JSON line, flushed
at once, so the ledger survives whatever happens to the server: tests/soak/check_ledger.py then
proves each is present with its audit event. Connection failures (the server being killed by
tests/soak/faults.sh) are counted as "unavailable", not as errors; any other non-2xx answer is
an error, except the expected ones (`{"active":false}` is a 200). When PID_FILE names a file
holding the server's pid, its RSS is sampled every 10 s. Prints a JSON summary on stdout.
"""
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

OPERATIONS = [("mint", 30), ("introspect", 25), ("audit", 10), ("feedback", 15), ("check", 18), ("revoke", 2)]


class Worker(threading.Thread):
    def __init__(self, index, shared):
        super().__init__(daemon=True)
        self.index = index
        self.shared = shared
        self.connection = None
        self.random = random.Random(index)

    def connect(self):
        url = urllib.parse.urlparse(self.shared["base"])
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)

    def call(self, method, path, body=None, headers=None):
        all_headers = {"X-Clawb-Api-Key": self.shared["key"]}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connect()
                self.connection.request(method, self.shared["prefix"] + path, body=body, headers=all_headers)
                response = self.connection.getresponse()
                data = response.read()
                return response.status, data
            except (OSError, http.client.HTTPException):
                self.connection = None
                if attempt == 1:
                    return None, b""
        return None, b""

    def run(self):
        shared = self.shared
        interval = shared["workers"] / shared["rate"]
        next_time = time.monotonic() + self.random.random() * interval
        choices = [name for name, weight in OPERATIONS for _ in range(weight)]
        while next_time < shared["deadline"]:
            delay = next_time - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            next_time += interval
            operation = self.random.choice(choices)
            started = time.monotonic()
            status, ok = getattr(self, operation)()
            elapsed = time.monotonic() - started
            with shared["lock"]:
                stats = shared["stats"].setdefault(operation, {"ok": 0, "error": 0, "unavailable": 0, "latencies": []})
                if status is None:
                    stats["unavailable"] += 1
                elif ok:
                    stats["ok"] += 1
                    stats["latencies"].append(elapsed)
                else:
                    stats["error"] += 1
                    if len(shared["errors"]) < 20:
                        shared["errors"].append(f"{operation}: {status}")

    def record(self, entry):
        with self.shared["lock"]:
            self.shared["ledger"].write(json.dumps(entry) + "\n")
            self.shared["ledger"].flush()
            os.fsync(self.shared["ledger"].fileno())

    def mint(self):
        body = json.dumps({"agent_id": self.shared["agent"], "ttl_seconds": 3600, "token_type": "opaque",
                           "scopes": ["soak:run"]})
        status, data = self.call("POST", "/v1/identity/credentials/mint", body)
        if status == 201:
            credential = json.loads(data)["credential"]
            self.record({"kind": "mint", "cred_id": credential["cred_id"], "token": credential["token"]})
            with self.shared["lock"]:
                self.shared["tokens"].append((credential["cred_id"], credential["token"]))
        return status, status == 201

    def introspect(self):
        with self.shared["lock"]:
            tokens = self.shared["tokens"]
            pair = tokens[self.random.randrange(len(tokens))] if tokens else None
        body = json.dumps({"token": pair[1] if pair else "cto_none"})
        status, data = self.call("POST", "/v1/identity/introspect", body)
        return status, status == 200 and "active" in json.loads(data or b"{}")

    def audit(self):
        path = "/v1/workspace/audit/events?limit=50"
        if self.random.random() < 0.5:
            path += "&event_type=" + self.random.choice(["credential_minted", "policy_check", "reputation_feedback"])
        status, data = self.call("GET", path)
        return status, status == 200

    def feedback(self):
        body = json.dumps({"agent_id": self.shared["agent"], "verdict": self.random.choice(["good", "bad"]),
                           "evidence": {"soak": True}}, separators=(",", ":"))
        timestamp = str(int(time.time() * 1000))
        nonce = "soak-" + os.urandom(12).hex()
        message = f"{timestamp}\n{nonce}\n{hashlib.sha256(body.encode()).hexdigest()}".encode()
        signature = base64.b64encode(hmac.new(self.shared["hmac_key"], message, hashlib.sha256).digest()).decode()
        status, data = self.call("POST", "/v1/reputation/feedback", body, {
            "X-Clawb-Feedback-Timestamp": timestamp, "X-Clawb-Feedback-Nonce": nonce,
            "X-Clawb-Feedback-Signature": signature})
        if status == 200:
            self.record({"kind": "feedback", "feedback_id": json.loads(data)["feedback_id"]})
        return status, status == 200

    def check(self):
        body = json.dumps({"agent_id": self.shared["agent"], "action": "search",
                           "context": {"n": self.random.randrange(1000)}})
        status, data = self.call("POST", "/v1/check", body)
        if status == 200:
            self.record({"kind": "check", "trace_id": json.loads(data)["trace_id"]})
        return status, status == 200

    def revoke(self):
        with self.shared["lock"]:
            tokens = self.shared["tokens"]
            pair = tokens[self.random.randrange(len(tokens))] if tokens else None
        if pair is None:
            return self.check()
        status, data = self.call("POST", "/v1/identity/credentials/revoke",
                                 json.dumps({"cred_id": pair[0], "reason": "soak"}))
        if status == 200:
            self.record({"kind": "revoke", "cred_id": pair[0], "token": pair[1]})
        return status, status == 200


def rss_kib(pid_file):
    try:
        pid = open(pid_file).read().strip()
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None


def main(argv):
    base, key, agent, rate, seconds, ledger_path = argv[1:7]
    pid_file = argv[7] if len(argv) > 7 else None
    parsed = urllib.parse.urlparse(base)
    workers = 16
    shared = {
        "base": base, "prefix": parsed.path.rstrip("/"), "key": key, "agent": agent, "rate": float(rate),
        "workers": workers, "deadline": time.monotonic() + float(seconds), "lock": threading.Lock(), "stats": {},
        "errors": [], "tokens": [], "ledger": open(ledger_path, "a"),
        "hmac_key": hashlib.sha256(key.encode()).digest(),
    }
    threads = [Worker(index, shared) for index in range(workers)]
    for thread in threads:
        thread.start()
    samples = []
    started = time.monotonic()
    # RSS every 10 s on a fixed schedule, each sample labelled with its scheduled second, so
    # that a slow loop turn never skips one (the per-minute report picks multiples of 60).
    next_sample = 10
    while any(thread.is_alive() for thread in threads):
        time.sleep(1)
        if pid_file and time.monotonic() - started >= next_sample:
            value = rss_kib(pid_file)
            if value is not None:
                samples.append((next_sample, value))
            next_sample += 10
    summary = {"rate": float(rate), "seconds": float(seconds), "operations": {}, "errors": shared["errors"],
               "rss_kib": samples}
    for name, stats in sorted(shared["stats"].items()):
        latencies = sorted(stats["latencies"])
        summary["operations"][name] = {
            "ok": stats["ok"], "error": stats["error"], "unavailable": stats["unavailable"],
            "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2) if latencies else None,
            "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2) if latencies else None,
        }
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv)
