/// A validated policy: ordered rules, a default, `allow_pending` and per-agent rate limits.
///
/// Evaluation (`evaluate`) is pure: revoked agents are denied and pending ones challenged
/// (unless `allow_pending`) before any rule; then the first matching rule decides; else the
/// default. Rate limits are applied afterwards by `PolicyRateCounter`, to allowed decisions.
/// The JSON form and every validation rule are in docs/policies.md.
public struct PolicyDocument: Sendable, Equatable {
    public let defaultDecision: PolicyDecision.Outcome
    public let defaultReasons: [String]
    public let allowPending: Bool
    public let rules: [PolicyRule]
    public let rateLimits: [PolicyRateLimit]

    public init(
        defaultDecision: PolicyDecision.Outcome, defaultReasons: [String] = [], allowPending: Bool = false,
        rules: [PolicyRule] = [], rateLimits: [PolicyRateLimit] = []
    ) {
        self.defaultDecision = defaultDecision
        self.defaultReasons = defaultReasons
        self.allowPending = allowPending
        self.rules = rules
        self.rateLimits = rateLimits
    }

    /// `pol_default` until a workspace replaces it: deny revoked agents, challenge pending
    /// ones, allow active ones (API.md §5).
    public static let builtInDefault = PolicyDocument(defaultDecision: .allow, defaultReasons: ["agent_key_attested"])

    /// The outcome and reasons, and which rule decided (nil for the built-in gates and the default).
    public func evaluate(
        _ facts: PolicyFacts, riskTier: () -> String
    ) -> (
        outcome: PolicyDecision.Outcome, reasons: [String], rule: String?
    ) {
        switch facts.agentStatus {
        case .revoked: return (.deny, ["agent_revoked"], nil)
        case .pending where !allowPending: return (.challenge, ["agent_not_attested"], nil)
        default: break
        }
        for (index, rule) in rules.enumerated() where rule.matches(facts, riskTier: riskTier) {
            return (rule.decision, rule.reasons, rule.id ?? "rules[\(index)]")
        }
        return (defaultDecision, defaultReasons.isEmpty ? ["policy_default"] : defaultReasons, nil)
    }

    /// True when some rule looks at the risk tier.
    public var usesRiskTier: Bool { rules.contains { $0.riskTiers != nil } }

    /// The rate limits that count `action`.
    public func rateLimits(for action: String) -> [PolicyRateLimit] {
        rateLimits.filter { $0.action == "*" || $0.action == action }
    }
}
