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

    /// A client authenticated with the workspace key in `CLAWB_API_KEY`.
    func workspaceClient() throws -> ClawbClient {
        guard let key = variables["CLAWB_API_KEY"], !key.isEmpty else {
            throw CLIError("No workspace API key: set CLAWB_API_KEY (ck_live_... or ck_test_...).")
        }
        return ClawbClient(baseURL: try baseURL, credential: .apiKey(key))
    }

    /// A client without credentials (agent registration).
    func anonymousClient() throws -> ClawbClient {
        ClawbClient(baseURL: try baseURL, credential: .none)
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
