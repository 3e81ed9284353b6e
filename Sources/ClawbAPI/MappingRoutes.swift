import ClawbCore
import ClawbHTTP
import ClawbWire

/// Workspace mappings of external keys to agents, under `/v1/workspace/agents` and the legacy
/// `/v1/provider/agents` paths (older SDKs call them).
enum MappingRoutes {
    static func register(on router: Router, services: APIServices) {
        for base in ["\(APIMount.prefix)/v1/workspace/agents", "\(APIMount.prefix)/v1/provider/agents"] {
            router.addAuthenticated("POST", "\(base)/upsert", authenticator: services.apiKeys) { request, context in
                let body = try JSONCoding.decode(UpsertMappingRequest.self, from: request)
                let (mapping, created) = try services.mappings.upsert(
                    AgentMappingDirectory.UpsertRequest(
                        externalAgentKey: body.externalAgentKey, agentID: body.agentID, displayName: body.displayName,
                        labels: body.labels, environment: body.environment, source: body.source, status: body.status,
                        remap: body.remap ?? false),
                    as: context.principal, requestID: context.requestID)
                return JSONCoding.response(
                    UpsertMappingResponse(item: WireMapping.mapping(mapping)), status: created ? 201 : 200)
            }

            router.addAuthenticated("GET", base, authenticator: services.apiKeys) { request, context in
                var filter = AgentMappingFilter(
                    environment: request.queryValue("environment"), label: request.queryValue("label"))
                if let status = request.queryValue("status") {
                    guard let parsed = AgentMapping.Status(rawValue: status) else {
                        throw DomainError(
                            .invalidStatus, "status must be active, suspended or retired.", field: "status")
                    }
                    filter.status = parsed
                }
                let page = try services.mappings.list(
                    filter, limit: request.queryValue("limit"),
                    cursor: request.queryValue("cursor"), as: context.principal)
                return JSONCoding.response(
                    MappingListResponse(
                        items: page.items.map(WireMapping.mapping),
                        nextCursor: page.nextCursor))
            }
        }
    }
}
