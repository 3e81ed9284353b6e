import ClawbJSON

/// An audit event on the wire. Every documented field is present, `null` when empty, so that
/// each object carries everything needed to recompute its hash (docs/audit-chain.md).
public struct AuditEventBody: Codable, Sendable, Equatable {
    public struct Actor: Codable, Sendable, Equatable {
        public var type: String
        public var id: String?

        public init(type: String, id: String?) {
            self.type = type
            self.id = id
        }
    }

    public var eventID: String
    public var workspaceID: String
    public var sequence: Int64
    public var createdAt: String
    public var eventType: String
    public var agentID: String?
    public var action: String?
    public var decision: String?
    public var traceID: String?
    public var policyID: String?
    public var actor: Actor
    public var requestID: String?
    public var metadata: [String: JSONValue]
    public var hash: String
    public var prevHash: String

    public init(
        eventID: String, workspaceID: String, sequence: Int64, createdAt: String, eventType: String, agentID: String?,
        action: String?, decision: String?, traceID: String?, policyID: String?, actor: Actor, requestID: String?,
        metadata: [String: JSONValue], hash: String, prevHash: String
    ) {
        self.eventID = eventID
        self.workspaceID = workspaceID
        self.sequence = sequence
        self.createdAt = createdAt
        self.eventType = eventType
        self.agentID = agentID
        self.action = action
        self.decision = decision
        self.traceID = traceID
        self.policyID = policyID
        self.actor = actor
        self.requestID = requestID
        self.metadata = metadata
        self.hash = hash
        self.prevHash = prevHash
    }

    enum CodingKeys: String, CodingKey {
        case sequence, action, decision, actor, metadata, hash
        case eventID = "event_id"
        case workspaceID = "workspace_id"
        case createdAt = "created_at"
        case eventType = "event_type"
        case agentID = "agent_id"
        case traceID = "trace_id"
        case policyID = "policy_id"
        case requestID = "request_id"
        case prevHash = "prev_hash"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(workspaceID, forKey: .workspaceID)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(agentID, forKey: .agentID)
        try container.encode(action, forKey: .action)
        try container.encode(decision, forKey: .decision)
        try container.encode(traceID, forKey: .traceID)
        try container.encode(policyID, forKey: .policyID)
        try container.encode(actor, forKey: .actor)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(hash, forKey: .hash)
        try container.encode(prevHash, forKey: .prevHash)
    }
}

/// `POST /api/v1/workspace/audit/export`. `filters` takes the listing's query keys; times may
/// be numbers or strings of unix milliseconds.
public struct AuditExportRequest: Codable, Sendable {
    public var format: String?
    public var filters: [String: JSONValue]?
    public var limit: Int?

    public init(format: String?, filters: [String: JSONValue]? = nil, limit: Int? = nil) {
        self.format = format
        self.filters = filters
        self.limit = limit
    }
}

/// Buffered export answers (`json` and `csv`).
public struct AuditJSONExportResponse: Codable, Sendable {
    public var ok = true
    public var format = "json"
    public var count: Int
    public var items: [AuditEventBody]

    public init(items: [AuditEventBody]) {
        self.items = items
        self.count = items.count
    }
}

public struct AuditCSVExportResponse: Codable, Sendable {
    public var ok = true
    public var format = "csv"
    public var count: Int
    public var csv: String

    public init(count: Int, csv: String) {
        self.count = count
        self.csv = csv
    }
}

/// `GET /api/v1/workspace/audit/verify`.
public struct AuditVerifyResponse: Codable, Sendable {
    public struct BrokenLink: Codable, Sendable, Equatable {
        public var eventID: String
        public var sequence: Int64
        public var problem: String

        public init(eventID: String, sequence: Int64, problem: String) {
            self.eventID = eventID
            self.sequence = sequence
            self.problem = problem
        }

        enum CodingKeys: String, CodingKey {
            case sequence, problem
            case eventID = "event_id"
        }
    }

    public var ok = true
    /// True when every link verified.
    public var intact: Bool
    public var eventsChecked: Int
    /// Hash of the last intact event (the chain head when intact).
    public var head: String
    public var firstBrokenLink: BrokenLink?

    public init(intact: Bool, eventsChecked: Int, head: String, firstBrokenLink: BrokenLink?) {
        self.intact = intact
        self.eventsChecked = eventsChecked
        self.head = head
        self.firstBrokenLink = firstBrokenLink
    }

    enum CodingKeys: String, CodingKey {
        case ok, intact, head
        case eventsChecked = "events_checked"
        case firstBrokenLink = "first_broken_link"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(intact, forKey: .intact)
        try container.encode(eventsChecked, forKey: .eventsChecked)
        try container.encode(head, forKey: .head)
        try container.encode(firstBrokenLink, forKey: .firstBrokenLink)
    }
}
