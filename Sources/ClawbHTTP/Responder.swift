/// Anything that turns a request into a response: a handler, the router, or a middleware chain.
/// The single seam of the application: the server, the in-memory tests and the live tests all
/// drive one `Responder` built by `buildApplication`.
public protocol Responder: Sendable {
    func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse
}

/// A responder from a closure (route handlers are written this way).
public struct ClosureResponder: Responder {
    let body: @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

    public init(_ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) {
        self.body = body
    }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try body(request, context)
    }
}

/// Code that runs around the rest of the chain (`next`).
public protocol Middleware: Sendable {
    func respond(to request: HTTPRequest, context: RequestContext, next: any Responder) throws -> HTTPResponse
}

extension Middleware {
    /// This middleware in front of `responder`.
    public func wrapping(_ responder: any Responder) -> any Responder {
        MiddlewareResponder(middleware: self, next: responder)
    }
}

struct MiddlewareResponder: Responder {
    let middleware: any Middleware
    let next: any Responder

    func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try middleware.respond(to: request, context: context, next: next)
    }
}
