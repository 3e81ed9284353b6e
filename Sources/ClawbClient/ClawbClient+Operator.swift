import ClawbWire
import Foundation

/// The operator API (`/v1/admin/...`).
extension ClawbClient {
    public func createWorkspace(name: String, mode: String?) async throws -> CreateWorkspaceResponse {
        try await send("POST", "/v1/admin/workspaces", body: CreateWorkspaceRequest(name: name, mode: mode))
    }

    public func listWorkspaces() async throws -> WorkspaceListResponse {
        try await send("GET", "/v1/admin/workspaces")
    }

    public func createAPIKey(workspaceID: String) async throws -> CreateAPIKeyResponse {
        try await send("POST", "/v1/admin/workspaces/\(Self.segment(workspaceID))/api-keys")
    }

    public func listAPIKeys(workspaceID: String) async throws -> APIKeyListResponse {
        try await send("GET", "/v1/admin/workspaces/\(Self.segment(workspaceID))/api-keys")
    }

    public func revokeAPIKey(keyID: String) async throws -> RevokeAPIKeyResponse {
        try await send("POST", "/v1/admin/api-keys/\(Self.segment(keyID))/revoke")
    }

    public func rotateAPIKey(keyID: String, overlapSeconds: Int64?) async throws -> RotateAPIKeyResponse {
        try await send(
            "POST", "/v1/admin/api-keys/\(Self.segment(keyID))/rotate",
            body: RotateAPIKeyRequest(overlapSeconds: overlapSeconds))
    }
}

extension ClawbClient {
    /// Percent-encodes one path segment, so an id can never add segments to the path.
    static func segment(_ value: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
