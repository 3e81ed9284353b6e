/// The persistence contract of the domain. Backends (SQLite now, PostgreSQL later) implement
/// it; one contract test suite runs against each. No backend type appears here.
///
/// Errors: every method may throw `DomainError(.storageUnavailable)` when the backend cannot
/// serve (disk full, I/O error, database locked beyond the busy timeout). Nothing else is
/// thrown by the backend itself; errors thrown by a `write` body are passed through unchanged.
public protocol Storage: Sendable {
    /// Runs `body` against a consistent snapshot. Many reads run in parallel with each other
    /// and with the writer.
    func read<T: Sendable>(_ body: (any StorageReader) throws -> T) throws -> T

    /// Runs `body` atomically and returns only after its changes are durably committed.
    ///
    /// If `body` throws, none of its changes are kept and the error is rethrown. Concurrent
    /// calls may share one underlying transaction (group commit), but each body is isolated by a
    /// savepoint: one body's failure never undoes another's work. Bodies run one at a time, so a
    /// body sees the effects of every body that ran before it.
    @discardableResult
    func write<T: Sendable>(_ body: @Sendable (any StorageWriter) throws -> T) throws -> T

    /// Throws when storage cannot serve requests (used by `/readyz`).
    func checkReady() throws

    /// Finishes queued writes and closes every connection. Later calls throw.
    func close()
}

/// Queries available inside `Storage.read` and `Storage.write`.
public protocol StorageReader {
    func workspace(id: WorkspaceID) throws -> Workspace?
    /// All workspaces, oldest first.
    func workspaces() throws -> [Workspace]

    /// The key whose `secretHash` equals `hash`, revoked or not.
    func apiKey(hash: [UInt8]) throws -> APIKey?
    func apiKey(id: APIKeyID) throws -> APIKey?
    /// The keys of a workspace, oldest first.
    func apiKeys(workspace: WorkspaceID) throws -> [APIKey]

    /// The last event of a workspace's chain, nil when it has none.
    func auditHead(workspace: WorkspaceID) throws -> AuditChainHead?
    /// Events with `sequence > afterSequence`, ascending, at most `limit`.
    func auditEvents(workspace: WorkspaceID, afterSequence: Int64, limit: Int) throws -> [AuditEvent]
}

/// Changes available inside `Storage.write`.
public protocol StorageWriter: StorageReader {
    func insert(_ workspace: Workspace) throws
    func insert(_ key: APIKey) throws
    /// Sets `revoked_at` of a key; no effect when it is already revoked.
    func revokeAPIKey(id: APIKeyID, at time: Timestamp) throws
    func setAPIKeyExpiry(id: APIKeyID, at time: Timestamp) throws
    func recordAPIKeyUse(id: APIKeyID, at time: Timestamp) throws
    /// Appends an event. The caller (`AuditLog`) has chained it to `auditHead`.
    func append(_ event: AuditEvent) throws
}

/// Where a workspace's chain ends.
public struct AuditChainHead: Sendable, Equatable {
    public let sequence: Int64
    public let hash: String
    public let createdAt: Timestamp

    public init(sequence: Int64, hash: String, createdAt: Timestamp) {
        self.sequence = sequence
        self.hash = hash
        self.createdAt = createdAt
    }
}
