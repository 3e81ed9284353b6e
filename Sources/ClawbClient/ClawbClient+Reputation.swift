import ClawbCrypto
import ClawbWire
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Reputation feedback (signed with the workspace key) and reputations.
extension ClawbClient {
    /// Sends feedback signed as reference.md §4.2 describes: HMAC-SHA-256 keyed with the raw
    /// SHA-256 of the API key, over `"{timestamp}\n{nonce}\n{hex sha256(body)}"`.
    public func sendFeedback(agentID: String, verdict: String, evidenceJSON: String?) async throws -> FeedbackResponse {
        guard case .apiKey(let key) = credential else {
            throw ClawbClientError(
                status: 0, code: "missing_api_key", message: "Feedback needs a workspace API key.", requestID: nil)
        }
        var body = #"{"agent_id":"# + Self.jsonString(agentID) + #","verdict":"# + Self.jsonString(verdict)
        if let evidenceJSON { body += #","evidence":"# + evidenceJSON }
        body += "}"
        let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
        let nonce = "n_" + Hex.encode(SecureRandom.bytes(16))
        let message = Array("\(timestamp)\n\(nonce)\n\(SHA256.hexDigest(Array(body.utf8)))".utf8)
        let signature = Data(HMACSHA256.authenticate(message, key: SHA256.hash(key))).base64EncodedString()
        var request = URLRequest(
            url: URL(string: baseURL.absoluteString.trimmingSuffix("/") + "/v1/reputation/feedback")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        for (name, value) in [
            ("Content-Type", "application/json"), ("X-Clawb-Api-Key", key),
            ("X-Clawb-Feedback-Timestamp", timestamp), ("X-Clawb-Feedback-Nonce", nonce),
            ("X-Clawb-Feedback-Signature", signature),
        ] {
            request.setValue(value, forHTTPHeaderField: name)
        }
        return try JSONDecoder().decode(FeedbackResponse.self, from: try await perform(request))
    }

    public func reputation(agentID: String) async throws -> ReputationResponse {
        try await send("GET", "/v1/reputation/agents/\(Self.segment(agentID))")
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
