import Dispatch
import Foundation
import Synchronization

/// Batches log lines and writes them to `target` from a background thread: every
/// `flushInterval`, or sooner once `flushThreshold` bytes are waiting.
///
/// Why: one `write(2)` per request cost about a quarter of the throughput of a cheap request
/// (docs/benchmarks.md). The price is that a crash (kill -9) can lose the last
/// `flushInterval` of log lines; the audit log, written in the same transaction as each change,
/// is the durable record, never the process log. The buffer is bounded: when the target cannot
/// keep up and `maxBufferBytes` are waiting, new lines are dropped and counted, and the count is
/// logged at the next flush.
public final class BufferedLogSink: LogSink {
    private struct State {
        var buffer = Data()
        var dropped = 0
        var closed = false
    }

    private let target: any LogSink
    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let flushInterval: Double
    private let flushThreshold: Int
    private let maxBufferBytes: Int

    public init(
        target: any LogSink = StandardErrorSink.shared, flushInterval: Double = 0.2,
        flushThreshold: Int = 64 * 1024, maxBufferBytes: Int = 4 * 1024 * 1024
    ) {
        self.target = target
        self.flushInterval = flushInterval
        self.flushThreshold = flushThreshold
        self.maxBufferBytes = maxBufferBytes
        let thread = Thread { [self] in self.run() }
        thread.name = "clawb-log-writer"
        thread.start()
    }

    public func write(_ line: Data) {
        let (accepted, shouldWake) = state.withLock { state -> (Bool, Bool) in
            guard !state.closed else { return (false, false) }
            guard state.buffer.count + line.count <= maxBufferBytes else {
                state.dropped += 1
                return (true, false)
            }
            state.buffer.append(line)
            return (true, state.buffer.count >= flushThreshold)
        }
        if !accepted { target.write(line) }
        if shouldWake { wakeUp.signal() }
    }

    /// Writes everything buffered and stops the writer thread; later lines go straight to the
    /// target.
    public func close() {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        wakeUp.signal()
        finished.wait()
    }

    private func run() {
        while true {
            _ = wakeUp.wait(timeout: .now() + flushInterval)
            let (pending, dropped, closed) = state.withLock { state -> (Data, Int, Bool) in
                defer {
                    state.buffer = Data()
                    state.dropped = 0
                }
                return (state.buffer, state.dropped, state.closed)
            }
            if !pending.isEmpty { target.write(pending) }
            if dropped > 0 {
                target.write(
                    Data(JSONLine.render(["level": "warning", "msg": "log.lines_dropped", "count": String(dropped)])))
            }
            if closed {
                finished.signal()
                return
            }
        }
    }
}
