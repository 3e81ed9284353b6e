import ClawbJSON

/// A request body read as a JSON object by `JSONParser`, for handlers whose bodies carry
/// free-form JSON (`context`, policy documents), where `JSONDecoder` is slow. Wrong types are
/// 400 `invalid_json` naming the field, as `JSONCoding.decode` does.
public struct JSONBody {
    public let fields: [String: JSONValue]

    /// The body as a JSON value (an empty body is `{}`); requires a JSON content type.
    public static func value(of request: HTTPRequest) throws -> JSONValue {
        guard !request.body.isEmpty else { return .object([:]) }
        try JSONCoding.requireJSONContentType(request)
        do {
            return try JSONParser.parse(request.body)
        } catch let failure as JSONParser.Failure {
            throw HTTPError.invalidJSON(
                "The request body is not valid JSON (\(failure.reason) at byte \(failure.offset)).")
        }
    }

    public init(_ request: HTTPRequest) throws {
        guard case .object(let fields) = try Self.value(of: request) else {
            throw HTTPError.invalidJSON("The request body must be a JSON object.")
        }
        self.fields = fields
    }

    /// A string field; nil when absent or null.
    public func string(_ key: String) throws -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw HTTPError.invalidJSON("Field '\(key)' has the wrong type.", field: key)
        }
    }

    /// Any field; nil when absent or null.
    public func value(_ key: String) -> JSONValue? {
        guard let value = fields[key], value != .null else { return nil }
        return value
    }
}
