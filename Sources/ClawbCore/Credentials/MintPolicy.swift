/// What decides whether an agent may act: `PolicyBook` in the server, a stub in tests.
public protocol MintPolicy: Sendable {
    /// The decision for `agent`, known to `workspace` through `mappings`, under `policyID`.
    /// Throws `unknown_policy` for an unknown id. Not to be called inside a storage closure:
    /// it may read (the policy, the agent's reputation) on its own.
    func decide(
        workspace: WorkspaceID, policyID: String, agent: Agent, mappings: [AgentMapping], action: String,
        context: [String: JSONValue]
    ) throws -> PolicyDecision
}

public struct PolicyDecision: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case allow, challenge, deny
    }

    public let outcome: Outcome
    public let reasons: [String]
    public let policyVersion: Int
    /// Seconds until a policy rate limit allows again, when it is what denied.
    public let retryAfter: Int?

    public init(outcome: Outcome, reasons: [String], policyVersion: Int, retryAfter: Int? = nil) {
        self.outcome = outcome
        self.reasons = reasons
        self.policyVersion = policyVersion
        self.retryAfter = retryAfter
    }
}
