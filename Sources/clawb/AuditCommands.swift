import ClawbClient
import ClawbJSON
import ClawbWire
import Foundation
import Glibc
import Synchronization

/// The audit filters shared by `audit events` and `audit export`.
struct AuditFilterOptions {
    var values: [String: String] = [:]

    init(arguments: inout ArgumentReader) throws {
        for (flag, key) in [
            ("--agent-id", "agent_id"), ("--event-type", "event_type"), ("--action", "action"),
            ("--decision", "decision"), ("--trace-id", "trace_id"), ("--start-ms", "start_ms"),
            ("--end-ms", "end_ms"),
        ] {
            if let value = try arguments.option(flag) { values[key] = value }
        }
    }

    static let usage =
        "[--agent-id A] [--event-type T] [--action X] [--decision D] [--trace-id T] [--start-ms MS] [--end-ms MS]"

    var asJSON: [String: JSONValue] { values.mapValues { .string($0) } }
}

struct AuditEventsCommand: Command {
    static let words = ["audit", "events"]
    static let abstract = "List audit events, newest first; --follow prints new ones as they arrive."
    static let usage = "clawb audit events \(AuditFilterOptions.usage) [--limit N] [--follow] [--json]"

    let filters: AuditFilterOptions
    let limit: String?
    let follow: Bool
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        filters = try AuditFilterOptions(arguments: &arguments)
        limit = try arguments.option("--limit")
        follow = arguments.flag("--follow")
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let client = try environment.workspaceClient()
        var query = filters.values
        query["limit"] = limit ?? (follow ? "20" : "50")
        let page = try await client.auditEvents(query)
        guard follow else {
            if json { return Output.json(page) }
            return Output.table(Self.header, page.items.map(Self.row))
        }
        // Follow: show the latest events oldest first, then poll for newer ones every 2 s.
        if !json { Output.table(Self.header, []) }
        var last = page.items.first?.sequence ?? 0
        page.items.reversed().forEach(print(_:))
        query["limit"] = "200"
        while true {
            try await Task.sleep(nanoseconds: 2_000_000_000)
            var fresh: [AuditEventBody] = []
            var cursor: String?
            repeat {  // walk back until reaching what was already printed
                var pageQuery = query
                if let cursor { pageQuery["cursor"] = cursor }
                let page = try await client.auditEvents(pageQuery)
                fresh += page.items.filter { $0.sequence > last }
                cursor = page.items.last.map { $0.sequence > last + 1 } == true ? page.nextCursor : nil
            } while cursor != nil
            fresh.sorted { $0.sequence < $1.sequence }.forEach(print(_:))
            last = max(last, fresh.map(\.sequence).max() ?? last)
        }
    }

    private func print(_ event: AuditEventBody) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            Output.line(String(decoding: (try? encoder.encode(event)) ?? Data(), as: UTF8.self))
        } else {
            Output.line(Self.row(event).joined(separator: "  "))
        }
    }

    static let header = ["SEQ", "CREATED", "EVENT", "AGENT", "ACTION", "DECISION", "ACTOR"]

    static func row(_ event: AuditEventBody) -> [String] {
        [
            String(event.sequence), event.createdAt, event.eventType, event.agentID ?? "-", event.action ?? "-",
            event.decision ?? "-", event.actor.type + (event.actor.id.map { ":" + $0 } ?? ""),
        ]
    }
}

struct AuditExportCommand: Command {
    static let words = ["audit", "export"]
    static let abstract = "Export audit events to stdout (ndjson streams everything; progress on stderr)."
    static let usage =
        "clawb audit export [--format ndjson|csv|json (default ndjson)] \(AuditFilterOptions.usage) [--limit N]"

    let format: String
    let filters: AuditFilterOptions
    let limit: Int?

    init(arguments: inout ArgumentReader) throws {
        format = try arguments.option("--format") ?? "ndjson"
        guard ["ndjson", "csv", "json"].contains(format) else {
            throw UsageError("--format must be ndjson, csv or json.")
        }
        filters = try AuditFilterOptions(arguments: &arguments)
        if let text = try arguments.option("--limit") {
            guard let value = Int(text), format != "ndjson" else {
                throw UsageError("--limit is a whole number, for csv and json (ndjson exports everything).")
            }
            limit = value
        } else {
            limit = nil
        }
    }

    func run(environment: CLIEnvironment) async throws {
        let client = try environment.workspaceClient()
        guard format == "ndjson" else {
            let data = try await client.auditExport(format: format, filters: filters.asJSON, limit: limit)
            if format == "csv", let body = try? JSONDecoder().decode(AuditCSVExportResponse.self, from: data) {
                FileHandle.standardOutput.write(Data(body.csv.utf8))
            } else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
            return
        }
        let progress = ExportProgress(interactive: isatty(2) == 1)
        try await client.streamAuditExport(filters: filters.asJSON) { data in
            FileHandle.standardOutput.write(data)
            progress.add(data)
        }
        progress.finish()
    }
}

/// Counts exported lines and reports on stderr: a live counter on a terminal, one summary
/// line otherwise (so logs of scripted exports stay clean).
final class ExportProgress: Sendable {
    private let state = Mutex((events: 0, lastReport: Date.distantPast))
    private let interactive: Bool

    init(interactive: Bool) { self.interactive = interactive }

    func add(_ data: Data) {
        let newlines = data.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        state.withLock { state in
            state.events += newlines
            if interactive, Date().timeIntervalSince(state.lastReport) > 0.5 {
                state.lastReport = Date()
                FileHandle.standardError.write(Data("\rexported \(state.events) events".utf8))
            }
        }
    }

    func finish() {
        let events = state.withLock { $0.events }
        FileHandle.standardError.write(Data(((interactive ? "\r" : "") + "exported \(events) events\n").utf8))
    }
}

struct AuditVerifyCommand: Command {
    static let words = ["audit", "verify"]
    static let abstract = "Recompute your workspace's audit hash chain; exit 1 if a link is broken."
    static let usage = "clawb audit verify [--json]"

    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let result = try await environment.workspaceClient().auditVerify()
        if json {
            Output.json(result)
        } else if result.intact {
            Output.line("intact: \(result.eventsChecked) events checked, head \(result.head)")
        } else if let link = result.firstBrokenLink {
            Output.line(
                "BROKEN at event \(link.eventID) (sequence \(link.sequence)): \(link.problem); "
                    + "\(result.eventsChecked) events intact before it")
        }
        if !result.intact { throw CLIError("the audit chain is broken") }
    }
}
