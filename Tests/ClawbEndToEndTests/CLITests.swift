import ClawbTesting
import Foundation
import Testing

/// The `clawb` binary against a real `clawbd`.
@Suite("clawb CLI against clawbd", .serialized)
struct CLITests {
    static let adminToken = "cli-admin-token-0123456789abcdefghij"

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func clawb(_ arguments: [String], server: ClawbdProcess, token: String? = adminToken) throws -> Run {
        let binary = try #require(ClawbdProcess.builtBinary("clawb"), "clawb binary not built")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = [
            "CLAWB_BASE_URL": server.baseURL + "/api", "PATH": "/usr/bin:/bin", "CLAWB_DATA_DIR": "/nonexistent",
        ]
        if let token { environment["CLAWB_ADMIN_TOKEN"] = token }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("workspace and key commands round-trip through the operator API, with documented exit codes")
    func adminCommands() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        defer { _ = server.terminate() }

        let created = try Self.clawb(
            ["admin", "workspace", "create", "--name", "acme", "--mode", "live", "--json"], server: server)
        #expect(created.status == 0, "\(created.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
        let workspaceID = try #require((json["workspace"] as? [String: Any])?["workspace_id"] as? String)
        let firstKey = try #require(json["api_key"] as? String)
        #expect(firstKey.hasPrefix("ck_live_"))

        let listed = try Self.clawb(["admin", "workspace", "list"], server: server)
        #expect(listed.status == 0 && listed.stdout.contains(workspaceID) && listed.stdout.hasPrefix("WORKSPACE"))

        let key = try Self.clawb(["admin", "key", "create", "--workspace", workspaceID], server: server)
        #expect(key.status == 0 && key.stdout.contains("API key (shown only now): ck_live_"))

        let keys = try Self.clawb(["admin", "key", "list", "--workspace", workspaceID, "--json"], server: server)
        let items = try #require(
            (try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [String: Any])?["items"]
                as? [[String: Any]])
        #expect(items.count == 2 && !keys.stdout.contains(firstKey))
        let keyID = try #require(items[0]["key_id"] as? String)

        let revoked = try Self.clawb(["admin", "key", "revoke", keyID], server: server)
        #expect(revoked.status == 0 && revoked.stdout == "revoked \(keyID)\n")

        // Usage mistakes exit 64; refusals by the server exit 1 with its code on stderr.
        #expect(try Self.clawb(["admin", "workspace", "create"], server: server).status == 64)
        #expect(try Self.clawb(["admin", "key", "revoke", keyID, "extra"], server: server).status == 64)
        #expect(try Self.clawb(["admin", "nonsense"], server: server).status == 64)
        let badMode = try Self.clawb(["admin", "workspace", "create", "--name", "x", "--mode", "prod"], server: server)
        #expect(badMode.status == 1 && badMode.stderr.contains("invalid_mode") && badMode.stdout.isEmpty)
        let wrongToken = try Self.clawb(
            ["admin", "workspace", "list"], server: server, token: "wrong-token-wrong-token-wrong")
        #expect(wrongToken.status == 1 && wrongToken.stderr.contains("invalid_admin_token"))
        let noToken = try Self.clawb(["admin", "workspace", "list"], server: server, token: nil)
        #expect(noToken.status == 1 && noToken.stderr.contains("No admin token"))
    }
}
