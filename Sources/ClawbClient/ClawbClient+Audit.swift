import ClawbJSON
import ClawbWire
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The workspace audit log (workspace API key).
extension ClawbClient {
    /// One page of events, newest first. `query` holds the listing's query parameters.
    public func auditEvents(_ query: [String: String]) async throws -> AuditEventListResponse {
        var components = URLComponents()
        components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let suffix = query.isEmpty ? "" : "?" + (components.percentEncodedQuery ?? "")
        return try await send("GET", "/v1/workspace/audit/events" + suffix)
    }

    public func auditVerify() async throws -> AuditVerifyResponse {
        try await send("GET", "/v1/workspace/audit/verify")
    }

    /// A buffered export (`json` or `csv`): the raw answer body.
    public func auditExport(format: String, filters: [String: JSONValue], limit: Int?) async throws -> Data {
        try await sendRaw(
            "POST", "/v1/workspace/audit/export",
            body: AuditExportRequest(format: format, filters: filters, limit: limit))
    }

    /// Streams an ndjson export, handing each received piece of the body to `onData` as it
    /// arrives, so the client's memory stays flat too. Throws like `send` on an error answer.
    public func streamAuditExport(filters: [String: JSONValue], onData: @escaping @Sendable (Data) -> Void) async throws
    {
        var request = URLRequest(
            url: URL(string: baseURL.absoluteString.trimmingSuffix("/") + "/v1/workspace/audit/export")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if case .apiKey(let key) = credential { request.setValue(key, forHTTPHeaderField: "X-Clawb-Api-Key") }
        request.httpBody = try JSONEncoder().encode(AuditExportRequest(format: "ndjson", filters: filters))
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let receiver = StreamReceiver(onData: onData, continuation: continuation)
            let session = URLSession(configuration: .ephemeral, delegate: receiver, delegateQueue: nil)
            session.dataTask(with: request).resume()
            session.finishTasksAndInvalidate()
        }
    }
}

/// Receives a streamed body for `streamAuditExport`. `@unchecked Sendable`: URLSession calls a
/// delegate on its own serial delegate queue, one callback at a time; `status` and `errorBody`
/// are only touched there.
private final class StreamReceiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let onData: @Sendable (Data) -> Void
    let continuation: CheckedContinuation<Void, any Error>
    var status = 0
    var errorBody = Data()

    init(onData: @escaping @Sendable (Data) -> Void, continuation: CheckedContinuation<Void, any Error>) {
        self.onData = onData
        self.continuation = continuation
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        if (200..<300).contains(status) { onData(data) } else if errorBody.count < 65536 { errorBody.append(data) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            continuation.resume(
                throwing: ClawbClientError(
                    status: 0, code: "connection_failed",
                    message: error.localizedDescription, requestID: nil))
        } else if !(200..<300).contains(status) {
            continuation.resume(throwing: ClawbClientError(status: status, body: errorBody))
        } else {
            continuation.resume()
        }
    }
}
