import ClawbCrypto

/// Checks the operator (admin) token of the `/api/v1/admin` API.
public struct OperatorAuthenticator: Sendable {
    private let expectedDigest: [UInt8]

    /// Shortest operator token accepted at start-up: a short one is guessable.
    public static let minimumTokenLength = 24

    public init(token: String) {
        expectedDigest = SHA256.hash(token)
    }

    /// Throws `missing_admin_token` or `invalid_admin_token`. Both sides are hashed first so
    /// the constant-time comparison always sees equal lengths and the token length never leaks.
    public func authenticate(presentedToken: String?) throws {
        guard let presentedToken, !presentedToken.isEmpty else {
            throw DomainError(.missingAdminToken, "The operator API needs Authorization: Bearer <admin token>.")
        }
        guard ConstantTime.equals(SHA256.hash(presentedToken), expectedDigest) else {
            throw DomainError(.invalidAdminToken, "The admin token is not valid.")
        }
    }
}
