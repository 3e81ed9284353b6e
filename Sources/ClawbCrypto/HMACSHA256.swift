import CSodium

/// HMAC-SHA-256 (RFC 2104) from libsodium, with keys of any length.
public enum HMACSHA256 {
    public static let macLength = 32

    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        Sodium.ensureReady()
        var state = crypto_auth_hmacsha256_state()
        var mac = [UInt8](repeating: 0, count: macLength)
        _ = crypto_auth_hmacsha256_init(&state, key, key.count)
        _ = crypto_auth_hmacsha256_update(&state, message, UInt64(message.count))
        _ = crypto_auth_hmacsha256_final(&state, &mac)
        return mac
    }

    /// True when `mac` is the MAC of `message` under `key`, compared in constant time.
    public static func verify(_ mac: [UInt8], message: [UInt8], key: [UInt8]) -> Bool {
        ConstantTime.equals(authenticate(message, key: key), mac)
    }
}
