/// `POST /api/v1/reputation/feedback` answer.
public struct FeedbackResponse: Codable, Sendable {
    public var ok = true
    public var accepted = true
    public var feedbackID: String
    public var receivedAt: String

    public init(feedbackID: String, receivedAt: String) {
        self.feedbackID = feedbackID
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case ok, accepted
        case feedbackID = "feedback_id"
        case receivedAt = "received_at"
    }
}

/// An agent's reputation (API.md §7).
public struct ReputationBody: Codable, Sendable {
    public struct Signals: Codable, Sendable {
        public var windowDays: Int
        public var feedbackGood: Int
        public var feedbackBad: Int
        public var feedbackNeutral: Int
        public var workspacesReporting: Int
        public var policyDenials: Int
        public var authFailures: Int

        public init(
            windowDays: Int, feedbackGood: Int, feedbackBad: Int, feedbackNeutral: Int, workspacesReporting: Int,
            policyDenials: Int, authFailures: Int
        ) {
            self.windowDays = windowDays
            self.feedbackGood = feedbackGood
            self.feedbackBad = feedbackBad
            self.feedbackNeutral = feedbackNeutral
            self.workspacesReporting = workspacesReporting
            self.policyDenials = policyDenials
            self.authFailures = authFailures
        }

        enum CodingKeys: String, CodingKey {
            case windowDays = "window_days"
            case feedbackGood = "feedback_good"
            case feedbackBad = "feedback_bad"
            case feedbackNeutral = "feedback_neutral"
            case workspacesReporting = "workspaces_reporting"
            case policyDenials = "policy_denials"
            case authFailures = "auth_failures"
        }
    }

    public var agentID: String
    public var reputationBand: String
    public var riskTier: String
    public var verificationTier: String
    /// 0 to 1: the estimated probability that the next report about this agent is good.
    public var score: Double
    public var signalsSummary: Signals
    public var updatedAt: String

    public init(
        agentID: String, reputationBand: String, riskTier: String, verificationTier: String, score: Double,
        signalsSummary: Signals, updatedAt: String
    ) {
        self.agentID = agentID
        self.reputationBand = reputationBand
        self.riskTier = riskTier
        self.verificationTier = verificationTier
        self.score = score
        self.signalsSummary = signalsSummary
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case score
        case agentID = "agent_id"
        case reputationBand = "reputation_band"
        case riskTier = "risk_tier"
        case verificationTier = "verification_tier"
        case signalsSummary = "signals_summary"
        case updatedAt = "updated_at"
    }
}

/// `GET /api/v1/reputation/agents/{agent_id}`: the reputation with `ok`.
public struct ReputationResponse: Codable, Sendable {
    public var ok = true
    public var reputation: ReputationBody

    public init(reputation: ReputationBody) { self.reputation = reputation }

    /// Flat on the wire, as in API.md §7: `{"ok":true,"agent_id":...,"score":...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: OKKey.self)
        try container.encode(ok, forKey: .ok)
        try reputation.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        ok = try decoder.container(keyedBy: OKKey.self).decode(Bool.self, forKey: .ok)
        reputation = try ReputationBody(from: decoder)
    }

    enum OKKey: String, CodingKey { case ok }
}
