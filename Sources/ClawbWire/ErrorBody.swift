/// The error envelope of API.md §1: `{"ok":false,"error","message","request_id"}` plus
/// documented extras.
public struct ErrorBody: Codable, Sendable {
    public var ok: Bool = false
    public var error: String
    public var message: String
    public var requestID: String?
    public var field: String?
    public var retryAfter: Int?
    /// Reason codes of a policy outcome (`policy_denied`, `policy_challenge`).
    public var reasons: [String]?
    public var traceID: String?

    public init(
        error: String, message: String, requestID: String?, field: String? = nil, retryAfter: Int? = nil,
        reasons: [String]? = nil, traceID: String? = nil
    ) {
        self.reasons = reasons
        self.traceID = traceID
        self.error = error
        self.message = message
        self.requestID = requestID
        self.field = field
        self.retryAfter = retryAfter
    }

    enum CodingKeys: String, CodingKey {
        case ok, error, message, field
        case requestID = "request_id"
        case retryAfter = "retry_after"
        case reasons
        case traceID = "trace_id"
    }
}
