import Foundation
import ClawbCore
import ClawbCrypto
import Testing

@Suite("Audit chain canonical form")
struct AuditChainTests {
    static func event(
        previousHash: String = AuditChain.genesisHash, metadata: [String: JSONValue] = ["name": "a/b"]
    ) -> AuditEvent {
        AuditEvent(
            id: AuditEventID(uncheckedRawValue: "evt_01jv2fsk4mv9mtr9j3m7h6qk6y"),
            workspaceID: WorkspaceID(uncheckedRawValue: "ws_01jv2fsk4mv9mtr9j3m7h6qk6z"), sequence: 1,
            createdAt: Timestamp(milliseconds: 1_772_237_100_000), eventType: .workspaceCreated, actor: .admin,
            requestID: "req_1", agentID: nil, action: nil, decision: nil, traceID: nil, policyID: nil,
            metadata: metadata, previousHash: previousHash, hash: "")
    }

    @Test("canonical bytes are sorted compact JSON without absent fields or the hash")
    func canonicalBytes() {
        let text = String(decoding: AuditChain.canonicalBytes(of: Self.event()), as: UTF8.self)
        let expected =
            #"{"actor":{"id":"operator","type":"admin"},"created_at":"2026-02-28T00:05:00Z","event_id":"evt_01jv2fsk4mv9mtr9j3m7h6qk6y","event_type":"workspace_created","metadata":{"name":"a/b"},"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","request_id":"req_1","sequence":1,"workspace_id":"ws_01jv2fsk4mv9mtr9j3m7h6qk6z"}"#
        #expect(text == expected)
        #expect(AuditChain.hash(of: Self.event()) == SHA256.hexDigest(Array(expected.utf8)))
    }

    @Test("the hash covers the previous hash and the metadata")
    func hashCoversEverything() {
        let base = AuditChain.hash(of: Self.event())
        #expect(AuditChain.hash(of: Self.event(previousHash: String(repeating: "1", count: 64))) != base)
        #expect(AuditChain.hash(of: Self.event(metadata: ["name": "a/c"])) != base)
    }
}

@Suite("Canonical JSON writer")
struct CanonicalJSONTests {
    @Test("matches JSONEncoder (sorted keys, unescaped slashes) byte for byte on awkward values")
    func matchesJSONEncoder() throws {
        let awkward = "quote\" back\\slash /slash\u{08}\u{0c}\n\r\t\u{01}\u{1f}\u{7f} é ✓ 🔑"
        let value: [String: JSONValue] = [
            "b": .string(awkward), "a": .integer(-42),
            "nested": .object(["z": .bool(true), "y": .null, "x": .array([1, "two"])]),
            "é": "key with accent", "Z": "capital sorts before lowercase",
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(CanonicalJSON.render(.object(value)) == expected)
    }
}
