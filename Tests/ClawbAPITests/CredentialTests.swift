import ClawbApp
import ClawbCore
import ClawbCrypto
import ClawbTesting
import Foundation
import Synchronization
import Testing

@Suite("Credentials: mint, introspect, revoke, kill switch")
struct CredentialTests {
    typealias Setup = WorkspaceWithAgent

    static func setup(_ configure: (inout Configuration) -> Void = { _ in }) throws -> Setup {
        try WorkspaceWithAgent(configure: configure)
    }

    @Test("an opaque credential by default: 201, token shown once, stored only as a hash, audited without the token")
    func opaqueMint() throws {
        let s = try Self.setup()
        let response = s.app.mint(
            s.agent.id, key: s.workspace.key, #","scopes":["email:send","a:b"],"provider":"sendgrid""#)
        #expect(response.status == 201, "\(response.text)")
        let credential = try #require(response.json["credential"] as? [String: Any])
        let token = try #require(credential["token"] as? String)
        #expect(token.hasPrefix("cto_") && token.count == 47)
        #expect(credential["token_type"] as? String == "opaque" && credential["one_time"] as? Bool == false)
        #expect(
            credential["audience"] as? String == "clawb.provider" && credential["agent_id"] as? String == s.agent.id)
        #expect(credential["scope_hash"] as? String == "sha256:" + SHA256.hexDigest(Array("a:b\nemail:send".utf8)))
        #expect(credential["expires_at"] as? String == s.app.clock.now().adding(seconds: 300).rfc3339)
        let database =
            try Data(contentsOf: URL(fileURLWithPath: s.app.application.storage.path))
            + ((try? Data(contentsOf: URL(fileURLWithPath: s.app.application.storage.path + "-wal"))) ?? Data())
        #expect(database.range(of: Data(token.utf8)) == nil, "only the token's hash is stored")
        let minted = try #require(try s.app.auditEvents(s.workspace.id).last)
        #expect(
            minted.eventType == .credentialMinted && minted.agentID == s.agent.id
                && !minted.metadataJSON.contains(token))
    }

    @Test(
        "validation errors, each with its code",
        arguments: [
            (#"{"ttl_seconds":60}"#, "missing_agent_id"),
            (#"{"agent_id":"AGENT","ttl_seconds":0}"#, "invalid_ttl"),
            (#"{"agent_id":"AGENT","ttl_seconds":3601}"#, "invalid_ttl"),
            (#"{"agent_id":"AGENT","token_type":"saml"}"#, "invalid_token_type"),
            (#"{"agent_id":"AGENT","scopes":["bad scope"]}"#, "invalid_scopes"),
            (#"{"agent_id":"AGENT","scopes":[""]}"#, "invalid_scopes"),
            (
                "{\"agent_id\":\"AGENT\",\"scopes\":[" + (0..<33).map { "\"s\($0)\"" }.joined(separator: ",") + "]}",
                "invalid_scopes"
            ),
            (
                "{\"agent_id\":\"AGENT\",\"audience\":\"" + String(repeating: "a", count: 257) + "\"}",
                "invalid_audience"
            ),
            (#"{"agent_id":"AGENT","scope_hash":"has space"}"#, "invalid_scope_hash"),
            (#"{"agent_id":"AGENT","ttl_seconds":"ten"}"#, "invalid_json"),
            (#"{"agent_id":"AGENT","policy_id":"pol_other"}"#, "unknown_policy"),
        ])
    func validation(body: String, code: String) throws {
        let s = try Self.setup()
        let response = s.app.request(
            "POST", "/api/v1/identity/credentials/mint", headers: [("X-Clawb-Api-Key", s.workspace.key)],
            json: body.replacingOccurrences(of: "AGENT", with: s.agent.id))
        #expect(response.errorCode == code && [400, 404].contains(response.status), "\(response.text)")
    }

    @Test("the order of checks: validation, kill switch, agent, policy, rate limit")
    func checkOrder() throws {
        let s = try Self.setup { $0.limits.mintsPerMinutePerWorkspace = 2 }
        let app = s.app
        let key = s.workspace.key
        let unknownAgent = AgentID.generate(at: app.clock.now()).rawValue
        app.request(
            "POST", "/api/v1/identity/kill-switch/minting", headers: [("X-Clawb-Api-Key", key)],
            json: #"{"paused":true,"reason":"INC-1"}"#)
        #expect(
            app.mint(s.agent.id, key: key, #","ttl_seconds":0"#).errorCode == "invalid_ttl",
            "validation before the switch")
        #expect(app.mint(unknownAgent, key: key).errorCode == "minting_paused", "the switch before the agent lookup")
        #expect(app.mint(s.agent.id, key: key).status == 403)
        app.request(
            "POST", "/api/v1/identity/kill-switch/minting", headers: [("X-Clawb-Api-Key", key)],
            json: #"{"paused":false}"#)
        #expect(
            app.mint(unknownAgent, key: key, #","policy_id":"pol_x""#).errorCode == "unknown_agent",
            "the agent before the policy")
        // A pending agent mapped here is challenged by pol_default, with reasons and a trace.
        let pending = try app.registerAgent(name: "pending")
        app.map(pending.id, as: "pending", key: key)
        let challenged = app.mint(pending.id, key: key)
        #expect(challenged.status == 403 && challenged.errorCode == "policy_challenge")
        #expect(challenged.json["reasons"] as? [String] == ["agent_not_attested"])
        #expect((challenged.json["trace_id"] as? String)?.hasPrefix("trc_") == true)
        // A revoked agent is denied.
        let revoked = try app.activeAgent(name: "revoked")
        app.map(revoked.id, as: "revoked", key: key)
        var stored = try #require(try app.application.storage.read { try $0.agent(id: AgentID(revoked.id)!) })
        stored.status = .revoked
        let updated = stored
        try app.application.storage.write { try $0.update(updated) }
        #expect(app.mint(revoked.id, key: key).errorCode == "policy_denied")
        // A suspended mapping is not an active mapping: the agent is unknown here.
        app.map(s.agent.id, as: "bot", key: key, extra: #","status":"suspended""#)
        #expect(app.mint(s.agent.id, key: key).errorCode == "unknown_agent")
        app.map(s.agent.id, as: "bot", key: key)
        // Rate limit last: two allowed a minute here.
        #expect(app.mint(s.agent.id, key: key).status == 201)
        #expect(app.mint(s.agent.id, key: key).status == 201)
        let limited = app.mint(s.agent.id, key: key)
        #expect(limited.status == 429 && limited.errorCode == "rate_limited" && limited.headers["Retry-After"] != nil)
        let denials = try app.auditEvents(s.workspace.id).filter { $0.eventType == .credentialMintDenied }
            .map { $0.metadata["reason"] }
        #expect(
            denials
                == [
                    "minting_paused", "minting_paused", "unknown_agent", "policy_challenge", "policy_denied",
                    "unknown_agent",
                    "rate_limited",
                ].map { JSONValue.string($0) })
    }

    @Test("JWT claims, verified by PyJWT from the JWKS alone, before and after a key rotation")
    func jwt() throws {
        let s = try Self.setup()
        let app = s.app
        let first = app.token(
            app.mint(
                s.agent.id, key: s.workspace.key,
                #","token_type":"jwt","scopes":["email:send"],"provider":"sendgrid","one_time":true"#))
        let parts = first.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(Base64URL.decode(parts[0])!)) as? [String: Any])
        #expect(
            header["alg"] as? String == "EdDSA"
                && header["kid"] as? String == app.application.services.keyring.activeKey.id.rawValue)
        let claims = try #require(
            try JSONSerialization.jsonObject(with: Data(Base64URL.decode(parts[1])!)) as? [String: Any])
        let now = app.clock.now().milliseconds / 1000
        #expect(claims["iss"] as? String == app.application.configuration.effectivePublicURL)
        #expect(claims["sub"] as? String == s.agent.id && claims["aud"] as? String == "clawb.provider")
        #expect(
            claims["iat"] as? Int64 == now && claims["nbf"] as? Int64 == now && claims["exp"] as? Int64 == now + 300)
        #expect((claims["jti"] as? String)?.hasPrefix("crd_") == true && claims["scope"] as? String == "email:send")
        let clawb = try #require(claims["clawb_claims"] as? [String: Any])
        #expect(clawb["workspace_id"] as? String == s.workspace.id && clawb["mode"] as? String == "live")
        #expect(clawb["provider"] as? String == "sendgrid" && clawb["one_time"] as? Bool == true)
        #expect(
            clawb["policy_id"] as? String == "pol_default"
                && (clawb["scope_hash"] as? String)?.hasPrefix("sha256:") == true)

        app.admin("POST", "/api/v1/admin/signing-keys/rotate")
        let second = app.token(app.mint(s.agent.id, key: s.workspace.key, #","token_type":"jwt""#))
        let secondKid =
            try #require(
                try JSONSerialization.jsonObject(with: Data(Base64URL.decode(String(second.split(separator: ".")[0]))!))
                    as? [String: Any])["kid"] as? String
        #expect(
            secondKid == app.application.services.keyring.activeKey.id.rawValue && secondKid != header["kid"] as? String
        )
        let jwks = app.request("GET", "/.well-known/jwks.json").text
        let script = """
            import json, sys, jwt
            jwks = json.loads(sys.argv[1])
            for token in sys.argv[2:]:
                kid = jwt.get_unverified_header(token)["kid"]
                key = next(jwt.PyJWK(k) for k in jwks["keys"] if k["kid"] == kid)
                claims = jwt.decode(token, key.key, algorithms=["EdDSA"], audience="clawb.provider",
                                    options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
                print(claims["sub"])
            """
        let (status, output) = try PythonScript.run(script, arguments: [jwks, first, second])
        #expect(status == 0 && output == "\(s.agent.id)\n\(s.agent.id)\n", "\(output)")
        // Introspection works for JWTs too.
        #expect(app.isActive(second))
    }

    @Test("introspection: RFC 7662 fields; inactive is {\"active\":false} alone; scope_hash and expiry are checked")
    func introspection() throws {
        let s = try Self.setup()
        let app = s.app
        let response = app.mint(s.agent.id, key: s.workspace.key, #","scopes":["x:y"],"ttl_seconds":60"#)
        let token = app.token(response)
        let active = app.introspect(token).json
        #expect(
            active["active"] as? Bool == true && active["sub"] as? String == s.agent.id
                && active["scope"] as? String == "x:y")
        #expect(active["workspace_id"] as? String == s.workspace.id && active["token_type"] as? String == "opaque")
        #expect(active["exp"] as? Int64 == app.clock.now().milliseconds / 1000 + 60)
        let inactive = app.introspect("cto_nothing")
        #expect(inactive.status == 200 && inactive.text == #"{"active":false}"#)
        #expect(app.introspect(token, scopeHash: "sha256:other").text == #"{"active":false}"#)
        let scopeHash = (response.json["credential"] as? [String: Any])?["scope_hash"] as? String
        #expect(app.introspect(token, scopeHash: scopeHash).json["active"] as? Bool == true)
        app.clock.advance(seconds: 61)
        #expect(!app.isActive(token))
    }

    @Test("a one-time credential: of 50 concurrent introspections exactly one is active, and it is audited")
    func oneTime() throws {
        let s = try Self.setup()
        let app = s.app
        let token = app.token(app.mint(s.agent.id, key: s.workspace.key, #","one_time":true"#))
        let actives = Mutex(0)
        let group = DispatchGroup()
        for _ in 0..<50 {
            group.enter()
            Thread {
                if app.isActive(token) { actives.withLock { $0 += 1 } }
                group.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(actives.withLock { $0 } == 1)
        #expect(!app.isActive(token))
        #expect(try app.auditEvents(s.workspace.id).filter { $0.eventType == .credentialIntrospected }.count == 1)
    }

    @Test("revoke one, by id or token; revoke-by-agent and revoke-all as watermarks; later mints stay active")
    func revocation() throws {
        let s = try Self.setup()
        let app = s.app
        let key = s.workspace.key
        func post(_ path: String, _ body: String) -> TestResponse {
            app.request("POST", "/api/v1/identity/\(path)", headers: [("X-Clawb-Api-Key", key)], json: body)
        }
        let one = app.mint(s.agent.id, key: key)
        let oneID = try #require((one.json["credential"] as? [String: Any])?["cred_id"] as? String)
        #expect(post("credentials/revoke", #"{"cred_id":"\#(oneID)","reason":"leak"}"#).json["revoked"] as? Int == 1)
        #expect(post("credentials/revoke", #"{"cred_id":"\#(oneID)"}"#).json["revoked"] as? Int == 0)
        #expect(!app.isActive(app.token(one)))
        let two = app.token(app.mint(s.agent.id, key: key))
        #expect(post("credentials/revoke", #"{"token":"\#(two)"}"#).json["revoked"] as? Int == 1 && !app.isActive(two))
        #expect(
            post("credentials/revoke", #"{"cred_id":"crd_01jv2fsk4mv9mtr9j3m7h6qk6y"}"#).errorCode
                == "unknown_credential")
        #expect(post("credentials/revoke", "{}").errorCode == "missing_credential")
        // Another workspace cannot revoke (or even see) this workspace's credentials.
        let other = try app.createWorkspace(name: "other")
        let third = app.mint(s.agent.id, key: key)
        let thirdID = (third.json["credential"] as? [String: Any])?["cred_id"] as? String ?? ""
        let foreign = app.request(
            "POST", "/api/v1/identity/credentials/revoke", headers: [("X-Clawb-Api-Key", other.key)],
            json: #"{"cred_id":"\#(thirdID)"}"#)
        #expect(foreign.status == 404 && foreign.errorCode == "unknown_credential" && app.isActive(app.token(third)))

        let a = app.token(app.mint(s.agent.id, key: key))
        let byAgent = post("credentials/revoke-by-agent", #"{"agent_id":"\#(s.agent.id)","reason":"compromised"}"#)
        #expect(byAgent.json["revoked"] as? Int == 2 && byAgent.json["revoked_before"] != nil, "\(byAgent.text)")
        #expect(!app.isActive(a) && !app.isActive(app.token(third)))
        let after = app.token(app.mint(s.agent.id, key: key))
        #expect(app.isActive(after), "minted after the watermark")

        let all = post("kill-switch/revoke-all", #"{"reason":"INC-42"}"#)
        #expect(all.json["all_credentials_revoked_at"] as? String == app.clock.now().rfc3339)
        #expect(!app.isActive(after))
        let fresh = app.token(app.mint(s.agent.id, key: key))
        #expect(app.isActive(fresh))
        let status = app.request("GET", "/api/v1/identity/kill-switch/status", headers: [("X-Clawb-Api-Key", key)]).json
        #expect(status["minting_paused"] as? Bool == false && status["all_credentials_revoked_at"] as? String != nil)
        #expect(status["minting_paused_reason"] is NSNull)
        let types = Set(try app.auditEvents(s.workspace.id).map(\.eventType))
        #expect(types.isSuperset(of: [.credentialRevoked, .credentialsRevokedByAgent, .killSwitchRevokeAll]))
        #expect(try app.verifyChain(s.workspace.id).isIntact)
    }

    @Test("pause and resume minting, with status and audit")
    func killSwitch() throws {
        let s = try Self.setup()
        let app = s.app
        let key = s.workspace.key
        let paused = app.request(
            "POST", "/api/v1/identity/kill-switch/minting", headers: [("X-Clawb-Api-Key", key)],
            json: #"{"paused":true,"reason":"incident INC-42"}"#)
        #expect(paused.json["minting_paused"] as? Bool == true && paused.json["reason"] as? String == "incident INC-42")
        #expect(app.mint(s.agent.id, key: key).errorCode == "minting_paused")
        let status = app.request("GET", "/api/v1/identity/kill-switch/status", headers: [("X-Clawb-Api-Key", key)]).json
        #expect(
            status["minting_paused"] as? Bool == true && status["minting_paused_reason"] as? String == "incident INC-42"
        )
        #expect(status["all_credentials_revoked_at"] is NSNull)
        #expect(
            app.request("POST", "/api/v1/identity/kill-switch/minting", headers: [("X-Clawb-Api-Key", key)], json: "{}")
                .status == 400)
        app.request(
            "POST", "/api/v1/identity/kill-switch/minting", headers: [("X-Clawb-Api-Key", key)],
            json: #"{"paused":false}"#)
        #expect(app.mint(s.agent.id, key: key).status == 201)
        let decisions = try app.auditEvents(s.workspace.id).filter { $0.eventType == .killSwitchMinting }.map(
            \.decision)
        #expect(decisions == ["paused", "resumed"])
    }

    @Test("a revoked credential stays revoked after a restart")
    func persistence() throws {
        let directory = try TemporaryDirectory.make()
        var configuration = Configuration()
        configuration.storage.dataDirectory = directory
        configuration.storage.durability = .normal
        configuration.security.adminToken = TestApplication.adminToken
        configuration.bootstrapFirstWorkspace = false
        var tokens: [String] = []
        var key = ""
        do {
            let app = try TestApplication { $0 = configuration }
            let workspace = try app.createWorkspace()
            key = workspace.key
            let agent = try app.activeAgent()
            app.map(agent.id, as: "bot", key: key)
            tokens = (0..<3).map { _ in app.token(app.mint(agent.id, key: key)) }
            app.request(
                "POST", "/api/v1/identity/credentials/revoke", headers: [("X-Clawb-Api-Key", key)],
                json: #"{"token":"\#(tokens[0])"}"#)
            app.application.storage.close()
        }
        let reopened = try TestApplication { $0 = configuration }
        #expect(!reopened.isActive(tokens[0]))
        #expect(reopened.isActive(tokens[1]))
    }
}
