/// JWS compact serialisation with EdDSA (RFC 8037): `base64url(header).base64url(payload).base64url(signature)`,
/// the signature being Ed25519 over the first two parts as ASCII.
public enum JWS {
    /// Signs a compact JWS. `headerJSON` and `payloadJSON` are the exact JSON texts to encode.
    public static func sign(headerJSON: String, payloadJSON: String, key: Ed25519.SigningKey) -> String {
        let signingInput = Base64URL.encode(Array(headerJSON.utf8)) + "." + Base64URL.encode(Array(payloadJSON.utf8))
        return signingInput + "." + Base64URL.encode(key.sign(Array(signingInput.utf8)))
    }

    /// The header and payload bytes of a compact JWS whose EdDSA signature verifies under
    /// `publicKey`; nil otherwise (malformed, or any byte changed).
    public static func verify(_ token: String, publicKey: [UInt8]) -> (header: [UInt8], payload: [UInt8])? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Base64URL.decode(String(parts[0])),
            let payload = Base64URL.decode(String(parts[1])),
            let signature = Base64URL.decode(String(parts[2])),
            Ed25519.verify(signature: signature, message: Array("\(parts[0]).\(parts[1])".utf8), publicKey: publicKey)
        else { return nil }
        return (header, payload)
    }
}
