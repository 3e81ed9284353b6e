/// A workspace's adoption of an agent under its own external key (`internal:payments-bot`).
/// "Workspace-scoped agent lookup" means: a mapping of that agent in this workspace with status
/// `active`.
public struct AgentMapping: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case active, suspended, retired
    }

    public enum Source: String, Sendable, CaseIterable {
        case workspaceAPI = "workspace_api"
        case providerAPI = "provider_api"
    }

    public let workspaceID: WorkspaceID
    public let externalAgentKey: String
    public var agentID: AgentID
    public var displayName: String?
    public var labels: [String]
    public var environment: String?
    public var source: Source
    public var status: Status
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        workspaceID: WorkspaceID, externalAgentKey: String, agentID: AgentID, displayName: String?,
        labels: [String], environment: String?, source: Source, status: Status, createdAt: Timestamp,
        updatedAt: Timestamp
    ) {
        self.workspaceID = workspaceID
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
}

/// Filters of a mapping listing.
public struct AgentMappingFilter: Sendable, Equatable {
    public var environment: String?
    public var status: AgentMapping.Status?
    public var label: String?
    public var agentID: AgentID?

    public init(
        environment: String? = nil, status: AgentMapping.Status? = nil, label: String? = nil, agentID: AgentID? = nil
    ) {
        self.environment = environment
        self.status = status
        self.label = label
        self.agentID = agentID
    }
}

/// One page of a keyset-paginated listing. `position` is the storage's stable, increasing
/// position of the last row, from which the next page starts.
public struct StoragePage<Item: Sendable>: Sendable {
    public let items: [(position: Int64, item: Item)]

    public init(items: [(position: Int64, item: Item)]) {
        self.items = items
    }
}
