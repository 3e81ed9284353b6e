/// An error the domain reports to its callers: a stable code that goes on the wire, one safe
/// sentence for the client, and optionally the underlying cause, which only ever reaches logs.
public struct DomainError: Error, Sendable, CustomStringConvertible {
    /// Stable, snake_case codes. The HTTP status for each is chosen in exactly one place
    /// (`DomainError+HTTP.swift` in ClawbAPI), by an exhaustive switch, so adding a code forces
    /// a decision there.
    public enum Code: String, Sendable, CaseIterable {
        case missingAPIKey = "missing_api_key"
        case invalidAPIKey = "invalid_api_key"
        case missingAdminToken = "missing_admin_token"
        case invalidAdminToken = "invalid_admin_token"
        case invalidName = "invalid_name"
        case invalidMode = "invalid_mode"
        case invalidOverlap = "invalid_overlap"
        case unknownWorkspace = "unknown_workspace"
        case unknownAPIKey = "unknown_api_key"
        case storageUnavailable = "storage_unavailable"
        case rateLimited = "rate_limited"
        case invalidPublicKey = "invalid_public_key"
        case invalidKeyType = "invalid_key_type"
        case invalidMetadata = "invalid_metadata"
        case alreadyRegistered = "already_registered"
        case unknownChallenge = "unknown_challenge"
        case challengeUsed = "challenge_used"
        case challengeExpired = "challenge_expired"
        case invalidSignature = "invalid_signature"
        case agentRevoked = "agent_revoked"
        case unknownAgent = "unknown_agent"
        case missingExternalAgentKey = "missing_external_agent_key"
        case invalidExternalAgentKey = "invalid_external_agent_key"
        case missingAgentID = "missing_agent_id"
        case invalidLabels = "invalid_labels"
        case invalidStatus = "invalid_status"
        case invalidEnvironment = "invalid_environment"
        case invalidSource = "invalid_source"
        case invalidDisplayName = "invalid_display_name"
        case conflict
        case invalidLimit = "invalid_limit"
        case invalidCursor = "invalid_cursor"
        case invalidFilter = "invalid_filter"
        case invalidFormat = "invalid_format"
        case invalidJSON = "invalid_json"
        case missingSignatureHeaders = "missing_signature_headers"
        case badSignature = "bad_signature"
        case timestampOutOfRange = "timestamp_out_of_range"
        case replayDetected = "replay_detected"
        case invalidVerdict = "invalid_verdict"
        case evidenceTooLarge = "evidence_too_large"
        case invalidTTL = "invalid_ttl"
        case invalidTokenType = "invalid_token_type"
        case invalidScopes = "invalid_scopes"
        case invalidAudience = "invalid_audience"
        case invalidProvider = "invalid_provider"
        case invalidScopeHash = "invalid_scope_hash"
        case invalidReason = "invalid_reason"
        case mintingPaused = "minting_paused"
        case unknownPolicy = "unknown_policy"
        case policyDenied = "policy_denied"
        case policyChallenge = "policy_challenge"
        case unknownCredential = "unknown_credential"
        case missingCredential = "missing_credential"
        case invalidPolicy = "invalid_policy"
        case invalidPolicyID = "invalid_policy_id"
        case missingAction = "missing_action"
        case invalidAction = "invalid_action"
        case invalidContext = "invalid_context"
        case unknownApproval = "unknown_approval"
        case approvalUsed = "approval_used"
        case approvalExpired = "approval_expired"
        case invalidSignedRequest = "invalid_signed_request"
        case agentHeaderMismatch = "agent_header_mismatch"
        case invalidLatency = "invalid_latency"
        case ambiguousWorkspace = "ambiguous_workspace"
    }

    public let code: Code
    public let message: String
    /// The request field the error is about, when there is one (`field` on the wire).
    public let field: String?
    /// Seconds to wait before retrying (`retry_after` and `Retry-After`), for `rate_limited`.
    public let retryAfter: Int?
    /// Reason codes of a policy decision (`reasons`), for `policy_denied` / `policy_challenge`.
    public let reasons: [String]?
    /// The decision trace (`trace_id`), for policy outcomes.
    public let traceID: String?
    /// For logs only: never rendered to a client.
    public let underlying: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, field: String? = nil, retryAfter: Int? = nil, reasons: [String]? = nil,
        traceID: String? = nil, underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
        self.reasons = reasons
        self.traceID = traceID
        self.underlying = underlying
    }

    public var description: String {
        "DomainError(\(code.rawValue): \(message)\(underlying.map { "; underlying: \($0)" } ?? ""))"
    }
}
