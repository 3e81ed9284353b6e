import ClawbCore
import ClawbCrypto
import ClawbTesting
import Foundation
import Testing

@Suite("Agent registration and attestation through the HTTP API")
struct AgentRegistrationTests {
    @Test("register, attest, map, list and show an agent")
    func lifecycle() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let agent = try app.registerAgent(name: "payments-bot")
        #expect(AgentID(agent.id) != nil && ChallengeID(agent.challengeID) != nil)
        #expect(agent.challenge.count == 32)
        let attested = app.attest(agent)
        #expect(attested.status == 200 && attested.json["status"] as? String == "active")
        // Not visible to a workspace until it maps the agent.
        #expect(
            app.request("GET", "/api/v1/agents/\(agent.id)", headers: [("X-Clawb-Api-Key", workspace.key)]).errorCode
                == "unknown_agent")
        let mapped = app.map(
            agent.id, as: "internal:payments-bot", key: workspace.key,
            extra: #","display_name":"Payments","labels":["prod","payments"],"environment":"prod""#)
        #expect(mapped.status == 201, "\(mapped.text)")
        let item = try #require(mapped.json["item"] as? [String: Any])
        #expect(item["agent_id"] as? String == agent.id && item["status"] as? String == "active")
        #expect(item["source"] as? String == "workspace_api" && item["labels"] as? [String] == ["prod", "payments"])
        let shown = app.request("GET", "/api/v1/agents/\(agent.id)", headers: [("X-Clawb-Api-Key", workspace.key)])
        #expect(shown.status == 200)
        let body = try #require(shown.json["agent"] as? [String: Any])
        #expect(body["status"] as? String == "active" && body["name"] as? String == "payments-bot")
        #expect(body["public_key"] as? String == Data(agent.key.publicKey).base64EncodedString())
        #expect(body["key_fingerprint"] as? String == "sha256:" + SHA256.hexDigest(agent.key.publicKey))
        #expect(
            (shown.json["mappings"] as? [[String: Any]])?.first?["external_agent_key"] as? String
                == "internal:payments-bot")
        let listed = app.request("GET", "/api/v1/workspace/agents", headers: [("X-Clawb-Api-Key", workspace.key)])
        #expect(listed.json["count"] as? Int == 1 && listed.json["next_cursor"] is NSNull)
    }

    @Test(
        "bad public keys are 400 invalid_public_key",
        arguments: [
            "not base64!", "AAAA", Data(repeating: 1, count: 31).base64EncodedString(),
            Data(repeating: 0, count: 32).base64EncodedString(),  // small order
            "A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=",  // base64url alphabet
            "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg",  // padding missing
        ])
    func invalidPublicKey(publicKey: String) throws {
        let app = try TestApplication()
        let response = app.request(
            "POST", "/api/v1/agents/register", json: #"{"name":"x","public_key":"\#(publicKey)"}"#)
        #expect(
            response.status == 400 && response.errorCode == "invalid_public_key"
                && response.json["field"] as? String == "public_key")
    }

    @Test("other registration input errors have their own codes")
    func registrationInput() throws {
        let app = try TestApplication()
        let key = Data(Ed25519.SigningKey.generate().publicKey).base64EncodedString()
        let cases: [(String, Int, String)] = [
            (#"{"public_key":"\#(key)"}"#, 400, "invalid_name"),
            (#"{"name":"x","public_key":"\#(key)","key_type":"rsa"}"#, 400, "invalid_key_type"),
            (
                #"{"name":"x","public_key":"\#(key)","metadata":{"blob":"\#(String(repeating: "x", count: 5000))"}}"#,
                400,
                "invalid_metadata"
            ),
            (#"{"name":"x","public_key":"\#(key)","metadata":"flat"}"#, 400, "invalid_json"),
        ]
        for (body, status, code) in cases {
            let response = app.request("POST", "/api/v1/agents/register", json: body)
            #expect(response.status == status && response.errorCode == code, "\(body.prefix(60)): \(response.text)")
        }
        // Fractional numbers in client metadata are kept.
        let ok = app.request(
            "POST", "/api/v1/agents/register", json: #"{"name":"x","public_key":"\#(key)","metadata":{"v":1.5}}"#)
        #expect(ok.status == 201)
    }

    @Test("registering the same key again: same agent and a fresh challenge while pending, 409 once active")
    func reRegistration() throws {
        let app = try TestApplication()
        let first = try app.registerAgent()
        let again = try app.registerAgent(key: first.key)
        #expect(again.id == first.id && again.challengeID != first.challengeID && again.challenge != first.challenge)
        // The first challenge still works; either one activates the agent.
        #expect(app.attest(first).status == 200)
        let publicKey = Data(first.key.publicKey).base64EncodedString()
        let refused = app.request(
            "POST", "/api/v1/agents/register", json: #"{"name":"x","public_key":"\#(publicKey)"}"#)
        #expect(refused.status == 409 && refused.errorCode == "already_registered")
    }

    @Test("attestation failures: unknown, foreign, reused, expired, wrong key, malformed")
    func attestationFailures() throws {
        let app = try TestApplication()
        let agent = try app.registerAgent()
        let other = try app.registerAgent()
        func attest(_ agentID: String, _ challengeID: String, _ signature: String) -> TestResponse {
            app.request(
                "POST", "/api/v1/agents/attest",
                json: #"{"agent_id":"\#(agentID)","challenge_id":"\#(challengeID)","signature":"\#(signature)"}"#)
        }
        let goodSignature = Data(agent.key.sign(agent.challenge)).base64EncodedString()
        let unknown = attest(agent.id, ChallengeID.generate(at: app.clock.now()).rawValue, goodSignature)
        #expect(unknown.status == 404 && unknown.errorCode == "unknown_challenge")
        let foreign = attest(agent.id, other.challengeID, goodSignature)
        #expect(foreign.status == 404 && foreign.errorCode == "unknown_challenge")
        let wrongKey = attest(agent.id, agent.challengeID, Data(other.key.sign(agent.challenge)).base64EncodedString())
        #expect(wrongKey.status == 401 && wrongKey.errorCode == "invalid_signature")
        #expect(wrongKey.headers["WWW-Authenticate"] != nil)
        let malformed = attest(agent.id, agent.challengeID, "%%%")
        #expect(malformed.status == 401 && malformed.errorCode == "invalid_signature")
        // Signing the base64 text instead of the decoded bytes is a classic client mistake.
        let textSigned = attest(
            agent.id, agent.challengeID,
            Data(agent.key.sign(Array(Data(agent.challenge).base64EncodedString().utf8))).base64EncodedString())
        #expect(textSigned.errorCode == "invalid_signature")
        #expect(attest(agent.id, agent.challengeID, goodSignature).status == 200)
        let reused = attest(agent.id, agent.challengeID, goodSignature)
        #expect(reused.status == 409 && reused.errorCode == "challenge_used")
        app.clock.advance(seconds: 301)
        let expired = attest(other.id, other.challengeID, Data(other.key.sign(other.challenge)).base64EncodedString())
        #expect(expired.status == 410 && expired.errorCode == "challenge_expired")
    }

    @Test("registration is rate-limited per client address with retry_after")
    func registrationRateLimit() throws {
        let app = try TestApplication { $0.limits.registrationsPerMinutePerAddress = 3 }
        for _ in 0..<3 { _ = try app.registerAgent(from: "192.0.2.7") }
        let key = Data(Ed25519.SigningKey.generate().publicKey).base64EncodedString()
        let limited = app.request(
            "POST", "/api/v1/agents/register", json: #"{"name":"x","public_key":"\#(key)"}"#,
            from: "192.0.2.7")
        #expect(limited.status == 429 && limited.errorCode == "rate_limited")
        let retryAfter = try #require(limited.json["retry_after"] as? Int)
        #expect(retryAfter >= 1 && limited.headers["Retry-After"] == String(retryAfter))
        _ = try app.registerAgent(from: "192.0.2.8")  // another address is unaffected
        app.clock.advance(seconds: 61)
        _ = try app.registerAgent(from: "192.0.2.7")
    }

    @Test("lifecycle events reach the operator log and every workspace mapping the agent")
    func lifecycleEvents() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let agent = try app.registerAgent()
        app.map(agent.id, as: "k1", key: workspace.key)
        app.attest(agent)
        let types = try app.auditEvents(workspace.id).map(\.eventType)
        #expect(types.suffix(2) == [.agentMappingUpserted, .agentAttested])
        let attested = try #require(try app.auditEvents(workspace.id).last)
        #expect(attested.actor == AuditActor(kind: .agent, id: agent.id) && attested.agentID == agent.id)
        #expect(try app.verifyChain(workspace.id).isIntact)
        let log = app.admin("GET", "/api/v1/admin/events")
        let events = (log.json["items"] as? [[String: Any]] ?? []).map { $0["event_type"] as? String }
        #expect(events == ["agent_registered", "agent_attested"])
        #expect(app.request("GET", "/api/v1/admin/events").errorCode == "missing_admin_token")
    }
}

@Suite("Purging stale registrations")
struct AgentPurgeTests {
    @Test("pending agents never attested are purged after 24 h unless a workspace maps them; active ones stay")
    func purge() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace()
        let stale = try app.registerAgent(name: "stale")
        let mapped = try app.registerAgent(name: "mapped")
        app.map(mapped.id, as: "kept", key: workspace.key)
        let active = try app.activeAgent(name: "active")
        let agents = app.application.services.agents
        app.clock.advance(seconds: 86_000)
        _ = try agents.purgeStale()
        #expect(try app.application.storage.read { try $0.agent(id: AgentID(stale.id)!) } != nil, "not yet 24 h old")
        app.clock.advance(seconds: 401)
        #expect(try agents.purgeStale() >= 1)
        let storage = app.application.storage
        #expect(try storage.read { try $0.agent(id: AgentID(stale.id)!) } == nil)
        #expect(
            try storage.read { try $0.challenge(id: ChallengeID(stale.challengeID)!) } == nil,
            "its challenges go with it")
        #expect(try storage.read { try $0.agent(id: AgentID(mapped.id)!) }?.status == .pending)
        #expect(try storage.read { try $0.agent(id: AgentID(active.id)!) }?.status == .active)
        // The key of a purged agent can register again, as a new agent.
        let again = try app.registerAgent(key: stale.key)
        #expect(again.id != stale.id)
    }
}

@Suite("Operator log paging")
struct OperatorLogPagingTests {
    @Test("the operator log pages with signed cursors, oldest first, and refuses bad limits and cursors")
    func paging() throws {
        let app = try TestApplication()
        for index in 0..<3 { _ = try app.registerAgent(name: "a\(index)") }
        var ids: [String] = []
        var cursor: String?
        repeat {
            let page = app.admin("GET", "/api/v1/admin/events?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(page.status == 200)
            ids += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["agent_id"] as? String }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil
        #expect(ids.count == 3 && Set(ids).count == 3)
        #expect(app.admin("GET", "/api/v1/admin/events?limit=0").errorCode == "invalid_limit")
        #expect(app.admin("GET", "/api/v1/admin/events?cursor=cur_forged.AAAA").errorCode == "invalid_cursor")
        // A cursor of another listing is not an operator-log cursor.
        let workspace = try app.createWorkspace()
        let agent = try app.activeAgent()
        for index in 0..<2 { app.map(agent.id, as: "k\(index)", key: workspace.key) }
        let mappingCursor = try #require(
            app.request("GET", "/api/v1/workspace/agents?limit=1", headers: [("X-Clawb-Api-Key", workspace.key)])
                .json["next_cursor"] as? String)
        #expect(app.admin("GET", "/api/v1/admin/events?cursor=\(mappingCursor)").errorCode == "invalid_cursor")
    }
}
