import CSodium

/// SHA-256 from libsodium (`crypto_hash_sha256`).
public enum SHA256 {
    public static let digestLength = 32

    /// The 32-byte digest of `bytes`.
    public static func hash<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        Sodium.ensureReady()
        var digest = [UInt8](repeating: 0, count: digestLength)
        let input = Array(bytes)
        _ = digest.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { inp in
                crypto_hash_sha256(out.baseAddress!, inp.baseAddress, UInt64(inp.count))
            }
        }
        return digest
    }

    /// The digest of the UTF-8 bytes of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        hash(Array(string.utf8))
    }

    /// Lowercase hex of the digest, as used on the wire (`body_sha256`, audit `hash`).
    public static func hexDigest<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Hex.encode(hash(bytes))
    }
}
