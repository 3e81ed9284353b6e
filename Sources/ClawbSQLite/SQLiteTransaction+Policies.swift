import ClawbCore
import Foundation

/// The SQL of policies, approvals and heartbeats.
extension SQLiteTransaction {
    func policyVersion(workspace: WorkspaceID, id: String) throws -> Int? {
        try connection.statement("SELECT version FROM policies WHERE workspace_id = ?1 AND policy_id = ?2")
            .bind([.text(workspace.rawValue), .text(id)]).firstRow { Int($0.int64(0)) }
    }

    func policy(workspace: WorkspaceID, id: String) throws -> StoredPolicy? {
        try connection.statement(
            "SELECT workspace_id, policy_id, version, document, updated_at FROM policies WHERE workspace_id = ?1 AND policy_id = ?2"
        )
        .bind([.text(workspace.rawValue), .text(id)]).firstRow(Self.policy(from:))
    }

    func policies(workspace: WorkspaceID) throws -> [StoredPolicy] {
        try connection.statement(
            "SELECT workspace_id, policy_id, version, document, updated_at FROM policies WHERE workspace_id = ?1 ORDER BY policy_id"
        )
        .bind([.text(workspace.rawValue)]).rows(Self.policy(from:))
    }

    func put(_ policy: StoredPolicy) throws {
        try connection.statement(
            """
            INSERT INTO policies (workspace_id, policy_id, version, document, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (workspace_id, policy_id) DO UPDATE SET version = excluded.version,
                document = excluded.document, updated_at = excluded.updated_at
            """
        )
        .bind([
            .text(policy.workspaceID.rawValue), .text(policy.id), .integer(Int64(policy.version)),
            .text(CanonicalJSON.render(policy.document.json)), .integer(policy.updatedAt.milliseconds),
        ]).run()
    }

    private static func policy(from row: SQLiteStatement) throws -> StoredPolicy {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(row.text(3).utf8)),
            let document = try? PolicyDocument(json: json)
        else { throw corrupt("policies.document") }
        return StoredPolicy(
            workspaceID: WorkspaceID(uncheckedRawValue: row.text(0)), id: row.text(1), version: Int(row.int64(2)),
            document: document, updatedAt: Timestamp(milliseconds: row.int64(4)))
    }

    // MARK: Approvals

    private static let approvalColumns = """
        id, workspace_id, agent_id, policy_id, action, context, context_hash, token_hash, status, created_at, expires_at,
        decided_at, consumed_at
        """

    func approval(tokenHash: [UInt8]) throws -> Approval? {
        try connection.statement("SELECT \(Self.approvalColumns) FROM approvals WHERE token_hash = ?1")
            .bind([.blob(tokenHash)]).firstRow(Self.approval(from:))
    }

    func redeemableApproval(
        workspace: WorkspaceID, agent: AgentID, policyID: String, action: String, contextHash: String,
        decidedSince: Timestamp
    ) throws -> Approval? {
        try connection.statement(
            """
            SELECT \(Self.approvalColumns) FROM approvals
            WHERE workspace_id = ?1 AND agent_id = ?2 AND policy_id = ?3 AND action = ?4 AND context_hash = ?5
              AND status <> 'pending' AND consumed_at IS NULL AND decided_at >= ?6
            ORDER BY decided_at LIMIT 1
            """
        )
        .bind([
            .text(workspace.rawValue), .text(agent.rawValue), .text(policyID), .text(action), .text(contextHash),
            .integer(decidedSince.milliseconds),
        ])
        .firstRow(Self.approval(from:))
    }

    func insert(_ approval: Approval) throws {
        try connection.statement(
            """
            INSERT INTO approvals (\(Self.approvalColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """
        )
        .bind([
            .text(approval.id.rawValue), .text(approval.workspaceID.rawValue), .text(approval.agentID.rawValue),
            .text(approval.policyID), .text(approval.action), .text(CanonicalJSON.render(.object(approval.context))),
            .text(approval.contextHash), .blob(approval.tokenHash), .text(approval.status.rawValue),
            .integer(approval.createdAt.milliseconds), .integer(approval.expiresAt.milliseconds),
            .optional(approval.decidedAt), .optional(approval.consumedAt),
        ]).run()
    }

    func decideApproval(id: ApprovalID, as status: Approval.Status, at time: Timestamp) throws -> Bool {
        try connection.statement(
            "UPDATE approvals SET status = ?2, decided_at = ?3 WHERE id = ?1 AND status = 'pending'"
        )
        .bind([.text(id.rawValue), .text(status.rawValue), .integer(time.milliseconds)]).run()
        return connection.changes == 1
    }

    func consumeApproval(id: ApprovalID, at time: Timestamp) throws -> Bool {
        try connection.statement(
            "UPDATE approvals SET consumed_at = ?2 WHERE id = ?1 AND status <> 'pending' AND consumed_at IS NULL"
        )
        .bind([.text(id.rawValue), .integer(time.milliseconds)]).run()
        return connection.changes == 1
    }

    func pruneApprovals(expiredBefore before: Timestamp, limit: Int) throws -> Int {
        try connection.statement(
            "DELETE FROM approvals WHERE id IN (SELECT id FROM approvals WHERE expires_at < ?1 LIMIT ?2)"
        )
        .bind([.integer(before.milliseconds), .integer(Int64(limit))]).run()
        return connection.changes
    }

    private static func approval(from row: SQLiteStatement) throws -> Approval {
        guard let status = Approval.Status(rawValue: row.text(8)) else { throw corrupt("approvals.status") }
        guard case .object(let context)? = try? JSONDecoder().decode(JSONValue.self, from: Data(row.text(5).utf8))
        else { throw corrupt("approvals.context") }
        return Approval(
            id: ApprovalID(uncheckedRawValue: row.text(0)), workspaceID: WorkspaceID(uncheckedRawValue: row.text(1)),
            agentID: AgentID(uncheckedRawValue: row.text(2)), policyID: row.text(3), action: row.text(4),
            context: context, contextHash: row.text(6), tokenHash: row.blob(7), status: status,
            createdAt: Timestamp(milliseconds: row.int64(9)), expiresAt: Timestamp(milliseconds: row.int64(10)),
            decidedAt: row.optionalInt64(11).map(Timestamp.init(milliseconds:)),
            consumedAt: row.optionalInt64(12).map(Timestamp.init(milliseconds:)))
    }

    // MARK: Heartbeats

    func insert(_ heartbeat: Heartbeat) throws {
        try connection.statement(
            "INSERT INTO heartbeats (agent_id, status, latency_ms, created_at) VALUES (?1, ?2, ?3, ?4)"
        )
        .bind([
            .text(heartbeat.agentID.rawValue), .text(heartbeat.status.rawValue),
            heartbeat.latencyMilliseconds.map { .integer($0) } ?? .null, .integer(heartbeat.createdAt.milliseconds),
        ]).run()
    }

    func heartbeats(agent: AgentID, limit: Int) throws -> [Heartbeat] {
        try connection.statement(
            """
            SELECT agent_id, status, latency_ms, created_at FROM heartbeats WHERE agent_id = ?1
            ORDER BY position DESC LIMIT ?2
            """
        )
        .bind([.text(agent.rawValue), .integer(Int64(limit))])
        .rows {
            guard let status = Heartbeat.Status(rawValue: $0.text(1)) else { throw Self.corrupt("heartbeats.status") }
            return Heartbeat(
                agentID: AgentID(uncheckedRawValue: $0.text(0)), status: status,
                latencyMilliseconds: $0.optionalInt64(2), createdAt: Timestamp(milliseconds: $0.int64(3)))
        }
    }

    func pruneHeartbeats(before: Timestamp, limit: Int) throws -> Int {
        try connection.statement(
            "DELETE FROM heartbeats WHERE position IN (SELECT position FROM heartbeats WHERE created_at < ?1 LIMIT ?2)"
        )
        .bind([.integer(before.milliseconds), .integer(Int64(limit))]).run()
        return connection.changes
    }
}
