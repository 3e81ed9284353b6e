import ClawbCore
import ClawbHTTP
import ClawbWire

/// The operator API (`/api/v1/admin/...`), authenticated by the admin token.
enum OperatorRoutes {
    static func register(on router: Router, services: APIServices) {
        let base = "\(APIMount.prefix)/v1/admin"
        let operators = services.operators
        let directory = services.workspaces

        registerEvents(on: router, services: services)

        router.addOperator("POST", "\(base)/workspaces", authenticator: operators) { request, context in
            let body = try JSONCoding.decode(CreateWorkspaceRequest.self, from: request)
            let created = try directory.createWorkspace(name: body.name, mode: body.mode, requestID: context.requestID)
            let response = CreateWorkspaceResponse(
                workspace: WireMapping.workspace(created.workspace),
                apiKey: created.secret.text, key: WireMapping.apiKey(created.key, now: nil))
            return JSONCoding.response(response, status: 201)
        }

        router.addOperator("GET", "\(base)/workspaces", authenticator: operators) { _, _ in
            JSONCoding.response(WorkspaceListResponse(items: try directory.workspaces().map(WireMapping.workspace)))
        }

        router.addOperator("POST", "\(base)/workspaces/{workspace_id}/api-keys", authenticator: operators) {
            request, context in
            _ = try JSONCoding.decode(EmptyRequest.self, from: request)
            let issued = try directory.createAPIKey(
                workspace: try context.parameter("workspace_id"), requestID: context.requestID)
            let response = CreateAPIKeyResponse(
                apiKey: issued.secret.text, key: WireMapping.apiKey(issued.key, now: nil))
            return JSONCoding.response(response, status: 201)
        }

        router.addOperator("GET", "\(base)/workspaces/{workspace_id}/api-keys", authenticator: operators) {
            _, context in
            let keys = try directory.apiKeys(workspace: try context.parameter("workspace_id"))
            let now = services.clock.now()
            return JSONCoding.response(APIKeyListResponse(items: keys.map { WireMapping.apiKey($0, now: now) }))
        }

        router.addOperator("POST", "\(base)/api-keys/{key_id}/revoke", authenticator: operators) { request, context in
            _ = try JSONCoding.decode(EmptyRequest.self, from: request)
            let revoked = try directory.revokeAPIKey(id: try context.parameter("key_id"), requestID: context.requestID)
            return JSONCoding.response(RevokeAPIKeyResponse(revoked: revoked))
        }

        router.addOperator("POST", "\(base)/api-keys/{key_id}/rotate", authenticator: operators) { request, context in
            let body = try JSONCoding.decode(RotateAPIKeyRequest.self, from: request)
            let oldID = try context.parameter("key_id")
            let (issued, expiry) = try directory.rotateAPIKey(
                id: oldID, overlapSeconds: body.overlapSeconds,
                requestID: context.requestID)
            let response = RotateAPIKeyResponse(
                apiKey: issued.secret.text, key: WireMapping.apiKey(issued.key, now: nil),
                previousKeyID: oldID, previousKeyExpiresAt: expiry.rfc3339)
            return JSONCoding.response(response, status: 201)
        }
    }
}

extension OperatorRoutes {
    /// The server-level operator log: agent lifecycle events, oldest first, paginated.
    static func registerEvents(on router: Router, services: APIServices) {
        router.addOperator("GET", "\(APIMount.prefix)/v1/admin/events", authenticator: services.operators) {
            request, _ in
            let page = try services.agents.operatorEvents(
                limit: request.queryValue("limit"), cursor: request.queryValue("cursor"))
            return JSONCoding.response(
                OperatorEventListResponse(items: page.items.map(WireMapping.operatorEvent), nextCursor: page.nextCursor)
            )
        }
    }
}

/// A body with no fields: still decoded so a malformed body or a wrong media type is refused.
struct EmptyRequest: Decodable {}
