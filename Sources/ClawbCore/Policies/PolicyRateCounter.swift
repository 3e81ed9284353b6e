import Synchronization

/// Counts allowed decisions per (workspace, policy, agent, limit) in fixed minute and day
/// windows, for a policy's `rate_limits`. In memory and per process: a restart forgets the
/// counts (docs/policies.md), and the number of tracked keys is bounded.
public final class PolicyRateCounter: Sendable {
    private struct Window {
        var minute: Int64 = -1
        var minuteCount = 0
        var day: Int64 = -1
        var dayCount = 0
    }

    private let clock: any Clock
    private let windows = Mutex<[String: Window]>([:])
    static let maxKeys = 200_000

    public init(clock: any Clock) { self.clock = clock }

    /// Counts one allowed decision against every limit in `limits`, or none of them when one
    /// is exhausted; then returns the whole seconds until that limit's window ends.
    public func take(_ limits: [PolicyRateLimit], key: String) -> Int? {
        guard !limits.isEmpty else { return nil }
        let now = clock.now().milliseconds
        let minute = now / 60_000
        let day = now / 86_400_000
        return windows.withLock { windows -> Int? in
            var updated: [(String, Window)] = []
            for limit in limits {
                let limitKey = key + "\u{1f}" + limit.action
                var window = windows[limitKey] ?? Window()
                if window.minute != minute { (window.minute, window.minuteCount) = (minute, 0) }
                if window.day != day { (window.day, window.dayCount) = (day, 0) }
                if let perMinute = limit.perMinute, window.minuteCount >= perMinute {
                    return Int(((minute + 1) * 60_000 - now + 999) / 1000)
                }
                if let perDay = limit.perDay, window.dayCount >= perDay {
                    return Int(((day + 1) * 86_400_000 - now + 999) / 1000)
                }
                window.minuteCount += 1
                window.dayCount += 1
                updated.append((limitKey, window))
            }
            if windows.count >= Self.maxKeys {
                // Windows of a past day carry nothing; drop them first.
                windows = windows.filter { $0.value.day == day }
            }
            for (limitKey, window) in updated { windows[limitKey] = window }
            return nil
        }
    }
}
