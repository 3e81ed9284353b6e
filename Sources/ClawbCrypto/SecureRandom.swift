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
    ///
    /// Draws bytes in bulk (one RNG call per batch rather than one per character, which was a
    /// system call each) and keeps a byte only when it falls below the largest multiple of the
    /// alphabet size, so every character stays exactly equally likely.
    public static func string(length: Int, alphabet: [Character]) -> String {
        precondition(!alphabet.isEmpty && alphabet.count <= 256)
        let limit = 256 - 256 % alphabet.count
        // Characters are collected in an array: `String.count` is O(n), which made this
        // quadratic in `length` (a measurable cost of every opaque token).
        var result: [Character] = []
        result.reserveCapacity(length)
        while result.count < length {
            for byte in bytes(length * 2) where Int(byte) < limit {
                result.append(alphabet[Int(byte) % alphabet.count])
                if result.count == length { break }
            }
        }
        return String(result)
    }

    /// The 62 characters `[0-9A-Za-z]` used for API keys.
    public static let base62Alphabet: [Character] = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
}
