import ClawbCrypto
import ClawbHTTP
import Foundation

/// The key-encryption key that seals issuer signing keys at rest: `CLAWB_MASTER_KEY` (standard
/// base64 of 32 bytes), or `<data dir>/master.key` generated on first start (mode 0600). The
/// log shows where it came from, never the key. Keep a copy of it apart from database backups:
/// a backup with the key beside it protects nothing, and without the key the signing keys in
/// a backup cannot be used.
enum MasterKeySource {
    static func resolve(configuration: Configuration, logger: Logger) throws -> [UInt8] {
        if let configured = configuration.security.masterKey { return configured }
        let path = configuration.storage.dataDirectory + "/master.key"
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let key = Data(base64Encoded: text).map(Array.init), key.count == SecretBox.keyLength else {
                throw ConfigurationError(message: "\(path) must hold the standard base64 of 32 bytes.")
            }
            logger.info("master_key.loaded", ["path": path])
            return key
        }
        let key = SecureRandom.bytes(SecretBox.keyLength)
        try AdminTokenSource.writePrivateFile(path: path, contents: Data(key).base64EncodedString() + "\n")
        logger.info("master_key.generated", ["path": path])
        return key
    }
}
