import ClawbTesting
import Testing

@Suite("Workspace API-key authentication through the HTTP API")
struct AuthenticationTests {
    @Test("both key headers authenticate, header names in any case")
    func acceptedHeaders() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        for headers in [
            [("X-Clawb-Api-Key", workspace.key)], [("x-clawb-api-key", workspace.key)],
            [("Authorization", "Bearer \(workspace.key)")], [("authorization", "bearer \(workspace.key)")],
        ] {
            let response = app.request("GET", "/api/v1/workspace", headers: headers)
            #expect(response.status == 200, "\(headers[0].0): \(response.text)")
            #expect((response.json["workspace"] as? [String: Any])?["workspace_id"] as? String == workspace.id)
        }
    }

    @Test("a missing key is 401 missing_api_key with WWW-Authenticate")
    func missingKey() throws {
        let app = try TestApplication()
        for headers in [[], [("X-Clawb-Api-Key", "")], [("Authorization", "Basic abc")]] {
            let response = app.request("GET", "/api/v1/workspace", headers: headers)
            #expect(response.status == 401)
            #expect(response.errorCode == "missing_api_key")
            #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="clawb""#)
        }
    }

    @Test("malformed, unknown and revoked keys all answer the same 401 invalid_api_key")
    func refusedKeys() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let revoke = app.admin("POST", "/api/v1/admin/api-keys/\(workspace.keyID)/revoke")
        #expect(revoke.status == 200 && revoke.json["revoked"] as? Bool == true)
        let unknown = "ck_test_" + String(repeating: "A", count: 32)
        var bodies = Set<String>()
        for key in ["nonsense", "ck_live_123", unknown, workspace.key] {
            let response = app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", key)])
            #expect(response.status == 401)
            #expect(response.errorCode == "invalid_api_key")
            #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="clawb""#)
            bodies.insert(response.json["message"] as? String ?? "")
        }
        #expect(bodies.count == 1, "the message must not say why a key was refused")
    }

    @Test("a revoked key writes auth_failed in its workspace, at most once a minute, without the key")
    func authFailedEvent() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        app.admin("POST", "/api/v1/admin/api-keys/\(workspace.keyID)/revoke")
        for _ in 0..<5 {
            app.request(
                "GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", workspace.key), ("X-Request-Id", "probe-1")])
        }
        var failures = try app.auditEvents(workspace.id).filter { $0.eventType == .authFailed }
        #expect(failures.count == 1)
        #expect(failures.first?.requestID == "probe-1")
        #expect(failures.first?.metadata["reason"] == "revoked_key")
        #expect(failures.first?.metadata["key_id"] == .string(workspace.keyID))
        app.clock.advance(seconds: 61)
        app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", workspace.key)])
        failures = try app.auditEvents(workspace.id).filter { $0.eventType == .authFailed }
        #expect(failures.count == 2)
        let stored = try app.auditEvents(workspace.id).map { "\($0.metadata)" }.joined()
        #expect(!stored.contains(workspace.key))
        #expect(try app.verifyChain(workspace.id).isIntact)
    }

    @Test("workspace A's key only ever sees workspace A")
    func isolation() throws {
        let app = try TestApplication()
        let a = try app.createWorkspace(name: "a")
        let b = try app.createWorkspace(name: "b", mode: "live")
        let seenByA = app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", a.key)])
        let seenByB = app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", b.key)])
        #expect((seenByA.json["workspace"] as? [String: Any])?["workspace_id"] as? String == a.id)
        #expect((seenByB.json["workspace"] as? [String: Any])?["workspace_id"] as? String == b.id)
        #expect(!seenByA.text.contains(b.id) && !seenByB.text.contains(a.id))
        // Revoking A's key does not touch B, and B's events never land in A's chain.
        app.admin("POST", "/api/v1/admin/api-keys/\(a.keyID)/revoke")
        #expect(app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", b.key)]).status == 200)
        #expect(try app.auditEvents(a.id).allSatisfy { $0.workspaceID.rawValue == a.id })
        #expect(try app.auditEvents(b.id).allSatisfy { $0.workspaceID.rawValue == b.id })
    }

    @Test("a rotated key works during the overlap and stops after it; the new key works")
    func rotation() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let rotated = app.admin(
            "POST", "/api/v1/admin/api-keys/\(workspace.keyID)/rotate", json: #"{"overlap_seconds":600}"#)
        #expect(rotated.status == 201, "\(rotated.text)")
        let newKey = try #require(rotated.json["api_key"] as? String)
        #expect(newKey.hasPrefix("ck_test_"))
        #expect(app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", workspace.key)]).status == 200)
        app.clock.advance(seconds: 601)
        #expect(
            app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", workspace.key)]).errorCode
                == "invalid_api_key")
        #expect(app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", newKey)]).status == 200)
        let listed = app.admin("GET", "/api/v1/admin/workspaces/\(workspace.id)/api-keys")
        let statuses = (listed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
        #expect(statuses == ["expired", "active"])
        // The live key, so that only the overlap can be the reason for refusing.
        let newKeyID = try #require((rotated.json["key"] as? [String: Any])?["key_id"] as? String)
        let badOverlap = app.admin(
            "POST", "/api/v1/admin/api-keys/\(newKeyID)/rotate", json: #"{"overlap_seconds":-1}"#)
        #expect(badOverlap.status == 400 && badOverlap.errorCode == "invalid_overlap")
    }

    @Test("use of a key is recorded as last_used_at, throttled to once a minute")
    func lastUsed() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        app.request("GET", "/api/v1/workspace", headers: [("X-Clawb-Api-Key", workspace.key)])
        let listed = app.admin("GET", "/api/v1/admin/workspaces/\(workspace.id)/api-keys")
        let item = try #require((listed.json["items"] as? [[String: Any]])?.first)
        #expect(item["last_used_at"] as? String == app.clock.now().rfc3339)
    }
}
