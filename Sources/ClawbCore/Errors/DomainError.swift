/// An error the domain reports to its callers: a stable code that goes on the wire, one safe
/// sentence for the client, and optionally the underlying cause, which only ever reaches logs.
public struct DomainError: Error, Sendable, CustomStringConvertible {
    /// Stable, snake_case codes. The HTTP status for each is chosen in exactly one place
    /// (`DomainError+HTTP.swift` in ClawbAPI), by an exhaustive switch, so adding a code forces
    /// a decision there.
    public enum Code: String, Sendable, CaseIterable {
        case missingAPIKey = "missing_api_key"
        case invalidAPIKey = "invalid_api_key"
        case missingAdminToken = "missing_admin_token"
        case invalidAdminToken = "invalid_admin_token"
        case invalidName = "invalid_name"
        case invalidMode = "invalid_mode"
        case invalidOverlap = "invalid_overlap"
        case unknownWorkspace = "unknown_workspace"
        case unknownAPIKey = "unknown_api_key"
        case storageUnavailable = "storage_unavailable"
    }

    public let code: Code
    public let message: String
    /// The request field the error is about, when there is one (`field` on the wire).
    public let field: String?
    /// For logs only: never rendered to a client.
    public let underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, field: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.underlying = underlying
    }

    public var description: String {
        "DomainError(\(code.rawValue): \(message)\(underlying.map { "; underlying: \($0)" } ?? ""))"
    }
}
