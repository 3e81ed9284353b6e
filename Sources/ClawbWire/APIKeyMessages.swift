/// API-key metadata on the wire. Never carries the secret.
public struct APIKeyBody: Codable, Sendable, Equatable {
    public var keyID: String
    public var workspaceID: String
    public var prefix: String
    /// `active`, `revoked` or `expired` (a rotated key past its overlap).
    public var status: String
    public var createdAt: String
    public var lastUsedAt: String?
    public var revokedAt: String?
    public var expiresAt: String?

    public init(
        keyID: String, workspaceID: String, prefix: String, status: String, createdAt: String,
        lastUsedAt: String?, revokedAt: String?, expiresAt: String?
    ) {
        self.keyID = keyID
        self.workspaceID = workspaceID
        self.prefix = prefix
        self.status = status
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case prefix, status
        case keyID = "key_id"
        case workspaceID = "workspace_id"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
        case expiresAt = "expires_at"
    }
}

/// 201 answer to `POST /api/v1/admin/workspaces/{id}/api-keys`: the only time the key is shown.
public struct CreateAPIKeyResponse: Codable, Sendable {
    public var ok = true
    public var apiKey: String
    public var key: APIKeyBody

    public init(apiKey: String, key: APIKeyBody) {
        self.apiKey = apiKey
        self.key = key
    }

    enum CodingKeys: String, CodingKey {
        case ok, key
        case apiKey = "api_key"
    }
}

/// `GET /api/v1/admin/workspaces/{id}/api-keys`.
public struct APIKeyListResponse: Codable, Sendable {
    public var ok = true
    public var items: [APIKeyBody]

    public init(items: [APIKeyBody]) { self.items = items }
}

/// `POST /api/v1/admin/api-keys/{key_id}/revoke`: `revoked` is false when it already was.
public struct RevokeAPIKeyResponse: Codable, Sendable {
    public var ok = true
    public var revoked: Bool

    public init(revoked: Bool) { self.revoked = revoked }
}

/// `POST /api/v1/admin/api-keys/{key_id}/rotate`.
public struct RotateAPIKeyRequest: Codable, Sendable {
    public var overlapSeconds: Int64?

    public init(overlapSeconds: Int64?) { self.overlapSeconds = overlapSeconds }

    enum CodingKeys: String, CodingKey {
        case overlapSeconds = "overlap_seconds"
    }
}

/// 201 answer to a rotation: the new key (shown once) and when the old one stops working.
public struct RotateAPIKeyResponse: Codable, Sendable {
    public var ok = true
    public var apiKey: String
    public var key: APIKeyBody
    public var previousKeyID: String
    public var previousKeyExpiresAt: String

    public init(apiKey: String, key: APIKeyBody, previousKeyID: String, previousKeyExpiresAt: String) {
        self.apiKey = apiKey
        self.key = key
        self.previousKeyID = previousKeyID
        self.previousKeyExpiresAt = previousKeyExpiresAt
    }

    enum CodingKeys: String, CodingKey {
        case ok, key
        case apiKey = "api_key"
        case previousKeyID = "previous_key_id"
        case previousKeyExpiresAt = "previous_key_expires_at"
    }
}
