import ClawbCore
import ClawbCrypto
import Foundation

extension TestApplication {
    /// The signed-request fields of reference.md §4.1 for `agent`, as JSON object members
    /// (`"method":...,"signature_b64":...`), signing `path` without the `/api` mount.
    public func signedFields(
        _ agent: TestAgent, method: String = "POST", path: String, body: [UInt8] = [],
        nonce: String = UUID().uuidString,
        timestamp: Int64? = nil
    ) -> String {
        let time = timestamp ?? clock.now().milliseconds
        let digest = SHA256.hexDigest(body)
        let canonical = SignedRequest.canonicalBytes(
            method: method, path: path, timestamp: String(time), nonce: nonce, bodySHA256: digest)
        let signature = Data(agent.key.sign(canonical)).base64EncodedString()
        return
            #""method":"\#(method)","path":"\#(path)","timestamp_ms":\#(time),"nonce":"\#(nonce)","body_sha256":"\#(digest)","signature_b64":"\#(signature)""#
    }

    /// The four `X-Clawb-*` headers signing `body` sent to `path` (full path, `/api` included).
    public func signatureHeaders(
        _ agent: TestAgent, method: String = "POST", path: String, body: String, nonce: String = UUID().uuidString,
        agentHeader: String? = nil
    ) -> [(String, String)] {
        let time = String(clock.now().milliseconds)
        let canonical = SignedRequest.canonicalBytes(
            method: method, path: String(path.dropFirst("/api".count)), timestamp: time, nonce: nonce,
            bodySHA256: SHA256.hexDigest(Array(body.utf8)))
        return [
            ("X-Clawb-Agent-Id", agentHeader ?? agent.id), ("X-Clawb-Timestamp", time), ("X-Clawb-Nonce", nonce),
            ("X-Clawb-Signature", Data(agent.key.sign(canonical)).base64EncodedString()),
        ]
    }

    /// Stores a policy document in a workspace.
    @discardableResult
    public func putPolicy(_ id: String, _ document: String, key: String) -> TestResponse {
        request("PUT", "/api/v1/policies/\(id)", headers: [("X-Clawb-Api-Key", key)], json: document)
    }

    /// `POST /v1/check` with `body` (a JSON object's members after `agent_id`).
    public func check(_ agentID: String, key: String, _ members: String) -> TestResponse {
        request(
            "POST", "/api/v1/check", headers: [("X-Clawb-Api-Key", key)],
            json: #"{"agent_id":"\#(agentID)"\#(members)}"#)
    }
}
