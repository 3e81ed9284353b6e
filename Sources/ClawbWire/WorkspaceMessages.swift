/// A workspace on the wire.
public struct WorkspaceBody: Codable, Sendable, Equatable {
    public var workspaceID: String
    public var name: String
    public var mode: String
    public var createdAt: String

    public init(workspaceID: String, name: String, mode: String, createdAt: String) {
        self.workspaceID = workspaceID
        self.name = name
        self.mode = mode
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case name, mode
        case workspaceID = "workspace_id"
        case createdAt = "created_at"
    }
}

/// `POST /api/v1/admin/workspaces`.
public struct CreateWorkspaceRequest: Codable, Sendable {
    public var name: String?
    public var mode: String?

    public init(name: String?, mode: String?) {
        self.name = name
        self.mode = mode
    }
}

/// 201 answer to `POST /api/v1/admin/workspaces`: the only time the first key is shown.
public struct CreateWorkspaceResponse: Codable, Sendable {
    public var ok = true
    public var workspace: WorkspaceBody
    public var apiKey: String
    public var key: APIKeyBody

    public init(workspace: WorkspaceBody, apiKey: String, key: APIKeyBody) {
        self.workspace = workspace
        self.apiKey = apiKey
        self.key = key
    }

    enum CodingKeys: String, CodingKey {
        case ok, workspace, key
        case apiKey = "api_key"
    }
}

/// `GET /api/v1/admin/workspaces`.
public struct WorkspaceListResponse: Codable, Sendable {
    public var ok = true
    public var items: [WorkspaceBody]

    public init(items: [WorkspaceBody]) { self.items = items }
}

/// `GET /api/v1/workspace`: the caller's own workspace.
public struct CurrentWorkspaceResponse: Codable, Sendable {
    public var ok = true
    public var workspace: WorkspaceBody

    public init(workspace: WorkspaceBody) { self.workspace = workspace }
}
