import ClawbCore
import Foundation

/// The SQL behind `StorageReader` and `StorageWriter`, run on a connection that is inside a
/// transaction for the duration of one `read` or `write` body.
final class SQLiteTransaction: StorageWriter {
    let connection: SQLiteConnection

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    // MARK: Workspaces

    private static let workspaceColumns = "id, name, mode, created_at"

    func workspace(id: WorkspaceID) throws -> Workspace? {
        try connection.statement("SELECT \(Self.workspaceColumns) FROM workspaces WHERE id = ?1")
            .bind([.text(id.rawValue)]).firstRow(Self.workspace(from:))
    }

    func workspaces() throws -> [Workspace] {
        try connection.statement("SELECT \(Self.workspaceColumns) FROM workspaces ORDER BY created_at, rowid")
            .bind([]).rows(Self.workspace(from:))
    }

    func insert(_ workspace: Workspace) throws {
        try connection.statement("INSERT INTO workspaces (id, name, mode, created_at) VALUES (?1, ?2, ?3, ?4)")
            .bind([
                .text(workspace.id.rawValue), .text(workspace.name), .text(workspace.mode.rawValue),
                .integer(workspace.createdAt.milliseconds),
            ]).run()
    }

    private static func workspace(from row: SQLiteStatement) throws -> Workspace {
        guard let mode = Workspace.Mode(rawValue: row.text(2)) else { throw corrupt("workspaces.mode") }
        return Workspace(
            id: WorkspaceID(uncheckedRawValue: row.text(0)), name: row.text(1), mode: mode,
            createdAt: Timestamp(milliseconds: row.int64(3)))
    }

    // MARK: API keys

    private static let keyColumns =
        "id, workspace_id, secret_hash, display_prefix, created_at, last_used_at, revoked_at, expires_at"

    func apiKey(hash: [UInt8]) throws -> APIKey? {
        try connection.statement("SELECT \(Self.keyColumns) FROM api_keys WHERE secret_hash = ?1")
            .bind([.blob(hash)]).firstRow(Self.apiKey(from:))
    }

    func apiKey(id: APIKeyID) throws -> APIKey? {
        try connection.statement("SELECT \(Self.keyColumns) FROM api_keys WHERE id = ?1")
            .bind([.text(id.rawValue)]).firstRow(Self.apiKey(from:))
    }

    func apiKeys(workspace: WorkspaceID) throws -> [APIKey] {
        try connection.statement(
            "SELECT \(Self.keyColumns) FROM api_keys WHERE workspace_id = ?1 ORDER BY created_at, rowid"
        )
        .bind([.text(workspace.rawValue)]).rows(Self.apiKey(from:))
    }

    func insert(_ key: APIKey) throws {
        try connection.statement(
            """
            INSERT INTO api_keys (id, workspace_id, secret_hash, display_prefix, created_at, last_used_at, revoked_at, expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """
        )
        .bind([
            .text(key.id.rawValue), .text(key.workspaceID.rawValue), .blob(key.secretHash), .text(key.displayPrefix),
            .integer(key.createdAt.milliseconds), .optional(key.lastUsedAt), .optional(key.revokedAt),
            .optional(key.expiresAt),
        ]).run()
    }

    func revokeAPIKey(id: APIKeyID, at time: Timestamp) throws {
        try connection.statement("UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
            .bind([.text(id.rawValue), .integer(time.milliseconds)]).run()
    }

    func setAPIKeyExpiry(id: APIKeyID, at time: Timestamp) throws {
        try connection.statement("UPDATE api_keys SET expires_at = ?2 WHERE id = ?1")
            .bind([.text(id.rawValue), .integer(time.milliseconds)]).run()
    }

    func recordAPIKeyUse(id: APIKeyID, at time: Timestamp) throws {
        try connection.statement(
            "UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?2)"
        )
        .bind([.text(id.rawValue), .integer(time.milliseconds)]).run()
    }

    private static func apiKey(from row: SQLiteStatement) throws -> APIKey {
        APIKey(
            id: APIKeyID(uncheckedRawValue: row.text(0)), workspaceID: WorkspaceID(uncheckedRawValue: row.text(1)),
            secretHash: row.blob(2), displayPrefix: row.text(3), createdAt: Timestamp(milliseconds: row.int64(4)),
            lastUsedAt: row.optionalInt64(5).map(Timestamp.init(milliseconds:)),
            revokedAt: row.optionalInt64(6).map(Timestamp.init(milliseconds:)),
            expiresAt: row.optionalInt64(7).map(Timestamp.init(milliseconds:)))
    }

    // MARK: Audit

    static let eventColumns = """
        workspace_id, sequence, event_id, created_at, event_type, actor_type, actor_id, request_id, agent_id, action,
        decision, trace_id, policy_id, metadata, prev_hash, hash
        """

    func auditHead(workspace: WorkspaceID) throws -> AuditChainHead? {
        try connection.statement(
            """
            SELECT sequence, hash, created_at FROM audit_events WHERE workspace_id = ?1 ORDER BY sequence DESC LIMIT 1
            """
        )
        .bind([.text(workspace.rawValue)])
        .firstRow {
            AuditChainHead(sequence: $0.int64(0), hash: $0.text(1), createdAt: Timestamp(milliseconds: $0.int64(2)))
        }
    }

    func auditEvents(workspace: WorkspaceID, afterSequence: Int64, limit: Int) throws -> [AuditEvent] {
        try connection.statement(
            """
            SELECT \(Self.eventColumns) FROM audit_events WHERE workspace_id = ?1 AND sequence > ?2 ORDER BY sequence LIMIT ?3
            """
        )
        .bind([.text(workspace.rawValue), .integer(afterSequence), .integer(Int64(limit))])
        .rows(Self.event(from:))
    }

    func append(_ event: AuditEvent) throws {
        try connection.statement(
            """
            INSERT INTO audit_events (\(Self.eventColumns))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """
        )
        .bind([
            .text(event.workspaceID.rawValue), .integer(event.sequence), .text(event.id.rawValue),
            .integer(event.createdAt.milliseconds), .text(event.eventType.rawValue), .text(event.actor.kind.rawValue),
            .optional(event.actor.id), .optional(event.requestID), .optional(event.agentID), .optional(event.action),
            .optional(event.decision), .optional(event.traceID), .optional(event.policyID),
            .text(event.metadataJSON), .text(event.previousHash), .text(event.hash),
        ]).run()
    }

    static func event(from row: SQLiteStatement) throws -> AuditEvent {
        guard let type = AuditEvent.EventType(rawValue: row.text(4)) else { throw corrupt("audit_events.event_type") }
        guard let actorKind = AuditActor.Kind(rawValue: row.text(5)) else { throw corrupt("audit_events.actor_type") }
        return AuditEvent(
            id: AuditEventID(uncheckedRawValue: row.text(2)), workspaceID: WorkspaceID(uncheckedRawValue: row.text(0)),
            sequence: row.int64(1), createdAt: Timestamp(milliseconds: row.int64(3)), eventType: type,
            actor: AuditActor(kind: actorKind, id: row.optionalText(6)), requestID: row.optionalText(7),
            agentID: row.optionalText(8), action: row.optionalText(9), decision: row.optionalText(10),
            traceID: row.optionalText(11), policyID: row.optionalText(12),
            metadataJSON: row.text(13), previousHash: row.text(14), hash: row.text(15))
    }

    private static let metadataEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encodeMetadata(_ metadata: [String: JSONValue]) throws -> String {
        String(decoding: try metadataEncoder.encode(metadata), as: UTF8.self)
    }

    static func decodeMetadata(_ text: String) throws -> [String: JSONValue] {
        // Most agents and many events carry no metadata; skip the decoder for them.
        if text == "{}" { return [:] }
        do {
            return try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
        } catch {
            throw corrupt("audit_events.metadata")
        }
    }

    static func corrupt(_ column: String) -> SQLiteError {
        SQLiteError(code: 11, message: "unexpected value in \(column)", context: "decode")
    }
}

extension SQLiteStatement.Value {
    static func optional(_ text: String?) -> Self { text.map { .text($0) } ?? .null }
    static func optional(_ time: Timestamp?) -> Self { time.map { .integer($0.milliseconds) } ?? .null }
}
