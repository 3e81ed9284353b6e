import ClawbCore
import Dispatch
import Synchronization

/// Read-only connections handed to one reader at a time. In WAL mode readers never block the
/// writer or each other; the pool only bounds how many connections exist.
final class SQLiteReaderPool: Sendable {
    private let path: String
    private let idle = Mutex<[SQLiteConnection]>([])
    private let slots: DispatchSemaphore
    private let closed = Atomic<Bool>(false)

    init(path: String, size: Int) {
        self.path = path
        self.slots = DispatchSemaphore(value: size)
    }

    /// Runs `body` with a connection inside a read transaction (one consistent snapshot).
    func read<T>(_ body: (SQLiteTransaction) throws -> T) throws -> T {
        guard !closed.load(ordering: .acquiring) else {
            throw DomainError(.storageUnavailable, "Storage is shutting down.")
        }
        slots.wait()
        defer { slots.signal() }
        let connection = try idle.withLock { $0.popLast() } ?? SQLiteConnection(path: path, readOnly: true)
        defer { idle.withLock { $0.append(connection) } }
        do {
            // Prepared once per connection: sqlite3_exec would parse the SQL on every read.
            try connection.statement("BEGIN").bind([]).run()
            defer { try? connection.statement("COMMIT").bind([]).run() }
            return try body(SQLiteTransaction(connection: connection))
        } catch let error as SQLiteError {
            throw error.asThrowable
        }
    }

    func close() {
        closed.store(true, ordering: .releasing)
        idle.withLock { $0.removeAll() }
    }
}
