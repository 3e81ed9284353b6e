import ClawbApp
import ClawbCore
import ClawbTesting
import Foundation
import Synchronization
import Testing

@Suite("Policies and /v1/check: documents, decisions, approvals")
struct PolicyCheckTests {
    typealias Setup = WorkspaceWithAgent

    static func setup() throws -> Setup {
        try WorkspaceWithAgent(mappingFields: #","labels":["support"],"environment":"prod""#)
    }

    static let refunds = #"""
        {"default":"allow","rules":[
          {"id":"huge","action":"refund","conditions":[{"path":"amount","op":"gt","value":1000}],"decision":"deny","reasons":["refund_over_limit"]},
          {"id":"big","action":"refund","conditions":[{"path":"amount","op":"gt","value":100}],"decision":"challenge","reasons":["refund_needs_approval"]},
          {"id":"staging","environment":["staging"],"decision":"deny","reasons":["not_in_staging"]}
        ]}
        """#

    @Test("pol_default exists in every workspace: allow active agents, challenge pending ones")
    func defaultPolicy() throws {
        let s = try Self.setup()
        let listed = s.app.request("GET", "/api/v1/policies", headers: [("X-Clawb-Api-Key", s.workspace.key)])
        #expect(listed.status == 200 && listed.json["count"] as? Int == 1, "\(listed.text)")
        let allow = s.app.check(s.agent.id, key: s.workspace.key, #","action":"search""#)
        #expect(allow.status == 200 && allow.json["decision"] as? String == "allow", "\(allow.text)")
        #expect(allow.json["policy_id"] as? String == "pol_default" && allow.json["policy_version"] as? Int == 1)
        #expect((allow.json["trace_id"] as? String)?.hasPrefix("trc_") == true)
        let pending = try s.app.registerAgent(name: "newbie")
        s.app.map(pending.id, as: "newbie", key: s.workspace.key)
        let challenged = s.app.check(pending.id, key: s.workspace.key, #","context":{"action":"search"}"#)
        #expect(challenged.json["decision"] as? String == "challenge", "action read from context: \(challenged.text)")
        #expect(challenged.json["reasons"] as? [String] == ["agent_not_attested"])
    }

    @Test("PUT validates, versions and audits; GET returns the stored document; the next decision uses it")
    func putAndGet() throws {
        let s = try Self.setup()
        let bad = s.app.putPolicy(
            "pol_refunds", #"{"rules":[{"decision":"allow","conditions":[{"path":"x","op":"between"}]}]}"#,
            key: s.workspace.key)
        #expect(
            bad.status == 400 && bad.errorCode == "invalid_policy"
                && bad.json["field"] as? String == "rules[0].conditions[0].op", "\(bad.text)")
        #expect(s.app.putPolicy("refunds", "{}", key: s.workspace.key).errorCode == "invalid_policy_id")
        #expect(
            s.app.request("GET", "/api/v1/policies/pol_refunds", headers: [("X-Clawb-Api-Key", s.workspace.key)])
                .errorCode == "unknown_policy")
        let first = s.app.putPolicy("pol_refunds", Self.refunds, key: s.workspace.key)
        #expect(
            first.status == 200 && (first.json["policy"] as? [String: Any])?["version"] as? Int == 1, "\(first.text)")
        let second = s.app.putPolicy("pol_refunds", Self.refunds, key: s.workspace.key)
        #expect((second.json["policy"] as? [String: Any])?["version"] as? Int == 2)
        let got = s.app.request("GET", "/api/v1/policies/pol_refunds", headers: [("X-Clawb-Api-Key", s.workspace.key)])
        let document = try #require((got.json["policy"] as? [String: Any])?["document"] as? [String: Any])
        #expect((document["rules"] as? [Any])?.count == 3 && document["default"] as? String == "allow")
        let events = try s.app.auditEvents(s.workspace.id).filter { $0.eventType == .policyUpdated }
        #expect(
            events.count == 2 && events.last?.policyID == "pol_refunds"
                && events.last?.metadataJSON.contains(#""version":2"#) == true)
        // Another workspace sees none of it.
        let other = try s.app.createWorkspace(mode: "live")
        #expect(
            s.app.request("GET", "/api/v1/policies/pol_refunds", headers: [("X-Clawb-Api-Key", other.key)]).errorCode
                == "unknown_policy")
        // Overriding pol_default: the built-in is version 1, so the first stored one is 2.
        let replaced = s.app.putPolicy(
            "pol_default", #"{"default":"deny","default_reasons":["locked_down"]}"#, key: s.workspace.key)
        #expect((replaced.json["policy"] as? [String: Any])?["version"] as? Int == 2)
        let denied = s.app.check(s.agent.id, key: s.workspace.key, #","action":"search""#)
        #expect(denied.json["decision"] as? String == "deny" && denied.json["reasons"] as? [String] == ["locked_down"])
    }

    @Test("allow, challenge and deny through one policy, each audited as policy_check with its decision")
    func decisions() throws {
        let s = try Self.setup()
        s.app.putPolicy("pol_refunds", Self.refunds, key: s.workspace.key)
        func decide(_ amount: Int) -> TestResponse {
            s.app.check(
                s.agent.id, key: s.workspace.key,
                #","policy_id":"pol_refunds","action":"refund","context":{"amount":\#(amount)}"#)
        }
        #expect(decide(50).json["decision"] as? String == "allow")
        let challenge = decide(500)
        #expect(
            challenge.json["decision"] as? String == "challenge"
                && challenge.json["reasons"] as? [String] == ["refund_needs_approval"])
        let link = try #require(challenge.json["challenge"] as? [String: Any])
        #expect(link["type"] as? String == "approval_link" && link["expires_in"] as? Int == 300)
        #expect(
            (link["approval_id"] as? String)?.hasPrefix("apr_") == true
                && (link["url"] as? String)?.contains("/v1/approvals/apt_") == true)
        let deny = decide(5000)
        #expect(
            deny.status == 200 && deny.json["decision"] as? String == "deny"
                && deny.json["reasons"] as? [String] == ["refund_over_limit"])
        let checks = try s.app.auditEvents(s.workspace.id).filter { $0.eventType == .policyCheck }
        #expect(checks.map(\.decision) == ["allow", "challenge", "deny"])
        #expect(
            checks.allSatisfy {
                $0.agentID == s.agent.id && $0.action == "refund" && $0.policyID == "pol_refunds" && $0.traceID != nil
            })
        #expect(checks[2].traceID == deny.json["trace_id"] as? String)
    }

    @Test("check errors: missing agent, missing or bad action, bad context, unknown agent and policy, no key")
    func checkErrors() throws {
        let s = try Self.setup()
        let cases: [(String, Int, String)] = [
            (#"{"action":"x"}"#, 400, "missing_agent_id"),
            (#"{"agent_id":"AGENT"}"#, 400, "missing_action"),
            (#"{"agent_id":"AGENT","action":"two words"}"#, 400, "invalid_action"),
            (#"{"agent_id":"AGENT","action":"x","context":[1]}"#, 400, "invalid_context"),
            (#"{"agent_id":"AGENT","action":5}"#, 400, "invalid_json"),
            (#"{"agent_id":"agt_01jv2fsk4mv9mtr9j3m7h6qk6y","action":"x"}"#, 404, "unknown_agent"),
            (#"{"agent_id":"AGENT","action":"x","policy_id":"pol_nope"}"#, 404, "unknown_policy"),
        ]
        for (body, status, code) in cases {
            let response = s.app.request(
                "POST", "/api/v1/check", headers: [("X-Clawb-Api-Key", s.workspace.key)],
                json: body.replacingOccurrences(of: "AGENT", with: s.agent.id))
            #expect(response.status == status && response.errorCode == code, "\(body): \(response.text)")
        }
        let other = try s.app.createWorkspace(mode: "live")
        #expect(
            s.app.check(s.agent.id, key: other.key, #","action":"x""#).errorCode == "unknown_agent", "not mapped there")
        #expect(s.app.request("POST", "/api/v1/check", json: "{}").status == 401)
    }

    @Test("the approval flow: approve once, re-check allows exactly once, link single use, expiry, other context")
    func approvalFlow() throws {
        let s = try Self.setup()
        s.app.putPolicy("pol_refunds", Self.refunds, key: s.workspace.key)
        let members = #","policy_id":"pol_refunds","action":"refund","context":{"amount":500,"order":"o-1"}"#
        let first = s.app.check(s.agent.id, key: s.workspace.key, members)
        let url = try #require((first.json["challenge"] as? [String: Any])?["url"] as? String)
        let path = "/api" + url.components(separatedBy: "/api").last!
        let shown = s.app.request("GET", path)
        let approval = try #require(shown.json["approval"] as? [String: Any])
        #expect(approval["status"] as? String == "pending" && approval["action"] as? String == "refund")
        #expect((approval["context"] as? [String: Any])?["amount"] as? Int == 500 && !shown.text.contains("apt_"))
        // Before approval, a re-check is challenged again (with a new link).
        #expect(s.app.check(s.agent.id, key: s.workspace.key, members).json["decision"] as? String == "challenge")
        let approved = s.app.request("POST", path + "/approve")
        #expect(
            approved.status == 200 && (approved.json["approval"] as? [String: Any])?["status"] as? String == "approved")
        #expect(s.app.request("POST", path + "/approve").errorCode == "approval_used")
        #expect(s.app.request("POST", path + "/deny").status == 409)
        // A different context is a different question.
        let different = #","policy_id":"pol_refunds","action":"refund","context":{"amount":501,"order":"o-1"}"#
        #expect(s.app.check(s.agent.id, key: s.workspace.key, different).json["decision"] as? String == "challenge")
        // Same question (keys in another order): allowed once, then challenged again.
        let reordered = #","policy_id":"pol_refunds","action":"refund","context":{"order":"o-1","amount":500}"#
        let allowed = s.app.check(s.agent.id, key: s.workspace.key, reordered)
        #expect(
            allowed.json["decision"] as? String == "allow"
                && allowed.json["reasons"] as? [String] == ["approval_granted"], "\(allowed.text)")
        #expect(s.app.check(s.agent.id, key: s.workspace.key, members).json["decision"] as? String == "challenge")
        #expect(
            try s.app.auditEvents(s.workspace.id).contains {
                $0.eventType == .approvalDecided && $0.decision == "approved"
            })
        #expect(s.app.request("GET", "/api/v1/approvals/apt_unknown").errorCode == "unknown_approval")

        // A denial is answered once as deny; an expired link cannot be used.
        let again = s.app.check(s.agent.id, key: s.workspace.key, members)
        let againURL = try #require((again.json["challenge"] as? [String: Any])?["url"] as? String)
        let againPath = "/api" + againURL.components(separatedBy: "/api").last!
        #expect(s.app.request("POST", againPath + "/deny").status == 200)
        let refused = s.app.check(s.agent.id, key: s.workspace.key, members)
        #expect(
            refused.json["decision"] as? String == "deny" && refused.json["reasons"] as? [String] == ["approval_denied"]
        )
        let late = s.app.check(s.agent.id, key: s.workspace.key, members)
        let lateURL = try #require((late.json["challenge"] as? [String: Any])?["url"] as? String)
        s.app.clock.advance(seconds: 301)
        let expired = s.app.request("POST", "/api" + lateURL.components(separatedBy: "/api").last! + "/approve")
        #expect(expired.status == 410 && expired.errorCode == "approval_expired")
    }

    @Test("concurrent re-checks after one approval: exactly one allow")
    func concurrentRedeem() throws {
        let s = try Self.setup()
        s.app.putPolicy("pol_refunds", Self.refunds, key: s.workspace.key)
        let members = #","policy_id":"pol_refunds","action":"refund","context":{"amount":500}"#
        let url = try #require(
            (s.app.check(s.agent.id, key: s.workspace.key, members).json["challenge"] as? [String: Any])?["url"]
                as? String)
        #expect(s.app.request("POST", "/api" + url.components(separatedBy: "/api").last! + "/approve").status == 200)
        let decisions = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            let decision = s.app.check(s.agent.id, key: s.workspace.key, members).json["decision"] as? String ?? "error"
            decisions.withLock { $0.append(decision) }
        }
        let all = decisions.withLock { $0 }
        #expect(all.filter { $0 == "allow" }.count == 1 && all.filter { $0 == "challenge" }.count == 19, "\(all)")
    }

    @Test("per-agent rate limits of a policy deny with retry_after_seconds; minting uses the policy too")
    func rateLimitsAndMint() throws {
        let s = try Self.setup()
        s.app.putPolicy(
            "pol_limited",
            #"{"default":"allow","rate_limits":[{"action":"search","per_minute":2}],"rules":[{"action":"credentials.mint","conditions":[{"path":"ttl_seconds","op":"gt","value":600}],"decision":"deny","reasons":["ttl_too_long"]}]}"#,
            key: s.workspace.key)
        let members = #","policy_id":"pol_limited","action":"search""#
        #expect(s.app.check(s.agent.id, key: s.workspace.key, members).json["decision"] as? String == "allow")
        #expect(s.app.check(s.agent.id, key: s.workspace.key, members).json["decision"] as? String == "allow")
        let limited = s.app.check(s.agent.id, key: s.workspace.key, members)
        #expect(
            limited.json["decision"] as? String == "deny"
                && limited.json["reasons"] as? [String] == ["rate_limit_exceeded"])
        #expect((limited.json["retry_after_seconds"] as? Int ?? 0) >= 1)
        #expect(
            s.app.check(s.agent.id, key: s.workspace.key, #","policy_id":"pol_limited","action":"other""#).json[
                "decision"] as? String == "allow")
        s.app.clock.advance(seconds: 60)
        #expect(s.app.check(s.agent.id, key: s.workspace.key, members).json["decision"] as? String == "allow")

        let denied = s.app.mint(s.agent.id, key: s.workspace.key, #","policy_id":"pol_limited","ttl_seconds":900"#)
        #expect(
            denied.status == 403 && denied.errorCode == "policy_denied"
                && denied.json["reasons"] as? [String] == ["ttl_too_long"], "\(denied.text)")
        #expect(
            s.app.mint(s.agent.id, key: s.workspace.key, #","policy_id":"pol_limited","ttl_seconds":60"#).status == 201)
    }
}
