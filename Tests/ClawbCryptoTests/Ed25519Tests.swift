import ClawbCrypto
import Foundation
import Testing

@Suite("Ed25519")
struct Ed25519Tests {
    /// RFC 8032 §7.1 test vectors 1-3 (seed, public key, message, signature; hex).
    static let rfc8032: [(String, String, String, String)] = [
        (
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        (
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        (
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
    ]

    @Test("RFC 8032 vectors: derived public key, signature, and verification", arguments: rfc8032)
    func rfc8032Vector(seed: String, publicKey: String, message: String, signature: String) throws {
        let key = try #require(Ed25519.SigningKey(seed: Hex.decode(seed)!))
        #expect(Hex.encode(key.publicKey) == publicKey)
        let signed = key.sign(Hex.decode(message)!)
        #expect(Hex.encode(signed) == signature)
        #expect(Ed25519.verify(signature: signed, message: Hex.decode(message)!, publicKey: key.publicKey))
        var tampered = signed
        tampered[0] ^= 1
        #expect(!Ed25519.verify(signature: tampered, message: Hex.decode(message)!, publicKey: key.publicKey))
        #expect(Ed25519.isValidPublicKey(key.publicKey))
    }

    /// reference.md §4.1 and §4.3: seed 0x00..0x1f.
    @Test("the reference seed gives the documented public key and challenge signature")
    func referenceVectors() throws {
        let key = try #require(Ed25519.SigningKey(seed: Array(0..<32)))
        #expect(Data(key.publicKey).base64EncodedString() == "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=")
        let challenge = Array("challenge-bytes-0123456789abcdef".utf8)
        #expect(Data(challenge).base64EncodedString() == "Y2hhbGxlbmdlLWJ5dGVzLTAxMjM0NTY3ODlhYmNkZWY=")
        #expect(
            Data(key.sign(challenge)).base64EncodedString()
                == "f2v7cUPNYG6ThIYlSmwMfLG3JnDNiXe7XpxwqGbjjBugA4njQcHC+zAW/zVRV3mHe7DtyMDgQvkNqLN05iy0DA==")
    }

    @Test("weak or malformed public keys are refused")
    func weakKeys() {
        #expect(!Ed25519.isValidPublicKey([UInt8](repeating: 0, count: 32)))  // small order (identity-ish)
        var identity = [UInt8](repeating: 0, count: 32)
        identity[0] = 1  // the neutral element: small order
        #expect(!Ed25519.isValidPublicKey(identity))
        #expect(!Ed25519.isValidPublicKey([UInt8](repeating: 0xff, count: 32)))  // not canonical
        #expect(!Ed25519.isValidPublicKey([UInt8](repeating: 7, count: 31)))
        #expect(!Ed25519.verify(signature: [UInt8](repeating: 0, count: 63), message: [], publicKey: identity))
    }
}

@Suite("SecretBox, base64url and JWS")
struct SealingTests {
    @Test("a sealed secret opens only with its key and only unaltered")
    func secretBox() {
        let key = SecureRandom.bytes(32)
        let secret = Array("signing seed".utf8)
        let box = SecretBox.seal(secret, key: key)
        #expect(box != SecretBox.seal(secret, key: key), "a fresh nonce every time")
        #expect(SecretBox.open(box, key: key) == secret)
        #expect(SecretBox.open(box, key: SecureRandom.bytes(32)) == nil)
        var altered = box
        altered[altered.count - 1] ^= 1
        #expect(SecretBox.open(altered, key: key) == nil)
        #expect(SecretBox.open([1, 2, 3], key: key) == nil)
    }

    @Test("base64url round-trips without padding and refuses other alphabets")
    func base64url() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xbf, 0x00, 0x01]
        #expect(Base64URL.encode(bytes) == "-_-_AAE")
        #expect(Base64URL.decode("-_-_AAE") == bytes)
        #expect(Base64URL.decode("+/+/AAE=") == nil)
    }

    @Test("a compact JWS verifies with its key, and not once any part changes")
    func jws() throws {
        let key = Ed25519.SigningKey.generate()
        let token = JWS.sign(headerJSON: #"{"alg":"EdDSA"}"#, payloadJSON: #"{"sub":"agt_1"}"#, key: key)
        let verified = try #require(JWS.verify(token, publicKey: key.publicKey))
        #expect(String(decoding: verified.payload, as: UTF8.self) == #"{"sub":"agt_1"}"#)
        let parts = token.split(separator: ".").map(String.init)
        let forgedPayload = parts[0] + "." + Base64URL.encode(Array(#"{"sub":"agt_2"}"#.utf8)) + "." + parts[2]
        #expect(JWS.verify(forgedPayload, publicKey: key.publicKey) == nil)
        #expect(JWS.verify(token, publicKey: Ed25519.SigningKey.generate().publicKey) == nil)
        #expect(JWS.verify(parts[0] + "." + parts[1] + ".", publicKey: key.publicKey) == nil)
    }
}
