import ClawbCore

/// The one place where domain error codes meet HTTP statuses. The switch is exhaustive, so a
/// new `DomainError.Code` does not compile until someone decides its status here.
extension DomainError.Code {
    var httpStatus: Int {
        switch self {
        case .missingAPIKey, .invalidAPIKey, .missingAdminToken, .invalidAdminToken, .invalidSignature,
            .missingSignatureHeaders, .badSignature, .timestampOutOfRange, .replayDetected, .agentHeaderMismatch:
            401
        case .invalidName, .invalidMode, .invalidOverlap, .invalidPublicKey, .invalidKeyType, .invalidMetadata,
            .missingExternalAgentKey, .invalidExternalAgentKey, .missingAgentID, .invalidLabels, .invalidStatus,
            .invalidEnvironment, .invalidSource, .invalidDisplayName, .invalidLimit, .invalidCursor, .invalidFilter,
            .invalidFormat, .invalidJSON, .invalidVerdict, .evidenceTooLarge, .invalidTTL, .invalidTokenType,
            .invalidScopes,
            .invalidAudience, .invalidProvider, .invalidScopeHash, .invalidReason, .missingCredential, .invalidPolicy,
            .invalidPolicyID, .missingAction, .invalidAction, .invalidContext, .invalidSignedRequest, .invalidLatency,
            .ambiguousWorkspace:
            400
        case .agentRevoked, .mintingPaused, .policyDenied, .policyChallenge: 403
        case .unknownWorkspace, .unknownAPIKey, .unknownChallenge, .unknownAgent, .unknownPolicy, .unknownCredential,
            .unknownApproval:
            404
        case .alreadyRegistered, .challengeUsed, .conflict, .approvalUsed: 409
        case .challengeExpired, .approvalExpired: 410
        case .rateLimited: 429
        case .storageUnavailable: 503
        }
    }

    /// Extra headers that always go with this code (`Retry-After` of a rate limit comes from
    /// the error itself).
    var httpHeaders: [(name: String, value: String)] {
        switch httpStatus {
        case 401: [("WWW-Authenticate", "Bearer realm=\"clawb\"")]
        case 503: [("Retry-After", "1")]
        default: []
        }
    }
}
