/// Filters of an audit listing or export (API.md §6). Every field narrows; nil means "any".
public struct AuditFilter: Sendable, Equatable {
    public var start: Timestamp?
    public var end: Timestamp?
    public var agentID: String?
    public var eventType: AuditEvent.EventType?
    public var action: String?
    public var decision: String?
    public var traceID: String?

    public init(
        start: Timestamp? = nil, end: Timestamp? = nil, agentID: String? = nil, eventType: AuditEvent.EventType? = nil,
        action: String? = nil, decision: String? = nil, traceID: String? = nil
    ) {
        self.start = start
        self.end = end
        self.agentID = agentID
        self.eventType = eventType
        self.action = action
        self.decision = decision
        self.traceID = traceID
    }

    /// Builds a filter from wire strings, refusing malformed values with a code naming the field.
    public static func parse(
        startMs: String?, endMs: String?, agentID: String?, eventType: String?, action: String?,
        decision: String?, traceID: String?
    ) throws -> AuditFilter {
        func milliseconds(_ text: String?, _ field: String) throws -> Timestamp? {
            guard let text else { return nil }
            guard let value = Int64(text), value >= 0 else {
                throw DomainError(.invalidFilter, "\(field) must be unix milliseconds.", field: field)
            }
            return Timestamp(milliseconds: value)
        }
        func text(_ value: String?, _ field: String) throws -> String? {
            guard let value else { return nil }
            guard !value.isEmpty, value.count <= 256, TextRules.isPrintable(value) else {
                throw DomainError(.invalidFilter, "\(field) must be 1 to 256 printable characters.", field: field)
            }
            return value
        }
        var filter = AuditFilter(
            start: try milliseconds(startMs, "start_ms"), end: try milliseconds(endMs, "end_ms"),
            agentID: try text(agentID, "agent_id"), action: try text(action, "action"),
            decision: try text(decision, "decision"), traceID: try text(traceID, "trace_id"))
        if let eventType {
            guard let parsed = AuditEvent.EventType(rawValue: eventType) else {
                throw DomainError(.invalidFilter, "event_type is not a known event type.", field: "event_type")
            }
            filter.eventType = parsed
        }
        if let start = filter.start, let end = filter.end, start > end {
            throw DomainError(.invalidFilter, "start_ms must not be after end_ms.", field: "start_ms")
        }
        return filter
    }
}
