import ClawbCrypto

/// `POST /v1/check` and the approval links of its challenges (API.md §5).
///
/// A check answers the policy's decision and audits it as `policy_check`. A `challenge` comes
/// with an approval link whose token is a bearer secret (stored hashed), valid 300 s, usable
/// once to approve or deny. Once decided, the next check with the same agent, policy, action
/// and context (compared by the SHA-256 of its canonical JSON) answers the human's decision —
/// once, atomically — within 300 s of the decision; any other check is evaluated afresh.
public struct PolicyChecker: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    let policies: PolicyBook
    let publicURL: String

    public static let approvalLifetimeSeconds: Int64 = 300
    public static let redeemWindowSeconds: Int64 = 300
    public static let approvalTokenPrefix = "apt_"

    public init(storage: any Storage, clock: any Clock, audit: AuditLog, policies: PolicyBook, publicURL: String) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
        self.policies = policies
        self.publicURL = publicURL
    }

    public struct Request: Sendable {
        public var agentID: String?
        public var policyID: String?
        public var action: String?
        public var context: JSONValue?

        public init(agentID: String?, policyID: String?, action: String?, context: JSONValue?) {
            self.agentID = agentID
            self.policyID = policyID
            self.action = action
            self.context = context
        }
    }

    public struct Challenge: Sendable {
        public let approvalID: ApprovalID
        public let url: String
        public let expiresIn: Int64
    }

    public struct Result: Sendable {
        public let decision: PolicyDecision.Outcome
        public let reasons: [String]
        public let traceID: TraceID
        public let policyID: String
        public let policyVersion: Int
        public let challenge: Challenge?
        public let retryAfter: Int?
    }

    public func check(_ request: Request, as principal: WorkspacePrincipal, requestID: String?) throws -> Result {
        guard let agentText = request.agentID, !agentText.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        let context: [String: JSONValue]
        switch request.context {
        case nil, .null?: context = [:]
        case .object(let fields)?: context = fields
        default: throw DomainError(.invalidContext, "context must be a JSON object.", field: "context")
        }
        // Current docs put action at the top level, older ones inside context: both are read.
        var actionValue = request.action
        if actionValue == nil, case .string(let inContext)? = context["action"] { actionValue = inContext }
        guard let action = actionValue, !action.isEmpty else {
            throw DomainError(.missingAction, "action is required (top level or context.action).", field: "action")
        }
        guard PolicyRule.isValidAction(action) else {
            throw DomainError(.invalidAction, "action must be 1-64 of A-Z a-z 0-9 . _ : -.", field: "action")
        }
        let policyID = request.policyID ?? PolicyBook.defaultPolicyID
        let workspace = principal.workspace.id
        let unknown = DomainError(
            .unknownAgent, "No agent with this id is mapped in this workspace.", field: "agent_id")
        guard let agentID = AgentID(agentText) else { throw unknown }
        guard let (agent, mappings) = try storage.read({ try $0.activelyMappedAgent(agentID, in: workspace) }) else {
            throw unknown
        }
        let decision = try policies.decide(
            workspace: workspace, policyID: policyID, agent: agent, mappings: mappings, action: action,
            context: context)
        let now = clock.now()
        let trace = TraceID.generate(at: now)
        let audit = self.audit
        let redeemSince = now.adding(seconds: -Self.redeemWindowSeconds)
        // Only a challenge needs the question's hash and a link; the token exists only here and
        // in the response.
        let challenged = decision.outcome == .challenge
        let contextHash = challenged ? SHA256.hexDigest(Array(CanonicalJSON.render(.object(context)).utf8)) : ""
        let token =
            challenged
            ? Self.approvalTokenPrefix + SecureRandom.string(length: 43, alphabet: SecureRandom.base62Alphabet) : ""
        let (outcome, reasons, approvalID) = try storage.write {
            transaction -> (PolicyDecision.Outcome, [String], ApprovalID?) in
            var outcome = decision.outcome
            var reasons = decision.reasons
            var approvalID: ApprovalID?
            if outcome == .challenge {
                if let decided = try transaction.redeemableApproval(
                    workspace: workspace, agent: agentID, policyID: policyID, action: action, contextHash: contextHash,
                    decidedSince: redeemSince), try transaction.consumeApproval(id: decided.id, at: now)
                {
                    outcome = decided.status == .approved ? .allow : .deny
                    reasons = [decided.status == .approved ? "approval_granted" : "approval_denied"]
                    approvalID = decided.id
                } else {
                    let approval = Approval(
                        id: .generate(at: now), workspaceID: workspace, agentID: agentID, policyID: policyID,
                        action: action, context: context, contextHash: contextHash, tokenHash: SHA256.hash(token),
                        status: .pending, createdAt: now, expiresAt: now.adding(seconds: Self.approvalLifetimeSeconds))
                    try transaction.insert(approval)
                    approvalID = approval.id
                }
            }
            var metadata: [String: JSONValue] = [
                "policy_version": .integer(Int64(decision.policyVersion)),
                "reasons": .array(reasons.map(JSONValue.string)),
            ]
            if let approvalID { metadata["approval_id"] = .string(approvalID.rawValue) }
            try audit.append(
                AuditRecord(
                    .policyCheck, workspace: workspace, actor: principal.actor, requestID: requestID,
                    agentID: agentID.rawValue, action: action, decision: outcome.rawValue, traceID: trace.rawValue,
                    policyID: policyID, metadata: metadata), in: transaction)
            return (outcome, reasons, approvalID)
        }
        let challenge =
            outcome == .challenge
            ? approvalID.map {
                Challenge(
                    approvalID: $0, url: "\(publicURL)/v1/approvals/\(token)", expiresIn: Self.approvalLifetimeSeconds)
            } : nil
        return Result(
            decision: outcome, reasons: reasons, traceID: trace, policyID: policyID,
            policyVersion: decision.policyVersion, challenge: challenge,
            retryAfter: outcome == .deny ? decision.retryAfter : nil)
    }

    /// The approval a link's token names (pending, decided or expired); 404 `unknown_approval`.
    public func approval(token: String) throws -> Approval {
        guard token.hasPrefix(Self.approvalTokenPrefix), token.utf8.count <= 128,
            let approval = try storage.read({ try $0.approval(tokenHash: SHA256.hash(token)) })
        else { throw DomainError(.unknownApproval, "No approval link has this token.") }
        return approval
    }

    /// Approves or denies through the link, once: 409 `approval_used` after a first decision,
    /// 410 `approval_expired` after 300 s. Audited as `approval_decided`.
    public func decide(token: String, approve: Bool, requestID: String?) throws -> Approval {
        var approval = try approval(token: token)
        let now = clock.now()
        guard approval.status == .pending else {
            throw DomainError(.approvalUsed, "This approval link was already used.")
        }
        guard now < approval.expiresAt else { throw DomainError(.approvalExpired, "This approval link has expired.") }
        let status: Approval.Status = approve ? .approved : .denied
        let audit = self.audit
        let decided = approval
        try storage.write { transaction in
            guard try transaction.decideApproval(id: decided.id, as: status, at: now) else {
                throw DomainError(.approvalUsed, "This approval link was already used.")
            }
            try audit.append(
                AuditRecord(
                    .approvalDecided, workspace: decided.workspaceID, actor: .anonymous, requestID: requestID,
                    agentID: decided.agentID.rawValue, action: decided.action, decision: status.rawValue,
                    policyID: decided.policyID, metadata: ["approval_id": .string(decided.id.rawValue)]),
                in: transaction)
        }
        approval.status = status
        approval.decidedAt = now
        return approval
    }

    /// Deletes, in a small batch, approvals whose link and redeem window have both passed.
    public func pruneApprovals(batchSize: Int = 1000) throws -> Int {
        let cutoff = clock.now().adding(seconds: -(Self.redeemWindowSeconds + 3600))
        return try storage.write { try $0.pruneApprovals(expiredBefore: cutoff, limit: batchSize) }
    }
}
