import Foundation
import Synchronization

/// Starts child processes one at a time. swift-corelibs-foundation's `Process.run()` has a race
/// in its one-time setup (seen as a crash in `static Process.setup()` when several tests
/// launched processes at once); serialising the launch — not the run — avoids it.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    public static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
