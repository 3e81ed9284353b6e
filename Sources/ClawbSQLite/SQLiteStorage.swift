import CSQLite
import ClawbCore
import Foundation

/// The embedded default store: one SQLite database in WAL mode, one writer thread with group
/// commit, and a pool of parallel readers.
public final class SQLiteStorage: Storage {
    /// How durable a commit is before the caller is answered.
    public enum Durability: String, Sendable, CaseIterable {
        /// `synchronous=FULL`: every group commit is fsynced; survives power loss.
        case full
        /// `synchronous=NORMAL`: survives a process crash (kill -9), may lose the last commits
        /// on power loss or an OS crash.
        case normal
    }

    public struct Options: Sendable {
        public var durability: Durability = .full
        public var readerConnections: Int = 8
        /// Most jobs one group commit takes.
        public var maxBatch: Int = 256
        public init() {}
    }

    private let writer: SQLiteWriter
    private let readers: SQLiteReaderPool
    public let path: String

    /// Opens (or creates) the database at `path` and applies pending migrations.
    /// `onCommit` observes each group commit (size, seconds) for metrics.
    public init(
        path: String, options: Options = Options(),
        onCommit: @escaping @Sendable (Int, Double) -> Void = { _, _ in }
    ) throws {
        self.path = path
        do {
            let connection = try SQLiteConnection(path: path, readOnly: false)
            try connection.execute("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA synchronous = \(options.durability == .full ? "FULL" : "NORMAL")")
            try SQLiteMigrations.apply(on: connection)
            writer = SQLiteWriter(connection: connection, maxBatch: options.maxBatch, onCommit: onCommit)
        } catch let error as SQLiteError {
            throw error.asThrowable
        }
        readers = SQLiteReaderPool(path: path, size: max(1, options.readerConnections))
    }

    public func read<T: Sendable>(_ body: (any StorageReader) throws -> T) throws -> T {
        try readers.read(body)
    }

    @discardableResult
    public func write<T: Sendable>(_ body: @Sendable (any StorageWriter) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { escapable in
            let box = ResultBox<T>()
            try writer.perform(SQLiteWriter.Job { transaction in box.value = try escapable(transaction) })
            guard let value = box.value else {
                throw SQLiteError(code: 1, message: "write finished without a result", context: "write")
            }
            return value
        }
    }

    /// Bytes SQLite holds in this process now (page caches, statements, schema): how much of
    /// the server's memory is SQLite's, bounded by each connection's cache size.
    public static var memoryUsedBytes: Int64 { sqlite3_memory_used() }

    public func checkReady() throws {
        let version = try readers.read { transaction in
            try transaction.connection.statement("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").bind([])
                .firstRow { $0.int64(0) } ?? 0
        }
        guard version == SQLiteMigrations.latestVersion else {
            throw DomainError(.storageUnavailable, "Storage migrations are not complete.")
        }
    }

    public func close() {
        writer.close()
        readers.close()
    }
}

/// Carries a write body's result from the writer thread to the caller. `@unchecked Sendable`:
/// written before the job's semaphore is signalled, read after it is waited on.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
