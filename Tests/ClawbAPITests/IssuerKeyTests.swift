import ClawbApp
import ClawbCore
import ClawbCrypto
import ClawbHTTP
import ClawbTesting
import Foundation
import Testing

@Suite("Issuer signing keys: JWKS, rotation, sealing at rest")
struct IssuerKeyTests {
    static func keys(_ response: TestResponse) -> [[String: Any]] { response.json["keys"] as? [[String: Any]] ?? [] }

    @Test("the JWKS is served at the root, under /api and at the legacy alias, cacheable")
    func jwksPaths() throws {
        let app = try TestApplication()
        let active = app.application.services.keyring.activeKey
        for path in ["/.well-known/jwks.json", "/api/.well-known/jwks.json", "/api/.well-known/clawb/jwks.json"] {
            let response = app.request("GET", path)
            #expect(response.status == 200 && response.headers["Cache-Control"] == "public, max-age=300", "\(path)")
            let key = try #require(Self.keys(response).first)
            #expect(
                key["kty"] as? String == "OKP" && key["crv"] as? String == "Ed25519" && key["alg"] as? String == "EdDSA"
            )
            #expect(key["use"] as? String == "sig" && key["kid"] as? String == active.id.rawValue)
            #expect(key["x"] as? String == Base64URL.encode(active.key.publicKey))
            #expect(key["d"] == nil, "never the private part")
        }
        for path in ["/.well-known/openid-configuration", "/api/.well-known/openid-configuration"] {
            let config = app.request("GET", path).json
            let issuer = app.application.configuration.effectivePublicURL
            #expect(
                config["issuer"] as? String == issuer
                    && config["jwks_uri"] as? String == issuer + "/.well-known/jwks.json")
            #expect(config["id_token_signing_alg_values_supported"] as? [String] == ["EdDSA"])
        }
    }

    @Test("rotation: new kid at once, the old one published until its tokens expire, then gone")
    func rotation() throws {
        let app = try TestApplication { $0.limits.maxTokenLifetimeSeconds = 600 }
        let first = app.application.services.keyring.activeKey.id.rawValue
        #expect(app.request("POST", "/api/v1/admin/signing-keys/rotate").errorCode == "missing_admin_token")
        let rotated = app.admin("POST", "/api/v1/admin/signing-keys/rotate")
        #expect(rotated.status == 200 && rotated.json["previous_kid"] as? String == first)
        let second = try #require(rotated.json["kid"] as? String)
        #expect(second != first && app.application.services.keyring.activeKey.id.rawValue == second)
        #expect(
            Set(Self.keys(app.request("GET", "/.well-known/jwks.json")).compactMap { $0["kid"] as? String }) == [
                first, second,
            ])
        app.clock.advance(seconds: 601)
        #expect(Self.keys(app.request("GET", "/.well-known/jwks.json")).compactMap { $0["kid"] as? String } == [second])
        let log = (app.admin("GET", "/api/v1/admin/events").json["items"] as? [[String: Any]] ?? []).last
        #expect(log?["event_type"] as? String == "signing_key_rotated")
    }

    @Test("private seeds are stored sealed; a different master key refuses to start; the same one reopens")
    func sealedAtRest() throws {
        let directory = try TemporaryDirectory.make()
        var configuration = Configuration()
        configuration.storage.dataDirectory = directory
        configuration.security.adminToken = TestApplication.adminToken
        configuration.bootstrapFirstWorkspace = false
        let sink = MemoryLogSink()
        let seed: [UInt8]
        let kid: String
        do {
            let app = try buildApplication(configuration: configuration, logSink: sink)
            defer { app.storage.close() }
            seed = app.services.keyring.activeKey.key.seed
            kid = app.services.keyring.activeKey.id.rawValue
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/master.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let database =
            try Data(contentsOf: URL(fileURLWithPath: directory + "/clawb.sqlite3"))
            + ((try? Data(contentsOf: URL(fileURLWithPath: directory + "/clawb.sqlite3-wal"))) ?? Data())
        #expect(database.range(of: Data(seed)) == nil, "the seed never reaches the database in clear")
        #expect(!sink.lines.joined().contains(Data(seed).base64EncodedString()))

        let reopened = try buildApplication(configuration: configuration, logSink: sink)
        #expect(
            reopened.services.keyring.activeKey.id.rawValue == kid
                && reopened.services.keyring.activeKey.key.seed == seed)
        reopened.storage.close()

        configuration.security.masterKey = SecureRandom.bytes(32)
        do {
            let wrong = try buildApplication(configuration: configuration, logSink: sink)
            wrong.storage.close()
            Issue.record("started with the wrong master key")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("master key does not open"))
        }
    }

    @Test("PyJWT verifies a token signed by the active key using only the served JWKS, and refuses forgeries")
    func pyJWT() throws {
        let app = try TestApplication()
        let active = app.application.services.keyring.activeKey
        let now = app.clock.now().milliseconds / 1000
        let token = JWS.sign(
            headerJSON: #"{"alg":"EdDSA","kid":"\#(active.id.rawValue)","typ":"JWT"}"#,
            payloadJSON: #"{"sub":"agt_1","aud":"clawb.provider","iat":\#(now),"exp":\#(now + 300)}"#,
            key: active.key)
        let jwks = app.request("GET", "/.well-known/jwks.json").text
        let script = """
            import json, sys, jwt, base64
            from jwt.algorithms import OKPAlgorithm
            jwks, token = json.loads(sys.argv[1]), sys.argv[2]
            kid = jwt.get_unverified_header(token)["kid"]
            key = next(jwt.PyJWK(k) for k in jwks["keys"] if k["kid"] == kid)
            opts = {"verify_exp": False, "verify_iat": False}
            claims = jwt.decode(token, key.key, algorithms=["EdDSA"], audience="clawb.provider", options=opts)
            assert claims["sub"] == "agt_1"
            h, p, s = token.split(".")
            forged = h + "." + base64.urlsafe_b64encode(b'{"sub":"agt_2","aud":"clawb.provider"}').decode().rstrip("=") + "." + s
            none = base64.urlsafe_b64encode(b'{"alg":"none","kid":"' + kid.encode() + b'"}').decode().rstrip("=") + "." + p + "."
            for bad, algs in [(forged, ["EdDSA"]), (none, ["EdDSA"]), (none, ["none", "EdDSA"])]:
                try:
                    jwt.decode(bad, key.key, algorithms=algs, audience="clawb.provider", options=opts)
                    print("ACCEPTED FORGERY"); sys.exit(1)
                except jwt.PyJWTError:
                    pass
            # HS256 signed with the public key bytes (the algorithm-confusion attack) is refused.
            x = base64.urlsafe_b64decode(jwks["keys"][0]["x"] + "==")
            try:
                hs = jwt.encode({"sub": "agt_3", "aud": "clawb.provider"}, x, algorithm="HS256", headers={"kid": kid})
                jwt.decode(hs, key.key, algorithms=["EdDSA"], audience="clawb.provider", options=opts)
                print("ACCEPTED HS256"); sys.exit(1)
            except jwt.PyJWTError:
                pass
            print("ok")
            """
        let (status, output) = try PythonScript.run(script, arguments: [jwks, token])
        #expect(status == 0 && output.hasSuffix("ok\n"), "\(output)")
    }
}
