/// Per-request state that travels down the chain: the request id, the logger, route
/// parameters, and what the access log should say (route pattern, workspace).
///
/// A reference type used by exactly one thread, the one serving the request; it is not
/// shared, so it does not need to be `Sendable`.
public final class RequestContext {
    public let requestID: String
    public var logger: Logger
    /// Values of `{name}` segments of the matched route.
    public var parameters: [String: String] = [:]
    /// The matched route pattern (`/api/v1/admin/workspaces/{workspace_id}`), for logs and metrics.
    public var route: String?
    /// The workspace the request acts for, once authenticated (for the access log).
    public var workspaceID: String?

    public init(requestID: String, logger: Logger) {
        self.requestID = requestID
        self.logger = logger
    }

    /// The value of route parameter `name`. Routes are registered with their parameters, so a
    /// missing one is a programming error, answered as 404 rather than a crash.
    public func parameter(_ name: String) throws -> String {
        guard let value = parameters[name] else { throw HTTPError.notFound() }
        return value
    }
}
