import ClawbWire
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small client of the Clawb HTTP API over the wire DTOs. Used by the `clawb` CLI.
public struct ClawbClient: Sendable {
    /// How the client authenticates.
    public enum Credential: Sendable {
        /// The operator token, sent as `Authorization: Bearer`.
        case adminToken(String)
        /// A workspace API key, sent as `X-Clawb-Api-Key`.
        case apiKey(String)
        case none
    }

    public let baseURL: URL
    public let credential: Credential
    let session: URLSession

    /// `baseURL` is the API root including `/api`, as in `CLAWB_BASE_URL`.
    public init(baseURL: URL, credential: Credential, timeoutSeconds: Double = 30) {
        self.baseURL = baseURL
        self.credential = credential
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        session = URLSession(configuration: configuration)
    }

    /// Sends a request with an optional JSON body and decodes a 2xx answer as `Response`.
    /// A non-2xx answer throws `ClawbClientError` with the server's code and message.
    public func send<Response: Decodable>(
        _ method: String, _ path: String, body: (any Encodable)? = nil,
        as type: Response.Type = Response.self
    ) async throws -> Response {
        let data = try await sendRaw(method, path, body: body)
        do {
            return try JSONDecoder().decode(Response.self, from: data)
        } catch {
            throw ClawbClientError(
                status: 0, code: "unexpected_response", message: "The server's answer could not be read: \(error)",
                requestID: nil)
        }
    }

    /// Like `send`, returning the raw body bytes of a 2xx answer.
    public func sendRaw(_ method: String, _ path: String, body: (any Encodable)? = nil) async throws -> Data {
        // Paths may carry a query string, so they are appended as text, not as a path component.
        guard let url = URL(string: baseURL.absoluteString.trimmingSuffix("/") + path) else {
            throw ClawbClientError(
                status: 0, code: "invalid_url", message: "Cannot build a URL from \(path).", requestID: nil)
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        switch credential {
        case .adminToken(let token): request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        case .apiKey(let key): request.setValue(key, forHTTPHeaderField: "X-Clawb-Api-Key")
        case .none: break
        }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONEncoder().encode(body)
        }
        return try await perform(request)
    }

    /// Sends a prepared request; returns the body of a 2xx answer, throws `ClawbClientError`
    /// with the server's code otherwise.
    func perform(_ request: URLRequest) async throws -> Data {
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw ClawbClientError(
                status: 0, code: "connection_failed",
                message: "Could not reach \(baseURL.absoluteString): \(error.localizedDescription)", requestID: nil)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw ClawbClientError(status: status, body: data)
        }
        return data
    }
}

/// An error answer from the server (or a failure to reach it).
public struct ClawbClientError: Error, Sendable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let message: String
    public let requestID: String?

    public var description: String {
        "\(code): \(message)" + (requestID.map { " (request \($0))" } ?? "")
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

extension ClawbClientError {
    /// The error of a non-2xx answer: the server's code and message from its error envelope, or
    /// `http_<status>` when the body is not one.
    init(status: Int, body: Data) {
        let envelope = try? JSONDecoder().decode(ErrorBody.self, from: body)
        self.init(
            status: status, code: envelope?.error ?? "http_\(status)",
            message: envelope?.message ?? "The server answered HTTP \(status).", requestID: envelope?.requestID)
    }
}
