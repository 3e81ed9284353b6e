import ClawbCore
import ClawbTesting
import Foundation
import Testing

@Suite("Audit write path and API conventions")
struct AuditAndConventionsTests {
    @Test("events carry actor, request id and metadata, and form a verifiable chain")
    func auditChain() throws {
        let app = try TestApplication()
        let response = app.request(
            "POST", "/api/v1/admin/workspaces",
            headers: [("Authorization", "Bearer \(TestApplication.adminToken)"), ("X-Request-Id", "req-create-1")],
            json: #"{"name":"acme","mode":"live"}"#)
        let id = try #require((response.json["workspace"] as? [String: Any])?["workspace_id"] as? String)
        let events = try app.auditEvents(id)
        #expect(events.map(\.eventType) == [.workspaceCreated, .apiKeyCreated])
        #expect(events.allSatisfy { $0.requestID == "req-create-1" && $0.actor == .admin })
        #expect(events[0].metadata == ["name": "acme", "mode": "live"])
        #expect(events[0].previousHash == AuditChain.genesisHash)
        #expect(events[1].previousHash == events[0].hash)
        #expect(events.map(\.sequence) == [1, 2])
        let verification = try app.verifyChain(id)
        #expect(verification.isIntact && verification.eventsChecked == 2 && verification.head == events[1].hash)
    }

    @Test("a row altered in the database is reported as the first broken link")
    func tamperDetected() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let extra = app.admin("POST", "/api/v1/admin/workspaces/\(workspace.id)/api-keys")
        #expect(extra.status == 201)
        let events = try app.auditEvents(workspace.id)
        #expect(events.count == 3)
        let target = events[1]
        let database = app.application.storage.path
        let sql =
            "UPDATE audit_events SET metadata = '{\"key_id\":\"forged\"}' WHERE event_id = '\(target.id.rawValue)';"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let verification = try app.verifyChain(workspace.id)
        #expect(verification.brokenLink?.eventID == target.id)
        #expect(verification.brokenLink?.problem == .hashMismatch)
        #expect(verification.eventsChecked == 1)
    }

    @Test("errors use the envelope, echo the request id, and unknown paths are 404")
    func errorEnvelope() throws {
        let app = try TestApplication()
        let notFound = app.request("GET", "/api/v1/nothing/here", headers: [("X-Request-Id", "trace-me")])
        #expect(notFound.status == 404 && notFound.errorCode == "not_found")
        #expect(notFound.json["request_id"] as? String == "trace-me")
        #expect(notFound.headers["X-Request-Id"] == "trace-me")
        let minted = app.request(
            "GET", "/api/v1/nothing", headers: [("X-Request-Id", String(repeating: "x", count: 200))])
        let mintedID = try #require(minted.headers["X-Request-Id"])
        #expect(mintedID.hasPrefix("req_") && ULID.isValid(mintedID.dropFirst(4)))
        #expect(minted.json["request_id"] as? String == mintedID)
        let wrongMethod = app.request("DELETE", "/api/v1/workspace")
        #expect(wrongMethod.status == 405 && wrongMethod.headers["Allow"] == "GET, HEAD")
        #expect(wrongMethod.errorCode == "method_not_allowed")
    }

    @Test("health and readiness answer without authentication")
    func health() throws {
        let app = try TestApplication()
        #expect(app.request("GET", "/api/healthz").json["status"] as? String == "up")
        #expect(app.request("GET", "/api/readyz").json["status"] as? String == "ready")
        app.application.storage.close()
        let notReady = app.request("GET", "/api/readyz")
        #expect(notReady.status == 503 && notReady.errorCode == "storage_unavailable")
        #expect(notReady.headers["Retry-After"] == "1")
    }

    @Test("one access-log line per request, with route and workspace, and no secret anywhere in the log")
    func logsHoldNoSecrets() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        app.request(
            "GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", workspace.key), ("X-Request-Id", "log-probe")])
        app.request(
            "GET", "/api/v1/workspace",
            headers: [("Authorization", "Bearer ck_test_" + String(repeating: "Z", count: 32))])
        let lines = app.logSink.lines
        for line in lines {
            #expect(!line.contains(workspace.key))
            #expect(!line.contains(TestApplication.adminToken))
            #expect(!line.contains("ZZZZZZZZ"))
        }
        let access = lines.filter { $0.contains("\"request.id\":\"log-probe\"") }
        #expect(access.count == 1)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(access[0].utf8)) as? [String: String])
        #expect(fields["http.route"] == "/api/v1/workspace" && fields["http.status"] == "200")
        #expect(
            fields["workspace.id"] == workspace.id && fields["http.method"] == "GET" && fields["duration_ms"] != nil)
    }
}
