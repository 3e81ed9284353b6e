#!/usr/bin/env python3
"""Latency of audit listing pages and the ndjson export rate against a running clawbd.

    python3 bench/audit_query_bench.py HOST PORT API_KEY START_MS EVENTS

For each filter: the first page (newest), and a deep page (a cursor reached by walking the
listing to ~90% of its depth), each requested REPEAT times on one keep-alive connection;
prints p50/p99 in ms. Then the full ndjson export, timed.
"""
import http.client
import json
import statistics
import sys
import time

REPEAT = 200


def main(argv):
    host, port, key, start_ms, events = argv[1], int(argv[2]), argv[3], int(argv[4]), int(argv[5])
    span = events * 10  # the seeder writes one event every 10 ms
    connection = http.client.HTTPConnection(host, port)
    headers = {"X-Clawb-Api-Key": key}

    def get(query):
        connection.request("GET", "/api/v1/workspace/audit/events?" + query, headers=headers)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, (response.status, body[:200])
        return json.loads(body)

    def timed(query):
        samples = []
        for _ in range(REPEAT):
            began = time.perf_counter()
            get(query)
            samples.append((time.perf_counter() - began) * 1000)
        samples.sort()
        return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]

    filters = {
        "none": "",
        "agent_id": "agent_id=agt_0007",
        "event_type": "event_type=policy_check",
        "action": "action=refund",
        "decision": "decision=deny",
        "trace_id": f"trace_id=trc_{events // 2:012d}",
        "time window (10%)": f"start_ms={start_ms + span // 5}&end_ms={start_ms + span * 3 // 10}",
        "agent_id+decision": "agent_id=agt_0007&decision=deny",
    }
    print(f"{'filter':<20} {'first p50':>10} {'first p99':>10} {'deep p50':>10} {'deep p99':>10} {'depth':>8}")
    for name, query in filters.items():
        base = "limit=50" + ("&" + query if query else "")
        first = timed(base)
        # Walk with big pages to a cursor about 90% deep, then time 50-event pages from there.
        page = get("limit=200" + ("&" + query if query else ""))
        total_seen, cursor, deepest = len(page["items"]), page["next_cursor"], None
        top = page["items"][0]["sequence"] if page["items"] else 0
        while cursor:
            deepest = cursor
            if page["items"][-1]["sequence"] < top * 0.1:
                break
            page = get("limit=200&cursor=" + cursor + ("&" + query if query else ""))
            total_seen += len(page["items"])
            cursor = page["next_cursor"]
        # The deepest cursor reached (for short listings, the one before the last page).
        deep = timed(base + "&cursor=" + deepest) if deepest else (float("nan"), float("nan"))
        depth = total_seen
        print(f"{name:<20} {first[0]:>10.2f} {first[1]:>10.2f} {deep[0]:>10.2f} {deep[1]:>10.2f} {depth:>8}")

    connection.request("POST", "/api/v1/workspace/audit/export", body=json.dumps({"format": "ndjson"}),
                       headers={**headers, "Content-Type": "application/json"})
    began = time.perf_counter()
    response = connection.getresponse()
    lines = 0
    size = 0
    while True:
        chunk = response.read(1 << 20)
        if not chunk:
            break
        lines += chunk.count(b"\n")
        size += len(chunk)
    seconds = time.perf_counter() - began
    print(f"\nndjson export: {lines} events, {size / 1048576:.0f} MiB in {seconds:.2f} s = {lines / seconds:,.0f} events/s")

    began = time.perf_counter()
    connection.request("GET", "/api/v1/workspace/audit/verify", headers=headers)
    result = json.loads(connection.getresponse().read())
    print(f"verify: intact={result['intact']} events_checked={result['events_checked']} in {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main(sys.argv)
