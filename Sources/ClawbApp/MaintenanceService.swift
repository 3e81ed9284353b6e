import ClawbAPI
import ClawbCore
import ClawbHTTP
import Dispatch
import Foundation
import Synchronization

/// Background housekeeping on a timer: prunes expired nonces, challenges, approvals and old
/// heartbeats, purges stale pending agents, and applies audit retention, in small batches (one
/// short write each), so it never pauses serving and never causes a burst of work at start-up;
/// then returns the allocator's free pages to the system.
public final class MaintenanceService: Service {
    public var name: String { "maintenance" }
    private let services: APIServices
    private let logger: Logger
    private let interval: Double
    private let stopping = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(false)

    private let auditRetentionDays: Int?

    public init(services: APIServices, logger: Logger, auditRetentionDays: Int?, intervalSeconds: Double = 60) {
        self.services = services
        self.auditRetentionDays = auditRetentionDays
        self.logger = logger
        self.interval = intervalSeconds
    }

    public func start() throws {
        running.store(true, ordering: .releasing)
        let thread = Thread { [self] in
            while stopping.wait(timeout: .now() + interval) == .timedOut {
                runOnce()
            }
            finished.signal()
        }
        thread.name = "clawb-maintenance"
        thread.start()
    }

    public func stop() {
        guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
        stopping.signal()
        finished.wait()
    }

    /// One pass; batches repeat while they come back full, up to a bound per pass.
    public func runOnce() {
        do {
            var removed = 0
            for _ in 0..<20 {
                var batch =
                    try services.signedRequests.pruneNonces() + services.agents.purgeStale()
                    + services.reputation.pruneNonces() + services.credentials.pruneExpired()
                    + services.checker.pruneApprovals() + services.heartbeats.prune()
                if let days = auditRetentionDays { batch += try services.audit.applyRetention(days: days) }
                removed += batch
                if batch == 0 { break }
            }
            if removed > 0 { logger.debug("maintenance.pruned", ["rows": String(removed)]) }
        } catch {
            logger.warning("maintenance.failed", ["error": "\(error)"])
        }
        // The allocator keeps freed pages in its per-thread arenas; without this the RSS creeps
        // up by fragmentation over hours of load although the memory in use is flat (the soak in
        // docs/benchmarks.md). One pass over a few MiB of free lists takes well under 1 ms.
        AllocatorMemory.trim()
    }
}
