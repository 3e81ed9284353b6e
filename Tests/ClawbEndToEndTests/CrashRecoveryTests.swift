import ClawbCore
import ClawbSQLite
import ClawbTesting
import Foundation
import Synchronization
import Testing

/// Tests of the real `clawbd` binary: durability across `kill -9`, and clean exit on SIGTERM.
@Suite("clawbd process: crash recovery and signals", .serialized)
struct CrashRecoveryTests {
    static let adminToken = "e2e-admin-token-0123456789abcdefghij"

    /// Creates workspaces from several threads until told to stop; records every 2xx.
    final class Burst: Sendable {
        let acknowledged = Mutex<[String]>([])
        let stop = Atomic<Bool>(false)

        func run(port: UInt16, workers: Int) -> [Thread] {
            (0..<workers).map { worker in
                let thread = Thread { [self] in
                    var index = 0
                    while !stop.load(ordering: .relaxed) {
                        index += 1
                        guard let client = try? RawHTTPClient(port: port, receiveTimeoutSeconds: 5) else { return }
                        let body = #"{"name":"w\#(worker)-\#(index)","mode":"test"}"#
                        let request =
                            "POST /api/v1/admin/workspaces HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(CrashRecoveryTests.adminToken)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                        guard (try? client.send(request)) != nil, let response = try? client.readResponse() else {
                            return
                        }
                        if response.status == 201,
                            let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                            let id = (json["workspace"] as? [String: Any])?["workspace_id"] as? String
                        {
                            acknowledged.withLock { $0.append(id) }
                        }
                    }
                }
                thread.start()
                return thread
            }
        }
    }

    @Test("kill -9 during a burst of creations loses no acknowledged workspace, event or chain link")
    func killNineKeepsAcknowledgedWrites() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        let burst = Burst()
        _ = burst.run(port: server.port, workers: 8)
        // Let the burst get going, then kill the server mid-stream.
        let deadline = Date().addingTimeInterval(10)
        while burst.acknowledged.withLock({ $0.count }) < 150, Date() < deadline { usleep(10_000) }
        server.kill9()
        burst.stop.store(true, ordering: .relaxed)
        usleep(300_000)
        let acknowledged = burst.acknowledged.withLock { $0 }
        #expect(acknowledged.count >= 150, "only \(acknowledged.count) creations acknowledged before the kill")

        let restarted = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        let client = try RawHTTPClient(port: restarted.port)
        try client.send(
            "GET /api/v1/admin/workspaces HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(Self.adminToken)\r\n\r\n")
        let listing = try #require(try client.readResponse())
        #expect(listing.status == 200)
        #expect(restarted.terminate() == 0)

        let json = try JSONSerialization.jsonObject(with: Data(listing.body)) as? [String: Any]
        let present = Set(((json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["workspace_id"] as? String })
        let missing = acknowledged.filter { !present.contains($0) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")

        // Every acknowledged workspace has its events and an intact chain in the database.
        let storage = try SQLiteStorage(path: directory + "/clawb.sqlite3")
        defer { storage.close() }
        let audit = AuditLog(clock: SystemClock())
        for id in acknowledged {
            let workspace = try #require(WorkspaceID(id))
            let events = try storage.read { try $0.auditEvents(workspace: workspace, afterSequence: 0, limit: 10) }
            #expect(events.map(\.eventType) == [.workspaceCreated, .apiKeyCreated], "\(id)")
            #expect(try audit.verify(workspace: workspace, storage: storage).isIntact, "\(id)")
        }
    }

    @Test("SIGTERM drains and exits 0; a first start bootstraps a test workspace and prints its key once")
    func sigtermAndBootstrap() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        #expect(server.terminate() == 0)
        let log = server.stderrText
        #expect(log.contains("\"msg\":\"shutdown.begin\"") && log.contains("\"signal\":\"SIGTERM\""))
        // Every service started and stopped, background maintenance included.
        for service in ["log", "storage", "maintenance", "http"] {
            #expect(log.contains("\"msg\":\"service.started\",\"service\":\"\(service)\""), "\(service)")
            #expect(log.contains("\"msg\":\"service.stopped\",\"service\":\"\(service)\""), "\(service)")
        }
        #expect(!log.contains(Self.adminToken))
    }
}
