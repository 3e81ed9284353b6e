import ClawbCore
import ClawbSQLite
import ClawbTesting
import Foundation
import Synchronization
import Testing

/// The ndjson export of the real server, measured from outside: memory must not grow with the
/// size of the export.
@Suite("clawbd: streaming a large audit export", .serialized)
struct AuditStreamingTests {
    static let adminToken = "stream-admin-token-0123456789abcdefghij"

    /// Resident memory of a process, in KiB, from /proc.
    static func residentKiB(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    @Test("100,000 events stream as ndjson with flat server memory, and the chain verifies")
    func largeExport() throws {
        let directory = try TemporaryDirectory.make()
        // Seed through the real domain and store, with the server stopped.
        let apiKey: String
        let workspaceID: WorkspaceID
        do {
            let storage = try SQLiteStorage(
                path: directory + "/clawb.sqlite3",
                options: {
                    var o = SQLiteStorage.Options(); o.durability = .normal; return o
                }())
            defer { storage.close() }
            let clock = SystemClock()
            let log = AuditLog(clock: clock)
            let created = try WorkspaceDirectory(storage: storage, clock: clock, audit: log)
                .createWorkspace(name: "big", mode: "test", requestID: nil)
            apiKey = created.secret.text
            workspaceID = created.workspace.id
            for batch in 0..<20 {
                try storage.write { transaction in
                    for index in 0..<5_000 {
                        try log.append(
                            AuditRecord(
                                .policyCheck, workspace: workspaceID, actor: .anonymous,
                                requestID: "req_\(batch)_\(index)",
                                agentID: "agt_\(index % 50)", action: "refund", decision: "allow",
                                traceID: "trc_\(batch)_\(index)", policyID: "pol_default",
                                metadata: ["amount": .integer(Int64(index))]), in: transaction)
                    }
                }
            }
        }
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        defer { _ = server.terminate() }
        let pid = server.process.processIdentifier
        let before = Self.residentKiB(pid)

        let output = directory + "/export.ndjson"
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = [
            "-sS", "-o", output, "-X", "POST", server.baseURL + "/api/v1/workspace/audit/export",
            "-H", "X-Clawb-Api-Key: \(apiKey)", "-H", "Content-Type: application/json",
            "--data", #"{"format":"ndjson"}"#, "--limit-rate", "20M",
        ]
        let peak = Atomic<Int>(before)
        let sampling = Atomic<Bool>(true)
        let sampler = Thread {
            while sampling.load(ordering: .relaxed) {
                let now = Self.residentKiB(pid)
                if now > peak.load(ordering: .relaxed) { peak.store(now, ordering: .relaxed) }
                usleep(10_000)
            }
        }
        sampler.start()
        let started = Date()
        try ProcessLaunch.run(curl)
        curl.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        sampling.store(false, ordering: .relaxed)
        #expect(curl.terminationStatus == 0)

        let text = try String(contentsOfFile: output, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 100_002)
        let bytes = text.utf8.count
        let growthKiB = peak.load(ordering: .relaxed) - before
        // The export is ~\(bytes / 1_048_576) MiB; buffering it would grow the server by at least that.
        #expect(growthKiB < 24 * 1024, "server memory grew \(growthKiB) KiB while streaming \(bytes) bytes")
        #expect(bytes > 40 * 1_048_576)
        print(
            "ndjson export: \(lines.count) events, \(bytes) bytes in \(String(format: "%.2f", seconds)) s; server RSS +\(growthKiB) KiB"
        )

        let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/verify_audit_chain.py").path
        let verify = Process()
        verify.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        verify.arguments = ["python3", tool, "--ndjson", output, "--anchor", AuditChain.genesisHash]
        let pipe = Pipe()
        verify.standardOutput = pipe
        try ProcessLaunch.run(verify)
        let result = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        verify.waitUntilExit()
        #expect(verify.terminationStatus == 0 && result.contains("ok events_checked=100002"), "\(result)")
    }
}
