#!/usr/bin/env python3
"""Print the route index of docs/api.md from the served OpenAPI document.

    curl -s http://127.0.0.1:8080/api/openapi.json | python3 tools/openapi_to_markdown.py

One row per operation: method, path, who may call it, summary, and the error codes it may
answer. OpenAPITests checks that docs/api.md lists every routed path.
"""
import json
import sys

AUTH = {
    (): "none", ("apiKey",): "workspace key", ("adminToken",): "admin token",
}


def auth_of(operation):
    schemes = operation.get("security", [])
    if not schemes:
        names = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "header"}
        if "X-Clawb-Signature" in names:
            return "agent signature"
        if "X-Clawb-Feedback-Signature" in names:
            return "workspace key + HMAC"
        return "none"
    if {} in schemes:
        return "optional workspace key"
    if any("adminToken" in s for s in schemes):
        return "admin token"
    return "workspace key"


def main():
    document = json.load(sys.stdin)
    print("| Method | Path | Auth | What it does | Error codes |")
    print("|---|---|---|---|---|")
    rows = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set()
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    for part in schema.get("allOf", []):
                        codes.update(part.get("properties", {}).get("error", {}).get("enum", []))
            rows.append((path, method.upper(), auth_of(operation), operation["summary"], ", ".join(sorted(codes))))
    for path, method, auth, summary, codes in sorted(rows):
        print(f"| {method} | `{path}` | {auth} | {summary} | {codes} |")


if __name__ == "__main__":
    main()
