import ClawbCrypto
import Foundation

/// An agent's private key on disk: the standard base64 of the 32-byte Ed25519 seed, the format
/// of the Python SDK's `CLAWB_PRIVATE_KEY_B64`. Files are created with mode 0600 and never
/// overwritten. Reading also accepts the base64 of a PKCS#8 DER Ed25519 key (what the hosted
/// dashboard shows).
public enum AgentKeyFile {
    /// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it.
    static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes a new key to `path`; fails if the file exists.
    public static func create(at path: String, key: Ed25519.SigningKey) throws {
        do {
            try SecretFile.create(at: path, contents: Data(key.seed).base64EncodedString() + "\n")
        } catch let failure as SecretFile.Failure {
            throw Failure(
                description: failure.alreadyExists
                    ? "\(path) already exists; refusing to overwrite a key." : failure.description)
        }
    }

    public static func load(from path: String) throws -> Ed25519.SigningKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "Cannot read the key file \(path).")
        }
        return try parse(String(decoding: data, as: UTF8.self))
    }

    public static func parse(_ text: String) throws -> Ed25519.SigningKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let decoded = Data(base64Encoded: trimmed).map(Array.init) else {
            throw Failure(description: "The key is not standard base64.")
        }
        let seed: [UInt8]
        if decoded.count == Ed25519.seedLength {
            seed = decoded
        } else if decoded.count == pkcs8Prefix.count + Ed25519.seedLength,
            Array(decoded.prefix(pkcs8Prefix.count)) == pkcs8Prefix
        {
            seed = Array(decoded.suffix(Ed25519.seedLength))
        } else {
            throw Failure(description: "The key must be a 32-byte Ed25519 seed or a PKCS#8 Ed25519 key, in base64.")
        }
        return Ed25519.SigningKey(seed: seed)!
    }
}
