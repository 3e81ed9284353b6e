import ClawbCore
import ClawbTesting
import Foundation
import Testing

@Suite("Operator API: workspaces and keys")
struct OperatorAPITests {
    @Test("creating a workspace returns it and a key of its mode, once")
    func createWorkspace() throws {
        let app = try TestApplication()
        for mode in ["live", "test"] {
            let response = app.admin(
                "POST", "/api/v1/admin/workspaces", json: #"{"name":"acme","mode":"\#(mode)","org_id":"ignored"}"#)
            #expect(response.status == 201)
            #expect(response.json["ok"] as? Bool == true)
            let workspace = try #require(response.json["workspace"] as? [String: Any])
            #expect(workspace["name"] as? String == "acme" && workspace["mode"] as? String == mode)
            #expect(WorkspaceID(workspace["workspace_id"] as? String ?? "") != nil)
            let key = try #require(response.json["api_key"] as? String)
            #expect(key.hasPrefix("ck_\(mode)_") && key.count == 40)
            // The key is never shown again.
            let listed = app.admin("GET", "/api/v1/admin/workspaces/\(workspace["workspace_id"] as! String)/api-keys")
            #expect(listed.status == 200 && !listed.text.contains(key))
            #expect((listed.json["items"] as? [[String: Any]])?.first?["prefix"] as? String == String(key.prefix(12)))
        }
        let all = app.admin("GET", "/api/v1/admin/workspaces")
        #expect((all.json["items"] as? [Any])?.count == 2)
    }

    @Test("a workspace without a mode is a test workspace")
    func defaultMode() throws {
        let app = try TestApplication()
        let response = app.admin("POST", "/api/v1/admin/workspaces", json: #"{"name":"no-mode"}"#)
        #expect((response.json["api_key"] as? String)?.hasPrefix("ck_test_") == true)
    }

    @Test(
        "bad workspace input gets 400 with a stable code and the field",
        arguments: [
            (#"{"mode":"test"}"#, "invalid_name", "name"),
            (#"{"name":"","mode":"test"}"#, "invalid_name", "name"),
            (#"{"name":" padded","mode":"test"}"#, "invalid_name", "name"),
            (#"{"name":"bell\u0007","mode":"test"}"#, "invalid_name", "name"),
            ("{\"name\":\"" + String(repeating: "n", count: 129) + "\"}", "invalid_name", "name"),
            (#"{"name":"acme","mode":"prod"}"#, "invalid_mode", "mode"),
            (#"{"name":42}"#, "invalid_json", "name"),
            (#"{"name":"acme""#, "invalid_json", nil),
            (#"["name"]"#, "invalid_json", nil),
        ] as [(String, String, String?)])
    func invalidWorkspaceInput(body: String, code: String, field: String?) throws {
        let app = try TestApplication()
        let response = app.admin("POST", "/api/v1/admin/workspaces", json: body)
        #expect(response.status == 400, "\(response.text)")
        #expect(response.errorCode == code)
        #expect(response.json["field"] as? String == field)
        #expect(response.json["ok"] as? Bool == false)
        #expect((response.json["message"] as? String)?.isEmpty == false)
        #expect(
            (app.admin("GET", "/api/v1/admin/workspaces").json["items"] as? [Any])?.isEmpty == true,
            "nothing half-written")
    }

    @Test("a body that is not JSON by its Content-Type is 415")
    func wrongMediaType() throws {
        let app = try TestApplication()
        let response = app.request(
            "POST", "/api/v1/admin/workspaces",
            headers: [("Authorization", "Bearer \(TestApplication.adminToken)"), ("Content-Type", "text/plain")],
            json: #"{"name":"acme"}"#)
        #expect(response.status == 415 && response.errorCode == "unsupported_media_type")
    }

    @Test("every operator route requires the admin token")
    func adminTokenRequired() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let operatorRoutes = app.application.router.routes.filter { $0.pattern.hasPrefix("/api/v1/admin") }
        #expect(operatorRoutes.count == 8)
        for route in operatorRoutes {
            let path = route.pattern.replacingOccurrences(of: "{workspace_id}", with: workspace.id)
                .replacingOccurrences(of: "{key_id}", with: workspace.keyID)
            let missing = app.request(route.method, path)
            #expect(missing.status == 401 && missing.errorCode == "missing_admin_token", "\(route)")
            #expect(missing.headers["WWW-Authenticate"] == #"Bearer realm="clawb""#)
            let wrong = app.request(
                route.method, path, headers: [("Authorization", "Bearer not-the-admin-token-at-all-000")])
            #expect(wrong.status == 401 && wrong.errorCode == "invalid_admin_token", "\(route)")
            // A workspace key is not an admin token.
            let workspaceKey = app.request(route.method, path, headers: [("Authorization", "Bearer \(workspace.key)")])
            #expect(workspaceKey.errorCode == "invalid_admin_token", "\(route)")
        }
        #expect(app.admin("GET", "/api/v1/admin/workspaces/\(workspace.id)/api-keys").status == 200)
    }

    @Test("unknown or malformed workspace and key ids are 404 with their code")
    func unknownIDs() throws {
        let app = try TestApplication()
        let absent = WorkspaceID.generate(at: app.clock.now()).rawValue
        for id in [absent, "ws_nope", "x"] {
            #expect(app.admin("POST", "/api/v1/admin/workspaces/\(id)/api-keys").errorCode == "unknown_workspace")
            #expect(app.admin("GET", "/api/v1/admin/workspaces/\(id)/api-keys").status == 404)
        }
        let absentKey = APIKeyID.generate(at: app.clock.now()).rawValue
        for id in [absentKey, "key_nope"] {
            let response = app.admin("POST", "/api/v1/admin/api-keys/\(id)/revoke")
            #expect(response.status == 404 && response.errorCode == "unknown_api_key")
        }
    }

    @Test("keys: create, list, revoke (idempotently), each audited")
    func keyLifecycle() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let created = app.admin("POST", "/api/v1/admin/workspaces/\(workspace.id)/api-keys")
        #expect(created.status == 201)
        let second = try #require(created.json["api_key"] as? String)
        let secondID = try #require((created.json["key"] as? [String: Any])?["key_id"] as? String)
        #expect(app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", second)]).status == 200)
        #expect(app.admin("POST", "/api/v1/admin/api-keys/\(secondID)/revoke").json["revoked"] as? Bool == true)
        #expect(app.admin("POST", "/api/v1/admin/api-keys/\(secondID)/revoke").json["revoked"] as? Bool == false)
        #expect(app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", second)]).status == 401)
        #expect(app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", workspace.key)]).status == 200)
        let listed = app.admin("GET", "/api/v1/admin/workspaces/\(workspace.id)/api-keys")
        let statuses = (listed.json["items"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
        #expect(statuses == ["active", "revoked"])
        let types = try app.auditEvents(workspace.id).map(\.eventType)
        // The revoked key used above leaves its auth_failed event.
        #expect(types == [.workspaceCreated, .apiKeyCreated, .apiKeyCreated, .apiKeyRevoked, .authFailed])
    }
}
