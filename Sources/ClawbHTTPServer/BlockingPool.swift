import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads for request handlers that may block (on a database commit), so that
/// libmicrohttpd's few polling workers never wait on storage. Jobs run in arrival order.
final class BlockingPool: Sendable {
    private struct Queue {
        /// Taken jobs are set to nil at once: a job holds its request (body included) until
        /// it is released, and keeping up to 1,024 finished ones between compactions held
        /// ~1 MB for nothing (valgrind memcheck under the soak load).
        var jobs: [(@Sendable () -> Void)?] = []
        var head = 0
        var closed = false
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)
    private let finished: DispatchSemaphore
    let threadCount: Int

    init(threads: Int) {
        threadCount = threads
        finished = DispatchSemaphore(value: 0)
        for index in 0..<threads {
            let thread = Thread { [self] in self.work() }
            thread.name = "clawb-handler-\(index)"
            thread.start()
        }
    }

    /// Queues `job`; false (and nothing queued) once the pool is closing, so the caller runs
    /// the work itself rather than leaving it unrun.
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let accepted = queue.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Lets queued jobs finish, then stops every thread.
    func close() {
        queue.withLock { $0.closed = true }
        for _ in 0..<threadCount { available.signal() }
        for _ in 0..<threadCount { finished.wait() }
    }

    private func work() {
        while true {
            available.wait()
            let next = queue.withLock { state -> (@Sendable () -> Void)? in
                guard state.head < state.jobs.count else { return nil }
                let job = state.jobs[state.head]
                state.jobs[state.head] = nil
                state.head += 1
                // Compact now and then so the array does not grow forever.
                if state.head > 1024, state.head * 2 > state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                return job
            }
            if let next {
                next()
                continue
            }
            if queue.withLock({ $0.closed }) {
                finished.signal()
                return
            }
        }
    }
}
