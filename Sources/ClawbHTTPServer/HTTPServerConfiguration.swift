/// Limits and sizing of the HTTP listener. Every limit has a finite default.
public struct HTTPServerConfiguration: Sendable {
    /// IPv4 address to listen on.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free one (tests).
    public var port: UInt16 = 8080
    /// libmicrohttpd worker threads, each with its own epoll loop. Handlers run on them
    /// synchronously.
    public var threads: Int = 2
    /// Threads that run requests which may write (every method but GET and HEAD), with the
    /// connection suspended meanwhile, so that many writes can wait in one group commit while
    /// the polling workers keep serving. 0 runs every request on the polling worker.
    public var blockingThreads: Int = 64
    /// Largest request body accepted; larger ones get 413 without being read.
    public var maxBodyBytes: Int = 64 * 1024
    /// Open connections at most; beyond it new connections wait in the kernel backlog.
    public var connectionLimit: Int = 1024
    /// Open connections per client address at most (0: no limit).
    public var perAddressConnectionLimit: Int = 256
    /// Seconds a connection may stay idle (or dribble a request) before it is closed.
    public var connectionTimeoutSeconds: Int = 30
    /// Memory per connection for the request line and headers; beyond it, 431.
    public var connectionMemoryLimitBytes: Int = 32 * 1024
    /// How long shutdown waits for in-flight requests before closing anyway.
    public var shutdownGraceSeconds: Double = 10

    public init() {}
}
