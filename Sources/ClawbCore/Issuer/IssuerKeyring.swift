import ClawbCrypto
import Synchronization

/// The server's Ed25519 issuer keys (API.md §4): one active key signs new tokens; retired keys
/// stay published in the JWKS until every token they signed has expired, then drop out.
///
/// Private seeds are stored only sealed under the master key and are never logged or
/// returned; the active one is opened once and kept in memory.
public final class IssuerKeyring: Sendable {
    let storage: any Storage
    let clock: any Clock
    let masterKey: [UInt8]
    /// The longest lifetime of a token this server issues: how long a retired key stays
    /// published.
    let maxTokenLifetimeSeconds: Int64
    private let active: Mutex<(id: SigningKeyID, key: Ed25519.SigningKey)>

    /// Opens the keyring, creating the first key when there is none. Throws
    /// `KeyringError.masterKeyMismatch` when the master key does not open the stored key.
    public init(storage: any Storage, clock: any Clock, masterKey: [UInt8], maxTokenLifetimeSeconds: Int64) throws {
        precondition(masterKey.count == SecretBox.keyLength)
        let record: SigningKeyRecord
        if let stored = try storage.read({ try $0.signingKeys() }).first(where: \.isActive) {
            record = stored
        } else {
            let fresh = Self.newRecord(at: clock.now(), masterKey: masterKey)
            record = try storage.write { transaction in
                // Another process may have created one meanwhile; the first one stored wins.
                if let existing = try transaction.signingKeys().first(where: \.isActive) { return existing }
                try transaction.insert(fresh)
                return fresh
            }
        }
        self.storage = storage
        self.clock = clock
        self.masterKey = masterKey
        self.maxTokenLifetimeSeconds = maxTokenLifetimeSeconds
        self.active = Mutex((record.id, try Self.open(record, masterKey: masterKey)))
    }

    public enum KeyringError: Error, Sendable, Equatable {
        /// The master key does not open the stored signing key: wrong CLAWB_MASTER_KEY or file.
        case masterKeyMismatch
    }

    /// The key that signs new tokens.
    public var activeKey: (id: SigningKeyID, key: Ed25519.SigningKey) {
        active.withLock { $0 }
    }

    /// Keys to publish in the JWKS now: the active one and retired ones still needed.
    public func publishedKeys() throws -> [SigningKeyRecord] {
        let now = clock.now()
        return try storage.read { try $0.signingKeys() }.filter { $0.isPublished(at: now) }
    }

    public struct Rotation: Sendable {
        public let newKey: SigningKeyID
        public let previousKey: SigningKeyID
        public let previousPublishedUntil: Timestamp
    }

    /// Makes a new active key at once; the previous one stays published for the longest token
    /// lifetime. Recorded in the operator log as `signing_key_rotated`.
    public func rotate(requestID: String?) throws -> Rotation {
        let now = clock.now()
        let fresh = Self.newRecord(at: now, masterKey: masterKey)
        let lifetime = maxTokenLifetimeSeconds
        let rotation = try storage.write { transaction -> Rotation in
            guard let current = try transaction.signingKeys().first(where: \.isActive) else {
                throw KeyringError.masterKeyMismatch
            }
            let until = now.adding(seconds: lifetime)
            try transaction.retireSigningKey(id: current.id, at: now, publishUntil: until)
            try transaction.insert(fresh)
            try transaction.append(
                OperatorEvent(
                    id: .generate(at: now), createdAt: now, eventType: .signingKeyRotated, agentID: nil,
                    requestID: requestID,
                    metadata: [
                        "kid": .string(fresh.id.rawValue), "previous_kid": .string(current.id.rawValue),
                        "previous_published_until": .string(until.rfc3339),
                    ]))
            return Rotation(newKey: fresh.id, previousKey: current.id, previousPublishedUntil: until)
        }
        let key = try Self.open(fresh, masterKey: masterKey)
        active.withLock { $0 = (fresh.id, key) }
        return rotation
    }

    static func newRecord(at time: Timestamp, masterKey: [UInt8]) -> SigningKeyRecord {
        let key = Ed25519.SigningKey.generate()
        return SigningKeyRecord(
            id: .generate(at: time), publicKey: key.publicKey,
            sealedSeed: SecretBox.seal(key.seed, key: masterKey), createdAt: time, retiredAt: nil,
            publishUntil: nil)
    }

    static func open(_ record: SigningKeyRecord, masterKey: [UInt8]) throws -> Ed25519.SigningKey {
        guard let seed = SecretBox.open(record.sealedSeed, key: masterKey), let key = Ed25519.SigningKey(seed: seed),
            key.publicKey == record.publicKey
        else { throw KeyringError.masterKeyMismatch }
        return key
    }
}
