import CSodium

/// Cryptographically secure randomness from libsodium's RNG (`randombytes_*`).
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        Sodium.ensureReady()
        var buffer = [UInt8](repeating: 0, count: count)
        buffer.withUnsafeMutableBytes { raw in
            if let base = raw.baseAddress { randombytes_buf(base, raw.count) }
        }
        return buffer
    }

    /// A uniformly distributed integer in `0..<upperBound`, without modulo bias
    /// (`randombytes_uniform` rejects out-of-range samples).
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        Sodium.ensureReady()
        return randombytes_uniform(upperBound)
    }

    /// A random string of `length` characters from `alphabet`, each chosen uniformly.
    public static func string(length: Int, alphabet: [Character]) -> String {
        precondition(!alphabet.isEmpty && alphabet.count <= Int(UInt32.max))
        var result = ""
        result.reserveCapacity(length)
        for _ in 0..<length {
            result.append(alphabet[Int(uniform(UInt32(alphabet.count)))])
        }
        return result
    }

    /// The 62 characters `[0-9A-Za-z]` used for API keys.
    public static let base62Alphabet: [Character] = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
}
