import ClawbCore
import ClawbHTTP
import ClawbWire

/// Signed reputation feedback and agent reputations (workspace API key).
enum ReputationRoutes {
    static func register(on router: Router, services: APIServices) {
        let base = "\(APIMount.prefix)/v1/reputation"
        router.addAuthenticated("POST", "\(base)/feedback", authenticator: services.apiKeys) { request, context in
            // The HMAC covers the raw body bytes, so the body is handed over undecoded.
            try JSONCoding.requireJSONContentType(request)
            let feedback = try ServerMetrics.countingRefusals(services.metrics, ServerMetrics.feedbackRejected) {
                try services.reputation.submit(
                    timestamp: request.headers["X-Clawb-Feedback-Timestamp"],
                    nonce: request.headers["X-Clawb-Feedback-Nonce"],
                    signature: request.headers["X-Clawb-Feedback-Signature"], body: request.body,
                    as: context.principal, requestID: context.requestID)
            }
            services.metrics.increment(ServerMetrics.feedbackAccepted, [feedback.verdict.rawValue])
            return JSONCoding.response(
                FeedbackResponse(feedbackID: feedback.id.rawValue, receivedAt: feedback.receivedAt.rfc3339))
        }

        router.addAuthenticated("GET", "\(base)/agents/{agent_id}", authenticator: services.apiKeys) { _, context in
            let summary = try services.reputation.reputation(
                of: try context.request.parameter("agent_id"), as: context.principal)
            return JSONCoding.response(ReputationResponse(reputation: WireMapping.reputation(summary)))
        }
    }
}
