import ClawbJSON

/// The fields of an agent-signed request sent as JSON (`/v1/verify`, token exchange's
/// `agent_request`). `timestamp_ms` is an integer; a decimal string is accepted too.
public struct SignedRequestFields: Codable, Sendable {
    public var agentID: String?
    public var method: String?
    public var path: String?
    public var timestampMs: JSONValue?
    public var nonce: String?
    public var bodySHA256: String?
    public var signatureB64: String?

    public init(
        agentID: String?, method: String?, path: String?, timestampMs: JSONValue?, nonce: String?,
        bodySHA256: String?, signatureB64: String?
    ) {
        self.agentID = agentID
        self.method = method
        self.path = path
        self.timestampMs = timestampMs
        self.nonce = nonce
        self.bodySHA256 = bodySHA256
        self.signatureB64 = signatureB64
    }

    enum CodingKeys: String, CodingKey {
        case method, path, nonce
        case agentID = "agent_id"
        case timestampMs = "timestamp_ms"
        case bodySHA256 = "body_sha256"
        case signatureB64 = "signature_b64"
    }
}

public struct VerifyResponse: Codable, Sendable {
    public var valid: Bool
    public var agentID: String?
    public var reason: String?
    public var verifiedAt: String?
    public var verificationTier: String?
    public var riskTier: String?
    public var revoked: Bool?

    public init(
        valid: Bool, agentID: String?, reason: String?, verifiedAt: String?, verificationTier: String?,
        riskTier: String?, revoked: Bool?
    ) {
        self.valid = valid
        self.agentID = agentID
        self.reason = reason
        self.verifiedAt = verifiedAt
        self.verificationTier = verificationTier
        self.riskTier = riskTier
        self.revoked = revoked
    }

    enum CodingKeys: String, CodingKey {
        case valid, reason, revoked
        case agentID = "agent_id"
        case verifiedAt = "verified_at"
        case verificationTier = "verification_tier"
        case riskTier = "risk_tier"
    }
}

public struct HeartbeatRequest: Codable, Sendable {
    public var agentID: String?
    public var status: String?
    public var latencyMs: Int64?

    public init(agentID: String?, status: String? = nil, latencyMs: Int64? = nil) {
        self.agentID = agentID
        self.status = status
        self.latencyMs = latencyMs
    }

    enum CodingKeys: String, CodingKey {
        case status
        case agentID = "agent_id"
        case latencyMs = "latency_ms"
    }
}

public struct HeartbeatResponse: Codable, Sendable {
    public var ok = true
    public var agentID: String
    public var status: String
    public var recordedAt: String

    public init(agentID: String, status: String, recordedAt: String) {
        self.agentID = agentID
        self.status = status
        self.recordedAt = recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case ok, status
        case agentID = "agent_id"
        case recordedAt = "recorded_at"
    }
}

public struct HeartbeatItem: Codable, Sendable {
    public var agentID: String
    public var status: String
    public var latencyMs: Int64?
    public var createdAt: String

    public init(agentID: String, status: String, latencyMs: Int64?, createdAt: String) {
        self.agentID = agentID
        self.status = status
        self.latencyMs = latencyMs
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case status
        case agentID = "agent_id"
        case latencyMs = "latency_ms"
        case createdAt = "created_at"
    }
}

public struct HeartbeatListResponse: Codable, Sendable {
    public var ok = true
    public var items: [HeartbeatItem]
    public var count: Int

    public init(items: [HeartbeatItem]) {
        self.items = items
        self.count = items.count
    }
}

/// `POST /api/v1/token/exchange`.
public struct ExchangeRequest: Codable, Sendable {
    public var agentID: String?
    public var audience: String?
    public var scopes: [String]?
    public var policyID: String?
    public var ttlSeconds: Int64?
    public var context: JSONValue?
    public var workspaceID: String?
    public var agentRequest: SignedRequestFields?

    public init(
        agentID: String?, audience: String? = nil, scopes: [String]? = nil, policyID: String? = nil,
        ttlSeconds: Int64? = nil, context: JSONValue? = nil, workspaceID: String? = nil,
        agentRequest: SignedRequestFields?
    ) {
        self.agentID = agentID
        self.audience = audience
        self.scopes = scopes
        self.policyID = policyID
        self.ttlSeconds = ttlSeconds
        self.context = context
        self.workspaceID = workspaceID
        self.agentRequest = agentRequest
    }

    enum CodingKeys: String, CodingKey {
        case audience, scopes, context
        case agentID = "agent_id"
        case policyID = "policy_id"
        case ttlSeconds = "ttl_seconds"
        case workspaceID = "workspace_id"
        case agentRequest = "agent_request"
    }
}

public struct ExchangeResponse: Codable, Sendable {
    public var ok = true
    public var token: String
    public var tokenType = "Bearer"
    public var expiresIn: Int64

    public init(token: String, expiresIn: Int64) {
        self.token = token
        self.expiresIn = expiresIn
    }

    enum CodingKeys: String, CodingKey {
        case ok, token
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}
