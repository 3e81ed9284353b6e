import ClawbCrypto

/// A ULID rendered as 26 lowercase Crockford base32 characters: 48 bits of unix milliseconds
/// then 80 random bits. Identifiers sort by creation time, which keeps B-tree inserts local.
public enum ULID {
    static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// A new ULID for `time`, with 80 bits from libsodium's RNG.
    public static func make(at time: Timestamp) -> String {
        let random = SecureRandom.bytes(10)
        var value = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(max(0, time.milliseconds))
        for index in 0..<6 {
            value[index] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - index)))
        }
        for index in 0..<10 { value[6 + index] = random[index] }
        return encode(value)
    }

    /// Encodes 128 bits as 26 base32 characters (the first carries the top 3 bits).
    static func encode(_ bytes: [UInt8]) -> String {
        var high = UInt64(0)
        var low = UInt64(0)
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        var out = [UInt8](repeating: 0, count: 26)
        for position in (0..<26).reversed() {
            out[position] = alphabet[Int(low & 31)]
            low = low >> 5 | (high & 31) << 59
            high >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` is 26 characters of the lowercase Crockford alphabet.
    public static func isValid<S: StringProtocol>(_ text: S) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 26, bytes[0] <= UInt8(ascii: "7") else { return false }
        return bytes.allSatisfy { alphabet.contains($0) }
    }
}
