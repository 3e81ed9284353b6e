import ClawbCrypto
import Foundation

/// Signed reputation feedback (API.md §7, reference.md §4.2) and agent reputations.
///
/// Checks, in this order, each failure with its code: signature headers present
/// (`missing_signature_headers`), timestamp within ±300 s (`timestamp_out_of_range`), HMAC
/// (`bad_signature`), body (`invalid_json`, `missing_agent_id`, `invalid_verdict`,
/// `evidence_too_large`), per-workspace rate (`rate_limited`); then in one write: the nonce,
/// once per workspace for 600 s (`replay_detected`), the agent mapped in this workspace
/// (`unknown_agent`), and the feedback with its audit event. Every rejection after
/// authentication is audited as `feedback_rejected` (never with the signature).
public struct ReputationLedger: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    let submissions: RateLimiter
    /// Rejection events per workspace a minute at most: bad requests cannot become a write flood.
    let rejectionRecords: RateLimiter

    public static let nonceWindowMilliseconds: Int64 = 600_000
    public static let maxNonceLength = 128
    public static let maxEvidenceBytes = 8192
    public static let rejectionEventsPerMinute = 120

    public init(storage: any Storage, clock: any Clock, audit: AuditLog, submissionsPerMinutePerWorkspace: Int) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
        self.submissions = RateLimiter(perMinute: submissionsPerMinutePerWorkspace, clock: clock)
        self.rejectionRecords = RateLimiter(perMinute: Self.rejectionEventsPerMinute, clock: clock)
    }

    /// The HMAC message: `"{timestamp}\n{nonce}\n{hex sha256(raw body)}"`.
    public static func signedMessage(timestamp: String, nonce: String, body: [UInt8]) -> [UInt8] {
        Array("\(timestamp)\n\(nonce)\n\(SHA256.hexDigest(body))".utf8)
    }

    /// Verifies and records one feedback request.
    public func submit(
        timestamp: String?, nonce: String?, signature: String?, body: [UInt8], as principal: WorkspacePrincipal,
        requestID: String?
    ) throws -> Feedback {
        var agentForAudit: String?
        do {
            let now = clock.now()
            guard let timestamp, !timestamp.isEmpty, let nonce, !nonce.isEmpty, let signature, !signature.isEmpty else {
                throw DomainError(
                    .missingSignatureHeaders,
                    "Send X-Clawb-Feedback-Timestamp, X-Clawb-Feedback-Nonce and X-Clawb-Feedback-Signature.")
            }
            guard nonce.utf8.count <= Self.maxNonceLength, TextRules.isVisibleASCII(nonce) else {
                throw DomainError(
                    .missingSignatureHeaders, "X-Clawb-Feedback-Nonce must be 1 to 128 visible ASCII characters.")
            }
            guard SignedTimestamp.isAcceptable(timestamp, now: now) else {
                throw DomainError(
                    .timestampOutOfRange, "X-Clawb-Feedback-Timestamp must be unix milliseconds within 300 s of now.")
            }
            guard let mac = Data(base64Encoded: signature).map(Array.init),
                HMACSHA256.verify(
                    mac, message: Self.signedMessage(timestamp: timestamp, nonce: nonce, body: body),
                    key: principal.keySecretHash)
            else {
                throw DomainError(.badSignature, "The feedback signature does not match this key and body.")
            }
            let parsed = try Self.parse(body)
            agentForAudit = parsed.agentText
            if let wait = submissions.acquire(principal.workspace.id.rawValue) {
                throw DomainError(.rateLimited, "Too much feedback from this workspace; retry later.", retryAfter: wait)
            }
            let audit = self.audit
            let reusableBefore = Timestamp(milliseconds: now.milliseconds - Self.nonceWindowMilliseconds)
            return try storage.write { transaction in
                guard
                    try transaction.consumeFeedbackNonce(
                        workspace: principal.workspace.id, nonce: nonce, at: now,
                        reusableBefore: reusableBefore)
                else {
                    throw DomainError(.replayDetected, "This nonce was already used by this workspace.")
                }
                let unknown = DomainError(
                    .unknownAgent, "No agent with this id is mapped in this workspace.", field: "agent_id")
                guard let agentID = AgentID(parsed.agentText),
                    try transaction.maps(agentID, in: principal.workspace.id)
                else { throw unknown }
                let feedback = Feedback(
                    id: .generate(at: now), workspaceID: principal.workspace.id, agentID: agentID,
                    keyID: principal.keyID, verdict: parsed.verdict, evidenceJSON: parsed.evidenceJSON,
                    receivedAt: now)
                try transaction.insert(feedback)
                try audit.append(
                    AuditRecord(
                        .reputationFeedback, workspace: principal.workspace.id, actor: principal.actor,
                        requestID: requestID,
                        agentID: agentID.rawValue, decision: parsed.verdict.rawValue,
                        metadata: [
                            "feedback_id": .string(feedback.id.rawValue), "verdict": .string(parsed.verdict.rawValue),
                        ]),
                    in: transaction)
                return feedback
            }
        } catch let error as DomainError where error.code != .storageUnavailable {
            recordRejection(error, agent: agentForAudit, principal: principal, requestID: requestID)
            throw error
        }
    }

    /// The agent's reputation, for a workspace that maps it (404 `unknown_agent` otherwise).
    public func reputation(of text: String, as principal: WorkspacePrincipal) throws -> ReputationSummary {
        let unknown = DomainError(.unknownAgent, "No agent with this id is mapped in this workspace.")
        guard let agentID = AgentID(text) else { throw unknown }
        let now = clock.now()
        let since = now.adding(seconds: -ReputationScore.horizonDays * 86_400)
        let (agent, buckets) = try storage.read { reader -> (Agent, [FeedbackBucket]) in
            guard
                try reader.maps(agentID, in: principal.workspace.id),
                let agent = try reader.agent(id: agentID)
            else { throw unknown }
            return (agent, try reader.feedbackBuckets(agent: agentID, since: since))
        }
        return Self.summary(agent: agent, buckets: buckets, now: now)
    }

    /// The summary of an agent already looked up (also shown by `GET /v1/agents/{id}`).
    public func summary(of agent: Agent) throws -> ReputationSummary {
        let now = clock.now()
        let buckets = try storage.read {
            try $0.feedbackBuckets(agent: agent.id, since: now.adding(seconds: -ReputationScore.horizonDays * 86_400))
        }
        return Self.summary(agent: agent, buckets: buckets, now: now)
    }

    static func summary(agent: Agent, buckets: [FeedbackBucket], now: Timestamp) -> ReputationSummary {
        let windowStart = now.adding(seconds: -ReputationSummary.windowDays * 86_400)
        let recent = buckets.filter { $0.meanReceivedAt >= windowStart }
        func count(_ verdict: Feedback.Verdict) -> Int {
            recent.filter { $0.verdict == verdict }.reduce(0) { $0 + $1.count }
        }
        return ReputationSummary(
            agent: agent, score: ReputationScore.compute(buckets, now: now), feedbackGood: count(.good),
            feedbackBad: count(.bad), feedbackNeutral: count(.neutral),
            workspacesReporting: Set(recent.map(\.workspaceID)).count, computedAt: now)
    }

    /// Deletes, in a small batch, feedback nonces past the window.
    public func pruneNonces(batchSize: Int = 1000) throws -> Int {
        let cutoff = Timestamp(milliseconds: clock.now().milliseconds - Self.nonceWindowMilliseconds)
        return try storage.write { try $0.pruneFeedbackNonces(before: cutoff, limit: batchSize) }
    }

    struct ParsedBody {
        let agentText: String
        let verdict: Feedback.Verdict
        let evidenceJSON: String
    }

    static func parse(_ body: [UInt8]) throws -> ParsedBody {
        // A concrete type decodes far faster than a dictionary of JSONValue (measured: the
        // dictionary form was 15% of a feedback request's instructions).
        struct Body: Decodable {
            let agent_id: JSONValue?
            let verdict: JSONValue?
            let evidence: JSONValue?
        }
        guard let object = try? JSONDecoder().decode(Body.self, from: Data(body)) else {
            throw DomainError(.invalidJSON, "The body must be a JSON object.")
        }
        guard case .string(let agentText)? = object.agent_id, !agentText.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        guard case .string(let verdictText)? = object.verdict, let verdict = Feedback.Verdict(wire: verdictText)
        else {
            throw DomainError(
                .invalidVerdict, "verdict must be good, bad or neutral (ok means good).", field: "verdict")
        }
        var evidence: [String: JSONValue] = [:]
        switch object.evidence {
        case nil, .null: break
        case .object(let fields): evidence = fields
        default: throw DomainError(.invalidJSON, "evidence must be a JSON object.", field: "evidence")
        }
        let evidenceJSON = CanonicalJSON.render(.object(evidence))
        guard evidenceJSON.utf8.count <= maxEvidenceBytes else {
            throw DomainError(
                .evidenceTooLarge, "evidence must be at most \(maxEvidenceBytes) bytes of JSON.", field: "evidence")
        }
        return ParsedBody(agentText: agentText, verdict: verdict, evidenceJSON: evidenceJSON)
    }

    private func recordRejection(
        _ error: DomainError, agent: String?, principal: WorkspacePrincipal, requestID: String?
    ) {
        guard rejectionRecords.acquire(principal.workspace.id.rawValue) == nil else { return }
        let record = AuditRecord(
            .feedbackRejected, workspace: principal.workspace.id, actor: principal.actor, requestID: requestID,
            agentID: agent, metadata: ["reason": .string(error.code.rawValue)])
        let audit = self.audit
        // Best effort: failing to record a rejection must not change the answer.
        _ = try? storage.write { try audit.append(record, in: $0) }
    }
}
