import CSodium

/// Authenticated secret-key encryption (libsodium `crypto_secretbox`: XSalsa20-Poly1305), for
/// secrets stored at rest under the master key. The output is nonce || ciphertext+MAC.
public enum SecretBox {
    public static let keyLength = 32
    static let nonceLength = 24
    static let macLength = 16

    /// Encrypts `plaintext` under a 32-byte key with a fresh random nonce.
    public static func seal(_ plaintext: [UInt8], key: [UInt8]) -> [UInt8] {
        precondition(key.count == keyLength, "secretbox keys are 32 bytes")
        Sodium.ensureReady()
        let nonce = SecureRandom.bytes(nonceLength)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + macLength)
        _ = crypto_secretbox_easy(&ciphertext, plaintext, UInt64(plaintext.count), nonce, key)
        return nonce + ciphertext
    }

    /// The plaintext, or nil when the box was not sealed under `key` or was altered.
    public static func open(_ box: [UInt8], key: [UInt8]) -> [UInt8]? {
        guard key.count == keyLength, box.count >= nonceLength + macLength else { return nil }
        Sodium.ensureReady()
        let nonce = Array(box.prefix(nonceLength))
        let ciphertext = Array(box.dropFirst(nonceLength))
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count - macLength)
        let status = crypto_secretbox_open_easy(&plaintext, ciphertext, UInt64(ciphertext.count), nonce, key)
        return status == 0 ? plaintext : nil
    }
}
