import ClawbCore
import Foundation

/// The SQL of agents, challenges, mappings, nonces, operator events and server secrets.
extension SQLiteTransaction {
    // MARK: Agents

    private static let agentColumns = "id, name, public_key, status, metadata, created_at, attested_at"

    func agent(id: AgentID) throws -> Agent? {
        try connection.statement("SELECT \(Self.agentColumns) FROM agents WHERE id = ?1")
            .bind([.text(id.rawValue)]).firstRow(Self.agent(from:))
    }

    func agent(publicKey: [UInt8]) throws -> Agent? {
        try connection.statement("SELECT \(Self.agentColumns) FROM agents WHERE public_key = ?1")
            .bind([.blob(publicKey)]).firstRow(Self.agent(from:))
    }

    func insert(_ agent: Agent) throws {
        try connection.statement(
            """
            INSERT INTO agents (id, name, public_key, status, metadata, created_at, attested_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """
        )
        .bind([
            .text(agent.id.rawValue), .text(agent.name), .blob(agent.publicKey), .text(agent.status.rawValue),
            .text(try Self.encodeMetadata(agent.metadata)), .integer(agent.createdAt.milliseconds),
            .optional(agent.attestedAt),
        ]).run()
    }

    func update(_ agent: Agent) throws {
        try connection.statement(
            "UPDATE agents SET name = ?2, status = ?3, metadata = ?4, attested_at = ?5 WHERE id = ?1"
        )
        .bind([
            .text(agent.id.rawValue), .text(agent.name), .text(agent.status.rawValue),
            .text(try Self.encodeMetadata(agent.metadata)), .optional(agent.attestedAt),
        ]).run()
    }

    private static func agent(from row: SQLiteStatement) throws -> Agent {
        guard let status = Agent.Status(rawValue: row.text(3)) else { throw corrupt("agents.status") }
        return Agent(
            id: AgentID(uncheckedRawValue: row.text(0)), name: row.text(1), publicKey: row.blob(2), status: status,
            metadata: try decodeMetadata(row.text(4)), createdAt: Timestamp(milliseconds: row.int64(5)),
            attestedAt: row.optionalInt64(6).map(Timestamp.init(milliseconds:)))
    }

    // MARK: Challenges

    func challenge(id: ChallengeID) throws -> AttestationChallenge? {
        try connection.statement(
            """
            SELECT id, agent_id, bytes, created_at, expires_at, used_at FROM attestation_challenges WHERE id = ?1
            """
        )
        .bind([.text(id.rawValue)])
        .firstRow {
            AttestationChallenge(
                id: ChallengeID(uncheckedRawValue: $0.text(0)), agentID: AgentID(uncheckedRawValue: $0.text(1)),
                bytes: $0.blob(2), createdAt: Timestamp(milliseconds: $0.int64(3)),
                expiresAt: Timestamp(milliseconds: $0.int64(4)),
                usedAt: $0.optionalInt64(5).map(Timestamp.init(milliseconds:)))
        }
    }

    func insert(_ challenge: AttestationChallenge) throws {
        try connection.statement(
            """
            INSERT INTO attestation_challenges (id, agent_id, bytes, created_at, expires_at, used_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """
        )
        .bind([
            .text(challenge.id.rawValue), .text(challenge.agentID.rawValue), .blob(challenge.bytes),
            .integer(challenge.createdAt.milliseconds), .integer(challenge.expiresAt.milliseconds),
            .optional(challenge.usedAt),
        ]).run()
    }

    func markChallengeUsed(id: ChallengeID, at time: Timestamp) throws {
        try connection.statement("UPDATE attestation_challenges SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL")
            .bind([.text(id.rawValue), .integer(time.milliseconds)]).run()
    }

    // MARK: Mappings

    private static let mappingColumns = """
        position, workspace_id, external_agent_key, agent_id, display_name, labels, environment, source, status,
        created_at, updated_at
        """

    func mapping(workspace: WorkspaceID, externalAgentKey: String) throws -> AgentMapping? {
        try connection.statement(
            """
            SELECT \(Self.mappingColumns) FROM agent_mappings WHERE workspace_id = ?1 AND external_agent_key = ?2
            """
        )
        .bind([.text(workspace.rawValue), .text(externalAgentKey)]).firstRow { try Self.mapping(from: $0).item }
    }

    func mappings(
        workspace: WorkspaceID, filter: AgentMappingFilter, afterPosition: Int64, limit: Int
    ) throws
        -> StoragePage<AgentMapping>
    {
        // One statement for every filter combination: a NULL parameter disables its condition,
        // and the (workspace_id, position) index drives the scan.
        let rows = try connection.statement(
            """
            SELECT \(Self.mappingColumns) FROM agent_mappings
            WHERE workspace_id = ?1 AND position > ?2
              AND (?3 IS NULL OR environment = ?3)
              AND (?4 IS NULL OR status = ?4)
              AND (?5 IS NULL OR agent_id = ?5)
              AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_each(agent_mappings.labels) WHERE value = ?6))
            ORDER BY position LIMIT ?7
            """
        )
        .bind([
            .text(workspace.rawValue), .integer(afterPosition), .optional(filter.environment),
            .optional(filter.status?.rawValue), .optional(filter.agentID?.rawValue), .optional(filter.label),
            .integer(Int64(limit)),
        ])
        .rows(Self.mapping(from:))
        return StoragePage(items: rows)
    }

    func mappings(of agent: AgentID, in workspace: WorkspaceID) throws -> [AgentMapping] {
        try connection.statement(
            """
            SELECT \(Self.mappingColumns) FROM agent_mappings INDEXED BY mappings_agent
            WHERE agent_id = ?1 AND workspace_id = ?2 ORDER BY position
            """
        )
        .bind([.text(agent.rawValue), .text(workspace.rawValue)]).rows { try Self.mapping(from: $0).item }
    }

    func workspacesMapping(agent: AgentID) throws -> [WorkspaceID] {
        try connection.statement(
            "SELECT DISTINCT workspace_id FROM agent_mappings WHERE agent_id = ?1 ORDER BY workspace_id"
        )
        .bind([.text(agent.rawValue)]).rows { WorkspaceID(uncheckedRawValue: $0.text(0)) }
    }

    func upsert(_ mapping: AgentMapping) throws {
        try connection.statement(
            """
            INSERT INTO agent_mappings (workspace_id, external_agent_key, agent_id, display_name, labels, environment, source,
                                        status, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (workspace_id, external_agent_key) DO UPDATE SET
                agent_id = excluded.agent_id, display_name = excluded.display_name, labels = excluded.labels,
                environment = excluded.environment, source = excluded.source, status = excluded.status,
                updated_at = excluded.updated_at
            """
        )
        .bind([
            .text(mapping.workspaceID.rawValue), .text(mapping.externalAgentKey), .text(mapping.agentID.rawValue),
            .optional(mapping.displayName), .text(try Self.encodeLabels(mapping.labels)),
            .optional(mapping.environment),
            .text(mapping.source.rawValue), .text(mapping.status.rawValue), .integer(mapping.createdAt.milliseconds),
            .integer(mapping.updatedAt.milliseconds),
        ]).run()
    }

    private static func mapping(from row: SQLiteStatement) throws -> (position: Int64, item: AgentMapping) {
        guard let source = AgentMapping.Source(rawValue: row.text(7)) else { throw corrupt("agent_mappings.source") }
        guard let status = AgentMapping.Status(rawValue: row.text(8)) else { throw corrupt("agent_mappings.status") }
        let labels = (try? JSONDecoder().decode([String].self, from: Data(row.text(5).utf8))) ?? []
        return (
            row.int64(0),
            AgentMapping(
                workspaceID: WorkspaceID(uncheckedRawValue: row.text(1)), externalAgentKey: row.text(2),
                agentID: AgentID(uncheckedRawValue: row.text(3)), displayName: row.optionalText(4), labels: labels,
                environment: row.optionalText(6), source: source, status: status,
                createdAt: Timestamp(milliseconds: row.int64(9)), updatedAt: Timestamp(milliseconds: row.int64(10)))
        )
    }

    private static func encodeLabels(_ labels: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(labels), as: UTF8.self)
    }

    // MARK: Nonces

    func consumeNonce(agent: AgentID, nonce: String, at time: Timestamp, reusableBefore: Timestamp) throws -> Bool {
        try consumeNonce(in: .agent, scope: agent.rawValue, nonce: nonce, at: time, reusableBefore: reusableBefore)
    }

    func pruneNonces(before: Timestamp, limit: Int) throws -> Int {
        try pruneNonces(in: .agent, before: before, limit: limit)
    }

    func pruneChallenges(expiredBefore before: Timestamp, limit: Int) throws -> Int {
        try connection.statement(
            """
            DELETE FROM attestation_challenges WHERE id IN
                (SELECT id FROM attestation_challenges WHERE expires_at < ?1 LIMIT ?2)
            """
        )
        .bind([.integer(before.milliseconds), .integer(Int64(limit))]).run()
        return connection.changes
    }

    func purgePendingAgents(createdBefore before: Timestamp, limit: Int) throws -> Int {
        try connection.statement(
            """
            DELETE FROM agents WHERE id IN (
                SELECT id FROM agents WHERE status = 'pending' AND created_at < ?1
                  AND NOT EXISTS (SELECT 1 FROM agent_mappings WHERE agent_mappings.agent_id = agents.id)
                LIMIT ?2)
            """
        )
        .bind([.integer(before.milliseconds), .integer(Int64(limit))]).run()
        return connection.changes
    }

    // MARK: Operator events and secrets

    func append(_ event: OperatorEvent) throws {
        try connection.statement(
            """
            INSERT INTO operator_events (event_id, created_at, event_type, agent_id, request_id, metadata)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """
        )
        .bind([
            .text(event.id.rawValue), .integer(event.createdAt.milliseconds), .text(event.eventType.rawValue),
            .optional(event.agentID), .optional(event.requestID), .text(try Self.encodeMetadata(event.metadata)),
        ]).run()
    }

    func operatorEvents(afterPosition: Int64, limit: Int) throws -> StoragePage<OperatorEvent> {
        let rows = try connection.statement(
            """
            SELECT position, event_id, created_at, event_type, agent_id, request_id, metadata FROM operator_events
            WHERE position > ?1 ORDER BY position LIMIT ?2
            """
        )
        .bind([.integer(afterPosition), .integer(Int64(limit))])
        .rows { row -> (position: Int64, item: OperatorEvent) in
            guard let type = AuditEvent.EventType(rawValue: row.text(3)) else {
                throw Self.corrupt("operator_events.event_type")
            }
            return (
                row.int64(0),
                OperatorEvent(
                    id: OperatorEventID(uncheckedRawValue: row.text(1)),
                    createdAt: Timestamp(milliseconds: row.int64(2)),
                    eventType: type, agentID: row.optionalText(4), requestID: row.optionalText(5),
                    metadata: try Self.decodeMetadata(row.text(6)))
            )
        }
        return StoragePage(items: rows)
    }

    func serverSecret(named name: String) throws -> [UInt8]? {
        try connection.statement("SELECT value FROM server_secrets WHERE name = ?1").bind([.text(name)]).firstRow {
            $0.blob(0)
        }
    }

    func insertServerSecret(named name: String, value: [UInt8]) throws {
        try connection.statement("INSERT INTO server_secrets (name, value) VALUES (?1, ?2)").bind([
            .text(name), .blob(value),
        ]).run()
    }
}
