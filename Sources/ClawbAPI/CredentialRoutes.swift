import ClawbCore
import ClawbHTTP
import ClawbWire

/// Credentials and kill switches (`/v1/identity/...`).
enum CredentialRoutes {
    static func register(on router: Router, services: APIServices) {
        let base = "\(APIMount.prefix)/v1/identity"
        let issuer = services.credentials
        let board = services.killSwitch
        let metrics = services.metrics

        router.addAuthenticated("POST", "\(base)/credentials/mint", authenticator: services.apiKeys) {
            request, context in
            let body = try JSONCoding.decode(MintRequest.self, from: request)
            let minted = try ServerMetrics.countingRefusals(metrics, ServerMetrics.mintRefusals) {
                try issuer.mint(
                    CredentialIssuer.MintRequest(
                        agentID: body.agentID, provider: body.provider, audience: body.audience,
                        ttlSeconds: body.ttlSeconds, oneTime: body.oneTime, scopes: body.scopes,
                        scopeHash: body.scopeHash, policyID: body.policyID, tokenType: body.tokenType),
                    as: context.principal, requestID: context.requestID)
            }
            let credential = minted.credential
            metrics.increment(ServerMetrics.credentialsMinted, [credential.tokenType.rawValue])
            return JSONCoding.response(
                MintResponse(
                    credential: CredentialBody(
                        credID: credential.id.rawValue, token: minted.token, tokenType: credential.tokenType.rawValue,
                        expiresAt: credential.expiresAt.rfc3339, oneTime: credential.oneTime,
                        audience: credential.audience,
                        scopes: credential.scopes, scopeHash: credential.scopeHash, provider: credential.provider,
                        agentID: credential.agentID.rawValue)), status: 201)
        }

        // No authentication (the SDK sends none): rate-limited per client address instead.
        router.add("POST", "\(base)/introspect") { request, context in
            if let wait = services.introspections.acquire(request.remoteAddress ?? "unknown") {
                throw DomainError(
                    .rateLimited, "Too many introspections from this address; retry later.", retryAfter: wait)
            }
            let body = try JSONCoding.decode(IntrospectRequest.self, from: request)
            guard
                let credential = try issuer.introspect(
                    token: body.token, scopeHash: body.scopeHash, requestID: context.requestID)
            else {
                metrics.increment(ServerMetrics.introspections, ["inactive"])
                return JSONCoding.response(IntrospectResponse(active: false))
            }
            metrics.increment(ServerMetrics.introspections, ["active"])
            return JSONCoding.response(
                IntrospectResponse(
                    active: true, credID: credential.id.rawValue, sub: credential.agentID.rawValue,
                    aud: credential.audience,
                    scope: credential.scopes.joined(separator: " "), exp: credential.expiresAt.milliseconds / 1000,
                    iat: credential.issuedAt.milliseconds / 1000, tokenType: credential.tokenType.rawValue,
                    oneTime: credential.oneTime,
                    workspaceID: credential.workspaceID.rawValue))
        }

        router.addAuthenticated("POST", "\(base)/credentials/revoke", authenticator: services.apiKeys) {
            request, context in
            let body = try JSONCoding.decode(RevokeCredentialRequest.self, from: request)
            metrics.increment(ServerMetrics.revocations, ["credential"])
            let revoked = try issuer.revoke(
                token: body.token, credentialID: body.credID, reason: body.reason, as: context.principal,
                requestID: context.requestID)
            return JSONCoding.response(RevokeCredentialResponse(revoked: revoked ? 1 : 0, reason: body.reason))
        }

        router.addAuthenticated("POST", "\(base)/credentials/revoke-by-agent", authenticator: services.apiKeys) {
            request, context in
            let body = try JSONCoding.decode(RevokeByAgentRequest.self, from: request)
            metrics.increment(ServerMetrics.revocations, ["agent"])
            let result = try issuer.revokeByAgent(
                agentID: body.agentID, reason: body.reason, as: context.principal,
                requestID: context.requestID)
            return JSONCoding.response(
                RevokeByAgentResponse(
                    revoked: result.revoked, agentID: body.agentID ?? "",
                    reason: body.reason, revokedBefore: result.revokedBefore.rfc3339))
        }

        router.addAuthenticated("POST", "\(base)/kill-switch/minting", authenticator: services.apiKeys) {
            request, context in
            let body = try JSONCoding.decode(MintingSwitchRequest.self, from: request)
            let controls = try board.setMintingPaused(
                body.paused, reason: body.reason, as: context.principal,
                requestID: context.requestID)
            return JSONCoding.response(
                MintingSwitchResponse(
                    mintingPaused: controls.mintingPaused, reason: controls.pausedReason,
                    changedAt: controls.changedAt?.rfc3339))
        }

        router.addAuthenticated("POST", "\(base)/kill-switch/revoke-all", authenticator: services.apiKeys) {
            request, context in
            let body = try JSONCoding.decode(RevokeAllRequest.self, from: request)
            metrics.increment(ServerMetrics.revocations, ["all"])
            let at = try board.revokeAll(reason: body.reason, as: context.principal, requestID: context.requestID)
            return JSONCoding.response(RevokeAllResponse(allCredentialsRevokedAt: at.rfc3339, reason: body.reason))
        }

        router.addAuthenticated("GET", "\(base)/kill-switch/status", authenticator: services.apiKeys) { _, context in
            let controls = try board.status(of: context.principal)
            return JSONCoding.response(
                KillSwitchStatusResponse(
                    mintingPaused: controls.mintingPaused,
                    mintingPausedReason: controls.mintingPaused ? controls.pausedReason : nil,
                    allCredentialsRevokedAt: controls.allRevokedAt?.rfc3339))
        }
    }
}
