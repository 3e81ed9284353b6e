import ClawbCrypto

/// A workspace API key as stored: never the secret, only its SHA-256 and a display prefix.
public struct APIKey: Hashable, Sendable {
    public let id: APIKeyID
    public let workspaceID: WorkspaceID
    /// SHA-256 of the full key string. Lookups go by this; it is also the HMAC key of signed
    /// reputation feedback (API.md §7), which is why the hash and not a slow KDF is stored:
    /// keys carry ≥ 190 bits of randomness, so a fast hash loses nothing.
    public let secretHash: [UInt8]
    /// The first characters of the key (`ck_test_AbCd`), enough for a human to recognise it.
    public let displayPrefix: String
    public let createdAt: Timestamp
    public var lastUsedAt: Timestamp?
    public var revokedAt: Timestamp?
    /// Set when the key was rotated: it keeps working until then (the overlap), then stops.
    public var expiresAt: Timestamp?

    public init(
        id: APIKeyID, workspaceID: WorkspaceID, secretHash: [UInt8], displayPrefix: String,
        createdAt: Timestamp, lastUsedAt: Timestamp? = nil, revokedAt: Timestamp? = nil, expiresAt: Timestamp? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.secretHash = secretHash
        self.displayPrefix = displayPrefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.expiresAt = expiresAt
    }

    /// True when the key may authenticate at `time`.
    public func isUsable(at time: Timestamp) -> Bool {
        revokedAt == nil && (expiresAt.map { time < $0 } ?? true)
    }
}

/// The secret text of a freshly created key. It exists only in the response that creates it.
public struct APIKeySecret: Sendable {
    public let text: String

    /// Length of the random part: 32 base62 characters ≈ 190.5 bits.
    public static let randomLength = 32
    /// How many characters of the key are kept for display.
    public static let displayPrefixLength = 12

    init(text: String) { self.text = text }

    /// A new key for a workspace of `mode`: `ck_<mode>_` + 32 base62 characters from libsodium.
    public static func generate(for mode: Workspace.Mode) -> APIKeySecret {
        APIKeySecret(
            text: prefix(for: mode) + SecureRandom.string(length: randomLength, alphabet: SecureRandom.base62Alphabet))
    }

    public static func prefix(for mode: Workspace.Mode) -> String { "ck_\(mode.rawValue)_" }

    /// True when `text` has the shape of a key we issue. Anything else is rejected before any
    /// storage lookup.
    public static func hasValidShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let prefixLength = 8  // "ck_live_" and "ck_test_"
        guard bytes.count == prefixLength + randomLength,
            text.hasPrefix(prefix(for: .live)) || text.hasPrefix(prefix(for: .test))
        else { return false }
        return bytes[prefixLength...].allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
    }

    public var hash: [UInt8] { SHA256.hash(text) }
    public var displayPrefix: String { String(text.prefix(Self.displayPrefixLength)) }
}
