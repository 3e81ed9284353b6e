import ClawbCrypto
import Synchronization

/// A workspace's policies: stored documents (`PUT`/`GET`/list, each change audited as
/// `policy_updated`), `pol_default` present in every workspace, and decisions.
///
/// Decisions use a cache of parsed documents keyed by (workspace, policy) and checked against
/// the stored version on every call (one primary-key read), so a change applies to the very
/// next decision and parsing happens once per version.
public final class PolicyBook: MintPolicy, Sendable {
    public static let defaultPolicyID = "pol_default"
    static let maxCachedPolicies = 10_000

    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    let reputation: ReputationLedger
    let counters: PolicyRateCounter
    private let cache = Mutex<[String: StoredPolicy]>([:])

    public init(storage: any Storage, clock: any Clock, audit: AuditLog, reputation: ReputationLedger) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
        self.reputation = reputation
        self.counters = PolicyRateCounter(clock: clock)
    }

    /// `pol_` then 1–64 of `[a-z0-9_-]`.
    public static func isValidID(_ id: String) -> Bool {
        id.hasPrefix("pol_") && id.utf8.count <= 68 && id.utf8.count > 4
            && id.utf8.dropFirst(4).allSatisfy {
                (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5f || $0 == 0x2d
            }
    }

    /// The policy, or `pol_default`'s built-in version 1 when the workspace never stored it.
    public func policy(_ id: String, in workspace: WorkspaceID) throws -> StoredPolicy {
        let unknown = DomainError(.unknownPolicy, "No policy has this id in this workspace.", field: "policy_id")
        guard Self.isValidID(id) else { throw unknown }
        let key = workspace.rawValue + "/" + id
        let storedVersion = try storage.read { try $0.policyVersion(workspace: workspace, id: id) }
        guard let storedVersion else {
            guard id == Self.defaultPolicyID else { throw unknown }
            return StoredPolicy(
                workspaceID: workspace, id: id, version: 1, document: .builtInDefault,
                updatedAt: Timestamp(milliseconds: 0))
        }
        if let cached = cache.withLock({ $0[key] }), cached.version == storedVersion { return cached }
        guard let loaded = try storage.read({ try $0.policy(workspace: workspace, id: id) }) else { throw unknown }
        cache.withLock { cache in
            if cache.count >= Self.maxCachedPolicies { cache.removeAll() }
            cache[key] = loaded
        }
        return loaded
    }

    /// Every policy of the workspace, `pol_default` included even when never stored.
    public func list(in workspace: WorkspaceID) throws -> [StoredPolicy] {
        var stored = try storage.read { try $0.policies(workspace: workspace) }
        if !stored.contains(where: { $0.id == Self.defaultPolicyID }) {
            stored.append(try policy(Self.defaultPolicyID, in: workspace))
        }
        return stored.sorted { $0.id < $1.id }
    }

    /// Validates and stores a new version; audits `policy_updated` in the same transaction.
    public func put(
        _ id: String, document json: JSONValue, as principal: WorkspacePrincipal, requestID: String?
    ) throws -> StoredPolicy {
        guard Self.isValidID(id) else {
            throw DomainError(
                .invalidPolicyID, "A policy id is pol_ followed by 1-64 of a-z 0-9 _ -.", field: "policy_id")
        }
        let document = try PolicyDocument(json: json)
        let workspace = principal.workspace.id
        let now = clock.now()
        let audit = self.audit
        return try storage.write { transaction in
            // pol_default's built-in document is version 1, so a first stored version is 2.
            let previous = try transaction.policyVersion(workspace: workspace, id: id)
            let version = (previous ?? (id == Self.defaultPolicyID ? 1 : 0)) + 1
            let stored = StoredPolicy(
                workspaceID: workspace, id: id, version: version, document: document, updatedAt: now)
            try transaction.put(stored)
            try audit.append(
                AuditRecord(
                    .policyUpdated, workspace: workspace, actor: principal.actor, requestID: requestID, policyID: id,
                    metadata: [
                        "version": .integer(Int64(version)), "rules": .integer(Int64(document.rules.count)),
                        "document_sha256": .string(SHA256.hexDigest(Array(CanonicalJSON.render(document.json).utf8))),
                    ]), in: transaction)
            return stored
        }
    }

    public func decide(
        workspace: WorkspaceID, policyID: String, agent: Agent, mappings: [AgentMapping], action: String,
        context: [String: JSONValue]
    ) throws -> PolicyDecision {
        let policy = try policy(policyID, in: workspace)
        let active = mappings.filter { $0.status == .active }
        let facts = PolicyFacts(
            action: action, agentStatus: agent.status, labels: Set(active.flatMap(\.labels)),
            environment: active.first?.environment, context: context)
        let reputation = self.reputation
        let result = policy.document.evaluate(facts) {
            (try? reputation.summary(of: agent).score.riskTier.rawValue) ?? "high"
        }
        guard result.outcome == .allow else {
            return PolicyDecision(outcome: result.outcome, reasons: result.reasons, policyVersion: policy.version)
        }
        let limits = policy.document.rateLimits(for: action)
        if !limits.isEmpty,
            let wait = counters.take(
                limits, key: [workspace.rawValue, policyID, agent.id.rawValue].joined(separator: "\u{1f}"))
        {
            return PolicyDecision(
                outcome: .deny, reasons: ["rate_limit_exceeded"], policyVersion: policy.version, retryAfter: wait)
        }
        return PolicyDecision(outcome: .allow, reasons: result.reasons, policyVersion: policy.version)
    }
}
