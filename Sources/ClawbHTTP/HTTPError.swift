/// An error that already knows its HTTP answer: status, stable code, one safe sentence, and
/// any extra headers (`Allow`, `WWW-Authenticate`, `Retry-After`) or body fields.
public struct HTTPError: Error, Sendable {
    public let status: Int
    public let code: String
    public let message: String
    public var headers: [(name: String, value: String)]
    public var field: String?

    public init(
        status: Int, code: String, message: String, headers: [(name: String, value: String)] = [], field: String? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.field = field
    }

    public static func notFound() -> HTTPError {
        HTTPError(status: 404, code: "not_found", message: "No route matches this path.")
    }

    public static func methodNotAllowed(allowed: [String]) -> HTTPError {
        HTTPError(
            status: 405, code: "method_not_allowed", message: "This path does not accept this method.",
            headers: [("Allow", allowed.joined(separator: ", "))])
    }

    public static func payloadTooLarge(limit: Int) -> HTTPError {
        HTTPError(status: 413, code: "payload_too_large", message: "The request body is larger than \(limit) bytes.")
    }

    public static func unsupportedMediaType() -> HTTPError {
        HTTPError(status: 415, code: "unsupported_media_type", message: "Send the body as application/json.")
    }

    public static func invalidJSON(_ detail: String, field: String? = nil) -> HTTPError {
        HTTPError(status: 400, code: "invalid_json", message: detail, field: field)
    }

    public static func badRequest(_ message: String) -> HTTPError {
        HTTPError(status: 400, code: "bad_request", message: message, headers: [("Connection", "close")])
    }

    public static func unsupportedTransferCoding() -> HTTPError {
        HTTPError(
            status: 501, code: "not_implemented", message: "Only the chunked transfer coding is supported.",
            headers: [("Connection", "close")])
    }

    public static func ambiguousFraming() -> HTTPError {
        HTTPError(
            status: 400, code: "bad_request",
            message: "A request may not carry both Content-Length and Transfer-Encoding.")
    }
}
