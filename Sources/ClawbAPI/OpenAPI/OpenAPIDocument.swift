import ClawbCore

/// `GET /api/openapi.json`: OpenAPI 3.1 of every route, built from `OpenAPIOperations`.
enum OpenAPIDocument {
    static func make(serverURL: String) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in OpenAPIOperations.all {
            paths[operation.path, default: [:]][operation.method.lowercased()] = operation.json
        }
        // The server URL is the host root: every path above starts with its mount.
        let root = serverURL.hasSuffix(APIMount.prefix) ? String(serverURL.dropLast(APIMount.prefix.count)) : serverURL
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Clawb server", "version": "1",
                "description": """
                Identity control plane for AI agents. Errors are `{"ok":false,"error":"<code>","message":...}` \
                with a stable code; docs/api.md and the pages it links explain every behaviour.
                """,
            ],
            "servers": [["url": .string(root)]],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(OpenAPIComponents.schemas),
                "securitySchemes": [
                    "apiKey": ["type": "apiKey", "in": "header", "name": "X-Clawb-Api-Key"],
                    "bearerApiKey": ["type": "http", "scheme": "bearer", "description": "A workspace API key."],
                    "adminToken": ["type": "http", "scheme": "bearer", "description": "The operator token."],
                ],
            ],
        ]
    }
}
