import ClawbCore
import ClawbTesting
import Foundation
import Testing

@Suite("Audit query, export and verification through the HTTP API")
struct AuditQueryTests {
    static func events(
        _ app: TestApplication, _ key: String, _ query: String
    ) -> (status: Int, items: [[String: Any]], next: String?, code: String?) {
        let response = app.request("GET", "/api/v1/workspace/audit/events\(query)", headers: [("X-Clawb-Api-Key", key)])
        return (
            response.status, response.json["items"] as? [[String: Any]] ?? [], response.json["next_cursor"] as? String,
            response.errorCode
        )
    }

    @Test("each filter alone and combined returns exactly the matching events, newest first")
    func filters() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()  // 2 events: workspace_created, api_key_created
        try app.appendEvents(workspace.id, count: 60)
        let all = Self.events(app, workspace.key, "?limit=200").items
        #expect(all.count == 62)
        let sequences = all.compactMap { $0["sequence"] as? Int }
        #expect(sequences == Array((1...62).reversed()))
        // Fields of the event shape are all present; empty ones are null.
        let first = try #require(all.last)
        for field in [
            "event_id", "created_at", "event_type", "agent_id", "action", "decision", "trace_id", "policy_id",
            "actor", "request_id", "metadata", "hash", "prev_hash",
        ] {
            #expect(first.keys.contains(field), "\(field)")
        }
        func count(_ query: String) -> Int { Self.events(app, workspace.key, "?limit=200&" + query).items.count }
        #expect(count("agent_id=agt_3") == 60 / 7 + (3 < 60 % 7 ? 1 : 0))
        #expect(count("event_type=policy_check") == 60)
        #expect(count("event_type=workspace_created") == 1)
        #expect(count("action=refund") == 30)
        #expect(count("decision=deny") == 20)
        #expect(count("trace_id=trc_17") == 1)
        #expect(count("action=refund&decision=deny") == 10)
        #expect(
            count("agent_id=agt_1&action=deploy&decision=allow")
                == (0..<60).filter { $0 % 7 == 1 && $0 % 2 == 1 && $0 % 3 == 0 }.count)
        #expect(count("decision=nothing") == 0)
    }

    @Test("time range filters use unix milliseconds, both ends inclusive")
    func timeRange() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let t0 = app.clock.now().milliseconds
        app.clock.advance(seconds: 10)
        try app.appendEvents(workspace.id, count: 5)
        app.clock.advance(seconds: 10)
        try app.appendEvents(workspace.id, count: 3)
        let t1 = t0 + 10_000, t2 = t0 + 20_000
        func count(_ query: String) -> Int { Self.events(app, workspace.key, "?limit=200&" + query).items.count }
        #expect(count("start_ms=\(t1)") == 8)
        #expect(count("start_ms=\(t2)") == 3)
        #expect(count("end_ms=\(t1)") == 7)
        #expect(count("start_ms=\(t1)&end_ms=\(t1)") == 5)
        #expect(count("start_ms=\(t2 + 1)") == 0)
        #expect(count("end_ms=\(t0 - 1)") == 0)
        for bad in ["start_ms=yesterday", "end_ms=-5", "start_ms=\(t2)&end_ms=\(t1)", "event_type=made_up"] {
            let response = Self.events(app, workspace.key, "?" + bad)
            #expect(response.status == 400 && response.code == "invalid_filter", "\(bad)")
        }
    }

    @Test("limits: default 50, at most 200, else 400 invalid_limit")
    func limits() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        try app.appendEvents(workspace.id, count: 250)
        #expect(Self.events(app, workspace.key, "").items.count == 50)
        #expect(Self.events(app, workspace.key, "?limit=200").items.count == 200)
        for bad in ["0", "201", "ten", "-1"] {
            #expect(Self.events(app, workspace.key, "?limit=\(bad)").code == "invalid_limit")
        }
    }

    @Test("paging while events are appended sees every earlier event exactly once, in order")
    func pagingUnderAppends() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        try app.appendEvents(workspace.id, count: 300)
        let appending = Thread { try? app.appendEvents(workspace.id, count: 200, batch: 5) }
        appending.start()
        var seen: [Int] = []
        var cursor: String?
        repeat {
            let page = Self.events(app, workspace.key, "?limit=37" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(page.status == 200)
            seen += page.items.compactMap { $0["sequence"] as? Int }
            cursor = page.next
        } while cursor != nil
        #expect(Set(seen).count == seen.count, "no duplicates")
        #expect(seen == seen.sorted(by: >), "newest first across pages")
        let head = try #require(seen.first)
        #expect(head >= 302 && seen == Array((1...head).reversed()), "no gaps below the first page's head")
    }

    @Test("forged, malformed and foreign cursors are 400 invalid_cursor")
    func cursors() throws {
        let app = try TestApplication()
        let a = try app.createWorkspace(name: "a")
        let b = try app.createWorkspace(name: "b")
        try app.appendEvents(a.id, count: 10)
        try app.appendEvents(b.id, count: 10)
        let cursor = try #require(Self.events(app, a.key, "?limit=2").next)
        #expect(Self.events(app, a.key, "?limit=2&cursor=\(cursor)").status == 200)
        var forged = Array(cursor)
        forged[6] = forged[6] == "A" ? "B" : "A"
        for bad in [String(forged), "cur_", "garbage", cursor + "x"] {
            let response = Self.events(app, a.key, "?cursor=\(bad)")
            #expect(response.status == 400 && response.code == "invalid_cursor", "\(bad)")
        }
        let foreign = Self.events(app, b.key, "?cursor=\(cursor)")
        #expect(foreign.status == 400 && foreign.code == "invalid_cursor")
        // The mappings listing's cursors are not audit cursors either.
        #expect(Self.events(app, b.key, "").items.allSatisfy { $0["workspace_id"] as? String == b.id })
    }

    @Test("the legacy provider path serves the same listing")
    func legacyPath() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let response = app.request(
            "GET", "/api/v1/provider/audit/events?limit=5", headers: [("X-Clawb-Api-Key", workspace.key)])
        #expect((response.json["items"] as? [Any])?.count == 2)
    }
}
