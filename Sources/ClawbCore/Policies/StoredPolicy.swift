/// A workspace's policy as stored: its document and a version that grows with every change.
public struct StoredPolicy: Sendable, Equatable {
    public let workspaceID: WorkspaceID
    public let id: String
    public let version: Int
    public let document: PolicyDocument
    public let updatedAt: Timestamp

    public init(workspaceID: WorkspaceID, id: String, version: Int, document: PolicyDocument, updatedAt: Timestamp) {
        self.workspaceID = workspaceID
        self.id = id
        self.version = version
        self.document = document
        self.updatedAt = updatedAt
    }
}

/// A challenge waiting for a human: the link's token is a bearer secret (stored hashed), valid
/// 300 s and usable once. Once decided, the same agent, policy, action and context may be
/// re-checked once for the answer.
public struct Approval: Sendable, Equatable {
    public enum Status: String, Sendable {
        case pending, approved, denied
    }

    public let id: ApprovalID
    public let workspaceID: WorkspaceID
    public let agentID: AgentID
    public let policyID: String
    public let action: String
    public let context: [String: JSONValue]
    /// Hex SHA-256 of the canonical JSON of `context`: what a re-check must match.
    public let contextHash: String
    public let tokenHash: [UInt8]
    public var status: Status
    public let createdAt: Timestamp
    public let expiresAt: Timestamp
    public var decidedAt: Timestamp?
    public var consumedAt: Timestamp?

    public init(
        id: ApprovalID, workspaceID: WorkspaceID, agentID: AgentID, policyID: String, action: String,
        context: [String: JSONValue], contextHash: String, tokenHash: [UInt8], status: Status, createdAt: Timestamp,
        expiresAt: Timestamp, decidedAt: Timestamp? = nil, consumedAt: Timestamp? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.agentID = agentID
        self.policyID = policyID
        self.action = action
        self.context = context
        self.contextHash = contextHash
        self.tokenHash = tokenHash
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.decidedAt = decidedAt
        self.consumedAt = consumedAt
    }
}

/// One liveness report of an agent.
public struct Heartbeat: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case ok, error
    }

    public let agentID: AgentID
    public let status: Status
    public let latencyMilliseconds: Int64?
    public let createdAt: Timestamp

    public init(agentID: AgentID, status: Status, latencyMilliseconds: Int64?, createdAt: Timestamp) {
        self.agentID = agentID
        self.status = status
        self.latencyMilliseconds = latencyMilliseconds
        self.createdAt = createdAt
    }
}
