import ClawbCore
import ClawbTesting
import Foundation
import Testing

@Suite("Audit export, verification and retention through the HTTP API")
struct AuditExportTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func export(_ app: TestApplication, _ key: String, _ body: String) -> TestResponse {
        app.request("POST", "/api/v1/workspace/audit/export", headers: [("X-Clawb-Api-Key", key)], json: body)
    }

    static func python(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try ProcessLaunch.run(process)
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("json export: filters and limit, oldest first; bad format and limit refused")
    func jsonExport() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        try app.appendEvents(workspace.id, count: 30)
        let all = Self.export(app, workspace.key, #"{"format":"json"}"#)
        #expect(all.status == 200 && all.json["format"] as? String == "json" && all.json["count"] as? Int == 32)
        let filtered = Self.export(
            app, workspace.key, #"{"format":"json","filters":{"decision":"deny","start_ms":0},"limit":4}"#)
        let items = filtered.json["items"] as? [[String: Any]] ?? []
        #expect(items.count == 4 && items.allSatisfy { $0["decision"] as? String == "deny" })
        let sequences = items.compactMap { $0["sequence"] as? Int }
        #expect(sequences == sequences.sorted())
        #expect(Self.export(app, workspace.key, #"{"format":"xml"}"#).errorCode == "invalid_format")
        #expect(Self.export(app, workspace.key, #"{"format":"json","limit":10001}"#).errorCode == "invalid_limit")
        #expect(
            Self.export(app, workspace.key, #"{"format":"json","filters":{"start_ms":1.5}}"#).errorCode
                == "invalid_filter")
        // json is the default format.
        #expect(Self.export(app, workspace.key, "{}").json["format"] as? String == "json")
    }

    @Test("csv export parses back with Python's csv module, quoting intact and formulas defused")
    func csvExport() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let nasty = [
            "=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "comma, inside", "quote \" inside", "line\nbreak",
        ]
        try app.appendEvents(workspace.id, count: nasty.count) { index in
            AuditRecord(
                .policyCheck, workspace: WorkspaceID(workspace.id)!, actor: .anonymous, requestID: nil,
                agentID: "agt_1", action: nasty[index], decision: "deny", traceID: "trc_\(index)")
        }
        let response = Self.export(app, workspace.key, #"{"format":"csv","filters":{"event_type":"policy_check"}}"#)
        #expect(response.status == 200 && response.json["count"] as? Int == nasty.count)
        let csv = try #require(response.json["csv"] as? String)
        #expect(csv.hasPrefix("event_id,created_at,event_type,agent_id,action,decision,trace_id,policy_id\n"))
        let script =
            "import csv,io,json,sys; rows=list(csv.reader(io.StringIO(sys.stdin.read()))); print(json.dumps(rows))"
        let parsed = try Self.python(["-c", script], input: csv)
        #expect(parsed.status == 0, "\(parsed.output)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [[String]])
        #expect(rows.count == nasty.count + 1 && rows.allSatisfy { $0.count == 8 })
        let actions = rows.dropFirst().map { $0[4] }
        #expect(
            actions == [
                "'=HYPERLINK(\"http://evil\")", "'+1", "'-2", "'@SUM(A1)", "comma, inside", "quote \" inside",
                "line\nbreak",
            ])
    }

    @Test("ndjson export streams every event and verifies independently with the Python tool")
    func ndjsonExport() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        try app.appendEvents(workspace.id, count: 4_500)
        let response = Self.export(app, workspace.key, #"{"format":"ndjson","limit":5}"#)
        #expect(response.status == 200 && response.headers["Content-Type"] == "application/x-ndjson")
        let lines = response.text.split(separator: "\n")
        #expect(lines.count == 4_502, "ndjson ignores limit and exports the whole range")
        let file = app.dataDirectory + "/export.ndjson"
        try response.text.write(toFile: file, atomically: true, encoding: .utf8)
        let tool = Self.repository.appendingPathComponent("tools/verify_audit_chain.py").path
        let intact = try Self.python([tool, "--ndjson", file, "--anchor", AuditChain.genesisHash])
        let head = try app.verifyChain(workspace.id).head
        #expect(intact.status == 0 && intact.output.contains("ok events_checked=4502 head=\(head)"), "\(intact.output)")
        // One byte changed in one line is caught, and named.
        var tampered = response.text.components(separatedBy: "\n")
        tampered[1000] = tampered[1000].replacingOccurrences(of: "\"decision\":\"", with: "\"decision\":\"x")
        try tampered.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let broken = try Self.python([tool, "--ndjson", file])
        #expect(
            broken.status == 1 && broken.output.contains("(sequence 1001, line 1001): hash_mismatch"),
            "\(broken.output)")
    }

    @Test("verify reports an intact chain, then names the first altered event")
    func verifyEndpoint() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        try app.appendEvents(workspace.id, count: 20)
        let intact = app.request("GET", "/api/v1/workspace/audit/verify", headers: [("X-Clawb-Api-Key", workspace.key)])
        #expect(intact.json["intact"] as? Bool == true && intact.json["events_checked"] as? Int == 22)
        #expect(intact.json["head"] as? String == (try app.auditEvents(workspace.id).last?.hash))
        #expect(intact.json["first_broken_link"] is NSNull)
        let target = try app.auditEvents(workspace.id)[9]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [
            app.application.storage.path,
            "UPDATE audit_events SET decision = 'allow' WHERE event_id = '\(target.id.rawValue)'",
        ]
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        let broken = app.request("GET", "/api/v1/workspace/audit/verify", headers: [("X-Clawb-Api-Key", workspace.key)])
        #expect(broken.json["intact"] as? Bool == false && broken.json["events_checked"] as? Int == 9)
        let link = try #require(broken.json["first_broken_link"] as? [String: Any])
        #expect(link["event_id"] as? String == target.id.rawValue && link["sequence"] as? Int == 10)
        #expect(link["problem"] as? String == "hash_mismatch")
    }

    @Test("retention prunes old events in batches and the chain still verifies from its anchor")
    func retention() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        try app.appendEvents(workspace.id, count: 30)
        app.clock.advance(seconds: 10 * 86_400)
        try app.appendEvents(workspace.id, count: 5)
        let trail = app.application.services.audit
        #expect(try trail.applyRetention(days: 7, batchSize: 20) == 20)
        #expect(try trail.applyRetention(days: 7, batchSize: 20) == 12)
        #expect(try trail.applyRetention(days: 7, batchSize: 20) == 0)
        let remaining = try app.auditEvents(workspace.id)
        #expect(remaining.map(\.sequence) == Array(33...37))
        let verify = app.request("GET", "/api/v1/workspace/audit/verify", headers: [("X-Clawb-Api-Key", workspace.key)])
        #expect(verify.json["intact"] as? Bool == true && verify.json["events_checked"] as? Int == 5, "\(verify.text)")
        // New events keep chaining after the cut.
        app.admin("POST", "/api/v1/admin/workspaces/\(workspace.id)/api-keys")
        #expect(try app.verifyChain(workspace.id).isIntact)
        // Listing and export start at the anchor.
        #expect(Self.export(app, workspace.key, #"{"format":"json"}"#).json["count"] as? Int == 6)
    }
}
