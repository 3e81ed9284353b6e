/// A request as the application sees it: the adapter has read the whole body (within the
/// configured limit) before the application runs.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The decoded path without the query string, e.g. `/api/v1/workspace`.
    public var path: String
    /// Decoded query parameters in order; a name may repeat.
    public var query: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The client's IP address as text, when known.
    public var remoteAddress: String?
    /// Set by the adapter when the body was over the limit; the application answers 413.
    public var bodyLimitExceeded: Bool
    /// Set by the adapter for a request HTTP/1.1 forbids (ambiguous framing, a repeated
    /// `Content-Length` or `Host`, a NUL or whitespace in a header name, an unsupported
    /// `Transfer-Encoding`): the application answers this error.
    public var protocolError: HTTPError?

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [], headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], remoteAddress: String? = nil, bodyLimitExceeded: Bool = false,
        protocolError: HTTPError? = nil
    ) {
        self.protocolError = protocolError
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.bodyLimitExceeded = bodyLimitExceeded
    }

    /// The first value of the query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}
