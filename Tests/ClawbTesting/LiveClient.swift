import ClawbCrypto
import Foundation

/// JSON over a raw loopback connection to a running clawbd, for end-to-end tests that must not
/// depend on the client library they test.
public struct LiveClient: Sendable {
    public let port: UInt16

    public init(port: UInt16) { self.port = port }

    /// Sends one request on a fresh connection; returns the status and the parsed JSON body.
    public func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], json: String? = nil
    ) throws
        -> (status: Int, json: [String: Any])
    {
        let client = try RawHTTPClient(port: port, receiveTimeoutSeconds: 10)
        var request = "\(method) \(path) HTTP/1.1\r\nHost: t\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if let json {
            request += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)"
        } else {
            request += "\r\n"
        }
        try client.send(request)
        guard let response = try client.readResponse() else { throw TestFailure("no answer to \(method) \(path)") }
        let body = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, body)
    }

    /// A workspace, an attested agent mapped in it, and the workspace key.
    public func bootstrap(adminToken: String) throws -> (key: String, workspaceID: String, agentID: String) {
        let created = try send(
            "POST", "/api/v1/admin/workspaces", headers: [("Authorization", "Bearer \(adminToken)")],
            json: #"{"name":"e2e","mode":"live"}"#)
        guard let key = created.json["api_key"] as? String,
            let workspaceID = (created.json["workspace"] as? [String: Any])?["workspace_id"] as? String
        else {
            throw TestFailure("workspace creation failed")
        }
        let signing = Ed25519.SigningKey.generate()
        let registered = try send(
            "POST", "/api/v1/agents/register",
            json: #"{"name":"bot","public_key":"\#(Data(signing.publicKey).base64EncodedString())"}"#)
        guard let agentID = registered.json["agent_id"] as? String,
            let challengeID = registered.json["challenge_id"] as? String,
            let challenge = (registered.json["challenge"] as? String).flatMap({ Data(base64Encoded: $0) })
        else {
            throw TestFailure("registration failed")
        }
        let signature = Data(signing.sign(Array(challenge))).base64EncodedString()
        _ = try send(
            "POST", "/api/v1/agents/attest",
            json: #"{"agent_id":"\#(agentID)","challenge_id":"\#(challengeID)","signature":"\#(signature)"}"#)
        _ = try send(
            "POST", "/api/v1/workspace/agents/upsert", headers: [("X-Clawb-Api-Key", key)],
            json: #"{"external_agent_key":"bot","agent_id":"\#(agentID)"}"#)
        return (key, workspaceID, agentID)
    }
}
