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

    static func clawb(
        _ arguments: [String], server: ClawbdProcess, token: String? = adminToken,
        environment extra: [String: String] = [:], directory: String? = nil, stdin: String? = nil
    ) throws -> Run {
        let binary = try #require(ClawbdProcess.builtBinary("clawb"), "clawb binary not built")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = [
            "CLAWB_BASE_URL": server.baseURL + "/api", "PATH": "/usr/bin:/bin", "CLAWB_DATA_DIR": "/nonexistent",
        ]
        if let token { environment["CLAWB_ADMIN_TOKEN"] = token }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try ProcessLaunch.run(process)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
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

    @Test("agent keygen, bootstrap, and agents map, list and show")
    func agentCommands() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        defer { _ = server.terminate() }
        let created = try Self.clawb(["admin", "workspace", "create", "--name", "acme", "--json"], server: server)
        let apiKey = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["api_key"] as? String
        )
        let workspace = ["CLAWB_API_KEY": apiKey]

        let keygen = try Self.clawb(["agent", "keygen", "--out", "k1.key"], server: server, directory: directory)
        #expect(keygen.status == 0 && Data(base64Encoded: keygen.stdout.trimmingCharacters(in: .newlines))?.count == 32)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/k1.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let overwrite = try Self.clawb(["agent", "keygen", "--out", "k1.key"], server: server, directory: directory)
        #expect(overwrite.status == 1 && overwrite.stderr.contains("refusing to overwrite"))

        let bootstrap = try Self.clawb(
            ["agent", "bootstrap", "--name", "payments-bot", "--key", "bot.key"], server: server,
            directory: directory)
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        let agentID = bootstrap.stdout.trimmingCharacters(in: .newlines)
        #expect(agentID.hasPrefix("agt_") && bootstrap.stderr.contains("is active"))
        // Bootstrapping again with the same key is refused: that agent is already active.
        let again = try Self.clawb(
            ["agent", "bootstrap", "--name", "payments-bot", "--key", "bot.key"], server: server,
            directory: directory)
        #expect(again.status == 1 && again.stderr.contains("already_registered"))

        let mapped = try Self.clawb(
            [
                "agents", "map", "--external-key", "internal:payments-bot", "--agent", agentID, "--label", "prod",
                "--label", "payments", "--environment", "prod",
            ], server: server, environment: workspace)
        #expect(mapped.status == 0 && mapped.stdout.contains("prod,payments"), "\(mapped.stderr)")
        let listed = try Self.clawb(["agents", "list", "--all", "--json"], server: server, environment: workspace)
        let items =
            (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["items"]
            as? [[String: Any]]
        #expect(items?.count == 1 && items?.first?["agent_id"] as? String == agentID)
        let shown = try Self.clawb(["agents", "show", agentID], server: server, environment: workspace)
        #expect(shown.status == 0 && shown.stdout.contains("payments-bot") && shown.stdout.contains("sha256:"))
        let noKey = try Self.clawb(["agents", "list"], server: server)
        #expect(noKey.status == 1 && noKey.stderr.contains("CLAWB_API_KEY"))
        let badLabel = try Self.clawb(
            ["agents", "map", "--external-key", "x", "--agent", agentID, "--label", "Bad"], server: server,
            environment: workspace)
        #expect(badLabel.status == 1 && badLabel.stderr.contains("invalid_labels"))
    }

    @Test("audit events, export (ndjson streamed to stdout, csv) and verify")
    func auditCommands() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        defer { _ = server.terminate() }
        let created = try Self.clawb(["admin", "workspace", "create", "--name", "acme", "--json"], server: server)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
        let apiKey = try #require(json["api_key"] as? String)
        let workspaceID = try #require((json["workspace"] as? [String: Any])?["workspace_id"] as? String)
        for _ in 0..<3 { _ = try Self.clawb(["admin", "key", "create", "--workspace", workspaceID], server: server) }
        let workspace = ["CLAWB_API_KEY": apiKey]

        let events = try Self.clawb(["audit", "events"], server: server, environment: workspace)
        #expect(events.status == 0 && events.stdout.hasPrefix("SEQ"), "\(events.stderr)")
        #expect(events.stdout.split(separator: "\n").count == 6)  // header + 5 events
        let filtered = try Self.clawb(
            ["audit", "events", "--event-type", "workspace_created", "--json"], server: server,
            environment: workspace)
        let items =
            (try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any])?["items"] as? [Any]
        #expect(items?.count == 1)

        let ndjson = try Self.clawb(["audit", "export"], server: server, environment: workspace)
        #expect(ndjson.status == 0 && ndjson.stdout.split(separator: "\n").count == 5)
        #expect(ndjson.stderr.contains("exported 5 events"))
        let csv = try Self.clawb(
            ["audit", "export", "--format", "csv", "--event-type", "api_key_created"], server: server,
            environment: workspace)
        #expect(csv.stdout.hasPrefix("event_id,created_at,event_type") && csv.stdout.split(separator: "\n").count == 5)

        let verify = try Self.clawb(["audit", "verify"], server: server, environment: workspace)
        #expect(verify.status == 0 && verify.stdout.hasPrefix("intact: 5 events checked"))
        let badFilter = try Self.clawb(
            ["audit", "events", "--event-type", "nope"], server: server, environment: workspace)
        #expect(badFilter.status == 1 && badFilter.stderr.contains("invalid_filter"))
        #expect(
            try Self.clawb(["audit", "export", "--format", "xml"], server: server, environment: workspace).status == 64)
        // The streamed (ndjson) path reports the server's error code too.
        let streamedError = try Self.clawb(
            ["audit", "export", "--event-type", "nope"], server: server, environment: workspace)
        #expect(
            streamedError.status == 1 && streamedError.stderr.contains("invalid_filter") && streamedError.stdout.isEmpty
        )
    }

    @Test("feedback send signs with the workspace key; reputation show reads the score")
    func reputationCommands() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        defer { _ = server.terminate() }
        let created = try Self.clawb(
            ["admin", "workspace", "create", "--name", "acme", "--mode", "live", "--json"], server: server)
        let apiKey = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["api_key"] as? String
        )
        let workspace = ["CLAWB_API_KEY": apiKey]
        let agentID = try Self.clawb(
            ["agent", "bootstrap", "--name", "bot", "--key", "bot.key"], server: server, directory: directory
        )
        .stdout.trimmingCharacters(in: .newlines)
        #expect(
            try Self.clawb(
                ["agents", "map", "--external-key", "bot", "--agent", agentID], server: server, environment: workspace
            )
            .status == 0)
        let sent = try Self.clawb(
            ["feedback", "send", "--agent", agentID, "--verdict", "bad", "--evidence", #"{"reason":"spam"}"#],
            server: server, environment: workspace)
        #expect(sent.status == 0 && sent.stdout.hasPrefix("accepted fb_"), "\(sent.stderr)")
        let shown = try Self.clawb(["reputation", "show", agentID, "--json"], server: server, environment: workspace)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(json["score"] as? Double == 0.4 && json["agent_id"] as? String == agentID, "(2)/(4+1)")
        #expect(
            try Self.clawb(
                ["feedback", "send", "--agent", agentID, "--verdict", "bad", "--evidence", "[1]"], server: server,
                environment: workspace
            ).status == 64)
        let unmapped = try Self.clawb(
            ["feedback", "send", "--agent", "agt_01jv2fsk4mv9mtr9j3m7h6qk6y", "--verdict", "bad"],
            server: server, environment: workspace)
        #expect(unmapped.status == 1 && unmapped.stderr.contains("unknown_agent"))
    }

    @Test("credentials mint, introspect (token on stdin), revoke, revoke-agent; kill-switch; signing-key rotate")
    func credentialCommands() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        defer { _ = server.terminate() }
        let setup = try LiveClient(port: server.port).bootstrap(adminToken: Self.adminToken)
        let workspace = ["CLAWB_API_KEY": setup.key]
        let minted = try Self.clawb(
            [
                "credentials", "mint", "--agent", setup.agentID, "--scope", "email:send", "--type", "jwt",
                "--one-time", "--json",
            ], server: server, environment: workspace)
        #expect(minted.status == 0, "\(minted.stderr)")
        let credential = try #require(
            (try JSONSerialization.jsonObject(with: Data(minted.stdout.utf8)) as? [String: Any])?["credential"]
                as? [String: Any])
        let token = try #require(credential["token"] as? String)
        let credID = try #require(credential["cred_id"] as? String)
        #expect(credential["one_time"] as? Bool == true && token.split(separator: ".").count == 3)
        let first = try Self.clawb(["credentials", "introspect"], server: server, stdin: token)
        #expect(first.stdout.hasPrefix("active \(credID) sub=\(setup.agentID)"), "\(first.stdout)\(first.stderr)")
        #expect(
            try Self.clawb(["credentials", "introspect"], server: server, stdin: token).stdout == "inactive\n",
            "consumed")

        let plain = try Self.clawb(
            ["credentials", "mint", "--agent", setup.agentID], server: server, environment: workspace)
        let plainToken = plain.stdout.trimmingCharacters(in: .newlines)
        #expect(plainToken.hasPrefix("cto_") && plain.stderr.contains("expires at"))
        let revokeAgent = try Self.clawb(
            ["credentials", "revoke-agent", setup.agentID, "--reason", "test"], server: server,
            environment: workspace)
        #expect(revokeAgent.stdout.hasPrefix("revoked 1 live credentials"), "\(revokeAgent.stdout)")
        #expect(
            try Self.clawb(["credentials", "revoke", credID], server: server, environment: workspace).stdout
                == "\(credID) was not active\n")

        #expect(
            try Self.clawb(["kill-switch", "pause", "--reason", "INC-42"], server: server, environment: workspace)
                .stdout
                == "minting paused\n")
        let refused = try Self.clawb(
            ["credentials", "mint", "--agent", setup.agentID], server: server, environment: workspace)
        #expect(refused.status == 1 && refused.stderr.contains("minting_paused"))
        let status = try Self.clawb(["kill-switch", "status"], server: server, environment: workspace)
        #expect(status.stdout.contains("paused") && status.stdout.contains("INC-42"))
        #expect(
            try Self.clawb(["kill-switch", "resume"], server: server, environment: workspace).stdout
                == "minting resumed\n")
        #expect(
            try Self.clawb(["kill-switch", "revoke-all"], server: server, environment: workspace).stdout.hasPrefix(
                "every credential"))
        #expect(try Self.clawb(["kill-switch", "explode"], server: server, environment: workspace).status == 64)
        let rotated = try Self.clawb(["admin", "signing-key", "rotate"], server: server)
        #expect(rotated.status == 0 && rotated.stdout.hasPrefix("new signing key kid_"))
    }
}
