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

    /// The canonical bytes of an event (everything but `hash`).
    public static func canonicalBytes(of event: AuditEvent) -> [UInt8] {
        let canonical = CanonicalEvent(
            action: event.action,
            actor: .init(id: event.actor.id, type: event.actor.kind.rawValue),
            agent_id: event.agentID,
            created_at: event.createdAt.rfc3339,
            decision: event.decision,
            event_id: event.id.rawValue,
            event_type: event.eventType.rawValue,
            metadata: event.metadata,
            policy_id: event.policyID,
            prev_hash: event.previousHash,
            request_id: event.requestID,
            sequence: event.sequence,
            trace_id: event.traceID,
            workspace_id: event.workspaceID.rawValue
        )
        // Encoding a struct of strings, integers and JSONValue cannot fail.
        return Array(try! encoder.encode(canonical))
    }

    /// The hash an event must carry, given its fields and `previousHash`.
    public static func hash(of event: AuditEvent) -> String {
        SHA256.hexDigest(canonicalBytes(of: event))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private struct CanonicalEvent: Encodable {
        struct Actor: Encodable {
            let id: String?
            let type: String
        }

        let action: String?
        let actor: Actor
        let agent_id: String?
        let created_at: String
        let decision: String?
        let event_id: String
        let event_type: String
        let metadata: [String: JSONValue]
        let policy_id: String?
        let prev_hash: String
        let request_id: String?
        let sequence: Int64
        let trace_id: String?
        let workspace_id: String
    }
}
