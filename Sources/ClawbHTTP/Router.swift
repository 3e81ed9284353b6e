/// Matches `METHOD /path` against registered patterns with `{param}` segments.
///
/// Literal segments win over parameters. A path that matches with another method answers 405
/// with `Allow`; no match answers 404. `HEAD` is served by the `GET` handler (libmicrohttpd
/// drops the body). Built once at start-up, then only read, so it is `Sendable`.
public struct Router: Responder {
    final class Node: @unchecked Sendable {
        // @unchecked Sendable: mutated only while the router is being built, before it is
        // shared; read-only afterwards.
        var literals: [String: Node] = [:]
        var parameter: (name: String, node: Node)?
        var handlers: [String: (pattern: String, responder: any Responder)] = [:]
    }

    private let root = Node()

    public init() {}

    /// Registers `responder` for `method` on `pattern` (e.g. `/api/v1/agents/{agent_id}`).
    public func add(_ method: String, _ pattern: String, _ responder: any Responder) {
        var node = root
        for segment in Self.segments(pattern) {
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                let name = String(segment.dropFirst().dropLast())
                if let existing = node.parameter {
                    precondition(existing.name == name, "conflicting parameter names at \(pattern)")
                    node = existing.node
                } else {
                    let child = Node()
                    node.parameter = (name, child)
                    node = child
                }
            } else if let child = node.literals[String(segment)] {
                node = child
            } else {
                let child = Node()
                node.literals[String(segment)] = child
                node = child
            }
        }
        precondition(node.handlers[method] == nil, "duplicate route \(method) \(pattern)")
        node.handlers[method] = (pattern, responder)
    }

    public func add(
        _ method: String, _ pattern: String,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) {
        add(method, pattern, ClosureResponder(handler))
    }

    /// Every registered `(method, pattern)`, sorted: the route table that docs and tests compare.
    public var routes: [(method: String, pattern: String)] {
        var result: [(String, String)] = []
        var stack = [root]
        while let node = stack.popLast() {
            for (method, entry) in node.handlers { result.append((method, entry.pattern)) }
            stack.append(contentsOf: node.literals.values)
            if let parameter = node.parameter { stack.append(parameter.node) }
        }
        return result.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        var parameters: [String: String] = [:]
        guard let node = Self.match(Self.segments(request.path)[...], from: root, parameters: &parameters) else {
            throw HTTPError.notFound()
        }
        let method = request.method == "HEAD" ? "GET" : request.method
        guard let (pattern, responder) = node.handlers[method] else {
            var allowed = Set(node.handlers.keys)
            if allowed.contains("GET") { allowed.insert("HEAD") }
            throw HTTPError.methodNotAllowed(allowed: allowed.sorted())
        }
        context.parameters = parameters
        context.route = pattern
        return try responder.respond(to: request, context: context)
    }

    private static func match(
        _ segments: ArraySlice<Substring>, from node: Node, parameters: inout [String: String]
    ) -> Node? {
        guard let first = segments.first else { return node.handlers.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if let child = node.literals[String(first)], let found = match(rest, from: child, parameters: &parameters) {
            return found
        }
        if let (name, child) = node.parameter {
            var attempt = parameters
            attempt[name] = String(first)
            if let found = match(rest, from: child, parameters: &attempt) {
                parameters = attempt
                return found
            }
        }
        return nil
    }

    /// Split on the scalar `/`, not on Characters: a combining mark or emoji modifier after a
    /// slash joins it into one grapheme (`"/🏻"`), which a Character split would not cut
    /// (found by schemathesis: such a path answered 404 `not_found` instead of reaching its route).
    private static func segments(_ path: String) -> [Substring] {
        path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: true).map { Substring($0) }
    }
}
