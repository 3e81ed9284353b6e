import Foundation
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
    public var metadata: [String: String]
    let sink: any LogSink

    public init(level: Level = .info, metadata: [String: String] = [:], sink: any LogSink = StandardErrorSink.shared) {
        self.level = level
        self.metadata = metadata
        self.sink = sink
    }

    public func log(_ level: Level, _ message: String, _ extra: [String: String] = [:]) {
        guard level >= self.level else { return }
        var fields = metadata.merging(extra) { _, new in new }
        fields["level"] = level.name
        fields["msg"] = message
        fields["ts"] = Self.timestamp()
        guard var line = try? Self.encoder.encode(fields) else { return }
        line.append(UInt8(ascii: "\n"))
        sink.write(line)
    }

    public func debug(_ message: String, _ extra: [String: String] = [:]) { log(.debug, message, extra) }
    public func info(_ message: String, _ extra: [String: String] = [:]) { log(.info, message, extra) }
    public func warning(_ message: String, _ extra: [String: String] = [:]) { log(.warning, message, extra) }
    public func error(_ message: String, _ extra: [String: String] = [:]) { log(.error, message, extra) }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func timestamp() -> String {
        let formatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return Date().formatted(formatter)
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
