import ClawbCore

/// The SQL of audit listing, export, anchors and retention.
extension SQLiteTransaction {
    func auditSequenceRange(workspace: WorkspaceID, start: Timestamp?, end: Timestamp?) throws -> ClosedRange<Int64>? {
        // Two statements: SQLite answers a lone MIN or MAX with one index seek, but scans every
        // row when both share a SELECT.
        let values = [SQLiteStatement.Value.text(workspace.rawValue)]
        guard
            let first = try connection.statement("SELECT MIN(sequence) FROM audit_events WHERE workspace_id = ?1")
                .bind(values).firstRow({ $0.optionalInt64(0) }) ?? nil,
            let last = try connection.statement("SELECT MAX(sequence) FROM audit_events WHERE workspace_id = ?1")
                .bind(values).firstRow({ $0.optionalInt64(0) }) ?? nil
        else { return nil }
        let bounds = (first, last)
        // created_at never decreases along a chain (AuditLog.append), so each end of a time range
        // is a binary search over sequence: about 20 primary-key seeks at a million events. This
        // replaces an index on (workspace_id, created_at) that every append had to maintain.
        let lower = try start.map {
            try firstSequence(workspace: workspace, in: bounds, createdAtLeast: $0.milliseconds)
        }
        let upper = try end.map {
            try firstSequence(workspace: workspace, in: bounds, createdAtLeast: $0.milliseconds + 1) - 1
        }
        let range = (lower ?? bounds.0, upper ?? bounds.1)
        guard range.0 <= range.1 else { return nil }
        return range.0...range.1
    }

    /// The smallest sequence in `bounds` whose event was created at or after `milliseconds`,
    /// or `bounds.1 + 1` when there is none.
    private func firstSequence(
        workspace: WorkspaceID, in bounds: (Int64, Int64), createdAtLeast milliseconds: Int64
    )
        throws -> Int64
    {
        var low = bounds.0
        var high = bounds.1 + 1
        while low < high {
            let middle = low + (high - low) / 2
            // The event at `middle`, or the next one should retention have left a gap.
            guard
                let probe = try connection.statement(
                    """
                    SELECT sequence, created_at FROM audit_events WHERE workspace_id = ?1 AND sequence >= ?2
                    ORDER BY sequence LIMIT 1
                    """
                )
                .bind([.text(workspace.rawValue), .integer(middle)]).firstRow({ ($0.int64(0), $0.int64(1)) })
            else {
                high = middle
                continue
            }
            if probe.1 >= milliseconds {
                high = middle
            } else {
                low = probe.0 + 1
            }
        }
        return low
    }

    func auditEvents(
        workspace: WorkspaceID, filter: AuditFilter, sequences: ClosedRange<Int64>, newestFirst: Bool,
        limit: Int
    ) throws -> [AuditEvent] {
        // The SQL text is built from which filters are present (at most 32 shapes, each prepared
        // once and cached) so that SQLite can pick the index of an equality filter; a
        // "? IS NULL OR column = ?" form would defeat every index.
        var conditions = ["workspace_id = ?1", "sequence >= ?2", "sequence <= ?3"]
        var values: [SQLiteStatement.Value] = [
            .text(workspace.rawValue), .integer(sequences.lowerBound),
            .integer(sequences.upperBound),
        ]
        let equalities: [(String, String?)] = [
            ("agent_id", filter.agentID), ("event_type", filter.eventType?.rawValue), ("action", filter.action),
            ("decision", filter.decision), ("trace_id", filter.traceID),
        ]
        for (column, value) in equalities {
            guard let value else { continue }
            values.append(.text(value))
            conditions.append("\(column) = ?\(values.count)")
        }
        values.append(.integer(Int64(limit)))
        // The plan is chosen here, not left to statistics that may never have been gathered:
        // without ANALYZE, SQLite prefers the primary key's sequence range and scans the whole
        // workspace for a rare agent or trace. The most selective filter present names its
        // index; each index ends in sequence, so the page is a range seek in order.
        let candidates: [(value: String?, index: String)] = [
            (filter.traceID, "audit_trace"), (filter.agentID, "audit_agent"), (filter.action, "audit_action"),
            (filter.decision, "audit_decision"), (filter.eventType?.rawValue, "audit_type"),
        ]
        let indexed = candidates.first { $0.value != nil }.map { " INDEXED BY \($0.index)" } ?? ""
        let sql =
            "SELECT \(Self.eventColumns) FROM audit_events\(indexed) WHERE " + conditions.joined(separator: " AND ")
            + " ORDER BY sequence \(newestFirst ? "DESC" : "ASC") LIMIT ?\(values.count)"
        return try connection.statement(sql).bind(values).rows(Self.event(from:))
    }

    func auditAnchor(workspace: WorkspaceID) throws -> AuditChainHead? {
        try connection.statement("SELECT sequence, hash, created_at FROM audit_anchors WHERE workspace_id = ?1")
            .bind([.text(workspace.rawValue)])
            .firstRow {
                AuditChainHead(sequence: $0.int64(0), hash: $0.text(1), createdAt: Timestamp(milliseconds: $0.int64(2)))
            }
    }

    func pruneAuditEvents(workspace: WorkspaceID, before: Timestamp, limit: Int) throws -> Int {
        // The last event of the batch, if any: the new anchor.
        guard
            let last = try connection.statement(
                """
                SELECT sequence, hash, created_at FROM (
                    SELECT sequence, hash, created_at FROM audit_events
                    WHERE workspace_id = ?1 AND created_at < ?2 ORDER BY sequence LIMIT ?3)
                ORDER BY sequence DESC LIMIT 1
                """
            )
            .bind([.text(workspace.rawValue), .integer(before.milliseconds), .integer(Int64(limit))])
            .firstRow({ (sequence: $0.int64(0), hash: $0.text(1), createdAt: $0.int64(2)) })
        else { return 0 }
        try connection.statement("DELETE FROM audit_events WHERE workspace_id = ?1 AND sequence <= ?2")
            .bind([.text(workspace.rawValue), .integer(last.sequence)]).run()
        let removed = connection.changes
        try connection.statement(
            """
            INSERT INTO audit_anchors (workspace_id, sequence, hash, created_at, pruned_at)
            VALUES (?1, ?2, ?3, ?4, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
            ON CONFLICT (workspace_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash,
                created_at = excluded.created_at, pruned_at = excluded.pruned_at
            """
        )
        .bind([.text(workspace.rawValue), .integer(last.sequence), .text(last.hash), .integer(last.createdAt)]).run()
        return removed
    }
}
