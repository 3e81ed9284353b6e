/// Appends events to workspace hash chains and verifies them.
///
/// Appending happens inside the caller's write transaction, so an event exists if and only if
/// the change it records was committed (fail closed: no event, no change).
public struct AuditLog: Sendable {
    let clock: any Clock

    public init(clock: any Clock) {
        self.clock = clock
    }

    /// Records `record` as the next link of its workspace's chain, within `transaction`.
    @discardableResult
    public func append(_ record: AuditRecord, in transaction: any StorageWriter) throws -> AuditEvent {
        let head = try transaction.auditHead(workspace: record.workspaceID)
        let now = clock.now()
        // Never let time run backwards inside a chain, even if the wall clock does.
        let createdAt = max(now, head?.createdAt ?? now)
        let unsigned = AuditEvent(
            id: .generate(at: createdAt), workspaceID: record.workspaceID, sequence: (head?.sequence ?? 0) + 1,
            createdAt: createdAt, eventType: record.eventType, actor: record.actor, requestID: record.requestID,
            agentID: record.agentID, action: record.action, decision: record.decision, traceID: record.traceID,
            policyID: record.policyID, metadata: record.metadata,
            previousHash: head?.hash ?? AuditChain.genesisHash, hash: ""
        )
        let event = unsigned.withHash(AuditChain.hash(of: unsigned))
        try transaction.append(event)
        return event
    }

    /// Recomputes the chain of `workspace` from its first event and reports the first broken link.
    public func verify(workspace: WorkspaceID, storage: any Storage, pageSize: Int = 1000) throws -> AuditVerification {
        var checked = 0
        // After retention removed the chain's start, verification continues from the anchor.
        let anchor = try storage.read { try $0.auditAnchor(workspace: workspace) }
        var expectedPrevious = anchor?.hash ?? AuditChain.genesisHash
        var expectedSequence: Int64 = (anchor?.sequence ?? 0) + 1
        var after: Int64 = anchor?.sequence ?? 0
        while true {
            let page = try storage.read {
                try $0.auditEvents(workspace: workspace, afterSequence: after, limit: pageSize)
            }
            for event in page {
                if event.sequence != expectedSequence {
                    return AuditVerification(
                        eventsChecked: checked, head: expectedPrevious,
                        brokenLink: .init(eventID: event.id, sequence: event.sequence, problem: .sequenceGap))
                }
                if event.previousHash != expectedPrevious {
                    return AuditVerification(
                        eventsChecked: checked, head: expectedPrevious,
                        brokenLink: .init(eventID: event.id, sequence: event.sequence, problem: .previousHashMismatch))
                }
                if AuditChain.hash(of: event) != event.hash {
                    return AuditVerification(
                        eventsChecked: checked, head: expectedPrevious,
                        brokenLink: .init(eventID: event.id, sequence: event.sequence, problem: .hashMismatch))
                }
                checked += 1
                expectedPrevious = event.hash
                expectedSequence += 1
            }
            guard let last = page.last, page.count == pageSize else { break }
            after = last.sequence
        }
        return AuditVerification(eventsChecked: checked, head: expectedPrevious, brokenLink: nil)
    }
}

/// The outcome of recomputing a chain.
public struct AuditVerification: Sendable, Equatable {
    public struct BrokenLink: Sendable, Equatable {
        public enum Problem: String, Sendable {
            case sequenceGap = "sequence_gap"
            case previousHashMismatch = "prev_hash_mismatch"
            case hashMismatch = "hash_mismatch"
        }

        public let eventID: AuditEventID
        public let sequence: Int64
        public let problem: Problem
    }

    public let eventsChecked: Int
    /// The hash of the last intact event (the chain head when nothing is broken).
    public let head: String
    public let brokenLink: BrokenLink?

    public var isIntact: Bool { brokenLink == nil }
}

extension AuditEvent {
    func withHash(_ hash: String) -> AuditEvent {
        AuditEvent(
            id: id, workspaceID: workspaceID, sequence: sequence, createdAt: createdAt, eventType: eventType,
            actor: actor, requestID: requestID, agentID: agentID, action: action, decision: decision,
            traceID: traceID, policyID: policyID, metadataJSON: metadataJSON, previousHash: previousHash, hash: hash
        )
    }
}
