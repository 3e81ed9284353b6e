import ClawbCrypto
import Foundation

/// Mints, introspects and revokes short-lived credentials (API.md §4).
///
/// Mint checks, in order: validation (400s), the kill switch (403 `minting_paused`), the agent
/// mapped and active in this workspace (404 `unknown_agent`), the policy (404
/// `unknown_policy`, 403 `policy_denied` / `policy_challenge`), the workspace rate (429
/// `rate_limited`); then the credential and its `credential_minted` event are stored together.
/// Refusals from the kill switch on are audited as `credential_mint_denied`.
public struct CredentialIssuer: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog
    let keyring: IssuerKeyring
    let policy: any MintPolicy
    let issuer: String
    let maxTTLSeconds: Int64
    let mints: RateLimiter
    let denialRecords: RateLimiter

    public static let defaultTTLSeconds: Int64 = 300
    public static let maxScopes = 32
    public static let maxScopeLength = 128
    public static let defaultAudience = "clawb.provider"
    public static let maxReasonLength = 256

    public init(
        storage: any Storage, clock: any Clock, audit: AuditLog, keyring: IssuerKeyring, policy: any MintPolicy,
        issuer: String, maxTTLSeconds: Int64, mintsPerMinutePerWorkspace: Int
    ) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
        self.keyring = keyring
        self.policy = policy
        self.issuer = issuer
        self.maxTTLSeconds = maxTTLSeconds
        self.mints = RateLimiter(perMinute: mintsPerMinutePerWorkspace, clock: clock)
        self.denialRecords = RateLimiter(perMinute: 120, clock: clock)
    }

    /// A minted credential and its token, which exists only in this value.
    public struct Minted: Sendable {
        public let credential: Credential
        public let token: String
    }

    public func mint(_ request: MintRequest, as principal: WorkspacePrincipal, requestID: String?) throws -> Minted {
        let valid = try validate(request)
        let workspace = principal.workspace
        do {
            let now = clock.now()
            let (agent, mappings) = try mintableAgent(valid.agentText, in: workspace.id)
            let context: [String: JSONValue] = [
                "provider": valid.provider.map(JSONValue.string) ?? .null, "audience": .string(valid.audience),
                "scopes": .array(valid.scopes.map(JSONValue.string)), "ttl_seconds": .integer(valid.ttl),
                "one_time": .bool(valid.oneTime), "token_type": .string(valid.tokenType.rawValue),
            ]
            let decision = try policy.decide(
                workspace: workspace.id, policyID: valid.policyID, agent: agent, mappings: mappings,
                action: "credentials.mint", context: context)
            try enforce(decision, for: "credential", at: now, workspace: workspace.id)
            return try issue(
                valid, agent: agent.id, workspace: workspace, at: now, actor: principal.actor, requestID: requestID,
                event: .credentialMinted, action: "credentials.mint")
        } catch let error as DomainError
            where [
                .mintingPaused, .policyDenied, .policyChallenge, .rateLimited, .unknownAgent,
                .unknownPolicy,
            ].contains(error.code)
        {
            recordDenial(
                error, agent: valid.agentText, policyID: valid.policyID, principal: principal, requestID: requestID)
            throw error
        }
    }

    /// Refuses a `deny` (403 `policy_denied`) or `challenge` (403 `policy_challenge`) with the
    /// reasons and a fresh trace id, then takes a token from the workspace's mint rate (429).
    /// A trace id names a decision reported to the caller, so only refusals carry one: the
    /// mint answer has no trace_id, and an unreturned id would only cost an index entry.
    func enforce(_ decision: PolicyDecision, for what: String, at now: Timestamp, workspace: WorkspaceID) throws {
        switch decision.outcome {
        case .deny:
            throw DomainError(
                .policyDenied, "The policy denies this \(what).", reasons: decision.reasons,
                traceID: TraceID.generate(at: now).rawValue)
        case .challenge:
            throw DomainError(
                .policyChallenge, "The policy requires a challenge before this \(what).", reasons: decision.reasons,
                traceID: TraceID.generate(at: now).rawValue)
        case .allow: break
        }
        if let wait = mints.acquire(workspace.rawValue) {
            throw DomainError(
                .rateLimited, "Too many credentials minted by this workspace; retry later.", retryAfter: wait)
        }
    }

    /// Creates the token, then stores the credential (its hash only) with its audit event in
    /// one transaction: the common end of minting and token exchange.
    func issue(
        _ valid: ValidRequest, agent: AgentID, workspace: Workspace, at now: Timestamp, actor: AuditActor,
        requestID: String?, event: AuditEvent.EventType, action: String
    ) throws -> Minted {
        let id = CredentialID.generate(at: now)
        let expires = now.adding(seconds: valid.ttl)
        let token: String
        switch valid.tokenType {
        case .opaque: token = "cto_" + SecureRandom.string(length: 43, alphabet: SecureRandom.base62Alphabet)
        case .jwt: token = jwt(id: id, agent: agent, workspace: workspace, valid: valid, issued: now, expires: expires)
        }
        var credential = Credential(
            id: id, workspaceID: workspace.id, agentID: agent, provider: valid.provider, audience: valid.audience,
            scopes: valid.scopes, scopeHash: valid.scopeHash, policyID: valid.policyID, tokenType: valid.tokenType,
            oneTime: valid.oneTime, tokenHash: SHA256.hash(token), issuedAt: now, expiresAt: expires)
        let audit = self.audit
        let stored = credential
        credential.serial = try storage.write { transaction in
            let serial = try transaction.insert(stored)
            try audit.append(
                AuditRecord(
                    event, workspace: workspace.id, actor: actor, requestID: requestID, agentID: agent.rawValue,
                    action: action, decision: "allow", traceID: nil, policyID: valid.policyID,
                    metadata: [
                        "cred_id": .string(id.rawValue), "token_type": .string(valid.tokenType.rawValue),
                        "one_time": .bool(valid.oneTime), "expires_at": .string(expires.rfc3339),
                        "scope_hash": .string(valid.scopeHash),
                    ]), in: transaction)
            return serial
        }
        return Minted(credential: credential, token: token)
    }

    /// The kill switch, then the agent mapped and active in `workspace`: the gates shared by
    /// minting and token exchange, in API.md's order. Returns the agent and its mappings here.
    func mintableAgent(_ agentText: String, in workspace: WorkspaceID) throws -> (Agent, [AgentMapping]) {
        try storage.read { reader -> (Agent, [AgentMapping]) in
            guard !(try reader.mintingControls(workspace: workspace).mintingPaused) else {
                throw DomainError(.mintingPaused, "Minting is paused for this workspace.")
            }
            let unknown = DomainError(
                .unknownAgent, "No active agent with this id is mapped in this workspace.", field: "agent_id")
            guard let agentID = AgentID(agentText), let found = try reader.activelyMappedAgent(agentID, in: workspace)
            else { throw unknown }
            return found
        }
    }

    /// RFC 7662 introspection. A one-time credential is consumed by its first active answer:
    /// of any number of concurrent calls exactly one sees it active. Unknown, expired, revoked,
    /// consumed and watermarked credentials, and a differing `scope_hash`, all answer inactive.
    public func introspect(token: String?, scopeHash: String?, requestID: String?) throws -> Credential? {
        guard let token, !token.isEmpty, token.utf8.count <= 4096 else { return nil }
        let now = clock.now()
        let hash = SHA256.hash(token)
        let found = try storage.read { reader -> Credential? in
            guard let credential = try reader.credential(tokenHash: hash),
                try isActive(credential, at: now, reader: reader)
            else { return nil }
            return credential
        }
        guard let credential = found, scopeHash == nil || scopeHash == credential.scopeHash else { return nil }
        guard credential.oneTime else { return credential }
        let audit = self.audit
        let consumed = try storage.write { transaction -> Bool in
            // Checked again inside the write: a revocation may have committed since the read.
            guard try isActive(credential, at: now, reader: transaction),
                try transaction.consumeCredential(id: credential.id, at: now)
            else { return false }
            try audit.append(
                AuditRecord(
                    .credentialIntrospected, workspace: credential.workspaceID, actor: .anonymous, requestID: requestID,
                    agentID: credential.agentID.rawValue,
                    metadata: ["cred_id": .string(credential.id.rawValue), "consumed": true]),
                in: transaction)
            return true
        }
        return consumed ? credential : nil
    }

    /// Revokes one credential of the caller's workspace, by id or by token. Returns whether it
    /// was active (1) or already inactive (0).
    public func revoke(
        token: String?, credentialID: String?, reason: String?, as principal: WorkspacePrincipal,
        requestID: String?
    ) throws -> Bool {
        let reason = try Self.validatedReason(reason)
        let now = clock.now()
        let unknown = DomainError(.unknownCredential, "No credential of this workspace matches.")
        // The public docs pass a cred_id in "token"; both are accepted.
        let id = credentialID ?? token.flatMap { $0.hasPrefix(CredentialID.prefix) ? $0 : nil }
        guard id != nil || token != nil else {
            throw DomainError(.missingCredential, "Send the token or the cred_id to revoke.", field: "cred_id")
        }
        let audit = self.audit
        return try storage.write { transaction in
            let credential: Credential? =
                if let id { try CredentialID(id).flatMap { try transaction.credential(id: $0) } } else {
                    try transaction.credential(tokenHash: SHA256.hash(token!))
                }
            guard let credential, credential.workspaceID == principal.workspace.id else { throw unknown }
            guard try isActive(credential, at: now, reader: transaction) else { return false }
            let revoked = try transaction.revokeCredential(id: credential.id, at: now, reason: reason)
            if revoked {
                try audit.append(
                    AuditRecord(
                        .credentialRevoked, workspace: principal.workspace.id, actor: principal.actor,
                        requestID: requestID,
                        agentID: credential.agentID.rawValue,
                        metadata: [
                            "cred_id": .string(credential.id.rawValue), "reason": reason.map(JSONValue.string) ?? .null,
                        ]),
                    in: transaction)
            }
            return revoked
        }
    }

    /// Revokes every credential of an agent in the caller's workspace issued so far: a
    /// watermark, O(1) whatever the number of credentials. Returns how many were live.
    public func revokeByAgent(
        agentID text: String?, reason: String?, as principal: WorkspacePrincipal, requestID: String?
    ) throws
        -> (revoked: Int, revokedBefore: Timestamp)
    {
        let reason = try Self.validatedReason(reason)
        guard let text, !text.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        let unknown = DomainError(
            .unknownAgent, "No agent with this id is mapped in this workspace.", field: "agent_id")
        guard let agentID = AgentID(text) else { throw unknown }
        let now = clock.now()
        let audit = self.audit
        let workspace = principal.workspace.id
        return try storage.write { transaction in
            guard
                try transaction.maps(agentID, in: workspace)
            else { throw unknown }
            let serial = try transaction.latestCredentialSerial()
            let live = try transaction.countLiveCredentials(
                workspace: workspace, agent: agentID, upToSerial: serial, now: now)
            try transaction.setAgentRevocation(workspace: workspace, agent: agentID, serial: serial, at: now)
            try audit.append(
                AuditRecord(
                    .credentialsRevokedByAgent, workspace: workspace, actor: principal.actor, requestID: requestID,
                    agentID: agentID.rawValue,
                    metadata: ["revoked": .integer(Int64(live)), "reason": reason.map(JSONValue.string) ?? .null]),
                in: transaction)
            return (live, now)
        }
    }

    /// Deletes, in a small batch, credentials expired for more than an hour.
    public func pruneExpired(batchSize: Int = 1000) throws -> Int {
        let cutoff = clock.now().adding(seconds: -3600)
        return try storage.write { try $0.pruneCredentials(expiredBefore: cutoff, limit: batchSize) }
    }

    func isActive(_ credential: Credential, at now: Timestamp, reader: any StorageReader) throws -> Bool {
        guard credential.revokedAt == nil, credential.consumedAt == nil, now < credential.expiresAt else {
            return false
        }
        if let all = try reader.mintingControls(workspace: credential.workspaceID).allRevokedSerial,
            credential.serial <= all
        {
            return false
        }
        if let agent = try reader.agentRevocationSerial(workspace: credential.workspaceID, agent: credential.agentID),
            credential.serial <= agent
        {
            return false
        }
        return true
    }

    private func jwt(
        id: CredentialID, agent: AgentID, workspace: Workspace, valid: ValidRequest, issued: Timestamp,
        expires: Timestamp
    ) -> String {
        let signer = keyring.activeKey
        let header = CanonicalJSON.render(.object(["alg": "EdDSA", "kid": .string(signer.id.rawValue), "typ": "JWT"]))
        var clawb: [String: JSONValue] = [
            "workspace_id": .string(workspace.id.rawValue), "mode": .string(workspace.mode.rawValue),
            "one_time": .bool(valid.oneTime), "scope_hash": .string(valid.scopeHash),
            "policy_id": .string(valid.policyID),
        ]
        clawb["provider"] = valid.provider.map(JSONValue.string) ?? .null
        let claims: [String: JSONValue] = [
            "iss": .string(issuer), "sub": .string(agent.rawValue), "aud": .string(valid.audience),
            "iat": .integer(issued.milliseconds / 1000), "nbf": .integer(issued.milliseconds / 1000),
            "exp": .integer(expires.milliseconds / 1000), "jti": .string(id.rawValue),
            "scope": .string(valid.scopes.joined(separator: " ")),
            "clawb_claims": .object(clawb),
        ]
        return JWS.sign(headerJSON: header, payloadJSON: CanonicalJSON.render(.object(claims)), key: signer.key)
    }

    private func recordDenial(
        _ error: DomainError, agent: String, policyID: String, principal: WorkspacePrincipal,
        requestID: String?
    ) {
        guard denialRecords.acquire(principal.workspace.id.rawValue) == nil else { return }
        let record = AuditRecord(
            .credentialMintDenied, workspace: principal.workspace.id, actor: principal.actor,
            requestID: requestID, agentID: agent, action: "credentials.mint",
            decision: error.code == .policyChallenge ? "challenge" : "deny", traceID: error.traceID,
            policyID: policyID,
            metadata: [
                "reason": .string(error.code.rawValue),
                "reasons": .array((error.reasons ?? []).map(JSONValue.string)),
            ])
        let audit = self.audit
        _ = try? storage.write { try audit.append(record, in: $0) }
    }
}
