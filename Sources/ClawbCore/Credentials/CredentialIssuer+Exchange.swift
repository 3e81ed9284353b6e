/// `POST /v1/token/exchange` (API.md §5): a signed agent assertion exchanged for an EdDSA JWT
/// after the kill switch and the `token.exchange` policy.
///
/// Order: validation (400) → the signed `agent_request` (400 `invalid_signature`,
/// `timestamp_out_of_range`, `replay_detected`; the nonce is consumed) → the workspace: the
/// key's when a workspace key is sent, else `workspace_id` when given, else the agent's only
/// active mapping (400 `ambiguous_workspace` when several) → kill switch (403
/// `minting_paused`) → agent mapped and active (404) → policy (404 `unknown_policy`, 403
/// `policy_denied`/`policy_challenge`) → workspace mint rate (429). The token is stored like a
/// minted credential (introspectable, revocable, covered by revoke-all) and audited as
/// `token_exchanged`.
///
/// The signature proves possession of the agent's key and binds method, path, time and
/// nonce; `body_sha256` is not recomputed from the JSON payload, whose byte form the server
/// cannot reproduce (docs/policies.md).
extension CredentialIssuer {
    public static let defaultExchangeTTLSeconds: Int64 = 900

    public struct ExchangeRequest: Sendable {
        public var agentID: String?
        public var audience: String?
        public var scopes: [String]?
        public var policyID: String?
        public var ttlSeconds: Int64?
        public var context: JSONValue?
        public var workspaceID: String?
        public var agentRequest: SignedRequest?

        public init(
            agentID: String?, audience: String?, scopes: [String]?, policyID: String?, ttlSeconds: Int64?,
            context: JSONValue?, workspaceID: String?, agentRequest: SignedRequest?
        ) {
            self.agentID = agentID
            self.audience = audience
            self.scopes = scopes
            self.policyID = policyID
            self.ttlSeconds = ttlSeconds
            self.context = context
            self.workspaceID = workspaceID
            self.agentRequest = agentRequest
        }
    }

    public func exchange(
        _ request: ExchangeRequest, principal: WorkspacePrincipal?, verifier: SignedRequestVerifier,
        requestID: String?
    ) throws -> Minted {
        let valid = try validate(
            MintRequest(
                agentID: request.agentID, provider: nil, audience: request.audience,
                ttlSeconds: request.ttlSeconds ?? Self.defaultExchangeTTLSeconds, oneTime: false,
                scopes: request.scopes, scopeHash: nil, policyID: request.policyID, tokenType: "jwt"))
        var context: [String: JSONValue]
        switch request.context {
        case nil, .null?: context = [:]
        case .object(let fields)?: context = fields
        default: throw DomainError(.invalidContext, "context must be a JSON object.", field: "context")
        }
        guard var signed = request.agentRequest else {
            throw DomainError(
                .invalidSignedRequest, "agent_request with the signed request fields is required.",
                field: "agent_request")
        }
        // The assertion is about the agent named in the body, whatever agent_request says.
        signed.agentID = valid.agentText
        switch try verifier.verify(signed) {
        case .success: break
        case .failure(.unknownAgent):
            throw DomainError(.unknownAgent, "No agent has this id.", field: "agent_id")
        case .failure(.agentRevoked): throw DomainError(.agentRevoked, "This agent is revoked.")
        case .failure(let failure): throw failure.asDomainError
        }
        let workspace = try exchangeWorkspace(request, agentText: valid.agentText, principal: principal)
        let (agent, mappings) = try mintableAgent(valid.agentText, in: workspace.id)
        // Set by the server so a caller cannot claim other values in context.
        context["audience"] = .string(valid.audience)
        context["scopes"] = .array(valid.scopes.map(JSONValue.string))
        context["ttl_seconds"] = .integer(valid.ttl)
        let decision = try policy.decide(
            workspace: workspace.id, policyID: valid.policyID, agent: agent, mappings: mappings,
            action: "token.exchange", context: context)
        let now = clock.now()
        try enforce(decision, for: "exchange", at: now, workspace: workspace.id)
        return try issue(
            valid, agent: agent.id, workspace: workspace, at: now,
            actor: principal?.actor ?? AuditActor(kind: .agent, id: agent.id.rawValue), requestID: requestID,
            event: .tokenExchanged, action: "token.exchange")
    }

    private func exchangeWorkspace(
        _ request: ExchangeRequest, agentText: String, principal: WorkspacePrincipal?
    )
        throws -> Workspace
    {
        if let principal { return principal.workspace }
        let unknown = DomainError(
            .unknownAgent, "No workspace maps this agent as active.", field: "agent_id")
        guard let agentID = AgentID(agentText) else { throw unknown }
        return try storage.read { reader in
            let candidates = try reader.workspacesMapping(agent: agentID).filter {
                try reader.maps(agentID, in: $0, activeOnly: true)
            }
            let chosen: WorkspaceID
            if let requested = request.workspaceID {
                guard let id = WorkspaceID(requested), candidates.contains(id) else { throw unknown }
                chosen = id
            } else {
                guard let only = candidates.first else { throw unknown }
                guard candidates.count == 1 else {
                    throw DomainError(
                        .ambiguousWorkspace,
                        "The agent is mapped in several workspaces: send workspace_id or a workspace key.",
                        field: "workspace_id")
                }
                chosen = only
            }
            guard let workspace = try reader.workspace(id: chosen) else { throw unknown }
            return workspace
        }
    }
}
