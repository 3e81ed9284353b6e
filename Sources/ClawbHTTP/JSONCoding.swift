import Foundation

/// JSON in and out, with the errors API.md §1 promises: 415 for a body that is not JSON by its
/// `Content-Type`, 400 `invalid_json` naming the problem for one that does not parse or has a
/// field of the wrong type.
public enum JSONCoding {
    /// Sorted keys keep responses stable for humans, diffs and tests; slashes stay unescaped.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Decodes the body as `T`. An empty body decodes as `{}` so that endpoints whose fields
    /// are all optional accept a bare POST.
    public static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws -> T {
        let body = request.body.isEmpty ? Array("{}".utf8) : request.body
        if !request.body.isEmpty { try requireJSONContentType(request) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw HTTPError.invalidJSON("The request body is not valid JSON.")
        }
    }

    /// Throws 415 `unsupported_media_type` unless the request says its body is JSON. For
    /// handlers that need the raw body bytes (signed bodies) instead of `decode`.
    public static func requireJSONContentType(_ request: HTTPRequest) throws {
        guard let contentType = request.headers["Content-Type"], isJSON(contentType) else {
            throw HTTPError.unsupportedMediaType()
        }
    }

    /// A 2xx (or other) response with `value` as its JSON body.
    public static func response<T: Encodable>(_ value: T, status: Int = 200) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        // Encoding our own DTOs cannot fail (no floats that could be NaN, no custom throwing).
        let body = (try? encoder.encode(value)).map(Array.init) ?? Array("{}".utf8)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    static func isJSON(_ contentType: String) -> Bool {
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    static func describe(_ error: DecodingError) -> HTTPError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return .invalidJSON("The request body must be a JSON object.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .invalidJSON("Field '\(field)' has the wrong type.", field: field)
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .invalidJSON("Field '\(field)' is required.", field: field)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .invalidJSON("The request body is not valid JSON.")
            }
            let field = path(context.codingPath)
            return .invalidJSON("Field '\(field)' has an invalid value.", field: field)
        @unknown default:
            return .invalidJSON("The request body is not valid JSON.")
        }
    }
}
