import Dispatch

/// What the server adapter calls: a request in, a response out, never an error.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) -> HTTPResponse
}

/// The outermost layer of the application, and its only catch site.
///
/// For every request it: picks the request id (the client's `X-Request-Id` when acceptable,
/// otherwise a new one), answers 413/400 for bodies the adapter flagged, runs the responder,
/// turns any thrown error into a response through `renderError`, echoes the request id, and
/// writes exactly one access-log line.
public struct HTTPApplication: HTTPHandler {
    let responder: any Responder
    let logger: Logger
    let maxBodyBytes: Int
    let makeRequestID: @Sendable () -> String
    let renderError: @Sendable (any Error, RequestContext) -> HTTPResponse
    let observe: @Sendable (_ route: String, _ method: String, _ status: Int, _ seconds: Double) -> Void

    public init(
        responder: any Responder, logger: Logger, maxBodyBytes: Int,
        makeRequestID: @escaping @Sendable () -> String,
        renderError: @escaping @Sendable (any Error, RequestContext) -> HTTPResponse,
        observe: @escaping @Sendable (String, String, Int, Double) -> Void = { _, _, _, _ in }
    ) {
        self.responder = responder
        self.logger = logger
        self.maxBodyBytes = maxBodyBytes
        self.makeRequestID = makeRequestID
        self.renderError = renderError
        self.observe = observe
    }

    /// Longest client-supplied request id accepted (API.md §1).
    public static let maxRequestIDLength = 128

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestID = request.headers["X-Request-Id"].flatMap(Self.acceptableRequestID) ?? makeRequestID()
        var requestLogger = logger
        requestLogger.add("request.id", requestID)
        let context = RequestContext(requestID: requestID, logger: requestLogger)

        var response: HTTPResponse
        do {
            if request.bodyLimitExceeded { throw HTTPError.payloadTooLarge(limit: maxBodyBytes) }
            if let protocolError = request.protocolError { throw protocolError }
            response = try responder.respond(to: request, context: context)
        } catch {
            response = renderError(error, context)
        }
        response.headers.set("X-Request-Id", requestID)

        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let route = context.route ?? "unmatched"
        let status = String(response.status)
        let duration = format3(seconds * 1000)
        if let workspace = context.workspaceID {
            requestLogger.info(
                "request",
                [
                    "http.method": request.method, "http.route": route, "http.status": status, "duration_ms": duration,
                    "workspace.id": workspace,
                ])
        } else {
            requestLogger.info(
                "request",
                ["http.method": request.method, "http.route": route, "http.status": status, "duration_ms": duration])
        }
        observe(route, request.method, response.status, seconds)
        return response
    }

    /// The client's id when it is 1–128 visible ASCII characters; otherwise we mint our own,
    /// so nothing odd reaches logs or audit events.
    static func acceptableRequestID(_ candidate: String) -> String? {
        let bytes = candidate.utf8
        guard !bytes.isEmpty, bytes.count <= maxRequestIDLength,
            bytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7e })
        else { return nil }
        return candidate
    }
}

private func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return String(scaled)
}
