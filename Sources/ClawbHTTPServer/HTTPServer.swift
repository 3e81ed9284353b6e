import CMicroHTTPD
import ClawbHTTP
import Dispatch
import Glibc
import Synchronization

/// The libmicrohttpd adapter: turns connections into `HTTPRequest`s for an `HTTPHandler` and
/// writes back its `HTTPResponse`s. It knows nothing of the domain.
///
/// Threading: libmicrohttpd runs `threads` worker threads, each with its own epoll loop; the
/// handler runs synchronously on the thread that owns the connection, so a request makes no
/// thread hop between the socket and the handler.
public final class HTTPServer: Sendable {
    private let configuration: HTTPServerConfiguration
    private let shared: ServerShared
    private let daemon = Mutex<DaemonHandle?>(nil)

    public init(configuration: HTTPServerConfiguration, handler: any HTTPHandler) {
        self.configuration = configuration
        self.shared = ServerShared(
            handler: handler, maxBodyBytes: configuration.maxBodyBytes, blockingThreads: configuration.blockingThreads)
    }

    /// The port actually bound (useful when configured with 0). 0 before `start`.
    public var port: UInt16 {
        daemon.withLock { $0.map { clawb_mhd_bound_port($0.pointer) } ?? 0 }
    }

    /// Connections open right now (idle keep-alive ones included). 0 before `start`.
    public var openConnections: Int {
        daemon.withLock { $0.map { Int(clawb_mhd_current_connections($0.pointer)) } ?? 0 }
    }

    /// Requests being served right now.
    public var inFlightRequests: Int { shared.inFlight.load(ordering: .relaxed) }

    /// Binds and starts serving. Throws `HTTPServerError` when the address cannot be used.
    public func start() throws {
        var address = sockaddr_in()
        guard clawb_make_ipv4_address(configuration.host, configuration.port, &address) == 0 else {
            throw HTTPServerError(message: "CLAWB_LISTEN host must be an IPv4 address, got \(configuration.host).")
        }
        let context = Unmanaged.passRetained(shared).toOpaque()
        let completed: MHD_RequestCompletedCallback = requestCompleted
        let pointer: OpaquePointer? = withUnsafeMutablePointer(to: &address) { addressPointer in
            var options: [MHD_OptionItem] = [
                .init(option: .SOCK_ADDR, value: 0, ptr_value: UnsafeMutableRawPointer(addressPointer)),
                .init(option: .THREAD_POOL_SIZE, value: max(1, configuration.threads), ptr_value: nil),
                .init(option: .CONNECTION_LIMIT, value: configuration.connectionLimit, ptr_value: nil),
                .init(option: .PER_IP_CONNECTION_LIMIT, value: configuration.perAddressConnectionLimit, ptr_value: nil),
                .init(option: .CONNECTION_TIMEOUT, value: configuration.connectionTimeoutSeconds, ptr_value: nil),
                .init(
                    option: .CONNECTION_MEMORY_LIMIT, value: configuration.connectionMemoryLimitBytes, ptr_value: nil),
                .init(option: .NOTIFY_COMPLETED, value: unsafeBitCast(completed, to: Int.self), ptr_value: context),
                // Reject what HTTP/1.1 forbids (no Host, spaces in header names, bare LF).
                .init(option: .STRICT_FOR_CLIENT, value: 1, ptr_value: nil),
                .init(option: .LISTEN_BACKLOG_SIZE, value: 1024, ptr_value: nil),
                .init(option: .END, value: 0, ptr_value: nil),
            ]
            let flags =
                MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ITC.rawValue
                | MHD_ALLOW_SUSPEND_RESUME.rawValue
            return options.withUnsafeMutableBufferPointer { items in
                clawb_mhd_start(UInt32(flags), accessHandler, context, items.baseAddress)
            }
        }
        guard let pointer else {
            Unmanaged<ServerShared>.fromOpaque(context).release()
            throw HTTPServerError(
                message:
                    "Could not listen on \(configuration.host):\(configuration.port) (address in use or not permitted)."
            )
        }
        daemon.withLock { $0 = DaemonHandle(pointer: pointer, context: context) }
    }

    /// Stops accepting connections, lets in-flight requests finish for up to the grace period,
    /// waits for writes already running on the blocking pool (they are never cut off halfway),
    /// then closes every connection. Safe to call more than once.
    public func shutdown() {
        guard
            let handle = daemon.withLock({ current -> DaemonHandle? in
                defer { current = nil }
                return current
            })
        else { return }
        let listener = MHD_quiesce_daemon(handle.pointer)
        if listener >= 0 { close(listener) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(configuration.shutdownGraceSeconds * 1e9)
        while shared.inFlight.load(ordering: .acquiring) > 0, DispatchTime.now().uptimeNanoseconds < deadline {
            usleep(5_000)
        }
        // Writes still running on the pool must finish and resume their connections before the
        // daemon frees those connections; a write never outlives the server.
        shared.blockingPool?.close()
        MHD_stop_daemon(handle.pointer)
        Unmanaged<ServerShared>.fromOpaque(handle.context).release()
    }
}

/// A failure to start listening, with one sentence for the operator.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The daemon pointer and the retained context passed to callbacks. `@unchecked Sendable`:
/// the pointer is only used under `HTTPServer.daemon`'s lock, and libmicrohttpd's daemon
/// functions used on it (info, quiesce, stop) are thread-safe.
struct DaemonHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let context: UnsafeMutableRawPointer
}

/// State shared by every worker thread. Immutable but for an atomic counter.
final class ServerShared: Sendable {
    let handler: any HTTPHandler
    let maxBodyBytes: Int
    let inFlight = Atomic<Int>(0)
    /// Where requests that may write run; nil runs everything inline.
    let blockingPool: BlockingPool?

    init(handler: any HTTPHandler, maxBodyBytes: Int, blockingThreads: Int) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.blockingPool = blockingThreads > 0 ? BlockingPool(threads: blockingThreads) : nil
    }
}

/// One request's state across the access-handler calls of its connection thread.
final class RequestState {
    /// Set while the handler runs on the blocking pool with the connection suspended.
    var suspended = false
    /// Written by the pool thread, read by libmicrohttpd's thread after the resume.
    let finishedResponse = Mutex<HTTPResponse?>(nil)
    var body: [UInt8] = []
    var bytesReceived = 0
    var bodyLimitExceeded = false
    var protocolError: HTTPError?
    /// Read once, at the first call (headers complete), for the checks and the request.
    var headers: [(name: String, value: String)] = []
    var responded = false
}
