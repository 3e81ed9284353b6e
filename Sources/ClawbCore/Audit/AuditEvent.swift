import Foundation

/// One entry of a workspace's tamper-evident audit log (API.md §6).
public struct AuditEvent: Hashable, Sendable {
    /// The closed catalogue of event types. Adding one is an API change.
    public enum EventType: String, Sendable, CaseIterable {
        case workspaceCreated = "workspace_created"
        case apiKeyCreated = "api_key_created"
        case apiKeyRevoked = "api_key_revoked"
        case agentRegistered = "agent_registered"
        case agentAttested = "agent_attested"
        case agentMappingUpserted = "agent_mapping_upserted"
        case credentialMinted = "credential_minted"
        case credentialMintDenied = "credential_mint_denied"
        case credentialIntrospected = "credential_introspected"
        case credentialRevoked = "credential_revoked"
        case credentialsRevokedByAgent = "credentials_revoked_by_agent"
        case killSwitchMinting = "kill_switch_minting"
        case killSwitchRevokeAll = "kill_switch_revoke_all"
        case policyUpdated = "policy_updated"
        case policyCheck = "policy_check"
        case approvalDecided = "approval_decided"
        case signatureVerified = "signature_verified"
        case tokenExchanged = "token_exchanged"
        case reputationFeedback = "reputation_feedback"
        case feedbackRejected = "feedback_rejected"
        case authFailed = "auth_failed"
        case signingKeyRotated = "signing_key_rotated"
    }

    public let id: AuditEventID
    public let workspaceID: WorkspaceID
    /// Position in the workspace's chain, from 1. Gap-free; the keyset for pagination.
    public let sequence: Int64
    public let createdAt: Timestamp
    public let eventType: EventType
    public let actor: AuditActor
    public let requestID: String?
    public let agentID: String?
    public let action: String?
    public let decision: String?
    public let traceID: String?
    public let policyID: String?
    /// The metadata object as canonical JSON text (`CanonicalJSON`): kept as text so that
    /// hashing, verifying and exporting never decode it.
    public let metadataJSON: String
    /// Hex SHA-256 of the previous event's canonical form; 64 zeros for the first event.
    public let previousHash: String
    /// Hex SHA-256 of this event's canonical form (see `AuditChain`).
    public let hash: String

    public init(
        id: AuditEventID, workspaceID: WorkspaceID, sequence: Int64, createdAt: Timestamp, eventType: EventType,
        actor: AuditActor, requestID: String?, agentID: String?, action: String?, decision: String?,
        traceID: String?, policyID: String?, metadata: [String: JSONValue], previousHash: String, hash: String
    ) {
        self.init(
            id: id, workspaceID: workspaceID, sequence: sequence, createdAt: createdAt, eventType: eventType,
            actor: actor,
            requestID: requestID, agentID: agentID, action: action, decision: decision, traceID: traceID,
            policyID: policyID,
            metadataJSON: CanonicalJSON.render(.object(metadata)), previousHash: previousHash, hash: hash)
    }

    /// An event as stored, with its metadata already in canonical text.
    public init(
        id: AuditEventID, workspaceID: WorkspaceID, sequence: Int64, createdAt: Timestamp, eventType: EventType,
        actor: AuditActor, requestID: String?, agentID: String?, action: String?, decision: String?,
        traceID: String?, policyID: String?, metadataJSON: String, previousHash: String, hash: String
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.sequence = sequence
        self.createdAt = createdAt
        self.eventType = eventType
        self.actor = actor
        self.requestID = requestID
        self.agentID = agentID
        self.action = action
        self.decision = decision
        self.traceID = traceID
        self.policyID = policyID
        self.metadataJSON = metadataJSON
        self.previousHash = previousHash
        self.hash = hash
    }
}

extension AuditEvent {
    /// The metadata, decoded (for listings and tests; hashing and exports use the text).
    public var metadata: [String: JSONValue] {
        (try? JSONDecoder().decode([String: JSONValue].self, from: Data(metadataJSON.utf8))) ?? [:]
    }
}

/// Who caused an event. Never carries a secret: an API key appears by its `key_…` id.
public struct AuditActor: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case apiKey = "api_key"
        case admin
        case agent
        case anonymous
    }

    public let kind: Kind
    public let id: String?

    public init(kind: Kind, id: String?) {
        self.kind = kind
        self.id = id
    }

    public static let admin = AuditActor(kind: .admin, id: "operator")
    public static let anonymous = AuditActor(kind: .anonymous, id: nil)
    public static func apiKey(_ id: APIKeyID) -> AuditActor { AuditActor(kind: .apiKey, id: id.rawValue) }
}

/// What a use case asks the audit log to record; the log adds id, sequence, time and hashes.
public struct AuditRecord: Sendable {
    public var eventType: AuditEvent.EventType
    public var workspaceID: WorkspaceID
    public var actor: AuditActor
    public var requestID: String?
    public var agentID: String?
    public var action: String?
    public var decision: String?
    public var traceID: String?
    public var policyID: String?
    public var metadata: [String: JSONValue]

    public init(
        _ eventType: AuditEvent.EventType, workspace: WorkspaceID, actor: AuditActor, requestID: String?,
        agentID: String? = nil, action: String? = nil, decision: String? = nil, traceID: String? = nil,
        policyID: String? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.eventType = eventType
        self.workspaceID = workspace
        self.actor = actor
        self.requestID = requestID
        self.agentID = agentID
        self.action = action
        self.decision = decision
        self.traceID = traceID
        self.policyID = policyID
        self.metadata = metadata
    }
}
