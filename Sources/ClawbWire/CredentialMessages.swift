/// `POST /api/v1/identity/credentials/mint`. Unknown fields (`policy_selector`, `org_id`) are ignored.
public struct MintRequest: Codable, Sendable {
    public var agentID: String?
    public var provider: String?
    public var audience: String?
    public var ttlSeconds: Int64?
    public var oneTime: Bool?
    public var scopes: [String]?
    public var scopeHash: String?
    public var policyID: String?
    public var tokenType: String?

    public init(
        agentID: String?, provider: String? = nil, audience: String? = nil, ttlSeconds: Int64? = nil,
        oneTime: Bool? = nil,
        scopes: [String]? = nil, scopeHash: String? = nil, policyID: String? = nil, tokenType: String? = nil
    ) {
        self.agentID = agentID
        self.provider = provider
        self.audience = audience
        self.ttlSeconds = ttlSeconds
        self.oneTime = oneTime
        self.scopes = scopes
        self.scopeHash = scopeHash
        self.policyID = policyID
        self.tokenType = tokenType
    }

    enum CodingKeys: String, CodingKey {
        case provider, audience, scopes
        case agentID = "agent_id"
        case ttlSeconds = "ttl_seconds"
        case oneTime = "one_time"
        case scopeHash = "scope_hash"
        case policyID = "policy_id"
        case tokenType = "token_type"
    }
}

public struct CredentialBody: Codable, Sendable {
    public var credID: String
    public var token: String
    public var tokenType: String
    public var expiresAt: String
    public var oneTime: Bool
    public var audience: String
    public var scopes: [String]
    public var scopeHash: String
    public var provider: String?
    public var agentID: String

    public init(
        credID: String, token: String, tokenType: String, expiresAt: String, oneTime: Bool, audience: String,
        scopes: [String], scopeHash: String, provider: String?, agentID: String
    ) {
        self.credID = credID
        self.token = token
        self.tokenType = tokenType
        self.expiresAt = expiresAt
        self.oneTime = oneTime
        self.audience = audience
        self.scopes = scopes
        self.scopeHash = scopeHash
        self.provider = provider
        self.agentID = agentID
    }

    enum CodingKeys: String, CodingKey {
        case token, audience, scopes, provider
        case credID = "cred_id"
        case tokenType = "token_type"
        case expiresAt = "expires_at"
        case oneTime = "one_time"
        case scopeHash = "scope_hash"
        case agentID = "agent_id"
    }
}

/// 201 answer to a mint: the only time the token is shown.
public struct MintResponse: Codable, Sendable {
    public var ok = true
    public var credential: CredentialBody

    public init(credential: CredentialBody) { self.credential = credential }
}

/// `POST /api/v1/identity/introspect`.
public struct IntrospectRequest: Codable, Sendable {
    public var token: String?
    public var scopeHash: String?

    public init(token: String?, scopeHash: String? = nil) {
        self.token = token
        self.scopeHash = scopeHash
    }

    enum CodingKeys: String, CodingKey {
        case token
        case scopeHash = "scope_hash"
    }
}

/// RFC 7662: `{"active":false}` and nothing else for any inactive token.
public struct IntrospectResponse: Codable, Sendable {
    public var active: Bool
    public var credID: String?
    public var sub: String?
    public var aud: String?
    public var scope: String?
    public var exp: Int64?
    public var iat: Int64?
    public var tokenType: String?
    public var oneTime: Bool?
    public var workspaceID: String?

    public init(
        active: Bool, credID: String? = nil, sub: String? = nil, aud: String? = nil, scope: String? = nil,
        exp: Int64? = nil,
        iat: Int64? = nil, tokenType: String? = nil, oneTime: Bool? = nil, workspaceID: String? = nil
    ) {
        self.active = active
        self.credID = credID
        self.sub = sub
        self.aud = aud
        self.scope = scope
        self.exp = exp
        self.iat = iat
        self.tokenType = tokenType
        self.oneTime = oneTime
        self.workspaceID = workspaceID
    }

    enum CodingKeys: String, CodingKey {
        case active, sub, aud, scope, exp, iat
        case credID = "cred_id"
        case tokenType = "token_type"
        case oneTime = "one_time"
        case workspaceID = "workspace_id"
    }
}

/// `POST /api/v1/identity/credentials/revoke`.
public struct RevokeCredentialRequest: Codable, Sendable {
    public var token: String?
    public var credID: String?
    public var reason: String?

    public init(token: String? = nil, credID: String? = nil, reason: String? = nil) {
        self.token = token
        self.credID = credID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case token, reason
        case credID = "cred_id"
    }
}

public struct RevokeCredentialResponse: Codable, Sendable {
    public var ok = true
    /// 1 when the credential was active, 0 when it already was not.
    public var revoked: Int
    public var reason: String?

    public init(revoked: Int, reason: String?) {
        self.revoked = revoked
        self.reason = reason
    }
}

/// `POST /api/v1/identity/credentials/revoke-by-agent`.
public struct RevokeByAgentRequest: Codable, Sendable {
    public var agentID: String?
    public var reason: String?

    public init(agentID: String?, reason: String? = nil) {
        self.agentID = agentID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case agentID = "agent_id"
    }
}

public struct RevokeByAgentResponse: Codable, Sendable {
    public var ok = true
    public var revoked: Int
    public var agentID: String
    public var reason: String?
    public var revokedBefore: String

    public init(revoked: Int, agentID: String, reason: String?, revokedBefore: String) {
        self.revoked = revoked
        self.agentID = agentID
        self.reason = reason
        self.revokedBefore = revokedBefore
    }

    enum CodingKeys: String, CodingKey {
        case ok, revoked, reason
        case agentID = "agent_id"
        case revokedBefore = "revoked_before"
    }
}

/// `POST /api/v1/identity/kill-switch/minting`.
public struct MintingSwitchRequest: Codable, Sendable {
    public var paused: Bool?
    public var reason: String?

    public init(paused: Bool?, reason: String? = nil) {
        self.paused = paused
        self.reason = reason
    }
}

public struct MintingSwitchResponse: Codable, Sendable {
    public var ok = true
    public var mintingPaused: Bool
    public var reason: String?
    public var changedAt: String?

    public init(mintingPaused: Bool, reason: String?, changedAt: String?) {
        self.mintingPaused = mintingPaused
        self.reason = reason
        self.changedAt = changedAt
    }

    enum CodingKeys: String, CodingKey {
        case ok, reason
        case mintingPaused = "minting_paused"
        case changedAt = "changed_at"
    }
}

/// `POST /api/v1/identity/kill-switch/revoke-all`.
public struct RevokeAllRequest: Codable, Sendable {
    public var reason: String?

    public init(reason: String? = nil) { self.reason = reason }
}

public struct RevokeAllResponse: Codable, Sendable {
    public var ok = true
    public var allCredentialsRevokedAt: String
    public var reason: String?

    public init(allCredentialsRevokedAt: String, reason: String?) {
        self.allCredentialsRevokedAt = allCredentialsRevokedAt
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case ok, reason
        case allCredentialsRevokedAt = "all_credentials_revoked_at"
    }
}

/// `GET /api/v1/identity/kill-switch/status`; empty values are explicit nulls.
public struct KillSwitchStatusResponse: Codable, Sendable {
    public var ok = true
    public var mintingPaused: Bool
    public var mintingPausedReason: String?
    public var allCredentialsRevokedAt: String?

    public init(mintingPaused: Bool, mintingPausedReason: String?, allCredentialsRevokedAt: String?) {
        self.mintingPaused = mintingPaused
        self.mintingPausedReason = mintingPausedReason
        self.allCredentialsRevokedAt = allCredentialsRevokedAt
    }

    enum CodingKeys: String, CodingKey {
        case ok
        case mintingPaused = "minting_paused"
        case mintingPausedReason = "minting_paused_reason"
        case allCredentialsRevokedAt = "all_credentials_revoked_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(mintingPaused, forKey: .mintingPaused)
        try container.encode(mintingPausedReason, forKey: .mintingPausedReason)
        try container.encode(allCredentialsRevokedAt, forKey: .allCredentialsRevokedAt)
    }
}
