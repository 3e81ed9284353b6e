import ClawbHTTP
import ClawbHTTPServer
import ClawbSQLite

/// The HTTP listener as a lifecycle service.
public struct HTTPServerService: Service {
    public let server: HTTPServer
    public var name: String { "http" }

    public init(server: HTTPServer) { self.server = server }

    public func start() throws { try server.start() }
    public func stop() { server.shutdown() }
}

/// Storage as a lifecycle service: opened by `buildApplication`, closed last.
public struct StorageService: Service {
    public let storage: SQLiteStorage
    public var name: String { "storage" }

    public init(storage: SQLiteStorage) { self.storage = storage }

    public func start() throws {}
    public func stop() { storage.close() }
}

/// The buffered log writer as a lifecycle service: listed first, so it stops last and the
/// lines of the shutdown itself are written.
public struct LogSinkService: Service {
    public let sink: BufferedLogSink
    public var name: String { "log" }

    public init(sink: BufferedLogSink) { self.sink = sink }

    public func start() throws {}
    public func stop() { sink.close() }
}
