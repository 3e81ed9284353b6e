import ClawbCore
import ClawbCrypto
import ClawbTesting
import Foundation
import Testing

/// `clawb policies|check|approvals|verify` against a real `clawbd`.
@Suite("clawb policy and decision commands against clawbd", .serialized)
struct CLIPolicyTests {
    @Test("policies put/list/get, check with a challenge, approvals approve, re-check allows; verify")
    func policyCommands() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: CLITests.adminToken)
        defer { _ = server.terminate() }
        let created = try CLITests.clawb(
            ["admin", "workspace", "create", "--name", "acme", "--mode", "live", "--json"], server: server)
        let apiKey = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["api_key"] as? String
        )
        let workspace = ["CLAWB_API_KEY": apiKey]
        func clawb(_ arguments: [String], stdin: String? = nil, token: Bool = false) throws -> CLITests.Run {
            try CLITests.clawb(
                arguments, server: server, token: token ? CLITests.adminToken : nil, environment: workspace,
                directory: directory, stdin: stdin)
        }
        let agentID = try clawb(["agent", "bootstrap", "--name", "bot", "--key", "bot.key"], token: true)
            .stdout.trimmingCharacters(in: .newlines)
        #expect(try clawb(["agents", "map", "--external-key", "bot", "--agent", agentID]).status == 0)

        let policy = #"""
            {"default":"allow","rules":[{"action":"refund","conditions":[{"path":"amount","op":"gt","value":100}],
            "decision":"challenge","reasons":["refund_needs_approval"]}]}
            """#
        let put = try clawb(["policies", "put", "pol_refunds", "--file", "-"], stdin: policy)
        #expect(put.status == 0 && put.stdout == "stored pol_refunds version 1\n", "\(put.stderr)")
        let invalid = try clawb(["policies", "put", "pol_refunds", "--file", "-"], stdin: #"{"rules":[{}]}"#)
        #expect(invalid.status == 1 && invalid.stderr.contains("invalid_policy"))
        let listed = try clawb(["policies", "list"])
        #expect(listed.stdout.contains("pol_default") && listed.stdout.contains("pol_refunds"))
        let got = try clawb(["policies", "get", "pol_refunds"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(got.stdout.utf8)) as? [String: Any])
        #expect((document["rules"] as? [Any])?.count == 1)

        let arguments = [
            "check", "--agent", agentID, "--action", "refund", "--policy", "pol_refunds", "--context",
            #"{"amount":500}"#,
        ]
        let challenged = try clawb(arguments)
        #expect(
            challenged.status == 0 && challenged.stdout.hasPrefix("challenge (refund_needs_approval)"),
            "\(challenged.stderr)")
        let link = try #require(
            challenged.stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .newlines) })
        #expect(link.contains("/v1/approvals/apt_"))
        let approved = try clawb(["approvals", "approve", link])
        #expect(approved.status == 0 && approved.stdout.contains(": approved"), "\(approved.stderr)")
        #expect(try clawb(["approvals", "approve", link]).stderr.contains("approval_used"))
        #expect(try clawb(arguments).stdout.hasPrefix("allow (approval_granted)"))

        // verify: fields signed with the agent's key file, as a relying service received them.
        let seed = try #require(
            Data(
                base64Encoded: try String(contentsOfFile: directory + "/bot.key", encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        let key = try #require(Ed25519.SigningKey(seed: Array(seed)))
        let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
        let digest = SHA256.hexDigest(Array("{}".utf8))
        let signature = Data(
            key.sign(
                SignedRequest.canonicalBytes(
                    method: "POST", path: "/v1/orders", timestamp: timestamp, nonce: "n-1", bodySHA256: digest))
        ).base64EncodedString()
        let verify = [
            "verify", "--agent", agentID, "--method", "POST", "--path", "/v1/orders", "--timestamp", timestamp,
            "--nonce", "n-1", "--signature", signature, "--body-sha256", digest,
        ]
        let valid = try clawb(verify)
        #expect(valid.status == 0 && valid.stdout.hasPrefix("valid: \(agentID) (attested"), "\(valid.stderr)")
        let replay = try clawb(verify)
        #expect(replay.status == 1 && replay.stdout == "invalid: replay_detected\n")
    }
}
