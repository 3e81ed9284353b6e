/// The persistence contract of the domain. Backends (SQLite now, PostgreSQL later) implement
/// it; one contract test suite runs against each. No backend type appears here.
///
/// Errors: every method may throw `DomainError(.storageUnavailable)` when the backend cannot
/// serve (disk full, I/O error, database locked beyond the busy timeout). Nothing else is
/// thrown by the backend itself; errors thrown by a `write` body are passed through unchanged.
public protocol Storage: Sendable {
    /// Runs `body` against a consistent snapshot. Many reads run in parallel with each other
    /// and with the writer.
    func read<T: Sendable>(_ body: (any StorageReader) throws -> T) throws -> T

    /// Runs `body` atomically and returns only after its changes are durably committed.
    ///
    /// If `body` throws, none of its changes are kept and the error is rethrown. Concurrent
    /// calls may share one underlying transaction (group commit), but each body is isolated by a
    /// savepoint: one body's failure never undoes another's work. Bodies run one at a time, so a
    /// body sees the effects of every body that ran before it.
    @discardableResult
    func write<T: Sendable>(_ body: @Sendable (any StorageWriter) throws -> T) throws -> T

    /// Throws when storage cannot serve requests (used by `/readyz`).
    func checkReady() throws

    /// Finishes queued writes and closes every connection. Later calls throw.
    func close()
}

/// Queries available inside `Storage.read` and `Storage.write`.
public protocol StorageReader {
    func workspace(id: WorkspaceID) throws -> Workspace?
    /// All workspaces, oldest first.
    func workspaces() throws -> [Workspace]

    /// The key whose `secretHash` equals `hash`, revoked or not.
    func apiKey(hash: [UInt8]) throws -> APIKey?
    func apiKey(id: APIKeyID) throws -> APIKey?
    /// The keys of a workspace, oldest first.
    func apiKeys(workspace: WorkspaceID) throws -> [APIKey]

    /// The last event of a workspace's chain, nil when it has none.
    func auditHead(workspace: WorkspaceID) throws -> AuditChainHead?
    /// Events with `sequence > afterSequence`, ascending, at most `limit`.
    func auditEvents(workspace: WorkspaceID, afterSequence: Int64, limit: Int) throws -> [AuditEvent]

    func agent(id: AgentID) throws -> Agent?
    /// The agent registered with this raw public key, if any (keys are unique).
    func agent(publicKey: [UInt8]) throws -> Agent?
    func challenge(id: ChallengeID) throws -> AttestationChallenge?

    func mapping(workspace: WorkspaceID, externalAgentKey: String) throws -> AgentMapping?
    /// Mappings of `workspace` matching `filter` whose position is greater than
    /// `afterPosition`, in position order, at most `limit`. Positions are assigned at insert,
    /// increase, and never change, so pages neither repeat nor skip rows when rows are inserted
    /// between two pages.
    func mappings(
        workspace: WorkspaceID, filter: AgentMappingFilter, afterPosition: Int64, limit: Int
    ) throws
        -> StoragePage<AgentMapping>
    /// The mappings of `agent` in `workspace` (any status), oldest first: one index seek, for
    /// the request-time lookups (mint, check, exchange) that must not scan a large workspace.
    func mappings(of agent: AgentID, in workspace: WorkspaceID) throws -> [AgentMapping]
    /// Every workspace holding a mapping (any status) of `agent`.
    func workspacesMapping(agent: AgentID) throws -> [WorkspaceID]

    /// Operator events with position > `afterPosition`, oldest first.
    func operatorEvents(afterPosition: Int64, limit: Int) throws -> StoragePage<OperatorEvent>

    /// A server secret by name (cursor signing key, ...), nil when not created yet.
    func serverSecret(named name: String) throws -> [UInt8]?

    /// The sequences of `workspace`'s events created within `start...end` (either side open
    /// when nil), or nil when none. Relies on `created_at` never decreasing along a chain.
    func auditSequenceRange(workspace: WorkspaceID, start: Timestamp?, end: Timestamp?) throws -> ClosedRange<Int64>?
    /// Events with a sequence in `sequences` matching `filter` (its time bounds are ignored:
    /// pass them through `auditSequenceRange`), newest or oldest first, at most `limit`.
    func auditEvents(
        workspace: WorkspaceID, filter: AuditFilter, sequences: ClosedRange<Int64>, newestFirst: Bool,
        limit: Int
    ) throws -> [AuditEvent]
    /// Where verification starts after retention removed the chain's beginning: the sequence
    /// and hash of the last removed event. Nil when nothing was ever removed.
    func auditAnchor(workspace: WorkspaceID) throws -> AuditChainHead?

    /// Feedback about `agent` received at or after `since` from **live** workspaces, summed by
    /// (workspace, verdict, hour).
    func feedbackBuckets(agent: AgentID, since: Timestamp) throws -> [FeedbackBucket]

    /// Every issuer signing key, oldest first.
    func signingKeys() throws -> [SigningKeyRecord]

    func credential(tokenHash: [UInt8]) throws -> Credential?
    func credential(id: CredentialID) throws -> Credential?
    /// The workspace's kill-switch state (defaults when never set).
    func mintingControls(workspace: WorkspaceID) throws -> MintingControls
    /// The revoke-by-agent watermark (a serial) for this agent in this workspace, if any.
    func agentRevocationSerial(workspace: WorkspaceID, agent: AgentID) throws -> Int64?

    /// The stored version of a policy, without its document (the cache check of every decision).
    func policyVersion(workspace: WorkspaceID, id: String) throws -> Int?
    func policy(workspace: WorkspaceID, id: String) throws -> StoredPolicy?
    /// A workspace's stored policies, by id.
    func policies(workspace: WorkspaceID) throws -> [StoredPolicy]
    func approval(tokenHash: [UInt8]) throws -> Approval?
    /// The oldest decided, unconsumed approval for exactly this question, decided at or after
    /// `decidedSince`.
    func redeemableApproval(
        workspace: WorkspaceID, agent: AgentID, policyID: String, action: String, contextHash: String,
        decidedSince: Timestamp
    ) throws -> Approval?
    /// The latest heartbeats of an agent, newest first.
    func heartbeats(agent: AgentID, limit: Int) throws -> [Heartbeat]
}

/// Changes available inside `Storage.write`.
public protocol StorageWriter: StorageReader {
    func insert(_ workspace: Workspace) throws
    func insert(_ key: APIKey) throws
    /// Sets `revoked_at` of a key; no effect when it is already revoked.
    func revokeAPIKey(id: APIKeyID, at time: Timestamp) throws
    func setAPIKeyExpiry(id: APIKeyID, at time: Timestamp) throws
    func recordAPIKeyUse(id: APIKeyID, at time: Timestamp) throws
    /// Appends an event. The caller (`AuditLog`) has chained it to `auditHead`.
    func append(_ event: AuditEvent) throws

    func insert(_ agent: Agent) throws
    /// Replaces the stored agent with the same id (name, status, metadata, attested_at).
    func update(_ agent: Agent) throws
    func insert(_ challenge: AttestationChallenge) throws
    func markChallengeUsed(id: ChallengeID, at time: Timestamp) throws

    /// Inserts a mapping, or replaces the one with the same (workspace, external key) keeping
    /// its position and `created_at`.
    func upsert(_ mapping: AgentMapping) throws

    /// Records that `nonce` was used by `agent` at `time`. Returns false when the same nonce was
    /// already recorded after `reusableBefore` (a replay); a record older than that is treated
    /// as expired and replaced. Atomic: of concurrent calls with the same nonce, one wins.
    func consumeNonce(agent: AgentID, nonce: String, at time: Timestamp, reusableBefore: Timestamp) throws -> Bool

    func append(_ event: OperatorEvent) throws
    func insertServerSecret(named name: String, value: [UInt8]) throws

    /// Stores a policy, replacing the previous version.
    func put(_ policy: StoredPolicy) throws
    func insert(_ approval: Approval) throws
    /// Pending → approved/denied. False when it was no longer pending.
    func decideApproval(id: ApprovalID, as status: Approval.Status, at time: Timestamp) throws -> Bool
    /// Marks a decided approval consumed. False when it already was (of concurrent calls, one wins).
    func consumeApproval(id: ApprovalID, at time: Timestamp) throws -> Bool
    func pruneApprovals(expiredBefore: Timestamp, limit: Int) throws -> Int
    func insert(_ heartbeat: Heartbeat) throws
    func pruneHeartbeats(before: Timestamp, limit: Int) throws -> Int

    /// Deletes up to `limit` of `workspace`'s oldest events created before `before`, and records
    /// the last one deleted as the chain's anchor, atomically. Returns how many were deleted.
    func pruneAuditEvents(workspace: WorkspaceID, before: Timestamp, limit: Int) throws -> Int

    /// Inserts a credential and returns the serial it was given.
    func insert(_ credential: Credential) throws -> Int64
    /// Marks a one-time credential used; false when it already was (exactly one caller wins).
    func consumeCredential(id: CredentialID, at time: Timestamp) throws -> Bool
    /// Marks a credential revoked; false when it already was.
    func revokeCredential(id: CredentialID, at time: Timestamp, reason: String?) throws -> Bool
    /// The highest serial issued so far (0 when none): the watermark of a revocation now.
    func latestCredentialSerial() throws -> Int64
    /// Sets the workspace-wide revoke-all watermark. O(1): no credential row is touched.
    func setAllRevoked(workspace: WorkspaceID, serial: Int64, at time: Timestamp) throws
    /// Sets an agent's watermark in a workspace. O(1).
    func setAgentRevocation(workspace: WorkspaceID, agent: AgentID, serial: Int64, at time: Timestamp) throws
    /// Credentials of the agent in the workspace, live at `now`, with a serial at most `serial`.
    func countLiveCredentials(
        workspace: WorkspaceID, agent: AgentID, upToSerial serial: Int64, now: Timestamp
    ) throws -> Int
    func setMintingPaused(workspace: WorkspaceID, paused: Bool, reason: String?, at time: Timestamp) throws
    /// Deletes up to `limit` credentials that expired before `before`; returns how many.
    func pruneCredentials(expiredBefore before: Timestamp, limit: Int) throws -> Int

    func insert(_ key: SigningKeyRecord) throws
    func retireSigningKey(id: SigningKeyID, at time: Timestamp, publishUntil: Timestamp) throws

    func insert(_ feedback: Feedback) throws
    /// Like `consumeNonce`, for feedback nonces, which are scoped to a workspace.
    func consumeFeedbackNonce(
        workspace: WorkspaceID, nonce: String, at time: Timestamp, reusableBefore: Timestamp
    ) throws -> Bool
    /// Deletes up to `limit` feedback nonce records older than `before`; returns how many.
    func pruneFeedbackNonces(before: Timestamp, limit: Int) throws -> Int

    /// Deletes up to `limit` nonce records older than `before`; returns how many.
    func pruneNonces(before: Timestamp, limit: Int) throws -> Int
    /// Deletes up to `limit` challenges that expired before `before`; returns how many.
    func pruneChallenges(expiredBefore before: Timestamp, limit: Int) throws -> Int
    /// Deletes up to `limit` agents still `pending` that were created before `before` and are
    /// mapped in no workspace, with their challenges; returns how many agents.
    func purgePendingAgents(createdBefore before: Timestamp, limit: Int) throws -> Int
}

/// Where a workspace's chain ends.
public struct AuditChainHead: Sendable, Equatable {
    public let sequence: Int64
    public let hash: String
    public let createdAt: Timestamp

    public init(sequence: Int64, hash: String, createdAt: Timestamp) {
        self.sequence = sequence
        self.hash = hash
        self.createdAt = createdAt
    }
}
