/// An identifier that travels as `prefix + ULID` on the wire and is a distinct type in the
/// domain, so a workspace id can never be passed where a key id is expected.
public protocol PrefixedID: Hashable, Sendable, CustomStringConvertible {
    static var prefix: String { get }
    var rawValue: String { get }
    init(uncheckedRawValue: String)
}

extension PrefixedID {
    /// Parses a wire identifier; nil when the prefix or the ULID part is wrong.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix), ULID.isValid(text.dropFirst(Self.prefix.count)) else { return nil }
        self.init(uncheckedRawValue: text)
    }

    /// A fresh identifier minted at `time`.
    public static func generate(at time: Timestamp) -> Self {
        Self(uncheckedRawValue: prefix + ULID.make(at: time))
    }

    public var description: String { rawValue }
}

public struct WorkspaceID: PrefixedID {
    public static let prefix = "ws_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct APIKeyID: PrefixedID {
    public static let prefix = "key_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct AuditEventID: PrefixedID {
    public static let prefix = "evt_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct AgentID: PrefixedID {
    public static let prefix = "agt_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct ChallengeID: PrefixedID {
    public static let prefix = "ch_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct OperatorEventID: PrefixedID {
    public static let prefix = "evt_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct FeedbackID: PrefixedID {
    public static let prefix = "fb_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct SigningKeyID: PrefixedID {
    public static let prefix = "kid_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct CredentialID: PrefixedID {
    public static let prefix = "crd_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct TraceID: PrefixedID {
    public static let prefix = "trc_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

public struct ApprovalID: PrefixedID {
    public static let prefix = "apr_"
    public let rawValue: String
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}
