import ClawbCrypto
import Foundation

/// The hash chain over a workspace's events.
///
/// `hash = lowercase hex SHA-256(canonical bytes)`, where the canonical bytes are the event as
/// compact JSON with keys sorted bytewise at every level, `/` not escaped, absent fields
/// omitted, and these keys: `action, actor{id,type}, agent_id, created_at, decision, event_id,
/// event_type, metadata, policy_id, prev_hash, request_id, sequence, trace_id, workspace_id`.
/// Because `prev_hash` is inside the hashed bytes, altering, removing or reordering any event
/// breaks every later link. `docs/audit-chain.md` shows how to recompute it independently.
public enum AuditChain {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical bytes of an event (everything but `hash`), keys in sorted order.
    public static func canonicalBytes(of event: AuditEvent) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + event.metadataJSON.utf8.count)
        var first = true
        out.append(UInt8(ascii: "{"))
        CanonicalJSON.appendField("action", event.action, first: &first, to: &out)
        CanonicalJSON.appendKey("actor", first: &first, to: &out)
        out.append(UInt8(ascii: "{"))
        var actorFirst = true
        CanonicalJSON.appendField("id", event.actor.id, first: &actorFirst, to: &out)
        CanonicalJSON.appendField("type", event.actor.kind.rawValue, first: &actorFirst, to: &out)
        out.append(UInt8(ascii: "}"))
        CanonicalJSON.appendField("agent_id", event.agentID, first: &first, to: &out)
        CanonicalJSON.appendField("created_at", event.createdAt.rfc3339, first: &first, to: &out)
        CanonicalJSON.appendField("decision", event.decision, first: &first, to: &out)
        CanonicalJSON.appendField("event_id", event.id.rawValue, first: &first, to: &out)
        CanonicalJSON.appendField("event_type", event.eventType.rawValue, first: &first, to: &out)
        CanonicalJSON.appendKey("metadata", first: &first, to: &out)
        out.append(contentsOf: event.metadataJSON.utf8)
        CanonicalJSON.appendField("policy_id", event.policyID, first: &first, to: &out)
        CanonicalJSON.appendField("prev_hash", event.previousHash, first: &first, to: &out)
        CanonicalJSON.appendField("request_id", event.requestID, first: &first, to: &out)
        CanonicalJSON.appendKey("sequence", first: &first, to: &out)
        out.append(contentsOf: String(event.sequence).utf8)
        CanonicalJSON.appendField("trace_id", event.traceID, first: &first, to: &out)
        CanonicalJSON.appendField("workspace_id", event.workspaceID.rawValue, first: &first, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The hash an event must carry, given its fields and `previousHash`.
    public static func hash(of event: AuditEvent) -> String {
        SHA256.hexDigest(canonicalBytes(of: event))
    }
}
