/// A public issuer key as a JWK (RFC 8037 OKP).
public struct JWKBody: Codable, Sendable, Equatable {
    public var kty = "OKP"
    public var crv = "Ed25519"
    public var alg = "EdDSA"
    public var use = "sig"
    public var kid: String
    /// Base64url of the 32-byte public key.
    public var x: String

    public init(kid: String, x: String) {
        self.kid = kid
        self.x = x
    }
}

/// `GET /.well-known/jwks.json`.
public struct JWKSResponse: Codable, Sendable {
    public var keys: [JWKBody]

    public init(keys: [JWKBody]) { self.keys = keys }
}

/// `GET /.well-known/openid-configuration`.
public struct OpenIDConfigurationResponse: Codable, Sendable {
    public var issuer: String
    public var jwksURI: String
    public var idTokenSigningAlgValuesSupported = ["EdDSA"]
    public var subjectTypesSupported = ["public"]
    public var responseTypesSupported = ["token"]

    public init(issuer: String, jwksURI: String) {
        self.issuer = issuer
        self.jwksURI = jwksURI
    }

    enum CodingKeys: String, CodingKey {
        case issuer
        case jwksURI = "jwks_uri"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case subjectTypesSupported = "subject_types_supported"
        case responseTypesSupported = "response_types_supported"
    }
}

/// `POST /api/v1/admin/signing-keys/rotate`.
public struct SigningKeyRotationResponse: Codable, Sendable {
    public var ok = true
    public var kid: String
    public var previousKid: String
    public var previousPublishedUntil: String

    public init(kid: String, previousKid: String, previousPublishedUntil: String) {
        self.kid = kid
        self.previousKid = previousKid
        self.previousPublishedUntil = previousPublishedUntil
    }

    enum CodingKeys: String, CodingKey {
        case ok, kid
        case previousKid = "previous_kid"
        case previousPublishedUntil = "previous_published_until"
    }
}
