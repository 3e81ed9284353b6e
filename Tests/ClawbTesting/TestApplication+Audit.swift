import ClawbCore
import Foundation

extension TestApplication {
    /// Appends events through the real write path (AuditLog in a storage transaction), for
    /// event kinds no endpoint emits yet (policy decisions).
    public func appendEvents(
        _ workspaceID: String, count: Int, batch: Int = 500,
        make: @escaping @Sendable (Int) -> AuditRecord? = { _ in nil }
    ) throws {
        guard let workspace = WorkspaceID(workspaceID) else { throw TestFailure("bad workspace id") }
        let log = AuditLog(clock: clock)
        var start = 0
        while start < count {
            let range = start..<min(count, start + batch)
            try application.storage.write { transaction in
                for index in range {
                    let record =
                        make(index)
                        ?? AuditRecord(
                            .policyCheck, workspace: workspace, actor: .anonymous, requestID: "req_\(index)",
                            agentID: "agt_\(index % 7)", action: index % 2 == 0 ? "refund" : "deploy",
                            decision: ["allow", "deny", "challenge"][index % 3], traceID: "trc_\(index)",
                            policyID: "pol_default")
                    try log.append(record, in: transaction)
                }
            }
            start = range.upperBound
        }
    }
}
