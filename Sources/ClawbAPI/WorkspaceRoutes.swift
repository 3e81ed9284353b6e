import ClawbCore
import ClawbHTTP
import ClawbWire

/// Routes for a workspace API key about its own workspace.
enum WorkspaceRoutes {
    static func register(on router: Router, services: APIServices) {
        // The cheapest authenticated call: one key lookup, no write.
        router.addAuthenticated("GET", "\(APIMount.prefix)/v1/workspace", authenticator: services.apiKeys) {
            _, context in
            JSONCoding.response(CurrentWorkspaceResponse(workspace: WireMapping.workspace(context.workspace)))
        }
    }
}
