import ClawbCore
import Synchronization

/// A clock tests move by hand, so expiry is tested without sleeping.
public final class TestClock: Clock {
    private let current: Mutex<Int64>

    public init(milliseconds: Int64 = 1_790_000_000_000) {
        current = Mutex(milliseconds)
    }

    public func now() -> Timestamp { Timestamp(milliseconds: current.withLock { $0 }) }

    public func advance(seconds: Int64) {
        current.withLock { $0 += seconds * 1000 }
    }
}
