import ClawbCore
import ClawbTesting
import Foundation
import Testing

@Suite("Policy engine: conditions, rules, defaults, validation, rate limits")
struct PolicyEngineTests {
    static func document(_ text: String) throws -> PolicyDocument {
        try PolicyDocument(json: JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }

    static let context: [String: JSONValue] = [
        "amount": 250, "currency": "EUR", "ratio": .double(0.5), "flag": true, "nothing": .null,
        "customer": .object(["tier": "gold", "age_days": 12]), "domains": .array(["a.com", "b.com"]),
        "hour": "09:30",
    ]

    @Test(
        "every operator, on matching and mismatching types and on missing paths",
        arguments: [
            ("amount", "eq", "250", true), ("amount", "eq", "250.0", true), ("amount", "eq", "\"250\"", false),
            ("currency", "eq", "\"EUR\"", true), ("currency", "ne", "\"USD\"", true),
            ("currency", "ne", "\"EUR\"", false),
            ("missing", "ne", "1", false), ("missing", "eq", "1", false), ("nothing", "eq", "1", false),
            ("currency", "in", "[\"EUR\",\"USD\"]", true), ("currency", "in", "[\"USD\"]", false),
            ("currency", "not_in", "[\"USD\"]", true), ("currency", "not_in", "[\"EUR\"]", false),
            ("missing", "not_in", "[\"EUR\"]", false), ("domains", "in", "[\"a.com\",\"b.com\",\"c.com\"]", true),
            ("domains", "in", "[\"a.com\"]", false), ("domains", "not_in", "[\"a.com\"]", true),
            ("amount", "gt", "100", true), ("amount", "gt", "250", false), ("amount", "gte", "250", true),
            ("amount", "lt", "250.5", true), ("amount", "lte", "249", false), ("ratio", "lt", "1", true),
            ("currency", "gt", "10", false), ("amount", "gt", "\"100\"", false), ("hour", "gte", "\"09:00\"", true),
            ("hour", "lt", "\"09:00\"", false), ("flag", "gt", "0", false), ("missing", "lt", "5", false),
            ("customer.tier", "eq", "\"gold\"", true), ("customer.age_days", "lt", "30", true),
            ("customer.tier.deeper", "eq", "\"gold\"", false), ("currency.x", "exists", "true", false),
            ("customer", "exists", "true", true), ("nothing", "exists", "true", false),
            ("missing", "exists", "false", true), ("flag", "eq", "true", true), ("flag", "ne", "false", true),
        ])
    func operators(path: String, op: String, value: String, expected: Bool) throws {
        let policy = try Self.document(
            #"{"default":"deny","rules":[{"conditions":[{"path":"\#(path)","op":"\#(op)","value":\#(value)}],"decision":"allow","reasons":["hit"]}]}"#
        )
        let facts = PolicyFacts(
            action: "refund", agentStatus: .active, labels: [], environment: nil, context: Self.context)
        let result = policy.evaluate(facts) { "low" }
        #expect((result.outcome == .allow) == expected, "\(path) \(op) \(value)")
    }

    @Test("built-in gates first, then the first matching rule in order, then the default")
    func ruleOrder() throws {
        let policy = try Self.document(
            #"""
            {"default":"challenge","default_reasons":["ask_a_human"],"rules":[
              {"id":"big","action":"refund","conditions":[{"path":"amount","op":"gt","value":1000}],"decision":"deny","reasons":["refund_over_limit"]},
              {"id":"prod","action":"*","environment":["prod"],"labels":["trusted"],"decision":"allow","reasons":["trusted_prod"]},
              {"id":"risky","risk_tier":["high"],"decision":"deny","reasons":["high_risk"]},
              {"id":"pending-ok","agent_status":["pending"],"decision":"allow","reasons":["pending_allowed"]}
            ]}
            """#)
        func decide(
            _ action: String, _ amount: Int64, status: Agent.Status = .active, labels: Set<String> = ["trusted"],
            environment: String? = "prod", risk: String = "low"
        ) -> (PolicyDecision.Outcome, [String]) {
            let result = policy.evaluate(
                PolicyFacts(
                    action: action, agentStatus: status, labels: labels, environment: environment,
                    context: ["amount": .integer(amount)])
            ) { risk }
            return (result.outcome, result.reasons)
        }
        #expect(decide("refund", 5000) == (.deny, ["refund_over_limit"]))
        #expect(decide("refund", 10) == (.allow, ["trusted_prod"]))
        #expect(decide("deploy", 5000) == (.allow, ["trusted_prod"]), "the amount rule is for refunds only")
        #expect(decide("deploy", 1, labels: []) == (.challenge, ["ask_a_human"]), "labels must all be present")
        #expect(decide("deploy", 1, environment: "staging", risk: "high") == (.deny, ["high_risk"]))
        #expect(decide("deploy", 1, status: .revoked) == (.deny, ["agent_revoked"]), "revoked: before every rule")
        #expect(decide("deploy", 1, status: .pending) == (.challenge, ["agent_not_attested"]), "allow_pending is false")
        #expect(
            try Self.document(#"{}"#).evaluate(
                PolicyFacts(action: "x", agentStatus: .active, labels: [], environment: nil, context: [:])
            ) { "low" }.outcome
                == .deny, "a policy without a default denies")
        let lenient = try Self.document(#"{"default":"allow","allow_pending":true}"#)
        #expect(
            lenient.evaluate(
                PolicyFacts(action: "x", agentStatus: .pending, labels: [], environment: nil, context: [:])
            ) {
                "low"
            }.outcome == .allow)
    }

    @Test("the risk tier is read only when a rule gets to it")
    func lazyRiskTier() throws {
        let policy = try Self.document(
            #"{"default":"allow","rules":[{"action":"a","decision":"deny","reasons":["x"]},{"risk_tier":["high"],"decision":"deny","reasons":["y"]}]}"#
        )
        var reads = 0
        _ = policy.evaluate(PolicyFacts(action: "a", agentStatus: .active, labels: [], environment: nil, context: [:]))
        {
            reads += 1
            return "low"
        }
        #expect(reads == 0)
        _ = policy.evaluate(PolicyFacts(action: "b", agentStatus: .active, labels: [], environment: nil, context: [:]))
        {
            reads += 1
            return "high"
        }
        #expect(reads == 1)
    }

    @Test(
        "invalid documents are refused with the path of the first problem",
        arguments: [
            (#"[]"#, "(document)"), (#"{"default":"maybe"}"#, "default"), (#"{"rulez":[]}"#, "rulez"),
            (#"{"allow_pending":"yes"}"#, "allow_pending"), (#"{"rules":{}}"#, "rules"),
            (#"{"rules":[{"decision":"allow"},{"reasons":["x"]}]}"#, "rules[1].decision"),
            (#"{"rules":[{"decision":"allow","action":"a b"}]}"#, "rules[0].action"),
            (#"{"rules":[{"decision":"allow","agent_status":["sleeping"]}]}"#, "rules[0].agent_status[0]"),
            (#"{"rules":[{"decision":"allow","risk_tier":["extreme"]}]}"#, "rules[0].risk_tier[0]"),
            (#"{"rules":[{"decision":"allow","reasons":["Not-Snake"]}]}"#, "rules[0].reasons[0]"),
            (#"{"rules":[{"decision":"allow","colour":"red"}]}"#, "rules[0].colour"),
            (
                #"{"rules":[{"decision":"allow","conditions":[{"path":"a","op":"like","value":1}]}]}"#,
                "rules[0].conditions[0].op"
            ),
            (
                #"{"rules":[{"decision":"allow","conditions":[{"path":"a..b","op":"eq","value":1}]}]}"#,
                "rules[0].conditions[0].path"
            ),
            (#"{"rules":[{"decision":"allow","conditions":[{"op":"eq","value":1}]}]}"#, "rules[0].conditions[0].path"),
            (
                #"{"rules":[{"decision":"allow","conditions":[{"path":"a","op":"in","value":5}]}]}"#,
                "rules[0].conditions[0].value"
            ),
            (
                #"{"rules":[{"decision":"allow","conditions":[{"path":"a","op":"gt","value":[1]}]}]}"#,
                "rules[0].conditions[0].value"
            ),
            (
                #"{"rules":[{"decision":"allow","conditions":[{"path":"a","op":"exists","value":"yes"}]}]}"#,
                "rules[0].conditions[0].value"
            ),
            (
                #"{"rules":[{"decision":"allow","conditions":[{"path":"a","op":"eq"}]}]}"#,
                "rules[0].conditions[0].value"
            ),
            (#"{"rate_limits":[{"action":"refund"}]}"#, "rate_limits[0]"),
            (#"{"rate_limits":[{"action":"refund","per_minute":0}]}"#, "rate_limits[0].per_minute"),
        ])
    func invalidDocuments(text: String, path: String) throws {
        do {
            _ = try Self.document(text)
            Issue.record("accepted \(text)")
        } catch let error as DomainError {
            #expect(error.code == .invalidPolicy && error.field == path, "\(text): \(error)")
        }
    }

    @Test("a parsed document renders to JSON that parses back to the same document")
    func roundTrip() throws {
        let text = #"""
            {"default":"allow","allow_pending":true,"rules":[{"id":"r1","action":"refund","agent_status":["active"],
            "labels":["x"],"environment":["prod"],"risk_tier":["low","medium"],"conditions":[{"path":"a.b","op":"in","value":[1,"two"]},
            {"path":"c","op":"exists","value":false}],"decision":"challenge","reasons":["why"]}],
            "rate_limits":[{"action":"*","per_day":10},{"action":"refund","per_minute":2,"per_day":5}]}
            """#
        let document = try Self.document(text)
        #expect(try PolicyDocument(json: document.json) == document)
    }

    @Test("rate limits: per minute and per day windows, per key, nothing counted when exhausted")
    func rateLimits() {
        let clock = TestClock(milliseconds: 1_790_000_000_000 - 1_790_000_000_000 % 86_400_000)
        let counter = PolicyRateCounter(clock: clock)
        let limits = [PolicyRateLimit(action: "refund", perMinute: 2, perDay: 3)]
        #expect(counter.take(limits, key: "a") == nil)
        #expect(counter.take(limits, key: "a") == nil)
        #expect(counter.take(limits, key: "a") == 60, "third in the minute: wait for the minute to end")
        #expect(counter.take(limits, key: "b") == nil, "another agent has its own window")
        clock.advance(seconds: 60)
        #expect(counter.take(limits, key: "a") == nil)
        #expect(counter.take(limits, key: "a") == 86_400 - 60, "fourth in the day")
        clock.advance(seconds: 86_400)
        #expect(counter.take(limits, key: "a") == nil, "a new day")
        #expect(counter.take([], key: "a") == nil)
    }
}
