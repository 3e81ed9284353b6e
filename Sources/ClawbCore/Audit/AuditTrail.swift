/// Reading a workspace's audit log: listing (newest first, keyset cursors), export pages
/// (oldest first, bounded by the head at the start), chain verification, and retention.
public struct AuditTrail: Sendable {
    let storage: any Storage
    let clock: any Clock
    let cursors: CursorCodec
    let log: AuditLog

    public static let defaultPageSize = 50
    public static let maxPageSize = 200
    public static let defaultExportLimit = 1000
    /// Largest buffered (json/csv) export; ndjson streams without a limit.
    public static let maxExportLimit = 10_000
    /// Rows read per storage call while exporting or verifying.
    public static let exportBatchSize = 2000

    public init(storage: any Storage, clock: any Clock, cursors: CursorCodec) {
        self.storage = storage
        self.clock = clock
        self.cursors = cursors
        self.log = AuditLog(clock: clock)
    }

    /// One page, newest first. The cursor holds the last sequence seen, so events appended
    /// meanwhile (higher sequences) never shift later pages: no duplicates, no gaps.
    public func page(
        _ filter: AuditFilter, limit text: String?, cursor: String?, workspace: WorkspaceID
    ) throws
        -> KeysetPage<AuditEvent>
    {
        let limit = try PageLimit.parse(text, maximum: Self.maxPageSize, default: Self.defaultPageSize)
        let scope = Self.cursorScope(workspace)
        let before = try cursors.position(of: cursor, scope: scope)
        let rows = try storage.read { reader -> [AuditEvent] in
            guard let range = try reader.auditSequenceRange(workspace: workspace, start: filter.start, end: filter.end)
            else {
                return []
            }
            let upper = min(range.upperBound, (before ?? Int64.max) - 1)
            guard upper >= range.lowerBound else { return [] }
            return try reader.auditEvents(
                workspace: workspace, filter: filter, sequences: range.lowerBound...upper,
                newestFirst: true, limit: limit + 1)
        }
        return cursors.page(rows, limit: limit, scope: scope, position: \.sequence, item: { $0 })
    }

    /// A plan for an export: the sequence range fixed now, read later page by page.
    public struct ExportPlan: Sendable {
        public let workspace: WorkspaceID
        public let filter: AuditFilter
        public let range: ClosedRange<Int64>?
        public let limit: Int?
    }

    /// Fixes what an export covers: the filtered range up to the current head. `limit` caps
    /// buffered formats; nil (ndjson) means the whole range.
    public func planExport(_ filter: AuditFilter, limit: Int?, workspace: WorkspaceID) throws -> ExportPlan {
        let range = try storage.read {
            try $0.auditSequenceRange(workspace: workspace, start: filter.start, end: filter.end)
        }
        return ExportPlan(workspace: workspace, filter: filter, range: range, limit: limit)
    }

    /// The next batch of an export after sequence `after`, oldest first; empty at the end.
    public func exportBatch(_ plan: ExportPlan, after: Int64, alreadyReturned: Int) throws -> [AuditEvent] {
        guard let range = plan.range else { return [] }
        let lower = max(range.lowerBound, after + 1)
        guard lower <= range.upperBound else { return [] }
        let remaining = plan.limit.map { $0 - alreadyReturned } ?? Self.exportBatchSize
        guard remaining > 0 else { return [] }
        return try storage.read {
            try $0.auditEvents(
                workspace: plan.workspace, filter: plan.filter, sequences: lower...range.upperBound,
                newestFirst: false, limit: min(remaining, Self.exportBatchSize))
        }
    }

    /// Recomputes the workspace's chain from its anchor (or its first event).
    public func verify(workspace: WorkspaceID) throws -> AuditVerification {
        try log.verify(workspace: workspace, storage: storage, pageSize: Self.exportBatchSize)
    }

    /// Deletes, for each workspace, up to `batchSize` events older than `retentionDays`, oldest
    /// first, recording the last deleted event as the chain's new anchor in the same write.
    public func applyRetention(days retentionDays: Int, batchSize: Int = 1000) throws -> Int {
        let cutoff = clock.now().adding(seconds: -Int64(retentionDays) * 86_400)
        var removed = 0
        for workspace in try storage.read({ try $0.workspaces() }) {
            removed += try storage.write {
                try $0.pruneAuditEvents(workspace: workspace.id, before: cutoff, limit: batchSize)
            }
        }
        return removed
    }

    static func cursorScope(_ workspace: WorkspaceID) -> String { "audit:" + workspace.rawValue }
}
