import Foundation

/// Where the domain reads the time. Injected so tests can move time without sleeping.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// The wall clock.
public struct SystemClock: Clock {
    public init() {}

    public func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
