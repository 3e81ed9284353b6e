import ClawbJSON
import Foundation
import Glibc
import Synchronization

/// A small structured logger: one JSON object per line on a sink (stderr by default).
///
/// A value type carried by the request context, so metadata added for a request (`request.id`)
/// stays with that request. Messages are constants; variable data goes in dotted metadata keys.
/// Callers must never put a secret in metadata; nothing here can tell a secret from a value.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error

        public var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }

        public init?(name: String) {
            guard let level = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
            self = level
        }

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public var level: Level
    /// Fields on every line of this logger (e.g. `request.id`), in the order added.
    public private(set) var metadata: [(key: String, value: String)]
    let sink: any LogSink

    public init(
        level: Level = .info, metadata: KeyValuePairs<String, String> = [:],
        sink: any LogSink = StandardErrorSink.shared
    ) {
        self.level = level
        self.metadata = metadata.map { ($0.key, $0.value) }
        self.sink = sink
    }

    /// Adds a field to every later line of this logger.
    public mutating func add(_ key: String, _ value: String) {
        metadata.append((key, value))
    }

    /// Writes `{"ts","level","msg", metadata..., extra...}` as one line. Rendered straight
    /// into bytes, without dictionaries: this runs for every request (the access log), and the
    /// dictionary-and-encoder version cost about a quarter of a cheap request's throughput.
    public func log(_ level: Level, _ message: String, _ extra: KeyValuePairs<String, String> = [:]) {
        guard level >= self.level else { return }
        var line: [UInt8] = []
        line.reserveCapacity(320)
        line.append(contentsOf: #"{"ts":""#.utf8)
        Self.appendTimestamp(to: &line)
        line.append(contentsOf: #"","level":""#.utf8)
        line.append(contentsOf: level.name.utf8)
        line.append(contentsOf: #"","msg":"#.utf8)
        JSONText.appendString(message, to: &line)
        for (key, value) in metadata { JSONLine.appendField(key, value, to: &line) }
        for (key, value) in extra { JSONLine.appendField(key, value, to: &line) }
        line.append(UInt8(ascii: "}"))
        line.append(UInt8(ascii: "\n"))
        sink.write(Data(line))
    }

    public func debug(_ message: String, _ extra: KeyValuePairs<String, String> = [:]) { log(.debug, message, extra) }
    public func info(_ message: String, _ extra: KeyValuePairs<String, String> = [:]) { log(.info, message, extra) }
    public func warning(_ message: String, _ extra: KeyValuePairs<String, String> = [:]) {
        log(.warning, message, extra)
    }
    public func error(_ message: String, _ extra: KeyValuePairs<String, String> = [:]) { log(.error, message, extra) }

    /// `2026-12-04T20:02:36.374Z` from `clock_gettime` and `gmtime_r`, written digit by digit.
    static func appendTimestamp(to out: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
                remaining %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        out.append(UInt8(ascii: "."))
        digits(now.tv_nsec / 1_000_000, 3)
        out.append(UInt8(ascii: "Z"))
    }
}

/// Where log lines go.
public protocol LogSink: Sendable {
    func write(_ line: Data)
}

/// Writes whole lines to standard error with one `write(2)` each, so concurrent lines never
/// interleave (lines are far below PIPE_BUF).
public final class StandardErrorSink: LogSink {
    public static let shared = StandardErrorSink()

    public func write(_ line: Data) {
        line.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(2, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// Keeps lines in memory; for tests that assert what was (and was not) logged.
public final class MemoryLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    public init() {}

    public func write(_ line: Data) {
        storage.withLock { $0.append(String(decoding: line, as: UTF8.self)) }
    }

    public var lines: [String] { storage.withLock { $0 } }
}
