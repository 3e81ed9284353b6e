import ClawbCrypto
import Foundation

/// The fields of an agent-signed request (reference.md §4.1), as received: from the
/// `X-Clawb-*` headers, or from a JSON body (`/v1/verify`, token exchange).
public struct SignedRequest: Sendable {
    public var agentID: String?
    public var method: String
    public var path: String
    public var timestamp: String?
    public var nonce: String?
    /// Lowercase hex SHA-256 of the raw body bytes.
    public var bodySHA256: String
    public var signature: String?

    public init(
        agentID: String?, method: String, path: String, timestamp: String?, nonce: String?, bodySHA256: String,
        signature: String?
    ) {
        self.agentID = agentID
        self.method = method
        self.path = path
        self.timestamp = timestamp
        self.nonce = nonce
        self.bodySHA256 = bodySHA256
        self.signature = signature
    }

    /// `METHOD\nPATH\nTIMESTAMP_MS\nNONCE\nBODY_SHA256`, UTF-8, no trailing newline.
    public static func canonicalBytes(
        method: String, path: String, timestamp: String, nonce: String,
        bodySHA256: String
    ) -> [UInt8] {
        Array("\(method.uppercased())\n\(path)\n\(timestamp)\n\(nonce)\n\(bodySHA256)".utf8)
    }
}

/// Why a signed request was refused. Raw values are the wire reasons of `/v1/verify`; each
/// endpoint maps them to its own status (API.md §3, §5).
public enum SignatureFailure: String, Error, Sendable, CaseIterable {
    case invalidSignature = "invalid_signature"
    case timestampOutOfRange = "timestamp_out_of_range"
    case replayDetected = "replay_detected"
    case unknownAgent = "unknown_agent"
    case agentRevoked = "agent_revoked"
}

extension SignatureFailure {
    /// As an error of an agent-signed endpoint (signature problems are 401 there).
    public var asDomainError: DomainError {
        switch self {
        case .invalidSignature: DomainError(.invalidSignature, "The request signature does not verify.")
        case .timestampOutOfRange:
            DomainError(.timestampOutOfRange, "The signed timestamp is more than 300 s from the server's clock.")
        case .replayDetected: DomainError(.replayDetected, "This nonce was already used by this agent.")
        case .unknownAgent: DomainError(.unknownAgent, "No agent has this id.", field: "agent_id")
        case .agentRevoked: DomainError(.agentRevoked, "This agent is revoked.")
        }
    }
}

/// Verifies agent-signed requests; the one implementation behind every agent-signed endpoint.
///
/// Order: shape of the fields, timestamp within ±300 s, the agent exists and is not revoked,
/// the Ed25519 signature over the canonical bytes (PATH with the `/api` mount stripped, as the
/// SDK signs it, or the full path), and last the nonce, recorded once per agent for 600 s in
/// the database, so only correctly signed requests can occupy the nonce store.
public struct SignedRequestVerifier: Sendable {
    let storage: any Storage
    let clock: any Clock
    let mountPrefix: String

    public static let nonceWindowMilliseconds: Int64 = 600_000
    public static let maxNonceLength = 128

    public init(storage: any Storage, clock: any Clock, mountPrefix: String = "/api") {
        self.storage = storage
        self.clock = clock
        self.mountPrefix = mountPrefix
    }

    /// The verified agent, or the reason for refusal. The nonce is consumed only on success,
    /// in the transaction where `onSuccess` records what the request did (a heartbeat, an
    /// audit event), so a consumed nonce always comes with its effect.
    public func verify(
        _ request: SignedRequest, onSuccess: (@Sendable (Agent, any StorageWriter) throws -> Void)? = nil
    ) throws -> Result<Agent, SignatureFailure> {
        guard let agentText = request.agentID, let agentID = AgentID(agentText) else { return .failure(.unknownAgent) }
        let now = clock.now()
        guard let timestampText = request.timestamp, SignedTimestamp.isAcceptable(timestampText, now: now) else {
            return .failure(.timestampOutOfRange)
        }
        guard let nonce = request.nonce, !nonce.isEmpty, nonce.utf8.count <= Self.maxNonceLength,
            TextRules.isVisibleASCII(nonce),
            let signatureText = request.signature, let signature = Data(base64Encoded: signatureText).map(Array.init),
            signature.count == Ed25519.signatureLength
        else {
            return .failure(.invalidSignature)
        }
        guard let agent = try storage.read({ try $0.agent(id: agentID) }) else { return .failure(.unknownAgent) }
        guard agent.status != .revoked else { return .failure(.agentRevoked) }
        let verified = candidatePaths(request.path).contains { path in
            Ed25519.verify(
                signature: signature,
                message: SignedRequest.canonicalBytes(
                    method: request.method, path: path, timestamp: timestampText,
                    nonce: nonce, bodySHA256: request.bodySHA256),
                publicKey: agent.publicKey)
        }
        guard verified else { return .failure(.invalidSignature) }
        let reusableBefore = Timestamp(milliseconds: now.milliseconds - Self.nonceWindowMilliseconds)
        let fresh = try storage.write { transaction -> Bool in
            guard try transaction.consumeNonce(agent: agentID, nonce: nonce, at: now, reusableBefore: reusableBefore)
            else { return false }
            try onSuccess?(agent, transaction)
            return true
        }
        return fresh ? .success(agent) : .failure(.replayDetected)
    }

    /// Deletes, in a small batch, nonce records past the window; returns how many.
    public func pruneNonces(batchSize: Int = 1000) throws -> Int {
        let cutoff = Timestamp(milliseconds: clock.now().milliseconds - Self.nonceWindowMilliseconds)
        return try storage.write { try $0.pruneNonces(before: cutoff, limit: batchSize) }
    }

    /// The path as signed: without the mount (`/v1/...`, what the SDK signs) and as received.
    func candidatePaths(_ path: String) -> [String] {
        if path.hasPrefix(mountPrefix + "/") { return [String(path.dropFirst(mountPrefix.count)), path] }
        return [path]
    }
}
