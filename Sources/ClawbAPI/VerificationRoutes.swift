import ClawbCore
import ClawbCrypto
import ClawbHTTP
import ClawbWire

/// Request-time proofs of identity: verify, heartbeats, token exchange (API.md §5).
enum VerificationRoutes {
    static func register(on router: Router, services: APIServices) {
        let base = "\(APIMount.prefix)/v1"

        router.addAuthenticated("POST", "\(base)/verify", authenticator: services.apiKeys) { request, context in
            let body = try JSONCoding.decode(SignedRequestFields.self, from: request)
            guard let agentID = body.agentID, !agentID.isEmpty else {
                throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
            }
            let answer = try services.verification.verify(
                try signedRequest(body, agentID: agentID, prefix: ""), as: context.principal,
                requestID: context.requestID)
            services.metrics.increment(ServerMetrics.verifications, [answer.reason?.rawValue ?? "valid"])
            return JSONCoding.response(
                answer.valid
                    ? VerifyResponse(
                        valid: true, agentID: answer.agentID, reason: nil, verifiedAt: answer.verifiedAt.rfc3339,
                        verificationTier: answer.verificationTier, riskTier: answer.riskTier, revoked: false)
                    : VerifyResponse(
                        valid: false, agentID: nil, reason: answer.reason?.rawValue, verifiedAt: nil,
                        verificationTier: nil, riskTier: nil, revoked: nil))
        }

        router.add("POST", "\(base)/telemetry/heartbeat") { request, context in
            let body = try JSONCoding.decode(HeartbeatRequest.self, from: request)
            let heartbeat = try services.heartbeats.record(
                HeartbeatLog.Report(agentID: body.agentID, status: body.status, latencyMilliseconds: body.latencyMs),
                signed: SignedRequest(
                    agentID: request.headers["X-Clawb-Agent-Id"], method: request.method, path: request.path,
                    timestamp: request.headers["X-Clawb-Timestamp"], nonce: request.headers["X-Clawb-Nonce"],
                    bodySHA256: SHA256.hexDigest(request.body), signature: request.headers["X-Clawb-Signature"]))
            return JSONCoding.response(
                HeartbeatResponse(
                    agentID: heartbeat.agentID.rawValue, status: heartbeat.status.rawValue,
                    recordedAt: heartbeat.createdAt.rfc3339))
        }

        router.addAuthenticated("GET", "\(base)/telemetry/heartbeat/recent", authenticator: services.apiKeys) {
            request, context in
            let items = try services.heartbeats.recent(
                agent: request.queryValue("agent_id"), limit: request.queryValue("limit"), as: context.principal)
            return JSONCoding.response(
                HeartbeatListResponse(
                    items: items.map {
                        HeartbeatItem(
                            agentID: $0.agentID.rawValue, status: $0.status.rawValue, latencyMs: $0.latencyMilliseconds,
                            createdAt: $0.createdAt.rfc3339)
                    }))
        }

        // A workspace key is optional here (the SDK sends none): when present it must be valid
        // and decides the workspace.
        router.add("POST", "\(base)/token/exchange") { request, context in
            let principal = try Router.presentedAPIKey(request).map {
                try services.apiKeys.authenticate(presentedKey: $0, requestID: context.requestID)
            }
            if let principal { context.workspaceID = principal.workspace.id.rawValue }
            let body = try JSONCoding.decode(ExchangeRequest.self, from: request)
            guard let agentID = body.agentID, !agentID.isEmpty else {
                throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
            }
            guard let fields = body.agentRequest else {
                throw DomainError(
                    .invalidSignedRequest, "agent_request with the signed request fields is required.",
                    field: "agent_request")
            }
            do {
                let minted = try ServerMetrics.countingRefusals(services.metrics, ServerMetrics.tokenExchanges) {
                    try services.credentials.exchange(
                        CredentialIssuer.ExchangeRequest(
                            agentID: agentID, audience: body.audience, scopes: body.scopes, policyID: body.policyID,
                            ttlSeconds: body.ttlSeconds, context: body.context, workspaceID: body.workspaceID,
                            agentRequest: try signedRequest(fields, agentID: agentID, prefix: "agent_request.")),
                        principal: principal, verifier: services.signedRequests, requestID: context.requestID)
                }
                services.metrics.increment(ServerMetrics.tokenExchanges, ["ok"])
                let credential = minted.credential
                return JSONCoding.response(
                    ExchangeResponse(
                        token: minted.token,
                        expiresIn: (credential.expiresAt.milliseconds - credential.issuedAt.milliseconds) / 1000))
            } catch let error as DomainError
                where [.invalidSignature, .timestampOutOfRange, .replayDetected].contains(error.code)
            {
                // reference.md §3.16: these are 400 on token exchange (401 on agent-signed routes).
                throw HTTPError(status: 400, code: error.code.rawValue, message: error.message)
            }
        }
    }

    /// The signed fields as the verifier takes them; malformed or missing fields are 400
    /// `invalid_signed_request` naming the field.
    static func signedRequest(_ fields: SignedRequestFields, agentID: String, prefix: String) throws -> SignedRequest {
        func invalid(_ name: String, _ sentence: String) -> DomainError {
            DomainError(.invalidSignedRequest, "\(prefix)\(name) \(sentence).", field: prefix + name)
        }
        guard let method = fields.method, !method.isEmpty, method.utf8.count <= 16,
            method.utf8.allSatisfy({ (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) })
        else { throw invalid("method", "must be an HTTP method") }
        guard let path = fields.path, path.hasPrefix("/"), path.utf8.count <= 2048, TextRules.isVisibleASCII(path)
        else {
            throw invalid("path", "must be a path starting with /")
        }
        let timestamp: String
        switch fields.timestampMs {
        case .integer(let value)?: timestamp = String(value)
        case .string(let text)?
        where !text.isEmpty && text.utf8.count <= 20 && text.utf8.allSatisfy({ (0x30...0x39).contains($0) }):
            timestamp = text
        default: throw invalid("timestamp_ms", "must be unix milliseconds")
        }
        guard let digest = fields.bodySHA256, digest.utf8.count == 64,
            digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { throw invalid("body_sha256", "must be 64 lowercase hex characters") }
        guard let nonce = fields.nonce, !nonce.isEmpty else { throw invalid("nonce", "is required") }
        guard let signature = fields.signatureB64, !signature.isEmpty else {
            throw invalid("signature_b64", "is required")
        }
        return SignedRequest(
            agentID: agentID, method: method.uppercased(), path: path, timestamp: timestamp, nonce: nonce,
            bodySHA256: digest, signature: signature)
    }
}
