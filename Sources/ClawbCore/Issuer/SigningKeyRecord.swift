/// An issuer signing key as stored: the public key in clear, the private seed only sealed
/// under the master key (SecretBox).
public struct SigningKeyRecord: Hashable, Sendable {
    public let id: SigningKeyID
    public let publicKey: [UInt8]
    public let sealedSeed: [UInt8]
    public let createdAt: Timestamp
    /// When a newer key replaced it; nil for the active key.
    public var retiredAt: Timestamp?
    /// A retired key stays in the JWKS until every token it signed has expired.
    public var publishUntil: Timestamp?

    public init(
        id: SigningKeyID, publicKey: [UInt8], sealedSeed: [UInt8], createdAt: Timestamp, retiredAt: Timestamp?,
        publishUntil: Timestamp?
    ) {
        self.id = id
        self.publicKey = publicKey
        self.sealedSeed = sealedSeed
        self.createdAt = createdAt
        self.retiredAt = retiredAt
        self.publishUntil = publishUntil
    }

    public var isActive: Bool { retiredAt == nil }

    /// True when the key must be in the JWKS at `time`.
    public func isPublished(at time: Timestamp) -> Bool {
        isActive || (publishUntil.map { time < $0 } ?? false)
    }
}
