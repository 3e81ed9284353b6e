import Foundation
import ClawbCore
import ClawbHTTP

/// The context of a request made with a valid workspace API key. Handlers of workspace routes
/// take this type, so a route cannot be served without authentication: the compiler checks it.
public struct AuthenticatedContext {
    public let request: RequestContext
    public let principal: WorkspacePrincipal

    public var workspace: Workspace { principal.workspace }
    public var requestID: String { request.requestID }
}

extension Router {
    /// Registers a workspace route: the API key is checked before `handler` runs.
    func addAuthenticated(
        _ method: String, _ pattern: String, authenticator: APIKeyAuthenticator,
        _ handler: @escaping @Sendable (HTTPRequest, AuthenticatedContext) throws -> HTTPResponse
    ) {
        add(method, pattern) { request, context in
            let principal = try authenticator.authenticate(
                presentedKey: Self.presentedAPIKey(request),
                requestID: context.requestID)
            context.workspaceID = principal.workspace.id.rawValue
            return try handler(request, AuthenticatedContext(request: context, principal: principal))
        }
    }

    /// Registers an operator route: the admin token is checked before `handler` runs.
    func addOperator(
        _ method: String, _ pattern: String, authenticator: OperatorAuthenticator,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) {
        add(method, pattern) { request, context in
            try authenticator.authenticate(presentedToken: Self.bearerToken(request))
            return try handler(request, context)
        }
    }

    /// `X-Clawb-Api-Key` (preferred) or `Authorization: Bearer`.
    static func presentedAPIKey(_ request: HTTPRequest) -> String? {
        if let key = request.headers["X-Clawb-Api-Key"], !key.isEmpty { return key }
        return bearerToken(request)
    }

    /// The credentials of `Authorization: Bearer <token>` (scheme case-insensitive).
    static func bearerToken(_ request: HTTPRequest) -> String? {
        guard let authorization = request.headers["Authorization"] else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
