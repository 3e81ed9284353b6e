import ClawbCore
import ClawbSQLite
import ClawbTesting
import Foundation
import Synchronization
import Testing

@Suite("SQLite storage: transactions, group commit, migrations")
struct SQLiteStorageTests {
    static func workspace(_ name: String, at ms: Int64 = 1_700_000_000_000) -> Workspace {
        Workspace(
            id: .generate(at: Timestamp(milliseconds: ms)), name: name, mode: .test,
            createdAt: Timestamp(milliseconds: ms))
    }

    final class BatchLog: Sendable {
        let sizes = Mutex<[Int]>([])
    }

    static func open(_ directory: String, batches: BatchLog? = nil) throws -> SQLiteStorage {
        try SQLiteStorage(path: directory + "/db.sqlite3", options: .init()) { size, _ in
            batches?.sizes.withLock { $0.append(size) }
        }
    }

    @Test("a write is visible to later reads and survives reopening")
    func writeThenReopen() throws {
        let directory = try TemporaryDirectory.make()
        let created = Self.workspace("first")
        do {
            let storage = try Self.open(directory)
            try storage.write { try $0.insert(created) }
            #expect(try storage.read { try $0.workspace(id: created.id) } == created)
            storage.close()
        }
        let reopened = try Self.open(directory)
        defer { reopened.close() }
        #expect(try reopened.read { try $0.workspaces() } == [created])
        try reopened.checkReady()
    }

    @Test("a failing write keeps none of its changes and does not disturb its neighbours")
    func failureIsolation() throws {
        let directory = try TemporaryDirectory.make()
        let storage = try Self.open(directory)
        defer { storage.close() }
        let kept = Self.workspace("kept")
        let undone = Self.workspace("undone")
        struct Planned: Error {}
        try storage.write { try $0.insert(kept) }
        #expect(throws: Planned.self) {
            try storage.write { transaction in
                try transaction.insert(undone)
                throw Planned()
            }
        }
        // A constraint violation (same id twice) fails only that write.
        #expect(throws: (any Error).self) { try storage.write { try $0.insert(kept) } }
        #expect(try storage.read { try $0.workspaces() }.map { $0.name } == ["kept"])
    }

    @Test("concurrent writes are grouped into shared commits and every one is kept")
    func groupCommit() throws {
        let directory = try TemporaryDirectory.make()
        let batches = BatchLog()
        let storage = try Self.open(directory, batches: batches)
        defer { storage.close() }
        struct Planned: Error {}
        let count = 200
        let failures = Mutex(0)
        let group = DispatchGroup()
        // The first write holds the writer for a while, so the others pile up behind it and
        // must be committed together.
        let release = DispatchSemaphore(value: 0)
        group.enter()
        Thread {
            _ = try? storage.write { transaction in
                release.wait()
                try transaction.insert(Self.workspace("blocker"))
            }
            group.leave()
        }.start()
        for index in 0..<count {
            group.enter()
            Thread {
                do {
                    try storage.write { transaction in
                        try transaction.insert(Self.workspace("w\(index)", at: 1_700_000_000_000 + Int64(index)))
                        // Every tenth write fails after inserting; its row must vanish alone.
                        if index % 10 == 0 { throw Planned() }
                    }
                } catch {
                    failures.withLock { $0 += 1 }
                }
                group.leave()
            }.start()
        }
        usleep(300_000)
        release.signal()
        #expect(group.wait(timeout: .now() + 30) == .success)
        let names = Set(try storage.read { try $0.workspaces() }.map { $0.name })
        #expect(failures.withLock { $0 } == count / 10)
        #expect(names.count == count - count / 10 + 1)
        #expect(!names.contains("w0") && names.contains("w1") && names.contains("blocker"))
        let sizes = batches.sizes.withLock { $0 }
        #expect(sizes.reduce(0, +) == count + 1)
        // The writes queued behind the blocker share commits: far fewer commits than writes.
        #expect(sizes.count < count / 4, "group sizes: \(sizes)")
    }

    @Test("after close, writes and reads are refused with storage_unavailable")
    func closeRefuses() throws {
        let storage = try Self.open(try TemporaryDirectory.make())
        storage.close()
        do {
            try storage.write { try $0.insert(Self.workspace("late")) }
            Issue.record("write after close succeeded")
        } catch let error as DomainError {
            #expect(error.code == .storageUnavailable)
        }
        #expect(throws: DomainError.self) { try storage.read { try $0.workspaces() } }
    }
}
