import CSodium

/// Ed25519 (RFC 8032, pure, no pre-hash) from libsodium.
public enum Ed25519 {
    public static let publicKeyLength = 32
    public static let seedLength = 32
    public static let signatureLength = 64

    /// A signing key: the 32-byte seed and the 64-byte libsodium secret key derived from it.
    /// The seed is the portable form (what the Python SDK calls the private key).
    public struct SigningKey: Sendable {
        public let seed: [UInt8]
        public let publicKey: [UInt8]
        let secretKey: [UInt8]

        /// The key pair for a 32-byte seed; nil for any other length.
        public init?(seed: [UInt8]) {
            guard seed.count == Ed25519.seedLength else { return nil }
            Sodium.ensureReady()
            var publicKey = [UInt8](repeating: 0, count: Ed25519.publicKeyLength)
            var secretKey = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
            _ = crypto_sign_seed_keypair(&publicKey, &secretKey, seed)
            self.seed = seed
            self.publicKey = publicKey
            self.secretKey = secretKey
        }

        /// A new key from libsodium's RNG.
        public static func generate() -> SigningKey {
            SigningKey(seed: SecureRandom.bytes(Ed25519.seedLength))!
        }

        /// The 64-byte detached signature of `message`.
        public func sign(_ message: [UInt8]) -> [UInt8] {
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            _ = crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
            return signature
        }
    }

    /// True when `signature` is `publicKey`'s valid signature of `message`. libsodium rejects
    /// non-canonical encodings and small-order keys; wrong lengths answer false.
    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == signatureLength, publicKey.count == publicKeyLength else { return false }
        Sodium.ensureReady()
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }

    /// True when `publicKey` is 32 bytes encoding a canonical point of the main subgroup that
    /// is not of small order: the keys an agent may register. Weak keys are refused up front
    /// rather than failing every later verification.
    public static func isValidPublicKey(_ publicKey: [UInt8]) -> Bool {
        guard publicKey.count == publicKeyLength else { return false }
        Sodium.ensureReady()
        return crypto_core_ed25519_is_valid_point(publicKey) == 1
    }
}
