/// `POST /v1/verify`: a relying service hands over the signed-request fields it received and
/// learns whether they come from the agent (API.md §5).
///
/// The agent must be mapped (active) in the caller's workspace, otherwise the answer is
/// `unknown_agent` whatever the agent is elsewhere. Signature failures are answers (`valid:false`
/// with a reason), not HTTP errors. A valid request consumes its nonce, so the same request
/// verified twice is `replay_detected` the second time. Every answer is audited as
/// `signature_verified` (with `valid` and the reason), in the nonce's transaction when valid.
public struct RequestVerification: Sendable {
    let verifier: SignedRequestVerifier
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    let reputation: ReputationLedger
    let limiter: RateLimiter

    public init(
        verifier: SignedRequestVerifier, storage: any Storage, clock: any Clock, audit: AuditLog,
        reputation: ReputationLedger, verificationsPerMinutePerWorkspace: Int
    ) {
        self.verifier = verifier
        self.storage = storage
        self.clock = clock
        self.audit = audit
        self.reputation = reputation
        self.limiter = RateLimiter(perMinute: verificationsPerMinutePerWorkspace, clock: clock)
    }

    public struct Answer: Sendable {
        public let valid: Bool
        public let agentID: String
        public let reason: SignatureFailure?
        public let verifiedAt: Timestamp
        public let verificationTier: String?
        public let riskTier: String?
    }

    public func verify(_ request: SignedRequest, as principal: WorkspacePrincipal, requestID: String?) throws -> Answer
    {
        guard let agentText = request.agentID, !agentText.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        if let wait = limiter.acquire(principal.workspace.id.rawValue) {
            throw DomainError(.rateLimited, "Too many verifications by this workspace; retry later.", retryAfter: wait)
        }
        let workspace = principal.workspace.id
        let now = clock.now()
        let audit = self.audit
        let record: @Sendable (SignatureFailure?) -> AuditRecord = { failure in
            var metadata: [String: JSONValue] = ["valid": .bool(failure == nil)]
            if let failure { metadata["reason"] = .string(failure.rawValue) }
            return AuditRecord(
                .signatureVerified, workspace: workspace, actor: principal.actor, requestID: requestID,
                agentID: agentText, decision: failure == nil ? "valid" : "invalid", metadata: metadata)
        }
        let mapped =
            try AgentID(agentText).map { id in
                try storage.read { try $0.maps(id, in: workspace, activeOnly: true) }
            } ?? false
        let result: Result<Agent, SignatureFailure> =
            mapped
            ? try verifier.verify(request) { _, transaction in _ = try audit.append(record(nil), in: transaction) }
            : .failure(.unknownAgent)
        switch result {
        case .success(let agent):
            let tier = (try? reputation.summary(of: agent))
            return Answer(
                valid: true, agentID: agentText, reason: nil, verifiedAt: now,
                verificationTier: tier?.verificationTier ?? "attested", riskTier: tier?.score.riskTier.rawValue)
        case .failure(let failure):
            _ = try storage.write { try audit.append(record(failure), in: $0) }
            return Answer(
                valid: false, agentID: agentText, reason: failure, verifiedAt: now, verificationTier: nil,
                riskTier: nil)
        }
    }
}
