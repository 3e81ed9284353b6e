import ClawbCrypto

/// The mint request as received, and its validation (API.md §4's limits and defaults).
extension CredentialIssuer {
    /// A mint request as received.
    public struct MintRequest: Sendable {
        public var agentID: String?
        public var provider: String?
        public var audience: String?
        public var ttlSeconds: Int64?
        public var oneTime: Bool?
        public var scopes: [String]?
        public var scopeHash: String?
        public var policyID: String?
        public var tokenType: String?

        public init(
            agentID: String?, provider: String?, audience: String?, ttlSeconds: Int64?, oneTime: Bool?,
            scopes: [String]?,
            scopeHash: String?, policyID: String?, tokenType: String?
        ) {
            self.agentID = agentID
            self.provider = provider
            self.audience = audience
            self.ttlSeconds = ttlSeconds
            self.oneTime = oneTime
            self.scopes = scopes
            self.scopeHash = scopeHash
            self.policyID = policyID
            self.tokenType = tokenType
        }
    }

    struct ValidRequest: Sendable {
        let agentText: String
        let provider: String?
        let audience: String
        let ttl: Int64
        let oneTime: Bool
        let scopes: [String]
        let scopeHash: String
        let policyID: String
        let tokenType: Credential.TokenType
    }

    func validate(_ request: MintRequest) throws -> ValidRequest {
        guard let agentText = request.agentID, !agentText.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        let ttl = request.ttlSeconds ?? Self.defaultTTLSeconds
        guard (1...maxTTLSeconds).contains(ttl) else {
            throw DomainError(.invalidTTL, "ttl_seconds must be from 1 to \(maxTTLSeconds).", field: "ttl_seconds")
        }
        guard let tokenType = Credential.TokenType(rawValue: request.tokenType ?? "opaque") else {
            throw DomainError(.invalidTokenType, "token_type must be jwt or opaque.", field: "token_type")
        }
        let scopes = request.scopes ?? []
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:._*/-".utf8)
        guard scopes.count <= Self.maxScopes,
            scopes.allSatisfy({
                !$0.isEmpty && $0.utf8.count <= Self.maxScopeLength && $0.utf8.allSatisfy(allowed.contains)
            })
        else {
            throw DomainError(
                .invalidScopes, "scopes must be at most \(Self.maxScopes) items, each 1 to 128 of [A-Za-z0-9:._*/-].",
                field: "scopes")
        }
        let audience = request.audience ?? Self.defaultAudience
        guard !audience.isEmpty, audience.count <= 256, TextRules.isPrintable(audience) else {
            throw DomainError(.invalidAudience, "audience must be 1 to 256 printable characters.", field: "audience")
        }
        if let provider = request.provider {
            guard !provider.isEmpty, provider.count <= 128, TextRules.isPrintable(provider) else {
                throw DomainError(
                    .invalidProvider, "provider must be 1 to 128 printable characters.", field: "provider")
            }
        }
        let scopeHash = request.scopeHash ?? Self.scopeHash(scopes)
        guard !scopeHash.isEmpty, scopeHash.utf8.count <= 128, TextRules.isVisibleASCII(scopeHash) else {
            throw DomainError(
                .invalidScopeHash, "scope_hash must be 1 to 128 visible ASCII characters.", field: "scope_hash")
        }
        let policyID = request.policyID ?? PolicyBook.defaultPolicyID
        guard !policyID.isEmpty, policyID.count <= 128, TextRules.isVisibleASCII(policyID) else {
            throw DomainError(.unknownPolicy, "No policy has this id.", field: "policy_id")
        }
        return ValidRequest(
            agentText: agentText, provider: request.provider, audience: audience, ttl: ttl,
            oneTime: request.oneTime ?? false, scopes: scopes, scopeHash: scopeHash, policyID: policyID,
            tokenType: tokenType)
    }

    /// `sha256:` + hex SHA-256 of the sorted scopes joined by `\n` (API.md §4).
    public static func scopeHash(_ scopes: [String]) -> String {
        "sha256:" + SHA256.hexDigest(Array(scopes.sorted().joined(separator: "\n").utf8))
    }

    static func validatedReason(_ reason: String?) throws -> String? {
        guard let reason else { return nil }
        guard reason.count <= maxReasonLength, TextRules.isPrintable(reason) else {
            throw DomainError(
                .invalidReason, "reason must be at most \(maxReasonLength) printable characters.", field: "reason")
        }
        return reason
    }
}
