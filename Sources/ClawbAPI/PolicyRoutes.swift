import ClawbCore
import ClawbHTTP
import ClawbWire

/// Policies, decisions and approval links (API.md §5).
enum PolicyRoutes {
    static func register(on router: Router, services: APIServices) {
        let base = "\(APIMount.prefix)/v1"
        let book = services.policies
        let checker = services.checker

        router.addAuthenticated("GET", "\(base)/policies", authenticator: services.apiKeys) { _, context in
            JSONCoding.response(PolicyListResponse(items: try book.list(in: context.workspace.id).map(body(of:))))
        }

        router.addAuthenticated("GET", "\(base)/policies/{policy_id}", authenticator: services.apiKeys) {
            _, context in
            let policy = try book.policy(try context.request.parameter("policy_id"), in: context.workspace.id)
            return JSONCoding.response(PolicyResponse(policy: body(of: policy)))
        }

        router.addAuthenticated("PUT", "\(base)/policies/{policy_id}", authenticator: services.apiKeys) {
            request, context in
            let document = try JSONBody.value(of: request)
            let stored = try book.put(
                try context.request.parameter("policy_id"), document: document, as: context.principal,
                requestID: context.requestID)
            return JSONCoding.response(PolicyResponse(policy: body(of: stored)))
        }

        router.addAuthenticated("POST", "\(base)/check", authenticator: services.apiKeys) { request, context in
            // Parsed by JSONParser: `context` is free-form, which JSONDecoder decodes slowly.
            let body = try JSONBody(request)
            let result = try checker.check(
                PolicyChecker.Request(
                    agentID: try body.string("agent_id"), policyID: try body.string("policy_id"),
                    action: try body.string("action"), context: body.value("context")),
                as: context.principal, requestID: context.requestID)
            services.metrics.increment(ServerMetrics.policyDecisions, [result.decision.rawValue])
            return JSONCoding.response(
                CheckResponse(
                    decision: result.decision.rawValue, reasons: result.reasons, traceID: result.traceID.rawValue,
                    policyID: result.policyID, policyVersion: result.policyVersion,
                    challenge: result.challenge.map {
                        ChallengeBody(approvalID: $0.approvalID.rawValue, url: $0.url, expiresIn: $0.expiresIn)
                    }, retryAfterSeconds: result.retryAfter))
        }

        // Approval links: the token in the path is the bearer secret, so no other credential.
        router.add("GET", "\(base)/approvals/{token}") { _, context in
            JSONCoding.response(
                ApprovalResponse(approval: body(of: try checker.approval(token: try context.parameter("token")))))
        }
        for (verb, approve) in [("approve", true), ("deny", false)] {
            router.add("POST", "\(base)/approvals/{token}/\(verb)") { _, context in
                let approval = try checker.decide(
                    token: try context.parameter("token"), approve: approve, requestID: context.requestID)
                return JSONCoding.response(ApprovalResponse(approval: body(of: approval)))
            }
        }
    }

    static func body(of policy: StoredPolicy) -> PolicyBody {
        PolicyBody(
            policyID: policy.id, version: policy.version,
            updatedAt: policy.updatedAt.milliseconds == 0 ? nil : policy.updatedAt.rfc3339,
            document: policy.document.json)
    }

    static func body(of approval: Approval) -> ApprovalBody {
        ApprovalBody(
            approvalID: approval.id.rawValue, agentID: approval.agentID.rawValue, policyID: approval.policyID,
            action: approval.action, context: .object(approval.context), status: approval.status.rawValue,
            expiresAt: approval.expiresAt.rfc3339, decidedAt: approval.decidedAt?.rfc3339)
    }
}
