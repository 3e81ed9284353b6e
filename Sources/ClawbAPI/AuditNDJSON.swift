import ClawbCore

/// One audit event as an ndjson line: the same object as in listings (every documented field,
/// `null` when empty), written by hand from the stored canonical metadata text so an export
/// never decodes or re-encodes metadata. Key order is fixed, not sorted: readers must not
/// rely on it (the verifier re-sorts).
enum AuditNDJSON {
    static func appendLine(_ event: AuditEvent, to out: inout [UInt8]) {
        func field(_ key: String, _ value: String?, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            if let value { JSONText.appendString(value, to: &out) } else { out += Array("null".utf8) }
        }
        out.append(UInt8(ascii: "{"))
        field("event_id", event.id.rawValue, first: true)
        field("workspace_id", event.workspaceID.rawValue)
        out += Array(",\"sequence\":\(event.sequence)".utf8)
        field("created_at", event.createdAt.rfc3339)
        field("event_type", event.eventType.rawValue)
        field("agent_id", event.agentID)
        field("action", event.action)
        field("decision", event.decision)
        field("trace_id", event.traceID)
        field("policy_id", event.policyID)
        out += Array(",\"actor\":{".utf8)
        field("type", event.actor.kind.rawValue, first: true)
        field("id", event.actor.id)
        out.append(UInt8(ascii: "}"))
        field("request_id", event.requestID)
        out += Array(",\"metadata\":".utf8)
        out += Array(event.metadataJSON.utf8)
        field("hash", event.hash)
        field("prev_hash", event.previousHash)
        out += Array("}\n".utf8)
    }
}
