import ClawbApp
import ClawbCore
import ClawbTesting
import Foundation
import Synchronization
import Testing

@Suite("Reputation feedback through the HTTP API")
struct FeedbackTests {
    struct Setup {
        let app: TestApplication
        let workspace: (id: String, key: String, keyID: String)
        let agent: TestApplication.TestAgent
    }

    static func setup(mode: String = "live", configure: (inout Configuration) -> Void = { _ in }) throws -> Setup {
        let app = try TestApplication(configure: configure)
        let workspace = try app.createWorkspace(mode: mode)
        let agent = try app.activeAgent()
        app.map(agent.id, as: "bot", key: workspace.key)
        return Setup(app: app, workspace: workspace, agent: agent)
    }

    static func post(_ app: TestApplication, _ headers: [(String, String)], _ body: String) -> TestResponse {
        app.request("POST", "/api/v1/reputation/feedback", headers: headers, json: body)
    }

    static func rejections(_ setup: Setup) throws -> [String] {
        try setup.app.auditEvents(setup.workspace.id).filter { $0.eventType == .feedbackRejected }
            .compactMap { if case .string(let reason)? = $0.metadata["reason"] { reason } else { nil } }
    }

    @Test("valid feedback is accepted, stored and audited; ok means good")
    func accepted() throws {
        let setup = try Self.setup()
        let response = setup.app.sendFeedback(apiKey: setup.workspace.key, agentID: setup.agent.id, verdict: "ok")
        #expect(response.status == 200 && response.json["accepted"] as? Bool == true, "\(response.text)")
        #expect(
            (response.json["feedback_id"] as? String)?.hasPrefix("fb_") == true && response.json["received_at"] != nil)
        let event = try #require(try setup.app.auditEvents(setup.workspace.id).last)
        #expect(
            event.eventType == .reputationFeedback && event.agentID == setup.agent.id
                && event.metadata["verdict"] == "good")
        let stored = try setup.app.auditEvents(setup.workspace.id).map { $0.metadataJSON }.joined()
        #expect(!stored.contains("Signature") && !stored.contains(setup.workspace.key))
    }

    @Test("each signature failure has its code and is audited as feedback_rejected")
    func signatureFailures() throws {
        let setup = try Self.setup()
        let app = setup.app
        let body = #"{"agent_id":"\#(setup.agent.id)","verdict":"bad"}"#
        let good = app.feedbackHeaders(apiKey: setup.workspace.key, body: body)
        for missing in ["X-Clawb-Feedback-Timestamp", "X-Clawb-Feedback-Nonce", "X-Clawb-Feedback-Signature"] {
            let response = Self.post(app, good.filter { $0.0 != missing }, body)
            #expect(response.status == 401 && response.errorCode == "missing_signature_headers", "\(missing)")
        }
        var wrong = good
        wrong[3].1 = Data(repeating: 7, count: 32).base64EncodedString()
        #expect(Self.post(app, wrong, body).errorCode == "bad_signature")
        #expect(
            Self.post(app, good, body.replacingOccurrences(of: "bad", with: "good")).errorCode == "bad_signature",
            "a body changed after signing")
        let now = app.clock.now().milliseconds
        for skew: Int64 in [-301_000, 301_000] {
            let response = Self.post(
                app, app.feedbackHeaders(apiKey: setup.workspace.key, body: body, timestamp: now + skew), body)
            #expect(response.status == 401 && response.errorCode == "timestamp_out_of_range")
        }
        #expect(
            Self.post(app, app.feedbackHeaders(apiKey: setup.workspace.key, body: body, timestamp: now - 299_000), body)
                .status
                == 200)
        let reasons = try Self.rejections(setup)
        #expect(
            reasons == [
                "missing_signature_headers", "missing_signature_headers", "missing_signature_headers",
                "bad_signature", "bad_signature", "timestamp_out_of_range", "timestamp_out_of_range",
            ])
        let unsigned = Self.post(app, [("X-Clawb-Api-Key", "ck_test_" + String(repeating: "A", count: 32))], body)
        #expect(unsigned.errorCode == "invalid_api_key", "authentication comes first")
    }

    @Test("a signed body that is not declared JSON is 415, after authentication and before the signature")
    func contentType() throws {
        let setup = try Self.setup()
        let body = #"{"agent_id":"\#(setup.agent.id)","verdict":"bad"}"#
        let headers =
            setup.app.feedbackHeaders(apiKey: setup.workspace.key, body: body) + [("Content-Type", "text/plain")]
        let response = Self.post(setup.app, headers, body)
        #expect(response.status == 415 && response.errorCode == "unsupported_media_type")
        let anonymous = Self.post(setup.app, [("Content-Type", "text/plain")], body)
        #expect(anonymous.errorCode == "missing_api_key")
    }

    @Test("a nonce is accepted once per workspace, and again after 600 s")
    func replay() throws {
        let setup = try Self.setup()
        let app = setup.app
        #expect(app.sendFeedback(apiKey: setup.workspace.key, agentID: setup.agent.id, nonce: "n1").status == 200)
        let replay = app.sendFeedback(apiKey: setup.workspace.key, agentID: setup.agent.id, nonce: "n1")
        #expect(replay.status == 401 && replay.errorCode == "replay_detected")
        app.clock.advance(seconds: 601)
        #expect(app.sendFeedback(apiKey: setup.workspace.key, agentID: setup.agent.id, nonce: "n1").status == 200)
        #expect(try Self.rejections(setup) == ["replay_detected"])
    }

    @Test("twenty concurrent copies of one signed request: exactly one accepted")
    func concurrentReplay() throws {
        let setup = try Self.setup()
        let app = setup.app
        let body = #"{"agent_id":"\#(setup.agent.id)","verdict":"bad"}"#
        let headers = app.feedbackHeaders(apiKey: setup.workspace.key, body: body, nonce: "same")
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for _ in 0..<20 {
            group.enter()
            Thread {
                let status = Self.post(app, headers, body).status
                statuses.withLock { $0.append(status) }
                group.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 30) == .success)
        let result = statuses.withLock { $0 }
        #expect(result.filter { $0 == 200 }.count == 1 && result.filter { $0 == 401 }.count == 19, "\(result)")
    }

    @Test("body rules: missing agent, bad verdict, oversized evidence, unknown or unmapped agent")
    func bodyRules() throws {
        let setup = try Self.setup()
        let app = setup.app
        let cases: [(String, Int, String)] = [
            (#"{"verdict":"bad"}"#, 400, "missing_agent_id"),
            (#"{"agent_id":"\#(setup.agent.id)","verdict":"terrible"}"#, 400, "invalid_verdict"),
            (
                #"{"agent_id":"\#(setup.agent.id)","verdict":"bad","evidence":{"x":"\#(String(repeating: "e", count: 8200))"}}"#,
                400, "evidence_too_large"
            ),
            (#"{"agent_id":"\#(setup.agent.id)","verdict":"bad","evidence":"text"}"#, 400, "invalid_json"),
            ("not json", 400, "invalid_json"),
            (
                #"{"agent_id":"\#(AgentID.generate(at: app.clock.now()).rawValue)","verdict":"bad"}"#, 404,
                "unknown_agent"
            ),
        ]
        for (body, status, code) in cases {
            let response = Self.post(app, app.feedbackHeaders(apiKey: setup.workspace.key, body: body), body)
            #expect(response.status == status && response.errorCode == code, "\(body.prefix(50)): \(response.text)")
        }
        #expect(try Self.rejections(setup) == cases.map(\.2))
        // An agent that exists but is not mapped in this workspace is unknown here.
        let other = try app.activeAgent(name: "other")
        #expect(app.sendFeedback(apiKey: setup.workspace.key, agentID: other.id).errorCode == "unknown_agent")
    }

    @Test("another workspace's key: its signature does not fit, and it cannot rate agents it does not map")
    func otherWorkspace() throws {
        let setup = try Self.setup()
        let app = setup.app
        let other = try app.createWorkspace(name: "other", mode: "live")
        let body = #"{"agent_id":"\#(setup.agent.id)","verdict":"bad"}"#
        // Signed with A's key but sent with B's: the HMAC key is B's, so it fails.
        var headers = app.feedbackHeaders(apiKey: other.key, body: body, signingKey: setup.workspace.key)
        #expect(Self.post(app, headers, body).errorCode == "bad_signature")
        headers = app.feedbackHeaders(apiKey: other.key, body: body)
        #expect(Self.post(app, headers, body).errorCode == "unknown_agent")
        #expect(try app.auditEvents(setup.workspace.id).allSatisfy { $0.eventType != .feedbackRejected })
    }

    @Test("per-workspace rate limit answers 429 with retry_after")
    func rateLimit() throws {
        let setup = try Self.setup { $0.limits.feedbackPerMinutePerWorkspace = 3 }
        for _ in 0..<3 {
            #expect(setup.app.sendFeedback(apiKey: setup.workspace.key, agentID: setup.agent.id).status == 200)
        }
        let limited = setup.app.sendFeedback(apiKey: setup.workspace.key, agentID: setup.agent.id)
        #expect(limited.status == 429 && limited.errorCode == "rate_limited" && limited.headers["Retry-After"] != nil)
        #expect((limited.json["retry_after"] as? Int ?? 0) >= 1)
    }
}

@Suite("Agent reputation through the HTTP API")
struct ReputationAPITests {
    static func reputation(_ app: TestApplication, _ key: String, _ agentID: String) -> [String: Any] {
        app.request("GET", "/api/v1/reputation/agents/\(agentID)", headers: [("X-Clawb-Api-Key", key)]).json
    }

    @Test("feedback from several live workspaces moves the score; the summary counts it")
    func scoreMoves() throws {
        let app = try TestApplication()
        let agent = try app.activeAgent()
        let workspaces = try (0..<3).map { try app.createWorkspace(name: "w\($0)", mode: "live") }
        for workspace in workspaces { app.map(agent.id, as: "bot", key: workspace.key) }
        let before = Self.reputation(app, workspaces[0].key, agent.id)
        #expect(before["score"] as? Double == 0.5 && before["reputation_band"] as? String == "new")
        #expect(before["verification_tier"] as? String == "attested" && before["ok"] as? Bool == true)
        for workspace in workspaces { app.sendFeedback(apiKey: workspace.key, agentID: agent.id, verdict: "good") }
        app.sendFeedback(apiKey: workspaces[0].key, agentID: agent.id, verdict: "neutral")
        let after = Self.reputation(app, workspaces[1].key, agent.id)
        #expect(after["score"] as? Double == 0.7143, "(2+3)/(4+3)")
        let signals = try #require(after["signals_summary"] as? [String: Any])
        #expect(signals["feedback_good"] as? Int == 3 && signals["feedback_neutral"] as? Int == 1)
        #expect(signals["workspaces_reporting"] as? Int == 3 && signals["window_days"] as? Int == 30)
        // The agent view carries the same summary.
        let shown = app.request("GET", "/api/v1/agents/\(agent.id)", headers: [("X-Clawb-Api-Key", workspaces[2].key)])
        #expect((shown.json["reputation"] as? [String: Any])?["score"] as? Double == 0.7143)
        // Decay: 14 days later the same reports weigh half.
        app.clock.advance(seconds: 14 * 86_400)
        #expect(Self.reputation(app, workspaces[0].key, agent.id)["score"] as? Double == 0.6364, "(2+1.5)/(4+1.5)")
    }

    @Test("one workspace flooding 10,000 bad reports moves the score no further than its cap")
    func flood() throws {
        let app = try TestApplication { $0.limits.feedbackPerMinutePerWorkspace = 1_000_000 }
        let agent = try app.activeAgent()
        let flooder = try app.createWorkspace(name: "flooder", mode: "live")
        app.map(agent.id, as: "bot", key: flooder.key)
        for _ in 0..<10_000 { app.sendFeedback(apiKey: flooder.key, agentID: agent.id, verdict: "bad") }
        let result = Self.reputation(app, flooder.key, agent.id)
        #expect(result["score"] as? Double == 0.2857, "2/(4+3): the cap of one workspace")
        #expect((result["signals_summary"] as? [String: Any])?["feedback_bad"] as? Int == 10_000)
        #expect(result["risk_tier"] as? String == "high")
    }

    @Test("feedback from test-mode workspaces moves nothing")
    func testModeExcluded() throws {
        let app = try TestApplication()
        let agent = try app.activeAgent()
        let sandbox = try app.createWorkspace(name: "sandbox", mode: "test")
        app.map(agent.id, as: "bot", key: sandbox.key)
        for _ in 0..<5 {
            #expect(app.sendFeedback(apiKey: sandbox.key, agentID: agent.id, verdict: "bad").status == 200)
        }
        let result = Self.reputation(app, sandbox.key, agent.id)
        #expect(result["score"] as? Double == 0.5)
        #expect((result["signals_summary"] as? [String: Any])?["feedback_bad"] as? Int == 0)
    }

    @Test("reputation of an agent not mapped here is 404, like a missing one")
    func isolation() throws {
        let app = try TestApplication()
        let agent = try app.activeAgent()
        let workspace = try app.createWorkspace()
        #expect(
            app.request("GET", "/api/v1/reputation/agents/\(agent.id)", headers: [("X-Clawb-Api-Key", workspace.key)])
                .errorCode == "unknown_agent")
    }
}
