import CMicroHTTPD
import ClawbHTTP

// libmicrohttpd callbacks. They must be plain functions (not closures) so that Swift 6 does not
// infer an actor isolation for them; they run on libmicrohttpd's worker threads.

/// Called several times per request: first with only the headers, then once per body chunk,
/// then once with no data, when we answer.
func accessHandler(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ requestClosure: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let requestClosure, let uploadDataSize else { return .NO }
    let shared = Unmanaged<ServerShared>.fromOpaque(cls).takeUnretainedValue()

    guard let existing = requestClosure.pointee else {
        // First call: headers only. Answering here would make libmicrohttpd 0.9.75 close
        // keep-alive connections, so we only inspect the framing and come back for the body,
        // except when the request is refused outright (then closing is what we want).
        let state = RequestState()
        requestClosure.pointee = Unmanaged.passRetained(state).toOpaque()
        shared.inFlight.add(1, ordering: .relaxed)
        // Headers are complete at the first call: read once here, kept for the request.
        let headers = collectHeaders(connection)
        state.headers = headers.values
        if let problem = protocolProblem(headers) {
            state.protocolError = problem
            return respond(connection, url, method, state, shared)
        }
        if let contentLength = header(connection, "Content-Length"), let length = UInt64(contentLength),
            length > UInt64(shared.maxBodyBytes)
        {
            state.bodyLimitExceeded = true
            return respond(connection, url, method, state, shared)
        }
        return .YES
    }

    let state = Unmanaged<RequestState>.fromOpaque(existing).takeUnretainedValue()
    if state.suspended {
        // Called again after MHD_resume_connection: the handler has finished on the pool.
        guard let response = state.finishedResponse.withLock({ $0.take() }) else { return .YES }
        state.suspended = false
        return queue(response, on: connection)
    }
    let chunkSize = uploadDataSize.pointee
    if chunkSize > 0 {
        uploadDataSize.pointee = 0
        guard !state.responded else { return .YES }
        state.bytesReceived += chunkSize
        if state.bytesReceived > shared.maxBodyBytes {
            // A chunked body grew past the limit. libmicrohttpd 0.9.75 cannot queue a response
            // in the middle of an upload, so the rest is discarded and 413 goes out at the end;
            // a client that keeps streaming far past the limit is disconnected instead.
            state.bodyLimitExceeded = true
            state.body = []
            return state.bytesReceived > shared.maxBodyBytes * 4 + 1_048_576 ? .NO : .YES
        }
        if let uploadData {
            uploadData.withMemoryRebound(to: UInt8.self, capacity: chunkSize) { bytes in
                state.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: chunkSize))
            }
        }
        return .YES
    }
    guard !state.responded else { return .YES }
    return respond(connection, url, method, state, shared)
}

/// Releases a request's state once libmicrohttpd is done with it (answered, or the client left).
func requestCompleted(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ requestClosure: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ reason: MHD_RequestTerminationCode
) {
    guard let requestClosure, let pointer = requestClosure.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(pointer).release()
    requestClosure.pointee = nil
    if let cls {
        Unmanaged<ServerShared>.fromOpaque(cls).takeUnretainedValue().inFlight.subtract(1, ordering: .releasing)
    }
}

/// Builds the request and runs the handler: inline for reads, on the blocking pool (with the
/// connection suspended) for requests that may write, so that a commit never holds one of
/// libmicrohttpd's few polling workers.
private func respond(
    _ connection: OpaquePointer, _ url: UnsafePointer<CChar>?, _ method: UnsafePointer<CChar>?,
    _ state: RequestState, _ shared: ServerShared
) -> MHD_Result {
    state.responded = true
    let request = HTTPRequest(
        method: method.map { String(cString: $0) } ?? "GET",
        path: url.map { String(cString: $0) } ?? "/",
        query: values(connection, .GET_ARGUMENT_KIND),
        headers: HTTPHeaders(state.headers),
        body: state.body,
        remoteAddress: clientAddress(connection),
        bodyLimitExceeded: state.bodyLimitExceeded, protocolError: state.protocolError
    )
    state.body = []
    if let pool = shared.blockingPool, request.method != "GET", request.method != "HEAD",
        !request.bodyLimitExceeded, request.protocolError == nil
    {
        state.suspended = true
        MHD_suspend_connection(connection)
        let handoff = SuspendedRequest(connection: connection, state: Unmanaged.passRetained(state))
        let handler = shared.handler
        let queued = pool.submit {
            let response = handler.handle(request)
            let state = handoff.state.takeRetainedValue()
            state.finishedResponse.withLock { $0 = response }
            MHD_resume_connection(handoff.connection)
        }
        if queued { return .YES }
        // The pool is closing (shutdown): serve this last request inline instead.
        handoff.state.release()
        state.suspended = false
        MHD_resume_connection(connection)
    }
    return queue(shared.handler.handle(request), on: connection)
}

/// A suspended connection and its request state, handed to a pool thread. `@unchecked
/// Sendable`: while suspended, libmicrohttpd does not touch the connection (and cannot free
/// it), and the state is retained here; the pool thread only stores the response (under the
/// state's lock) and calls MHD_resume_connection, which is thread-safe with MHD_USE_ITC.
private struct SuspendedRequest: @unchecked Sendable {
    let connection: OpaquePointer
    let state: Unmanaged<RequestState>
}

/// Hands a response to libmicrohttpd.
private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    let mhdResponse: OpaquePointer?
    if let stream = response.stream {
        let source = Unmanaged.passRetained(StreamSource(stream)).toOpaque()
        // UInt64.max is MHD_SIZE_UNKNOWN: the body goes out chunked.
        mhdResponse = MHD_create_response_from_callback(UInt64.max, 64 * 1024, readStream, source, releaseStream)
        if mhdResponse == nil { Unmanaged<StreamSource>.fromOpaque(source).release() }
    } else {
        mhdResponse = response.body.withUnsafeBytes { raw in
            MHD_create_response_from_buffer(
                raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), .RESPMEM_MUST_COPY)
        }
    }
    guard let mhdResponse else { return .NO }
    defer { MHD_destroy_response(mhdResponse) }
    for (name, value) in response.headers {
        _ = MHD_add_response_header(mhdResponse, name, value)
    }
    return MHD_queue_response(connection, UInt32(response.status), mhdResponse)
}

/// Why a request's headers are refused before its body is read, if they are: framing that is
/// ambiguous (both `Content-Length` and `Transfer-Encoding`, a request-smuggling vector), and
/// what libmicrohttpd 0.9.75 lets through although HTTP/1.1 forbids it (RFC 9112 §5, §6;
/// RFC 9110 §5.5, §7.2): a NUL or whitespace in a header name, a NUL in a value, a repeated
/// `Content-Length` (two lengths: another smuggling vector) or `Host`, and a
/// `Transfer-Encoding` other than chunked (which it would wait on until the timeout).
private func protocolProblem(_ collector: ValueCollector) -> HTTPError? {
    var contentLengths = 0
    var hosts = 0
    var transferEncodings = 0
    // The first problem of a single header, in arrival order; reported after the two above.
    var headerProblem: HTTPError?
    for (name, value) in collector.values {
        if name.isEmpty || name.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7f }) {
            headerProblem = headerProblem ?? .badRequest("A header name contains whitespace or a control character.")
            continue
        }
        switch name.lowercased() {
        case "content-length": contentLengths += 1
        case "host": hosts += 1
        case "transfer-encoding":
            transferEncodings += 1
            if value.trimmingCharacters(in: .whitespaces).lowercased() != "chunked" {
                headerProblem = headerProblem ?? .unsupportedTransferCoding()
            }
        default: break
        }
    }
    if contentLengths > 0, transferEncodings > 0 { return .ambiguousFraming() }
    if collector.sawNUL { return .badRequest("A header contains a NUL byte.") }
    if let headerProblem { return headerProblem }
    if contentLengths > 1 { return .badRequest("A request may carry one Content-Length header.") }
    if hosts > 1 { return .badRequest("A request may carry one Host header.") }
    return nil
}

/// Every request header with its exact length (a NUL inside is noticed, not cut off).
private func collectHeaders(_ connection: OpaquePointer) -> ValueCollector {
    let collector = ValueCollector()
    _ = MHD_get_connection_values_n(
        connection, .HEADER_KIND, collectValueN, Unmanaged.passUnretained(collector).toOpaque())
    return collector
}

private func collectValueN(
    _ cls: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind, _ key: UnsafePointer<CChar>?, _ keySize: Int,
    _ value: UnsafePointer<CChar>?, _ valueSize: Int
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let collector = Unmanaged<ValueCollector>.fromOpaque(cls).takeUnretainedValue()
    let name = UnsafeRawBufferPointer(start: key, count: keySize)
    let bytes =
        value.map { UnsafeRawBufferPointer(start: $0, count: valueSize) }
        ?? UnsafeRawBufferPointer(start: nil, count: 0)
    if name.contains(0) || bytes.contains(0) { collector.sawNUL = true }
    collector.values.append((String(decoding: name, as: UTF8.self), String(decoding: bytes, as: UTF8.self)))
    return .YES
}

private func header(_ connection: OpaquePointer, _ name: String) -> String? {
    MHD_lookup_connection_value(connection, .HEADER_KIND, name).map { String(cString: $0) }
}

/// Collects every (key, value) of one kind (headers or query arguments) in arrival order.
private func values(_ connection: OpaquePointer, _ kind: MHD_ValueKind) -> [(name: String, value: String)] {
    let collector = ValueCollector()
    let context = Unmanaged.passUnretained(collector).toOpaque()
    _ = MHD_get_connection_values(connection, kind, collectValue, context)
    return collector.values
}

private final class ValueCollector {
    var values: [(name: String, value: String)] = []
    var sawNUL = false
}

private func collectValue(
    _ cls: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind, _ key: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let collector = Unmanaged<ValueCollector>.fromOpaque(cls).takeUnretainedValue()
    collector.values.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return .YES
}

private func clientAddress(_ connection: OpaquePointer) -> String? {
    var buffer = [CChar](repeating: 0, count: 64)
    guard clawb_mhd_client_address(connection, &buffer, buffer.count) == 0 else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A body stream with the part of its last chunk not yet copied out.
private final class StreamSource {
    let stream: any HTTPBodyStream
    var pending: [UInt8] = []
    var offset = 0

    init(_ stream: any HTTPBodyStream) { self.stream = stream }
}

/// libmicrohttpd asks for up to `max` bytes. Never returns 0 (which some threading modes
/// treat as "try again"): it pulls chunks until it has bytes or the stream ends.
private func readStream(
    _ cls: UnsafeMutableRawPointer?, _ position: UInt64, _ buffer: UnsafeMutablePointer<CChar>?, _ max: Int
)
    -> Int
{
    guard let cls, let buffer, max > 0 else { return -2 }
    let source = Unmanaged<StreamSource>.fromOpaque(cls).takeUnretainedValue()
    while source.offset >= source.pending.count {
        do {
            guard let next = try source.stream.nextChunk() else { return -1 }  // end of stream
            source.pending = next
            source.offset = 0
        } catch {
            return -2  // end with error: the connection is closed
        }
    }
    let count = min(max, source.pending.count - source.offset)
    source.pending.withUnsafeBytes { raw in
        UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + source.offset, byteCount: count)
    }
    source.offset += count
    return count
}

private func releaseStream(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    Unmanaged<StreamSource>.fromOpaque(cls).release()
}
