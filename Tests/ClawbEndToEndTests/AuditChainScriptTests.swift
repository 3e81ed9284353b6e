import ClawbTesting
import Foundation
import Testing

/// Runs the independent Python verifier of docs/audit-chain.md on chains the server wrote.
@Suite("Independent audit-chain verifier (tools/verify_audit_chain.py)")
struct AuditChainScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/verify_audit_chain.py").path

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try ProcessLaunch.run(process)
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("it agrees with the server on intact chains, including non-ASCII and slashes, and finds a tampered row")
    func agreesWithServer() throws {
        let app = try TestApplication()
        let first = try app.createWorkspace(name: "Zürich / ✓ \\\"quoted\\\"", mode: "live")
        let second = try app.createWorkspace(name: "plain")
        app.admin("POST", "/api/v1/admin/workspaces/\(first.id)/api-keys")
        app.clock.advance(seconds: 1)
        app.admin("POST", "/api/v1/admin/api-keys/\(first.keyID)/revoke")
        app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", first.key)])
        let database = app.application.storage.path

        let intact = try Self.run([database])
        #expect(intact.status == 0, "\(intact.output)")
        let head = try app.verifyChain(first.id).head
        #expect(intact.output.contains("\(first.id) ok events_checked=5 head=\(head)"), "\(intact.output)")
        #expect(intact.output.contains("\(second.id) ok events_checked=2"))

        let target = try app.auditEvents(first.id)[2]
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        tamper.arguments = [
            database, "UPDATE audit_events SET request_id = 'forged' WHERE event_id = '\(target.id.rawValue)'",
        ]
        try ProcessLaunch.run(tamper)
        tamper.waitUntilExit()
        let broken = try Self.run([database, first.id])
        #expect(broken.status == 1)
        #expect(
            broken.output.contains("BROKEN at event \(target.id.rawValue) (sequence 3): hash_mismatch"),
            "\(broken.output)")
    }
}
