import ClawbCore
import ClawbCrypto
import Foundation

extension TestApplication {
    /// Headers of a correctly signed feedback request (reference.md §4.2).
    public func feedbackHeaders(
        apiKey: String, body: String, timestamp: Int64? = nil, nonce: String = UUID().uuidString,
        signingKey: String? = nil
    ) -> [(String, String)] {
        let time = String(timestamp ?? clock.now().milliseconds)
        let message = ReputationLedger.signedMessage(timestamp: time, nonce: nonce, body: Array(body.utf8))
        let signature = HMACSHA256.authenticate(message, key: SHA256.hash(signingKey ?? apiKey))
        return [
            ("X-Clawb-Api-Key", apiKey), ("X-Clawb-Feedback-Timestamp", time), ("X-Clawb-Feedback-Nonce", nonce),
            ("X-Clawb-Feedback-Signature", Data(signature).base64EncodedString()),
        ]
    }

    /// Sends signed feedback about `agentID`.
    @discardableResult
    public func sendFeedback(
        apiKey: String, agentID: String, verdict: String = "bad", nonce: String = UUID().uuidString
    )
        -> TestResponse
    {
        let body = #"{"agent_id":"\#(agentID)","verdict":"\#(verdict)","evidence":{"reason":"test"}}"#
        return request(
            "POST", "/api/v1/reputation/feedback",
            headers: feedbackHeaders(apiKey: apiKey, body: body, nonce: nonce), json: body)
    }
}
