import ClawbCore
import ClawbHTTP
import ClawbWire

/// Builds the router with every route collection of the API.
public enum APIRouter {
    public static func make(services: APIServices) -> Router {
        let router = Router()
        HealthRoutes.register(on: router, services: services)
        OperatorRoutes.register(on: router, services: services)
        WorkspaceRoutes.register(on: router, services: services)
        AgentRoutes.register(on: router, services: services)
        MappingRoutes.register(on: router, services: services)
        AuditRoutes.register(on: router, services: services)
        ReputationRoutes.register(on: router, services: services)
        IssuerRoutes.register(on: router, services: services)
        CredentialRoutes.register(on: router, services: services)
        PolicyRoutes.register(on: router, services: services)
        VerificationRoutes.register(on: router, services: services)
        ServiceRoutes.register(on: router, services: services)
        return router
    }

    /// Renders any error as the JSON envelope; the application's catch site.
    public static func renderError(_ error: any Error, context: RequestContext) -> HTTPResponse {
        ErrorRenderer.render(error, context: context)
    }
}
