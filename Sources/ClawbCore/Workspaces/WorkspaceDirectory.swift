/// Creates and lists workspaces and manages their API keys (the operator's use cases).
/// Every change is committed together with its audit event.
public struct WorkspaceDirectory: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog

    /// Longest workspace name accepted, in characters.
    public static let maxNameLength = 128
    /// Longest overlap for a rotated key: 30 days.
    public static let maxRotationOverlapSeconds: Int64 = 30 * 86_400

    public init(storage: any Storage, clock: any Clock, audit: AuditLog) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
    }

    /// A new workspace and its first key. The key's secret is only in this return value.
    public struct Creation: Sendable {
        public let workspace: Workspace
        public let key: APIKey
        public let secret: APIKeySecret
    }

    /// A freshly issued key with its one-time secret.
    public struct IssuedKey: Sendable {
        public let key: APIKey
        public let secret: APIKeySecret
    }

    /// Creates a workspace. `mode` defaults to `test`: an omitted mode must never produce a
    /// workspace whose keys look like production keys.
    public func createWorkspace(name: String?, mode: String?, requestID: String?) throws -> Creation {
        let name = try Self.validatedName(name)
        let mode = try Self.validatedMode(mode)
        let now = clock.now()
        let workspace = Workspace(id: .generate(at: now), name: name, mode: mode, createdAt: now)
        let issued = Self.newKey(for: workspace, at: now)
        let audit = self.audit
        try storage.write { transaction in
            try transaction.insert(workspace)
            try transaction.insert(issued.key)
            try audit.append(
                AuditRecord(
                    .workspaceCreated, workspace: workspace.id, actor: .admin, requestID: requestID,
                    metadata: ["name": .string(name), "mode": .string(mode.rawValue)]), in: transaction)
            try audit.append(Self.keyCreatedRecord(issued.key, requestID: requestID, rotatedFrom: nil), in: transaction)
        }
        return Creation(workspace: workspace, key: issued.key, secret: issued.secret)
    }

    public func workspaces() throws -> [Workspace] {
        try storage.read { try $0.workspaces() }
    }

    /// The workspace with this wire id; 404 `unknown_workspace` when absent or malformed.
    public func workspace(id text: String) throws -> Workspace {
        guard let id = WorkspaceID(text), let workspace = try storage.read({ try $0.workspace(id: id) }) else {
            throw DomainError(.unknownWorkspace, "No workspace has this id.")
        }
        return workspace
    }

    public func createAPIKey(workspace text: String, requestID: String?) throws -> IssuedKey {
        let workspace = try workspace(id: text)
        let issued = Self.newKey(for: workspace, at: clock.now())
        let audit = self.audit
        try storage.write { transaction in
            try transaction.insert(issued.key)
            try audit.append(Self.keyCreatedRecord(issued.key, requestID: requestID, rotatedFrom: nil), in: transaction)
        }
        return issued
    }

    public func apiKeys(workspace text: String) throws -> [APIKey] {
        let workspace = try workspace(id: text)
        return try storage.read { try $0.apiKeys(workspace: workspace.id) }
    }

    /// Revokes a key at once. Returns false when it was already revoked (nothing is recorded).
    public func revokeAPIKey(id text: String, requestID: String?) throws -> Bool {
        guard let id = APIKeyID(text) else { throw DomainError(.unknownAPIKey, "No API key has this id.") }
        let now = clock.now()
        let audit = self.audit
        return try storage.write { transaction in
            guard let key = try transaction.apiKey(id: id) else {
                throw DomainError(.unknownAPIKey, "No API key has this id.")
            }
            guard key.revokedAt == nil else { return false }
            try transaction.revokeAPIKey(id: id, at: now)
            try audit.append(
                AuditRecord(
                    .apiKeyRevoked, workspace: key.workspaceID, actor: .admin, requestID: requestID,
                    metadata: ["key_id": .string(id.rawValue), "prefix": .string(key.displayPrefix)]),
                in: transaction)
            return true
        }
    }

    /// Issues a replacement key; the old one keeps working for `overlapSeconds`, then stops.
    public func rotateAPIKey(
        id text: String, overlapSeconds: Int64?, requestID: String?
    ) throws -> (IssuedKey, oldKeyExpiresAt: Timestamp) {
        guard let id = APIKeyID(text) else { throw DomainError(.unknownAPIKey, "No API key has this id.") }
        let overlap = overlapSeconds ?? 3600
        guard (0...Self.maxRotationOverlapSeconds).contains(overlap) else {
            throw DomainError(
                .invalidOverlap, "overlap_seconds must be between 0 and \(Self.maxRotationOverlapSeconds).",
                field: "overlap_seconds")
        }
        let now = clock.now()
        let audit = self.audit
        return try storage.write { transaction in
            guard let old = try transaction.apiKey(id: id), old.isUsable(at: now),
                let workspace = try transaction.workspace(id: old.workspaceID)
            else {
                throw DomainError(.unknownAPIKey, "No usable API key has this id.")
            }
            let issued = Self.newKey(for: workspace, at: now)
            let expiry = now.adding(seconds: overlap)
            let effectiveExpiry = min(expiry, old.expiresAt ?? expiry)
            try transaction.insert(issued.key)
            try transaction.setAPIKeyExpiry(id: id, at: effectiveExpiry)
            try audit.append(
                Self.keyCreatedRecord(issued.key, requestID: requestID, rotatedFrom: (id, effectiveExpiry)),
                in: transaction)
            return (issued, effectiveExpiry)
        }
    }

    static func newKey(for workspace: Workspace, at time: Timestamp) -> IssuedKey {
        let secret = APIKeySecret.generate(for: workspace.mode)
        let key = APIKey(
            id: .generate(at: time), workspaceID: workspace.id, secretHash: secret.hash,
            displayPrefix: secret.displayPrefix, createdAt: time)
        return IssuedKey(key: key, secret: secret)
    }

    static func keyCreatedRecord(_ key: APIKey, requestID: String?, rotatedFrom: (APIKeyID, Timestamp)?) -> AuditRecord
    {
        var metadata: [String: JSONValue] = ["key_id": .string(key.id.rawValue), "prefix": .string(key.displayPrefix)]
        if let (oldID, expiry) = rotatedFrom {
            metadata["rotated_from"] = .string(oldID.rawValue)
            metadata["rotated_key_expires_at"] = .string(expiry.rfc3339)
        }
        return AuditRecord(
            .apiKeyCreated, workspace: key.workspaceID, actor: .admin, requestID: requestID, metadata: metadata)
    }

    static func validatedName(_ name: String?) throws -> String {
        try TextRules.validatedName(name, field: "name", maxLength: maxNameLength)
    }

    static func validatedMode(_ mode: String?) throws -> Workspace.Mode {
        guard let mode else { return .test }
        guard let parsed = Workspace.Mode(rawValue: mode) else {
            throw DomainError(.invalidMode, "mode must be \"live\" or \"test\".", field: "mode")
        }
        return parsed
    }
}
