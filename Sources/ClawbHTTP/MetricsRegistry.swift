import Synchronization

/// Counters, gauges and histograms rendered in the Prometheus text format (0.0.4) by
/// `GET /api/metrics`.
///
/// Families are declared up front with their help text, type and label names. Label values
/// come from closed sets (route patterns, status codes, decisions, error codes), and each
/// family holds at most `maxSeriesPerFamily` series: beyond it new label values are counted
/// under `other`, so a client can never grow the registry.
public final class MetricsRegistry: Sendable {
    public enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    struct Family: Sendable {
        let name: String
        let help: String
        let kind: Kind
        let labelNames: [String]
        let buckets: [Double]
    }

    struct Series: Sendable {
        var value: Double = 0
        var bucketCounts: [UInt64] = []
        var sum: Double = 0
        var count: UInt64 = 0
    }

    public static let maxSeriesPerFamily = 500
    /// Seconds, for request and commit latencies.
    public static let latencyBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    ]

    private let families = Mutex<[String: Family]>([:])
    private let order = Mutex<[String]>([])
    private let series = Mutex<[String: [[String]: Series]]>([:])
    private let gauges = Mutex<[String: @Sendable () -> Double]>([:])

    public init() {}

    public func declare(
        _ name: String, _ kind: Kind, help: String, labels: [String] = [], buckets: [Double] = latencyBuckets
    ) {
        let isNew = families.withLock { families -> Bool in
            guard families[name] == nil else { return false }
            families[name] = Family(name: name, help: help, kind: kind, labelNames: labels, buckets: buckets)
            return true
        }
        if isNew { order.withLock { $0.append(name) } }
    }

    /// A gauge read when rendered.
    public func gauge(_ name: String, help: String, _ read: @escaping @Sendable () -> Double) {
        declare(name, .gauge, help: help)
        gauges.withLock { $0[name] = read }
    }

    public func increment(_ name: String, _ labels: [String] = [], by amount: Double = 1) {
        update(name, labels) { $0.value += amount }
    }

    public func observe(_ name: String, _ labels: [String] = [], _ value: Double) {
        guard let buckets = families.withLock({ $0[name]?.buckets }) else { return }
        update(name, labels) { series in
            if series.bucketCounts.isEmpty { series.bucketCounts = Array(repeating: 0, count: buckets.count) }
            for (index, bound) in buckets.enumerated() where value <= bound { series.bucketCounts[index] += 1 }
            series.sum += value
            series.count += 1
        }
    }

    private func update(_ name: String, _ labels: [String], _ change: (inout Series) -> Void) {
        series.withLock { all in
            var key = labels
            if all[name]?[key] == nil, (all[name]?.count ?? 0) >= Self.maxSeriesPerFamily {
                key = labels.map { _ in "other" }
            }
            // Mutated in place: copying the family's dictionary per update would cost O(series).
            change(&all[name, default: [:]][key, default: Series()])
        }
    }

    /// The exposition text: `# HELP`, `# TYPE`, then each series sorted by labels.
    public func render() -> String {
        let declared = families.withLock { $0 }
        let snapshot = series.withLock { $0 }
        let readers = gauges.withLock { $0 }
        var out = ""
        for name in order.withLock({ $0 }) {
            guard let family = declared[name] else { continue }
            out += "# HELP \(name) \(family.help)\n# TYPE \(name) \(family.kind.rawValue)\n"
            if let read = readers[name] {
                out += "\(name) \(Self.format(read()))\n"
                continue
            }
            for (labels, value) in (snapshot[name] ?? [:]).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                let pairs = zip(family.labelNames, labels).map { "\($0)=\"\(Self.escape($1))\"" }
                switch family.kind {
                case .counter, .gauge:
                    out += "\(name)\(Self.braces(pairs)) \(Self.format(value.value))\n"
                case .histogram:
                    for (bound, count) in zip(family.buckets, value.bucketCounts) {
                        out += "\(name)_bucket\(Self.braces(pairs + ["le=\"\(Self.format(bound))\""])) \(count)\n"
                    }
                    out += "\(name)_bucket\(Self.braces(pairs + ["le=\"+Inf\""])) \(value.count)\n"
                    out += "\(name)_sum\(Self.braces(pairs)) \(Self.format(value.sum))\n"
                    out += "\(name)_count\(Self.braces(pairs)) \(value.count)\n"
                }
            }
        }
        return out
    }

    static func braces(_ pairs: [String]) -> String { pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}" }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
