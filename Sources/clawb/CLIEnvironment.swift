import ClawbClient
import Foundation

/// What commands need from the environment: the API root and the operator token. Secrets come
/// from the environment or files, never from flags (flags show up in `ps` and shell history).
struct CLIEnvironment {
    let variables: [String: String]

    var baseURL: URL {
        get throws {
            let text = variables["CLAWB_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080/api"
            guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
                throw UsageError("CLAWB_BASE_URL must be an http(s) URL, got '\(text)'.")
            }
            return url
        }
    }

    /// A client authenticated as the operator.
    func operatorClient() throws -> ClawbClient {
        ClawbClient(baseURL: try baseURL, credential: .adminToken(try adminToken()))
    }

    func adminToken() throws -> String {
        if let token = variables["CLAWB_ADMIN_TOKEN"], !token.isEmpty { return token }
        let path =
            variables["CLAWB_ADMIN_TOKEN_FILE"]
            ?? ((variables["CLAWB_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data") + "/admin-token")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(
                "No admin token: set CLAWB_ADMIN_TOKEN, or CLAWB_ADMIN_TOKEN_FILE, or run where \(path) exists.")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A failure that is not a usage mistake (exits 1).
struct CLIError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
