import ClawbCrypto
import Synchronization

/// Who an authenticated workspace request acts as.
public struct WorkspacePrincipal: Sendable {
    public let workspace: Workspace
    public let keyID: APIKeyID
    /// SHA-256 of the presented key: the HMAC key of signed reputation feedback (API.md §7).
    public let keySecretHash: [UInt8]

    public var actor: AuditActor { .apiKey(keyID) }
}

/// Turns a presented API key into a `WorkspacePrincipal`, or refuses it.
///
/// The client never learns why a key was refused (`invalid_api_key` for unknown, malformed,
/// revoked and expired keys alike). A refused key that still identifies a workspace (revoked or
/// expired) writes an `auth_failed` event there, at most once a minute per key, so a client
/// hammering with a dead key cannot turn into a write load.
public final class APIKeyAuthenticator: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    /// Last time an `auth_failed` event was written for a key, and last time `last_used_at`
    /// was written: both are throttled to keep authentication a pure read almost always.
    private let throttle = Mutex<Throttle>(Throttle())

    /// Minimum time between two `last_used_at` writes, and between two `auth_failed` events, per key.
    public static let recordingIntervalMilliseconds: Int64 = 60_000

    public init(storage: any Storage, clock: any Clock, audit: AuditLog) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
    }

    public func authenticate(presentedKey: String?, requestID: String?) throws -> WorkspacePrincipal {
        guard let presentedKey, !presentedKey.isEmpty else {
            throw DomainError(.missingAPIKey, "An API key is required: send it in the X-Clawb-Api-Key header.")
        }
        let refused = DomainError(.invalidAPIKey, "The API key is not valid.")
        guard APIKeySecret.hasValidShape(presentedKey) else { throw refused }
        let hash = SHA256.hash(presentedKey)
        let now = clock.now()
        let found = try storage.read { reader -> (APIKey, Workspace)? in
            guard let key = try reader.apiKey(hash: hash), let workspace = try reader.workspace(id: key.workspaceID)
            else {
                return nil
            }
            return (key, workspace)
        }
        // The lookup was by hash; comparing again in constant time costs nothing and keeps the
        // decision independent of how the backend compares index keys.
        guard let (key, workspace) = found, ConstantTime.equals(key.secretHash, hash) else { throw refused }
        guard key.isUsable(at: now) else {
            try recordFailure(of: key, at: now, requestID: requestID)
            throw refused
        }
        if shouldRecordUse(of: key, at: now) {
            try storage.write { try $0.recordAPIKeyUse(id: key.id, at: now) }
        }
        return WorkspacePrincipal(workspace: workspace, keyID: key.id, keySecretHash: key.secretHash)
    }

    private func shouldRecordUse(of key: APIKey, at now: Timestamp) -> Bool {
        if let last = key.lastUsedAt, now.milliseconds - last.milliseconds < Self.recordingIntervalMilliseconds {
            return false
        }
        return throttle.withLock { $0.claim(\.lastUse, key: key.id, at: now) }
    }

    private func recordFailure(of key: APIKey, at now: Timestamp, requestID: String?) throws {
        guard throttle.withLock({ $0.claim(\.lastFailure, key: key.id, at: now) }) else { return }
        let reason = key.revokedAt != nil ? "revoked_key" : "expired_key"
        let record = AuditRecord(
            .authFailed, workspace: key.workspaceID, actor: .anonymous, requestID: requestID,
            metadata: [
                "reason": .string(reason), "key_id": .string(key.id.rawValue),
                "prefix": .string(key.displayPrefix),
            ])
        let audit = self.audit
        try storage.write { try audit.append(record, in: $0) }
    }

    /// Per-key "last recorded" times. Bounded: when full it is cleared, which at worst lets one
    /// extra write through per key.
    struct Throttle {
        var lastUse: [APIKeyID: Timestamp] = [:]
        var lastFailure: [APIKeyID: Timestamp] = [:]
        static let capacity = 100_000

        /// True (and remembers `now`) when nothing was recorded for `key` within the interval.
        mutating func claim(
            _ table: WritableKeyPath<Throttle, [APIKeyID: Timestamp]>, key: APIKeyID, at now: Timestamp
        ) -> Bool {
            if let last = self[keyPath: table][key],
                now.milliseconds - last.milliseconds < APIKeyAuthenticator.recordingIntervalMilliseconds
            {
                return false
            }
            if self[keyPath: table].count >= Self.capacity { self[keyPath: table].removeAll(keepingCapacity: true) }
            self[keyPath: table][key] = now
            return true
        }
    }
}
