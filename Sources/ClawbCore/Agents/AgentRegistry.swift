import ClawbCrypto
import Foundation

/// Registration and attestation of agents (API.md §3): an agent registers its Ed25519 public
/// key, receives a random challenge, and becomes `active` by signing it.
public struct AgentRegistry: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    let registrationLimiter: RateLimiter
    let cursors: CursorCodec

    /// Challenge lifetime.
    public static let challengeLifetimeSeconds: Int64 = 300
    public static let challengeLength = 32
    /// Pending agents never attested (and mapped nowhere) are purged after this.
    public static let pendingLifetimeSeconds: Int64 = 86_400
    public static let maxNameLength = 128
    /// Largest `metadata` object, as compact JSON.
    public static let maxMetadataBytes = 4096

    public init(
        storage: any Storage, clock: any Clock, audit: AuditLog, registrationsPerMinutePerAddress: Int,
        cursors: CursorCodec
    ) {
        self.cursors = cursors
        self.storage = storage
        self.clock = clock
        self.audit = audit
        self.registrationLimiter = RateLimiter(perMinute: registrationsPerMinutePerAddress, clock: clock)
    }

    public struct Registration: Sendable {
        public let agent: Agent
        public let challenge: AttestationChallenge
        /// False when a pending agent registered the same key again (same id, fresh challenge).
        public let created: Bool
    }

    /// Registers a public key, or re-issues a challenge for a pending agent with the same key.
    public func register(
        name: String?, publicKey: String?, keyType: String?, metadata: [String: JSONValue]?,
        clientAddress: String?, requestID: String?
    ) throws -> Registration {
        if let wait = registrationLimiter.acquire(clientAddress ?? "unknown") {
            throw DomainError(.rateLimited, "Too many registrations from this address; retry later.", retryAfter: wait)
        }
        let name = try TextRules.validatedName(name, field: "name", maxLength: Self.maxNameLength)
        guard keyType == nil || keyType == Agent.keyType else {
            throw DomainError(.invalidKeyType, "key_type must be \"ed25519\".", field: "key_type")
        }
        let key = try Self.decodePublicKey(publicKey)
        let metadata = metadata ?? [:]
        guard Self.encodedSize(metadata) <= Self.maxMetadataBytes else {
            throw DomainError(
                .invalidMetadata, "metadata must be at most \(Self.maxMetadataBytes) bytes of JSON.",
                field: "metadata")
        }
        let now = clock.now()
        let audit = self.audit
        return try storage.write { transaction in
            var created = true
            var agent: Agent
            if let existing = try transaction.agent(publicKey: key) {
                guard existing.status == .pending else {
                    throw DomainError(
                        .alreadyRegistered, "An agent with this public key is already registered.",
                        field: "public_key")
                }
                agent = existing
                created = false
            } else {
                agent = Agent(
                    id: .generate(at: now), name: name, publicKey: key, status: .pending, metadata: metadata,
                    createdAt: now, attestedAt: nil)
                try transaction.insert(agent)
            }
            let challenge = AttestationChallenge(
                id: .generate(at: now), agentID: agent.id, bytes: SecureRandom.bytes(Self.challengeLength),
                createdAt: now,
                expiresAt: now.adding(seconds: Self.challengeLifetimeSeconds), usedAt: nil)
            try transaction.insert(challenge)
            try Self.recordLifecycle(
                .agentRegistered, agent: agent, requestID: requestID, at: now,
                metadata: ["key_fingerprint": .string(agent.keyFingerprint), "reissued": .bool(!created)],
                audit: audit, in: transaction)
            return Registration(agent: agent, challenge: challenge, created: created)
        }
    }

    /// Checks the signature of a challenge and activates the agent.
    public func attest(
        agentID text: String?, challengeID challengeText: String?, signature: String?,
        requestID: String?
    ) throws -> Agent {
        let unknown = DomainError(.unknownChallenge, "No pending challenge has this id for this agent.")
        guard let challengeID = challengeText.flatMap(ChallengeID.init), let agentID = text.flatMap(AgentID.init) else {
            throw unknown
        }
        let invalidSignature = DomainError(.invalidSignature, "The signature does not verify for this challenge.")
        guard let signature, let signatureBytes = Data(base64Encoded: signature).map(Array.init),
            signatureBytes.count == Ed25519.signatureLength
        else {
            throw invalidSignature
        }
        let now = clock.now()
        let audit = self.audit
        return try storage.write { transaction in
            guard let challenge = try transaction.challenge(id: challengeID), challenge.agentID == agentID,
                var agent = try transaction.agent(id: agentID)
            else { throw unknown }
            guard challenge.usedAt == nil else {
                throw DomainError(.challengeUsed, "This challenge was already used; register again for a new one.")
            }
            guard now < challenge.expiresAt else {
                throw DomainError(.challengeExpired, "This challenge has expired; register again for a new one.")
            }
            guard Ed25519.verify(signature: signatureBytes, message: challenge.bytes, publicKey: agent.publicKey) else {
                throw invalidSignature
            }
            guard agent.status != .revoked else { throw DomainError(.agentRevoked, "This agent is revoked.") }
            try transaction.markChallengeUsed(id: challenge.id, at: now)
            if agent.status == .pending {
                agent.status = .active
                agent.attestedAt = now
                try transaction.update(agent)
            }
            try Self.recordLifecycle(
                .agentAttested, agent: agent, requestID: requestID, at: now,
                metadata: ["challenge_id": .string(challenge.id.rawValue)], audit: audit, in: transaction)
            return agent
        }
    }

    /// Deletes, in small batches, what has outlived its use: pending agents never attested
    /// (and not mapped anywhere) after 24 h, and expired challenges. Returns rows deleted.
    public func purgeStale(batchSize: Int = 500) throws -> Int {
        let now = clock.now()
        let agents = try storage.write {
            try $0.purgePendingAgents(
                createdBefore: now.adding(seconds: -Self.pendingLifetimeSeconds), limit: batchSize)
        }
        let challenges = try storage.write {
            try $0.pruneChallenges(expiredBefore: now.adding(seconds: -Self.challengeLifetimeSeconds), limit: batchSize)
        }
        return agents + challenges
    }

    /// A page of the operator log, oldest first.
    public func operatorEvents(limit text: String?, cursor: String?) throws -> KeysetPage<OperatorEvent> {
        let limit = try PageLimit.parse(text)
        let scope = "operator_events"
        let after = try cursors.position(of: cursor, scope: scope) ?? 0
        let rows = try storage.read { try $0.operatorEvents(afterPosition: after, limit: limit + 1).items }
        return cursors.page(rows, limit: limit, scope: scope, position: \.position, item: \.item)
    }

    /// A lifecycle event goes to the operator log and to every workspace that maps the agent.
    static func recordLifecycle(
        _ type: AuditEvent.EventType, agent: Agent, requestID: String?, at time: Timestamp,
        metadata: [String: JSONValue], audit: AuditLog, in transaction: any StorageWriter
    ) throws {
        try transaction.append(
            OperatorEvent(
                id: .generate(at: time), createdAt: time, eventType: type,
                agentID: agent.id.rawValue, requestID: requestID, metadata: metadata))
        for workspace in try transaction.workspacesMapping(agent: agent.id) {
            try audit.append(
                AuditRecord(
                    type, workspace: workspace, actor: AuditActor(kind: .agent, id: agent.id.rawValue),
                    requestID: requestID, agentID: agent.id.rawValue, metadata: metadata), in: transaction)
        }
    }

    /// Standard base64 of exactly 32 bytes encoding a valid Ed25519 point.
    static func decodePublicKey(_ text: String?) throws -> [UInt8] {
        guard let text, let data = Data(base64Encoded: text), Ed25519.isValidPublicKey(Array(data)) else {
            throw DomainError(
                .invalidPublicKey,
                "public_key must be the standard base64 of a 32-byte Ed25519 public key.", field: "public_key")
        }
        return Array(data)
    }

    static func encodedSize(_ metadata: [String: JSONValue]) -> Int {
        (try? JSONEncoder().encode(metadata).count) ?? Int.max
    }
}
