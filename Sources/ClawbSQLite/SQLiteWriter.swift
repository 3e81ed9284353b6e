import ClawbCore
import Dispatch
import Foundation
import Synchronization

/// The single writer: one connection, one thread, and group commit.
///
/// Callers enqueue a job and block. The writer thread takes every job waiting (up to
/// `maxBatch`), runs them one after another inside one `BEGIN IMMEDIATE … COMMIT`, each under its
/// own savepoint so that a failing job is rolled back alone, then wakes every caller once the
/// commit has returned. Under load, one commit (and with `synchronous=FULL`, one fsync) serves
/// many requests; alone, a request pays for exactly one commit, with no added delay.
final class SQLiteWriter: Sendable {
    /// One caller's unit of work. `@unchecked Sendable`: `failure` is written by the writer
    /// thread before `done.signal()` and read by the caller after `done.wait()`, and the
    /// semaphore orders the two.
    final class Job: @unchecked Sendable {
        /// Cleared by the writer once run: the caller wraps a non-escaping closure with
        /// `withoutActuallyEscaping`, which must not outlive the caller's wait.
        private var body: ((SQLiteTransaction) throws -> Void)?
        let done = DispatchSemaphore(value: 0)
        var failure: (any Error)?

        func run(_ transaction: SQLiteTransaction) throws {
            let body = self.body
            self.body = nil
            try body?(transaction)
        }

        /// Drops the body of a job that will not run (its batch failed before reaching it).
        func discard() { body = nil }

        init(body: @escaping (SQLiteTransaction) throws -> Void) {
            self.body = body
        }
    }

    private struct Queue {
        var jobs: [Job] = []
        var closed = false
    }

    private let connection: SQLiteConnection
    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let maxBatch: Int
    private let onCommit: @Sendable (_ batchSize: Int, _ seconds: Double) -> Void

    init(connection: SQLiteConnection, maxBatch: Int, onCommit: @escaping @Sendable (Int, Double) -> Void) {
        self.connection = connection
        self.maxBatch = maxBatch
        self.onCommit = onCommit
        let thread = Thread { [self] in self.run() }
        thread.name = "clawb-sqlite-writer"
        thread.start()
    }

    /// Runs `job` in the next group and waits for its commit.
    func perform(_ job: Job) throws {
        let accepted = queue.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        guard accepted else {
            throw DomainError(.storageUnavailable, "Storage is shutting down.")
        }
        wakeUp.signal()
        job.done.wait()
        if let failure = job.failure { throw failure }
    }

    /// Lets queued jobs finish, then stops the thread. Jobs arriving later are refused.
    func close() {
        let first = queue.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        wakeUp.signal()
        stopped.wait()
    }

    private func run() {
        while true {
            wakeUp.wait()
            while true {
                let (batch, closed) = queue.withLock { state -> ([Job], Bool) in
                    let count = min(state.jobs.count, maxBatch)
                    let batch = Array(state.jobs.prefix(count))
                    state.jobs.removeFirst(count)
                    return (batch, state.closed)
                }
                if batch.isEmpty {
                    if closed {
                        stopped.signal()
                        return
                    }
                    break
                }
                commit(batch)
            }
        }
    }

    private func commit(_ batch: [Job]) {
        let started = DispatchTime.now().uptimeNanoseconds
        let transaction = SQLiteTransaction(connection: connection)
        do {
            try connection.statement("BEGIN IMMEDIATE").run()
            for job in batch {
                try connection.statement("SAVEPOINT job").run()
                do {
                    try job.run(transaction)
                    try connection.statement("RELEASE job").run()
                } catch {
                    job.failure = (error as? SQLiteError)?.asThrowable ?? error
                    try connection.statement("ROLLBACK TO job").run()
                    try connection.statement("RELEASE job").run()
                }
            }
            try connection.statement("COMMIT").run()
        } catch {
            // BEGIN, a savepoint or COMMIT failed: nothing of this batch is durable.
            try? connection.execute("ROLLBACK")
            let failure = (error as? SQLiteError)?.asThrowable ?? error
            for job in batch where job.failure == nil { job.failure = failure }
        }
        for job in batch { job.discard() }
        onCommit(batch.count, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        for job in batch { job.done.signal() }
    }
}
