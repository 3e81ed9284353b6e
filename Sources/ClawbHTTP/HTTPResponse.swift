/// A complete response: status, headers and either body bytes or a body stream.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// When set, the body is produced chunk by chunk as the client reads (sent chunked), and
    /// `body` is ignored. For large exports: memory stays flat whatever the size.
    public var stream: (any HTTPBodyStream)?

    public init(
        status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], stream: (any HTTPBodyStream)? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream
    }
}

/// A response body produced on demand. `nextChunk` is called by one thread at a time, each
/// time the connection can take more; nil ends the body. If it throws after the status was
/// sent, the connection is closed early, which the client sees as a truncated body.
public protocol HTTPBodyStream: Sendable {
    func nextChunk() throws -> [UInt8]?
}
