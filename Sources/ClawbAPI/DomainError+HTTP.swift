import ClawbCore

/// The one place where domain error codes meet HTTP statuses. The switch is exhaustive, so a
/// new `DomainError.Code` does not compile until someone decides its status here.
extension DomainError.Code {
    var httpStatus: Int {
        switch self {
        case .missingAPIKey, .invalidAPIKey, .missingAdminToken, .invalidAdminToken: 401
        case .invalidName, .invalidMode, .invalidOverlap: 400
        case .unknownWorkspace, .unknownAPIKey: 404
        case .storageUnavailable: 503
        }
    }

    /// Extra headers that always go with this code.
    var httpHeaders: [(name: String, value: String)] {
        switch self {
        case .missingAPIKey, .invalidAPIKey, .missingAdminToken, .invalidAdminToken:
            [("WWW-Authenticate", "Bearer realm=\"clawb\"")]
        case .storageUnavailable:
            [("Retry-After", "1")]
        case .invalidName, .invalidMode, .invalidOverlap, .unknownWorkspace, .unknownAPIKey:
            []
        }
    }
}
