/// A workspace's mappings of external keys to agents, and what a workspace may see of agents.
public struct AgentMappingDirectory: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    let cursors: CursorCodec

    public static let maxExternalKeyLength = 256
    public static let maxLabels = 32
    public static let maxLabelLength = 64
    public static let maxEnvironmentLength = 64
    public static let maxDisplayNameLength = 128
    public static let defaultPageSize = 50
    public static let maxPageSize = 200

    public init(storage: any Storage, clock: any Clock, audit: AuditLog, cursors: CursorCodec) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
        self.cursors = cursors
    }

    /// What a caller asks to store; every field as received.
    public struct UpsertRequest: Sendable {
        public var externalAgentKey: String?
        public var agentID: String?
        public var displayName: String?
        public var labels: [String]?
        public var environment: String?
        public var source: String?
        public var status: String?
        public var remap: Bool

        public init(
            externalAgentKey: String?, agentID: String?, displayName: String?, labels: [String]?,
            environment: String?, source: String?, status: String?, remap: Bool
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
    }

    /// Creates or updates a mapping. Idempotent: the same request twice stores the same row and
    /// records one event. Returns the mapping and whether it was created.
    public func upsert(
        _ request: UpsertRequest, as principal: WorkspacePrincipal, requestID: String?
    ) throws
        -> (mapping: AgentMapping, created: Bool)
    {
        let key = try Self.validatedExternalKey(request.externalAgentKey)
        guard let agentText = request.agentID, !agentText.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        let labels = try Self.validatedLabels(request.labels ?? [])
        let environment = try request.environment.map(Self.validatedEnvironment)
        let displayName = try request.displayName.map {
            try TextRules.validatedName(
                $0, field: "display_name", maxLength: Self.maxDisplayNameLength, code: .invalidDisplayName)
        }
        guard let source = AgentMapping.Source(rawValue: request.source ?? "workspace_api") else {
            throw DomainError(.invalidSource, "source must be workspace_api or provider_api.", field: "source")
        }
        guard let status = AgentMapping.Status(rawValue: request.status ?? "active") else {
            throw DomainError(.invalidStatus, "status must be active, suspended or retired.", field: "status")
        }
        let unknownAgent = DomainError(.unknownAgent, "No agent has this id.", field: "agent_id")
        guard let agentID = AgentID(agentText) else { throw unknownAgent }
        let now = clock.now()
        let audit = self.audit
        let workspace = principal.workspace.id
        let remap = request.remap
        return try storage.write { transaction in
            guard try transaction.agent(id: agentID) != nil else { throw unknownAgent }
            let existing = try transaction.mapping(workspace: workspace, externalAgentKey: key)
            if let existing, existing.agentID != agentID, !remap {
                throw DomainError(
                    .conflict, "This external_agent_key is mapped to another agent; send \"remap\": true to move it.",
                    field: "external_agent_key")
            }
            let mapping = AgentMapping(
                workspaceID: workspace, externalAgentKey: key, agentID: agentID, displayName: displayName,
                labels: labels,
                environment: environment, source: source, status: status, createdAt: existing?.createdAt ?? now,
                updatedAt: now)
            let changed = Self.changedFields(from: existing, to: mapping)
            guard !changed.isEmpty else { return (existing!, false) }
            try transaction.upsert(mapping)
            var metadata: [String: JSONValue] = [
                "external_agent_key": .string(key), "created": .bool(existing == nil),
                "changed": .array(changed.map { .string($0) }),
            ]
            if let previous = existing?.agentID, previous != agentID {
                metadata["previous_agent_id"] = .string(previous.rawValue)
            }
            try audit.append(
                AuditRecord(
                    .agentMappingUpserted, workspace: workspace, actor: principal.actor,
                    requestID: requestID, agentID: agentID.rawValue, metadata: metadata), in: transaction)
            return (mapping, existing == nil)
        }
    }

    /// Mappings of the caller's workspace, oldest first, with keyset pagination.
    public func list(
        _ filter: AgentMappingFilter, limit text: String?, cursor: String?, as principal: WorkspacePrincipal
    )
        throws -> KeysetPage<AgentMapping>
    {
        let limit = try PageLimit.parse(text, maximum: Self.maxPageSize, default: Self.defaultPageSize)
        let scope = "mappings:" + principal.workspace.id.rawValue
        let after = try cursors.position(of: cursor, scope: scope) ?? 0
        let rows = try storage.read {
            try $0.mappings(workspace: principal.workspace.id, filter: filter, afterPosition: after, limit: limit + 1)
                .items
        }
        return cursors.page(rows, limit: limit, scope: scope, position: \.position, item: \.item)
    }

    /// An agent as its workspace sees it: 404 `unknown_agent` unless this workspace maps it.
    public func agent(
        _ text: String, as principal: WorkspacePrincipal
    ) throws -> (agent: Agent, mappings: [AgentMapping]) {
        let unknown = DomainError(.unknownAgent, "No agent with this id is mapped in this workspace.")
        guard let id = AgentID(text) else { throw unknown }
        return try storage.read { reader in
            let mappings = try reader.mappings(
                workspace: principal.workspace.id, filter: AgentMappingFilter(agentID: id),
                afterPosition: 0, limit: Self.maxPageSize
            ).items.map(\.item)
            guard !mappings.isEmpty, let agent = try reader.agent(id: id) else { throw unknown }
            return (agent, mappings)
        }
    }

    static func validatedExternalKey(_ key: String?) throws -> String {
        guard let key, !key.isEmpty else {
            throw DomainError(.missingExternalAgentKey, "external_agent_key is required.", field: "external_agent_key")
        }
        guard key.count <= maxExternalKeyLength, TextRules.isPrintable(key) else {
            throw DomainError(
                .invalidExternalAgentKey,
                "external_agent_key must be 1 to \(maxExternalKeyLength) printable characters.",
                field: "external_agent_key")
        }
        return key
    }

    static func validatedLabels(_ labels: [String]) throws -> [String] {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_.:-".utf8)
        guard labels.count <= maxLabels,
            labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= maxLabelLength && $0.utf8.allSatisfy(allowed.contains) }
            )
        else {
            throw DomainError(
                .invalidLabels,
                "labels must be at most \(maxLabels) items, each 1 to \(maxLabelLength) of [a-z0-9_.:-].",
                field: "labels")
        }
        var seen = Set<String>()
        return labels.filter { seen.insert($0).inserted }
    }

    static func validatedEnvironment(_ environment: String) throws -> String {
        guard !environment.isEmpty, environment.count <= maxEnvironmentLength, TextRules.isPrintable(environment) else {
            throw DomainError(
                .invalidEnvironment, "environment must be 1 to \(maxEnvironmentLength) printable characters.",
                field: "environment")
        }
        return environment
    }

    /// Names of the fields that differ (all of them for a new mapping).
    static func changedFields(from old: AgentMapping?, to new: AgentMapping) -> [String] {
        guard let old else { return ["agent_id", "display_name", "labels", "environment", "source", "status"] }
        var changed: [String] = []
        if old.agentID != new.agentID { changed.append("agent_id") }
        if old.displayName != new.displayName { changed.append("display_name") }
        if old.labels != new.labels { changed.append("labels") }
        if old.environment != new.environment { changed.append("environment") }
        if old.source != new.source { changed.append("source") }
        if old.status != new.status { changed.append("status") }
        return changed
    }
}
