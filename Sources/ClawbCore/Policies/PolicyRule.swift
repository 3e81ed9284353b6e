/// One ordered rule of a policy: every present matcher must hold for the rule to apply.
public struct PolicyRule: Sendable, Equatable {
    public let id: String?
    /// An exact action, or `*` for every action.
    public let action: String
    public let agentStatuses: Set<Agent.Status>?
    /// Labels the agent's mapping must all carry.
    public let labels: [String]
    public let environments: Set<String>?
    public let riskTiers: Set<String>?
    public let conditions: [PolicyCondition]
    public let decision: PolicyDecision.Outcome
    public let reasons: [String]

    public init(
        id: String? = nil, action: String = "*", agentStatuses: Set<Agent.Status>? = nil, labels: [String] = [],
        environments: Set<String>? = nil, riskTiers: Set<String>? = nil, conditions: [PolicyCondition] = [],
        decision: PolicyDecision.Outcome, reasons: [String]
    ) {
        self.id = id
        self.action = action
        self.agentStatuses = agentStatuses
        self.labels = labels
        self.environments = environments
        self.riskTiers = riskTiers
        self.conditions = conditions
        self.decision = decision
        self.reasons = reasons
    }

    /// An action name as accepted by check and by rules: 1–64 of `[A-Za-z0-9._:-]`.
    public static func isValidAction(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy {
                (0x61...0x7a).contains($0) || (0x41...0x5a).contains($0) || (0x30...0x39).contains($0)
                    || [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-")].contains($0)
            }
    }

    func matches(_ facts: PolicyFacts, riskTier: () -> String) -> Bool {
        guard action == "*" || action == facts.action else { return false }
        if let agentStatuses, !agentStatuses.contains(facts.agentStatus) { return false }
        if !labels.isEmpty, !labels.allSatisfy(facts.labels.contains) { return false }
        if let environments {
            guard let environment = facts.environment, environments.contains(environment) else { return false }
        }
        if !conditions.allSatisfy({ $0.matches(facts.context) }) { return false }
        // Last: the risk tier may cost a reputation read, done only when a rule needs it.
        if let riskTiers, !riskTiers.contains(riskTier()) { return false }
        return true
    }
}

/// A per-agent limit on how often an action may be allowed.
public struct PolicyRateLimit: Sendable, Equatable {
    /// An exact action, or `*` for all actions together.
    public let action: String
    public let perMinute: Int?
    public let perDay: Int?

    public init(action: String, perMinute: Int?, perDay: Int?) {
        self.action = action
        self.perMinute = perMinute
        self.perDay = perDay
    }
}
