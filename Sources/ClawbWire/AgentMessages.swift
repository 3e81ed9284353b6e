import ClawbJSON

/// `POST /api/v1/agents/register`.
public struct RegisterAgentRequest: Codable, Sendable {
    public var name: String?
    public var publicKey: String?
    public var keyType: String?
    public var metadata: [String: JSONValue]?

    public init(name: String?, publicKey: String?, keyType: String? = "ed25519", metadata: [String: JSONValue]? = nil) {
        self.name = name
        self.publicKey = publicKey
        self.keyType = keyType
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case name, metadata
        case publicKey = "public_key"
        case keyType = "key_type"
    }
}

/// Answer to a registration: the challenge to sign.
public struct RegisterAgentResponse: Codable, Sendable {
    public var ok = true
    public var agentID: String
    public var challengeID: String
    /// Standard base64 of 32 random bytes; sign the decoded bytes.
    public var challenge: String
    public var expiresAt: String

    public init(agentID: String, challengeID: String, challenge: String, expiresAt: String) {
        self.agentID = agentID
        self.challengeID = challengeID
        self.challenge = challenge
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case ok, challenge
        case agentID = "agent_id"
        case challengeID = "challenge_id"
        case expiresAt = "expires_at"
    }
}

/// `POST /api/v1/agents/attest`.
public struct AttestAgentRequest: Codable, Sendable {
    public var agentID: String?
    public var challengeID: String?
    public var signature: String?

    public init(agentID: String?, challengeID: String?, signature: String?) {
        self.agentID = agentID
        self.challengeID = challengeID
        self.signature = signature
    }

    enum CodingKeys: String, CodingKey {
        case signature
        case agentID = "agent_id"
        case challengeID = "challenge_id"
    }
}

public struct AttestAgentResponse: Codable, Sendable {
    public var ok = true
    public var agentID: String
    public var status: String

    public init(agentID: String, status: String) {
        self.agentID = agentID
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case ok, status
        case agentID = "agent_id"
    }
}

/// An agent as a workspace sees it.
public struct AgentBody: Codable, Sendable {
    public var agentID: String
    public var name: String
    public var status: String
    public var keyType: String
    public var publicKey: String
    public var keyFingerprint: String
    public var metadata: [String: JSONValue]
    public var createdAt: String
    public var attestedAt: String?

    public init(
        agentID: String, name: String, status: String, keyType: String, publicKey: String, keyFingerprint: String,
        metadata: [String: JSONValue], createdAt: String, attestedAt: String?
    ) {
        self.agentID = agentID
        self.name = name
        self.status = status
        self.keyType = keyType
        self.publicKey = publicKey
        self.keyFingerprint = keyFingerprint
        self.metadata = metadata
        self.createdAt = createdAt
        self.attestedAt = attestedAt
    }

    enum CodingKeys: String, CodingKey {
        case name, status, metadata
        case agentID = "agent_id"
        case keyType = "key_type"
        case publicKey = "public_key"
        case keyFingerprint = "key_fingerprint"
        case createdAt = "created_at"
        case attestedAt = "attested_at"
    }
}

/// `GET /api/v1/agents/{agent_id}`: the agent and this workspace's mappings of it.
public struct AgentResponse: Codable, Sendable {
    public var ok = true
    public var agent: AgentBody
    public var mappings: [AgentMappingBody]
    public var reputation: ReputationBody

    public init(agent: AgentBody, mappings: [AgentMappingBody], reputation: ReputationBody) {
        self.agent = agent
        self.mappings = mappings
        self.reputation = reputation
    }
}

/// A workspace mapping on the wire.
public struct AgentMappingBody: Codable, Sendable, Equatable {
    public var externalAgentKey: String
    public var agentID: String
    public var displayName: String?
    public var labels: [String]
    public var environment: String?
    public var source: String
    public var status: String
    public var createdAt: String
    public var updatedAt: String

    public init(
        externalAgentKey: String, agentID: String, displayName: String?, labels: [String], environment: String?,
        source: String, status: String, createdAt: String, updatedAt: String
    ) {
        self.externalAgentKey = externalAgentKey
        self.agentID = agentID
        self.displayName = displayName
        self.labels = labels
        self.environment = environment
        self.source = source
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case labels, environment, source, status
        case externalAgentKey = "external_agent_key"
        case agentID = "agent_id"
        case displayName = "display_name"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// `POST /api/v1/workspace/agents/upsert`.
public struct UpsertMappingRequest: Codable, Sendable {
    public var externalAgentKey: String?
    public var agentID: String?
    public var displayName: String?
    public var labels: [String]?
    public var environment: String?
    public var source: String?
    public var status: String?
    public var remap: Bool?

    public init(
        externalAgentKey: String?, agentID: String?, displayName: String? = nil, labels: [String]? = nil,
        environment: String? = nil, source: String? = nil, status: String? = nil, remap: Bool? = nil
    ) {
        self.externalAgentKey = externalAgentKey
        self.agentID = agentID
        self.displayName = displayName
        self.labels = labels
        self.environment = environment
        self.source = source
        self.status = status
        self.remap = remap
    }

    enum CodingKeys: String, CodingKey {
        case labels, environment, source, status, remap
        case externalAgentKey = "external_agent_key"
        case agentID = "agent_id"
        case displayName = "display_name"
    }
}

public struct UpsertMappingResponse: Codable, Sendable {
    public var ok = true
    public var item: AgentMappingBody

    public init(item: AgentMappingBody) { self.item = item }
}

/// An entry of the operator log.
public struct OperatorEventBody: Codable, Sendable {
    public var eventID: String
    public var createdAt: String
    public var eventType: String
    public var agentID: String?
    public var requestID: String?
    public var metadata: [String: JSONValue]

    public init(
        eventID: String, createdAt: String, eventType: String, agentID: String?, requestID: String?,
        metadata: [String: JSONValue]
    ) {
        self.eventID = eventID
        self.createdAt = createdAt
        self.eventType = eventType
        self.agentID = agentID
        self.requestID = requestID
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case metadata
        case eventID = "event_id"
        case createdAt = "created_at"
        case eventType = "event_type"
        case agentID = "agent_id"
        case requestID = "request_id"
    }
}
