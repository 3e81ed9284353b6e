import ClawbCore

/// Every route of the server, documented. `OpenAPISyncTests` fails when this list and the
/// router's table differ, so a route cannot be added without its documentation.
enum OpenAPIOperations {
    typealias Op = OpenAPIOperation
    static let json = "application/json"

    static func ok(_ schema: JSONValue, _ description: String = "Success") -> [Int: (String, JSONValue, String)] {
        [200: (description, schema, json)]
    }

    static var all: [OpenAPIOperation] {
        operations + workspace + agents + audit + credentials + policies + decisions + metadata
    }

    static let listLimit = Op.query("limit", Schema.integer(minimum: 1, maximum: 200), "Page size, 1-200 (default 50).")
    static let cursor = Op.query("cursor", Schema.string, "next_cursor of the previous page.")

    static var operations: [OpenAPIOperation] {
        let keyCreated = Schema.ok(["api_key": Schema.string(pattern: "^ck_(live|test)_"), "key": Schema.ref("APIKey")])
        return [
            Op(
                method: "GET", path: "/api/healthz", id: "healthz", summary: "Liveness.", tag: "operations",
                security: .none, responses: ok(Schema.ok(["status": Schema.constant("up")]))),
            Op(
                method: "GET", path: "/api/readyz", id: "readyz",
                summary: "Readiness: database up, migrations applied.",
                tag: "operations", security: .none, responses: ok(Schema.ok(["status": Schema.constant("ready")]))),
            Op(
                method: "GET", path: "/api/metrics", id: "metrics", summary: "Prometheus metrics (text format).",
                tag: "operations", security: .none,
                responses: [200: ("Prometheus text exposition format 0.0.4", Schema.string, "text/plain")]),
            Op(
                method: "GET", path: "/api/openapi.json", id: "openapi", summary: "This document.", tag: "operations",
                security: .none, responses: ok(Schema.anyObject)),
            Op(
                method: "POST", path: "/api/v1/admin/workspaces", id: "createWorkspace",
                summary: "Create a workspace and its first API key (shown once).", tag: "operator",
                security: .adminToken,
                requestBody: Schema.object(
                    ["name": Schema.string(minLength: 1, maxLength: 128)],
                    optional: ["mode": Schema.oneOf(["test", "live"])]),
                responses: [
                    201: (
                        "Created",
                        Schema.ok([
                            "workspace": Schema.ref("Workspace"), "api_key": Schema.string, "key": Schema.ref("APIKey"),
                        ]), json
                    )
                ], errors: [400: ["invalid_name", "invalid_mode"]]),
            Op(
                method: "GET", path: "/api/v1/admin/workspaces", id: "listWorkspaces", summary: "List workspaces.",
                tag: "operator", security: .adminToken,
                responses: ok(Schema.ok(["items": Schema.array(Schema.ref("Workspace"))]))),
            Op(
                method: "POST", path: "/api/v1/admin/workspaces/{workspace_id}/api-keys", id: "createAPIKey",
                summary: "Issue another API key (shown once).", tag: "operator", security: .adminToken,
                responses: [201: ("Created", keyCreated, json)], errors: [404: ["unknown_workspace"]]),
            Op(
                method: "GET", path: "/api/v1/admin/workspaces/{workspace_id}/api-keys", id: "listAPIKeys",
                summary: "Key metadata of a workspace (never the secret).", tag: "operator", security: .adminToken,
                responses: ok(Schema.ok(["items": Schema.array(Schema.ref("APIKey"))])),
                errors: [404: ["unknown_workspace"]]),
            Op(
                method: "POST", path: "/api/v1/admin/api-keys/{key_id}/revoke", id: "revokeAPIKey",
                summary: "Revoke a key at once.", tag: "operator", security: .adminToken,
                responses: ok(Schema.ok(["revoked": Schema.boolean])), errors: [404: ["unknown_api_key"]]),
            Op(
                method: "POST", path: "/api/v1/admin/api-keys/{key_id}/rotate", id: "rotateAPIKey",
                summary: "Issue a replacement; the old key works for the overlap.", tag: "operator",
                security: .adminToken,
                requestBody: Schema.object(
                    [:], optional: ["overlap_seconds": Schema.integer(minimum: 0, maximum: 2_592_000)]),
                responses: [
                    201: (
                        "Created",
                        Schema.ok([
                            "api_key": Schema.string, "key": Schema.ref("APIKey"), "previous_key_id": Schema.string,
                            "previous_key_expires_at": Schema.time,
                        ]), json
                    )
                ], errors: [400: ["invalid_overlap"], 404: ["unknown_api_key"]]),
            Op(
                method: "GET", path: "/api/v1/admin/events", id: "operatorEvents",
                summary: "Server-level events (agent registrations, attestations, key rotations), oldest first.",
                tag: "operator", security: .adminToken, parameters: [listLimit, cursor],
                responses: ok(
                    Schema.ok(
                        ["items": Schema.array(Schema.ref("OperatorEvent")), "count": Schema.integer],
                        optional: ["next_cursor": Schema.string])),
                errors: [400: ["invalid_limit", "invalid_cursor"]]),
            Op(
                method: "POST", path: "/api/v1/admin/signing-keys/rotate", id: "rotateSigningKey",
                summary: "Rotate the issuer signing key.", tag: "operator", security: .adminToken,
                responses: ok(
                    Schema.ok([
                        "kid": Schema.string, "previous_kid": Schema.string, "previous_published_until": Schema.time,
                    ]))),
        ]
    }

    static var workspace: [OpenAPIOperation] {
        [
            Op(
                method: "GET", path: "/api/v1/workspace", id: "currentWorkspace",
                summary: "The workspace of the presented key.", tag: "workspace", security: .workspaceKey,
                responses: ok(Schema.ok(["workspace": Schema.ref("Workspace")])))
        ]
    }

    static var agents: [OpenAPIOperation] {
        let upsert = Schema.object(
            [:],
            optional: [
                "external_agent_key": Schema.string, "agent_id": Schema.string, "display_name": Schema.string,
                "labels": Schema.array(Schema.string), "environment": Schema.string, "source": Schema.string,
                "status": Schema.string, "remap": Schema.boolean,
            ])
        let upsertErrors: [Int: [String]] = [
            400: [
                "missing_external_agent_key", "invalid_external_agent_key", "missing_agent_id", "invalid_labels",
                "invalid_status", "invalid_environment", "invalid_source", "invalid_display_name",
            ],
            404: ["unknown_agent"], 409: ["conflict"],
        ]
        let mappingPage = Schema.ok(
            ["items": Schema.array(Schema.ref("AgentMapping")), "count": Schema.integer],
            optional: ["next_cursor": Schema.string])
        let listParameters = [
            Op.query("environment", Schema.string, "Only this environment."),
            Op.query("status", Schema.string, "Only this mapping status."),
            Op.query("label", Schema.string, "Only mappings carrying this label."), listLimit, cursor,
        ]
        var operations: [OpenAPIOperation] = [
            Op(
                method: "POST", path: "/api/v1/agents/register", id: "registerAgent",
                summary: "Register an Ed25519 key; answers a challenge to sign.", tag: "agents", security: .none,
                requestBody: Schema.object(
                    [:],
                    optional: [
                        "name": Schema.string, "public_key": Schema.string, "key_type": Schema.string,
                        "metadata": Schema.anyObject,
                    ]),
                responses: [
                    201: (
                        "Registered",
                        Schema.ok([
                            "agent_id": Schema.string, "challenge_id": Schema.string, "challenge": Schema.string,
                            "expires_at": Schema.time,
                        ]), json
                    ),
                    200: (
                        "Registered again (new challenge)",
                        Schema.ok([
                            "agent_id": Schema.string, "challenge_id": Schema.string, "challenge": Schema.string,
                            "expires_at": Schema.time,
                        ]), json
                    ),
                ],
                errors: [
                    400: ["invalid_name", "invalid_public_key", "invalid_key_type", "invalid_metadata"],
                    403: ["agent_revoked"], 409: ["already_registered"],
                ], rateLimited: true),
            Op(
                method: "POST", path: "/api/v1/agents/attest", id: "attestAgent",
                summary: "Prove key possession by signing the challenge.", tag: "agents", security: .none,
                requestBody: Schema.object(
                    [:],
                    optional: ["agent_id": Schema.string, "challenge_id": Schema.string, "signature": Schema.string]),
                responses: ok(Schema.ok(["agent_id": Schema.string, "status": Schema.string])),
                errors: [
                    400: ["missing_agent_id"], 401: ["invalid_signature"], 403: ["agent_revoked"],
                    404: ["unknown_agent", "unknown_challenge"], 409: ["challenge_used"], 410: ["challenge_expired"],
                ]),
            Op(
                method: "GET", path: "/api/v1/agents/{agent_id}", id: "getAgent",
                summary: "An agent mapped in this workspace, its mappings here and its reputation.", tag: "agents",
                security: .workspaceKey,
                responses: ok(
                    Schema.ok([
                        "agent": Schema.ref("Agent"), "mappings": Schema.array(Schema.ref("AgentMapping")),
                        "reputation": Schema.ref("Reputation"),
                    ])), errors: [404: ["unknown_agent"]]),
        ]
        for prefix in ["/api/v1/workspace/agents", "/api/v1/provider/agents"] {
            let legacy = prefix.contains("provider")
            operations.append(
                Op(
                    method: "POST", path: prefix + "/upsert", id: legacy ? "upsertMappingLegacy" : "upsertMapping",
                    summary: "Create or update a mapping of an external key to an agent.", tag: "agents",
                    security: .workspaceKey, requestBody: upsert,
                    responses: [
                        201: ("Created", Schema.ok(["item": Schema.ref("AgentMapping")]), json),
                        200: ("Updated or unchanged", Schema.ok(["item": Schema.ref("AgentMapping")]), json),
                    ], errors: upsertErrors))
            operations.append(
                Op(
                    method: "GET", path: prefix, id: legacy ? "listMappingsLegacy" : "listMappings",
                    summary: "Mappings of this workspace, in creation order, paged.", tag: "agents",
                    security: .workspaceKey, parameters: listParameters, responses: ok(mappingPage),
                    errors: [400: ["invalid_limit", "invalid_cursor", "invalid_status"]]))
        }
        return operations
    }

    static var audit: [OpenAPIOperation] {
        let filters = [
            Op.query("agent_id", Schema.string, "Only events about this agent."),
            Op.query("event_type", Schema.oneOf(AuditEvent.EventType.allCases.map(\.rawValue)), "Only this type."),
            Op.query("action", Schema.string, "Only this action."),
            Op.query("decision", Schema.string, "Only this decision."),
            Op.query("trace_id", Schema.string, "Only this trace."),
            Op.query("start_ms", Schema.integer(minimum: 0), "Created at or after (unix ms)."),
            Op.query("end_ms", Schema.integer(minimum: 0), "Created at or before (unix ms)."), listLimit, cursor,
        ]
        var operations: [OpenAPIOperation] = []
        for prefix in ["/api/v1/workspace/audit", "/api/v1/provider/audit"] {
            let suffix = prefix.contains("provider") ? "Legacy" : ""
            operations += [
                Op(
                    method: "GET", path: prefix + "/events", id: "auditEvents" + suffix,
                    summary: "Audit events, newest first, paged.", tag: "audit", security: .workspaceKey,
                    parameters: filters,
                    responses: ok(
                        Schema.ok(
                            ["items": Schema.array(Schema.ref("AuditEvent")), "count": Schema.integer],
                            optional: ["next_cursor": Schema.string])),
                    errors: [400: ["invalid_limit", "invalid_cursor", "invalid_filter"]]),
                Op(
                    method: "POST", path: prefix + "/export", id: "auditExport" + suffix,
                    summary: "Export events as json, csv or streamed ndjson.", tag: "audit", security: .workspaceKey,
                    requestBody: Schema.object(
                        [:],
                        optional: [
                            "format": Schema.oneOf(["json", "csv", "ndjson"]), "filters": Schema.anyObject,
                            "limit": Schema.integer,
                        ]),
                    streamedContent: ("application/x-ndjson", Schema.string),
                    responses: [
                        200: (
                            "json and csv answer JSON; ndjson streams application/x-ndjson",
                            Schema.ok(
                                ["format": Schema.oneOf(["json", "csv"]), "count": Schema.integer],
                                optional: ["items": Schema.array(Schema.ref("AuditEvent")), "csv": Schema.string]),
                            json
                        )
                    ], errors: [400: ["invalid_format", "invalid_filter", "invalid_limit"]]),
                Op(
                    method: "GET", path: prefix + "/verify", id: "auditVerify" + suffix,
                    summary: "Recompute the workspace's hash chain.", tag: "audit", security: .workspaceKey,
                    responses: ok(
                        Schema.ok(
                            ["intact": Schema.boolean, "events_checked": Schema.integer, "head": Schema.string],
                            optional: ["first_broken_link": Schema.anyObject]))),
            ]
        }
        return operations
    }

    static var credentials: [OpenAPIOperation] {
        let base = "/api/v1/identity"
        return [
            Op(
                method: "POST", path: base + "/credentials/mint", id: "mintCredential",
                summary: "Mint a short-lived credential (JWT or opaque).", tag: "credentials",
                security: .workspaceKey,
                requestBody: Schema.object(
                    [:],
                    optional: [
                        "agent_id": Schema.string, "provider": Schema.string, "audience": Schema.string,
                        "ttl_seconds": Schema.integer, "one_time": Schema.boolean,
                        "scopes": Schema.array(Schema.string), "scope_hash": Schema.string,
                        "policy_id": Schema.string, "token_type": Schema.oneOf(["jwt", "opaque"]),
                    ]),
                responses: [201: ("Minted", Schema.ok(["credential": Schema.ref("Credential")]), json)],
                errors: [
                    400: [
                        "missing_agent_id", "invalid_ttl", "invalid_token_type", "invalid_scopes", "invalid_audience",
                        "invalid_provider", "invalid_scope_hash",
                    ],
                    403: ["minting_paused", "policy_denied", "policy_challenge"],
                    404: ["unknown_agent", "unknown_policy"],
                ], rateLimited: true),
            Op(
                method: "POST", path: base + "/introspect", id: "introspect",
                summary: "RFC 7662 introspection; consumes a one-time credential.", tag: "credentials",
                security: .none,
                requestBody: Schema.object([:], optional: ["token": Schema.string, "scope_hash": Schema.string]),
                responses: ok(
                    Schema.object(
                        ["active": Schema.boolean],
                        optional: [
                            "cred_id": Schema.string, "sub": Schema.string, "aud": Schema.string,
                            "scope": Schema.string, "exp": Schema.integer, "iat": Schema.integer,
                            "token_type": Schema.string, "one_time": Schema.boolean, "workspace_id": Schema.string,
                        ])), rateLimited: true),
            Op(
                method: "POST", path: base + "/credentials/revoke", id: "revokeCredential",
                summary: "Revoke one credential by token or cred_id.", tag: "credentials", security: .workspaceKey,
                requestBody: Schema.object(
                    [:], optional: ["token": Schema.string, "cred_id": Schema.string, "reason": Schema.string]),
                responses: ok(
                    Schema.ok(["revoked": Schema.integer(minimum: 0, maximum: 1)], optional: ["reason": Schema.string])),
                errors: [400: ["missing_credential", "invalid_reason"], 404: ["unknown_credential"]]),
            Op(
                method: "POST", path: base + "/credentials/revoke-by-agent", id: "revokeByAgent",
                summary: "Revoke every credential of an agent issued so far (a watermark).", tag: "credentials",
                security: .workspaceKey,
                requestBody: Schema.object([:], optional: ["agent_id": Schema.string, "reason": Schema.string]),
                responses: ok(
                    Schema.ok(
                        ["revoked": Schema.integer, "agent_id": Schema.string, "revoked_before": Schema.time],
                        optional: ["reason": Schema.string])),
                errors: [400: ["missing_agent_id", "invalid_reason"], 404: ["unknown_agent"]]),
            Op(
                method: "POST", path: base + "/kill-switch/minting", id: "mintingSwitch",
                summary: "Pause or resume minting and token exchange.", tag: "credentials", security: .workspaceKey,
                requestBody: Schema.object([:], optional: ["paused": Schema.boolean, "reason": Schema.string]),
                responses: ok(
                    Schema.ok(
                        ["minting_paused": Schema.boolean],
                        optional: ["reason": Schema.string, "changed_at": Schema.time])),
                errors: [400: ["invalid_reason"]]),
            Op(
                method: "POST", path: base + "/kill-switch/revoke-all", id: "revokeAll",
                summary: "Revoke every credential issued so far (a watermark).", tag: "credentials",
                security: .workspaceKey, requestBody: Schema.object([:], optional: ["reason": Schema.string]),
                responses: ok(
                    Schema.ok(["all_credentials_revoked_at": Schema.time], optional: ["reason": Schema.string])),
                errors: [400: ["invalid_reason"]]),
            Op(
                method: "GET", path: base + "/kill-switch/status", id: "killSwitchStatus",
                summary: "Minting pause and revoke-all watermark.", tag: "credentials", security: .workspaceKey,
                responses: ok(
                    Schema.ok(
                        ["minting_paused": Schema.boolean],
                        optional: ["minting_paused_reason": Schema.string, "all_credentials_revoked_at": Schema.time]))),
        ]
    }

    static var policies: [OpenAPIOperation] {
        [
            Op(
                method: "GET", path: "/api/v1/policies", id: "listPolicies",
                summary: "The workspace's policies (pol_default included).", tag: "policies", security: .workspaceKey,
                responses: ok(Schema.ok(["items": Schema.array(Schema.ref("Policy")), "count": Schema.integer]))),
            Op(
                method: "GET", path: "/api/v1/policies/{policy_id}", id: "getPolicy", summary: "One policy.",
                tag: "policies", security: .workspaceKey, responses: ok(Schema.ok(["policy": Schema.ref("Policy")])),
                errors: [404: ["unknown_policy"]]),
            Op(
                method: "PUT", path: "/api/v1/policies/{policy_id}", id: "putPolicy",
                summary: "Store a new version of a policy.", tag: "policies", security: .workspaceKey,
                requestBody: Schema.ref("PolicyDocument"), responses: ok(Schema.ok(["policy": Schema.ref("Policy")])),
                errors: [400: ["invalid_policy", "invalid_policy_id"]]),
            Op(
                method: "POST", path: "/api/v1/check", id: "check",
                summary: "May this agent do this now? 200 with allow, challenge or deny.", tag: "policies",
                security: .workspaceKey,
                requestBody: Schema.object(
                    [:],
                    optional: [
                        "agent_id": Schema.string, "policy_id": Schema.string, "action": Schema.string,
                        "context": Schema.anyObject,
                    ]),
                responses: ok(
                    Schema.object(
                        [
                            "decision": Schema.oneOf(["allow", "challenge", "deny"]),
                            "reasons": Schema.array(Schema.string), "trace_id": Schema.string(pattern: "^trc_"),
                            "policy_id": Schema.string, "policy_version": Schema.integer,
                        ],
                        optional: [
                            "challenge": Schema.object([
                                "type": Schema.constant("approval_link"), "approval_id": Schema.string,
                                "url": Schema.string, "expires_in": Schema.integer,
                            ]), "retry_after_seconds": Schema.integer,
                        ])),
                errors: [
                    400: ["missing_agent_id", "missing_action", "invalid_action", "invalid_context"],
                    404: ["unknown_agent", "unknown_policy"],
                ]),
            Op(
                method: "GET", path: "/api/v1/approvals/{token}", id: "getApproval",
                summary: "Who asks what (the token is the bearer secret of the link).", tag: "policies",
                security: .none, responses: ok(Schema.ok(["approval": Schema.ref("Approval")])),
                errors: [404: ["unknown_approval"]]),
        ]
            + ["approve", "deny"].map { verb in
                Op(
                    method: "POST", path: "/api/v1/approvals/{token}/\(verb)", id: verb + "Approval",
                    summary: "\(verb.capitalized) through the link, once.", tag: "policies", security: .none,
                    responses: ok(Schema.ok(["approval": Schema.ref("Approval")])),
                    errors: [404: ["unknown_approval"], 409: ["approval_used"], 410: ["approval_expired"]])
            }
    }

    static var decisions: [OpenAPIOperation] {
        var verifyRequest = OpenAPIComponents.schemas["SignedRequestFields"]!
        if case .object(var fields) = verifyRequest, case .object(var properties)? = fields["properties"] {
            properties["agent_id"] = Schema.string
            fields["properties"] = .object(properties)
            fields["required"] = nil
            verifyRequest = .object(fields)
        }
        return [
            Op(
                method: "POST", path: "/api/v1/verify", id: "verify",
                summary: "Verify an agent-signed request a relying service received (consumes its nonce).",
                tag: "decisions", security: .workspaceKey, requestBody: verifyRequest,
                responses: ok(
                    Schema.object(
                        ["valid": Schema.boolean],
                        optional: [
                            "agent_id": Schema.string, "verified_at": Schema.time, "verification_tier": Schema.string,
                            "risk_tier": Schema.string, "revoked": Schema.boolean,
                            "reason": Schema.oneOf(SignatureFailure.allCases.map(\.rawValue)),
                        ])), errors: [400: ["missing_agent_id", "invalid_signed_request"]], rateLimited: true),
            Op(
                method: "POST", path: "/api/v1/telemetry/heartbeat", id: "heartbeat",
                summary: "An agent-signed liveness report.", tag: "decisions", security: .agentSignature,
                requestBody: Schema.object(
                    [:],
                    optional: [
                        "agent_id": Schema.string, "status": Schema.string, "latency_ms": Schema.integer,
                    ]),
                responses: ok(
                    Schema.ok(["agent_id": Schema.string, "status": Schema.string, "recorded_at": Schema.time])),
                errors: [
                    400: ["missing_agent_id", "invalid_status", "invalid_latency"],
                    401: [
                        "missing_signature_headers", "agent_header_mismatch", "invalid_signature",
                        "timestamp_out_of_range", "replay_detected",
                    ], 403: ["agent_revoked"], 404: ["unknown_agent"],
                ]),
            Op(
                method: "GET", path: "/api/v1/telemetry/heartbeat/recent", id: "recentHeartbeats",
                summary: "The latest heartbeats of an agent mapped here, newest first.", tag: "decisions",
                security: .workspaceKey,
                parameters: [
                    Op.query("agent_id", Schema.string, "The agent (required)."),
                    Op.query("limit", Schema.integer(minimum: 1, maximum: 100), "1-100, default 20."),
                ],
                responses: ok(Schema.ok(["items": Schema.array(Schema.ref("Heartbeat")), "count": Schema.integer])),
                errors: [400: ["missing_agent_id", "invalid_limit"], 404: ["unknown_agent"]]),
            Op(
                method: "POST", path: "/api/v1/token/exchange", id: "tokenExchange",
                summary: "Exchange a signed agent assertion for an EdDSA JWT.", tag: "decisions",
                security: .optionalWorkspaceKey,
                requestBody: Schema.object(
                    [:],
                    optional: [
                        "agent_id": Schema.string, "audience": Schema.string, "scopes": Schema.array(Schema.string),
                        "policy_id": Schema.string, "ttl_seconds": Schema.integer, "context": Schema.anyObject,
                        "workspace_id": Schema.string, "agent_request": Schema.ref("SignedRequestFields"),
                    ]),
                responses: ok(
                    Schema.ok([
                        "token": Schema.string, "token_type": Schema.constant("Bearer"), "expires_in": Schema.integer,
                    ])),
                errors: [
                    400: [
                        "missing_agent_id", "invalid_signed_request", "invalid_signature", "timestamp_out_of_range",
                        "replay_detected", "ambiguous_workspace", "invalid_ttl", "invalid_scopes", "invalid_audience",
                        "invalid_context",
                    ],
                    403: ["minting_paused", "policy_denied", "policy_challenge", "agent_revoked"],
                    404: ["unknown_agent", "unknown_policy"],
                ], rateLimited: true),
            Op(
                method: "POST", path: "/api/v1/reputation/feedback", id: "feedback",
                summary: "HMAC-signed reputation feedback about an agent this workspace maps.", tag: "reputation",
                security: .feedbackSignature,
                requestBody: Schema.object(
                    [:],
                    optional: ["agent_id": Schema.string, "verdict": Schema.string, "evidence": Schema.anyObject]),
                responses: ok(
                    Schema.ok([
                        "accepted": Schema.constant(true), "feedback_id": Schema.string, "received_at": Schema.time,
                    ])),
                errors: [
                    400: ["missing_agent_id", "invalid_verdict", "evidence_too_large"],
                    401: [
                        "missing_api_key", "invalid_api_key", "missing_signature_headers", "bad_signature",
                        "timestamp_out_of_range", "replay_detected",
                    ], 404: ["unknown_agent"],
                ], rateLimited: true),
            Op(
                method: "GET", path: "/api/v1/reputation/agents/{agent_id}", id: "reputation",
                summary: "An agent's reputation.", tag: "reputation", security: .workspaceKey,
                // The reputation's fields sit at the top level, beside `ok` (the public API's shape).
                responses: ok(["allOf": [Schema.ok([:]), Schema.ref("Reputation")]]), errors: [404: ["unknown_agent"]]),
        ]
    }

    static var metadata: [OpenAPIOperation] {
        let jwks = Schema.object(["keys": Schema.array(Schema.ref("JWK"))])
        let openID = Schema.object([
            "issuer": Schema.string, "jwks_uri": Schema.string,
            "id_token_signing_alg_values_supported": Schema.array(Schema.string),
        ])
        var operations: [OpenAPIOperation] = []
        for (prefix, suffix) in [("/api", ""), ("", "Root")] {
            operations += [
                Op(
                    method: "GET", path: prefix + "/.well-known/jwks.json", id: "jwks" + suffix,
                    summary: "The issuer's public keys (active and still-needed previous ones).", tag: "metadata",
                    security: .none, responses: ok(jwks)),
                Op(
                    method: "GET", path: prefix + "/.well-known/clawb/jwks.json", id: "jwksLegacy" + suffix,
                    summary: "Alias of jwks.json.", tag: "metadata", security: .none, responses: ok(jwks)),
                Op(
                    method: "GET", path: prefix + "/.well-known/openid-configuration",
                    id: "openIDConfiguration" + suffix,
                    summary: "Issuer and JWKS URL.", tag: "metadata", security: .none, responses: ok(openID)),
            ]
        }
        return operations
    }
}
