/// What a policy decides on: the action asked, the agent as this workspace knows it, and the
/// caller's free-form context. The reputation risk tier is read lazily (`riskTier`), only when
/// a rule of the policy needs it.
public struct PolicyFacts: Sendable {
    public let action: String
    public let agentStatus: Agent.Status
    public let labels: Set<String>
    public let environment: String?
    public let context: [String: JSONValue]

    public init(
        action: String, agentStatus: Agent.Status, labels: Set<String>, environment: String?,
        context: [String: JSONValue]
    ) {
        self.action = action
        self.agentStatus = agentStatus
        self.labels = labels
        self.environment = environment
        self.context = context
    }
}
