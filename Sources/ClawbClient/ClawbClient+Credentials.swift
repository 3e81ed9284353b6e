import ClawbWire

/// Credentials, kill switches and signing keys.
extension ClawbClient {
    public func mint(_ request: MintRequest) async throws -> MintResponse {
        try await send("POST", "/v1/identity/credentials/mint", body: request)
    }

    public func introspect(token: String, scopeHash: String?) async throws -> IntrospectResponse {
        try await send("POST", "/v1/identity/introspect", body: IntrospectRequest(token: token, scopeHash: scopeHash))
    }

    public func revokeCredential(_ request: RevokeCredentialRequest) async throws -> RevokeCredentialResponse {
        try await send("POST", "/v1/identity/credentials/revoke", body: request)
    }

    public func revokeByAgent(agentID: String, reason: String?) async throws -> RevokeByAgentResponse {
        try await send(
            "POST", "/v1/identity/credentials/revoke-by-agent",
            body: RevokeByAgentRequest(agentID: agentID, reason: reason))
    }

    public func setMintingPaused(_ paused: Bool, reason: String?) async throws -> MintingSwitchResponse {
        try await send(
            "POST", "/v1/identity/kill-switch/minting", body: MintingSwitchRequest(paused: paused, reason: reason))
    }

    public func revokeAll(reason: String?) async throws -> RevokeAllResponse {
        try await send("POST", "/v1/identity/kill-switch/revoke-all", body: RevokeAllRequest(reason: reason))
    }

    public func killSwitchStatus() async throws -> KillSwitchStatusResponse {
        try await send("GET", "/v1/identity/kill-switch/status")
    }

    public func rotateSigningKey() async throws -> SigningKeyRotationResponse {
        try await send("POST", "/v1/admin/signing-keys/rotate")
    }
}
