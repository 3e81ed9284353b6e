import ClawbCore
import ClawbHTTP
import Synchronization

/// Streams an ndjson export: one event per line, oldest first, read from storage a batch at a
/// time as the client consumes them, so memory stays flat whatever the export's size. The
/// range is fixed when the export starts; events appended later are not included.
final class AuditExportStream: HTTPBodyStream {
    private struct Progress {
        var after: Int64 = 0
        var returned = 0
        var finished = false
    }

    private let trail: AuditTrail
    private let plan: AuditTrail.ExportPlan
    private let progress = Mutex(Progress())

    init(trail: AuditTrail, plan: AuditTrail.ExportPlan) {
        self.trail = trail
        self.plan = plan
    }

    func nextChunk() throws -> [UInt8]? {
        let state = progress.withLock { $0 }
        guard !state.finished else { return nil }
        let batch = try trail.exportBatch(plan, after: state.after, alreadyReturned: state.returned)
        guard let last = batch.last else {
            progress.withLock { $0.finished = true }
            return nil
        }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(batch.count * 512)
        for event in batch { AuditNDJSON.appendLine(event, to: &chunk) }
        progress.withLock {
            $0.after = last.sequence
            $0.returned += batch.count
        }
        return chunk
    }
}
