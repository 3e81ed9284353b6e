import ClawbCore
import ClawbCrypto
import ClawbHTTP
import Foundation

/// Where the operator token comes from: `CLAWB_ADMIN_TOKEN`, or a file in the data directory
/// generated on first start. The token is never logged; the file's path is.
public enum AdminTokenSource: Sendable, Equatable {
    case environment
    case file(path: String, generated: Bool)

    /// Prefix of generated operator tokens, so a leaked one is recognisable in a scan.
    static let generatedPrefix = "clawb_admin_"

    static func resolve(
        configuration: Configuration, logger: Logger
    ) throws -> (token: String, source: AdminTokenSource) {
        if let token = configuration.security.adminToken {
            return (token, .environment)
        }
        let path = configuration.storage.dataDirectory + "/admin-token"
        if let data = FileManager.default.contents(atPath: path) {
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= OperatorAuthenticator.minimumTokenLength else {
                throw ConfigurationError(
                    message:
                        "The admin token file \(path) is shorter than \(OperatorAuthenticator.minimumTokenLength) characters; remove it to generate a new one."
                )
            }
            logger.info("admin_token.loaded", ["path": path])
            return (token, .file(path: path, generated: false))
        }
        let token = generatedPrefix + SecureRandom.string(length: 43, alphabet: SecureRandom.base62Alphabet)
        try writePrivateFile(path: path, contents: token + "\n")
        logger.info("admin_token.generated", ["path": path])
        return (token, .file(path: path, generated: true))
    }

    /// Writes a generated secret with `SecretFile` (0600 from the start, never overwriting),
    /// reporting a failure as a configuration problem.
    static func writePrivateFile(path: String, contents: String) throws {
        do {
            try SecretFile.create(at: path, contents: contents)
        } catch let failure as SecretFile.Failure {
            throw ConfigurationError(message: failure.description)
        }
    }
}
