import ClawbCore

/// The shared schemas of the OpenAPI document (`#/components/schemas`), one per wire shape in
/// ClawbWire.
enum OpenAPIComponents {
    static var schemas: [String: JSONValue] {
        [
            "Error": Schema.object(
                ["ok": Schema.constant(false), "error": Schema.string, "message": Schema.string],
                optional: [
                    "request_id": Schema.string, "field": Schema.string, "retry_after": Schema.integer,
                    "reasons": Schema.array(Schema.string), "trace_id": Schema.string,
                ]),
            "Workspace": Schema.object([
                "workspace_id": Schema.string(pattern: "^ws_"), "name": Schema.string,
                "mode": Schema.oneOf(["test", "live"]), "created_at": Schema.time,
            ]),
            "APIKey": Schema.object(
                [
                    "key_id": Schema.string(pattern: "^key_"), "workspace_id": Schema.string,
                    "prefix": Schema.string, "status": Schema.oneOf(["active", "revoked", "expired"]),
                    "created_at": Schema.time,
                ], optional: ["last_used_at": Schema.time, "revoked_at": Schema.time, "expires_at": Schema.time]),
            "AgentMapping": Schema.object(
                [
                    "external_agent_key": Schema.string, "agent_id": Schema.string(pattern: "^agt_"),
                    "labels": Schema.array(Schema.string), "source": Schema.oneOf(["workspace_api", "provider_api"]),
                    "status": Schema.string, "created_at": Schema.time, "updated_at": Schema.time,
                ], optional: ["display_name": Schema.string, "environment": Schema.string]),
            "Agent": Schema.object(
                [
                    "agent_id": Schema.string(pattern: "^agt_"), "name": Schema.string,
                    "status": Schema.oneOf(["pending", "active", "revoked"]), "key_type": Schema.constant("ed25519"),
                    "public_key": Schema.string, "key_fingerprint": Schema.string, "metadata": Schema.anyObject,
                    "created_at": Schema.time,
                ], optional: ["attested_at": Schema.time]),
            "Reputation": Schema.object(
                [
                    "agent_id": Schema.string, "reputation_band": Schema.oneOf(["new", "established", "high"]),
                    "risk_tier": Schema.oneOf(["low", "medium", "high"]), "verification_tier": Schema.string,
                    "score": Schema.number, "signals_summary": Schema.anyObject, "updated_at": Schema.time,
                ]),
            "AuditEvent": Schema.object(
                [
                    "event_id": Schema.string(pattern: "^evt_"), "workspace_id": Schema.string,
                    "sequence": Schema.integer, "created_at": Schema.time,
                    "event_type": Schema.oneOf(AuditEvent.EventType.allCases.map(\.rawValue)),
                    "actor": Schema.object(["type": Schema.string], optional: ["id": Schema.string]),
                    "metadata": Schema.anyObject, "hash": Schema.string, "prev_hash": Schema.string,
                ],
                optional: [
                    "agent_id": Schema.string, "action": Schema.string, "decision": Schema.string,
                    "trace_id": Schema.string, "policy_id": Schema.string, "request_id": Schema.string,
                ]),
            "OperatorEvent": Schema.object(
                [
                    "event_id": Schema.string, "created_at": Schema.time, "event_type": Schema.string,
                    "metadata": Schema.anyObject,
                ], optional: ["agent_id": Schema.string, "request_id": Schema.string]),
            "Credential": Schema.object(
                [
                    "cred_id": Schema.string(pattern: "^crd_"), "token": Schema.string,
                    "token_type": Schema.oneOf(["jwt", "opaque"]), "expires_at": Schema.time,
                    "one_time": Schema.boolean, "audience": Schema.string, "scopes": Schema.array(Schema.string),
                    "scope_hash": Schema.string, "agent_id": Schema.string,
                ], optional: ["provider": Schema.string]),
            "JWK": Schema.object([
                "kty": Schema.constant("OKP"), "crv": Schema.constant("Ed25519"), "alg": Schema.constant("EdDSA"),
                "use": Schema.constant("sig"), "kid": Schema.string(pattern: "^kid_"), "x": Schema.string,
            ]),
            "Policy": Schema.object(
                [
                    "policy_id": Schema.string(pattern: "^pol_"), "version": Schema.integer(minimum: 1),
                    "document": Schema.ref("PolicyDocument"),
                ], optional: ["updated_at": Schema.time]),
            "PolicyDocument": policyDocument,
            "Approval": Schema.object(
                [
                    "approval_id": Schema.string(pattern: "^apr_"), "agent_id": Schema.string,
                    "policy_id": Schema.string, "action": Schema.string, "context": Schema.anyObject,
                    "status": Schema.oneOf(["pending", "approved", "denied"]), "expires_at": Schema.time,
                ], optional: ["decided_at": Schema.time]),
            "SignedRequestFields": Schema.object(
                [
                    "method": Schema.string(minLength: 1, maxLength: 16), "path": Schema.string(pattern: "^/"),
                    "timestamp_ms": ["oneOf": [Schema.integer, Schema.string(pattern: "^[0-9]{1,20}$")]],
                    "nonce": Schema.string(minLength: 1, maxLength: 128),
                    "body_sha256": Schema.string(pattern: "^[0-9a-f]{64}$"),
                    "signature_b64": Schema.string(minLength: 1),
                ]),
            "Heartbeat": Schema.object(
                ["agent_id": Schema.string, "status": Schema.oneOf(["ok", "error"]), "created_at": Schema.time],
                optional: ["latency_ms": Schema.integer]),
        ]
    }

    /// Documented in full in docs/policies.md; the server validates strictly (400
    /// `invalid_policy` naming the path of the first problem).
    static var policyDocument: JSONValue {
        let decision = Schema.oneOf(["allow", "challenge", "deny"])
        let reasons = Schema.array(Schema.string(pattern: "^[a-z0-9_]{1,64}$"), maxItems: 8)
        let condition = Schema.object(
            ["path": Schema.string, "op": Schema.oneOf(PolicyCondition.Operator.allCases.map(\.rawValue))],
            optional: ["value": Schema.anyValue])
        let rule = Schema.object(
            ["decision": decision],
            optional: [
                "id": Schema.string, "action": Schema.string, "agent_status": Schema.array(Schema.string),
                "labels": Schema.array(Schema.string), "environment": Schema.array(Schema.string),
                "risk_tier": Schema.array(Schema.oneOf(["low", "medium", "high"])),
                "conditions": Schema.array(condition, maxItems: 32), "reasons": reasons,
            ])
        let limit = Schema.object(
            ["action": Schema.string],
            optional: [
                "per_minute": Schema.integer(minimum: 1, maximum: 1_000_000),
                "per_day": Schema.integer(minimum: 1, maximum: 100_000_000),
            ])
        return Schema.object(
            [:],
            optional: [
                "default": decision, "default_reasons": reasons, "allow_pending": Schema.boolean,
                "rules": Schema.array(rule, maxItems: 256), "rate_limits": Schema.array(limit, maxItems: 64),
            ])
    }
}
