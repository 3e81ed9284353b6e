import ClawbCrypto

/// A global agent identity (a passport): an Ed25519 public key and a status.
public struct Agent: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        /// Registered, key possession not yet proven.
        case pending
        /// Attested: proved possession of its private key.
        case active
        case revoked
    }

    public let id: AgentID
    public var name: String
    public let publicKey: [UInt8]
    public var status: Status
    public var metadata: [String: JSONValue]
    public let createdAt: Timestamp
    public var attestedAt: Timestamp?

    public init(
        id: AgentID, name: String, publicKey: [UInt8], status: Status, metadata: [String: JSONValue],
        createdAt: Timestamp, attestedAt: Timestamp?
    ) {
        self.id = id
        self.name = name
        self.publicKey = publicKey
        self.status = status
        self.metadata = metadata
        self.createdAt = createdAt
        self.attestedAt = attestedAt
    }

    /// The only key type supported.
    public static let keyType = "ed25519"

    /// `sha256:<hex>` of the raw public key: a short, stable name for the key.
    public var keyFingerprint: String { "sha256:" + SHA256.hexDigest(publicKey) }
}

/// A one-time proof-of-possession challenge issued at registration.
public struct AttestationChallenge: Hashable, Sendable {
    public let id: ChallengeID
    public let agentID: AgentID
    public let bytes: [UInt8]
    public let createdAt: Timestamp
    public let expiresAt: Timestamp
    public var usedAt: Timestamp?

    public init(
        id: ChallengeID, agentID: AgentID, bytes: [UInt8], createdAt: Timestamp, expiresAt: Timestamp,
        usedAt: Timestamp?
    ) {
        self.id = id
        self.agentID = agentID
        self.bytes = bytes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// A server-level event of the operator log: agent lifecycle events that belong to no
/// workspace yet (an agent registers before any workspace maps it).
public struct OperatorEvent: Hashable, Sendable {
    public let id: OperatorEventID
    public let createdAt: Timestamp
    public let eventType: AuditEvent.EventType
    public let agentID: String?
    public let requestID: String?
    public let metadata: [String: JSONValue]

    public init(
        id: OperatorEventID, createdAt: Timestamp, eventType: AuditEvent.EventType, agentID: String?,
        requestID: String?, metadata: [String: JSONValue]
    ) {
        self.id = id
        self.createdAt = createdAt
        self.eventType = eventType
        self.agentID = agentID
        self.requestID = requestID
        self.metadata = metadata
    }
}
