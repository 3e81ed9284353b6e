import ClawbJSON

/// A stored policy as returned by `GET/PUT /api/v1/policies/{policy_id}` and the list.
public struct PolicyBody: Codable, Sendable {
    public var policyID: String
    public var version: Int
    public var updatedAt: String?
    public var document: JSONValue

    public init(policyID: String, version: Int, updatedAt: String?, document: JSONValue) {
        self.policyID = policyID
        self.version = version
        self.updatedAt = updatedAt
        self.document = document
    }

    enum CodingKeys: String, CodingKey {
        case version, document
        case policyID = "policy_id"
        case updatedAt = "updated_at"
    }
}

public struct PolicyResponse: Codable, Sendable {
    public var ok = true
    public var policy: PolicyBody

    public init(policy: PolicyBody) { self.policy = policy }
}

public struct PolicyListResponse: Codable, Sendable {
    public var ok = true
    public var items: [PolicyBody]
    public var count: Int

    public init(items: [PolicyBody]) {
        self.items = items
        self.count = items.count
    }
}

/// `POST /api/v1/check`. Unknown fields (`email`, `enforcement`, ...) are ignored.
public struct CheckRequest: Codable, Sendable {
    public var agentID: String?
    public var policyID: String?
    public var action: String?
    public var context: JSONValue?

    public init(agentID: String?, policyID: String? = nil, action: String? = nil, context: JSONValue? = nil) {
        self.agentID = agentID
        self.policyID = policyID
        self.action = action
        self.context = context
    }

    enum CodingKeys: String, CodingKey {
        case action, context
        case agentID = "agent_id"
        case policyID = "policy_id"
    }
}

public struct ChallengeBody: Codable, Sendable {
    public var type = "approval_link"
    public var approvalID: String
    public var url: String
    public var expiresIn: Int64

    public init(approvalID: String, url: String, expiresIn: Int64) {
        self.approvalID = approvalID
        self.url = url
        self.expiresIn = expiresIn
    }

    enum CodingKeys: String, CodingKey {
        case type, url
        case approvalID = "approval_id"
        case expiresIn = "expires_in"
    }
}

/// A decision: 200 whatever it is (`/v1/check` answers decisions, it does not fail with them).
public struct CheckResponse: Codable, Sendable {
    public var decision: String
    public var reasons: [String]
    public var traceID: String
    public var policyID: String
    public var policyVersion: Int
    public var challenge: ChallengeBody?
    public var retryAfterSeconds: Int?

    public init(
        decision: String, reasons: [String], traceID: String, policyID: String, policyVersion: Int,
        challenge: ChallengeBody?, retryAfterSeconds: Int?
    ) {
        self.decision = decision
        self.reasons = reasons
        self.traceID = traceID
        self.policyID = policyID
        self.policyVersion = policyVersion
        self.challenge = challenge
        self.retryAfterSeconds = retryAfterSeconds
    }

    enum CodingKeys: String, CodingKey {
        case decision, reasons, challenge
        case traceID = "trace_id"
        case policyID = "policy_id"
        case policyVersion = "policy_version"
        case retryAfterSeconds = "retry_after_seconds"
    }
}

/// What an approval link shows: who asks what. The token itself is never echoed.
public struct ApprovalBody: Codable, Sendable {
    public var approvalID: String
    public var agentID: String
    public var policyID: String
    public var action: String
    public var context: JSONValue
    public var status: String
    public var expiresAt: String
    public var decidedAt: String?

    public init(
        approvalID: String, agentID: String, policyID: String, action: String, context: JSONValue, status: String,
        expiresAt: String, decidedAt: String?
    ) {
        self.approvalID = approvalID
        self.agentID = agentID
        self.policyID = policyID
        self.action = action
        self.context = context
        self.status = status
        self.expiresAt = expiresAt
        self.decidedAt = decidedAt
    }

    enum CodingKeys: String, CodingKey {
        case action, context, status
        case approvalID = "approval_id"
        case agentID = "agent_id"
        case policyID = "policy_id"
        case expiresAt = "expires_at"
        case decidedAt = "decided_at"
    }
}

public struct ApprovalResponse: Codable, Sendable {
    public var ok = true
    public var approval: ApprovalBody

    public init(approval: ApprovalBody) { self.approval = approval }
}
