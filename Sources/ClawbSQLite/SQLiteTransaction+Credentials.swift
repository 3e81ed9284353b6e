import ClawbCore
import Foundation

/// The SQL of credentials, revocation watermarks and kill switches.
extension SQLiteTransaction {
    private static let credentialColumns = """
        serial, id, workspace_id, agent_id, provider, audience, scopes, scope_hash, policy_id, token_type, one_time, token_hash,
        issued_at, expires_at, revoked_at, consumed_at
        """

    func credential(tokenHash: [UInt8]) throws -> Credential? {
        try connection.statement("SELECT \(Self.credentialColumns) FROM credentials WHERE token_hash = ?1")
            .bind([.blob(tokenHash)]).firstRow(Self.credential(from:))
    }

    func credential(id: CredentialID) throws -> Credential? {
        try connection.statement("SELECT \(Self.credentialColumns) FROM credentials WHERE id = ?1")
            .bind([.text(id.rawValue)]).firstRow(Self.credential(from:))
    }

    func insert(_ credential: Credential) throws -> Int64 {
        let scopes = CanonicalJSON.render(.array(credential.scopes.map(JSONValue.string)))
        try connection.statement(
            """
            INSERT INTO credentials (id, workspace_id, agent_id, provider, audience, scopes, scope_hash, policy_id, token_type,
                                     one_time, token_hash, issued_at, expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """
        )
        .bind([
            .text(credential.id.rawValue), .text(credential.workspaceID.rawValue), .text(credential.agentID.rawValue),
            .optional(credential.provider), .text(credential.audience), .text(scopes), .text(credential.scopeHash),
            .text(credential.policyID), .text(credential.tokenType.rawValue), .integer(credential.oneTime ? 1 : 0),
            .blob(credential.tokenHash), .integer(credential.issuedAt.milliseconds),
            .integer(credential.expiresAt.milliseconds),
        ]).run()
        return connection.lastInsertRowID
    }

    func consumeCredential(id: CredentialID, at time: Timestamp) throws -> Bool {
        try connection.statement("UPDATE credentials SET consumed_at = ?2 WHERE id = ?1 AND consumed_at IS NULL")
            .bind([.text(id.rawValue), .integer(time.milliseconds)]).run()
        return connection.changes == 1
    }

    func revokeCredential(id: CredentialID, at time: Timestamp, reason: String?) throws -> Bool {
        try connection.statement(
            "UPDATE credentials SET revoked_at = ?2, revoke_reason = ?3 WHERE id = ?1 AND revoked_at IS NULL"
        )
        .bind([.text(id.rawValue), .integer(time.milliseconds), .optional(reason)]).run()
        return connection.changes == 1
    }

    func latestCredentialSerial() throws -> Int64 {
        // sqlite_sequence remembers the highest serial ever given, even after pruning.
        try connection.statement("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'credentials'), 0)")
            .bind([]).firstRow { $0.int64(0) } ?? 0
    }

    func mintingControls(workspace: WorkspaceID) throws -> MintingControls {
        try connection.statement(
            """
            SELECT minting_paused, paused_reason, changed_at, all_revoked_serial, all_revoked_at FROM minting_controls
            WHERE workspace_id = ?1
            """
        )
        .bind([.text(workspace.rawValue)])
        .firstRow {
            MintingControls(
                mintingPaused: $0.int64(0) != 0, pausedReason: $0.optionalText(1),
                changedAt: $0.optionalInt64(2).map(Timestamp.init(milliseconds:)),
                allRevokedSerial: $0.optionalInt64(3),
                allRevokedAt: $0.optionalInt64(4).map(Timestamp.init(milliseconds:)))
        } ?? MintingControls()
    }

    func setMintingPaused(workspace: WorkspaceID, paused: Bool, reason: String?, at time: Timestamp) throws {
        try connection.statement(
            """
            INSERT INTO minting_controls (workspace_id, minting_paused, paused_reason, changed_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (workspace_id) DO UPDATE SET minting_paused = excluded.minting_paused,
                paused_reason = excluded.paused_reason, changed_at = excluded.changed_at
            """
        )
        .bind([.text(workspace.rawValue), .integer(paused ? 1 : 0), .optional(reason), .integer(time.milliseconds)])
        .run()
    }

    func setAllRevoked(workspace: WorkspaceID, serial: Int64, at time: Timestamp) throws {
        try connection.statement(
            """
            INSERT INTO minting_controls (workspace_id, all_revoked_serial, all_revoked_at) VALUES (?1, ?2, ?3)
            ON CONFLICT (workspace_id) DO UPDATE SET all_revoked_serial = excluded.all_revoked_serial,
                all_revoked_at = excluded.all_revoked_at
            """
        )
        .bind([.text(workspace.rawValue), .integer(serial), .integer(time.milliseconds)]).run()
    }

    func agentRevocationSerial(workspace: WorkspaceID, agent: AgentID) throws -> Int64? {
        try connection.statement("SELECT serial FROM agent_revocations WHERE workspace_id = ?1 AND agent_id = ?2")
            .bind([.text(workspace.rawValue), .text(agent.rawValue)]).firstRow { $0.int64(0) }
    }

    func setAgentRevocation(workspace: WorkspaceID, agent: AgentID, serial: Int64, at time: Timestamp) throws {
        try connection.statement(
            """
            INSERT INTO agent_revocations (workspace_id, agent_id, serial, revoked_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (workspace_id, agent_id) DO UPDATE SET serial = excluded.serial, revoked_at = excluded.revoked_at
            """
        )
        .bind([.text(workspace.rawValue), .text(agent.rawValue), .integer(serial), .integer(time.milliseconds)]).run()
    }

    func countLiveCredentials(
        workspace: WorkspaceID, agent: AgentID, upToSerial serial: Int64, now: Timestamp
    ) throws -> Int {
        let floor = max(
            try agentRevocationSerial(workspace: workspace, agent: agent) ?? 0,
            try mintingControls(workspace: workspace).allRevokedSerial ?? 0)
        return Int(
            try connection.statement(
                """
                SELECT COUNT(*) FROM credentials INDEXED BY credentials_agent
                WHERE workspace_id = ?1 AND agent_id = ?2 AND serial > ?3 AND serial <= ?4 AND expires_at > ?5
                  AND revoked_at IS NULL AND consumed_at IS NULL
                """
            )
            .bind([
                .text(workspace.rawValue), .text(agent.rawValue), .integer(floor), .integer(serial),
                .integer(now.milliseconds),
            ])
            .firstRow { $0.int64(0) } ?? 0)
    }

    func pruneCredentials(expiredBefore before: Timestamp, limit: Int) throws -> Int {
        try connection.statement(
            """
            DELETE FROM credentials WHERE serial IN (SELECT serial FROM credentials WHERE expires_at < ?1 LIMIT ?2)
            """
        )
        .bind([.integer(before.milliseconds), .integer(Int64(limit))]).run()
        return connection.changes
    }

    private static func credential(from row: SQLiteStatement) throws -> Credential {
        guard let tokenType = Credential.TokenType(rawValue: row.text(9)) else {
            throw corrupt("credentials.token_type")
        }
        let scopes = (try? JSONDecoder().decode([String].self, from: Data(row.text(6).utf8))) ?? []
        return Credential(
            id: CredentialID(uncheckedRawValue: row.text(1)), workspaceID: WorkspaceID(uncheckedRawValue: row.text(2)),
            agentID: AgentID(uncheckedRawValue: row.text(3)), provider: row.optionalText(4), audience: row.text(5),
            scopes: scopes,
            scopeHash: row.text(7), policyID: row.text(8), tokenType: tokenType, oneTime: row.int64(10) != 0,
            tokenHash: row.blob(11), issuedAt: Timestamp(milliseconds: row.int64(12)),
            expiresAt: Timestamp(milliseconds: row.int64(13)),
            serial: row.int64(0), revokedAt: row.optionalInt64(14).map(Timestamp.init(milliseconds:)),
            consumedAt: row.optionalInt64(15).map(Timestamp.init(milliseconds:)))
    }
}
