import ClawbCore
import ClawbTesting
import Foundation
import Synchronization
import Testing

@Suite("Workspace agent mappings through the HTTP API")
struct MappingTests {
    @Test(
        "upsert validation: each rule has its code and names the field",
        arguments: [
            (#"{"agent_id":"AGENT"}"#, "missing_external_agent_key"),
            (#"{"external_agent_key":"","agent_id":"AGENT"}"#, "missing_external_agent_key"),
            (
                "{\"external_agent_key\":\"" + String(repeating: "k", count: 257) + "\",\"agent_id\":\"AGENT\"}",
                "invalid_external_agent_key"
            ),
            (#"{"external_agent_key":"tab\u0009key","agent_id":"AGENT"}"#, "invalid_external_agent_key"),
            (#"{"external_agent_key":"k"}"#, "missing_agent_id"),
            (#"{"external_agent_key":"k","agent_id":"AGENT","labels":["Prod"]}"#, "invalid_labels"),
            (#"{"external_agent_key":"k","agent_id":"AGENT","labels":[""]}"#, "invalid_labels"),
            (
                "{\"external_agent_key\":\"k\",\"agent_id\":\"AGENT\",\"labels\":[\""
                    + String(repeating: "a", count: 65) + "\"]}", "invalid_labels"
            ),
            (
                "{\"external_agent_key\":\"k\",\"agent_id\":\"AGENT\",\"labels\":["
                    + (0..<33).map { "\"l\($0)\"" }.joined(separator: ",") + "]}", "invalid_labels"
            ),
            (#"{"external_agent_key":"k","agent_id":"AGENT","status":"paused"}"#, "invalid_status"),
            (#"{"external_agent_key":"k","agent_id":"AGENT","environment":""}"#, "invalid_environment"),
            (
                "{\"external_agent_key\":\"k\",\"agent_id\":\"AGENT\",\"environment\":\""
                    + String(repeating: "e", count: 65) + "\"}", "invalid_environment"
            ),
            (#"{"external_agent_key":"k","agent_id":"AGENT","source":"dashboard"}"#, "invalid_source"),
            (#"{"external_agent_key":"k","agent_id":"AGENT","display_name":""}"#, "invalid_display_name"),
            (
                "{\"external_agent_key\":\"k\",\"agent_id\":\"AGENT\",\"display_name\":\""
                    + String(repeating: "d", count: 129) + "\"}",
                "invalid_display_name"
            ),
            (#"{"external_agent_key":"k","agent_id":"AGENT","labels":"prod"}"#, "invalid_json"),
        ])
    func validation(body: String, code: String) throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let agent = try app.activeAgent()
        let response = app.request(
            "POST", "/api/v1/workspace/agents/upsert", headers: [("X-Clawb-Api-Key", workspace.key)],
            json: body.replacingOccurrences(of: "AGENT", with: agent.id))
        #expect(response.status == 400 && response.errorCode == code, "\(response.text)")
        #expect(response.json["field"] != nil)
        let listed = app.request("GET", "/api/v1/workspace/agents", headers: [("X-Clawb-Api-Key", workspace.key)])
        #expect(listed.json["count"] as? Int == 0, "nothing half-written")
    }

    @Test("unknown or malformed agent ids are 404 unknown_agent")
    func unknownAgent() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        for id in [AgentID.generate(at: app.clock.now()).rawValue, "agt_nope", "ws_x"] {
            let response = app.map(id, as: "k", key: workspace.key)
            #expect(response.status == 404 && response.errorCode == "unknown_agent")
        }
    }

    @Test("upsert is idempotent: 201 then 200, one event; changes are recorded with what changed")
    func idempotentUpsert() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let agent = try app.activeAgent()
        let extra = #","labels":["prod"],"environment":"prod""#
        #expect(app.map(agent.id, as: "k", key: workspace.key, extra: extra).status == 201)
        let again = app.map(agent.id, as: "k", key: workspace.key, extra: extra)
        #expect(again.status == 200)
        let changed = app.map(
            agent.id, as: "k", key: workspace.key, extra: #","labels":["prod"],"environment":"staging""#)
        #expect(
            changed.status == 200 && (changed.json["item"] as? [String: Any])?["environment"] as? String == "staging")
        let events = try app.auditEvents(workspace.id).filter { $0.eventType == .agentMappingUpserted }
        #expect(events.count == 2)
        #expect(
            events[1].metadata["changed"] == .array(["environment"]) && events[1].metadata["created"] == .bool(false))
        #expect(events[0].agentID == agent.id && events[0].actor == .apiKey(APIKeyID(workspace.keyID)!))
    }

    @Test("a key mapped to another agent is a 409 conflict unless remap is sent")
    func remapConflict() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let first = try app.activeAgent()
        let second = try app.activeAgent()
        app.map(first.id, as: "shared", key: workspace.key)
        let conflict = app.map(second.id, as: "shared", key: workspace.key)
        #expect(conflict.status == 409 && conflict.errorCode == "conflict")
        let remapped = app.map(second.id, as: "shared", key: workspace.key, extra: #","remap":true"#)
        #expect(
            remapped.status == 200 && (remapped.json["item"] as? [String: Any])?["agent_id"] as? String == second.id)
        let last = try #require(try app.auditEvents(workspace.id).last)
        #expect(last.metadata["previous_agent_id"] == .string(first.id))
        // The legacy provider path is the same route.
        let legacy = app.request(
            "POST", "/api/v1/provider/agents/upsert", headers: [("X-Clawb-Api-Key", workspace.key)],
            json: #"{"external_agent_key":"legacy","agent_id":"\#(first.id)"}"#)
        #expect(legacy.status == 201)
    }

    @Test("listing filters by environment, status and label, and rejects bad limits and cursors")
    func listFilters() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let agent = try app.activeAgent()
        app.map(agent.id, as: "a", key: workspace.key, extra: #","labels":["prod","payments"],"environment":"prod""#)
        app.map(agent.id, as: "b", key: workspace.key, extra: #","labels":["staging"],"environment":"staging""#)
        app.map(
            agent.id, as: "c", key: workspace.key, extra: #","labels":["prod"],"environment":"prod","status":"retired""#
        )
        func keys(_ query: String) -> [String]? {
            let response = app.request(
                "GET", "/api/v1/workspace/agents\(query)", headers: [("X-Clawb-Api-Key", workspace.key)])
            return (response.json["items"] as? [[String: Any]])?.compactMap { $0["external_agent_key"] as? String }
        }
        #expect(keys("") == ["a", "b", "c"])
        #expect(keys("?environment=prod") == ["a", "c"])
        #expect(keys("?status=retired") == ["c"])
        #expect(keys("?label=payments") == ["a"])
        #expect(keys("?label=prod&status=active") == ["a"])
        #expect(keys("?environment=none") == [])
        for query in ["?limit=0", "?limit=201", "?limit=abc"] {
            #expect(
                app.request("GET", "/api/v1/workspace/agents\(query)", headers: [("X-Clawb-Api-Key", workspace.key)])
                    .errorCode == "invalid_limit")
        }
        #expect(
            app.request("GET", "/api/v1/workspace/agents?status=paused", headers: [("X-Clawb-Api-Key", workspace.key)])
                .errorCode == "invalid_status")
        for cursor in ["cur_garbage", "nonsense", "cur_YQ.AAAAAAAAAAAAAAAAAAAAAA"] {
            let response = app.request(
                "GET", "/api/v1/workspace/agents?cursor=\(cursor)", headers: [("X-Clawb-Api-Key", workspace.key)])
            #expect(response.status == 400 && response.errorCode == "invalid_cursor")
        }
    }

    @Test("a cursor from another workspace is refused, and mappings never cross workspaces")
    func isolation() throws {
        let app = try TestApplication()
        let a = try app.createWorkspace(name: "a")
        let b = try app.createWorkspace(name: "b")
        let agent = try app.activeAgent()
        for index in 0..<3 { app.map(agent.id, as: "k\(index)", key: a.key) }
        let page = app.request("GET", "/api/v1/workspace/agents?limit=1", headers: [("X-Clawb-Api-Key", a.key)])
        let cursor = try #require(page.json["next_cursor"] as? String)
        let foreign = app.request(
            "GET", "/api/v1/workspace/agents?cursor=\(cursor)", headers: [("X-Clawb-Api-Key", b.key)])
        #expect(foreign.status == 400 && foreign.errorCode == "invalid_cursor")
        #expect(
            app.request("GET", "/api/v1/workspace/agents", headers: [("X-Clawb-Api-Key", b.key)]).json["count"] as? Int
                == 0)
        #expect(
            app.request("GET", "/api/v1/agents/\(agent.id)", headers: [("X-Clawb-Api-Key", b.key)]).errorCode
                == "unknown_agent")
        #expect(try app.auditEvents(b.id).allSatisfy { $0.eventType != .agentMappingUpserted })
    }

    @Test("pagination sees every row once while mappings are inserted concurrently")
    func paginationUnderInserts() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let agent = try app.activeAgent()
        for index in 0..<40 { app.map(agent.id, as: String(format: "before-%03d", index), key: workspace.key) }
        let inserting = Thread {
            for index in 0..<40 { app.map(agent.id, as: String(format: "during-%03d", index), key: workspace.key) }
        }
        inserting.start()
        var seen: [String] = []
        var cursor: String?
        repeat {
            let query = "?limit=7" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = app.request(
                "GET", "/api/v1/workspace/agents\(query)", headers: [("X-Clawb-Api-Key", workspace.key)])
            #expect(page.status == 200)
            seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["external_agent_key"] as? String }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil
        #expect(Set(seen).count == seen.count, "no duplicates")
        #expect((0..<40).allSatisfy { seen.contains(String(format: "before-%03d", $0)) }, "no gaps")
        // Rows come in insertion order, so whatever was inserted during the walk comes after.
        let firstDuring = seen.firstIndex { $0.hasPrefix("during") } ?? seen.count
        #expect(seen[..<firstDuring].count == 40)
    }
}
