/// What decides whether an agent may be given a credential. Until the policy engine exists
/// (issue 7), only `pol_default` is known, with API.md §5's rules: deny revoked agents,
/// challenge pending ones, allow active ones.
public protocol MintPolicy: Sendable {
    /// The decision for `agent` under `policyID`; throws `unknown_policy` for an unknown id.
    func decide(policyID: String, agent: Agent, action: String, context: [String: JSONValue]) throws -> PolicyDecision
}

public struct PolicyDecision: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case allow, challenge, deny
    }

    public let outcome: Outcome
    public let reasons: [String]
    public let policyVersion: Int

    public init(outcome: Outcome, reasons: [String], policyVersion: Int) {
        self.outcome = outcome
        self.reasons = reasons
        self.policyVersion = policyVersion
    }
}

/// `pol_default` and nothing else.
public struct DefaultMintPolicy: MintPolicy {
    public static let defaultPolicyID = "pol_default"

    public init() {}

    public func decide(
        policyID: String, agent: Agent, action: String, context: [String: JSONValue]
    ) throws -> PolicyDecision {
        guard policyID == Self.defaultPolicyID else {
            throw DomainError(.unknownPolicy, "No policy has this id.", field: "policy_id")
        }
        switch agent.status {
        case .revoked: return PolicyDecision(outcome: .deny, reasons: ["agent_revoked"], policyVersion: 1)
        case .pending: return PolicyDecision(outcome: .challenge, reasons: ["agent_not_attested"], policyVersion: 1)
        case .active: return PolicyDecision(outcome: .allow, reasons: ["agent_key_attested"], policyVersion: 1)
        }
    }
}
