import ClawbCore
import ClawbCrypto
import Foundation

extension TestApplication {
    /// A registered agent and its key.
    public struct TestAgent: Sendable {
        public let id: String
        public let key: Ed25519.SigningKey
        public let challengeID: String
        public let challenge: [UInt8]
    }

    /// Registers a fresh key (or `key`) through the API; does not attest.
    public func registerAgent(
        name: String = "bot", key: Ed25519.SigningKey = .generate(), from address: String = "10.0.0.1"
    )
        throws -> TestAgent
    {
        let publicKey = Data(key.publicKey).base64EncodedString()
        let response = request(
            "POST", "/api/v1/agents/register",
            json: #"{"name":"\#(name)","public_key":"\#(publicKey)","key_type":"ed25519","metadata":{"env":"dev"}}"#,
            from: address)
        guard [200, 201].contains(response.status), let id = response.json["agent_id"] as? String,
            let challengeID = response.json["challenge_id"] as? String,
            let challenge = (response.json["challenge"] as? String).flatMap({ Data(base64Encoded: $0) })
        else {
            throw TestFailure("registration failed: \(response.status) \(response.text)")
        }
        return TestAgent(id: id, key: key, challengeID: challengeID, challenge: Array(challenge))
    }

    /// Attests a registered agent with its own key.
    @discardableResult
    public func attest(_ agent: TestAgent) -> TestResponse {
        let signature = Data(agent.key.sign(agent.challenge)).base64EncodedString()
        return request(
            "POST", "/api/v1/agents/attest",
            json: #"{"agent_id":"\#(agent.id)","challenge_id":"\#(agent.challengeID)","signature":"\#(signature)"}"#)
    }

    /// Registers and attests an agent; returns it active.
    public func activeAgent(name: String = "bot") throws -> TestAgent {
        let agent = try registerAgent(name: name)
        let attested = attest(agent)
        guard attested.status == 200 else { throw TestFailure("attest failed: \(attested.text)") }
        return agent
    }

    /// Maps `agentID` in a workspace under `externalKey`.
    @discardableResult
    public func map(_ agentID: String, as externalKey: String, key apiKey: String, extra: String = "") -> TestResponse {
        request(
            "POST", "/api/v1/workspace/agents/upsert", headers: [("X-Clawb-Api-Key", apiKey)],
            json: #"{"external_agent_key":"\#(externalKey)","agent_id":"\#(agentID)"\#(extra)}"#)
    }
}
