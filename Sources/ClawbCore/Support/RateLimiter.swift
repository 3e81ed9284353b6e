import Synchronization

/// Token buckets keyed by a string (a client address, a workspace): `capacity` requests at
/// once, refilled at `perMinute` a minute. In memory, per process; bounded in size.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Timestamp
    }

    private let capacity: Double
    private let refillPerMillisecond: Double
    private let clock: any Clock
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Most keys tracked; beyond it, full buckets are forgotten first (they carry no state).
    static let maxKeys = 100_000

    public init(perMinute: Int, burst: Int? = nil, clock: any Clock) {
        capacity = Double(max(1, burst ?? perMinute))
        refillPerMillisecond = Double(max(1, perMinute)) / 60_000
        self.clock = clock
    }

    /// Takes one token for `key`. Nil when allowed; otherwise the whole seconds to wait.
    public func acquire(_ key: String) -> Int? {
        let now = clock.now()
        return buckets.withLock { buckets -> Int? in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = Double(max(0, now.milliseconds - bucket.updated.milliseconds))
            bucket.tokens = min(capacity, bucket.tokens + elapsed * refillPerMillisecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / refillPerMillisecond / 1000).rounded(.up)))
            }
            bucket.tokens -= 1
            if buckets.count >= Self.maxKeys, buckets[key] == nil {
                buckets = buckets.filter { $0.value.tokens < capacity - 1 }
            }
            buckets[key] = bucket
            return nil
        }
    }
}
