import CSQLite
import ClawbCore

/// A failure reported by SQLite, with its result code and message. Only ever logged.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    let code: Int32
    let message: String
    let context: String

    var description: String { "SQLite error \(code) (\(context)): \(message)" }

    /// Failures that mean "storage cannot serve right now" (full disk, I/O trouble, contention
    /// beyond the busy timeout) become `storage_unavailable`; the rest stay internal errors.
    var asThrowable: any Error {
        switch code & 0xff {
        case SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_NOMEM,
            SQLITE_CORRUPT, SQLITE_NOTADB:
            DomainError(.storageUnavailable, "Storage is unavailable; try again shortly.", underlying: self)
        default:
            self
        }
    }
}
