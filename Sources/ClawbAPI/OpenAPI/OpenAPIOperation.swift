import ClawbCore

/// One documented route: what it takes, what it answers, and which errors it may return.
struct OpenAPIOperation {
    enum Security {
        case none, workspaceKey, optionalWorkspaceKey, adminToken, agentSignature, feedbackSignature
    }

    var method: String
    var path: String
    var id: String
    var summary: String
    var tag: String
    var security: Security
    var parameters: [JSONValue] = []
    var requestBody: JSONValue?
    /// A second content type of the 2xx answer (the ndjson export stream).
    var streamedContent: (String, JSONValue)?
    /// Status → (description, schema, content type).
    var responses: [Int: (String, JSONValue, String)]
    /// Status → the error codes that status carries on this route (beyond the common ones).
    var errors: [Int: [String]] = [:]
    var rateLimited = false

    static func query(_ name: String, _ schema: JSONValue = Schema.string, _ description: String) -> JSONValue {
        [
            "name": .string(name), "in": "query", "required": false, "schema": schema,
            "description": .string(description),
        ]
    }

    /// The error codes of every route of this kind, merged with the route's own.
    var allErrors: [Int: [String]] {
        var all = errors
        func add(_ status: Int, _ codes: [String]) { all[status, default: []].append(contentsOf: codes) }
        switch security {
        case .workspaceKey: add(401, ["missing_api_key", "invalid_api_key"])
        case .optionalWorkspaceKey: add(401, ["invalid_api_key"])
        case .adminToken: add(401, ["missing_admin_token", "invalid_admin_token"])
        case .none, .agentSignature, .feedbackSignature: break
        }
        if requestBody != nil {
            add(400, ["invalid_json"])
            add(413, ["payload_too_large"])
            add(415, ["unsupported_media_type"])
        }
        if rateLimited { add(429, ["rate_limited"]) }
        add(503, ["storage_unavailable"])
        return all.mapValues { Array(Set($0)).sorted() }
    }

    var json: JSONValue {
        var operation: [String: JSONValue] = [
            "operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
        ]
        switch security {
        case .none, .agentSignature, .feedbackSignature: operation["security"] = []
        case .workspaceKey: operation["security"] = [["apiKey": []], ["bearerApiKey": []]]
        case .optionalWorkspaceKey: operation["security"] = [[:], ["apiKey": []]]
        case .adminToken: operation["security"] = [["adminToken": []]]
        }
        var parameters = self.parameters
        for name in Self.pathParameters(path) {
            parameters.append(["name": .string(name), "in": "path", "required": true, "schema": Schema.string])
        }
        switch security {
        case .agentSignature:
            for name in ["X-Clawb-Agent-Id", "X-Clawb-Timestamp", "X-Clawb-Nonce", "X-Clawb-Signature"] {
                parameters.append(["name": .string(name), "in": "header", "required": false, "schema": Schema.string])
            }
        case .feedbackSignature:
            parameters.append(["name": "X-Clawb-Api-Key", "in": "header", "required": true, "schema": Schema.string])
            for name in ["X-Clawb-Feedback-Timestamp", "X-Clawb-Feedback-Nonce", "X-Clawb-Feedback-Signature"] {
                parameters.append(["name": .string(name), "in": "header", "required": false, "schema": Schema.string])
            }
        default: break
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let requestBody {
            operation["requestBody"] = [
                "required": false, "content": ["application/json": ["schema": requestBody]],
            ]
        }
        var responses: [String: JSONValue] = [:]
        for (status, (description, schema, contentType)) in self.responses {
            var content: [String: JSONValue] = [contentType: ["schema": schema]]
            if let (streamType, streamSchema) = streamedContent { content[streamType] = ["schema": streamSchema] }
            responses[String(status)] = ["description": .string(description), "content": .object(content)]
        }
        for (status, codes) in allErrors {
            responses[String(status)] = [
                "description": .string("Error: " + codes.joined(separator: ", ")),
                "content": [
                    "application/json": [
                        "schema": [
                            "allOf": [
                                Schema.ref("Error"),
                                ["properties": ["error": ["enum": .array(codes.map(JSONValue.string))]]],
                            ]
                        ]
                    ]
                ],
            ]
        }
        operation["responses"] = .object(responses)
        return .object(operation)
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map {
            String($0.dropFirst().dropLast())
        }
    }
}
