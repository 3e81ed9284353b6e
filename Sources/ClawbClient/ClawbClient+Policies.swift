import ClawbJSON
import ClawbWire
import Foundation

/// Policies, decisions, approval links and signature verification.
extension ClawbClient {
    public func policies() async throws -> PolicyListResponse {
        try await send("GET", "/v1/policies")
    }

    public func policy(_ id: String) async throws -> PolicyResponse {
        try await send("GET", "/v1/policies/\(Self.segment(id))")
    }

    public func putPolicy(_ id: String, document: JSONValue) async throws -> PolicyResponse {
        try await send("PUT", "/v1/policies/\(Self.segment(id))", body: document)
    }

    public func check(_ request: CheckRequest) async throws -> CheckResponse {
        try await send("POST", "/v1/check", body: request)
    }

    /// The approval behind a link's token (the token is the credential: no key is sent).
    public func approval(token: String) async throws -> ApprovalResponse {
        try await send("GET", "/v1/approvals/\(Self.segment(token))")
    }

    public func decideApproval(token: String, approve: Bool) async throws -> ApprovalResponse {
        try await send("POST", "/v1/approvals/\(Self.segment(token))/\(approve ? "approve" : "deny")")
    }

    public func verify(_ fields: SignedRequestFields) async throws -> VerifyResponse {
        try await send("POST", "/v1/verify", body: fields)
    }
}
