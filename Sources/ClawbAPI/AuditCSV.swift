import ClawbCore

/// CSV rendering of audit events: RFC 4180 quoting (a field with `,`, `"`, CR or LF is quoted,
/// quotes doubled), rows ended by `\n` as in the public contract, and protection against
/// spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
/// leading `'` so a spreadsheet shows it as text instead of evaluating it.
enum AuditCSV {
    static let header = "event_id,created_at,event_type,agent_id,action,decision,trace_id,policy_id\n"

    static func row(_ event: AuditEvent) -> String {
        [
            event.id.rawValue, event.createdAt.rfc3339, event.eventType.rawValue, event.agentID ?? "",
            event.action ?? "",
            event.decision ?? "", event.traceID ?? "", event.policyID ?? "",
        ]
        .map(cell).joined(separator: ",") + "\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
