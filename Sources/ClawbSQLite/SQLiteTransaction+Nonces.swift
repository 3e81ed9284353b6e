import ClawbCore

/// The two nonce stores (agent-signed requests, scoped per agent; reputation feedback, scoped
/// per workspace) share one shape and one implementation.
extension SQLiteTransaction {
    enum NonceTable: String {
        case agent = "agent_nonces"
        case feedback = "feedback_nonces"

        /// The column holding the scope of a nonce.
        var scopeColumn: String {
            switch self {
            case .agent: "agent_id"
            case .feedback: "workspace_id"
            }
        }
    }

    /// Records `nonce` in `scope`; false when it was already recorded after `reusableBefore`.
    /// One statement, so concurrent callers cannot both succeed.
    func consumeNonce(
        in table: NonceTable, scope: String, nonce: String, at time: Timestamp, reusableBefore: Timestamp
    ) throws
        -> Bool
    {
        try connection.statement(
            """
            INSERT INTO \(table.rawValue) (\(table.scopeColumn), nonce, seen_at) VALUES (?1, ?2, ?3)
            ON CONFLICT (\(table.scopeColumn), nonce) DO UPDATE SET seen_at = excluded.seen_at
            WHERE \(table.rawValue).seen_at < ?4
            """
        )
        .bind([.text(scope), .text(nonce), .integer(time.milliseconds), .integer(reusableBefore.milliseconds)]).run()
        return connection.changes == 1
    }

    /// Deletes up to `limit` records older than `before`; returns how many.
    func pruneNonces(in table: NonceTable, before: Timestamp, limit: Int) throws -> Int {
        try connection.statement(
            """
            DELETE FROM \(table.rawValue) WHERE (\(table.scopeColumn), nonce) IN
                (SELECT \(table.scopeColumn), nonce FROM \(table.rawValue) WHERE seen_at < ?1 LIMIT ?2)
            """
        )
        .bind([.integer(before.milliseconds), .integer(Int64(limit))]).run()
        return connection.changes
    }
}
