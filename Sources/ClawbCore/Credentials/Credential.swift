/// A short-lived credential minted for an agent (API.md §4). The token itself is never stored:
/// only its SHA-256.
public struct Credential: Hashable, Sendable {
    public enum TokenType: String, Sendable, CaseIterable {
        case jwt, opaque
    }

    public let id: CredentialID
    public let workspaceID: WorkspaceID
    public let agentID: AgentID
    public let provider: String?
    public let audience: String
    public let scopes: [String]
    public let scopeHash: String
    public let policyID: String
    public let tokenType: TokenType
    public let oneTime: Bool
    public let tokenHash: [UInt8]
    public let issuedAt: Timestamp
    public let expiresAt: Timestamp
    /// Increasing with every credential minted on this server: revocation watermarks compare
    /// serials, so "issued at or before" is exact even within one millisecond.
    public var serial: Int64
    public var revokedAt: Timestamp?
    public var consumedAt: Timestamp?

    public init(
        id: CredentialID, workspaceID: WorkspaceID, agentID: AgentID, provider: String?, audience: String,
        scopes: [String],
        scopeHash: String, policyID: String, tokenType: TokenType, oneTime: Bool, tokenHash: [UInt8],
        issuedAt: Timestamp,
        expiresAt: Timestamp, serial: Int64 = 0, revokedAt: Timestamp? = nil, consumedAt: Timestamp? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.agentID = agentID
        self.provider = provider
        self.audience = audience
        self.scopes = scopes
        self.scopeHash = scopeHash
        self.policyID = policyID
        self.tokenType = tokenType
        self.oneTime = oneTime
        self.tokenHash = tokenHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.serial = serial
        self.revokedAt = revokedAt
        self.consumedAt = consumedAt
    }
}

/// A workspace's incident controls: the minting kill switch and the revoke-all watermark.
public struct MintingControls: Sendable, Equatable {
    public var mintingPaused: Bool
    public var pausedReason: String?
    public var changedAt: Timestamp?
    /// Credentials with a serial at or below this are revoked; nil when revoke-all never ran.
    public var allRevokedSerial: Int64?
    public var allRevokedAt: Timestamp?

    public init(
        mintingPaused: Bool = false, pausedReason: String? = nil, changedAt: Timestamp? = nil,
        allRevokedSerial: Int64? = nil, allRevokedAt: Timestamp? = nil
    ) {
        self.mintingPaused = mintingPaused
        self.pausedReason = pausedReason
        self.changedAt = changedAt
        self.allRevokedSerial = allRevokedSerial
        self.allRevokedAt = allRevokedAt
    }
}
