import ClawbCore
import ClawbHTTP
import ClawbWire

/// The workspace audit log: listing, export, verification (also under `/v1/provider/audit`).
enum AuditRoutes {
    static func register(on router: Router, services: APIServices) {
        let trail = services.audit
        for base in ["\(APIMount.prefix)/v1/workspace/audit", "\(APIMount.prefix)/v1/provider/audit"] {
            router.addAuthenticated("GET", "\(base)/events", authenticator: services.apiKeys) { request, context in
                let filter = try AuditFilter.parse(
                    startMs: request.queryValue("start_ms"), endMs: request.queryValue("end_ms"),
                    agentID: request.queryValue("agent_id"), eventType: request.queryValue("event_type"),
                    action: request.queryValue("action"), decision: request.queryValue("decision"),
                    traceID: request.queryValue("trace_id"))
                let page = try trail.page(
                    filter, limit: request.queryValue("limit"), cursor: request.queryValue("cursor"),
                    workspace: context.workspace.id)
                return JSONCoding.response(
                    AuditEventListResponse(
                        items: page.items.map(WireMapping.auditEvent),
                        nextCursor: page.nextCursor))
            }

            router.addAuthenticated("POST", "\(base)/export", authenticator: services.apiKeys) { request, context in
                let body = try JSONCoding.decode(AuditExportRequest.self, from: request)
                let filter = try exportFilter(body.filters ?? [:])
                switch body.format ?? "json" {
                case "ndjson":
                    let plan = try trail.planExport(filter, limit: nil, workspace: context.workspace.id)
                    var headers = HTTPHeaders()
                    headers.add("Content-Type", "application/x-ndjson")
                    return HTTPResponse(
                        status: 200, headers: headers, stream: AuditExportStream(trail: trail, plan: plan))
                case let format where format == "json" || format == "csv":
                    let limit = try PageLimit.parse(
                        body.limit.map(String.init), maximum: AuditTrail.maxExportLimit,
                        default: AuditTrail.defaultExportLimit)
                    let plan = try trail.planExport(filter, limit: limit, workspace: context.workspace.id)
                    var events: [AuditEvent] = []
                    while true {
                        let batch = try trail.exportBatch(
                            plan, after: events.last?.sequence ?? 0, alreadyReturned: events.count)
                        if batch.isEmpty { break }
                        events += batch
                    }
                    if format == "json" {
                        return JSONCoding.response(AuditJSONExportResponse(items: events.map(WireMapping.auditEvent)))
                    }
                    return JSONCoding.response(
                        AuditCSVExportResponse(
                            count: events.count, csv: AuditCSV.header + events.map(AuditCSV.row).joined()))
                default:
                    throw DomainError(.invalidFormat, "format must be json, csv or ndjson.", field: "format")
                }
            }

            router.addAuthenticated("GET", "\(base)/verify", authenticator: services.apiKeys) { _, context in
                let result = try trail.verify(workspace: context.workspace.id)
                let broken = result.brokenLink.map {
                    AuditVerifyResponse.BrokenLink(
                        eventID: $0.eventID.rawValue, sequence: $0.sequence, problem: $0.problem.rawValue)
                }
                return JSONCoding.response(
                    AuditVerifyResponse(
                        intact: result.isIntact, eventsChecked: result.eventsChecked,
                        head: result.head, firstBrokenLink: broken))
            }
        }
    }

    /// Export filters use the listing's keys; numbers are accepted where query strings are.
    static func exportFilter(_ filters: [String: JSONValue]) throws -> AuditFilter {
        func value(_ key: String) throws -> String? {
            switch filters[key] {
            case nil, .null: return nil
            case .string(let text): return text
            case .integer(let number): return String(number)
            default:
                throw DomainError(
                    .invalidFilter, "filters.\(key) must be a string or an integer.", field: "filters.\(key)")
            }
        }
        return try AuditFilter.parse(
            startMs: value("start_ms"), endMs: value("end_ms"), agentID: value("agent_id"),
            eventType: value("event_type"), action: value("action"), decision: value("decision"),
            traceID: value("trace_id"))
    }
}
