import ClawbCore
import ClawbCrypto
import ClawbHTTP
import ClawbWire

/// Public issuer metadata (no authentication) and signing-key rotation (operator).
enum IssuerRoutes {
    static func register(on router: Router, services: APIServices) {
        let jwks: @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse = { _, _ in
            let keys = try services.keyring.publishedKeys().map {
                JWKBody(kid: $0.id.rawValue, x: Base64URL.encode($0.publicKey))
            }
            var response = JSONCoding.response(JWKSResponse(keys: keys))
            // Clients cache for 5 minutes and refetch on an unknown kid.
            response.headers.add("Cache-Control", "public, max-age=300")
            return response
        }
        let openID: @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse = { _, _ in
            var response = JSONCoding.response(
                OpenIDConfigurationResponse(
                    issuer: services.publicURL, jwksURI: services.publicURL + "/.well-known/jwks.json"))
            response.headers.add("Cache-Control", "public, max-age=300")
            return response
        }
        // Served under the /api mount and at the root (API.md §1), plus the legacy alias.
        for path in [
            "/.well-known/jwks.json", "\(APIMount.prefix)/.well-known/jwks.json",
            "\(APIMount.prefix)/.well-known/clawb/jwks.json",
            "/.well-known/clawb/jwks.json",
        ] {
            router.add("GET", path, jwks)
        }
        for path in ["/.well-known/openid-configuration", "\(APIMount.prefix)/.well-known/openid-configuration"] {
            router.add("GET", path, openID)
        }

        router.addOperator("POST", "\(APIMount.prefix)/v1/admin/signing-keys/rotate", authenticator: services.operators)
        {
            request, context in
            _ = try JSONCoding.decode(EmptyRequest.self, from: request)
            let rotation = try services.keyring.rotate(requestID: context.requestID)
            return JSONCoding.response(
                SigningKeyRotationResponse(
                    kid: rotation.newKey.rawValue, previousKid: rotation.previousKey.rawValue,
                    previousPublishedUntil: rotation.previousPublishedUntil.rfc3339))
        }
    }
}
