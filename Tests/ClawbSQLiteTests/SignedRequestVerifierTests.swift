import ClawbCore
import ClawbCrypto
import ClawbSQLite
import ClawbTesting
import Foundation
import Synchronization
import Testing

@Suite("Signed agent requests: canonical form, verification, nonce store")
struct SignedRequestVerifierTests {
    /// reference.md §4.1.
    static let seed = Array<UInt8>(0..<32)
    static let body = #"{"agent_id":"agt_test","status":"ok","latency_ms":72}"#
    static let bodyHash = "8612ab068211d50f7670ae39c034d6809f262b7906ebd5aeb3a6c094ab890e39"
    static let vectorSignature =
        "XGgG5eETRAhRK7HAPERrUYvtCdGAiP234Xv7PqNPJWY6SvVu48YZx9/roxMC5nxQeYDtrZzkNPHCau0FB6AtCA=="

    @Test("the reference vector: body hash, canonical bytes and signature, byte for byte")
    func referenceVector() throws {
        #expect(SHA256.hexDigest(Array(Self.body.utf8)) == Self.bodyHash)
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let canonical = SignedRequest.canonicalBytes(
            method: "post", path: "/v1/telemetry/heartbeat", timestamp: "1740137855000",
            nonce: "n_123", bodySHA256: Self.bodyHash)
        #expect(
            String(decoding: canonical, as: UTF8.self)
                == "POST\n/v1/telemetry/heartbeat\n1740137855000\nn_123\n\(Self.bodyHash)")
        let key = try #require(Ed25519.SigningKey(seed: Self.seed))
        #expect(Data(key.sign(canonical)).base64EncodedString() == Self.vectorSignature)
    }

    struct Fixture {
        let storage: SQLiteStorage
        let clock: TestClock
        let verifier: SignedRequestVerifier
        let agent: Agent
        let key: Ed25519.SigningKey
        let directory: String

        init(directory: String? = nil, status: Agent.Status = .active) throws {
            self.directory = try directory ?? TemporaryDirectory.make()
            storage = try SQLiteStorage(path: self.directory + "/db.sqlite3")
            // The reference vector's timestamp is "now" for these tests.
            clock = TestClock(milliseconds: 1_740_137_855_000)
            verifier = SignedRequestVerifier(storage: storage, clock: clock)
            key = Ed25519.SigningKey(seed: SignedRequestVerifierTests.seed)!
            let agent = Agent(
                id: AgentID(uncheckedRawValue: "agt_01jv2fsk4mv9mtr9j3m7h6qk6y"), name: "vector",
                publicKey: key.publicKey,
                status: status, metadata: [:], createdAt: clock.now(), attestedAt: nil)
            let stored = agent
            if try storage.read({ try $0.agent(id: stored.id) }) == nil {
                try storage.write { try $0.insert(stored) }
            }
            self.agent = agent
        }

        func request(
            path: String = "/api/v1/telemetry/heartbeat", signedPath: String = "/v1/telemetry/heartbeat",
            timestamp: Int64? = nil, nonce: String = "n_123", signer: Ed25519.SigningKey? = nil
        ) -> SignedRequest {
            let time = String(timestamp ?? clock.now().milliseconds)
            let canonical = SignedRequest.canonicalBytes(
                method: "POST", path: signedPath, timestamp: time, nonce: nonce,
                bodySHA256: SignedRequestVerifierTests.bodyHash)
            return SignedRequest(
                agentID: agent.id.rawValue, method: "POST", path: path, timestamp: time, nonce: nonce,
                bodySHA256: SignedRequestVerifierTests.bodyHash,
                signature: Data((signer ?? key).sign(canonical)).base64EncodedString())
        }
    }

    static func failure(_ result: Result<Agent, SignatureFailure>) -> SignatureFailure? {
        if case .failure(let reason) = result { return reason }
        return nil
    }

    @Test("a request signed over the path without /api verifies, and so does one signed over the full path")
    func validSignatures() throws {
        let fixture = try Fixture()
        defer { fixture.storage.close() }
        let sdkStyle = fixture.request()
        #expect(sdkStyle.signature == Self.vectorSignature)
        #expect(try fixture.verifier.verify(sdkStyle).map(\.id) == .success(fixture.agent.id))
        let fullPath = fixture.request(signedPath: "/api/v1/telemetry/heartbeat", nonce: "n_full")
        #expect(try fixture.verifier.verify(fullPath).map(\.id) == .success(fixture.agent.id))
    }

    @Test("each refusal has its reason")
    func refusals() throws {
        let fixture = try Fixture()
        defer { fixture.storage.close() }
        let now = fixture.clock.now().milliseconds
        #expect(
            Self.failure(try fixture.verifier.verify(fixture.request(timestamp: now - 301_000))) == .timestampOutOfRange
        )
        #expect(
            Self.failure(try fixture.verifier.verify(fixture.request(timestamp: now + 301_000))) == .timestampOutOfRange
        )
        #expect(
            Self.failure(try fixture.verifier.verify(fixture.request(timestamp: now - 299_000, nonce: "edge"))) == nil)
        var seconds = fixture.request(nonce: "secs")
        seconds.timestamp = String(now / 1000)  // seconds instead of milliseconds
        #expect(Self.failure(try fixture.verifier.verify(seconds)) == .timestampOutOfRange)
        let otherKey = Ed25519.SigningKey.generate()
        #expect(
            Self.failure(try fixture.verifier.verify(fixture.request(nonce: "other", signer: otherKey)))
                == .invalidSignature)
        var tamperedBody = fixture.request(nonce: "tampered")
        tamperedBody.bodySHA256 = SHA256.hexDigest(Array("{}".utf8))
        #expect(Self.failure(try fixture.verifier.verify(tamperedBody)) == .invalidSignature)
        var unknown = fixture.request(nonce: "unknown")
        unknown.agentID = AgentID.generate(at: fixture.clock.now()).rawValue
        #expect(Self.failure(try fixture.verifier.verify(unknown)) == .unknownAgent)
        for nonce in ["", String(repeating: "n", count: 129), "has space"] {
            #expect(Self.failure(try fixture.verifier.verify(fixture.request(nonce: nonce))) == .invalidSignature)
        }
    }

    @Test("a revoked agent is refused")
    func revokedAgent() throws {
        let fixture = try Fixture(status: .revoked)
        defer { fixture.storage.close() }
        #expect(Self.failure(try fixture.verifier.verify(fixture.request())) == .agentRevoked)
    }

    @Test("a nonce is accepted once: replay refused, refused after a restart, accepted again after 600 s")
    func replay() throws {
        let directory = try TemporaryDirectory.make()
        do {
            let fixture = try Fixture(directory: directory)
            defer { fixture.storage.close() }
            #expect(Self.failure(try fixture.verifier.verify(fixture.request())) == nil)
            #expect(Self.failure(try fixture.verifier.verify(fixture.request())) == .replayDetected)
        }
        let restarted = try Fixture(directory: directory)
        defer { restarted.storage.close() }
        #expect(Self.failure(try restarted.verifier.verify(restarted.request())) == .replayDetected)
        restarted.clock.advance(seconds: 601)
        #expect(Self.failure(try restarted.verifier.verify(restarted.request())) == nil)
    }

    @Test("twenty concurrent copies of one signed request: exactly one is accepted")
    func concurrentReplay() throws {
        let fixture = try Fixture()
        defer { fixture.storage.close() }
        let request = fixture.request(nonce: "concurrent")
        let accepted = Mutex(0)
        let replays = Mutex(0)
        let group = DispatchGroup()
        let verifier = fixture.verifier
        for _ in 0..<20 {
            group.enter()
            Thread {
                switch try? verifier.verify(request) {
                case .success: accepted.withLock { $0 += 1 }
                case .failure(.replayDetected): replays.withLock { $0 += 1 }
                default: break
                }
                group.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(accepted.withLock { $0 } == 1)
        #expect(replays.withLock { $0 } == 19)
    }

    @Test("pruning removes only nonces past the window, in batches")
    func pruning() throws {
        let fixture = try Fixture()
        defer { fixture.storage.close() }
        for index in 0..<25 { _ = try fixture.verifier.verify(fixture.request(nonce: "old-\(index)")) }
        fixture.clock.advance(seconds: 601)
        _ = try fixture.verifier.verify(fixture.request(nonce: "fresh"))
        #expect(try fixture.verifier.pruneNonces(batchSize: 10) == 10)
        #expect(try fixture.verifier.pruneNonces(batchSize: 100) == 15)
        #expect(try fixture.verifier.pruneNonces(batchSize: 100) == 0)
        #expect(Self.failure(try fixture.verifier.verify(fixture.request(nonce: "fresh"))) == .replayDetected)
    }
}
