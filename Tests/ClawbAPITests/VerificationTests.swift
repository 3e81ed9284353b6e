import ClawbApp
import ClawbCore
import ClawbCrypto
import ClawbTesting
import Foundation
import Testing

@Suite("Verify, heartbeats and token exchange")
struct VerificationTests {
    typealias Setup = WorkspaceWithAgent

    static func setup() throws -> Setup { try WorkspaceWithAgent() }

    func verify(_ s: Setup, _ fields: String, agent: String? = nil, key: String? = nil) -> TestResponse {
        s.app.request(
            "POST", "/api/v1/verify", headers: [("X-Clawb-Api-Key", key ?? s.workspace.key)],
            json: #"{"agent_id":"\#(agent ?? s.agent.id)",\#(fields)}"#)
    }

    @Test("verify: a valid signature, then the same request is a replay; audited both times")
    func verifyValidAndReplay() throws {
        let s = try Self.setup()
        let fields = s.app.signedFields(s.agent, path: "/v1/orders", body: Array(#"{"x":1}"#.utf8))
        let valid = verify(s, fields)
        #expect(valid.status == 200 && valid.json["valid"] as? Bool == true, "\(valid.text)")
        #expect(
            valid.json["agent_id"] as? String == s.agent.id && valid.json["verification_tier"] as? String == "attested")
        #expect(valid.json["risk_tier"] as? String == "medium" && valid.json["revoked"] as? Bool == false)
        #expect(valid.json["verified_at"] as? String == s.app.clock.now().rfc3339)
        let replay = verify(s, fields)
        #expect(
            replay.status == 200 && replay.json["valid"] as? Bool == false
                && replay.json["reason"] as? String == "replay_detected")
        let events = try s.app.auditEvents(s.workspace.id).filter { $0.eventType == .signatureVerified }
        #expect(events.map(\.decision) == ["valid", "invalid"] && events[1].metadataJSON.contains("replay_detected"))
    }

    @Test("verify: each failure reason is a 200 valid:false")
    func verifyFailures() throws {
        let s = try Self.setup()
        let stale = s.app.signedFields(s.agent, path: "/v1/x", timestamp: s.app.clock.now().milliseconds - 301_000)
        #expect(verify(s, stale).json["reason"] as? String == "timestamp_out_of_range")
        let other = try s.app.activeAgent(name: "other")
        s.app.map(other.id, as: "other", key: s.workspace.key)
        let wrongKey = s.app.signedFields(other, path: "/v1/x")
        #expect(verify(s, wrongKey).json["reason"] as? String == "invalid_signature", "signed by another agent's key")
        let tampered = s.app.signedFields(s.agent, path: "/v1/x").replacingOccurrences(of: "/v1/x", with: "/v1/y")
        #expect(verify(s, tampered).json["reason"] as? String == "invalid_signature")
        #expect(
            verify(s, s.app.signedFields(s.agent, path: "/v1/x"), agent: "agt_01jv2fsk4mv9mtr9j3m7h6qk6y").json[
                "reason"] as? String == "unknown_agent")
        let foreign = try s.app.createWorkspace(mode: "live")
        let notMapped = verify(s, s.app.signedFields(s.agent, path: "/v1/x"), key: foreign.key)
        #expect(notMapped.json["valid"] as? Bool == false && notMapped.json["reason"] as? String == "unknown_agent")
        // No API revokes an agent yet (API.md has none); the store is set directly.
        var stored = try #require(try s.app.application.storage.read { try $0.agent(id: AgentID(other.id)!) })
        stored.status = .revoked
        let revoked = stored
        try s.app.application.storage.write { try $0.update(revoked) }
        #expect(
            verify(s, s.app.signedFields(other, path: "/v1/x"), agent: other.id).json["reason"] as? String
                == "agent_revoked")
        // Malformed fields are 400s, not answers.
        let malformed = verify(
            s,
            #""method":"POST","path":"/v1/x","timestamp_ms":"soon","nonce":"n","body_sha256":"x","signature_b64":"s""#)
        #expect(
            malformed.status == 400 && malformed.errorCode == "invalid_signed_request"
                && malformed.json["field"] as? String == "timestamp_ms")
        #expect(verify(s, #""path":"/v1/x""#).json["field"] as? String == "method")
    }

    @Test(
        "heartbeat: signed is recorded and listed; a body agent differing from the header is 401 agent_header_mismatch")
    func heartbeat() throws {
        let s = try Self.setup()
        let path = "/api/v1/telemetry/heartbeat"
        let body = #"{"agent_id":"\#(s.agent.id)","status":"ok","latency_ms":72}"#
        let recorded = s.app.request(
            "POST", path, headers: s.app.signatureHeaders(s.agent, path: path, body: body), json: body)
        #expect(
            recorded.status == 200 && recorded.json["ok"] as? Bool == true
                && recorded.json["status"] as? String == "ok", "\(recorded.text)")
        #expect(recorded.json["recorded_at"] as? String == s.app.clock.now().rfc3339)
        let other = try s.app.activeAgent(name: "other")
        let mismatch = s.app.request(
            "POST", path, headers: s.app.signatureHeaders(other, path: path, body: body), json: body)
        #expect(mismatch.status == 401 && mismatch.errorCode == "agent_header_mismatch")
        let unsigned = s.app.request("POST", path, json: body)
        #expect(unsigned.status == 401 && unsigned.errorCode == "missing_signature_headers")
        let headers = s.app.signatureHeaders(s.agent, path: path, body: body)
        #expect(s.app.request("POST", path, headers: headers, json: body).status == 200)
        #expect(s.app.request("POST", path, headers: headers, json: body).errorCode == "replay_detected")
        let altered = body.replacingOccurrences(of: #""latency_ms":72"#, with: #""latency_ms":73"#)
        #expect(
            s.app.request("POST", path, headers: s.app.signatureHeaders(s.agent, path: path, body: body), json: altered)
                .errorCode == "invalid_signature")
        let badStatus = #"{"agent_id":"\#(s.agent.id)","status":"sleepy"}"#
        #expect(
            s.app.request(
                "POST", path, headers: s.app.signatureHeaders(s.agent, path: path, body: badStatus), json: badStatus
            ).errorCode == "invalid_status")
        #expect(s.app.request("POST", path, json: #"{"status":"ok"}"#).errorCode == "missing_agent_id")

        let recent = s.app.request(
            "GET", "/api/v1/telemetry/heartbeat/recent?agent_id=\(s.agent.id)&limit=1",
            headers: [("X-Clawb-Api-Key", s.workspace.key)])
        let items = try #require(recent.json["items"] as? [[String: Any]])
        #expect(
            recent.json["count"] as? Int == 1 && items[0]["latency_ms"] as? Int == 72
                && items[0]["status"] as? String == "ok")
        let all = s.app.request(
            "GET", "/api/v1/telemetry/heartbeat/recent?agent_id=\(s.agent.id)",
            headers: [("X-Clawb-Api-Key", s.workspace.key)])
        #expect(all.json["count"] as? Int == 2)
        let foreign = try s.app.createWorkspace(mode: "live")
        #expect(
            s.app.request(
                "GET", "/api/v1/telemetry/heartbeat/recent?agent_id=\(s.agent.id)",
                headers: [("X-Clawb-Api-Key", foreign.key)]
            ).errorCode == "unknown_agent")
        #expect(
            s.app.request(
                "GET", "/api/v1/telemetry/heartbeat/recent?agent_id=\(s.agent.id)&limit=0",
                headers: [("X-Clawb-Api-Key", s.workspace.key)]
            ).errorCode == "invalid_limit")
    }

    func exchange(
        _ s: Setup, agent: TestApplication.TestAgent? = nil, key: String?, extra: String = "",
        nonce: String = UUID().uuidString
    ) -> TestResponse {
        let agent = agent ?? s.agent
        let fields = s.app.signedFields(agent, path: "/v1/token/exchange", nonce: nonce)
        return s.app.request(
            "POST", "/api/v1/token/exchange", headers: key.map { [("X-Clawb-Api-Key", $0)] } ?? [],
            json:
                #"{"agent_id":"\#(agent.id)","audience":"aws","scopes":["s3:read"]\#(extra),"agent_request":{\#(fields)}}"#
        )
    }

    @Test(
        "token exchange: with and without a key, ambiguous workspace, replay, kill switch, policy; JWT verified by PyJWT"
    )
    func tokenExchange() throws {
        let s = try Self.setup()
        let withKey = exchange(s, key: s.workspace.key)
        #expect(
            withKey.status == 200 && withKey.json["token_type"] as? String == "Bearer"
                && withKey.json["expires_in"] as? Int == 900, "\(withKey.text)")
        let withoutKey = exchange(s, key: nil)
        #expect(withoutKey.status == 200, "the agent's only active mapping decides: \(withoutKey.text)")
        let token = try #require(withKey.json["token"] as? String)
        #expect(try s.app.auditEvents(s.workspace.id).filter { $0.eventType == .tokenExchanged }.count == 2)
        // Introspectable like a minted credential, and covered by revoke-all.
        let active = s.app.request("POST", "/api/v1/identity/introspect", json: #"{"token":"\#(token)"}"#)
        #expect(active.json["active"] as? Bool == true && active.json["aud"] as? String == "aws")

        let nonce = UUID().uuidString
        #expect(exchange(s, key: s.workspace.key, nonce: nonce).status == 200)
        let replay = exchange(s, key: s.workspace.key, nonce: nonce)
        #expect(replay.status == 400 && replay.errorCode == "replay_detected", "\(replay.text)")
        let stale = s.app.request(
            "POST", "/api/v1/token/exchange",
            json:
                #"{"agent_id":"\#(s.agent.id)","agent_request":{\#(s.app.signedFields(s.agent, path: "/v1/token/exchange", timestamp: s.app.clock.now().milliseconds - 400_000))}}"#
        )
        #expect(stale.status == 400 && stale.errorCode == "timestamp_out_of_range")
        let other = try s.app.activeAgent(name: "other")
        let forged = s.app.request(
            "POST", "/api/v1/token/exchange",
            json:
                #"{"agent_id":"\#(s.agent.id)","agent_request":{\#(s.app.signedFields(other, path: "/v1/token/exchange"))}}"#
        )
        #expect(forged.status == 400 && forged.errorCode == "invalid_signature")
        #expect(
            s.app.request("POST", "/api/v1/token/exchange", json: #"{"agent_id":"\#(s.agent.id)"}"#).errorCode
                == "invalid_signed_request")
        #expect(
            exchange(s, key: "ck_live_notavalidkeyatall000000000000000").status == 401,
            "a bad key is refused, not ignored")

        let second = try s.app.createWorkspace(mode: "live")
        s.app.map(s.agent.id, as: "bot", key: second.key)
        let ambiguous = exchange(s, key: nil)
        #expect(ambiguous.status == 400 && ambiguous.errorCode == "ambiguous_workspace")
        #expect(exchange(s, key: nil, extra: #","workspace_id":"\#(second.id)""#).status == 200)
        #expect(
            exchange(s, key: nil, extra: #","workspace_id":"ws_01jv2fsk4mv9mtr9j3m7h6qk6y""#).errorCode
                == "unknown_agent")

        s.app.request(
            "POST", "/api/v1/identity/kill-switch/minting", headers: [("X-Clawb-Api-Key", second.key)],
            json: #"{"paused":true}"#)
        #expect(exchange(s, key: second.key).errorCode == "minting_paused")
        s.app.putPolicy(
            "pol_default",
            #"{"default":"allow","rules":[{"action":"token.exchange","conditions":[{"path":"audience","op":"eq","value":"aws"}],"decision":"deny","reasons":["no_aws"]}]}"#,
            key: s.workspace.key)
        let denied = exchange(s, key: s.workspace.key)
        #expect(
            denied.status == 403 && denied.errorCode == "policy_denied"
                && denied.json["reasons"] as? [String] == ["no_aws"])
        let spoofed = exchange(s, key: s.workspace.key, extra: #","context":{"audience":"gcp"}"#)
        #expect(spoofed.errorCode == "policy_denied", "context cannot override the audience the policy sees")

        let jwks = s.app.request("GET", "/.well-known/jwks.json").text
        let script = """
            import json, sys, jwt
            jwks, token = json.loads(sys.argv[1]), sys.argv[2]
            kid = jwt.get_unverified_header(token)["kid"]
            key = next(jwt.PyJWK(k) for k in jwks["keys"] if k["kid"] == kid)
            claims = jwt.decode(token, key.key, algorithms=["EdDSA"], audience="aws", options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
            assert claims["sub"] == sys.argv[3] and claims["scope"] == "s3:read", claims
            assert claims["clawb_claims"]["workspace_id"] == sys.argv[4], claims
            print("ok")
            """
        let (status, output) = try PythonScript.run(script, arguments: [jwks, token, s.agent.id, s.workspace.id])
        #expect(status == 0 && output.hasSuffix("ok\n"), "\(output)")
    }
}
