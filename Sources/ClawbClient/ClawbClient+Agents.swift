import ClawbWire
import Foundation

/// Agent registration (no credential) and workspace mappings (workspace API key).
extension ClawbClient {
    public func registerAgent(_ request: RegisterAgentRequest) async throws -> RegisterAgentResponse {
        try await send("POST", "/v1/agents/register", body: request)
    }

    public func attestAgent(_ request: AttestAgentRequest) async throws -> AttestAgentResponse {
        try await send("POST", "/v1/agents/attest", body: request)
    }

    public func agent(id: String) async throws -> AgentResponse {
        try await send("GET", "/v1/agents/\(Self.segment(id))")
    }

    public func upsertMapping(_ request: UpsertMappingRequest) async throws -> UpsertMappingResponse {
        try await send("POST", "/v1/workspace/agents/upsert", body: request)
    }

    /// One page of mappings; pass the previous page's `next_cursor` to continue.
    public func listMappings(
        environment: String? = nil, status: String? = nil, label: String? = nil, limit: Int? = nil,
        cursor: String? = nil
    ) async throws -> MappingListResponse {
        var query = URLComponents()
        query.queryItems = [
            ("environment", environment), ("status", status), ("label", label),
            ("limit", limit.map(String.init)), ("cursor", cursor),
        ]
        .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        let suffix = query.queryItems?.isEmpty == false ? "?" + (query.percentEncodedQuery ?? "") : ""
        return try await send("GET", "/v1/workspace/agents" + suffix)
    }
}
